"""Unit tests for scripts/build_actor_kb.py on small hand-written TABARI snippets."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_actor_kb.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_actor_kb", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations via sys.modules
    spec.loader.exec_module(module)
    return module


bkb = _load_script()

COUNTRIES = """\
# comment line
RUSSIAN_FEDERATION_  [RUS]
+RUSSIAN
+RUSSIA_
+US_
+MOSCOW_
KREMLIN_
+RUSSIAN_WHITE_HOUSE
\t[RUSGOV]
VLADIMIR_PUTIN_  # CountryInfo.txt
+VLADIMIR_VLADIMIROVICH_PUTIN_
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV 991231-080507]
\t[RUSGOV >080508]
\t[RUSELI]
LEONID_BREZHNEV_  # CountryInfo.txt
SECRETARY_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
"""

INTERNATIONAL = """\
THE_UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
ABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl 21 Mar 13
+ARAB_REVOLUTIONARY_BRIGADES_+_FATAH_REVOLUTIONARY_COUNCIL_
Source: MNC.MLH.actors
NULL_ENTRY_ [---]
"""


def _parse(text: str, source: str, stats: Counter[str] | None = None) -> list:  # type: ignore[type-arg]
    return bkb.parse_dictionary(text.splitlines(), source, stats if stats is not None else Counter())


def _build() -> tuple[dict, list[tuple[str, str]]]:  # type: ignore[type-arg]
    stats: Counter[str] = Counter()
    entries = _parse(COUNTRIES, bkb.COUNTRY_FILE, stats)
    entries += _parse(INTERNATIONAL, "Phoenix.International.actors.txt", stats)
    actors = bkb.build_actors(entries, stats)
    return actors, bkb.build_alias_rows(actors, stats)


def test_parse_tabari_date_pivots_two_digit_years() -> None:
    assert bkb.parse_tabari_date("991231") == date(1999, 12, 31)
    assert bkb.parse_tabari_date("080507") == date(2008, 5, 7)
    assert bkb.parse_tabari_date("19240101") == date(1924, 1, 1)
    with pytest.raises(ValueError):
        bkb.parse_tabari_date("201005011")


def test_parse_code_field_restrictions() -> None:
    assert bkb.parse_code_field("RUSGOV >080508").render() == "RUSGOV:2008-05-08.."
    assert bkb.parse_code_field("USAGOV <20090120").render() == "USAGOV:..2009-01-20"
    assert bkb.parse_code_field("RUSELI 700101-990809").render() == ("RUSELI:1970-01-01..1999-08-09")
    assert bkb.parse_code_field("IGOUNO  >070201").render() == "IGOUNO:2007-02-01.."
    assert bkb.parse_code_field("RUSELI").render() == "RUSELI"
    # A six-digit birth year pivoted into the future is moved back a century.
    assert bkb.parse_code_field("ABCELI 290101-641014").start == date(1929, 1, 1)


def test_parse_code_field_errors() -> None:
    with pytest.raises(ValueError, match="null code"):
        bkb.parse_code_field("---")
    with pytest.raises(bkb.RestrictionError) as info:
        bkb.parse_code_field("ARMUNR 9008223-911221")
    assert info.value.code == "ARMUNR"


def test_parse_dictionary_records_and_merges() -> None:
    stats: Counter[str] = Counter()
    entries = _parse(COUNTRIES + INTERNATIONAL, bkb.COUNTRY_FILE, stats)
    by_name = {e.names[0]: e for e in entries}
    assert by_name["RUSSIAN FEDERATION"].names[1:3] == ["RUSSIAN", "RUSSIA"]
    assert [c.code for c in by_name["KREMLIN"].codes] == ["RUSGOV"]
    assert len(by_name["VLADIMIR PUTIN"].codes) == 4
    # A codeless primary line is merged into the record that follows (PETRARCH2 semantics).
    assert by_name["LEONID BREZHNEV"].names == ["LEONID BREZHNEV", "SECRETARY BREZHNEV"]
    # A stray '+' inside a synonym line yields two synonyms.
    assert by_name["ABU NIDAL ORGANIZATION"].names[1:] == [
        "ARAB REVOLUTIONARY BRIGADES",
        "FATAH REVOLUTIONARY COUNCIL",
    ]
    assert "NULL ENTRY" not in by_name
    assert stats["lines skipped: unparseable primary"] == 1
    assert stats["codes skipped: null code [---]"] == 1
    assert stats["records dropped: no usable code"] == 1


def test_normalize_alias() -> None:
    assert bkb.normalize_alias("U.S.") == "u.s."
    assert bkb.normalize_alias("SYRIA'S_GOVERNMENT") == "syria's government"
    assert bkb.normalize_alias("AL-NUSRA_FRONT_") == "al-nusra front"
    assert bkb.normalize_alias("ISLAMIC_ARMY_OF_ADEN_(IAA)_") == "islamic army of aden iaa"
    assert bkb.normalize_alias("WENDY'S/ARBY'S_") == "wendy's arby's"
    assert bkb.normalize_alias("-RECEP__TAYYIP_ERDOĞAN-") == "recep tayyip erdoğan"
    assert bkb.alias_variants("THE_ISLAMIC_STATE") == ["the islamic state", "islamic state"]


def test_alias_rejection() -> None:
    assert bkb.alias_rejection("us") is not None
    assert bkb.alias_rejection("un") is not None
    assert bkb.alias_rejection("who") is not None
    assert bkb.alias_rejection("u.s.") is None
    assert bkb.alias_rejection("united states") is None


def test_display_names() -> None:
    assert bkb.title_name("BASHAR AL ASSAD", bkb.PARTICLES) == "Bashar al Assad"
    assert bkb.title_name("COTE D'IVOIRE", bkb.SMALL_WORDS) == "Cote D'Ivoire"
    assert bkb.org_name("THE UNITED NATIONS") == "United Nations"
    assert bkb.org_name("FEDERAL SECURITY SERVICE (FSB)") == "Federal Security Service (FSB)"
    assert bkb.slugify("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"


def test_build_actors_types_ids_and_countries() -> None:
    actors, _ = _build()
    russia = actors["RUS"]
    assert (russia.type, russia.name, russia.country) == ("country", "Russia", "RUS")
    putin = actors["person:vladimir-putin"]
    assert (putin.type, putin.name, putin.country) == ("person", "Vladimir Putin", "RUS")
    assert ";".join(c.render() for c in putin.codes) == (
        "RUSELI:1970-01-01..1999-08-09;RUSGOV:1999-12-31..2008-05-07;RUSGOV:2008-05-08..;RUSELI"
    )
    assert (actors["RUSGOV"].type, actors["RUSGOV"].country) == ("org", "RUS")
    assert actors["person:leonid-brezhnev"].type == "person"
    un = actors["IGOUNO"]
    assert (un.name, un.country, un.entries) == ("United Nations", "", 2)
    assert actors["IMGMUSALQ"].country == ""


def test_alias_rows() -> None:
    _, rows = _build()
    table: dict[str, set[str]] = {}
    for alias, actor_id in rows:
        table.setdefault(alias, set()).add(actor_id)
    assert table["russia"] == {"RUS"}
    assert table["moscow"] == {"RUS"}
    assert table["kremlin"] == {"RUSGOV"}
    assert table["putin"] == {"person:vladimir-putin"}
    assert table["united nations"] == {"IGOUNO"}
    assert "us" not in table and "un" not in table
    assert rows == sorted(rows)

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.metadata import (
    find_explicit_date,
    outlet_from_text,
    outlet_from_url,
    parse_dateline,
)


def test_parse_dateline_wire_style() -> None:
    dateline = parse_dateline("ANKARA, March 4. /TASS/. The minister arrived today.")
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day) == ("Ankara", 3, 4)


def test_parse_dateline_agency_in_brackets() -> None:
    dateline = parse_dateline("BEIRUT (AFP) - Talks resumed on Sunday.")
    assert dateline is not None and dateline.place == "Beirut"


def test_parse_dateline_colon_style() -> None:
    dateline = parse_dateline("Geneva:The envoy met both delegations.")
    assert dateline is not None and dateline.place == "Geneva"


def test_parse_dateline_ignores_ordinary_sentences() -> None:
    assert parse_dateline("Officials in the capital said talks would resume.") is None


def test_find_explicit_date_from_stamp_lines() -> None:
    published = find_explicit_date(["Posted: 14 Feb 2019 09:00"])
    assert published is not None
    assert (published.date, published.how) == ("2019-02-14", "explicit")
    assert find_explicit_date(["Share this story"]) is None


def test_outlet_from_wire_markers_and_urls() -> None:
    assert outlet_from_text([], ["CAIRO, May 2. /TASS/. Something happened."], "") == "TASS"
    assert outlet_from_text(["(MENAFN- The Peninsula)"], [], "") == "The Peninsula"
    assert outlet_from_text([], ["Nothing here."], "an analyst told AFP on Monday") == "AFP"
    assert outlet_from_url("https://www.reuters.com/world/x") == "Reuters"
    assert outlet_from_text([], ["Nothing here."], "no marker") is None


def test_outlet_ids_come_from_the_table() -> None:
    from storyline.clean.metadata import outlet_id_for

    assert outlet_id_for("TASS") == "tass"
    assert outlet_id_for("Der Standard") == "derstandard"
    assert outlet_id_for("Some Blog") is None


def test_source_tag_is_only_outlet_names_in_round_brackets() -> None:
    from storyline.clean.metadata import source_tag

    for tag in ("(MENAFN- Gulf Times)", "(Reuters)", " (AFP / Anadolu Agency) ", "(CNN via AP)"):
        assert source_tag(tag), tag
    for line in ("(Walt Disney Co.)", "(Reed Saxon / Associated Press)", "(ap)",
                 "(Reporting by Jane Doe; Editing by John Roe)", "(Reuters) Officials said",
                 "[Wired]", "()", "(-)", "( / )", "(Guardian angels)", "Reuters"):
        assert not source_tag(line), line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("()-/|,: AaPRe&.'"), max_size=40) | st.text(max_size=130))
def test_source_tag_answers_any_line(line: str) -> None:
    from storyline.clean.metadata import source_tag

    assert source_tag(line) in (True, False)
    assert source_tag(f"({line})") in (True, False)

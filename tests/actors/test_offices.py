"""Tests for the office-holder table and the "title + name" matcher (own example sentences)."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources
from itertools import combinations

import pytest

from storyline.actors.offices import (
    OFFICES,
    OfficeMention,
    Term,
    find_office_mentions,
    load_offices,
    table_from_rows,
)

COLUMNS = ["country", "office", "title", "person", "aliases", "start", "end", "source"]

# Rows allowed to overlap another holder of the same office: acting holders beside a formal one
# and rival authorities. Each is listed in data/OFFICES.md ("Overlapping terms").
PARALLEL = {
    ("AFG", "head_of_state"): {"Mohammad Omar"},
    ("ISR", "head_of_government"): {"Ehud Olmert"},
    ("ISR", "head_of_state"): {"Dalia Itzik"},
    ("LBY", "head_of_state"): {"Mustafa Abdul Jalil", "Fayez al-Sarraj"},
    ("LBY", "head_of_government"): {"Mahmoud Jibril", "Fayez al-Sarraj", "Fathi Bashagha", "Osama Hamad"},
    ("YEM", "head_of_state"): {"Saleh Ali al-Sammad", "Mahdi al-Mashat"},
    ("YEM", "head_of_government"): {"Abdel-Aziz bin Habtour", "Ahmed al-Rahawi"},
    ("YEM", "foreign_minister"): {"Hisham Sharaf", "Jamal Amer"},
}


def _rows() -> list[dict[str, str]]:
    path = resources.files("storyline.actors") / "data" / "offices.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _spans(text: str) -> dict[str, str]:
    return {text[m.start:m.end]: m.person for m in find_office_mentions(text)}


def _only(text: str) -> OfficeMention:
    mentions = find_office_mentions(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


def _days(terms: tuple[Term, ...]) -> set[tuple[str, date, date | None]]:
    return {(t.office, t.start, t.end) for t in terms}


def test_offices_file_has_the_documented_columns() -> None:
    path = resources.files("storyline.actors") / "data" / "offices.tsv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == COLUMNS


def test_offices_rows_are_well_formed() -> None:
    rows = _rows()
    assert len(rows) > 500
    for row in rows:
        assert all(row[c] is not None and "\t" not in row[c] for c in COLUMNS), row
        assert len(row["country"]) == 3 and row["country"].isupper(), row
        assert row["office"] in OFFICES, row
        assert row["person"] and row["title"], row
        assert row["source"].startswith("https://en.wikipedia.org/wiki/"), row
        start = date.fromisoformat(row["start"])
        assert not row["end"] or start <= date.fromisoformat(row["end"]), row


def test_offices_rows_are_sorted_by_country_office_start() -> None:
    keys = [(r["country"], r["office"], r["start"]) for r in _rows()]
    assert keys == sorted(keys)


def test_offices_terms_do_not_overlap_except_documented_ones() -> None:
    table = load_offices()
    by_office: dict[tuple[str, str], list[Term]] = {}
    for term in table.terms:
        by_office.setdefault((term.country, term.office), []).append(term)
    for key, terms in by_office.items():
        for a, b in combinations(sorted(terms, key=lambda t: t.start), 2):
            if a.end is None or b.start < a.end:
                allowed = PARALLEL.get(key, set())
                assert a.person in allowed or b.person in allowed, (key, a.person, b.person)


def test_offices_cover_every_country_in_scope() -> None:
    countries = {t.country for t in load_offices().terms}
    assert {"USA", "RUS", "CHN", "GBR", "FRA", "DEU", "ITA", "JPN", "IND", "PAK", "TUR", "SYR", "IRN",
            "IRQ", "ISR", "PSE", "SAU", "EGY", "JOR", "LBN", "QAT", "ARE", "UKR", "KAZ", "AFG", "LBY",
            "YEM", "UNO", "NAT"} <= countries


def test_offices_putin_has_two_prime_minister_and_two_president_terms() -> None:
    assert _days(load_offices().terms_of("Putin")) == {
        ("head_of_government", date(1999, 8, 16), date(2000, 5, 7)),
        ("head_of_state", date(1999, 12, 31), date(2008, 5, 7)),
        ("head_of_government", date(2008, 5, 8), date(2012, 5, 7)),
        ("head_of_state", date(2012, 5, 7), None),
    }


def test_offices_alias_lookup_is_normalised() -> None:
    table = load_offices()
    assert table.terms_of("Erdoğan") == table.terms_of("Recep Tayyip Erdogan") != ()
    assert table.terms_of("Bashar al Assad") == table.terms_of("bashar al-assad") != ()
    assert table.terms_of("Nobody Inparticular") == ()


def test_offices_holders_on_a_day() -> None:
    table = load_offices()
    assert [t.person for t in table.holders("RUS", "head_of_state", date(2010, 1, 1))] == ["Dmitry Medvedev"]
    assert [t.person for t in table.holders("TUR", "head_of_government", date(2010, 1, 1))] == [
        "Recep Tayyip Erdogan"]
    assert [t.person for t in table.holders("USA", "foreign_minister", date(2015, 6, 1))] == ["John Kerry"]


def test_offices_mentions_span_country_title_and_name() -> None:
    text = "Russian President Dmitry Medvedev and Prime Minister Vladimir Putin opened the bridge."
    assert _spans(text) == {"Russian President Dmitry Medvedev": "Dmitry Medvedev",
                            "Prime Minister Vladimir Putin": "Vladimir Putin"}


def test_offices_mention_keeps_only_terms_fitting_the_title() -> None:
    mention = _only("Reporters waited as Prime Minister Vladimir Putin left the hall.")
    assert _days(mention.terms) == {("head_of_government", date(1999, 8, 16), date(2000, 5, 7)),
                                    ("head_of_government", date(2008, 5, 8), date(2012, 5, 7))}
    assert {t.office for t in _only("President Putin spoke briefly.").terms} == {"head_of_state"}


def test_offices_mention_needs_a_consistent_country() -> None:
    assert find_office_mentions("The Turkish President Vladimir Putin was a slip of the pen.") == []
    assert _only("Turkish Foreign Minister Mevlut Cavusoglu arrived.").terms[0].country == "TUR"


def test_offices_foreign_minister_synonyms() -> None:
    assert _only("U.S. Secretary of State John Kerry flew in.").terms[0].office == "foreign_minister"
    mention = _only("British Foreign Secretary Boris Johnson flew in.")
    assert {t.office for t in mention.terms} == {"foreign_minister"}
    assert _only("India's External Affairs Minister S. Jaishankar said.").person == "S. Jaishankar"


def test_offices_own_titles_must_equal_the_row_title() -> None:
    assert find_office_mentions("Chancellor Rishi Sunak presented the budget.") == []
    assert _only("German Chancellor Angela Merkel replied.").terms[0].office == "head_of_government"
    assert _only("Iranian President Hassan Rouhani replied.").terms[0].office == "head_of_government"


@pytest.mark.parametrize("text", [
    "Former President Bill Clinton gave a speech.",
    "The former Russian President Dmitry Medvedev gave a speech.",
    "Russia's former President Dmitry Medvedev gave a speech.",
    "The ex-Prime Minister Tony Blair gave a speech.",
    "A portrait of the late King Abdullah hung in the hall.",
    "It was signed by then-President George W. Bush in the spring.",
    "Supporters of ousted Egyptian President Mohamed Morsi marched.",
    "Vice President Joe Biden gave a speech.",
    "President-elect Donald Trump gave a speech.",
    "Taliban leader Mullah Omar was not seen.",
])
def test_offices_former_and_other_office_titles_give_no_mention(text: str) -> None:
    assert find_office_mentions(text) == []


def test_offices_apposition_after_the_name() -> None:
    assert _spans("Putin, the Russian prime minister, said the plan was fair.") == {
        "Putin, the Russian prime minister": "Vladimir Putin"}
    assert _spans("Lavrov, Russia's foreign minister, agreed.") == {
        "Lavrov, Russia's foreign minister": "Sergei Lavrov"}
    assert find_office_mentions("Putin, then prime minister, said the plan was fair.") == []


def test_offices_possessive_and_of_forms() -> None:
    assert _spans("Syria's President Bashar al-Assad met the envoy.") == {
        "Syria's President Bashar al-Assad": "Bashar al-Assad"}
    assert _spans("He met the President of Syria, Bashar al-Assad, in the capital.") == {
        "President of Syria, Bashar al-Assad": "Bashar al-Assad"}


def test_offices_honorifics_between_title_and_name() -> None:
    assert _only("Saudi Foreign Minister Prince Saud al-Faisal spoke.").person == "Saud al-Faisal"
    assert _only("Iran's Supreme Leader Ayatollah Ali Khamenei spoke.").person == "Ali Khamenei"


def test_offices_title_must_be_adjacent_to_the_name() -> None:
    assert find_office_mentions("Putin said the talks would go on.") == []
    assert find_office_mentions("After meeting the President, Putin said the talks would go on.") == []
    assert find_office_mentions("The president said that Putin would come.") == []


def test_offices_ambiguous_name_gives_one_mention_per_person() -> None:
    mentions = find_office_mentions("King Abdullah received the delegation.")
    assert {m.person for m in mentions} == {"Abdullah II", "Abdullah bin Abdulaziz"}
    assert {m.terms[0].country for m in mentions} == {"JOR", "SAU"}


def test_offices_matcher_works_on_a_hand_built_table() -> None:
    table = table_from_rows([
        {"country": "RUS", "office": "head_of_state", "title": "President", "person": "Ivan Petrov",
         "aliases": "Petrov", "start": "2001-02-03", "end": "", "source": "https://example.org"}])
    text = "On Monday Russian President Petrov opened a school."
    [mention] = find_office_mentions(text, table)
    assert (text[mention.start:mention.end], mention.person) == ("Russian President Petrov", "Ivan Petrov")
    assert mention.terms[0].covers(date(2020, 1, 1)) and not mention.terms[0].covers(date(2000, 1, 1))

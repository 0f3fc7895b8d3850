"""The places stage inside extraction, on short articles we wrote (spaCy model loaded)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storyline.records import Facts

FactsOf = Callable[[str], Facts]


def _places(facts: Facts) -> list[tuple[str, Any, Any]]:
    return [(m.span.text, m.place.country, m.place.feature_class) for m in facts.places]


def test_places_metonyms_stay_places(facts_of: FactsOf) -> None:
    facts = facts_of("Moscow said on Monday that Washington and Ankara had agreed to meet "
                     "again in the spring.")
    found = _places(facts)
    assert ("Moscow", "RUS", "city") in found and ("Ankara", "TUR", "city") in found
    assert any(text == "Washington" and country == "USA" for text, country, _ in found)


def test_places_demonyms_are_not_places(facts_of: FactsOf) -> None:
    facts = facts_of("Russian and Turkish diplomats met in Geneva on Tuesday to talk about "
                     "the grain corridor.")
    assert [text for text, _, _ in _places(facts)] == ["Geneva"]


def test_places_carry_spans_into_the_clean_text(facts_of: FactsOf) -> None:
    facts = facts_of("Storm closes roads\n\nHeavy snow closed roads around Springfield, "
                     "Illinois, on Friday, officials said, and schools kept their doors shut "
                     "for a second day.")
    text = facts.document.text
    for mention in facts.places:
        assert text[mention.span.start:mention.span.end] == mention.span.text
        assert facts.sentences[mention.span.sent_index].start <= mention.span.start
    assert ("Springfield", "USA", "city") in _places(facts)
    assert ("Illinois", "USA", "admin") in _places(facts)


def test_places_dateline_place_resolved(facts_of: FactsOf) -> None:
    facts = facts_of("ANKARA, May 2 (Reuters) - Ministers met on Monday to discuss trade "
                     "and the border crossings.")
    dateline = [m for m in facts.places if m.method == "dateline"]
    assert [(m.span.text, m.place.country) for m in dateline] == [("ANKARA", "TUR")]


def test_places_version_is_recorded(facts_of: FactsOf) -> None:
    facts = facts_of("Officials in Oslo said on Monday that the harbour would reopen to "
                     "ferries before the end of the month.")
    assert facts.stage_versions["places"] == "places.geonames.v1"

"""The shared dateline pattern (``storyline.datelines``) as cleaning reads it: joint datelines,
ordinal days, places in mixed case that a date or a region vouches for, and newsroom labels
that are no place. The example openings are written for these tests."""

from __future__ import annotations

import pytest

from storyline.clean.metadata import parse_dateline
from storyline.clean.outlets import wire_agency
from storyline.datelines import dateline_match

_LEAD = " The harbour board voted on Tuesday to extend the night curfew on the docks."

Read = tuple[str, int | None, int | None, int | None]


def _read(opening: str) -> Read | None:
    dateline = parse_dateline(opening + _LEAD)
    if dateline is None:
        return None
    return dateline.place, dateline.month, dateline.day, dateline.year


@pytest.mark.parametrize(("opening", "expected", "agency"), [
    ("HONG KONG/SINGAPORE, Jan 5 (Reuters) -", ("Hong Kong", 1, 5, None), "Reuters"),
    ("WASHINGTON/LONDON (Reuters) -", ("Washington", None, None, None), "Reuters"),
    ("PARIS/BERLIN/ROME, March 3 (AFP) -", ("Paris", 3, 3, None), "AFP"),
    ("Hong Kong/Singapore, Jan 5 (Reuters) -", ("Hong Kong", 1, 5, None), "Reuters"),
])
def test_datelines_joint_dateline_reads_its_first_town(
        opening: str, expected: Read, agency: str) -> None:
    assert _read(opening) == expected
    assert wire_agency(opening + _LEAD) == agency


def test_datelines_joint_dateline_keeps_its_other_towns_in_a_group() -> None:
    match = dateline_match("WASHINGTON/LONDON (Reuters) -" + _LEAD)
    assert match is not None and match.group("joint") == "LONDON"


@pytest.mark.parametrize(("opening", "expected"), [
    ("ABU DHABI, 5th January, 2024 (WAM) --", ("Abu Dhabi", 1, 5, 2024)),
    ("LONDON, 3rd March (Reuters) -", ("London", 3, 3, None)),
    ("LONDON, January 5th (Reuters) -", ("London", 1, 5, None)),
    ("CAIRO, 22ND MAY 2023 (MENA) -", ("Cairo", 5, 22, 2023)),
    ("Paris, 1st of June 2024 (AFP) -", ("Paris", 6, 1, 2024)),
])
def test_datelines_day_with_an_ordinal_suffix_is_read(opening: str, expected: Read) -> None:
    assert _read(opening) == expected


@pytest.mark.parametrize(("opening", "expected"), [
    ("Paris, Jan. 5 \u2013", ("Paris", 1, 5, None)),
    ("New Delhi, Jan 5:", ("New Delhi", 1, 5, None)),
    ("Boston, Mass., March 4, 2024 \u2014", ("Boston, Mass.", 3, 4, 2024)),
])
def test_datelines_mixed_case_place_with_a_date_is_a_dateline(opening: str, expected: Read) -> None:
    assert _read(opening) == expected


@pytest.mark.parametrize("opening", [
    "Effective Jan 5:",  # a stamp: no comma between the word and its date
    "Released, Jan 5 \u2014",
    "Monday, Jan 5 \u2014",
])
def test_datelines_a_stamp_before_a_date_is_no_dateline(opening: str) -> None:
    assert _read(opening) is None


@pytest.mark.parametrize(("opening", "place"), [
    ("Lagos, Nigeria \u2014", "Lagos, Nigeria"),
    ("Fort Worth, Texas \u2014", "Fort Worth, Texas"),
    ("Wagga Wagga, New South Wales -", "Wagga Wagga, New South Wales"),
])
def test_datelines_mixed_case_place_with_its_region_before_a_dash_is_a_dateline(
        opening: str, place: str) -> None:
    assert _read(opening) == (place, None, None, None)


@pytest.mark.parametrize("paragraph", [
    "Paris, France and Germany \u2014 the three signed the accord on Tuesday.",
    "Smith, Jones \u2014 both voted against the curfew on Tuesday.",
])
def test_datelines_a_sentence_of_capitalised_names_is_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize("opening", [
    "FILE -",
    "FILE PHOTO -",
    "NEW:",
    "MARKET WRAP \u2014",
    "KEY POINTS:",
    "SPOILER ALERT:",
    "LIVE UPDATES:",
    "MORNING BRIEFING \u2014",
    "AUDIO/VIDEO:",
])
def test_datelines_a_newsroom_label_is_no_place(opening: str) -> None:
    assert _read(opening) is None


@pytest.mark.parametrize(("opening", "place"), [
    ("NEWPORT NEWS \u2014", "Newport News"),  # "news" heads no label on its own
    ("SALE, England \u2014", "Sale, England"),  # a label's word with its country is a town
    ("PALM BEACH, Fla. \u2014", "Palm Beach, Fla."),
])
def test_datelines_places_like_labels_stay(opening: str, place: str) -> None:
    assert _read(opening) == (place, None, None, None)

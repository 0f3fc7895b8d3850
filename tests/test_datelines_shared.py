"""The shared dateline pattern (``storyline.datelines``) as cleaning reads it: joint datelines,
ordinal days, openings in mixed case that only look like a dateline, and newsroom labels that
are no place. The example openings are written for these tests."""

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


@pytest.mark.parametrize("opening", [
    # a place in mixed case with a date or its region alone before a dash: an event's line, a
    # pair of names, a byline or a headline has the same form, so none is taken (the town's
    # dateline in mixed case needs its agency, a wire or a colon)
    "Paris, Jan. 5 \u2013", "Concert, Jan. 5 \u2013", "Happy Birthday, March 3 \u2014",
    "Christmas Eve, Dec 24 \u2014", "Lagos, Nigeria \u2014", "Apple, Google \u2014",
    "Manchester United, Liverpool \u2014", "Ann Lee, Staff Writer \u2014",
    "Effective Jan 5:", "Released, Jan 5 \u2014", "Monday, Jan 5 \u2014",
    # words joined by a slash, with no date or agency after them: a pair, not towns
    "HIV/AIDS \u2014", "TV/RADIO \u2014", "AND/OR:", "Pros/Cons, Jan 5:",
    # three words joined by slashes: the middle one is no wire ("/TASS/." is one)
    "AUDIO/VIDEO/PHOTOS:", "UPDATE/CORRECTION/CLARIFICATION:", "Read/Watch/Listen \u2014",
    "HIV/AIDS/TB \u2014",
])
def test_datelines_openings_that_only_look_like_one_are_none(opening: str) -> None:
    assert _read(opening) is None


def test_datelines_a_standfirst_of_names_does_not_hide_the_dateline_below() -> None:
    from storyline.clean import clean
    from storyline.config import Settings
    from storyline.records import RawDoc
    text = ("Harbour talks resume\n\nUkraine, Russia \u2014 The talks resume on Friday.\n\n"
            "KYIV, Jan 5, 2024 (Reuters) - The two delegations met in the port on Friday "
            "morning, officials said, after weeks of delay.\n\nA second round is planned.")
    doc = clean(RawDoc("s.txt", text, "text/plain"), Settings())
    assert doc.dateline is not None and doc.dateline.place == "Kyiv"


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


@pytest.mark.parametrize(("opening", "wire"), [
    ("ATLANTA/PRNewswire/ --", "PRNewswire"),
    ("MOSCOW, December 28. /TASS/.", "TASS"),
    ("TORONTO, Jan. 5, 2024 /CNW/ -", "CNW"),
    ("MOSCOW /TASS/.", "TASS"),
])
def test_datelines_a_wire_between_slashes_is_read(opening: str, wire: str) -> None:
    match = dateline_match(opening + _LEAD)
    assert match is not None and match.group("wire") == wire

"""Datelines in the styles of the world's agencies and newspapers, and openings that only look
like one (a helper's probes). The example stories are written for these tests."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.metadata import parse_dateline, place_case
from storyline.config import Settings
from storyline.records import RawDoc

_BODY = ("the harbour board voted on Tuesday to extend the night curfew on the docks for another "
         "month, a spokeswoman said, after a string of thefts from parked lorries.\n\nThe board "
         "will review the curfew at its next meeting and may lift it early if the new lighting "
         "along the quay is finished before the autumn, she added.")


def _story_dateline(opening: str) -> tuple[str, int | None, int | None] | None:
    raw = RawDoc(source="probe.txt", text=f"{opening} {_BODY}", media_type="text/plain")
    dateline = clean(raw, Settings()).dateline
    return None if dateline is None else (dateline.place, dateline.month, dateline.day)


@pytest.mark.parametrize(("opening", "expected"), [
    ("KYIV, Ukraine (AP) — The", ("Kyiv, Ukraine", None, None)),
    ("NEW DELHI, Dec 3 (Reuters) - The", ("New Delhi", 12, 3)),
    ("Dubai, 5 January 2024 (WAM) -- The", ("Dubai", 1, 5)),
    ("NAIROBI, Kenya, June 3 (Reuters) - The", ("Nairobi, Kenya", 6, 3)),
    ("SÃO PAULO (Reuters) - The", ("São Paulo", None, None)),
    ("PORT-AU-PRINCE, Haiti — The", ("Port-au-Prince, Haiti", None, None)),
    ("ANKARA, Dec 5. /TASS/. The", ("Ankara", 12, 5)),
    ("KUALA LUMPUR: The", ("Kuala Lumpur", None, None)),
    ("Harbour curfew extended\nBy Ann Example\nGAZA CITY, Gaza Strip — The",
     ("Gaza City, Gaza Strip", None, None)),
])
def test_dateline_probes_agency_styles_read_whole(
        opening: str, expected: tuple[str, int | None, int | None]) -> None:
    assert _story_dateline(opening) == expected


@pytest.mark.parametrize(("place", "spelled"), [
    ("WASHINGTON, DC", "Washington, DC"),
    ("ABU DHABI, UAE", "Abu Dhabi, UAE"),
    ("LEEDS, UK", "Leeds, UK"),
    ("BALTIMORE, MD.", "Baltimore, Md."),  # an abbreviation with its full stop stays as before
    ("KYIV, UKRAINE", "Kyiv, Ukraine"),
    ("PANAJI, GOA", "Panaji, Goa"),  # three capitals are a name, not a code
    ("OWERRI, IMO", "Owerri, Imo"),
    ("SYDNEY, NSW", "Sydney, NSW"),  # a state's common code
])
def test_dateline_probes_place_case_keeps_a_short_code_in_capitals(place: str, spelled: str) -> None:
    assert place_case(place) == spelled


@pytest.mark.parametrize("opening", [
    "HOW IT WORKS: The",
    "WHAT HAPPENED — The",
    "ALSO READ: The",
    "THE BIG PICTURE — The",
    "PORT SAYS CURFEW STAYS — The",
    "IN BRIEF: The", "IN PICTURES: The", "ON THE RECORD: The", "NO COMMENT: The",
    "SO FAR — The",
])
def test_dateline_probes_a_label_or_headline_of_function_words_is_no_dateline(opening: str) -> None:
    assert parse_dateline(f"{opening} {_BODY}") is None


@pytest.mark.parametrize(("paragraph", "place"), [
    # a lead opens with capitalised titles, names and initials; it is no heading
    ("WASHINGTON — Attorney General Merrick B. Garland said on Tuesday the inquiry would "
     "go on.", "Washington"),
    ("NEW DELHI: Former Prime Minister Dr. Ann Example said on Tuesday the port would reopen.",
     "New Delhi"),
    # a city's name made of words the lead uses again
    ("SALT LAKE CITY — The city council voted on Tuesday to protect the lake.", "Salt Lake City"),
    ("PARK CITY — The city council approved a new parking garage on Tuesday.", "Park City"),
    ("COLLEGE STATION — A college student was found near the station on Tuesday.",
     "College Station"),
    ("NEW HAVEN — New Haven's harbour board voted on Tuesday.", "New Haven"),
    # places that hold a word that is grammar elsewhere
    ("MAY PEN — The council voted on Tuesday.", "May Pen"),
    ("MY THO — The port reopened on Tuesday.", "My Tho"),
    ("RIO DO SUL — The river rose on Tuesday.", "Rio do Sul"),
    ("AS SALT — The council voted on Tuesday.", "As Salt"),
])
def test_dateline_probes_real_datelines_the_headline_test_keeps(paragraph: str, place: str) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None and dateline.place == place


@pytest.mark.parametrize(("paragraph", "place"), [
    ("NEW YORK: A new musical opened on Broadway on Tuesday, its producers said.", "New York"),
    ("ISLAMABAD: Prime Minister Ann Example said on Monday the port would reopen.", "Islamabad"),
    ("MOSCOW, December 28. /TASS/.", "Moscow"),  # a dateline on a line of its own
    ("THE HAGUE — The court adjourned on Tuesday.", "The Hague"),
    ("HO CHI MINH CITY — The port reopened on Tuesday.", "Ho Chi Minh City"),
    ("PORT SAID — The canal authority said ships were moving again on Tuesday.", "Port Said"),
    ("CAN THO, Vietnam — The port reopened on Tuesday.", "Can Tho, Vietnam"),
])
def test_dateline_probes_datelines_like_the_negatives_stay(paragraph: str, place: str) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None and dateline.place == place


@pytest.mark.parametrize("paragraph", [
    "WASHINGTON state officials said on Tuesday the port would reopen.",
    "“LONDON — it's over,” he said, and the board agreed.",
    "(CNN) — The harbour board voted on Tuesday.",
])
def test_dateline_probes_sentences_stay_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_dateline_probes_a_letters_salutation_is_no_dateline() -> None:
    assert parse_dateline("DEAR READERS: Our harbour column moves to Tuesdays next month.") is None

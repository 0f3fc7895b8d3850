"""Written date forms the publication-date inference reads (storyline.clean.pubdate), and the
look-alikes it must not read: month names in capitals, the apostrophe year, year-first dotted
dates, abbreviated months and ordinals; versions, scores, times, phone numbers, codes and
headlines in capitals.

Every sentence here is invented; ``NOW`` is fixed so that results do not move with the clock.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.pubdate import find_mentions, infer_published

NOW = date(2026, 6, 1)


def _full_dates(text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(m.year, m.month, m.day) for m in find_mentions(text) if m.kind == "full"]


@pytest.mark.parametrize(
    "written",
    [
        "DEC. 18, 2015", "DECEMBER 18, 2015", "18 DECEMBER 2015", "Dec 18 '15", "18 Dec '15",
        "Dec. 18, \u201915", "2015.12.18", "2015/12/18", "2015-12-18", "December 18th, 2015",
        "the 18th of December 2015", "18th December, 2015",
    ],
)
def test_pubdate_forms_full_date_is_read(written: str) -> None:
    assert _full_dates(f"The council approved the budget on {written}, officials said.") \
        == [(2015, 12, 18)]


@pytest.mark.parametrize("written", ["Sept. 5, 2016", "Sept 5, 2016", "Sep 5 2016", "SEPT. 5, 2016"])
def test_pubdate_forms_abbreviated_september_is_read(written: str) -> None:
    assert _full_dates(f"Voting closed on {written} in the north.") == [(2016, 9, 5)]


@pytest.mark.parametrize(
    "written", ["DEC. 18, 2015", "18 DECEMBER 2015", "Dec 18 '15", "18 Dec '15", "2015.12.18"]
)
def test_pubdate_forms_story_is_dated_by_its_full_date(written: str) -> None:
    published = infer_published(f"The council approved the budget on {written}, officials said.",
                                now=NOW)
    assert published is not None
    assert published.date == "2015-12-18"
    assert written in published.evidence


def test_pubdate_forms_apostrophe_year_takes_its_century_as_strptime_does() -> None:
    assert _full_dates("The plant shut on Mar 3 '98 and reopened on 4 Jun '05.") \
        == [(1998, 3, 3), (2005, 6, 4)]


def test_pubdate_forms_month_and_apostrophe_year_is_a_month_year() -> None:
    found = [(m.kind, m.year, m.month) for m in find_mentions("He joined the club in March '15.")]
    assert found == [("month_year", 2015, 3)]


def test_pubdate_forms_wire_day_month_in_capitals_is_read() -> None:
    found = [(m.kind, m.month, m.day) for m in
             find_mentions("MOSCOW, DECEMBER 28 (Reuters) - The ministry said on Monday it would act.")]
    assert found == [("day_month", 12, 28)]


def test_pubdate_forms_weekday_date_in_capitals_fixes_the_year() -> None:
    text = ("The board met on FRIDAY, DECEMBER 18, a spokesman said on Wednesday. Prices have "
            "risen since March 2015.")
    published = infer_published(text, now=date(2016, 6, 1))
    assert published is not None
    assert published.date == "2015-12-16"
    assert "FRIDAY, DECEMBER 18" in published.evidence


def test_pubdate_forms_newspaper_name_in_capitals_is_no_weekday() -> None:
    kinds = [m.kind for m in find_mentions("THE SUN, MARCH 12 edition ran the story.")]
    assert kinds == ["day_month"]


@pytest.mark.parametrize(
    "text",
    [
        "Install firmware version 3.12.2015 first.",
        "The manual covers version 6.6 2008.06.13 of the tool.",
        "Build 2015.12.18 fixes the crash.",
        "The host 2015.12.18.1 and the key 1.2015.12.18 answered.",
        "The hosts won 2-1 after a goal at 12.30 on the clock.",
        "Call 555.123.4567 or 020 7946 0958 for tickets.",
        "The '15 season was the club's worst.",
        "Part DEC-2015-01 was recalled.",
        "In March 5,000 people marched.",
        "Lenders charge APR 5.9% on the loans.",
    ],
)
def test_pubdate_forms_look_alike_is_no_date(text: str) -> None:
    assert [m for m in find_mentions(text) if m.day is not None] == []


@pytest.mark.parametrize(
    "text", ["MARCH 4 JUSTICE RALLY HELD", "WORKERS MAY 1 DAY STRIKE", "TOP 10 MAY SURPRISE YOU",
             "MAR 3-PEAT IS ON"],
)
def test_pubdate_forms_headline_in_capitals_is_no_date(text: str) -> None:
    assert find_mentions(text) == []


def test_pubdate_forms_listing_run_dates_nothing() -> None:
    text = "The theatre presents a dance show.\n\n2018.04.05 ~ OPEN RUN\n\nTue - Sat 4PM"
    assert [m.hedged for m in find_mentions(text)] == [True]
    assert infer_published(text, now=NOW) is None


def test_pubdate_forms_both_ends_of_a_run_date_nothing() -> None:
    text = "Tickets for 2019.03.01 ~ 2019.04.30 are on sale."
    assert [(m.day, m.hedged) for m in find_mentions(text)] == [(1, True), (30, True)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["DEC.", "18", "'15", "2015.12.18", "~", "MAY", "version", ",",
                                 " ", "\n", "\u2019", "Sept", "18th", "of", "MARCH", "JUSTICE"]),
                max_size=12))
def test_pubdate_forms_property_mentions_stay_inside_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    found = find_mentions(text)
    assert all(0 <= m.start < m.end <= len(text) for m in found)
    assert find_mentions(text) == found

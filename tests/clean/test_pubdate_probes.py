"""Publication dates an analyst would dispute, found by probing with invented stories.

Every sentence here is invented; ``NOW`` is fixed so that results do not move with the clock.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import clean
from storyline.clean.pubdate import (
    MIN_CONFIDENCE,
    find_mentions,
    gather_clues,
    infer_publication,
    infer_published,
)
from storyline.config import Settings
from storyline.records import Published, RawDoc

NOW = date(2026, 11, 26)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _dated_story(sentences: int) -> str:
    """A long story with a date, an age or a relative expression in most sentences."""
    parts = []
    for i in range(sentences):
        day = date(1995, 1, 1) + timedelta(days=i * 37 % 11000)
        month = _MONTHS[day.month - 1]
        parts.append((
            f"Rebels attacked the town on {month} {day.day}, {day.year}, officials said.",
            f"The army said on {_WEEKDAYS[day.weekday()]}, {day.day} {month}, that it withdrew.",
            f"The 14-month siege began in {month} {day.year}, and the siege goes on.",
            f"Last month, on {day.day} {month} {day.year}, the ceasefire collapsed.",
            f"Two years since the flood of {month} {day.year}, farmers still wait.",
            "Residents fled as shells hit the market and the hospital ran out of fuel.",
        )[i % 6])
    return "\n\n".join(" ".join(parts[i:i + 5]) for i in range(0, len(parts), 5))


def _seconds(text: str) -> float:
    begin = time.perf_counter()
    infer_publication(text, None, NOW)
    return time.perf_counter() - begin


def test_pubdate_time_grows_with_the_text_not_its_square() -> None:
    # a 2 MB text full of dates took hours: each age phrase looked at every dated mention,
    # each mention at every one found before it
    small, large = _dated_story(300), _dated_story(1200)
    _seconds(small)  # warm the caches of the world tables
    ratio = min(_seconds(large) for _ in range(2)) / min(_seconds(small) for _ in range(2))
    assert ratio < 8, ratio  # four times the text: about four times the time, not sixteen


def _day(text: str, now: date = NOW) -> str | None:
    published = infer_published(text, None, now)
    return published.date if published else None


# --- tense and the reference date ------------------------------------------------------------


def test_pubdate_weekday_of_a_full_date_is_not_the_publication_weekday() -> None:
    # "Friday, December 19, 2015" names the date's own weekday (wrongly: it was a Saturday);
    # read as the day the story came out, it moved the answer to the next Friday, Christmas
    text = "Rebels attacked the garrison on Friday, December 19, 2015, officials said."
    assert _day(text) == "2015-12-19"


def test_pubdate_date_before_a_future_verb_is_ahead_of_the_story() -> None:
    # the future marker follows the date: the vote's day, ahead of the story, not the day
    # the story reports (but "those killed on March 3, 2019 will be buried" names a deed
    # done: the story is after it, see test_pubdate_review)
    text = "The referendum on March 3, 2019 will decide the dispute, the minister said."
    assert _bounds(text) == []
    assert _day(text) is None


def test_pubdate_neutral_date_past_the_reference_date_is_a_plan() -> None:
    # a story written by NOW that names a day months after it speaks of a plan, not the past
    text = ("The summit, on June 4, 2027, is the first in a decade. Ministers met on Monday, "
            "November 23, to prepare it.")
    assert _day(text) == "2026-11-23"
    assert _day("The summit, on June 4, 2027, is the first in a decade.") is None


def test_clean_stated_date_stands_against_a_date_past_the_reference_date() -> None:
    # the text's plan is no sign that the page's date is stale, and the date it implies may
    # not lie after the reference date
    body = ("The summit, on June 4, 2027, is the first in a decade, the minister said on "
            "Tuesday. Opposition parties said they would campaign against the proposal in "
            "every province of the country before the vote.")
    raw = RawDoc("a.txt", body, "text/plain", meta=(("date", "2026-11-20"),))
    published = clean(raw, Settings(reference_date=NOW, text_is_clean=True)).published
    assert published == Published("2026-11-20", "metadata", "input record: 2026-11-20", 0.95)


def _bounds(text: str) -> list[tuple[date | None, date | None]]:
    return [(c.lo, c.hi) for c in gather_clues(text, find_mentions(text), None, NOW)
            if c.rule == "bound"]


# --- dates the story looks back on ---------------------------------------------------------


def test_pubdate_anniversary_date_is_history_not_news() -> None:
    # "the anniversary of ... March 16, 1998": the story is a year or more later, so the
    # date may not open the 90 days a recent date does
    text = "Survivors marked the anniversary of the massacre of March 16, 1998, on Friday."
    assert _day(text) is None


def test_pubdate_counted_anniversary_dates_the_story() -> None:
    text = "Survivors marked the 20th anniversary of the massacre of March 16, 1998, on Friday."
    day = _day(text)
    assert day is not None and "2018-03-09" <= day <= "2018-03-23", day


def test_pubdate_years_ago_counts_from_the_date() -> None:
    text = ("Twenty years ago, on March 16, 1998, the massacre shocked the region. Survivors "
            "gathered at the memorial on Friday.")
    day = _day(text)
    assert day is not None and day.startswith("2018"), day


def test_pubdate_weekday_date_of_last_year_is_not_this_weeks() -> None:
    # Friday 18 December fits 2015 (after 2014) but "last year" puts the story in 2016
    text = ("Last year, on Friday, December 18, rebels seized the dam. The war erupted in 2014, "
            "officials said.")
    day = _day(text)
    assert day is None or day >= "2016-01-01", day


def test_pubdate_yesterday_with_its_date_is_the_day_before_publication() -> None:
    text = "Rebels seized the dam yesterday, December 17, 2015, officials said."
    assert _day(text) == "2015-12-18"
    text = "Rebels seized the dam today, Friday, December 18. The war erupted in 2014."
    assert _day(text) == "2015-12-18"


# --- date formats --------------------------------------------------------------------------


def test_pubdate_dotted_and_unambiguous_slashed_dates_are_read() -> None:
    for text in ("Fighting resumed on 18.12.2015 near the airport.",
                 "Fighting resumed on 12/18/2015 near the airport.",
                 "Fighting resumed on 18/12/2015 near the airport.",
                 "Fighting resumed on 2015/12/18 near the airport."):
        assert [(m.kind, m.year, m.month, m.day) for m in find_mentions(text)] == [
            ("full", 2015, 12, 18)], text
    # day and month could swap: no reading is better than a wrong one
    assert find_mentions("Fighting resumed on 07/05/2015 near the airport.") == []
    assert find_mentions("Version 1.2.2015 of the app, build 3.45.") == []


# --- confidence ----------------------------------------------------------------------------


def test_pubdate_years_a_far_date_cannot_choose_between_are_a_guess() -> None:
    # a Friday 18 December after 2001: 2009, 2015 or 2020; the war's start, years before
    # each, says nothing of which (it was 2009 at 0.55, "nearest" the start)
    text = ("KABUL, Dec 18 (Wire) - Rebels seized the town on Friday, officials said. The war "
            "began in 2001.")
    inference = infer_publication(text, None, NOW)
    assert inference is not None and inference.confidence < MIN_CONFIDENCE
    assert infer_published(text, None, NOW) is None


def test_pubdate_a_year_just_before_one_reading_chooses_it() -> None:
    # the issue's own case: Friday 18 December just after a 2014 dispute is 2015, not 2020
    text = ("Leaders will meet this Friday, December 18, to discuss the border dispute that "
            "erupted in 2014.")
    published = infer_published(text, None, NOW)
    assert published is not None and published.date == "2015-12-18"


# --- stated dates ----------------------------------------------------------------------------


def test_clean_placeholder_record_date_is_no_date() -> None:
    # 1970-01-01 (a zero timestamp), 1900-01-01, 0001-01-01, 9999-12-31: a database's "no
    # date", stated at 0.95 as the day the story came out; the story's own date stands instead
    dated = ("Rebels attacked the garrison on Friday, December 18, 2015, officials said. The "
             "ministry gave no figures for the wounded and said the road to the town stayed shut.")
    undated = dated.replace(" on Friday, December 18, 2015,", "")
    for value in ("1970-01-01T00:00:00Z", "1969-12-31T19:00:00-05:00", "1900-01-01",
                  "0001-01-01", "9999-12-31"):
        settings = Settings(reference_date=NOW, text_is_clean=True)
        raw = RawDoc("a.txt", dated, "text/plain", meta=(("date", value),))
        published = clean(raw, settings).published
        assert published is not None and published.how == "inferred", value
        assert published.date == "2015-12-18", value
        raw = RawDoc("a.txt", undated, "text/plain", meta=(("date", value),))
        assert clean(raw, settings).published is None, value


# --- evidence ----------------------------------------------------------------------------------


def test_pubdate_evidence_names_the_paragraph_of_a_repeated_phrase() -> None:
    # "said on Monday" thrice: the analyst must find the one the date was read from
    text = ("Aid groups said on Monday that roads were closed.\n\n"
            "Rescuers reached the village on 2 October 2019, the army said on Monday.\n\n"
            "The governor said on Monday that 40 were missing.")
    published = infer_published(text, None, NOW)
    assert published is not None
    assert published.evidence == "said on Monday (paragraph 1) | village on 2 October 2019"


def test_pubdate_the_anniversarys_own_day_is_recent() -> None:
    # the date before "the first anniversary of" is the anniversary, not the event it marks
    text = "On March 3, 2019, the first anniversary of the attack, survivors laid wreaths."
    assert _day(text) == "2019-03-03"


_TRICKY = st.sampled_from([
    "yesterday", "today", "tomorrow", ",", "Friday", "Monday", "December", "February", "29",
    "18", "31", "2015", "2016", "1998", "18.12.2015", "12/18/2015", "31/31/2015", "2015/12/18",
    "29.02.2015", "2016-02-29", "the", "20th", "twenty-fifth", "a", "anniversary", "of", "ago",
    "years", "decades", "last", "year", "will", "on", "said", ".", "\n\n", "siege", "14-month",
    "began", "in", "since", "two", "'s", "(", ")",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRICKY, max_size=40), st.dates(min_value=date(1995, 1, 1),
                                                  max_value=date(2035, 1, 1)))
def test_pubdate_property_new_rules_never_raise_and_name_their_evidence(
    words: list[str], now: date
) -> None:
    text = " ".join(words)
    first = infer_published(text, None, now)
    assert first == infer_published(text, None, now)
    if first is not None:
        assert first.how in ("inferred", "dateline") and 0.0 <= first.confidence <= 1.0
        assert first.evidence


def test_pubdate_anniversary_ahead_of_its_day_is_after_the_date_it_marks() -> None:
    # "will mark" and "next week" are the anniversary's, not March 3, 2019's: the story is
    # the week before the first anniversary, not before the attack
    text = ("Survivors will mark the first anniversary of the March 3, 2019 attack next week, "
            "the mayor said.")
    day = _day(text)
    assert day is not None and "2020-02-18" <= day <= "2020-03-17", day

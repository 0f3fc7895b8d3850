"""Publication dates the clean stage v24 rules (anniversaries, "N years ago", "last year",
yesterday/today/tomorrow, a date before "will"/"is to", dotted dates) lost or moved, found by
reviewing them against the rules before: each text here was dated right before v24.

Every sentence here is invented; ``NOW`` is fixed so that results do not move with the clock.
"""

from __future__ import annotations

from datetime import date

from storyline.clean.pubdate import find_mentions, gather_clues, infer_published

NOW = date(2026, 11, 26)


def _day(text: str) -> str | None:
    published = infer_published(text, None, NOW)
    return published.date if published else None


def _rules(text: str) -> list[str]:
    return [c.rule for c in gather_clues(text, find_mentions(text), None, NOW)]


def _lower_bounds(text: str) -> list[date]:
    return [c.lo for c in gather_clues(text, find_mentions(text), None, NOW)
            if c.rule == "bound" and c.lo]


# --- a date before a future verb -----------------------------------------------------------


def test_pubdate_past_participles_date_before_a_future_verb_is_a_floor() -> None:
    # "signed on May 4, 2019" happened; "is to be ratified" is the treaty's next step, not
    # the signing's: the story is after the signing (hedged, it dated nothing)
    assert _day("The deal signed on May 4, 2019 is to be ratified by parliament, the minister "
                "said.") == "2019-05-04"
    assert _day("The bridge, opened on 12 May 2020, is to close for repairs, the council said "
                "on Monday.") == "2020-05-18"
    assert _lower_bounds("Those killed on March 3, 2019 will be buried on Sunday.") != []


def test_pubdate_is_to_blame_and_due_to_a_cause_are_no_future_verbs() -> None:
    assert _day("The agreement of May 4, 2019 is to blame for the shortages, critics said on "
                "Monday.") == "2019-05-06"
    assert _lower_bounds("The drought of March 2019 is due to the failed rains, experts "
                         "said.") != []


def test_pubdate_event_dated_before_a_future_verb_stays_open() -> None:
    # no participle: the vote may lie ahead of the story (the v24 rule stands)
    assert _day("The referendum on March 3, 2019 will decide the dispute, the minister "
                "said.") is None


# --- looking back --------------------------------------------------------------------------


def test_pubdate_anniversary_looks_back_only_through_its_of_phrase() -> None:
    # "anniversary celebration", "anniversary edition": the date is the day of the event
    # itself, not one years before the story
    assert _day("The 5th anniversary celebration of the company took place on 3 March "
                "2019.") == "2019-03-03"
    assert _day("Anniversary celebrations were held on June 6, 2021 across the "
                "country.") == "2021-06-06"
    assert _day("The band, which played its anniversary concert on 12 May 2019, split up on "
                "Monday.") == "2019-05-13"


def test_pubdate_anniversary_does_not_reach_into_the_next_clause() -> None:
    assert _day("On the 10th anniversary of his death, fans gathered at his grave on 12 May "
                "2019.") == "2019-05-12"
    assert _day("On the anniversary of the revolution, crowds gathered on 14 January 2021 in "
                "the capital.") == "2021-01-14"


def test_pubdate_anniversary_day_after_now_is_the_anniversarys_own() -> None:
    # 20 years after March 16, 2018 is after NOW: the date is the day of the anniversary
    assert _day("Survivors marked the 20th anniversary of the massacre on March 16, "
                "2018.") == "2018-03-16"


def test_pubdate_years_ago_looks_back_only_on_the_date_beside_it() -> None:
    # "elected two years ago" and "fell on Monday, March 2, 2020" are two events: the story
    # is not two years after the fall
    assert _day("The government, elected two years ago, fell on Monday, March 2, "
                "2020.") == "2020-03-02"
    assert _day("The company reported record profits on March 5, 2021, up from losses two "
                "years ago.") == "2021-03-05"
    assert _day("The dam, built 40 years ago, burst on 3 March 2019, killing 12.") == "2019-03-03"


def test_pubdate_years_ago_beside_its_date_still_counts() -> None:
    assert _day("The attack happened on March 3, 2019, three years ago.") == "2022-03-03"
    assert _day("Three days ago, on Monday, March 2, 2020, protesters blocked the "
                "road.") == "2020-03-05"


def test_pubdate_last_year_elsewhere_in_the_sentence_moves_no_date() -> None:
    # "since last year", "than last year", "relegated last year", "last year's champion":
    # another time than the weekday-date's own
    for text in ("Sales rose on Friday, December 18, to their highest level since last year, "
                 "the company said. The firm was listed in 2015.",
                 "On Friday, December 18, the minister said turnout was lower than last year. "
                 "The party was founded in 2015.",
                 "The club, relegated last year, won on Friday, December 18. The league began "
                 "in 2015.",
                 "Last year's champion lost on Friday, December 18, the club said. The league "
                 "began in 2015."):
        assert _day(text) == "2015-12-18", text


def test_pubdate_last_year_beside_a_date_still_moves_it() -> None:
    assert "relative" in _rules("Rebels seized the dam on December 18 last year, officials "
                                "said. The war erupted in 2014.")


# --- yesterday, today, tomorrow ------------------------------------------------------------


def test_pubdate_today_in_a_quote_is_the_speakers_day() -> None:
    # the speech is dated by "today"; the story that reports it may be later
    assert _day("\u201cToday, 3 March 2019, our nation mourns,\u201d the president said. Crowds "
                "gathered on Monday.") == "2019-03-04"
    assert _day("The president said: \u201cTomorrow, March 4, we vote.\u201d Polls opened on "
                "Monday, March 4, 2019.") == "2019-03-04"
    assert "deictic" not in _rules('"We met yesterday, December 17, 2015," the envoy said.')


def test_pubdate_deictic_does_not_reach_past_a_full_stop() -> None:
    assert "deictic" not in _rules("Markets fell today. March 3, 2019 had been the last "
                                   "rally, traders said.")
    # nor the weekday's test of the date after it
    assert _day("The ministry confirmed the figures on Friday. 19 December 2015 was the "
                "deadline for the report.") == "2015-12-25"


def test_pubdate_today_with_a_day_month_alone_leaves_the_year_open() -> None:
    # "today (Nov. 18)" names the day but not the year; a background year before it (the
    # observations "through May 2017") does not choose one
    text = ("The study, published online today (Nov. 18) in a journal, confirms the plumes. "
            "The team watched the moon for 17 nights from February 2016 through May 2017.")
    assert _day(text) is None


# --- dotted dates --------------------------------------------------------------------------


def test_pubdate_version_number_is_no_dotted_date() -> None:
    assert find_mentions("The update brings firmware version 3.12.2015 to the phones.") == []
    assert find_mentions("The firm shipped build 14.06.2018 of its app.") == []

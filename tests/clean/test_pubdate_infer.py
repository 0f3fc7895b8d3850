"""Publication-date inference from internal evidence (storyline.clean.pubdate).

Every sentence here is invented; ``NOW`` is fixed so that results do not move with the clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import dateelapsed, datemention, daterules, datescore
from storyline.clean.pubdate import (
    MIN_CONFIDENCE,
    find_mentions,
    gather_clues,
    infer_publication,
    infer_published,
)
from storyline.records import Dateline

NOW = date(2026, 6, 1)


def _day(text: str, dateline: Dateline | None = None, now: date = NOW) -> str | None:
    published = infer_published(text, dateline, now)
    return published.date if published else None


# --- rule 1: weekday + day-month ------------------------------------------------------------


def test_pubdate_weekday_date_fixes_year_and_weekday_fixes_day() -> None:
    text = ("Engineers have patched the dam since June 2010. The council voted on Monday to "
            "reopen the bridge this Thursday, 9 March, the mayor's office said.")
    published = infer_published(text, now=date(2019, 1, 1))
    assert published is not None
    # Thursday 9 March falls in 2017 only between June 2010 and 2019; the Monday before it.
    assert published.date == "2017-03-06"
    assert published.how == "inferred"
    assert published.confidence >= 0.8
    assert "this Thursday, 9 March" in published.evidence
    assert "voted on Monday" in published.evidence


def test_pubdate_weekday_date_parenthesised_past() -> None:
    text = ("The ferry line, closed since a 2018 storm, reopened on Tuesday (October 8) with "
            "two boats, the operator said.")
    assert _day(text, now=date(2021, 1, 1)) == "2019-10-08"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels withdrew on Tuesday, March 3, from the hills.", (1, 3, 3, "neutral")),
        ("Polls close on Monday (13 November) at noon.", (0, 11, 13, "neutral")),
        ("The ferry sails this Saturday 21 August.", (5, 8, 21, "future")),
        ("Crowds gathered last Friday, the 5th of June.", (4, 6, 5, "past")),
    ],
)
def test_pubdate_weekday_date_forms(text: str, expected: tuple[int, int, int, str]) -> None:
    found = [(m.weekday, m.month, m.day, m.tense) for m in find_mentions(text) if m.kind == "weekday_date"]
    assert found == [expected]


def test_pubdate_weekday_date_without_other_evidence_takes_latest_year() -> None:
    text = "The summit will open this Thursday, 9 March, a spokeswoman said on Tuesday."
    inference = infer_publication(text, now=date(2020, 1, 1))
    assert inference is not None
    assert inference.day == date(2017, 3, 7)
    assert date(2006, 3, 7) in inference.alternatives
    assert inference.confidence < 0.8  # the year is only the latest candidate


# --- rule 2: explicit dates in the body -----------------------------------------------------


def test_pubdate_full_date_is_lower_bound_with_recency() -> None:
    text = ("Voters queued from dawn on 14 February 2018. Election officials said on Friday "
            "that turnout had passed sixty per cent.")
    published = infer_published(text, now=NOW)
    assert published is not None
    assert published.date == "2018-02-16"  # the first Friday on/after the stated date
    assert 0.4 <= published.confidence < 0.8


def test_pubdate_full_date_formats_are_read() -> None:
    kinds = {
        text: [(m.kind, m.year, m.month, m.day) for m in find_mentions(text)]
        for text in ("It opened on 2014-05-03.", "It opened on May 3, 2014.", "It opened on 3 May 2014.")
    }
    assert all(found == [("full", 2014, 5, 3)] for found in kinds.values())


def test_pubdate_month_year_or_year_alone_is_too_little() -> None:
    assert _day("The strike began in May 2019 and workers marched on Tuesday.") is None
    assert _day("Since a 2009 accord the border has stayed quiet, officials said on Sunday.") is None


def test_pubdate_future_full_date_is_an_upper_bound() -> None:
    text = ("The referendum will be held on 9 May 2021, officials said on Tuesday. "
            "Campaigning began in March 2021.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert date(2021, 3, 1) <= inference.day <= date(2021, 5, 9)
    assert inference.day.weekday() == 1


def test_pubdate_never_before_latest_past_full_date() -> None:
    text = ("The treaty was signed on 4 July 2011. Troops withdrew on 12 August 2013. "
            "The embassy reopened this Friday, 5 August.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert inference.day >= date(2013, 8, 12)


def test_pubdate_numbers_that_are_not_years_are_ignored() -> None:
    assert find_mentions("More than 2,000 people and 1990s music; 2019 units sold.") == []


# --- rule 3: day-month without year, dateline -----------------------------------------------


def test_pubdate_dateline_day_with_year_from_future_mention() -> None:
    dateline = Dateline("Rome", 3, 12, "ROME, March 12 (Wire) -")
    text = ("ROME, March 12 (Wire) - Party leaders argued over the budget on Wednesday. "
            "Elections will be held in April 2014, the ministry said.")
    published = infer_published(text, dateline, now=NOW)
    assert published is not None
    assert (published.date, published.how) == ("2014-03-12", "dateline")
    assert published.confidence >= 0.8


def test_pubdate_dateline_is_found_in_text_when_not_given() -> None:
    text = ("LIMA, April 2. /Wire/. Ministers met on Friday. The vote is due in May 2021 "
            "and campaigning began in January 2021.")
    assert _day(text) == "2021-04-02"


def test_pubdate_dateline_without_year_evidence_is_not_reported() -> None:
    # A Monday 21 September happens in several years and nothing in the text picks one: the
    # reasoning names a day, but its year is a guess, so no publication date is reported.
    dateline = Dateline("Oslo", 9, 21, "OSLO, September 21 -")
    text = "OSLO, September 21 - Fishermen protested on Monday."
    inference = infer_publication(text, dateline, NOW)
    assert inference is not None and inference.day.isoformat().endswith("-09-21")
    assert inference.how == "inferred" and inference.confidence < MIN_CONFIDENCE
    assert len(inference.alternatives) >= 2
    assert infer_published(text, dateline, NOW) is None


def test_pubdate_day_month_without_year_uses_other_evidence() -> None:
    text = ("A 2021 truce has held. The curfew will end on August 30, the governor said on Friday.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert inference.day == date(2021, 8, 27)  # the last Friday before the end, in 2021
    assert inference.confidence < 0.5


# --- rule 4: relative expressions ----------------------------------------------------------


def test_pubdate_last_month_shifts_a_dated_meeting() -> None:
    text = ("Ministers met last month, on October 3, 2021, and agreed to meet again. "
            "The minister said on Monday the plan was working.")
    assert _day(text) == "2021-11-01"


def test_pubdate_next_week_with_day_month() -> None:
    text = ("Negotiators from both unions will meet again next week, on June 14, after talks "
            "since January 2023 stalled on Thursday.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert date(2023, 6, 1) <= inference.day <= date(2023, 6, 13)
    assert inference.day.weekday() == 3


def test_pubdate_future_weekday_is_not_the_publication_weekday() -> None:
    text = ("The port will reopen on Saturday (November 7), the harbour master said on "
            "Wednesday, after repairs since a 2019 fire.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert inference.day == date(2020, 11, 4)


# --- rule 5: elapsed durations -------------------------------------------------------------


def test_pubdate_duration_since_dated_origin() -> None:
    text = ("Residents marked the 14-month siege on Thursday. The siege began in May 2019 when "
            "troops surrounded the town.")
    assert _day(text) == "2020-07-02"


@pytest.mark.parametrize("text", [
    "The housing office said on Thursday that the 10-year plan was on track. The plan was "
    "adopted in April 2016 after a long campaign by tenants.",
    "He is serving a six-year sentence for fraud. The sentence was handed down in May 2019.",
    "The club said the five-year contract would not be renewed. The contract was signed in "
    "January 2020.",
])
def test_a_length_set_in_advance_is_no_age(text: str) -> None:
    # a plan's, a sentence's or a contract's length says nothing of how long ago it began
    assert infer_publication(text, now=NOW) is None


def test_pubdate_years_since_in_one_sentence() -> None:
    text = ("Two years since the flood hit the valley in August 2018, farmers said on Friday "
            "that compensation had not arrived.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert date(2020, 8, 1) <= inference.day <= date(2021, 8, 30)
    assert inference.day.weekday() == 4


# --- the record ----------------------------------------------------------------------------


def test_pubdate_no_evidence_gives_none() -> None:
    assert infer_published("Nothing here says when this was written.", now=NOW) is None
    assert infer_published("", now=NOW) is None


def test_pubdate_record_is_never_explicit_and_keeps_evidence() -> None:
    text = "Rescuers reached the village on 2 October 2019. Officials said on Monday 40 were missing."
    published = infer_published(text, now=NOW)
    assert published is not None
    assert published.how == "inferred"
    assert published.evidence == "village on 2 October 2019 | said on Monday"
    assert 0.0 <= published.confidence <= 1.0


# --- properties ----------------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DATES = st.dates(min_value=date(1991, 1, 1), max_value=date(2029, 12, 28))


def _full(day: date, style: int) -> str:
    month = _MONTHS[day.month - 1]
    return (day.isoformat(), f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}")[style]


# (sentence, stated day, how many days before it publication may lie): past wording ("said")
# bounds from the day itself; neutral wording ("met", a verb the tense reader does not know)
# from a week before it, since "the committee meets on June 4" may be ahead of the story
_PAST_DATE = st.builds(
    lambda d, s, past: ((f"The committee said it met on {_full(d, s)}.", d, 0) if past
                        else (f"The committee met on {_full(d, s)}.", d, datemention.NEUTRAL_SLACK.days)),
    _DATES, st.integers(0, 2), st.booleans())
_NOISE = st.one_of(
    st.sampled_from([
        "Talks resumed on Tuesday.", "The talks will end this Friday, 3 March.",
        "A ceasefire will begin on 14 June.", "Fighting has raged since March 2011.",
        "Officials said last month, on 2 May, that they would wait.", "The 6-month blockade",
        "The vote is scheduled for 20 April 2030.", "Prices rose two years since July 2015.",
        "Workers struck next week, on June 3.", "He said on Sunday (May 5) it was over.",
    ]),
    st.text(max_size=60),
).map(lambda s: (s.rstrip() + ".", None, 0))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(_PAST_DATE, _NOISE), max_size=8),
       st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 1, 1)))
def test_pubdate_property_never_raises_never_before_full_date_deterministic(
    parts: list[tuple[str, date | None, int]], now: date
) -> None:
    text = "\n".join(sentence for sentence, _, _ in parts)
    first = infer_published(text, now=now)
    assert first == infer_published(text, now=now)
    # a date in neutral wording whose earliest reading lies after ``now`` is a plan, no floor
    floors = [day - timedelta(days=slack) for _, day, slack in parts
              if day is not None and (not slack or day - timedelta(days=slack) <= now)]
    if first is not None:
        assert first.how in ("inferred", "dateline")
        assert 0.0 <= first.confidence <= 1.0
        if floors:
            assert date.fromisoformat(first.date) >= max(floors)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_pubdate_property_arbitrary_text(text: str) -> None:
    assert infer_published(text, now=NOW) == infer_published(text, now=NOW)


_DATE_WORDS = ("on", "this", "next", "last", "Monday", "Friday", "May", "June", "December", "Dec.",
               "2019-05-03", "Sept", "Mayor", "Jan",
               "7", "18th", "of", "2015", "1999", "in", "since", "mid-", "the", "year", "month",
               "11-month", "two", "years", "week", "earlier", "siege", ",", "(", ")", "said",
               "anniversary", "ago", "20th", "twenty-fifth", "decades", "18.12.2015",
               "12/18/2015", "07/05/2015", "2015/12/18")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=40), st.sampled_from([" ", "  ", "\n"]))
def test_scan_finds_what_finditer_finds(words: list[str], gap: str) -> None:
    text = gap.join(words)
    for _, pattern, core, reach in datemention.PATTERNS:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in datemention.scan(pattern, core, text, reach)] == expected
    for pattern, reach in ((daterules._RELATIVE, datemention.LOOKBACK),
                           (dateelapsed._DURATION, dateelapsed._DURATION_REACH),
                           (dateelapsed._ELAPSED, datemention.LOOKBACK)):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in datemention.scan(pattern, datemention.UNIT_CORE, text, reach)] \
            == expected
    expected = [m.span() for m in dateelapsed._LOOKING_BACK.finditer(text)]
    assert [m.span() for m in datemention.scan(dateelapsed._LOOKING_BACK, dateelapsed._BACK_CORE,
                                               text)] == expected


def test_pubdate_duration_needs_an_age_counted_to_the_time_of_writing() -> None:
    # "three years early" is no age, and "two months after" dates another event.
    for text in ("In September 2017 the plant met its target, achieved three years early.",
                 "Two months after the vote in May 2019, the council resigned."):
        clues = gather_clues(text, find_mentions(text), None, NOW)
        assert not [c for c in clues if c.rule == "duration"], text
    text = "Two years since the strike began in May 2019, the mine is still closed."
    clues = gather_clues(text, find_mentions(text), None, NOW)
    assert [c.spans[0][0] for c in clues if c.rule == "duration"] == [date(2021, 5, 1)]


def _bounds(text: str) -> list[tuple[date | None, date | None]]:
    return [(c.lo, c.hi) for c in gather_clues(text, find_mentions(text), None, NOW) if c.rule == "bound"]


def test_a_deadline_in_neutral_wording_bounds_nothing() -> None:
    # "by the end of 2020" may lie after the story (a target) or before it (a deadline met)
    assert _bounds("The governor asked the commission for proposals by the end of 2020.") == []
    assert _bounds("The fund wants a new partner by December 2023 at the latest.") == []
    assert _bounds("The city will finish the bridge by 2030.") == [(None, date(2030, 12, 31))]
    assert _bounds("Officials said that by 2015 the number of ferries had doubled.") == [
        (date(2015, 1, 1), None)]


def test_an_end_point_in_neutral_wording_bounds_nothing() -> None:
    # "until October 31st 2018": an exhibition's closing day ahead, or a closure that ended
    assert _bounds("The exhibition of Flemish prints is held until October 31st 2018.") == []
    assert _bounds("The festival runs through May 2020 in three cities.") == []
    assert _bounds("The road had been closed until March 3, 2018, the council said.") == [
        (date(2018, 2, 24), None)]
    # past wording keeps the bound
    assert _bounds("The museum said on Monday that the exhibition ran until October 31, 2018.")
    assert _bounds("Sales fell 3% from January through March 2019.")
    assert _bounds("Until 2012, she was the mayor of the town.")


def test_a_year_naming_an_event_in_future_wording_bounds_nothing() -> None:
    # "ahead of ... the 2008 Olympics": the future marker is not the Olympics' tense
    assert _bounds("Officials will close factories ahead of events like the 2008 Olympics.") == []
    assert _bounds("The ministry will cite a 2009 analysis by the budget office.") == []
    assert _bounds("The ministry cited a 2009 analysis by the budget office.") == [
        (date(2009, 1, 1), None)]


def test_the_next_year_in_a_narrative_is_past_wording() -> None:
    assert _bounds("The next year, the group released another video in January 2017.") == [
        (date(2017, 1, 1), None)]
    assert _bounds("Talks are planned for the next year, in June 2027.")[0][1] == date(2027, 6, 30)


@pytest.mark.parametrize(("text", "day"), [
    # "in/over the next week" is ahead, only a sentence opening "The next year," is narrative
    ("Parliament opened its session on Tuesday, March 5. In the next week, members debate the "
     "2020 budget.", "2019-03-05"),
    # an upcoming event named by its year bounds from above
    ("The swimmer will compete in the 2020 Olympics in Tokyo, her coach said on Tuesday, March 5.",
     "2019-03-05"),
    # "by the 2011 earthquake" is an agent, not a deadline
    ("Homes destroyed by the 2011 earthquake are still empty, officials said on Friday, March 9.",
     "2012-03-09"),
    # a deadline with past perfect in its sentence was met: a lower bound
    ("By 2015, the number of refugees in the camp had doubled. Aid agencies met on Monday, June 8.",
     "2015-06-08"),
])
def test_deadlines_events_and_narrative_next_read_in_context(text: str, day: str) -> None:
    assert _day(text) == day


def test_a_deadline_in_reported_speech_bounds_nothing() -> None:
    # "said ... by the end of 2020": past wording before a target, which may lie after the story
    assert _bounds("The minister said that the network must reach every village by the end of "
                   "2020.") == []
    assert _bounds("The network should reach every village by mid-2020, the minister said.") == []


def test_the_next_year_in_a_narrative_shifts_no_date() -> None:
    text = "Rebels seized the town in August 2016. The next year, they released a video in January 2017."
    assert not [c for c in gather_clues(text, find_mentions(text), None, NOW) if c.rule == "relative"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", " ", ".", "!", "?", "\n", "b"]), max_size=40),
       data=st.data())
def test_sentence_bounds_match_a_plain_search(text: str, data: st.DataObject) -> None:
    # the bounds are looked up in marks found once per text; a plain search gives the same
    position = data.draw(st.integers(0, len(text)))
    marks = (". ", "! ", "? ", "\n")
    start = max(text.rfind(mark, 0, position) for mark in marks) + 1
    ends = [i for i in (text.find(mark, position) for mark in marks) if i >= 0]
    assert datemention.sentence_range(text, position) == (start, min(ends, default=len(text)))


def test_pubdate_neutral_full_date_of_the_coming_days_is_no_hard_bound() -> None:
    # a dated event the day after the dateline, in wording with no future marker: the
    # dateline's day in that year, not the next year whose June 3 is a Wednesday too (2020)
    text = ("LONDON, June 3 (Reuters) - Oil prices rose on Wednesday as ministers prepared for a "
            "meeting in Vienna on Thursday, June 4, 2015.\n\nTraders said supply was tight.")
    assert _day(text) == "2015-06-03"


def test_pubdate_last_weekday_date_is_before_publication() -> None:
    text = ("Last Friday, December 18, the parliament approved the budget in a vote that "
            "followed the crisis of 2015.\n\nOfficials said talks would continue.")
    day = _day(text)
    assert day is not None and "2015-12-19" <= day <= "2015-12-31"


def test_pubdate_abbreviated_weekday_before_a_date() -> None:
    text = ("Ministers met on Thu, Oct 15, to discuss the crisis that erupted in August 2015."
            "\n\nOfficials said talks would continue.")
    assert _day(text) == "2015-10-15"


def test_pubdate_the_sun_is_a_name_not_a_sunday() -> None:
    text = ("The minister told The Sun, March 12, that the deal had collapsed.\n\n"
            "Officials said talks would continue.")
    assert _day(text) is None


def test_neutral_date_after_now_may_precede_it_by_the_slack_past_wording_may_not() -> None:
    # found by the property above: "met on" is neutral wording (the tense reader knows no
    # verb forms), so a story of 1 January may speak of 2 January ("the committee meets on
    # ..."); said on it, the day is a floor
    now = date(2000, 1, 1)
    neutral = infer_published("The committee met on 2000-01-02.\nWorkers struck next week, on June 3.",
                              now=now)
    assert neutral is not None and neutral.date == "2000-01-01"
    past = infer_published("The committee said it met on 2000-01-02.\n"
                           "Workers struck next week, on June 3.", now=now)
    assert past is not None and past.date == "2000-01-02"


def test_two_dated_mentions_of_one_year_are_one_reading_not_a_tie() -> None:
    # each weekday-date has its own span in 2019 (the prime minister's term fixes the year):
    # the second mention agrees with the first, it must not make the answer less sure
    now = date(2025, 6, 1)
    one = ("Prime Minister Boris Johnson on Monday, November 4, ruled out any electoral pact "
           "with the Brexit Party, saying his Conservatives would contest every seat.")
    two = one + ("\n\nThe announcement came less than three weeks after he secured a revised "
                 "withdrawal agreement with Brussels on Thursday, October 17.")
    first, second = infer_published(one, now=now), infer_published(two, now=now)
    assert first is not None and second is not None
    assert first.date == second.date == "2019-11-04"
    assert second.confidence >= first.confidence
    # a day-month alone still ties its years: one clue read two ways is a doubt
    alone = infer_publication("The minister on Monday, November 4, ruled out any pact.", None, now)
    assert alone is not None and alone.confidence < MIN_CONFIDENCE


_ORDINALS = st.lists(st.integers(730_000, 730_400), min_size=1, max_size=60, unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(_ORDINALS, st.lists(st.integers(729_900, 730_500), max_size=60).map(sorted))
def test_pubdate_score_distance_is_the_least_gap(group: list[int], evidence: list[int]) -> None:
    # measured one point at a time or as arrays (many points), the same number
    expected = min((abs(g - e) for g in group for e in evidence), default=0)
    assert datescore._distance(group, evidence) == expected


@settings(max_examples=200, deadline=None)
@given(_ORDINALS, st.lists(st.tuples(st.integers(729_990, 730_410), st.integers(0, 120)),
                           max_size=8))
def test_pubdate_score_groups_days_by_the_spans_covering_each(
    days: list[int], spans: list[tuple[int, int]]
) -> None:
    # the sweep takes the days between two span ends at once; a day at a time gives the same
    refs = [(first, first + length, first) for first, length in spans]
    expected: dict[tuple[int, ...], list[int]] = {}
    for day in days:
        key = tuple(k for k, (first, last, _) in enumerate(refs) if first <= day <= last)
        expected.setdefault(key, []).append(day)
    assert datescore._groups(days, refs) == sorted(expected.items(), key=lambda g: g[1][0])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"0123456789./- x", "2015", "1999", "20", "19", "-month",
                                  " year", "twelve", " siege", "\n"]), max_size=60).map("".join))
def test_scan_within_a_patterns_reach_finds_what_the_full_lookback_finds(text: str) -> None:
    # numeric dates ("18.12.2015") and ages ("14-month siege") are tried only where their core
    # can lie in them: the same matches as trying the whole look back, and as finditer
    patterns = [(pattern, core, reach) for _, pattern, core, reach in datemention.PATTERNS]
    patterns.append((dateelapsed._DURATION, datemention.UNIT_CORE, dateelapsed._DURATION_REACH))
    for pattern, core, reach in patterns:
        near = [m.span() for m in datemention.scan(pattern, core, text, reach)]
        assert near == [m.span() for m in datemention.scan(pattern, core, text)]
        assert near == [m.span() for m in pattern.finditer(text)]


_WEEKDAY_WITH_REL = re.compile(  # the pattern weekday_clues read with before (one pass, slower)
    r"(?:\b(?P<rel>(?i:this|next|coming|last|past|every|by|until))\s+)?\b"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<s>s)?\b")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Friday", "Monday", "s", "this", "THIS", "by", "nearby", "until",
                                 "coming", "x", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c",
                                 ",", "'"]), max_size=30).map("".join))
def test_weekday_names_after_this_or_by_are_those_the_one_pass_pattern_skipped(text: str) -> None:
    expected = [(m.start(), m.group("weekday")) for m in _WEEKDAY_WITH_REL.finditer(text)
                if not m.group("s") and not m.group("rel")]
    assert [(m.start(), m.group("weekday")) for m in daterules._WEEKDAY.finditer(text)
            if not m.group("s") and not daterules._after_rel(text, m.start())] == expected

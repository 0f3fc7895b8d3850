"""Publication-date rules 1 to 4 (see :mod:`storyline.clean.pubdate`): what explicit dates,
weekdays, day-months, datelines and relative or deictic wording ("last month", "yesterday,
December 17") say about the day a story came out, as :class:`Clue` records. Rule 5, elapsed
time, is :mod:`storyline.clean.dateelapsed`; rule 6, knowledge of the world,
:mod:`storyline.clean.pubworld`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from storyline.clean.dateclue import RECENCY_DAYS, Clue, Span, add_months, period, safe_date
from storyline.clean.datemention import (
    NEUTRAL_SLACK,
    UNIT_CORE,
    Mention,
    excerpt,
    inside_quote,
    narrative_end,
    nearest_in_sentence,
    scan,
    sentence_start,
    tense_at,
)
from storyline.datelines import WEEKDAYS
from storyline.records import Dateline

_WD = "|".join(WEEKDAYS)
# What may stand between a weekday and the date it names: "Friday, December 18", "Friday (the
# 18"; not a full stop ("on Friday. 19 December 2015 was the deadline") nor a line break
_DATE_GAP = re.compile(r",?[^\S\n]*\(?[^\S\n]*(?:the\s+)?")
# A weekday's name ("Fridays" is a habit, not a day); and the words that, before it, name
# another week's ("this Friday", "by Monday"). Looked for apart: a pattern that opens with the
# optional words was tried at every position of the text, at three times the cost.
_WEEKDAY = re.compile(rf"(?=[MTWFS])\b(?P<weekday>{_WD})(?P<s>s)?\b")
_REL_BEFORE = re.compile(r"\b(?i:this|next|coming|last|past|every|by|until)\Z")
_REL_LONGEST = 6  # "coming"
_RELATIVE = re.compile(
    r"\b(?:(?P<now>(?:earlier|later)\s+this|this)|(?P<last>last|past|previous)|(?P<next>next))\s+"
    r"(?P<unit>week|month|year)\b|\b(?P<start>(?:from|since)\s+the\s+(?:start|beginning)\s+of\s+"
    r"the\s+year)\b", re.IGNORECASE)
# A day named by its distance from publication, before the date it names
_DEICTIC = re.compile(r"(?=(?i:[yt]))\b(?i:yesterday|today|tonight|tomorrow)\b")
_DEICTIC_SHIFT = {"yesterday": 1, "today": 0, "tonight": 0, "tomorrow": -1}
# "Last year" beside a day-month: "Last year, on Friday, December 18", "on December 18 last
# year", "December 18 of last year" (not "since last year", "last year's champion")
_LAST_YEAR_BEFORE = re.compile(r"\b(?:last\s+year|a\s+year\s+ago)[^\S\n]*,?[^\S\n]*"
                               r"(?:(?:on|in)\s+)?(?:the\s+)?$", re.IGNORECASE)
_LAST_YEAR_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:of\s+)?(?:last\s+year|a\s+year\s+ago)\b"
                              r"(?!['’]s)", re.IGNORECASE)


def bound_clues(text: str, mentions: list[Mention], now: date) -> Iterable[Clue]:
    """Rule 2: dated mentions bound the date: past/neutral from below, future from above.

    A month-year or year after ``now`` can only be a plan, so it bounds from above; a full date
    in past wording stays a lower bound whatever ``now`` says (one in neutral wording past
    ``now`` was read as future by :mod:`storyline.clean.pubdate`). Each bound carries the period its mention
    names as a span of no weight: how near a reading lies to what the text dates is measured
    from it (a year's end, not only its first day)."""
    for m in mentions:
        if m.year is None or m.kind not in ("full", "month_year", "year") or m.hedged:
            continue
        first, last = period(m.year, m.month, m.day)
        named = ((first, last, first),)
        future = m.tense == "future" or (m.kind != "full" and first > now)
        snippet = excerpt(text, m.start, m.end, after=2 if m.kind == "year" else 0)
        if not future and m.kind == "full" and m.tense == "neutral":
            first -= NEUTRAL_SLACK  # "prepared for a meeting on Thursday, June 4, 2015"
        yield Clue("bound", snippet, m.start, hi=last, spans=named) if future else Clue(
            "bound", snippet, m.start, lo=first, spans=named)


def recency_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 2: news is recent. The latest full date in past/neutral wording: published within
    90 days after it; the earliest full date after a future marker: within 90 days before it.
    Not a date the text looks back on ("the anniversary of", "years ago"): history."""
    full = [(period(m.year, m.month, m.day)[0], m) for m in mentions
            if m.kind == "full" and m.year and not m.hedged and not m.history]
    past = [item for item in full if item[1].tense != "future"]
    future = [item for item in full if item[1].tense == "future"]
    window = timedelta(days=RECENCY_DAYS)
    if past:
        day, m = max(past, key=lambda item: item[0])
        yield Clue("recency", excerpt(text, m.start, m.end), m.start, spans=((day, day + window, day),),
                   weight=0.3, anchor=True)
    if future:
        day, m = min(future, key=lambda item: item[0])
        yield Clue("recency", excerpt(text, m.start, m.end), m.start, spans=((day - window, day, day),),
                   weight=0.3, anchor=True)


def weekday_date_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 1: "Weekday, Month D": only years where that day is that weekday, in that week."""
    for m in mentions:
        if m.kind == "weekday_date" and m.month and m.day:
            before, after = {"future": (6, 0), "past": (0, 6)}.get(m.tense, (6, 6))
            if m.rel in ("next", "last"):
                # "last Friday" is at least a day before publication: the span opens the day after
                before, after = (13, 0) if m.rel == "next" else (-1, 13)
            spans = _yearly(m.month, m.day, before, after, years, m.weekday)
            snippet = excerpt(text, m.start, m.end, words=0)
            yield _year_back(text, m, snippet, spans) or Clue(
                "weekday_date", snippet, m.start, spans=spans, weight=0.6, anchor=True)


def day_month_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 3: a day-month without a year: published within months of it, in any year."""
    for m in mentions:
        if m.kind == "day_month" and m.month and m.day:
            before, after = {"future": (180, 0), "past": (0, 180)}.get(m.tense, (120, 180))
            spans, snippet = _yearly(m.month, m.day, before, after, years), excerpt(text, m.start, m.end)
            yield _year_back(text, m, snippet, spans) or Clue(
                "day_month", snippet, m.start, weight=0.2, spans=spans, anchor=True)


def _year_back(text: str, m: Mention, snippet: str, spans: tuple[Span, ...]) -> Clue | None:
    """A day-month "last year" beside it puts a year back ("Last year, on Friday, December 18,
    ...", "on December 18 last year"): published in the year after one of its candidates,
    which dates no day (weight 0.3, not an anchor, as a year shifted by "last year" in rule 4);
    None without. "Last year" elsewhere in the sentence is another time ("rose on Friday,
    December 18, to their highest since last year")."""
    if not _LAST_YEAR_AFTER.match(text, m.end) \
            and not _LAST_YEAR_BEFORE.search(text, max(0, m.start - 30), m.start):
        return None
    after = tuple((date(ref.year + 1, 1, 1), date(ref.year + 1, 12, 31), ref) for _, _, ref in spans)
    return Clue("relative", f"{snippet} ~ last year", m.start, spans=after, weight=0.3)


def _yearly(month: int, day: int, before: int, after: int, years: range,
            weekday: int | None = None) -> tuple[Span, ...]:
    """``before``..``after`` days around month/day in each year (where it is ``weekday``)."""
    return tuple(
        (d - timedelta(days=before), d + timedelta(days=after), d)
        for y in years if (d := safe_date(y, month, day)) and weekday in (None, d.weekday())
    )


def dateline_clues(dateline: Dateline | None, years: range) -> Iterable[Clue]:
    """Rule 3: the dateline's day-month is the publication day, in some year."""
    if dateline is None or dateline.month is None or dateline.day is None:
        return
    yield Clue("dateline", dateline.text.strip(), -1, weight=0.6, anchor=True,
               spans=_yearly(dateline.month, dateline.day, 0, 0, years))


def weekday_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 4: the first weekday named in past/neutral wording is the publication weekday.
    Not one that opens a full date of another weekday ("Friday, December 19, 2015", a
    Saturday): the text contradicts itself, and the hint would move the answer a week on."""
    spans = [(m.start, m.end) for m in mentions if m.kind == "weekday_date"]
    starts = [start for start, _ in spans]
    dates = {m.start: m for m in mentions if m.kind == "full"}
    for match in _WEEKDAY.finditer(text):
        inside = bisect_right(starts, match.start())
        if match.group("s") or inside and match.start() < spans[inside - 1][1] \
                or _after_rel(text, match.start()):
            continue
        weekday = WEEKDAYS.index(match.group("weekday"))
        if tense_at(text, match.start()) == "future" \
                or _opens_other_weekday(text, match.end(), dates, weekday):
            continue
        yield Clue("weekday", excerpt(text, match.start(), match.end(), words=1), match.start(),
                   weight=0.2, weekday=weekday)
        return


def _after_rel(text: str, position: int) -> bool:
    """Whether "this", "next", "by"... and white space come right before ``position``."""
    start = position
    while start and text[start - 1].isspace():
        start -= 1
    return start < position \
        and _REL_BEFORE.search(text, max(0, start - _REL_LONGEST), start) is not None


def deictic_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 4: "yesterday, December 17, 2015", "today, Friday, December 18": the day the date
    names is the day before (the day of, the day after) publication (anchor 0.6). Only a date
    that fixes its year or its weekday: "today (Nov. 18)" leaves every year open, and the one
    nearest a background date was the wrong one. Not in a quote: the speaker's "today" is the
    day of the speech, which a story may report days later."""
    dates = {m.start: m for m in mentions if m.kind in ("full", "weekday_date")}
    for match in _DEICTIC.finditer(text):
        gap = _DATE_GAP.match(text, match.end())
        m = dates.get(gap.end()) if gap else None
        if m is None or m.month is None or m.day is None or inside_quote(text, match.start()):
            continue
        named = ([safe_date(m.year, m.month, m.day)] if m.year
                 else [ref for _, _, ref in _yearly(m.month, m.day, 0, 0, years, m.weekday)])
        shift = timedelta(days=_DEICTIC_SHIFT[match.group(0).lower()])
        yield Clue("deictic", excerpt(text, match.start(), m.end, words=0), match.start(),
                   spans=tuple((d + shift, d + shift, d + shift) for d in named if d), weight=0.6,
                   anchor=True)


def _opens_other_weekday(text: str, position: int, dates: dict[int, Mention], weekday: int) -> bool:
    """Whether a full date of another weekday starts right after ``position`` (past a comma,
    a bracket, "the")."""
    gap = _DATE_GAP.match(text, position)
    m = dates.get(gap.end()) if gap else None
    day = safe_date(m.year, m.month, m.day) if m and m.year and m.month and m.day else None
    return day is not None and day.weekday() != weekday


def relative_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 4: "last month", "earlier this month", "next week", "this year"... in the sentence
    of a dated mention shift that date onto the publication date (not one the text looks back
    on: "will mark the first anniversary of the March 3, 2019 attack next week")."""
    mentions = [m for m in mentions if not m.history]
    starts = [m.start for m in mentions]
    for match in scan(_RELATIVE, UNIT_CORE, text):
        if match.group("next") and narrative_end(text, sentence_start(text, match.start())) \
                > match.start():
            continue  # "The next year, ...": a narrative's next step, not the year after writing
        shift = 1 if match.group("last") else -1 if match.group("next") else 0
        unit = (match.group("unit") or "year").lower()
        mention = nearest_in_sentence(text, mentions, starts, match.start(), unit)
        if mention is None:
            continue
        spans = _shifted_spans(mention, unit, shift, years)
        snippet = f"{excerpt(text, mention.start, mention.end)} ~ {' '.join(match.group(0).split())}"
        yield Clue("relative", snippet, min(match.start(), mention.start), spans=spans,
                   weight=0.3, anchor=unit != "year")


def _shifted_spans(m: Mention, unit: str, shift: int, years: range) -> tuple[Span, ...]:
    """The days a mention's date moved by ``shift`` units (last: 1, next: -1) leaves for
    publication, in its year or, without one, in each of ``years``."""
    if unit == "year":
        assert m.year is not None
        first, last = period(m.year + shift, None, None)
        return ((first, last, first),)
    spans: list[Span] = []
    for year in [m.year] if m.year else years:
        if unit == "month":
            assert m.month is not None
            first = add_months(date(year, m.month, 1), shift)
            spans.append((first, add_months(first, 1) - timedelta(days=1), first))
        elif (day := safe_date(year, m.month or 1, m.day or 1)) is not None:
            near, far = {0: (-6, 6), 1: (1, 13), -1: (-13, -1)}[shift]
            spans.append((day + timedelta(days=near), day + timedelta(days=far), day))
    return tuple(spans)


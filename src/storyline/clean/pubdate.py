"""Publication date inferred from a story's own words, when the page states none.

Entry point :func:`infer_published`; the reasoning behind it is :func:`infer_publication`.
Pure and deterministic: regular expressions and :mod:`datetime`, no model, no I/O, no clock
but the ``now`` default (pass ``now`` for reproducible runs). The answer is never "explicit":
``how`` is "dateline" when a dateline's day-month gave the day and other evidence the year,
else "inferred"; ``evidence`` quotes the snippets used, joined by " | " (one whose words the
text repeats names its paragraph: "said on Monday (paragraph 3)").

Each rule turns what it reads into :class:`Clue` records: *bounds* (published on/after ``lo``
or on/before ``hi``), weighted *spans* of days (published inside one of them; an *anchor* span
can date a story on its own) and a *weekday hint*.

1. Weekday + day-month (``weekday_date``, anchor 0.6): "Thursday, May 7", "Sunday (4 June)".
   Only years in which 7 May is a Thursday count; "this/next" puts publication in the week
   before that day, "last" or past wording in the week after, other wording in either week.
   "Last year" or "a year ago" beside it ("Last year, on Friday, December 18", "on December
   18 last year") puts publication in the year after each candidate instead (``relative``,
   0.3, no anchor: it dates no day); so for a day-month. Elsewhere in the sentence ("since
   last year", "last year's champion") it is another time.
2. Explicit dates (``bound``): a full date ("May 3, 2014", "2014-05-03", "3.05.2014" but not
   "version 3.05.2014", and "5/23/2014" or "2014/05/23" where day and month cannot swap), a
   month-year, or a year after "in/since/a/the..." is a lower bound in past or neutral
   wording and an upper bound after a future marker ("will", "plans to", "next",
   "scheduled"; not "the next year," of a narrative). A date in neutral wording whose
   earliest reading lies after ``now`` is a plan (an upper bound). A deadline or
   present-tense end point in neutral wording ("by the end of 2020", "is held until October
   31, 2018"), a date a future verb follows ("the vote on March 3, 2019 will decide"; not
   a deed's, "the deal signed on May 4, 2019 is to be ratified", nor "is to blame", "is due
   to the drought") and a year naming an event in future wording ("ahead of events like the
   2008 Olympics") bound nothing: the words do not say on which side of publication they
   lie. News is recent (``recency``, anchor
   0.3): the latest past full date opens a 90-day span, the earliest future one closes one;
   not a date the text looks back on (rule 5). A month-year or a year gives no span: "since
   the war began in June 2014" is background, not news.
3. Day-month without a year (``day_month``, anchor 0.2): months around it, in any year.
   A dateline's day-month (``dateline``, anchor 0.6) is the publication day, in some year.
4. Relative wording: the first weekday named in past or neutral wording ("said on Friday",
   "Friday's vote") is taken as the publication weekday (``weekday``, hint 0.2: wire copy
   reports the day's news), unless it opens a full date of another weekday (a contradiction);
   "last month", "earlier this month", "next week", "this year" in the sentence of a date
   move that date onto the publication date (``relative``, 0.3); "yesterday", "today" or
   "tomorrow" just before a date with its year or its weekday make it the day before, of or
   after publication (``deictic``, anchor 0.6); not before a bare day-month ("today (Nov.
   18)" leaves the year open), across a full stop, or in a quote (the speaker's day).
5. Elapsed time (``duration``, anchor 0.4): "the 14-month siege" with "the siege began in
   May 2019", or "two years since ... in May 2019", counts that long from the date. Looking
   back (``lookback``, anchor 0.4): "the 20th anniversary of the massacre of March 16, 1998"
   puts publication within two weeks of the day 20 years on, "twenty years ago, on March 16,
   1998" 20 to 21 years on; uncounted ("the anniversary of", "years ago"), the date is
   history and opens no recency span. Only the date inside the anniversary's "of" phrase,
   or beside "ago", is looked back on ("elected two years ago, fell on March 2, 2020" are
   two events), and not one whose count would put publication after ``now``.
6. Knowledge of the world (:mod:`storyline.clean.pubworld`): the terms of office of the
   holders a text names with their title (``office``, 0.3 per holder, never an anchor), the
   age of a known war or uprising (``conflict_age``, anchor 0.4) and the Security Council
   vetoes a text refers to (``veto``, anchor 0.3, the two weeks after each candidate), and
   the listed leader meetings it reports (``meeting``, anchor 0.4, the days around each
   candidate) or refers back to (``last_meeting``, anchor 0.3, up to the next one).

Scoring (:mod:`storyline.clean.datescore`): each day in ``[lo, hi]`` (the latest lower bound,
1990 at least; the earliest upper bound, ``now`` at most) that an anchor covers scores the
weights of all spans covering it, plus the hint when its weekday matches. The best days are
grouped by the anchor spans covering them (one group per reading, e.g. per candidate year): the
group nearest a dated mention wins, or the latest one when nothing is dated; inside it, the day
nearest the date an anchor named. With no anchor the text says too little and the answer is
``None``. The answer is never before a full date in past wording, nor more than a week before
one in neutral wording ("ministers prepared for a meeting on Thursday, June 4"); "talks will
resume on 9 May 2021" is an upper bound, not a lower one.

Confidence: the anchor's base (0.6 weekday+day-month, dateline or deictic, 0.45 duration,
lookback or conflict age, 0.4 relative or meeting, 0.35 recency, 0.3 veto or last meeting,
0.25 day-month); +0.15 when the weekday hint is the chosen day's; +0.1 when no other group
ties or only this one lies within a year of a dated mention, else -0.1 per tying group (two
at most); -0.1 when the group leaves several days; at most 0.15 when groups tie and the text
dates nothing within a year of the chosen one (a war that began years before each candidate
year does not choose between them). A weekday+day-month that fixes the year plus a weekday
that fixes the day: 0.85; a full date plus a weekday: 0.5. :func:`infer_published` reports
nothing below ``MIN_CONFIDENCE`` (0.2).

Worked examples (invented; now = 2026-11-26)
* "The federation confirmed on Wednesday that the final will be played this Sunday, 24 June,
  after flooding since April 2017." Sunday 24 June after April 2017: 2018 (2029 is too late);
  the Wednesday in the week before it: 2018-06-20, confidence 0.85.
* Dateline "ROME, March 12" and "Elections will be held in April 2014": the March 12 nearest
  before April 2014, 2014-03-12, how "dateline", 0.7.
* "Rescuers reached the village on 2 October 2019. Officials said on Monday ...": the first
  Monday from that date, 2019-10-07, 0.5.
* "The union began the strike in May 2019. Workers marched on Tuesday.": a lower bound only:
  ``None``.
Modules: :mod:`~storyline.clean.datemention` reads the mentions and their tense,
:mod:`~storyline.clean.daterules` holds rules 1 to 4, :mod:`~storyline.clean.dateelapsed` rule 5,
:mod:`~storyline.clean.pubworld` rule 6, :mod:`~storyline.clean.datescore` the scoring;
:mod:`~storyline.clean.dateclue` the :class:`Clue` record they share. This module runs them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from storyline.clean.dateclue import FLOOR, Clue, period
from storyline.clean.dateelapsed import duration_clues, lookback_clues, mark_history
from storyline.clean.datemention import NEUTRAL_SLACK, Mention, excerpt, find_mentions, tense_at
from storyline.clean.daterules import (
    bound_clues,
    dateline_clues,
    day_month_clues,
    deictic_clues,
    recency_clues,
    relative_clues,
    weekday_clues,
    weekday_date_clues,
)
from storyline.clean.datescore import Inference, decide, score_days, window
from storyline.clean.metadata import parse_dateline
from storyline.clean.pubworld import meeting_clues, office_clues, world_clues
from storyline.records import Dateline, Published

__all__ = [
    "MIN_CONFIDENCE", "Clue", "Inference", "Mention", "bound_clues", "dateline_clues",
    "day_month_clues", "deictic_clues", "duration_clues", "earliest_possible", "find_mentions",
    "gather_clues", "infer_published", "infer_publication", "lookback_clues", "recency_clues",
    "relative_clues", "tense_at", "weekday_clues", "weekday_date_clues",
]

# Below this the answer is a guess among readings nothing separates (the year of a lone
# "Nov. 5"); measured on the benchmark pages' text alone, every answer under it was wrong.
MIN_CONFIDENCE = 0.2


def infer_published(
    text: str, dateline: Dateline | None = None, now: date | None = None
) -> Published | None:
    """The publication date a story's own words imply, or ``None`` when they give too little.

    Needs the clean text (and the parsed dateline, when the cleaner found one; without it the
    first paragraphs are tried). Produces ``Published(date, "dateline"|"inferred", evidence,
    confidence)``, or ``None`` below ``MIN_CONFIDENCE`` (a guess among years: a day-month
    with nothing to fix its year). Never raises on any text.
    """
    inference = infer_publication(text, dateline, now)
    return inference.published(text) if inference and inference.confidence >= MIN_CONFIDENCE \
        else None


def earliest_possible(text: str, now: date | None = None) -> tuple[date, str] | None:
    """The earliest day the story's own full dates allow it to have been published, and the
    snippet that says so: the latest full date it states in past wording, or a week before the
    latest in neutral wording (the bounds of rule 2); None when it states none. A page date
    before it is wrong (a template's date, a first version's). A neutral date past ``now``
    (today by default) is a plan, and bounds nothing from below."""
    best: tuple[date, str] | None = None
    today = now or date.today()
    for m in mark_history(text, _planned(find_mentions(text), today), today):
        if m.kind != "full" or m.hedged or m.tense == "future" or m.year is None:
            continue
        first = period(m.year, m.month, m.day)[0]
        if m.tense == "neutral":
            first -= NEUTRAL_SLACK
        if best is None or first > best[0]:
            best = (first, excerpt(text, m.start, m.end))
    return best


def infer_publication(
    text: str, dateline: Dateline | None = None, now: date | None = None
) -> Inference | None:
    """The full inference behind :func:`infer_published`: day, clues used, alternatives."""
    today = now or date.today()
    if dateline is None:
        dateline = next(filter(None, map(parse_dateline, text.split("\n\n")[:3])), None)
    found = find_mentions(text, skip=_dateline_range(text, dateline))
    mentions = mark_history(text, _planned(found, today), today)
    clues = gather_clues(text, mentions, dateline, today)
    lo, hi = window(clues, today)
    best = score_days(clues, lo, hi).best()
    if not best:
        return None
    return decide(best, clues, lo, hi)


def gather_clues(
    text: str, mentions: list[Mention], dateline: Dateline | None, now: date
) -> list[Clue]:
    """Every rule's clues, in rule order."""
    years = range(FLOOR.year, now.year + 2)
    return [
        *bound_clues(text, mentions, now),
        *recency_clues(text, mentions),
        *weekday_date_clues(text, mentions, years),
        *day_month_clues(text, mentions, years),
        *dateline_clues(dateline, years),
        *weekday_clues(text, mentions),
        *deictic_clues(text, mentions, years),
        *relative_clues(text, mentions, years),
        *duration_clues(text, mentions),
        *lookback_clues(text, mentions, now),
        *office_clues(text, now),
        *world_clues(text, now),
        *meeting_clues(text, now),
    ]


def _planned(mentions: list[Mention], now: date) -> list[Mention]:
    """The mentions, a dated one in neutral wording read as future when even its earliest
    reading lies after ``now`` (a full date's a week before it, see ``NEUTRAL_SLACK``): a story
    written by ``now`` names a later day only as a plan ("The summit, on June 4, 2027, is the
    first in a decade"), and taken as past it put the story after ``now``. Past wording stays
    past: "said on ..." is a floor even past a ``now`` set too early."""
    return [replace(m, tense="future") if m.tense == "neutral" and m.year is not None
            and period(m.year, m.month, m.day)[0] - (NEUTRAL_SLACK if m.kind == "full"
                                                     else timedelta()) > now else m
            for m in mentions]


def _dateline_range(text: str, dateline: Dateline | None) -> tuple[int, int]:
    """Where the dateline's own text lies in ``text`` (its day-month is rule 3's, not a mention)."""
    where = text.find(dateline.text) if dateline and dateline.text else -1
    return (where, where + len(dateline.text)) if dateline and where >= 0 else (0, 0)

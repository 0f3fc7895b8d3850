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
   "Last year" or "a year ago" in its sentence puts publication in the year after each
   candidate instead (``relative``, 0.3, no anchor: it dates no day); so for a day-month.
2. Explicit dates (``bound``): a full date ("May 3, 2014", "2014-05-03", "3.05.2014", and
   "5/23/2014" or "2014/05/23" where day and month cannot swap), a month-year, or a year
   after "in/since/a/the..." is a lower bound in past or neutral wording and an upper bound
   after a future marker ("will", "plans to", "next", "scheduled"; not "the next year," of a
   narrative). A date in neutral wording whose earliest reading lies after ``now`` is a plan
   (an upper bound). A deadline or present-tense end point in neutral wording ("by the end
   of 2020", "is held until October 31, 2018"), a date a future verb follows ("the vote on
   March 3, 2019 will decide") and a year naming an event in future wording ("ahead of
   events like the 2008 Olympics") bound nothing: the words do not say on which side of
   publication they lie. News is recent (``recency``, anchor 0.3): the latest past full date
   opens a 90-day span, the earliest future one closes one; not a date the text looks back on
   (rule 5). A month-year or a year gives no span: "since the war began in June 2014" is
   background, not news.
3. Day-month without a year (``day_month``, anchor 0.2): months around it, in any year.
   A dateline's day-month (``dateline``, anchor 0.6) is the publication day, in some year.
4. Relative wording: the first weekday named in past or neutral wording ("said on Friday",
   "Friday's vote") is taken as the publication weekday (``weekday``, hint 0.2: wire copy
   reports the day's news), unless it opens a full date of another weekday (a contradiction);
   "last month", "earlier this month", "next week", "this year" in the sentence of a date
   move that date onto the publication date (``relative``, 0.3); "yesterday", "today" or
   "tomorrow" just before a date make it the day before, of or after publication
   (``deictic``, anchor 0.6).
5. Elapsed time (``duration``, anchor 0.4): "the 14-month siege" with "the siege began in
   May 2019", or "two years since ... in May 2019", counts that long from the date. Looking
   back (``lookback``, anchor 0.4): "the 20th anniversary of the massacre of March 16, 1998"
   puts publication within two weeks of the day 20 years on, "twenty years ago, on March 16,
   1998" 20 to 21 years on; uncounted ("the anniversary of", "years ago"), the date is
   history and opens no recency span.
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
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from storyline.clean.dateclue import FLOOR, RECENCY_DAYS, Clue, Span
from storyline.clean.datescore import Inference, decide, score_days, window
from storyline.clean.metadata import parse_dateline
from storyline.clean.pubworld import meeting_clues, office_clues, world_clues
from storyline.datelines import MONTH_NAMES, MONTHS, WEEKDAYS
from storyline.records import Dateline, Published

_MONTH_NUMBERS = {n.lower()[:size]: i for i, n in enumerate(MONTH_NAMES, 1) for size in (3, 9)}
_MONTH_NUMBERS["sept"] = 9
_MON = MONTHS
_WD = "|".join(WEEKDAYS)
# A weekday as datelines and date stamps abbreviate it ("Thu, Oct 15"), before a date only.
_WD_DATED = _WD + "|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
_WEEKDAY_NUMBERS = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NO_YEAR = r"(?![.,]?\s*(?:19|20)\d\d\b)"
_REL = r"(?:\b(?P<rel>(?i:this|next|coming|last|past|on))\s+)?"

# A word every match of a pattern contains within its first ``_LOOKBACK`` characters (see
# :func:`_scan`): the patterns open with optional or case-blind alternatives that the regex
# engine would try at every position, and each core is looked for once per text.
_WEEKDAY_CORE = re.compile(rf"\b(?:{_WD_DATED})\b")
_MONTH_CORE = re.compile(rf"\b(?:{_MON})\b")
_YEAR_CORE = re.compile(r"(?:19|20)\d\d\b")

# Order matters: a span taken by an earlier pattern is not read again by a later one.
_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("weekday_date", re.compile(
        rf"{_REL}\b(?P<weekday>{_WD_DATED})\b\.?,?\s*\(?\s*(?:the\s+)?(?P<month>{_MON})\.?\s+{_DAY}\b\)?"
        rf"{_NO_YEAR}"),
     _WEEKDAY_CORE),
    ("weekday_date", re.compile(
        rf"{_REL}\b(?P<weekday>{_WD_DATED})\b\.?,?\s*\(?\s*(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\b\.?\)?"
        rf"{_NO_YEAR}"), _WEEKDAY_CORE),
    ("full", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
     _YEAR_CORE),
    # "18.12.2015", day first wherever dots are used (a two-digit month: "1.2.2015" may be a
    # version); "12/18/2015" or "18/12/2015" when only one reading is a date (see _mention)
    ("full", re.compile(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]\d)\.(?P<year>(?:19|20)\d\d)"
                        r"(?!\w|\.\d)"), _YEAR_CORE),
    ("full", re.compile(r"(?<![\w/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"
                        r"(?![\w/])"), _YEAR_CORE),
    # "2015/12/18": the year first, as East Asian outlets write it (not the dotted "2018.04.05":
    # read, it dated a show's listing by its opening, "2018.04.05 ~ OPEN RUN", months off)
    ("full", re.compile(r"(?<![\w/])(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)/(?P<day>[0-3]\d)"
                        r"(?![\w/])"), _YEAR_CORE),
    ("full", re.compile(rf"\b(?P<month>{_MON})\.?\s+{_DAY},?\s+{_YEAR}\b"), _MONTH_CORE),
    ("full", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\.?,?\s+{_YEAR}\b"), _MONTH_CORE),
    ("month_year", re.compile(rf"\b(?P<month>{_MON})\.?,?\s+(?:of\s+)?{_YEAR}\b"), _MONTH_CORE),
    ("day_month", re.compile(rf"\b(?P<month>{_MON})\.?\s+{_DAY}\b(?!:\d){_NO_YEAR}"), _MONTH_CORE),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\b\.?{_NO_YEAR}"), _MONTH_CORE),
    ("month", re.compile(
        r"(?i:\b(?:in|since|until|by|during|last|this|next|early|late|mid|end of|from)\s+)"
        r"(?P<month>January|February|March|April|June|July|August|September|October|November|"
        r"December)\b(?!\s+[0-3]?\d\b)"), _MONTH_CORE),
    ("year", re.compile(
        r"(?i:\b(?:in|since|of|from|until|till|through|during|before|after|a|an|the|early|late|"
        rf"mid|end of|start of|beginning of|by)\s+|\bmid-){_YEAR}\b"
        r"(?![.,]\d|\s*(?:%|percent|per cent))"), _YEAR_CORE),
)
# What may stand between a weekday and the date it names: "Friday, December 18", "Friday (the 18"
_DATE_GAP = re.compile(r"\.?,?\s*\(?\s*(?:the\s+)?")
_UNIT = re.compile(r"(?:day|week|month|year)", re.IGNORECASE)
_LOOKBACK = 40

# Words that put what follows in the future. Deliberately not "plan" (a noun: "the plan signed
# on ..."), bare "due" ("due to the war"), "until" or "deadline" (both often past).
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|would|is to|are to|to be held|to take place|(?:is|are) due|"
    r"scheduled|plans? to|planned for|planning to|expected|set to|next|upcoming|coming|"
    r"envisages?|intends?|aims? to|ahead of)\b|'ll\b", re.IGNORECASE)
# A future verb right after a date: "The vote on March 3, 2019 will decide", "..., are to"
_FUTURE_AFTER = re.compile(
    r"[ ,)]*(?:will|won't|shall|(?:is|are)\s+(?:to|due|set\s+to|scheduled|expected))\b",
    re.IGNORECASE)
# "since", "began"... after a future marker, or a reporting verb ("X will go, she said on
# Monday"), end the future marker's reach.
_PAST = re.compile(
    r"\b(?:since|began|begun|started|erupted|broke out|ended|ago|last|earlier|said|says|told|"
    r"announced|added|reported|confirmed|stated)\b", re.IGNORECASE)
_WEEKDAY = re.compile(
    rf"(?:\b(?P<rel>(?i:this|next|coming|last|past|every|by|until))\s+)?\b(?P<weekday>{_WD})(?P<s>s)?\b")
_RELATIVE = re.compile(
    r"\b(?:(?P<now>(?:earlier|later)\s+this|this)|(?P<last>last|past|previous)|(?P<next>next))\s+"
    r"(?P<unit>week|month|year)\b|\b(?P<start>(?:from|since)\s+the\s+(?:start|beginning)\s+of\s+"
    r"the\s+year)\b", re.IGNORECASE)
# A day named by its distance from publication, before the date it names
_DEICTIC = re.compile(r"\b(?i:yesterday|today|tonight|tomorrow)\b")
_DEICTIC_SHIFT = {"yesterday": 1, "today": 0, "tonight": 0, "tomorrow": -1}
_LAST_YEAR = re.compile(r"\b(?:last\s+year|a\s+year\s+ago)\b", re.IGNORECASE)
_WORD_NUMBERS = dict(zip("one two three four five six seven eight nine ten eleven twelve".split(),
                         range(1, 13), strict=True))
_NUMBER = r"\d{1,2}|" + "|".join(_WORD_NUMBERS)
# The nouns whose length is their age, growing while they last ("the 14-month siege", "the
# six-year war"): a length set in advance is no age ("the 10-year plan", "a six-year sentence",
# "a five-year contract", "a three-year bond", "a 72-hour ceasefire"), and such a phrase with
# the date it began would date the story years late.
_AGE_NOUNS = ("siege war conflict standoff stand-off strike occupation blockade lockout shutdown "
              "crisis dispute insurgency uprising rebellion revolt campaign protest protests "
              "drought feud stalemate impasse deadlock battle fighting offensive captivity "
              "detention imprisonment manhunt search hunt investigation inquiry probe saga "
              "struggle civil outbreak epidemic pandemic closure disappearance hunger").split()
_DURATION = re.compile(
    rf"\b(?P<n>{_NUMBER})[- ](?P<unit>day|week|month|year)s?[- ](?:(?:old|long)[- ])?"
    rf"(?P<noun>{'|'.join(_AGE_NOUNS)})\b",
    re.IGNORECASE)
# Looking back on a date from years on: "the 20th anniversary of", "twenty years ago". The
# count, when there is one, is the word before.
_LOOKING_BACK = re.compile(
    r"\b(?:(?:(?P<nth>[\w-]{1,24})\s{1,3})?anniversary|(?:(?P<n>[\w-]{1,24})\s{1,3})?"
    r"(?P<unit>year|month|week|day|decade)s?\s{1,3}ago)\b", re.IGNORECASE)
_BACK_CORE = re.compile(r"(?i:anniversary|\bago\b)")
_ANNIVERSARY_DAYS = timedelta(days=14)  # a story before or after the day it marks
_TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                 range(20, 100, 10), strict=True))
_ORDINAL_NUMBERS = dict(zip("first second third fourth fifth sixth seventh eighth ninth tenth "
                            "eleventh twelfth".split(), range(1, 13), strict=True))
# "since" counts to the time of writing; "two months after the vote in May" dates another event.
_ELAPSED = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+since\b",
                      re.IGNORECASE)

# Below this the answer is a guess among readings nothing separates (the year of a lone
# "Nov. 5"); measured on the benchmark pages' text alone, every answer under it was wrong.
MIN_CONFIDENCE = 0.2

# A deadline just before a date: "by 2030", "by the end of 2020", "by mid-2020", "by the summer
# of 2020", "by Friday, March 6, 2020"
_DEADLINE = re.compile(
    r"\bby\s+(?:the\s+)?(?:(?:(?:very\s+)?(?:end|start|beginning|middle|close|first\s+half|"
    r"second\s+half|first\s+quarter|summer|spring|autumn|fall|winter)\s+of\s+)|"
    rf"(?:early|late|mid)[\s-]*|(?:{_WD}),?\s+)?$",
    re.IGNORECASE)
# An end point in the present tense just before a date: "is held until October 31st 2018",
# "runs through May 2020", "remains closed until March 3, 2018": the date may lie after the
# story (an exhibition's closing) or, for a story read later, before it. Past wording ("ran
# until", "Until 2012, she was") keeps its lower bound.
_UNTIL = re.compile(
    r"\b(?:is|are|runs?|remains?|continues?|lasts?|stays?|extends?)\b(?:\s+[\w-]+){0,3}?\s+"
    r"(?:until|till|through|thru)\s+(?:the\s+(?:end|middle)\s+of\s+)?$", re.IGNORECASE)
# A year naming an event or a document: "a 2009 analysis", "like the 2008 Beijing Olympics"
_INDEFINITE = re.compile(r"(?i:an?)\s")
_ARTICLE = re.compile(r"(?i:an?|the)\s")
_COMPARED = re.compile(r"\b(?:like|such\s+as|unlike|than|including|citing|cited|pointing\s+to)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+[A-Za-z]")
# Past perfect in the sentence: "By 2015 the number had doubled", "Prices had risen by May 2019"
_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
# A narrative's next step, opening a sentence: "The next year, ..." (not "in the next year")
_NARRATIVE_NEXT = re.compile(
    r"\s*the\s+next\s+(?:day|morning|afternoon|evening|night|week|weekend|month|year)\s*[,;]",
    re.IGNORECASE)

# A full date in neutral wording is mostly past, but a story may name the coming days' dates
# without a future marker ("ministers prepared for a meeting on Thursday, June 4, 2015"):
# such a date bounds publication from below with a week's slack.
_NEUTRAL_SLACK = timedelta(days=7)

_MARK = re.compile(r"[.!?] ")
_BREAK = re.compile(r"\n")

_LITTLE = frozenset("on in of at since the a an from until by this last earlier later to".split())



@dataclass(frozen=True, slots=True)
class Mention:
    """A calendar expression in the text: a weekday+date, full date, month-year, day-month,
    month or year, with its tense ("past", "future" or "neutral") read from the words before."""

    kind: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    tense: str
    rel: str | None
    # The wording does not say on which side of publication the date lies: a deadline ("by
    # the end of 2020", "by December 2023") in neutral wording, or a year naming an event
    # ("the 2008 Olympics", "a 2009 analysis") in future wording. It bounds nothing.
    hedged: bool = False
    # A date the text looks back on ("the first anniversary of the March 3, 2019 attack",
    # "twenty years ago, on ..."): past whatever verb comes before ("will mark"), and history,
    # neither recent nor the date a "next week" in its sentence moves (:func:`_history`).
    history: bool = False


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
    for m in _history(text, _planned(find_mentions(text), now or date.today())):
        if m.kind != "full" or m.hedged or m.tense == "future" or m.year is None:
            continue
        first = _period(m.year, m.month, m.day)[0]
        if m.tense == "neutral":
            first -= _NEUTRAL_SLACK
        if best is None or first > best[0]:
            best = (first, _snippet(text, m.start, m.end))
    return best


def infer_publication(
    text: str, dateline: Dateline | None = None, now: date | None = None
) -> Inference | None:
    """The full inference behind :func:`infer_published`: day, clues used, alternatives."""
    today = now or date.today()
    if dateline is None:
        dateline = next(filter(None, map(parse_dateline, text.split("\n\n")[:3])), None)
    mentions = _history(text, _planned(find_mentions(text, skip=_dateline_range(text, dateline)),
                                       today))
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
        *lookback_clues(text, mentions),
        *office_clues(text, now),
        *world_clues(text, now),
        *meeting_clues(text, now),
    ]


# --- reading the text ----------------------------------------------------------------------


def find_mentions(text: str, skip: tuple[int, int] = (0, 0)) -> list[Mention]:
    """Every calendar expression, longest reading first, ordered by position."""
    # the spans taken, sorted and disjoint (so their ends are sorted too): a new match overlaps
    # one only if it overlaps the last one starting before its end (a scan of all of them
    # took time in the square of the mentions: minutes on a long dated text)
    starts: list[int] = [skip[0]] if skip[1] else []
    ends: list[int] = [skip[1]] if skip[1] else []
    found: list[Mention] = []
    for kind, pattern, core in _PATTERNS:
        for match in _scan(pattern, core, text):
            start, end = match.span()
            before = bisect_left(starts, end)
            if before and ends[before - 1] > start:
                continue
            mention = _mention(kind, match, text)
            if mention is not None:
                starts.insert(before, start)
                ends.insert(before, end)
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _planned(mentions: list[Mention], now: date) -> list[Mention]:
    """The mentions, a dated one in neutral wording read as future when even its earliest
    reading lies after ``now`` (a full date's a week before it, see ``_NEUTRAL_SLACK``): a story
    written by ``now`` names a later day only as a plan ("The summit, on June 4, 2027, is the
    first in a decade"), and taken as past it put the story after ``now``. Past wording stays
    past: "said on ..." is a floor even past a ``now`` set too early."""
    return [replace(m, tense="future") if m.tense == "neutral" and m.year is not None
            and _period(m.year, m.month, m.day)[0] - (_NEUTRAL_SLACK if m.kind == "full"
                                                      else timedelta()) > now else m
            for m in mentions]


def _history(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, those the text looks back on (:func:`_looked_back`) marked as history, in
    the past: "Survivors will mark the first anniversary of the March 3, 2019 attack next week"
    put the story before March 3, 2019 (future wording, and "next week" read as that date's)."""
    back = {origin.start for _, origin in _looked_back(text, mentions)}
    return [replace(m, tense="past", history=True) if m.start in back else m for m in mentions]


def _scan(pattern: re.Pattern[str], core: re.Pattern[str], text: str
          ) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)``, but tried only in the ``_LOOKBACK`` characters before each
    hit of ``core``, which every match must contain within its first ``_LOOKBACK`` characters:
    the same matches, several times faster (and the core's hits are found once per text for
    all the patterns that share it)."""
    done = 0
    for at in _core_hits(core, text):
        if at < done:
            continue
        for start in range(max(done, at - _LOOKBACK), at + 1):
            match = pattern.match(text, start)
            if match is not None:
                done = match.end()
                yield match
                break


@lru_cache(maxsize=8)
def _core_hits(core: re.Pattern[str], text: str) -> tuple[int, ...]:
    """Where ``core`` matches in ``text`` (the last few texts' answers are kept: several
    patterns share each core)."""
    return tuple(hit.start() for hit in core.finditer(text))


def _mention(kind: str, match: re.Match[str], text: str) -> Mention | None:
    groups = match.groupdict()
    if groups.get("first"):
        # a slashed date: month first or day first, read only when the other order is no date
        first, second = int(groups["first"]), int(groups["second"])
        if (first > 12) == (second > 12):
            return None
        groups.update(day=str(max(first, second)), month=str(min(first, second)))
    month_text = groups.get("month") or ""
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS.get(month_text.lower())
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if year and month and day and _safe_date(year, month, day) is None:
        return None
    weekday = _WEEKDAY_NUMBERS[groups["weekday"][:3].lower()] if groups.get("weekday") else None
    if weekday is not None and groups["weekday"] not in WEEKDAYS \
            and _ARTICLE_BEFORE.search(text, max(0, match.start("weekday") - 5), match.start("weekday")):
        return None  # "The Sun, March 12": a name, not an abbreviated Sunday
    rel = (groups.get("rel") or "").lower() or None
    tense = {"this": "future", "next": "future", "coming": "future", "last": "past",
             "past": "past"}.get(rel or "") or tense_at(text, match.start())
    hedged = False
    # "the 2011 earthquake", "a 2009 analysis": a year before a noun, after an article
    attributive = (kind == "year" and _ARTICLE.match(match.group(0)) is not None
                   and _WORD_AFTER.match(text, match.end()) is not None)
    lead_in = (max(0, match.start() - 40), _year_start(kind, match))
    if tense != "future" and not attributive and (
            _DEADLINE.search(text, *lead_in)
            or tense == "neutral" and _UNTIL.search(text, max(0, lead_in[1] - 80), lead_in[1])):
        # "by 2020": a target or a deadline met, "until May 2018" an end point ahead or past;
        # past perfect in the sentence says which
        first, last = _sentence_range(text, match.start())
        if _PERFECT.search(text, first, last):
            tense = "past"
        else:
            hedged = True
    elif tense == "future" and attributive:
        # "will cite a 2009 analysis", "ahead of events like the 2008 Olympics": a document or
        # an event named by its year, not the time of the future verb ("will compete in the
        # 2020 Olympics" is, and bounds)
        hedged = (_INDEFINITE.match(match.group(0)) is not None
                  or _COMPARED.search(text, max(0, match.start() - 30), match.start()) is not None)
    elif tense == "neutral" and kind in ("full", "month_year") and _FUTURE_AFTER.match(text, match.end()):
        # "The referendum on March 3, 2019 will decide": the date of the future verb's subject,
        # ahead of the story, or of its past ("those killed on March 3, 2019 will be buried")
        hedged = True
    return Mention(kind, match.start(), match.end(), year, month, day, weekday, tense, rel, hedged)


def _year_start(kind: str, match: re.Match[str]) -> int:
    """Where the date itself starts: a year mention's match opens with its lead-in ("by the
    end of 2020"), the others' with the date."""
    return match.start("year") if kind == "year" else match.start()


def tense_at(text: str, position: int) -> str:
    """"future" after a future marker in the same sentence (unless "since", "began"... follow
    it), "past" after such a past marker, else "neutral". A sentence that opens a narrative's
    next step ("The next year, ...") is not put in the future by its "next"."""
    sentence = _sentence_start(text, position)
    start = max(sentence, position - 100)
    window = text[start:position]
    narrative = _narrative_end(text, sentence) - start
    future = [m for m in _FUTURE.finditer(window) if m.start() >= narrative]
    if future and not _PAST.search(window[future[-1].end():]):
        return "future"
    return "past" if _PAST.search(window) else "neutral"


def _narrative_end(text: str, sentence: int) -> int:
    """Where a sentence's opening "The next day," ends (``sentence`` when it has none)."""
    match = _NARRATIVE_NEXT.match(text, sentence)
    return match.end() if match else sentence


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts: after the last ". ", "! ", "? " or line
    break that ends before it."""
    marks, breaks = _sentence_marks(text)
    return max(_last(marks, position - 2), _last(breaks, position - 1), -1) + 1


def _sentence_range(text: str, position: int) -> tuple[int, int]:
    """The sentence's start and where its end mark starts (the text's end if none follows)."""
    marks, breaks = _sentence_marks(text)
    ends = [found[i] for found in (marks, breaks) if (i := bisect_left(found, position)) < len(found)]
    return _sentence_start(text, position), min(ends, default=len(text))


@lru_cache(maxsize=8)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Where each ". ", "! " and "? " starts, and each line break, in order: found once a text
    (looking each up with str.find and rfind, once per mention, took time in the square of the
    text's length: 57 s on 300 KB without a full stop)."""
    return [m.start() for m in _MARK.finditer(text)], [m.start() for m in _BREAK.finditer(text)]


def _last(found: list[int], at_most: int) -> int:
    """The last of ``found`` at or before ``at_most`` (-1 if none)."""
    i = bisect_right(found, at_most)
    return found[i - 1] if i else -1


def _snippet(text: str, start: int, end: int, words: int = 1, after: int = 0) -> str:
    """The expression with ``words`` words before it from its own sentence (one more when the
    first is a little word such as "on") and ``after`` words after it."""
    before = text[_sentence_start(text, start):start].split()
    take = words + (bool(words) and len(before) > words and before[-words].lower() in _LITTLE)
    following = text[end:_sentence_range(text, end)[1]].split()[:after]
    snippet = " ".join([*before[len(before) - take:], text[start:end], *following])
    snippet = " ".join(snippet.split()).strip(" ,.;:")
    return snippet + ")" if snippet.count("(") > snippet.count(")") else snippet


def _dateline_range(text: str, dateline: Dateline | None) -> tuple[int, int]:
    where = text.find(dateline.text) if dateline and dateline.text else -1
    return (where, where + len(dateline.text)) if dateline and where >= 0 else (0, 0)


# --- rules ---------------------------------------------------------------------------------


def bound_clues(text: str, mentions: list[Mention], now: date) -> Iterable[Clue]:
    """Rule 2: dated mentions bound the date: past/neutral from below, future from above.

    A month-year or year after ``now`` can only be a plan, so it bounds from above; a full date
    in past wording stays a lower bound whatever ``now`` says (one in neutral wording past
    ``now`` was read as future: :func:`_planned`). Each bound carries the period its mention
    names as a span of no weight: how near a reading lies to what the text dates is measured
    from it (a year's end, not only its first day)."""
    for m in mentions:
        if m.year is None or m.kind not in ("full", "month_year", "year") or m.hedged:
            continue
        first, last = _period(m.year, m.month, m.day)
        named = ((first, last, first),)
        future = m.tense == "future" or (m.kind != "full" and first > now)
        snippet = _snippet(text, m.start, m.end, after=2 if m.kind == "year" else 0)
        if not future and m.kind == "full" and m.tense == "neutral":
            first -= _NEUTRAL_SLACK  # "prepared for a meeting on Thursday, June 4, 2015"
        yield Clue("bound", snippet, m.start, hi=last, spans=named) if future else Clue(
            "bound", snippet, m.start, lo=first, spans=named)


def recency_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 2: news is recent. The latest full date in past/neutral wording: published within
    90 days after it; the earliest full date after a future marker: within 90 days before it.
    Not a date the text looks back on ("the anniversary of", "years ago"): history."""
    full = [(_period(m.year, m.month, m.day)[0], m) for m in mentions
            if m.kind == "full" and m.year and not m.hedged and not m.history]
    past = [item for item in full if item[1].tense != "future"]
    future = [item for item in full if item[1].tense == "future"]
    window = timedelta(days=RECENCY_DAYS)
    if past:
        day, m = max(past, key=lambda item: item[0])
        yield Clue("recency", _snippet(text, m.start, m.end), m.start, spans=((day, day + window, day),),
                   weight=0.3, anchor=True)
    if future:
        day, m = min(future, key=lambda item: item[0])
        yield Clue("recency", _snippet(text, m.start, m.end), m.start, spans=((day - window, day, day),),
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
            snippet = _snippet(text, m.start, m.end, words=0)
            yield _year_back(text, m, snippet, spans) or Clue(
                "weekday_date", snippet, m.start, spans=spans, weight=0.6, anchor=True)


def day_month_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 3: a day-month without a year: published within months of it, in any year."""
    for m in mentions:
        if m.kind == "day_month" and m.month and m.day:
            before, after = {"future": (180, 0), "past": (0, 180)}.get(m.tense, (120, 180))
            spans, snippet = _yearly(m.month, m.day, before, after, years), _snippet(text, m.start, m.end)
            yield _year_back(text, m, snippet, spans) or Clue(
                "day_month", snippet, m.start, weight=0.2, spans=spans, anchor=True)


def _year_back(text: str, m: Mention, snippet: str, spans: tuple[Span, ...]) -> Clue | None:
    """A day-month its sentence puts a year back ("Last year, on Friday, December 18, ..."):
    published in the year after one of its candidates, which dates no day (weight 0.3, not an
    anchor, as a year shifted by "last year" in rule 4); None for another sentence."""
    first, last = _sentence_range(text, m.start)
    if not _LAST_YEAR.search(text, first, last):
        return None
    after = tuple((date(ref.year + 1, 1, 1), date(ref.year + 1, 12, 31), ref) for _, _, ref in spans)
    return Clue("relative", f"{snippet} ~ last year", m.start, spans=after, weight=0.3)


def _yearly(month: int, day: int, before: int, after: int, years: range,
            weekday: int | None = None) -> tuple[Span, ...]:
    """``before``..``after`` days around month/day in each year (where it is ``weekday``)."""
    return tuple(
        (d - timedelta(days=before), d + timedelta(days=after), d)
        for y in years if (d := _safe_date(y, month, day)) and weekday in (None, d.weekday())
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
        if match.group("s") or match.group("rel") or inside and match.start() < spans[inside - 1][1]:
            continue
        weekday = WEEKDAYS.index(match.group("weekday"))
        if tense_at(text, match.start()) == "future" \
                or _opens_other_weekday(text, match.end(), dates, weekday):
            continue
        yield Clue("weekday", _snippet(text, match.start(), match.end(), words=1), match.start(),
                   weight=0.2, weekday=weekday)
        return


def deictic_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 4: "yesterday, December 17, 2015", "today, Friday, December 18": the day the date
    names is the day before (the day of, the day after) publication (anchor 0.6)."""
    dates = {m.start: m for m in mentions if m.kind in ("full", "weekday_date", "day_month")}
    for match in _DEICTIC.finditer(text):
        gap = _DATE_GAP.match(text, match.end())
        m = dates.get(gap.end()) if gap else None
        if m is None or m.month is None or m.day is None:
            continue
        named = ([_safe_date(m.year, m.month, m.day)] if m.year
                 else [ref for _, _, ref in _yearly(m.month, m.day, 0, 0, years, m.weekday)])
        shift = timedelta(days=_DEICTIC_SHIFT[match.group(0).lower()])
        yield Clue("deictic", _snippet(text, match.start(), m.end, words=0), match.start(),
                   spans=tuple((d + shift, d + shift, d + shift) for d in named if d), weight=0.6,
                   anchor=True)


def _opens_other_weekday(text: str, position: int, dates: dict[int, Mention], weekday: int) -> bool:
    """Whether a full date of another weekday starts right after ``position`` (past a comma,
    a bracket, "the")."""
    gap = _DATE_GAP.match(text, position)
    m = dates.get(gap.end()) if gap else None
    day = _safe_date(m.year, m.month, m.day) if m and m.year and m.month and m.day else None
    return day is not None and day.weekday() != weekday


def relative_clues(text: str, mentions: list[Mention], years: range) -> Iterable[Clue]:
    """Rule 4: "last month", "earlier this month", "next week", "this year"... in the sentence
    of a dated mention shift that date onto the publication date (not one the text looks back
    on: "will mark the first anniversary of the March 3, 2019 attack next week")."""
    mentions = [m for m in mentions if not m.history]
    starts = [m.start for m in mentions]
    for match in _scan(_RELATIVE, _UNIT, text):
        if match.group("next") and _narrative_end(text, _sentence_start(text, match.start())) \
                > match.start():
            continue  # "The next year, ...": a narrative's next step, not the year after writing
        shift = 1 if match.group("last") else -1 if match.group("next") else 0
        unit = (match.group("unit") or "year").lower()
        mention = _nearest_in_sentence(text, mentions, starts, match.start(), unit)
        if mention is None:
            continue
        spans = _shifted_spans(mention, unit, shift, years)
        snippet = f"{_snippet(text, mention.start, mention.end)} ~ {' '.join(match.group(0).split())}"
        yield Clue("relative", snippet, min(match.start(), mention.start), spans=spans,
                   weight=0.3, anchor=unit != "year")


def _nearest_in_sentence(text: str, mentions: list[Mention], starts: list[int], position: int,
                         unit: str) -> Mention | None:
    """The mention of the sentence at ``position`` nearest it that names the unit's part
    (``starts``: the mentions' starts, in order)."""
    first, last = _sentence_range(text, position)
    needs = {"week": "day", "month": "month", "year": "year"}[unit]
    fitting = [m for m in mentions[bisect_left(starts, first):bisect_left(starts, last)]
               if getattr(m, needs) is not None]
    return min(fitting, key=lambda m: abs(m.start - position), default=None)


def _shifted_spans(m: Mention, unit: str, shift: int, years: range) -> tuple[Span, ...]:
    if unit == "year":
        assert m.year is not None
        first, last = _period(m.year + shift, None, None)
        return ((first, last, first),)
    spans: list[Span] = []
    for year in [m.year] if m.year else years:
        if unit == "month":
            assert m.month is not None
            first = _add_months(date(year, m.month, 1), shift)
            spans.append((first, _add_months(first, 1) - timedelta(days=1), first))
        elif (day := _safe_date(year, m.month or 1, m.day or 1)) is not None:
            near, far = {0: (-6, 6), 1: (1, 13), -1: (-13, -1)}[shift]
            spans.append((day + timedelta(days=near), day + timedelta(days=far), day))
    return tuple(spans)


def duration_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 5: "the 14-month siege" + "the siege began in May 2019" -> 14 months on;
    "two years since ... in May 2019" -> two years on ("two years after" dates another event,
    not the writing)."""
    dated = [m for m in mentions if m.kind in ("full", "month_year") and m.year and m.tense != "future"
             and not m.hedged]
    naming: dict[str, list[tuple[Mention, list[int]]]] = {}
    for match in _scan(_DURATION, _UNIT, text):
        noun = match.group("noun").lower()
        if noun not in naming:
            naming[noun] = _naming_noun(text, dated, noun)
        # the last dated mention whose sentence names the noun outside the age phrase itself
        origin = next((m for m, hits in reversed(naming[noun])
                       if not m.start <= match.start() < m.end
                       and any(not match.start() <= hit < match.end() for hit in hits)), None)
        yield from _elapsed(text, match, [origin] if origin else [])
    starts = [m.start for m in dated]
    for match in _scan(_ELAPSED, _UNIT, text):
        first, last = _sentence_range(text, match.start())
        after = bisect_left(starts, match.end())
        yield from _elapsed(text, match, [m for m in dated[after:after + 1] if m.start < last])


def _naming_noun(text: str, dated: list[Mention], noun: str) -> list[tuple[Mention, list[int]]]:
    """The dated mentions whose sentence names ``noun`` (or its plural), each with where it
    does: the noun's sentences are found once per text, not once per age phrase and mention
    (which took hours on a long text full of dates)."""
    hits: dict[int, list[int]] = {}
    for hit in re.finditer(rf"\b{re.escape(noun)}s?\b", text, re.IGNORECASE):
        hits.setdefault(_sentence_start(text, hit.start()), []).append(hit.start())
    return [(m, hits[first]) for m in dated if (first := _sentence_start(text, m.start)) in hits]


def _elapsed(text: str, match: re.Match[str], origins: list[Mention]) -> Iterable[Clue]:
    number = match.group("n").lower()
    count = int(number) if number.isdigit() else _WORD_NUMBERS[number]
    unit = match.group("unit").lower()
    for origin in origins:
        assert origin.year is not None
        first, last = _period(origin.year, origin.month, origin.day)
        lo, hi = _later(first, count, unit), _later(last, count + 1, unit) - timedelta(days=1)
        snippet = f"{_snippet(text, match.start(), match.end(), words=1)} ~ " \
                  f"{_snippet(text, origin.start, origin.end)}"
        yield Clue("duration", snippet, match.start(), spans=((lo, hi, lo),), weight=0.4, anchor=True)


def lookback_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 5: "the 20th anniversary of the massacre of March 16, 1998": the two weeks around
    the day 20 years on; "twenty years ago, on March 16, 1998": 20 to 21 years on. An
    uncounted phrase ("the anniversary of", "years ago") dates nothing."""
    for match, origin in _looked_back(text, mentions):
        count = _count(match.group("nth") or match.group("n") or "")
        if count is None or origin.year is None:
            continue
        first, last = _period(origin.year, origin.month, origin.day)
        if match.group("unit") is None:
            day = _later(first, count, "year")
            span = (day - _ANNIVERSARY_DAYS, _later(last, count, "year") + _ANNIVERSARY_DAYS, day)
        else:
            unit = match.group("unit").lower()
            count, unit = (count * 10, "year") if unit == "decade" else (count, unit)
            span = (_later(first, count, unit), _later(last, count + 1, unit) - timedelta(days=1),
                    _later(first, count, unit))
        snippet = f"{_snippet(text, match.start(), match.end(), words=0)} ~ " \
                  f"{_snippet(text, origin.start, origin.end)}"
        yield Clue("lookback", snippet, match.start(), spans=(span,), weight=0.4, anchor=True)


def _looked_back(text: str, mentions: list[Mention]) -> list[tuple[re.Match[str], Mention]]:
    """Each phrase looking back on a date, with the full date or month-year it looks back on:
    for "ago" the nearest in its sentence, for an anniversary the first after it ("On March
    3, 2019, the first anniversary of the attack": a date before it is the anniversary's own
    day, and recent)."""
    dated = [m for m in mentions if m.kind in ("full", "month_year") and m.year and not m.hedged]
    starts = [m.start for m in dated]
    found = []
    for match in _scan(_LOOKING_BACK, _BACK_CORE, text):
        if match.group("unit"):
            origin = _nearest_in_sentence(text, dated, starts, match.start(), "month")
        else:
            after = bisect_left(starts, match.end())
            origin = dated[after] if after < len(dated) \
                and dated[after].start < _sentence_range(text, match.start())[1] else None
        if origin is not None:
            found.append((match, origin))
    return found


def _count(word: str) -> int | None:
    """A count or an ordinal in digits or words ("20th", "twentieth", "twenty-five", "a"), or
    None ("the", "many")."""
    word = word.lower()
    if digits := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", word):
        return int(digits[1]) or None
    tens, _, ones = word.partition("-")
    tens = tens.replace("ieth", "y")  # "twentieth"
    if tens in _TENS and (not ones or (_small(ones) or 10) < 10):
        return _TENS[tens] + (_small(ones) or 0)
    return _small(word) or (1 if word in ("a", "an") else None)


def _small(word: str) -> int | None:
    return _ORDINAL_NUMBERS.get(word) or _WORD_NUMBERS.get(word)


# --- calendar helpers ----------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        if (moved := _safe_date(year, month + 1, last)) is not None:
            return moved
    raise ValueError(f"no date {year}-{month + 1}")  # unreachable: every month has a 28th


def _later(day: date, count: int, unit: str) -> date:
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    return _add_months(day, count * (12 if unit == "year" else 1))


def _period(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    """First and last day of a year, a month or a day."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    first = date(year, month, day or 1)
    return first, first if day else _add_months(first, 1) - timedelta(days=1)

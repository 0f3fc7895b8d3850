"""Reading a story's calendar expressions for publication-date inference: where each date
mention lies, what it names (weekday+day-month, full date, month-year, day-month, month, year)
and the tense of its wording, with the sentence and quoting helpers the rules share (the rules
are :mod:`storyline.clean.daterules` and :mod:`storyline.clean.dateelapsed`; how they combine,
:mod:`storyline.clean.pubdate`).

Pure: regular expressions over the clean text, no I/O. Offsets are into that text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from storyline.clean.dateclue import safe_date
from storyline.datelines import MONTH_NAMES, MONTHS, WEEKDAYS

_MONTH_NUMBERS = {n.lower()[:size]: i for i, n in enumerate(MONTH_NAMES, 1) for size in (3, 9)}
_MONTH_NUMBERS["sept"] = 9
# Months as written or in capitals ("DEC. 18, 2015", "MOSCOW, DECEMBER 28"), as wires and page
# stamps set them; not case-blind ("may", "march" and "sun" are words)
_MON = f"{MONTHS}|{MONTHS.upper()}"
# A month named alone, after "in", "since"...: not "May" (a verb as often)
_MONTH_ALONE = "|".join(name for name in MONTH_NAMES if name != "May")
_WD = "|".join(WEEKDAYS)
# A weekday as datelines and date stamps abbreviate it ("Thu, Oct 15"), before a date only;
# in capitals too ("FRIDAY, DEC. 18")
_WD_TITLE = _WD + "|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
_WD_DATED = f"{_WD_TITLE}|{_WD_TITLE.upper()}"
_WEEKDAY_NUMBERS = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A year after a month, in full or by its last two digits ("Dec 18 '15", "March '98"; alone,
# "the '15 season" is no date)
_SHORT_YEAR = r"['\u2018\u2019](?P<short>\d\d)(?![\w'\u2019])"
_ANY_YEAR = rf"(?:{_YEAR}\b|{_SHORT_YEAR})"
_NO_YEAR = r"(?![.,]?\s*(?:(?:19|20)\d\d\b|['\u2018\u2019]\d\d(?![\w'\u2019])))"
_REL = r"(?:\b(?P<rel>(?i:this|next|coming|last|past|on))\s+)?"

# A word every match of a pattern contains within its first ``LOOKBACK`` characters (see
# :func:`scan`): the patterns open with optional or case-blind alternatives that the regex
# engine would try at every position, and each core is looked for once per text. Each core
# opens with a look at the first letter its words can have, which rules out most positions
# before the alternatives are tried (the same hits, in half the time).
_WEEKDAY_CORE = re.compile(rf"(?=[MTWFS])\b(?:{_WD_DATED})\b")
_MONTH_CORE = re.compile(rf"(?=[JFMASOND])\b(?:{_MON})\b")
_YEAR_CORE = re.compile(r"(?:1(?=9)|2(?=0))\d{3}\b")  # "19dd" or "20dd"
LOOKBACK = 40

# Order matters: a span taken by an earlier pattern is not read again by a later one. Each
# pattern comes with its core and how far into a match the core can lie (its *reach*, see
# :func:`scan`): a numeric date's year lies at most 6 characters in ("18/12/2015").
PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str], int], ...] = (
    ("weekday_date", re.compile(
        rf"{_REL}\b(?P<weekday>{_WD_DATED})\b\.?,?\s*\(?\s*(?:the\s+)?(?P<month>{_MON})\.?\s+{_DAY}\b\)?"
        rf"{_NO_YEAR}"),
     _WEEKDAY_CORE, LOOKBACK),
    ("weekday_date", re.compile(
        rf"{_REL}\b(?P<weekday>{_WD_DATED})\b\.?,?\s*\(?\s*(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\b\.?\)?"
        rf"{_NO_YEAR}"), _WEEKDAY_CORE, LOOKBACK),
    ("full", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
     _YEAR_CORE, 0),
    # "18.12.2015", day first wherever dots are used (a two-digit month: "1.2.2015" may be a
    # version); "12/18/2015" or "18/12/2015" when only one reading is a date (see _mention)
    ("full", re.compile(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]\d)\.(?P<year>(?:19|20)\d\d)"
                        r"(?!\w|\.\d)"), _YEAR_CORE, 6),
    ("full", re.compile(r"(?<![\w/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"
                        r"(?![\w/])"), _YEAR_CORE, 6),
    # "2015/12/18", "2015.12.18": the year first, as East Asian outlets write it (a listing's
    # "2018.04.05 ~ OPEN RUN" opens a run, and dates nothing: see _RANGE_AFTER)
    ("full", re.compile(r"(?<![\w/])(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)/(?P<day>[0-3]\d)"
                        r"(?![\w/])"), _YEAR_CORE, 0),
    ("full", re.compile(r"(?<![\w.])(?P<year>(?:19|20)\d\d)\.(?P<month>[01]\d)\.(?P<day>[0-3]\d)"
                        r"(?!\w|\.\d)"), _YEAR_CORE, 0),
    ("full", re.compile(rf"\b(?P<month>{_MON})\.?\s+{_DAY},?\s+{_ANY_YEAR}"), _MONTH_CORE, LOOKBACK),
    ("full", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\.?,?\s+{_ANY_YEAR}"),
     _MONTH_CORE, LOOKBACK),
    ("month_year", re.compile(rf"\b(?P<month>{_MON})\.?,?\s+(?:of\s+)?{_ANY_YEAR}"),
     _MONTH_CORE, LOOKBACK),
    # not a time, an amount or a share: "Dec 18:30", "in March 5,000 marched", "APR 5.9%"
    ("day_month", re.compile(rf"\b(?P<month>{_MON})\.?\s+{_DAY}\b(?![:.,]\d|\s*%){_NO_YEAR}"),
     _MONTH_CORE, LOOKBACK),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MON})\b\.?{_NO_YEAR}"),
     _MONTH_CORE, LOOKBACK),
    ("month", re.compile(
        r"(?i:\b(?:in|since|until|by|during|last|this|next|early|late|mid|end of|from)\s+)"
        rf"(?P<month>{_MONTH_ALONE}|{_MONTH_ALONE.upper()})\b(?!\s+[0-3]?\d\b)"), _MONTH_CORE, LOOKBACK),
    ("year", re.compile(
        r"(?i:\b(?:in|since|of|from|until|till|through|during|before|after|a|an|the|early|late|"
        rf"mid|end of|start of|beginning of|by)\s+|\bmid-){_YEAR}\b"
        r"(?![.,]\d|\s*(?:%|percent|per cent))"), _YEAR_CORE, LOOKBACK),
)
# The core of the relative and elapsed-time patterns of the rules ("last month", "14-month")
UNIT_CORE = re.compile(r"(?=[dwmy])(?:day|week|month|year)", re.IGNORECASE)

# Words that put what follows in the future. Deliberately not "plan" (a noun: "the plan signed
# on ..."), bare "due" ("due to the war"), "until" or "deadline" (both often past).
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|would|is to|are to|to be held|to take place|(?:is|are) due|"
    r"scheduled|plans? to|planned for|planning to|expected|set to|next|upcoming|coming|"
    r"envisages?|intends?|aims? to|ahead of)\b|'ll\b", re.IGNORECASE)
# A future verb right after a date: "The vote on March 3, 2019 will decide", "..., are to";
# not "is to blame" nor "is due to the drought" (a cause)
_FUTURE_AFTER = re.compile(
    r"[ ,)]*(?:will|won't|shall|(?:is|are)\s+(?:to(?!\s+blame\b)|set\s+to|scheduled|expected|"
    r"due(?!\s+to\s+(?:the|a|an|its|their|his|her|this|that|these|those)\b)))\b",
    re.IGNORECASE)
# A past participle just before a date's preposition: "the deal signed on May 4, 2019", "those
# killed in March 2019": a deed done on that date, whatever future verb follows ("is to be
# ratified"); not a plan's participle ("planned on", "timed for" takes no date here)
_DONE_BEFORE = re.compile(
    r"\b(?!(?:planned|scheduled|slated|expected|proposed|timed|booked|billed|earmarked|tipped)\b)"
    r"(?:\w{2,}ed|held|won|lost|found|made|built|born|struck|shot|hit|seen|taken|given|sent|"
    r"written|caught|sold|paid|begun|broken|chosen|cast|cut|shut|met|laid|led|left|stolen|"
    r"sworn|thrown|torn|beaten|fought|freed|hung|slain)\s+(?:on|in|at|during)\s+(?:the\s+)?$",
    re.IGNORECASE)
# A version number, not a dotted date: "firmware version 3.12.2015", "build 14.06.2018"
# or "version 6.6 2008.06.13" (a version and its release's date, in a version's place)
_VERSION_BEFORE = re.compile(r"\b(?:version|ver|v|build|firmware|revision|rev|patch)\.?\s*"
                             r"(?:v?\d+(?:\.\d+)+,?\s+)?$", re.IGNORECASE)
_DOTTED = re.compile(r"\d{1,2}\.\d\d\.\d{4}|\d{4}\.\d\d\.\d\d")
# A date that opens or closes a run: "2018.04.05 ~ OPEN RUN", "2019/03/01~2019/04/30" (a
# listing's dates, which the listing may come before or long after)
_RANGE_AFTER = re.compile(r"[^\S\n]*[~\u301c\uff5e]")
_RANGE_BEFORE = re.compile(r"[~\u301c\uff5e][^\S\n]*$")
# A word in capitals after a day-month in capitals: a headline's words, not a date ("MARCH 4
# JUSTICE", "WORKERS MAY 1 DAY STRIKE", "TOP 10 MAY SURPRISE")
_CAPITALS_AFTER = re.compile(rf"(?:[^\S\n]+|-)(?!(?:{MONTHS.upper()})\b)[A-Z]{{2,}}\b")
# "since", "began"... after a future marker, or a reporting verb ("X will go, she said on
# Monday"), end the future marker's reach.
_PAST = re.compile(
    r"\b(?:since|began|begun|started|erupted|broke out|ended|ago|last|earlier|said|says|told|"
    r"announced|added|reported|confirmed|stated)\b", re.IGNORECASE)

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
NEUTRAL_SLACK = timedelta(days=7)

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
    # neither recent nor the date a "next week" in its sentence moves (:func:`mark_history`).
    history: bool = False


def find_mentions(text: str, skip: tuple[int, int] = (0, 0)) -> list[Mention]:
    """Every calendar expression, longest reading first, ordered by position."""
    # the spans taken, sorted and disjoint (so their ends are sorted too): a new match overlaps
    # one only if it overlaps the last one starting before its end (a scan of all of them
    # took time in the square of the mentions: minutes on a long dated text)
    starts: list[int] = [skip[0]] if skip[1] else []
    ends: list[int] = [skip[1]] if skip[1] else []
    found: list[Mention] = []
    for kind, pattern, core, reach in PATTERNS:
        for match in scan(pattern, core, text, reach):
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


def scan(pattern: re.Pattern[str], core: re.Pattern[str], text: str, reach: int = LOOKBACK
         ) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)``, but tried only in the ``reach`` characters before each hit
    of ``core``, which every match must contain within its first ``reach`` characters (at
    most ``LOOKBACK``): the same matches, several times faster (and the core's hits are found
    once per text for all the patterns that share it). A pattern whose core lies at a fixed
    place in it ("2015-12-18": at its start) is tried at those places only: where a match
    starts further back, its own core's hit came first and found it."""
    match_at = pattern.match
    done = 0
    for at in _core_hits(core, text):
        if at < done:
            continue
        for start in range(max(done, at - reach), at + 1):
            match = match_at(text, start)
            if match is not None:
                done = match.end()
                yield match
                break


@lru_cache(maxsize=8)
def _core_hits(core: re.Pattern[str], text: str) -> tuple[int, ...]:
    """Where ``core`` matches in ``text`` (the last few texts' answers are kept: several
    patterns share each core)."""
    return tuple([hit.start() for hit in core.finditer(text)])


def _mention(kind: str, match: re.Match[str], text: str) -> Mention | None:
    """The mention a pattern's match reads as, with its tense; None when it names no day
    (a slashed date whose day and month could swap, "31/31/2015", "The Sun, March 12")."""
    groups = match.groupdict()
    numbers = _numbers(groups)
    if numbers is None or _version(match, text) or _headline(kind, groups, match, text):
        return None
    year, month, day = numbers
    weekday = _WEEKDAY_NUMBERS[groups["weekday"][:3].lower()] if groups.get("weekday") else None
    if weekday is not None and groups["weekday"].title() not in WEEKDAYS \
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
        first, last = sentence_range(text, match.start())
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
    elif tense == "neutral" and kind in ("full", "month_year") and _FUTURE_AFTER.match(text, match.end()) \
            and not _DONE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        # "The referendum on March 3, 2019 will decide": the date of the future verb's subject,
        # which may lie ahead of the story; not a deed's ("those killed on March 3, 2019 will
        # be buried", "the deal signed on May 4, 2019 is to be ratified": past, a floor)
        hedged = True
    if _RANGE_AFTER.match(text, match.end()) \
            or _RANGE_BEFORE.search(text, max(0, match.start() - 5), match.start()):
        hedged = True  # "2018.04.05 ~ OPEN RUN": a run's opening, on either side of the story
    return Mention(kind, match.start(), match.end(), year, month, day, weekday, tense, rel, hedged)


def _numbers(groups: dict[str, str | None]) -> tuple[int | None, int | None, int | None] | None:
    """The year, month and day a match's groups name; None when they name no day of the
    calendar ("31/31/2015", "Feb. 30, 2015")."""
    if groups.get("first"):
        # a slashed date: month first or day first, read only when the other order is no date
        first, second = int(groups["first"] or 0), int(groups["second"] or 0)
        if (first > 12) == (second > 12):
            return None
        groups.update(day=str(max(first, second)), month=str(min(first, second)))
    month_text = groups.get("month") or ""
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS.get(month_text.lower())
    year = int(groups["year"] or 0) if groups.get("year") else _century(groups.get("short"))
    day = int(groups["day"] or 0) if groups.get("day") else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if year and month and day and safe_date(year, month, day) is None:
        return None
    return year, month, day


def _century(short: str | None) -> int | None:
    """A two-digit year in full, as POSIX ``strptime`` reads ``%y``: 69 to 99 in the 1900s,
    00 to 68 in the 2000s ("'98" is 1998, "'15" 2015)."""
    if not short:
        return None
    return int(short) + (1900 if int(short) >= 69 else 2000)


def _version(match: re.Match[str], text: str) -> bool:
    """Whether a dotted date is a version number: "firmware version 3.12.2015", "build
    14.06.2018", "version 6.6 2008.06.13"."""
    return _DOTTED.fullmatch(match.group(0)) is not None \
        and _VERSION_BEFORE.search(text, max(0, match.start() - 24), match.start()) is not None


def _headline(kind: str, groups: dict[str, str | None], match: re.Match[str], text: str) -> bool:
    """Whether a day-month in capitals is a headline's words: a word in capitals follows it
    ("MARCH 4 JUSTICE"); "MOSCOW, DECEMBER 28 (Reuters)" is a date."""
    month = groups.get("month") or ""
    return kind == "day_month" and month.isupper() \
        and _CAPITALS_AFTER.match(text, match.end()) is not None


def _year_start(kind: str, match: re.Match[str]) -> int:
    """Where the date itself starts: a year mention's match opens with its lead-in ("by the
    end of 2020"), the others' with the date."""
    return match.start("year") if kind == "year" else match.start()


def tense_at(text: str, position: int) -> str:
    """"future" after a future marker in the same sentence (unless "since", "began"... follow
    it), "past" after such a past marker, else "neutral". A sentence that opens a narrative's
    next step ("The next year, ...") is not put in the future by its "next"."""
    sentence = sentence_start(text, position)
    start = max(sentence, position - 100)
    window = text[start:position]
    narrative = narrative_end(text, sentence) - start
    future = [m for m in _FUTURE.finditer(window) if m.start() >= narrative]
    if future and not _PAST.search(window[future[-1].end():]):
        return "future"
    return "past" if _PAST.search(window) else "neutral"


def narrative_end(text: str, sentence: int) -> int:
    """Where a sentence's opening "The next day," ends (``sentence`` when it has none)."""
    match = _NARRATIVE_NEXT.match(text, sentence)
    return match.end() if match else sentence


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts: after the last ". ", "! ", "? " or line
    break that ends before it."""
    marks, breaks = _sentence_marks(text)
    return max(_last(marks, position - 2), _last(breaks, position - 1), -1) + 1


def sentence_range(text: str, position: int) -> tuple[int, int]:
    """The sentence's start and where its end mark starts (the text's end if none follows)."""
    marks, breaks = _sentence_marks(text)
    ends = [found[i] for found in (marks, breaks) if (i := bisect_left(found, position)) < len(found)]
    return sentence_start(text, position), min(ends, default=len(text))


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


def inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quotation of its paragraph: after an odd number of
    straight double quotes, or after a curly opening quote not yet closed."""
    straight, opening, closing = _quote_marks(text)
    start = _last(_sentence_marks(text)[1], position - 1) + 1
    if (bisect_left(straight, position) - bisect_left(straight, start)) % 2:
        return True
    opened = _last(opening, position - 1)
    return opened >= start and opened > _last(closing, position - 1)


@lru_cache(maxsize=8)
def _quote_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where each straight double quote, curly opening and curly closing quote lies, in order."""
    straight, opening, closing = ([m.start() for m in re.finditer(mark, text)]
                                  for mark in ('"', "\u201c", "\u201d"))
    return straight, opening, closing


def excerpt(text: str, start: int, end: int, words: int = 1, after: int = 0) -> str:
    """The expression with ``words`` words before it from its own sentence (one more when the
    first is a little word such as "on") and ``after`` words after it."""
    before = text[sentence_start(text, start):start].split()
    take = words + (bool(words) and len(before) > words and before[-words].lower() in _LITTLE)
    following = text[end:sentence_range(text, end)[1]].split()[:after]
    snippet = " ".join([*before[len(before) - take:], text[start:end], *following])
    snippet = " ".join(snippet.split()).strip(" ,.;:")
    return snippet + ")" if snippet.count("(") > snippet.count(")") else snippet


def nearest_in_sentence(text: str, mentions: list[Mention], starts: list[int], position: int,
                        unit: str) -> Mention | None:
    """The mention of the sentence at ``position`` nearest it that names the unit's part
    (``starts``: the mentions' starts, in order)."""
    first, last = sentence_range(text, position)
    needs = {"week": "day", "month": "month", "year": "year"}[unit]
    fitting = [m for m in mentions[bisect_left(starts, first):bisect_left(starts, last)]
               if getattr(m, needs) is not None]
    return min(fitting, key=lambda m: abs(m.start - position), default=None)


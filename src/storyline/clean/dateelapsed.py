"""Publication-date rule 5 (see :mod:`storyline.clean.pubdate`): time elapsed since a date.
An age ("the 14-month siege" with "the siege began in May 2019"), a count since ("two years
since ... in May 2019") or a look back ("the 20th anniversary of the massacre of March 16,
1998", "twenty years ago, on March 16, 1998") counts from the date it names to the time of
writing; an uncounted look back ("the anniversary of", "years ago") makes its date history.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from storyline.clean.dateclue import Clue, Span, later, period
from storyline.clean.datemention import (
    UNIT_CORE,
    Mention,
    excerpt,
    scan,
    sentence_range,
    sentence_start,
)
from storyline.datelines import WEEKDAYS

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
_DURATION_REACH = 7  # the unit lies after the count and one character: "twelve-month"
# Looking back on a date from years on: "the 20th anniversary of", "twenty years ago". The
# count, when there is one, is the word before.
_LOOKING_BACK = re.compile(
    r"\b(?:(?:(?P<nth>[\w-]{1,24})\s{1,3})?anniversary|(?:(?P<n>[\w-]{1,24})\s{1,3})?"
    r"(?P<unit>year|month|week|day|decade)s?\s{1,3}ago)\b", re.IGNORECASE)
_BACK_CORE = re.compile(r"(?i:(?=a)(?:anniversary|\bago\b))")
# What may stand between "N years ago" and the date it counts from, after it ("ago, on March
# 16, 1998", "ago today, on Monday, March 2", "ago in June 1999") or before it ("on March 3,
# 2019, three years ago")
_AGO_THEN = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:(?:today|tonight|this\s+(?:week|month|year)),?\s+)?"
    rf"(?:(?:on|in|back\s+in)\s+)?(?:(?:{'|'.join(WEEKDAYS)}),?\s+)?(?:the\s+)?", re.IGNORECASE)
_BEFORE_AGO = frozenset(" ,\t")
# An anniversary's "of" phrase up to the date it marks, in one clause: "of the massacre of",
# "of the quake, which struck on"
_OF_GAP = re.compile(r"\s+of\b(?:[^,;:]|,(?=\s*(?:which|that|who|when|where)\b))*", re.IGNORECASE)
_OF_REACH = 120
_ANNIVERSARY_DAYS = timedelta(days=14)  # a story before or after the day it marks
_TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                 range(20, 100, 10), strict=True))
_ORDINAL_NUMBERS = dict(zip("first second third fourth fifth sixth seventh eighth ninth tenth "
                            "eleventh twelfth".split(), range(1, 13), strict=True))
# "since" counts to the time of writing; "two months after the vote in May" dates another event.
_ELAPSED = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+since\b",
                      re.IGNORECASE)


def mark_history(text: str, mentions: list[Mention], now: date | None = None) -> list[Mention]:
    """The mentions, those the text looks back on (:func:`_looked_back`) marked as history, in
    the past: "Survivors will mark the first anniversary of the March 3, 2019 attack next week"
    put the story before March 3, 2019 (future wording, and "next week" read as that date's)."""
    back = {origin.start for _, origin, _ in _looked_back(text, mentions, now)}
    return [replace(m, tense="past", history=True) if m.start in back else m for m in mentions]


def duration_clues(text: str, mentions: list[Mention]) -> Iterable[Clue]:
    """Rule 5: "the 14-month siege" + "the siege began in May 2019" -> 14 months on;
    "two years since ... in May 2019" -> two years on ("two years after" dates another event,
    not the writing)."""
    dated = [m for m in mentions if m.kind in ("full", "month_year") and m.year and m.tense != "future"
             and not m.hedged]
    naming: dict[str, list[tuple[Mention, list[int]]]] = {}
    for match in scan(_DURATION, UNIT_CORE, text, _DURATION_REACH):
        noun = match.group("noun").lower()
        if noun not in naming:
            naming[noun] = _naming_noun(text, dated, noun)
        # the last dated mention whose sentence names the noun outside the age phrase itself
        origin = next((m for m, hits in reversed(naming[noun])
                       if not m.start <= match.start() < m.end
                       and any(not match.start() <= hit < match.end() for hit in hits)), None)
        yield from _elapsed(text, match, [origin] if origin else [])
    starts = [m.start for m in dated]
    for match in scan(_ELAPSED, UNIT_CORE, text):
        first, last = sentence_range(text, match.start())
        after = bisect_left(starts, match.end())
        yield from _elapsed(text, match, [m for m in dated[after:after + 1] if m.start < last])


def _naming_noun(text: str, dated: list[Mention], noun: str) -> list[tuple[Mention, list[int]]]:
    """The dated mentions whose sentence names ``noun`` (or its plural), each with where it
    does: the noun's sentences are found once per text, not once per age phrase and mention
    (which took hours on a long text full of dates)."""
    hits: dict[int, list[int]] = {}
    for hit in re.finditer(rf"\b{re.escape(noun)}s?\b", text, re.IGNORECASE):
        hits.setdefault(sentence_start(text, hit.start()), []).append(hit.start())
    return [(m, hits[first]) for m in dated if (first := sentence_start(text, m.start)) in hits]


def _elapsed(text: str, match: re.Match[str], origins: list[Mention]) -> Iterable[Clue]:
    number = match.group("n").lower()
    count = int(number) if number.isdigit() else _WORD_NUMBERS[number]
    unit = match.group("unit").lower()
    for origin in origins:
        assert origin.year is not None
        first, last = period(origin.year, origin.month, origin.day)
        lo, hi = later(first, count, unit), later(last, count + 1, unit) - timedelta(days=1)
        snippet = f"{excerpt(text, match.start(), match.end(), words=1)} ~ " \
                  f"{excerpt(text, origin.start, origin.end)}"
        yield Clue("duration", snippet, match.start(), spans=((lo, hi, lo),), weight=0.4, anchor=True)


def lookback_clues(text: str, mentions: list[Mention], now: date | None = None) -> Iterable[Clue]:
    """Rule 5: "the 20th anniversary of the massacre of March 16, 1998": the two weeks around
    the day 20 years on; "twenty years ago, on March 16, 1998": 20 to 21 years on. An
    uncounted phrase ("the anniversary of", "years ago") dates nothing."""
    for match, origin, span in _looked_back(text, mentions, now):
        if span is not None:
            snippet = f"{excerpt(text, match.start(), match.end(), words=0)} ~ " \
                      f"{excerpt(text, origin.start, origin.end)}"
            yield Clue("lookback", snippet, match.start(), spans=(span,), weight=0.4, anchor=True)


def _looked_back(text: str, mentions: list[Mention], now: date | None = None
                 ) -> list[tuple[re.Match[str], Mention, Span | None]]:
    """Each phrase looking back on a date, with the full date or month-year it looks back on
    and, when it counts the time, the days it puts publication in. For "ago" the date beside
    it ("twenty years ago, on March 16, 1998", "on March 3, 2019, three years ago"), not any
    in its sentence ("elected two years ago, fell on March 2, 2020" are two events); for an
    anniversary the first date inside its "of" phrase ("the first anniversary of the quake,
    which struck on ..."; not "anniversary celebrations were held on ...", nor "On the
    anniversary of the revolution, crowds gathered on ...": the day of the story's event),
    since a date before it is the anniversary's own day ("On March 3, 2019, the first
    anniversary of the attack"). A count that puts publication after ``now`` ("the 20th
    anniversary of the massacre on March 16, 2018") names the anniversary's own day: no look
    back."""
    dated = [m for m in mentions if m.kind in ("full", "month_year") and m.year and not m.hedged]
    starts = [m.start for m in dated]
    by_end = {m.end: m for m in dated}
    found = []
    for match in scan(_LOOKING_BACK, _BACK_CORE, text):
        if match.group("unit"):
            origin = _beside(text, match, dated, starts, by_end)
        else:
            after = bisect_left(starts, match.end())
            origin = dated[after] if after < len(dated) and _of_phrase(
                text, match.end(), dated[after].start) else None
        if origin is None:
            continue
        span = _counted_span(match, origin)
        if span is None or now is None or span[0] <= now:
            found.append((match, origin, span))
    return found


def _beside(text: str, match: re.Match[str], dated: list[Mention], starts: list[int],
            by_end: dict[int, Mention]) -> Mention | None:
    """The dated mention right after an "ago" phrase (past a comma, "today", "on", a
    weekday) or right before it (past a comma), if any."""
    gap = _AGO_THEN.match(text, match.end())
    at = bisect_left(starts, gap.end()) if gap else len(starts)
    if gap and at < len(starts) and starts[at] == gap.end():
        return dated[at]
    before = match.start()
    while before > 0 and text[before - 1] in _BEFORE_AGO:
        before -= 1
    return by_end.get(before)


def _of_phrase(text: str, end: int, date_start: int) -> bool:
    """Whether the text from an anniversary's end to a date is its "of" phrase, in one clause
    (a comma only before "which", "that"... of a clause about the same thing)."""
    return date_start - end <= _OF_REACH and _OF_GAP.fullmatch(text, end, date_start) is not None \
        and date_start <= sentence_range(text, end)[1]


def _counted_span(match: re.Match[str], origin: Mention) -> Span | None:
    """The days a counted look back puts publication in (None when it counts nothing)."""
    count = _count(match.group("nth") or match.group("n") or "")
    if count is None or origin.year is None:
        return None
    first, last = period(origin.year, origin.month, origin.day)
    if match.group("unit") is None:
        day = later(first, count, "year")
        return day - _ANNIVERSARY_DAYS, later(last, count, "year") + _ANNIVERSARY_DAYS, day
    unit = match.group("unit").lower()
    count, unit = (count * 10, "year") if unit == "decade" else (count, unit)
    return (later(first, count, unit), later(last, count + 1, unit) - timedelta(days=1),
            later(first, count, unit))


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

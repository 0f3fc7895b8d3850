"""Scoring the days a story may have been published on, and deciding (see
:mod:`storyline.clean.pubdate` for the rules that produce the clues and how scores are read)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from storyline.clean.dateclue import FLOOR, RECENCY_DAYS, Clue
from storyline.records import Published

MAX_EVIDENCE = 8
PARAGRAPH_BREAK = "\n\n"  # how the cleaner joins a document's paragraphs
UNDATED_TIE = 0.15  # below pubdate.MIN_CONFIDENCE: reported only by infer_publication
NEAR_DAYS = 366  # a reading this close to a dated mention is chosen by it over tying ones
BASE = {"weekday_date": 0.6, "dateline": 0.6, "deictic": 0.6, "duration": 0.45, "lookback": 0.45,
        "conflict_age": 0.45, "relative": 0.4, "meeting": 0.4, "recency": 0.35, "veto": 0.3,
        "last_meeting": 0.3, "day_month": 0.25}


@dataclass(frozen=True, slots=True)
class Inference:
    """The inferred day, how it was known, the clues that support it and the other candidates."""

    day: date
    how: str
    confidence: float
    used: tuple[Clue, ...]
    alternatives: tuple[date, ...]
    window: tuple[date, date]

    def published(self, text: str = "") -> Published:
        """As a record: evidence quotes the strongest clues (at most eight), in text order;
        given the ``text`` they were read from, a quote its words recur in names its paragraph."""
        strongest = sorted(self.used, key=lambda c: -(0.5 if c.rule == "bound" else c.weight))
        evidence = " | ".join(dict.fromkeys(
            _located(c, text) for c in sorted(strongest[:MAX_EVIDENCE], key=lambda c: c.start)))
        return Published(self.day.isoformat(), self.how, evidence, self.confidence)


def _located(clue: Clue, text: str) -> str:
    """The clue's quote, with the paragraph it was read from when the text holds its words
    more than once ("said on Monday (paragraph 3)"): the analyst must find the sentence that
    dated the story, and a repeated phrase does not say which."""
    if clue.start < 0 or not any(text.count(part) > 1 for part in clue.snippet.split(" ~ ")):
        return clue.snippet
    return f"{clue.snippet} (paragraph {text.count(PARAGRAPH_BREAK, 0, clue.start) + 1})"


def window(clues: list[Clue], now: date) -> tuple[date, date]:
    """``[lo, hi]``: the latest lower bound and the earliest upper bound (never past ``now``).
    Upper bounds that contradict a lower bound are dropped: the lower bound is the stronger."""
    lo = max([FLOOR, *(c.lo for c in clues if c.lo)])
    hi = min([now, *(c.hi for c in clues if c.hi)])
    if hi < lo:
        hi = max(now, lo + timedelta(days=RECENCY_DAYS))
    return lo, hi


def score_days(clues: list[Clue], lo: date, hi: date) -> Scores:
    """Per day of ``[lo, hi]``: summed weights, and whether an anchor covers it (arrays indexed
    by day - lo: a window spans decades, so this is array arithmetic, not a dict of days)."""
    base, size = lo.toordinal(), hi.toordinal() - lo.toordinal() + 1
    sums, covered = np.zeros(size), np.zeros(size, dtype=bool)
    for clue in clues:
        if clue.spans and (clue.weight or clue.anchor):  # a bound's named period weighs nothing
            mask = np.zeros(size, dtype=bool)
            for first, last, _ in clue.spans:
                mask[max(first.toordinal() - base, 0):max(last.toordinal() - base + 1, 0)] = True
            np.add(sums, clue.weight, out=sums, where=mask)
            if clue.anchor:
                covered |= mask
        if clue.weekday is not None:
            sums[(clue.weekday - lo.weekday()) % 7::7] += clue.weight
    return Scores(base, np.round(sums, 6), covered)


@dataclass(frozen=True, slots=True)
class Scores:
    """Day scores over the window starting at ordinal ``base``."""

    base: int
    sums: np.ndarray
    covered: np.ndarray

    def best(self) -> list[int]:
        """Ordinals of the covered days with the highest score (none when nothing is covered)."""
        if not self.covered.any():
            return []
        top = self.sums[self.covered].max()
        return (np.flatnonzero(self.covered & (self.sums == top)) + self.base).tolist()


def decide(best: list[int], clues: list[Clue], lo: date, hi: date) -> Inference:
    """Pick the best group of days, the day inside it, and say how sure that is."""
    refs = _anchor_refs(clues)
    groups = _groups(best, refs)
    evidence = sorted(d.toordinal() for c in clues if c.rule == "bound" for d in (c.lo, c.hi) if d)
    # the periods the bounds' mentions name, ends included ("in 2014" ends on 31 December)
    named = sorted({*evidence, *(d.toordinal() for c in clues if c.rule == "bound"
                                 for span in c.spans for d in span[:2])})
    group = min(groups, key=lambda g: (_distance(g[1], evidence), -g[1][-1])) if evidence else groups[-1]
    day = date.fromordinal(_pick_day(group, refs))
    used = tuple(sorted((c for c in clues if _supports(c, day, lo, hi)), key=lambda c: c.start))
    owner = [i for i, c in enumerate(clues) if c.anchor for _ in c.spans]  # the clue of each ref
    rivals = [g for g in groups if g is group or not _same_reading(g, group, owner)]
    support = _year_support(group[1], [g[1] for g in rivals], evidence)
    confidence = max(BASE[c.rule] for c in used if c.anchor)
    confidence += 0.15 * any(c.rule == "weekday" for c in used) + support - 0.1 * (len(group[1]) > 1)
    if len(rivals) > 1 and (not named or _distance(group[1], named) > NEAR_DAYS):
        # equal readings and no date to choose by: none, or none within a year of the chosen
        # one (a war that began years before each of them does not choose)
        confidence = min(confidence, UNDATED_TIE)
    dateline = any(c.rule == "dateline" for c in used) and support > 0
    others = sorted((date.fromordinal(_pick_day(g, refs)) for g in groups if g is not group),
                    key=lambda d: abs((d - day).days))
    return Inference(day, "dateline" if dateline else "inferred",
                     round(min(0.95, max(0.05, confidence)), 2), used, tuple(others[:5]), (lo, hi))


_FEW = 16  # fewer dated points than this are measured one by one (arrays cost more)
Group = tuple[tuple[int, ...], list[int]]  # the anchor spans covering the days, the days


def _groups(ordinals: list[int], refs: list[tuple[int, int, int]]) -> list[Group]:
    """Best days grouped by the anchor spans covering them: one group per reading of the
    anchors (per candidate year, say); several days in a group only differ in the day.
    A sweep over the sorted days: the covering set changes only where a span opens or
    after it closes, so the days between two such points join their group at once (a day
    at a time took most of the scoring time when thousands of days tie)."""
    days = sorted(ordinals)
    opens = sorted((first, k) for k, (first, _, _) in enumerate(refs))
    closes = sorted((last, k) for k, (_, last, _) in enumerate(refs))
    changes = sorted({first for first, _ in opens} | {last + 1 for last, _ in closes})
    active: set[int] = set()
    groups: dict[tuple[int, ...], list[int]] = {}
    o_next = c_next = at = 0
    while at < len(days):
        ordinal = days[at]
        while o_next < len(opens) and opens[o_next][0] <= ordinal:
            active.add(opens[o_next][1])
            o_next += 1
        while c_next < len(closes) and closes[c_next][0] < ordinal:
            active.discard(closes[c_next][1])
            c_next += 1
        change = bisect_right(changes, ordinal)  # the next point where the set may change
        until = bisect_left(days, changes[change], at) if change < len(changes) else len(days)
        groups.setdefault(tuple(sorted(active)), []).extend(days[at:until])
        at = until
    return sorted(groups.items(), key=lambda g: g[1][0])


def _same_reading(a: Group, b: Group, owner: list[int]) -> bool:
    """Whether two tied groups of days are one reading of the story's time, not rivals: within
    RECENCY_DAYS of each other, and no clue read two ways between them (one span of it
    covering one group and another span the other, as a day-month does in two years). "On
    Monday, November 4 ... on Thursday, October 17" with a prime minister's term ties the
    two days of 2019, each covered by its own mention: one reading, not a doubt. ``owner``
    is the clue of each anchor span (as :func:`_anchor_refs` orders them)."""
    if _distance(a[1], b[1]) > RECENCY_DAYS:
        return False
    spans = {owner[k]: k for k in a[0]}
    return all(spans.get(owner[k], k) == k for k in b[0])


def _distance(group: list[int], evidence: list[int]) -> int:
    """Days between a sorted group and the nearest dated mention (both sorted); 0 when
    nothing is dated. Two groups of tied days are measured too, thousands of days each: as
    arrays, not a day at a time."""
    if len(evidence) > _FEW:
        days, points = np.asarray(group), np.asarray(evidence)
        found = np.searchsorted(days, points)  # as bisect_left
        before, after = days[np.maximum(found - 1, 0)], days[np.minimum(found, len(days) - 1)]
        return int(min(np.abs(points - before).min(), np.abs(points - after).min()))
    best = None
    for point in evidence:
        at = bisect_left(group, point)
        for o in group[max(at - 1, 0):at + 1]:
            gap = abs(o - point)
            best = gap if best is None or gap < best else best
    return best if best is not None else 0


def _anchor_refs(clues: list[Clue]) -> list[tuple[int, int, int]]:
    """(first, last, named day) of every anchor span, as ordinals (computed once per text)."""
    return [(first.toordinal(), last.toordinal(), ref.toordinal())
            for c in clues if c.anchor for first, last, ref in c.spans]


def _pick_day(group: Group, refs: list[tuple[int, int, int]]) -> int:
    """The day of the group nearest the date an anchor named (earliest on a tie). Every day of
    a group lies in the same anchor spans, so only the days next to a named date can win."""
    key, days = group
    named = [refs[k][2] for k in key]
    if not named:
        return days[0]
    candidates = {o for ref in named
                  for o in days[max(bisect_left(days, ref) - 1, 0):bisect_left(days, ref) + 1]}
    return min(candidates, key=lambda o: (min(abs(o - ref) for ref in named), o))


def _year_support(group: list[int], groups: list[list[int]], evidence: list[int]) -> float:
    """+0.1 when no other group ties, or only this one lies within a year of a dated mention."""
    others = [g for g in groups if g is not group]
    if not others:
        return 0.1
    near = [_distance(g, evidence) <= NEAR_DAYS for g in (group, *others)] if evidence else [False]
    if near[0] and not any(near[1:]):
        return 0.1
    return -0.1 * min(len(others), 2)


def _supports(clue: Clue, day: date, lo: date, hi: date) -> bool:
    if clue.rule == "bound":
        return clue.lo == lo or clue.hi == hi
    if clue.weekday is not None:
        return clue.weekday == day.weekday()
    return any(first <= day <= last for first, last, _ in clue.spans)

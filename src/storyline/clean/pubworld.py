"""Publication-date clues from knowledge of the world, for :mod:`storyline.clean.pubdate`.

An undated story still says when it was written to a reader who knows the world:

* **office** (weight 0.3, not an anchor): "Prime Minister Vladimir Putin" was written while
  Putin was prime minister — one span per term the office table gives him in that office
  (:mod:`storyline.actors.offices`). Never an anchor: a term lasts years, and a title can be
  historical ("President Putin signed the law in 2005"); it chooses between readings.
* **conflict_age** (anchor 0.4): "the 11-month crackdown" with "Syrian" nearby: the age of a
  war or uprising from the conflict table puts the story in one span
  (:mod:`storyline.time.worldclues`), aimed at the age's own reading (an ended conflict's span
  is left open, since an age near its end may be its whole length).
* **veto** (anchor 0.3): "defended the Russian-Chinese veto on Syria": the story follows one of
  the Security Council vetoes matching the vetoing and subject countries; news of a veto is
  fresh, so each candidate opens a ``VETO_DAYS`` span starting on its day.
* **meeting** (anchor 0.4) and **last_meeting** (anchor 0.3): a listed meeting of two leaders
  the text names, at the place its lead reports ("Sochi, Russia: ... Putin and ... Erdogan
  agreed Monday"), or the one it says they last held ("last met in Ankara in September"):
  the days around each candidate meeting, or those between the last meeting and the next
  listed one (:mod:`storyline.time.meetings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from storyline.actors.offices import OfficeMention, Term, find_office_mentions
from storyline.clean.dateclue import Clue, Span
from storyline.time.meetings import find_meeting_clues
from storyline.time.worldclues import find_world_clues

OFFICE_WEIGHT = 0.3
AGE_WEIGHT = 0.4
VETO_WEIGHT = 0.3
VETO_DAYS = 14
MEETING_WEIGHT = {"meeting": 0.4, "last_meeting": 0.3}


def office_clues(text: str, now: date) -> Iterator[Clue]:
    """One clue per office phrase whose holder's terms are known; a name that fits several
    holders ("King Abdullah") gives one clue spanning all their terms; repeats of the same
    terms count once."""
    by_phrase: dict[tuple[int, int], list[OfficeMention]] = {}
    for mention in find_office_mentions(text):
        by_phrase.setdefault((mention.start, mention.end), []).append(mention)
    seen: set[tuple[Span, ...]] = set()
    for (start, end), mentions in sorted(by_phrase.items()):
        terms = [t for m in mentions for t in m.terms if t.start <= now]
        spans = tuple(sorted({(t.start, min(t.end or now, now), t.start) for t in terms}))
        if not spans or spans in seen:
            continue
        seen.add(spans)
        held = "; ".join(_term(t) for t in terms)
        yield Clue("office", f"{' '.join(text[start:end].split())} ({held})", start,
                   spans=spans, weight=OFFICE_WEIGHT)


def _term(term: Term) -> str:
    return f"{term.title} of {term.country} {term.start.isoformat()}–" \
           f"{term.end.isoformat() if term.end else 'now'}"


def world_clues(text: str, now: date) -> Iterator[Clue]:
    """Conflict ages and Security Council vetoes, as anchors."""
    for found in find_world_clues(text):
        snippet = f"{' '.join(text[found.start:found.end].split())} ({found.evidence})"
        if found.kind == "conflict_age":
            hi = min(found.hi, now)
            if found.lo <= hi:
                # the age's own reading; the middle of [lo, hi] would move with ``now`` where
                # an ended conflict leaves the span open
                middle = min(found.target, hi) if found.target else found.lo + (hi - found.lo) / 2
                yield Clue("conflict_age", snippet, found.start, spans=((found.lo, hi, middle),),
                           weight=AGE_WEIGHT, anchor=True)
        elif found.kind == "veto":
            days = found.candidates or ((found.recent,) if found.recent else ())
            spans = tuple((day, min(day + timedelta(days=VETO_DAYS), now), day)
                          for day in days if day <= now)
            if spans:
                yield Clue("veto", snippet, found.start, spans=spans, weight=VETO_WEIGHT,
                           anchor=True)


def meeting_clues(text: str, now: date) -> Iterator[Clue]:
    """Listed leader meetings the story reports or refers back to, as anchors."""
    for found in find_meeting_clues(text, now):
        snippet = f"{' '.join(text[found.start:found.end].split())} ({found.evidence})"
        yield Clue(found.kind, snippet, found.start, spans=found.spans,
                   weight=MEETING_WEIGHT[found.kind], anchor=True)

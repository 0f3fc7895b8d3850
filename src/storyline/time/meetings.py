"""Leader meetings a story reports or refers back to, for dating an undated story.

"Putin and Erdogan agreed Monday ..." under a "Sochi, Russia:" lead was written around one of
the days the two met in Sochi; "the pair last met in Ankara in September" was written after
their September meeting in Ankara and no later than their next meeting. Entry point
:func:`find_meeting_clues`; it reads the curated table ``data/meetings.tsv`` (see
``data/REFERENCE_EVENTS.md``) and the office table's names (:func:`named_people`). Pure and
deterministic: regular expressions and :mod:`datetime`; a text with no meeting word or with
fewer than two known leaders costs one regex scan.

* ``meeting``: a place of a listed meeting of at least two leaders the text names, in the lead
  (the first ``LEAD_CHARS`` characters) either opening a line (a dateline: "Sochi, Russia:") or
  after "in"/"at" in a sentence with a meeting word ("talks at the Black Sea resort of Sochi").
  Every such meeting is a candidate; the story lies from ``PREVIEW_DAYS`` before its first day
  (a preview) to ``REPORT_DAYS`` after its last (the report). A sentence that names a year
  ("the 2018 Helsinki summit") looks back on a meeting and gives no clue: news of the day
  does not say its own year.
* A leader the text gives a title ("Prime Minister Erdogan") held it on the meeting's day, or
  the meeting is not a candidate: the table is not complete, and a title rules out the
  listed meetings of other years.
* ``last_meeting``: a place after "in"/"at" in a sentence saying the leaders *last* or
  *previously* met there: the story follows that meeting and comes no later than
  ``REPORT_DAYS`` after the next listed meeting of the same leaders (a year when none is listed).

A month or a year in the sentence ("in September", "in 2017") must match the meeting's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.actors.offices import find_office_mentions, named_people
from storyline.datafiles import read_tsv
from storyline.datelines import MONTH_NAMES, WEEKDAYS, dateline_match
from storyline.time.tables import Sentences, split_cell

LEAD_CHARS = 800  # the lead reports the news; later mentions of places are background
PREVIEW_DAYS = 3
REPORT_DAYS = 1
NO_NEXT_DAYS = 365

# met, meet, meets, meeting, meetings, talks, summit(s), hosted, hosts, hosting, visit(s),
# visited, visiting: the words factored, so that the engine tries one branch per letter
# (Python's re tries a flat alternation word by word at every position: twice the time).
_MEETING = re.compile(r"\b(?:me(?:et(?:s|ings?)?|t)|talks|summits?|host(?:ed|s|ing)"
                      r"|visit(?:s|ed|ing)?)\b", re.IGNORECASE)
# "last met", "previous meeting", "met earlier": not "met last week", "earlier this month".
_RECENT = (r"(?!\s+(?:week|weekend|month|year|night|time|monday|tuesday|wednesday|thursday|"
           r"friday|saturday|sunday|this|today)\b)")
_PREVIOUS = re.compile(rf"\b(?:last|previously|previous|prior|earlier){_RECENT}\s+(?:\w+\s+){{0,2}}?"
                       r"(?:met|meeting|meetings|talks|summit|visit)\b|"
                       rf"\bmet\s+(?:\w+\s+)?(?:last|previously|earlier|before){_RECENT}\b",
                       re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:in|at)\s+(?:[\w'’.-]+\s+){0,5}$", re.IGNORECASE)
_MONTHS = [month.lower() for month in MONTH_NAMES]
# A capitalised word right after a place, on the same line, makes it part of a longer name
# ("Washington Post", "Sochi Olympics"); a weekday or a month does not ("in Sochi Monday").
_LONGER_NAME = re.compile(r"[ \t]+(?!(?:" + "|".join(
    [*WEEKDAYS, *MONTH_NAMES]) + r")\b)[A-Z]")
_MONTH = re.compile(r"\b(?:in|since|from|during|early|late|mid|last)[\s-]+(?P<month>" +
                    "|".join(MONTH_NAMES) + r")\b(?:\s+(?P<year>(?:19|20)\d\d))?")
_YEAR = re.compile(r"\bin\s+(?P<year>(?:19|20)\d\d)\b")
# A year as a date ("in 2018", "the 2018 summit", "July 2018"), not a count ("2000 fighters").
# A year is not followed by a plural noun ("2000 fighters"), unless the plural names events
# ("the 2018 talks", "the 2019 elections").
_NOT_COUNTED = r"(?!\s+(?!(?:talks|elections|games)\b)[a-z]+s\b)"
_YEARS = re.compile(r"(?:\b(?:in|since|of|the|during|until|by|[A-Z][a-z]+)\s+)(?:19|20)\d\d(?![\d,])"
                    + _NOT_COUNTED)


@dataclass(frozen=True, slots=True)
class Meeting:
    """A row of ``meetings.tsv``: leaders (office-table names) meeting in a place."""

    start: date
    end: date
    places: tuple[str, ...]
    country: str
    participants: frozenset[str]
    event: str
    source: str


@dataclass(frozen=True, slots=True)
class MeetingClue:
    """The story lies in one of ``spans`` (first day, last day, the meeting's day)."""

    start: int
    end: int
    kind: str  # "meeting" or "last_meeting"
    spans: tuple[tuple[date, date, date], ...]
    evidence: str


@lru_cache(maxsize=1)
def load_meetings() -> tuple[Meeting, ...]:
    """The shipped meeting table, sorted by first day."""
    meetings = []
    for row in read_tsv("storyline.time", "meetings.tsv"):
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"]) if row["end"] else start
        meetings.append(Meeting(start, end, split_cell(row["place"]), row["country"],
                                frozenset(split_cell(row["participants"])), row["event"], row["source"]))
    return tuple(sorted(meetings, key=lambda m: (m.start, m.end)))


def find_meeting_clues(text: str, latest: date) -> list[MeetingClue]:
    """Meeting and last-meeting clues in text order (at most one of each per place name).

    Needs the clean text; ``latest`` is the last day a story can have (no meeting after it is a
    candidate). Never raises on any text.
    """
    if _MEETING.search(text) is None:
        return []
    people = named_people(text)
    if len(people) < 2:
        return []
    candidates = [m for m in load_meetings()
                  if m.start <= latest and len(m.participants & people.keys()) >= 2]
    if not candidates:
        return []
    titled = _titled_terms(text)
    candidates = [m for m in candidates
                  if all(_held(titled.get(p), m.start) for p in m.participants)]
    sentences = Sentences(text)
    clues: list[MeetingClue] = []
    for place in sorted({p for m in candidates for p in m.places}):
        here = [m for m in candidates if place in m.places]
        clues.extend(_place_clues(text, place, here, frozenset(people), sentences, latest))
    return sorted(clues, key=lambda c: (c.start, c.kind))


def _place_clues(text: str, place: str, meetings: list[Meeting], named: frozenset[str],
                 sentences: Sentences, latest: date) -> Iterator[MeetingClue]:
    done: set[str] = set()
    forms = f"{re.escape(place)}|{re.escape(place.upper())}"  # datelines are often in capitals
    for hit in re.finditer(rf"(?<![\w-])(?:{forms})(?![\w-])", text):
        s0, s1 = sentences.around(hit.start())
        if _LONGER_NAME.match(text, hit.end()):
            continue  # part of a longer name: "Washington Post", "Sochi Olympics"
        kind = _role(text, hit.start(), hit.end(), s0, s1)
        if kind == "meeting" and _YEARS.search(text, s0, s1):
            continue  # "the 2018 Helsinki summit": a past meeting the story looks back on
        if kind is None or kind in done:
            continue
        fitting = _fit_calendar(text[s0:s1], meetings)
        if not fitting:
            continue
        done.add(kind)
        if kind == "meeting":
            spans = tuple((m.start - timedelta(days=PREVIEW_DAYS),
                           min(m.end + timedelta(days=REPORT_DAYS), latest), m.start)
                          for m in fitting)
        else:
            spans = tuple(_after(m, named, latest) for m in fitting)
        listed = ", ".join(m.start.isoformat() for m in fitting)
        yield MeetingClue(hit.start(), hit.end(), kind, spans,
                          f"{'last ' if kind == 'last_meeting' else ''}meeting in {place}: {listed}")


def _titled_terms(text: str) -> dict[str, list[tuple[date, date | None]]]:
    """Per person the text gives a title to, the terms that title fits."""
    terms: dict[str, list[tuple[date, date | None]]] = {}
    for mention in find_office_mentions(text):
        terms.setdefault(mention.person, []).extend((t.start, t.end) for t in mention.terms)
    return terms


def _held(terms: list[tuple[date, date | None]] | None, day: date) -> bool:
    """True when the person had no title in the text, or one of the titled terms covers ``day``."""
    return terms is None or any(start <= day and (end is None or day <= end) for start, end in terms)


def _role(text: str, pos: int, end: int, s0: int, s1: int) -> str | None:
    """"meeting", "last_meeting" or None for a place name at [pos, end) in sentence [s0, s1)."""
    sentence = text[s0:s1]
    after_preposition = _PREPOSITION.search(text[max(s0, pos - 60):pos]) is not None
    if after_preposition and _PREVIOUS.search(sentence):
        return "last_meeting"
    if pos >= LEAD_CHARS:
        return None
    opens_line = pos == 0 or text[pos - 1] == "\n"
    if opens_line:
        dateline = dateline_match(text[pos:pos + 200].split("\n", 1)[0])
        # a joint dateline's towns are where its reporters filed, none of them the meeting's
        if dateline and not dateline.group("joint") and dateline.end("place") >= end - pos:
            return "meeting"
    if after_preposition and _MEETING.search(sentence):
        return "meeting"
    return None


def _fit_calendar(sentence: str, meetings: list[Meeting]) -> list[Meeting]:
    """The meetings whose month and year agree with those the sentence names."""
    month = _MONTH.search(sentence)
    year_match = _YEAR.search(sentence)
    year = (month["year"] if month else None) or (year_match["year"] if year_match else None)
    fitting = meetings
    if month:
        number = _MONTHS.index(month["month"].lower()) + 1
        fitting = [m for m in fitting if number in (m.start.month, m.end.month)]
    if year:
        fitting = [m for m in fitting if int(year) in (m.start.year, m.end.year)]
    return fitting


def _after(meeting: Meeting, named: frozenset[str], latest: date) -> tuple[date, date, date]:
    """From the day after ``meeting`` to just after the next listed meeting of the same leaders."""
    leaders = meeting.participants & named
    following = next((m for m in load_meetings() if m.start > meeting.end and leaders <= m.participants),
                     None)
    last = following.end + timedelta(days=REPORT_DAYS) if following else \
        meeting.end + timedelta(days=NO_NEXT_DAYS)
    first = meeting.end + timedelta(days=1)
    return first, min(last, latest), following.start if following else first


__all__ = ["Meeting", "MeetingClue", "find_meeting_clues", "load_meetings"]

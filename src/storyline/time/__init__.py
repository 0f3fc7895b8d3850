"""Time: temporal expressions in a parsed paragraph → :class:`TimeRef` values relative to the
document's publication date.

Entry points: :func:`find_times` (every DATE/TIME entity of a spaCy Doc, typed and valued) and
:func:`tense_of` (past or future from the verb an expression attaches to, which decides
whether "Monday" is the last Monday or the next one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Span, Token

from storyline.records import TimeRef
from storyline.time.normalise import guess_type, normalise_value

VERSION = "time.rules.v1"
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_GRANULARITY = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True, slots=True)
class FoundTime:
    """A time expression: character span in the Doc's text, TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    span: Span

    def ref(self, anchor: str | None) -> TimeRef:
        return TimeRef(self.text, self.value, granularity(self.value, self.type), anchor)


def granularity(value: str | None, timex_type: str) -> str:
    """day, month, year, week, time or the TimeML type when the value has no calendar form."""
    if value is None or timex_type in ("DURATION", "SET"):
        return timex_type.lower()
    if "W" in value:
        return "week"
    if "T" in value:
        return "time"
    return _GRANULARITY.get(len(value), "other")


def tense_of(token: Token) -> str | None:
    """``future`` when the governing verb has will/shall or is planned ("plans to meet"),
    ``past`` for a past-tense verb, else None."""
    verb: Token | None = token
    for _ in range(4):
        if verb is None:
            break
        if verb.pos_ in ("VERB", "AUX"):
            if {c.lower_ for c in verb.children} & _FUTURE_AUX:
                return "future"
            if verb.tag_ in ("VBD", "VBN"):
                return "past"
        verb = verb.head if verb.head is not verb else None
    return None


def as_datetime(anchor: date | datetime | str | None) -> datetime | None:
    if anchor is None:
        return None
    if isinstance(anchor, str):
        try:
            return datetime.fromisoformat(anchor[:10])
        except ValueError:
            return None
    if isinstance(anchor, datetime):
        return anchor
    return datetime(anchor.year, anchor.month, anchor.day)


def find_times(doc: Doc, anchor: date | datetime | str | None) -> list[FoundTime]:
    """Every DATE/TIME entity of the Doc with its type and its value relative to the anchor."""
    base = as_datetime(anchor)
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        timex_type = guess_type(ent.text, ent.label_)
        value = normalise_value(ent.text, timex_type, base, tense_of(ent.root))
        found.append(FoundTime(ent.start_char, ent.end_char, ent.text, timex_type, value, ent))
    return found


__all__ = ["VERSION", "FoundTime", "as_datetime", "find_times", "granularity", "tense_of"]

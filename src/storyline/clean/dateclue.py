"""The evidence record of publication-date inference, shared by its rule modules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FLOOR = date(1990, 1, 1)  # no story in scope is older
RECENCY_DAYS = 90  # news reports what happened lately
Span = tuple[date, date, date]  # first day, last day, reference day (the date the text named)


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence about the publication day (see the module docstring)."""

    rule: str
    snippet: str
    start: int
    lo: date | None = None
    hi: date | None = None
    spans: tuple[Span, ...] = ()
    weight: float = 0.0
    anchor: bool = False
    weekday: int | None = None

"""The evidence record of publication-date inference and the calendar arithmetic its rule
modules share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None where there is no such day (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the month it lands in (31 Jan + 1: 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        if (moved := safe_date(year, month + 1, last)) is not None:
            return moved
    raise ValueError(f"no date {year}-{month + 1}")  # unreachable: every month has a 28th


def later(day: date, count: int, unit: str) -> date:
    """``count`` days, weeks, months or years after ``day``."""
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    return add_months(day, count * (12 if unit == "year" else 1))


def period(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    """First and last day of a year, a month or a day."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    first = date(year, month, day or 1)
    return first, first if day else add_months(first, 1) - timedelta(days=1)

"""Time expressions → TimeML types and values relative to an anchor date.

``normalise_value(text, type, anchor, direction)`` is the core: DURATION and SET by cue words,
DATE and TIME with dateparser relative to the anchor (the document's publication date), with
weekday names and bare month names resolved by tense: ``direction="past"`` ("met on Monday")
takes the latest such day on or before the anchor, ``"future"`` ("will meet on Monday") the
first on or after it. Vague references get TimeML's ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import dateparser  # type: ignore[import-untyped]

_UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
          "year": "Y", "decade": "Y", "century": "Y"}
_UNIT_FACTOR = {"decade": 10, "century": 100}
_CLOCK_UNITS = {"second", "minute", "hour"}
_UNIT_RE = r"(second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
_QUANTITY_RE = (r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"twelve|twenty|thirty|forty|fifty|hundred|several|few|many|couple of|some)")
_SET = re.compile(r"\b(?:every|each|per|daily|weekly|monthly|yearly|annually|nightly|hourly)\b",
                  re.IGNORECASE)
_DURATION = re.compile(rf"\b{_QUANTITY_RE}(?:\s+|-)(?:\w+\s+)?{_UNIT_RE}\b|^(?:for\s+)?{_UNIT_RE}$",
                       re.IGNORECASE)
_ANCHORED = re.compile(r"\b(?:ago|later|earlier|before|after|from now|since)\b", re.IGNORECASE)
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "tonight": "NI", "overnight": "NI"}
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d{2}\b|\bnoon\b|"
                    r"\bmidnight\b|\bo'clock\b", re.IGNORECASE)
_WORD_NUMBER = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_WORD_NUMBER.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                     "hundred": 100})
_VAGUE = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "present": "PRESENT_REF",
          "recently": "PAST_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
_MONTH = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|"
                    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?",
                    re.IGNORECASE)


def guess_type(text: str, label: str) -> str:
    """TimeML type of an expression from cue words: SET, DURATION, TIME, else DATE."""
    if _SET.search(text):
        return "SET"
    if _DURATION.search(text) and not _ANCHORED.search(text):
        return "DURATION"
    lowered = text.lower()
    if label == "TIME" or _CLOCK.search(text) or any(w in lowered.split() for w in _PART_OF_DAY):
        return "TIME"
    return "DATE"


def duration_value(text: str) -> str | None:
    """ISO 8601 duration of ``a month`` / ``two years`` / ``several days`` (``X`` if vague)."""
    match = re.search(rf"(?:\b{_QUANTITY_RE}(?:\s+|-)(?:\w+\s+)?)?\b{_UNIT_RE}\b", text,
                      re.IGNORECASE)
    if match is None:
        return None
    quantity, unit = match.group(1) or "", match.group(2).lower()
    unit = "century" if unit.startswith("centur") else unit
    if quantity.replace(".", "", 1).isdigit():
        amount = f"{float(quantity) * _UNIT_FACTOR.get(unit, 1):g}"
    elif quantity.lower() in _WORD_NUMBER:
        amount = str(_WORD_NUMBER[quantity.lower()] * _UNIT_FACTOR.get(unit, 1))
    else:
        amount = "X"
    prefix = "PT" if unit in _CLOCK_UNITS else "P"
    return f"{prefix}{amount}{_UNITS[unit]}"


def set_value(text: str) -> str | None:
    """ISO period of a recurring expression (``weekly``, ``every month``), else None."""
    lowered = text.lower()
    for word, unit in (("daily", "day"), ("nightly", "day"), ("weekly", "week"),
                       ("monthly", "month"), ("yearly", "year"), ("annually", "year"),
                       ("hourly", "hour")):
        if word in lowered:
            return ("PT1" if unit in _CLOCK_UNITS else "P1") + _UNITS[unit]
    match = re.search(rf"\b(?:every|each|per)\s+{_UNIT_RE}\b", lowered)
    if match is None:
        return None
    unit = "century" if match.group(1).startswith("centur") else match.group(1)
    return ("PT1" if unit in _CLOCK_UNITS else "P1") + _UNITS[unit]


_MODIFIER = re.compile(r"^(?:(?:the\s+)?(?:early|late|mid|end of|beginning of|start of)[\s-]+)+",
                       re.IGNORECASE)


def _parse(text: str, dct: datetime | None, direction: str | None = None) -> datetime | None:
    """dateparser on ``text`` relative to the DCT (None when it cannot read it)."""
    cleaned = re.sub(r"^(?:the|on|in|at|by|of)\s+", "", text.strip(), flags=re.IGNORECASE)
    settings: dict[str, object] = {"PREFER_DATES_FROM": "current_period"}
    if direction in ("past", "future") and not re.search(r"\b\d{1,2}\b", cleaned):
        # "in August": the last August for a past event, the next for a planned one
        settings["PREFER_DATES_FROM"] = direction
    if dct is not None:
        settings["RELATIVE_BASE"] = dct
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
        if parsed is None and (bare := _MODIFIER.sub("", cleaned).strip()) != cleaned and bare:
            # dateparser reads "December" but not "early December": retry without the modifier
            parsed = dateparser.parse(bare, languages=["en"], settings=settings)
        return parsed
    except (ValueError, OverflowError):
        return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_WEEKDAY = re.compile(r"^(?:(?:on|last|this|next|the)\s+)?(" + "|".join(_WEEKDAYS) + r")$",
                           re.IGNORECASE)


def weekday_date(text: str, anchor: datetime | None, direction: str | None) -> datetime | None:
    """A bare weekday ("on Monday", "next Friday") as a date: the latest such day on or before
    the anchor for the past (the default in news), the first on or after it for the future."""
    match = _BARE_WEEKDAY.match(text.strip())
    if match is None or anchor is None:
        return None
    lowered = text.lower()
    future = direction == "future" or lowered.startswith("next")
    target = _WEEKDAYS.index(match.group(1).lower())
    delta = (target - anchor.weekday()) % 7 if future else -((anchor.weekday() - target) % 7)
    if lowered.startswith(("last", "next")) and delta == 0:
        delta = 7 if future else -7
    return anchor + timedelta(days=delta)


def date_value(text: str, dct: datetime | None, direction: str | None = None) -> str | None:
    """TimeML value of a DATE: ``PRESENT_REF``-style for vague words, a decade as ``199``, a
    weekday by tense, else the dateparser date cut to the granularity its cue words name."""
    lowered = text.lower().strip()
    key = re.sub(r"^(?:the|at|in)\s+", "", lowered)
    if key in _VAGUE:
        return _VAGUE[key]
    if decade := re.search(r"\b(\d{3})0'?s\b", lowered):
        return decade.group(1)
    if (weekday := weekday_date(text, dct, direction)) is not None:
        return f"{weekday:%Y-%m-%d}"
    parsed = _parse(text, dct, direction)
    if parsed is None:
        return None
    year, week, _ = parsed.isocalendar()
    if "weekend" in lowered:
        return f"{year}-W{week:02d}-WE"
    if "week" in lowered:
        return f"{year}-W{week:02d}"
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", text))
    has_month = _MONTH.search(text)
    if "year" in lowered or (re.search(r"\b\d{4}\b", text) and not has_month and not has_day):
        return f"{parsed:%Y}"
    if "month" in lowered or (has_month and not has_day):
        return f"{parsed:%Y-%m}"
    return f"{parsed:%Y-%m-%d}"


def time_value(text: str, dct: datetime | None) -> str | None:
    """TimeML value of a TIME: date plus clock time (``T10:00``) or part of day (``TMO``)."""
    words = text.lower().split()
    part = next((_PART_OF_DAY[w] for w in words if w in _PART_OF_DAY), None)
    parsed = _parse(text, dct)
    if parsed is None and part is not None:
        rest = " ".join(w for w in words if w not in _PART_OF_DAY and w != "this")
        rest = "yesterday" if rest == "last" else rest
        parsed = _parse(rest, dct) if rest else dct
    if parsed is None:
        return None
    if _CLOCK.search(text) or part is None:
        return f"{parsed:%Y-%m-%dT%H:%M}"
    return f"{parsed:%Y-%m-%d}T{part}"


def normalise_value(text: str, timex_type: str, dct: datetime | None,
                    direction: str | None = None) -> str | None:
    """The TimeML ``value`` of an expression of the given type, or None when it cannot tell."""
    if timex_type == "DURATION":
        return duration_value(text)
    if timex_type == "SET":
        return set_value(text)
    if timex_type == "TIME":
        return time_value(text, dct)
    return date_value(text, dct, direction)

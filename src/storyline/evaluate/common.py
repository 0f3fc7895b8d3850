"""Shared pieces of the scorers: metric arithmetic and running Storyline on gold inputs.

Every scorer module in this package exposes::

    GOLD_SUBDIR: str                      # its folder under the gold directory
    ANCHORS: dict[str, tuple[float, str]] # metric → (published figure, where published)
    def score(gold_dir: Path, limit: int | None = None) -> dict[str, Any]

``score`` reads the set in its published format from ``gold_dir`` (the set's own folder,
e.g. ``../shared/gold/plover_gsr_cameo``), runs the relevant Storyline stages on the gold
inputs, aligns output to gold and returns metrics: the headline under ``f1`` (or ``accuracy``),
``n`` = gold items scored, plus the task's other keys. ``limit`` caps the gold items (for CI).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.clean import clean, paragraph_offsets
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ids import doc_id_for
from storyline.records import Document, Facts, Published, RawDoc

Metrics = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(tp: float, fp: float, fn: float) -> PRF:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str] | None = None
             ) -> tuple[float, dict[str, PRF]]:
    """Macro-averaged F1 over labels (default: the labels present in gold) and per-label PRF."""
    label_set = sorted(set(labels) if labels is not None else set(gold))
    per: dict[str, PRF] = {}
    for label in label_set:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        per[label] = prf(tp, fp, fn)
    macro = sum(p.f1 for p in per.values()) / len(per) if per else 0.0
    return macro, per


@lru_cache(maxsize=1)
def _stages():  # type: ignore[no-untyped-def]
    from storyline.extract import Extractor
    from storyline.nlp import Annotator

    return Annotator(), Extractor()


def document_for(text: str, date: str | None = None, source: str = "gold") -> Document:
    """A Document for a gold text taken as already clean (one paragraph per line)."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    body = "\n\n".join(paragraphs)
    published = Published(date, "metadata", "gold", 1.0) if date else None
    return Document(doc_id_for(body), source, body, None, None, None, "en", published, None,
                    paragraph_offsets(paragraphs))


def extract_texts(texts: Sequence[str], dates: Sequence[str | None] | None = None,
                  batch_size: int = 64) -> list[Facts]:
    """Run nlp + extract on gold texts (no cleaning, no store), one Facts per text, in order."""
    annotator, extractor = _stages()
    dates = dates or [None] * len(texts)
    documents = [document_for(t, d, f"gold#{i}") for i, (t, d) in
                 enumerate(zip(texts, dates, strict=True))]
    facts: list[Facts] = []
    for start in range(0, len(documents), batch_size):
        for annotated in annotator.annotate_batch(documents[start : start + batch_size]):
            facts.append(extractor.extract(annotated))
    return facts


def clean_page(html: str, source: str = "gold") -> Document | None:
    """Storyline's cleaning of one HTML page; None when the page is rejected."""
    try:
        return clean(RawDoc(source, html, "text/html"), Settings())
    except InputRejected:
        return None

"""Main-text extraction scored on the Zyte article-extraction-benchmark.

What it measures: how much of a page's article body Storyline's cleaning keeps, and how much
else it lets in. Gold is the benchmark's own ``ground-truth.json`` (one hand-made
``articleBody`` per page, 181 pages); the system articleBody is ``clean_page(html).text``
(paragraphs joined by blank lines; a rejected page is an empty prediction). Trafilatura alone is
scored beside it twice: as Storyline calls it (``favor_precision=True, include_comments=False``)
and with its defaults, so a loss can be pinned on our own line filter rather than on trafilatura.

Scoring follows the definition of the benchmark's ``evaluate.py``, re-implemented here:

* text is tokenised as ``\\w+`` runs; a document's shingles are its token 4-grams (a text of
  fewer than four tokens has one shorter shingle, an empty text none);
* per document, TP/FP/FN are multiset overlaps of gold and predicted shingles, normalised to sum
  to 1 so that long articles weigh no more than short ones;
* precision is averaged over documents with a prediction (TP + FP > 0), recall over documents
  with gold text (TP + FN > 0); F1 is the harmonic mean of the two averages, not of per-document
  F1s. An empty prediction therefore costs recall only;
* accuracy is the share of documents whose token sequence equals the gold one exactly;
* each metric's ``*_std`` is the standard deviation over bootstrap resamples of the documents.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from storyline.errors import InputRejected
from storyline.evaluate.common import Metrics, clean_page
from storyline.ingest import decode_bytes

log = logging.getLogger(__name__)

GOLD_SUBDIR = "article_extraction_benchmark"

_README = "article-extraction-benchmark README.rst, latest evaluation, trafilatura 2.0.0"
ANCHORS: dict[str, tuple[float, str]] = {
    "f1": (0.958, _README),
    "precision": (0.938, _README),
    "recall": (0.978, _README),
    "accuracy": (0.293, _README),
}
# The issue's own reference figures, measured with trafilatura 2.3 on this set: F1 ≈ 0.964 with
# favor_precision=True and ≈ 0.953 with the defaults (the baseline_* keys rerun both).

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")
Counts = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One benchmark page: its id (sha256 of the HTML), original URL and gold article body."""

    sha: str
    url: str
    body: str


def tokenize(text: str) -> list[str]:
    """Word tokens as the benchmark counts them (runs of ``\\w``)."""
    return _TOKEN.findall(text or "")


def shingles(text: str, size: int = SHINGLE_SIZE,
             tokens_of: Callable[[str], list[str]] = tokenize) -> Counter[tuple[str, ...]]:
    """The multiset of token ``size``-grams of ``text`` (tokens by ``tokens_of``); a shorter
    text is one short shingle."""
    tokens = tokens_of(text)
    grams = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_counts(gold: str, predicted: str, size: int = SHINGLE_SIZE) -> Counts:
    """Per-document (TP, FP, FN) over shingles, normalised to sum to 1 (all 0 when both empty)."""
    gold_grams, predicted_grams = shingles(gold, size), shingles(predicted, size)
    tp = float(sum((gold_grams & predicted_grams).values()))
    fp = float(sum((predicted_grams - gold_grams).values()))
    fn = float(sum((gold_grams - predicted_grams).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def exact_match(gold: str, predicted: str) -> bool:
    """True when both texts have the same token sequence."""
    return tokenize(gold) == tokenize(predicted)


def aggregate(counts: Sequence[Counts]) -> dict[str, float]:
    """Macro precision (over predicted documents), macro recall (over gold documents), their F1."""
    precisions = [tp / (tp + fp) for tp, fp, _ in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def bootstrap_std(counts: Sequence[Counts], matches: Sequence[bool], samples: int = 1000,
                  seed: int = 0) -> dict[str, float]:
    """Standard deviation of each metric over ``samples`` resamples of the documents."""
    if samples < 2 or not counts:
        return {}
    rng = random.Random(seed)
    values: dict[str, list[float]] = {}
    for _ in range(samples):
        picks = [rng.randrange(len(counts)) for _ in counts]
        metrics = aggregate([counts[i] for i in picks])
        metrics["accuracy"] = statistics.fmean(float(matches[i]) for i in picks)
        for key, value in metrics.items():
            values.setdefault(key, []).append(value)
    return {f"{key}_std": statistics.stdev(series) for key, series in values.items()}


def evaluate_texts(gold: Sequence[str], predicted: Sequence[str], samples: int = 1000
                   ) -> dict[str, float]:
    """The benchmark's metrics for aligned gold and predicted article bodies."""
    counts = [shingle_counts(g, p) for g, p in zip(gold, predicted, strict=True)]
    matches = [exact_match(g, p) for g, p in zip(gold, predicted, strict=True)]
    metrics = aggregate(counts)
    metrics["accuracy"] = statistics.fmean(float(m) for m in matches) if matches else 0.0
    metrics.update(bootstrap_std(counts, matches, samples))
    return metrics


def load_pages(gold_dir: Path, limit: int | None = None) -> list[GoldPage]:
    """Gold pages in sorted sha order, the first ``limit`` of them."""
    truth = json.loads((gold_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [GoldPage(sha, str(item.get("url", "")), str(item.get("articleBody", "")))
             for sha, item in sorted(truth.items())]
    return pages[:limit] if limit is not None else pages


def read_html(gold_dir: Path, sha: str) -> str:
    """A page's HTML, decoded by Storyline's own encoding detection ('' when unreadable)."""
    data = gzip.decompress((gold_dir / "html" / f"{sha}.html.gz").read_bytes())
    try:
        return decode_bytes(data)[0]
    except InputRejected as exc:
        log.warning("page %s cannot be decoded: %s", sha, exc)
        return ""


def _storyline(html: str) -> str:
    document = clean_page(html) if html.strip() else None
    return document.text if document is not None else ""


def _trafilatura_precise(html: str) -> str:
    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


def _trafilatura_default(html: str) -> str:
    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "storyline": _storyline,
    "baseline_trafilatura": _trafilatura_precise,
    "baseline_trafilatura_default": _trafilatura_default,
}


def _doc_f1(gold: str, predicted: str) -> float:
    tp, fp, fn = shingle_counts(gold, predicted)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _largest_losses(pages: Sequence[GoldPage], ours: Sequence[str], theirs: Sequence[str],
                    top: int = 5) -> list[dict[str, Any]]:
    """The pages where Storyline's per-document F1 trails trafilatura's the most."""
    scored = sorted(
        ((_doc_f1(page.body, a) - _doc_f1(page.body, b), page, a, b)
         for page, a, b in zip(pages, ours, theirs, strict=True)),
        key=lambda row: row[0],
    )
    return [{"sha": page.sha, "url": page.url, "f1": round(_doc_f1(page.body, a), 3),
             "trafilatura_f1": round(_doc_f1(page.body, b), 3), "words": len(tokenize(a)),
             "trafilatura_words": len(tokenize(b))}
            for gap, page, a, b in scored[:top] if gap < 0]


def score(gold_dir: Path, limit: int | None = None, samples: int = 1000) -> Metrics:
    """Storyline's cleaning and trafilatura alone, scored as the benchmark's ``evaluate.py``.

    Headline keys are Storyline's (``f1``, ``precision``, ``recall``, ``accuracy`` and their
    ``*_std``); ``baseline_trafilatura_*`` and ``baseline_trafilatura_default_*`` hold the same
    metrics for trafilatura alone; ``rejected`` counts pages Storyline's cleaner refused and
    ``largest_losses`` lists the pages where it trails trafilatura the most.
    """
    pages = load_pages(gold_dir, limit)
    predictions: dict[str, list[str]] = {name: [] for name in SYSTEMS}
    for page in pages:
        html = read_html(gold_dir, page.sha)
        for name, system in SYSTEMS.items():
            predictions[name].append(system(html))
    gold = [page.body for page in pages]
    metrics: Metrics = {"n": len(pages)}
    for name, predicted in predictions.items():
        prefix = "" if name == "storyline" else f"{name}_"
        for key, value in evaluate_texts(gold, predicted, samples).items():
            metrics[prefix + key] = round(value, 4)
    metrics["rejected"] = sum(1 for text in predictions["storyline"] if not text)
    metrics["largest_losses"] = _largest_losses(pages, predictions["storyline"],
                                                predictions["baseline_trafilatura"])
    return metrics


__all__ = ["ANCHORS", "GOLD_SUBDIR", "GoldPage", "aggregate", "evaluate_texts", "exact_match",
           "load_pages", "read_html", "score", "shingle_counts", "shingles", "tokenize"]

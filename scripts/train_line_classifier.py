"""Fit the keep/drop line model for scraped plain text (``clean/data/line_model_plain.json``).

Usage (after ``scripts/build_line_labels.py``)::

    python scripts/train_line_classifier.py [--labels build/line_labels] [--write]

The model is an L2-regularised logistic regression over the standardised features of
:data:`storyline.clean.linefeatures.FEATURE_NAMES`, fitted with SciPy's L-BFGS on the lines
that no final rule (:func:`storyline.clean.boilerplate.final_rule`) drops first; the keep
threshold is the one that maximises the keep class's line F1 on the training pages. Training
documents are the full renders plus shorter documents cut from them around the article
(:func:`crops`: what a scraper that found the article's neighbourhood hands over, and short
items); the full renders appear twice, with corpus statistics (built from the training pages)
and without, so that one model serves callers that have a corpus and callers that do not.

Evaluation is a 2-fold split of the pages in sha order (even / odd): fit on one half, report on
the other, both ways; the held-out half is scored as full renders with corpus statistics built
from that half alone (as the pipeline builds them from the batch it cleans), as full renders
without statistics, and as cropped documents. ``--write`` then
refits on all pages and writes the model file, with the held-out figures inside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline.clean.boilerplate import final_rule
from storyline.clean.linefeatures import FEATURE_NAMES, LineStats, line_features
from storyline.clean.linerules import non_latin_share, rule_reason

MODEL = Path(__file__).resolve().parents[1] / "src/storyline/clean/data/line_model_plain.json"
L2 = 1.0
Page = dict[str, Any]


@dataclass
class Fitted:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float = 0.5

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = self.bias + ((x - self.mean) / self.scale) @ self.weights
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> Fitted:
    """Logistic regression on standardised columns, L2 penalty on the weights (not the bias)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ theta[1:] + theta[0], -50, 50)))
        value = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
        value += 0.5 * l2 * np.sum(theta[1:] ** 2)
        grad = np.concatenate([[np.sum(p - y)], z.T @ (p - y) + l2 * theta[1:]])
        return float(value), grad

    result = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B",
                      options={"maxiter": 2000})
    return Fitted(mean, scale, result.x[1:], float(result.x[0]))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def line_report(y: np.ndarray, keep: np.ndarray, words: np.ndarray | None = None
                ) -> dict[str, Any]:
    """P/R/F1 of the keep class and of the drop class, line by line (and, given each line's
    word count, of the keep class word by word)."""
    report: dict[str, Any] = {
        "keep": prf(int(np.sum(keep & y)), int(np.sum(keep & ~y)), int(np.sum(~keep & y))),
        "drop": prf(int(np.sum(~keep & ~y)), int(np.sum(~keep & y)), int(np.sum(keep & ~y))),
        "lines": int(len(y)), "keep_lines": int(y.sum()),
    }
    if words is not None:
        report["keep_by_words"] = prf(int(words[keep & y].sum()), int(words[keep & ~y].sum()),
                                      int(words[~keep & y].sum()))
    return report


def ruled(page: Page) -> list[str | None]:
    """For each line of a page, the final rule that drops it before the model sees it."""
    latin_page = non_latin_share(page["lines"]) < 0.5
    return [final_rule(line, latin_page) for line in page["lines"]]


def rows(pages: Sequence[Page], with_stats: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels and "a final rule drops it" flags of all lines of ``pages``
    (corpus statistics built from ``pages`` alone)."""
    stats = LineStats.from_corpus("\n".join(p["lines"]) for p in pages) if with_stats else None
    x = [row for p in pages for row in line_features(p["lines"], stats)]
    y = [bool(v) for p in pages for v in p["labels"]]
    decided = [rule is not None for p in pages for rule in ruled(p)]
    return (np.array(x, dtype=float).reshape(-1, len(FEATURE_NAMES)), np.array(y, dtype=bool),
            np.array(decided, dtype=bool))


def rule_precision(pages: Sequence[Page]) -> dict[str, dict[str, float]]:
    """For each hand-written rule: lines it fires on, and the share of them labelled drop."""
    fired: dict[str, list[bool]] = {}
    for page in pages:
        latin_page = non_latin_share(page["lines"]) < 0.5
        for line, label in zip(page["lines"], page["labels"], strict=True):
            reason = rule_reason(line)
            if reason and (reason != "foreign_script" or latin_page):
                fired.setdefault(reason, []).append(not label)
    return {r: {"lines": len(v), "drop_share": round(sum(v) / len(v), 4)}
            for r, v in sorted(fired.items())}


def crops(pages: Sequence[Page], seed: int = 0) -> list[Page]:
    """Shorter documents cut from the rendered pages, as a scraper that already found the
    article's neighbourhood would hand them over: the article's lines with a few lines of
    chrome either side (0–6, at random), and the first 1–3 lines of the article with the same
    margins (a short item). The cut uses the labels; only training and evaluation see it."""
    rng = random.Random(seed)
    out = []
    for page in pages:
        keep = [i for i, label in enumerate(page["labels"]) if label]
        if not keep:
            continue
        for end in (keep[-1], keep[min(rng.randint(0, 2), len(keep) - 1)]):
            a = max(keep[0] - rng.randint(0, 6), 0)
            b = min(end + 1 + rng.randint(0, 6), len(page["lines"]))
            out.append(page | {"lines": page["lines"][a:b], "labels": page["labels"][a:b]})
    return out


def train(pages: Sequence[Page]) -> Fitted:
    # Crops share their lines with the page they were cut from: corpus statistics over both
    # would call every line a repeat, so crops train without statistics only.
    parts = [rows(pages, True), rows(pages, False), rows(crops(pages), False)]
    xs, ys, ds = zip(*parts, strict=True)
    x, y, decided = np.vstack(xs), np.concatenate(ys), np.concatenate(ds)
    model = fit(x[~decided], y[~decided].astype(float))
    p = model.probability(x)
    grid = [round(t, 2) for t in np.linspace(0.05, 0.95, 91)]
    model.threshold = max(grid, key=lambda t: line_report(y, (p >= t) & ~decided)["keep"]["f1"])
    return model


def evaluate(model: Fitted, pages: Sequence[Page]) -> dict[str, Any]:
    """Held-out figures on the full renders (with and without corpus statistics) and on
    cropped documents cut from them (:func:`crops`, another seed)."""
    report: dict[str, Any] = {"threshold": model.threshold}
    for name, docs, with_stats in (("full_pages_with_corpus_stats", pages, True),
                                   ("full_pages", pages, False),
                                   ("cropped_documents", crops(pages, seed=1), False)):
        words = np.array([len(line.split()) for p in docs for line in p["lines"]])
        x, y, decided = rows(docs, with_stats)
        keep = (model.probability(x) >= model.threshold) & ~decided
        report[name] = line_report(y, keep, words)
    return report


def two_fold(pages: Sequence[Page]) -> dict[str, Any]:
    return {f"train_{a}_test_{b}": evaluate(train([p for p in pages if p["fold"] == fa]),
                                            [p for p in pages if p["fold"] != fa])
            for a, b, fa in (("even", "odd", 0), ("odd", "even", 1))}


def load(labels: Path) -> list[Page]:
    with gzip.open(labels / "plain.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def model_json(model: Fitted, report: dict[str, Any]) -> str:
    """The model file: header fields, then one feature per line (weight on standardised
    values, and the training mean and scale that standardise it), then the held-out report."""
    head = {
        "name": "line_model_plain.v1",
        "about": "Logistic regression keep/drop line model; see line_model.md in this folder.",
        "trained_on": "Zyte article-extraction-benchmark, all 181 pages (MIT, Scrapinghub), "
                      "rendered to plain text by scripts/build_line_labels.py",
        "bias": round(model.bias, 6),
        "threshold": model.threshold,
    }
    features = [json.dumps({"name": n, "weight": round(float(w), 6), "mean": round(float(m), 6),
                            "scale": round(float(s), 6)})
                for n, w, m, s in zip(FEATURE_NAMES, model.weights, model.mean, model.scale,
                                      strict=True)]
    lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    return ("{\n" + "\n".join(lines) + '\n "features": [\n  ' + ",\n  ".join(features)
            + f'\n ],\n "held_out": {json.dumps(report, sort_keys=True)}\n}}\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=Path("build/line_labels"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    pages = load(args.labels)
    report = two_fold(pages) | {"rule_precision_all_pages": rule_precision(pages)}
    json.dump(report, sys.stdout, indent=1)
    if args.write:
        model = train(pages)
        MODEL.write_text(model_json(model, report), encoding="utf-8")
        print(f"\nwrote {MODEL} (threshold {model.threshold})", file=sys.stderr)


if __name__ == "__main__":
    main()

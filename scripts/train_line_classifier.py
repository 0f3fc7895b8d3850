"""Fit the keep/drop line model for scraped plain text (``clean/data/line_model_plain.json``).

Usage (after ``scripts/build_line_labels.py``)::

    python scripts/train_line_classifier.py [--labels build/line_labels] [--write]
        [--kind conv|trees] [--model PATH] [--seed N]

The shipped model (``--kind conv``, the default) is an ensemble of small convolutional nets
(:class:`storyline.clean.lineconv.ConvLineModel`) over the feature rows
(:data:`storyline.clean.linefeatures.FEATURE_NAMES`) of a document's lines in order, fitted
with PyTorch (training only: ``pip install torch==2.13.0``, the CPU wheel); the script checks
that the numpy scorer gives what the fitted nets give. ``--kind trees`` fits the model before
it: gradient-boosted oblivious trees (:class:`storyline.clean.lineclassifier.LineModel`),
fitted here with numpy (log loss, Newton leaf values, row subsampling); their keep threshold
is the one that maximises the keep class's line F1 on the training pages, the nets' is 0.5.
Both are fitted on the lines that
:func:`storyline.clean.boilerplate.settled_reasons` leaves to the model (not the headline, not
a repeat, not dropped by a final rule or the source-tag rule). Training documents are the full renders of both
renderings (``source`` and ``browser``: see scripts/build_line_labels.py) plus shorter
documents cut from them around the article (:func:`crops`: what a scraper that found the
article's neighbourhood hands over, and short items); the full renders appear twice, with
corpus statistics (built from the training pages of the same rendering) and without, so that
one model serves callers that have a corpus and callers that do not. The nets also see each
page's clean article under its headline (:func:`clean_articles`) and each page's article set
in another page's chrome (:func:`mixes`).

Evaluation is a 2-fold split of the pages in sha order (even / odd): fit on one half, report on
the other, both ways, for each rendering. The held-out half is run through
:func:`storyline.clean.boilerplate.classify_lines` itself (headline, duplicates, final rules
and model, as the pipeline runs it) as full renders with corpus statistics built from that
half alone (as the pipeline builds them from the batch it cleans), as full renders without
statistics, as cropped documents and as clean articles (:func:`clean_articles`: the
article's lines under its headline, nothing else); scored against the labels and, for
comparison, against the looser ``matching`` labels (every line whose text occurs in the gold
body, copies too). ``--write`` then refits on all pages and writes the model file (or
``--model PATH``), with the held-out figures inside it.

How the two compare, and why the nets: ``line_model.md`` beside the model file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from storyline.clean.boilerplate import (
    classify_lines,
    comment_thread_start,
    corpus_repeats,
    settled_reasons,
)
from storyline.clean.lineclassifier import KeepModel, LineModel, model_from_dict
from storyline.clean.lineconv import ConvLineModel, decode_array, encode_array
from storyline.clean.linefeatures import (
    FEATURE_NAMES,
    LineStats,
    line_features,
    line_key,
    title_index,
)
from storyline.clean.linegroups import inline_headlines
from storyline.clean.linerules import first_headline, non_latin_share, rule_reason
from storyline.clean.outlets import source_tag
from storyline.evaluate import common

MODEL = Path(__file__).resolve().parents[1] / "src/storyline/clean/data/line_model_plain.json"
NAMES = {"trees": "line_model_plain.v9", "conv": "line_model_plain.conv2"}
TRAINED_ON = ("Zyte article-extraction-benchmark, all 181 pages (MIT, Scrapinghub), rendered to "
              "plain text by scripts/build_line_labels.py")
TREES, DEPTH, RATE, L2, SUBSAMPLE, BINS = 300, 4, 0.1, 1.0, 0.5, 32
NETS, WIDTH, DILATIONS, EPOCHS, CLIP = 10, 64, (1, 2, 4, 8, 16), 12, 5.0
LEARNING_RATE, WEIGHT_DECAY, DROPOUT = 2e-3, 1e-4, 0.3
Page = dict[str, Any]


# How many times each page's article is set in another page's chrome (:func:`mixes`); conv2
# uses one draw. An experiment's knob: LINE_MIX_DRAWS=2 python scripts/train_line_classifier.py
MIX_DRAWS = int(os.environ.get("LINE_MIX_DRAWS", "1"))


def _edges(x: np.ndarray) -> list[np.ndarray]:
    """Candidate split points per column: midpoints between neighbouring distinct values, at
    most BINS of them (at quantiles), so that a split never sits on an observed value."""
    edges = []
    for column in x.T:
        values = np.unique(column)
        if len(values) > BINS + 1:
            at = np.quantile(column, np.linspace(0, 1, BINS + 1)[1:-1], method="lower")
            k = np.unique(np.searchsorted(values, at))
            k = k[k < len(values) - 1]
            edges.append((values[k] + values[k + 1]) / 2)
        else:
            edges.append((values[:-1] + values[1:]) / 2)
    return edges


def _best_split(bins: np.ndarray, leaf: np.ndarray, g: np.ndarray, h: np.ndarray,
                sizes: np.ndarray, depth: int) -> tuple[int, int]:
    """The (column, bin) whose split, applied to every current leaf, most lowers the loss."""
    n_cols, width = bins.shape[1], sizes.max() + 1
    index = (bins + (np.arange(n_cols) * width)[None, :] + (leaf * n_cols * width)[:, None])
    shape = (1 << depth, n_cols, width)
    grad = np.bincount(index.ravel(), np.repeat(g, n_cols), np.prod(shape)).reshape(shape)
    hess = np.bincount(index.ravel(), np.repeat(h, n_cols), np.prod(shape)).reshape(shape)
    g_left, h_left = grad.cumsum(axis=2), hess.cumsum(axis=2)
    g_all, h_all = g_left[:, :, -1:], h_left[:, :, -1:]
    gain = (g_left ** 2 / (h_left + L2) + (g_all - g_left) ** 2 / (h_all - h_left + L2)
            - g_all ** 2 / (h_all + L2)).sum(axis=0)
    gain[np.arange(width)[None, :] >= sizes[:, None]] = -np.inf
    column, position = np.unravel_index(np.argmax(gain), gain.shape)
    return int(column), int(position)


def fit_trees(x: np.ndarray, y: np.ndarray, seed: int = 0) -> dict[str, Any]:
    """Boosted oblivious trees on (x, y), as the ``bias`` and ``trees`` of a model file."""
    edges = _edges(x)
    sizes = np.array([len(e) for e in edges])
    bins = np.column_stack([np.searchsorted(e, c) for e, c in zip(edges, x.T, strict=True)])
    prior = float(np.clip(y.mean(), 1e-4, 1 - 1e-4))
    bias = float(np.log(prior / (1 - prior)))
    z = np.full(len(y), bias)
    rng = np.random.default_rng(seed)
    trees = []
    for _ in range(TREES):
        p = 1.0 / (1.0 + np.exp(-z))
        rows = np.flatnonzero(rng.random(len(y)) < SUBSAMPLE)
        g, h = (p - y)[rows], np.maximum(p * (1 - p), 1e-6)[rows]
        leaf = np.zeros(len(rows), dtype=np.intp)
        split = []
        for depth in range(DEPTH):
            column, position = _best_split(bins[rows], leaf, g, h, sizes, depth)
            split.append((column, float(f"{edges[column][position]:.7g}")))
            leaf += (bins[rows, column] > position).astype(np.intp) << depth
        size = 1 << DEPTH
        values = np.round(-RATE * np.bincount(leaf, g, size) / (np.bincount(leaf, h, size) + L2),
                          5)
        every = sum((x[:, c] > t).astype(np.intp) << d for d, (c, t) in enumerate(split))
        z += values[every]
        trees.append({"split": [[c, t] for c, t in split], "leaves": (values + 0.0).tolist()})
    return {"bias": round(bias, 6), "trees": trees}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """:func:`storyline.evaluate.common.prf`, rounded, as the report's dict."""
    scores = common.prf(tp, fp, fn)
    return {"precision": round(scores.precision, 4), "recall": round(scores.recall, 4),
            "f1": round(scores.f1, 4)}


def line_report(y: np.ndarray, keep: np.ndarray, words: np.ndarray | None = None
                ) -> dict[str, Any]:
    """P/R/F1 of the keep class and of the drop class line by line, their mean (macro F1),
    and given each line's word count, the keep class word by word."""
    report: dict[str, Any] = {
        "keep": prf(int(np.sum(keep & y)), int(np.sum(keep & ~y)), int(np.sum(~keep & y))),
        "drop": prf(int(np.sum(~keep & ~y)), int(np.sum(~keep & y)), int(np.sum(keep & ~y))),
        "lines": int(len(y)), "keep_lines": int(y.sum()),
    }
    report["macro_f1"] = round((report["keep"]["f1"] + report["drop"]["f1"]) / 2, 4)
    if words is not None:
        report["keep_by_words"] = prf(int(words[keep & y].sum()), int(words[keep & ~y].sum()),
                                      int(words[~keep & y].sum()))
    return report


def _stats(pages: Sequence[Page], with_stats: bool) -> LineStats | None:
    return LineStats.from_corpus("\n".join(p["lines"]) for p in pages) if with_stats else None


Rows = tuple[np.ndarray, np.ndarray, np.ndarray]


def documents(pages: Sequence[Page], with_stats: bool) -> list[Rows]:
    """For each page: its lines' feature rows, labels and "settled before the model" flags
    (corpus statistics built from ``pages`` alone)."""
    stats = _stats(pages, with_stats)
    return [(line_features(p["lines"], stats), np.array([bool(v) for v in p["labels"]]),
             np.array([bool(r) for r in settled_reasons(p["lines"])], dtype=bool))
            for p in pages]


def training_documents(pages: Sequence[Page], clean: bool = False) -> list[Rows]:
    """What a model is fitted on: each rendering's full renders with corpus statistics and
    without, and the crops cut from them (:func:`crops`) without; with ``clean``, also their
    clean articles (:func:`clean_articles`) and pages whose article is set in another page's
    chrome (:func:`mixes`), both without statistics (the conv model is fitted on them, the
    trees not)."""
    # Crops share their lines with the page they were cut from, and the two renderings of a
    # page share most of theirs: corpus statistics over both would call every line a repeat,
    # so statistics are built over each rendering's pages alone, and crops train without.
    return [doc for render in renders(pages).values()
            for part in (documents(render, True), documents(render, False),
                         documents(crops(render), False),
                         documents([m for draw in range(MIX_DRAWS if clean else 0)
                                    for m in mixes(render, draw)], False),
                         documents(clean_articles(render) if clean else [], False))
            for doc in part if len(doc[0])]


def rule_precision(pages: Sequence[Page]) -> dict[str, dict[str, float]]:
    """For each hand-written rule: lines it fires on, and the share of them labelled drop
    (``corpus_repeat`` and ``related_title`` with corpus statistics built from all the
    pages)."""
    fired: dict[str, list[bool]] = {}
    for page in pages:
        latin_page = non_latin_share(page["lines"]) < 0.5
        for line, label in zip(page["lines"], page["labels"], strict=True):
            reason = rule_reason(line)
            if reason and (reason != "foreign_script" or latin_page):
                fired.setdefault(reason, []).append(not label)
    stats = _stats(pages, True)
    assert stats is not None
    for page in pages:
        repeats = corpus_repeats(line_features(page["lines"], stats))
        fired.setdefault("corpus_repeat", []).extend(
            not label for label, repeat in zip(page["labels"], repeats, strict=True) if repeat)
        titled = stats.other_titles([line_key(line) for line in page["lines"]])
        fired.setdefault("related_title", []).extend(
            not label for label, n in zip(page["labels"], titled, strict=True) if n > 0)
        fired.setdefault("inline_headline", []).extend(
            not page["labels"][i] for i in inline_headlines(page["lines"]))
        fired.setdefault("source_tag", []).extend(
            not label for line, label in zip(page["lines"], page["labels"], strict=True)
            if source_tag(line))
        start = comment_thread_start(page["lines"])
        fired.setdefault("comment", []).extend(
            not label for label in page["labels"][len(page["lines"]) if start is None
                                                  else start:])
    return {r: {"lines": len(v), "drop_share": round(sum(v) / len(v), 4) if v else 0.0}
            for r, v in sorted(fired.items())}


def headline_report(pages: Sequence[Page]) -> dict[str, Any]:
    """How often the plain-text headline finder (:func:`title_index`), and the first
    headline-like line alone (:func:`first_headline`), pick a line that matches one of the
    page's own headlines (``og:title``, ``<h1>``; rapidfuzz ratio 80 or more, case aside), on
    the full renders of the pages that state one."""
    stated = [p for p in pages if p.get("headlines")]
    report: dict[str, Any] = {"pages": len(stated)}
    for name, finder in (("title_index", title_index), ("first_headline", first_headline)):
        right = picked = 0
        for page in stated:
            at = finder(page["lines"])
            picked += at is not None
            right += at is not None and max(
                fuzz.ratio(page["lines"][at].lower(), h.lower()) for h in page["headlines"]) >= 80
        report[name] = {"right": right, "picked": picked}
    return report


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
            out.append(page | {k: page[k][a:b] for k in ("lines", "labels", "matching")})
    return out


def mixes(pages: Sequence[Page], seed: int = 0) -> list[Page]:
    """Each page's article set in another page's chrome: the lines from its first to its last
    article line, with 0–3 lines either side (its headline, usually), between the lines before
    and after the article of another page of ``pages`` drawn at random. Every line keeps its
    label. The nets see each article between chrome it was not fitted with, and each site's
    chrome around an article that is not its own, so that neither the chrome's nor the
    article's look alone can stand for the page (the benchmark has one page per site). The
    cut uses the labels; only training sees it."""
    rng = random.Random(seed + 7)
    spans: dict[int, tuple[int, int]] = {}
    for i, page in enumerate(pages):
        keep = [n for n, label in enumerate(page["labels"]) if label]
        if keep:
            spans[i] = (keep[0], keep[-1])
    usable = list(spans)
    out = []
    for i in usable:
        j = rng.choice([u for u in usable if u != i]) if len(usable) > 1 else i
        page, host = pages[i], pages[j]
        (b0, b1), (a0, a1) = spans[i], spans[j]
        lo = max(b0 - rng.randint(0, 3), 0)
        hi = min(b1 + 1 + rng.randint(0, 3), len(page["lines"]))
        out.append(page | {k: host[k][:a0] + page[k][lo:hi] + host[k][a1 + 1:]
                           for k in ("lines", "labels", "matching")})
    return out


def clean_articles(pages: Sequence[Page]) -> list[Page]:
    """Each page's article as a clean text: its headline (the page's own ``og:title`` or
    ``<h1>``, when it has one) above its kept lines, nothing else — what a caller that holds
    clean article text (a JSONL body, a text file per story) hands over. Every article line is
    *keep*; the headline is settled as the title."""
    out = []
    for page in pages:
        kept = [line for line, label in zip(page["lines"], page["labels"], strict=True) if label]
        if not kept:
            continue
        head = page.get("headlines", [])[:1]
        out.append(page | {"lines": head + kept, "labels": [False] * len(head) + [True] * len(kept),
                           "matching": [False] * len(head) + [True] * len(kept)})
    return out


def model_dict(fitted: dict[str, Any], threshold: float, report: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    return {
        "name": NAMES["trees"],
        "about": "Boosted oblivious trees, keep/drop line model; see line_model.md here.",
        "trained_on": TRAINED_ON,
        "kind": "trees", "bias": fitted["bias"], "threshold": threshold, "features": list(FEATURE_NAMES),
        "trees": fitted["trees"], "held_out": report or {},
    }


def train_trees(pages: Sequence[Page], seed: int = 0) -> dict[str, Any]:
    """A trees model file's content (without held-out figures) fitted on ``pages`` (``seed``:
    the row subsampling's)."""
    xs, ys, ss = zip(*training_documents(pages), strict=True)
    x, y, settled = np.vstack(xs), np.concatenate(ys), np.concatenate(ss)
    fitted = fit_trees(x[~settled], y[~settled].astype(float), seed)
    p = LineModel.from_dict(model_dict(fitted, 0.5)).probability(x)
    grid = [round(t, 2) for t in np.linspace(0.05, 0.95, 91)]
    threshold = max(grid, key=lambda t: line_report(y, (p >= t) & ~settled)["keep"]["f1"])
    return model_dict(fitted, threshold)


def train_conv(pages: Sequence[Page], seed: int = 0) -> dict[str, Any]:
    """A conv model file's content (without held-out figures) fitted on ``pages``: NETS nets
    that differ in their seed (initial weights, document order, dropout: ``seed`` on), threshold
    0.5."""
    import torch  # training only: pip install torch==2.13.0 (the CPU wheel)

    docs = training_documents(pages, clean=True)
    x_all = np.vstack([x for x, _, _ in docs])
    mean, scale = x_all.mean(axis=0), x_all.std(axis=0) + 1e-6
    torch.set_num_threads(1)
    inputs = [(torch.tensor(np.clip((x - mean) / scale, -CLIP, CLIP), dtype=torch.float32)[None],
               torch.tensor(y, dtype=torch.float32), torch.tensor(~settled))
              for x, y, settled in docs if (~settled).any()]
    nets = [_fit_net(torch, inputs, s) for s in range(seed, seed + NETS)]
    data = {"name": NAMES["conv"], "kind": "conv",
            "about": "Convolutional keep/drop line model over line features in page order; "
                     "see line_model.md here.",
            "trained_on": TRAINED_ON, "threshold": 0.5, "clip": CLIP,
            "dilations": list(DILATIONS), "features": list(FEATURE_NAMES),
            "mean": encode_array(mean), "scale": encode_array(scale),
            "nets": [_weights(net) for net in nets]}
    _check_numpy_scoring(torch, data, nets, inputs[:30])
    return data


def _fit_net(torch: Any, inputs: list[tuple[Any, Any, Any]], seed: int) -> Any:
    """One net (see :class:`storyline.clean.lineconv.ConvLineModel`) fitted by Adam on log
    loss over the unsettled lines, one document per step, EPOCHS passes."""
    nn = torch.nn
    torch.manual_seed(seed)
    order = np.random.default_rng(seed)
    net = _net(torch, len(FEATURE_NAMES))
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    for _ in range(EPOCHS):
        net.train()
        for i in order.permutation(len(inputs)):
            x, y, open_ = inputs[i]
            loss = nn.functional.binary_cross_entropy_with_logits(net(x)[0][open_], y[open_])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    net.eval()
    return net


def _weights(net: Any) -> dict[str, Any]:
    """A fitted net's weights as the model file holds them (input × output matrices)."""
    linear_in, convs, linear_out = net.linear_in, net.convs, net.linear_out

    def array(t: Any) -> np.ndarray:
        return t.detach().numpy().astype(float)

    return {"w_in": encode_array(array(linear_in.weight).T), "b_in": encode_array(array(linear_in.bias)),
            "convs": [{"w": encode_array(array(c.weight).transpose(2, 1, 0)),
                       "b": encode_array(array(c.bias))} for c in convs],
            "w_out": encode_array(array(linear_out.weight)[0]),
            "b_out": encode_array(array(linear_out.bias))}


def _net(torch: Any, n_features: int) -> Any:
    nn = torch.nn

    class Net(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.linear_in = nn.Linear(n_features, WIDTH)
            self.convs = nn.ModuleList([nn.Conv1d(WIDTH, WIDTH, 3, padding=d, dilation=d)
                                        for d in DILATIONS])
            self.linear_out = nn.Linear(WIDTH, 1)
            self.drop = nn.Dropout(DROPOUT)

        def forward(self, x: Any) -> Any:
            z = self.drop(torch.relu(self.linear_in(x))).transpose(1, 2)
            for conv in self.convs:
                z = z + torch.relu(conv(z))
            return self.linear_out(self.drop(z.transpose(1, 2))).squeeze(-1)

    return Net()


def _check_numpy_scoring(torch: Any, data: dict[str, Any], nets: list[Any],
                         inputs: list[tuple[Any, Any, Any]]) -> None:
    """The numpy scorer (what ships) must give what the fitted nets give."""
    model = ConvLineModel.from_dict(data)
    mean, scale = decode_array(data["mean"]), decode_array(data["scale"])
    with torch.no_grad():
        for x, _, _ in inputs:
            logit = torch.stack([net(x)[0] for net in nets]).mean(dim=0)
            fitted = torch.sigmoid(logit).numpy().astype(float)
            shipped = model.probability(x[0].numpy().astype(float) * scale + mean)
            if not np.allclose(shipped, fitted, atol=1e-4):
                raise AssertionError(f"numpy scoring differs: {np.abs(shipped - fitted).max()}")


def train(pages: Sequence[Page], kind: str = "trees", seed: int = 0) -> dict[str, Any]:
    """The model file's content (without held-out figures) fitted on ``pages``."""
    return train_conv(pages, seed) if kind == "conv" else train_trees(pages, seed)


SETTINGS = ("full_pages_with_corpus_stats", "full_pages", "cropped_documents", "clean_articles")
Verdicts = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]


def verdicts(model: KeepModel, pages: Sequence[Page]) -> Verdicts:
    """classify_lines with ``model`` on the full renders (with and without corpus statistics),
    on cropped documents cut from them (:func:`crops`, another seed) and on their clean
    articles (:func:`clean_articles`): per setting, the labels, the looser ``matching``
    labels, the verdicts and each line's word count, line by line."""
    out: Verdicts = {}
    for name, docs, with_stats in zip(SETTINGS, (pages, pages, crops(pages, seed=1),
                                                 clean_articles(pages)),
                                      (True, False, False, False), strict=True):
        stats = _stats(docs, with_stats)
        keep = np.array([v.keep for p in docs
                         for v in classify_lines(p["lines"], stats=stats, model=model)[1]],
                        dtype=bool)
        out[name] = (np.array([v for p in docs for v in p["labels"]], dtype=bool),
                     np.array([v for p in docs for v in p["matching"]], dtype=bool), keep,
                     np.array([len(line.split()) for p in docs for line in p["lines"]]))
    return out


def report_verdicts(judged: Verdicts, threshold: float | None) -> dict[str, Any]:
    """The held-out report of :func:`verdicts` (pooled, when several folds' are joined)."""
    report: dict[str, Any] = {"threshold": threshold}
    for name, (labels, matching, keep, words) in judged.items():
        report[name] = line_report(labels, keep, words)
        loose = line_report(matching, keep, words)
        report[name]["on_matching_labels"] = {k: loose[k] for k in
                                              ("keep", "drop", "macro_f1", "keep_by_words")}
    return report


def evaluate(model: KeepModel, pages: Sequence[Page]) -> dict[str, Any]:
    """Held-out figures of classify_lines with ``model`` (see :func:`verdicts`)."""
    return report_verdicts(verdicts(model, pages), model.threshold)


def renders(pages: Sequence[Page]) -> dict[str, list[Page]]:
    """``pages`` by rendering (``render``: see scripts/build_line_labels.py)."""
    groups: dict[str, list[Page]] = {}
    for page in pages:
        groups.setdefault(page.get("render", "source"), []).append(page)
    return groups


def two_fold(pages: Sequence[Page], kind: str = "trees", seed: int = 0) -> dict[str, Any]:
    """Fit on one fold's pages (both renderings), report on the other's, per rendering."""
    report: dict[str, Any] = {}
    for a, b, fa in (("even", "odd", 0), ("odd", "even", 1)):
        model = model_from_dict(train([p for p in pages if p["fold"] == fa], kind, seed))
        report[f"train_{a}_test_{b}"] = {
            render: evaluate(model, [p for p in group if p["fold"] != fa])
            for render, group in renders(pages).items()}
    return report


def _fold_verdicts(pages: Sequence[Page], k: int, fold: int, kind: str, seed: int
                   ) -> dict[str, Verdicts]:
    """Fit on every fold of ``k`` but ``fold`` (both renderings), judge ``fold``'s pages."""
    model = model_from_dict(train([p for p in pages if p["fold_k"] != fold], kind, seed))
    return {render: verdicts(model, [p for p in group if p["fold_k"] == fold])
            for render, group in renders(pages).items()}


def k_fold(pages: Sequence[Page], k: int, kind: str = "trees", seed: int = 0, jobs: int = 1
           ) -> dict[str, Any]:
    """Every page held out once: ``k`` models, each fitted on the pages of the other ``k - 1``
    folds (page index in sha order modulo ``k``; ``k`` = 2 is :func:`two_fold`'s split), their
    verdicts pooled per rendering. A model fitted on ``k - 1`` of ``k`` folds is nearer the
    shipped one, fitted on every page, than a 2-fold model fitted on half of them."""
    index = {sha: i for i, sha in enumerate(sorted({p["sha"] for p in pages}))}
    pages = [p | {"fold_k": index[p["sha"]] % k} for p in pages]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(_fold_verdicts, *zip(*[(pages, k, f, kind, seed)
                                                     for f in range(k)], strict=True)))
    pooled: dict[str, Any] = {"folds": k}
    by_fold = []  # keep-class F1 on full pages with statistics, per fold and rendering
    for render in parts[0]:
        joined = {name: tuple(np.concatenate([part[render][name][i] for part in parts])
                              for i in range(4)) for name in SETTINGS}
        pooled[render] = report_verdicts(joined, 0.5 if kind == "conv" else None)
        for part in parts:
            labels, _, keep, _ = part[render][SETTINGS[0]]
            by_fold.append(line_report(labels, keep)["keep"]["f1"])
    # the mean over folds and renderings: with k = 2, the "mean of four" line_model.md compares
    pooled["mean_of_folds"] = round(float(np.mean(by_fold)), 5)
    return pooled


def load(labels: Path) -> list[Page]:
    with gzip.open(labels / "plain.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def model_json(data: dict[str, Any]) -> str:
    """The model file: header fields, the feature names, one tree or net per line, then the
    held-out report."""
    parts = "trees" if "trees" in data else "nets"
    head = {k: v for k, v in data.items() if k not in ("features", parts, "held_out")}
    lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    body = ",\n  ".join(json.dumps(part, separators=(",", ":")) for part in data[parts])
    return ("{\n" + "\n".join(lines) + f'\n "features": {json.dumps(data["features"])},'
            + f'\n "{parts}": [\n  ' + body
            + f'\n ],\n "held_out": {json.dumps(data["held_out"], sort_keys=True)}\n}}\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=Path("build/line_labels"))
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--kind", choices=("trees", "conv"), default="conv",
                        help="conv: the shipped model (needs PyTorch); trees: the one before it")
    parser.add_argument("--model", type=Path, default=MODEL, help="where --write writes")
    parser.add_argument("--seed", type=int, default=0,
                        help="trees: the row subsampling's seed; conv: the first net's (one per net on)")
    parser.add_argument("--folds", type=int, default=2,
                        help="over 2, or with --jobs over 1 and no --write: pooled k-fold figures only")
    parser.add_argument("--jobs", type=int, default=1,
                        help="folds fitted at once (with --write: the 2-fold report's, pooled)")
    args = parser.parse_args()
    if args.folds < 2 or args.jobs < 1:
        parser.error("--folds must be 2 or more and --jobs 1 or more")
    if args.write and args.folds > 2:
        parser.error("--write fits on every page after the 2-fold report; it takes no "
                     "--folds over 2")
    pages = load(args.labels)
    if not args.write and (args.folds > 2 or args.jobs > 1):
        json.dump(k_fold(pages, args.folds, args.kind, args.seed, args.jobs), sys.stdout, indent=1)
        return
    by_render = renders(pages)
    # with --jobs, the 2-fold report pooled (both folds fitted at once), else per fold
    held_out = (k_fold(pages, 2, args.kind, args.seed, args.jobs) if args.jobs > 1
                else two_fold(pages, args.kind, args.seed))
    report = held_out | {
        "rule_precision_all_pages": {r: rule_precision(g) for r, g in by_render.items()},
        "headline_all_pages": {r: headline_report(g) for r, g in by_render.items()}}
    json.dump(report, sys.stdout, indent=1)
    if args.write:
        data = train(pages, args.kind, args.seed) | {"held_out": report}
        args.model.write_text(model_json(data), encoding="utf-8")
        print(f"\nwrote {args.model} (threshold {data['threshold']})", file=sys.stderr)


if __name__ == "__main__":
    main()

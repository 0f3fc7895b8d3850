"""Check the thresholds of :mod:`storyline.clean.combine` on the Zyte benchmark, 2-fold.

Usage::

    python scripts/tune_html_combination.py [--gold ../shared/gold/article_extraction_benchmark]

For every page the two trafilatura passes run once (:func:`storyline.clean.html.candidates`);
then every setting of the grid below chooses lines, and the benchmark's shingle metrics are
computed per half of the pages (sha order, even / odd). The report gives, for each direction,
the setting that is best on one half and its score on the other — the honest estimate of what
tuning bought — next to the shipped defaults and trafilatura's precise pass alone on the same
half. The split-article repair (:mod:`storyline.clean.expand`) has fixed thresholds and is left
out of the grid (it re-parses every page); it is added to the defaults for a last figure per
half (``*_with_split_repair``). The scorer (``storyline.evaluate.extraction``) runs the whole
cleaning chain on all pages.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.clean.combine import CandidateLine, CombineOptions, choose_lines
from storyline.clean.expand import restore_split_article
from storyline.clean.html import candidates
from storyline.evaluate.extraction import evaluate_texts, load_pages, read_html

GRID = {
    "min_precise_share": (0.0, 0.1, 0.2, 0.3, 0.4, 0.5),
    "title_overlap": (0.6, 0.7, 0.8, 0.9, 1.0, 1.01),
    "max_interface_words": (0, 6, 10, 15, 20),
}
Page = tuple[str, tuple[CandidateLine, ...], str | None]



def settings() -> list[CombineOptions]:
    return [CombineOptions(min_precise_share=share, title_overlap=title,
                           max_interface_words=int(interface))
            for share, title, interface in itertools.product(*GRID.values())]


def score(pages: Sequence[Page], options: CombineOptions | None) -> dict[str, float]:
    """Benchmark metrics of one setting (None: the precise pass alone)."""
    texts = []
    for _, lines, title in pages:
        chosen = (choose_lines(lines, title, options) if options
                  else [line.text for line in lines if line.precise])
        texts.append("\n".join(chosen))
    metrics = evaluate_texts([gold for gold, _, _ in pages], texts, samples=0)
    return {key: round(value, 4) for key, value in metrics.items()}


def _changes(options: CombineOptions) -> int:
    """How many thresholds differ from the shipped defaults (the tie-breaker)."""
    return sum(getattr(options, name) != getattr(CombineOptions(), name) for name in GRID)


def tune(pages: Sequence[Page]) -> CombineOptions:
    """The best setting on ``pages``; among settings within 1e-4 of the best F1, the one that
    changes fewest defaults (a threshold no page of the half exercises stays where it was)."""
    scored = [(score(pages, o)["f1"], o) for o in settings()]
    top = max(f1 for f1, _ in scored)
    return min((o for f1, o in scored if f1 >= top - 1e-4), key=_changes)


def with_repair(pages: Sequence[Page], htmls: Sequence[str]) -> dict[str, float]:
    """Benchmark metrics of the defaults followed by the split-article repair."""
    texts = []
    for (_, lines, title), html in zip(pages, htmls, strict=True):
        chosen = choose_lines(lines, title)
        texts.append("\n".join(restore_split_article(html, chosen) if chosen else chosen))
    metrics = evaluate_texts([gold for gold, _, _ in pages], texts, samples=0)
    return {key: round(value, 4) for key, value in metrics.items()}


def two_fold(pages: Sequence[Page], htmls: Sequence[str]) -> dict[str, Any]:
    halves = {"even": pages[0::2], "odd": pages[1::2]}
    report: dict[str, Any] = {}
    for train, test in (("even", "odd"), ("odd", "even")):
        best = tune(halves[train])
        report[f"tuned_on_{train}"] = {
            "setting": {name: getattr(best, name) for name in GRID},
            f"{test}_half": score(halves[test], best),
            f"{test}_half_defaults": score(halves[test], CombineOptions()),
            f"{test}_half_precise_pass": score(halves[test], None),
        }
    report["even_half_with_split_repair"] = with_repair(pages[0::2], htmls[0::2])
    report["odd_half_with_split_repair"] = with_repair(pages[1::2], htmls[1::2])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path,
                        default=Path("../shared/gold/article_extraction_benchmark"))
    args = parser.parse_args()
    pages: list[Page] = []
    htmls = [read_html(args.gold, page.sha) for page in load_pages(args.gold)]
    for page, html in zip(load_pages(args.gold), htmls, strict=True):
        found = candidates(html) if html.strip() else None
        pages.append((page.body, found.lines if found else (), found.title if found else None))
    print(json.dumps(two_fold(pages, htmls), indent=1))


if __name__ == "__main__":
    main()

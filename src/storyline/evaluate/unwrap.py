"""Hard-wrapped text joined back into its paragraphs, measured on real article text.

Gold: the ``articleBody`` of every page of the Zyte article-extraction benchmark, one paragraph
per line. Each body is wrapped the way mail clients, wire feeds and text exports wrap it
(Python's :func:`textwrap.fill`, which breaks where the next word would not fit) and
:func:`storyline.clean.unwrap.unwrap` must give the paragraphs back:

* ``wrapped_exact_60`` / ``_72`` / ``_80``: the share of bodies whose every paragraph comes back
  exactly (spacing collapsed), wrapped at that width with a blank line between paragraphs;
* ``paragraph_accuracy``: the share of paragraphs that come back exactly, over the three widths;
* ``no_blank_exact``: as ``wrapped_exact_72``, with no blank line between paragraphs (only the
  short last line of each tells where it ends; a wrap after a sentence's end is then taken for
  a paragraph's end, so this counts paragraphs split between two sentences too), and
  ``no_blank_unmerged``: the share of those bodies in which no line joins two paragraphs;
* ``unwrapped_unchanged``: the share of bodies, one paragraph a line as the benchmark gives
  them, that :func:`unwrap` leaves exactly as they are (no false joins).
"""

from __future__ import annotations

import statistics
import textwrap
from collections import Counter
from pathlib import Path

from storyline.clean.unwrap import unwrap
from storyline.evaluate.common import Metrics
from storyline.evaluate.extraction import load_pages

GOLD_SUBDIR = "article_extraction_benchmark"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published figure for this construction
WIDTHS = (60, 72, 80)


def _paragraphs(body: str) -> list[str]:
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def _back(text: str, separator: str) -> list[str]:
    return [" ".join(part.split()) for part in unwrap(text).split(separator) if part.strip()]


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Exact-recovery shares per wrapping; see the module docstring."""
    bodies = [p for p in (_paragraphs(page.body) for page in load_pages(gold_dir, limit)) if p]
    metrics: Metrics = {"n": len(bodies)}
    right = total = 0
    for width in WIDTHS:
        exact = []
        for paragraphs in bodies:
            back = _back("\n\n".join(textwrap.fill(p, width) for p in paragraphs), "\n\n")
            exact.append(back == paragraphs)
            right += sum((Counter(back) & Counter(paragraphs)).values())
            total += len(paragraphs)
        metrics[f"wrapped_exact_{width}"] = round(statistics.fmean(exact), 4) if exact else 0.0
    metrics["paragraph_accuracy"] = round(right / total, 4) if total else 0.0
    exact, unmerged = [], []
    for paragraphs in bodies:
        back = _back("\n".join(textwrap.fill(p, 72) for p in paragraphs), "\n")
        exact.append(back == paragraphs)
        unmerged.append(all(any(line in p for p in paragraphs) for line in back))
    metrics["no_blank_exact"] = round(statistics.fmean(exact), 4) if exact else 0.0
    metrics["no_blank_unmerged"] = round(statistics.fmean(unmerged), 4) if unmerged else 0.0
    unchanged = [unwrap(text) == text for text in ("\n".join(p) for p in bodies)]
    metrics["unwrapped_unchanged"] = round(statistics.fmean(unchanged), 4) if unchanged else 0.0
    return metrics


__all__ = ["ANCHORS", "GOLD_SUBDIR", "WIDTHS", "score"]

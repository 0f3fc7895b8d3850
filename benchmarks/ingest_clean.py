"""Documents per second for ingest + clean (``storyline.ingest.read_paths`` then ``storyline.clean.clean``).

Two corpora from ../shared:
- html: the Zyte article-extraction benchmark pages (``gold/article_extraction_benchmark/html/*.html.gz``),
  read through the gzip reader;
- text: the ``articleBody`` values of that benchmark's ``ground-truth.json``, written to a temporary
  folder as ``.txt``, plus the seed articles in ``seeds/``.

One warm-up run (imports, trafilatura's first call), then the median of ``--runs`` runs (default 5).
A single process uses one core, so docs/s per core = docs/s. Ingest-only throughput is printed
too. Documents the cleaner rejects count as processed (the work was done); the outcome counts say
how many were cleaned, rejected (InputRejected) or failed (any other error).

    python benchmarks/ingest_clean.py [--runs 5] [--shared ../shared] [--plain-xpath]

``--plain-xpath`` runs trafilatura with its own XPath expressions, as lxml evaluates them,
instead of the compiled equivalents ``storyline.clean.xpathsubset`` installs: an A/B of that
module in the same minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean
from storyline.clean.xpathsubset import restore_trafilatura
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest import read_paths
from storyline.records import RawDoc

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
GOALS = {"html": 50.0, "text": 200.0}


@dataclass
class Run:
    """One pass over a corpus: timings and what became of each input."""

    inputs: int = 0
    ingest_seconds: float = 0.0
    clean_seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def seconds(self) -> float:
        return self.ingest_seconds + self.clean_seconds


def write_text_corpus(shared: Path, folder: Path) -> list[Path]:
    """The gold article bodies as ``.txt`` files in ``folder``; returns the paths to read."""
    truth = json.loads((shared / "gold" / "article_extraction_benchmark" / "ground-truth.json")
                       .read_text(encoding="utf-8"))
    for number, key in enumerate(sorted(truth)):
        body = (truth[key].get("articleBody") or "").strip()
        if body:
            (folder / f"{number:04d}.txt").write_text(body, encoding="utf-8")
    return [folder, shared / "seeds"]


def run_once(paths: Sequence[Path], settings: Settings) -> Run:
    """Ingest everything, then clean every RawDoc; counts outcomes."""
    run = Run()
    started = time.perf_counter()
    items = list(read_paths(paths, settings))
    run.ingest_seconds = time.perf_counter() - started
    run.inputs = len(items)
    started = time.perf_counter()
    for item in items:
        if not isinstance(item, RawDoc):
            run.outcomes[f"ingest quarantined ({item.code})"] += 1
            continue
        try:
            clean(item, settings)
            run.outcomes["cleaned"] += 1
        except InputRejected as exc:
            run.outcomes[f"clean rejected ({exc.code})"] += 1
        except Exception as exc:  # noqa: BLE001 - a benchmark reports failures, it does not stop
            run.outcomes[f"clean failed ({type(exc).__name__})"] += 1
    run.clean_seconds = time.perf_counter() - started
    return run


def measure(name: str, paths: Sequence[Path], runs: int) -> None:
    settings = Settings()
    run_once(paths, settings)  # warm-up
    results = [run_once(paths, settings) for _ in range(runs)]
    docs = results[0].inputs
    total = statistics.median(r.seconds for r in results)
    ingest = statistics.median(r.ingest_seconds for r in results)
    rate = docs / total if total else float("inf")
    print(f"{name}: {docs} documents, median of {runs} runs")
    print(f"  ingest only      {docs / ingest:9.1f} docs/s  ({ingest * 1000 / docs:.2f} ms/doc)")
    print(f"  ingest + clean   {rate:9.1f} docs/s  ({total * 1000 / docs:.2f} ms/doc)")
    failed = sum(v for k, v in results[-1].outcomes.items() if k.startswith("clean failed"))
    verdict = "meets" if rate >= GOALS[name] else "below"
    if failed:  # a cleaner that fails at once is fast: the figure says nothing about the goal
        verdict = f"not judged, the cleaner failed on {failed} documents"
    print(f"  per core         {rate:9.1f} docs/s/core  (goal {GOALS[name]:.0f}: {verdict})")
    print("  outcomes         " + ", ".join(f"{k}: {v}" for k, v in sorted(results[-1].outcomes.items())))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--plain-xpath", action="store_true",
                        help="trafilatura's own XPath expressions, not the compiled ones")
    args = parser.parse_args(argv)
    if args.plain_xpath:
        restore_trafilatura()
    print(f"single process (one core of {os.cpu_count()}); docs/s per core = docs/s")
    html_dir = args.shared / "gold" / "article_extraction_benchmark" / "html"
    measure("html", [html_dir], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        measure("text", write_text_corpus(args.shared, Path(tmp)), args.runs)


if __name__ == "__main__":
    main()

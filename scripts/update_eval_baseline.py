"""Re-measure the CI evaluation gate and write its floors to ``eval_baseline.json``.

Floors only go up unless ``--allow-lower`` is given (and the commit message says why):

    python scripts/update_eval_baseline.py [--allow-lower]

Gold items per task come from ``storyline.evaluate.gate`` (DEFAULT_LIMIT, TASK_LIMITS).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyline.evaluate import default_gold_dir
from storyline.evaluate.gate import GATED_METRICS, gold_digest, run_gate

BASELINE = Path(__file__).resolve().parents[1] / "eval_baseline.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--noise", type=float, default=0.02)
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args()
    old = json.loads(BASELINE.read_text()) if BASELINE.exists() else {"floors": {}}
    report = run_gate()
    floors: dict[str, dict[str, float]] = {}
    for task, metrics in GATED_METRICS.items():
        floors[task] = {}
        for metric in metrics:
            value = round(float(report[task][metric] or 0.0), 4)
            previous = old["floors"].get(task, {}).get(metric, 0.0)
            floors[task][metric] = value if args.allow_lower else max(value, previous)
    baseline = {"noise": args.noise,
                "gold_digest": gold_digest(default_gold_dir()), "floors": floors}
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
    print(json.dumps(floors, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()

"""The CI evaluation gate: which metrics are guarded, and a digest of the gold data they were
measured on (floors are only meaningful for the same data)."""

from __future__ import annotations

import hashlib
from pathlib import Path

# task → the metrics whose floors CI guards (headline plus the keys the issue names)
GATED_METRICS: dict[str, tuple[str, ...]] = {
    "extraction": ("f1", "precision", "recall"),
    "encoding": ("utf8_exact", "legacy_exact", "mojibake_exact", "clean_unchanged"),
    "unwrap": ("wrapped_exact_72", "paragraph_accuracy", "no_blank_unmerged",
               "unwrapped_unchanged"),
    "dedup": ("pair_f1", "pair_precision", "canonical_accuracy"),
    "pubdate": ("accuracy",),
    "events_plover": ("f1", "accuracy", "actor_f1"),
    "events_petrarch": ("accuracy", "root_accuracy", "triple_f1"),
    "events_conflibert": ("accuracy", "f1", "span_f1"),
    "events_case2021": ("f1",),
    "events_indiapolice": ("f1",),
    "timex": ("span_f1_strict", "span_f1_relaxed", "type_accuracy", "value_accuracy"),
    "geo": ("span_f1", "acc_161km"),
    "coref": ("f1",),
    "seeds": ("accuracy", "events_recall", "quotes_recall", "actors_recall", "body_recall",
              "boilerplate_recall", "places_recall"),
}


# Gold items per task in the CI gate: enough to be stable, small enough for CI. Sets whose
# positives are rare (IndiaPoliceEvents) need more sentences to say anything.
DEFAULT_LIMIT = 100
TASK_LIMITS: dict[str, int] = {"events_indiapolice": 2000}


def gate_limit(task: str) -> int:
    return TASK_LIMITS.get(task, DEFAULT_LIMIT)


def run_gate(gold_dir: Path | None = None) -> dict[str, dict[str, object]]:
    """Every gated task at its gate limit."""
    from storyline.evaluate import run_tasks

    report: dict[str, dict[str, object]] = {}
    for task in GATED_METRICS:
        report.update(run_tasks([task], gold_dir, limit=gate_limit(task)))
    return report


def gold_digest(gold_dir: Path) -> str:
    """A digest of the gold files' relative paths and sizes (and the acceptance file beside)."""
    h = hashlib.sha1()
    roots = [gold_dir, gold_dir.parent / "acceptance"]
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            h.update(f"{path.relative_to(root.parent)}\t{path.stat().st_size}\n".encode())
    return h.hexdigest()[:16]

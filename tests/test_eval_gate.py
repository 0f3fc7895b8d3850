"""The evaluation gate: a fast subset (gate limits in ``evaluate/gate.py``) of every scorer runs and
each guarded metric must stay within ``noise`` of its floor in ``eval_baseline.json``.
Raise floors with ``scripts/update_eval_baseline.py`` when a stage improves."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.evaluate import TASKS, default_gold_dir
from storyline.evaluate.gate import GATED_METRICS, gold_digest, run_gate
from tests.conftest import REPO

BASELINE = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))
CASES = [(task, metric) for task, metrics in GATED_METRICS.items() for metric in metrics]


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, Any]]:
    gold = default_gold_dir()
    if not gold.exists():
        pytest.skip("../shared/gold is not beside the checkout")
    assert gold_digest(gold) == BASELINE["gold_digest"], (
        "the gold data changed since the floors were measured: "
        "re-run scripts/update_eval_baseline.py")
    return run_gate(gold)


@pytest.mark.parametrize(("task", "metric"), CASES, ids=[f"{t}.{m}" for t, m in CASES])
def test_metric_stays_above_its_floor(report: dict[str, dict[str, Any]], task: str,
                                      metric: str) -> None:
    floor = BASELINE["floors"][task][metric]
    value = float(report[task][metric] or 0.0)
    assert value >= floor - BASELINE["noise"], f"{task}.{metric} = {value:.4f} < floor {floor}"


def test_every_task_is_gated() -> None:
    assert set(GATED_METRICS) == set(TASKS)
    assert set(BASELINE["floors"]) == set(GATED_METRICS)

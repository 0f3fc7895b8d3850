"""Evaluate: one scorer per task against public gold sets, and the report they make.

Entry point: :func:`run_tasks` (the ``storyline eval`` command). Task names and their modules
are listed in :data:`TASKS`; each module's ``ANCHORS`` holds
the published figures shown beside ours.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TASKS: dict[str, str] = {
    "extraction": "storyline.evaluate.extraction",
    "encoding": "storyline.evaluate.encoding",
    "unwrap": "storyline.evaluate.unwrap",
    "dedup": "storyline.evaluate.dedup",
    "pubdate": "storyline.evaluate.pubdate",
    "events_plover": "storyline.evaluate.events_plover",
    "events_petrarch": "storyline.evaluate.events_petrarch",
    "events_conflibert": "storyline.evaluate.events_conflibert",
    "events_case2021": "storyline.evaluate.events_case2021",
    "events_indiapolice": "storyline.evaluate.events_indiapolice",
    "timex": "storyline.evaluate.timex",
    "geo": "storyline.evaluate.geo",
    "coref": "storyline.evaluate.coref",
    "seeds": "storyline.evaluate.seeds",
}


def default_gold_dir() -> Path:
    """``../shared/gold`` beside the checkout (or the working directory's parent)."""
    here = Path(__file__).resolve().parents[3].parent / "shared" / "gold"
    return here if here.exists() else Path.cwd().parent / "shared" / "gold"


def run_tasks(tasks: Iterable[str] | None = None, gold_dir: Path | None = None,
              limit: int | None = None) -> dict[str, dict[str, Any]]:
    """Scores per task name. ``gold_dir`` holds the sets' folders (or is one set's folder when
    a single task is asked for). Unknown task names raise ``KeyError``."""
    names = list(tasks) if tasks else list(TASKS)
    root = gold_dir or default_gold_dir()
    report: dict[str, dict[str, Any]] = {}
    for name in names:
        module = importlib.import_module(TASKS[name])
        folder = root / module.GOLD_SUBDIR if (root / module.GOLD_SUBDIR).exists() else root
        started = time.perf_counter()
        metrics = module.score(folder, limit=limit)
        metrics["seconds"] = round(time.perf_counter() - started, 2)
        report[name] = metrics
    return report


def anchors_for(task: str) -> dict[str, tuple[float, str]]:
    """The published figures a task's scorer lists beside its metrics."""
    module = importlib.import_module(TASKS[task])
    return dict(getattr(module, "ANCHORS", {}))


__all__ = ["TASKS", "anchors_for", "default_gold_dir", "run_tasks"]

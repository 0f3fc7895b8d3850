from __future__ import annotations

from pathlib import Path

from storyline.evaluate.report import markdown, scalar_metrics, write_json


def test_scalar_metrics_put_the_headline_first_and_skip_nested() -> None:
    metrics = {"recall": 0.5, "f1": 0.6, "per_type": {"A": 1}, "misses": ["x"], "n": 3}
    assert [k for k, _ in scalar_metrics(metrics)] == ["f1", "n", "recall"]


def test_markdown_lists_every_task_with_anchor(tmp_path: Path) -> None:
    report = {"extraction": {"f1": 0.95, "n": 10}, "seeds": {"accuracy": 0.5, "n": 2}}
    anchors = {"extraction": {"f1": (0.958, "README")}}
    page = markdown(report, anchors, limit=5)
    assert "## extraction" in page and "## seeds" in page
    assert "| f1 | 0.9500 | 0.9580 | README |" in page
    assert "--limit 5" in page
    write_json(report, tmp_path / "r.json")
    assert '"extraction"' in (tmp_path / "r.json").read_text()

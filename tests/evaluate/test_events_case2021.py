from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.evaluate.events_case2021 import (
    ACLED_TO_PLOVER,
    NO_EVENT,
    Snippet,
    classification_metrics,
    read_snippets,
    split_mapped,
    subtype_accuracy,
    system_label,
)
from storyline.events.lexicon import load_cameo2plover
from storyline.records import Event, Span

# Invented snippets in the gold file's shape (tab-separated, unquoted, one stray quote mark).
TOY_TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tRebels and soldiers traded fire near the \"old\" bridge in Northvale.\tARMED_CLASH\n"
    "2\tA storm flooded three villages on the coast.\tNATURAL_DISASTER\n"
    "3\tTeachers marched peacefully to the town hall.\tPEACE_PROTEST\n"
)


def _event(plover: str, confidence: float, start: int = 0, negated: bool = False) -> Event:
    span = Span("d", start, start + 1, 0, "x")
    return Event("e", "d", plover, "190", None, (), (), "occurred", negated, confidence, "x",
                 span, "test")


def test_read_snippets_keeps_quotes_and_order(tmp_path: Path) -> None:
    path = tmp_path / "toy.tsv"
    path.write_text(TOY_TSV, encoding="utf-8")
    snippets = read_snippets(path)
    assert [s.snippet_id for s in snippets] == ["1", "2", "3"]
    assert '"old"' in snippets[0].text
    assert snippets[2].subtype == "PEACE_PROTEST"


def test_read_snippets_rejects_other_header(tmp_path: Path) -> None:
    path = tmp_path / "toy.tsv"
    path.write_text("id\ttext\tlabel\n1\tx\tARREST\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        read_snippets(path)


def test_split_mapped_skips_types_without_plover_counterpart() -> None:
    snippets = [Snippet("1", "a", "ARMED_CLASH"), Snippet("2", "b", "NATURAL_DISASTER"),
                Snippet("3", "c", "ARREST"), Snippet("4", "d", "OTHER")]
    mapped, unmapped = split_mapped(snippets)
    assert [s.snippet_id for s in mapped] == ["1", "3"]
    assert unmapped == 2


def test_mapping_targets_are_types_storyline_can_emit() -> None:
    emitted = {plover for plover, _ in load_cameo2plover().values()}
    assert set(ACLED_TO_PLOVER.values()) <= emitted


def test_system_label_takes_highest_confidence_non_negated_event() -> None:
    events = [_event("CONSULT", 0.4, 0), _event("ASSAULT", 0.9, 5, negated=True),
              _event("PROTEST", 0.6, 9), _event("COERCE", 0.6, 20)]
    assert system_label(events) == "PROTEST"


def test_system_label_is_none_without_events() -> None:
    assert system_label([]) == NO_EVENT
    assert system_label([_event("", 0.9)]) == NO_EVENT


def test_classification_metrics_known_answer() -> None:
    gold = ["ASSAULT", "ASSAULT", "PROTEST", "COERCE"]
    predicted = ["ASSAULT", NO_EVENT, "ASSAULT", "COERCE"]
    metrics = classification_metrics(gold, predicted, ("ASSAULT", "COERCE", "PROTEST"))
    assert metrics["f1"] == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert metrics["micro_f1"] == pytest.approx(4 / 7)  # P = 2/3, R = 2/4
    assert metrics["accuracy"] == pytest.approx(0.5)
    assert metrics["coverage"] == pytest.approx(0.75)
    assert metrics["per_type"]["ASSAULT"]["support"] == 2
    assert metrics["confusion"]["ASSAULT->NONE"] == 1


def test_subtype_accuracy_groups_by_gold_subtype() -> None:
    snippets = [Snippet("1", "a", "AIR_STRIKE"), Snippet("2", "b", "AIR_STRIKE"),
                Snippet("3", "c", "ARREST")]
    accuracy = subtype_accuracy(snippets, ["ASSAULT", "ASSAULT", "COERCE"],
                                ["ASSAULT", NO_EVENT, "COERCE"])
    assert accuracy == {"AIR_STRIKE": 0.5, "ARREST": 1.0}

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.events_conflibert import (
    NO_CLASS,
    bio_spans,
    drop_inside,
    event_spans,
    find_test_split,
    locate,
    parse_class_tsv,
    parse_conll,
    penta_class,
    predicted_class,
    score_classes,
    score_spans,
)
from storyline.records import Event, EventArg, Span

# Invented sentences in the CoNLL layout of the set.
CONLL = """The B-S
Freedonian I-S
army I-S
shelled O
Sylvania B-T
. O

Freedonia B-R
and I-R
Sylvania I-R
met O
"""


def _event(cameo: str, confidence: float, sources: tuple[str, ...] = (),
           targets: tuple[str, ...] = ()) -> Event:
    span = Span("d", 0, 1, 0, "x")
    return Event("e", "d", "", cameo, None, tuple(EventArg(t, None, t) for t in sources),
                 tuple(EventArg(t, None, t) for t in targets), "occurred", False, confidence,
                 "x", span, "test")


def test_parse_class_tsv_handles_crlf_and_blank_lines() -> None:
    rows = parse_class_tsv("Freedonia praised Sylvania.\t1\r\n\r\nA  march\tin town.\t4\r\n")
    assert rows == [("Freedonia praised Sylvania.", "1"), ("A march in town.", "4")]


def test_penta_class_boundaries() -> None:
    assert [penta_class(c) for c in ("010", "0251", "036", "057", "061", "087")] == \
        ["0", "0", "1", "1", "2", "2"]
    assert [penta_class(c) for c in ("090", "138", "141", "204")] == ["3", "3", "4", "4"]
    assert penta_class("") == NO_CLASS and penta_class("215") == NO_CLASS


def test_predicted_class_uses_best_event_or_none() -> None:
    assert predicted_class([_event("190", 0.4), _event("043", 0.6)]) == "1"
    assert predicted_class([]) == NO_CLASS


def test_score_classes_counts_none_as_wrong() -> None:
    metrics = score_classes(["0", "1", "4"], ["0", NO_CLASS, "4"])
    assert metrics["accuracy"] == pytest.approx(2 / 3)
    assert metrics["coverage"] == pytest.approx(2 / 3)
    # classes 0 and 4 perfect, 1 missed, 2 and 3 absent → 2/5
    assert metrics["f1"] == pytest.approx(0.4)


def test_parse_conll_splits_sentences() -> None:
    sentences = parse_conll(CONLL)
    assert len(sentences) == 2
    assert sentences[0].tokens[:2] == ("The", "Freedonian")
    assert sentences[1].labels == ("B-R", "I-R", "I-R", "O")


def test_bio_spans_conlleval_style() -> None:
    assert bio_spans(["B-S", "I-S", "O", "B-T"]) == {(0, 2, "S"), (3, 4, "T")}
    # an I- without a matching chunk starts one; a type switch closes the chunk
    assert bio_spans(["I-T", "I-S", "B-S", "B-S"]) == {(0, 1, "T"), (1, 2, "S"), (2, 3, "S"),
                                                      (3, 4, "S")}


def test_locate_and_event_spans() -> None:
    tokens = ("The", "Freedonian", "army", "shelled", "Sylvania", ".")
    assert locate(tokens, ["Sylvania"]) == 4 and locate(tokens, ["Ruritania"]) is None
    spans = event_spans(tokens, [_event("190", 0.6, ("Freedonian army",), ("Sylvania", "Mars"))])
    assert spans == {(1, 3, "S"), (4, 5, "T")}


def test_drop_inside_removes_spans_within_regions() -> None:
    assert drop_inside({(0, 1, "S"), (2, 3, "T"), (3, 5, "S")}, [(0, 3, "R")]) == {(3, 5, "S")}


def test_score_spans_exact_overlap_and_reciprocal() -> None:
    gold = [bio_spans(s.labels) for s in parse_conll(CONLL)]
    predicted = [{(1, 3, "S"), (4, 5, "T")}, {(0, 1, "S"), (2, 3, "T")}]
    metrics = score_spans(gold, predicted)
    assert metrics["n_spans"] == 2 and metrics["n_reciprocal_spans"] == 1
    assert metrics["n_predicted_spans"] == 2
    assert metrics["span_precision"] == pytest.approx(0.5)
    assert metrics["span_recall"] == pytest.approx(0.5)
    assert metrics["span_overlap_f1"] == pytest.approx(1.0)


def test_find_test_split_requires_one_file(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_text("", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        find_test_split(tmp_path)
    (tmp_path / "test.tsv").write_text("", encoding="utf-8")
    assert find_test_split(tmp_path).name == "test.tsv"

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.common import document_for
from storyline.evaluate.events_indiapolice import (
    headline_f1,
    is_police_source,
    label_metrics,
    predict_labels,
    read_dates,
    read_sentences,
)
from storyline.records import Claim, Event, EventArg, Facts, Span

_SPAN = Span("d", 0, 1, 0, "x")


def _event(plover: str, cameo: str, trigger: str, source: str = "the police",
           negated: bool = False) -> Event:
    return Event("e", "d", plover, cameo, None, (EventArg("X", None, source),), (), "occurred",
                 negated, 0.6, trigger, _SPAN, "test")


def _facts(events: tuple[Event, ...] = (), claims: tuple[Claim, ...] = ()) -> Facts:
    return Facts(document_for("An invented sentence."), (), (), (), events, (), claims)


def _claim(kind: str) -> Claim:
    return Claim("c", "d", kind, 3.0, None, None, "people", None, _SPAN)


def test_read_sentences_sorts_and_reads_labels(tmp_path: Path) -> None:
    rows = [{"doc_id": 7, "sent_id": 1, "sent_labels": ["ARREST", "ANY_ACTION"],
             "sent_text": "Guards held two men."},
            {"doc_id": 3, "sent_id": 0, "sent_labels": [], "sent_text": "A quiet day."}]
    path = tmp_path / "sents.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    sentences = read_sentences(path)
    assert [(s.doc_id, s.sent_id) for s in sentences] == [(3, 0), (7, 1)]
    assert sentences[1].labels == frozenset({"ARREST", "ANY_ACTION"})


def test_read_dates_maps_doc_to_date(tmp_path: Path) -> None:
    path = tmp_path / "metadata.jsonl"
    path.write_text(json.dumps({"doc_id": 3, "date": "2001-02-03", "url": "u"}) + "\n"
                    + json.dumps({"doc_id": 4, "date": None}) + "\n", encoding="utf-8")
    assert read_dates(path) == {3: "2001-02-03"}


def test_is_police_source_matches_police_words_only() -> None:
    assert is_police_source(_event("COERCE", "173", "arrested", "City Police"))
    assert is_police_source(_event("COERCE", "173", "arrested", "two constables"))
    assert not is_police_source(_event("COERCE", "173", "arrested", "the mayor"))
    assert not is_police_source(_event("COERCE", "173", "arrested", "copper traders"))


def test_predict_labels_police_arrest() -> None:
    labels = predict_labels(_facts((_event("COERCE", "173", "arrested"),)))
    assert labels == {"ANY_ACTION", "ARREST"}


def test_predict_labels_police_firing_is_force() -> None:
    labels = predict_labels(_facts((_event("COERCE", "170", "fired"),)))
    assert labels == {"ANY_ACTION", "FORCE"}


def test_predict_labels_killed_claim_needs_police_source() -> None:
    assert predict_labels(_facts((_event("ASSAULT", "190", "attacked"),), (_claim("killed"),))) \
        == {"ANY_ACTION", "FORCE", "KILL"}
    assert predict_labels(_facts((_event("ASSAULT", "190", "attacked", "a mob"),),
                                 (_claim("killed"),))) == frozenset()


def test_predict_labels_ignores_negated_events() -> None:
    assert predict_labels(_facts((_event("COERCE", "173", "arrest", negated=True),))) == set()


def test_predict_labels_without_source_check_counts_any_event() -> None:
    facts = _facts((_event("COERCE", "173", "detained", "a mob"),))
    assert predict_labels(facts, require_police=False) == {"ANY_ACTION", "ARREST"}


def test_label_metrics_and_headline_known_answer() -> None:
    gold = [frozenset({"ARREST", "ANY_ACTION"}), frozenset({"FORCE"}), frozenset()]
    predicted = [frozenset({"ARREST"}), frozenset(), frozenset({"FORCE", "KILL"})]
    per = label_metrics(gold, predicted)
    assert per["ARREST"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert per["FORCE"]["f1"] == 0.0 and per["FORCE"]["support"] == 1
    assert per["KILL"]["precision"] == 0.0 and per["KILL"]["support"] == 0
    assert per["ANY_ACTION"]["recall"] == 0.0
    assert headline_f1(per) == pytest.approx(1 / 3)

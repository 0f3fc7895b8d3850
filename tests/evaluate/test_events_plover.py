from __future__ import annotations

import json

import pytest

from storyline.evaluate.events_plover import (
    NONE,
    PLOVER_TYPES,
    actor_code,
    actor_counts,
    current_type,
    event_actors,
    main_event,
    parse_records,
    predicted_type,
    score_actors,
    score_types,
)
from storyline.records import Event, EventArg, Span

# Invented records in the gold file's shape: a DOCUMENT header, a one-sided record, a
# reciprocal one (target ""), and one whose textInfo is a bare string.
TOY = json.dumps([
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
    {"id": "X-FIGHT-0001", "event": "FIGHT", "text": "Freedonia  shelled\nSylvania.",
     "source": [{"actorText": "Freedonia", "code": "FRD"}],
     "target": [{"actorText": "Sylvania", "code": "syl"}],
     "textInfo": {"markup": "(SRC: Freedonia) (EVT: shelled) (TAR: Sylvania)."}},
    {"id": "X-AGREE-0001", "event": "AGREE", "text": "Freedonia and Sylvania agreed.",
     "source": [{"code": "FRD"}, {"code": "SYL"}], "target": "",
     "textInfo": {"markup": "(SRC/TAR: Freedonia) and (SRC/TAR: Sylvania) (EVT: agreed)."}},
    {"id": "X-DEMAND-0001", "event": "DEMAND", "text": "Sylvania demanded answers.",
     "source": [{"code": "SYL"}], "target": None, "textInfo": "(SRC: Sylvania) (EVT: demanded)"},
])


def _arg(actor_id: str, country: str | None = None) -> EventArg:
    return EventArg(actor_id, country, actor_id)


def _event(plover: str, confidence: float, sources: tuple[EventArg, ...] = (),
           targets: tuple[EventArg, ...] = (), cameo: str = "040") -> Event:
    span = Span("d", 0, 1, 0, "x")
    return Event("e", "d", plover, cameo, None, sources, targets, "occurred", False, confidence,
                 "x", span, "test")


def test_current_type_maps_legacy_labels() -> None:
    assert current_type("FIGHT") == "ASSAULT"
    assert current_type("DEMAND") == "REQUEST"
    assert current_type("disapprove") == "ACCUSE"
    assert current_type("INVESTIGATE") == "ACCUSE"
    assert all(current_type(t) == t for t in PLOVER_TYPES)


def test_parse_records_skips_header_and_reads_actors() -> None:
    records = parse_records(TOY)
    assert [r.event for r in records] == ["ASSAULT", "AGREE", "REQUEST"]
    assert records[0].text == "Freedonia shelled Sylvania."
    assert records[0].sources == {"FRD"} and records[0].targets == {"SYL"}
    assert records[1].reciprocal and not records[0].reciprocal
    assert records[1].targets == frozenset() and records[2].targets == frozenset()


def test_main_event_takes_highest_confidence_first_on_ties() -> None:
    first, second = _event("AGREE", 0.6), _event("CONSULT", 0.6)
    assert main_event([_event("ACCUSE", 0.4), first, second]) is first
    assert main_event([_event("", 0.9)]) is None
    assert predicted_type(None) == NONE


def test_actor_code_prefers_country_then_cameo_root() -> None:
    assert actor_code(_arg("person:someone", "FRD")) == "FRD"
    assert actor_code(_arg("IGOUNO")) == "IGO"
    assert actor_code(_arg("person:someone")) is None


def test_actor_counts_reciprocal_ignores_roles() -> None:
    gold = (frozenset({"FRD", "SYL"}), frozenset())
    pred = (frozenset({"FRD"}), frozenset({"SYL"}))
    assert actor_counts(gold, pred, by_role=True, reciprocal=True) == (2, 0, 0)
    assert actor_counts(gold, pred, by_role=True, reciprocal=False) == (1, 1, 1)


def test_score_actors_sums_counts_over_records() -> None:
    gold = [(frozenset({"FRD"}), frozenset({"SYL"})), (frozenset({"SYL"}), frozenset())]
    pred = [event_actors(_event("X", 1, (_arg("a", "FRD"),), (_arg("b", "ABC"),))),
            event_actors(None)]
    result = score_actors(gold, pred)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1 / 3)


def test_score_types_macro_over_gold_types() -> None:
    result = score_types(["AGREE", "AGREE", "ASSAULT"], ["AGREE", NONE, "ASSAULT"])
    assert result["accuracy"] == pytest.approx(2 / 3)
    # AGREE: P 1, R 0.5, F1 2/3; ASSAULT: F1 1 → macro 5/6
    assert result["f1"] == pytest.approx(5 / 6)
    assert result["per_type"]["AGREE"]["support"] == 2
    assert result["top_confusions"] == [["AGREE", NONE, 1]]

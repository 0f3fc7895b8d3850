from __future__ import annotations

import pytest

from storyline.evaluate.events_petrarch import (
    actor_root,
    code_accuracy,
    event_triples,
    iso_date,
    multiset_prf,
    parse_sentences,
    score_sentences,
)
from storyline.records import Event, EventArg, Span

# Invented records in the PETRARCH validation layout: two codings, a noevents marker,
# an error record (skipped) and one with no coding at all (skipped).
TOY = """<Validation><Sentences>
<!-- a comment -->
<Sentence date="20010203" id="T-01" category="T">
<EventCoding sourcecode="FRDGOV" targetcode="SYL" eventcode="0251"></EventCoding>
<EventCoding sourcecode="FRD" targetcode="---" eventcode="043"/>
<Text>
Freedonia appealed to
Sylvania.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="20010204" id="T-02"><EventCoding noevents = "True"/><Text>Nothing.</Text></Sentence>
<Sentence date="20010205" id="T-03"><EventCoding error="dateline"/><Text>X.</Text></Sentence>
<Sentence date="20010206" id="T-04"><Text>Uncoded.</Text></Sentence>
</Sentences></Validation>"""


def _event(cameo: str, sources: tuple[str, ...], targets: tuple[str, ...]) -> Event:
    span = Span("d", 0, 1, 0, "x")
    return Event("e", "d", "", cameo, None, tuple(EventArg(c, c, c) for c in sources),
                 tuple(EventArg(c, c, c) for c in targets), "occurred", False, 0.5, "x", span,
                 "test")


def test_parse_sentences_reads_codings_and_skips_errors() -> None:
    sentences = parse_sentences(TOY)
    assert [s.sentence_id for s in sentences] == ["T-01", "T-02"]
    first, second = sentences
    assert first.date == "2001-02-03"
    assert first.text == "Freedonia appealed to Sylvania."
    assert first.codings == (("FRDGOV", "SYL", "0251"), ("FRD", "---", "043"))
    assert second.noevents and not second.codings


def test_iso_date_rejects_malformed() -> None:
    assert iso_date("19950101") == "1995-01-01"
    assert iso_date("1995") is None and iso_date(None) is None


def test_actor_root_keeps_three_characters() -> None:
    assert actor_root("FRDGOV") == "FRD"
    assert actor_root("---") == "---"
    assert actor_root(None) == ""


def test_event_triples_cross_sources_and_targets() -> None:
    triples = event_triples([_event("043", ("FRD", "SYL"), ("ABC",)), _event("190", ("FRD",), ())])
    assert triples == [("FRD", "ABC", "043"), ("SYL", "ABC", "043"), ("FRD", "", "190")]


def test_code_accuracy_full_code_and_root() -> None:
    gold = [["0251", "043"], ["190"]]
    predicted = [["025", "043"], []]
    assert code_accuracy(gold, predicted) == pytest.approx(1 / 3)
    assert code_accuracy(gold, predicted, digits=2) == pytest.approx(2 / 3)


def test_multiset_prf_counts_duplicates_once_each() -> None:
    result = multiset_prf([["a", "a"], []], [["a"], ["b"]])
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(0.5)


def test_score_sentences_on_toy_records() -> None:
    sentences = parse_sentences(TOY)
    predicted = [[("FRD", "SYL", "0251"), ("SYL", "FRD", "040")], []]
    metrics = score_sentences(sentences, predicted)
    assert metrics["n"] == 2 and metrics["n_noevents"] == 1
    assert metrics["accuracy"] == pytest.approx(0.5)
    assert metrics["root_accuracy"] == pytest.approx(1.0)
    assert metrics["triple_f1"] == pytest.approx(0.5)
    assert metrics["noevent_accuracy"] == 1.0

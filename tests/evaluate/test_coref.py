from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.evaluate.common import document_for
from storyline.evaluate.coref import (
    CatDoc,
    b_cubed,
    ceaf_e,
    conll_f1,
    coref_scores,
    detokenize,
    document_text,
    gold_clusters,
    load_gold,
    map_event,
    muc,
    parse_cat,
    storyline_clusters,
)
from storyline.records import Event, EventArg, Facts, Span

# Luo (2005) / Pradhan et al. (2014): the response wrongly merges the 2nd and 3rd key entities.
KEY = [{"a", "b", "c", "d", "e"}, {"f", "g"}, {"h", "i", "j", "k", "l"}]
RESPONSE = [{"a", "b", "c", "d", "e"}, {"f", "g", "h", "i", "j", "k", "l"}]


def _cat(name: str, words: list[tuple[int, str]], events: dict[int, list[int]],
         cross: dict[str, list[int]], intra: Sequence[list[int]] = (), entity: int | None = None) -> str:
    """A small CAT document: words as (sentence, text); events as m_id → token ids."""
    tokens = "".join(f'<token t_id="{i}" sentence="{s}" number="{i}">{w}</token>'
                     for i, (s, w) in enumerate(words, start=1))
    marks = "".join(f'<ACTION_OCCURRENCE m_id="{m}">'
                    + "".join(f'<token_anchor t_id="{t}"/>' for t in ts) + "</ACTION_OCCURRENCE>"
                    for m, ts in events.items())
    if entity is not None:
        marks += f'<HUMAN_PART_PER m_id="90"><token_anchor t_id="{entity}"/></HUMAN_PART_PER>'
    marks += '<ACTION_OCCURRENCE m_id="99" TAG_DESCRIPTOR="desc" instance_id="ACT1"/>'
    rels = "".join(f'<CROSS_DOC_COREF r_id="{i}" note="{note}">'
                   + "".join(f'<source m_id="{m}"/>' for m in ms) + '<target m_id="99"/></CROSS_DOC_COREF>'
                   for i, (note, ms) in enumerate(cross.items()))
    rels += "".join(f'<INTRA_DOC_COREF r_id="{50 + i}">' + "".join(f'<source m_id="{m}"/>' for m in ms)
                    + "</INTRA_DOC_COREF>" for i, ms in enumerate(intra))
    return (f'<Document doc_name="{name}.xml">{tokens}<Markables>{marks}</Markables>'
            f"<Relations>{rels}</Relations></Document>")


WORDS_1 = [(0, "Rebels"), (0, "attacked"), (0, "the"), (0, "town"), (0, "."),
           (1, "The"), (1, "attack"), (1, "killed"), (1, "two"), (1, ".")]
WORDS_2 = [(0, "The"), (0, "army"), (0, "attacked"), (0, "rebels"), (0, "after"), (0, "talks"),
           (0, "failed"), (0, ".")]


def _doc1() -> CatDoc:
    xml = _cat("1_1ecb", WORDS_1, {1: [2], 2: [7], 3: [8]}, {"ACT1": [1]}, intra=[[2]], entity=1)
    return parse_cat(xml, "1_1ecb", "1")


def _doc2() -> CatDoc:
    xml = _cat("1_2ecb", WORDS_2, {1: [3], 2: [6], 3: [7]}, {"ACT1": [1], "ACT2": [2, 3]})
    return parse_cat(xml, "1_2ecb", "1")


def test_coref_muc_classic_example() -> None:
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.0)
    assert score.precision == pytest.approx(9 / 10)
    assert score.f1 == pytest.approx(18 / 19)


def test_coref_muc_split_cluster_loses_recall_only() -> None:
    score = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert (score.precision, score.recall) == pytest.approx((1.0, 2 / 3))


def test_coref_b_cubed_classic_example() -> None:
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.0)
    assert score.precision == pytest.approx(16 / 21)
    assert score.f1 == pytest.approx(32 / 37)


def test_coref_ceaf_e_classic_example() -> None:
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(11 / 18)
    assert score.precision == pytest.approx(11 / 12)
    assert score.f1 == pytest.approx(11 / 15)


def test_coref_conll_is_mean_of_three_f1() -> None:
    assert conll_f1(coref_scores(KEY, RESPONSE)) == pytest.approx((18 / 19 + 32 / 37 + 11 / 15) / 3)


def test_coref_identical_clusters_score_one() -> None:
    scores = coref_scores(KEY, KEY)
    assert all(s.f1 == pytest.approx(1.0) for s in scores.values())


def test_coref_all_singletons_have_no_muc_links() -> None:
    singletons = [{m} for cluster in KEY for m in cluster]
    scores = coref_scores(KEY, singletons)
    assert scores["muc"].f1 == 0.0
    assert scores["b3"].precision == pytest.approx(1.0)
    assert scores["b3"].recall == pytest.approx((5 * 1 / 5 + 2 * 1 / 2 + 5 * 1 / 5) / 12)


def test_coref_mentions_missing_from_response_are_partitions_of_their_own() -> None:
    key, response = [{"a", "b", "c"}], [{"a", "b"}, {"x"}]
    assert muc(key, response).recall == pytest.approx(1 / 2)
    assert b_cubed(key, response).recall == pytest.approx(4 / 9)
    assert b_cubed(key, response).precision == pytest.approx(2 / 3)


def test_coref_parse_cat_keeps_event_mentions_and_chains() -> None:
    doc = _doc1()
    assert [m.mention_id for m in doc.mentions] == ["1_1ecb:1", "1_1ecb:2", "1_1ecb:3"]
    assert [m.sentence for m in doc.mentions] == [0, 1, 1]
    assert doc.chains["1_1ecb:1"] == "ACT1"
    assert doc.chains["1_1ecb:2"].startswith("1_1ecb:intra:")


def test_coref_gold_clusters_join_documents_by_instance() -> None:
    clusters = {frozenset(c) for c in gold_clusters([_doc1(), _doc2()])}
    assert frozenset({"1_1ecb:1", "1_2ecb:1"}) in clusters
    assert frozenset({"1_2ecb:2", "1_2ecb:3"}) in clusters
    assert frozenset({"1_1ecb:3"}) in clusters
    assert sum(len(c) for c in clusters) == 6


def test_coref_load_gold_keeps_validated_sentences(tmp_path: Path) -> None:
    (tmp_path / "ECB+" / "36").mkdir(parents=True)
    xml = _cat("36_1ecb", WORDS_1, {1: [2], 2: [7]}, {})
    (tmp_path / "ECB+" / "36" / "36_1ecb.xml").write_text(xml, encoding="utf-8")
    index = tmp_path / "from_cltl_ecbPlus" / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    index.parent.mkdir(parents=True)
    index.write_text("Topic,File,Sentence Number\n36,1ecb,1\n", encoding="utf-8")
    (doc,) = load_gold(tmp_path)
    assert [m.mention_id for m in doc.mentions] == ["36_1ecb:2"]
    assert document_text(doc)[0] == "The attack killed two."


def test_coref_detokenize_attaches_punctuation() -> None:
    text, offsets, _ = detokenize(["Rebels", "attacked", "(", "again", ")", "."])
    assert text == "Rebels attacked (again)."
    assert [text[s:e] for s, e in offsets] == ["Rebels", "attacked", "(", "again", ")", "."]


def _facts(doc: CatDoc, triggers: list[tuple[str, str, tuple[str, ...]]]) -> Facts:
    """Hand-made Facts for a CAT document: one event per (trigger, plover type, actor ids)."""
    document = document_for(document_text(doc)[0])
    events = []
    for i, (trigger, plover, actors) in enumerate(triggers):
        start, end = next((s, e) for s, e in document.paragraphs
                          if re.search(rf"\b{trigger}\b", document.text[s:e]))
        span = Span(document.doc_id, start, end, 0, document.text[start:end])
        args = tuple(EventArg(a, None, a) for a in actors)
        events.append(Event(f"e{i}", document.doc_id, plover, "190", None, args, (), "asserted",
                            False, 0.5, trigger, span, "test"))
    return Facts(document, (), (), (), tuple(events), (), ())


def test_coref_map_event_finds_mention_under_trigger() -> None:
    doc = _doc1()
    facts = _facts(doc, [("attack", "ASSAULT", ("REB",))])
    _, lines = document_text(doc)
    mention_of = {t: m.mention_id for m in doc.mentions for t in m.tokens}
    assert map_event(facts.events[0], facts, lines, mention_of) == "1_1ecb:2"


def test_coref_storyline_clusters_by_type_and_actors_across_documents() -> None:
    docs = [_doc1(), _doc2()]
    facts = [_facts(docs[0], [("attacked", "ASSAULT", ("REB",)), ("killed", "ASSAULT", ("X",))]),
             _facts(docs[1], [("attacked", "ASSAULT", ("REB",)), ("talks", "CONSULT", ("REB",))])]
    clusters, matched, unmatched = storyline_clusters(docs, facts)
    assert frozenset({"1_1ecb:1", "1_2ecb:1"}) in clusters
    assert frozenset({"1_1ecb:3"}) in clusters
    assert (matched, unmatched) == (4, 0)
    assert sum(len(c) for c in clusters) == 6

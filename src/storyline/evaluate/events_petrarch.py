"""Event coding against the PETRARCH2 unit-test records (``petrarch2_unittest``).

The set: 284 ``<Sentence date= id=>`` records, mostly stylised sentences about toy actors
(Arnor = ``ARN``, Gondor = ``GON``) written against PETRARCH2's validation dictionaries, each
with one or more ``<EventCoding sourcecode= targetcode= eventcode=/>`` (CAMEO codes),
``noevents="True"`` (nothing should be coded) or ``error=`` (a PETRARCH input-handling test:
bad parse, discard list, dateline; those sentences are skipped, they test no coding).

Storyline runs on each ``<Text>`` (whitespace collapsed to one line) with the sentence date.
What is measured:

- ``accuracy``: share of gold codings whose full CAMEO code is among the codes Storyline
  produced for that sentence (codes compared as strings, ``"0251"`` ≠ ``"025"``);
  ``root_accuracy`` the same on the CAMEO root (first two digits). ``n`` = gold codings.
- ``triple_f1`` (+ precision, recall): per sentence, the multiset of (source, target, code)
  triples against gold, counts summed over sentences (micro). A system event yields one triple
  per source × target pair (``""`` for a missing side). Actors are compared on their 3-letter
  root (gold ``ARNGOV`` → ``ARN``): our resolver gives ISO-3 countries, not the toy codes,
  so this stays low by construction. ``code_f1`` is the same multiset score on codes alone.
- ``noevent_accuracy``: share of ``noevents`` sentences where Storyline coded nothing.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.common import Metrics, extract_texts, prf
from storyline.evaluate.events_plover import actor_code
from storyline.records import Event

log = logging.getLogger(__name__)

GOLD_SUBDIR = "petrarch2_unittest"
GOLD_FILE = Path("petrarch2") / "data" / "text" / "PETR.UnitTest.records.xml"
# The file's header: "These are the unit test records which should all correctly [code]
# following any changes in the program" — PETRARCH2 with its validation dictionaries is
# expected to reproduce every coding (a design target of the reference coder, not a study).
# No published score exists for this unit suite (PETRARCH2 itself is meant to pass every record,
# a design target rather than a measured figure), so no anchor is shown.
ANCHORS: dict[str, tuple[float, str]] = {}

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One unit record: text, ISO date and its gold (source, target, code) triples."""

    sentence_id: str
    date: str | None
    text: str
    codings: tuple[Triple, ...]
    noevents: bool


def iso_date(value: str | None) -> str | None:
    """``YYYYMMDD`` → ``YYYY-MM-DD``; None for anything else."""
    value = (value or "").strip()
    if len(value) != 8 or not value.isdigit():
        return None
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def _sentence(node: ET.Element) -> GoldSentence | None:
    codings = node.findall("EventCoding")
    if any(c.get("error") for c in codings):
        return None
    triples = tuple((c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                    for c in codings if c.get("eventcode"))
    noevents = any((c.get("noevents") or "").strip().lower() == "true" for c in codings)
    return GoldSentence(
        sentence_id=node.get("id", "").strip(),
        date=iso_date(node.get("date")),
        text=" ".join((node.findtext("Text") or "").split()),
        codings=triples,
        noevents=noevents and not triples,
    )


def parse_sentences(xml: str | bytes) -> list[GoldSentence]:
    """Scorable sentences of a PETRARCH validation file: those with codings or ``noevents``
    (records with an ``error=`` coding, or with neither, are skipped)."""
    root = ET.fromstring(xml)
    sentences = (_sentence(node) for node in root.iter("Sentence"))
    return [s for s in sentences if s is not None and (s.codings or s.noevents)]


def actor_root(code: str | None) -> str:
    """The 3-character root of a CAMEO actor code (``ARNGOV`` → ``ARN``; ``""`` if none)."""
    return (code or "").strip().upper()[:3]


def event_triples(events: Iterable[Event]) -> list[Triple]:
    """One (source, target, code) triple per source × target pair of every event; roots only."""
    triples: list[Triple] = []
    for event in events:
        sources = [actor_root(actor_code(a)) for a in event.sources] or [""]
        targets = [actor_root(actor_code(a)) for a in event.targets] or [""]
        triples += [(s, t, event.cameo_code) for s in sources for t in targets]
    return triples


def gold_triples(sentence: GoldSentence) -> list[Triple]:
    """Gold triples with actor codes reduced to their roots, as :func:`event_triples` does."""
    return [(actor_root(s), actor_root(t), c) for s, t, c in sentence.codings]


def code_accuracy(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
                  digits: int | None = None) -> float:
    """Share of gold codes (over all sentences) that the system produced for the same sentence;
    with ``digits`` both sides are cut to that many characters (2 = CAMEO root)."""
    found = total = 0
    for gold_codes, system_codes in zip(gold, predicted, strict=True):
        produced = {c[:digits] for c in system_codes}
        found += sum(c[:digits] in produced for c in gold_codes)
        total += len(gold_codes)
    return found / total if total else 0.0


def multiset_prf(gold: Sequence[Sequence[object]], predicted: Sequence[Sequence[object]]
                 ) -> Metrics:
    """Micro P/R/F1 of per-sentence multisets (each gold item matches at most one prediction)."""
    tp = fp = fn = 0
    for gold_items, system_items in zip(gold, predicted, strict=True):
        g, p = Counter(gold_items), Counter(system_items)
        hit = sum((g & p).values())
        tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
    result = prf(tp, fp, fn)
    return {"precision": result.precision, "recall": result.recall, "f1": result.f1}


def score_sentences(sentences: Sequence[GoldSentence], predicted: Sequence[Sequence[Triple]]
                    ) -> Metrics:
    """All metrics of the module doc from gold sentences and the system's triples for each."""
    coded = [(s, p) for s, p in zip(sentences, predicted, strict=True) if s.codings]
    gold_codes = [[c for _, _, c in s.codings] for s, _ in coded]
    system_codes = [[c for _, _, c in p] for _, p in coded]
    triples = multiset_prf([gold_triples(s) for s in sentences], predicted)
    codes = multiset_prf([[c for _, _, c in s.codings] for s in sentences],
                         [[c for _, _, c in p] for p in predicted])
    empty = [not p for s, p in zip(sentences, predicted, strict=True) if s.noevents]
    return {
        "accuracy": code_accuracy(gold_codes, system_codes),
        "root_accuracy": code_accuracy(gold_codes, system_codes, digits=2),
        "triple_f1": triples["f1"],
        "triple_precision": triples["precision"],
        "triple_recall": triples["recall"],
        "code_f1": codes["f1"],
        "noevent_accuracy": sum(empty) / len(empty) if empty else 0.0,
        "n": sum(len(g) for g in gold_codes),
        "n_sentences": len(sentences),
        "n_noevents": len(empty),
    }


def load_sentences(gold_dir: Path, limit: int | None = None) -> list[GoldSentence]:
    """The scorable sentences of the set in ``gold_dir`` (the first ``limit`` if given)."""
    sentences = parse_sentences((gold_dir / GOLD_FILE).read_bytes())
    return sentences[:limit] if limit is not None else sentences


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run Storyline on every unit record and score codes and triples (see module doc)."""
    sentences = load_sentences(gold_dir, limit)
    facts = extract_texts([s.text for s in sentences], [s.date for s in sentences])
    metrics = score_sentences(sentences, [event_triples(f.events) for f in facts])
    log.info("petrarch: %d codings, code accuracy %.3f", metrics["n"], metrics["accuracy"])
    return metrics

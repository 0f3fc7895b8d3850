"""Police actions scored on IndiaPoliceEvents, Task 1 (sentence classification).

What it measures: whether Storyline's events and claims answer, sentence by sentence, the
corpus's questions "did police arrest / use force / kill / do anything?" on Times of India
reports of the Gujarat violence of March 2002. Gold is ``data/final/sents.jsonl`` (``doc_id``,
``sent_id``, ``sent_text``, ``sent_labels``; 21,391 sentences, multi-label) with each document's
date from ``data/final/metadata.jsonl``. Each sentence is run through Storyline as its own text
(the gold sentence split is kept; the ``FAIL`` label has no Storyline counterpart and is not
scored).

How a sentence's labels are read off Storyline's output (:func:`predict_labels`):

* police as source — Storyline's actor KB has no police sector, so an event counts as a police
  action when one of its source ``EventArg.text`` contains ``police``, ``policeman``,
  ``constable``, ``officer`` or ``cop`` (a lexical proxy; "army officer" also passes);
* ``ANY_ACTION`` — any police-source event;
* ``ARREST`` — a police-source COERCE event with CAMEO 173 (arrest, detain);
* ``FORCE`` — a police-source ASSAULT event, or a police-source event whose trigger is a
  firing / baton (lathi) charge / tear-gas word (COERCE with force);
* ``KILL`` — in a sentence with a police-source event: a claim of kind ``killed`` or an event
  triggered by a killing word.

Reported: ``per_label`` precision/recall/F1 (and gold support) for ARREST, FORCE, KILL and
ANY_ACTION; the headline ``f1`` is the macro F1 over ARREST, FORCE and KILL; ``n`` = sentences
scored. ``no_source_check``
repeats the per-label F1 with every event counted as a police action, to separate what the
actor side loses from what triggers and claims lose; ``diagnostics`` counts how often Storyline
coded any event, or any police-source event, on gold-positive sentences, and how many gold
ARREST / KILL sentences carry an ``arrested`` / ``killed`` claim (a signal the rules leave unused).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.common import Metrics, extract_texts, prf
from storyline.records import Event, Facts

log = logging.getLogger(__name__)

GOLD_SUBDIR = "india_police_events"
SENTS_FILE = Path("data") / "final" / "sents.jsonl"
META_FILE = Path("data") / "final" / "metadata.jsonl"

# The set's folder holds the data and the authors' scorer but no published figures.
ANCHORS: dict[str, tuple[float, str]] = {}

LABELS: tuple[str, ...] = ("ARREST", "FORCE", "KILL", "ANY_ACTION")
HEADLINE_LABELS: tuple[str, ...] = ("ARREST", "FORCE", "KILL")
CHUNK = 512  # sentences per extract_texts call: bounds memory and paces the progress log

_POLICE = re.compile(r"\b(?:police\w*|constables?|officers?|cops?)\b", re.IGNORECASE)
# Force words the event coder may use as triggers ("fired", "lathi-charged", "tear-gassed").
_FORCE_TRIGGER = re.compile(r"^(?:fir(?:e|ed|es|ing)|shoot\w*|shot|lathi\w*|baton\w*|tear\w*)",
                            re.IGNORECASE)
_KILL_TRIGGER = re.compile(r"^(?:kill\w*|slay\w*|slain|murder\w*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold sentence: where it sits, its text and its label set."""

    doc_id: int
    sent_id: int
    text: str
    labels: frozenset[str]


def read_sentences(path: Path) -> list[GoldSentence]:
    """``sents.jsonl`` as gold sentences, sorted by (doc_id, sent_id)."""
    sentences = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                sentences.append(GoldSentence(int(row["doc_id"]), int(row["sent_id"]),
                                              row["sent_text"], frozenset(row["sent_labels"])))
    return sorted(sentences, key=lambda s: (s.doc_id, s.sent_id))


def read_dates(path: Path) -> dict[int, str]:
    """``metadata.jsonl`` as doc_id → publication date (ISO), for the documents that have one."""
    dates: dict[int, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                if row.get("date"):
                    dates[int(row["doc_id"])] = str(row["date"])
    return dates


def is_police_source(event: Event) -> bool:
    """True when a source of ``event`` is named by a police word (lexical proxy, see above)."""
    return any(_POLICE.search(arg.text) for arg in event.sources)


def _is_force(event: Event) -> bool:
    return event.plover_type == "ASSAULT" or bool(_FORCE_TRIGGER.match(event.trigger))


def predict_labels(facts: Facts, require_police: bool = True) -> frozenset[str]:
    """The labels of one sentence from its Storyline output (rules in the module docstring).

    With ``require_police=False`` every event counts as a police action (a diagnostic)."""
    acting = [e for e in facts.events
              if not e.negated and (is_police_source(e) or not require_police)]
    if not acting:
        return frozenset()
    labels = {"ANY_ACTION"}
    if any(e.plover_type == "COERCE" and e.cameo_code.startswith("173") for e in acting):
        labels.add("ARREST")
    if any(_is_force(e) for e in acting):
        labels.add("FORCE")
    killed = any(c.kind == "killed" for c in facts.claims)
    if killed or any(_KILL_TRIGGER.match(e.trigger) for e in facts.events if not e.negated):
        labels.add("KILL")
    return frozenset(labels)


def label_metrics(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]],
                  labels: Iterable[str] = LABELS) -> dict[str, dict[str, float]]:
    """Per-label precision, recall, F1 and gold support, each label scored as a binary task."""
    out: dict[str, dict[str, float]] = {}
    pairs = list(zip(gold, predicted, strict=True))
    for label in labels:
        tp = sum(1 for g, p in pairs if label in g and label in p)
        fp = sum(1 for g, p in pairs if label not in g and label in p)
        fn = sum(1 for g, p in pairs if label in g and label not in p)
        s = prf(tp, fp, fn)
        out[label] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                      "support": tp + fn}
    return out


def headline_f1(per_label: dict[str, dict[str, float]],
                labels: Sequence[str] = HEADLINE_LABELS) -> float:
    """Macro F1 over ``labels``."""
    return sum(per_label[label]["f1"] for label in labels) / len(labels)


@dataclass(slots=True)
class _Tally:
    """Predictions and diagnostic counts accumulated chunk by chunk."""

    strict: list[frozenset[str]]
    loose: list[frozenset[str]]
    positive_with_event: int = 0
    positive_with_police_event: int = 0
    arrest_with_arrested_claim: int = 0
    kill_with_killed_claim: int = 0

    def count(self, sentence: GoldSentence, fact: Facts) -> None:
        """Add one sentence's predictions and diagnostic counts."""
        self.strict.append(predict_labels(fact))
        self.loose.append(predict_labels(fact, require_police=False))
        kinds = {c.kind for c in fact.claims}
        if sentence.labels & set(LABELS):
            self.positive_with_event += bool(fact.events)
            self.positive_with_police_event += any(map(is_police_source, fact.events))
        self.arrest_with_arrested_claim += "ARREST" in sentence.labels and "arrested" in kinds
        self.kill_with_killed_claim += "KILL" in sentence.labels and "killed" in kinds


def _run(sentences: Sequence[GoldSentence], dates: dict[int, str]) -> _Tally:
    tally = _Tally([], [])
    for start in range(0, len(sentences), CHUNK):
        chunk = sentences[start : start + CHUNK]
        facts = extract_texts([s.text for s in chunk], [dates.get(s.doc_id) for s in chunk])
        for sentence, fact in zip(chunk, facts, strict=True):
            tally.count(sentence, fact)
        log.info("indiapolice: %d/%d sentences", start + len(chunk), len(sentences))
    return tally


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run Storyline sentence by sentence and score the police-action labels (module docstring).

    ``limit`` keeps the first sentences in (doc_id, sent_id) order."""
    sentences = read_sentences(gold_dir / SENTS_FILE)[:limit]
    dates = read_dates(gold_dir / META_FILE)
    started = time.perf_counter()
    tally = _run(sentences, dates)
    gold = [s.labels for s in sentences]
    per_label = label_metrics(gold, tally.strict)
    loose = label_metrics(gold, tally.loose)
    positives = sum(1 for g in gold if g & set(LABELS))
    return {
        "f1": headline_f1(per_label),
        "n": len(sentences),
        "per_label": per_label,
        "no_source_check": {"f1": headline_f1(loose),
                            "per_label_f1": {label: v["f1"] for label, v in loose.items()}},
        "diagnostics": {
            "gold_positive_sentences": positives,
            "with_any_event": tally.positive_with_event,
            "with_police_source_event": tally.positive_with_police_event,
            "arrest_gold_with_arrested_claim": tally.arrest_with_arrested_claim,
            "kill_gold_with_killed_claim": tally.kill_with_killed_claim,
        },
        "extract_seconds": round(time.perf_counter() - started, 1),
    }

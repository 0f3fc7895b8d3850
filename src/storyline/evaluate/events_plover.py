"""Event coding against the PLOVER gold-standard records (``plover_gsr_cameo``).

The set: 322 English sentences from the CAMEO 1.1b3 manual, each hand-coded with one PLOVER
event type (v0.5b1 labels) and its source/target actors as ISO-3 / IGO codes
(``gold_standard_records/PLOVER_GSR_CAMEO.txt``, a JSON array whose record 0 is a
``DOCUMENT`` header).

What is measured, per record (input = the record's ``text``, no date; the gold date is a dummy):

- **type**: Storyline's predicted type is the PLOVER type of its highest-confidence event in
  the sentence (the first one on ties); ``NONE`` when it codes no typed event. Gold labels are
  mapped to the current 16 categories with :data:`LEGACY_TO_CURRENT`. ``f1`` is macro-F1 over
  the gold types, ``accuracy`` the share of records whose type matches.
- **actors**: the actor codes of that same event against the gold ``source[].code`` and
  ``target[].code``. ``actor_f1`` compares the *sets* of codes (source and target together),
  counts summed over records (micro). ``actor_role_f1`` also requires the role to match,
  except on reciprocal records (markup ``SRC/TAR``) where roles are not distinguishable.
- ``coverage``: share of records where Storyline coded at least one event of any type.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from storyline.evaluate.common import Metrics, extract_texts, macro_f1, prf
from storyline.records import Event, EventArg

log = logging.getLogger(__name__)

GOLD_SUBDIR = "plover_gsr_cameo"
GOLD_FILE = Path("gold_standard_records") / "PLOVER_GSR_CAMEO.txt"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published score on this set in ../shared/gold

NONE = "NONE"
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER v0.5b1 label → current (2021 manual, ../shared/reference/plover/PLOVER_MANUAL.tex).
# Identity for the 14 labels that kept their name; the renamed / merged ones follow the
# manual's "CAMEO to PLOVER translation" table (tab:xlate, section ssec:ctp), in which each
# old label was the name of a CAMEO cue category:
LEGACY_TO_CURRENT: dict[str, str] = {
    **{label: label for label in PLOVER_TYPES},
    # CAMEO 10 DEMAND → REQUEST (tab:xlate); \section{REQUEST}: "All requests, demands, and orders".
    "DEMAND": "REQUEST",
    # CAMEO 11 DISAPPROVE → ACCUSE (tab:xlate); ACCUSE mode `disapprove` (tab:accusemode).
    "DISAPPROVE": "ACCUSE",
    # CAMEO 09 INVESTIGATE → ACCUSE (tab:xlate); ACCUSE mode `investigate`: "Any investigation".
    "INVESTIGATE": "ACCUSE",
    # CAMEO 19 FIGHT → ASSAULT (tab:xlate); \section{ASSAULT} covers two-sided violence too.
    "FIGHT": "ASSAULT",
}
_CAMEO_ACTOR = re.compile(r"^(?:[A-Z]{3})+$")

ActorSets = tuple[frozenset[str], frozenset[str]]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One coded sentence: text, current PLOVER type and the actor codes on each side."""

    record_id: str
    text: str
    event: str
    sources: frozenset[str]
    targets: frozenset[str]
    reciprocal: bool


def current_type(label: str) -> str:
    """The current PLOVER category of a v0.5b1 (or current) label; unknown labels pass through."""
    return LEGACY_TO_CURRENT.get(label.strip().upper(), label.strip().upper())


def _codes(value: Any) -> frozenset[str]:
    """Actor codes of a gold ``source``/``target`` field (a list of dicts, ``""`` or ``None``)."""
    if not isinstance(value, list):
        return frozenset()
    return frozenset(str(a["code"]).upper() for a in value if isinstance(a, dict) and a.get("code"))


def _markup(info: Any) -> str:
    """The inline markup (one record stores it as a bare string instead of ``{"markup": ...}``)."""
    return str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")


def parse_records(raw: str) -> list[GoldRecord]:
    """Gold records from the JSON array, skipping the DOCUMENT header and anything without text."""
    records = []
    for item in json.loads(raw):
        if not item.get("text") or item.get("event") in (None, "DOCUMENT"):
            continue
        markup = _markup(item.get("textInfo"))
        records.append(GoldRecord(
            record_id=str(item.get("id", "")),
            text=" ".join(str(item["text"]).split()),
            event=current_type(str(item["event"])),
            sources=_codes(item.get("source")),
            targets=_codes(item.get("target")),
            reciprocal="SRC/TAR" in markup,
        ))
    return records


def main_event(events: Sequence[Event]) -> Event | None:
    """The highest-confidence event with a PLOVER type (the first one on ties), or None."""
    typed = [e for e in events if e.plover_type]
    return max(typed, key=lambda e: e.confidence) if typed else None


def predicted_type(event: Event | None) -> str:
    """The current PLOVER type of the chosen event, ``NONE`` without one."""
    return current_type(event.plover_type) if event is not None else NONE


def actor_code(arg: EventArg) -> str | None:
    """An argument's 3-letter code: its country, else the root of a CAMEO-style actor id
    (``IGOUNO`` → ``IGO``, as the gold codes IGOs); None for actors with neither."""
    if arg.country:
        return arg.country.upper()
    if _CAMEO_ACTOR.match(arg.actor_id):
        return arg.actor_id[:3]
    return None


def event_actors(event: Event | None) -> ActorSets:
    """(source codes, target codes) of an event; empty sets without one."""
    if event is None:
        return frozenset(), frozenset()
    sources = frozenset(c for a in event.sources if (c := actor_code(a)))
    targets = frozenset(c for a in event.targets if (c := actor_code(a)))
    return sources, targets


def actor_counts(gold: ActorSets, predicted: ActorSets, by_role: bool = False,
                 reciprocal: bool = False) -> tuple[int, int, int]:
    """(tp, fp, fn) of one record's actor codes as sets. With ``by_role`` a code must also be on
    the right side, unless the record is reciprocal (then sides are pooled, order-insensitive)."""
    if by_role and not reciprocal:
        gold_set = {("source", c) for c in gold[0]} | {("target", c) for c in gold[1]}
        pred_set = {("source", c) for c in predicted[0]} | {("target", c) for c in predicted[1]}
    else:
        gold_set = {("any", c) for c in gold[0] | gold[1]}
        pred_set = {("any", c) for c in predicted[0] | predicted[1]}
    return len(gold_set & pred_set), len(pred_set - gold_set), len(gold_set - pred_set)


def score_actors(gold: Sequence[ActorSets], predicted: Sequence[ActorSets],
                 reciprocal: Sequence[bool] | None = None, by_role: bool = False) -> Metrics:
    """Micro P/R/F1 of actor codes: per-record set counts summed over records."""
    flags = reciprocal if reciprocal is not None else [False] * len(gold)
    tp = fp = fn = 0
    for g, p, r in zip(gold, predicted, flags, strict=True):
        a, b, c = actor_counts(g, p, by_role, r)
        tp, fp, fn = tp + a, fp + b, fn + c
    result = prf(tp, fp, fn)
    return {"precision": result.precision, "recall": result.recall, "f1": result.f1}


def score_types(gold: Sequence[str], predicted: Sequence[str], top: int = 10) -> Metrics:
    """Accuracy, macro-F1 over the gold types, per-type P/R/F1/support, and the most common
    (gold, predicted) confusions."""
    macro, per = macro_f1(gold, predicted)
    support = Counter(gold)
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return {
        "f1": macro,
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0,
        "per_type": {t: {**asdict(m), "support": support[t]} for t, m in per.items()},
        "top_confusions": [[g, p, n] for (g, p), n in confusions.most_common(top)],
    }


def load_records(gold_dir: Path, limit: int | None = None) -> list[GoldRecord]:
    """The gold records of the set in ``gold_dir`` (the first ``limit`` if given)."""
    records = parse_records((gold_dir / GOLD_FILE).read_text(encoding="utf-8"))
    return records[:limit] if limit is not None else records


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run Storyline on every gold sentence and score event type and actors (see module doc)."""
    records = load_records(gold_dir, limit)
    facts = extract_texts([r.text for r in records])
    chosen = [main_event(f.events) for f in facts]
    metrics = score_types([r.event for r in records], [predicted_type(e) for e in chosen])
    gold_actors = [(r.sources, r.targets) for r in records]
    pred_actors = [event_actors(e) for e in chosen]
    flags = [r.reciprocal for r in records]
    actors = score_actors(gold_actors, pred_actors, flags)
    roles = score_actors(gold_actors, pred_actors, flags, by_role=True)
    metrics.update({
        "n": len(records),
        "coverage": sum(bool(f.events) for f in facts) / len(records) if records else 0.0,
        "actor_f1": actors["f1"],
        "actor_precision": actors["precision"],
        "actor_recall": actors["recall"],
        "actor_role_f1": roles["f1"],
    })
    log.info("plover: %d records, macro-F1 %.3f", len(records), metrics["f1"])
    return metrics

"""Event typing scored on the CASE 2021 Task 2 test set (fine-grained socio-political events).

What it measures: whether the PLOVER type Storyline gives a short news snippet agrees with the
ACLED-style sub-event type the organisers annotated. Gold is
``task2/test_dataset/test_set_final_release_with_labels.tsv`` (``id``, ``EventSnippet``,
``SubType``; 1,019 snippets, 30 labels). Storyline codes PLOVER/CAMEO, not ACLED, so each gold
sub-type is mapped through :data:`ACLED_TO_PLOVER`; snippets whose sub-type has no clean PLOVER
counterpart are skipped and counted in ``n_unmapped``.

Scoring, per scored snippet: the system label is the PLOVER type of the snippet's
highest-confidence non-negated event (ties: the earliest in the text), or ``"NONE"`` when
Storyline codes no event. Reported:

* ``f1`` — macro F1 over the mapped PLOVER classes (a system label outside them, ``NONE``
  included, is a miss for the gold class and a false positive for no class);
* ``micro_f1`` — micro F1 over the same classes (TP/FP/FN summed over classes);
* ``accuracy`` — share of scored snippets whose system label equals the mapped gold label;
* ``per_type`` — precision/recall/F1 and gold support per mapped class;
* ``coverage`` — share of scored snippets on which Storyline coded any event at all;
* ``confusion`` — counts of (gold PLOVER, system label) pairs, for error analysis;
* ``n`` scored snippets and ``n_unmapped`` skipped ones.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import ConfigError
from storyline.evaluate.common import Metrics, extract_texts, macro_f1, prf
from storyline.records import Event, Facts

log = logging.getLogger(__name__)

GOLD_SUBDIR = "case2021_task2_finegrained"
GOLD_FILE = Path("task2") / "test_dataset" / "test_set_final_release_with_labels.tsv"

# The set's folder holds no published results (only the task description and notes), so no
# anchors can be cited from it.
ANCHORS: dict[str, tuple[float, str]] = {}

NO_EVENT = "NONE"

# ACLED sub-event type → PLOVER category, for the types with one clean counterpart. PLOVER types
# are those Storyline's CAMEO→PLOVER table (events/data/cameo2plover.txt) can emit: that table has
# no separate FIGHT category, so armed combat is ASSAULT.
ACLED_TO_PLOVER: dict[str, str] = {
    # Battles and remote violence: conventional or unconventional force (CAMEO 18/19/20).
    "ARMED_CLASH": "ASSAULT",       # CAMEO 190, fight with small arms
    "AIR_STRIKE": "ASSAULT",        # CAMEO 195, aerial weapons
    "ART_MISS_ATTACK": "ASSAULT",   # CAMEO 194, artillery and missiles
    "GRENADE": "ASSAULT",           # thrown explosive: unconventional violence (CAMEO 18x)
    "REM_EXPLOS": "ASSAULT",        # landmine / IED: CAMEO 1833, roadside bombing
    "SUIC_BOMB": "ASSAULT",         # CAMEO 1831, suicide bombing
    "CHEM_WEAP": "ASSAULT",         # CAMEO 2042, chemical weapons
    # Violence against civilians.
    "ATTACK": "ASSAULT",            # CAMEO 18x, one-sided violence
    "ABDUCT_DISSAP": "ASSAULT",     # CAMEO 181, abduct
    "SEX_VIOL": "ASSAULT",          # CAMEO 1821, sexual assault
    "PROPERTY_DISTRUCT": "ASSAULT",  # CAMEO 1712, destroy property (ASSAULT in the 2021 table)
    "FORCE_AGAINST_PROTEST": "ASSAULT",  # CAMEO 175, violent repression (ASSAULT in the table)
    # Demonstrations: the protest is the event; intervention or violence is its mode.
    "PEACE_PROTEST": "PROTEST",     # CAMEO 141, demonstrate or rally
    "PROTEST_WITH_INTER": "PROTEST",  # a peaceful protest that others disrupt is still CAMEO 141
    "VIOL_DEMONSTR": "PROTEST",     # CAMEO 145, riot: PLOVER PROTEST with mode riot
    # Strategic developments with a single CAMEO root.
    "ARREST": "COERCE",             # CAMEO 173, arrest or detain
    "AGREEMENT": "AGREE",           # peace deals, ceasefires, agreements (PLOVER AGREE)
}
# Left out, with no clean PLOVER counterpart:
# MOB_VIOL — ACLED files it under riots, but mob attacks on people are ASSAULT in PLOVER, so the
#   target label would depend on the snippet; DISR_WEAP (weapons seized or defused) and
#   CHANGE_TO_GROUP_ACT (a group relocates, changes tactics) — no CAMEO action at all;
#   GOV_REGAINS_TERIT, NON_STATE_ACTOR_OVERTAKES_TER, NON_VIOL_TERRIT_TRANSFER — territory
#   changing hands may be fighting (ASSAULT), occupation (COERCE 192) or a handover (CONCEDE);
#   HQ_ESTABLISHED (a base is set up) — no CAMEO action; OTHER — by definition none;
#   the "unseen" types ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER — outside PLOVER's
#   political-actor scope; DIPLO — spans SANCTION, THREATEN, REQUEST, SUPPORT and ACCUSE;
#   ATTRIB — an accusation is ACCUSE but a group claiming its own attack has no PLOVER type.

MAPPED_CLASSES: tuple[str, ...] = tuple(sorted(set(ACLED_TO_PLOVER.values())))


@dataclass(frozen=True, slots=True)
class Snippet:
    """One gold snippet: its id, text and ACLED-style sub-type."""

    snippet_id: str
    text: str
    subtype: str


def read_snippets(path: Path) -> list[Snippet]:
    """The gold TSV (header ``id, EventSnippet, SubType``; no quoting) as snippets in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or [h.strip() for h in header[:3]] != ["id", "EventSnippet", "SubType"]:
            raise ConfigError(f"{path}: not the CASE 2021 task 2 TSV (header {header!r})")
        return [Snippet(r[0].strip(), r[1], r[2].strip()) for r in rows if len(r) >= 3]


def split_mapped(snippets: Iterable[Snippet]) -> tuple[list[Snippet], int]:
    """The snippets whose sub-type is in :data:`ACLED_TO_PLOVER`, and how many were not."""
    mapped, unmapped = [], 0
    for snippet in snippets:
        if snippet.subtype in ACLED_TO_PLOVER:
            mapped.append(snippet)
        else:
            unmapped += 1
    return mapped, unmapped


def system_label(events: Sequence[Event]) -> str:
    """PLOVER type of the highest-confidence non-negated event (earliest on ties), else NONE."""
    candidates = [e for e in events if not e.negated and e.plover_type]
    if not candidates:
        return NO_EVENT
    best = max(candidates, key=lambda e: (e.confidence, -e.span.start))
    return best.plover_type


def classification_metrics(gold: Sequence[str], predicted: Sequence[str],
                           classes: Sequence[str] = MAPPED_CLASSES) -> Metrics:
    """Macro/micro F1 over ``classes``, accuracy, per-class PRF with support, and coverage."""
    macro, per = macro_f1(gold, predicted, classes)
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(1 for g, p in pairs if g == p and g in classes)
    fp = sum(1 for g, p in pairs if p in classes and p != g)
    fn = sum(1 for g, p in pairs if g in classes and p != g)
    n = len(pairs)
    support = Counter(gold)
    return {
        "f1": macro,
        "micro_f1": prf(tp, fp, fn).f1,
        "accuracy": sum(1 for g, p in pairs if g == p) / n if n else 0.0,
        "n": n,
        "per_type": {label: {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                             "support": support[label]} for label, s in per.items()},
        "coverage": sum(1 for p in predicted if p != NO_EVENT) / n if n else 0.0,
        "confusion": {f"{g}->{p}": c for (g, p), c in Counter(pairs).most_common()},
    }


def system_labels(facts: Sequence[Facts]) -> list[str]:
    """One system label per Storyline output (see :func:`system_label`)."""
    return [system_label(f.events) for f in facts]


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run Storyline on the mapped snippets and score its PLOVER labels (module docstring).

    ``limit`` keeps the first mapped snippets in file order; ``n_unmapped`` counts the whole file."""
    snippets, n_unmapped = split_mapped(read_snippets(gold_dir / GOLD_FILE))
    if limit is not None:
        snippets = snippets[:limit]
    log.info("case2021: %d mapped snippets, %d unmapped skipped", len(snippets), n_unmapped)
    predicted = system_labels(extract_texts([s.text for s in snippets]))
    gold = [ACLED_TO_PLOVER[s.subtype] for s in snippets]
    metrics = classification_metrics(gold, predicted)
    metrics["n_unmapped"] = n_unmapped
    metrics["per_subtype_accuracy"] = subtype_accuracy(snippets, gold, predicted)
    return metrics


def subtype_accuracy(snippets: Sequence[Snippet], gold: Sequence[str],
                     predicted: Sequence[str]) -> dict[str, float]:
    """Share of each gold ACLED sub-type's snippets given the right PLOVER label."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for snippet, g, p in zip(snippets, gold, predicted, strict=True):
        total[snippet.subtype] += 1
        right[snippet.subtype] += g == p
    return {subtype: right[subtype] / total[subtype] for subtype in sorted(total)}

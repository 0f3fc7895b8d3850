"""Event coding against the ConfliBERT CAMEO data (``conflibert_cameo``), test split only.

Two tasks on edited news leads from the CAMEO codebook (the same provenance as the PLOVER
gold records, so the sets overlap):

(a) ``data/cameo_class/*test*``: ``sentence<TAB>label`` with labels 0-4. The repository does
    not say what they mean; following the gold README we *infer* CAMEO "PentaClass"
    (0 = roots 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13, 4 = 14-20). Storyline's class is the
    PentaClass of the CAMEO root of its highest-confidence event; a sentence without an event
    gets the distinct class ``"none"``, which is always wrong. Reported: ``accuracy``, ``f1``
    (macro over the five classes), ``per_class``, ``coverage`` (share with an event), ``n``.
(b) ``data/cameo_ner/*test*``: CoNLL ``token label`` with ``B-S/I-S`` (source), ``B-T/I-T``
    (target) and ``B-R/I-R`` (a reciprocal compound actor). Tokens are joined with spaces and
    run through Storyline; each event's source/target ``EventArg.text`` is mapped back to the
    first exact token-sequence match in the sentence. Entity-level (conlleval-style) P/R/F1 over
    ``S`` and ``T`` spans: ``span_f1``, ``span_precision``, ``span_recall``, ``n_spans``. Gold
    ``R`` spans are not scored, and system spans inside one are ignored rather than counted
    wrong (``n_reciprocal_spans``). ``span_overlap_f1`` relaxes a match to any token overlap
    with a gold span of the same role, since our mention texts are shorter than gold phrases.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from storyline.evaluate.common import Metrics, extract_texts, macro_f1, prf
from storyline.records import Event

log = logging.getLogger(__name__)

GOLD_SUBDIR = "conflibert_cameo"
CLASS_DIR = Path("data") / "cameo_class"
NER_DIR = Path("data") / "cameo_ner"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published score on this set in ../shared/gold

NO_CLASS = "none"
CLASSES: tuple[str, ...] = ("0", "1", "2", "3", "4")
# Upper CAMEO root (inclusive) of each PentaClass, in order (inferred, see module doc).
_PENTA_UPPER: tuple[tuple[int, str], ...] = ((2, "0"), (5, "1"), (8, "2"), (13, "3"), (20, "4"))
ROLES: tuple[str, ...] = ("S", "T")

Spanned = tuple[int, int, str]  # (first token, last token + 1, role)


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """One CoNLL sentence: its tokens and their BIO labels."""

    tokens: tuple[str, ...]
    labels: tuple[str, ...]


def find_test_split(folder: Path) -> Path:
    """The single test-split file of a task folder (``*test*``)."""
    found = sorted(p for p in folder.glob("*test*") if p.is_file())
    if len(found) != 1:
        raise FileNotFoundError(f"expected one *test* file in {folder}, found {found}")
    return found[0]


def parse_class_tsv(text: str) -> list[tuple[str, str]]:
    """(sentence, label) rows of a ``sentence<TAB>label`` file; blank lines skipped."""
    rows = []
    for line in text.splitlines():
        if line.strip():
            sentence, label = line.rsplit("\t", 1)
            rows.append((" ".join(sentence.split()), label.strip()))
    return rows


def penta_class(cameo_code: str) -> str:
    """PentaClass (``"0"``-``"4"``) of a CAMEO code's root; ``"none"`` when it has none."""
    root = cameo_code.strip()[:2]
    if len(root) != 2 or not root.isdigit():
        return NO_CLASS
    for upper, label in _PENTA_UPPER:
        if 1 <= int(root) <= upper:
            return label
    return NO_CLASS


def predicted_class(events: Sequence[Event]) -> str:
    """The PentaClass of the highest-confidence event (the first on ties), ``"none"`` without."""
    if not events:
        return NO_CLASS
    return penta_class(max(events, key=lambda e: e.confidence).cameo_code)


def score_classes(gold: Sequence[str], predicted: Sequence[str]) -> Metrics:
    """Accuracy, macro-F1 over the five classes and per-class P/R/F1/support."""
    macro, per = macro_f1(gold, predicted, labels=CLASSES)
    pairs = list(zip(gold, predicted, strict=True))
    return {
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0,
        "f1": macro,
        "per_class": {c: {**asdict(m), "support": list(gold).count(c)} for c, m in per.items()},
        "coverage": sum(p != NO_CLASS for p in predicted) / len(pairs) if pairs else 0.0,
        "n": len(pairs),
    }


def parse_conll(text: str) -> list[TaggedSentence]:
    """Sentences of a CoNLL file (``token label`` per line, blank line between sentences)."""
    sentences: list[TaggedSentence] = []
    rows: list[tuple[str, str]] = []
    for line in [*text.splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] != "-DOCSTART-":
            rows.append((parts[0], parts[-1]))
        elif not parts and rows:
            tokens, labels = zip(*rows, strict=True)
            sentences.append(TaggedSentence(tuple(tokens), tuple(labels)))
            rows = []
    return sentences


def bio_spans(labels: Sequence[str]) -> set[Spanned]:
    """Entity spans of a BIO sequence, conlleval-style: a chunk starts at ``B-X`` or at an
    ``I-X`` that does not continue an ``X`` chunk, and ends before any other label."""
    spans: set[Spanned] = set()
    start, role = 0, ""
    for i, label in enumerate([*labels, "O"]):
        prefix, _, kind = label.partition("-")
        continues = prefix == "I" and kind == role
        if role and not continues:
            spans.add((start, i, role))
            role = ""
        if prefix in ("B", "I") and not continues:
            start, role = i, kind
    return spans


def locate(tokens: Sequence[str], phrase: Sequence[str]) -> int | None:
    """Index of the first exact occurrence of ``phrase`` in ``tokens``, None if absent."""
    width = len(phrase)
    for i in range(len(tokens) - width + 1):
        if width and tuple(tokens[i : i + width]) == tuple(phrase):
            return i
    return None


def event_spans(tokens: Sequence[str], events: Iterable[Event]) -> set[Spanned]:
    """Token spans of every event's source (``S``) and target (``T``) argument texts."""
    spans: set[Spanned] = set()
    for event in events:
        for role, args in (("S", event.sources), ("T", event.targets)):
            for arg in args:
                phrase = arg.text.split()
                at = locate(tokens, phrase)
                if at is not None:
                    spans.add((at, at + len(phrase), role))
    return spans


def drop_inside(spans: set[Spanned], regions: Iterable[Spanned]) -> set[Spanned]:
    """``spans`` without those lying inside any of ``regions`` (the gold reciprocal spans)."""
    inside = [(a, b) for a, b, _ in regions]
    return {s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in inside)}


def _overlaps(span: Spanned, others: Iterable[Spanned]) -> bool:
    return any(span[2] == o[2] and span[0] < o[1] and o[0] < span[1] for o in others)


def score_spans(gold: Sequence[set[Spanned]], predicted: Sequence[set[Spanned]]) -> Metrics:
    """Exact and overlap span P/R/F1 over the S and T roles, counts summed over sentences.
    Gold ``R`` spans are unscored; predictions inside them are dropped (see module doc)."""
    tp = fp = fn = hit_p = hit_g = n_pred = n_gold = n_recip = 0
    for gold_spans, system_spans in zip(gold, predicted, strict=True):
        recip = {s for s in gold_spans if s[2] == "R"}
        g = {s for s in gold_spans if s[2] in ROLES}
        p = {s for s in drop_inside(system_spans, recip) if s[2] in ROLES}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
        hit_p += sum(_overlaps(s, g) for s in p)
        hit_g += sum(_overlaps(s, p) for s in g)
        n_pred, n_gold, n_recip = n_pred + len(p), n_gold + len(g), n_recip + len(recip)
    exact = prf(tp, fp, fn)
    loose_p = hit_p / n_pred if n_pred else 0.0
    loose_r = hit_g / n_gold if n_gold else 0.0
    return {
        "span_f1": exact.f1,
        "span_precision": exact.precision,
        "span_recall": exact.recall,
        "span_overlap_f1": 2 * loose_p * loose_r / (loose_p + loose_r) if loose_p + loose_r else 0.0,
        "n_spans": n_gold,
        "n_predicted_spans": n_pred,
        "n_reciprocal_spans": n_recip,
    }


def load_split(gold_dir: Path, limit: int | None = None
               ) -> tuple[list[tuple[str, str]], list[TaggedSentence]]:
    """The test split of both tasks (the first ``limit`` items of each if given)."""
    rows = parse_class_tsv(find_test_split(gold_dir / CLASS_DIR).read_text(encoding="utf-8"))
    tagged = parse_conll(find_test_split(gold_dir / NER_DIR).read_text(encoding="utf-8"))
    return rows[:limit], tagged[:limit]


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Run Storyline on both test files and score PentaClass and actor spans (module doc)."""
    rows, tagged = load_split(gold_dir, limit)
    class_facts = extract_texts([sentence for sentence, _ in rows])
    metrics = score_classes([label for _, label in rows],
                            [predicted_class(f.events) for f in class_facts])
    span_facts = extract_texts([" ".join(s.tokens) for s in tagged])
    metrics.update(score_spans([bio_spans(s.labels) for s in tagged],
                               [event_spans(s.tokens, f.events) for s, f in zip(tagged, span_facts,
                                                                                 strict=True)]))
    log.info("conflibert: %d sentences, accuracy %.3f", metrics["n"], metrics["accuracy"])
    return metrics

"""Line-level boilerplate filter for scraped plain text.

Each non-empty line is one unit. The headline (the first headline-like line before any prose)
is taken out as the title; exact repeats of a line are dropped as duplicates; a line that one
of the precise hand-written rules of :mod:`storyline.clean.linerules` names (interface, legal,
photo credit, date stamp, foreign script, no words: see :func:`final_rule`) is dropped; every
other line is kept or dropped by the ``plain`` line model (:mod:`~storyline.clean.lineclassifier`)
over the features of :mod:`storyline.clean.linefeatures`: the line's own form, the rules again,
its place in the document and — when the caller has built
:class:`~storyline.clean.linefeatures.LineStats` over the corpus the document comes from — how
many other documents repeat it. Every dropped line is returned with its reason, for audit:
the rule that names it when one does, else its position (``before_title``, ``after_body``),
else ``classifier``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.lineclassifier import LineModel, load_model
from storyline.clean.linefeatures import FEATURE_NAMES, LineStats, line_features
from storyline.clean.linerules import (
    TERMINAL,
    is_headline,
    is_prose,
    non_latin_share,
    rule_reason,
    title_index,
    words,
)
from storyline.records import Removed

MODEL_FILE = "line_model_plain.json"
FINAL_RULES = frozenset({"no_words", "foreign_script", "photo_credit", "legal", "date_stamp",
                         "interface"})
# In main text extracted from HTML a repeated line this short is a table cell, a list item or a
# recipe step, not a paragraph scraped twice.
_MIN_DUPLICATE_WORDS = 20

__all__ = ["LineStats", "LineVerdict", "classify_lines", "is_headline", "is_prose",
           "non_latin_share", "removed_lines"]


def _same_text(line: str) -> str:
    """A line's identity for duplicate removal: case and spacing ignored, digits not."""
    return " ".join(line.lower().split())


@dataclass(frozen=True, slots=True)
class LineVerdict:
    text: str
    keep: bool
    reason: str


def final_rule(line: str, latin_page: bool) -> str | None:
    """The name of a rule that drops ``line`` without asking the model, or None.

    The first filter's rules stay final where the labelled benchmark lines bear them out
    (95 % or more of the lines each fires on are chrome; foreign script 54 of 57); the two it
    contradicts (``promo`` 92 %, ``source_credit`` 59 %) only inform the model.
    ``scripts/train_line_classifier.py`` prints the table. A foreign-script line is chrome
    only on a page whose own script is Latin.
    """
    reason = rule_reason(line)
    if reason == "foreign_script" and not latin_page:
        return None
    return reason if reason in FINAL_RULES else None


def _drop_reason(line: str, i: int, title_at: int | None, last_prose: int) -> str:
    """The most specific name for a line the model drops."""
    reason = rule_reason(line)
    if reason is not None and reason != "foreign_script":
        return reason
    if title_at is not None and i < title_at:
        return "before_title"
    if i > last_prose and not TERMINAL.search(line.strip()):
        return "after_body"
    return "classifier"


def classify_lines(lines: list[str], extracted: bool = False, stats: LineStats | None = None,
                   model: LineModel | None = None) -> tuple[str | None, list[LineVerdict]]:
    """The headline (if any) and a keep/drop verdict for every line, in order.

    ``extracted`` text (the HTML extractor's output) is already main text: only repeated
    paragraphs are dropped. ``stats`` are the line statistics of the corpus the document
    belongs to (see :meth:`LineStats.from_corpus`); without them a line counts as seen nowhere
    else. ``model`` defaults to the shipped ``plain`` model.
    """
    if extracted:
        return None, _dedupe(lines)
    model = model or load_model(MODEL_FILE)
    model.check(FEATURE_NAMES)
    latin_page = non_latin_share(lines) < 0.5
    title_at = title_index(lines)
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    last_prose = prose[-1] if prose else len(lines)
    decisions = model.keep(line_features(lines, stats))
    seen: set[str] = set()
    verdicts: list[LineVerdict] = []
    for i, (line, (keep, _)) in enumerate(zip(lines, decisions, strict=True)):
        key = _same_text(line)
        if i == title_at:
            reason = "title"
        elif key in seen:
            reason = "duplicate"
        else:
            reason = final_rule(line, latin_page) or (
                "" if keep else _drop_reason(line, i, title_at, last_prose))
        seen.add(key)
        verdicts.append(LineVerdict(line, not reason, reason))
    title = lines[title_at].strip() if title_at is not None else None
    return title, verdicts


def _dedupe(lines: Sequence[str]) -> list[LineVerdict]:
    """Drop the second and later copies of a paragraph; short repeated lines (table cells,
    list items, recipe steps) are content and stay."""
    seen: set[str] = set()
    verdicts = []
    for line in lines:
        key = _same_text(line)
        repeat = key in seen and len(words(line)) >= _MIN_DUPLICATE_WORDS
        verdicts.append(LineVerdict(line, not repeat, "duplicate" if repeat else ""))
        seen.add(key)
    return verdicts


def removed_lines(verdicts: list[LineVerdict]) -> tuple[Removed, ...]:
    """The dropped lines as audit records (the headline is metadata, not boilerplate)."""
    return tuple(
        Removed(v.text, v.reason) for v in verdicts if not v.keep and v.reason != "title"
    )

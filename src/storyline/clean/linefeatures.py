"""Numeric features of the lines of one scraped document, for the keep/drop line classifier.

Each line becomes one row of :data:`FEATURE_NAMES` floats, built from things that carry from one
site to another rather than from any site's own lines:

* the line itself — length, sentence ending, case, digits, link-like tokens, function words,
  and the hand-written rules of :mod:`storyline.clean.linerules` (interface and legal
  vocabulary, credits, stamps) as 0/1 flags;
* its place in the document — relative position, before the headline, outside the stretch
  of prose, the prose-ness of its neighbours, the length of the run of short lines it sits in,
  whether it lies in the document's densest block of running text (:func:`main_block`), and
  how regularly short and long lines alternate around it (the rhythm of teaser lists);
* repetition — inside the document, and across a corpus through :class:`LineStats`: a line
  that recurs in other documents of the same outlet or crawl is chrome (menus, footers,
  newsletter blurbs), whatever its wording.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.clean.linerules import (
    RULE_REASONS,
    TERMINAL,
    UI_WORDS,
    is_prose,
    line_non_latin_share,
    non_latin_share,
    rule_reason,
    title_index,
    words,
)

_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w|\w@\w", re.IGNORECASE)
_SEPARATOR = re.compile(r"[|•·»›→]|\s/\s")
_BULLET = re.compile(r"^\s*(?:[-–—*•·>]|\d{1,2}[.)])\s")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
# The most frequent function words of English and of the other Latin-script languages news
# sites are often written in: running text is full of them, menus and labels are not.
_FUNCTION_WORDS = frozenset(
    "the a an of to in and or for on at by with from that this is was were are be been has have "
    "had it its as but not he she they we you his her their our said will would can could after "
    "about into than also who which when while there "
    "de la que el en y los se del las por un una para con no su al lo como pero sus le "
    "le les des et du est une pour dans sur pas qui il au "
    "der die und das den von zu mit sich des ist im dem nicht ein eine auf für als auch "
    "o os do da dos das em um uma com não se na no ao é di il che per non".split()
)
_TEXT_FEATURES = (
    "log_words", "words_le2", "words_le5", "words_ge12", "terminal", "ends_colon", "bullet",
    "separator", "title_case", "upper_case", "digit_share", "punct_share", "link_like",
    "function_words", "prose", "script_mismatch", "ends_ellipsis", "starts_interface",
) + tuple(f"rule_{reason}" for reason in RULE_REASONS)
_CONTEXT_FEATURES = (
    "rel_position", "before_title", "is_title", "before_prose", "after_prose", "prev_prose",
    "next_prose", "log_short_run", "repeated_in_doc", "later_repeat", "neighbour_prose",
    "in_main_block", "log_block_distance", "alternation", "in_tight_block", "in_strict_block",
)
_CORPUS_FEATURES = ("corpus_seen", "corpus_log_docs", "corpus_share")
_COPY_SHARE = 0.5
FEATURE_NAMES: tuple[str, ...] = _TEXT_FEATURES + _CONTEXT_FEATURES + _CORPUS_FEATURES


def line_key(line: str) -> str:
    """A line's identity for repetition: lower case, digits as 0, spacing collapsed."""
    return " ".join(_DIGIT.sub("0", line.lower()).split())


def _fingerprint(keys: Iterable[str]) -> str:
    """A short stable digest of a document's line keys (to know whether stats counted it)."""
    digest = hashlib.blake2b(digest_size=8)
    for key in keys:
        digest.update(key.encode("utf-8") + b"\n")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True, eq=False)
class LineStats:
    """Document frequencies of lines over a corpus (an outlet's documents, a crawl, a batch).

    Only lines found in two or more documents are stored; documents are remembered by a
    fingerprint so that a document counted in the corpus does not count itself as a repeat.
    """

    doc_freq: dict[str, int]
    n_docs: int
    documents: frozenset[str]

    @classmethod
    def from_corpus(cls, texts: Iterable[str]) -> LineStats:
        """Count, for each normalised line, the documents of ``texts`` that contain it."""
        counts: Counter[str] = Counter()
        prints: set[str] = set()
        n_docs = 0
        for text in texts:
            keys = [line_key(line) for line in text.splitlines() if line.strip()]
            counts.update(set(keys))
            prints.add(_fingerprint(keys))
            n_docs += 1
        repeated = {key: n for key, n in counts.items() if n > 1}
        return cls(repeated, n_docs, frozenset(prints))

    def other_documents(self, keys: Sequence[str]) -> tuple[list[int], int]:
        """For each line key of one document: how many *other* corpus documents contain it;
        and how many other documents the corpus has."""
        own = 1 if _fingerprint(keys) in self.documents else 0
        counts = [max(self.doc_freq.get(key, own) - own, 0) for key in keys]
        return counts, max(self.n_docs - own, 0)


def _function_share(found: Sequence[str]) -> float:
    return sum(1 for w in found if w.lower() in _FUNCTION_WORDS) / len(found) if found else 0.0


def _text_row(line: str, page_foreign: bool, page_function: float) -> list[float]:
    """Features of the line on its own; ``page_function`` is the page's function-word share,
    so that a page in a language the word list lacks is not taken for a page of menus."""
    found = words(line)
    n = len(found)
    stripped = line.strip()
    chars = max(len(stripped), 1)
    reason = rule_reason(line)
    if reason == "foreign_script" and page_foreign:
        reason = None  # on a page in another script, that script is the text's own
    row = [
        math.log1p(n), float(n <= 2), float(n <= 5), float(n >= 12),
        float(bool(TERMINAL.search(stripped))), float(stripped.endswith(":")),
        float(bool(_BULLET.match(stripped))),
        min(len(_SEPARATOR.findall(stripped)) / max(n, 1), 1.0),
        sum(1 for w in found if w[0].isupper()) / n if n else 0.0,
        sum(1 for w in found if w.isupper() and len(w) > 1) / n if n else 0.0,
        len(_DIGIT.findall(stripped)) / chars, len(_PUNCT.findall(stripped)) / chars,
        float(bool(_LINK.search(stripped))),
        _function_share(found) - page_function if n else 0.0,
        float(is_prose(line)),
        float((line_non_latin_share(line) > 0.5) != page_foreign and n > 0),
        float(stripped.endswith(("...", "…", ".."))),
        float(bool(UI_WORDS.search(" ".join(found[:3])))),
    ]
    return row + [float(reason == name) for name in RULE_REASONS]


def _short_runs(prose: Sequence[bool]) -> list[int]:
    """For each line, the length of the run of consecutive non-prose lines it belongs to."""
    runs = [0] * len(prose)
    start = 0
    for i in range(len(prose) + 1):
        if i == len(prose) or prose[i]:
            for j in range(start, i):
                runs[j] = i - start
            start = i + 1
    return runs


def _sentence_like(line: str) -> int:
    """Words of a line that reads as running text (6+ words and a sentence ending), else 0."""
    n = len(words(line))
    return n if n >= 6 and TERMINAL.search(line.strip()) else 0


def _neighbour_prose(weights: Sequence[int], radius: int = 3) -> list[float]:
    """For each line, the share of its neighbours (±radius lines) that are running text."""
    shares = []
    for i in range(len(weights)):
        near = [j for j in range(i - radius, i + radius + 1) if j != i and 0 <= j < len(weights)]
        shares.append(sum(1 for j in near if weights[j]) / len(near) if near else 0.0)
    return shares


def _alternation(weights: Sequence[int], radius: int = 4) -> list[float]:
    """For each line, how regularly short and running-text lines alternate around it: the
    rhythm of teaser lists (headline, summary, headline, summary), not of an article."""
    shape = [bool(w) for w in weights]
    flips = [i + 1 < len(shape) and shape[i] != shape[i + 1] for i in range(len(shape))]
    out = []
    for i in range(len(shape)):
        near = range(max(i - radius, 0), min(i + radius, len(shape) - 1))
        out.append(sum(1 for j in near if flips[j]) / len(near) if len(near) else 0.0)
    return out


def main_block(lines: Sequence[str], penalty: int = 4) -> tuple[int, int]:
    """The stretch of lines [start, end] densest in running text (maximum-sum segment where a
    sentence-like line scores its words and any other line costs ``penalty``); (0, -1) when
    the document has no running text."""
    best, best_span, total, start = 0, (0, -1), 0, 0
    for i, line in enumerate(lines):
        value = _sentence_like(line) or -penalty
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _block_rows(lines: Sequence[str]) -> list[list[float]]:
    weights = [_sentence_like(line) for line in lines]
    near = _neighbour_prose(weights)
    rhythm = _alternation(weights)
    start, end = main_block(lines)
    tight, strict = main_block(lines, 12), main_block(lines, 24)
    rows = []
    for i in range(len(lines)):
        distance = 0 if start <= i <= end else (start - i if i < start else i - end)
        rows.append([near[i], float(start <= i <= end), math.log1p(distance), rhythm[i],
                     float(tight[0] <= i <= tight[1]), float(strict[0] <= i <= strict[1])])
    return rows


def _context_rows(lines: Sequence[str], keys: Sequence[str]) -> list[list[float]]:
    prose = [is_prose(line) for line in lines]
    spans = [i for i, p in enumerate(prose) if p]
    first, last = (spans[0], spans[-1]) if spans else (len(lines), -1)
    title = title_index(list(lines))
    runs = _short_runs(prose)
    counts = Counter(keys)
    seen: set[str] = set()
    rows = []
    for i in range(len(lines)):
        rows.append([
            i / max(len(lines) - 1, 1), float(title is not None and i < title),
            float(i == title), float(i < first), float(i > last),
            float(i > 0 and prose[i - 1]), float(i + 1 < len(lines) and prose[i + 1]),
            math.log1p(runs[i]), float(counts[keys[i]] > 1), float(keys[i] in seen),
        ])
        seen.add(keys[i])
    return rows


def _corpus_rows(lines: Sequence[str], keys: Sequence[str], stats: LineStats | None
                 ) -> list[list[float]]:
    """Corpus features; all 0 without stats, and for a document most of whose running text
    recurs elsewhere in the corpus: that document is a copy (a syndicated story, an update),
    and what it shares with its twin is the article, not chrome."""
    if stats is None:
        return [[0.0, 0.0, 0.0] for _ in keys]
    others, n_other = stats.other_documents(keys)
    prose = [_sentence_like(line) for line in lines]
    shared = sum(n for n, k in zip(prose, others, strict=True) if k)
    if sum(prose) and shared >= _COPY_SHARE * sum(prose):
        return [[0.0, 0.0, 0.0] for _ in keys]
    return [[float(k > 0), math.log1p(k), k / n_other if n_other else 0.0] for k in others]


def line_features(lines: Sequence[str], stats: LineStats | None = None) -> list[list[float]]:
    """One row of :data:`FEATURE_NAMES` values per line of one document, in order.

    ``lines`` are the document's non-empty lines; ``stats`` the corpus the document belongs
    to (None: corpus features are 0, as for a line seen nowhere else).
    """
    keys = [line_key(line) for line in lines]
    page_foreign = non_latin_share(list(lines)) > 0.5
    page_function = _function_share([w for line in lines for w in words(line)])
    text = [_text_row(line, page_foreign, page_function) for line in lines]
    context = [a + b for a, b in zip(_context_rows(lines, keys), _block_rows(lines), strict=True)]
    corpus = _corpus_rows(lines, keys, stats)
    return [a + b + c for a, b, c in zip(text, context, corpus, strict=True)]

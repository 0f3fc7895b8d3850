"""Numeric features of the lines of one scraped document, for the keep/drop line classifier.

Each line becomes one row of :data:`FEATURE_NAMES` floats, built from things that carry from one
site to another rather than from any site's own lines:

* the line itself — length, sentence ending, case, digits, link-like tokens, function words,
  the shape of a headline, and the hand-written rules of :mod:`storyline.clean.linerules`
  (interface and legal vocabulary, credits, stamps) as 0/1 flags;
* its place in the document — relative position, before the headline, outside the stretch
  of prose, how far the nearest running text is above and below, the length of the run of
  short lines it sits in, whether and where it lies in the document's densest block of running
  text (:func:`main_block`), how regularly short and long lines alternate around it (the rhythm
  of teaser lists), and the form of the two lines either side;
* repetition — inside the document, and across a corpus through :class:`LineStats`: a line
  that recurs in other documents of the same outlet or crawl is chrome (menus, footers,
  newsletter blurbs), whatever its wording.

What a line says on its own is computed once per distinct line (:func:`_profile`, cached);
everything that depends on the document is computed over whole columns with numpy.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

import numpy as np

from storyline.clean.linerules import (
    DATED_COMMENT,
    RULE_REASONS,
    THREAD_HEADING,
    UI_WORDS,
    first_headline,
    is_headline,
    is_question_headline,
    line_facts,
    page_non_latin_share,
)

# _LINK, _COMMENT and _DATE run on the lower-cased line (faster than IGNORECASE in Python's
# re), _LINK only on a line that holds one of _LINK_HINTS.
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w|\w@\w")
_LINK_HINTS = ("://", "www.", "@", ".com", ".org", ".net", ".co.uk")
_SEPARATORS = "|•·»›→"  # and " / "
_BULLET = re.compile(r"^(?:[-–—*•·>]|\d{1,2}[.)])\s")
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]")
_INITIAL = itemgetter(0)
QUOTE = re.compile(r"[\"“”«»„]")
# The header of a reader comment ("jdoe says:", "12 Comments", "Reply"): a comment thread is
# running text that is not the article.
_COMMENT = re.compile(
    r"\b(?:says|said|wrote|writes|commented(?: on)?|replied)\s*:?$|"
    r"^\W*(?:reply|report|\d+\s+(?:comments?|responses?|replies|thoughts)|"
    r"(?:top rated |all |show |view )?comments|leave a (?:reply|comment)|"
    r"join the (?:discussion|conversation))\b"
)
# The end of a reader comment's header that names its date ("Ann on May 2, 2018 at 10:07 am
# said:"), however long the name; with its colon, since a paragraph whose full stop a scraper
# lost can end "..., officials said on Monday" too.
_SAID = ("said:", "says:", "wrote:")
# The vocabulary of a site's own notices, anywhere in a line however long: newsletters, cookie
# and consent notices, follow-us and sign-up prompts (on the benchmark: "newsletter" 254 chrome
# lines to 1 article line, "cookie" 98 to 1, "consent" and "I agree" 42 to 0). "Privacy" and
# "advertising" alone are a story's words as often as a notice's: only "privacy policy" and
# the like count.
_CHROME_WORDS = re.compile(
    r"\bnewsletters?\b|\bcookies?\b|\bconsent\b|\bunsubscribe\b|\bfollow (?:us|him|her)\b|"
    r"^i (?:agree|consent|accept)\b|\bby (?:clicking|signing up|subscribing|submitting)\b|"
    r"\bsign up\b|\bsubscribe\b|\bprivacy (?:policy|notice|settings)\b|\bad choices\b")
_CHROME_HINTS = ("newsletter", "cookie", "consent", "subscribe", "follow ", "i agree", "i accept",
                 "by clicking", "by signing", "by submitting", "sign up", "privacy ", "ad choices")


def _notice_words(lowered: str) -> int:
    """How many words of a site notice's vocabulary a lower-cased line holds."""
    if not any(hint in lowered for hint in _CHROME_HINTS):
        return 0
    return len(_CHROME_WORDS.findall(lowered))


def is_notice(line: str) -> bool:
    """Whether a line uses a site notice's vocabulary (newsletter, cookies, consent, ...)."""
    return _profile(line).values[_CHROME_COLUMN] > 0
# A sentence boundary inside the line: running text has several, a teaser or caption one.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z0-9\u0400-\u04ff]")
# Dates and clock times: bylines, stamps and comment headers carry them, paragraphs rarely
# consist of them.
_DATE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
)
_DAY_WORDS = frozenset({"ago", "yesterday", "today"})
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
# Articles and auxiliaries: a sentence has them; headlinese ("Minister says talks to resume")
# leaves them out, which tells a related-story headline from a body sentence missing its stop.
_SENTENCE_GLUE = frozenset(
    "a an the is are was were be been has have had do does did "
    "le la les un une des el los las una der die das ein eine".split()
)
_OWN_FEATURES = (
    "log_words", "log_chars", "word_length", "terminal", "ends_colon", "ends_ellipsis",
    "ends_comma", "bullet", "separator", "title_case", "upper_case", "starts_lower",
    "starts_digit", "digit_share", "punct_share", "quote", "link_like", "date_like",
    "sentences", "prose", "headline_like", "headlinese", "starts_interface", "comment_marker",
    "chrome_words",
)
_CHROME_COLUMN = _OWN_FEATURES.index("chrome_words")
_TEXT_FEATURES = _OWN_FEATURES + ("function_words", "script_mismatch") + tuple(
    f"rule_{reason}" for reason in RULE_REASONS)
# The form of the lines around a line, two either side (-1 beyond the document's ends).
_NEIGHBOUR_COLUMNS = ("log_words", "terminal", "title_case", "sentence", "function_words")
_NEIGHBOURS = (-2, -1, 1, 2)
# ... and for the line just before and after, the marks of bylines, stamps, headings and
# comment headers.
_NEAR_COLUMNS = ("date_like", "ends_colon", "headline_like", "headlinese", "comment_marker",
                 "rule_photo_credit", "rule_caption")
# The texture of the stretch around a line: means over ±5, ±10 and ±20 lines.
_WINDOW_COLUMNS = ("log_words", "prose", "terminal", "function_words")
_RADII = (5, 10, 20)
_CONTEXT_FEATURES = (
    "rel_position", "log_lines", "prose_share", "before_title", "is_title", "title_overlap",
    "before_prose", "after_prose", "log_prose_above", "log_prose_below", "log_short_run",
    "repeated_in_doc", "later_repeat", "neighbour_prose", "in_main_block", "log_block_distance",
    "block_position", "alternation", "in_tight_block", "in_strict_block", "body_overlap",
    "log_body_shared", "in_loose_block", "log_stamps_above", "log_comment_marks_above",
) + tuple(f"{name}_{'prev' if k < 0 else 'next'}{abs(k)}"
          for k in _NEIGHBOURS for name in _NEIGHBOUR_COLUMNS) + tuple(
    f"{name}_{side}" for side in ("prev1", "next1") for name in _NEAR_COLUMNS) + tuple(
    f"{name}_mean{radius}" for radius in _RADII for name in _WINDOW_COLUMNS) + (
    "repeated_mean5", "repeated_mean10", "log_copy_gap", "same_shape3", "log_shape_gap")
_CORPUS_FEATURES = ("corpus_seen", "corpus_log_docs", "corpus_share")
_COPY_SHARE = 0.5
_MIN_TITLE_WORDS = 4  # a shorter "headline" (a section name, a site name) is no story's title
_FAR = 50  # distances are capped here (lines)
FEATURE_NAMES: tuple[str, ...] = _TEXT_FEATURES + _CONTEXT_FEATURES + _CORPUS_FEATURES


def line_key(line: str) -> str:
    """A line's identity for repetition: lower case, digits as 0, spacing collapsed."""
    if len(line) <= _CACHED_KEY_CHARS:
        return _cached_key(line)
    return _key(line)


# The HTML repairs and the line merge ask for the keys of a page's lines again and again (about
# 400 times a page): a line of a paragraph's length or less is worked out once. Longer ones are
# not kept (a scraper's one-line document can be megabytes).
_CACHED_KEY_CHARS = 2000


def _key(line: str) -> str:
    return " ".join(_DIGIT.sub("0", line.lower()).split())


_cached_key = lru_cache(maxsize=4096)(_key)


def _fingerprint(keys: Iterable[str]) -> str:
    """A short stable digest of a document's line keys (to know whether stats counted it)."""
    digest = hashlib.blake2b(digest_size=8)
    for key in keys:
        digest.update(key.encode("utf-8") + b"\n")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True, eq=False)
class LineStats:
    """Document frequencies of lines over a corpus (an outlet's documents, a crawl, a batch),
    and the documents' headlines.

    Only lines found in two or more documents are stored; documents are remembered by a
    fingerprint so that a document counted in the corpus does not count itself as a repeat,
    nor its own headline as another document's.
    """

    doc_freq: dict[str, int]
    n_docs: int
    documents: frozenset[str]
    titles: dict[str, int] = field(default_factory=dict)  # headline key -> documents
    # fingerprint -> its headline keys (several when identical texts carry different titles)
    own_title: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_corpus(cls, texts: Iterable[str],
                    titles: Iterable[str | None] | None = None) -> LineStats:
        """Count, for each normalised line, the documents of ``texts`` that contain it; and
        each document's headline: its entry in ``titles`` (a record's title field; one per
        text, ValueError otherwise), else the headline line of its text
        (:func:`title_index`)."""
        counts: Counter[str] = Counter()
        headlines: Counter[str] = Counter()
        own: dict[str, set[str]] = {}
        prints: set[str] = set()
        n_docs = 0
        pairs = (zip(texts, titles, strict=True) if titles is not None
                 else ((text, None) for text in texts))
        for text, title in pairs:
            lines = [line for line in text.splitlines() if line.strip()]
            keys = [line_key(line) for line in lines]
            counts.update(set(keys))
            fingerprint = _fingerprint(keys)
            prints.add(fingerprint)
            if not title:
                at = title_index(lines)
                title = lines[at] if at is not None else None
            if title and len(title.split()) >= _MIN_TITLE_WORDS:
                own.setdefault(fingerprint, set()).add(line_key(title))
                headlines[line_key(title)] += 1
            n_docs += 1
        repeated = {key: n for key, n in counts.items() if n > 1}
        frozen = {fingerprint: frozenset(keys) for fingerprint, keys in own.items()}
        return cls(repeated, n_docs, frozenset(prints), dict(headlines), frozen)

    def other_documents(self, keys: Sequence[str]) -> tuple[list[int], int]:
        """For each line key of one document: how many *other* corpus documents contain it;
        and how many other documents the corpus has."""
        own = 1 if _fingerprint(keys) in self.documents else 0
        counts = [max(self.doc_freq.get(key, own) - own, 0) for key in keys]
        return counts, max(self.n_docs - own, 0)

    def other_titles(self, keys: Sequence[str]) -> list[int]:
        """For each line key of one document: how many *other* corpus documents have it as
        their headline."""
        mine = self.own_title.get(_fingerprint(keys), frozenset())
        return [self.titles.get(key, 0) - (key in mine) for key in keys]


@dataclass(frozen=True, slots=True)
class _Profile:
    """What one line says on its own, whatever document it is in."""

    values: tuple[float, ...]  # the _OWN_FEATURES
    n_words: int
    function_count: int
    foreign: bool  # mostly outside the Latin script
    rule: int  # the index in RULE_REASONS of its rule_reason, -1 for none
    sentence: int  # its words when it reads as running text (6+ words, sentence ending), else 0
    key: str  # line_key
    vocabulary: frozenset[str]  # its words, lower case
    content: frozenset[str]  # its words of three letters or more that are not function words
    shape: str  # _shape


_SHAPE_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_SHAPE_CHARS = 200  # a list's row is short; the form of a paragraph's tail says nothing more


def _shape(line: str) -> str:
    """A line's form with its words blanked: a capitalised word A, a lower-case one a, a
    number 0, a sign as itself, runs of one kind collapsed ("June 9 -- Coral Sky Arena, Tampa,
    FL" is "A 0 - - A , A , A"); of its first ``_SHAPE_CHARS`` characters."""
    out: list[str] = []
    for token in _SHAPE_TOKEN.findall(line[:_SHAPE_CHARS]):
        kind = ("0" if token[0].isdigit() else "A" if token[0].isupper() else "a"
                if token[0].isalpha() else token)
        if not out or out[-1] != kind:
            out.append(kind)
    return " ".join(out)


@lru_cache(maxsize=16384)
def _profile(line: str) -> _Profile:
    facts = line_facts(line)
    stripped, found, terminal = facts.stripped, facts.words, facts.terminal
    lowered_line = facts.identity
    n = len(found)
    chars = max(len(stripped), 1)
    lowered = list(map(str.lower, found))
    vocabulary = frozenset(lowered)
    capitals = sum(map(str.isupper, map(_INITIAL, found)))
    digits = _DIGIT.subn("", stripped)[1]
    opening = _ALNUM.search(stripped)
    first = opening.group() if opening else ""
    # Headline shape: a few words, mostly capitalised or sentence case, no sentence ending.
    headline = 5 <= n <= 15 and not terminal and first.isupper() and not stripped.endswith(":")
    # Cheap substring and length tests decide whether the slower patterns need to run at all.
    link = any(hint in lowered_line for hint in _LINK_HINTS) and bool(_LINK.search(lowered_line))
    # Dates matter on short lines (bylines, stamps, comment headers), not inside paragraphs.
    date = n <= 20 and (bool(digits and _DATE.search(lowered_line))
                        or not _DAY_WORDS.isdisjoint(vocabulary))
    letters = sum(map(len, found))
    values = (
        math.log1p(n), math.log1p(len(stripped)),
        letters / n if n else 0.0,
        float(terminal), float(stripped.endswith(":")),
        float(stripped.endswith(("...", "…", ".."))), float(stripped.endswith((",", "-", "–"))),
        float(bool(_BULLET.match(stripped))),
        min((sum(map(stripped.count, _SEPARATORS)) + stripped.count(" / ")) / max(n, 1), 1.0),
        capitals / n if n else 0.0,
        sum(map(str.isupper, found)) / n if n else 0.0,
        float(first.islower()), float(first.isdigit()),
        digits / chars, (len(stripped) - letters - digits - stripped.count(" ")) / chars,
        float(bool(QUOTE.search(stripped))), float(link), float(date),
        float(len(SENTENCE_BREAK.findall(stripped))),
        float(n >= 12 and terminal), float(headline),
        float(headline and _SENTENCE_GLUE.isdisjoint(vocabulary)),
        float(bool(UI_WORDS.search(" ".join(found[:3])))),
        float((n <= 8 and bool(_COMMENT.search(lowered_line)))
              or (lowered_line.endswith(_SAID) and bool(_DATE.search(lowered_line)))
              or bool(THREAD_HEADING.match(lowered_line) or DATED_COMMENT.search(lowered_line))),
        float(_notice_words(lowered_line)),
    )
    key = _DIGIT.sub("0", facts.identity) if digits else facts.identity
    rule = RULE_REASONS.index(facts.reason) if facts.reason else -1
    content = frozenset(w for w in vocabulary if len(w) > 2 and w not in _FUNCTION_WORDS)
    return _Profile(values, n, sum(map(_FUNCTION_WORDS.__contains__, lowered)), facts.foreign,
                    rule, n if n >= 6 and terminal else 0, key, vocabulary, content,
                    _shape(line))


_FOREIGN_RULE = RULE_REASONS.index("foreign_script")


def _text_columns(profiles: Sequence[_Profile], page_foreign: bool) -> np.ndarray:
    """The _TEXT_FEATURES of every line: its own form, plus what depends on the page —
    function words against the page's share (a page in a language the word list lacks is not
    a page of menus), a script unlike the page's, and the rules (on a page in another script,
    that script is the text's own)."""
    own = np.array([p.values for p in profiles], dtype=float).reshape(len(profiles), -1)
    counts = np.array([(p.n_words, p.function_count, p.foreign, p.rule) for p in profiles],
                      dtype=float).reshape(len(profiles), 4)
    n, function, foreign, rule = counts.T
    words = n.sum()
    page_function = function.sum() / words if words else 0.0
    relative = np.divide(function, n, out=np.zeros_like(n), where=n > 0) - page_function
    relative[n == 0] = 0.0
    mismatch = ((foreign > 0) != page_foreign) & (n > 0)
    if page_foreign:
        rule[rule == _FOREIGN_RULE] = -1
    flags = rule[:, None] == np.arange(len(RULE_REASONS))
    return np.hstack([own, relative[:, None], mismatch[:, None], flags])


def _short_runs(prose: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of consecutive non-prose lines it belongs to."""
    run = np.cumsum(prose)  # lines of one run share the count of prose lines before them
    lengths = np.bincount(run[~prose], minlength=run[-1] + 1 if len(run) else 1)
    return np.where(prose, 0, lengths[run]).astype(float)


def _distances(marked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each line, how many lines up and down the nearest marked line is (capped)."""
    index = np.arange(len(marked))
    at = np.where(marked, index, -_FAR)
    above = index - np.maximum.accumulate(np.concatenate([[-_FAR], at[:-1]]))
    at = np.where(marked, index, len(marked) + _FAR)
    below = np.minimum.accumulate(np.concatenate([at[1:], [len(marked) + _FAR]])[::-1])[::-1]
    return np.minimum(above, _FAR), np.minimum(below - index, _FAR)


def _window_share(marked: np.ndarray, radius: int = 3) -> np.ndarray:
    """For each line, the share of its neighbours (±radius lines) that are marked."""
    n = len(marked)
    total = np.concatenate([[0.0], np.cumsum(marked, dtype=float)])
    index = np.arange(n)
    lo, hi = np.maximum(index - radius, 0), np.minimum(index + radius + 1, n)
    count = hi - lo - 1
    inside = total[hi] - total[lo] - marked
    return np.divide(inside, count, out=np.zeros(n), where=count > 0)


def _window_means(values: np.ndarray, radii: Sequence[int]) -> np.ndarray:
    """For each row, the mean of each column of ``values`` over ±radius rows, for each radius
    (radius-major columns)."""
    n, width = values.shape
    total = np.vstack([np.zeros((1, width)), np.cumsum(values, axis=0)])
    index = np.arange(n)
    lo = np.concatenate([np.maximum(index - r, 0) for r in radii])
    hi = np.concatenate([np.minimum(index + r + 1, n) for r in radii])
    means = (total[hi] - total[lo]) / (hi - lo)[:, None]
    return means.reshape(len(radii), n, width).transpose(1, 0, 2).reshape(n, -1)


def _shifted(values: np.ndarray, offsets: Sequence[int]) -> list[np.ndarray]:
    """``values`` moved by each offset (row i gets row i + k), -1 beyond the ends."""
    pad = max(abs(k) for k in offsets)
    padded = np.vstack([np.full((pad, values.shape[1]), -1.0), values,
                        np.full((pad, values.shape[1]), -1.0)])
    return [padded[pad + k: pad + k + len(values)] for k in offsets]


def _alternation(sentence: np.ndarray, radius: int = 4) -> np.ndarray:
    """For each line, how regularly short and running-text lines alternate around it: the
    rhythm of teaser lists (headline, summary, headline, summary), not of an article."""
    n = len(sentence)
    flips = np.zeros(n)
    flips[:-1] = sentence[:-1] != sentence[1:]
    total = np.concatenate([[0.0], np.cumsum(flips)])
    index = np.arange(n)
    lo, hi = np.maximum(index - radius, 0), np.minimum(index + radius, n - 1)
    count = hi - lo
    return np.divide(total[np.maximum(hi, lo)] - total[lo], count, out=np.zeros(n),
                     where=count > 0)


def max_sum_stretch(values: np.ndarray) -> tuple[int, int]:
    """The stretch [start, end] of ``values`` with the largest sum (Kadane's scan); of equal
    stretches the one that ends first, and of those the shortest; (0, -1) when no stretch sums
    above 0."""
    if not len(values):
        return 0, -1
    total = np.concatenate([[0], np.cumsum(values)])
    lowest = np.minimum.accumulate(total[:-1])
    gain = total[1:] - lowest
    end = int(np.argmax(gain))
    if gain[end] <= 0:
        return 0, -1
    return int(np.flatnonzero(total[:end + 1] == lowest[end])[-1]), end


def _densest(weights: Sequence[int], penalties: Sequence[int]) -> list[tuple[int, int]]:
    """For each penalty, the maximum-sum stretch [start, end] of lines where a line scores its
    weight, or minus the penalty when its weight is 0 (:func:`max_sum_stretch`)."""
    weight = np.asarray(weights, dtype=np.int64)
    return [max_sum_stretch(np.where(weight > 0, weight, -penalty)) for penalty in penalties]


# A headline is looked for this many lines above the article's running text, and must share
# this share of its content words (two at least) with it.
_TITLE_REACH = 40
_TITLE_SHARE = 0.3
_TITLE_INSIDE = 6


def title_index(lines: Sequence[str]) -> int | None:
    """The headline's position: of the headline-like lines (no rule's chrome) in the
    ``_TITLE_REACH`` lines above the densest stretch of running text (:func:`main_block`), the
    one whose content words the stretch's sentences use most — a headline says what its article
    says, a menu, a section name or a skip link does not — preferring a headline's usual length
    (5–15 words) and, of equals, the first; without such a line, the first headline-like line
    before any prose near the top (:func:`~storyline.clean.linerules.first_headline`).

    On the benchmark pages rendered whole (``scripts/build_line_labels.py``) this finds the
    page's own ``og:title`` or ``<h1>`` (fuzzy ratio 80 or more) on 121 of 181 pages, where
    the first headline-like line does on 17."""
    return _title_index(tuple(lines))


# The features and the settled verdicts both ask for a document's headline: the last few answers
# are kept.
@lru_cache(maxsize=8)
def _title_index(lines: tuple[str, ...]) -> int | None:
    profiles = [_profile(line) for line in lines]
    start, end = main_block(lines)
    best: tuple[bool, float] | None = None
    at = None
    if end >= 0:
        body: set[str] = set()
        for profile in profiles[start:end + 1]:
            if profile.sentence:
                body.update(profile.content)
        # above the stretch; else in its first lines, before its first sentence that says what
        # the article says (a cookie notice or a site's blurb may open the stretch)
        opening = next((i for i in range(start, end + 1) if profiles[i].sentence
                        and len(profiles[i].content & body) >= 2 and i > start), start)
        for reach in (range(max(0, start - _TITLE_REACH), start),
                      range(start, min(opening, start + _TITLE_INSIDE))):
            for i in reach:
                content = profiles[i].content
                if len(content) < 2 or profiles[i].rule >= 0 or not (
                        is_headline(lines[i]) or is_question_headline(lines[i])):
                    continue
                shared = len(content & body)
                key = (5 <= profiles[i].n_words <= 15, shared / len(content))
                if shared >= 2 and key[1] >= _TITLE_SHARE and (best is None or key > best):
                    best, at = key, i
            if at is not None:
                break
    return at if at is not None else first_headline(list(lines))


def main_block(lines: Sequence[str], penalty: int = 4) -> tuple[int, int]:
    """The stretch of lines [start, end] densest in running text (maximum-sum segment where a
    sentence-like line scores its words and any other line costs ``penalty``); (0, -1) when
    the document has no running text."""
    return _densest([_profile(line).sentence for line in lines], [penalty])[0]


def _block_columns(sentence: Sequence[int]) -> list[np.ndarray]:
    index = np.arange(len(sentence))
    (start, end), tight, strict, loose = _densest(sentence, (4, 12, 24, 1))
    inside = (index >= start) & (index <= end)
    distance = np.where(index < start, start - index, np.maximum(index - end, 0))
    position = np.where(inside, (index - start) / max(end - start, 1), -1.0)
    return [inside, np.log1p(distance), position,
            (index >= tight[0]) & (index <= tight[1]), (index >= strict[0]) & (index <= strict[1]),
            (index >= loose[0]) & (index <= loose[1])]


_AT = {name: i for i, name in enumerate(_TEXT_FEATURES)}
_AROUND = [_AT.get(name, 0) for name in _NEIGHBOUR_COLUMNS]  # "sentence" is filled in
_MARKS = [_AT[name] for name in _NEAR_COLUMNS]
_TEXTURE = [_AT[name] for name in _WINDOW_COLUMNS]


def _body_overlap(profiles: Sequence[_Profile], body: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each line, the share of its content words that the article's running text (the
    ``body`` lines, the line itself left out) also uses, and how many such words it has: a
    table cell, a list item or a subhead names what the article talks about; a menu, a
    newsletter blurb or a footer does not."""
    counts: Counter[str] = Counter()
    for profile, inside in zip(profiles, body.tolist(), strict=True):
        if inside:
            counts.update(profile.content)
    share, shared = np.zeros(len(profiles)), np.zeros(len(profiles))
    for i, (profile, inside) in enumerate(zip(profiles, body.tolist(), strict=True)):
        if profile.content:
            own = 1 if inside else 0
            found = sum(counts[w] > own for w in profile.content)
            share[i], shared[i] = found / len(profile.content), found
    return share, np.log1p(shared)


def _above(flags: np.ndarray) -> np.ndarray:
    """For each line, how many lines above it carry ``flags``: a comment thread is a run of
    stamped headers ("jdoe", "August 8, 2018 at 3:17 pm") that an article above it lacks."""
    return np.concatenate([[0.0], np.cumsum(flags > 0)[:-1]]) if len(flags) else flags


def _same_shape(shapes: Sequence[str], radius: int = 3) -> np.ndarray:
    """For each line: the share of the lines within ±radius that have its shape, and (log)
    how far the nearest other line of its shape is: the items of a list or the rows of a
    table share one form."""
    n = len(shapes)
    codes: dict[str, int] = {}
    ids = np.array([codes.setdefault(shape, len(codes)) for shape in shapes])
    same = np.zeros(n)
    for k in range(1, min(radius, n - 1) + 1):
        match = ids[k:] == ids[:-k]
        same[k:] += match
        same[:n - k] += match
    index = np.arange(n)
    others = np.minimum(index + radius, n - 1) - np.maximum(index - radius, 0)
    share = np.divide(same, others, out=np.zeros(n), where=others > 0)
    return np.column_stack([share, np.log1p(_copy_gaps(shapes))])


def _copy_gaps(keys: Sequence[str]) -> np.ndarray:
    """For each line, how many lines away the nearest other copy of it is (capped at _FAR;
    _FAR for a line the document holds once): a product card's "Buy Now" or a table's header
    row recurs at the list's period, a footer repeats the header's menu far away."""
    last: dict[str, int] = {}
    gap = np.full(len(keys), float(_FAR))
    for i, key in enumerate(keys):
        if key in last:
            d = min(i - last[key], _FAR)
            gap[i] = min(gap[i], d)
            gap[last[key]] = min(gap[last[key]], d)
        last[key] = i
    return gap


def _repeats(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each line: does the document hold it more than once; has it been seen above."""
    counts = Counter(keys)
    seen: set[str] = set()
    later = np.zeros(len(keys), dtype=bool)
    for i, key in enumerate(keys):
        later[i] = key in seen
        seen.add(key)
    return np.array([counts[k] > 1 for k in keys], dtype=bool), later


def _context_columns(lines: Sequence[str], profiles: Sequence[_Profile],
                     text: np.ndarray) -> np.ndarray:
    n = len(lines)
    index = np.arange(n)
    prose = text[:, _AT["prose"]] > 0
    sentence_words = [p.sentence for p in profiles]
    sentence = np.array(sentence_words, dtype=bool)
    spans = np.flatnonzero(prose)
    first, last = (spans[0], spans[-1]) if len(spans) else (n, -1)
    title = title_index(list(lines))
    overlap = np.zeros(n)
    if title is not None:
        heading = profiles[title].vocabulary
        overlap[:] = [len(p.vocabulary & heading) / len(p.vocabulary) if p.vocabulary else 0.0
                      for p in profiles]
    repeated, later = _repeats([p.key for p in profiles])
    above, below = _distances(prose)
    block = _block_columns(sentence_words)
    body = sentence & block[0]
    body_share, body_shared = _body_overlap(profiles, body if body.any() else sentence)
    at = title if title is not None else -1
    columns = np.column_stack([
        index / max(n - 1, 1), np.full(n, math.log1p(n)), np.full(n, prose.mean()),
        index < at, index == at, overlap, index < first, index > last, np.log1p(above),
        np.log1p(below), np.log1p(_short_runs(prose)), repeated, later,
        _window_share(sentence), block[0], block[1], block[2], _alternation(sentence),
        block[3], block[4], body_share, body_shared, block[5],
        np.log1p(_above(text[:, _AT["date_like"]])), np.log1p(_above(text[:, _AT["comment_marker"]])),
    ]).astype(float)
    around = text[:, _AROUND + _MARKS]
    around[:, _NEIGHBOUR_COLUMNS.index("sentence")] = sentence
    shifted = _shifted(around, _NEIGHBOURS)
    width = len(_NEIGHBOUR_COLUMNS)
    return np.hstack([columns, *(part[:, :width] for part in shifted),
                      shifted[1][:, width:], shifted[2][:, width:],
                      _window_means(text[:, _TEXTURE], _RADII),
                      _window_means(repeated[:, None].astype(float), (5, 10)),
                      np.log1p(_copy_gaps([p.key for p in profiles]))[:, None],
                      _same_shape([p.shape for p in profiles])])


def _corpus_columns(profiles: Sequence[_Profile], stats: LineStats | None) -> np.ndarray:
    """Corpus features; all 0 without stats, and for a document most of whose running text
    recurs elsewhere in the corpus: that document is a copy (a syndicated story, an update),
    and what it shares with its twin is the article, not chrome."""
    zeros = np.zeros((len(profiles), len(_CORPUS_FEATURES)))
    if stats is None:
        return zeros
    others, n_other = stats.other_documents([p.key for p in profiles])
    seen = np.array(others, dtype=float)
    prose = np.array([p.sentence for p in profiles], dtype=float)
    if prose.sum() and prose[seen > 0].sum() >= _COPY_SHARE * prose.sum():
        return zeros
    share = seen / n_other if n_other else np.zeros_like(seen)
    return np.column_stack([seen > 0, np.log1p(seen), share]).astype(float)


def line_features(lines: Sequence[str], stats: LineStats | None = None) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` values per line of one document, in order.

    ``lines`` are the document's non-empty lines; ``stats`` the corpus the document belongs
    to (None: corpus features are 0, as for a line seen nowhere else).
    """
    if not lines:
        return np.zeros((0, len(FEATURE_NAMES)))
    profiles = [_profile(line) for line in lines]
    text = _text_columns(profiles, page_non_latin_share(lines) > 0.5)
    return np.hstack([text, _context_columns(lines, profiles, text),
                      _corpus_columns(profiles, stats)])

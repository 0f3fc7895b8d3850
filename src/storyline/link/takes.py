"""First takes: a wire service's short first story, linked to the full story it became (see
:mod:`storyline.link`, whose constants these are).

A take is a short document (``FIRST_TAKE_SHINGLES`` shingles or fewer). It is linked to a
document of its outlet at least twice its size, published on its day or up to
``FIRST_TAKE_DAYS`` days later (either date unknown: any), that holds ``FIRST_TAKE_CONTAINED``
of its shingles and at least ``FIRST_TAKE_LEDE`` of its lede's, or of whose own lede the take
holds that much: a take reports its news in its first sentence, which the full story retells,
or under a quote or a headline line in its second, which is the full story's lede. A brief
whose own news is in no later story and whose other sentences are the background the wire
reuses under every story of the dispute holds most of its shingles in the next one and is
another story all the same.

A take that another outlet reprinted, a line longer the same day, may have that copy as its
group's canonical: the group is then the take, and its canonical is linked."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

FIRST_TAKE_SHINGLES = 100
FIRST_TAKE_CONTAINED = 0.8
FIRST_TAKE_LEDE = 0.5
FIRST_TAKE_DAYS = 2
LEDE_WORDS = 10  # sentences are read into the lede until it has this many words
_WORD = re.compile(r"\w+")
# A sentence ends at . ! or ? (closing quotes or brackets after it) and a space, or a line end.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+|\n+")

Row = tuple[str, str, str | None, date | None]
Link = tuple[str, str, str, float]


def word_shingles(words: list[str], shingle: int = 5) -> set[str]:
    """The shingles of these (lower-case) words."""
    return {" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))}


def lede_shingles(text: str) -> set[str]:
    """The shingles of the text's lede: its first sentence, the next ones added while it has
    fewer than ``LEDE_WORDS`` words (a "URGENT" line, an abbreviation's full stop)."""
    words: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        words += _WORD.findall(sentence.lower())
        if len(words) >= LEDE_WORDS:
            break
    return word_shingles(words)


def first_take_links(rows: list[Row], short: dict[str, set[str]], sizes: dict[str, int],
                     canonical_of: dict[str, str]) -> list[Link]:
    """``first_take`` links (see the module docstring): ``rows`` are (doc_id, text, outlet,
    published) in canonical order, ``short`` the shingles of the short documents, ``sizes``
    every document's shingle count, ``canonical_of`` the near-duplicate links made. Each
    group (a canonical and the documents linked to it) gets one link, from its canonical, to
    the target the best of its short members found (of equal shares, the first).

    The documents that hold a take's shingles are found through an index of the shingles the
    outlet's takes have (which documents hold each): the work grows with what the takes share
    with other documents, not with takes × documents."""
    outlet_of = {doc_id: outlet for doc_id, _, outlet, _ in rows if outlet}
    takes = {doc_id: grams for doc_id, grams in short.items() if doc_id in outlet_of
             and canonical_of.get(doc_id, doc_id) in short}
    holders = _holders(rows, takes, outlet_of, sizes)
    best: dict[str, tuple[str, float]] = {}  # group canonical → (target, share)
    for doc_id, text, outlet, published in rows:
        if doc_id not in takes or outlet is None:
            continue
        group = canonical_of.get(doc_id, doc_id)
        found = _target(rows, doc_id, takes[doc_id], lede_shingles(text) & takes[doc_id],
                        holders, outlet, published, sizes, canonical_of)
        if found and sizes[found[0]] >= 2 * sizes[group] and (
                group not in best or found[1] > best[group][1]):
            best[group] = found
    return [(group, canonical_of.get(target, target), "first_take", round(share, 4))
            for group, (target, share) in best.items()]


def _holders(rows: list[Row], takes: dict[str, set[str]], outlet_of: dict[str, str],
             sizes: dict[str, int]) -> dict[tuple[str, str], list[int]]:
    """For each (outlet, shingle of one of its takes), the rows of that outlet (large enough
    to be a take's full story) that hold it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for doc_id, grams in takes.items():
        wanted[outlet_of[doc_id]] |= grams
    smallest = min((len(grams) for grams in takes.values()), default=0)
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (doc_id, text, outlet, _) in enumerate(rows):
        if outlet and outlet in wanted and sizes[doc_id] >= 2 * smallest:
            for gram in word_shingles(_WORD.findall(text.lower())) & wanted[outlet]:
                holders[outlet, gram].append(i)
    return holders


def _target(rows: list[Row], doc_id: str, take: set[str], lede: set[str],
            holders: dict[tuple[str, str], list[int]], outlet: str, published: date | None,
            sizes: dict[str, int], canonical_of: dict[str, str]) -> tuple[str, float] | None:
    """The document this take is a first take of, with the share of the take it holds."""
    held = Counter(i for gram in take for i in holders.get((outlet, gram), ()))
    lede_held = Counter(i for gram in lede for i in holders.get((outlet, gram), ()))
    group = canonical_of.get(doc_id, doc_id)
    best, best_share = None, FIRST_TAKE_CONTAINED
    for i in sorted(held):  # in canonical order: of equal shares, the first
        other, _, _, other_published = rows[i]
        share = held[i] / len(take)
        if share < best_share or sizes[other] < 2 * len(take) or (
                canonical_of.get(other, other) == group) or (
                published and other_published
                and not 0 <= (other_published - published).days <= FIRST_TAKE_DAYS) or not (
                lede_held[i] >= FIRST_TAKE_LEDE * len(lede) or _holds_lede(take, rows[i][1])):
            continue
        if share > best_share or best is None:
            best, best_share = other, share
    return (best, best_share) if best is not None else None


def _holds_lede(take: set[str], story: str) -> bool:
    """Whether the take holds ``FIRST_TAKE_LEDE`` of the story's lede: a take under a quote or
    a headline line ("URGENT - Fire at port warehouse, smoke over homes") reports the story's
    news in its next sentence."""
    lede = lede_shingles(story)
    return len(lede & take) >= FIRST_TAKE_LEDE * len(lede)


__all__ = ["FIRST_TAKE_CONTAINED", "FIRST_TAKE_DAYS", "FIRST_TAKE_LEDE", "FIRST_TAKE_SHINGLES",
           "first_take_links", "lede_shingles", "word_shingles"]

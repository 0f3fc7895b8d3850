"""Link: documents that are the same article (exact or near-duplicate reprints).

Entry point: :func:`link_documents`; it also applies corpus-level actor knowledge to events
(:mod:`storyline.link.actors`). Near-duplicates are found with datasketch MinHash LSH over
word 5-shingles (LSH proposes pairs at a lower threshold, the MinHash estimate of each pair
decides: measured by ``storyline eval dedup``). Two texts are one article when their Jaccard
resemblance reaches the threshold, or when one is another edition of the other: nearly all
(``CONTAINED``, 90 %) of the shorter one's shingles are in the longer one, and the shorter
holds at least half of the longer (Jaccard ``EDITION_FLOOR``, 0.5) — a trimmed edition that
lost its last paragraphs, an update that gained some. An update that also rewrote its lede is
linked less often (78 % of them in ``storyline eval dedup``; 80 % would link 93 %): by its
words it is a new story over the same background paragraphs, which wire services reuse under
other stories, and 80 % linked two such stories (an air strike and a boycott threat over four
shared paragraphs), so the threshold stays. A brief quoted in a long roundup stays
apart (under half of it). Each group keeps one canonical document (earliest publication
date, then the longest text) and links the others to it; each linked document is one article
with its canonical by this test, not only through others.

A wire service's first take — "URGENT", "FLASH", a two-sentence story filed at once and
rewritten into the full story within the hour — is too short to be an edition of the full
story by those numbers (it holds a tenth of it), yet it reports the same facts, and counting
both counts every event twice. A short document (``FIRST_TAKE_SHINGLES`` shingles or fewer,
about a hundred words) is linked as ``first_take`` to a longer document (twice its shingles or
more) of the same outlet, published on its day or up to ``FIRST_TAKE_DAYS`` days after it
(either date unknown: any), that holds ``FIRST_TAKE_CONTAINED`` (80 %) or more of its
shingles — to that document's canonical. Only within one outlet: a brief another outlet
quotes in a roundup is that outlet's story, and stays apart.
Cross-document event linking comes later.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from datasketch import MinHash, MinHashLSH

from storyline.link.actors import propagate_countries
from storyline.store import Store

VERSION = "link.minhash.v7"
_WORD = re.compile(r"\w+")
_PERMUTATIONS = 128
_CANDIDATE_MARGIN = 0.2
CONTAINED = 0.9
EDITION_FLOOR = 0.5
FIRST_TAKE_SHINGLES = 100
FIRST_TAKE_CONTAINED = 0.8
FIRST_TAKE_DAYS = 2


@dataclass(frozen=True, slots=True)
class LinkSummary:
    documents: int
    near_duplicates: int
    first_takes: int = 0


def shingles(text: str, shingle: int = 5) -> set[str]:
    """The text's word shingles (lower case)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))}


def minhash(text: str, shingle: int = 5) -> MinHash:
    """MinHash of the text's word shingles (lower case)."""
    return _minhash_of(shingles(text, shingle))


def _minhash_of(grams: set[str]) -> MinHash:
    mh = MinHash(num_perm=_PERMUTATIONS, seed=1)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def same_article(jaccard: float, size_a: int, size_b: int, threshold: float) -> bool:
    """Whether two texts with ``size_a`` and ``size_b`` shingles and this Jaccard resemblance
    are one article: near-identical, or one an edition of the other (see the module docstring).
    The share of the smaller set inside the larger follows from the Jaccard and the sizes:
    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``."""
    if jaccard >= threshold:
        return True
    if jaccard < EDITION_FLOOR:
        return False
    common = jaccard * (size_a + size_b) / (1 + jaccard)
    return common >= CONTAINED * min(size_a, size_b)


def link_documents(store: Store, threshold: float = 0.8) -> LinkSummary:
    """Group near-duplicate documents and rewrite ``document_links``.

    Documents are taken in canonical order (earliest publication date, then the longest
    text). Each one joins the earlier canonical it is most like, when :func:`same_article`
    holds between the two, and otherwise becomes a canonical itself: every link is checked
    against the document it points to. (Joining pairs transitively let a chain of rolling
    updates link stories that share no sentence.)"""
    _, rows = store.query(
        "SELECT doc_id, text, coalesce(outlet_id, lower(outlet)), published FROM documents "
        "ORDER BY coalesce(CAST(published AS VARCHAR), '9999'), length(text) DESC, doc_id")
    # LSH's bands miss pairs just above its threshold (a quarter of those at Jaccard 0.85, at
    # 0.8 and 128 permutations): it proposes candidates at a lower threshold, and the MinHash
    # estimate of each candidate pair decides. Only canonicals are in the index.
    lowest = min(threshold, EDITION_FLOOR)
    lsh = MinHashLSH(threshold=max(lowest - _CANDIDATE_MARGIN, 0.05), num_perm=_PERMUTATIONS)
    hashes: dict[str, MinHash] = {}
    sizes: dict[str, int] = {}
    short: dict[str, set[str]] = {}
    for doc_id, text, _, _ in rows:
        grams = shingles(text)
        hashes[doc_id], sizes[doc_id] = _minhash_of(grams), len(grams)
        if len(grams) <= FIRST_TAKE_SHINGLES:
            short[doc_id] = grams
    links = []
    for doc_id in hashes:  # in canonical order, as the query sorts them
        mh, best, best_similarity = hashes[doc_id], None, -1.0
        for canonical in lsh.query(mh):
            similarity = mh.jaccard(hashes[canonical])
            if similarity > best_similarity and same_article(
                    similarity, sizes[doc_id], sizes[canonical], threshold):
                best, best_similarity = canonical, similarity
        if best is None:
            lsh.insert(doc_id, mh)
        else:
            links.append((doc_id, best, "near_duplicate", round(best_similarity, 4)))
    near = len(links)
    links = _resolved(links + first_take_links(rows, short, sizes,
                                               {doc: to for doc, to, _, _ in links}))
    store.con.execute("DELETE FROM document_links")
    if links:
        store.con.executemany("INSERT INTO document_links VALUES (?, ?, ?, ?)", links)
    propagate_countries(store)
    return LinkSummary(len(hashes), near, len(links) - near)


def first_take_links(rows: list[tuple[str, str, str | None, date | None]],
                     short: dict[str, set[str]], sizes: dict[str, int],
                     canonical_of: dict[str, str]) -> list[tuple[str, str, str, float]]:
    """``first_take`` links (see the module docstring): ``rows`` are (doc_id, text, outlet,
    published) in canonical order, ``short`` the shingles of the short documents, ``sizes``
    every document's shingle count, ``canonical_of`` the near-duplicate links made.

    The documents that hold a take's shingles are found through an index of the shingles the
    outlet's takes have (which documents hold each): the work grows with what the takes share
    with other documents, not with takes × documents."""
    outlet_of = {doc_id: outlet for doc_id, _, outlet, _ in rows if outlet}
    takes = {doc_id: grams for doc_id, grams in short.items()
             if doc_id in outlet_of and doc_id not in canonical_of}
    wanted: dict[str, set[str]] = defaultdict(set)
    for doc_id, grams in takes.items():
        wanted[outlet_of[doc_id]] |= grams
    smallest = min((len(grams) for grams in takes.values()), default=0)
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (doc_id, text, outlet, _) in enumerate(rows):
        if outlet and outlet in wanted and sizes[doc_id] >= 2 * smallest:
            for gram in shingles(text) & wanted[outlet]:
                holders[outlet, gram].append(i)
    links = []
    for doc_id, _, outlet, published in rows:
        take = takes.get(doc_id)
        if take is None or outlet is None:
            continue
        held = Counter(i for gram in take for i in holders.get((outlet, gram), ()))
        best, best_share = None, FIRST_TAKE_CONTAINED
        for i in sorted(held):  # in canonical order: of equal shares, the first
            other, _, _, other_published = rows[i]
            share = held[i] / len(take)
            if other == doc_id or share < best_share or sizes[other] < 2 * len(take) or (
                    published and other_published
                    and not 0 <= (other_published - published).days <= FIRST_TAKE_DAYS):
                continue
            if share > best_share or best is None:
                best, best_share = other, share
        if best is not None:
            links.append((doc_id, canonical_of.get(best, best), "first_take",
                          round(best_share, 4)))
    return links


def _resolved(links: list[tuple[str, str, str, float]]) -> list[tuple[str, str, str, float]]:
    """Each link pointed at its group's canonical: a first take of a second take, or a copy of
    a first take, links to what that take links to (each first take's target is longer than
    the take, and a near-duplicate's target is a canonical, so every chain ends)."""
    target = {doc_id: to for doc_id, to, kind, _ in links if kind == "first_take"}
    resolved = []
    for doc_id, to, kind, share in links:
        while to in target:
            to = target[to]
        resolved.append((doc_id, to, kind, share))
    return resolved


__all__ = ["CONTAINED", "EDITION_FLOOR", "FIRST_TAKE_CONTAINED", "FIRST_TAKE_DAYS",
           "FIRST_TAKE_SHINGLES", "VERSION", "LinkSummary", "first_take_links", "link_documents",
           "minhash", "same_article", "shingles"]

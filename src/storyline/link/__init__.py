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
Cross-document event linking comes later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from storyline.link.actors import propagate_countries
from storyline.store import Store

VERSION = "link.minhash.v6"
_WORD = re.compile(r"\w+")
_PERMUTATIONS = 128
_CANDIDATE_MARGIN = 0.2
CONTAINED = 0.9
EDITION_FLOOR = 0.5


@dataclass(frozen=True, slots=True)
class LinkSummary:
    documents: int
    near_duplicates: int


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
        "SELECT doc_id, text FROM documents "
        "ORDER BY coalesce(CAST(published AS VARCHAR), '9999'), length(text) DESC, doc_id")
    # LSH's bands miss pairs just above its threshold (a quarter of those at Jaccard 0.85, at
    # 0.8 and 128 permutations): it proposes candidates at a lower threshold, and the MinHash
    # estimate of each candidate pair decides. Only canonicals are in the index.
    lowest = min(threshold, EDITION_FLOOR)
    lsh = MinHashLSH(threshold=max(lowest - _CANDIDATE_MARGIN, 0.05), num_perm=_PERMUTATIONS)
    hashes: dict[str, MinHash] = {}
    sizes: dict[str, int] = {}
    for doc_id, text in rows:
        grams = shingles(text)
        hashes[doc_id], sizes[doc_id] = _minhash_of(grams), len(grams)
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
    store.con.execute("DELETE FROM document_links")
    if links:
        store.con.executemany("INSERT INTO document_links VALUES (?, ?, ?, ?)", links)
    propagate_countries(store)
    return LinkSummary(len(hashes), len(links))


__all__ = ["CONTAINED", "EDITION_FLOOR", "VERSION", "LinkSummary", "link_documents", "minhash",
           "same_article", "shingles"]

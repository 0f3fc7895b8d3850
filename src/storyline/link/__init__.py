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
shared paragraphs), so the threshold stays. An update the outlet published at the same
address (URL, its fragment, trailing slash, ``www.``, tracking parameters and AMP or mobile
edition aside: :func:`address_key`) is linked, though, when at least half of
the shorter version is in the longer (``EDITION_FLOOR``): the address says it is one article,
and the half keeps apart another story an outlet puts at a reused address. Only an address
with a slug or a number names one article: at a front page or a live page ("/live") the next
story over the same background paragraphs would hold that half. A brief quoted in a
long roundup stays apart (under half of it). Two short texts (``FIRST_TAKE_SHINGLES`` shingles
or fewer) are copies only when published within ``SHORT_COPY_DAYS`` days of each other (either
date unknown: any): twenty words of a formula ("the central bank left its rate unchanged")
fit every month's decision. Each group keeps one canonical document (earliest publication
date, then the longest text, undated documents last: an update links to the version
published first, or on one day to the longer) and links the others to it; each linked
document is one article with its canonical by this test, not only through others.

A wire service's first take — "URGENT", "FLASH", a two-sentence story filed at once and
rewritten into the full story within the hour — is too short to be an edition of the full
story by those numbers (it holds a tenth of it), yet it reports the same facts, and counting
both counts every event twice. A short document (``FIRST_TAKE_SHINGLES`` shingles or fewer,
about a hundred words) is linked as ``first_take`` to a longer document (twice its shingles or
more) of the same outlet, published on its day or up to ``FIRST_TAKE_DAYS`` days after it
(either date unknown: any), that holds ``FIRST_TAKE_CONTAINED`` (80 %) or more of its
shingles and ``FIRST_TAKE_LEDE`` (half) of its first sentence's, or of whose first sentence
the take holds half (a take under a quote or a headline line) — to that document's canonical
(:mod:`storyline.link.takes`). The lede is the news: a brief whose news is in no later story,
over the background paragraphs the wire reuses, stays apart. Only within
one outlet: a brief another outlet quotes in a roundup is that outlet's story, and stays
apart; but a take another outlet reprinted whole, its copy the canonical of the two, still
joins the full story with its copy.
Cross-document event linking comes later.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote, unquote, unquote_plus, urlsplit

from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from storyline.link.actors import propagate_countries
from storyline.link.takes import (
    FIRST_TAKE_CONTAINED,
    FIRST_TAKE_DAYS,
    FIRST_TAKE_LEDE,
    FIRST_TAKE_SHINGLES,
    Link,
    Row,
    first_take_links,
    word_shingles,
)
from storyline.store import Store

VERSION = "link.minhash.v9"
_WORD = re.compile(r"\w+")
_ARTICLE_SEGMENT = re.compile(r"\d|[^\W_][-_]+[^\W_]")
_PERMUTATIONS = 128
_CANDIDATE_MARGIN = 0.2
CONTAINED = 0.9
EDITION_FLOOR = 0.5
SHORT_COPY_DAYS = 6
# An address more documents give than this is a section front, a feed or a placeholder, not
# one page read as it was updated (a live page read every quarter of an hour for a day: 96).
ADDRESS_READINGS = 100


@dataclass(frozen=True, slots=True)
class LinkSummary:
    documents: int
    near_duplicates: int
    first_takes: int = 0


def shingles(text: str, shingle: int = 5) -> set[str]:
    """The text's word shingles (lower case)."""
    return word_shingles(_WORD.findall(text.lower()), shingle)


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
    text; undated ones last). Each one joins the earlier canonical it is most like, when
    :func:`same_article` holds between the two (for two short texts, only within
    ``SHORT_COPY_DAYS`` days) or when it is an update at the same address, and otherwise
    becomes a canonical itself: every link is checked against the document it points to.
    (Joining pairs transitively let a chain of rolling updates link stories that share no
    sentence.)"""
    _, found = store.query(
        "SELECT doc_id, text, coalesce(outlet_id, lower(outlet)), published FROM documents "
        "ORDER BY coalesce(CAST(published AS VARCHAR), '9999'), length(text) DESC, doc_id")
    rows: list[Row] = [(doc_id, text, outlet, published) for doc_id, text, outlet, published
                       in found]
    # Every reading's URL: an exact reprint is one document, and its row keeps the URL of the
    # reading stored last, so the order of the input would decide which address it has.
    _, urls = store.query(
        "SELECT doc_id, url FROM documents WHERE url IS NOT NULL UNION "
        "SELECT doc_id, url FROM document_sources WHERE url IS NOT NULL")
    docs = _Shingled(rows, urls)
    links = _near_duplicate_links(docs, threshold)
    near = len(links)
    links = _resolved(links + first_take_links(rows, docs.short, docs.sizes,
                                               {doc: to for doc, to, _, _ in links}))
    store.con.execute("DELETE FROM document_links")
    if links:
        store.con.executemany("INSERT INTO document_links VALUES (?, ?, ?, ?)", links)
    propagate_countries(store)
    return LinkSummary(len(rows), near, len(links) - near)


class _Shingled:
    """The documents' MinHashes and shingle counts (in canonical order), the shingles of the
    short ones (first takes, short copies) and of those that share an address with another
    (updates); ``urls`` are (doc_id, URL) pairs, a document's readings' URLs."""

    def __init__(self, rows: list[Row], urls: list[tuple[str, str]]) -> None:
        self.published = {doc_id: published for doc_id, _, _, published in rows}
        self.hashes: dict[str, MinHash] = {}
        self.sizes: dict[str, int] = {}
        self.short: dict[str, set[str]] = {}
        addresses: dict[str, set[str]] = defaultdict(set)
        for doc_id, url in urls:
            if (key := address_key(url)) is not None:
                addresses[doc_id].add(key)
        shared = {key for key, n in Counter(key for keys in addresses.values() for key in keys
                                            ).items() if 1 < n <= ADDRESS_READINGS}
        self.address = {doc_id: sorted(keys & shared) for doc_id, keys in addresses.items()
                        if keys & shared}
        self.grams: dict[str, set[str]] = {}
        for doc_id, text, _, _ in rows:
            grams = shingles(text)
            self.hashes[doc_id], self.sizes[doc_id] = _minhash_of(grams), len(grams)
            if len(grams) <= FIRST_TAKE_SHINGLES:
                self.short[doc_id] = grams
            if doc_id in self.address:
                self.grams[doc_id] = grams

    def short_and_apart(self, a: str, b: str) -> bool:
        """Whether both are short and published more than ``SHORT_COPY_DAYS`` apart (see
        :func:`_copies`): at one address too, the page of a formula filled again."""
        first, second = self.published[a], self.published[b]
        return (a in self.short and b in self.short and first is not None
                and second is not None and abs((first - second).days) > SHORT_COPY_DAYS)


def _near_duplicate_links(docs: _Shingled, threshold: float) -> list[Link]:
    """The ``near_duplicate`` links, each document in canonical order to the canonical it is
    most like (see :func:`link_documents`)."""
    # LSH's bands miss pairs just above its threshold (a quarter of those at Jaccard 0.85, at
    # 0.8 and 128 permutations): it proposes candidates at a lower threshold, and the MinHash
    # estimate of each candidate pair decides. Only canonicals are in the index.
    lowest = min(threshold, EDITION_FLOOR)
    lsh = MinHashLSH(threshold=max(lowest - _CANDIDATE_MARGIN, 0.05), num_perm=_PERMUTATIONS)
    at_address: dict[str, list[str]] = defaultdict(list)  # address → documents taken so far
    links: list[Link] = []
    canonical_of: dict[str, str] = {}
    for doc_id, mh in docs.hashes.items():
        best, best_similarity = None, -1.0
        for canonical in lsh.query(mh):
            similarity = mh.jaccard(docs.hashes[canonical])
            if similarity > best_similarity and _copies(docs, doc_id, canonical, similarity,
                                                        threshold):
                best, best_similarity = canonical, similarity
        addresses = docs.address.get(doc_id, [])
        for earlier in dict.fromkeys(other for key in addresses for other in at_address[key]):
            if docs.short_and_apart(doc_id, earlier):
                continue
            similarity = _update_similarity(docs.grams[doc_id], docs.grams[earlier])
            if similarity is not None and similarity > best_similarity:
                best, best_similarity = canonical_of.get(earlier, earlier), similarity
        for key in addresses:
            if not any(canonical_of.get(other, other) == (best or doc_id)
                       for other in at_address[key]):
                at_address[key].append(doc_id)  # one version of each group: fewer to compare
        if best is None:
            lsh.insert(doc_id, mh)
        else:
            canonical_of[doc_id] = best
            links.append((doc_id, best, "near_duplicate", round(best_similarity, 4)))
    return links


def _copies(docs: _Shingled, doc_id: str, canonical: str, similarity: float,
            threshold: float) -> bool:
    """Whether ``doc_id`` is a copy of ``canonical``: :func:`same_article`, and two short
    texts no more than ``SHORT_COPY_DAYS`` apart (either date unknown: any). A short text's
    copies run in the week it was news; the same twenty words weeks apart are the next
    bulletin of a formula (a rate held again, a weekly count unchanged)."""
    sizes = docs.sizes
    return (same_article(similarity, sizes[doc_id], sizes[canonical], threshold)
            and not docs.short_and_apart(doc_id, canonical))


def _update_similarity(grams: set[str], earlier: set[str]) -> float | None:
    """The Jaccard resemblance of two texts at one address when one is an update of the other
    (at least ``EDITION_FLOOR`` of the smaller inside the larger), else None."""
    common = len(grams & earlier)
    if common < EDITION_FLOOR * min(len(grams), len(earlier)):
        return None
    return common / len(grams | earlier)


def address_key(url: str | None) -> str | None:
    """The address a web page's URL names, for telling two readings of one page: host in
    lower case without ``www.``, a mobile or AMP host's prefix (``m.``, ``mobile.``, ``amp.``)
    or a port, path without a trailing slash or an AMP edition's last segment (``/amp``,
    ``.amp``), query without tracking parameters (:data:`_TRACKING`: ``utm_*``, ``fbclid``,
    ...) or an AMP switch (``amp=1``, ``outputType=amp``), its pairs sorted; http and https
    alike; None for no web URL, or for one that names no article of its own
    (:func:`_names_one_article`). A scraper that reads one article through a share link and
    through its AMP page holds two URLs of one address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        # courlan for the host (case, punycode) and the path (encoding, repeated slashes); not
        # the query: its tracker test finds "cid", "eid" or "ga" anywhere in a name
        # ("galleryId"), and it drops a pair without "=" ("?1234"), which name the article. A
        # split URL, which it does not read as HTML as it does a string ("&region" → "®ion").
        normal = urlsplit(normalize_url(parts._replace(query="", fragment="")))
        host = (normal.hostname or "").rstrip(".")
        query = "&".join(sorted(quote(pair, safe=_QUERY_SAFE) for pair in parts.query.split("&")
                                if pair and not _AMP_SWITCH.fullmatch(pair)
                                and not _TRACKING.fullmatch(unquote_plus(pair.partition("=")[0]))))
    except ValueError:  # a port that is no number, brackets left open
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    host = _HOST_PREFIX.sub("", host)
    path = _AMP_PATH.sub("", normal.path.rstrip("/")).rstrip("/")
    # escaped letters are no number: "/actualit%C3%A9s" is a section's one word
    if not _names_one_article(unquote(path), unquote(query)):
        return None
    return f"{host}{path}{f'?{query}' if query else ''}"


# A host's prefix for the same site's pages: "www.", a mobile edition's, Google AMP's
# (only with a name after it: "m.example" is not made "example")
_HOST_PREFIX = re.compile(r"^(?:(?:www\d?|m|mobile|amp)\.)+(?=[^.]+\.[^.]+)")
# An AMP edition's path ends "/amp" or ".amp"; its query switch, "amp", "amp=1", "outputType=amp"
_AMP_PATH = re.compile(r"(?:/amp|\.amp)$", re.IGNORECASE)
_AMP_SWITCH = re.compile(r"(?:amp(?:=(?:1|true))?|output(?:type)?=amp)", re.IGNORECASE)
# A parameter that says how the reader came, by its whole name: an analytics tool's prefix
# (Google's utm_, Matomo's mtm_ and pk_, Mailchimp's mc_), an ad click's id (fbclid, gclid,
# msclkid), a share's or a campaign's mark. Only the whole name: "cid", "eid", "galleryId" or
# "sourceid" may be the article's own number.
_TRACKING = re.compile(
    r"(?:utm|mtm|pk|piwik|itm|mc|ga|gs|fb|oly|vero|mkt|ml|ads?|at|hsa)_\w+|_ga|_gl|_hs\w+"
    r"|\w*clk?id|[gw]braid|igsh(?:id)?|xtor|cmp(?:id)?|ocid|smid"
    r"|ref(?:_?src|_?url)?|referr?er|source|medium|campaign|aff(?:iliate)?|keyword|kwd",
    re.IGNORECASE)
# A query's characters left as written (its escapes too): only spaces and letters outside
# ASCII are escaped, so that "café" and "caf%C3%A9" are one value and "+" and "%2B" two
_QUERY_SAFE = "%/!=:,+;@$'()*?~[]|^{}`\"<>"


def _names_one_article(path: str, query: str) -> bool:
    """Whether an address's path or query says which article it is: a slug of words joined by
    hyphens or underscores, or a number (an id, a date). A front page, a one-word page
    ("/live", "/latest") or a hash route (its fragment aside, the front page) shows one story,
    then another: two stories there that share their background paragraphs are still two."""
    return bool(_ARTICLE_SEGMENT.search(path) or any(char.isdigit() for char in query))


def _resolved(links: list[Link]) -> list[Link]:
    """Each link pointed at its group's canonical: a first take of a second take, or a copy of
    a first take, links to what that take links to. (Each first take's target is twice the
    take, but is then replaced by its canonical, an edition at least half its size: a chain
    is followed once through each document, so that it ends whatever the estimates were.)"""
    target = {doc_id: to for doc_id, to, kind, _ in links if kind == "first_take"}
    resolved = []
    for doc_id, to, kind, share in links:
        seen = {doc_id, to}
        while to in target and target[to] not in seen:
            to = target[to]
            seen.add(to)
        resolved.append((doc_id, to, kind, share))
    return resolved


__all__ = ["CONTAINED", "EDITION_FLOOR", "FIRST_TAKE_CONTAINED", "FIRST_TAKE_DAYS",
           "FIRST_TAKE_LEDE", "FIRST_TAKE_SHINGLES", "SHORT_COPY_DAYS", "VERSION", "LinkSummary",
           "address_key", "first_take_links", "link_documents", "minhash", "same_article",
           "shingles"]

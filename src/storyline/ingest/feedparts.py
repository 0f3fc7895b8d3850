"""Where a feed file's documents and entries lie, found in its text so that each can be parsed
on its own (see :mod:`storyline.ingest.feed`).

A file of feeds appended one after another (``curl … >> all.xml``) holds several documents;
feedparser reads them as one, giving every entry the last channel's title and address. A feed
whose markup breaks inside one entry (a ``</description>`` or ``]]>`` missing) loses, to
feedparser, that entry's text and often every entry after it; parsed one by one, each entry
breaks alone. The text given here is the file's bytes read as latin-1, so that its offsets are
byte offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_ROOT_START = re.compile(r"<([^\s/>!?]+)(?:\s[^<>]*)?>")
# What may come before the root element: blanks, the XML declaration and other processing
# instructions, comments, a doctype (with its internal subset)
_PROLOG_PART = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S | re.I)
_DECLARATION = re.compile(r"<\?xml\s")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_CHANNEL_START = re.compile(r"<((?:[\w.-]+:)?channel)(?:\s[^<>]*)?(?<!/)>", re.I)
# An entry's whole start tag (not an empty-element tag) and its end tag, with any namespace prefix
ENTRY_START = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)(?:\s[^<>]*)?(?<!/)>", re.I)
ENTRY_END = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)
# Where the entries of a document end at the latest: its channel's or root's end tag
_ENTRIES_END = re.compile(r"</(?:[\w.-]+:)?(?:channel|feed|rss|rdf)\s*>", re.I)
# Sections whose tags are text: an entry tag quoted there is none. One that holds an entry's
# end tag and the next one's start tag is an unclosed section matched with a later one's end
_HIDING = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)
_BOUNDARY = re.compile(ENTRY_END.pattern + r"\s*" + ENTRY_START.pattern, re.I)


def prolog_end(text: str, at: int = 0) -> int:
    """Where the prolog (a byte-order mark, blanks, declarations, comments, a doctype) of the
    document that begins at ``at`` ends: where its root element should start."""
    at += 1 if text.startswith("\ufeff", at) else 0
    while (part := _PROLOG_PART.match(text, at)) and part.end() > at:
        at = part.end()
    return at


def _root_start(text: str, at: int = 0) -> re.Match[str] | None:
    """The start tag of the root element of the document that begins at ``at``, else None."""
    return _ROOT_START.match(text, prolog_end(text, at))


def _is_feed_root(start: re.Match[str] | None) -> bool:
    return start is not None and start.group(1).rpartition(":")[2].lower() in _FEED_ROOTS


def feed_root(text: str) -> bool:
    """Whether the document's root element is a feed's: ``rss``, ``feed`` or ``rdf:RDF``."""
    return _is_feed_root(_root_start(text))


def _next_document(text: str, root: re.Match[str]) -> int | None:
    """Where the feed document after the one whose root start tag is ``root`` begins: at the
    first XML declaration after it (a download cut short and another appended after it), or
    after its root end tag and the blanks that follow; None when no feed's root follows."""
    declaration = _DECLARATION.search(text, root.end())
    if declaration is not None and _is_feed_root(_root_start(text, declaration.start())):
        ended = declaration.start()
    else:
        closed = re.compile(rf"</{re.escape(root.group(1))}\s*>").search(text, root.end())
        ended = closed.end() if closed else len(text)
    following = len(text) - len(text[ended:].lstrip())
    return following if following < len(text) and _is_feed_root(_root_start(text, following)) \
        else None


def documents(text: str) -> list[tuple[int, int]]:
    """The spans of the feed documents in ``text``: one, the whole text, unless another feed's
    document (its declaration, or its root start tag after a root end tag) follows. What
    follows that is no feed (a comment, stray words, a page) stays with the document before."""
    spans, begin = [], 0
    while (root := _root_start(text, begin)) is not None and _is_feed_root(root) \
            and (following := _next_document(text, root)) is not None:
        spans.append((begin, following))
        begin = following
    return [*spans, (begin, len(text))]


@dataclass(frozen=True, slots=True)
class EntrySpan:
    """Where one entry lies: from its start tag to its end tag, or, without one, to the next
    entry's start tag or the end of the entries (``closed`` False)."""

    start: int
    end: int
    closed: bool


def _visible(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` outside CDATA sections and comments."""
    hidden = [m.span() for m in _HIDING.finditer(text) if not _BOUNDARY.search(m.group())]
    openings = [a for a, _ in hidden]  # in order, and the sections do not overlap

    def inside(at: int) -> bool:
        index = bisect_left(openings, at) - 1
        return index >= 0 and at < hidden[index][1]
    return [m for m in pattern.finditer(text) if not inside(m.start())]


def entry_spans(text: str) -> list[EntrySpan]:
    """The entries of one feed document (``text``), in order, one per entry start tag."""
    starts = [m.start() for m in _visible(ENTRY_START, text)]
    if not starts:
        return []
    ends = [m.end() for m in _visible(ENTRY_END, text)]
    last = _ENTRIES_END.search(text, starts[-1])
    limit = last.start() if last else len(text)
    spans = []
    for start, following in zip(starts, [*starts[1:], limit], strict=True):
        index = bisect_right(ends, start)  # the first end tag after the start tag, if it is
        closed = index < len(ends) and ends[index] <= following  # before the next entry's
        spans.append(EntrySpan(start, ends[index] if closed else following, closed))
    return spans


def wrapped(text: str, span: EntrySpan) -> str | None:
    """One entry of ``text`` as a feed of its own: the document's prolog and root start tag
    (its declaration gives the encoding, the root its namespaces and version), an RSS 2.0
    ``<channel>``, the entry, the end tags. None when the root is not a feed's."""
    root = _root_start(text)
    if root is None or not _is_feed_root(root):
        return None
    body = text[span.start:span.end]
    channel = _CHANNEL_START.search(text, root.end(), span.start)
    if channel is not None and root.group(1).lower() == "rss":
        body = f"{channel.group()}{body}</{channel.group(1)}>"
    return f"{text[:root.end()]}{body}</{root.group(1)}>"

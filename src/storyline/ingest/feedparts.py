"""Where a feed file's documents and entries lie, found in its text so that each can be parsed
on its own (see :mod:`storyline.ingest.feed`).

A file of feeds appended one after another (``curl … >> all.xml``) holds several documents;
feedparser reads them as one, giving every entry the last channel's title and address. A feed
whose markup breaks inside one entry (a ``</description>`` or ``]]>`` missing) loses, to
feedparser, that entry's text and often every entry after it; parsed one by one, each entry
breaks alone. The text given here is the file's bytes read as latin-1, so that its offsets are
byte offsets (and a UTF-8 byte-order mark is ``"\\xef\\xbb\\xbf"``, not ``"\\ufeff"``).
Every search here goes forward through the text once: a file of 20,000 entries or appended
feeds took minutes when each entry or document searched again from the start.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_ROOT_START = re.compile(r"<([^\s/>!?]+)(?:\s[^<>]*)?>")
# What may come before the root element: blanks, the XML declaration and other processing
# instructions, comments, a doctype (with its internal subset)
_PROLOG_PART = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S | re.I)
# The prolog parts a lone entry needs: the declaration names the encoding, the doctype may
# declare entities its text uses. Comments are left out: one of megabytes was copied per entry
_KEPT_PROLOG = re.compile(r"<\?xml\s|<!DOCTYPE", re.I)
# A UTF-8 byte-order mark read as latin-1, and one read as UTF-8
_BOMS = ("\xef\xbb\xbf", "\ufeff")
_NOT_BLANK = re.compile(r"\S")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_CHANNEL_START = re.compile(r"<((?:[\w.-]+:)?channel)(?:\s[^<>]*)?(?<!/)>", re.I)
# An entry's start tag (an empty-element one too) and its end tag, with any namespace prefix:
# for a file whose root is no feed's (see :func:`entry_tags` for a feed's own)
ENTRY_START = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)(?:\s[^<>]*)?(?<!/)>", re.I)
ENTRY_END = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)
# Where the entries of a document end at the latest: its channel's or root's end tag
_ENTRIES_END = re.compile(r"</(?:[\w.-]+:)?(?:channel|feed|rss|rdf)\s*>", re.I)
# Sections whose tags are text: an entry tag quoted there is none. One that holds an entry's
# end tag and the next one's start tag is an unclosed section matched with a later one's end
# a section left open runs to the end of the text: looked for anew at each opening after it,
# a missing "]]>" cost time in the square of the entries (20,000 took minutes)
_HIDING = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)", re.S)


def prolog_end(text: str, at: int = 0) -> int:
    """Where the prolog (a byte-order mark, blanks, declarations, comments, a doctype) of the
    document that begins at ``at`` ends: where its root element should start."""
    at += next((len(bom) for bom in _BOMS if text.startswith(bom, at)), 0)
    while (part := _PROLOG_PART.match(text, at)) and part.end() > at:
        at = part.end()
    return at


def _root_start(text: str, at: int = 0) -> re.Match[str] | None:
    """The start tag of the root element of the document that begins at ``at``, else None."""
    return _ROOT_START.match(text, prolog_end(text, at))


def _local(name: str) -> str:
    return name.rpartition(":")[2].lower()


def _is_feed_root(start: re.Match[str] | None) -> bool:
    return start is not None and _local(start.group(1)) in _FEED_ROOTS


@lru_cache(maxsize=64)
def _document_marks(root: str) -> re.Pattern[str]:
    """What may end the document whose root is ``root``: an XML declaration (group 1) or the
    root's end tag (group 2), outside CDATA sections and comments (a post quoting a feed, a
    comment keeping an old one). A section left open hides the rest of the text."""
    return re.compile(_HIDING.pattern + rf"|(<\?xml\s)|(</{re.escape(root)}\s*>)", re.S)


def _next_document(text: str, root: re.Match[str]) -> int | None:
    """Where the feed document after the one whose root start tag is ``root`` begins: at the
    first XML declaration after it (a download cut short and another appended after it), or
    after its root end tag and the blanks that follow; None when no feed's root follows. What
    follows a root end tag and is no feed (an error page) is passed over for the next one."""
    for mark in _document_marks(root.group(1)).finditer(text, root.end()):
        if mark.group(1) and _is_feed_root(_root_start(text, mark.start())):
            return mark.start()
        if mark.group(2):
            # searched, not sliced: the rest of the file copied per document took minutes
            following = _NOT_BLANK.search(text, mark.end())
            if following and _is_feed_root(_root_start(text, following.start())):
                return following.start()
    return None


def documents(text: str) -> list[tuple[int, int]]:
    """The spans of the feed documents in ``text``: one, the whole text, unless another feed's
    document (its declaration, or its root start tag after a root end tag) follows. What
    follows that is no feed (a comment, stray words, a page) stays with the document before.
    Call it only on a file that does not parse as one document: a well-formed one is one."""
    spans, begin = [], 0
    while (root := _root_start(text, begin)) is not None and _is_feed_root(root) \
            and (following := _next_document(text, root)) is not None:
        spans.append((begin, following))
        begin = following
    return [*spans, (begin, len(text))]


@dataclass(frozen=True, slots=True)
class EntrySpan:
    """Where one entry lies: from its start tag to its end tag, or, without one, to the next
    entry's start tag or the end of the entries (``closed`` False). An empty-element tag
    (``<item/>``) is an entry of its own, closed."""

    start: int
    end: int
    closed: bool


@dataclass(frozen=True, slots=True)
class _Tags:
    start: re.Pattern[str]  # group 1 is "/" for an empty-element tag
    end: re.Pattern[str]
    boundary: re.Pattern[str]  # an entry's end tag, then the next one's start tag


@lru_cache(maxsize=64)
def entry_tags(root: str) -> _Tags:
    """The entry tags of a feed whose root element is named ``root``: ``item`` under ``rss``
    and ``rdf:RDF``, ``entry`` under Atom's ``feed``; unprefixed or with the root's prefix
    (any under ``rdf:RDF``, whose own prefix is RDF's, not RSS's). ``<entry>`` quoted in an
    RSS description (a broken one, whose markup is read as text) was taken for an entry."""
    prefix, _, local = root.rpartition(":")
    if local.lower() == "rdf":
        prefixed = r"(?:[\w.-]+:)?"
    else:
        prefixed = rf"(?:{re.escape(prefix)}:)?" if prefix else ""
    name = prefixed + ("entry" if local.lower() == "feed" else "item")
    start = rf"<{name}(?:\s[^<>]*?)?(/?)>"
    end = rf"</{name}\s*>"
    return _Tags(re.compile(start, re.I), re.compile(end, re.I),
                 re.compile(rf"{end}\s*{start}", re.I))


def _visible(pattern: re.Pattern[str], text: str, boundary: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` outside CDATA sections and comments."""
    hidden = [m.span() for m in _HIDING.finditer(text) if not boundary.search(m.group())]
    openings = [a for a, _ in hidden]  # in order, and the sections do not overlap

    def inside(at: int) -> bool:
        index = bisect_left(openings, at) - 1
        return index >= 0 and at < hidden[index][1]
    return [m for m in pattern.finditer(text) if not inside(m.start())]


def entry_spans(text: str) -> list[EntrySpan]:
    """The entries of one feed document (``text``), in order, one per entry start tag; none
    when its root is no feed's."""
    root = _root_start(text)
    if root is None or not _is_feed_root(root):
        return []
    tags = entry_tags(root.group(1))
    found = _visible(tags.start, text, tags.boundary)
    if not found:
        return []
    ends = [m.end() for m in _visible(tags.end, text, tags.boundary)]
    last = _ENTRIES_END.search(text, found[-1].start())
    limit = last.start() if last else len(text)
    spans = []
    for tag, following in zip(found, [*(m.start() for m in found[1:]), limit], strict=True):
        if tag.group(1):  # <item/>: an entry without content, read as one (an empty row)
            spans.append(EntrySpan(tag.start(), tag.end(), True))
            continue
        index = bisect_right(ends, tag.start())  # the first end tag after the start tag, if it
        closed = index < len(ends) and ends[index] <= following  # is before the next entry's
        spans.append(EntrySpan(tag.start(), ends[index] if closed else following, closed))
    return spans


@dataclass(frozen=True, slots=True)
class Wrapper:
    """What makes one entry of a feed document a feed of its own: ``head`` (the byte-order
    mark, declaration and doctype of its prolog, its root start tag, which gives the
    namespaces and version, and for RSS 2.0 its ``<channel>`` start tag) before the entry,
    ``tail`` (the end tags) after it; ``header`` is where the channel's own elements end."""

    head: str
    tail: str
    header: int

    def wrap(self, text: str, span: EntrySpan) -> str:
        return f"{self.head}{text[span.start:span.end]}{self.tail}"

    def channel(self, text: str) -> str:
        """The document's channel alone (its title, link, base), up to its first entry, closed
        off: in a broken document the loose parser mistook a later entry's link for it."""
        return f"{text[:self.header]}{self.tail}"


def wrapper(text: str, spans: list[EntrySpan]) -> Wrapper | None:
    """The :class:`Wrapper` of the feed document ``text`` whose entries are ``spans``, found
    once for all of them; None when its root is not a feed's."""
    root = _root_start(text)
    if root is None or not _is_feed_root(root):
        return None
    header = spans[0].start if spans else len(text)
    bom = next((bom for bom in _BOMS if text.startswith(bom)), "")
    kept, at = [], len(bom)
    while (part := _PROLOG_PART.match(text, at)) and part.end() > at:
        if _KEPT_PROLOG.match(part.group()):
            kept.append(part.group())
        at = part.end()
    # a line each: feedparser finds a doctype, and the entities it declares, at a line's start
    head, tail = bom + "\n".join([*kept, root.group()]), f"</{root.group(1)}>"
    channel = _CHANNEL_START.search(text, root.end(), header) if _local(root.group(1)) == "rss" \
        else None
    if channel is not None:
        head, tail = head + channel.group(), f"</{channel.group(1)}>{tail}"
    return Wrapper(head, tail, header)

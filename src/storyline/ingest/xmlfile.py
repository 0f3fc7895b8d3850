"""``.xml`` files, read by what their root element says they are.

An ``.xml`` file may be a feed, a web page saved as XHTML, or an XML format Storyline has no
reader for (a NewsML item, a sitemap); sent to the feed reader whatever it held, the last two
were one ``empty`` row, "the feed has no entries", and a page's article was lost.
Accepts: a file whose root element (after a byte-order mark, the XML declaration, comments and
a doctype; any namespace prefix ignored) is ``html`` — read as one HTML page
(:mod:`storyline.ingest.document`) — and any other file as a feed
(:mod:`storyline.ingest.feed`), whose loose parser also reads a bare ``<channel>`` or a feed
after a PHP warning's ``<br />``.
Produces: what those readers produce (``entry N`` per feed entry; one document for a page).
Rejects: the file with ``unsupported``, naming its root element, when that root is no feed's
(``rss``, ``feed``, ``rdf:RDF``) and the feed reader finds no entries in it (a NewsML item,
a sitemap); the codes of the feed and HTML readers otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from storyline.errors import InputRejected
from storyline.ingest.decode import wide_encoding
from storyline.ingest.document import read_html
from storyline.ingest.feed import read_feed, root_name
from storyline.ingest.limits import buffered
from storyline.ingest.source import Context, Input, Item

_HEAD_BYTES = 1 << 16
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 0.9x/2.0, Atom, RSS 1.0's rdf:RDF


def read_xml(inp: Input, ctx: Context) -> Iterator[Item]:
    """The documents of an ``.xml`` file (see the module docstring)."""
    with buffered(inp.open()) as stream:
        head = stream.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        opened = replace(inp, open=lambda: stream)
        # only the tags matter: Latin-1 reads any bytes, and every ASCII-based encoding's tags alike
        wide = wide_encoding(head)
        text = head.decode(wide, errors="replace") if wide else \
            head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
        root = root_name(text)
        local = root.rpartition(":")[2].lower() if root else None
        if local == "html":
            yield from read_html(opened, ctx)
        elif local is None or local in _FEED_ROOTS:
            yield from read_feed(opened, ctx)
        else:  # feedparser's loose parser may still find entries (a bare <channel>, a feed
            try:  # after a PHP warning's <br />); if not, say what the file is
                yield from read_feed(opened, ctx)
            except InputRejected as exc:
                if exc.code != "empty":
                    raise
                raise InputRejected(
                    "unsupported", f"an XML document whose root element is <{root}>, neither a "
                    "feed (rss, feed, rdf:RDF) nor a web page (html), and no feed entries were "
                    "found in it: Storyline has no reader for it") from exc

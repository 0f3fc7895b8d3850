"""``.xml`` files, read by what their root element says they are.

An ``.xml`` file may be a feed, a web page saved as XHTML, or an XML format Storyline has no
reader for (a NewsML item, a sitemap); sent to the feed reader whatever it held, the last two
were one ``empty`` row, "the feed has no entries", and a page's article was lost.
Accepts: a file whose root element (after the XML declaration, comments and a doctype; any
namespace prefix ignored) is ``rss``, ``feed`` or ``rdf:RDF`` — read as a feed
(:mod:`storyline.ingest.feed`) — or ``html`` — read as one HTML page
(:mod:`storyline.ingest.document`). A file whose first 64 KiB hold no root element (not
XML at all, or a prolog that long) is left to the feed reader, whose loose parser reads what
it can and says why it cannot.
Produces: what those readers produce (``entry N`` per feed entry; one document for a page).
Rejects: the file with ``unsupported``, naming its root element, when it is any other XML
document; the codes of the feed and HTML readers otherwise.
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
        root = root_name(head.decode(wide_encoding(head) or "latin-1", errors="replace"))
        local = root.rpartition(":")[2].lower() if root else None
        if local is None or local in _FEED_ROOTS:
            yield from read_feed(opened, ctx)
        elif local == "html":
            yield from read_html(opened, ctx)
        else:
            raise InputRejected("unsupported", f"an XML document whose root element is <{root}>, "
                                "neither a feed (rss, feed, rdf:RDF) nor a web page (html): "
                                "Storyline has no reader for it")

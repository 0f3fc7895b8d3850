"""Single-document files: plain text and HTML.

Accepts: one document per input, in any encoding charset-normalizer can tell (UTF-8 first, then
the charset an HTTP header declared, then an HTML page's ``<meta charset>`` — which wins over a
header's default Latin-1/ASCII label), up to ``max_doc_chars`` (a page's scripts, styles,
comments and inline images not counted) and four times as many bytes.
Produces: one :class:`RawDoc` (``text/plain`` or ``text/html``), mojibake repaired, NFC.
Rejects: ``empty``, ``binary``, ``undecodable``, ``too_large`` — as one quarantine row.
HTML is passed on as received: scripts, nesting and boilerplate are the cleaner's job.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import InputRejected
from storyline.ingest.decode import (
    declared_charset,
    decode_bytes,
    html_charset,
    sniff_media_type,
)
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.remote import is_url_list, read_url_lines
from storyline.ingest.source import Context, Input, Item
from storyline.records import RawDoc


def _read(inp: Input, ctx: Context, media_type: str | None) -> Iterator[Item]:
    limit = ctx.settings.max_doc_chars
    with inp.open() as stream:
        data = read_capped(stream, limit * 4)
    hint = declared_charset(inp.charset,
                            html_charset(data) if media_type != "text/plain" else None)
    try:
        text, encoding = decode_bytes(data, limit, hint, media_type)
    except InputRejected as exc:
        yield quarantine(inp.label(), exc, excerpt_of(data))
        return
    if media_type is None and is_url_list(text):
        yield from read_url_lines(text, inp, ctx)  # a .txt that holds nothing but URLs
        return
    media = media_type or sniff_media_type(text, inp.name)
    yield RawDoc(inp.source, text, media, inp.position, encoding)


def read_plain(inp: Input, ctx: Context) -> Iterator[Item]:
    """A ``.txt`` file: plain text, unless its content is plainly an HTML page, or nothing but
    http(s) URLs (a URL list: :mod:`storyline.ingest.remote`)."""
    return _read(inp, ctx, None)


def read_html(inp: Input, ctx: Context) -> Iterator[Item]:
    """An ``.html``/``.htm``/``.xhtml`` file: one HTML page."""
    return _read(inp, ctx, "text/html")

"""MHTML files (``.mhtml``, ``.mht``): a web page saved whole by a browser ("Save as: Webpage,
Single File" in Chrome and Edge; Internet Explorer's ``.mht``), read with the standard
library's MIME parser (:mod:`email`).

Accepts: a MIME message whose parts are the page's HTML (or XHTML), then its frames, images
and style sheets (``multipart/related``), each in its transfer encoding (quoted-printable,
base64), up to ``max_member_bytes``; a message that is the page itself (one ``text/html``
body) too. Only the page's part is parsed (memory: the file, and the page).
Produces: one :class:`RawDoc` (``text/html``) of the first HTML part, the page as saved (its
frames come after it), decoded in the charset its part declares, else the page's own
``<meta charset>`` (Blink declares none on the part), else as any page is, with ``url`` (the
``Snapshot-Content-Location`` the browser wrote, else the part's ``Content-Location``;
unfolded) and ``fetched`` (the message's ``Date`` in UTC, Chrome's "-0000" read as UTC: when
the page was saved, which bounds the publication date the cleaner may infer) in its meta.
Rejects: ``empty``, ``bad_mhtml`` (no MIME message: no headers, or no HTML part in it, the reason naming
the parts found), ``too_large`` (over ``max_member_bytes``, or a page over ``max_doc_chars``),
and the decoding's codes (``empty``, ``binary``, ``undecodable``).
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import re
from collections.abc import Iterator
from datetime import UTC
from email.message import Message
from email.utils import parsedate_to_datetime

from storyline.errors import InputRejected
from storyline.ingest.decode import declared_charset, decode_bytes, html_charset
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.remote import is_url
from storyline.ingest.source import Context, Input, Item
from storyline.records import RawDoc

# What an MHTML file opens with: its headers, among them a MIME version and a multipart or
# HTML content type (Chrome writes "From: <Saved by Blink>" first), within its first bytes
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,40}:[^\r\n]*\r?\n")
_MULTIPART = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MIME_VERSION = re.compile(rb"^mime-version:\s*1\.0", re.IGNORECASE | re.MULTILINE)
_SNAPSHOT = re.compile(rb"^snapshot-content-location:", re.IGNORECASE | re.MULTILINE)


def is_mhtml(head: bytes) -> bool:
    """Whether ``head`` opens an MHTML file: header lines from its first byte, a
    ``MIME-Version: 1.0`` and a ``multipart/related`` content type among them (an e-mail
    with a picture attached is ``multipart/mixed``), or the ``Snapshot-Content-Location``
    Chrome writes (a page saved alone, no parts)."""
    start = head.lstrip(b"\xef\xbb\xbf")
    if _HEADER_LINE.match(start) is None:
        return False
    blank = _BLANK_LINE.search(start)
    headers = start[:blank.start()] if blank else start
    return _SNAPSHOT.search(headers) is not None or (
        _MIME_VERSION.search(headers) is not None and _MULTIPART.search(headers) is not None)


def read_mhtml(inp: Input, ctx: Context) -> Iterator[Item]:
    """The page an MHTML file holds (see the module docstring)."""
    with inp.open() as stream:
        data = read_capped(stream, ctx.settings.max_member_bytes)
    if not data.strip():
        raise InputRejected("empty", "the file is empty")
    # a page's part: its text within the limit, quoted-printable tripling it at most
    page, message = _page_part(data.removeprefix(b"\xef\xbb\xbf"),
                               12 * ctx.settings.max_doc_chars)
    body = page.get_payload(decode=True) if page is not None else None
    if page is None or not isinstance(body, bytes):
        if not message.keys():
            raise InputRejected("bad_mhtml", "no MIME headers open the file")
        kinds = sorted({kind.lower() for kind in _PART_TYPE.findall(
            data[:_LISTED_BYTES].decode("latin-1")) if not kind.lower().startswith("multipart/")})
        raise InputRejected("bad_mhtml", "the message holds no HTML part (types named in it: "
                            f"{', '.join(kinds[:10]) or 'none'})")
    # Blink writes no charset on the part: the page's own <meta charset> says it, as a page's
    hint = declared_charset(page.get_content_charset(), html_charset(body))
    try:
        text, encoding = decode_bytes(body, ctx.settings.max_doc_chars, hint, "text/html")
    except InputRejected as exc:
        yield quarantine(inp.label(), exc, excerpt_of(body))
        return
    yield RawDoc(inp.source, text, "text/html", inp.position, encoding, _meta(message, page))


def _page_part(data: bytes, limit: int) -> tuple[Message | None, Message]:
    """The saved page (the first HTML part: frames come after it; inside a nested multipart
    too, as a mail client's .mht has it) and the message's headers. Only the page's part is
    parsed: given the whole file, the parser held its images decoded many times over (1.4 GB
    for 100 MB). The parts are found at the boundary the headers name, as the parser finds
    them, up to the closing delimiter (what follows it is no part); each part's headers are
    read first, and a page's part over ``limit`` bytes is ``too_large`` unparsed."""
    headers = _headers(data)
    if not headers.keys():
        return None, headers
    if headers.get_content_maintype() != "multipart":  # a page saved alone
        if headers.get_content_type() not in _PAGE_TYPES:
            return None, headers
        _check_part(len(data), limit)
        return email.message_from_bytes(data, policy=email.policy.compat32), headers
    boundary = headers.get_boundary()
    if not boundary:
        return None, headers
    # the delimiter's line end is looked ahead at, not taken: "--B" CRLF "--B" is two of them
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("latin-1"))
                           + rb"(--)?[ \t]*(?=\r?\n|\Z)")
    found = list(delimiter.finditer(data))
    for this, after in zip(found, [*found[1:], None], strict=False):
        if this.group(1):
            break  # the closing delimiter: what follows is the epilogue
        start = this.end() + (2 if data.startswith(b"\r\n", this.end())
                              else 1 if data.startswith(b"\n", this.end()) else 0)
        end = after.start() if after is not None else len(data)
        kind = _headers(data[start:min(end, start + _HEADER_BYTES)])
        if kind.get_content_type() not in _PAGE_TYPES and kind.get_content_maintype() != "multipart":
            continue  # an image, a style sheet: not parsed at all
        _check_part(end - start, limit)
        part = email.message_from_bytes(data[start:end], policy=email.policy.compat32)
        page = next((inner for inner in part.walk() if not inner.is_multipart()
                     and inner.get_content_type() in _PAGE_TYPES), None)
        if page is not None:
            return page, headers
    return None, headers


def _headers(data: bytes) -> Message:
    """The headers opening ``data`` (up to its first blank line, 64 KiB at most)."""
    blank = _BLANK_LINE.search(data, 0, _HEADER_BYTES)
    return email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(
        data[:blank.end() if blank else _HEADER_BYTES])


def _check_part(size: int, limit: int) -> None:
    """``too_large`` for a page's part over ``limit`` bytes, before the parser holds it."""
    if size > limit:
        raise InputRejected("too_large", f"the page's part is {size} bytes, over {limit}")


_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")  # the end of the message's headers
_HEADER_BYTES = 1 << 16
# The parts' types, named in the row of a message without a page
_PART_TYPE = re.compile(r"^content-type:\s*([\w.+-]+/[\w.+-]+)", re.IGNORECASE | re.MULTILINE)
_LISTED_BYTES = 1 << 20


def _meta(message: Message, page: Message) -> tuple[tuple[str, str], ...]:
    """``url`` and ``fetched`` of the saved page, where the message gives them: the address
    unfolded (a long one is folded over lines) and only if it is one; the date in UTC, Chrome's
    "-0000" read as UTC (the time it saved the page in)."""
    meta: list[tuple[str, str]] = []
    url = message.get("Snapshot-Content-Location") or page.get("Content-Location")
    if url and is_url(url := "".join(str(url).split())) and "\ufffd" not in url:
        meta.append(("url", url))
    saved = message.get("Date")
    if saved:
        try:
            moment = parsedate_to_datetime(str(saved))
        except (TypeError, ValueError, IndexError, OverflowError):
            moment = None
        if moment is not None:
            moment = moment.astimezone(UTC) if moment.tzinfo is not None \
                else moment.replace(tzinfo=UTC)
            meta.append(("fetched", moment.isoformat()))
    return tuple(meta)


__all__ = ["is_mhtml", "read_mhtml"]

"""MHTML files (``.mhtml``, ``.mht``): a web page saved whole by a browser ("Save as: Webpage,
Single File" in Chrome and Edge; Internet Explorer's ``.mht``), read with the standard
library's MIME parser (:mod:`email`).

Accepts: a MIME message whose parts are the page's HTML, then its frames, images and style
sheets (``multipart/related``), each in its transfer encoding (quoted-printable, base64), up to
``max_member_bytes``; a message that is the page itself (one ``text/html`` body) too.
Produces: one :class:`RawDoc` (``text/html``) of the first HTML part, the page as saved (its
frames come after it), decoded in the charset its part declares (else as any page is), with
``url`` (the ``Snapshot-Content-Location`` the browser wrote, else the part's
``Content-Location``) and ``fetched`` (the message's ``Date``: when the page was saved, which
bounds the publication date the cleaner may infer) in its meta.
Rejects: ``empty``, ``bad_mhtml`` (no MIME message: no headers, or no HTML part in it, the reason naming
the parts found), ``too_large`` (over ``max_member_bytes``, or a page over ``max_doc_chars``),
and the decoding's codes (``empty``, ``binary``, ``undecodable``).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from datetime import UTC
from email.message import Message
from email.utils import parsedate_to_datetime

from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import RawDoc

# What an MHTML file opens with: its headers, among them a MIME version and a multipart or
# HTML content type (Chrome writes "From: <Saved by Blink>" first), within its first bytes
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,40}:[^\r\n]*\r?\n")
_MULTIPART = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MIME_VERSION = re.compile(rb"^mime-version:\s*1\.0", re.IGNORECASE | re.MULTILINE)


def is_mhtml(head: bytes) -> bool:
    """Whether ``head`` opens an MHTML file: header lines from its first byte, a
    ``MIME-Version: 1.0`` and a ``multipart/related`` content type among them (an e-mail
    with a picture attached is ``multipart/mixed``)."""
    start = head.lstrip(b"\xef\xbb\xbf")
    if _HEADER_LINE.match(start) is None:
        return False
    headers = start.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return _MIME_VERSION.search(headers) is not None and _MULTIPART.search(headers) is not None


def read_mhtml(inp: Input, ctx: Context) -> Iterator[Item]:
    """The page an MHTML file holds (see the module docstring)."""
    with inp.open() as stream:
        data = read_capped(stream, ctx.settings.max_member_bytes)
    if not data.strip():
        raise InputRejected("empty", "the file is empty")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.keys():
        raise InputRejected("bad_mhtml", "no MIME headers open the file")
    page = _page_part(message)
    if page is None:
        kinds = sorted({part.get_content_type() for part in message.walk()
                        if not part.is_multipart()})
        raise InputRejected("bad_mhtml", "the message holds no HTML part (parts: "
                            f"{', '.join(kinds[:10]) or 'none'})")
    body = page.get_payload(decode=True)
    if not isinstance(body, bytes):
        raise InputRejected("bad_mhtml", "the HTML part holds no content")
    try:
        text, encoding = decode_bytes(body, ctx.settings.max_doc_chars, page.get_content_charset(),
                                      "text/html")
    except InputRejected as exc:
        yield quarantine(inp.label(), exc, excerpt_of(body))
        return
    yield RawDoc(inp.source, text, "text/html", inp.position, encoding, _meta(message, page))


def _page_part(message: Message) -> Message | None:
    """The saved page: the message's first ``text/html`` part (its frames' come after it)."""
    return next((part for part in message.walk()
                 if not part.is_multipart() and part.get_content_type() == "text/html"), None)


def _meta(message: Message, page: Message) -> tuple[tuple[str, str], ...]:
    """``url`` and ``fetched`` of the saved page, where the message gives them."""
    meta: list[tuple[str, str]] = []
    url = message.get("Snapshot-Content-Location") or page.get("Content-Location")
    if url and (url := " ".join(str(url).split())).startswith(("http://", "https://")):
        meta.append(("url", url))
    saved = message.get("Date")
    if saved:
        try:
            moment = parsedate_to_datetime(str(saved))
        except (TypeError, ValueError, IndexError, OverflowError):
            moment = None
        if moment is not None:
            moment = moment.astimezone(UTC) if moment.tzinfo is not None else moment
            meta.append(("fetched", moment.isoformat()))
    return tuple(meta)


__all__ = ["is_mhtml", "read_mhtml"]

"""One WARC (or ARC) record, as warcio parsed it, to a :class:`RawDoc`, a quarantine row, or
nothing (a record that holds no document). Used by :mod:`storyline.ingest.warc`, which walks
the file and gives each record's offset.

What is a document, and what is said of it, is in :mod:`storyline.ingest.warc`'s docstring.
Kept here: the record loader warcio is given (:class:`RecordLoader`), which reads a record whose
``WARC-Type`` is written in another case and one without a ``WARC-Target-URI``, and says why a
record that cannot be read is no document (:func:`record_problem`), so that it is one row at its
own offset and the records after it are read.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from storyline.errors import InputRejected
from storyline.ingest.decode import (
    check_size,
    declared_charset,
    decode_bytes,
    html_charset,
    looks_binary,
    opens_page,
    sniff_media_type,
)
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.warcpayload import (
    UNDECODABLE_CODINGS,
    content_coding,
    content_stream,
    cut_reason,
    partial_reason,
    truncated_for_length,
)
from storyline.records import RawDoc

# Schemes of what a resource or conversion record archives as a document
_DOCUMENT_SCHEMES = frozenset({"http", "https", "ftp", "file"})
_ARC_FIELDS = ("uri", "ip-address", "archive-date", "content-type", "length")
_ARC_DATE = re.compile(r"[0-9]{12,14}")
_SNIFF_BYTES = 4096
_MEDIA = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
# The record types of WARC 1.1 (section 6); a reader is to skip others, and so are those here
# that hold no document
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                        "conversion", "continuation"})
_HTTP_LINE = b"HTTP/"


class RecordLoader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's record loader, with three differences. It reads no HTTP headers in a WARC record
    without a length: if its block holds none, warcio's HTTP parser would take the next record's
    header lines for them (such a record is passed over by :mod:`storyline.ingest.warc`). A
    ``WARC-Type`` in another case (``Response``) is read as the type it names. And a response
    record without a ``WARC-Target-URI``, on which warcio failed (and the whole file with
    it), has its block read as HTTP when it opens with an HTTP status line, else is a row;
    ``problem`` says why the record last loaded cannot be read, else None."""

    problem: InputRejected | None = None

    def parse_record_stream(self, stream: Any, *args: Any, **kwargs: Any) -> Any:
        self.problem = None
        return super().parse_record_stream(stream, *args, **kwargs)

    def _detect_type_load_headers(self, stream: Any, statusline: Any = None,
                                  known_format: str | None = None) -> tuple[str, Any]:
        found, headers = super()._detect_type_load_headers(stream, statusline, known_format)
        named = headers.get_header("WARC-Type") if found in ("warc", "arc2warc") else None
        if named is not None and named.strip().lower() in WARC_TYPES:
            headers.replace_header("WARC-Type", named.strip().lower())
        return found, headers

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: int | None
                          ) -> Any:
        if length is None:
            return None
        if uri is not None or rec_type not in self.HTTP_RECORDS or length == 0:
            return super().load_http_headers(rec_type, uri or "", stream, length)
        if rec_type != "response":
            return None  # a request or revisit without its address: no document either way
        first = stream.readline()
        if first.startswith(_HTTP_LINE):
            return self.http_parser.parse(stream, first)
        self.problem = InputRejected("bad_warc", "a response record without a WARC-Target-URI "
                                     "whose block opens with no HTTP status line")
        return None


def record_problem(record: Any, loader: RecordLoader) -> InputRejected | None:
    """Why a WARC record that warcio read is no document and its own row, else None: its
    ``WARC-Type`` is missing or damaged (``bad_warc``: what it holds cannot be known) or one
    WARC does not define (``unsupported``), or its loader found it unreadable. Silence would
    hide a damaged record among those that hold no article."""
    if record.format == "arc":
        return None
    if loader.problem is not None:
        return loader.problem
    named = record.rec_headers.get_header("WARC-Type")
    if named is None or not named.strip():
        return InputRejected("bad_warc", "a WARC record without a WARC-Type (none, or a header "
                             "line that does not parse): what it holds is not known")
    if named not in WARC_TYPES:
        return InputRejected("unsupported", f"a record of WARC-Type {named[:40]!r}, which "
                             "WARC does not define")
    return None


def payload_type(record: Any) -> tuple[str | None, str | None]:
    """The document media type of a record (None if it holds no document; ``UNTYPED`` when
    its headers name none, and the payload, unless binary, is sniffed) and its charset: an
    HTTP response's from its HTTP headers (2xx only), a ``resource`` or ``conversion`` record's
    (a file archived as it is; a WET file's extracted text) from its WARC headers, when it
    archives a web or file address (a crawler's own log, ``metadata://…/wget.log``, is no
    document)."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if _site_file(uri):
        return None, None
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None, None
    elif record.rec_type in ("resource", "conversion"):
        if urlsplit(uri).scheme.lower() not in _DOCUMENT_SCHEMES:
            return None, None
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None, None
    kind, _, params = content_type.partition(";")
    found = _CHARSET.search(params)
    charset = found.group(1).strip(" \"'") or None if found else None
    if not kind.strip():
        return UNTYPED, charset  # no Content-Type: the payload says what it is
    return _MEDIA.get(kind.strip().lower()), charset


# Files a site keeps at its root for crawlers and ad networks, by their standards (robots.txt,
# RFC 9309; ads.txt and app-ads.txt, IAB; humans.txt; llms.txt), which every crawl fetches:
# served as text/plain, each was stored as an article ("adnetwork.example, pub-1, DIRECT" lines)
_SITE_FILES = frozenset({"/robots.txt", "/ads.txt", "/app-ads.txt", "/humans.txt", "/llms.txt"})


def _site_file(uri: str) -> bool:
    """Whether ``uri`` is a site's file for crawlers (:data:`_SITE_FILES`) or under
    ``/.well-known/`` (RFC 8615: security.txt and the like), no document."""
    path = urlsplit(uri.strip("<> ")).path.lower()
    return path in _SITE_FILES or path.startswith("/.well-known/")


_CHARSET = re.compile(r"charset\s*=\s*([^;]*)", re.IGNORECASE)
UNTYPED = "?"  # a document record whose headers name no media type
_PAGE_END = re.compile(r"</(?:head|body|html)\s*>", re.IGNORECASE)


def origin(record: Any) -> tuple[str | None, str | None]:
    """``(url, fetched)`` of a record: a WARC's target URI and date, or an ARC's URL and date
    (ISO 8601). An ARC header line that does not hold them — any line with four spaces reads
    as one to warcio, whose parser then skips the line after it — is ``bad_warc``: the file is
    not read on from there."""
    headers = record.rec_headers
    if record.format != "arc":
        return headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date")
    uri, date, length = (headers.get_header(k) or "" for k in ("uri", "archive-date", "length"))
    fields = uri.split()
    if len(fields) == 6:  # ARC version 2: warcio splits off version 1's last four fields only
        uri, date = fields[0], fields[2]
    if not (uri and " " not in uri and length.isdigit() and _ARC_DATE.fullmatch(date)):
        raise ArchiveLoadFailed(f"an ARC record header that does not parse: "
                                f"{' '.join(headers.get_header(k) or '' for k in _ARC_FIELDS)[:120]!r}")
    stamp = date.ljust(14, "0")
    fetched = (f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}Z")
    return uri, fetched


Body = tuple[str, str | None, bytes | InputRejected]


def body(record: Any, ctx: Context) -> Body | None:
    """``(media type, charset, payload or why not)`` of a document record, None for the others.
    A payload that is not the whole page is ``truncated`` (:mod:`~storyline.ingest.warcpayload`),
    one in a content coding that cannot be decoded ``unsupported``: either, stored, was a piece
    of a page or binary junk taken for an article. A payload the crawler cut at its size limit
    (``WARC-Truncated: length``) is kept as stored: its chunks or gzip data stopping short is
    that cut, said in the document's meta (:func:`item`)."""
    media, charset = payload_type(record)
    if media is None:
        return None
    partial = partial_reason(record)
    if partial is not None:
        return media, charset, InputRejected("truncated", partial)
    stream = content_stream(record)
    try:
        data = read_capped(stream, ctx.settings.max_doc_chars * 4)
    except InputRejected as exc:
        return media, charset, exc
    cut = cut_reason(stream) if data and not truncated_for_length(record) else None
    if cut is not None:
        return media, charset, InputRejected("truncated", cut)
    coding = content_coding(record)
    if coding in UNDECODABLE_CODINGS and looks_binary(data[:_SNIFF_BYTES]):
        return media, charset, InputRejected("unsupported", (
            f"the payload is in Content-Encoding {coding!r}, which cannot be decoded here")[:300])
    return media, charset, data


def item(record: Any, found: Body | None, inp: Input, ctx: Context, part: str,
         where: tuple[str | None, str | None]) -> Item | None:
    """The RawDoc or quarantine row of one record (read and drained), None if it is no
    document. ``where``: its :func:`origin`, which becomes ``url`` and ``fetched`` in the meta,
    and ``warc_truncated`` says a payload the crawler cut at its size limit."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return quarantine(inp.label(part), InputRejected(
            "truncated", f"the record ends {missing} bytes before its Content-Length"))
    if found is None:
        return None
    media, charset, data = found
    if isinstance(data, InputRejected):
        return quarantine(inp.label(part), data)
    if media == UNTYPED and looks_binary(data[:_SNIFF_BYTES]):
        return None  # an image or the like archived without its type: no document
    try:
        hint = declared_charset(charset, html_charset(data) if media in ("text/html", UNTYPED)
                                else None)
        # (the payload's bytes are capped: its text is measured once its kind is known)
        text, encoding = decode_bytes(data, 4 * ctx.settings.max_doc_chars, hint, "text/plain")
        if media == UNTYPED:
            if sniff_media_type(text) != "text/html":
                return None  # untyped JSON, a script, a style sheet: only a page is a document
            media = "text/html"
        elif media == "text/plain" and record.rec_type == "response" and opens_page(text) \
                and _PAGE_END.search(text) is not None:
            # a page a server labelled text/plain: its markup is no article (not a crawler's
            # extracted text, a WET record, that begins with a tag's name: MDN's "<html>: ...")
            media = "text/html"
        check_size(text, ctx.settings.max_doc_chars, media)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, excerpt_of(data))
    meta = tuple((key, value) for key, value in zip(("url", "fetched"), where, strict=True) if value)
    if truncated_for_length(record):
        meta += (("warc_truncated", "length"),)
    return RawDoc(inp.source, text, media, inp.at(part), encoding, meta)

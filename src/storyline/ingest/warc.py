"""WARC / WARC.gz web archives (and WET and ARC files), read with warcio.

Accepts: WARC 1.0/1.1 files, WET files (Common Crawl's extracted text, ``.warc.wet.gz``) and
ARC files (versions 1 and 2, the format before WARC: a file that opens with a ``filedesc://``
record; each record's URL and date become ``url`` and ``fetched``), plain or record-gzipped;
HTTP chunked and gzip payloads are decoded by warcio. Documents are ``response`` records with
a 2xx status and an HTML or plain-text content type, and ``resource`` and ``conversion``
records (a file archived as it is; the text a crawler extracted from a page) of an http(s),
ftp or file address whose WARC Content-Type is HTML or plain text; request, metadata, revisit
and warcinfo records, a crawler's own log, redirects and images are skipped.
Produces: one :class:`RawDoc` per such record at position ``warc offset N`` (the record's byte
offset in the file, as CDX indexes give it), with the ``WARC-Target-URI`` (an ARC's URL) as
``url`` and the ``WARC-Date`` (an ARC's date) as ``fetched`` in its meta (the crawl time, not
the publication date).
Rejects: ``truncated`` (a record shorter than its Content-Length, or bytes after the last record
that do not parse), ``too_large`` (a payload over ``4 × max_doc_chars`` bytes), ``bad_warc``
(not a WARC; or, after records that were read, bytes where the next record should start that
do not parse — a Content-Length that lies short, an ARC header line without a URL, a date and
a length — at that offset, with how much is not read),
``empty`` (no document record at all), decoding codes as for text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes, html_charset
from storyline.ingest.limits import GZIP_MAGIC, LimitedReader, buffered, read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import RawDoc

# Schemes of what a resource or conversion record archives as a document
_DOCUMENT_SCHEMES = frozenset({"http", "https", "ftp", "file"})
_ARC_FIELDS = ("uri", "ip-address", "archive-date", "content-type", "length")
_ARC_DATE = re.compile(r"[0-9]{12,14}")
_MEDIA = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
# Uncompressed WARCs end records with CRLF CRLF, which warcio leaves out of the record length.
_SEPARATOR = 4
# warcio reads a line by appending block after block to it, in time quadratic in the line's
# length: an uncompressed WARC holding one 48 MB header line took 47 s, and a 300 MB one never
# finished. A line read without a length (a WARC or HTTP header line) is read to _MAX_LINE
# bytes at most: no real header line comes near, and past it the file is not a WARC from there
# on (both lines above: bad_warc at once).
_MAX_LINE = 1 << 24


class _LineCappedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, with a line read without a length (a header line) read to
    ``_MAX_LINE`` bytes at most. Its own ``readline(n)`` may stop short of ``n`` on a long
    line, so the pieces are gathered here, in a list (one join, no quadratic appends)."""

    def readline(self, length: int | None = None) -> bytes:
        first: bytes = super().readline(
            length if length is not None and 0 <= length <= _MAX_LINE else _MAX_LINE)
        if not first or first.endswith(b"\n") or (length is not None and 0 <= length <= _MAX_LINE):
            return first  # nearly every line
        pieces, size = [first], len(first)
        while size < _MAX_LINE:
            piece: bytes = super().readline(_MAX_LINE - size)
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
            if piece.endswith(b"\n"):
                break
        line = b"".join(pieces)
        if size >= _MAX_LINE and not line.endswith(b"\n"):
            raise ArchiveLoadFailed(f"a line of over {_MAX_LINE} bytes where a header belongs")
        return line


def _payload_type(record: Any) -> tuple[str | None, str | None]:
    """The document media type of a record (None if it holds no document) and its charset: an
    HTTP response's from its HTTP headers (2xx only), a ``resource`` or ``conversion`` record's
    (a file archived as it is; a WET file's extracted text) from its WARC headers, when it
    archives a web or file address (a crawler's own log, ``metadata://…/wget.log``, is no
    document)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None, None
    elif record.rec_type in ("resource", "conversion"):
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        if urlsplit(uri).scheme.lower() not in _DOCUMENT_SCHEMES:
            return None, None
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None, None
    kind, _, params = content_type.partition(";")
    charset = params.partition("charset=")[2].strip(" \"'") or None
    return _MEDIA.get(kind.strip().lower()), charset


def _where(record: Any) -> tuple[str | None, str | None]:
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


_Body = tuple[str, str | None, bytes | InputRejected]


def _body(record: Any, ctx: Context) -> _Body | None:
    """``(media type, charset, payload or why not)`` of a document record, None for the others."""
    media, charset = _payload_type(record)
    if media is None:
        return None
    try:
        return media, charset, read_capped(record.content_stream(), ctx.settings.max_doc_chars * 4)
    except InputRejected as exc:
        return media, charset, exc


def _item(record: Any, body: _Body | None, inp: Input, ctx: Context, part: str,
          where: tuple[str | None, str | None]) -> Item | None:
    """The RawDoc or quarantine row of one record (read and drained), None if it is no document."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return quarantine(inp.label(part), InputRejected(
            "truncated", f"the record ends {missing} bytes before its Content-Length"))
    if body is None:
        return None
    media, charset, data = body
    if isinstance(data, InputRejected):
        return quarantine(inp.label(part), data)
    try:
        hint = charset or (html_charset(data) if media == "text/html" else None)
        text, encoding = decode_bytes(data, ctx.settings.max_doc_chars, hint)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, excerpt_of(data))
    meta = tuple((key, value) for key, value in zip(("url", "fetched"), where, strict=True) if value)
    return RawDoc(inp.source, text, media, inp.at(part), encoding, meta)


def _is_arc(head: bytes) -> bool:
    """Whether a file whose first bytes are ``head`` is an ARC file: its first record, gzipped or
    not, is the ``filedesc://`` one."""
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"filedesc://")


def _records(stream: LimitedReader, inp: Input, ctx: Context, arc: bool
             ) -> Iterator[tuple[int, Item | None]]:
    """``(end offset, item)`` per record. The payload is read first: asking warcio for the
    record's offset drains the record."""
    records = ArchiveIterator(stream)
    # warcio builds its reader in the constructor and reads nothing before the first record.
    records.reader = _LineCappedReader(records.fh)
    for record in records:
        if record.format != ("arc" if arc else "warc"):
            raise ArchiveLoadFailed(f"a {record.format} record where a{'n ARC' if arc else ' WARC'} "
                                    "record belongs")
        where = _where(record)
        body = _body(record, ctx)
        offset, length = records.get_record_offset(), records.get_record_length()
        yield offset + length, _item(record, body, inp, ctx, f"warc offset {offset}", where)


def read_warc(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every document record of a WARC file (see the module docstring)."""
    with buffered(inp.open()) as raw:
        arc = _is_arc(raw.peek(512)[:512])
        stream = LimitedReader(raw, cap=1 << 62)  # counts the bytes, caps nothing
        end, found, broken = 0, False, None
        try:
            for record_end, item in _records(stream, inp, ctx, arc):
                end = record_end
                if item is not None:
                    found = True
                    yield item
        except ArchiveLoadFailed as exc:
            if not end:
                raise InputRejected("bad_warc", str(exc)[:300]) from None
            broken = str(exc)[:200]  # records before the break were read
        while stream.read(1 << 20):
            pass  # the bytes warcio did not take: trailing garbage or a cut record
    if broken is not None:
        yield quarantine(inp.label(f"warc offset {end}"), InputRejected(
            "bad_warc", f"no WARC record parses here, so the rest of the file is not read "
            f"({stream.count - end} bytes): {broken}"))
    elif stream.count - end > _SEPARATOR:
        yield quarantine(inp.label(f"warc offset {end}"), InputRejected(
            "truncated", f"{stream.count - end} bytes after the last whole record do not parse"))
    elif not found:
        raise InputRejected("empty", "no response, resource or conversion record with an HTML "
                            "or text payload")

"""WARC / WARC.gz web archives (and WET and ARC files), read with warcio.

Accepts: WARC 1.0/1.1 files, WET files (Common Crawl's extracted text, ``.warc.wet.gz``) and
ARC files (versions 1 and 2, the format before WARC: a file that opens with a ``filedesc://``
record; each record's URL and date become ``url`` and ``fetched``), plain or record-gzipped;
HTTP chunked and gzip (``x-gzip``) and deflate payloads are decoded (warcio's readers, watched
for a cut). Documents are ``response`` records with a 2xx status and an HTML or plain-text
content type, and ``resource`` and ``conversion`` records (a file archived as it is; the text
a crawler extracted from a page) of an http(s), ftp or file address whose WARC Content-Type is
HTML or plain text; request, metadata, revisit and warcinfo records, a crawler's own log,
redirects and images are skipped, and so are a site's files for crawlers (``/robots.txt``,
``/ads.txt``, ``/.well-known/…``), which are text but no article.
Produces: one :class:`RawDoc` per such record at position ``warc offset N`` (the record's byte
offset in the file, as CDX indexes give it; ``warc offset M, decompressed offset N`` for a
record inside a gzip member of several records, M being the member's offset: a WARC gzipped
whole, not record by record, which warcio does not read past its first record, is read again
from that member's first byte, decompressed, when it is under 64 MiB (the bytes of the member
being read are kept that far), or at once from the start when the file opens with a blank line
or an empty member; blank lines before the first record are skipped; ``decompressed offset
N`` for a WARC whose whole file another compression holds — bzip2, xz, zstd, a nameless
gzip — N counting the decompressed bytes), with the
``WARC-Target-URI`` (an ARC's URL) as ``url`` and the ``WARC-Date`` (an ARC's date) as
``fetched`` in its meta (the crawl time, not the publication date). Padding after the last
record (blank bytes, NULs, empty gzip members: what writers leave for block alignment or
when closing a file) is read past without a row.
Rejects: ``truncated`` (a payload that is part of a page: the crawler says it cut it,
``WARC-Truncated``; a 206 response whose Content-Range is not the whole page; chunks or gzip
data that stop before their end), ``unsupported`` (a binary payload in a content coding that
cannot be decoded: zstd, compress; brotli is, with the ``brotli`` package), and ``truncated`` (a record
shorter than its Content-Length, the file or its gzip member
ending inside it, no record's first line in it; bytes after the last record
that do not parse; a file that ends inside a record's header lines, its first record's too,
or right after those of a record without a Content-Length, or inside its last gzip member, the
CRC missing, though every record is whole — after the records; a WARC compressed whole and cut
keeps every whole record before the cut),
``too_large`` (a payload over ``4 × max_doc_chars`` bytes), ``bad_warc``
(not a WARC; or, after records that were read, bytes where the next record should start that
do not parse — an ARC header line without a URL, a date and a length; a WARC record's
Content-Length lying short to just before a blank line — at that offset, with how much is not
read; or a WARC record whose Content-Length lies, short or long or past the end of the file
(what follows its block is no blank line and no record, or the file ends inside the block and
the block holds a record's first line), at its own offset, the reading going on at the next
record, those its block took in read from their own first lines
(:mod:`storyline.ingest.warclength`); or a WARC record without a usable
Content-Length — none, an empty one, not a number — at its own offset: warcio would read it to
the end of the file, and every record after it with it, so the reading goes on at the next
line that opens a WARC record, ``WARC/1.0`` or ``WARC/1.1`` alone on its line, found in a
stream read a piece at a time; such a line inside the broken record's block is taken for a
record's start. So in a plain WARC and in one compressed whole; one alone in its gzip member,
in a WARC gzipped record by record, is passed over to the member's end, the next member read),
``empty`` (no document record at all), decoding codes as for text.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from storyline.errors import InputRejected
from storyline.ingest.compressed import COMPRESSIONS, Streams
from storyline.ingest.decode import (
    declared_charset,
    decode_bytes,
    html_charset,
    looks_binary,
    sniff_media_type,
)
from storyline.ingest.limits import GZIP_MAGIC, LimitedReader, RawView, buffered, read_capped
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.warclength import CheckedRecords, next_record_line
from storyline.ingest.warcpayload import (
    UNDECODABLE_CODINGS,
    content_coding,
    content_stream,
    cut_reason,
    partial_reason,
)
from storyline.records import QuarantineRow, RawDoc

log = logging.getLogger(__name__)

# Schemes of what a resource or conversion record archives as a document
_DOCUMENT_SCHEMES = frozenset({"http", "https", "ftp", "file"})
_ARC_FIELDS = ("uri", "ip-address", "archive-date", "content-type", "length")
_ARC_DATE = re.compile(r"[0-9]{12,14}")
_SNIFF_BYTES = 4096
_MEDIA = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
# Uncompressed WARCs end records with CRLF CRLF, which warcio leaves out of the record length.
_SEPARATOR = 4
# warcio's words when a gzip member holds more than one record (a WARC gzipped whole)
_NOT_CHUNKED = "non-chunked gzip file detected"
_REPLAY_BYTES = 64 << 20
_TAIL = 1 << 16  # the last bytes of a reading kept to tell a cut record from garbage
_ARC_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*://\S+ ")  # an ARC record's header line
_BLANK = b" \t\r\n"
_PADDING = _BLANK + b"\0"  # what a writer may leave after the last record (block alignment)
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

    cut_member = False  # whether the gzip member being read when the file ended had no trailer

    def close_decompressor(self) -> None:
        # warcio reads no CRC of its own: a record-gzipped WARC cut in its last member's
        # trailer (or in the last record's gzip data, past what warcio needed) ends quietly
        if self.decompressor is not None and not self.decompressor.eof and self.num_read:
            self.cut_member = True
        super().close_decompressor()


class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's record loader, which reads no HTTP headers in a WARC record without a length:
    if its block holds none, warcio's HTTP parser would take the next record's header lines
    for them. Such a record is passed over (see :func:`_pass_over`). One without a target URI
    still fails in warcio, as one with a length does: headers that do not parse."""

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: int | None
                          ) -> Any:
        if length is None and uri is not None:
            return None
        return super().load_http_headers(rec_type, uri, stream, length)


def _payload_type(record: Any) -> tuple[str | None, str | None]:
    """The document media type of a record (None if it holds no document; ``_UNTYPED`` when
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
        return _UNTYPED, charset  # no Content-Type: the payload says what it is
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
_UNTYPED = "?"  # a document record whose headers name no media type


def _origin(record: Any) -> tuple[str | None, str | None]:
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
    """``(media type, charset, payload or why not)`` of a document record, None for the others.
    A payload that is not the whole page is ``truncated`` (:mod:`~storyline.ingest.warcpayload`),
    one in a content coding that cannot be decoded ``unsupported``: either, stored, was a piece
    of a page or binary junk taken for an article."""
    media, charset = _payload_type(record)
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
    cut = cut_reason(stream) if data else None
    if cut is not None:
        return media, charset, InputRejected("truncated", cut)
    coding = content_coding(record)
    if coding in UNDECODABLE_CODINGS and looks_binary(data[:_SNIFF_BYTES]):
        return media, charset, InputRejected("unsupported", (
            f"the payload is in Content-Encoding {coding!r}, which cannot be decoded here")[:300])
    return media, charset, data


def _item(record: Any, body: _Body | None, inp: Input, ctx: Context, part: str,
          origin: tuple[str | None, str | None]) -> Item | None:
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
    if media == _UNTYPED and looks_binary(data[:_SNIFF_BYTES]):
        return None  # an image or the like archived without its type: no document
    try:
        hint = declared_charset(charset, html_charset(data) if media in ("text/html", _UNTYPED)
                                else None)
        text, encoding = decode_bytes(data, ctx.settings.max_doc_chars, hint)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, excerpt_of(data))
    if media == _UNTYPED:
        if sniff_media_type(text) != "text/html":
            return None  # untyped JSON, a script, a style sheet: only a page is a document
        media = "text/html"
    meta = tuple((key, value) for key, value in zip(("url", "fetched"), origin, strict=True) if value)
    return RawDoc(inp.source, text, media, inp.at(part), encoding, meta)


def _first_bytes(head: bytes) -> tuple[bytes, bool]:
    """A file's first bytes, ``head``, gunzipped when they are gzip (up to 512 of them, across
    gzip members: an empty or blank first member may come before the first record), and whether
    that first member holds nothing or opens with a blank line (warcio reads either as the end
    of the file)."""
    out, opens_blank = b"", False
    while head.startswith(GZIP_MAGIC) and len(out) < 512:
        member = zlib.decompressobj(wbits=31)
        try:
            text = member.decompress(head, 512 - len(out))
        except zlib.error:
            break
        if not out:
            opens_blank = text[:1].isspace() or (not text and member.eof)
        out += text
        if not member.eof:
            break
        head = member.unused_data
    return (out if out or not head else head), opens_blank


def _records(stream: LimitedReader, inp: Input, ctx: Context, arc: bool, state: _Pass
             ) -> Iterator[tuple[int, int, Item | None]]:
    """``(offset, end offset, item)`` per record, offsets counted from ``state.base`` (the
    bytes before ``stream``). The payload is read first: asking warcio for the record's offset
    drains the record. A WARC record without a Content-Length, or with an empty one or other
    than a number, is passed over by :func:`_pass_over`. ``state.cut_member`` tells whether the
    last gzip member ended before its trailer."""
    records = CheckedRecords(stream)
    # warcio builds its reader and loader in the constructor and reads nothing before the
    # first record.
    records.reader = reader = _LineCappedReader(records.fh)
    records.loader = _Loader(verify_http=False, arc2warc=False)
    for record in _guarded(records, reader, state):
        if record.format != ("arc" if arc else "warc"):
            raise ArchiveLoadFailed(f"a record of format {record.format!r} where "
                                    f"{'an ARC' if arc else 'a WARC'} record belongs")
        if not arc and not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            yield from _pass_over(records, reader, inp, state)
            continue
        origin = _origin(record)
        body = _body(record, ctx)
        offset, length = records.get_record_offset(), records.get_record_length()
        if offset < 0:  # inside a gzip member of several records: the offset means nothing
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (a record at offset {offset})")
        offset += state.base
        part = f"{state.label} {offset}"
        item = _item(record, body, inp, ctx, part, origin) if records.lie is None \
            else quarantine(inp.label(part), records.lie)
        if length < 0:  # the first record of a gzip member that holds more: read, then stop
            yield offset, offset, item
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (the member at offset {offset})")
        yield offset, offset + length, item
    state.cut_member = reader.cut_member


def _pass_over(records: ArchiveIterator, reader: _LineCappedReader, inp: Input, state: _Pass
               ) -> Iterator[tuple[int, int, Item | None]]:
    """Pass over the WARC record whose headers warcio has just read, which has no usable
    Content-Length (none, an empty one, or other than a number): warcio would read its block
    to the end of the stream (or of its gzip member), and every record after it with it.

    Its block is read on, in pieces (:func:`~storyline.ingest.warclength.next_record_line`),
    to the next line that opens
    a WARC record, where warcio is set to read on; the record is one ``bad_warc`` row at its
    own offset, ``(offset, where reading goes on, row)``. A ``WARC/1.0`` line inside its block
    is taken for the next record's start: nothing tells them apart (if what follows does not
    parse, the reading stops there with a row, as after any record). Nothing is given for a
    record that ends the stream or its gzip member with nothing but blank lines after its
    headers (its headers cut short: the end of the reading says so). One alone in its gzip
    member (a record-gzipped WARC) is a row up to the member's end, where warcio reads on. One
    followed by another record in its gzip member (a WARC gzipped whole) is given, then the
    member is read again decompressed, from this record on, as any member of several records
    is."""
    start = records.offset + state.base  # where warcio began the record (its headers are read)
    in_member = reader.decompressor is not None
    if in_member and state.replay is None:
        return  # a gzip inside a file read decompressed: warcio reads to the member's end
    line, passed, body = next_record_line(reader)
    if line is None and not body:
        return  # its headers cut short at the end: the end of the reading says so
    if line is None and in_member:  # alone in its gzip member: warcio reads on at the next
        end = records.fh.tell() - reader.rem_length() + state.base
        yield start, end, quarantine(inp.label(f"{state.label} {start}"), InputRejected(
            "bad_warc", f"a WARC record without a usable Content-Length: the {passed} bytes "
            "after its headers, up to the end of its gzip member, are passed over"))
        return
    if in_member:
        where = "the next record in its gzip member (a member of several records)"
        resume = start
    else:
        resume = records.fh.tell() - reader.rem_length() - len(line or b"") + state.base
        where = f"the record at {state.label} {resume}" if line else "the end of the file"
        # warcio's own state: no record to drain, the next one's first line already read,
        # and where that record begins
        records.record, records.next_line, records.offset = None, line, resume - state.base
    yield start, resume, quarantine(inp.label(f"{state.label} {start}"), InputRejected(
        "bad_warc", f"a WARC record without a usable Content-Length: the {passed} bytes after "
        f"its headers are passed over, up to {where}"))
    if in_member:
        raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (a record without a length at offset {start})")


def _guarded(records: ArchiveIterator, reader: _LineCappedReader, state: _Pass) -> Iterator[Any]:
    """warcio's records. A record that does not parse inside a gzip member warcio has not
    finished, in a gzipped file read as it is, is taken for a member of several records (a WARC
    gzipped whole and cut before warcio said so at its second record): it is read again,
    decompressed, from that member's start."""
    try:
        yield from records
    except (ArchiveLoadFailed, AttributeError) as exc:
        decompressor = reader.decompressor
        if state.replay is not None and decompressor is not None and not decompressor.eof:
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (a record that does not parse inside an "
                                    f"unfinished gzip member: {exc})") from exc
        raise


@dataclass
class _Pass:
    """One reading of a WARC: where the last whole record began and ended, how many records
    were read, whether one was a document, why the reading stopped early (if it did)."""

    skip: int = 0  # records a first reading already gave
    found: bool = False
    base: int = 0  # blank bytes before the first record, which warcio would take for the end
    label: str = "warc offset"
    start: int = 0
    end: int = 0
    records: int = 0
    broken: str | None = None
    gzipped_whole: bool = False
    replay: _Replay | None = None  # the bytes from the last record's start, kept (64 MiB at most)
    streams: Streams | None = None  # the gzip reader of a reading decompressed whole
    cut_member: bool = False  # the last gzip member (a record's own) ends before its trailer
    tail: _Tail | None = None  # the last bytes read, to tell a record cut short from garbage
    last_cut: bool = False  # the last record read is cut short (its own truncated row says so)


def _read_pass(stream: LimitedReader, inp: Input, ctx: Context, arc: bool, state: _Pass
               ) -> Iterator[Item]:
    """The documents of one reading of ``stream``, past the first ``state.skip`` records; what
    it met on the way is left in ``state``."""
    try:
        for start, end, item in _records(stream, inp, ctx, arc, state):
            state.start, state.end = start, end
            state.records += 1
            state.last_cut = isinstance(item, QuarantineRow) and item.code == "truncated"
            if state.replay is not None:
                # This record may open a gzip member of several: warcio says so at the next one.
                state.replay.forget_before(start)
            if item is not None and state.records > state.skip:
                state.found = True
                yield item
    except (ArchiveLoadFailed, AttributeError) as exc:
        why = str(exc) if isinstance(exc, ArchiveLoadFailed) else (
            f"a record whose headers do not parse, cut or damaged ({exc})")  # warcio's error then
        if _NOT_CHUNKED in why:
            # The last record read opens a gzip member of several: warcio's ends in it mean
            # nothing (a record after it at a negative offset is warcio's too).
            state.gzipped_whole, state.end = True, state.start
            return
        if not state.end:
            if state.tail is not None and state.tail.cut_record(stream.count + state.base, arc):
                raise InputRejected("truncated", f"the file ends inside its first record "
                                    f"({why})"[:300]) from None
            raise InputRejected("bad_warc", why[:300]) from None
        state.broken = why[:200]  # records before the break were read


class _Replay:
    """The bytes read from ``raw`` since the start of the last record read (64 MiB at most), so
    that the gzip member it opens, when it holds several records (which warcio reads no further
    than their first), can be read again, decompressed, from its first byte."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self._raw = raw
        self._kept: bytearray | None = bytearray()
        self._origin = 0  # the file offset of the first byte kept

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        if self._kept is not None:
            self._kept += data
            if len(self._kept) > _REPLAY_BYTES:
                self._kept = None
        return data

    def forget_before(self, offset: int) -> None:
        """Drop what lies before ``offset`` (the start of the last record read)."""
        if self._kept is not None and offset > self._origin:
            del self._kept[: offset - self._origin]
            self._origin = offset

    def holds(self, offset: int) -> bool:
        return self._kept is not None and offset >= self._origin

    def again(self, offset: int) -> io.BufferedReader:
        """The file from ``offset`` on (only while :meth:`holds` it)."""
        kept = bytes(self._kept[offset - self._origin:]) if self._kept is not None else b""
        self._kept = None
        return buffered(RawView(_Chain(io.BytesIO(kept), self._raw)))

    def close(self) -> None:
        pass  # warcio closes what it reads when it stops; the file is closed by its reader


class _Tail:
    """``raw``, keeping the last ``_TAIL`` bytes read (or more, up to twice that)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self.kept = bytearray()
        self.padded = 0  # how many of the last bytes read are padding (however many were read)

    def read(self, size: int = -1, /) -> bytes:
        data: bytes = self._raw.read(size)
        content = len(data.rstrip(_PADDING))
        self.padded = self.padded + len(data) if not content else len(data) - content
        self.kept += data
        if len(self.kept) > 2 * _TAIL:
            del self.kept[:-_TAIL]
        return data

    def close(self) -> None:
        pass  # the file is closed by its reader

    def _last(self, count: int) -> bytes | None:
        """The last ``count`` bytes read, blank lines first left out (None if not all kept)."""
        return bytes(self.kept[-count:]).lstrip(_BLANK) if 0 < count <= len(self.kept) else None

    def padding(self, count: int) -> bool:
        """Whether the last ``count`` bytes read are padding, no record: blank bytes and NULs
        (a writer's block alignment), and gzip members holding nothing else (an empty member
        closing a record-gzipped WARC). False when they were not all kept."""
        if 0 < count <= self.padded:
            return True
        if not 0 < count <= len(self.kept):
            return False
        piece = bytes(self.kept[-count:])
        while piece := piece.lstrip(_PADDING):
            if not piece.startswith(GZIP_MAGIC):
                return False
            member = zlib.decompressobj(wbits=31)
            try:
                inner = member.decompress(piece, _TAIL)
            except zlib.error:
                return False
            if not member.eof or inner.strip(_PADDING):
                return False
            piece = member.unused_data
        return True

    def cut_record(self, count: int, arc: bool = False) -> bool:
        """Whether the last ``count`` bytes read are the start of a record that the file's end
        cut short (its headers, or a gzip member of them), and not bytes that are no record."""
        piece = self._last(count)
        if piece is None:
            return False
        if piece.startswith(GZIP_MAGIC):
            member = zlib.decompressobj(wbits=31)
            try:
                piece = member.decompress(piece, _TAIL).lstrip(_BLANK)
            except zlib.error:
                return False
            if member.unused_data:  # more gzip members follow: no cut at the end
                return False
        if arc:
            return _ARC_LINE.match(piece) is not None and b"\n" not in piece.rstrip(b"\r\n")
        return bool(piece) and piece[:5] == b"WARC/"[:len(piece)] and b"\nWARC/" not in piece


class _Chain:
    """``first`` read to its end, then ``then``."""

    def __init__(self, first: io.BytesIO, then: io.BufferedReader) -> None:
        self._first, self._then = first, then

    def read(self, size: int = -1, /) -> bytes:
        return self._first.read(size) or self._then.read(size)

    def close(self) -> None:
        self._then.close()


def _decompressed(raw: io.BufferedReader, at: int = 0, skip: int = 0, found: bool = False
                  ) -> tuple[LimitedReader, _Pass]:
    """A gzipped file read as one stream from its offset ``at`` (positions ``warc offset AT,
    decompressed offset N``), past its blank lines, and the state of its reading (``skip``:
    records a first reading already gave). Not charged to the budget, as warcio's own
    decompression of a WARC gzipped per record is not: the reader caps each payload."""
    streams = COMPRESSIONS["gzip"].open(raw)
    streams.quiet_cut = True  # a last record that is whole is read; the cut is said after it
    text = buffered(streams)
    base = _skip_blank(text)
    tail = _Tail(text)
    stream = LimitedReader(tail, cap=1 << 62)
    return stream, _Pass(skip=skip, found=found, base=base, end=base, streams=streams,
                         label=f"warc offset {at}, decompressed offset", tail=tail)


def _skip_blank(raw: io.BufferedReader) -> int:
    """Read past the blank lines before an uncompressed file's first record (warcio reads a
    blank first line as the end of the file); how many bytes."""
    skipped = 0
    while blank := len(head := raw.peek(1 << 12)[: 1 << 12]) - len(head.lstrip(_BLANK)):
        skipped += len(raw.read(blank))
    return skipped


def read_warc(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every document record of a WARC file (see the module docstring)."""
    with buffered(inp.open()) as raw:
        head = raw.peek(1 << 12)[: 1 << 12]
        first, opens_blank = _first_bytes(head)
        arc = first.lstrip(_BLANK).startswith(b"filedesc://")  # an ARC opens with its filedesc
        gzipped = head.startswith(GZIP_MAGIC)
        if opens_blank:  # warcio would read the first gzip member as the end of the file
            stream, state = _decompressed(raw)
        else:
            replay = _Replay(raw) if gzipped else None
            base = 0 if replay else _skip_blank(raw)
            tail = _Tail(replay or raw)
            stream = LimitedReader(tail, cap=1 << 62)  # counts the bytes, caps nothing
            state = _Pass(base=base, end=base, replay=replay, tail=tail,
                          label="decompressed offset" if inp.decompressed else "warc offset")
        yield from _read_pass(stream, inp, ctx, arc, state)
        if state.gzipped_whole and state.replay is not None and state.replay.holds(state.start):
            # gzip's own file, not one gzip member a record: read again, decompressed, from the
            # start of the member, past its first record (already read)
            log.info("%s holds a gzip member of several records at offset %d: read again "
                     "decompressed", inp.label(), state.start)
            stream, state = _decompressed(state.replay.again(state.start), at=state.start,
                                          skip=min(state.records, 1), found=state.found)
            yield from _read_pass(stream, inp, ctx, arc, state)
        elif state.gzipped_whole:
            state.broken = ("a gzip member holding several records, which warcio does not read, "
                            f"over {_REPLAY_BYTES >> 20} MiB, too long to keep to read it again")
        while stream.read(1 << 20):
            pass  # the bytes warcio did not take: trailing garbage or a cut record
    if state.streams is not None and state.streams.trailing is not None:
        yield quarantine(inp.label(), InputRejected("bad_compression", state.streams.trailing))
    count, where = stream.count + state.base - state.end, inp.label(f"{state.label} {state.end}")
    cut = state.streams.cut if state.streams is not None else None
    if cut is None and state.tail is not None and state.tail.padding(count):
        count, state.broken = 0, None  # padding after the last record: nothing is missed
    if state.broken is not None and cut is not None:  # the record the reading broke on is cut
        yield quarantine(where, InputRejected(
            "truncated", f"{cut}, inside a record ({count} bytes after the last whole record: "
            f"{state.broken})"))
    elif state.broken is not None and state.tail is not None and state.tail.cut_record(count, arc):
        yield quarantine(where, InputRejected(
            "truncated", f"the file ends inside a record ({count} bytes after the last whole "
            f"record: {state.broken})"))
    elif state.broken is not None:
        yield quarantine(where, InputRejected(
            "bad_warc", f"no WARC record parses here, so the rest of the file is not read "
            f"({count} bytes): {state.broken}"))
    elif count > _SEPARATOR:
        yield quarantine(where, InputRejected(
            "truncated", f"{count} bytes after the last whole record do not parse"))
    elif (state.cut_member or cut is not None) and not state.last_cut:
        yield quarantine(where, InputRejected(
            "truncated", "the file ends inside its last gzip member, before the member's own end "
            "(its CRC and length): it was cut; every whole record before the cut is read"))
    elif not state.found:
        raise InputRejected("empty", "no response, resource or conversion record with an HTML "
                            "or text payload")

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
``/ads.txt``, ``/.well-known/…``), which are text but no article. A plain-text payload
that opens as a page does (``<!DOCTYPE html``, ``<html``) is read as the page a server
mislabelled.
Produces: one :class:`RawDoc` per such record at position ``warc offset N`` (the record's byte
offset in the file, as CDX indexes give it; ``warc offset M, decompressed offset N`` for a
record inside a gzip member of several records, M being the member's offset: a WARC gzipped
whole, not record by record, which warcio does not read past its first record (or, when the
member ended inside the block read with its first record, takes for ended), is read again
from that member's first byte, decompressed, when it is under 64 MiB (the bytes of the member
being read are kept that far), or at once from the start when the file opens with a blank line
or an empty member; blank lines before the first record are skipped; ``decompressed offset
N`` for a WARC whose whole file another compression holds — bzip2, xz, zstd, a nameless
gzip — N counting the decompressed bytes), with the
``WARC-Target-URI`` (an ARC's URL) as ``url`` (none for a response record without one, read
when its block is HTTP) and the ``WARC-Date`` (an ARC's date) as ``fetched`` in its meta (the
crawl time, not the publication date); a payload the crawler cut at its size limit
(``WARC-Truncated: length``; Common Crawl's is 1 MiB, far past nearly every article) is kept
as stored, ``warc_truncated`` = ``length`` in its meta saying so. A ``WARC-Type`` in another
case (``Response``) is read as the type it names. Padding after the last
record (blank bytes, NULs, empty gzip members: what writers leave for block alignment or
when closing a file) is read past without a row.
Rejects: ``truncated`` (a payload that is part of a page: the crawler says it cut it,
``WARC-Truncated`` for time, a lost connection or no reason given; a 206 response whose
Content-Range is not the whole page; chunks or gzip data that stop before their end),
``unsupported`` (a binary payload in a content coding that cannot be decoded: zstd, compress;
brotli is, with the ``brotli`` package), and ``truncated`` (a record shorter than its
Content-Length, the file or its gzip member ending inside it, no record's first line in it;
bytes after the last record that do not parse; a file that ends inside a record's header lines,
its first record's too, or right after those of a record without a Content-Length, or inside its
last gzip member, the CRC missing, though every record is whole — after the records; a WARC
compressed whole and cut keeps every whole record before the cut), ``too_large`` (a payload over
``4 × max_doc_chars`` bytes), ``bad_warc`` (not a WARC; or, after records that were read, bytes
where the next record should start that do not parse — an ARC header line without a URL, a date
and a length; a WARC record's Content-Length lying short to just before a blank line — at that
offset, with how much is not read; or a WARC record whose Content-Length lies, short or long or
past the end of the file (what follows its block is no blank line and no record, or the file
ends inside the block and the block holds a record's first line), at its own offset, the reading
going on at the next record, those its block took in read from their own first lines
(:mod:`storyline.ingest.warclength`); or a WARC record without a usable Content-Length — none,
an empty one, not a number — at its own offset: warcio would read it to the end of the file, and
every record after it with it, so the reading goes on at the next line that opens a WARC record,
``WARC/1.0`` or ``WARC/1.1`` alone on its line, found in a stream read a piece at a time; such a
line inside the broken record's block is taken for a record's start. So in a plain WARC and in
one compressed whole; one alone in its gzip member, in a WARC gzipped record by record, is
passed over to the member's end, the next member read),
``bad_warc`` at a record's own offset, the records after it read: a WARC record without a
``WARC-Type`` (or one whose line does not parse), a response record without a
``WARC-Target-URI`` whose block opens with no HTTP status line; ``unsupported`` there for a
``WARC-Type`` WARC does not define. In a WARC gzipped record by record, a gzip member that
does not decompress (damaged) or bytes that are no gzip member (a proxy's error page between
two) are one ``bad_warc`` row at their offset, the reading going on at the next gzip member
that opens a record (:func:`~storyline.ingest.warclength.next_member`: each byte looked at
once, memory bounded); a file whose first member's magic number is damaged is read so too.
``empty`` (no document record at all), decoding codes as for text.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputRejected
from storyline.ingest.compressed import COMPRESSIONS, Streams
from storyline.ingest.limits import GZIP_MAGIC, LimitedReader, RawView, buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.warclength import (
    ARC_LINE,
    BLANK,
    GZIP_MEMBER,
    CheckedRecords,
    next_member,
    next_record_line,
)
from storyline.ingest.warcrecords import RecordLoader, body, item, origin, record_problem
from storyline.records import QuarantineRow

log = logging.getLogger(__name__)

# Uncompressed WARCs end records with CRLF CRLF, which warcio leaves out of the record length.
_SEPARATOR = 4
# warcio's words when a gzip member holds more than one record (a WARC gzipped whole)
_NOT_CHUNKED = "non-chunked gzip file detected"
_REPLAY_BYTES = 64 << 20
_TAIL = 1 << 16  # the last bytes of a reading kept to tell a cut record from garbage
_PADDING = BLANK + b"\0"  # what a writer may leave after the last record (block alignment)
# warcio reads a line by appending block after block to it, in time quadratic in the line's
# length: an uncompressed WARC holding one 48 MB header line took 47 s, and a 300 MB one never
# finished. A line read without a length (a WARC or HTTP header line) is read to _MAX_LINE
# bytes at most: no real header line comes near, and past it the file is not a WARC from there
# on (both lines above: bad_warc at once).
_MAX_LINE = 1 << 24


class DamagedMember(ArchiveLoadFailed):  # type: ignore[misc]
    """A gzip member of a WARC gzipped record by record that does not decompress."""


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

    decompressor: Any  # warcio's: a zlib decompressor, or None once the bytes are read as they are
    cut_member = False  # whether the gzip member being read when the file ended had no trailer
    strict = False  # a WARC gzipped record by record: a member that does not decompress fails

    def _decompress(self, data: bytes) -> bytes:
        # warcio reads a member that fails at its first bytes as no gzip (it reads them as
        # they are: binary junk for a record's header lines), and one that fails later as
        # ending there, reading the rest of the file into a decompressor that fails on each
        # piece: every record after a damaged member was lost
        if not (self.strict and self.decompressor is not None and data):
            return super()._decompress(data)  # type: ignore[no-any-return]
        if data.lstrip(b"\r\n").startswith(b"WARC/"):
            # a plain WARC appended to a gzipped one (cat a.warc.gz b.warc): read as it is
            self.decompressor = None
            return data
        try:
            return self.decompressor.decompress(data)  # type: ignore[no-any-return]
        except zlib.error as exc:
            what = "a damaged gzip member" if data.startswith(GZIP_MAGIC) or self.num_block_read \
                else "bytes that are no gzip member, where one belongs"
            raise DamagedMember(f"{what} ({exc})") from None

    def read_next_member(self) -> bool:
        # warcio asks, after each record, whether the gzip member ended; it says yes whenever
        # the decompressor has passed the member's end, though its buffer may still hold the
        # member's next records (a member of several records that ended inside the block read
        # with its first): those were then read at made-up offsets, and the next member's
        # bytes taken for the record's, losing the rest of the file. And after an empty member
        # it stops quietly at a member of several records (its flag for an empty record is
        # never reset). A member whose buffer still holds more than padding after a record
        # holds more records: it is read again, decompressed, from its start.
        if self.decompressor is not None and self.buff is not None \
                and self.buff.getvalue()[self.buff.tell():].strip(_PADDING):
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (a gzip member that holds more records "
                                    "after its first)")
        return super().read_next_member()  # type: ignore[no-any-return]

    def close_decompressor(self) -> None:
        # warcio reads no CRC of its own: a record-gzipped WARC cut in its last member's
        # trailer (or in the last record's gzip data, past what warcio needed) ends quietly
        if self.decompressor is not None and not self.decompressor.eof and self.num_read:
            self.cut_member = True
        super().close_decompressor()



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
    reader.strict = state.replay is not None
    records.loader = RecordLoader(verify_http=False, arc2warc=False)
    for record in _guarded(records, reader, state):
        if record.format != ("arc" if arc else "warc"):
            raise ArchiveLoadFailed(f"a record of format {record.format!r} where "
                                    f"{'an ARC' if arc else 'a WARC'} record belongs")
        if not arc and not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            yield from _pass_over(records, reader, inp, state)
            continue
        where, problem = origin(record), record_problem(record, records.loader)
        found = body(record, ctx) if problem is None else None
        offset, length = records.get_record_offset(), records.get_record_length()
        if offset < 0:  # inside a gzip member of several records: the offset means nothing
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (a record at offset {offset})")
        offset += state.base
        part = f"{state.label} {offset}"
        why = records.lie or problem
        given = item(record, found, inp, ctx, part, where) if why is None \
            else quarantine(inp.label(part), why)
        if length < 0:  # the first record of a gzip member that holds more: read, then stop
            yield offset, offset, given
            raise ArchiveLoadFailed(f"{_NOT_CHUNKED} (the member at offset {offset})")
        yield offset, offset + length, given
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
    except DamagedMember:
        raise
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
    # why the first record does not parse, in a file gzipped record by record: the file's row
    # unless a later gzip member opens a record (see :func:`_resync`)
    first_failure: InputRejected | None = None


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
        why = _printable(why)
        if not state.end:
            if state.tail is not None and state.tail.cut_record(stream.count + state.base, arc):
                failure = InputRejected("truncated", f"the file ends inside its first record "
                                        f"({why})"[:300])
            else:
                failure = InputRejected("bad_warc", why[:300])
            if state.replay is None:
                raise failure from None
            state.first_failure = failure
        state.broken = why[:200]  # records before the break were read


class _Replay:
    """The bytes read from ``raw`` since the start of the last record read (64 MiB at most; past
    that, the last 32 MiB), so that the gzip member it opens, when it holds several records
    (which warcio reads no further than their first), can be read again, decompressed, from its
    first byte, and a reading broken by a damaged member resumed after the last whole record."""

    def __init__(self, raw: Any, origin: int = 0) -> None:
        self.raw = raw
        self._kept: bytearray | None = bytearray()
        self._origin = origin  # the file offset of the first byte kept
        self.offset = origin  # the file offset of the next byte to read

    def read(self, size: int = -1, /) -> bytes:
        data: bytes = self.raw.read(size)
        self.offset += len(data)
        if self._kept is not None:
            self._kept += data
            if len(self._kept) > _REPLAY_BYTES:
                # A member too long to read again: its start is let go, and the last half of
                # the limit kept, so that a later reading can resume after a damaged member
                # from the end of the last whole record (letting all go lost every record
                # after the damage once one member had been over the limit)
                drop = len(self._kept) - _REPLAY_BYTES // 2
                del self._kept[:drop]
                self._origin += drop
        return data

    def forget_before(self, offset: int) -> None:
        """Drop what lies before ``offset`` (the start of the last record read)."""
        if self._kept is not None and offset > self._origin:
            del self._kept[: offset - self._origin]
            self._origin = offset

    def since(self, offset: int) -> bytes:
        """The bytes read from ``offset`` on, as far as they are kept."""
        return bytes(self._kept[max(offset - self._origin, 0):]) if self._kept is not None else b""

    def holds(self, offset: int) -> bool:
        return self._kept is not None and offset >= self._origin

    def earliest(self, offset: int) -> int:
        """The first offset from ``offset`` on whose bytes are kept (or the next to read)."""
        return max(offset, self._origin) if self._kept is not None else self.offset

    def again(self, offset: int) -> io.BufferedReader:
        """The file from ``offset`` on (only while :meth:`holds` it)."""
        kept = bytes(self._kept[offset - self._origin:]) if self._kept is not None else b""
        self._kept = None
        return buffered(RawView(_Chain(io.BytesIO(kept), self.raw)))

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
        return bytes(self.kept[-count:]).lstrip(BLANK) if 0 < count <= len(self.kept) else None

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
                piece = member.decompress(piece, _TAIL).lstrip(BLANK)
            except zlib.error:
                return False
            if member.unused_data:  # more gzip members follow: no cut at the end
                return False
        if arc:
            return ARC_LINE.match(piece) is not None and b"\n" not in piece.rstrip(b"\r\n")
        return bool(piece) and piece[:5] == b"WARC/"[:len(piece)] and b"\nWARC/" not in piece


class _Chain:
    """``first`` read to its end, then ``then``."""

    def __init__(self, first: io.BytesIO, then: Any) -> None:
        self._first, self._then = first, then

    def read(self, size: int = -1, /) -> bytes:
        return self._first.read(size) or self._then.read(size)

    def rest(self) -> bytes:
        """What is left of ``first``."""
        return self._first.read()

    def close(self) -> None:
        self._then.close()


def _resume(data: bytes, source: Any) -> _Chain:
    """``data``, then ``source``: one chain however many times a reading resumes (what is left
    of an earlier chain's first part is joined to ``data``)."""
    if isinstance(source, _Chain):
        return _Chain(io.BytesIO(data + source.rest()), source._then)
    return _Chain(io.BytesIO(data), source)


def _resync(stream: LimitedReader, inp: Input, arc: bool, state: _Pass
            ) -> tuple[QuarantineRow, LimitedReader, _Pass] | None:
    """After the reading of a WARC gzipped record by record broke at ``state.end`` (a damaged
    gzip member, bytes that are no gzip member, a record that does not parse): the row for
    what is passed over, and a new reading from the next gzip member that opens a record
    (:func:`~storyline.ingest.warclength.next_member`); None when none follows (the end of the
    reading then says why, every byte having been read through ``stream``)."""
    replay = state.replay
    if replay is None or state.broken is None or state.gzipped_whole:
        return None
    broke = state.end
    # from the last whole record's end, or as near it as is kept (a member over the window,
    # damaged at its end: the members read after it in the same block are in the window)
    at = replay.earliest(broke + 1)
    scan = _Chain(io.BytesIO(replay.since(at)), stream)
    found = next_member(scan, at, arc)
    if found is None:
        return None
    offset, read = found
    # ``stream`` keeps nothing back from the file it reads: what follows ``read`` is the rest
    # of what was kept, then the file
    read += scan.rest()
    row = quarantine(inp.label(f"{state.label} {broke}"), InputRejected("bad_warc", (
        f"no WARC record reads here ({state.broken}): the {offset - broke} bytes up to the next "
        f"gzip member that opens a record, at {state.label} {offset}, are passed over")[:300]))
    replay = _Replay(_resume(read, replay.raw), origin=offset)
    tail = _Tail(replay)
    return row, LimitedReader(tail, cap=1 << 62), _Pass(
        found=True, base=offset, end=offset, label=state.label, replay=replay, tail=tail)


def _printable(why: str) -> str:
    """``why``, warcio's words, without the header line it quotes when that is no text (a
    damaged gzip member's bytes, read as they are)."""
    head, quoted, line = why.partition("first line: ")
    if quoted and not (line.isascii() and line.strip().isprintable()):
        return f"{head}first line: {len(line.encode())} bytes that are no text"
    return why


def _decompressed(raw: io.BufferedReader, at: int = 0, skip: int = 0, found: bool = False
                  ) -> tuple[LimitedReader, _Pass]:
    """A gzipped file read as one stream from its offset ``at`` (positions ``warc offset AT,
    decompressed offset N``), past its blank lines, and the state of its reading (``skip``:
    records a first reading already gave). Not charged to the budget, as warcio's own
    decompression of a WARC gzipped per record is not: the reader caps each payload."""
    streams = COMPRESSIONS["gzip"].open(raw)
    streams.quiet_cut = True  # a last record that is whole is read; the cut is said after it
    streams.plain_after = b"WARC/"  # a plain WARC appended (cat a.warc.gz b.warc) is read on
    text = buffered(streams)
    base = _skip_blank(text)
    tail = _Tail(text)
    stream = LimitedReader(tail, cap=1 << 62)
    return stream, _Pass(skip=skip, found=found, base=base, end=base, streams=streams,
                         label=f"warc offset {at}, decompressed offset", tail=tail)


def _gzip_after_junk(head: bytes) -> bool:
    """Whether a file's first bytes, ``head``, open no record but hold a gzip member header (a
    WARC gzipped record by record whose first member's magic number is damaged): it is read as
    one, the bytes before that member a row (:func:`_resync`). A plain WARC, which may hold
    gzip payloads, opens with a record."""
    return GZIP_MEMBER in head and not head.lstrip(_PADDING).startswith((b"WARC/", b"filedesc:"))


def _skip_blank(raw: io.BufferedReader) -> int:
    """Read past the blank lines before an uncompressed file's first record (warcio reads a
    blank first line as the end of the file); how many bytes."""
    skipped = 0
    while blank := len(head := raw.peek(1 << 12)[: 1 << 12]) - len(head.lstrip(BLANK)):
        skipped += len(raw.read(blank))
    return skipped


def read_warc(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every document record of a WARC file (see the module docstring)."""
    with buffered(inp.open()) as raw:
        head = raw.peek(1 << 12)[: 1 << 12]
        first, opens_blank = _first_bytes(head)
        arc = first.lstrip(BLANK).startswith(b"filedesc://")  # an ARC opens with its filedesc
        gzipped = head.startswith(GZIP_MAGIC) or _gzip_after_junk(head)
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
        while (resumed := _resync(stream, inp, arc, state)) is not None:
            row, stream, state = resumed
            yield row
            yield from _read_pass(stream, inp, ctx, arc, state)
        if state.first_failure is not None:
            raise state.first_failure
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
        inside = " (the file ends inside a record's header lines)" \
            if state.tail is not None and state.tail.cut_record(count, arc) else ""
        yield quarantine(where, InputRejected(
            "truncated", f"{count} bytes after the last whole record do not parse{inside}"))
    elif (state.cut_member or cut is not None) and not state.last_cut:
        yield quarantine(where, InputRejected(
            "truncated", "the file ends inside its last gzip member, before the member's own end "
            "(its CRC and length): it was cut; every whole record before the cut is read"))
    elif not state.found:
        raise InputRejected("empty", "no response, resource or conversion record with an HTML "
                            "or text payload")

"""WARC records whose Content-Length lies: each one row, and the records after it read.

warcio reads a record's block by its Content-Length and expects a blank line after it, then
the next record. Where the length lies short, what follows the block is the rest of it; where
it lies long, the block holds the first lines of the next record and what follows is the rest
of them. warcio wrote a warning to stderr, passed over one line and took the next that is not
blank for a record's first line: the record was given as a document cut short, or with the
next record's header lines in its text, and, that line parsing as no record, every record
after it was lost (one ``bad_warc`` row for the rest of the file).

:class:`CheckedRecords` reads such a WARC record as a ``bad_warc`` row (:attr:`~CheckedRecords.lie`)
and reads on at the next record: from the line that opens it among the block's last bytes,
after a blank line (a length lying long: the bytes read past that line are given back to
warcio's reader), else from the next line after the block that opens a record (a length lying
short). A block that the end of the file cuts (a length running past it) is looked into the
same way, so that the records it took in are read, when the file ends as a record does, with
a blank line (else it was cut short inside the block: ``truncated``). A block followed by a
record's first line with no blank line between is whole: it is read as it is.

In a WARC gzipped record by record, a damaged gzip member (a flipped bit, a member cut short and
another written after it) or bytes that are no gzip member (a proxy's error page between two)
lose only what they hold: :func:`next_member` finds the next gzip member header whose member
opens a record, where the reading goes on. Each byte is looked at once, and memory stays within
a few pieces of the file.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader

from storyline.errors import InputRejected

# A WARC record's first line, alone on its line (``WARC/1.0``, ``WARC/1.1``, and the drafts
# warcio reads too)
RECORD_LINES = tuple(version.encode() for version in ArcWarcRecordLoader.WARC_TYPES)
# The same after a blank line, as a record follows the one before it
_RECORD_AFTER_BLANK = re.compile(
    rb"\n\r?\n(" + b"|".join(re.escape(line) for line in RECORD_LINES) + rb")\r?\n")
_SCAN = 1 << 16  # the most bytes of a line read at once while looking for one
BLANK = b" \t\r\n"
_STRADDLE = 16  # the longest _RECORD_AFTER_BLANK, to find one across two reads
# The most of a block kept from the first record line in it on: what a length lying long
# took in of the records after it, read again from there
_KEPT = 1 << 24


def next_record_line(reader: Any, line_start: bool = True) -> tuple[bytes | None, int, bool]:
    """Read ``reader`` on to the next line that is ``WARC/1.0`` or ``WARC/1.1`` alone (a
    record's first line), at most ``_SCAN`` bytes at a time: memory stays bounded and time
    linear in what is passed over, however long its lines. That line (None at the end of the
    stream or of the gzip member being read), how many bytes came before it, and whether any
    of them is not blank. ``line_start``: whether the reader is at the start of a line."""
    passed, body = 0, False
    while piece := reader.readline(_SCAN):
        if line_start and piece.rstrip(BLANK) in RECORD_LINES:
            return piece, passed, body
        passed += len(piece)
        body = body or bool(piece.strip(BLANK))
        line_start = piece.endswith(b"\n")
    return None, passed, body


# A gzip member's first bytes: its magic number and deflate, the only method gzip has
GZIP_MEMBER = b"\x1f\x8b\x08"
_PROBE = 1 << 12  # the most of a member's bytes decompressed to see whether it opens a record
_FIRST_READ, _MOST_READ = 1 << 12, 1 << 20  # pieces read while looking, doubling from the first
ARC_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*://\S+ ")  # an ARC record's header line
_FLAGS = bytes(range(32))  # a gzip header's flag bytes that set no reserved bit (RFC 1952)
_LEVELS = (b"\0", b"\2", b"\4", b"")  # its XFL byte: none, the best compression, the fastest


def opens_record(data: bytes | memoryview, arc: bool = False) -> bool:
    """Whether ``data``, a gzip member's first bytes (up to :data:`_PROBE` of them are
    decompressed), opens a WARC record (``WARC/`` after blank lines), or an ARC one."""
    member = zlib.decompressobj(wbits=31)
    try:
        text = member.decompress(data[:_PROBE], 64).lstrip(BLANK)
    except zlib.error:
        return False
    return ARC_LINE.match(text) is not None if arc else text.startswith(b"WARC/")


def next_member(stream: Any, at: int, arc: bool = False) -> tuple[int, bytes] | None:
    """The next gzip member in ``stream`` (its first byte at file offset ``at``) that opens a
    record (:func:`opens_record`): its offset, and the bytes read from there on, which come
    before the rest of ``stream``; None when ``stream`` ends first. ``stream`` is read in
    pieces that double from 4 KiB to 1 MiB, so that a member found near ``at`` costs little
    and memory stays bounded; each byte is searched once."""
    window, size, ended, search = bytearray(), _FIRST_READ, False, 0
    while True:
        found = window.find(GZIP_MEMBER, search)
        if found >= 0 and (ended or len(window) - found >= _PROBE):
            # a header with flags gzip reserves or an XFL it does not define is none (cheap
            # tests before zlib's), and the bytes are looked at in place: no copies
            if not window[found + 3:found + 4].strip(_FLAGS) and \
                    window[found + 8:found + 9] in _LEVELS:
                with memoryview(window) as view:
                    opens = opens_record(view[found:found + _PROBE], arc)
                if opens:
                    return at + found, bytes(window[found:])
            search = found + 1
            continue
        if ended:
            return None
        keep = found if found >= 0 else max(len(window) - len(GZIP_MEMBER) + 1, search, 0)
        del window[:keep]
        at, search = at + keep, 0
        piece = stream.read(size)
        ended, size = not piece, min(size * 2, _MOST_READ)
        window += piece


class _BlockEnd:
    """The stream a record's block is read from (through warcio's LimitReader), keeping what
    is read from the first line in it that opens a record after a blank line on (``found``;
    ``_KEPT`` bytes at most: past that ``over``), else its last few bytes; ``tail``: its last
    bytes but NULs (a writer's padding), whatever is kept."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.kept = bytearray()
        self.found = self.over = False
        self.tail = b""

    def _keep(self, data: bytes) -> bytes:
        if stripped := data.rstrip(b"\0"):
            self.tail = (self.tail + stripped[-3:])[-3:]
        if self.over:
            return data
        since = max(len(self.kept) - _STRADDLE, 0)
        self.kept += data
        if not self.found and (match := _RECORD_AFTER_BLANK.search(self.kept, since)) is not None:
            del self.kept[:match.start(1)]
            self.found = True
        elif not self.found:
            del self.kept[:-_STRADDLE]
        elif len(self.kept) > _KEPT:
            self.over, self.kept = True, bytearray()
        return data

    def read(self, length: int | None = None) -> bytes:
        return self._keep(self._stream.read(length))

    def readline(self, length: int | None = None) -> bytes:
        return self._keep(self._stream.readline(length))

    def close(self) -> None:
        self._stream.close()


class CheckedRecords(ArchiveIterator):  # type: ignore[misc]
    """warcio's records, each WARC record's Content-Length checked by what follows its block
    (see the module docstring). ``lie``: why the record last read is no document, when its
    length lies (known once warcio has read past its block: after its offset is asked)."""

    lie: InputRejected | None = None

    def _next_record(self, next_line: bytes | None) -> Any:
        record = super()._next_record(next_line)
        self.lie = None
        if record.format == "warc" and isinstance(record.raw_stream, LimitReader):
            record.raw_stream.stream = _BlockEnd(record.raw_stream.stream)
        return record

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """The next record's first line, and how many blank bytes came before it."""
        block = getattr(self.record, "raw_stream", None)
        if not isinstance(block, LimitReader) or not isinstance(block.stream, _BlockEnd):
            return super()._consume_blanklines()  # type: ignore[no-any-return]  # an ARC record
        if block.limit > 0:  # the stream ends inside the block
            if not block.stream.tail.endswith((b"\n\n", b"\n\r\n")):
                # cut there, as a file cut short is, not after a record taken in as a length
                # lying long leaves it: a record line in the block is quoted (a page about
                # WARC, an archived WARC file), and the record is truncated
                return None, 0
            return self._given_back(block.stream, b"", "runs past the end of the file")
        blank, line = 0, self.reader.readline(_SCAN)
        while line and not line.strip(BLANK):
            blank, line = blank + len(line), self.reader.readline(_SCAN)
        if blank or not line or line.rstrip(BLANK) in RECORD_LINES:
            return line or None, blank  # as warcio reads it: a blank line, then a record or not
        found = self._given_back(block.stream, line, "runs past its end")
        return found if self.lie is not None else self._passed_over(line)

    def _given_back(self, block: _BlockEnd, line: bytes, how: str) -> tuple[bytes | None, int]:
        """The first line in the block (or across its end and ``line``, read after it) that
        opens a record after a blank line, the bytes from there on given back to warcio's
        reader to read again, and the record marked as lying (``how`` its length lies);
        ``(None, 0)`` when there is none, the record marked so only when more than ``_KEPT``
        bytes came after that line (they are passed over: the records there lost)."""
        if block.over:
            self.lie = InputRejected("bad_warc", f"its Content-Length ({self._length()}) {how}, "
                                     f"over more than {_KEPT} bytes of the records after it, "
                                     "which are passed over")
            return next_record_line(self.reader, not line or line.endswith(b"\n"))[0], 0
        read = bytes(block.kept) + line
        match = None if block.found else _RECORD_AFTER_BLANK.search(read)
        if not block.found and match is None:
            return None, 0
        rest = self.reader.buff.read() if self.reader.buff is not None else b""
        again = read[match.start(1) if match else 0:] + rest
        self.reader.buff, self.reader.buff_size = io.BytesIO(again), len(again)
        self.lie = InputRejected("bad_warc", f"its Content-Length ({self._length()}) {how}, "
                                 "into the next record, which is read from its own first line")
        return self.reader.readline(), 0

    def _passed_over(self, line: bytes) -> tuple[bytes | None, int]:
        """Past what follows a block whose length lies short (``line``, its first line, read),
        to the next line that opens a record (None: the end of the stream or gzip member)."""
        found, passed, _ = next_record_line(self.reader, line.endswith(b"\n"))
        self.lie = InputRejected(
            "bad_warc", f"its Content-Length ({self._length()}) ends it early: the "
            f"{len(line) + passed} bytes after that end, which are no blank line and no record, "
            f"are passed over, up to {'the next record' if found else 'the end'}")
        return found, 0

    def _length(self) -> str:
        return str(self.record.rec_headers.get_header("Content-Length"))

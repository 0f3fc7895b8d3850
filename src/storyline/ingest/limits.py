"""Bounded reading: size caps, the zip-bomb byte budget and line reading with a length limit.

Readers never call ``read()`` without a limit: a 50 MB line or a decompression bomb is rejected
after reading at most the limit, so memory and time per input stay bounded by the settings.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Protocol

from storyline.errors import InputRejected

_CHUNK = 1 << 20
# The first bytes of archives (readers sniff by them; fetched archives are charged by member)
GZIP_MAGIC = (b"\x1f\x8b",)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
BZIP2_MAGIC = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")  # a block, or the end (empty)
XZ_MAGIC = (b"\xfd7zXZ\x00",)
# A zstd frame, or a skippable frame (pzstd's index, a WARC's dictionary) before one
ZSTD_MAGIC = (b"\x28\xb5\x2f\xfd", *(bytes([0x50 + n]) + b"\x2a\x4d\x18" for n in range(16)))
WARC_STARTS = (b"WARC/", b"filedesc://")  # how a WARC or an ARC opens, after blank lines
TAR_MAGIC = b"ustar"  # at byte 257 of a POSIX (ustar, pax) or GNU tar


class ByteBudget:
    """Decompressed bytes one input file may still produce, shared by all its nested members."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.limit

    @property
    def remaining(self) -> int:
        return self.limit - self.spent

    def take(self, count: int) -> None:
        """Count ``count`` more bytes; raises ``archive_too_large`` past the limit."""
        self.spent += count
        if self.spent > self.limit:
            raise InputRejected(
                "archive_too_large",
                f"more than {self.limit} bytes decompressed from one input (zip-bomb guard)",
            )


class Readable(Protocol):
    """What the wrappers need of a stream: file objects, GzipFile, zip members, stdin, BytesIO."""

    def read(self, size: int = ..., /) -> bytes: ...

    def close(self) -> None: ...


class RawView(io.RawIOBase):
    """Any readable stream as a raw stream, so that :func:`buffered` can give it ``peek``.

    Closing the view closes the stream unless ``close_inner`` is false (stdin is not ours).
    """

    def __init__(self, inner: Readable, close_inner: bool = True) -> None:
        super().__init__()
        self._inner = inner
        self._close_inner = close_inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._pull(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _pull(self, size: int) -> bytes:
        # read1 where the stream has it: what is there now, not ``size`` bytes in a loop, which
        # a cut gzip ends with EOFError and loses the bytes it had gathered (every line of a
        # cut .jsonl.gz under 64 KiB).
        read = getattr(self._inner, "read1", None) or self._inner.read
        return read(size)  # type: ignore[no-any-return]

    def close(self) -> None:
        if not self.closed and self._close_inner:
            self._inner.close()
        super().close()


# Bytes of one code unit of the encodings whose text cannot be split on the byte 0x0A
_CODE_UNITS = {"utf-16": 2, "utf-32": 4}


def code_unit(encoding: str) -> int:
    """Bytes of one code unit of ``encoding`` (``utf-16-le`` 2, ``utf-32`` 4), else 1."""
    return _CODE_UNITS.get(encoding.lower().replace("_", "-")[:6], 1)


class WholeUnits(RawView):
    """``inner`` passed on in whole code units of ``unit`` bytes (2 for UTF-16, 4 for
    UTF-32): a file that ends inside one was cut there (``cut``, an EOFError, also the cut
    ``inner`` says it ended at, if it has one), and the piece of a code unit left is dropped
    rather than decoded as U+FFFD, which the reader's text layer would put at the end of its
    last line or row. Bytes are passed up to the last unit boundary of the stream read so
    far (a read for less than a unit gets part of one already whole)."""

    def __init__(self, inner: Readable, unit: int) -> None:
        super().__init__(inner, close_inner=False)  # the file is closed by who opened it
        self._unit, self._rest, self._passed = unit, b"", 0
        self._own_cut: EOFError | None = None

    @property
    def cut(self) -> EOFError | None:
        return getattr(self._inner, "cut", None) or self._own_cut

    def _pull(self, size: int) -> bytes:
        while True:
            piece = super()._pull(max(size - len(self._rest), 1))
            data = self._rest + piece
            whole = len(data) - (self._passed + len(data)) % self._unit  # to a unit boundary
            end = min(whole, size)
            if end > 0:
                self._rest, self._passed = data[end:], self._passed + end
                return data[:end]
            self._rest = data
            if not piece:  # the end: what is left is a piece of a code unit
                if data:
                    self._own_cut = EOFError(f"the file ends inside a character ({len(data)} "
                                             f"of its {self._unit} bytes)")
                    self._rest = b""
                return b""


class LimitedReader(RawView):
    """A view of ``inner`` that fails past ``cap`` bytes or past the budget, counting what it
    passes (``count``); closing it also closes the streams in ``owned`` (a gzip's file).
    Not seekable on purpose: a zip inside it is copied to memory, within the cap.
    """

    def __init__(self, inner: Readable, cap: int, budget: ByteBudget | None = None,
                 owned: tuple[Readable, ...] = ()) -> None:
        super().__init__(inner)
        self._cap = cap
        self._budget = budget
        self._owned = owned
        self.count = 0

    def _pull(self, size: int) -> bytes:
        data = super()._pull(size)
        self.count += len(data)
        if self.count > self._cap:
            raise InputRejected("too_large", f"more than {self._cap} bytes in one member or stream")
        if self._budget is not None:
            self._budget.take(len(data))
        return data

    def close(self) -> None:
        if not self.closed:
            for stream in self._owned:
                stream.close()
        super().close()


def buffered(stream: Readable) -> io.BufferedReader:
    """``stream`` with ``peek`` and ``readline``; file objects already have them."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream if isinstance(stream, io.RawIOBase) else RawView(stream), 1 << 16)


def read_capped(stream: Readable, limit: int) -> bytes:
    """All of ``stream``, or ``InputRejected("too_large")`` after reading ``limit + 1`` bytes.
    Read a chunk at a time: a buffered reader asked for ``limit + 1`` bytes at once sets that
    much memory aside first (200 MB for an MHTML file of 13 MB)."""
    pieces: list[bytes] = []
    read = 0
    while read <= limit and (piece := stream.read(min(_CHUNK, limit + 1 - read))):
        pieces.append(piece)
        read += len(piece)
    if read > limit:
        raise InputRejected("too_large", f"more than {limit} bytes")
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


class LineSource(Protocol):
    """What :func:`iter_lines` needs of a stream: a file object, or a recoding wrapper of one."""

    def readline(self, size: int = ..., /) -> bytes: ...


def iter_lines(stream: LineSource, limit: int) -> Iterator[tuple[int, bytes | LongLine]]:
    """``(line number, line)`` pairs; a line longer than ``limit`` bytes comes as a
    :class:`LongLine`, to be read as a stream or left: what is not read of it is passed over
    in chunks when the next line is asked for, so a 50 MB line never sits in memory whole."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        long = LongLine(line, stream)
        yield number, long
        long.drain()


class LongLine:
    """A line over the limit, as a stream (``read1``, and ``read`` a chunk at a time): the bytes
    read of it, then the rest of it from ``stream``, to its end (its line break included, as
    blank space), and no further. A recoding stream's readline counts characters, and may
    give more bytes than were asked for: those wait for the next read."""

    def __init__(self, first: bytes, stream: LineSource) -> None:
        self._pending, self._stream, self._ended = first, stream, False
        self.ends_file = False  # the file ends with the line, no line break after it

    def read(self, size: int = -1, /) -> bytes:
        return self.read1(size)

    def read1(self, size: int = -1, /) -> bytes:
        size = size if size > 0 else _CHUNK
        if not self._pending and not self._ended:
            self._pending = self._stream.readline(min(size, _CHUNK))
            self._ended = not self._pending or self._pending.endswith(b"\n")
            self.ends_file = not self._pending
        piece, self._pending = self._pending[:size], self._pending[size:]
        return piece

    def drain(self) -> None:
        """Pass over what is left of the line."""
        self._pending = b""
        while self.read1(_CHUNK):
            pass

    def close(self) -> None:
        pass  # the file is closed by who opened it

"""gzip, bzip2, xz and zstd files of any readable format; the inner name decides the inner
format.

Accepts: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` (one compressed stream, or several concatenated:
``a.jsonl.gz`` is read as ``a.jsonl``, ``a.tgz``, ``a.tbz2``, ``a.txz`` and ``a.tzst`` as
``a.tar``; zstd's skippable frames are skipped, and one holding a dictionary, as a warc-zstd
file opens with, is used for the frames after it; a name with nothing
left after the suffix is sniffed). A tar is read as a stream (:mod:`storyline.ingest.tararchive`),
so a compressed tar never needs a temporary file. Archives nest up to ``MAX_DEPTH`` deep.
Produces: whatever the inner reader produces. Compression adds nothing: a compressed file holds
one stream, named after the file.
Zip-bomb guard: all data decompressed from one top-level input is charged once to a budget of
``max_archive_bytes``; one member (or a compressed stream) may not exceed ``max_member_bytes``,
except that a stream holding a tar or a WARC, or whose inner name has no extension, may fill the
whole budget (their members and records are capped one by one; readers that read their input
whole cap it themselves). xz data whose dictionary needs over 128 MiB, and zstd data whose window
does, is ``bad_compression``.
Rejects: ``archive_too_large`` (budget spent), ``too_large`` (a stream over its cap),
``bad_compression`` (corrupt gzip, bzip2, xz or zstd data, a zstd frame without its
dictionary; or, after what whole streams held, which is read, bytes after them that neither
start another stream nor are NUL padding, with how many), ``truncated`` (cut compressed
data: the whole records before the cut — JSON lines, CSV rows, WARC records, tar members — are
read, a text or page cut short is no document; a stream cut inside its headers, opening with
its format's magic number, is a cut too), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from storyline.errors import InputRejected
from storyline.ingest.decode import looks_binary, wide_encoding
from storyline.ingest.limits import (
    BZIP2_MAGIC,
    GZIP_MAGIC,
    TAR_MAGIC,
    XZ_MAGIC,
    ZSTD_MAGIC,
    RawView,
    Readable,
    buffered,
)
from storyline.ingest.members import SELF_DELIMITED, MemberCut, self_delimited
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import normal_path
from storyline.records import QuarantineRow

try:  # the standard library's from Python 3.14
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:
    from backports import zstd  # type: ignore[import-not-found,no-redef]

_CHUNK = 1 << 16  # compressed bytes read at a time
# An xz header names the dictionary its decoder allocates, up to 4 GiB, and the decoder's memory
# grows to it as the output does: xz -9 needs 65 MiB; a dictionary of about 120 MiB or more is
# refused.
_XZ_MEMORY = 128 << 20
# zstd's decoder keeps its default window limit, 128 MiB: ``zstd --long=31`` data is refused,
# ``zstd -19`` and ``--ultra -22`` are read.
# A zstd dictionary (the skippable frame a WARC's frames are compressed against) is read whole
_ZSTD_DICTIONARY_MAX = 16 << 20
_ZSTD_DICTIONARIES_MAX = 64 << 20  # all of one file's (concatenated warc-zstd files: one each)
_ZSTD_DICTIONARY_FRAME = b"\x5d\x2a\x4d\x18"
_ZSTD_DICTIONARY_MAGIC = b"\x37\xa4\x30\xec"  # a trained dictionary; anything else is raw content
_PROBE_OUTPUT = 1 << 16
_PEEK = 4096  # bytes a magic number is looked for in, and checked with
# Bytes a gzip, bzip2, xz or zstd stream has before it can give its first byte (headers): fewer
# after the last stream, then the end of the file, are trailing bytes, not a stream cut short,
# unless they open with the format's magic number (a stream cut inside its headers)
_STREAM_START = 32
_HEAD = 8  # the first bytes of a stream kept to check its magic number


@dataclass(frozen=True, slots=True)
class Compression:
    """A one-stream compression format: what its file names end with (and what that leaves
    of the inner name: ``.tgz`` leaves ``.tar``) and how to decompress a stream of it."""

    name: str
    suffixes: tuple[tuple[str, str], ...]
    open: Callable[[Readable], Streams]


class _GzipMember:
    """zlib's decompressor of one gzip member (header, data and CRC checked) with bz2's and
    lzma's interface: ``needs_input``, and input kept when the output is capped."""

    def __init__(self) -> None:
        self._zlib = zlib.decompressobj(wbits=31)

    @property
    def eof(self) -> bool:
        return self._zlib.eof

    @property
    def unused_data(self) -> bytes:
        return self._zlib.unused_data

    @property
    def needs_input(self) -> bool:
        return not self._zlib.unconsumed_tail

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        return self._zlib.decompress(self._zlib.unconsumed_tail + data, max(max_length, 0))


class _ZstdFrames:
    """Makes the decompressor of each zstd frame, with the dictionary the frames are compressed
    against, if any.

    A WARC compressed with zstd (the IIPC's warc-zstd proposal) opens with a skippable frame
    (magic ``0x184D2A5D``) that holds a dictionary, itself zstd-compressed or not, which the
    frames after it need; such a frame sets it, for the frames up to the next one (``cat
    a.warc.zst b.warc.zst`` is read whole). Other skippable frames give nothing, as in zstd's
    own decoder."""

    def __init__(self) -> None:
        self.dictionary: Any = None
        self.dictionary_bytes = 0  # of all the dictionaries read, decompressed ones counted so

    def __call__(self) -> _ZstdFrame:
        return _ZstdFrame(self)


class _ZstdFrame:
    """zstd's decompressor of one frame, which first looks whether the frame holds a dictionary
    (:class:`_ZstdFrames`)."""

    def __init__(self, frames: _ZstdFrames) -> None:
        self._frames = frames
        self._head = b""
        self._dictionary: bytes | None = None  # a dictionary frame's content, while it is gathered
        self._dictionary_size = 0
        self._zstd: Any = None  # zstd's decompressor, once the frame is known to be no dictionary
        self._rest = b""
        self._eof = False

    @property
    def eof(self) -> bool:
        return self._eof or (self._zstd is not None and self._zstd.eof)

    @property
    def unused_data(self) -> bytes:
        return self._rest if self._eof else self._zstd.unused_data  # type: ignore[no-any-return]

    @property
    def needs_input(self) -> bool:
        return self._zstd is None or self._zstd.needs_input  # type: ignore[no-any-return]

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        if self._zstd is None:
            data = self._gather(data)
            if self._zstd is None:
                return b""
        return self._zstd.decompress(data, max_length)  # type: ignore[no-any-return]

    def _gather(self, data: bytes) -> bytes:
        """The frame's first bytes: a dictionary frame is kept whole and read, and the frame
        ends there (``b""``); any other frame goes on to zstd (what it is given back)."""
        if self._dictionary is None:
            self._head += data
            if len(self._head) < 8:
                return b""
            data, self._head = self._head, b""
            if not data.startswith(_ZSTD_DICTIONARY_FRAME):
                self._zstd = zstd.ZstdDecompressor(zstd_dict=self._frames.dictionary)
                return data
            self._dictionary_size = int.from_bytes(data[4:8], "little")
            if self._dictionary_size > _ZSTD_DICTIONARY_MAX:
                raise zstd.ZstdError(f"a dictionary of {self._dictionary_size} bytes, over "
                                     f"{_ZSTD_DICTIONARY_MAX}")
            self._dictionary, data = b"", data[8:]
        need = self._dictionary_size - len(self._dictionary)
        self._dictionary += data[:need]
        if len(self._dictionary) == self._dictionary_size:
            self._frames.dictionary = _zstd_dictionary(self._dictionary, self._frames)
            self._rest, self._eof = data[need:], True
        return b""


def _zstd_dictionary(content: bytes, frames: _ZstdFrames) -> Any:
    """The dictionary a dictionary frame holds (zstd-compressed or not). The
    dictionaries of one file may hold ``_ZSTD_DICTIONARIES_MAX`` bytes in all: a compressed
    one is decompressed outside the byte budget, and a frame of 500 bytes can hold 16 MiB."""
    if content.startswith(ZSTD_MAGIC[0]):
        inner = zstd.ZstdDecompressor()
        content = inner.decompress(content, _ZSTD_DICTIONARY_MAX)
        if not inner.eof:
            raise zstd.ZstdError("the compressed dictionary is cut or over the cap")
    frames.dictionary_bytes += len(content)
    if frames.dictionary_bytes > _ZSTD_DICTIONARIES_MAX:
        raise zstd.ZstdError(f"dictionaries of over {_ZSTD_DICTIONARIES_MAX} bytes in all")
    return zstd.ZstdDict(content, is_raw=not content.startswith(_ZSTD_DICTIONARY_MAGIC))


_BLANK = b"\0\t\n\r "  # what may stand between a stream's end and plain bytes after it


class Streams(RawView):
    """Concatenated gzip members, bzip2, xz or zstd streams, decompressed, as ``pigz``, ``pbzip2``
    and ``cat a.xz b.xz`` write them. Unlike :class:`bz2.BZ2File` and :class:`lzma.LZMAFile`,
    which drop without a word whatever follows the last stream that parses (a second stream
    whose header is damaged, with all it holds), and :class:`gzip.GzipFile`, which refuses the
    whole file for them, bytes after a stream that neither start another stream nor are NUL
    padding end the data there and are said in ``trailing`` (the reader's ``bad_compression``
    row); corrupt data inside a stream is ``bad_compression`` at once, and a stream without its
    end marker ``truncated`` (EOFError). NUL padding is skipped a block at a time (GzipFile
    reads it a byte at a time: 100 MB took 10 s)."""

    def __init__(self, raw: Readable, decompressor: Callable[[], Any], errors: tuple[type[Exception], ...],
                 magic: tuple[bytes, ...] = ()) -> None:
        super().__init__(raw, close_inner=False)  # the file is closed by who opened it
        self._new, self._errors, self._magic = decompressor, errors, magic
        self._head = b""  # the first bytes of the stream now read
        self._decompressor = decompressor()
        self._streams = 0
        self._done = False
        self._started = False
        self._stream_bytes = 0  # compressed bytes given to the stream now read
        self._stream_output = 0  # and what it gave
        self.trailing: str | None = None  # why bytes after the last whole stream were not read
        # Set by a reader whose records say their own length (a WARC's): a stream cut short then
        # ends the data, and ``cut`` says so, rather than failing the read that meets the cut
        # (which would lose a last record that is whole)
        self.quiet_cut = False
        self.cut: str | None = None
        # Set by a reader that knows its format's plain opening (a WARC's "WARC/"): such bytes
        # after the last stream are passed on as they are (``cat a.warc.gz b.warc``), not said
        # as trailing
        self.plain_after: bytes | None = None
        self._plain: bytearray | None = None  # the plain bytes met, not yet passed on

    def _pull(self, size: int) -> bytes:
        if self._plain is not None:
            return self._plain_bytes(size)
        while not self._done and size > 0:
            if self._decompressor.eof:
                data = self._next_stream(size)
            elif self._decompressor.needs_input:
                chunk = self._chunk()
                if chunk:
                    self._started = True
                    self._stream_bytes += len(chunk)
                    if len(self._head) < _HEAD:
                        self._head += chunk[:_HEAD - len(self._head)]
                    data = self._decompress(chunk, size)
                else:
                    data = self._at_end(size)
            else:
                data = self._decompress(b"", size)
            if data:
                self._stream_output += len(data)
                return data
        return b""

    def _chunk(self) -> bytes:
        """The next compressed bytes: what the stream has now (``read1``: a read for a whole
        chunk that met the end of a cut tar member would lose what it gathered), and none when
        the tar member it is was cut (:class:`MemberCut`): the cut is then this stream's, said
        as its own. Another stream's cut under it (a .gz inside an .xz) is not swallowed."""
        read = getattr(self._inner, "read1", None) or self._inner.read
        try:
            return read(_CHUNK)  # type: ignore[no-any-return]
        except MemberCut:
            return b""

    def _at_end(self, size: int) -> bytes:
        """The file ended before the stream being read did: what the decompressor still holds
        (zlib keeps some output back until asked again), then the reason."""
        if not self._started:
            self._done = True
            return b""  # an empty file: the inner reader says so
        if data := self._decompress(b"", size):
            return data
        if (self._streams and not self._stream_output and self._stream_bytes < _STREAM_START
                and not self._head.startswith(self._magic)):
            return self._trailing(self._stream_bytes, "are no stream")
        if self.quiet_cut:
            self.cut, self._done = "the compressed stream ends before its end marker: the file is cut", True
            return b""
        raise EOFError("the compressed stream ends before its end marker")

    def _next_stream(self, size: int) -> bytes:
        self._streams += 1
        rest = self._decompressor.unused_data.lstrip(b"\0")
        while not rest:
            chunk = self._chunk()
            if not chunk:
                self._done = True
                return b""
            rest = chunk.lstrip(b"\0")
        if self.plain_after is not None:
            rest = self._topped_up(rest, self.plain_after)
            if rest.lstrip(_BLANK).startswith(self.plain_after):
                self._plain = bytearray(rest.lstrip(_BLANK))  # (a NUL before it stops a reader)
                return self._plain_bytes(size)
        self._decompressor = self._new()
        self._stream_bytes, self._stream_output, self._head = len(rest), 0, rest[:_HEAD]
        try:
            return self._decompressor.decompress(rest, size)  # type: ignore[no-any-return]
        except self._errors as exc:
            return self._trailing(len(rest), f"do not decompress ({exc})")

    def _topped_up(self, rest: bytes, opening: bytes) -> bytes:
        """``rest`` and, while it is blank space and shorter than ``opening`` past it, the
        next bytes: a read that ended within a few bytes of a stream's end split "WARC/"."""
        while len(rest.lstrip(_BLANK)) < len(opening) and len(rest) < _CHUNK:
            chunk = self._chunk()
            if not chunk:
                break
            rest += chunk
        return rest

    def _plain_bytes(self, size: int) -> bytes:
        """The next of the plain bytes after the streams (see ``plain_after``)."""
        assert self._plain is not None
        if not self._plain:
            self._plain += self._chunk()
        data = bytes(self._plain[:size])
        del self._plain[:size]
        return data

    def _trailing(self, seen: int, why: str) -> bytes:
        """End the data at the last whole stream: what follows is not read, but said
        (``trailing``), and what the streams held is kept."""
        while chunk := self._inner.read(_CHUNK):
            seen += len(chunk)
        self.trailing = f"{seen} bytes after {self._streams} whole stream(s) {why}; they are not read"
        self._done = True
        return b""

    def _decompress(self, data: bytes, size: int) -> bytes:
        try:
            return self._decompressor.decompress(data, size)  # type: ignore[no-any-return]
        except self._errors as exc:
            raise InputRejected("bad_compression", f"data that does not decompress: {exc}; the "
                                "rest of the file is not read") from None


COMPRESSIONS: dict[str, Compression] = {c.name: c for c in (
    Compression("gzip", ((".tgz", ".tar"), (".gz", ""), (".gzip", "")),
                lambda raw: Streams(raw, _GzipMember, (zlib.error, ValueError), GZIP_MAGIC)),
    Compression("bzip2", ((".tbz2", ".tar"), (".tbz", ".tar"), (".bz2", "")),
                lambda raw: Streams(raw, bz2.BZ2Decompressor, (OSError, ValueError), (b"BZh",))),
    Compression("xz", ((".txz", ".tar"), (".xz", ""), (".lzma", "")),
                lambda raw: Streams(raw, partial(lzma.LZMADecompressor, memlimit=_XZ_MEMORY),
                                     (lzma.LZMAError, ValueError), XZ_MAGIC)),
    Compression("zstd", ((".tzst", ".tar"), (".zst", ""), (".zstd", "")),
                lambda raw: Streams(raw, _ZstdFrames(), (zstd.ZstdError, ValueError), ZSTD_MAGIC)),
)}


def _bzip2_text(head: bytes) -> bool:
    """Whether ``head``, opening with bzip2's magic, is text all the same: "BZh91AY&SY" is also
    ten letters (gzip's and xz's magic numbers hold bytes no text does)."""
    try:
        bz2.BZ2Decompressor().decompress(head, _PROBE_OUTPUT)
    except (OSError, EOFError, ValueError):
        return True
    return False


def compression_of(head: bytes) -> str | None:
    """The compression (a key of :data:`COMPRESSIONS`) whose magic number opens ``head``."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(XZ_MAGIC):
        return "xz"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return "bzip2" if BZIP2_MAGIC.match(head) and not _bzip2_text(head) else None


def _open_compressed(inp: Input, ctx: Context, compression: Compression, streamed: bool,
                     quiet_cut: bool, opened: list[Streams]) -> io.BufferedReader:
    """The decompressed stream of ``inp``. ``quiet_cut``: its inner name says a WARC or a tar,
    whose reader knows a record or member cut short, so a cut ends the data rather than failing
    the read that meets it (which would lose what that read gathered); a WARC or tar the
    content reveals (a nameless file) is taken so too."""
    outer = buffered(inp.open())
    head = outer.peek(_PEEK)[:_PEEK]
    found = compression_of(head)
    # A tar's members are capped one by one, a WARC's records too; the stream that holds them
    # only by the budget. So may a stream whose name has no extension: it is sniffed, and may be
    # either (every other reader caps what it reads whole).
    cap = 1 << 62 if streamed else None
    if found is None and head and (not looks_binary(head) or head[257:262] == TAR_MAGIC
                                   or wide_encoding(head) is not None):
        # "a.jsonl.gz" that a browser already gunzipped (or a plain tar, or UTF-16 text): read as it
        # is. Compressed data, damaged or not, is neither text nor a tar: it goes on to its
        # decompressor, which says what is wrong.
        return ctx.limited(outer, cap=cap)
    if found is not None and found != compression.name:  # "a.jsonl.gz" that bzip2 wrote
        compression = COMPRESSIONS[found]
    opened.append(stream := compression.open(outer))
    stream.quiet_cut = quiet_cut
    reader = ctx.limited(stream, outer, cap=cap)
    if not quiet_cut:
        try:
            head = reader.peek(_PEEK)[:_PEEK]
        except BaseException:  # the data says what is wrong with it at once: the reader's row
            reader.close()
            raise
        stream.quiet_cut = self_delimited(head)
    return reader


def inner_name(name: str, compression: str = "gzip") -> str:
    """The name of what a compressed file holds: ``a.jsonl.gz`` → ``a.jsonl``, ``a.tgz`` →
    ``a.tar``, ``a.tar.xz`` → ``a.tar``; ``""`` (sniff it) when nothing is left."""
    lowered = name.lower()
    for suffix, left in COMPRESSIONS[compression].suffixes:
        if lowered.endswith(suffix):
            return name[: -len(suffix)] + left if len(name) > len(suffix) else ""
    return ""


def read_compressed(compression: str, inp: Input, ctx: Context, name: str | None = None
                    ) -> Iterator[Item]:
    """The content of a gzip, bzip2, xz or zstd file, read as the format its inner name says (or
    ``name``, for a file whose name does not say it is compressed)."""
    inner = ctx.nested()
    name = inner_name(inp.name, compression) if name is None else name
    base = normal_path(name).rsplit("/", 1)[-1]
    opened: list[Streams] = []
    delimited = base.lower().endswith(SELF_DELIMITED)
    opener = partial(_open_compressed, inp, ctx, COMPRESSIONS[compression],
                     "." not in base or delimited, delimited, opened)
    said_cut = False  # whether the inner reader's last row says its last record is cut
    for item in inner.dispatch(Input(inp.source, name, opener, inp.position, decompressed=True),
                               inner):
        said_cut = isinstance(item, QuarantineRow) and item.code == "truncated"
        if not (isinstance(item, QuarantineRow) and item.code in ("empty", "bad_archive")
                and item.source == inp.label() and any(s.cut is not None for s in opened)):
            yield item  # (a WARC cut before its first whole record, a tar before its first
            # header: the cut's row says why, not "no record", "not a tar")
    for stream in opened:  # after what the whole streams held: what followed them
        if stream.trailing is not None:
            yield quarantine(inp.label(), InputRejected("bad_compression", stream.trailing))
        if stream.cut is not None and not said_cut:
            yield quarantine(inp.label(), InputRejected("truncated", stream.cut))


def read_gzip(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of a gzip file (see :func:`read_compressed`)."""
    return read_compressed("gzip", inp, ctx)


def read_bzip2(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of a bzip2 file (see :func:`read_compressed`)."""
    return read_compressed("bzip2", inp, ctx)


def read_xz(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of an xz (or legacy lzma) file (see :func:`read_compressed`)."""
    return read_compressed("xz", inp, ctx)


def read_zstd(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of a zstd file (see :func:`read_compressed`)."""
    return read_compressed("zstd", inp, ctx)

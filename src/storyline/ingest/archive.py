"""gzip, bzip2, xz, zstd, zip and tar archives of any readable format; the inner names decide the
inner formats.

Accepts: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` (one compressed stream, or several concatenated:
``a.jsonl.gz`` is read as ``a.jsonl``, ``a.tgz``, ``a.tbz2``, ``a.txz`` and ``a.tzst`` as
``a.tar``; zstd's skippable frames are skipped, and one holding a dictionary, as a warc-zstd
file opens with, is used for the frames after it; a name with nothing
left after the suffix is sniffed), ``.zip`` and ``.tar`` (every member that the include/exclude
globs select, in archive order; a tar is read as a stream, so a compressed tar never needs a
temporary file). Archives nest up to ``MAX_DEPTH`` deep.
Produces: whatever the inner readers produce; zip and tar members add ``member NAME`` to the
position (``member NAME, copy N`` for the Nth member of a name the archive holds already).
Compression adds nothing: a compressed file holds one stream, named after the file.
Zip-bomb guard: all data decompressed from one top-level input is charged once to a budget of
``max_archive_bytes``; one member (or a compressed stream) may not exceed ``max_member_bytes``,
except that a stream holding a tar or a WARC, or whose inner name has no extension, may fill the
whole budget (their members and records are capped one by one; readers that read their input
whole cap it themselves). xz data whose dictionary needs over 128 MiB, and zstd data whose window
does, is ``bad_compression``.
A zip without its central directory (a download cut short: zipfile refuses it whole) is read
from its members' own local headers with stream-unzip, in order, then a ``truncated`` row.
Whole zips one after another in one file (``cat a.zip b.zip``, after a self-extractor's program
or not, with bytes between them or not; zipfile sees the last only) are read each in turn, and
a zip cut short after a whole one (zipfile reads the whole one and says nothing of the rest)
from its headers; other bytes after a zip's end record and comment are one row.
Rejects: ``archive_too_large`` (budget spent: the member being read and the members left are
reported), ``too_large`` (a member over its cap), ``encrypted``, ``bad_archive`` (not a zip or
tar; or, after members that were read, a tar header that does not parse, a pax or long-name
header over 64 KiB (or a pax header with a run of 100 digits), an old-GNU sparse member whose
map runs over 1,024 blocks, or bytes after the tar's end: at that offset, with how much is not
read; bytes after a zip's end that are no zip, with how many), ``not_a_file`` (a tar member
that is a link or a device, not a file), ``binary`` (a sparse tar member, in any of GNU tar's
formats: skipped, the members after it read),
``bad_compression`` (corrupt gzip, bzip2, xz or zstd data, a zstd frame without its
dictionary; or, after what whole streams held, which is read, bytes after them that neither
start another stream nor are NUL padding, with how many), ``truncated`` (cut compressed or tar
data: the whole records before the cut — JSON lines, CSV rows, WARC records, tar members — are
read, a text or page cut short is no document; a stream cut inside its headers, opening with
its format's magic number, is a cut too), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import bz2
import contextlib
import hashlib
import io
import lzma
import re
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from stream_unzip import (
    NO_ENCRYPTION,
    EncryptionMechanismNotAllowed,
    MissingPasswordError,
    PasswordError,
    TruncatedDataError,
    UnexpectedSignatureError,
    stream_unzip,
)

from storyline.errors import InputRejected
from storyline.ingest.decode import looks_binary, wide_encoding
from storyline.ingest.limits import (
    BZIP2_MAGIC,
    GZIP_MAGIC,
    TAR_MAGIC,
    WARC_STARTS,
    XZ_MAGIC,
    ZIP_MAGIC,
    ZSTD_MAGIC,
    ByteBudget,
    LimitedReader,
    RawView,
    Readable,
    buffered,
    read_capped,
)
from storyline.ingest.quarantine import guarded, quarantine
from storyline.ingest.source import Context, Input, Item, escape_controls
from storyline.ingest.walk import normal_path, selected
from storyline.records import QuarantineRow

try:  # the standard library's from Python 3.14
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:
    from backports import zstd  # type: ignore[import-not-found,no-redef]

_TAR_BLOCK = 512
# Blocks that extend an old-GNU sparse member's map (21 entries each) passed before refusing it
_MAX_SPARSE_BLOCKS = 1024
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

    def _pull(self, size: int) -> bytes:
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
        self._decompressor = self._new()
        self._stream_bytes, self._stream_output, self._head = len(rest), 0, rest[:_HEAD]
        try:
            return self._decompressor.decompress(rest, size)  # type: ignore[no-any-return]
        except self._errors as exc:
            return self._trailing(len(rest), f"do not decompress ({exc})")

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


# Inner formats read as a stream, record by record, each record capped by its reader, and whose
# records say their length, so that their reader knows a record cut short: a tar's members, a
# WARC's records (also named as their own gzip: "a.warc.gz" that xz compressed whole)
_SELF_DELIMITED = (".tar", ".warc", ".wet", ".arc", ".warc.gz", ".wet.gz", ".arc.gz")


def _self_delimited(head: bytes) -> bool:
    """Whether data opening with ``head`` is a WARC (or ARC) or a tar by its content: a format
    whose reader knows a record cut short (see ``_SELF_DELIMITED``)."""
    return head.lstrip(b" \t\r\n").startswith(WARC_STARTS) or head[257:262] == TAR_MAGIC


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
        stream.quiet_cut = _self_delimited(head)
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
    delimited = base.lower().endswith(_SELF_DELIMITED)
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


def _members(archive: zipfile.ZipFile, ctx: Context) -> list[zipfile.ZipInfo]:
    """The members to read: files the include/exclude globs select."""
    return [info for info in archive.infolist()  # (is_dir fails on an empty name)
            if not info.filename.endswith("/") and selected(info.filename, ctx.settings)]


class _Copies:
    """How many members of one archive so far bear each name (by an 8-byte digest of it, so
    that a tar of millions of long names costs little memory). A zip or tar may hold several
    members of one name (``tar -r`` appends a newer copy; a zip writer may repeat a name): each
    is read, and from the second on the position says which copy it is (``member a.txt, copy
    2``), or one document would replace the other in the store, and back again on each run."""

    def __init__(self) -> None:
        self._seen: dict[bytes, int] = {}

    def position(self, name: str) -> str:
        """The member's position, its name as :func:`_shown` shows it (a zip's names, like a
        tar's, may hold control characters or run to thousands of characters)."""
        name = _shown(name)  # counted as shown, so that two names shown alike are two copies
        key = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        count = self._seen[key] = self._seen.get(key, 0) + 1
        return f"member {name}" if count == 1 else f"member {name}, copy {count}"


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, inp: Input, inner: Context,
            position: str) -> Iterator[Item]:
    where = inp.at(position)
    member = Input(inp.source, info.filename, lambda: inner.limited(archive.open(info)), where)
    if info.flag_bits & 0x1:
        yield quarantine(member.label(), InputRejected("encrypted", "the member is encrypted"))
    elif info.file_size > inner.settings.max_member_bytes:
        yield quarantine(member.label(), InputRejected(
            "too_large", f"{info.file_size} bytes exceeds max_member_bytes"))
    else:
        yield from inner.dispatch(member, inner)


def read_zip(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every selected member of a zip file, in archive order; a zip without its central
    directory (a download cut short) by its members' own headers (:func:`_local_members`);
    whole zips one after another (``cat a.zip b.zip``) each in turn, and what follows a zip's
    end (:func:`_leftover`)."""
    inner = ctx.nested()
    with inp.open() as stream:
        seekable = stream if stream.seekable() else io.BytesIO(
            read_capped(stream, ctx.settings.max_member_bytes))
        said = False
        for item in _zip_items(seekable, inp, ctx, inner, _Copies()):
            said = True
            yield item
        if not said:
            raise InputRejected("empty", "the archive holds no member the include globs select")


@dataclass(slots=True)
class _Link:
    """One zip of a file's chain: zipfile's view of it, and the bytes between the end of the
    zip before it and its start (``gap``: offsets in the file)."""

    archive: zipfile.ZipFile
    view: io.IOBase
    gap: tuple[int, int] = (0, 0)
    after: tuple[int, int] = (0, 0)  # the last zip's: bytes past its end that hid it from zipfile


def _zip_items(seekable: io.IOBase, inp: Input, ctx: Context, inner: Context, copies: _Copies
               ) -> Iterator[Item]:
    """The members of the zips in ``seekable`` (see :func:`read_zip`), first to last."""
    chain, cut = _chain(seekable)  # the zips found, the last one first; a cut zip before them
    if cut is not None:
        view, why = cut
        view.seek(0)
        reading = _local_members(view, inp, ctx, inner, why)
        yield from guarded(reading, inp.label()) if chain else reading
    with contextlib.ExitStack() as stack:
        for link in chain:
            stack.enter_context(link.archive)
        links = list(reversed(chain))
        selected_members = [_members(link.archive, ctx) for link in links]
        left = sum(map(len, selected_members))  # members of this zip and the ones after it
        for number, link in enumerate(links):
            if ctx.budget.exhausted:  # spent in a zip before, after its last member: one row
                if left:
                    yield quarantine(inp.label(), InputRejected(
                        "archive_too_large", "the archive decompresses past max_archive_bytes; "
                        f"members left unread: {left}"))
                return
            left -= len(selected_members[number])
            said: list[bool] = []  # whether the zip said how many members are left unread
            reading = _zip_members(link, selected_members[number], left, seekable, inp, ctx,
                                   inner, copies, said)
            # a failure in one of the zips before the last: the others are still read
            yield from guarded(reading, inp.label()) if number < len(links) - 1 else reading
            if said:
                return  # (its row counted the members of the zips after it too)


def _chain(seekable: io.IOBase) -> tuple[list[_Link], tuple[io.IOBase, str] | None]:
    """The zips one after another in ``seekable`` as zipfile opens them, the last one first
    (zipfile finds the last; the one before it is looked for in a view ending at the end
    record found before its start), and the part before the first of them when it is a zip
    without its own directory (cut short), with why. Found in a loop: a file of 10,000 zips is
    no recursion."""
    chain: list[_Link] = []
    view: io.IOBase = seekable
    preamble = False  # whether what is looked at may be a program before the zips (no zip)
    gap = (0, 0)  # between the end record looked before and the zip after it
    while True:
        after = (0, 0)
        try:
            archive = zipfile.ZipFile(view)
        except _OPENING_ERRORS as exc:
            far = None if preamble else _far_zip(view)
            if far is None:
                return chain, None if preamble else (view, str(exc))
            archive, view, after = far
        if preamble and not archive.infolist():  # a program's code holding an empty zip's
            archive.close()  # end record, as python3's does: no zip, and no gap to say
            return chain, None
        if chain:
            chain[-1].gap = gap  # (a zip opened before it: the bytes between are said)
        kind, start, end = _before(archive, view)
        if kind == "a cut zip":
            archive.close()
            return chain, (view, "the only central directory left is that of a zip stored "
                                 "inside it")
        chain.append(_Link(archive, view, after=after))
        if kind not in ("zips", "program"):
            return chain, None
        if end >= view.seek(0, io.SEEK_END):
            return chain, None  # (no progress: never so, but a loop must end)
        gap, view, preamble = (end, start), _Window(seekable, end), kind == "program"


_FAR_TRIES = 8  # end records tried, from the last back, for a zip with more after it
# What zipfile raises opening a damaged zip: its own error, or one its parsing meets (a version
# it does not know, a negative seek, a field cut short)
_OPENING_ERRORS = (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError,
                   IndexError, struct.error)


def _far_zip(stream: io.IOBase) -> tuple[zipfile.ZipFile, io.IOBase, tuple[int, int]] | None:
    """A whole zip followed by more than zipfile looks through (64 KiB: data appended to it):
    zipfile opened on the file up to the last end record and its comment, that view, and the
    bytes after it; None when there is no such record, zipfile refuses it, or the zip found is
    one stored inside a zip cut short (read from its headers then, as any cut zip)."""
    size = at = stream.seek(0, io.SEEK_END)
    for _ in range(_FAR_TRIES):  # (the last one may be a zip's record cut short after a zip)
        at = _rfind(stream, _END_RECORD, at)
        if at < 0:
            return None
        stream.seek(at + 20)
        end = at + 22 + int.from_bytes(stream.read(2).ljust(2, b"\0"), "little")
        if end >= size:
            continue
        view = _Window(stream, end)
        try:
            archive = zipfile.ZipFile(view)
        except _OPENING_ERRORS:
            continue
        if _before(archive, view)[0] != "a cut zip":
            return archive, view, (end, size)
        archive.close()
        return None
    return None


def _before(archive: zipfile.ZipFile, stream: io.IOBase) -> tuple[str, int, int]:
    """What comes before the zip zipfile found in ``stream``, where that zip starts, and where
    the end record before it ends (or 0). ``zips`` when the stream opens with a member's local
    header, or an empty zip's end record, and an end record lies before the start (whole zips
    one after another, ``cat a.zip b.zip``: zipfile reads the last one only); ``a cut zip``
    when it opens so and none does (cut short, its last whole member a zip stored as it is,
    whose directory zipfile took for the file's: the file's own members were lost without a
    word); ``program`` when it opens otherwise and an end record lies before the start (a
    self-extractor's program before zips, or one whose code holds the record's four bytes);
    else ``""``: nothing before the zip, or no zip (a self-extractor's program)."""
    start = min((m.header_offset for m in archive.infolist()),
                default=archive.start_dir)  # (an empty zip: where its directory starts)
    damaged = not 0 <= start <= archive.start_dir  # a directory pointing past itself
    if damaged:  # its members cannot be placed: look before its directory, say no gap
        start = archive.start_dir
    if not 0 < start < stream.seek(0, io.SEEK_END):
        return "", 0, 0
    stream.seek(0)
    opens = stream.read(len(_LOCAL_HEADER)) in (_LOCAL_HEADER, _END_RECORD)
    at = _rfind(stream, _END_RECORD, start)
    if at < 0:
        return ("a cut zip" if opens and not damaged else ""), start, 0
    stream.seek(at + 20)
    end = min(at + 22 + int.from_bytes(stream.read(2).ljust(2, b"\0"), "little"), start)
    return ("zips" if opens else "program"), end if damaged else start, end


def _rfind(stream: io.IOBase, needle: bytes, end: int) -> int:
    """Where ``needle`` last occurs in ``stream`` before offset ``end`` (read backwards a
    chunk at a time), or -1."""
    stop, carried = end, b""  # the first bytes of the chunk after, for a needle across two
    while stop > 0:
        begin = max(stop - _CHUNK, 0)
        stream.seek(begin)
        piece = stream.read(stop - begin) + carried
        found = piece.rfind(needle)
        if found >= 0:
            return begin + found
        carried, stop = piece[: len(needle) - 1], begin
    return -1


def _zip_members(link: _Link, members: list[zipfile.ZipInfo], later: int, seekable: io.IOBase,
                 inp: Input, ctx: Context, inner: Context, copies: _Copies, said: list[bool]
                 ) -> Iterator[Item]:
    """The gap before one zip (:func:`_leftover`), its selected members (``later``: how many
    the zips after it hold), then what follows its end in its view. ``said`` gets a value when
    the budget stops it and its row counts the members left unread."""
    if link.gap[1] > link.gap[0]:
        yield from _leftover(seekable, *link.gap, inp, ctx, inner, copies)
    for index, info in enumerate(members):
        position = copies.position(info.filename)
        if ctx.budget.exhausted:
            yield quarantine(inp.label(position), InputRejected(
                "archive_too_large", "the archive decompresses past max_archive_bytes; "
                f"members left unread: {len(members) - index + later}"))
            said.append(True)
            return
        yield from _member(link.archive, info, inp, inner, position)
    end = _directory_end(link.archive, link.view)
    if end is not None:
        yield from _leftover(link.view, end, link.view.seek(0, io.SEEK_END), inp, ctx, inner,
                             copies)
    if link.after[1] > link.after[0]:
        yield from _leftover(seekable, *link.after, inp, ctx, inner, copies)


_DIRECTORY_ENTRY = struct.Struct("<4s24xHHH12x")  # a central directory entry's fixed 46 bytes
_DIRECTORY_MAGIC = b"PK\x01\x02"
_ZIP64_END, _ZIP64_LOCATOR = b"PK\x06\x06", b"PK\x06\x07"


def _directory_end(archive: zipfile.ZipFile, stream: io.IOBase) -> int | None:
    """Where the zip's end record and its comment end: the central directory zipfile read is
    walked entry by entry from its start (a signature's four bytes inside a name, an extra
    field or a comment are no end record), then zip64's end record and locator when there;
    None when the bytes there are not what zipfile read."""
    stream.seek(archive.start_dir)
    for _ in archive.infolist():
        head = stream.read(_DIRECTORY_ENTRY.size)
        if len(head) < _DIRECTORY_ENTRY.size:
            return None
        magic, name, extra, comment = _DIRECTORY_ENTRY.unpack(head)
        if magic != _DIRECTORY_MAGIC:
            return None
        stream.seek(name + extra + comment, io.SEEK_CUR)
    at = stream.tell()
    magic = stream.read(4)
    if magic == _ZIP64_END:
        size = int.from_bytes(stream.read(8), "little")
        stream.seek(at + 12 + size)
        at, magic = stream.tell(), stream.read(4)
    if magic == _ZIP64_LOCATOR:
        stream.seek(at + 20)
        at, magic = stream.tell(), stream.read(4)
    if magic != _END_RECORD:
        return None
    stream.seek(at + 20)
    comment_length = stream.read(2)
    return at + 22 + int.from_bytes(comment_length, "little") if len(comment_length) == 2 else None


class _Window(RawView):
    """Bytes ``start`` to ``end`` of a seekable stream as a seekable stream of their own (a zip
    that whole zips after it hide from zipfile, a zip cut short after a whole one). Reads seek
    the stream each time, so that zipfile may read the zips in turn; closing the window leaves
    the stream open."""

    def __init__(self, inner: io.IOBase, end: int, start: int = 0) -> None:
        super().__init__(inner, close_inner=False)
        self._start, self._end, self._at = start, end - start, 0

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._at

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = (0, self._at, self._end)[whence]
        self._at = max(base + offset, 0)
        return self._at

    def _pull(self, size: int) -> bytes:
        size = max(min(size, self._end - self._at), 0)
        if not size:
            return b""
        self._inner.seek(self._start + self._at)  # type: ignore[attr-defined]
        data: bytes = self._inner.read(size)
        self._at += len(data)
        return data

    def read(self, size: int | None = -1, /) -> bytes:
        return self._pull(self._end - self._at if size is None or size < 0 else size)


def _leftover(stream: io.IOBase, begin: int, stop: int, inp: Input, ctx: Context,
              inner: Context, copies: _Copies) -> Iterator[Item]:
    """What lies from ``begin`` to ``stop`` after a zip's end (and its comment), which zipfile
    passes over without a word: nothing, or NUL or blank padding; a zip cut short (a local
    header: its members are read from their headers, then a ``truncated`` row); else one
    ``bad_archive`` row saying how many bytes are not read (data appended to a zip)."""
    if stop <= begin:
        return
    stream.seek(begin)
    if stream.read(len(_LOCAL_HEADER)) == _LOCAL_HEADER:
        yield from guarded(_zip_items(_Window(stream, stop, begin), inp, ctx, inner, copies),
                           inp.label())
    elif not _padding(stream, begin, stop):
        yield quarantine(inp.label(), InputRejected(
            "bad_archive", f"{stop - begin} bytes after a zip's end (offset {begin}) are not read"))


def _padding(stream: io.IOBase, begin: int, stop: int) -> bool:
    """Whether bytes ``begin`` to ``stop`` are all NULs or blank space."""
    stream.seek(begin)
    while stream.tell() < stop and (piece := stream.read(min(_CHUNK, stop - stream.tell()))):
        if piece.strip(b"\0 \t\r\n"):
            return False
    return True


class _MemberChunks:
    """A member's decompressed data as stream-unzip hands it over, chunk by chunk, as a stream:
    a read gives what the next chunk holds (so a reader keeps every whole record before a
    cut). When the data stops early, the read after its last whole chunk raises: EOFError
    (``truncated``: a text cut short is no document) when the zip ends inside the member,
    ``bad_archive`` when its data is damaged (a CRC that does not match, data that does not
    inflate)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._rest = chunks, b""
        self.failure: Exception | None = None  # why the member's data stopped early

    def read(self, size: int = -1, /) -> bytes:
        while not self._rest:
            if isinstance(self.failure, TruncatedDataError):
                raise EOFError("the zip file is cut short inside this member")
            if self.failure is not None:
                raise InputRejected("bad_archive", f"the member's data is damaged: "
                                    f"{_zip_error(self.failure)}")
            try:
                self._rest = next(self._chunks)
            except StopIteration:
                return b""
            except Exception as exc:  # noqa: BLE001 - stream-unzip's, zlib's, stream-inflate's
                self.failure = exc
        size = len(self._rest) if size < 0 else size
        data, self._rest = self._rest[:size], self._rest[size:]
        return data

    read1 = read

    def drain(self, budget: ByteBudget) -> None:
        """Read the rest (stream-unzip reads no member before the last one is read to its end),
        charged to ``budget``: skipping a member costs its decompression."""
        budget.take(len(self._rest))
        self._rest = b""
        while self.failure is None:
            try:
                chunk = next(self._chunks)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - as in read
                self.failure = exc
                return
            budget.take(len(chunk))

    def close(self) -> None:
        pass  # the zip's stream is closed by who opened it


def _zip_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}{f' ({exc})' if str(exc) else ''}"[:200]


def _zip_name(raw: bytes) -> str:
    """A member name from its local header: UTF-8, else the zip standard's cp437 (stream-unzip
    does not hand over the flag that says which)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp437")


_LOCAL_HEADER, _END_RECORD = ZIP_MAGIC  # a member's local header; the end of the directory
_PREAMBLE_MAX = 1 << 24  # how far into the file the first member may start (a self-extractor)


_HEADER = struct.Struct("<4sHHHHHIIIHH")  # a local header's fixed part
_METHODS = frozenset({0, 8, 9, 12, 14, 93, 95, 98})  # stored, deflate(64), bzip2, lzma, zstd, xz, ppmd


def _first_member(stream: io.IOBase) -> int:
    """Where the first member's local header starts: at 0, or after a preamble (a
    self-extracting program's code, which may hold the signature's four bytes itself) of up to
    16 MiB: the first signature whose header reads as one (a known method, a name of 1 to
    4,096 bytes without NUL); 0 when none does."""
    head, searched = bytearray(), 0
    while len(head) < _PREAMBLE_MAX and (piece := stream.read(_CHUNK)):
        head += piece
        at = head.find(_LOCAL_HEADER, searched)
        while at >= 0 and at + _HEADER.size <= len(head):
            fields = _HEADER.unpack_from(head, at)
            method, name_length = fields[3], fields[9]
            name = head[at + _HEADER.size: at + _HEADER.size + name_length]
            if method in _METHODS and 0 < name_length <= 4096 and 0 not in name:
                return at
            at = head.find(_LOCAL_HEADER, at + 1)
        searched = max(len(head) - _HEADER.size, 0) if at < 0 else at
    return 0


def _local_members(stream: io.IOBase, inp: Input, ctx: Context, inner: Context, why: str
                   ) -> Iterator[Item]:
    """The members of a zip that zipfile refuses for want of its central directory (the index
    at the end: a download cut short loses it first), read in order from their own local
    headers with stream-unzip, as ``unzip -FF`` and bsdtar recover them; then one row for the
    zip: ``truncated`` (cut inside a member or a header, or its index missing after whole
    members: whether members were lost with it cannot be told), ``encrypted`` or
    ``bad_archive`` (a member that cannot be read without the index, damaged data: the
    members after it are not read). A file with no member at all stays ``bad_archive``."""
    if stream.seek(0, io.SEEK_END) == 0:
        raise InputRejected("empty", "the zip file is empty")
    stream.seek(0)
    stream.seek(_first_member(stream))  # (which reads from the start)
    chunks = iter(lambda: stream.read(_CHUNK), b"")
    members = stream_unzip(chunks, allowed_encryption_mechanisms=(NO_ENCRYPTION,))
    copies, whole, failure = _Copies(), 0, None
    said = False  # whether the member the reading stopped in has its own row for it
    last_code = ""  # the code of the last row a member gave
    try:
        for raw_name, _size, data in members:
            name = _zip_name(raw_name)
            position, reader = copies.position(name), _MemberChunks(data)
            said = False
            if not name.endswith("/") and selected(name, ctx.settings):
                if ctx.budget.exhausted:
                    yield quarantine(inp.label(position), InputRejected(
                        "archive_too_large", "the archive decompresses past max_archive_bytes; "
                        "the members from here on are not read"))
                    return
                member = Input(inp.source, name, lambda r=reader: inner.limited(r), inp.at(position))  # type: ignore[misc]
                for item in inner.dispatch(member, inner):
                    last_code = item.code if isinstance(item, QuarantineRow) else ""
                    said = last_code in ("truncated", "bad_archive")
                    yield item
            reader.drain(ctx.budget)
            if reader.failure is not None:
                failure = reader.failure
                break
            whole += 1
    except InputRejected as exc:  # the budget, spent skipping a member
        if exc.code != last_code:  # (the member being read says so already)
            yield quarantine(inp.label(), exc)
        return
    except Exception as exc:  # noqa: BLE001 - stream-unzip's own, in a header
        failure, said = exc, False
    if said and isinstance(failure, TruncatedDataError):
        return  # cut inside a member, which says so: nothing follows a cut
    yield from _zip_ending(inp, failure, whole, said, why)


def _zip_ending(inp: Input, failure: Exception | None, whole: int, said: bool, why: str
                ) -> Iterator[Item]:
    """The row that ends a zip read from its local headers (see :func:`_local_members`)."""
    if failure is None and not whole:
        raise InputRejected("bad_archive", f"not a zip archive ({why})")
    if failure is None:
        yield quarantine(inp.label(), InputRejected(
            "truncated", f"the zip file's central directory is missing or cut ({why}): its "
            f"{whole} member(s) were read from their own headers; members after them, if any, "
            "are lost"))
        return
    if isinstance(failure, MissingPasswordError | PasswordError | EncryptionMechanismNotAllowed):
        rejection = InputRejected("encrypted", f"after {whole} member(s), an encrypted member, "
                                  "which a zip without its central directory cannot be read past")
    elif isinstance(failure, TruncatedDataError):
        rejection = InputRejected("truncated", f"the zip file is cut short after {whole} whole "
                                  f"member(s), read from their own headers ({why})" if whole else
                                  f"the zip file is cut short inside its first member ({why})")
    elif not whole and not said and isinstance(failure, UnexpectedSignatureError):
        raise InputRejected("bad_archive", f"not a zip archive ({why})")
    else:
        rejection = InputRejected("bad_archive", f"after {whole} whole member(s), a member that "
                                  f"cannot be read without the zip's central directory, or is "
                                  f"damaged: {_zip_error(failure)}; the rest is not read ({why})")
    if not whole and not said:
        raise rejection
    yield quarantine(inp.label(), rejection)


# A pax or GNU long-name header is read whole into memory, and CPython's pax parsing before
# 3.11.10 is quadratic in a run of digits (CVE-2024-6232: 160 KB took 15 s, twelve headers of
# 64 KB 43 s). Real ones hold a path, times (ten digits, a point, nine) and sizes (at most
# twenty digits): a header over 64 KiB, or a pax header holding a run of 100 digits, makes the
# rest of the archive unreadable. Runs just under that cost about 5 ms a 64 KiB header.
_MAX_EXTENDED_HEADER = 1 << 16
_DIGIT_RUN = re.compile(rb"[0-9]{100}")


class _Header(tarfile.TarInfo):
    """tarfile's member header, which also notes on the archive why the member list ended
    (the name of tarfile's header error: tarfile ends it without a word at a header that does
    not parse, after the first), and refuses extended headers over 64 KiB."""

    @classmethod
    def fromtarfile(cls, tarfile_: tarfile.TarFile) -> _Header:
        try:
            return super().fromtarfile(tarfile_)
        except tarfile.HeaderError as exc:
            tarfile_.stopped_by = type(exc).__name__  # type: ignore[attr-defined]
            raise

    def _extended(self, kind: str) -> None:
        if self.size > _MAX_EXTENDED_HEADER:
            raise tarfile.ReadError(f"a {kind} header of {self.size} bytes (the limit is "
                                    f"{_MAX_EXTENDED_HEADER}); the rest of the archive is not read")

    def _proc_sparse(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        # A sparse file (old GNU format) is skipped (a row: its holes read as NUL bytes, no
        # text), but the blocks that extend its map come before its data and must be passed.
        # tarfile gathers the map from however many of them there are: here they are counted
        # and skipped, up to _MAX_SPARSE_BLOCKS.
        _, extended, real_size = self._sparse_structs  # type: ignore[attr-defined]
        del self._sparse_structs  # type: ignore[attr-defined]
        for _ in range(_MAX_SPARSE_BLOCKS + 1):
            if not extended:
                break
            block = tarfile_.fileobj.read(_TAR_BLOCK)  # type: ignore[union-attr]
            if len(block) < _TAR_BLOCK:
                raise tarfile.ReadError("unexpected end of data")  # cut inside the map: truncated
            extended = bool(block[504])
        else:
            raise tarfile.ReadError(f"a sparse member whose map runs over {_MAX_SPARSE_BLOCKS} "
                                    "blocks; the rest of the archive is not read")
        self.sparse = []  # type: ignore[assignment]  # skipped: the map is not kept
        self.offset_data = tarfile_.fileobj.tell()  # type: ignore[union-attr]
        tarfile_.offset = self.offset_data + self._block(self.size)  # type: ignore[attr-defined]
        self.size = real_size
        return self

    def _proc_gnusparse_10(self, next_: tarfile.TarInfo, pax_headers: dict[str, str],
                           tarfile_: tarfile.TarFile) -> None:
        # A sparse file (GNU format 1.0) keeps its map, however long, at the start of its data,
        # which tarfile reads whole: not read here, as the member is skipped (the next header's
        # offset comes from the member's stored size, map included).
        next_.sparse = []  # type: ignore[assignment]

    def _proc_pax(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        self._extended("pax")
        # tarfile reads the header's records with the stream's next read: check them there,
        # and only them (the member header after them may hold a long run of digits).
        stream: Any = tarfile_.fileobj
        stream.read = partial(_checked_records, stream, stream.read)
        try:
            return super()._proc_pax(tarfile_)  # type: ignore[misc, no-any-return]
        finally:
            vars(stream).pop("read", None)  # the stream's own method again, if not already

    def _proc_gnulong(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        self._extended("long-name")
        return super()._proc_gnulong(tarfile_)  # type: ignore[misc, no-any-return]


def _checked_records(stream: Any, read: Callable[[int], bytes], size: int) -> bytes:
    """A pax header's records, read once with the stream's own ``read`` (which this puts
    back), refused when they hold a run of 100 digits."""
    del stream.read
    data = read(size)
    if _DIGIT_RUN.search(data):
        raise tarfile.ReadError("a pax header holding a run of 100 digits or more; the rest of "
                                "the archive is not read")
    return data


# tarfile's header errors that mean the archive ended where it should (zero blocks, no bytes).
_AT_END = ("EOFHeaderError", "EmptyHeaderError")


class _EndOnce:
    """The tar's byte stream, which raises EOFError when read again after its end: tarfile
    skips a member by reading block after block until the size its header declares, even past
    the end (a declared 2^70 bytes never finished)."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._ended = False

    def read(self, size: int = -1, /) -> bytes:
        if self._ended:
            raise EOFError("the tar archive ends before the end of a member it declares")
        data = self._stream.read(size)
        self._ended = not data and size != 0
        return data

    def close(self) -> None:
        self._stream.close()


def _tar_rejection(exc: Exception, at_start: bool = False) -> InputRejected:
    reason = str(exc)
    if at_start and reason == "truncated header":  # under one block: no tar at all
        return InputRejected("bad_archive", "not a tar archive: shorter than one header")
    if isinstance(exc, EOFError) or reason in ("unexpected end of data", "truncated header"):
        return InputRejected("truncated", f"the tar archive is cut short ({reason})")
    if reason == "empty file":
        return InputRejected("empty", "the tar archive holds nothing")
    return InputRejected("bad_archive", f"the tar archive does not parse: {reason}"[:300])


def _shown(name: str) -> str:
    """A member name as positions show it: control characters escaped, at most 1,000 characters."""
    name = escape_controls(name)
    return name if len(name) <= 1000 else name[:1000] + "…"


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, inp: Input, inner: Context,
                position: str) -> Iterator[Item]:
    name = _shown(info.name)
    member = Input(inp.source, name, lambda: _member_stream(archive, info, inner),
                   inp.at(position))
    if not info.isfile():
        kind = "a link" if info.issym() or info.islnk() else "a device, pipe or other special file"
        yield quarantine(member.label(), InputRejected("not_a_file", f"the member is {kind}, not a file"))
    elif info.sparse is not None:
        yield quarantine(member.label(), InputRejected(
            "binary", "the member is a sparse file (runs of NUL bytes stored as a map, which no "
            "text holds); it is not read"))
    elif info.size > inner.settings.max_member_bytes:
        yield quarantine(member.label(), InputRejected(
            "too_large", f"{info.size} bytes exceeds max_member_bytes"))
    else:
        yield from inner.dispatch(member, inner)


class MemberCut(EOFError):
    """A tar member's data ends before the size its header declares: the archive is cut."""


class _TarData:
    """A tar member's bytes, read from the archive's stream itself. tarfile's own reader
    (``extractfile``) fails a read that meets the archive's end and drops what it gathered,
    so the whole records of a member cut short that lay in that read (hundreds of JSON lines)
    were lost. Here a read gives what there is, and the next one raises EOFError
    (``truncated``: a text or page cut short is no document). A member whose records say their
    length (a WARC, a tar: named so, or opening so) ends quietly instead, as a cut compressed
    stream of them does (:class:`Streams`): their readers read in loops that such an error
    would cut short, losing what the loop gathered, and they know a record cut short
    themselves; the tar's reading, meeting the end where the member should go on, says the
    archive is cut."""

    def __init__(self, archive: tarfile.TarFile, info: tarfile.TarInfo) -> None:
        self._stream: Any = archive.fileobj  # tarfile's stream: it seeks forward only
        self._at, self._left = info.offset_data, info.size
        self._quiet: bool | None = True if info.name.lower().endswith(_SELF_DELIMITED) else None

    def read(self, size: int = -1, /) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        if size <= 0:
            return b""
        try:
            self._stream.seek(self._at)  # where the last read ended, unless none was made yet
            data: bytes = self._stream.read(size)
        except EOFError:  # the archive's stream had ended already
            data = b""
        if self._quiet is None:  # the member's first bytes: does it open as a WARC or a tar?
            self._quiet = _self_delimited(data)
        if not data:
            if self._quiet:
                self._left = 0
                return b""
            raise MemberCut("the tar archive is cut short inside this member")
        self._at, self._left = self._at + len(data), self._left - len(data)
        return data

    def close(self) -> None:
        pass  # the archive's stream is closed with the archive


def _member_stream(archive: tarfile.TarFile, info: tarfile.TarInfo, inner: Context) -> io.BufferedReader:
    # Capped, not charged: the tar's bytes were charged where they were decompressed, if at all.
    return buffered(LimitedReader(_TarData(archive, info), inner.settings.max_member_bytes))


def _tar_tail(archive: tarfile.TarFile, inp: Input) -> Iterator[Item]:
    """A row for what follows the last member when it is not the tar's end (zero blocks)."""
    stopped = getattr(archive, "stopped_by", None)
    offset = archive.offset
    rest, zeros = 0, 0  # bytes after the block tarfile stopped at; NULs before the first other
    try:
        while chunk := archive.fileobj.read(1 << 20):  # type: ignore[union-attr]
            if zeros == rest:
                zeros += len(chunk) - len(chunk.lstrip(b"\0"))
            rest += len(chunk)
    except EOFError:
        pass  # the stream had ended already
    if stopped in _AT_END and zeros == rest:
        return
    if stopped == "TruncatedHeaderError":
        yield quarantine(inp.label(f"tar offset {offset}"), InputRejected(
            "truncated", "the tar archive ends inside a member header"))
        return
    if stopped in _AT_END:  # bytes after the end marker and its padding
        junk = offset + _TAR_BLOCK + zeros
        yield quarantine(inp.label(f"tar offset {junk}"), InputRejected(
            "bad_archive", f"{rest - zeros} bytes after the end of the archive are not read"))
        return
    yield quarantine(inp.label(f"tar offset {offset}"), InputRejected(  # its own block read too
        "bad_archive", f"{rest + _TAR_BLOCK} bytes from a header that does not parse are not read"))


@dataclass(slots=True)
class _Progress:
    """How far a tar was read: items produced (rows included), the last member header's offset,
    and whether that member was cut short (its own row says so)."""

    items: int = 0
    offset: int = 0
    cut_short: bool = False


def _tar_items(archive: tarfile.TarFile, inp: Input, ctx: Context, inner: Context,
               progress: _Progress) -> Iterator[Item]:
    """The items of every selected member, then what follows the last one."""
    copies = _Copies()
    for info in archive:
        archive.members.clear()  # type: ignore[attr-defined]  # stream mode keeps every header
        progress.offset, progress.cut_short = info.offset, False
        if info.isdir() or not selected(info.name, ctx.settings):
            continue
        for item in _tar_member(archive, info, inp, inner, copies.position(_shown(info.name))):
            progress.cut_short |= isinstance(item, QuarantineRow) and item.code == "truncated"
            yield item
        if ctx.budget.exhausted:  # the member's own row says so
            yield quarantine(inp.label(f"tar offset {archive.offset}"), InputRejected(
                "archive_too_large", "the archive decompresses past max_archive_bytes; "
                "the members from here on are not read"))
            return
    yield from _tar_tail(archive, inp)


def read_tar(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every selected member of a tar file, in archive order, read as a stream."""
    inner = ctx.nested()
    progress = _Progress()
    with inp.open() as stream:
        try:
            with tarfile.open(fileobj=_EndOnce(stream), mode="r|", tarinfo=_Header,  # type: ignore[call-overload]
                              errors="backslashreplace") as archive:
                for item in _tar_items(archive, inp, ctx, inner, progress):
                    progress.items += 1
                    yield item
        except (tarfile.TarError, EOFError, ValueError, IndexError) as exc:
            rejection = _tar_rejection(exc, at_start=not progress.items)
            if not progress.items:
                raise rejection from None
            if isinstance(exc, EOFError) and progress.cut_short:
                return  # the member cut short has its row already
            # After members were read, the row says where reading stopped: at the member whose
            # data the archive does not hold, or at the header that does not parse.
            offset = progress.offset if isinstance(exc, EOFError) else archive.offset
            yield quarantine(inp.label(f"tar offset {offset}"), rejection)
            return
    if not progress.items:
        raise InputRejected("empty", "the archive holds no member the include globs select")

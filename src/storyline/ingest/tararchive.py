"""tar archives of any readable format; the member names decide the inner formats.

Accepts: ``.tar`` (every member that the include/exclude globs select, in archive order; a tar
is read as a stream, so a compressed tar never needs a temporary file). Archives nest up to
``MAX_DEPTH`` deep.
Produces: whatever the inner readers produce; members add ``member NAME`` to the position
(``member NAME, copy N`` for the Nth member of a name the archive holds already).
Zip-bomb guard: a tar's bytes are charged to the input's budget of ``max_archive_bytes`` where
they are decompressed, if they are; one member may not exceed ``max_member_bytes``.
Rejects: ``archive_too_large`` (budget spent: the member being read and the members left are
reported), ``too_large`` (a member over its cap), ``bad_archive`` (not a tar; or, after members
that were read, a tar header that does not parse, a pax or long-name header over 64 KiB (or a
pax header with a run of 100 digits), an old-GNU sparse member whose map runs over 1,024
blocks, or bytes after the tar's end: at that offset, with how much is not read),
``not_a_file`` (a tar member that is a link or a device, not a file), ``binary`` (a sparse tar
member, in any of GNU tar's formats: skipped, the members after it read), ``truncated`` (cut
tar data: the whole records before the cut — JSON lines, CSV rows, WARC records, tar members —
are read, a text or page cut short is no document), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import io
import re
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from storyline.errors import InputRejected
from storyline.ingest.limits import LimitedReader, Readable, buffered
from storyline.ingest.members import SELF_DELIMITED, Copies, MemberCut, self_delimited, shown_name
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import selected
from storyline.records import QuarantineRow

_TAR_BLOCK = 512
# Blocks that extend an old-GNU sparse member's map (21 entries each) passed before refusing it
_MAX_SPARSE_BLOCKS = 1024


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


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, inp: Input, inner: Context,
                position: str) -> Iterator[Item]:
    name = shown_name(info.name)
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
        self._quiet: bool | None = True if info.name.lower().endswith(SELF_DELIMITED) else None

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
            self._quiet = self_delimited(data)
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
    copies = Copies()
    for info in archive:
        archive.members.clear()  # type: ignore[attr-defined]  # stream mode keeps every header
        progress.offset, progress.cut_short = info.offset, False
        if info.isdir() or not selected(info.name, ctx.settings):
            continue
        for item in _tar_member(archive, info, inp, inner, copies.position(shown_name(info.name))):
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

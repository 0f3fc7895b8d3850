"""zip archives of any readable format; the member names decide the inner formats.

Accepts: ``.zip`` (every member that the include/exclude globs select, in archive order).
Archives nest up to ``MAX_DEPTH`` deep.
A zip without its central directory (a download cut short: zipfile refuses it whole) is read
from its members' own local headers with stream-unzip, in order, then a ``truncated`` row
(:mod:`storyline.ingest.ziprecovery`).
Whole zips one after another in one file (``cat a.zip b.zip``, after a self-extractor's program
or not, with bytes between them or not; zipfile sees the last only) are read each in turn, and
a zip cut short after a whole one (zipfile reads the whole one and says nothing of the rest)
from its headers; other bytes after a zip's end record and comment are one row.
Produces: whatever the inner readers produce; members add ``member NAME`` to the
position (``member NAME, copy N`` for the Nth member of a name the archive holds already).
Zip-bomb guard: all data decompressed from one top-level input is charged once to a budget of
``max_archive_bytes``; one member may not exceed ``max_member_bytes``.
Rejects: ``archive_too_large`` (budget spent: the member being read and the members left are
reported), ``too_large`` (a member over its cap), ``encrypted``, ``bad_archive`` (not a zip;
bytes after a zip's end that are no zip, with how many), ``truncated`` (a zip read from its
members' own headers), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.errors import InputRejected
from storyline.ingest.limits import ZIP_MAGIC, RawView, read_capped
from storyline.ingest.members import Copies
from storyline.ingest.quarantine import guarded, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import selected
from storyline.ingest.ziprecovery import local_members

_CHUNK = 1 << 16  # bytes read at a time, looking back for an end record or over padding
_LOCAL_HEADER, _END_RECORD = ZIP_MAGIC  # a member's local header; the end of the directory


def _members(archive: zipfile.ZipFile, ctx: Context) -> list[zipfile.ZipInfo]:
    """The members to read: files the include/exclude globs select."""
    return [info for info in archive.infolist()  # (is_dir fails on an empty name)
            if not info.filename.endswith("/") and selected(info.filename, ctx.settings)]


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
    directory (a download cut short) by its members' own headers (:func:`local_members`);
    whole zips one after another (``cat a.zip b.zip``) each in turn, and what follows a zip's
    end (:func:`_leftover`)."""
    inner = ctx.nested()
    with inp.open() as stream:
        seekable = stream if stream.seekable() else io.BytesIO(
            read_capped(stream, ctx.settings.max_member_bytes))
        said = False
        for item in _zip_items(seekable, inp, ctx, inner, Copies()):
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


def _zip_items(seekable: io.IOBase, inp: Input, ctx: Context, inner: Context, copies: Copies
               ) -> Iterator[Item]:
    """The members of the zips in ``seekable`` (see :func:`read_zip`), first to last."""
    chain, cut = _chain(seekable)  # the zips found, the last one first; a cut zip before them
    if cut is not None:
        view, why = cut
        view.seek(0)
        reading = local_members(view, inp, ctx, inner, why)
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
                 inp: Input, ctx: Context, inner: Context, copies: Copies, said: list[bool]
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
              inner: Context, copies: Copies) -> Iterator[Item]:
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

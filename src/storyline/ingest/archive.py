"""gzip, zip and tar archives of any readable format; the inner names decide the inner formats.

Accepts: ``.gz`` (one compressed stream: ``a.jsonl.gz`` is read as ``a.jsonl``, ``a.tgz`` as
``a.tar``; a name with nothing left after ``.gz`` is sniffed), ``.zip`` and ``.tar`` (every
member that the include/exclude globs select, in archive order; a tar is read as a stream, so
``.tar.gz`` and ``.tgz`` never need a temporary file). Archives nest up to ``MAX_DEPTH`` deep.
Produces: whatever the inner readers produce; zip and tar members add ``member NAME`` to the
position. gzip adds nothing: a gzip file holds one stream, named after the file.
Zip-bomb guard: all data decompressed from one top-level input is charged once to a budget of
``max_archive_bytes``; one member (or a gzip stream) may not exceed ``max_member_bytes``, except
that a gzip stream holding a tar may fill the whole budget (its members are capped one by one).
Rejects: ``archive_too_large`` (budget spent: the member being read and the members left are
reported), ``too_large`` (a member over its cap), ``encrypted``, ``bad_archive`` (not a zip or
tar; or, after members that were read, a tar header that does not parse, or bytes after the
tar's end: at that offset, with how much is not read), ``not_a_file`` (a tar member that is a
link or a device, not a file), ``bad_compression``/``truncated`` (corrupt or cut gzip or tar
data), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Iterator
from functools import partial

from storyline.errors import InputRejected
from storyline.ingest.limits import LimitedReader, Readable, buffered, read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import selected

_TAR_BLOCK = 512


def _open_gzip(inp: Input, ctx: Context, holds_tar: bool) -> io.BufferedReader:
    outer = inp.open()
    # A tar's members are capped one by one; the stream that holds them only by the budget.
    cap = 1 << 62 if holds_tar else None
    return ctx.limited(gzip.GzipFile(fileobj=outer, mode="rb"), outer, cap=cap)


def inner_name(name: str) -> str:
    """The name of what a gzip file holds: ``a.jsonl.gz`` → ``a.jsonl``, ``a.tgz`` → ``a.tar``;
    ``""`` (sniff it) when nothing is left."""
    lowered = name.lower()
    if lowered.endswith(".tgz"):
        return name[: -len(".tgz")] + ".tar"
    return name[: -len(".gz")] if lowered.endswith(".gz") else ""


def read_gzip(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of a gzip file, read as the format its inner name says."""
    inner = ctx.nested()
    name = inner_name(inp.name)
    opener = partial(_open_gzip, inp, ctx, name.lower().endswith(".tar"))
    yield from inner.dispatch(Input(inp.source, name, opener, inp.position), inner)


def _members(archive: zipfile.ZipFile, ctx: Context) -> list[zipfile.ZipInfo]:
    members = [info for info in archive.infolist()
               if not info.is_dir() and selected(info.filename, ctx.settings)]
    if not members:
        raise InputRejected("empty", "the archive holds no member the include globs select")
    return members


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, inp: Input, inner: Context) -> Iterator[Item]:
    where = inp.at(f"member {info.filename}")
    member = Input(inp.source, info.filename, lambda: inner.limited(archive.open(info)), where)
    if info.flag_bits & 0x1:
        yield quarantine(member.label(), InputRejected("encrypted", "the member is encrypted"))
    elif info.file_size > inner.settings.max_member_bytes:
        yield quarantine(member.label(), InputRejected(
            "too_large", f"{info.file_size} bytes exceeds max_member_bytes"))
    else:
        yield from inner.dispatch(member, inner)


def read_zip(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every selected member of a zip file, in archive order."""
    inner = ctx.nested()
    with inp.open() as stream:
        seekable = stream if stream.seekable() else io.BytesIO(
            read_capped(stream, ctx.settings.max_member_bytes))
        with zipfile.ZipFile(seekable) as archive:
            members = _members(archive, ctx)
            for index, info in enumerate(members):
                if ctx.budget.exhausted:
                    yield quarantine(inp.label(f"member {info.filename}"), InputRejected(
                        "archive_too_large", "the archive decompresses past max_archive_bytes; "
                        f"members left unread: {len(members) - index}"))
                    return
                yield from _member(archive, info, inp, inner)


class _Header(tarfile.TarInfo):
    """tarfile's member header, which also notes on the archive why the member list ended
    (the name of tarfile's header error): tarfile ends it without a word at a header that does
    not parse, after the first."""

    @classmethod
    def fromtarfile(cls, tarfile_: tarfile.TarFile) -> _Header:
        try:
            return super().fromtarfile(tarfile_)
        except tarfile.HeaderError as exc:
            tarfile_.stopped_by = type(exc).__name__  # type: ignore[attr-defined]
            raise


# tarfile's header errors that mean the archive ended where it should (zero blocks, no bytes).
_AT_END = ("EOFHeaderError", "EmptyHeaderError")


def _tar_rejection(exc: tarfile.TarError) -> InputRejected:
    reason = str(exc)
    if reason in ("unexpected end of data", "truncated header"):
        return InputRejected("truncated", f"the tar archive is cut short ({reason})")
    if reason == "empty file":
        return InputRejected("empty", "the tar archive holds nothing")
    return InputRejected("bad_archive", f"the tar archive does not parse: {reason}"[:300])


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, inp: Input, inner: Context
                ) -> Iterator[Item]:
    member = Input(inp.source, info.name, lambda: _member_stream(archive, info, inner),
                   inp.at(f"member {info.name}"))
    if not info.isfile():
        kind = "a link" if info.issym() or info.islnk() else "a device, pipe or other special file"
        yield quarantine(member.label(), InputRejected("not_a_file", f"the member is {kind}, not a file"))
    elif info.size > inner.settings.max_member_bytes:
        yield quarantine(member.label(), InputRejected(
            "too_large", f"{info.size} bytes exceeds max_member_bytes"))
    else:
        yield from inner.dispatch(member, inner)


class _TarData:
    """A tar member's bytes; the archive cut short inside them reads as EOFError (``truncated``)."""

    def __init__(self, data: Readable) -> None:
        self._data = data

    def read(self, size: int = -1, /) -> bytes:
        try:
            return self._data.read(size)
        except tarfile.ReadError as exc:
            raise EOFError(f"the tar archive is cut short inside this member ({exc})") from None

    def close(self) -> None:
        self._data.close()


def _member_stream(archive: tarfile.TarFile, info: tarfile.TarInfo, inner: Context) -> io.BufferedReader:
    data = archive.extractfile(info)
    if data is None:  # not reached: only files get here
        raise InputRejected("not_a_file", "the member is not a file")
    # Capped, not charged: the tar's bytes were charged where they were decompressed, if at all.
    return buffered(LimitedReader(_TarData(data), inner.settings.max_member_bytes))


def _tar_tail(archive: tarfile.TarFile, inp: Input) -> Iterator[Item]:
    """A row for what follows the last member when it is not the tar's end (zero blocks)."""
    stopped = getattr(archive, "stopped_by", None)
    offset = archive.offset
    rest, junk = 0, False
    while chunk := archive.fileobj.read(1 << 20):  # type: ignore[union-attr]
        rest += len(chunk)
        junk = junk or chunk.count(0) != len(chunk)
    if stopped in _AT_END and not junk:
        return
    if stopped == "TruncatedHeaderError":
        yield quarantine(inp.label(f"tar offset {offset}"), InputRejected(
            "truncated", "the tar archive ends inside a member header"))
        return
    if stopped in _AT_END:  # bytes after the end marker's first block
        message = f"{rest} bytes after the end of the archive are not read"
    else:  # the header's own block was read too
        message = f"{rest + _TAR_BLOCK} bytes from a header that does not parse are not read"
    yield quarantine(inp.label(f"tar offset {offset}"), InputRejected("bad_archive", message))


def read_tar(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every selected member of a tar file, in archive order, read as a stream."""
    inner = ctx.nested()
    read = 0
    with inp.open() as stream:
        try:
            with tarfile.open(fileobj=stream, mode="r|", tarinfo=_Header,
                              errors="backslashreplace") as archive:
                for info in archive:
                    if info.isdir() or not selected(info.name, ctx.settings):
                        continue
                    read += 1
                    yield from _tar_member(archive, info, inp, inner)
                    if ctx.budget.exhausted:  # the member's own row says so
                        yield quarantine(inp.label(f"tar offset {archive.offset}"), InputRejected(
                            "archive_too_large", "the archive decompresses past max_archive_bytes; "
                            "the members from here on are not read"))
                        return
                yield from _tar_tail(archive, inp)
        except tarfile.TarError as exc:
            raise _tar_rejection(exc) from None
    if not read:
        raise InputRejected("empty", "the archive holds no member the include globs select")

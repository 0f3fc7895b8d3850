"""gzip and zip archives of any readable format; the inner names decide the inner formats.

Accepts: ``.gz`` (one compressed stream: ``a.jsonl.gz`` is read as ``a.jsonl``; a name with
nothing left after ``.gz`` is sniffed) and ``.zip`` (every member that the include/exclude
globs select, in archive order). Archives nest up to ``MAX_DEPTH`` deep.
Produces: whatever the inner readers produce; zip members add ``member NAME`` to the position.
gzip adds nothing: a gzip file holds one stream, named after the file.
Zip-bomb guard: all data decompressed from one top-level input is charged to a budget of
``max_archive_bytes``; one member (or a gzip stream) may not exceed ``max_member_bytes``.
Rejects: ``archive_too_large`` (budget spent: the member being read and the members left are
reported), ``too_large`` (a member over its cap), ``encrypted``, ``bad_archive`` (not a zip),
``bad_compression``/``truncated`` (corrupt or cut gzip data), ``too_deep``, ``empty``.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from functools import partial

from storyline.errors import InputRejected
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import selected


def _open_gzip(inp: Input, ctx: Context) -> io.BufferedReader:
    outer = inp.open()
    return ctx.limited(gzip.GzipFile(fileobj=outer, mode="rb"), outer)


def read_gzip(inp: Input, ctx: Context) -> Iterator[Item]:
    """The content of a gzip file, read as the format its inner name says."""
    inner = ctx.nested()
    name = inp.name[: -len(".gz")] if inp.name.lower().endswith(".gz") else ""
    yield from inner.dispatch(Input(inp.source, name, partial(_open_gzip, inp, ctx), inp.position), inner)


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

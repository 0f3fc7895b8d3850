"""A zip without its central directory, read from its members' own local headers.

zipfile refuses a zip whose central directory, the index at its end, is missing or cut (a
download cut short loses it first). :func:`local_members` reads its members in order from
their own local headers with stream-unzip, as ``unzip -FF`` and bsdtar recover them, then gives
one row for the zip: ``truncated``, ``encrypted`` or ``bad_archive``. Used by
:mod:`storyline.ingest.ziparchive`.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

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
from storyline.ingest.limits import ZIP_MAGIC, ByteBudget
from storyline.ingest.members import Copies
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.ingest.walk import selected
from storyline.records import QuarantineRow

_CHUNK = 1 << 16  # bytes read at a time, for stream-unzip and looking for the first header


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


_LOCAL_HEADER = ZIP_MAGIC[0]  # a member's local header
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


def local_members(stream: io.IOBase, inp: Input, ctx: Context, inner: Context, why: str
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
    copies, whole, failure = Copies(), 0, None
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
    """The row that ends a zip read from its local headers (see :func:`local_members`)."""
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

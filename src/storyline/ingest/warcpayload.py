"""A WARC response's payload as the page: HTTP chunks and content codings undone (warcio's
readers, brotli through the brotli package), and told when it is not the whole page — a cut
in its chunks or compressed data, the crawler's ``WARC-Truncated`` (but ``length``, a cut at
the crawler's size limit, which is kept), a 206 range — or in a
coding that cannot be decoded here. Used by :mod:`storyline.ingest.warc`."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from functools import cache
from io import BytesIO
from typing import Any

from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

# The most bytes one brotli call gives (the decoder may go up to twice it): a few kilobytes of
# brotli hold a gigabyte of zeros, which one unbounded call would build whole before the reader's
# cap was ever looked at
_BROTLI_STEP = 1 << 20


class _Brotli:
    """The brotli package's streaming decompressor with the face warcio's readers call on a
    zlib one (``decompress``, ``unused_data``, ``eof``). warcio registers ``brotli``
    itself when it can import it, for the older brotlipy's interface: with the brotli package,
    each brotli body was a ``truncated`` row (its decompressor takes no ``unused_data``). Its
    output comes in steps of :data:`_BROTLI_STEP`; what a step holds back is ``held`` and comes
    from :meth:`drain` (see :class:`_Reader`)."""

    unused_data = b""  # brotli reads to the end of its stream: nothing is left over

    def __init__(self) -> None:
        import brotli

        self._stream = brotli.Decompressor()
        self._error: type[Exception] = brotli.error
        self.held = False  # the last step was cut at its limit: the decoder may hold more

    def decompress(self, data: bytes) -> bytes:
        try:
            out = bytes(self._stream.process(data, output_buffer_limit=_BROTLI_STEP))
            # the decoder keeps what a step leaves in its window, and says so only when it
            # also holds input back
            self.held = len(out) >= _BROTLI_STEP or not self._stream.can_accept_more_data()
        except self._error as exc:
            self.held = False
            raise zlib.error(f"brotli: {exc}") from exc
        return out

    def drain(self) -> bytes:
        """The next step of held-back output; nothing once the decoder failed (corrupt data:
        :attr:`eof` stays False, and the page is told cut)."""
        try:
            return self.decompress(b"")
        except zlib.error:
            return b""

    @property
    def eof(self) -> bool:
        # a decoder that failed (data after its stream's end, corrupt data) raises here
        try:
            return bool(self._stream.is_finished())
        except self._error:
            return False


@cache
def _decoders() -> dict[str, Callable[[], Any]]:
    """The content codings decoded here, each with its decompressor's maker: warcio's gzip
    and deflate, and brotli through :class:`_Brotli` when the package imports and can bound
    each step's output (brotli 1.2 or later)."""
    decoders = {name: make for name, make in BufferedReader.DECOMPRESSORS.items() if name != "br"}
    try:
        import brotli
    except ImportError:  # not installed, or installed and broken (a native library missing)
        return decoders
    if hasattr(brotli.Decompressor, "can_accept_more_data"):
        decoders["br"] = _Brotli
    return decoders


# Content codings of the HTTP registry (IANA) that compress or encrypt and that are not decoded
# here. Only these make a binary payload ``unsupported``: a server that names no coding or a
# wrong one ("utf-8", "binary") sent the page as it stands, a UTF-16 one looks binary
UNDECODABLE_CODINGS = frozenset(
    {"aes128gcm", "br", "compress", "dcb", "dcz", "exi", "pack200-gzip", "x-compress", "zstd"}
) - set(_decoders())
_CODING_ALIASES = {"x-gzip": "gzip"}  # HTTP/1.1's old name, which warcio does not know
# A Content-Range; some servers write it as a Range header is written ("bytes=0-99/100")
_RANGE = re.compile(r"bytes[\s=]\s*([0-9]+)\s*-\s*([0-9]+)\s*/\s*([0-9]+|\*)", re.I)


def content_coding(record: Any) -> str:
    """The record's HTTP Content-Encoding, lower case, its aliases resolved ("" for none)."""
    headers = record.http_headers
    coding = (headers.get_header("Content-Encoding") or "").strip().lower() if headers else ""
    return _CODING_ALIASES.get(coding, coding)


def truncated_for_length(record: Any) -> bool:
    """Whether the crawler cut the record's payload at its size limit (``WARC-Truncated:
    length``; Common Crawl's is 1 MiB). Such a payload is kept as stored: the limit is far past
    the article of nearly every page, the cut in its scripts and markup after it."""
    return (record.rec_headers.get_header("WARC-Truncated") or "").strip().lower() == "length"


def partial_reason(record: Any) -> str | None:
    """Why the record holds part of a page, not the whole one, else None: the crawler says it
    cut the payload (``WARC-Truncated``: over its time limit, the connection lost, or for no
    reason given; at its size limit, ``length``, it is kept: :func:`truncated_for_length`), or
    the response is a 206 whose Content-Range is not the whole page (a media player's or a
    resumed download's range request)."""
    truncated = (record.rec_headers.get_header("WARC-Truncated") or "").strip()
    if truncated and not truncated_for_length(record):
        return f"the crawler cut its payload short (WARC-Truncated: {truncated[:40]})"
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or \
            not (headers.get_statuscode() or "").startswith("206"):
        return None
    span = (headers.get_header("Content-Range") or "").strip()
    found = _RANGE.fullmatch(span)
    if found and found.group(1) == "0" and found.group(3) != "*" \
            and int(found.group(2)) + 1 == int(found.group(3)):
        return None  # a range that is the whole page
    return f"a 206 Partial Content response, part of a page (Content-Range: {span[:60]!r})"


class _Reader(BufferedReader):  # type: ignore[misc]
    """warcio's reader, which gives what a brotli decoder held back (:class:`_Brotli`) before
    it reads more of the payload: warcio asks a decompressor for one block's output at once."""

    def _fillbuff(self, block_size: int | None = None) -> None:
        held = isinstance(self.decompressor, _Brotli) and self.decompressor.held
        if held and self.empty() and (data := self.decompressor.drain()):
            self.buff, self.buff_size = BytesIO(data), len(data)
            self.num_read += len(data)
            self.num_block_read += len(data)
            return
        super()._fillbuff(block_size)


class _Chunks(_Reader, ChunkedDataReader):  # type: ignore[misc]
    """warcio's de-chunking reader, which ends quietly where the payload stops inside a chunk
    or between two (as it reads a body that was never chunked as it stands). ``cut``: chunks
    began and the last one, of size 0, never came."""

    sizes = 0  # chunk size lines read
    ended = False  # the last chunk's size line (0) was read

    def _try_decode(self, length_header: bytes) -> None:
        try:
            size = int(length_header[:-2].split(b";")[0], 16)
        except ValueError:
            size = -1
        if size >= 0 and length_header.endswith(b"\r\n"):
            self.sizes += 1
            self.ended = self.ended or size == 0
        if size == 0 and length_header.endswith(b"\r\n"):
            # warcio wants the CRLF after the last chunk and, without it (a writer that left it
            # out, trailer fields), read on as unchunked: "0" and the trailers ended the text
            self.stream.read(2)
            self.all_chunks_read = True
            self._process_read(b"")
            return
        super()._try_decode(length_header)

    @property
    def cut(self) -> bool:
        return self.sizes > 0 and not self.ended


def content_stream(record: Any) -> Any:
    """The record's payload, its HTTP transfer and content codings undone, as warcio's
    ``content_stream`` gives it, but with ``x-gzip`` decoded, ``Chunked`` in any case de-chunked,
    and a cut in either told (:func:`cut_reason`)."""
    headers = record.http_headers
    if not headers:
        return record.raw_stream
    coding = content_coding(record)
    make = _decoders().get(coding)
    chunked = (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
    if make is None and not chunked:
        return record.raw_stream
    reader = (_Chunks if chunked else _Reader)(record.raw_stream)
    if make is not None:  # set by hand: warcio's own table may hold a brotli it cannot use
        reader.decomp_type, reader.decompressor = coding, make()
    return reader


def cut_reason(stream: Any) -> str | None:
    """Why a payload read whole from :func:`content_stream` is cut short, else None: its
    chunks stop before the last one, or its gzip or deflate data before its end (warcio gives
    what it decoded so far, and nothing says the page is a piece)."""
    if isinstance(stream, _Chunks) and stream.cut:
        return "its chunked payload stops before its last chunk: the page is not whole"
    decompressor = getattr(stream, "decompressor", None)
    if decompressor is not None and not getattr(decompressor, "eof", True):
        return (f"its {stream.decomp_type} payload stops before its compressed data ends (cut "
                "or corrupt): the page is not whole")
    return None

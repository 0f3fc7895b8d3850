"""The table of readers: one :class:`Format` per input format, found by file extension or by
media type, and the dispatcher every input (top-level file, archive member, stdin) goes through.

The table is a plain literal: adding a format is adding one row (and its module).
An input whose name says nothing is sniffed from its first bytes (:func:`sniff_media_type`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from storyline.config import Settings
from storyline.ingest import (
    compressed,
    csvfile,
    document,
    feed,
    jsonfile,
    jsonl,
    mhtml,
    remote,
    tararchive,
    warc,
    xmlfile,
    ziparchive,
)
from storyline.ingest.decode import sniff_media_type as sniff_text_media_type
from storyline.ingest.decode import wide_encoding
from storyline.ingest.limits import TAR_MAGIC, WARC_STARTS, ZIP_MAGIC, buffered
from storyline.ingest.quarantine import guarded
from storyline.ingest.source import Context, Input, Item, Reader

log = logging.getLogger(__name__)

_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Format:
    """A readable format: its name, the file extensions and media types that select it, its reader."""

    name: str
    extensions: tuple[str, ...]
    media_types: tuple[str, ...]
    read: Reader


FORMATS: tuple[Format, ...] = (
    Format("warc", (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc", ".arc.gz"), ("application/warc",),
           warc.read_warc),
    Format("gzip", (".gz", ".gzip", ".tgz"), ("application/gzip",), compressed.read_gzip),
    Format("bzip2", (".bz2", ".tbz2", ".tbz"), ("application/x-bzip2",), compressed.read_bzip2),
    Format("xz", (".xz", ".txz", ".lzma"), ("application/x-xz",), compressed.read_xz),
    Format("zstd", (".zst", ".zstd", ".tzst"), ("application/zstd",), compressed.read_zstd),
    Format("zip", (".zip",), ("application/zip",), ziparchive.read_zip),
    Format("tar", (".tar",), ("application/x-tar",), tararchive.read_tar),
    Format("jsonl", (".jsonl", ".ndjson"), ("application/jsonl", "application/x-ndjson"), jsonl.read_jsonl),
    Format("json", (".json",), ("application/json",), jsonfile.read_json),
    Format("csv", (".csv", ".tsv"), ("text/csv", "text/tab-separated-values"), csvfile.read_csv),
    Format("feed", (".rss", ".atom"), ("application/rss+xml", "application/atom+xml"),
           feed.read_feed),
    Format("xml", (".xml",), ("application/xml", "text/xml"), xmlfile.read_xml),
    Format("mhtml", (".mhtml", ".mht"), ("multipart/related", "application/x-mimearchive"),
           mhtml.read_mhtml),
    Format("html", (".html", ".htm", ".xhtml"), ("text/html", "application/xhtml+xml"), document.read_html),
    Format("text", (".txt", ".text"), ("text/plain",), document.read_plain),
    Format("urls", (".urls", ".uris"), ("text/uri-list",), remote.read_url_list),
)
_BY_EXTENSION = sorted(((ext, f) for f in FORMATS for ext in f.extensions), key=lambda p: -len(p[0]))
_BY_MEDIA_TYPE = {media: f for f in FORMATS for media in f.media_types}
_BY_NAME = {f.name: f for f in FORMATS}  # a compression's format has the compression's name


def format_for_name(name: str) -> Format | None:
    """The format a file name's extension selects (the longest match: ``.warc.gz`` before ``.gz``)."""
    lowered = name.lower()
    return next((f for ext, f in _BY_EXTENSION if lowered.endswith(ext)), None)


def format_for_media_type(media_type: str) -> Format:
    """The format of a media type (parameters ignored); plain text when unknown."""
    return _BY_MEDIA_TYPE.get(media_type.partition(";")[0].strip().lower(), _BY_MEDIA_TYPE["text/plain"])


def sniff_media_type(head: bytes, settings: Settings) -> str:
    """The media type of a nameless input from its first bytes: magic numbers (gzip, zip,
    bzip2, xz, zstd, a POSIX or GNU tar's ``ustar`` at byte 257), then a WARC or ARC record,
    then an MHTML page's MIME headers, then markup, then JSON (lines, or a document: an array
    of objects, a pretty-printed object), then a short list of URLs, then a CSV header naming
    the text column exactly (by commas, tabs or semicolons, or after Excel's ``sep=`` line);
    plain text otherwise."""
    compression = compressed.compression_of(head)
    if compression is not None:
        return _BY_NAME[compression].media_types[0]
    if head.startswith(ZIP_MAGIC):
        return "application/zip"
    if head[257:262] == TAR_MAGIC:
        return "application/x-tar"
    start = _as_utf8(head).lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = start[:_SNIFF_BYTES].lower()
    if start.startswith(WARC_STARTS):
        return "application/warc"
    if mhtml.is_mhtml(start):
        return "multipart/related"
    if lowered.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
            tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "application/rss+xml"
    if jsonfile.json_document(start):
        return "application/json"
    if jsonfile.opens_object(start):  # "{Editor's note: …" is text
        return "application/jsonl"
    text = start[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    if len(start) < _SNIFF_BYTES and remote.is_url_list(text):
        return "text/uri-list"
    if sniff_text_media_type(text) == "text/html":
        return "text/html"
    return "text/csv" if csvfile.sniff_layout(text, settings, named=False).names_body \
        else "text/plain"


def _as_utf8(head: bytes) -> bytes:
    """``head`` as UTF-8 when it is UTF-16 or UTF-32 text (a byte-order mark, or the NULs of
    unmarked ASCII), so that markup, JSON and CSV are told apart in those too (the readers
    decode them); else as it is."""
    wide = wide_encoding(head)
    if wide is None:
        return head
    width = 4 if "32" in wide else 2
    text = head[: len(head) // width * width].decode(wide, errors="replace")
    return text.removeprefix("\ufeff").encode("utf-8")


def _dispatch(inp: Input, ctx: Context) -> Iterator[Item]:
    fmt = format_for_name(inp.name)
    if fmt is not None and fmt.name in compressed.COMPRESSIONS:
        yield from fmt.read(inp, ctx)  # which compression, its reader checks
        return
    # Sniffing peeks at the stream and hands the same stream to the reader: stdin opens once.
    with buffered(inp.open()) as stream:
        head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        opened = replace(inp, open=lambda: stream)
        compression = compressed.compression_of(head) if fmt is not None else None
        # "a.tar", "a.jsonl", "a.warc" compressed all the same (a WARC's reader takes gzip itself:
        # its records are gzipped one by one)
        if fmt is not None and compression is not None and (fmt.name, compression) != ("warc", "gzip"):
            log.debug("%s is %s-compressed", inp.label(), compression)
            yield from compressed.read_compressed(compression, opened, ctx, inp.name)
            return
        if fmt is None:
            fmt = format_for_media_type(sniff_media_type(head, ctx.settings))
            log.debug("%s sniffed as %s", inp.label(), fmt.name)
        yield from fmt.read(opened, ctx)


def read_input(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every record of ``inp``: RawDocs, and a quarantine row for whatever cannot be read."""
    return guarded(_dispatch(inp, ctx), inp.label())

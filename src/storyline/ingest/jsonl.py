"""JSONL / NDJSON: one JSON object per line, read as a stream.

Accepts: UTF-8 lines (other encodings are detected per line; a UTF-16 or UTF-32 file is
recoded to UTF-8 first), each an object with a text or
html field and optional url/title/date/outlet (names from ``Settings.jsonl_fields``).
Produces: one :class:`RawDoc` per line, at position ``line N``; blank lines are skipped. Lines
end with LF, CRLF, or (a file whose first 8 KiB hold CR and no LF: old Mac) CR alone.
Rejects, one quarantine row per line: ``bad_json`` (not JSON, or nested too deep),
``bad_record`` (not an object, or a body that is not a string), ``empty``, ``too_large``
(a line over ``4 × max_doc_chars`` bytes, skipped without holding it in memory), ``undecodable``;
the whole file with ``empty`` when it holds no line at all.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator, Mapping

from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes, wide_encoding
from storyline.ingest.fields import record_doc
from storyline.ingest.limits import LineSource, iter_lines
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item

_HEAD_BYTES = 8192


def parse_line(line: bytes, max_chars: int) -> tuple[Mapping[str, object], str]:
    """The JSON object on one line and the line's encoding; raises :class:`InputRejected` if it
    is not an object."""
    try:
        text, encoding = line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = decode_bytes(line, max_chars)
    try:
        record = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        raise InputRejected("bad_json", str(exc)[:200]) from None
    if not isinstance(record, dict):
        raise InputRejected("bad_record", "a JSONL line must hold an object")
    return record, encoding


def read_jsonl(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every line of a JSONL file (see the module docstring)."""
    settings = ctx.settings
    read = 0
    with inp.open() as raw:
        # A UTF-16 or UTF-32 file is recoded to UTF-8 first: split on the byte 0x0A, its lines
        # would each start with the other half of the line break.
        head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        wide = wide_encoding(head)
        stream: LineSource = raw if wide is None else codecs.EncodedFile(raw, "utf-8", wide, "replace")
        if wide is None and b"\r" in head and b"\n" not in head:  # old Mac line ends: CR alone
            stream = _CarriageReturnLines(raw)
        for number, line in iter_lines(stream, settings.max_doc_chars * 4):
            if line is not None and not line.strip():
                continue
            read += 1
            yield _line_item(line, inp, f"line {number}", ctx)
    if not read:
        raise InputRejected("empty", "the file has no records")


class _CarriageReturnLines:
    """Lines ended by a carriage return alone (classic Mac OS), read as lines: split on the
    byte 0x0A, such a file is one line, its records one ``bad_json`` row (or ``too_large``).
    The bytes pass through a text layer with universal newlines (surrogateescape keeps every
    byte as it was, for the line's own decoding); JSON holds no raw CR inside a string, so no
    record is split."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self._text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline=None)

    def readline(self, size: int = -1, /) -> bytes:
        return self._text.readline(size).encode("utf-8", "surrogateescape")


def _line_item(line: bytes | None, inp: Input, part: str, ctx: Context) -> Item:
    settings = ctx.settings
    if line is None:
        return quarantine(inp.label(part), InputRejected(
            "too_large", f"the line exceeds {settings.max_doc_chars * 4} bytes"))
    try:
        record, encoding = parse_line(line, settings.max_doc_chars)
        return record_doc(record, inp, part, settings, settings.jsonl_fields, encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, excerpt_of(line))

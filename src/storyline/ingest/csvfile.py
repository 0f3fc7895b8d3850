"""CSV with a header row and a text (or html) column, read as a stream with the csv module.

Accepts: comma-separated files in any encoding detected from the first 64 KiB, quoted fields
spanning lines, fields up to ``max_doc_chars``; column names from ``Settings.csv_columns``.
Produces: one :class:`RawDoc` per row, at position ``line N`` (the line the row starts on).
Rejects: the whole file with ``empty`` (no header, or no rows), ``bad_csv`` (no text or html column) or
``binary``; one row with ``bad_row`` (wrong number of fields), ``bad_csv`` (a field over
the limit, a malformed row, a line over ``2 × max_doc_chars`` characters: skipped in pieces, so
that a gigabyte without a line break never sits in memory), ``empty``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import detect_encoding
from storyline.ingest.fields import record_doc
from storyline.ingest.limits import buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 16
_ENDS = ("\n", "\r")


def _header(header: list[str] | None, settings: Settings) -> list[str]:
    if header is None:
        raise InputRejected("empty", "the CSV file has no header row")
    columns = settings.csv_columns
    if columns.text not in header and columns.html not in header:
        raise InputRejected("bad_csv", f"no {columns.text!r} or {columns.html!r} column in the header")
    return header


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """``(line the row starts on, row or the csv error it raised)``; blank lines skipped."""
    start = getattr(reader, "line_num", 0) + 1
    while True:
        try:
            row: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row = exc
        if row:
            yield start, row
        start = getattr(reader, "line_num", start) + 1


def _lines(text: io.TextIOWrapper, limit: int, skipped: list[int]) -> Iterator[str]:
    """The lines of ``text`` for the csv reader; a line over ``limit`` characters is skipped in
    pieces, its number added to ``skipped``, and a blank line handed on in its place (so the
    reader's line numbers stay right)."""
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(_ENDS):
            while (rest := text.readline(_CHUNK)) and not rest.endswith(_ENDS):
                pass
            skipped.append(number)
            line = "\n"
        yield line


def _too_long(skipped: list[int], inp: Input, limit: int) -> Iterator[Item]:
    while skipped:
        yield quarantine(inp.label(f"line {skipped.pop(0)}"), InputRejected(
            "bad_csv", f"the line is longer than {limit} characters (2 × max_doc_chars)"))


def _row_item(row: list[str] | csv.Error, header: list[str], inp: Input, part: str, settings: Settings,
              encoding: str) -> Item:
    if isinstance(row, csv.Error):
        return quarantine(inp.label(part), InputRejected("bad_csv", str(row)))
    try:
        if len(row) != len(header):
            raise InputRejected("bad_row", f"{len(row)} fields where the header has {len(header)}")
        record = dict(zip(header, row, strict=True))
        return record_doc(record, inp, part, settings, settings.csv_columns, encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, ",".join(row)[:200])


def read_csv(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every row of a CSV file (see the module docstring)."""
    # The csv module's field limit is process-wide: set it from these settings before each file.
    csv.field_size_limit(ctx.settings.max_doc_chars)
    with inp.open() as raw:
        stream = buffered(raw)
        encoding = detect_encoding(stream.peek(_HEAD_BYTES)[:_HEAD_BYTES])
        with io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text:
            limit, skipped = 2 * ctx.settings.max_doc_chars, list[int]()
            reader = csv.reader(_lines(text, limit, skipped))
            first = next(reader, None)
            if skipped[:1] == [1]:
                raise InputRejected("bad_csv", f"the header line is longer than {limit} "
                                    "characters (2 × max_doc_chars)")
            header = _header(first, ctx.settings)
            read = 0
            for start, row in _rows(reader):
                yield from _too_long(skipped, inp, limit)
                read += 1
                yield _row_item(row, header, inp, f"line {start}", ctx.settings, encoding)
            read += len(skipped)
            yield from _too_long(skipped, inp, limit)
    if not read:
        raise InputRejected("empty", "the CSV file has a header and no rows")

"""CSV with a header row and a text (or html) column, read as a stream, one record at a time.

Accepts: comma-separated files in any encoding detected from the first 64 KiB, quoted fields
spanning lines, fields up to ``max_doc_chars``; column names from ``Settings.csv_columns``. In a
file read as UTF-8, a row holding bytes that are not UTF-8 (a cp1252 row past the first 64 KiB)
is decoded again in the encoding detected from that row alone, as the JSONL reader does per line
(a file read in another encoding keeps it for every row: a UTF-8 row there is mojibake, which
``repair_text`` mends).
Produces: one :class:`RawDoc` per row, at position ``line N`` (the line the row starts on).
Rejects: the whole file with ``empty`` (no header, or no rows), ``bad_csv`` (no text or html
column, a malformed header, a header over ``2 × max_doc_chars`` characters) or ``binary``;
one row with ``bad_row`` (wrong number of fields), ``bad_csv`` (a field over the limit; a
malformed record, such as text after a closing quote, which is what a quote left open does to
the rows after it; a record over ``2 × max_doc_chars`` characters: read on to its end in pieces,
so that a gigabyte without a line break never sits in memory), ``truncated`` (the file ends
inside a quoted field), ``empty``, or what the row's own decoding rejects (``binary``,
``undecodable``).

The records are found before the csv module parses them: a scanner that follows the csv
module's quoting rules (a quote opens a quoted field only at the start of a field; ``""``
inside one is a quote) groups physical lines into records, so that a record over the limit is
skipped whole, without the csv module resuming inside its quoted field and reading each of its
lines as a row of its own, and the line numbers of the rows after it stay right.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes, detect_encoding
from storyline.ingest.fields import record_doc
from storyline.ingest.limits import buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.surrogates import replace_surrogates

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 16
_ENDS = ("\n", "\r")
# The scanner's states: at the start of a field, in an unquoted field (or after a quoted field's
# closing quote, where the csv module appends what follows), in a quoted field, and just after a
# quote inside a quoted field (the closing quote, unless a second quote follows).
_START, _UNQUOTED, _QUOTED, _QUOTE_SEEN = range(4)
_FIELD_END = re.compile("[,\r\n]")
_UNQUOTED_FIELDS = re.compile('(?:(?:[^",\r\n][^,\r\n]*)?,)*')  # unquoted fields and their commas
_QUOTED_RUN = re.compile('[^"]*(?:""[^"]*)*')  # a quoted field's text up to a quote not doubled
# Decoded with surrogateescape, bytes that are not UTF-8 are kept (as lone surrogates) to be
# decoded again. UTF-8's invalid bytes are all 0x80 or above, which that handler always takes;
# other encodings' may not be, so they replace.
_ESCAPABLE = frozenset({"utf-8", "utf-8-sig"})


def _span(start: int, end: int) -> str:
    return f"line {start}" if end <= start else f"lines {start}–{end}"


@dataclass(frozen=True, slots=True)
class _Record:
    """A record's first and last lines, its text (the first ``2 × max_doc_chars`` characters
    of one over that) and, if it is bad as a whole, why."""

    start: int
    end: int
    text: str
    problem: InputRejected | None = None

    @property
    def span(self) -> str:
        return _span(self.start, self.end)


class _Lines:
    """The physical lines of a text stream (ended by ``\\n``, ``\\r\\n`` or ``\\r``) in pieces
    of at most about ``size`` characters, with the number of the line the last piece is from."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text = text
        self._held = ""
        self._fresh = True
        self.number = 0

    def piece(self, size: int) -> str:
        """The next piece of the current line, or ``""`` at the end of the stream."""
        piece, self._held = self._held or self._text.readline(size), ""
        if piece.endswith("\r"):  # a piece cut short may end between \r and \n: keep them together
            after = self._text.readline(size)
            if after.startswith("\n"):
                piece, after = piece + "\n", after[1:]
            self._held = after
        if piece:
            self.number += self._fresh
            self._fresh = piece.endswith(_ENDS)
        return piece


def _scan(piece: str, state: int) -> int:
    """The scanner's state after ``piece``, read from ``state``."""
    if state in (_START, _UNQUOTED) and '"' not in piece:  # most lines
        return _START if piece.endswith((",", *_ENDS)) else _UNQUOTED
    pos, end = 0, len(piece)
    while pos < end:
        if state == _QUOTED:
            pos = _QUOTED_RUN.match(piece, pos).end()  # type: ignore[union-attr]  # matches ""
            if pos == end:
                return _QUOTED
            state, pos = _QUOTE_SEEN, pos + 1
        elif state == _UNQUOTED:
            match = _FIELD_END.search(piece, pos)
            if match is None:
                return _UNQUOTED
            state, pos = _START, match.end()
        else:
            if state == _START:
                pos = _UNQUOTED_FIELDS.match(piece, pos).end()  # type: ignore[union-attr]
                if pos == end:
                    return _START
            # a quote opens a quoted field (_START) or is a doubled one inside it (_QUOTE_SEEN)
            state, pos = (_QUOTED, pos + 1) if piece[pos] == '"' else (_UNQUOTED, pos)
    return state


def _record(lines: _Lines, limit: int) -> _Record | None:
    """The next record, or None at the end of the file. Past ``limit`` characters a record is
    read on to its end a piece at a time, and only its first ``limit`` kept (for the excerpt)."""
    start, parts, size, state = lines.number + 1, list[str](), 0, _START
    while piece := lines.piece(limit + 1 - size if size <= limit else _CHUNK):
        state = _scan(piece, state)
        size += len(piece)
        if size <= limit:
            parts.append(piece)
        elif not parts:  # the first line is over the limit: its start is kept for the excerpt
            parts.append(piece[:200])
        if state != _QUOTED and piece.endswith(_ENDS):
            break
    if not size:
        return None
    end, problem = lines.number, None
    if state == _QUOTED:  # only at the end of the file: every other record ends outside quotes
        problem = InputRejected(
            "truncated", f"the file ends inside a quoted field of the record on {_span(start, end)}")
    elif size > limit:
        problem = InputRejected("bad_csv", f"the record on {_span(start, end)} is longer than {limit} "
                                "characters (2 × max_doc_chars)")
    return _Record(start, end, "".join(parts), problem)


def _fields(record: _Record) -> list[str]:
    """The fields of a record, parsed by the csv module in strict mode: text after a closing
    quote (``"a"b``), which a quote left open makes of the rows after it, is rejected. A record
    on one line is parsed leniently then, as the csv module does by default (``"x" ,y``, a
    quoted field with quotes inside that are not doubled, as hand-made files hold): no other
    row can be in it."""
    if record.problem is not None:
        raise record.problem
    try:
        return next(csv.reader([record.text], strict=True), [])
    except csv.Error as exc:
        if record.start == record.end:
            try:
                return next(csv.reader([record.text]), [])
            except csv.Error:
                pass
        raise InputRejected("bad_csv", f"{exc} (the record on {record.span})") from None


def _redecoded(row: list[str], text: str, encoding: str) -> tuple[list[str], str]:
    """``row`` and its encoding; where the file's UTF-8 did not fit the bytes of its record
    (kept as lone surrogates), decoded again in the encoding those bytes alone are detected in."""
    try:
        text.encode("utf-8")  # fails on a lone surrogate, and is faster than looking for one
        return row, encoding
    except UnicodeEncodeError:
        pass
    raw = text.encode("utf-8", "surrogateescape")
    _, found = decode_bytes(raw, max_chars=len(raw))
    return [field.encode("utf-8", "surrogateescape").decode(found, "replace") for field in row], found


def _header(record: _Record | None, limit: int, settings: Settings) -> list[str]:
    if record is None:
        raise InputRejected("empty", "the CSV file has no header row")
    if record.problem is not None and record.problem.code == "bad_csv":
        raise InputRejected("bad_csv", f"the header line is longer than {limit} characters "
                            "(2 × max_doc_chars)")
    header = _fields(record)
    columns = settings.csv_columns
    if columns.text not in header and columns.html not in header:
        raise InputRejected("bad_csv", f"no {columns.text!r} or {columns.html!r} column in the header")
    return header


def _row_item(record: _Record, header: list[str], inp: Input, settings: Settings,
              encoding: str) -> Item | None:
    """The document or quarantine row of one record; None for a blank line."""
    part = f"line {record.start}"
    try:
        row = _fields(record)
        if not row:
            return None
        if len(row) != len(header):
            raise InputRejected("bad_row", f"{len(row)} fields where the header has {len(header)}")
        row, encoding = _redecoded(row, record.text, encoding)
        return record_doc(dict(zip(header, row, strict=True)), inp, part, settings, settings.csv_columns,
                          encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, replace_surrogates(record.text[:200]))


def read_csv(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every row of a CSV file (see the module docstring)."""
    # The csv module's field limit is process-wide: set it from these settings before each file.
    csv.field_size_limit(ctx.settings.max_doc_chars)
    limit, read = 2 * ctx.settings.max_doc_chars, 0
    with inp.open() as raw:
        stream = buffered(raw)
        encoding = detect_encoding(stream.peek(_HEAD_BYTES)[:_HEAD_BYTES])
        errors = "surrogateescape" if codecs.lookup(encoding).name in _ESCAPABLE else "replace"
        with io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="") as text:
            lines = _Lines(text)
            header = _header(_record(lines, limit), limit, ctx.settings)
            while (record := _record(lines, limit)) is not None:
                item = _row_item(record, header, inp, ctx.settings, encoding)
                if item is not None:
                    read += 1
                    yield item
    if not read:
        raise InputRejected("empty", "the CSV file has a header and no rows")

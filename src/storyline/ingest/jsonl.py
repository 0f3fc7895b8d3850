"""JSONL / NDJSON: one JSON object per line, read as a stream.

Accepts: UTF-8 lines (other encodings are detected per line; a UTF-16 or UTF-32 file is
recoded to UTF-8 first), each an object with a text or
html field and optional url/title/date/outlet (names from ``Settings.jsonl_fields``).
Produces: one :class:`RawDoc` per line, at position ``line N``; blank lines are skipped. A line
holding an object with no text or html field that holds an array of records under a key (a
saved API answer on one line, :func:`~storyline.ingest.fields.wrapped_records`), an array of
objects, or several values one after another (``{...}{...}``) gives one per record, at
``line N, record M``; a value followed by a comma (``{...},``) is read as the value. A file
that holds one JSON document instead (a pretty-printed array or object: its first line is
``[`` or ``{`` alone, its second opens a value or member and holds no whole value) is read
as a ``.json`` file is, positions ``record N`` (:func:`~storyline.ingest.jsonfile.read_document`);
any other file, a broken first line too, line by line. Lines
end with LF, CRLF, or (old Mac) CR alone, in a file that holds no LF before its first CR
between two records ("}" CR "{"; looked for in the first 64 KiB, and read ahead up to
``4 × max_doc_chars`` bytes when the first record outruns them), or that holds no LF that far
and a CR before a record's "{", unless the file is one JSON value (a record pretty-printed
with CR line ends: one line); a "}" CR "{" inside an LF line ends a record too.
Rejects, one quarantine row per line: ``bad_json`` (not JSON, or nested too deep),
``bad_record`` (not an object, or a body that is not a string), ``empty`` (no body, nor an
array of records: the reason names the object's keys), ``too_large``
(a line over ``4 × max_doc_chars`` bytes, skipped without holding it in memory, unless it
opens an object that wraps records: those are read as the ``.json`` reader reads such an
object over the limit, :func:`~storyline.ingest.jsonfile.read_long_line`), ``truncated``
(the last line, no line break after it, an object cut short: read as the long line is, the
records it wraps before the cut given, in a compressed file of one line cut short too, read
to the cut; a last line of whole values and then one cut short, ``{...}{...``, or an array
of records cut short, ``[{...}, {...``: the whole ones given, the row at the cut one's
``line N, record M``, or at ``line N`` when its first record is the cut one; a compressed
file whose stream is cut after its last line, a whole one without a line break after it,
or a UTF-16 or UTF-32 file that ends inside a character, whose piece is dropped: that
line's records, then one ``truncated`` row), ``undecodable``; the whole file with
``empty`` when it holds no line at all.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TypeGuard

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes, wide_encoding
from storyline.ingest.fields import record_doc, record_item, wrapped_records
from storyline.ingest.jsonscan import cut_short
from storyline.ingest.limits import (
    LineSource,
    LongLine,
    RawView,
    WholeUnits,
    buffered,
    code_unit,
    iter_lines,
)
from storyline.ingest.quarantine import excerpt_of, quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import QuarantineRow, RawDoc

_HEAD_BYTES = 8192


_BLANK = re.compile(r"[ \t\r\n]*")
_BETWEEN = re.compile(r"[ \t\r\n]*(?:,[ \t\r\n]*)?")  # values on one line: a comma between, or after


def parse_values(line: bytes, max_chars: int) -> tuple[list[object], str]:
    """The JSON values on one line (one; several one after another, ``{...}{...}``, or each
    followed by a comma, ``{...},``, as a JSON array's lines are) and the line's encoding;
    raises ``bad_json`` when any does not parse."""
    text, encoding = _decoded_line(line, max_chars)
    values, _, failure = _scan_values(text)
    if failure is not None:
        raise InputRejected("bad_json", str(failure)[:200])
    if not values:
        raise InputRejected("bad_json", "Expecting value: the line holds none")
    return values, encoding


def _scan_values(text: str) -> tuple[list[object], int, ValueError | RecursionError | None]:
    """The values one after another at the start of ``text``, where the first that does not
    parse begins, and why it does not (None when all do)."""
    values: list[object] = []
    at = _BLANK.match(text, 0).end()  # type: ignore[union-attr]
    while at < len(text):
        try:
            value, end = _LINE_DECODER.raw_decode(text, at)
        except (ValueError, RecursionError) as exc:
            return values, at, exc
        values.append(value)
        at = _BETWEEN.match(text, end).end()  # type: ignore[union-attr]
    return values, at, None


# strict=False: a raw tab inside a string is that character, not a line of bad_json
_LINE_DECODER = json.JSONDecoder(strict=False)


def _decoded_line(line: bytes, max_chars: int) -> tuple[str, str]:
    try:
        text, encoding = line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # the line's length is capped by the reader: the record's body is measured by make_doc
        text, encoding = decode_bytes(line, 4 * max_chars, media_type="text/plain")
    return text.lstrip("\ufeff"), encoding


def parse_line(line: bytes, max_chars: int) -> tuple[Mapping[str, object], str]:
    """The JSON object on one line and the line's encoding; raises :class:`InputRejected` if it
    is not an object."""
    values, encoding = parse_values(line, max_chars)
    if len(values) != 1 or not isinstance(values[0], dict):
        raise InputRejected("bad_record", "a JSONL line must hold an object")
    return values[0], encoding


def read_jsonl(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every line of a JSONL file (see the module docstring); a file that holds one JSON
    document instead (:func:`_holds_a_document`) is read as the ``.json`` reader reads it."""
    with buffered(inp.open()) as raw:
        if _holds_a_document(raw.peek(_CR_HEAD)[:_CR_HEAD]):
            from storyline.ingest.jsonfile import read_document

            yield from read_document(raw, inp, ctx)
            return
        yield from read_json_lines(replace(inp, open=lambda: raw), ctx)


# The second line of a pretty-printed document: an array's first value opening on a line of its
# own (or its end), an object's first member name (or its end)
_SECOND_LINE = {b"[": re.compile(rb"[{\[\]]"), b"{": re.compile(rb'["}]')}


def _holds_a_document(head: bytes) -> bool:
    """Whether a file opening with ``head`` is one pretty-printed JSON document saved as JSON
    Lines: its first line is ``[`` or ``{`` alone, and its second opens the document's first
    value or member without being a whole value itself (:func:`parse_values`). Read line by
    line, a pretty-printed array was a ``bad_json`` row a line and its last record read alone.
    Anything less is read line by line: a broken first record, a first line cut by
    ``tail -c``, or ``[`` above one record a line (no commas) would, read as one document,
    lose every good line after the first error."""
    wide = wide_encoding(head)
    start = head.decode(wide, "ignore").encode() if wide else head
    # its lines end at CR too: a file of JSON Lines ended by CR alone is no document
    pieces = re.split(rb"[\r\n]", start.lstrip(b"\xef\xbb\xbf"))
    if len(head) >= _CR_HEAD:
        pieces.pop()  # (a line the head cuts short: no whole line to judge by)
    lines = (line.strip() for line in pieces)
    first = next((line for line in lines if line), b"")
    second = next((line for line in lines if line), None)
    if first not in _SECOND_LINE or not second or not _SECOND_LINE[first].match(second):
        return False
    try:
        parse_values(second, len(second))
    except InputRejected:
        return _document_prefix(b"\n".join(pieces))
    return False


def _cut_short(line: bytes) -> bool:
    """Whether ``line`` opens an object and fails to parse only where it ends: cut short
    ("{Editor's note" fails at its second character; an object closed and a word after it,
    ``{...} 1``, is no cut)."""
    if not line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
        return False
    text = line.decode("utf-8", "replace").lstrip("\ufeff")
    try:
        _LINE_DECODER.decode(text)
    except json.JSONDecodeError as exc:
        return exc.msg != "Extra data" and cut_short(text, exc)
    except (ValueError, RecursionError):
        return False
    return False


def _document_prefix(head: bytes) -> bool:
    """Whether ``head`` (whole lines) is one JSON document, or the start of one that the head
    cuts: it parses, or it fails only where its text ends. A broken first record ("[", then
    a record cut short or missing a comma, then good lines) fails before that."""
    text = head.decode("utf-8", "replace").rstrip()
    try:
        _LINE_DECODER.decode(text)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(text)
    return True


def read_json_lines(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every line of a file of JSON Lines, read as such."""
    # imported here: the JSON reader hands the JSON Lines it meets to this module
    from storyline.ingest.jsonfile import read_long_line

    settings = ctx.settings
    read, said_cut = 0, False
    with inp.open() as raw:
        source, quiet = _line_source(raw, settings.max_doc_chars * 4)
        # a UTF-16 or UTF-32 file's lines come recoded to UTF-8: its records say its encoding
        wide = source.encoding if isinstance(source, _TextLines) and source.encoding != "utf-8" \
            else None
        for number, line in iter_lines(source, settings.max_doc_chars * 4):
            if isinstance(line, LongLine):
                read += 1
                for item in read_long_line(line, inp, f"line {number}", ctx):
                    said_cut = isinstance(item, QuarantineRow) and item.code == "truncated"
                    yield _recoded(item, wide)
                continue
            if not line.strip():
                continue
            pieces = list(_records_across_returns(line))
            for index, (offset, piece) in enumerate(pieces):
                read += 1
                part = f"line {number + offset}"
                # the file's last bytes: no line break after them (a piece before a "}\r{"
                # break inside the line ends with "}")
                last = index == len(pieces) - 1 and not piece.endswith((b"\n", b"\r"))
                said_cut = last and _cut_short(piece)
                if said_cut:
                    # the file ends inside an object: a saved API answer on one line whose
                    # download stopped gives the records it wraps up to the cut
                    yield from (_recoded(item, wide) for item in read_long_line(
                        io.BytesIO(piece), inp, part, ctx, ends_file=True))
                elif last and (before := _values_before_cut(piece, settings)) is not None:
                    said_cut = True  # whole values, then one the file's end cuts: {...}{...
                    yield from _cut_line_items(before[0], wide or before[1], inp, part, settings)
                elif not (last and quiet.cut is not None
                          and not _whole_values(piece, settings)):  # else the cut: said below
                    yield from _line_items(piece, inp, part, ctx, wide)
    if quiet.cut is not None and not said_cut:
        raise quiet.cut  # whole records, then the compressed stream's cut
    if not read:
        raise InputRejected("empty", "the file has no records")


def _recoded(item: Item, wide: str | None) -> Item:
    """``item`` of a line a UTF-16 or UTF-32 file's reader recoded to UTF-8: a record says the
    file's encoding (``wide``), not the recoded line's."""
    return replace(item, encoding=wide) if wide and isinstance(item, RawDoc) else item


def _values_before_cut(line: bytes, settings: Settings) -> tuple[list[object], str] | None:
    """The whole values (and the encoding) of the file's last line when an object or array
    after them is cut short by the file's end (``{...}{...``, ``{...}, {...``), the whole
    elements of an array so cut counting as values (``[{...}, {...``): else None."""
    try:
        text, encoding = _decoded_line(line, settings.max_doc_chars)
    except InputRejected:
        return None
    values, at, failure = _scan_values(text)
    if not isinstance(failure, json.JSONDecodeError):
        return None  # all whole, or not JSON at all
    if text.startswith("[", at) and (elements := _elements_before_cut(text, at + 1)) is not None:
        return values + elements, encoding  # the array's first element may be the cut one
    opens = text[at:at + 1] in ("{", "[")
    return (values, encoding) if values and opens and cut_short(text, failure) else None


def _elements_before_cut(text: str, at: int) -> list[object] | None:
    """The whole elements of an array opened just before ``at`` that the end of ``text`` cuts
    short, or None when it is no such array (it fails otherwise)."""
    elements: list[object] = []
    while True:
        at = _BLANK.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text):
            return elements  # cut after "[" or ","
        try:
            value, at = _LINE_DECODER.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            return elements if cut_short(text, exc) else None
        except (ValueError, RecursionError):
            return None
        elements.append(value)
        at = _BLANK.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text):
            return elements
        if not text.startswith(",", at):
            return None
        at += 1


def _cut_line_items(values: list[object], encoding: str, inp: Input, part: str,
                    settings: Settings) -> list[Item]:
    """The records of a last line's whole values (``line N, record M``), then one
    ``truncated`` row for the value the file's end cuts."""
    if not values:  # an array cut inside its first element
        return [quarantine(inp.label(part), InputRejected(
            "truncated", f"the file ends inside {part}: an array cut short before its first "
            "whole value"))]
    records = [record for value in values for record in _unwrapped(value, settings)]
    items = [record_item(value, inp, f"{part}, record {number}", settings, encoding)
             for number, value in enumerate(records, start=1)]
    items.append(quarantine(inp.label(f"{part}, record {len(records) + 1}"), InputRejected(
        "truncated", f"the file ends inside {part}: the value after its {len(values)} whole "
        f"{'one' if len(values) == 1 else 'ones'} is cut short")))
    return items


def _whole_values(line: bytes, settings: Settings) -> bool:
    """Whether ``line`` holds whole JSON values only (one or several, a byte-order mark or not)."""
    try:
        parse_values(line, settings.max_doc_chars)
    except InputRejected:
        return False
    return True


_CR_HEAD = 1 << 16
_RECORD_BREAK = re.compile(rb"\}[ \t]*\r+[ \t]*\{")  # a record's end, CR, the next one's start


def _line_source(raw: io.BufferedReader, limit: int
                 ) -> tuple[LineSource, _Prefixed | _QuietEnd | WholeUnits]:
    """The lines of ``raw``. A UTF-16 or UTF-32 file is recoded to UTF-8 first: split on the
    byte 0x0A, its lines would each start with the other half of the line break. A file whose
    lines end with CR alone (:func:`_carriage_returns`) is split at CR too. Whether it does
    is read ahead, up to ``limit`` bytes, when its first record outruns the head (neither an LF
    nor a break between records in it): read as LF lines, such a file was one line, over the
    limit, every record lost in one ``too_large`` row."""
    head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    wide = wide_encoding(head)
    if wide is not None:
        lines = _TextLines(raw, wide, "replace")
        return lines, lines.quiet
    head = raw.peek(_CR_HEAD)[:_CR_HEAD]
    if b"\n" in head:  # ends quietly at a cut: a whole last line before a cut trailer stays
        quiet = _QuietEnd(raw)
        return io.BufferedReader(quiet, 1 << 16), quiet
    if _carriage_returns(head):
        lines = _TextLines(raw)
        return lines, lines.quiet
    ahead, cut = _read_ahead(raw, limit)
    prefixed = _Prefixed(ahead, raw, cut)
    stream = buffered(prefixed)
    return (_TextLines(stream) if b"\n" not in ahead and (
        len(ahead) > limit or _returns_part_records(ahead, whole=cut is None)) else stream,
        prefixed)


_RECORD_AFTER_RETURN = re.compile(rb"\r[ \t]*\{")


def _returns_part_records(ahead: bytes, whole: bool) -> bool:
    """Whether CRs in ``ahead`` (a file's first bytes, no LF and no break between two records
    in them, within the limit) end its lines: a record starts after one (its first record
    broken, "}" CR "{" is nowhere), and they are not, as the ``whole`` file, one JSON value.
    A record pretty-printed with CR line ends, or holding a CR as blank between its tokens or
    raw in a string (read as that character), is one line, as it was read before."""
    if _RECORD_AFTER_RETURN.search(ahead) is None:
        return False
    if not whole:
        return True  # cut short while read ahead: no JSON value
    try:
        json.loads(ahead, strict=False)
    except (ValueError, RecursionError):
        return True
    return False


def _read_ahead(raw: io.BufferedReader, limit: int) -> tuple[bytes, EOFError | None]:
    """The bytes of ``raw`` up to the piece that holds its first LF or first break between
    records, no more than 64 KiB past ``limit`` of them, and the cut (EOFError) the stream
    ended with, if it did."""
    ahead = bytearray()
    while len(ahead) <= limit:
        try:
            piece = raw.read1(_CR_HEAD)
        except EOFError as exc:
            return bytes(ahead), exc
        if not piece:
            break
        since = max(len(ahead) - 64, 0)  # a break may straddle two pieces
        ahead += piece
        if b"\n" in piece or _RECORD_BREAK.search(ahead, since) is not None:
            break
    return bytes(ahead), None


class _Prefixed:
    """``first`` (bytes read ahead of ``raw``), then ``raw``, ending quietly where the stream
    under it is cut (EOFError, kept as ``cut``, perhaps met while reading ahead): the line the
    cut falls in is read as the end of the file, so that a saved API answer on one line, in
    a .json.gz whose download stopped, gives the records before the cut, as a plain one
    does (the error lost the line: every record)."""

    def __init__(self, first: bytes, raw: io.BufferedReader, cut: EOFError | None) -> None:
        self._first, self._raw, self.cut = io.BytesIO(first), raw, cut

    def read(self, size: int = -1, /) -> bytes:
        return self.read1(size)

    def read1(self, size: int = -1, /) -> bytes:
        if piece := self._first.read(size):
            return piece
        if self.cut is not None:
            return b""
        try:
            return self._raw.read1(size)  # type: ignore[no-any-return]
        except EOFError as exc:
            self.cut = exc
            return b""

    def close(self) -> None:
        pass  # the file is closed by who opened it


def _records_across_returns(line: bytes) -> Iterator[tuple[int, bytes]]:
    """A line's records, with how many lines each starts below it: one, unless records end and
    begin across a carriage return inside it — a file whose lines end with CR alone, its first
    record too long for :func:`_carriage_returns` to see a break in the head. A raw CR cannot
    stand inside a JSON string, and "}" then "{" inside one value is no JSON, so such a break
    is always one between two records."""
    if b"\r" not in line or _RECORD_BREAK.search(line) is None:
        yield 0, line
        return
    start = returns = 0
    for match in _RECORD_BREAK.finditer(line):
        yield returns, line[start:match.start() + 1]
        returns += line.count(b"\r", start, match.end() - 1)  # counted once: linear time
        start = match.end() - 1  # the next record's "{"
    yield returns, line[start:]


def _carriage_returns(head: bytes) -> bool:
    """Whether a file opening with ``head`` ends its lines with CR alone (classic Mac OS): no
    LF, and a record ends and the next begins across a CR (a CR between the values of one
    record is only blank space)."""
    return b"\n" not in head and _RECORD_BREAK.search(head) is not None


class _QuietEnd(RawView):
    """``raw`` ending quietly where the stream under it is cut (EOFError, kept as ``cut``): the
    text layer above holds a line ended by CR until it sees whether LF follows, and an error
    there would lose that whole line."""

    def __init__(self, raw: io.BufferedReader) -> None:
        super().__init__(raw, close_inner=False)  # the file is closed by who opened it
        self.cut: EOFError | None = None

    def _pull(self, size: int) -> bytes:
        if self.cut is not None:
            return b""
        try:
            return super()._pull(size)
        except EOFError as exc:
            self.cut = exc
            return b""


class _TextLines:
    """The lines of ``raw`` decoded as ``encoding``, as UTF-8 bytes, ended by LF, CRLF or CR
    alone and nothing else. For lines ended by a carriage return alone (classic Mac OS):
    split on the byte 0x0A, such a file is one line, its records one ``bad_json`` row (or
    ``too_large``); surrogateescape keeps every byte as it was, for the line's own decoding.
    For UTF-16 and UTF-32, recoded to UTF-8 (split on the byte 0x0A, each line would start
    with the other half of the line break); ``codecs.EncodedFile``, which did that, splits
    lines as ``str.splitlines`` does, at U+2028, U+0085 and other characters a JSON string
    may hold raw. A cut below ends the lines quietly, the line it falls in given as it is read;
    ``quiet.cut`` says so."""

    def __init__(self, raw: io.BufferedReader, encoding: str = "utf-8",
                 errors: str = "surrogateescape") -> None:
        self.encoding = encoding
        # a UTF-16 or UTF-32 file in whole code units: one cut inside a character says so
        unit = code_unit(encoding)
        self.quiet: _QuietEnd | WholeUnits = \
            _QuietEnd(raw) if unit == 1 else WholeUnits(_QuietEnd(raw), unit)
        self._text = io.TextIOWrapper(io.BufferedReader(self.quiet), encoding=encoding,
                                      errors=errors, newline=None)

    def readline(self, size: int = -1, /) -> bytes:
        return self._text.readline(size).encode("utf-8", "surrogateescape")


def _line_items(line: bytes, inp: Input, part: str, ctx: Context,
                wide: str | None = None) -> list[Item]:
    """The items of one line: an object's; for an object wrapping an array of records, an
    array of records, or values one after another, one per record (``line N, record M``).
    ``wide``: the encoding of a UTF-16 or UTF-32 file, whose line comes recoded to UTF-8."""
    settings = ctx.settings
    try:
        values, encoding = parse_values(line, settings.max_doc_chars)
        encoding = wide or encoding
        records = _line_records(values, settings)
        if records is None:
            record = values[0]
            assert isinstance(record, Mapping)  # (_line_records says so)
            return [record_doc(record, inp, part, settings, settings.jsonl_fields, encoding)]
    except InputRejected as exc:
        return [quarantine(inp.label(part), exc, excerpt_of(line))]
    return [record_item(value, inp, f"{part}, record {number}", settings, encoding)
            for number, value in enumerate(records, start=1)]


def _unwrapped(value: object, settings: Settings) -> list[object]:
    """The records ``value`` wraps (an object's array of them, or an array holding objects),
    else ``value`` itself (a record, or what its row says)."""
    if _record_array(value):
        return value
    try:
        records = wrapped_records(value, settings.jsonl_fields)
    except InputRejected:
        return [value]
    return [value] if records is None else records


def _record_array(value: object) -> TypeGuard[list[object]]:
    """Whether ``value`` is an array holding records (a JSON export on one line)."""
    return isinstance(value, list) and any(isinstance(item, Mapping) for item in value)


def _line_records(values: list[object], settings: Settings) -> list[object] | None:
    """The records of a line's values, or None where it holds one record: an object's that
    wraps an array of them, those of a line that is an array holding objects (a JSON export
    on one line), or the values themselves where there are several, each that wraps records
    giving its records (``{"articles": [...]} 200``: ``curl -w '%{http_code}'`` appends the
    status). Raises ``bad_record`` for a lone value that is neither."""
    if len(values) > 1:
        return [record for value in values for record in _unwrapped(value, settings)]
    value = values[0]
    if _record_array(value):
        return value
    if not isinstance(value, dict):
        raise InputRejected("bad_record", "a JSONL line must hold an object")
    return wrapped_records(value, settings.jsonl_fields)

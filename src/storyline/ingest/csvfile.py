"""CSV with a header row and a text (or html) column, read as a stream, one record at a time.

Accepts: files separated by commas, tabs, semicolons or bars (the one by which the header names
the text or html column; Excel's ``sep=;`` first line names it outright) in any encoding
detected from the first 64 KiB, quoted fields spanning lines, fields up to ``max_doc_chars``;
column names from ``Settings.csv_columns``, matched whatever their case and surrounding blanks
(``Text``, `` text``); where a column keeps its default name and the header has no such
column, the name well-known exports give it is read, as in a JSON record
(:data:`~storyline.ingest.fields.ALIASES`: news-please's ``maintext`` and ``date_publish``,
NewsAPI's ``content``, with its "[+N chars]" cut mark dropped, and ``publishedAt``), matched
the same way, the header's own column winning (``text`` over ``body``); a name set in the
settings is read alone. A row whose trailing fields are left off (some exporters drop empty ones)
is read, those fields empty, when it holds the text or html column; trailing fields past the
header's, when empty (a delimiter at the end of the row), are ignored. In a file read as
UTF-8, a row holding bytes that are not UTF-8 (a cp1252 row past the first 64 KiB) is decoded
again in the encoding detected from that row alone, as the JSONL reader does per line; a file
whose first 64 KiB are UTF-8 but for some lines in another encoding (cp1252 rows among UTF-8
ones) is read as UTF-8 too, those lines' encoding tried first for such rows
(:func:`~storyline.ingest.decode.detect_line_encoding`). A file read in another encoding
keeps it for every row: a UTF-8 row there is mojibake, which ``repair_text`` mends.
A tab-separated file written without quoting, in which a field opens with a quote that no
quote closes as a quoted field's would (the file ends inside it, it runs over the limit, or
text follows its closing quote) and whose lines read as rows (as wide as the header), is read
on from that row without quoting: each line a row, quotes as text (:func:`_stray_quote`); a
quoted field holding tabs or line breaks, as the csv module writes it, is read as one. In a
file separated by commas or semicolons, a quote left open in a row costs that row alone (one
``bad_csv`` row; the lines after it are read again, with their quoting, at most
``_MAX_RECOVERIES`` times a file) when, within ``2 × max_doc_chars``, the opening quote of a
later row's field closes it, the lines between reading as rows, or the file ends inside it and
the evidence says the quote was stray: the file ends at a line break, two lines at least
follow the quote's, none blank, and every line, the quote's own read without it, is a row as
a writer of CSV writes one (as wide as the header, its text not empty, no field opening with
a blank, as prose split at its commas gives: :mod:`~storyline.ingest.csvquotes`). Without
that evidence, one the file ends inside stays ``truncated``: it may be a file cut short inside
a long quoted text, whose prose lines split like rows, and ``truncated`` keeps what earlier
readings stored of the file. A quoted field closed where its text ends and followed by junk
stays one ``bad_csv`` row. A header that names one column twice reads the first (the others
are ``name.1``, ``name.2``).
Produces: one :class:`RawDoc` per row, at position ``line N`` (the line the row starts on).
Rejects: the whole file with ``empty`` (no header, or no rows), ``bad_csv`` (no text or html
column, a malformed header, a header over ``2 × max_doc_chars`` characters) or ``binary``;
one row with ``bad_row`` (fields past the header's that are not empty, or too few to reach
the text or html column), ``bad_csv`` (a field over the limit; a
malformed record, such as text after a closing quote, which is what a quote left open does to
the rows after it; a record over ``2 × max_doc_chars`` characters: read on to its end in pieces,
so that a gigabyte without a line break never sits in memory), ``truncated`` (the file ends
inside a quoted field, and the lines after its opening are not the evidence above of rows),
``empty``, or what the row's own decoding rejects (``binary``,
``undecodable``); after the rows, ``truncated`` for a UTF-16 or UTF-32 file that ends inside a
character (the piece dropped, not read as U+FFFD).

The records are found before the csv module parses them: a scanner that follows the csv
module's quoting rules (a quote opens a quoted field only at the start of a field; ``""``
inside one is a quote) groups physical lines into records, so that a record over the limit is
skipped whole, without the csv module resuming inside its quoted field and reading each of its
lines as a row of its own, and the line numbers of the rows after it stay right.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from storyline.config import RecordFields, Settings
from storyline.errors import InputRejected
from storyline.ingest.csvquotes import (
    ENDS,
    LINE_BREAK,
    fitted,
    later_lines_read_as_rows,
    reads_as_rows,
    rows_to_the_end,
)
from storyline.ingest.decode import decode_text, detect_line_encoding
from storyline.ingest.fields import field_names, record_doc, resolved_fields
from storyline.ingest.limits import WholeUnits, buffered, code_unit
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import QuarantineRow
from storyline.surrogates import replace_surrogates

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 16
# The scanner's states: at the start of a field, in an unquoted field (or after a quoted field's
# closing quote, where the csv module appends what follows), in a quoted field, and just after a
# quote inside a quoted field (the closing quote, unless a second quote follows).
_START, _UNQUOTED, _QUOTED, _QUOTE_SEEN = range(4)
# Delimiters a header is tried with, the first that splits it most winning a tie.
DELIMITERS = (",", "\t", ";", "|")
_NAMELESS_DELIMITERS = (",", "\t", ";")
_EXCEL_SEPARATOR = re.compile('"?sep=([^"\r\n])"? *')  # Excel's first line, naming the delimiter
_QUOTED_RUN = re.compile('[^"]*(?:""[^"]*)*')  # a quoted field's text up to a quote not doubled
# Decoded with surrogateescape, bytes that are not UTF-8 are kept (as lone surrogates) to be
# decoded again. UTF-8's invalid bytes are all 0x80 or above, which that handler always takes;
# other encodings' may not be, so they replace.
_ESCAPABLE = frozenset({"utf-8", "utf-8-sig"})


@dataclass(frozen=True, slots=True)
class _Dialect:
    """A delimiter and the scanner's patterns for it: the end of an unquoted field, and a run
    of unquoted fields with their delimiters."""

    delimiter: str
    field_end: re.Pattern[str]
    unquoted_fields: re.Pattern[str]
    quoted: bool = True  # False: a quote is text, and every physical line a record

    def reader(self, text: str, strict: bool = True) -> Iterator[list[str]]:
        """The csv module's reader of ``text`` in this dialect."""
        if self.quoted:
            return csv.reader([text], delimiter=self.delimiter, strict=strict)
        return csv.reader([text], delimiter=self.delimiter, quoting=csv.QUOTE_NONE, strict=strict)


@functools.cache
def _dialect(delimiter: str, quoted: bool = True) -> _Dialect:
    d = re.escape(delimiter)
    return _Dialect(delimiter, re.compile(f"[{d}\r\n]"),
                    re.compile(f'(?:(?:[^"{d}\r\n][^{d}\r\n]*)?{d})*'), quoted)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a CSV file opening with some text is laid out: its delimiter, whether its first line
    is Excel's ``sep=X`` (which names the delimiter and is no header), and whether its header
    names the text or html column (else it is no CSV file Storyline reads)."""

    delimiter: str
    excel_line: bool
    names_body: bool


def sniff_layout(head: str, settings: Settings, default: str = ",", named: bool = True) -> Layout:
    """The :class:`Layout` of a CSV file whose text opens with ``head``. The delimiter is
    the one by which the header names the text or html column, the one splitting it into most
    fields if several do (a header ``text`` alone names it by any: then ``default``, a tab for
    a ``.tsv`` file); Excel's ``sep=`` line names it outright. None naming it: ``default``.
    For an input no name calls a CSV (``named`` false: stdin, a file without an extension)
    the header must name the column exactly and split by a comma, a tab or a semicolon: a
    scraped page's first line may be a menu, "Text | Audio | Video"."""
    first, _, rest = _first_line(head)
    excel = _EXCEL_SEPARATOR.fullmatch(first.lstrip("\ufeff"))
    if excel is not None:
        delimiter = excel.group(1)
        return Layout(delimiter, True, _header_width(_first_line(rest)[0], delimiter, settings,
                                                     named) > 0)
    delimiters = (default, *DELIMITERS) if named else _NAMELESS_DELIMITERS
    widths = {d: _header_width(first, d, settings, named) for d in delimiters}
    best = max(widths, key=widths.__getitem__)  # the first of the widest: default first
    return Layout(best, False, True) if widths[best] else Layout(default, False, False)


def _first_line(text: str) -> tuple[str, str, str]:
    """``text`` split at its first line break (LF, CRLF or CR alone)."""
    match = LINE_BREAK.search(text)
    return (text, "", "") if match is None else (
        text[:match.start()], match.group(), text[match.end():])


def _header_width(line: str, delimiter: str, settings: Settings, loose: bool = True) -> int:
    """How many fields ``line`` splits into by ``delimiter`` when one of them names the text
    or html column (``loose``: whatever its case and blanks, or by a name exports give it;
    else exactly as configured), else 0."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return 0
    columns = settings.csv_columns
    if not loose:
        return len(cells) if {columns.text, columns.html} & {c.lstrip("\ufeff") for c in cells} else 0
    bodies = {_column_key(name) for name in field_names(columns, _BODIES)}
    return len(cells) if bodies & {_column_key(cell) for cell in cells} else 0


_BODIES = ("text", "html")


def _column_key(name: str) -> str:
    """A column name as matched: blanks and a byte-order mark around it, and case, ignored."""
    return name.strip().lstrip("\ufeff").strip().casefold()


def _span(start: int, end: int) -> str:
    return f"line {start}" if end <= start else f"lines {start}–{end}"


@dataclass(frozen=True, slots=True)
class _Record:
    """A record's first and last lines, its text (the first ``2 × max_doc_chars`` characters
    of one over that) and, if it is bad as a whole, why; ``whole``: all of its text is kept
    (it is not over the limit, or the reading stopped inside it: see :func:`_record`)."""

    start: int
    end: int
    text: str
    problem: InputRejected | None = None
    whole: bool = True

    @property
    def span(self) -> str:
        return _span(self.start, self.end)


class _Lines:
    """The physical lines of a text stream (ended by ``\\n``, ``\\r\\n`` or ``\\r``) in pieces
    of at most about ``size`` characters, with the number of the line the last piece is from;
    text given back (:meth:`unread`) is read again first."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text = text
        self._again: io.StringIO | None = None
        self._held = ""
        self._fresh = True
        self.number = 0

    def piece(self, size: int) -> str:
        """The next piece of the current line, or ``""`` at the end of the stream."""
        piece, self._held = self._held or self._readline(size), ""
        if piece.endswith("\r"):  # a piece cut short may end between \r and \n: keep them together
            after = self._readline(size)
            if after.startswith("\n"):
                piece, after = piece + "\n", after[1:]
            self._held = after
        if piece:
            self.number += self._fresh
            self._fresh = piece.endswith(ENDS)
        return piece

    def unread(self, text: str, number: int) -> None:
        """Read ``text`` (the last characters read) again, its first line as line ``number``."""
        rest = self._again.read() if self._again is not None else ""
        self._again = io.StringIO(text + self._held + rest, newline="")
        self._held, self._fresh, self.number = "", True, number - 1

    def _readline(self, size: int) -> str:
        if self._again is not None:
            if line := self._again.readline(size):
                return line
            self._again = None
        return self._text.readline(size)


def _scan(piece: str, state: int, dialect: _Dialect) -> int:
    """The scanner's state after ``piece``, read from ``state``."""
    if state in (_START, _UNQUOTED) and '"' not in piece:  # most lines
        return _START if piece.endswith((dialect.delimiter, *ENDS)) else _UNQUOTED
    pos, end = 0, len(piece)
    while pos < end:
        if state == _QUOTED:
            pos = _QUOTED_RUN.match(piece, pos).end()  # type: ignore[union-attr]  # matches ""
            if pos == end:
                return _QUOTED
            state, pos = _QUOTE_SEEN, pos + 1
        elif state == _UNQUOTED:
            match = dialect.field_end.search(piece, pos)
            if match is None:
                return _UNQUOTED
            state, pos = _START, match.end()
        else:
            if state == _START:
                pos = dialect.unquoted_fields.match(piece, pos).end()  # type: ignore[union-attr]
                if pos == end:
                    return _START
            # a quote opens a quoted field (_START) or is a doubled one inside it (_QUOTE_SEEN)
            state, pos = (_QUOTED, pos + 1) if piece[pos] == '"' else (_UNQUOTED, pos)
    return state


def _record(lines: _Lines, limit: int, dialect: _Dialect,
            unquoted: Callable[[str], bool] | None = None) -> _Record | None:
    """The next record, or None at the end of the file. Past ``limit`` characters a record is
    read on to its end a piece at a time, and only its first ``limit`` kept (for the excerpt);
    but one in a quoted field that opened on an earlier line whose lines ``unquoted`` reads
    as rows of their own (a quote left open, :func:`_stray_quote`) is given as soon as it is
    over the limit, every character read kept, to be read again."""
    start, parts, size, state = lines.number + 1, list[str](), 0, _START
    while piece := lines.piece(limit + 1 - size if size <= limit else _CHUNK):
        state = _scan(piece, state, dialect) if dialect.quoted else _START
        size += len(piece)
        if size <= limit:
            parts.append(piece)
        elif unquoted is not None and size - len(piece) <= limit and lines.number > start \
                and state == _QUOTED and unquoted(text := "".join(parts) + piece):
            return _Record(start, lines.number, text, _over(start, lines.number, limit))
        elif not parts:  # the first line is over the limit: its start is kept for the excerpt
            parts.append(piece[:200])
        if state != _QUOTED and piece.endswith(ENDS):
            break
    if not size:
        return None
    end, problem = lines.number, None
    if state == _QUOTED:  # only at the end of the file: every other record ends outside quotes
        problem = InputRejected(
            "truncated", f"the file ends inside a quoted field of the record on {_span(start, end)}")
    elif size > limit:
        problem = _over(start, end, limit)
    return _Record(start, end, "".join(parts), problem, whole=size <= limit)


def _over(start: int, end: int, limit: int) -> InputRejected:
    return InputRejected("bad_csv", f"the record on {_span(start, end)} is longer than {limit} "
                         "characters (2 × max_doc_chars)")


def _rows_reader(header: list[str], columns: RecordFields, dialect: _Dialect
                 ) -> Callable[[str], bool] | None:
    """For a file read with quoting, whether the physical lines of a text are rows of their
    own: for a tab-separated file (often written without quoting, a text seldom holding a tab,
    so that a quote opening a field is text) every line split at every tab
    (:func:`~storyline.ingest.csvquotes.reads_as_rows`); for one separated by commas or
    semicolons, whose text needs quoting, the lines after the first parsed as rows with their
    own quotes (:func:`~storyline.ingest.csvquotes.later_lines_read_as_rows`: one quote left
    open, the rest of the file well quoted). None for a header of one column: no line of such
    a file holds a delimiter to tell a row from a line of a quoted field by."""
    if not dialect.quoted or len(header) < 2:
        return None
    reader = later_lines_read_as_rows if dialect.delimiter != "\t" else reads_as_rows
    return functools.partial(reader, header=header, columns=columns, delimiter=dialect.delimiter)


# Quotes left open a comma-separated file's rows are recovered from, each reading the rows after
# it again (up to 2 × max_doc_chars): past this many, the file is hostile or not quoted as CSV,
# and a quote left open is one record again
_MAX_RECOVERIES = 20


def _stray_quote(record: _Record, dialect: _Dialect, unquoted: Callable[[str], bool]) -> bool:
    """Whether ``record`` is a quote left open (in a tab-separated file, one written without
    quoting; in one separated by commas or semicolons, one row's quote): it spans lines,
    reading it quoted fails — the file ends inside the quoted field (``truncated``), the
    record runs over the limit (a tab file's only), or text follows the closing quote (a quote
    of a later row closed it) — and its lines read as rows of their own (``unquoted``). A
    quoted field that holds tabs or line breaks, as the csv module writes it, reads quoted."""
    if record.start == record.end or not record.whole:
        return False
    if dialect.delimiter != "\t":
        return _closed_by_a_later_field(record, dialect) and unquoted(record.text)
    if record.problem is None:
        try:
            next(dialect.reader(record.text), [])
            return False
        except csv.Error:
            pass
    return unquoted(record.text)


def _closed_by_a_later_field(record: _Record, dialect: _Dialect) -> bool:
    """Whether the quoted field a comma- or semicolon-separated ``record`` leaves open at the
    end of its first line is closed by a quote that opens a field of a later line (right
    after a delimiter or at a line's start): a quote left open, which the next quoted field
    closed. A field closed where prose ends ("… disagreed." (AP),2024") is a long quoted
    text followed by junk, and one the file ends inside may be a file cut short: their lines
    of prose split like rows, and neither is read again (one the file ends inside is, where
    stronger evidence says its lines are rows: :func:`_left_open_to_the_end`)."""
    if record.problem is not None:
        return False
    try:  # text after the closing quote: what a later field's opening quote leaves
        next(dialect.reader(record.text), [])
        return False
    except csv.Error as exc:
        if "expected after" not in str(exc):
            return False  # a field over the limit: a long quoted text
    _, brk, rest = _first_line(record.text)
    if not brk:
        return False
    closing = _QUOTED_RUN.match(rest).end()  # type: ignore[union-attr]  # matches ""
    return closing < len(rest) and (closing == 0 or rest[closing - 1] in (dialect.delimiter,
                                                                          "\n", "\r"))


def _fields(record: _Record, dialect: _Dialect) -> list[str]:
    """The fields of a record, parsed by the csv module in strict mode: text after a closing
    quote (``"a"b``), which a quote left open makes of the rows after it, is rejected. A record
    on one line is parsed leniently then, as the csv module does by default (``"x" ,y``, a
    quoted field with quotes inside that are not doubled, as hand-made files hold; a
    tab-separated one without quoting, its quotes kept as text): no other row can be in it."""
    if record.problem is not None:
        raise record.problem
    try:
        return next(dialect.reader(record.text), [])
    except csv.Error as exc:
        if record.start == record.end:
            # a tab-separated row that breaks the quoting rules was written without them: a
            # field opening with a quotation ("Yes," she said) keeps its quotes as text, which
            # the lenient reading takes off
            lenient = _dialect("\t", quoted=False) if dialect.delimiter == "\t" else dialect
            try:
                return next(lenient.reader(record.text, strict=False), [])
            except csv.Error:
                pass
        raise InputRejected("bad_csv", f"{exc} (the record on {record.span})") from None


def _redecoded(row: list[str], record: _Record, encodings: _Encodings, dialect: _Dialect
               ) -> tuple[list[str], str]:
    """``row`` and its encoding; where the file's UTF-8 did not fit the bytes of its record
    (kept as lone surrogates), the record decoded again as those bytes alone are (UTF-8 with a
    stray cp1252 byte, a line in another encoding, or wholly another encoding: the one the
    first 64 KiB's lines in another encoding are in, if any, tried first) and split again."""
    try:
        record.text.encode("utf-8")  # fails on a lone surrogate, and is faster than looking for one
        return row, encodings[0]
    except UnicodeEncodeError:
        pass
    text, found = decode_text(record.text.encode("utf-8", "surrogateescape"), encodings[1])
    return _fields(replace(record, text=text), dialect), found


def _header(record: _Record | None, limit: int, settings: Settings, dialect: _Dialect
            ) -> tuple[list[str], RecordFields]:
    """The header's column names, those naming a field whatever their case and blanks given
    as configured (``Text`` → ``text``) or as :data:`~storyline.ingest.fields.ALIASES` spells
    them (``MainText`` → ``maintext``), and the columns each part is read from (a default
    name the header lacks resolved to the first alias it has; the date's is left to each row,
    which reads the first alias holding a date, as a JSON record's does)."""
    if record is None:
        raise InputRejected("empty", "the CSV file has no header row")
    if record.problem is not None and record.problem.code == "bad_csv":
        raise InputRejected("bad_csv", f"the header line is longer than {limit} characters "
                            "(2 × max_doc_chars)")
    columns = settings.csv_columns
    names: dict[str, str] = {}
    for name in field_names(columns):  # the configured names first: they win a tie
        names.setdefault(_column_key(name), name)
    cells = _fields(record, dialect)
    exact = set(cells)
    header: list[str] = []
    for cell in cells:
        # a column named as configured, else the first named so whatever its case: "text,Text"
        # reads "text", and a second "Text" stays a column of its own
        name = cell if cell in exact and cell in names.values() else names.get(_column_key(cell), cell)
        name = cell if name in header or (name != cell and name in exact) else name
        # a name the header repeats exactly ("title,text,text"): the first column is the one
        # read, as pandas reads it, and later ones are "text.1", "text.2" (a dict of the row
        # kept the last, and the first column's text went without a word)
        copies = 0
        while name in header:
            copies += 1
            name = f"{cell}.{copies}"
        header.append(name)
    fields = resolved_fields(dict.fromkeys(header), columns, names_only=True)
    if fields.text not in header and fields.html not in header:
        raise InputRejected("bad_csv", _no_body(columns, header))
    # The date's alias is chosen row by row, by value, as a JSON record's is: a "published"
    # column of True/False (or empty) would hide the "published_at" beside it.
    return header, fields.model_copy(update={"date": columns.date})


def _no_body(columns: RecordFields, header: list[str]) -> str:
    """Why a header names no text or html column: the names looked for, and its own."""
    aliases = field_names(columns, _BODIES)[len(_BODIES):]
    also = f" (nor {', '.join(map(repr, aliases[:4]))} or another name exports use)" if aliases else ""
    cells = ", ".join(repr(cell) for cell in header[:10]) or "none"
    return f"no {columns.text!r} or {columns.html!r} column in the header{also}; its columns: {cells}"


# The file's encoding, and the one of its lines in another (a cp1252 line in a UTF-8 file)
_Encodings = tuple[str, str | None]


def _row_item(record: _Record, header: list[str], inp: Input, settings: Settings,
              columns: RecordFields, encodings: _Encodings, dialect: _Dialect) -> Item | None:
    """The document or quarantine row of one record, its parts read from ``columns``; None
    for a blank line."""
    part = f"line {record.start}"
    try:
        row = _fields(record, dialect)
        if not row:
            return None
        row, encoding = _redecoded(row, record, encodings, dialect)
        row = fitted(row, header, columns)
        return record_doc(dict(zip(header, row, strict=True)), inp, part, settings, columns, encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc, replace_surrogates(record.text[:200]))


def _left_open_to_the_end(record: _Record, header: list[str], columns: RecordFields,
                          dialect: _Dialect) -> bool:
    """Whether ``record``, of a file separated by commas or semicolons, is a quote left open
    in its first line that the file ends inside, the lines after it the file's rows
    (:func:`~storyline.ingest.csvquotes.rows_to_the_end`). A file cut short inside a long
    quoted text ends inside one too, and its lines of prose may split like rows: without that
    evidence the record stays ``truncated``, which keeps what earlier readings stored of the
    file (a ``bad_csv`` row would say the reading was whole)."""
    return (dialect.delimiter != "\t" and record.problem is not None
            and record.problem.code == "truncated" and record.whole
            and record.start < record.end
            and rows_to_the_end(record.text, header, columns, dialect.delimiter))


def _left_open(record: _Record, inp: Input) -> QuarantineRow:
    """The ``bad_csv`` row of a quote left open in the first line of ``record``, whose later
    lines are read again as rows of their own."""
    why = ("the file ends inside it" if record.problem is not None
           else "the row ends inside it (a later row's quote closed it)")
    return quarantine(inp.label(f"line {record.start}"), InputRejected(
        "bad_csv", f"a quote opens a field of this row and {why}; the rows after it are read "
        "on their own"), replace_surrogates(_first_line(record.text)[0][:200]))


def read_csv(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every row of a CSV file (see the module docstring)."""
    # The csv module's field limit is process-wide: set it from these settings before each file.
    csv.field_size_limit(ctx.settings.max_doc_chars)
    limit, read, said_cut = 2 * ctx.settings.max_doc_chars, 0, False
    with inp.open() as raw:
        stream = buffered(raw)
        head = stream.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        encoding, legacy = detect_line_encoding(head)
        # a UTF-16 or UTF-32 file in whole code units: one cut inside a character says so,
        # rather than end its last row with U+FFFD
        unit = code_unit(encoding)
        units = WholeUnits(stream, unit) if unit > 1 else None
        stream = stream if units is None else buffered(units)
        errors = "surrogateescape" if codecs.lookup(encoding).name in _ESCAPABLE else "replace"
        default = "\t" if inp.name.lower().endswith(".tsv") else ","
        layout = sniff_layout(head.decode(encoding, "replace"), ctx.settings, default)
        dialect = _dialect(layout.delimiter)
        with io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="") as text:
            lines = _Lines(text)
            if layout.excel_line:
                _record(lines, limit, dialect)
            header, columns = _header(_record(lines, limit, dialect), limit, ctx.settings, dialect)
            unquoted, recoveries = _rows_reader(header, columns, dialect), 0
            # (only a tab file's record over the limit may be read again: see _stray_quote)
            while (record := _record(lines, limit, dialect,
                                     unquoted if dialect.delimiter == "\t" else None)) is not None:
                item = _row_item(record, header, inp, ctx.settings, columns, (encoding, legacy),
                                 dialect)
                # (a record read as a row reads quoted: only a row that is not is looked into)
                if isinstance(item, QuarantineRow) and unquoted is not None and (
                        _stray_quote(record, dialect, unquoted)
                        or _left_open_to_the_end(record, header, columns, dialect)):
                    if dialect.delimiter == "\t":
                        # written without quoting: its quotes are text, every line a row
                        dialect, unquoted = _dialect(dialect.delimiter, quoted=False), None
                        lines.unread(record.text, record.start)
                        continue
                    # one quote left open in a quoted file: its row alone is lost, the rows
                    # after it are read again (a few times a file, each at most the limit)
                    recoveries += 1
                    unquoted = unquoted if recoveries < _MAX_RECOVERIES else None
                    lines.unread(_first_line(record.text)[2], record.start + 1)
                    item = _left_open(record, inp)
                if item is not None:
                    read += 1
                    said_cut = isinstance(item, QuarantineRow) and item.code == "truncated"
                    yield item
    if units is not None and units.cut is not None and not said_cut:
        raise units.cut  # the rows before it given: one truncated row
    if not read:
        raise InputRejected("empty", "the CSV file has a header and no rows")

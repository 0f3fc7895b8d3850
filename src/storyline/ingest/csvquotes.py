"""Whether the lines of a CSV record read as rows of the file's header: the evidence that a
quote opening a field was left open (a stray ``"`` typed into a cell) rather than opening a
quoted text that spans lines. Used by :mod:`storyline.ingest.csvfile`, which reads the rows
after a quote left open again when that evidence holds, and keeps the record whole when not.

The lines of a quoted text are prose, or HTML; split at the file's delimiter they seldom all
come out as wide as the header. How much evidence is asked for depends on what else says the
quote was left open: a later row's quote closing it is much (:func:`later_lines_read_as_rows`
asks half the lines), the file ending inside it little, as a file cut short inside a long
quoted text does too (:func:`rows_to_the_end` asks every line, and more).
"""

from __future__ import annotations

import csv
import re

from storyline.config import RecordFields
from storyline.errors import InputRejected

LINE_BREAK = re.compile("\r\n|\r|\n")
ENDS = ("\n", "\r")
_QUOTE_RUN = re.compile('"+')


def fitted(row: list[str], header: list[str], columns: RecordFields) -> list[str]:
    """``row`` as wide as the header: trailing fields left off read as empty, when the row
    reaches the text or html column; empty fields past the header's dropped."""
    if len(row) > len(header) and not any(field.strip() for field in row[len(header):]):
        return row[:len(header)]
    if len(row) < len(header) and {columns.text, columns.html} & set(header[:len(row)]):
        return row + [""] * (len(header) - len(row))
    if len(row) != len(header):
        raise InputRejected("bad_row", f"{len(row)} fields where the header has {len(header)}")
    return row


def later_lines_read_as_rows(text: str, header: list[str], columns: RecordFields,
                             delimiter: str) -> bool:
    """Whether the lines of ``text`` after its first, each parsed on its own with its quotes
    (leniently, as a one-line record is), are rows as wide as the header: one at least, and
    half of those that are not blank. A quoted field's lines of prose seldom are."""
    lines = [line for line in LINE_BREAK.split(text)[1:] if line.strip()]

    def fits(line: str) -> bool:
        try:
            fitted(_cells(line, delimiter), header, columns)
        except (InputRejected, csv.Error):
            return False
        return True

    return bool(lines) and sum(map(fits, lines)) * 2 >= len(lines)


def reads_as_rows(text: str, header: list[str], columns: RecordFields, delimiter: str) -> bool:
    """Whether the lines of ``text``, split at every ``delimiter``, quotes and all, are rows
    as wide as the header (as :func:`fitted` reads them): the first, and at least half of the
    others that are not blank. The lines of a quoted field are seldom any such. A line without
    a delimiter is none: :func:`fitted` reads it as a row whose trailing fields are left off
    when the text or html column comes first, as it would every line of a quoted text."""
    lines = [line for line in LINE_BREAK.split(text) if line.strip()]

    def fits(line: str) -> bool:
        if delimiter not in line:
            return False
        try:
            fitted(line.split(delimiter), header, columns)
        except InputRejected:
            return False
        return True

    return bool(lines) and fits(lines[0]) and sum(map(fits, lines[1:])) * 2 >= len(lines) - 1


def rows_to_the_end(text: str, header: list[str], columns: RecordFields, delimiter: str) -> bool:
    """Whether ``text``, a record of a file separated by commas or semicolons that the file
    ends inside (a quote opened on its first line and never closed), is a stray quote and the
    rows after it rather than a file cut short inside a long quoted text. All of these must
    hold, each cheap and each one that a cut text seldom passes:

    - the file ends at a line break, as a whole file does (a cut seldom lands on one);
    - two lines at least follow the first, none of them blank (the paragraphs of a quoted
      text are often parted by blank lines; a file's rows are not);
    - its lines end alike (a CRLF file's rows with LF inside a quoted cell are one record;
      a CRLF file cut between its CR and LF ends unlike the lines before);
    - every line, the first read without its open quote, is a row (:func:`_plain_row`), and
      each later one's text holds a sentence's words (:data:`_ROW_WORDS`): a table, a list
      of figures or a ticker set in a quoted article ("Greens,12,31%", "16.750,5 Punkten")
      splits into rows as wide as the header, whose text is a cell or a number.

    Measured on 201 news articles and the HTML of 181 news pages, each quoted in six layouts
    of header, by commas and by semicolons, and cut at its line breaks (some 450,000 cuts):
    none passed. Rows as wide as the header alone passed about one cut of an article in a
    thousand (prose with as many commas as the header has). A reviewer then cut articles
    holding a table, a ticker or addresses: their rows passed until the words were asked
    for. Trailing blank lines are the file's end, not a blank between rows."""
    if not text.endswith(ENDS) or len(set(LINE_BREAK.findall(text))) > 1:
        return False
    first, *later = LINE_BREAK.split(text)[:-1]  # the last is the "" after the final break
    while later and not later[-1].strip():
        later.pop()
    if len(later) < 2 or not all(line.strip() for line in later):
        return False
    return _plain_row(_without_the_open_quote(first), header, columns, delimiter) and all(
        _plain_row(line, header, columns, delimiter, _ROW_WORDS) for line in later)


def _without_the_open_quote(line: str) -> str:
    """``line``, which ends inside a quoted field, without the quote that opened the field.
    After that quote the field's quotes come in doubled pairs, so it opens the last run of an
    odd number of quotes (three quotes and a word open a field holding a quote and the word)."""
    opening = [run.start() for run in _QUOTE_RUN.finditer(line) if len(run.group()) % 2]
    return line if not opening else line[:opening[-1]] + line[opening[-1] + 1:]


# Words a recovered row's text holds at least: a story's text, not a table's cell
_ROW_WORDS = 8


def _plain_row(line: str, header: list[str], columns: RecordFields, delimiter: str,
               words: int = 1) -> bool:
    """Whether ``line``, parsed on its own, is a row as a writer of CSV writes one: as wide
    as the header (empty fields past it aside; none left off, which :func:`fitted` allows and
    which every line of a quoted text is when the text or html column comes first), the text
    or html column not empty, and no field opening with a blank. Prose split at its commas or
    semicolons gives fields opening with one, as the words after a comma do, and a page's
    HTML is indented; a writer of CSV puts no blank there. ``words``: how many words the
    text (or html) must hold."""
    try:
        cells = _cells(line, delimiter)
        row = fitted(cells, header, columns)
    except (InputRejected, csv.Error):
        return False
    bodies = [cell for name, cell in zip(header, row, strict=True)
              if name in (columns.text, columns.html)]
    return (len(cells) >= len(header) and any(len(body.split()) >= words for body in bodies)
            and not any(cell[:1].isspace() for cell in cells))


def _cells(line: str, delimiter: str) -> list[str]:
    """The fields of one line, parsed leniently with its quotes (as a one-line record is)."""
    return next(csv.reader([line], delimiter=delimiter, strict=False), [])

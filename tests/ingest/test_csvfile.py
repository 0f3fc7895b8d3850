from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes, read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, BRIDGE_CURLY, FESTIVAL, HARBOUR


def _codes(items: list[RawDoc | QuarantineRow]) -> list[tuple[str, str]]:
    return [(i.source.rsplit("#", 1)[-1], i.code) for i in items if isinstance(i, QuarantineRow)]


def test_csvfile_reads_rows_with_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "title,text,url,date\n"
        f'Harbour,"{HARBOUR}\n\nSecond paragraph.",https://a.example/h,2026-03-03\n'
        f"Bridge,{BRIDGE.replace(',', '')},https://a.example/b,\n", encoding="utf-8")
    docs = list(read_paths([path], Settings()))
    assert [(d.position, d.meta_get("title")) for d in docs if isinstance(d, RawDoc)] == [
        ("line 2", "Harbour"), ("line 5", "Bridge")]
    assert docs[0].text.endswith("Second paragraph.") and docs[0].meta_get("date") == "2026-03-03"
    assert docs[1].meta_get("date") is None


def test_csvfile_uses_the_configured_column_names(tmp_path: Path) -> None:
    path = tmp_path / "scrape.csv"
    path.write_text(f'headline,article_body\nFestival,"{FESTIVAL}"\n', encoding="utf-8")
    settings = Settings(csv_columns=RecordFields(text="article_body", title="headline"))
    (doc,) = read_paths([path], settings)
    assert isinstance(doc, RawDoc) and doc.text == FESTIVAL and doc.meta_get("title") == "Festival"


def test_csvfile_allows_fields_larger_than_the_csv_default(tmp_path: Path) -> None:
    body = (HARBOUR + " ") * 2000  # ~330 000 characters; the csv module's default limit is 131 072
    path = tmp_path / "big.csv"
    path.write_text(f'text\n"{body}"\n', encoding="utf-8")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and len(doc.text) == len(body)


def test_csvfile_quarantines_a_field_over_the_size_guard_and_reads_on(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{"word " * 400}"\n"{HARBOUR}"\n', encoding="utf-8")
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert _codes(items) == [("line 2", "bad_csv")]
    assert isinstance(items[-1], RawDoc) and items[-1].text == HARBOUR


def test_csvfile_quarantines_rows_of_the_wrong_width_and_empty_rows(tmp_path: Path) -> None:
    # too short to reach the text column, or fields past the header's that hold something
    path = tmp_path / "ragged.csv"
    path.write_text(f'url,text\nu1,"{HARBOUR}"\nonly-one-field\nu3,"  "\nu4,"{BRIDGE}",extra\n',
                    encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _codes(items) == [("line 3", "bad_row"), ("line 4", "empty"), ("line 5", "bad_row")]


def test_csvfile_reads_a_row_whose_trailing_empty_fields_are_left_off(tmp_path: Path) -> None:
    # some exporters drop a row's empty last fields, or end it with a delimiter: the text is there
    path = tmp_path / "short.csv"
    path.write_text(f'title,text,url,date\nHarbour,"{HARBOUR}"\nBridge,"{BRIDGE}",u2,,\n',
                    encoding="utf-8")
    docs = list(read_paths([path], Settings()))
    assert [(d.meta_get("title"), d.meta_get("url")) for d in docs if isinstance(d, RawDoc)] == [
        ("Harbour", None), ("Bridge", "u2")]


@pytest.mark.parametrize(("name", "delimiter"), [("news.tsv", "\t"), ("news.csv", ";"),
                                                 ("news.csv", "\t"), ("news.csv", "|")])
def test_csvfile_reads_the_delimiter_its_header_names_the_text_column_by(
        tmp_path: Path, name: str, delimiter: str) -> None:
    # split on commas, the header named no text column and the file was one merged plain text
    rows = [("title", "text", "date"), ("Harbour", HARBOUR, "2026-03-03"), ("Bridge", BRIDGE, "")]
    path = tmp_path / name
    path.write_text("\n".join(delimiter.join(r) for r in rows) + "\n", encoding="utf-8")
    docs = list(read_paths([path], Settings()))
    assert [(d.position, d.text, d.meta_get("title")) for d in docs if isinstance(d, RawDoc)] == [
        ("line 2", HARBOUR, "Harbour"), ("line 3", BRIDGE, "Bridge")]


def test_a_tsv_file_in_a_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "news.tsv").write_text(f"title\ttext\nHarbour\t{HARBOUR}\n", encoding="utf-8")
    docs = list(read_paths([tmp_path], Settings()))
    assert [d.text for d in docs if isinstance(d, RawDoc)] == [HARBOUR]


def test_csvfile_reads_a_semicolon_csv_from_stdin() -> None:
    data = f'title;text\nHarbour;"{HARBOUR}"\nBridge;"{BRIDGE}"\n'.encode()
    docs = list(read_bytes(data, "", Settings()))
    assert [(d.position, d.text) for d in docs if isinstance(d, RawDoc)] == [
        ("line 2", HARBOUR), ("line 3", BRIDGE)]


def test_csvfile_honours_excels_separator_line(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(f'sep=;\r\ntitle;text\r\nHarbour;"{HARBOUR}"\r\n', encoding="utf-8-sig")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and (doc.position, doc.text) == ("line 3", HARBOUR)


def test_csvfile_matches_column_names_whatever_their_case_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f'Title, Text ,URL\nHarbour,"{HARBOUR}",https://a.example/h\n', encoding="utf-8")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    assert (doc.meta_get("title"), doc.meta_get("url")) == ("Harbour", "https://a.example/h")


def test_csvfile_rejects_a_file_without_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_csv"


def test_csvfile_reads_a_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes('text\n"Le maire de Genève a parlé du pont fermé."\n'.encode("latin-1"))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and "Genève" in doc.text


def test_csvfile_skips_an_overlong_line_in_pieces_and_reads_on(tmp_path: Path) -> None:
    # 2 × max_doc_chars is the most a line may hold; past it the line is skipped a piece at a
    # time (never held whole) and reported, and the rows after it are read.
    settings = Settings(max_doc_chars=1000)
    path = tmp_path / "export.csv"
    path.write_text(f"title,text\nA,\"{HARBOUR}\"\nB,{'x' * 250_000}\nC,{BRIDGE.replace(',', '')}\n",
                    encoding="utf-8")
    items = list(read_paths([path], settings))
    assert [i.meta_get("title") for i in items if isinstance(i, RawDoc)] == ["A", "C"]
    assert _codes(items) == [("line 3", "bad_csv")]
    assert "longer than 2000 characters" in items[1].message


def test_csvfile_says_when_the_header_line_is_too_long(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("title,text," + "x" * 5000 + f"\nA,\"{HARBOUR}\"\n", encoding="utf-8")
    (row,) = read_paths([path], Settings(max_doc_chars=1000))
    assert isinstance(row, QuarantineRow) and row.code == "bad_csv"
    assert "header line is longer than 2000 characters" in row.message


def test_csvfile_reads_rows_around_a_stray_nul(tmp_path: Path) -> None:
    # A NUL in a database export's cell used to reject the whole file as binary.
    rows = "".join(f'Row {n},"{HARBOUR}"\n' for n in range(30))
    path = tmp_path / "export.csv"
    path.write_bytes(("title,text\n" + rows).replace("harbour", "har\x00bour", 1).encode())
    docs = list(read_paths([path], Settings()))
    assert len(docs) == 30 and all(isinstance(d, RawDoc) and d.text == HARBOUR for d in docs)


def test_csvfile_reads_utf16_without_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(f'title,text\nHarbour,"{HARBOUR}"\n'.encode("utf-16-le"))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR and doc.meta_get("title") == "Harbour"


def test_csvfile_skips_a_quoted_field_over_the_limit_whole(tmp_path: Path) -> None:
    # Over 2 × max_doc_chars, the record is read on to its closing quote (here on a line of its
    # own), not resumed inside the field with each of its lines read as a row.
    paragraphs = "".join(f"Paragraph {n}, in which the council met again.\n" for n in range(100))
    path = tmp_path / "export.csv"
    path.write_text(f'title,text\nA,"{paragraphs}"\nB,"{HARBOUR}"\nC,plain\n', encoding="utf-8")
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert _codes(items) == [("line 2", "bad_csv")] and "lines 2–102" in items[0].message
    assert [(d.position, d.meta_get("title")) for d in items if isinstance(d, RawDoc)] == [
        ("line 103", "B"), ("line 104", "C")]


def test_csvfile_quarantines_a_multiline_field_over_the_field_limit_once(tmp_path: Path) -> None:
    # Over max_doc_chars (the csv module's field limit) but within 2 × max_doc_chars.
    paragraphs = "".join(f"Paragraph {n}, in which the council met again.\n" for n in range(30))
    path = tmp_path / "export.csv"
    path.write_text(f'title,text\nA,"{paragraphs}"\nB,"{HARBOUR}"\n', encoding="utf-8")
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert _codes(items) == [("line 2", "bad_csv")] and "field larger than field limit" in items[0].message
    assert [(d.position, d.text) for d in items if isinstance(d, RawDoc)] == [("line 33", HARBOUR)]


def test_csvfile_quarantines_a_row_whose_quote_is_left_open(tmp_path: Path) -> None:
    # The open quote is closed by the next row's opening one: that row alone is quarantined,
    # and the next one, which reads as a row on its own, is read (not one document of both).
    path = tmp_path / "export.csv"
    path.write_text(f'title,text\nA,"{HARBOUR}\nB,"{BRIDGE}"\nC,"{FESTIVAL}"\n', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _codes(items) == [("line 2", "bad_csv")] and "the row ends inside it" in items[0].message
    assert [(d.position, d.text) for d in items if isinstance(d, RawDoc)] == [
        ("line 3", BRIDGE), ("line 4", FESTIVAL)]


def test_csvfile_reads_the_rows_after_a_quote_left_open_among_quoted_rows(tmp_path: Path) -> None:
    # every later row's quoted text is read, not only the next one
    rows = "".join(f'T{n},"Row {n}, a text with a comma",2024-01-05\n' for n in range(3, 203))
    path = tmp_path / "export.csv"
    path.write_text(f'title,text,date\nA,"Yes, she said,2024-01-05\n{rows}', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _codes(items) == [("line 2", "bad_csv")]
    assert [d.position for d in items if isinstance(d, RawDoc)] == [f"line {n}" for n in range(3, 203)]


@pytest.mark.parametrize("tail", ['line two, of the text, cut', 'line two, of it, ended." (AP),2024\n'])
def test_csvfile_reads_no_row_out_of_a_long_quoted_text(tmp_path: Path, tail: str) -> None:
    # a file cut inside a quoted text of several lines, or one whose closing quote junk
    # follows: its lines of prose split like rows, and none becomes a document
    path = tmp_path / "export.csv"
    path.write_text(f'title,text,date\nA,"{HARBOUR}",2024\nB,"The mayor said, on Tuesday, '
                    f'nothing.\nAnd then, later, more.\n{tail}', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert [d.meta_get("title") for d in items if isinstance(d, RawDoc)] == ["A"]
    assert [i.code for i in items if isinstance(i, QuarantineRow)] in (["truncated"], ["bad_csv"])


def _plain_rows(first: int, count: int, delimiter: str = ",") -> str:
    """``count`` rows of ``title,text,date`` from line ``first`` on, as a writer of CSV writes
    rows whose fields need no quotes."""
    return "".join(f"T{n}{delimiter}Row {n} says the ferry to Ostra runs again{delimiter}2024-01-05\n"
                   for n in range(first, first + count))


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csvfile_reads_the_rows_after_a_quote_the_file_ends_inside(
        tmp_path: Path, delimiter: str) -> None:
    # no later quote closes the one opening A's text: read quoted, the file ended inside it,
    # and the 200 rows after it were one truncated row
    d = delimiter
    path = tmp_path / "export.csv"
    path.write_text(f'title{d}text{d}date\nZ{d}"{HARBOUR}"{d}2024-01-04\n'
                    f'A{d}"Yes she said{d}2024-01-05\n{_plain_rows(4, 200, d)}', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _codes(items) == [("line 3", "bad_csv")] and "the file ends inside it" in items[1].message
    docs = [item for item in items if isinstance(item, RawDoc)]
    assert [doc.position for doc in docs] == ["line 2", *(f"line {n}" for n in range(4, 204))]
    assert (docs[1].text, docs[1].meta_get("date")) == ("Row 4 says the ferry to Ostra runs again",
                                                         "2024-01-05")


# An article of our own, each paragraph with as many commas as "title,text,date" has: its
# lines split as wide as that header, as rows would
_CUT_ARTICLE = "\n".join([
    "The ferry to Ostra stopped on Monday, the operator said, after a storm.",
    "Its two boats, both built in 1998, stayed in port at Valmora all week.",
    "Passengers were sent to the bus station, where extra coaches waited, late.",
    "The council, meeting on Thursday, voted for a new pier paid for by the port.",
    "Work on it starts in May, the mayor said, and should take a year."])


@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csvfile_keeps_a_file_cut_inside_a_long_quoted_text_truncated(
        joiner: str, delimiter: str) -> None:
    # cut at every character of the quoted text, as head -c cuts a file: one truncated row
    # (which keeps what earlier readings stored of the file), no document made of its lines
    article = _CUT_ARTICLE.replace(",", delimiter).replace("\n", joiner)
    assert all(len(line.split(delimiter)) == 3 for line in article.split(joiner))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([["title", "text", "date"], ["A", HARBOUR, "2024-01-04"],
                      ["B", article, "2024-01-05"]])
    data = buffer.getvalue()
    opening = data.index(f'{delimiter}"The ferry') + 2
    for cut in range(opening, opening + len(article)):
        items = list(read_bytes(data[:cut].encode(), "a.csv", Settings()))
        assert _rows(items) == [("line 2", HARBOUR), ("line 3", "truncated")], cut


_NEAR_MISSES = {
    "no line break at its end": (_plain_rows(3, 3), -1),
    "a blank line among the rows": (_plain_rows(3, 2) + "\n" + _plain_rows(6, 2), 0),
    "one row after it": (_plain_rows(3, 1), 0),
    "a field opening with a blank": (_plain_rows(3, 2) + "T5, Row five, 2024-01-05\n", 0),
    "a row with a field left off": (_plain_rows(3, 2) + "T5,Row five\n", 0),
    "a row without text": (_plain_rows(3, 2) + "T5,,2024-01-05\n", 0),
    "a row too wide": (_plain_rows(3, 2) + "T5,Row five,2024-01-05,x\n", 0),
}


@pytest.mark.parametrize("miss", _NEAR_MISSES)
def test_csvfile_keeps_a_quote_the_file_ends_inside_truncated_without_rows_after_it(
        miss: str) -> None:
    # what a file cut inside a quoted text may look like: it stays one truncated row
    rows, cut = _NEAR_MISSES[miss]
    text = f'title,text,date\nA,"Yes she said,2024-01-05\n{rows}'
    items = list(read_bytes(text[:len(text) + cut].encode(), "a.csv", Settings()))
    assert _rows(items) == [("line 2", "truncated")]


def test_csvfile_keeps_a_quote_whose_own_row_reads_too_wide_truncated() -> None:
    # read without its quote, the first line is no row: a quoted text's first line of prose
    text = f'title,text,date\nA,"Yes, she said,2024-01-05\n{_plain_rows(3, 5)}'
    items = list(read_bytes(text.encode(), "a.csv", Settings()))
    assert _rows(items) == [("line 2", "truncated")]


def test_csvfile_reads_many_rows_after_a_quote_the_file_ends_inside_in_linear_time() -> None:
    # 20,000 rows: about 1 s here, most of it making the documents; a check quadratic in the
    # rows would take minutes
    data = f'title,text,date\nA,"Yes she said,2024-01-05\n{_plain_rows(3, 20_000)}'.encode()
    started = time.perf_counter()
    items = list(read_bytes(data, "a.csv", Settings()))
    assert time.perf_counter() - started < 10
    assert len(items) == 20_001 and _codes(items) == [("line 2", "bad_csv")]


_CELL = st.text(st.sampled_from("abcxyz019 .-"), min_size=1, max_size=12).filter(
    lambda cell: not cell[0].isspace())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_CELL, st.lists(_CELL, min_size=8, max_size=10).map(" ".join)),
                min_size=3, max_size=12), st.data(), st.sampled_from([",", ";"]))
def test_csvfile_reads_every_row_around_a_quote_the_file_ends_inside(
        rows: list[tuple[str, str]], data: st.DataObject, delimiter: str) -> None:
    # a stray quote opening the text of any row but the last two: that row alone is lost
    stray = data.draw(st.integers(0, len(rows) - 3))
    quotes = ['"' if n == stray else "" for n in range(len(rows))]
    text = f"title{delimiter}text\n" + "".join(
        f"{title}{delimiter}{quote}{body}\n" for (title, body), quote in zip(rows, quotes, strict=True))
    items = list(read_bytes(text.encode(), "a.csv", Settings()))
    assert _rows(items) == [(f"line {n + 2}", "bad_csv" if n == stray else body)
                            for n, (_, body) in enumerate(rows)]


_WORDS = st.lists(st.sampled_from(["the", "ferry", "Ostra", "said", "1998", "pier", "on"]),
                  min_size=1, max_size=6).map(" ".join)
_PROSE = st.lists(st.lists(_WORDS, min_size=1, max_size=5), min_size=3, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_PROSE, st.sampled_from(["\n", "\n\n"]), st.sampled_from([",", ";"]),
       st.sampled_from([["title", "text", "date"], ["text", "title"], ["url", "title", "text"]]),
       st.data())
def test_csvfile_reads_no_row_out_of_quoted_prose_cut_anywhere(
        paragraphs: list[list[str]], joiner: str, delimiter: str, header: list[str],
        data: st.DataObject) -> None:
    # prose: a blank after each comma or semicolon, as writers of text put one
    article = joiner.join(f"{delimiter} ".join(clauses) + "." for clauses in paragraphs)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([header, [article if name == "text" else "x" for name in header]])
    text = buffer.getvalue()
    opening = text.index('"')
    cut = data.draw(st.integers(opening + 1, opening + len(article)))
    items = list(read_bytes(text[:cut].encode(), "a.csv", Settings()))
    assert _rows(items) == [("line 2", "truncated")]


def test_csvfile_keeps_the_quotes_of_an_unquoted_tab_row(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text(f'title\ttext\nA\t"Yes," she said. {HARBOUR}\n', encoding="utf-8")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == f'"Yes," she said. {HARBOUR}'


def test_csvfile_says_a_file_cut_inside_a_quoted_field_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(f'title,text\nA,"{HARBOUR}"\nB,"{BRIDGE[:60]}', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and items[0].text == HARBOUR
    assert _codes(items) == [("line 3", "truncated")]


def test_csvfile_decodes_a_row_past_the_head_in_its_own_encoding(tmp_path: Path) -> None:
    # The first 64 KiB are ASCII, so the file is read as UTF-8; a cp1252 row after them is
    # decoded again from its own bytes, not turned into replacement characters.
    rows = "".join(f'R{n},"{HARBOUR}"\n' for n in range(500)).encode()
    late = f'Late,"{BRIDGE_CURLY} Caf\u00e9 \u201cquoted\u201d."\n'.encode("cp1252")
    path = tmp_path / "export.csv"
    path.write_bytes(b"title,text\n" + rows + late + b'After,"' + HARBOUR.encode() + b'"\n')
    items = list(read_paths([path], Settings()))
    late_doc, after = items[-2], items[-1]
    assert isinstance(late_doc, RawDoc) and late_doc.text == f"{BRIDGE_CURLY} Caf\u00e9 \u201cquoted\u201d."
    assert late_doc.encoding != "utf-8" and late_doc.position == "line 502"
    assert isinstance(after, RawDoc) and after.encoding == "utf-8" and after.text == HARBOUR


def test_csvfile_reads_a_utf8_row_with_a_stray_cp1252_byte(tmp_path: Path) -> None:
    # decoded again alone, the row is "utf-8+cp1252", no codec to decode its fields with: the
    # row was a reader_error
    said = "The mayor called it \u201ca new start\u201d for the city@s caf\u00e9 owners."
    path = tmp_path / "export.csv"
    path.write_bytes(f'title,text\nHarbour,"{said}"\n'.encode().replace(b"@", b"\x92"))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == said.replace("@", "\u2019")


def test_csvfile_reads_old_mac_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(f'title,text\rA,"{HARBOUR}\r\rMore."\rB,"{BRIDGE}"\r'.encode())
    docs = list(read_paths([path], Settings()))
    assert [(d.position, d.text) for d in docs if isinstance(d, RawDoc)] == [
        ("line 2", f"{HARBOUR}\r\rMore."), ("line 5", BRIDGE)]


def _csv_starts(text: str, delimiter: str = ",") -> list[int]:
    """The lines the csv module's records start on, blank lines left out, the header's too."""
    old = csv.field_size_limit(1 << 30)
    try:
        reader, starts, start = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [], 1
        for row in reader:
            if row:
                starts.append(start)
            start = reader.line_num + 1
    finally:
        csv.field_size_limit(old)
    return starts[1:]


def _positions(items: list[RawDoc | QuarantineRow]) -> list[str]:
    return [i.position if isinstance(i, RawDoc) else i.source.rsplit("#", 1)[-1] for i in items]


_PIECES = st.sampled_from(["a", ",", '"', '""', "\n", "\r\n", "\r", " ", *["long " * 180] * 3])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_csvfile_finds_the_records_the_csv_module_finds(pieces: list[str]) -> None:
    # Whatever the quoting (broken, open at the end, records over the limit of 2 × 1000
    # characters), one item per record, at the line the csv module says it starts on.
    text = "title,text\n" + "".join(pieces)
    items = list(read_bytes(text.encode(), "a.csv", Settings(max_doc_chars=1000)))
    starts = _csv_starts(text)
    if any(isinstance(i, QuarantineRow) and "read on their own" in i.message for i in items):
        # a quote left open: its row alone is quarantined and the lines after it read again,
        # where the csv module reads them as one record with it; still one item a line at most
        lines = [int(p.split()[1]) for p in _positions(items)]
        assert lines == sorted(set(lines))
    else:
        assert _positions(items) == ([f"line {n}" for n in starts] if starts else ["<bytes>"])


_FIELD = st.lists(st.sampled_from(["a", "b", " ", ",", '"', "\n", "\r\n", "é", "ж"]),
                  max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_FIELD, _FIELD), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_csvfile_reads_back_what_the_csv_module_writes(rows: list[tuple[str, str]], end: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=end)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    items = list(read_bytes(buffer.getvalue().encode(), "a.csv", Settings()))
    kept = [text for _, text in rows if text.strip()]
    assert [d.text for d in items if isinstance(d, RawDoc)] == kept
    assert _positions(items) == [f"line {n}" for n in _csv_starts(buffer.getvalue())]


def test_csvfile_reads_a_one_line_record_with_stray_quotes_leniently(tmp_path: Path) -> None:
    # hand-made files: quotes inside a quoted field not doubled, a blank after a closing quote;
    # the old reader read them, strict parsing alone made them bad_csv rows
    path = tmp_path / "export.csv"
    said = 'He said "hello" to the council on Tuesday before the vote on the new harbour budget'
    path.write_text(f'title,text\n"A" ,"{said}"\nB,"{BRIDGE}"\n', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert [(i.position, "hello" in i.text) for i in items if isinstance(i, RawDoc)] == [
        ("line 2", True), ("line 3", False)]


@pytest.mark.parametrize("header", ["text,Text,url", "Text,text,url"])
def test_the_column_named_as_configured_wins_over_one_in_another_case(
        tmp_path: Path, header: str) -> None:
    cells = {"text": HARBOUR, "Text": "Short teaser", "url": "u1"}
    path = tmp_path / "two.csv"
    path.write_text(f"{header}\n" + ",".join(f'"{cells[h]}"' for h in header.split(",")) + "\n",
                    encoding="utf-8")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR


def _rows(items: list[RawDoc | QuarantineRow]) -> list[tuple[str, str]]:
    """``(position, text or code)`` per item."""
    return [(i.position, i.text) if isinstance(i, RawDoc) else (i.source.rsplit("#", 1)[-1], i.code)
            for i in items]


_TSV_HEAD = "title\ttext\tdate\n"
_LEFT_OPEN = 'A\t"The quote before this sentence is never closed\t2026-03-01\n'


def test_csvfile_tsv_reads_the_rows_after_a_quote_left_open_to_the_end(tmp_path: Path) -> None:
    # read quoted, the file ended inside the field: one truncated row for lines 2-4
    path = tmp_path / "news.tsv"
    path.write_text(f"{_TSV_HEAD}{_LEFT_OPEN}B\t{BRIDGE}\t2026-03-02\nC\t{FESTIVAL}\t\n",
                    encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _rows(items) == [("line 2", '"The quote before this sentence is never closed'),
                            ("line 3", BRIDGE), ("line 4", FESTIVAL)]
    assert items[1].meta_get("date") == "2026-03-02"
    assert list(read_paths([path], Settings())) == items  # a second reading gives the same


def test_csvfile_tsv_reads_the_rows_after_a_quote_a_later_row_closes(tmp_path: Path) -> None:
    # the quote in row B closed A's field, text followed it: one bad_csv row for lines 2-3
    said = 'The mayor said "not yet" when asked about the bridge'
    path = tmp_path / "news.tsv"
    path.write_bytes(f"{_TSV_HEAD}{_LEFT_OPEN}B\t{said}\t2026-03-02\nC\t{HARBOUR}\t\n"
                     .replace("\n", "\r\n").encode())
    items = list(read_paths([path], Settings()))
    assert _rows(items) == [("line 2", '"The quote before this sentence is never closed'),
                            ("line 3", said), ("line 4", HARBOUR)]


def test_csvfile_tsv_reads_the_rows_after_a_quote_left_open_past_the_limit(tmp_path: Path) -> None:
    # the open field ran past 2 × max_doc_chars: all the rows after it were one bad_csv row
    rows = "".join(f"R{n}\tRow {n} says the harbour will reopen next week.\t\n" for n in range(300))
    path = tmp_path / "news.tsv"
    path.write_text(_TSV_HEAD + _LEFT_OPEN + rows + f'Z\t"{HARBOUR}"\t\n', encoding="utf-8")
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert len(items) == 302 and all(isinstance(i, RawDoc) for i in items)
    assert _rows(items)[1] == ("line 3", "Row 0 says the harbour will reopen next week.")
    assert _rows(items)[-1] == ("line 303", f'"{HARBOUR}"')  # the rest read without quoting


def test_csvfile_tsv_keeps_a_quoted_field_over_the_limit_one_row(tmp_path: Path) -> None:
    # its lines are no rows of the header's width: a quoted field, skipped whole
    paragraphs = "".join(f"Paragraph {n}, in which the council met again.\n" for n in range(100))
    path = tmp_path / "news.tsv"
    path.write_text(f'title\ttext\nA\t"{paragraphs}"\nB\t"{HARBOUR}"\n', encoding="utf-8")
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert _rows(items) == [("line 2", "bad_csv"), ("line 103", HARBOUR)]


@pytest.mark.parametrize("header", [["text", "title"], ["text"], ["html", "url", "date"]])
@pytest.mark.parametrize("fault", ["over the limit", "cut short"])
def test_csvfile_tsv_with_the_text_column_first_keeps_a_bad_quoted_field_one_row(
        header: list[str], fault: str) -> None:
    # each line of the quoted field read as a row whose trailing fields are left off: the
    # field's lines were read as rows, and the rest of the file without quoting, its quoted
    # fields split into lines
    paragraphs = "".join(f"Paragraph {n}, in which the council met again.\n" for n in range(100))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    last = paragraphs if fault == "over the limit" else f"{BRIDGE}\n\n{FESTIVAL}\n\nEnd."
    writer.writerows([[f"{HARBOUR}\n\nMore.", "B", ""][:len(header)], [last, "A", ""][:len(header)]])
    data = buffer.getvalue().encode()
    items = list(read_bytes(data[:-40] if fault == "cut short" else data, "a.tsv",
                            Settings(max_doc_chars=1000)))
    code = "bad_csv" if fault == "over the limit" else "truncated"
    assert [getattr(i, "code", "doc") for i in items] == ["doc", code]
    assert isinstance(items[0], RawDoc) and "More." in items[0].text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_FIELD.map(lambda f: f.replace(",", "\t")), _FIELD), min_size=1,
                max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_csvfile_tsv_reads_back_what_the_csv_module_writes(rows: list[tuple[str, str]], end: str) -> None:
    # quoted fields holding tabs, line breaks and quotes, as the csv module writes them
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t", lineterminator=end)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    items = list(read_bytes(buffer.getvalue().encode(), "a.tsv", Settings()))
    assert [d.text for d in items if isinstance(d, RawDoc)] == [t for _, t in rows if t.strip()]
    assert _positions(items) == [f"line {n}" for n in _csv_starts(buffer.getvalue(), "\t")]


_SAID = "The mayor said the \u201cnew bridge\u201d would open \u2014 soon \u2014 after repairs."
_CP1252_ROW = "The caf\u00e9 owners\u2019 r\u00e9sum\u00e9 of losses \u2013 na\u00efve, some said."


def _mixed_rows(row: str, legacy: str, delimiter: str) -> bytes:
    """A header and 40 rows in UTF-8, three of them (within the first 64 KiB) in cp1252."""
    rows = [f"U{n}{delimiter}{row}\n".encode() for n in range(40)]
    for n in (3, 17, 31):
        rows[n] = f"W{n}{delimiter}{legacy}\n".encode("cp1252")
    return f"title{delimiter}text\n".encode() + b"".join(rows)


def test_csvfile_from_stdin_keeps_utf8_rows_utf8_among_cp1252_rows() -> None:
    # the head was decoded whole as cp866: "тАЬnew bridgeтАЭ", "The cafщ ownersТ"
    items = list(read_bytes(_mixed_rows(_SAID, _CP1252_ROW, "\t"), "", Settings()))
    assert len(items) == 40
    assert {(d.encoding, d.text) for d in items if isinstance(d, RawDoc)} == {
        ("utf-8", _SAID), ("cp1252", _CP1252_ROW)}
    assert [d.position for d in items if isinstance(d, RawDoc) and d.encoding == "cp1252"] == [
        "line 5", "line 19", "line 33"]


def test_csvfile_utf8_rows_among_cp1252_rows_are_no_mojibake(tmp_path: Path) -> None:
    # read as cp1250, the UTF-8 rows were "Der BĂĽrgermeister", which ftfy does not mend
    said = "Der B\u00fcrgermeister sagte, die Br\u00fccke \u00fcber den Fluss \u00f6ffne bald wieder."
    legacy = "Die Stra\u00dfe bleibt gesperrt \u2013 vorl\u00e4ufig."
    path = tmp_path / "export.csv"
    path.write_bytes(_mixed_rows(f'"{said}"', f'"{legacy}"', ","))
    texts = [(d.meta_get("title"), d.text) for d in read_paths([path], Settings()) if isinstance(d, RawDoc)]
    assert texts[:4] == [("U0", said), ("U1", said), ("U2", said), ("W3", legacy)]


@pytest.mark.parametrize(("codec", "text", "found"), [
    ("cp1251", "Президент подписал закон о бюджете на следующий год, сообщили в Кремле.", "cp1251"),
    ("gbk", "国务院总理今天在北京主持召开常务会议，研究部署进一步扩大内需的政策措施。", "gb18030"),
    ("big5", "行政院今天通過明年度中央政府總預算案，總額約新台幣三兆元，將送立法院審議。", "big5"),
])
def test_csvfile_reads_a_file_wholly_in_a_legacy_encoding(
        tmp_path: Path, codec: str, text: str, found: str) -> None:
    # no line of it is UTF-8: the file is read in the encoding detected, not as a mix
    path = tmp_path / "export.csv"
    path.write_bytes(("title,text\n" + "".join(f'{n},"{text}"\n' for n in range(20))).encode(codec))
    docs = list(read_paths([path], Settings()))
    assert len(docs) == 20 and {(d.text, d.encoding) for d in docs if isinstance(d, RawDoc)} == {
        (text, found)}


def test_csvfile_reads_the_first_of_two_columns_of_one_name(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(f'title,text,text,date\nA,"{HARBOUR}",draft,2024-01-05\n', encoding="utf-8")
    [doc] = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    assert dict(doc.meta)["date"] == "2024-01-05"


@pytest.mark.parametrize("body", [
    # a table set in a quoted article, cut after it (a review of the first rule: its rows
    # were read as documents "share", "31%", "27%", and the pipeline retired the rows stored
    # from the whole file, taking the cut file for complete)
    "Results of the vote were published on Tuesday\nparty,seats,share\nGreens,12,31%\nLabour,10,27%\n",
    # a ticker with decimal commas
    "Markets closed higher today\nDer DAX notiert bei 16.750,5 Punkten\nDer Euro kostet 1,0875 Dollar\n"
    "Brent kostet 82,40 Dollar je Barrel\n",
])
def test_csvfile_table_in_a_quoted_article_cut_short_stays_truncated(body: str) -> None:
    for header in ("title,date,text", "title,text"):
        first = 'Ferry stops,2024-01-04,"The ferry stopped."' if header.count(",") == 2 \
            else 'Ferry stops,"The ferry stopped."'
        lead = "Vote,2024-01-05," if header.count(",") == 2 else "Vote,"
        data = f'{header}\n{first}\n{lead}"{body}'.encode()
        items = list(read_bytes(data, "a.csv", Settings()))
        assert _rows(items)[1:] == [("line 3", "truncated")], (header, body[:20])


def test_csvfile_crlf_rows_with_lf_inside_or_cut_between_cr_and_lf_stay_truncated() -> None:
    rows = "".join(f"T{n},Row {n} says the ferry to Ostra runs again,2024-01-05\r\n" for n in range(3, 6))
    whole = f'title,text,date\r\nA,"Yes she said,2024-01-05\r\n{rows}'
    assert _codes(list(read_bytes(whole.encode(), "a.csv", Settings()))) == [("line 2", "bad_csv")]
    for data in (whole.replace("\r\n", "\n").replace("\n", "\r\n", 2), whole[:-1]):
        assert _codes(list(read_bytes(data.encode(), "a.csv", Settings()))) == \
            [("line 2", "truncated")], repr(data[-30:])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
@pytest.mark.parametrize("lost", [1, 3])
def test_csvfile_wide_file_cut_inside_a_character(codec: str, lost: int) -> None:
    """A UTF-16 or UTF-32 export whose last bytes are part of a character: the piece was read
    as U+FFFD at the end of the last row, and nothing said the file was cut."""
    text = "title,text\n" + "".join(f'R{n},"{HARBOUR}"\n' for n in range(3))
    data = text.encode(codec)[:-lost]
    items = list(read_bytes(data, "a.csv", Settings()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert all("\ufffd" not in d.text for d in docs)
    # a cut in the last line break leaves every row whole; one in the closing quote, the last
    # row's field open (the file's own truncated row): one row says the cut either way
    unit = 4 if codec.startswith("utf-32") else 2
    whole = 3 if lost < unit else 2
    assert len(docs) == whole and [i.code for i in items if isinstance(i, QuarantineRow)] == [
        "truncated"]

from __future__ import annotations

from pathlib import Path

from storyline.config import RecordFields, Settings
from storyline.ingest import read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, FESTIVAL, HARBOUR


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
    path = tmp_path / "ragged.csv"
    path.write_text(f'text,url\n"{HARBOUR}",u1\nonly-one-field\n"  ",u3\n', encoding="utf-8")
    items = list(read_paths([path], Settings()))
    assert _codes(items) == [("line 3", "bad_row"), ("line 4", "empty")]


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

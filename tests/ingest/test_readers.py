from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import iter_texts, read_bytes, read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.conftest import SEEDS
from tests.ingest.builders import ATOM, BRIDGE, FESTIVAL, HARBOUR, RSS, gzip_bytes, sample_warc, zip_bytes


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_read_paths_walks_directories_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article body text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body text here.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.txt").write_text("Excluded by the default globs.", encoding="utf-8")
    items = list(read_paths([tmp_path], Settings()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert [Path(i.source).name for i in docs] == ["a.txt", "b.txt"]
    # the file no include glob selects is named in one row, never dropped without a word;
    # the hidden one the exclude globs skip is the caller's choice
    (row,) = [i for i in items if isinstance(i, QuarantineRow)]
    assert row.code == "not_selected" and "skip.bin" in row.message
    assert "1 file " in row.message and ".hidden" not in row.message


def test_read_paths_counts_passed_over_files_by_kind_with_examples(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("An article body text here.", encoding="utf-8")
    for n in range(8):
        (tmp_path / f"scan{n}.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "crawl.log").write_text("fetched", encoding="utf-8")
    (tmp_path / "Thumbs.db").write_bytes(b"\x00")  # the system's own file: not counted
    (tmp_path / "a\nb.pdf").write_bytes(b"%PDF-1.4")
    (row,) = [i for i in read_paths([tmp_path], Settings()) if isinstance(i, QuarantineRow)]
    assert row.message.startswith("10 files no include glob selects passed over (9 *.pdf, 1 *.log;")
    assert "'a\\nb.pdf'" in row.message  # an odd name quoted, its line break shown
    assert "Thumbs" not in row.message
    # named on its own, a file is read whatever its name
    assert not any(isinstance(i, QuarantineRow)
                   for i in read_paths([tmp_path / "story.txt"], Settings()))


def test_read_paths_quarantines_missing_path(tmp_path: Path) -> None:
    items = list(read_paths([tmp_path / "nope.txt"], Settings()))
    assert isinstance(items[0], QuarantineRow) and items[0].code == "missing"


def test_read_paths_quarantines_a_path_it_cannot_stat_and_reads_the_others(tmp_path: Path) -> None:
    # a name too long for the file system (or, run as a user, a folder above it without
    # search permission) makes stat fail otherwise than "not found": a row, not a crash
    (tmp_path / "a.txt").write_text("First article body text here.", encoding="utf-8")
    items = list(read_paths([tmp_path / ("x" * 300), tmp_path / "a.txt"], Settings()))
    assert isinstance(items[0], QuarantineRow) and items[0].code == "unreadable"
    assert "too long" in items[0].message
    assert isinstance(items[1], RawDoc)


def test_read_paths_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    # An ordinary open() of a pipe blocks until a writer comes; with none, for ever.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    items: list[object] = []
    reader = threading.Thread(target=lambda: items.extend(read_paths([fifo], Settings())),
                              daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading a pipe without a writer hung"
    assert [(i.code, i.source) for i in items] == [("empty", str(fifo))]


def test_read_paths_reads_a_pipe_its_writer_fills(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(HARBOUR)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    items = list(read_paths([fifo], Settings()))
    writer.join(timeout=20)
    # The reader may open the pipe before the writer does: then it reads it as empty.
    assert len(items) == 1 and (isinstance(items[0], RawDoc) or items[0].code == "empty")


def test_read_paths_names_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(name, "wb") as handle:
        handle.write(HARBOUR.encode("utf-8"))
    (item,) = read_paths([tmp_path], Settings())
    assert isinstance(item, RawDoc)
    assert item.source == f"{tmp_path}/bad\\xffname.txt"
    item.source.encode("utf-8")  # storable: no lone surrogate left


def test_read_jsonl_repairs_lone_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "A body of text \\ud800 here.", "title": "T\\udfffx"}\n',
                    encoding="utf-8")
    (item,) = read_paths([path], Settings())
    assert isinstance(item, RawDoc)
    assert item.text == "A body of text \ufffd here." and item.meta_get("title") == "T\ufffdx"


def test_read_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"text": "A body of text.", "url": "https://tass.com/x", "title": "T", "date": "2016-12-28"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"url": "u"}) + "\n")
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    assert items[0].meta_get("url") == "https://tass.com/x"
    assert items[0].position == "line 1"
    assert [i.code for i in items[1:]] == ["bad_json", "empty"]


def test_read_paths_reads_every_format_in_one_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": BRIDGE}) + "\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text(f'text\n"{FESTIVAL}"\n', encoding="utf-8")
    (tmp_path / "d.warc.gz").write_bytes(sample_warc())
    (tmp_path / "e.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "f.zip").write_bytes(zip_bytes({"g.atom": ATOM.encode()}))
    (tmp_path / "h.html.gz").write_bytes(gzip_bytes(b"<html><body><p>Hi</p></body></html>"))
    items = list(read_paths([tmp_path], Settings()))
    docs = [(Path(i.source).name, i.position) for i in items if isinstance(i, RawDoc)]
    assert len(docs) == 9 and len(items) == 10  # the feed's empty third entry is quarantined
    assert ("f.zip", "member g.atom, entry 1") in docs


def test_read_paths_reads_jsonl_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (json.dumps({"text": HARBOUR}) + "\n" + json.dumps({"text": BRIDGE}) + "\n").encode())
    items = list(read_paths(["-"], Settings()))
    assert [(i.source, i.position) for i in items if isinstance(i, RawDoc)] == [
        ("<stdin>", "line 1"), ("<stdin>", "line 2")]


@pytest.mark.parametrize(("data", "media"), [
    (HARBOUR.encode(), "text/plain"),
    (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html"),
    (gzip_bytes(HARBOUR.encode()), "text/plain"),
    (zip_bytes({"a.html": b"<html><body>x</body></html>"}), "text/html"),
    (RSS.encode(), "text/html"),
    (sample_warc(), "text/html"),
])
def test_read_paths_sniffs_the_format_of_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                               media: str) -> None:
    _stdin(monkeypatch, data)
    first = next(iter(read_paths(["-"], Settings())))
    assert isinstance(first, RawDoc) and first.media_type == media and first.source == "<stdin>"


def test_read_paths_quarantines_binary_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, bytes(range(256)))
    (row,) = read_paths(["-"], Settings())
    assert isinstance(row, QuarantineRow) and row.source == "<stdin>" and row.code == "binary"


def test_read_bytes_reads_like_a_file() -> None:
    (doc,) = read_bytes(HARBOUR.encode(), "harbour.txt", Settings(), source="upload:harbour.txt")
    assert isinstance(doc, RawDoc) and doc.source == "upload:harbour.txt"


def test_read_paths_leaves_the_seeds_as_they_are() -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    items = list(read_paths([SEEDS], Settings()))
    assert all(isinstance(i, RawDoc) for i in items) and items
    for item in items:
        assert item.text == Path(item.source).read_text(encoding="utf-8").lstrip("\ufeff")


def test_iter_texts_accepts_strings_and_records() -> None:
    items = list(iter_texts(["plain text", {"html": "<html><body><p>x</p></body></html>"}, ""]))
    assert isinstance(items[0], RawDoc) and items[0].media_type == "text/plain"
    assert isinstance(items[1], RawDoc) and items[1].media_type == "text/html"
    assert isinstance(items[2], QuarantineRow)


def test_iter_texts_reads_under_the_callers_settings_and_rows_what_it_cannot_read() -> None:
    text = "The minister said the talks would go on after the summit in Geneva. " * 20
    small = Settings(max_doc_chars=1000)
    items = list(iter_texts([{"text": text}, text, b"bytes", None, 42, "A short text that fits."],
                            settings=small))
    assert [getattr(i, "code", "doc") for i in items] == [
        "too_large", "too_large", "bad_record", "bad_record", "bad_record", "doc"]
    renamed = Settings(jsonl_fields={"text": "body", "title": "headline"})
    (doc,) = iter_texts([{"body": text, "headline": "Talks go on"}], settings=renamed)
    assert isinstance(doc, RawDoc) and doc.meta_get("title") == "Talks go on"


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b[31mred.txt"
    path.write_text("The minister said on Tuesday that talks would resume next week.", encoding="utf-8")
    (item,) = read_paths([path], Settings())
    assert isinstance(item, RawDoc) and item.source.endswith("a\\x1b[31mred.txt")


def test_read_paths_rows_names_no_file_system_holds() -> None:
    items = list(read_paths(["notes\x00.txt", "caf\ud800.txt"], Settings()))
    assert [getattr(i, "code", "") for i in items] == ["missing", "missing"]


def test_read_paths_names_a_file_by_its_absolute_path(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # as typed, data/news.txt in two directories was one source: the second run replaced the
    # first one's documents; and c1 and its absolute path were two, storing it twice
    for folder in ("a", "b"):
        (tmp_path / folder / "data").mkdir(parents=True)
        (tmp_path / folder / "data" / "news.txt").write_text(HARBOUR, encoding="utf-8")
    sources = []
    for folder in ("a", "b"):
        monkeypatch.chdir(tmp_path / folder)
        sources += [(i.source, i.input) for i in read_paths(["data/news.txt", "./data/../data"],
                                                            Settings())]
    expected = [(str(tmp_path / f / "data" / "news.txt"),) * 2 for f in ("a", "b")]
    assert sources == [expected[0], expected[0], expected[1], expected[1]]


def test_read_paths_names_a_missing_relative_path_absolutely(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    [row] = read_paths(["nowhere.txt"], Settings())
    assert isinstance(row, QuarantineRow) and row.source == str(tmp_path / "nowhere.txt")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_path_through_a_link_and_dot_dot_reads_the_file_the_system_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "news.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "news.txt").write_text(BRIDGE, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real" / "sub")
    monkeypatch.chdir(tmp_path)
    (doc,) = read_paths(["link/../news.txt"], Settings())
    assert isinstance(doc, RawDoc) and doc.text.strip() == HARBOUR  # folded as text: BRIDGE


def test_read_paths_expands_a_pattern_no_shell_expanded(tmp_path: Path) -> None:
    # before: "data/*.txt", quoted or given on Windows, was one missing row
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", "skip.html"):
        (tmp_path / name).write_text(f"{name}: {HARBOUR}", encoding="utf-8")
    items = list(read_paths([str(tmp_path / "*.txt"), str(tmp_path / "**" / "c.txt")], Settings()))
    assert [Path(i.source).name for i in items] == ["a.txt", "b.txt", "c.txt"]
    assert all(isinstance(i, RawDoc) for i in items)
    (row,) = read_paths([str(tmp_path / "*.csv")], Settings())  # matches nothing: missing
    assert isinstance(row, QuarantineRow) and row.code == "missing"
    odd = tmp_path / "report[1].txt"  # a file whose name looks like a pattern is read as named
    odd.write_text(HARBOUR, encoding="utf-8")
    (doc,) = read_paths([str(odd)], Settings())
    assert isinstance(doc, RawDoc) and doc.text.startswith(HARBOUR[:20])


def test_read_paths_expands_a_pattern_under_a_folder_named_with_brackets(tmp_path: Path) -> None:
    # before: "[2024] run/*.txt" read "[2024]" as a set of characters and was a missing row
    (tmp_path / "[2024] run").mkdir()
    (tmp_path / "[2024] run" / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (doc,) = read_paths([str(tmp_path / "[2024] run" / "*.txt")], Settings())
    assert isinstance(doc, RawDoc) and Path(doc.source).name == "a.txt"


def test_read_bytes_reads_a_nameless_page_that_opens_with_a_comment_as_html() -> None:
    page = (b"<!-- cms -->\n<html><head><title>Storm</title>" + b"<link rel=preload href=/f.woff2>\n" * 80
            + b"</head><body><article><p>" + b"The storm reached the coast on Tuesday. " * 20
            + b"</p></article></body></html>")
    for name in ("", "page.txt"):
        (doc,) = read_bytes(page, name, Settings())
        assert isinstance(doc, RawDoc) and doc.media_type == "text/html", name


def test_read_bytes_decodes_a_page_in_the_charset_its_late_meta_tag_declares() -> None:
    # Polish in cp1250 alone reads as cp1252 ("powiedzia³"): only the page's word tells
    article = "Minister powiedział we wtorek, że rozmowy będą kontynuowane w Łodzi. " * 3
    page = ("<html><head><script>" + "var counter = 1;\n" * 800 + "</script>"
            "<meta charset='windows-1250'><title>T</title></head><body><p>" + article
            + "</p></body></html>").encode("cp1250")
    (doc,) = read_bytes(page, "page.html", Settings())
    assert isinstance(doc, RawDoc) and doc.encoding == "cp1250" and article in doc.text


def test_read_bytes_reads_a_text_file_ending_in_nuls_as_its_text() -> None:
    report = "LONDON - The storm reached the coast on Tuesday, officials said.\n\n" * 40
    (doc,) = read_bytes(report.encode() + b"\0" * 10, "a.txt", Settings())
    assert isinstance(doc, RawDoc) and doc.text == report

from __future__ import annotations

import time
from pathlib import Path

from storyline.config import Settings
from storyline.ingest import read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import HARBOUR, page


def _one(path: Path, settings: Settings | None = None) -> RawDoc | QuarantineRow:
    items = list(read_paths([path], settings or Settings()))
    assert len(items) == 1
    return items[0]


def test_document_reads_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(HARBOUR, encoding="utf-8")
    item = _one(path)
    assert isinstance(item, RawDoc)
    assert (item.text, item.media_type, item.source, item.position) == (HARBOUR, "text/plain", str(path), "")


def test_document_reads_html_in_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "harbour.html"
    html = page("Genève", HARBOUR).replace("<head>", '<head><meta charset="iso-8859-1">')
    path.write_bytes(html.encode("latin-1"))
    item = _one(path)
    assert isinstance(item, RawDoc) and item.media_type == "text/html"
    assert "Genève" in item.text and item.encoding == "cp1252"


def test_document_sniffs_html_saved_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(page("Harbour", HARBOUR), encoding="utf-8")
    item = _one(path)
    assert isinstance(item, RawDoc) and item.media_type == "text/html"


def test_document_quarantines_an_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(HARBOUR * 100, encoding="utf-8")
    item = _one(path, Settings(max_doc_chars=1000))
    assert isinstance(item, QuarantineRow) and item.code == "too_large"


def test_document_quarantines_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 8)
    item = _one(path)
    assert isinstance(item, QuarantineRow) and item.code == "binary"


def test_document_decodes_invalid_utf8_with_a_detected_charset(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"The mayor of Oskel spoke \xe9nergiquement today about the bridge repairs.")
    item = _one(path)
    assert isinstance(item, RawDoc) and item.encoding != "utf-8"
    assert item.text.startswith("The mayor of Oskel spoke") and "\ufffd" not in item.text


def test_document_passes_deeply_nested_html_quickly(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + HARBOUR + "</div>" * 100_000, encoding="utf-8")
    started = time.perf_counter()
    item = _one(path)
    assert isinstance(item, RawDoc) and time.perf_counter() - started < 2


def test_document_keeps_script_payloads_for_the_cleaner(tmp_path: Path) -> None:
    # Ingest passes the page as received; trafilatura in the clean stage drops <script>.
    path = tmp_path / "script.html"
    path.write_text(page("x", HARBOUR).replace("<article>", "<script>alert('x')</script><article>"))
    item = _one(path)
    assert isinstance(item, RawDoc) and item.media_type == "text/html"

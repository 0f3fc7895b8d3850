from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import read_paths
from storyline.ingest.feed import iso_date, sane_charrefs
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import ATOM, BRIDGE, FESTIVAL, HARBOUR, RSS


def test_feed_reads_rss_entries_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "daily.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_paths([path], Settings()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert [d.position for d in docs] == ["entry 1", "entry 2"]
    assert dict(docs[0].meta) == {"url": "https://daily.example.org/harbour", "title": "Harbour to reopen",
                                  "date": "2026-03-03T09:30:00+02:00", "outlet": "Valmora Daily"}
    assert HARBOUR in docs[0].text and docs[0].media_type == "text/html"
    assert BRIDGE in docs[1].text and docs[1].meta_get("date") is None


def test_feed_entry_html_becomes_a_whole_page(tmp_path: Path) -> None:
    path = tmp_path / "daily.rss"
    path.write_text(RSS, encoding="utf-8")
    first = next(iter(read_paths([path], Settings())))
    assert isinstance(first, RawDoc)
    assert first.text == f"<html><body><article><p>{HARBOUR}</p></article></body></html>"


def test_feed_strips_script_payloads(tmp_path: Path) -> None:
    path = tmp_path / "daily.xml"
    path.write_text(RSS, encoding="utf-8")
    first = next(iter(read_paths([path], Settings())))
    assert isinstance(first, RawDoc)
    assert "<script" not in first.text and "evil.example" not in first.text


def test_feed_quarantines_an_entry_without_a_body(tmp_path: Path) -> None:
    path = tmp_path / "daily.rss"
    path.write_text(RSS, encoding="utf-8")
    rows = [i for i in read_paths([path], Settings()) if isinstance(i, QuarantineRow)]
    assert [(r.source.rsplit("#", 1)[-1], r.code) for r in rows] == [("entry 3", "empty")]


def test_feed_reads_atom(tmp_path: Path) -> None:
    path = tmp_path / "courier.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and FESTIVAL in doc.text
    assert doc.meta_get("date") == "2026-03-02T20:00:00-05:00" and doc.meta_get("outlet") == "Oskel Courier"


@pytest.mark.parametrize(("content", "code"), [
    (b"<?xml version='1.0'?><urlset><url><loc>https://a.example/</loc></url></urlset>", "empty"),
    (b"<?xml version='1.0'?><rss><channel><title>x</title><oops></rss>", "bad_feed"),
])
def test_feed_rejects_xml_without_entries(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "other.xml"
    path.write_bytes(content)
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == code


@pytest.mark.parametrize(("raw", "iso"), [
    ("Tue, 03 Mar 2026 09:30:00 +0200", "2026-03-03T09:30:00+02:00"),
    ("2026-03-02T20:00:00Z", "2026-03-02T20:00:00+00:00"),
    ("2026-03-02", "2026-03-02T00:00:00"),
    ("sometime last week", None),
    (None, None),
])
def test_feed_iso_date(raw: str | None, iso: str | None) -> None:
    assert iso_date(raw) == iso


@pytest.mark.parametrize("ref", [b"&#xD800;", b"&#55296;", b"&#x110000;", b"&#0;",
                                 b"&#x" + b"f" * 30 + b";"])
def test_feed_reads_a_reference_to_no_character_as_a_replacement(tmp_path: Path, ref: bytes) -> None:
    path = tmp_path / "daily.rss"
    path.write_bytes(RSS.encode("utf-8").replace(b"Harbour to reopen", b"Harbour " + ref + b" to reopen"))
    docs = [i for i in read_paths([path], Settings()) if isinstance(i, RawDoc)]
    assert [d.position for d in docs] == ["entry 1", "entry 2"]
    assert docs[0].meta_get("title") == "Harbour \ufffd to reopen"


def test_feed_keeps_valid_references() -> None:
    assert sane_charrefs(b"caf&#233; &#x1F600; &#xd800") == b"caf&#233; &#x1F600; &#xFFFD;"


def test_feed_reference_digits_are_read_whole() -> None:
    assert sane_charrefs(b"&#x" + b"0" * 40 + b"41;") == b"&#x" + b"0" * 40 + b"41;"  # 'A'
    assert sane_charrefs(b"&#" + b"9" * 45 + b"; &#xFFFE;") == b"&#xFFFD; &#xFFFD;"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-32-be"])
def test_feed_in_utf16_or_utf32_with_a_reference_to_no_character(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "daily.rss"
    rss = RSS.replace('encoding="utf-8"', f'encoding="{encoding}"').replace(
        "Harbour to reopen", "Harbour &#xD800; to reopen — café")
    path.write_bytes(rss.encode(encoding))  # "utf-16"/"utf-32" write a byte-order mark, the others not
    docs = [i for i in read_paths([path], Settings()) if isinstance(i, RawDoc)]
    assert [d.position for d in docs] == ["entry 1", "entry 2"]
    assert docs[0].meta_get("title") == "Harbour \ufffd to reopen — café" and HARBOUR in docs[0].text

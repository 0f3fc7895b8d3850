from __future__ import annotations

import bz2
import importlib
import lzma

import pytest

from storyline.config import RecordFields, Settings
from storyline.ingest import FORMATS, format_for_media_type, format_for_name
from storyline.ingest.registry import sniff_media_type
from tests.ingest.builders import ATOM, RSS, gzip_bytes, sample_warc, zip_bytes


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.warc.gz", "warc"), ("a.WARC", "warc"), ("a.jsonl.gz", "gzip"), ("a.zip", "zip"),
    ("a.ndjson", "jsonl"), ("a.csv", "csv"), ("a.rss", "feed"), ("a.xml", "xml"), ("A.HTM", "html"),
    ("a.txt", "text"), ("a.jsonl.bz2", "bzip2"), ("a.tbz2", "bzip2"), ("a.tar.xz", "xz"),
    ("a.txz", "xz"), ("a.tar.zst", "zstd"), ("a.tzst", "zstd"), ("a.jsonl.zstd", "zstd"),
    ("a.warc.zst", "zstd"), ("a.tsv", "csv"),
])
def test_registry_picks_the_format_by_extension(name: str, fmt: str) -> None:
    found = format_for_name(name)
    assert found is not None and found.name == fmt


def test_registry_has_no_format_for_unknown_names() -> None:
    assert format_for_name("README") is None and format_for_name("photo.jpg") is None


def test_registry_picks_the_format_by_media_type() -> None:
    assert format_for_media_type("text/html; charset=utf-8").name == "html"
    assert format_for_media_type("application/x-ndjson").name == "jsonl"
    assert format_for_media_type("application/octet-stream").name == "text"


@pytest.mark.parametrize(("head", "media"), [
    (gzip_bytes(b"x"), "application/gzip"),
    (zip_bytes({"a.txt": b"x"}), "application/zip"),
    (bz2.compress(b"x"), "application/x-bzip2"), (bz2.compress(b""), "application/x-bzip2"),
    (b"BZh9 is a line of text", "text/plain"),
    (lzma.compress(b"x"), "application/x-xz"),
    (bytes.fromhex("28b52ffd2001090000") + b"x", "application/zstd"),  # a zstd frame
    (bytes.fromhex("502a4d1800000000"), "application/zstd"),  # a skippable frame, as pzstd opens
    (sample_warc(compress=False), "application/warc"),
    (RSS.encode(), "application/rss+xml"),
    (ATOM.encode(), "application/rss+xml"),
    (b'\n{"text": "a"}\n', "application/jsonl"),
    (b"<!doctype html><html><body>x</body></html>", "text/html"),
    (b"title,text\nT,body\n", "text/csv"),
    (b'text\n"A story in one column"\n', "text/csv"),  # was plain text: every row fused in one
    (b"title;text;date\nT;body;2026\n", "text/csv"),  # semicolons, tabs: was plain text too
    (b"title\ttext\nT\tbody\n", "text/csv"),
    # with no name saying CSV, the header must name the column exactly, by , tab or ;: a
    # scraped page may open with a menu row
    (b"title\tText\nT\tbody\n", "text/plain"),
    (b"Text | Audio | Video\nCouncil approves budget\nThe council approved it.", "text/plain"),
    (b"sep=;\ntitle;text\nT;body\n", "text/csv"),
    (b"sep=;\nA story after a line that only looks like Excel's.", "text/plain"),
    (b"Some text; more text\tand a tab.", "text/plain"),
    (b"[\n  {\"text\": \"a\"}\n]", "application/json"),
    (b'{\n  "text": "a"\n}\n', "application/json"),
    (b"[Reuters] Plain words in brackets.", "text/plain"),
    (b"Plain words, with a comma.", "text/plain"),
    (b"\r\x00\xff", "text/plain"),
])
def test_registry_sniffs_nameless_input(head: bytes, media: str) -> None:
    assert sniff_media_type(head, Settings()) == media


def test_registry_sniffs_csv_by_the_configured_column() -> None:
    settings = Settings(csv_columns=RecordFields(text="body"))
    assert sniff_media_type(b"headline,body\nH,B\n", settings) == "text/csv"


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_registry_every_reader_documents_what_it_accepts_produces_and_rejects(fmt: object) -> None:
    module = importlib.import_module(fmt.read.__module__)  # type: ignore[attr-defined]
    doc = module.__doc__ or ""
    for word in ("Accepts", "Produces", "Rejects"):
        assert word in doc, f"{module.__name__} says nothing under {word!r}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-32-be"])
@pytest.mark.parametrize(("text", "media"), [
    ('[\n {"text": "a story"}\n]', "application/json"),
    ('{"text": "a story"}\n{"text": "another"}\n', "application/jsonl"),
    ("<html><body><p>a story</p></body></html>", "text/html"),
    ('title,text\nA,"a story"\n', "text/csv"),
    ("A story in plain words.", "text/plain"),
])
def test_registry_sniffs_utf16_and_utf32_input_as_it_sniffs_utf8(encoding: str, text: str,
                                                                   media: str) -> None:
    # the readers decode them, but the sniffer read their NUL-laden bytes: all were plain text
    assert sniff_media_type(text.encode(encoding), Settings()) == media

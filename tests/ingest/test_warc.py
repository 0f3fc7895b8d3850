from __future__ import annotations

import bz2
import gzip
import importlib.abc
import importlib.machinery
import io
import lzma
import random
import re
import sys
import tracemalloc
import zlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Settings
from storyline.ingest import read_bytes, read_paths, warc, warcpayload, warcrecords
from storyline.ingest.compressed import zstd  # the standard library's, or its backport
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import (
    BRIDGE,
    BRIDGE_CURLY,
    FESTIVAL,
    HARBOUR,
    arc_bytes,
    page,
    sample_warc,
    warc_bytes,
)


@pytest.mark.parametrize("compress", [True, False])
def test_warc_reads_html_and_text_responses_only(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(sample_warc(compress))
    docs = list(read_paths([path], Settings()))
    assert all(isinstance(d, RawDoc) for d in docs)
    assert [(d.meta_get("url"), d.media_type) for d in docs] == [
        ("https://news.example.org/harbour", "text/html"),
        ("https://news.example.org/bridge.txt", "text/plain")]
    assert HARBOUR in docs[0].text and docs[1].text == BRIDGE_CURLY and docs[1].encoding == "cp1252"
    assert all((d.meta_get("fetched") or "").endswith("Z") for d in docs)
    assert all(d.meta_get("date") is None for d in docs)


@pytest.mark.parametrize("compress", [True, False])
def test_warc_position_is_the_record_offset(tmp_path: Path, compress: bool) -> None:
    data = sample_warc(compress)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    for doc in read_paths([path], Settings()):
        assert isinstance(doc, RawDoc) and doc.position.startswith("warc offset ")
        offset = int(doc.position.rsplit(" ", 1)[1])
        record = gzip.decompress(data[offset:offset + 4096]) if compress else data[offset:]
        assert record.startswith(b"WARC/1.") and b"WARC-Type: response" in record[:400]


def test_warc_quarantines_a_record_cut_short(tmp_path: Path) -> None:
    data = warc_bytes([("https://a.example/1", page("One", HARBOUR).encode(), "text/html", "200 OK")] * 2,
                      compress=False, with_requests=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-60])
    items = list(read_paths([path], Settings()))
    assert [type(i) for i in items] == [RawDoc, QuarantineRow]
    assert items[1].code == "truncated" and "#warc offset " in items[1].source


def test_warc_quarantines_a_cut_gzip_member(tmp_path: Path) -> None:
    data = sample_warc(compress=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-40])
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "truncated"


def test_warc_rejects_bytes_that_are_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a web archive\nat all\n")
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_warc"


def test_warc_reports_an_archive_without_documents(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    path.write_bytes(warc_bytes([("https://a.example/x.png", b"\x89PNG" + bytes(32), "image/png", "200 OK")]))
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "empty"


def test_warc_quarantines_an_oversized_payload(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    path.write_bytes(warc_bytes([("https://a.example/big", b"<p>" + b"word " * 2000 + b"</p>", "text/html",
                                  "200 OK"), ("https://a.example/1", page("H", HARBOUR).encode(),
                                              "text/html", "200 OK")]))
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert isinstance(items[0], QuarantineRow) and items[0].code == "too_large"
    assert isinstance(items[1], RawDoc)


@pytest.mark.parametrize("compress", [True, False])
def test_warc_reads_on_after_a_header_line_of_megabytes(tmp_path: Path, compress: bool) -> None:
    # warcio builds a header line block by block; the record after a 3 MB line must still be
    # found, whichever block size the file's kind is read with.
    junk = (b"WARC/1.0\r\nWARC-Type: metadata\r\nX-Junk: " + b"a" * (3 << 20)
            + b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes((gzip.compress(junk) if compress else junk) + sample_warc(compress))
    docs = list(read_paths([path], Settings()))
    assert [d.meta_get("url") for d in docs if isinstance(d, RawDoc)] == [
        "https://news.example.org/harbour", "https://news.example.org/bridge.txt"]


def test_warc_record_whose_length_lies_short_is_a_row_and_the_records_after_it_are_read(
        tmp_path: Path) -> None:
    # A Content-Length that is too short leaves the rest of a record where the next should
    # start: the record was given cut short, and no record after it was read (one bad_warc
    # row for the rest of the file). It is one row at its own offset; the reading goes on at
    # the next record.
    good = sample_warc(compress=False)
    lines = "".join(f"Line {n} of a long notice.\r\n" for n in range(20)).encode()
    bad = warc_bytes([("https://news.example.org/late", lines, "text/plain", "200 OK")],
                     compress=False, with_requests=False)
    length = int(bad.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    bad = bad.replace(f"Content-Length: {length}".encode(), f"Content-Length: {length - 200}".encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(good + bad + good)
    items = list(read_paths([path], Settings()))
    assert [d.meta_get("url") for d in items if isinstance(d, RawDoc)] == [
        "https://news.example.org/harbour", "https://news.example.org/bridge.txt"] * 2
    (row,) = [i for i in items if isinstance(i, QuarantineRow)]
    assert row.code == "bad_warc" and row.source.endswith(f"#warc offset {len(good)}")
    assert f"Content-Length ({length - 200}) ends it early" in row.message


def test_warc_stops_at_a_header_line_no_warc_holds(tmp_path: Path) -> None:
    # Read whole, a 17 MB header line took time quadratic in its length; past 16 MiB the rest
    # of the file is not a WARC, and the records before it are kept.
    junk = b"WARC/1.0\r\nWARC-Type: metadata\r\nX-Junk: " + b"a" * (17 << 20) + b"\r\n\r\n"
    path = tmp_path / "crawl.warc"
    path.write_bytes(sample_warc(compress=False) + junk)
    items = list(read_paths([path], Settings()))
    assert [d.meta_get("url") for d in items if isinstance(d, RawDoc)] == [
        "https://news.example.org/harbour", "https://news.example.org/bridge.txt"]
    row = items[-1]
    assert isinstance(row, QuarantineRow) and row.code == "bad_warc"
    assert "a line of over 16777216 bytes" in row.message


def _other_records(compress: bool) -> bytes:
    """A WARC with a warcinfo, a metadata, a resource (HTML) and a conversion (text) record,
    as a WET file or a browser-made archive holds them."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for uri, kind, payload, content_type in (
            ("https://news.example.org/harbour", "metadata", b"fetchTimeMs: 12\n", "application/warc-fields"),
            ("https://news.example.org/harbour", "resource", page("Harbour", HARBOUR).encode(), "text/html"),
            ("https://news.example.org/bridge", "conversion", BRIDGE.encode(), "text/plain"),
            ("https://news.example.org/logo.png", "resource", b"\x89PNG\r\n\x1a\n", "image/png")):
        writer.write_record(writer.create_warc_record(
            uri, kind, payload=io.BytesIO(payload), length=len(payload), warc_content_type=content_type))
    return buffer.getvalue()


@pytest.mark.parametrize("compress", [True, False])
def test_warc_reads_resource_and_conversion_records(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("CC-MAIN-1.warc.wet.gz" if compress else "crawl.warc")
    path.write_bytes(_other_records(compress))
    docs = list(read_paths([path], Settings()))
    assert [(d.meta_get("url"), d.media_type) for d in docs if isinstance(d, RawDoc)] == [
        ("https://news.example.org/harbour", "text/html"),
        ("https://news.example.org/bridge", "text/plain")]
    assert docs[1].text == BRIDGE and len(docs) == 2


def test_warc_reads_an_arc_file(tmp_path: Path) -> None:
    html = page("Harbour", HARBOUR).encode()
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>"
    records = [("http://news.example.org/harbour", response), ("http://news.example.org/x", missing)]
    data = arc_bytes(records)
    (tmp_path / "old.arc").write_bytes(data)
    (tmp_path / "old.arc.gz").write_bytes(arc_bytes(records, compress=True))
    docs = list(read_paths([tmp_path / "old.arc", tmp_path / "old.arc.gz"], Settings()))
    assert [(d.meta_get("url"), d.meta_get("fetched")) for d in docs if isinstance(d, RawDoc)] == [
        ("http://news.example.org/harbour", "2012-02-03T04:05:07Z")] * 2
    assert all(isinstance(d, RawDoc) and HARBOUR in d.text for d in docs)
    (nameless,) = read_bytes(data, "", Settings())
    assert isinstance(nameless, RawDoc) and nameless.position.startswith("warc offset ")


def test_warc_arc_garbage_after_records_is_a_row_with_what_is_not_read(tmp_path: Path) -> None:
    # warcio reads any line with four spaces as an ARC header and skips the line after it.
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Harbour", HARBOUR).encode()
    good = arc_bytes([("http://news.example.org/harbour", response)])
    prose = b"The council met on Tuesday and voted five to two in favour of the plan.\n"
    for count in (1, 2, 100):
        path = tmp_path / f"g{count}.arc"
        path.write_bytes(good + prose * count)
        items = list(read_paths([path], Settings()))
        assert isinstance(items[0], RawDoc) and len(items) == 2
        row = items[1]
        assert isinstance(row, QuarantineRow) and row.code == "bad_warc"
        end = len(good) - 1  # where the record ends, its newline after it
        assert row.source.endswith(f"warc offset {end}")
        assert f"({len(prose) * count + 1} bytes)" in row.message


def test_warc_arc_version_2_headers_give_the_url_and_date(tmp_path: Path) -> None:
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Harbour", HARBOUR).encode()
    desc = (b"2 0 Test\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset "
            b"Filename Archive-length\n")
    data = (b"filedesc://t.arc 0.0.0.0 20120203040506 text/plain 200 - - 0 t.arc %d\n%s\n" % (len(desc), desc)
            + b"http://news.example.org/harbour 192.0.2.1 20120203040507 text/html 200 sha1:ABC - 1234 "
              b"t.arc %d\n%s\n" % (len(response), response))
    (tmp_path / "v2.arc").write_bytes(data)
    (doc,) = read_paths([tmp_path / "v2.arc"], Settings())
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text
    assert dict(doc.meta) == {"url": "http://news.example.org/harbour", "fetched": "2012-02-03T04:05:07Z"}


def test_warc_skips_a_crawlers_own_log(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    log = b"Resolving news.example.org... 192.0.2.1\nHTTP request sent, awaiting response... 200 OK\n" * 5
    writer.write_record(writer.create_warc_record(
        "metadata://gnu.org/software/wget/warc/wget.log", "resource", payload=io.BytesIO(log),
        length=len(log), warc_content_type="text/plain"))
    path = tmp_path / "wget.warc.gz"
    path.write_bytes(buffer.getvalue() + sample_warc())
    docs = list(read_paths([path], Settings()))
    assert [d.meta_get("url") for d in docs if isinstance(d, RawDoc)] == [
        "https://news.example.org/harbour", "https://news.example.org/bridge.txt"]


def test_warc_compressed_whole_is_capped_by_the_budget_not_the_member_cap(tmp_path: Path) -> None:
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(200)]
    path = tmp_path / "crawl.warc.xz"
    path.write_bytes(lzma.compress(warc_bytes(records, compress=False)))
    items = list(read_paths([path], Settings(max_member_bytes=20_000)))
    assert len(items) == 200 and all(isinstance(i, RawDoc) for i in items)


@pytest.mark.parametrize("with_requests", [True, False])
def test_warc_gzipped_whole_is_read_again_decompressed(tmp_path: Path, with_requests: bool) -> None:
    # `gzip crawl.warc` makes one gzip member of every record; warcio stops at the second.
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(30)]
    plain = warc_bytes(records, compress=False, with_requests=with_requests)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain))
    items = list(read_paths([path], Settings()))
    assert [d.meta_get("url") for d in items if isinstance(d, RawDoc)] == [r[0] for r in records]
    assert len(items) == 30
    for doc in items[1:]:
        offset = int(doc.position.removeprefix("warc offset 0, decompressed offset "))
        assert plain[offset:].startswith(b"WARC/1.") and b"WARC-Type: response" in plain[offset:offset + 400]


def test_warc_gzipped_whole_and_cut_keeps_every_whole_record_before_the_cut(tmp_path: Path) -> None:
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(30)]
    plain = warc_bytes(records, compress=False, with_requests=False)
    data = gzip.compress(plain)
    cut = data[: int(len(data) * 0.8)]
    available = zlib.decompressobj(wbits=31).decompress(cut)
    ends = _record_ends(plain)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(cut)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "truncated"
    whole = sum(end <= len(available) for end in ends)
    assert whole >= 15 and sum(isinstance(i, RawDoc) for i in items) == whole


def _record_ends(plain: bytes) -> list[int]:
    records = ArchiveIterator(io.BytesIO(plain))
    return [records.get_record_offset() + records.get_record_length() for _ in records]


def test_warc_gzipped_whole_whose_only_document_is_first(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    payload = page("Harbour", HARBOUR).encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://news.example.org/harbour", "response", payload=io.BytesIO(payload), length=len(payload),
        http_headers=headers))
    writer.write_record(writer.create_warc_record(
        "https://news.example.org/harbour", "metadata", payload=io.BytesIO(b"a: b\n"), length=5,
        warc_content_type="application/warc-fields"))
    path = tmp_path / "one.warc.gz"
    path.write_bytes(gzip.compress(buffer.getvalue()))
    items = list(read_paths([path], Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"]


def test_warc_member_of_several_records_after_gzipped_records(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(4)]
    chunked = warc_bytes(records[:2], compress=True, with_requests=False)
    whole = gzip.compress(warc_bytes(records[2:], compress=False, with_requests=False))
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(chunked + whole)
    items = list(read_paths([path], Settings()))  # read again from its start, decompressed
    assert [d.meta_get("url") for d in items if isinstance(d, RawDoc)] == [r[0] for r in records]
    assert len(items) == 4
    monkeypatch.setattr(warc, "_REPLAY_BYTES", 10)  # past what is kept: a row at the member
    items = list(read_paths([path], Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "RawDoc", "QuarantineRow"]
    row = items[-1]
    assert row.code == "bad_warc" and row.source.endswith(f"warc offset {len(chunked)}")
    assert f"({len(whole)} bytes)" in row.message


def test_warc_gzipped_whole_past_what_is_kept_is_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    monkeypatch.setattr(warc, "_REPLAY_BYTES", 10)
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(3)]
    data = gzip.compress(warc_bytes(records, compress=False))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_warc" and row.source.endswith("warc offset 0")
    assert f"({len(data)} bytes)" in row.message and "too long to keep" in row.message


@pytest.mark.parametrize("blank", [b"\r\n", b"\n\n  \n"])
def test_warc_and_arc_after_blank_lines(tmp_path: Path, blank: bytes) -> None:
    # warcio reads a blank first line as the end of the file: every record was lost as "empty".
    data = blank + sample_warc(compress=False)
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Harbour", HARBOUR).encode()
    (tmp_path / "a.warc").write_bytes(data)
    (tmp_path / "b.arc").write_bytes(blank + arc_bytes([("http://news.example.org/harbour", response)]))
    docs = list(read_paths([tmp_path / "a.warc", tmp_path / "b.arc"], Settings()))
    assert all(isinstance(d, RawDoc) for d in docs) and len(docs) == 3
    for doc in docs[:2]:
        assert data[int(doc.position.rsplit(" ", 1)[1]):].startswith(b"WARC/1.")


@pytest.mark.parametrize("after", [b"\0", b"\n", gzip.compress(b"", mtime=0)])
def test_warc_gzipped_whole_with_bytes_after_it(tmp_path: Path, after: bytes) -> None:
    # warcio then takes the next record for a member of its own, at a negative offset.
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(sample_warc(compress=False), mtime=0) + after)
    docs = [i for i in read_paths([path], Settings()) if isinstance(i, RawDoc)]
    assert [d.position for d in docs] == read_positions(sample_warc(compress=False))


def read_positions(plain: bytes) -> list[str]:
    """The decompressed offsets of the documents of ``plain``, read uncompressed."""
    return [d.position.replace("warc offset ", "warc offset 0, decompressed offset ")
            for d in read_bytes(plain, "a.warc", Settings()) if isinstance(d, RawDoc)]


def test_warc_gzipped_whole_after_blank_lines(tmp_path: Path) -> None:
    plain = b"\n\n" + sample_warc(compress=False)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain, mtime=0))
    docs = list(read_paths([path], Settings()))
    assert all(isinstance(d, RawDoc) for d in docs) and len(docs) == 2
    assert [d.position for d in docs] == read_positions(plain)


def test_warc_gzipped_whole_with_garbage_after_it_is_a_row(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"\n" + sample_warc(compress=False), mtime=0) + b"garbage " * 100)
    items = list(read_paths([path], Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "QuarantineRow"]
    assert items[-1].code == "bad_compression" and items[-1].message.startswith("800 bytes after")


@pytest.mark.parametrize("first", [b"", b"\n"])
def test_arc_gzipped_per_record_after_an_empty_or_blank_member(tmp_path: Path, first: bytes) -> None:
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Harbour", HARBOUR).encode()
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(first, mtime=0)
                     + arc_bytes([("http://news.example.org/harbour", response)], compress=True))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.meta_get("url") == "http://news.example.org/harbour"


def test_warc_cut_inside_its_first_headers_is_a_row_not_a_reader_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(sample_warc(compress=False)[:41])
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "truncated"  # the file holds a record's start
    assert "the file ends inside a record's header lines" in row.message
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"\0\xff" * 40 + b"\r\n\r\nWARC/1.0\r\n")
    # a record without a length (a row of its own), then a second record's first line, cut
    rows = list(read_paths([path], Settings()))
    assert [(r.code, r.source.rsplit(" ", 1)[1]) for r in rows if isinstance(r, QuarantineRow)] == [
        ("bad_warc", "0"), ("truncated", "115")]


def test_warc_gzip_member_of_several_records_is_read_again_from_its_own_start(tmp_path: Path) -> None:
    # Read again from byte 0, a record whose Content-Length lies long would swallow the next
    # member and shift the count of records to skip: a document was lost without a row.
    records = [(f"https://news.example.org/{n}", page("Harbour", HARBOUR).encode(), "text/html", "200 OK")
               for n in range(5)]
    plain = [warc_bytes([r], compress=False, with_requests=False) for r in records]
    lying = plain[1].replace(b"Content-Length: ", b"Content-Length: 9", 1)
    path = tmp_path / "mixed.warc.gz"
    per_record = gzip.compress(plain[0]) + gzip.compress(lying) + gzip.compress(plain[2])
    path.write_bytes(per_record + gzip.compress(plain[3] + plain[4]))
    items = list(read_paths([path], Settings()))
    urls = [d.meta_get("url") for d in items if isinstance(d, RawDoc)]
    assert urls[-2:] == [records[3][0], records[4][0]]
    assert items[-1].position == f"warc offset {len(per_record)}, decompressed offset {len(plain[3])}"


_URLS = ["https://news.example.org/harbour", "https://news.example.org/bridge.txt"]


def _read_cut(data: bytes, name: str) -> tuple[list[str | None], list[str]]:
    items = list(read_bytes(data, name, Settings()))
    return ([i.meta_get("url") for i in items if isinstance(i, RawDoc)],
            [i.code for i in items if isinstance(i, QuarantineRow)])


@pytest.mark.parametrize("keep", [15, 25])
def test_warc_cut_inside_the_last_records_first_header_lines_is_a_row(keep: int) -> None:
    # warcio hands the fragment over as a record with no Content-Length: it was skipped, and
    # the last document was lost without a row
    plain = sample_warc(compress=False)
    cut = plain[: plain.rfind(b"WARC/1.0") + keep]
    assert _read_cut(cut, "a.warc") == (_URLS[:1], ["truncated"])


@pytest.mark.parametrize("short", [1, 4, 8, 11])
def test_warc_gzipped_per_record_cut_in_the_last_members_trailer_is_a_row(short: int) -> None:
    # every record is whole, but the file was cut: warcio checks no CRC, so nothing said so
    data = sample_warc(compress=True)
    assert _read_cut(data[:-short], "a.warc.gz") == (_URLS, ["truncated"])


@pytest.mark.parametrize("short", [1, 4, 8])
def test_warc_gzipped_whole_cut_in_its_trailer_keeps_its_last_record(short: int) -> None:
    # the gzip reader failed the read that met the cut, and the last record, whole, was lost
    data = gzip.compress(sample_warc(compress=False), mtime=0)
    assert _read_cut(data[:-short], "a.warc.gz") == (_URLS, ["truncated"])


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress])
def test_warc_compressed_whole_and_cut_keeps_its_last_whole_record(
        compress: Callable[[bytes], bytes]) -> None:
    data = compress(sample_warc(compress=False))
    assert _read_cut(data[:-1], "a.warc.bz2" if compress is bz2.compress else "a.warc.xz") == (
        _URLS, ["truncated"])
    # cut before its first whole record: the cut is the one row (no "empty" beside it)
    assert _read_cut(data[: len(data) // 4], "a.warc.bz2" if compress is bz2.compress
                     else "a.warc.xz")[1] == ["truncated"]


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress])
def test_warc_compressed_whole_positions_say_they_are_decompressed_offsets(
        compress: Callable[[bytes], bytes]) -> None:
    # a CDX index gives compressed offsets; these are offsets into the decompressed WARC
    plain = sample_warc(compress=False)
    name = "a.warc.bz2" if compress is bz2.compress else "a.warc.xz"
    docs = [i for i in read_bytes(compress(plain), name, Settings()) if isinstance(i, RawDoc)]
    assert len(docs) == 2 and all(d.position.startswith("decompressed offset ") for d in docs)
    for doc in docs:
        at = int(doc.position.rsplit(" ", 1)[1])
        assert plain[at:at + 8] == b"WARC/1.0"
    assert all(d.position.startswith("warc offset ") for d in read_bytes(
        sample_warc(compress=True), "a.warc.gz", Settings()) if isinstance(d, RawDoc))


def test_warc_cut_after_a_content_length_name_is_a_row() -> None:
    # the header is there with no number: warcio reads the record as empty, so it was no
    # document and no row
    plain = sample_warc(compress=False)
    for extra in (0, 1):
        cut = plain[: plain.rindex(b"Content-Length:") + len(b"Content-Length:") + extra]
        assert _read_cut(cut, "a.warc") == (_URLS[:1], ["truncated"])


def test_warc_record_without_a_content_length_before_others_is_passed_over() -> None:
    # not a cut: the records after it are read, as warcio reads them, and it is one row
    plain = sample_warc(compress=False)
    records = ArchiveIterator(io.BytesIO(plain))
    starts = [records.get_record_offset() for _ in records] + [len(plain)]
    parts = [plain[a:b] for a, b in zip(starts, starts[1:], strict=False)]
    for broken in (0, 2):
        edited = list(parts)
        edited[broken] = re.sub(rb"Content-Length: \d+\r\n", b"", edited[broken], count=1)
        data = b"".join(gzip.compress(part, mtime=0) for part in edited)
        assert _read_cut(data, "a.warc.gz") == (_URLS, ["bad_warc"])


@pytest.mark.parametrize(("name", "compress"), [
    ("a", gzip.compress), ("crawl.gz", gzip.compress), ("a.xz", lzma.compress),
    ("a.warc.gz", lzma.compress), ("a.bz2", bz2.compress)])
def test_warc_compressed_whole_under_another_name_and_cut_keeps_its_last_record(
        name: str, compress: Callable[[bytes], bytes]) -> None:
    # a WARC found by its content, or named for another compression, is a WARC all the same
    data = compress(sample_warc(compress=False))
    assert _read_cut(data[:-1], name) == (_URLS, ["truncated"])


def test_warc_named_for_gzip_but_xz_compressed_is_capped_record_by_record() -> None:
    data = lzma.compress(sample_warc(compress=False))
    docs = [i for i in read_bytes(data, "a.warc.gz", Settings(max_member_bytes=2000))
            if isinstance(i, RawDoc)]
    assert len(docs) == 2


@pytest.mark.parametrize("layout", ["plain", "xz", "gzip whole", "gzip per record"])
def test_warc_cut_anywhere_in_the_last_record_is_one_truncated_row(layout: str) -> None:
    plain = sample_warc(compress=False)
    last = plain.rfind(b"WARC/1.0")
    data = {"plain": plain, "xz": lzma.compress(plain), "gzip whole": gzip.compress(plain, mtime=0),
            "gzip per record": sample_warc(compress=True)}[layout]
    name = "a.warc.xz" if layout == "xz" else "a.warc.gz" if layout.startswith("gzip") else "a.warc"
    first = {"plain": last + 1, "gzip whole": 20}.get(layout, 400)
    end = len(data) - (4 if layout == "plain" else 1)  # a plain record's CRLF CRLF is no record
    for cut in range(first, end, 3):
        urls, codes = _read_cut(data[:cut], name)
        assert codes == ["truncated"] or (layout == "gzip per record" and codes in ([], ["empty"])), (
            cut, codes)  # per record: a cut at a member's end is no cut anyone can see
        assert urls == _URLS[: len(urls)]


def test_warc_record_without_a_length_hiding_later_records_is_bad_warc_not_a_cut() -> None:
    # warcio would read such a record of a plain WARC to the end of the file: the file is whole
    plain = sample_warc(compress=False)
    no_length = b"WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:x>\r\n\r\n\r\n\r\n"
    at = plain.index(b"WARC/1.0", 10)
    assert _read_cut(plain[:at] + no_length + plain[at:], "a.warc")[1] == ["bad_warc"]
    # an ARC header line is a cut only in an ARC file
    assert _read_cut(plain + b"http://x.example/a 192.0.2.1", "a.warc")[1] == ["bad_warc"]


# A WARC record without a Content-Length (or with an empty one, or not a number) in a plain
# WARC or one compressed whole: warcio read it to the end of the file, and the records after
# it were lost behind one row. The reading goes on at the next line that opens a record.

_LAYOUTS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "plain": ("a.warc", lambda data: data),
    "gzip whole": ("a.warc.gz", lambda data: gzip.compress(data, mtime=0)),
    "bzip2": ("a.warc.bz2", bz2.compress),
    "xz": ("a.warc.xz", lzma.compress),
    "zstd": ("a.warc.zst", zstd.compress)}


def _response(n: int, html: str = "") -> bytes:
    """One response record of an HTML page, uncompressed."""
    return warc_bytes([(f"https://news.example.org/{n}", (html or page(f"Page {n}", FESTIVAL)).encode(),
                        "text/html", "200 OK")], compress=False, with_requests=False)


def _without_length(record: bytes, header: bytes = b"") -> bytes:
    """``record`` with its WARC Content-Length header left out (or made ``header``)."""
    edited, count = re.subn(rb"Content-Length: \d+\r\n", header, record, count=1)
    assert count == 1
    return edited


def _position(layout: str, offset: int) -> str:
    """Where a record at ``offset`` of the uncompressed WARC is said to be."""
    if layout == "plain":
        return f"warc offset {offset}"
    if layout == "gzip whole":  # its first record is read before the member is read again
        return "warc offset 0" if offset == 0 else f"warc offset 0, decompressed offset {offset}"
    return f"decompressed offset {offset}"


def _read_records(parts: list[bytes], layout: str) -> list[tuple[str, str, str]]:
    """``(kind, position, url or code)`` of what is read of ``parts`` put in ``layout``."""
    name, compress = _LAYOUTS[layout]
    return [("doc", i.position, i.meta_get("url") or "") if isinstance(i, RawDoc)
            else ("row", i.source.removeprefix("<bytes>#"), i.code)
            for i in read_bytes(compress(b"".join(parts)), name, Settings())]


def _expected(parts: list[bytes], layout: str) -> list[tuple[str, str, str]]:
    """What :func:`_read_records` gives when every record with a length is a document and
    every one without is one bad_warc row, each at its own offset."""
    out, offset = [], 0
    for part in parts:
        url = part.split(b"WARC-Target-URI: ", 1)[1].split(b"\r\n", 1)[0].decode()
        has_length = re.search(rb"\nContent-Length: \d+\r\n", part.split(b"\r\n\r\n", 1)[0] + b"\r\n")
        out.append(("doc", _position(layout, offset), url) if has_length
                   else ("row", _position(layout, offset), "bad_warc"))
        offset += len(part)
    return out


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_warc_record_without_a_length_in_the_middle_hides_no_later_record(layout: str) -> None:
    parts = [_response(0), _without_length(_response(1)), _response(2), _response(3)]
    items = _read_records(parts, layout)
    assert items == _expected(parts, layout)
    assert [i[2] for i in items] == ["https://news.example.org/0", "bad_warc", "https://news.example.org/2",
                                     "https://news.example.org/3"]


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_warc_record_without_a_length_first_hides_no_later_record(layout: str) -> None:
    # gzipped whole, warcio meets it first in a gzip member it has not finished
    parts = [_without_length(_response(0)), _response(1), _response(2)]
    assert _read_records(parts, layout) == _expected(parts, layout)


@pytest.mark.parametrize("layout", ["plain", "gzip whole", "xz"])
def test_warc_record_without_a_length_last_is_one_bad_warc_row(layout: str) -> None:
    parts = [_response(0), _response(1), _without_length(_response(2))]
    assert _read_records(parts, layout) == _expected(parts, layout)
    name, compress = _LAYOUTS[layout]
    row = list(read_bytes(compress(b"".join(parts)), name, Settings()))[-1]
    assert isinstance(row, QuarantineRow) and row.message.endswith("up to the end of the file")


@pytest.mark.parametrize("layout", ["plain", "gzip whole", "zstd"])
def test_warc_two_records_without_a_length_in_a_row_are_two_rows(layout: str) -> None:
    parts = [_response(0), _without_length(_response(1)), _without_length(_response(2)), _response(3),
             _response(4)]
    assert _read_records(parts, layout) == _expected(parts, layout)


@pytest.mark.parametrize("header", [b"Content-Length: \r\n", b"Content-Length: many\r\n",
                                    b"Content-Length: -5\r\n"])
def test_warc_record_with_an_empty_or_wrong_length_hides_no_later_record(header: bytes) -> None:
    # warcio reads such a record as empty, then its block where the next record belongs
    parts = [_response(0), _without_length(_response(1), header), _response(2), _response(3)]
    items = _read_records(parts, "plain")
    assert [i[2] for i in items] == ["https://news.example.org/0", "bad_warc", "https://news.example.org/2",
                                     "https://news.example.org/3"]
    assert items[1][1] == f"warc offset {len(parts[0])}"
    assert items[2][1] == f"warc offset {len(parts[0]) + len(parts[1])}"


def test_warc_record_without_a_length_row_says_where_reading_goes_on() -> None:
    parts = [_response(0), _without_length(_response(1)), _response(2)]
    items = list(read_bytes(b"".join(parts), "a.warc", Settings()))
    row = items[1]
    assert isinstance(row, QuarantineRow) and row.code == "bad_warc"
    assert row.source == f"<bytes>#warc offset {len(parts[0])}"
    assert f"up to the record at warc offset {len(parts[0]) + len(parts[1])}" in row.message


def test_warc_record_without_a_length_and_without_http_headers_keeps_the_next_record() -> None:
    # warcio's HTTP parser would take the next record's WARC headers for the block's own
    bare = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.org/bare\r\n"
            b"WARC-Record-ID: <urn:uuid:bare>\r\n\r\n")
    parts = [_response(0), bare, _response(2)]
    assert _read_records(parts, "plain") == [
        ("doc", "warc offset 0", "https://news.example.org/0"),
        ("row", f"warc offset {len(parts[0])}", "bad_warc"),
        ("doc", f"warc offset {len(parts[0]) + len(bare)}", "https://news.example.org/2")]


def test_warc_record_line_inside_a_record_without_a_length_is_taken_for_a_record() -> None:
    # nothing tells a "WARC/1.0" line of the block from a record's start: it is read as one,
    # without a length too (a row of its own), and the records after it are read
    html = page("Notes", "<pre>\r\nWARC/1.0\r\nnot a header\r\n</pre>")
    broken = _without_length(_response(1, html))
    parts = [_response(0), broken, _response(2), _response(3)]
    items = _read_records(parts, "plain")
    false_start = len(parts[0]) + broken.index(b"\r\nWARC/1.0\r\nnot") + 2
    assert items == [("doc", "warc offset 0", "https://news.example.org/0"),
                     ("row", f"warc offset {len(parts[0])}", "bad_warc"),
                     ("row", f"warc offset {false_start}", "bad_warc"),
                     ("doc", f"warc offset {len(parts[0]) + len(broken)}", "https://news.example.org/2"),
                     ("doc", f"warc offset {len(b''.join(parts[:3]))}", "https://news.example.org/3")]


def test_warc_record_line_inside_a_record_without_a_length_that_does_not_parse_ends_in_a_row() -> None:
    # a false start whose own Content-Length leaves a line no record opens with: the reading
    # stops there with a row saying how much is not read (the last record with it), as after
    # any record whose length lies
    html = page("Notes", "<pre>\r\nWARC/1.0\r\nContent-Length: 2\r\n\r\nab\r\nnot a record\r\n\r\n"
                         "still not one\r\n</pre>")
    broken = _without_length(_response(1, html))
    parts = [_response(0), broken, _response(2)]
    items = list(read_bytes(b"".join(parts), "a.warc", Settings()))
    # the false start, a record without a WARC-Type, is a row of its own
    assert [type(i).__name__ for i in items] == ["RawDoc", *["QuarantineRow"] * 3]
    assert items[1].code == "bad_warc" and items[1].source.endswith(f"warc offset {len(parts[0])}")
    assert items[2].code == "bad_warc" and "without a WARC-Type" in items[2].message
    assert items[3].code == "bad_warc" and "the rest of the file is not read" in items[3].message
    assert f"({len(b''.join(parts)) - int(items[3].source.rsplit(' ', 1)[1])} bytes)" in items[3].message


def test_warc_record_without_a_length_before_megabytes_is_read_past_in_bounded_memory() -> None:
    # 20 MB of block, one line of 17 MiB (over the 16 MiB a header line may have) before short
    # ones: read a piece at a time, never whole, and the record after it is read
    block = b"<p>" + b"word " * ((17 << 20) // 5) + b"</p>\r\n" + b"<p>a short line</p>\r\n" * 100_000
    broken = _without_length(_response(1)).replace(b"</html>", b"</html>" + block)
    data = _response(0) + broken + (last := _response(2))
    tracemalloc.start()
    try:
        items = list(read_bytes(data, "a.warc", Settings()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["RawDoc", "QuarantineRow", "RawDoc"]
    assert items[2].position == f"warc offset {len(data) - len(last)}"
    assert peak < 4 << 20, peak


_PROPERTY = hsettings(max_examples=40, deadline=timedelta(seconds=2),
                      suppress_health_check=[HealthCheck.too_slow])
_HEADERS = [b"", b"Content-Length: \r\n", b"Content-Length: none\r\n"]


@_PROPERTY
@given(layout=st.sampled_from(sorted(_LAYOUTS)),
       kinds=st.lists(st.sampled_from([None, *_HEADERS]), min_size=2, max_size=7),
       words=st.lists(st.sampled_from(["harbour", "bridge", "lantern", "council"]), max_size=30))
def test_properties_records_without_a_length_are_rows_and_the_others_documents(
        layout: str, kinds: list[bytes | None], words: list[str]) -> None:
    # records with a length (None) or without one, anywhere: each with a length is a document,
    # each without is one bad_warc row, each at its own offset
    html = page("Notes", " ".join(words) or "empty")
    parts = [_response(n, html) if kind is None else _without_length(_response(n, html), kind)
             for n, kind in enumerate(kinds)]
    assert _read_records(parts, layout) == _expected(parts, layout)


def test_warc_record_without_a_length_in_its_own_gzip_member_is_a_row_not_lost() -> None:
    # gzipped record by record: warcio reads such a record to its member's end and goes on;
    # before, an HTML response there was passed over without a row
    parts = [_response(0), _without_length(_response(1)), _response(2)]
    members = [gzip.compress(part, mtime=0) for part in parts]
    starts = [sum(len(m) for m in members[:i]) for i in range(len(members))]
    items = [("doc", i.position, i.meta_get("url") or "") if isinstance(i, RawDoc)
             else ("row", i.source.removeprefix("<bytes>#"), i.code)
             for i in read_bytes(b"".join(members), "a.warc.gz", Settings())]
    assert items == [("doc", f"warc offset {starts[0]}", "https://news.example.org/0"),
                     ("row", f"warc offset {starts[1]}", "bad_warc"),
                     ("doc", f"warc offset {starts[2]}", "https://news.example.org/2")]
    # last in the file: the same one row, no second one for the bytes it held
    last = list(read_bytes(b"".join(members[:2]), "a.warc.gz", Settings()))
    assert [i.code if isinstance(i, QuarantineRow) else "doc" for i in last] == ["doc", "bad_warc"]
    assert "end of its gzip member" in last[-1].message


@pytest.mark.parametrize(("padding", "compress"), [
    (b"\0" * 512, True), (b"\0" * 3, True), (b"\0" * 512, False), (b"\r\n" * 20, False),
    (b"\0" * (1 << 20), True), (b"\0" * (1 << 20), False),  # more than the bytes kept
    (gzip.compress(b"", mtime=0), True), (gzip.compress(b"\r\n", mtime=0) + b"\0" * 100, True)])
def test_warc_padding_after_the_last_record_is_no_row(padding: bytes, compress: bool) -> None:
    # writers pad to a block or close a record-gzipped file with an empty member: the file is
    # whole; before, each gave a truncated or bad_warc row
    assert _read_cut(sample_warc(compress) + padding, "a.warc.gz" if compress else "a.warc") == (
        _URLS, [])


@pytest.mark.parametrize("tail", [
    b"\0" * 100 + b"WARC/1.0\r\nWARC-Type: resp", gzip.compress(b"WARC/1.0\r\n", mtime=0),
    gzip.compress(b"", mtime=0)[:-3], b"\0\0garbage"])
def test_warc_padding_with_anything_else_after_it_still_gives_a_row(tail: bytes) -> None:
    urls, codes = _read_cut(sample_warc(True) + tail, "a.warc.gz")
    assert urls == _URLS and len(codes) == 1 and codes[0] in ("truncated", "bad_warc")


def test_a_record_declaring_a_codec_for_a_charset_is_read_and_so_are_the_ones_after_it() -> None:
    body = ("The minister said on Tuesday that the talks would resume next week. " * 6
            + "Größere Änderungen.")
    records = [(f"http://example.org/{i}", page(f"Story {i}", body).encode("cp1252"),
                "text/html; charset=" + ("base64" if i == 1 else "windows-1252"), "200 OK")
               for i in range(4)]
    items = list(read_bytes(warc_bytes(records), "c.warc.gz", Settings()))
    assert all(isinstance(i, RawDoc) for i in items) and len(items) == 4
    assert all("Größere" in i.text for i in items)


def test_a_response_without_a_content_type_is_sniffed() -> None:
    body = "The minister said on Tuesday that the talks would resume next week. " * 6
    html = page("Talks", body).encode("utf-8")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    latin = ("Größere Änderungen. " + body).encode("cp1252")
    records = [("http://example.org/a", html, "", "200 OK"),
               ("http://example.org/b.png", png, "", "200 OK"),
               ("http://example.org/c", latin, "text/plain; Charset=windows-1252", "200 OK")]
    items = list(read_bytes(warc_bytes(records), "c.warc.gz", Settings()))
    assert [(type(i).__name__, getattr(i, "media_type", "")) for i in items] == [
        ("RawDoc", "text/html"), ("RawDoc", "text/plain")]
    assert items[1].text.startswith("Größere") and items[1].encoding == "cp1252"


def test_an_untyped_response_is_a_document_only_when_it_is_a_page() -> None:
    records = [("http://example.org/api", b'{"items": [{"id": 1, "title": "Talks resume"}]}', "", "200 OK"),
               ("http://example.org/app.js", b"window.__STATE__ = {\"page\": 1};", "", "200 OK"),
               ("http://example.org/a", page("Talks", "The minister said talks resume. " * 5).encode(),
                "", "200 OK")]
    items = [i for i in read_bytes(warc_bytes(records), "c.warc.gz", Settings()) if isinstance(i, RawDoc)]
    assert [i.media_type for i in items] == ["text/html"]


# A WARC record whose Content-Length lies: warcio gave it cut short, or with the next record's
# header lines in its text, wrote a warning to stderr, and lost every record after it.

def _lying(record: bytes, by: int) -> bytes:
    """``record`` with its WARC Content-Length ``by`` bytes off."""
    edited, count = re.subn(rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m[1]) + by),
                            record, count=1)
    assert count == 1
    return edited


def _offsets(parts: list[bytes]) -> list[int]:
    return [sum(len(part) for part in parts[:n]) for n in range(len(parts))]


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("by", [-10, -200, 10, 300, 5000])
def test_warc_record_whose_length_lies_is_a_row_and_hides_no_later_record(
        layout: str, by: int, capsys: pytest.CaptureFixture[str]) -> None:
    # short: the rest of its block, one line or several, is passed over to the next record;
    # long: the next record's first lines are in its block, and that record is read from
    # them; past the end of the file: the records it took in are read
    parts = [_response(0), _lying(_response(1), by), _response(2), _response(3)]
    offsets = _offsets(parts)
    assert _read_records(parts, layout) == [
        ("doc", _position(layout, offsets[0]), "https://news.example.org/0"),
        ("row", _position(layout, offsets[1]), "bad_warc"),
        ("doc", _position(layout, offsets[2]), "https://news.example.org/2"),
        ("doc", _position(layout, offsets[3]), "https://news.example.org/3")]
    assert capsys.readouterr().err == ""  # warcio's warning is not written


@pytest.mark.parametrize("by", [-10, 10])
def test_warc_gzipped_per_record_whose_length_lies_is_a_row_and_the_next_member_is_read(by: int) -> None:
    parts = [_response(0), _lying(_response(1), by), _response(2)]
    members = [gzip.compress(part, mtime=0) for part in parts]
    items = list(read_bytes(b"".join(members), "a.warc.gz", Settings()))
    assert [(i.position, i.meta_get("url")) if isinstance(i, RawDoc) else (i.source, i.code)
            for i in items] == [
        ("warc offset 0", "https://news.example.org/0"),
        (f"<bytes>#warc offset {len(members[0])}", "bad_warc" if by < 0 else "truncated"),
        (f"warc offset {len(members[0]) + len(members[1])}", "https://news.example.org/2")]


def test_warc_record_followed_by_the_next_without_a_blank_line_is_read() -> None:
    # its length is right, only the blank line after its block is missing: warcio passed over
    # the next record's first line and read no record after it
    parts = [_response(0)[:-4], _response(1), _response(2)]
    offsets = _offsets(parts)
    assert _read_records(parts, "plain") == [
        ("doc", f"warc offset {offsets[n]}", f"https://news.example.org/{n}") for n in range(3)]


@_PROPERTY
@given(layout=st.sampled_from(sorted(_LAYOUTS)),
       lies=st.lists(st.sampled_from([0, 0, -1, -37, -150, 5, 60, 400, 100_000]), min_size=2, max_size=6),
       words=st.lists(st.sampled_from(["harbour", "bridge", "lantern", "council"]), max_size=30))
def test_properties_records_whose_length_lies_are_rows_and_the_others_documents(
        layout: str, lies: list[int], words: list[str]) -> None:
    # lengths right (0) or lying short or long, anywhere, one after another: each record with
    # a right length is a document, each other one bad_warc row, each at its own offset (the
    # last record, its length lying long, is cut by the end of the file: truncated). Lying
    # short, each ends inside its page's one line (one that ends right before a blank line,
    # the HTTP headers' last, is not told from a record followed by bytes that are no record)
    html = page("Notes", " ".join([FESTIVAL, *words]))
    parts = [_lying(_response(n, html), by) for n, by in enumerate(lies)]
    offsets, last = _offsets(parts), len(parts) - 1
    assert _read_records(parts, layout) == [
        ("doc", _position(layout, offsets[n]), f"https://news.example.org/{n}") if not by
        else ("row", _position(layout, offsets[n]), "truncated" if n == last and by > 0 else "bad_warc")
        for n, by in enumerate(lies)]


@pytest.mark.parametrize("layout", ["plain", "gzip whole"])
def test_warc_file_cut_inside_a_record_that_archives_a_warc_is_truncated(layout: str) -> None:
    # a crawl that fetched a WARC file, cut short inside it: the archived WARC's records were
    # read as records of the crawl (a bad_warc row for the cut one, its second page a document)
    archived = b"".join(_response(n) for n in range(3))
    parts = [_response(0), warc_bytes([("https://files.example.org/crawl.warc", archived,
                                        "application/warc", "200 OK")], compress=False,
                                      with_requests=False)]
    data = b"".join(parts)[:-100]
    offsets = _offsets(parts)
    assert _read_records([data], layout) == [
        ("doc", _position(layout, offsets[0]), "https://news.example.org/0"),
        ("row", _position(layout, offsets[1]), "truncated")]


def _raw_response(uri: str, status: str, headers: list[tuple[str, str]], body: bytes,
                  warc_headers: tuple[str, ...] = ()) -> bytes:
    """One uncompressed WARC response record, written by hand (warcio's writer would re-encode
    or re-measure what these tests need as a crawler stored it)."""
    block = (f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
             + "\r\n").encode() + body
    head = ["WARC/1.1", "WARC-Type: response", f"WARC-Target-URI: {uri}",
            "WARC-Date: 2026-03-03T10:00:00Z", "WARC-Record-ID: <urn:uuid:0>",
            "Content-Type: application/http; msgtype=response", *warc_headers,
            f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def _chunked(data: bytes, size: int = 64) -> bytes:
    pieces = [f"{len(data[i:i + size]):x}\r\n".encode() + data[i:i + size] + b"\r\n"
              for i in range(0, len(data), size)]
    return b"".join(pieces) + b"0\r\n\r\n"


_WHOLE = page("Harbour", HARBOUR).encode()
_NEXT = _raw_response("https://news.example.org/next", "200 OK", [("Content-Type", "text/html")], _WHOLE)


def _codes(data: bytes) -> list[str]:
    return [i.code if isinstance(i, QuarantineRow) else "doc"
            for i in read_bytes(data, "c.warc", Settings())]


@pytest.mark.parametrize(("headers", "body"), [
    ([("Content-Encoding", "gzip")], gzip.compress(_WHOLE * 8)[:120]),
    ([("Transfer-Encoding", "chunked")], _chunked(_WHOLE)[:150]),
    ([("Transfer-Encoding", "chunked")], _chunked(_WHOLE)[:_chunked(_WHOLE).index(b"\r\n", 70) + 2]),
    ([("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
     _chunked(gzip.compress(_WHOLE * 8))[:140]),
], ids=["gzip", "chunk", "between-chunks", "chunked-gzip"])
def test_warc_payload_whose_coding_is_cut_is_truncated_not_a_document(
        headers: list[tuple[str, str]], body: bytes) -> None:
    # warcio hands over what it decoded before the cut: a piece of the page, stored as whole
    record = _raw_response("https://news.example.org/cut", "200 OK",
                           [("Content-Type", "text/html"), *headers], body)
    assert _codes(record + _NEXT) == ["truncated", "doc"]


@pytest.mark.parametrize(("headers", "body"), [
    ([("Content-Encoding", "gzip")], gzip.compress(_WHOLE)),
    ([("Content-Encoding", "x-gzip")], gzip.compress(_WHOLE)),
    ([("Transfer-Encoding", "Chunked")], _chunked(_WHOLE)),
    ([("Transfer-Encoding", "chunked")], _chunked(_WHOLE)[:-2]),  # no CRLF after the last chunk
    ([("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], _chunked(gzip.compress(_WHOLE))),
    ([("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], _WHOLE),  # stored decoded
], ids=["gzip", "x-gzip", "Chunked", "no-last-crlf", "chunked-gzip", "decoded"])
def test_warc_payload_in_a_whole_coding_is_read(headers: list[tuple[str, str]], body: bytes) -> None:
    record = _raw_response("https://news.example.org/a", "200 OK",
                           [("Content-Type", "text/html"), *headers], body)
    [doc] = list(read_bytes(record, "c.warc", Settings()))
    assert isinstance(doc, RawDoc) and doc.text == _WHOLE.decode()


@pytest.mark.parametrize(("status", "warc_headers", "span", "code"), [
    ("200 OK", ("WARC-Truncated: time",), "", "truncated"),
    ("200 OK", ("WARC-Truncated: disconnect",), "", "truncated"),
    ("206 Partial Content", (), "bytes 0-99/5000", "truncated"),
    ("206 Partial Content", (), "", "truncated"),
    ("206 Partial Content", (), f"bytes 0-{len(_WHOLE) - 1}/{len(_WHOLE)}", "doc"),
])
def test_warc_record_holding_part_of_a_page_is_truncated(status: str, warc_headers: tuple[str, ...],
                                                          span: str, code: str) -> None:
    headers = [("Content-Type", "text/html")] + ([("Content-Range", span)] if span else [])
    record = _raw_response("https://news.example.org/p", status, headers, _WHOLE, warc_headers)
    assert _codes(record + _NEXT) == [code, "doc"]


def test_warc_brotli_payload_is_decoded() -> None:
    # what browser-based crawlers record most: before the brotli package was a dependency,
    # such a page was an unsupported row
    import brotli

    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", "br")],
                           brotli.compress(_WHOLE))
    [doc] = list(read_bytes(record, "c.warc", Settings()))
    assert isinstance(doc, RawDoc) and doc.text == _WHOLE.decode()
    cut = brotli.compress(_WHOLE)[:-8]  # a brotli stream that stops before its end
    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", "br")], cut)
    assert _codes(record + _NEXT) == ["truncated", "doc"]


def test_warc_brotli_bomb_is_decoded_no_further_than_the_cap() -> None:
    # 256 MB of zeros is some 50 KB of brotli: one unbounded call to the decoder built it whole
    import brotli

    packer = brotli.Compressor(quality=1)
    bomb = b"".join(packer.process(bytes(1 << 24)) for _ in range(16)) + packer.finish()
    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", "br")], bomb)
    tracemalloc.start()
    try:
        codes = _codes(record + _NEXT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert codes == ["too_large", "doc"]
    assert peak < 48 << 20, peak  # the cap is 8 MB (max_doc_chars * 4)


def test_warc_brotli_body_with_bytes_after_its_end_is_truncated_and_the_file_read_on() -> None:
    # the decoder fails on the bytes after its stream's end and then raises when asked whether it
    # finished: that ended the reading of the whole file (reader_error)
    import brotli

    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", "br"),
                            ("Transfer-Encoding", "chunked")], _chunked(brotli.compress(_WHOLE) + b"\r\n"))
    assert _codes(record + _NEXT + _NEXT) == ["truncated", "doc", "doc"]


class _BrokenImport(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A package that is found but does not import (its native library missing)."""

    def find_spec(self, name: str, path: object = None, target: object = None
                  ) -> importlib.machinery.ModuleSpec | None:
        return importlib.machinery.ModuleSpec(name, self) if name == "brotli" else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        raise ImportError("libbrotlidec.so.1: cannot open shared object file")

    def exec_module(self, module: object) -> None:
        pass


def test_warc_brotli_that_does_not_import_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    import brotli

    body = brotli.compress(_WHOLE)
    monkeypatch.delitem(sys.modules, "brotli")
    monkeypatch.setattr(sys, "meta_path", [_BrokenImport(), *sys.meta_path])
    decoders = warcpayload._decoders.__wrapped__()
    assert "br" not in decoders
    monkeypatch.setattr(warcpayload, "_decoders", lambda: decoders)
    monkeypatch.setattr(warcrecords, "UNDECODABLE_CODINGS", warcrecords.UNDECODABLE_CODINGS | {"br"})
    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", "br")], body)
    assert _codes(record + _NEXT) == ["unsupported", "doc"]


@pytest.mark.parametrize("coding", ["zstd", "compress"])
def test_warc_payload_in_a_coding_that_cannot_be_decoded_says_which(coding: str) -> None:
    record = _raw_response("https://news.example.org/b", "200 OK",
                           [("Content-Type", "text/html"), ("Content-Encoding", coding)],
                           b"\x1b\x2f\x00\xf8\x25\x00\xa2\x00\xa0\x81" + bytes(range(40)))
    [row] = list(read_bytes(record, "c.warc", Settings()))
    assert isinstance(row, QuarantineRow) and row.code == "unsupported" and repr(coding) in row.message


@pytest.mark.parametrize("path", ["/robots.txt", "/ads.txt", "/app-ads.txt", "/.well-known/security.txt"])
def test_warc_sites_files_for_crawlers_are_no_documents(path: str) -> None:
    lines = "".join(f"adnetwork{i}.example, pub-{i}, DIRECT, f08c47fec0942fa0\n" for i in range(30))
    record = _raw_response(f"https://news.example.org{path}", "200 OK",
                           [("Content-Type", "text/plain")], lines.encode())
    assert _codes(record + _NEXT) == ["doc"]


def test_warc_payload_with_a_wrong_coding_name_is_read_as_it_stands() -> None:
    # "Content-Encoding: utf-8" names no coding: the UTF-16 page looks binary, but is the page
    body = _WHOLE.decode().encode("utf-16")
    record = _raw_response("https://news.example.org/u", "200 OK",
                           [("Content-Type", "text/html; charset=utf-16"), ("Content-Encoding", "utf-8")],
                           body)
    [doc] = list(read_bytes(record, "c.warc", Settings()))
    assert isinstance(doc, RawDoc) and doc.text == _WHOLE.decode()


def test_warc_206_whose_range_written_with_equals_is_the_whole_page_is_read() -> None:
    span = f"bytes=0-{len(_WHOLE) - 1}/{len(_WHOLE)}"
    record = _raw_response("https://news.example.org/p", "206 Partial Content",
                           [("Content-Type", "text/html"), ("Content-Range", span)], _WHOLE)
    assert _codes(record + _NEXT) == ["doc", "doc"]


# Damaged records and gzip members: each costs its own row, and the records after it are read.

def _rows_and_urls(data: bytes, name: str) -> list[tuple[str, str | None]]:
    """``(code or "doc", url or the row's offset)`` of each item read from ``data``."""
    return [("doc", i.meta_get("url")) if isinstance(i, RawDoc) else (i.code, i.source.rsplit(" ", 1)[1])
            for i in read_bytes(data, name, Settings())]


def _gzipped(record: bytes) -> bytes:
    """An uncompressed WARC ``record`` in a gzip member of its own."""
    return gzip.compress(record)


def _without_target_uri(record: bytes) -> bytes:
    edited, count = re.subn(rb"WARC-Target-URI: [^\r]*\r\n", b"", record, count=1)
    assert count == 1
    return edited


@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("where", [1, 2])
def test_warc_response_without_a_target_uri_is_read_without_a_url(compress: bool, where: int) -> None:
    parts = [_response(n) for n in range(3)]
    parts[where] = _without_target_uri(parts[where])
    data = b"".join(_gzipped(p) if compress else p for p in parts)
    items = list(read_bytes(data, "a.warc.gz" if compress else "a.warc", Settings()))
    assert all(isinstance(i, RawDoc) for i in items) and len(items) == 3
    assert [i.meta_get("url") for i in items] == [
        None if n == where else f"https://news.example.org/{n}" for n in range(3)]
    assert items[where].meta_get("fetched")


def test_warc_response_without_a_target_uri_or_http_headers_is_its_own_row() -> None:
    html = page("Page 1", FESTIVAL).encode()
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: text/html\r\n"
              + f"Content-Length: {len(html)}\r\n\r\n".encode() + html + b"\r\n\r\n")
    parts = [_response(0), record, _response(2)]
    assert _rows_and_urls(b"".join(parts), "a.warc") == [
        ("doc", "https://news.example.org/0"), ("bad_warc", str(len(parts[0]))),
        ("doc", "https://news.example.org/2")]


@pytest.mark.parametrize(("line", "code"), [
    (b"WARC-Type response", "bad_warc"),  # the colon lost: no WARC-Type at all
    (b"WARC-Type: ", "bad_warc"),
    (b"WARC-Type: responze", "unsupported"),
])
def test_warc_record_with_a_damaged_or_unknown_type_is_a_row_at_its_offset(line: bytes, code: str) -> None:
    parts = [_response(n) for n in range(3)]
    parts[1] = parts[1].replace(b"WARC-Type: response", line, 1)
    assert _rows_and_urls(b"".join(parts), "a.warc") == [
        ("doc", "https://news.example.org/0"), (code, str(len(parts[0]))),
        ("doc", "https://news.example.org/2")]


def test_warc_type_in_another_case_is_read() -> None:
    parts = [_response(n).replace(b"WARC-Type: response", b"WARC-Type: Response") for n in range(2)]
    assert _rows_and_urls(b"".join(parts), "a.warc") == [
        ("doc", "https://news.example.org/0"), ("doc", "https://news.example.org/1")]


@pytest.mark.parametrize(("headers", "body"), [
    ([], _WHOLE + b"<script>var a = 1;"),
    ([("Content-Encoding", "gzip")], gzip.compress(_WHOLE + b"<script>" + b"var a = 1;" * 400)[:-12]),
    ([("Transfer-Encoding", "chunked")], _chunked(_WHOLE)[:-5]),
], ids=["plain", "gzip-cut", "chunks-cut"])
def test_warc_payload_cut_at_the_crawlers_size_limit_is_kept_and_flagged(
        headers: list[tuple[str, str]], body: bytes) -> None:
    # Common Crawl cuts a payload at 1 MiB (WARC-Truncated: length): the article comes first
    record = _raw_response("https://news.example.org/a", "200 OK",
                           [("Content-Type", "text/html"), *headers], body, ("WARC-Truncated: length",))
    doc, after = list(read_bytes(record + _NEXT, "c.warc", Settings()))
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text and doc.meta_get("warc_truncated") == "length"
    assert isinstance(after, RawDoc) and after.meta_get("warc_truncated") is None


def test_warc_payload_cut_by_the_end_of_the_file_is_truncated_even_at_the_size_limit() -> None:
    record = _raw_response("https://news.example.org/a", "200 OK", [("Content-Type", "text/html")],
                           _WHOLE, ("WARC-Truncated: length",))
    assert _codes(record[:-200]) == ["truncated"]


def _members(count: int = 5) -> list[bytes]:
    """``count`` response records, each in a gzip member of its own (warcio's writer)."""
    return [warc_bytes([(f"https://news.example.org/{n}", page(f"Page {n}", FESTIVAL).encode(),
                         "text/html", "200 OK")], with_requests=False) for n in range(count)]


def test_warc_page_served_as_text_plain_is_read_as_html() -> None:
    # a misconfigured server's page: stored as plain text, its markup became the article
    from storyline.clean import clean

    html = ("<!DOCTYPE html>\n<html><head><title>Harbour</title></head><body><nav><a href='/'>"
            f"Home</a></nav><article><p>{HARBOUR}</p><p>{BRIDGE}</p></article></body></html>")
    notes = f"{HARBOUR}\n\nPut <body> and </p> around each paragraph of the page."
    data = warc_bytes([("https://news.example.org/a", html.encode(), "text/plain; charset=utf-8",
                        "200 OK"),
                       ("https://news.example.org/b", notes.encode(), "text/plain", "200 OK")])
    page_doc, notes_doc = read_bytes(data, "a.warc.gz", Settings())
    assert isinstance(page_doc, RawDoc) and page_doc.media_type == "text/html"
    assert "<" not in clean(page_doc, Settings()).text
    assert isinstance(notes_doc, RawDoc) and notes_doc.media_type == "text/plain"
    # a crawler's extracted text whose title is a tag's name (MDN's "<html>: The HTML
    # Document / Root element") stays text (review of bd7c22b)
    extracted = f"<html>: The HTML Document / Root element\n\n{HARBOUR}\n</body> closes it."
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record(
        "https://news.example.org/c", "conversion", payload=io.BytesIO(extracted.encode()),
        length=len(extracted.encode()), warc_content_type="text/plain"))
    (converted,) = read_bytes(buffer.getvalue(), "a.warc.wet.gz", Settings())
    assert isinstance(converted, RawDoc) and converted.media_type == "text/plain"


def test_warc_damaged_gzip_member_costs_its_own_row_and_the_members_after_it_are_read() -> None:
    members = _members()
    data = bytearray(b"".join(members))
    data[len(members[0]) + len(members[1]) // 2] ^= 0xFF
    items = list(read_bytes(bytes(data), "a.warc.gz", Settings()))
    assert [i.meta_get("url") for i in items if isinstance(i, RawDoc)] == [
        f"https://news.example.org/{n}" for n in (0, 2, 3, 4)]
    (row,) = [i for i in items if isinstance(i, QuarantineRow)]
    assert row.code == "bad_warc" and row.source.endswith(f"warc offset {len(members[0])}")
    assert row.message.isprintable() and "gzip member" in row.message


def test_warc_junk_between_gzip_members_is_one_clean_row() -> None:
    members = _members()
    junk = b"<html>502 Bad Gateway</html>\n"
    data = b"".join(members[:2]) + junk + b"".join(members[2:])
    assert _rows_and_urls(data, "a.warc.gz") == [
        ("doc", "https://news.example.org/0"), ("doc", "https://news.example.org/1"),
        ("bad_warc", str(len(members[0]) + len(members[1]))),
        *[("doc", f"https://news.example.org/{n}") for n in (2, 3, 4)]]


def test_warc_damaged_member_after_one_past_what_is_kept_loses_its_own_member_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Once one gzip member had been longer than what is kept to read again (64 MiB: a crawl
    # that stores video), nothing was kept any more, and a damaged member later lost every
    # record after it in one row
    import random

    monkeypatch.setattr(warc, "_REPLAY_BYTES", 1 << 16)
    video = warc_bytes([("https://news.example.org/clip", random.Random(0).randbytes(200_000),
                         "video/mp4", "200 OK")], with_requests=False)
    members = _members()
    damaged = bytearray(members[3])
    damaged[len(damaged) // 2] ^= 0xFF
    data = members[0] + video + members[1] + members[2] + bytes(damaged) + members[4]
    assert _rows_and_urls(data, "a.warc.gz") == [
        *[("doc", f"https://news.example.org/{n}") for n in (0, 1, 2)],
        ("bad_warc", str(len(members[0]) + len(video) + len(members[1]) + len(members[2]))),
        ("doc", "https://news.example.org/4")]


def test_warc_member_over_the_window_damaged_at_its_end_loses_its_own_records_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a bit flipped in a stored video shows at its member's end (the CRC): the reading resumed
    # from where warcio had read to, past the pages read in the same block (review of 9d550b8)
    import random

    monkeypatch.setattr(warc, "_REPLAY_BYTES", 1 << 16)
    video = bytearray(warc_bytes([("https://news.example.org/clip",
                                   random.Random(0).randbytes(200_000), "video/mp4", "200 OK")],
                                 with_requests=False))
    video[-6] ^= 0xFF  # its CRC
    pages = _members(12)
    found = _rows_and_urls(pages[0] + bytes(video) + b"".join(pages[1:]), "a.warc.gz")
    assert [url for kind, url in found if kind == "doc"] == [
        f"https://news.example.org/{n}" for n in range(12)]
    assert [kind for kind, _ in found].count("bad_warc") == 1


_FIVE_MEMBERS = _members()  # one file for every example (warcio stamps each record anew)


@hsettings(max_examples=150, deadline=timedelta(seconds=5),
           suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_warc_one_corrupt_byte_loses_its_own_member_only(data: st.DataObject) -> None:
    members = _FIVE_MEMBERS
    whole = b"".join(members)
    at = data.draw(st.integers(0, len(whole) - 1), label="at")
    damaged = bytearray(whole)
    damaged[at] ^= data.draw(st.integers(1, 255), label="xor")
    starts = [sum(len(m) for m in members[:n]) for n in range(len(members))]
    hit = max(n for n, start in enumerate(starts) if start <= at)
    items = list(read_bytes(bytes(damaged), "a.warc.gz", Settings()))
    urls = {i.meta_get("url") for i in items if isinstance(i, RawDoc)}
    assert {f"https://news.example.org/{n}" for n in range(5) if n != hit} <= urls
    assert all(i.message.isprintable() for i in items if isinstance(i, QuarantineRow))


def test_warc_many_damaged_gzip_members_are_read_past_in_linear_time() -> None:
    import time

    (member,) = _members(1)
    damaged = bytearray(member)
    damaged[len(member) // 2] ^= 0xFF
    timings = []
    for count in (500, 4000):
        data = (member + bytes(damaged)) * count
        began = time.perf_counter()
        items = list(read_bytes(data, "a.warc.gz", Settings()))
        timings.append(time.perf_counter() - began)
        assert sum(isinstance(i, RawDoc) for i in items) == count
        assert sum(isinstance(i, QuarantineRow) for i in items) == count
    assert timings[1] < 8 * 4 * max(timings[0], 0.02)  # 8 × the bytes: no quadratic rescans


def test_warc_plain_records_appended_to_a_gzipped_warc_are_read() -> None:
    # cat a.warc.gz b.warc > c.warc.gz: read whole before the damaged-member reading, which took
    # the plain records for a member that does not decompress (a review of e408c47)
    gzipped = b"".join(_members(3))
    plain = b"".join(_response(n) for n in range(3, 5))
    urls = [url for code, url in _rows_and_urls(gzipped + plain, "c.warc.gz") if code == "doc"]
    assert urls == [f"https://news.example.org/{n}" for n in range(5)]


def _noisy_records(first_words: int, every: bool = False) -> tuple[list[str], list[bytes]]:
    """Four pages' URLs and response records, uncompressed; the first (or ``every``) page
    with ``first_words`` words that do not compress."""
    rnd = random.Random(first_words)
    noise = " ".join(f"{rnd.getrandbits(32):x}" for _ in range(first_words))
    urls = [f"https://news.example.org/{n}" for n in range(4)]
    plain = [warc_bytes([(url, page(f"Page {n}", FESTIVAL + (noise if n == 0 or every else ""))
                          .encode(), "text/html", "200 OK")], compress=False, with_requests=False)
             for n, url in enumerate(urls)]
    return urls, plain


def _read_all(data: bytes) -> list[RawDoc | QuarantineRow]:
    """What a.warc.gz holding ``data`` gives, asserted to be documents only."""
    items = list(read_bytes(data, "a.warc.gz", Settings()))
    assert not [i for i in items if isinstance(i, QuarantineRow)]
    return items


@pytest.mark.parametrize("first_words", [50, 1500, 4000])
def test_warc_member_of_several_records_followed_by_members_loses_none(first_words: int) -> None:
    """A gzip member of two records, then members of one: when the first member ended inside
    the block warcio read with its first record (a first record of some kilobytes that does
    not compress), warcio took the second for the next member's, at a made-up offset, then
    read the next member's bytes as its own and lost the rest of the file."""
    urls, plain = _noisy_records(first_words)
    items = _read_all(gzip.compress(plain[0] + plain[1]) + gzip.compress(plain[2])
                      + gzip.compress(plain[3]))
    assert [i.meta_get("url") for i in items] == urls
    assert [i.position for i in items] == ["warc offset 0"] + [
        f"warc offset 0, decompressed offset {len(b''.join(plain[:n]))}" for n in (1, 2, 3)]


def test_warc_empty_member_before_a_member_of_several_records_loses_none() -> None:
    """After an empty gzip member warcio stopped quietly at a member of several records,
    without a row: every record after its first was lost."""
    urls, plain = _noisy_records(3000, every=True)
    items = _read_all(gzip.compress(plain[0]) + gzip.compress(b"")
                      + gzip.compress(b"".join(plain[1:])))
    assert [i.meta_get("url") for i in items] == urls


@pytest.mark.parametrize("first_words", [50, 1500])
def test_warc_plain_records_after_a_member_of_several_are_read(first_words: int) -> None:
    """cat a.warc.gz b.warc, a.warc.gz gzipped whole: read again decompressed, the plain
    records after its gzip data were trailing bytes that do not decompress, and lost."""
    urls, plain = _noisy_records(first_words)
    items = _read_all(gzip.compress(plain[0] + plain[1]) + gzip.compress(plain[2]) + plain[3])
    assert [i.meta_get("url") for i in items] == urls


@pytest.mark.parametrize("between", [b"", b"\r\n\0", b" \r\n"])
@pytest.mark.parametrize("length", [81_916, 81_919, 81_925])
def test_warc_plain_records_after_a_member_of_several_wherever_reads_fall(between: bytes,
                                                                           length: int) -> None:
    """A member ending a few bytes before a read's end split "WARC/"; blanks and NULs between
    hid it: the plain records were lost either way."""
    urls, plain = _noisy_records(50)

    def member_of(size: int) -> bytes:  # the two records and a metadata record of ``size`` bytes
        note = (b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Type: text/plain\r\n"
                b"Content-Length: %d\r\n\r\n" % size + b"x" * size + b"\r\n\r\n")
        return gzip.compress(plain[0] + plain[1] + note, compresslevel=0, mtime=0)

    size = 0
    for _ in range(10):  # (stored gzip blocks: the length is steered, not computed)
        size += length - len(member_of(size))
    member = member_of(size)
    assert len(member) == length
    items = _read_all(member + between + plain[2] + plain[3])
    assert [i.meta_get("url") for i in items] == urls

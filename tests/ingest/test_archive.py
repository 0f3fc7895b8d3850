from __future__ import annotations

import bz2
import hashlib
import io
import json
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import read_bytes, read_paths
from storyline.ingest.compressed import zstd  # the standard library's, or its backport
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import (
    BRIDGE,
    FESTIVAL,
    HARBOUR,
    RSS,
    gzip_bytes,
    page,
    sample_warc,
    tar_bytes,
    warc_bytes,
    zip_bytes,
)


def _codes(items: list[RawDoc | QuarantineRow]) -> list[tuple[str, str]]:
    return [(i.source.split("#", 1)[-1], i.code) for i in items if isinstance(i, QuarantineRow)]


def test_archive_gzip_inner_name_decides_the_format(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip_bytes(json.dumps({"text": HARBOUR}).encode() + b"\n"))
    (tmp_path / "b.html.gz").write_bytes(gzip_bytes(page("Bridge", BRIDGE).encode()))
    (tmp_path / "c.gz").write_bytes(gzip_bytes(RSS.encode()))  # no inner extension: sniffed
    docs = list(read_paths([tmp_path], Settings()))
    assert [(Path(d.source).name, d.position, d.media_type) for d in docs if isinstance(d, RawDoc)] == [
        ("a.jsonl.gz", "line 1", "text/plain"), ("b.html.gz", "", "text/html"),
        ("c.gz", "entry 1", "text/html"), ("c.gz", "entry 2", "text/html")]


def test_archive_zip_members_carry_their_names(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_bytes({
        "2026/harbour.txt": HARBOUR.encode(),
        "feed.jsonl": (json.dumps({"text": BRIDGE}) + "\n").encode(),
        "crawl.warc.gz": sample_warc(),
        "photo.jpg": b"\xff\xd8\xff",
        "__MACOSX/._harbour.txt": b"\x00\x05",
    }))
    docs = list(read_paths([path], Settings()))
    assert all(isinstance(d, RawDoc) and d.source == str(path) for d in docs)
    positions = [d.position for d in docs if isinstance(d, RawDoc)]
    assert positions[:2] == ["member 2026/harbour.txt", "member feed.jsonl, line 1"]
    assert positions[2].startswith("member crawl.warc.gz, warc offset ") and len(positions) == 4


def test_archive_zip_applies_include_and_exclude_globs(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_bytes({"keep.txt": HARBOUR.encode(), "drafts/skip.txt": BRIDGE.encode(),
                                "notes.md": FESTIVAL.encode()}))
    docs = list(read_paths([path], Settings(exclude=("drafts/*",))))
    assert [d.position for d in docs if isinstance(d, RawDoc)] == ["member keep.txt"]


def test_archive_zip_inside_zip(tmp_path: Path) -> None:
    inner = zip_bytes({"inner.txt": HARBOUR.encode()})
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_bytes({"nested.zip": inner, "top.txt": BRIDGE.encode()}))
    docs = list(read_paths([path], Settings()))
    assert [d.position for d in docs if isinstance(d, RawDoc)] == [
        "member nested.zip, member inner.txt", "member top.txt"]


def test_archive_refuses_nesting_too_deep(tmp_path: Path) -> None:
    data = HARBOUR.encode()
    for level in range(8):
        data = zip_bytes({f"level{level}.zip" if level else "a.txt": data})
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "too_deep"


def test_archive_quarantines_truncated_and_corrupt_gzip(tmp_path: Path) -> None:
    # Distinct lines, so that half the compressed bytes still decompress to whole lines.
    lines = [json.dumps({"text": f"{HARBOUR} Update {n}: {hashlib.sha1(bytes(n)).hexdigest()}"})
             for n in range(2000)]
    data = gzip_bytes("\n".join(lines).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "corrupt.txt.gz").write_bytes(data[:10] + b"\xff" * 40 + data[50:])
    items = list(read_paths([tmp_path], Settings()))
    assert ("corrupt.txt.gz", "bad_compression") in [(Path(s).name, c) for s, c in _codes(items)]
    cut = [i for i in items if i.source.split("#")[0].endswith("cut.jsonl.gz")]
    assert isinstance(cut[0], RawDoc) and isinstance(cut[-1], QuarantineRow) and cut[-1].code == "truncated"
    assert 100 < len(cut) < 2000


def test_archive_quarantines_a_truncated_zip(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(zip_bytes({"a.txt": HARBOUR.encode()})[:40])
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "truncated"
    assert row.source.endswith("#member a.txt") and "cut short inside this member" in row.message


def test_archive_refuses_a_member_declared_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"zeros.txt": b"0" * 3_000_000, "ok.txt": HARBOUR.encode()}))
    items = list(read_paths([path], Settings(max_member_bytes=1_000_000)))
    assert _codes(items) == [("member zeros.txt", "too_large")] and isinstance(items[1], RawDoc)


def test_archive_stops_at_the_zip_bomb_budget(tmp_path: Path) -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    members = {f"part{n}.jsonl": line * 4000 for n in range(4)}  # ~0.8 MB each, ~3 KB compressed
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes(members))
    items = list(read_paths([path], Settings(max_archive_bytes=1_000_000)))
    codes = _codes(items)
    assert codes[0][1] == "archive_too_large" and codes[-1] == ("member part2.jsonl", "archive_too_large")
    assert items[-1].message.endswith("members left unread: 2")
    assert sum(isinstance(i, RawDoc) for i in items) < 8000


def test_archive_caps_a_gzip_stream(tmp_path: Path) -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip_bytes(line * 20_000))  # ~4 MB of JSONL, ~10 KB compressed
    items = list(read_paths([path], Settings(max_member_bytes=1_000_000)))
    assert isinstance(items[0], RawDoc)
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "too_large"
    assert len(items) < 20_000


def test_archive_reports_an_encrypted_member(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"secret.txt": b"flagged as encrypted"}))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers
        data[data.index(signature) + flag_at] |= 0x1
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "encrypted"


def test_archive_reports_a_zip_with_nothing_to_read(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    path.write_bytes(zip_bytes({"a.jpg": b"\xff\xd8\xff"}))
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "empty"


def _tar_corpus() -> bytes:
    return tar_bytes({
        "./2026/harbour.txt": HARBOUR.encode(),
        "feed.jsonl": (json.dumps({"text": BRIDGE}) + "\n").encode(),
        "inner.zip": zip_bytes({"festival.txt": FESTIVAL.encode()}),
        "drafts/skip.txt": BRIDGE.encode(),
        "photo.jpg": b"\xff\xd8\xff",
    }, links={"latest.txt": "2026/harbour.txt"})


def test_archive_tar_in_every_wrapping_reads_its_members_in_order(tmp_path: Path) -> None:
    data = _tar_corpus()
    (tmp_path / "a.tar").write_bytes(data)
    (tmp_path / "b.tar.gz").write_bytes(gzip_bytes(data))
    (tmp_path / "c.tgz").write_bytes(gzip_bytes(data))
    (tmp_path / "d.gz").write_bytes(gzip_bytes(data))  # no inner name: sniffed as a tar
    items = list(read_paths([tmp_path], Settings(exclude=("drafts/*",))))
    by_file: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        source, _, where = item.source.partition("#")
        label = item.position if isinstance(item, RawDoc) else f"{where} {item.code}"
        kind = "doc" if isinstance(item, RawDoc) else "row"
        by_file.setdefault(Path(source).name, []).append((kind, label))
    expected = [("doc", "member ./2026/harbour.txt"), ("doc", "member feed.jsonl, line 1"),
                ("doc", "member inner.zip, member festival.txt"),
                ("row", "member latest.txt not_a_file")]
    assert by_file == {name: expected for name in ("a.tar", "b.tar.gz", "c.tgz", "d.gz")}


def test_archive_tar_cut_short_keeps_the_members_before(tmp_path: Path) -> None:
    data = tar_bytes({"a.txt": HARBOUR.encode(), "b.txt": BRIDGE.encode() * 20})
    cut = data.index(b"b.txt") + 2000  # inside the second member's data
    (tmp_path / "cut.tar").write_bytes(data[:cut])
    (tmp_path / "cut.tgz").write_bytes(gzip_bytes(data[:cut]))
    for name in ("cut.tar", "cut.tgz"):
        items = list(read_paths([tmp_path / name], Settings()))
        assert isinstance(items[0], RawDoc) and items[0].position == "member a.txt"
        assert [(i.source.rsplit("#", 1)[-1], i.code) for i in items[1:]] == [("member b.txt", "truncated")]


def _json_lines(count: int) -> bytes:
    return b"".join((json.dumps({"text": f"{n} {HARBOUR}"}) + "\n").encode() for n in range(count))


def _whole_lines(data: bytes) -> int:
    """JSON lines whose newline lies in ``data`` (a cut tar of one member: after its header)."""
    return data[512:].count(b"\n")


@pytest.mark.parametrize("share", [0.2, 0.5, 0.9])
def test_archive_tar_member_cut_short_keeps_every_whole_record(tmp_path: Path, share: float) -> None:
    # tarfile's member reader dropped what a read gathered when it met the archive's end: a
    # JSONL member cut at 30 % lost 167 of its 610 whole lines, a WARC member every record
    lines = _json_lines(600)
    data = tar_bytes({"a.jsonl": lines})
    cut = data[: 512 + int(len(lines) * share)]
    items = list(read_paths([_write(tmp_path, "cut.tar", cut)], Settings()))
    assert [i.position for i in items if isinstance(i, RawDoc)] == [
        f"member a.jsonl, line {n + 1}" for n in range(_whole_lines(cut))]
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]
    # compressed whole, the same lines (those whole in what decompresses)
    packed = gzip_bytes(data)
    packed = packed[: int(len(packed) * share)]
    items = list(read_paths([_write(tmp_path, "cut.tgz", packed)], Settings()))
    readable = zlib.decompressobj(wbits=31).decompress(packed)
    assert sum(isinstance(i, RawDoc) for i in items) == _whole_lines(readable)
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


@pytest.mark.parametrize("compress", [False, True])
def test_archive_tar_warc_member_cut_short_keeps_its_whole_records(tmp_path: Path, compress: bool) -> None:
    records = [(f"https://news.example.org/{n}", page(f"Page {n}", FESTIVAL * 10).encode(),
                "text/html", "200 OK") for n in range(12)]
    warc = warc_bytes(records, compress=compress, with_requests=False)
    whole = warc_bytes(records[:6], compress=compress, with_requests=False)
    data = tar_bytes({"crawl.warc.gz" if compress else "crawl.warc": warc})
    items = list(read_paths([_write(tmp_path, "cut.tar", data[: 512 + len(whole) + 100])], Settings()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert [d.meta_get("url") for d in docs] == [url for url, *_ in records[:6]]
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


def test_archive_tar_text_member_cut_short_is_no_document(tmp_path: Path) -> None:
    data = tar_bytes({"a.txt": BRIDGE.encode() * 200})
    items = list(read_paths([_write(tmp_path, "cut.tar", data[:3000])], Settings()))
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [("QuarantineRow", "truncated")]


def test_archive_tar_inside_a_tar_cut_short_keeps_the_inner_members_whole_lines(tmp_path: Path) -> None:
    lines = _json_lines(300)
    inner = tar_bytes({"a.jsonl": lines})
    data = tar_bytes({"inner.tar": inner})
    cut = data[: 1024 + len(lines) // 2]
    items = list(read_paths([_write(tmp_path, "cut.tar", cut)], Settings()))
    assert sum(isinstance(i, RawDoc) for i in items) == cut[1024:].count(b"\n")
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


def _write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def test_archive_tar_reports_what_follows_a_header_that_does_not_parse(tmp_path: Path) -> None:
    good = tar_bytes({"a.txt": HARBOUR.encode()})
    end = good.index(b"\0" * 1024, good.index(HARBOUR.encode()[-20:]))  # where the end blocks start
    end += -end % 512
    path = tmp_path / "broken.tar"
    path.write_bytes(good[:end] + b"\xff" * 4096)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    row = items[-1]
    assert isinstance(row, QuarantineRow) and row.code == "bad_archive"
    assert row.source.endswith(f"#tar offset {end}") and "4096 bytes from a header" in row.message


def test_archive_tar_reports_bytes_after_its_end(tmp_path: Path) -> None:
    path = tmp_path / "two.tar"
    path.write_bytes(tar_bytes({"a.txt": HARBOUR.encode()}) + b"appended notes\n")
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    row = items[-1]
    end = len(tar_bytes({"a.txt": HARBOUR.encode()}))
    assert isinstance(row, QuarantineRow) and row.code == "bad_archive"
    assert row.message == "15 bytes after the end of the archive are not read"
    assert row.source.endswith(f"#tar offset {end}")


def test_archive_tar_caps_members_and_the_budget(tmp_path: Path) -> None:
    big = ("word " * 600).encode()
    path = tmp_path / "bomb.tgz"
    path.write_bytes(gzip_bytes(tar_bytes({"big.txt": big * 10, "a.txt": HARBOUR.encode()})))
    items = list(read_paths([path], Settings(max_member_bytes=5000)))
    assert _codes(items) == [("member big.txt", "too_large")]
    assert [i.position for i in items if isinstance(i, RawDoc)] == ["member a.txt"]
    # 40 members of 30 KB: the budget of 400 KB is spent on the 13th or so.
    many = gzip_bytes(tar_bytes({f"m{n}.txt": HARBOUR.encode() + big * 10 for n in range(40)}))
    path.write_bytes(many)
    items = list(read_paths([path], Settings(max_archive_bytes=400_000)))
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "archive_too_large"
    assert 5 < sum(isinstance(i, RawDoc) for i in items) < 14


def test_archive_tar_rejects_what_is_no_tar(tmp_path: Path) -> None:
    (tmp_path / "notes.tar").write_bytes(b"these are plain notes, not an archive\n" * 40)
    (tmp_path / "short.tar").write_bytes(b"a few bytes")
    (tmp_path / "empty.tar").write_bytes(b"")
    (tmp_path / "none.tar").write_bytes(tar_bytes({"photo.jpg": b"\xff\xd8\xff"}))
    items = list(read_paths([tmp_path], Settings()))
    assert sorted((Path(i.source).name, i.code) for i in items if isinstance(i, QuarantineRow)) == [
        ("empty.tar", "empty"), ("none.tar", "empty"), ("notes.tar", "bad_archive"),
        ("short.tar", "bad_archive")]


def test_archive_tar_shows_undecodable_member_names_escaped(tmp_path: Path) -> None:
    data = tar_bytes({"caf\udce9.txt": HARBOUR.encode()})
    path = tmp_path / "latin.tar"
    path.write_bytes(data.replace("caf\udce9".encode("utf-8", "surrogateescape"), b"caf\xe9"))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.position == "member caf\\xe9.txt"


def _raw_member(name: str, data: bytes, kind: bytes = tarfile.REGTYPE, size: int | None = None) -> bytes:
    info = tarfile.TarInfo(name)
    info.type, info.size = kind, len(data) if size is None else size
    return info.tobuf(format=tarfile.GNU_FORMAT) + data + b"\0" * (-len(data) % 512)


def test_archive_tar_member_declaring_more_than_the_file_holds_ends_the_read(tmp_path: Path) -> None:
    # tarfile skipped the declared 2**70 bytes block by block, past the end: it never finished.
    path = tmp_path / "liar.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode()) + _raw_member("big.bin", b"", size=2**70)
                     + b"\0" * 2048)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    row = items[-1]
    assert isinstance(row, QuarantineRow) and row.code == "truncated"
    assert row.source.endswith("#tar offset 1024")  # the member that declares too much


def test_archive_tar_refuses_an_extended_header_over_64_kib(tmp_path: Path) -> None:
    # pax and long-name headers are read whole, and pax parsing is quadratic in a run of digits.
    path = tmp_path / "bomb.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode())
                     + _raw_member("././@PaxHeader", b"1" * 70_000, kind=tarfile.XHDTYPE)
                     + _raw_member("b.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and items[0].position == "member a.txt"
    row = items[-1]
    assert isinstance(row, QuarantineRow) and row.code == "bad_archive"
    assert "a pax header of 70000 bytes" in row.message


def test_archive_tar_escapes_control_characters_in_member_names(tmp_path: Path) -> None:
    path = tmp_path / "names.tar"
    path.write_bytes(tar_bytes({"a\x01b.txt": HARBOUR.encode()}))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.position == "member a\\x01b.txt"


def test_archive_nameless_gzip_of_a_tar_is_capped_by_the_budget_only(tmp_path: Path) -> None:
    # Its content is sniffed: it may be a tar, whose members are capped one by one.
    members = {f"m{n}.txt": HARBOUR.encode() + b" " + b"word " * 2000 for n in range(12)}
    path = tmp_path / "corpus.gz"
    path.write_bytes(gzip_bytes(tar_bytes(members)))
    items = list(read_paths([path], Settings(max_member_bytes=20_000)))
    assert [i.position for i in items if isinstance(i, RawDoc)] == [f"member m{n}.txt" for n in range(12)]


def _pax_record(key: str, value: str) -> bytes:
    body = f" {key}={value}\n".encode()
    size = len(body) + 1
    while len(str(size)) + len(body) != size:
        size += 1
    return str(size).encode() + body


@pytest.mark.parametrize(("header", "says"), [
    # CPython's pax parsing (before 3.11.10) is quadratic in a run of digits.
    (_raw_member("pax", _pax_record("comment", "1" * 5_000), kind=tarfile.XHDTYPE), "run of 100 digits"),
])
def test_archive_tar_refuses_headers_of_unbounded_cost(tmp_path: Path, header: bytes, says: str) -> None:
    path = tmp_path / "costly.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode()) + header
                     + _raw_member("b.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and items[0].position == "member a.txt"
    row = items[-1]
    assert isinstance(row, QuarantineRow) and row.code == "bad_archive" and says in row.message


def test_archive_tar_reads_a_member_named_with_a_long_run_of_digits(tmp_path: Path) -> None:
    # Only a pax header's own records are checked for digit runs, not the member header after.
    name = "2024010112000012345678901234567890123456.txt"
    path = tmp_path / "ids.tar"
    path.write_bytes(_raw_member("pax", _pax_record("mtime", "1700000000.5"), kind=tarfile.XHDTYPE)
                     + _raw_member(name, HARBOUR.encode()) + b"\0" * 1024)
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.position == f"member {name}"


def test_archive_tar_reads_members_after_ordinary_pax_headers(tmp_path: Path) -> None:
    records = _pax_record("path", "dossiers/ä-" + "x" * 150 + ".txt") + _pax_record("mtime", "1700000000.5")
    path = tmp_path / "posix.tar"
    path.write_bytes(_raw_member("pax", records, kind=tarfile.XHDTYPE)
                     + _raw_member("short.txt", HARBOUR.encode())
                     + _raw_member("b.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert [i.position for i in items if isinstance(i, RawDoc)] == [
        "member dossiers/ä-" + "x" * 150 + ".txt", "member b.txt"]


def test_archive_bzip2_and_xz_read_as_their_inner_names_say(tmp_path: Path) -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    (tmp_path / "a.jsonl.bz2").write_bytes(bz2.compress(line))
    (tmp_path / "b.jsonl.xz").write_bytes(lzma.compress(line))
    (tmp_path / "c.tar.xz").write_bytes(lzma.compress(tar_bytes({"m.txt": BRIDGE.encode()})))
    (tmp_path / "d.tbz2").write_bytes(bz2.compress(tar_bytes({"n.txt": FESTIVAL.encode()})))
    (tmp_path / "e.bz2").write_bytes(bz2.compress(RSS.encode()))  # no inner name: sniffed
    docs = list(read_paths([tmp_path], Settings()))
    assert [(Path(d.source).name, d.position) for d in docs if isinstance(d, RawDoc)] == [
        ("a.jsonl.bz2", "line 1"), ("b.jsonl.xz", "line 1"), ("c.tar.xz", "member m.txt"),
        ("d.tbz2", "member n.txt"), ("e.bz2", "entry 1"), ("e.bz2", "entry 2")]


def test_archive_bzip2_xz_and_zstd_are_sniffed_without_a_name() -> None:
    for compress in (bz2.compress, lzma.compress, zstd.compress):
        items = list(read_bytes(compress(tar_bytes({"m.txt": HARBOUR.encode()})), "", Settings()))
        assert [i.position for i in items if isinstance(i, RawDoc)] == ["member m.txt"]


_SUFFIX: dict[Callable[[bytes], bytes], str] = {
    gzip_bytes: ".gz", bz2.compress: ".bz2", lzma.compress: ".xz", zstd.compress: ".zst"}


@pytest.mark.parametrize("compress", list(_SUFFIX))
def test_archive_concatenated_streams_are_one_file_and_padding_is_skipped(
        tmp_path: Path, compress: Callable[[bytes], bytes]) -> None:
    path = tmp_path / f"a.txt{_SUFFIX[compress]}"
    path.write_bytes(compress(HARBOUR.encode() + b"\n\n") + compress(BRIDGE.encode()) + b"\0" * 8)
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text and BRIDGE in doc.text


@pytest.mark.parametrize("compress", list(_SUFFIX))
def test_archive_damaged_second_stream_is_a_row_not_silence(
        tmp_path: Path, compress: Callable[[bytes], bytes]) -> None:
    # bz2.BZ2File and lzma.LZMAFile drop a damaged stream after a good one without a word.
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    second = bytearray(compress(line * 3))
    second[1] ^= 0xFF
    path = tmp_path / f"a.jsonl{_SUFFIX[compress]}"
    path.write_bytes(compress(line * 2) + bytes(second))
    items = list(read_paths([path], Settings()))
    assert [i.position for i in items if isinstance(i, RawDoc)] == ["line 1", "line 2"]
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "bad_compression"
    assert "after 1 whole stream" in items[-1].message


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress, zstd.compress])
def test_archive_cut_or_corrupt_bzip2_xz_and_zstd(tmp_path: Path,
                                                 compress: Callable[[bytes], bytes]) -> None:
    data = compress(HARBOUR.encode() * 50)
    suffix = _SUFFIX[compress]
    cut, corrupt = tmp_path / f"cut.txt{suffix}", tmp_path / f"corrupt.txt{suffix}"
    cut.write_bytes(data[: len(data) // 2])
    corrupt.write_bytes(data[:4] + b"\x55" * 40 + data[44:])
    assert [(Path(r.source).name, r.code) for r in read_paths([cut, corrupt], Settings())
            if isinstance(r, QuarantineRow)] == [(cut.name, "truncated"), (corrupt.name, "bad_compression")]


@pytest.mark.parametrize("compress", list(_SUFFIX))
@pytest.mark.parametrize("keep", [6, 12, 20])
def test_archive_second_stream_cut_inside_its_headers_is_truncated_not_garbage(
        tmp_path: Path, compress: Callable[[bytes], bytes], keep: int) -> None:
    # under 32 bytes and no output yet: it opens with the format's magic number, so it is a
    # stream cut short (a per-record WARC's last record), not bytes that are no stream
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    path = tmp_path / f"a.jsonl{_SUFFIX[compress]}"
    path.write_bytes(compress(line) + compress(line * 3)[:keep])
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and isinstance(items[-1], QuarantineRow)
    assert items[-1].code == "truncated"


def test_archive_per_record_zstd_warc_cut_in_its_last_frames_header_is_truncated(
        tmp_path: Path) -> None:
    frames = [zstd.compress(warc_bytes([(f"https://news.example.org/{n}",
                                         page(f"Page {n}", FESTIVAL).encode(), "text/html",
                                         "200 OK")], compress=False, with_requests=False))
              for n in range(3)]
    path = tmp_path / "a.warc.zst"
    path.write_bytes(b"".join(frames[:2]) + frames[2][:10])
    items = list(read_paths([path], Settings()))
    assert [i.code if isinstance(i, QuarantineRow) else "doc" for i in items] == [
        "doc", "doc", "truncated"]


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress, zstd.compress])
def test_archive_bzip2_xz_and_zstd_bombs_stop_at_the_caps(tmp_path: Path,
                                                         compress: Callable[[bytes], bytes]) -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    path = tmp_path / f"big.jsonl{_SUFFIX[compress]}"
    path.write_bytes(compress(line * 20_000))  # ~10 MB from a few KB
    items = list(read_paths([path], Settings(max_member_bytes=1_000_000)))
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "too_large"
    tar = tmp_path / f"bomb.tar{_SUFFIX[compress]}"
    tar.write_bytes(compress(tar_bytes({f"m{n}.jsonl": line * 2000 for n in range(10)})))
    items = list(read_paths([tar], Settings(max_archive_bytes=2_000_000)))
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "archive_too_large"


def test_archive_xz_declaring_a_huge_dictionary_is_refused(tmp_path: Path) -> None:
    data = lzma.compress(HARBOUR.encode())
    size = (data[12] + 1) * 4  # the block header after the 12-byte stream header
    header = bytearray(data[12:12 + size])
    at = header.index(b"\x21\x01") + 2  # LZMA2's one property byte: the dictionary size
    header[at] = 40  # 4 GiB
    header[-4:] = zlib.crc32(bytes(header[:-4])).to_bytes(4, "little")
    path = tmp_path / "a.txt.xz"
    path.write_bytes(data[:12] + bytes(header) + data[12 + size:])
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_compression"
    assert "Memory usage limit" in row.message


@pytest.mark.parametrize("compress", list(_SUFFIX))
def test_archive_compressed_file_whose_name_does_not_say_so(tmp_path: Path,
                                                            compress: Callable[[bytes], bytes]) -> None:
    # A server's gzip kept by a downloader, a .tar.gz saved as .tar: read by content, not refused.
    (tmp_path / "corpus.tar").write_bytes(compress(tar_bytes({"m.txt": HARBOUR.encode()})))
    (tmp_path / "feed.jsonl").write_bytes(compress((json.dumps({"text": BRIDGE}) + "\n").encode()))
    items = list(read_paths([tmp_path], Settings(max_member_bytes=20_000)))
    assert [(Path(i.source).name, i.position) for i in items if isinstance(i, RawDoc)] == [
        ("corpus.tar", "member m.txt"), ("feed.jsonl", "line 1")]


def test_archive_mislabelled_compression_nested_too_deep_is_refused(tmp_path: Path) -> None:
    data = HARBOUR.encode()
    for _ in range(8):
        data = gzip_bytes(data)
    (tmp_path / "a.txt").write_bytes(data)
    (row,) = read_paths([tmp_path / "a.txt"], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "too_deep"


def test_archive_text_that_opens_like_a_magic_number_is_text(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_bytes(b"BZh91AY&SY is how a bzip2 block begins. " + HARBOUR.encode())
    (doc,) = read_paths([tmp_path / "notes.txt"], Settings())
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text


@pytest.mark.parametrize("name", ["empty.txt.gz", "empty.txt.bz2", "empty.txt.xz", "empty.txt.zst"])
def test_archive_empty_compressed_file_is_empty(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    (row,) = read_paths([tmp_path / name], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "empty"


@pytest.mark.parametrize(("suffix", "compress"), [
    (".gz", gzip_bytes), (".bz2", partial(bz2.compress, compresslevel=1)), (".xz", lzma.compress),
    (".zst", zstd.compress)])
def test_archive_cut_compressed_file_keeps_the_lines_before_the_cut(
        tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]) -> None:
    # A read that asks for 64 KiB and meets the cut must not lose what it had decompressed
    # (bzip2 gives nothing of a block cut short: its blocks here are 100 KB).
    lines = [(json.dumps({"text": f"{HARBOUR} ({n})"}) + "\n").encode() for n in range(3000)]
    data = compress(b"".join(lines))
    cut = data[: int(len(data) * 0.9)]
    path = tmp_path / f"cut.jsonl{suffix}"
    path.write_bytes(cut)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "truncated"
    docs = [i for i in items if isinstance(i, RawDoc)]
    decoder = {".gz": partial(zlib.decompressobj, wbits=31), ".bz2": bz2.BZ2Decompressor,
               ".xz": lzma.LZMADecompressor, ".zst": zstd.ZstdDecompressor}[suffix]()
    whole_lines = decoder.decompress(cut).count(b"\n")  # every line the cut data still holds
    assert whole_lines > 1000 and len(docs) == whole_lines
    assert [d.position for d in docs] == [f"line {n + 1}" for n in range(len(docs))]


def test_archive_compression_named_wrong_is_read_by_its_magic(tmp_path: Path) -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    (tmp_path / "a.jsonl.gz").write_bytes(bz2.compress(line))
    (tmp_path / "b.jsonl.bz2").write_bytes(lzma.compress(line))
    (tmp_path / "c.tar.xz").write_bytes(gzip_bytes(tar_bytes({"m.txt": BRIDGE.encode()})))
    items = list(read_paths([tmp_path], Settings()))
    assert [(Path(i.source).name, i.position) for i in items if isinstance(i, RawDoc)] == [
        ("a.jsonl.gz", "line 1"), ("b.jsonl.bz2", "line 1"), ("c.tar.xz", "member m.txt")]


def test_archive_zstd_skippable_frames_are_skipped(tmp_path: Path) -> None:
    # pzstd opens its output with a skippable frame (its index); other tools put metadata in them
    skippable = (0x184D2A50).to_bytes(4, "little") + (6).to_bytes(4, "little") + b"index!"
    path = tmp_path / "a.txt.zst"
    path.write_bytes(skippable + zstd.compress(HARBOUR.encode() + b"\n\n") + skippable
                     + zstd.compress(BRIDGE.encode()))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text and BRIDGE in doc.text
    assert [i.position for i in read_bytes(path.read_bytes(), "", Settings())
            if isinstance(i, RawDoc)] == [doc.position]  # sniffed by the skippable frame's magic


def _warc_zstd(dictionary: zstd.ZstdDict, compressed_dictionary: bool) -> bytes:
    """A WARC as the warc-zstd proposal has it: a skippable frame holding the dictionary, then
    each record a frame of its own compressed against it."""
    records = [warc_bytes([(f"https://news.example.org/{n}", page(f"Story {n}", text).encode(),
                            "text/html", "200 OK")], compress=False, with_requests=False)
               for n, text in enumerate((HARBOUR, BRIDGE, FESTIVAL))]
    content = dictionary.as_bytes() if hasattr(dictionary, "as_bytes") else dictionary.dict_content
    if compressed_dictionary:
        content = zstd.compress(content)
    frame = (0x184D2A5D).to_bytes(4, "little") + len(content).to_bytes(4, "little") + content
    compressor = zstd.ZstdCompressor(zstd_dict=dictionary)
    return frame + b"".join(compressor.compress(r, zstd.ZstdCompressor.FLUSH_FRAME) for r in records)


@pytest.mark.parametrize("compressed_dictionary", [False, True])
def test_archive_warc_zstd_with_its_dictionary_is_read(tmp_path: Path, compressed_dictionary: bool) -> None:
    samples = [warc_bytes([(f"https://example.org/{n}", page(f"T {n}", f"{HARBOUR} {n}").encode(),
                            "text/html", "200 OK")], compress=False, with_requests=False)
               for n in range(60)]
    dictionary = zstd.train_dict(samples, 2048)
    data = _warc_zstd(dictionary, compressed_dictionary)
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(data)
    items = list(read_paths([path], Settings()))
    assert all(isinstance(i, RawDoc) for i in items)
    assert [i.meta_get("url") for i in items if isinstance(i, RawDoc)] == [
        f"https://news.example.org/{n}" for n in range(3)]
    assert [i.meta_get("url") for i in read_bytes(data, "", Settings()) if isinstance(i, RawDoc)] == [
        f"https://news.example.org/{n}" for n in range(3)]
    # cat a.warc.zst b.warc.zst: each part's frames read against its own dictionary
    both = tmp_path / "both.warc.zst"
    both.write_bytes(data + _warc_zstd(zstd.train_dict(samples[30:], 1024), compressed_dictionary))
    assert len([i for i in read_paths([both], Settings()) if isinstance(i, RawDoc)]) == 6
    # without its dictionary a frame does not decompress: a row, not silence
    cut = tmp_path / "nodict.warc.zst"
    frame_size = 8 + int.from_bytes(data[4:8], "little")
    cut.write_bytes(data[frame_size:])
    (row,) = read_paths([cut], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_compression" and "Dictionary" in row.message


def test_archive_zstd_dictionary_frame_cut_damaged_or_over_the_cap(tmp_path: Path) -> None:
    def frame(size: int, content: bytes) -> bytes:
        return (0x184D2A5D).to_bytes(4, "little") + size.to_bytes(4, "little") + content

    (tmp_path / "cut.warc.zst").write_bytes(frame(1000, b"\0" * 10))
    (tmp_path / "damaged.warc.zst").write_bytes(frame(44, b"\x37\xa4\x30\xec" + b"junk" * 10)
                                                    + zstd.compress(HARBOUR.encode()))
    (tmp_path / "huge.warc.zst").write_bytes(frame(1 << 30, b"\0" * 10))
    rows = [r for r in read_paths(sorted(tmp_path.iterdir()), Settings()) if isinstance(r, QuarantineRow)]
    # a damaged dictionary: the frames after it are not read (bytes after a whole stream, the
    # dictionary's), so the WARC is empty too
    assert [(Path(r.source).name, r.code) for r in rows] == [
        ("cut.warc.zst", "truncated"), ("damaged.warc.zst", "empty"),
        ("damaged.warc.zst", "bad_compression"), ("huge.warc.zst", "bad_compression")]
    assert "dictionary" in rows[2].message and "dictionary" in rows[3].message


def test_archive_zstd_window_over_the_decoder_limit_is_refused(tmp_path: Path) -> None:
    # zstd --long=31 writes frames whose window (2 GiB) zstd's decoder refuses by default
    compressor = zstd.ZstdCompressor(options={zstd.CompressionParameter.window_log: 31})
    data = bytearray(compressor.compress(HARBOUR.encode()) + compressor.flush())
    path = tmp_path / "a.txt.zst"
    path.write_bytes(bytes(data))
    (row,) = read_paths([path], Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_compression"


def test_archive_warc_and_zip_compressed_whole_are_read_by_their_magic(tmp_path: Path) -> None:
    (tmp_path / "a.warc").write_bytes(bz2.compress(sample_warc(compress=False)))
    (tmp_path / "b.warc").write_bytes(lzma.compress(sample_warc(compress=False)))
    (tmp_path / "d.warc").write_bytes(zstd.compress(sample_warc(compress=False)))
    (tmp_path / "c.zip").write_bytes(gzip_bytes(zip_bytes({"m.txt": HARBOUR.encode()})))
    items = list(read_paths([tmp_path], Settings()))
    assert all(isinstance(i, RawDoc) for i in items)
    assert [Path(i.source).name for i in items] == [
        "a.warc", "a.warc", "b.warc", "b.warc", "c.zip", "d.warc", "d.warc"]


@pytest.mark.parametrize("compress", list(_SUFFIX))
@pytest.mark.parametrize("tail", [b"\n", b"B", b"junk after the stream"])
def test_archive_bytes_after_the_last_stream_are_a_row_and_the_text_is_kept(
        tmp_path: Path, compress: Callable[[bytes], bytes], tail: bytes) -> None:
    # GNU gzip reads such a file with a warning; GzipFile refused it and lost the document.
    path = tmp_path / f"a.txt{_SUFFIX[compress]}"
    path.write_bytes(compress(HARBOUR.encode()) + tail)
    doc, row = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    assert isinstance(row, QuarantineRow) and row.code == "bad_compression"
    assert row.message.startswith(f"{len(tail)} bytes after 1 whole stream(s)")


def test_archive_nameless_damaged_gzip_is_bad_compression_not_binary() -> None:
    data = bytearray(gzip_bytes(HARBOUR.encode() * 20))
    data[12:40] = b"\xff" * 28
    (row,) = read_bytes(bytes(data), "", Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_compression"


def test_archive_cut_gzip_gives_what_zlib_held_back(tmp_path: Path) -> None:
    # zlib keeps up to about half a KB of output until asked again with no more input.
    line = (json.dumps({"text": HARBOUR + " word" * 200}) + "\n").encode()
    data = gzip_bytes(line * 3000)
    for cut in range(4560, 4680):  # 4619 met it with zlib 1.2.13
        whole_lines = zlib.decompressobj(wbits=31).decompress(data[:cut]).count(b"\n")
        docs = [i for i in read_bytes(data[:cut], "a.jsonl.gz", Settings()) if isinstance(i, RawDoc)]
        assert len(docs) == whole_lines, cut


def test_archive_second_member_cut_short_is_truncated_not_trailing() -> None:
    first = gzip_bytes((json.dumps({"text": HARBOUR}) + "\n").encode())
    second = gzip_bytes((json.dumps({"text": "word " * 400}) + "\n").encode())[:28]
    items = list(read_bytes(first + second, "a.jsonl.gz", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc", "QuarantineRow"] and items[1].code == "truncated"


def test_archive_uncompressed_file_with_a_compressed_name_is_read_as_it_is(tmp_path: Path) -> None:
    # A browser gunzips a download and keeps its name.
    (tmp_path / "a.jsonl.gz").write_bytes((json.dumps({"text": HARBOUR}) + "\n").encode())
    (tmp_path / "b.tgz").write_bytes(tar_bytes({"m.txt": BRIDGE.encode()}))
    (tmp_path / "c.txt.xz").write_bytes(bytes(range(256)) * 8)  # not text: its decompressor says why
    (tmp_path / "d.txt.gz").write_bytes(FESTIVAL.encode("utf-16"))
    items = list(read_paths([tmp_path], Settings()))
    assert [(Path(i.source).name, i.position if isinstance(i, RawDoc) else i.code) for i in items] == [
        ("a.jsonl.gz", "line 1"), ("b.tgz", "member m.txt"), ("c.txt.xz", "bad_compression"),
        ("d.txt.gz", "")]


def _old_gnu_sparse_member(name: str, data: bytes, extension_blocks: int) -> bytes:
    """An old-GNU sparse member ('S') holding ``data`` at offset 0 of a 1 MB file, its map
    run on over ``extension_blocks`` blocks (one entry each), as ``tar --sparse`` writes."""
    header = bytearray(tarfile.TarInfo(name).tobuf(format=tarfile.GNU_FORMAT))
    header[124:136] = b"%011o\0" % len(data)
    header[156:157] = b"S"
    header[386:410] = b"%011o\0%011o\0" % (0, len(data))  # the first map entry
    header[482] = 1 if extension_blocks else 0
    header[483:495] = b"%011o\0" % (1 << 20)
    header[148:156] = b" " * 8
    header[148:156] = b"%06o\0 " % sum(header)
    blocks = b""
    for n in range(extension_blocks):
        block = bytearray(512)
        block[0:24] = b"%011o\0%011o\0" % ((n + 1) * 4096, 1)
        block[504] = 1 if n + 1 < extension_blocks else 0
        blocks += bytes(block)
    return bytes(header) + blocks + data + b"\0" * (-len(data) % 512)


@pytest.mark.parametrize("extension_blocks", [0, 3])
def test_archive_tar_sparse_member_is_a_row_and_the_members_after_it_are_read(
        tmp_path: Path, extension_blocks: int) -> None:
    # It stopped the archive: the members after a sparse file were not read.
    path = tmp_path / "sparse.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode())
                     + _old_gnu_sparse_member("holes.txt", b"x" * 700, extension_blocks)
                     + _raw_member("z.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert [(type(i).__name__, i.source.split("#")[-1] if isinstance(i, QuarantineRow) else i.position)
            for i in items] == [("RawDoc", "member a.txt"), ("QuarantineRow", "member holes.txt"),
                                ("RawDoc", "member z.txt")]
    assert isinstance(items[1], QuarantineRow) and items[1].code == "binary"


def test_archive_tar_sparse_map_over_the_cap_stops_the_archive_with_a_row(tmp_path: Path) -> None:
    path = tmp_path / "sparse.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode())
                     + _old_gnu_sparse_member("holes.txt", b"x", 1100)
                     + _raw_member("z.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and len(items) == 2
    assert isinstance(items[1], QuarantineRow) and items[1].code == "bad_archive"
    assert "runs over 1024 blocks" in items[1].message


@pytest.mark.parametrize("count", [b"1", b"99999999999"])
def test_archive_tar_sparse_member_in_gnu_format_1_0_is_a_row(tmp_path: Path, count: bytes) -> None:
    # Its map, at the start of its data, is not read: however many entries it claims (tarfile
    # reads them all, and at the end of the data waits forever for the next line)
    data = (count + b"\n0\n700\n").ljust(512, b"\0") + b"x" * 700
    info = tarfile.TarInfo("GNUSparseFile.0/holes.txt")
    info.size = len(data)
    info.pax_headers = {"GNU.sparse.major": "1", "GNU.sparse.minor": "0",
                        "GNU.sparse.name": "holes.txt", "GNU.sparse.realsize": str(1 << 20)}
    sparse = info.tobuf(format=tarfile.PAX_FORMAT) + data + b"\0" * (-len(data) % 512)
    path = tmp_path / "sparse.tar"
    path.write_bytes(_raw_member("a.txt", HARBOUR.encode()) + sparse
                     + _raw_member("z.txt", BRIDGE.encode()) + b"\0" * 1024)
    items = list(read_paths([path], Settings()))
    assert [(type(i).__name__, i.source.split("#")[-1] if isinstance(i, QuarantineRow) else i.position)
            for i in items] == [("RawDoc", "member a.txt"), ("QuarantineRow", "member holes.txt"),
                                ("RawDoc", "member z.txt")]


def test_archive_zstd_dictionaries_are_capped_in_all() -> None:
    # a 526-byte frame holding a zstd-compressed 16 MiB dictionary, again and again: 1 MB of
    # input decompressed 31 GB outside the byte budget
    blocks = b"".join((((1 << 17) << 3) | 2 | (k == 127)).to_bytes(3, "little") + b"A"
                      for k in range(128))  # 128 RLE blocks of 128 KiB
    rle = b"\x28\xb5\x2f\xfd" + bytes([0, 14 << 3]) + blocks
    frame = (0x184D2A5D).to_bytes(4, "little") + len(rle).to_bytes(4, "little") + rle
    items = list(read_bytes(frame * 40 + zstd.compress(HARBOUR.encode()), "a.txt.zst", Settings()))
    # nothing before the cap holds text (an empty row), then why the rest is not read
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["empty", "bad_compression"]
    assert "dictionaries of over" in items[-1].message


def test_archive_tar_cut_inside_a_sparse_map_is_truncated(tmp_path: Path) -> None:
    data = _raw_member("a.txt", HARBOUR.encode()) + _old_gnu_sparse_member("holes.txt", b"x", 3)
    path = tmp_path / "cut.tar"
    path.write_bytes(data[: 512 * 2 + 512 + 256])  # a.txt, the sparse header, half a map block
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc) and isinstance(items[-1], QuarantineRow)
    assert items[-1].code == "truncated"


def test_archive_members_of_one_name_are_each_read_at_their_own_position(tmp_path: Path) -> None:
    # a zip writer may repeat a name, `tar -r` appends a newer copy: with one position, the
    # store took the second document for a new reading of the first and dropped it, and the
    # other way round on the next run
    import zipfile

    zipped = tmp_path / "a.zip"
    with zipfile.ZipFile(zipped, "w") as archive, pytest.warns(UserWarning, match="Duplicate"):
        for text in (HARBOUR, BRIDGE, FESTIVAL):
            archive.writestr("same.txt", text)
    tarred = tmp_path / "a.tar"
    with tarfile.open(tarred, "w") as archive:
        for text in (HARBOUR, BRIDGE):
            info = tarfile.TarInfo("same.txt")
            info.size = len(text.encode())
            archive.addfile(info, io.BytesIO(text.encode()))
    docs = [i for i in read_paths([zipped, tarred], Settings()) if isinstance(i, RawDoc)]
    assert [(Path(d.source.split("#")[0]).name, d.position) for d in docs] == [
        ("a.zip", "member same.txt"), ("a.zip", "member same.txt, copy 2"),
        ("a.zip", "member same.txt, copy 3"), ("a.tar", "member same.txt"),
        ("a.tar", "member same.txt, copy 2")]
    assert [d.text.strip() for d in docs] == [t.strip() for t in (HARBOUR, BRIDGE, FESTIVAL, HARBOUR, BRIDGE)]


# A zip without its central directory (the index at its end, which a cut download loses
# first): zipfile refuses it whole ("File is not a zip file") and every member was lost.

def _cut_zip(members: dict[str, bytes], keep: int | None = None, lose: int = 0) -> bytes:
    data = zip_bytes(members)
    return data[:keep] if keep is not None else data[: len(data) - lose]


def _zip_summary(data: bytes, **options: object) -> list[tuple[str, str]]:
    return [("doc", i.position) if isinstance(i, RawDoc) else (i.source.partition("#")[2], i.code)
            for i in read_bytes(data, "a.zip", Settings(**options))]  # type: ignore[arg-type]


def test_zip_without_its_central_directory_is_read_from_its_members_headers() -> None:
    members = {"a.txt": HARBOUR.encode(), "b.txt": BRIDGE.encode(), "c.txt": FESTIVAL.encode()}
    data = zip_bytes(members)
    index = data.rindex(b"PK\x01\x02", 0, data.index(b"PK\x05\x06"))  # the last index entry
    first_entry = data.index(b"PK\x01\x02")
    for cut in (len(data) - 5, index, first_entry):
        assert _zip_summary(data[:cut]) == [("doc", "member a.txt"), ("doc", "member b.txt"),
                                            ("doc", "member c.txt"), ("", "truncated")]


def test_zip_cut_inside_a_member_keeps_the_members_before_and_its_whole_lines() -> None:
    lines = _json_lines(400)
    data = zip_bytes({"a.txt": HARBOUR.encode(), "b.jsonl": lines, "c.txt": BRIDGE.encode()})
    start = data.index(b"b.jsonl") + 7
    cut = data[: start + (data.index(b"PK\x03\x04", start) - start) // 2]
    items = list(read_bytes(cut, "a.zip", Settings()))
    docs = [i.position for i in items if isinstance(i, RawDoc)]
    assert docs[0] == "member a.txt" and docs[1:] == [f"member b.jsonl, line {n + 1}"
                                                      for n in range(len(docs) - 1)]
    assert len(docs) > 100  # the lines whole in what was kept (deflate keeps some back)
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]
    # a text cut short is no document
    digits = " ".join(hashlib.sha256(str(n).encode()).hexdigest() for n in range(300))
    text_cut = zip_bytes({"a.txt": HARBOUR.encode(), "c.txt": digits.encode()})
    assert _zip_summary(text_cut[: text_cut.index(b"c.txt") + 200]) == [
        ("doc", "member a.txt"), ("member c.txt", "truncated")]


def test_zip_damaged_without_members_is_still_not_a_zip() -> None:
    for data in (b"plain words in a file named a.zip", b"PK\x05\x06" + b"\0" * 10, b"\0" * 100):
        assert [code for _, code in _zip_summary(data)] == ["bad_archive"]
    assert [code for _, code in _zip_summary(b"PK\x03\x04\x14\x00")] == ["truncated"]


def test_zip_without_its_index_skips_members_the_globs_leave_out_within_the_budget() -> None:
    data = _cut_zip({"big.bin": b"\0" * 3_000_000, "a.txt": HARBOUR.encode()}, lose=30)
    assert _zip_summary(data, max_archive_bytes=1_000_000) == [("", "archive_too_large")]
    assert _zip_summary(data) == [("doc", "member a.txt"), ("", "truncated")]


def test_tar_cut_inside_a_compressed_member_keeps_its_whole_lines() -> None:
    # the gzip reader read a whole chunk through the member, and the read that met the cut
    # failed: every line was lost
    lines = _json_lines(600)
    packed = gzip_bytes(lines)
    data = tar_bytes({"a.jsonl.gz": packed})
    cut = data[: 512 + len(packed) // 2]
    readable = zlib.decompressobj(wbits=31).decompress(cut[512:])
    items = list(read_bytes(cut, "a.tar", Settings()))
    assert sum(isinstance(i, RawDoc) for i in items) == readable.count(b"\n")
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


def test_zip_without_its_index_after_a_member_that_says_it_was_cut_still_says_what_is_lost() -> None:
    # a member whose own last row is "truncated" (its gzip is cut) was taken for the cut of the
    # zip: the members after it were lost without a row
    inner = gzip_bytes(_json_lines(20))[:-30]
    data = zip_bytes({"a.jsonl.gz": inner, "b.txt": HARBOUR.encode(), "c.txt": BRIDGE.encode()})
    cut = data[: data.index(b"b.txt") + 2]  # inside b.txt's header
    codes = [i.code for i in read_bytes(cut, "a.zip", Settings()) if isinstance(i, QuarantineRow)]
    assert codes == ["truncated", "truncated"]  # a.jsonl.gz's own, then the zip's


def test_zip_without_its_index_names_encrypted_and_damaged_members() -> None:
    data = zip_bytes({"a.txt": HARBOUR.encode(), "b.txt": BRIDGE.encode()})
    second = data.index(b"PK\x03\x04", 4)
    flagged = bytearray(data[: data.index(b"PK\x01\x02")])
    flagged[second + 6] |= 0x1  # b.txt: "encrypted" (ZipCrypto)
    codes = [(i.source.partition("#")[2], i.code) for i in read_bytes(bytes(flagged), "a.zip", Settings())
             if isinstance(i, QuarantineRow)]
    assert codes == [("", "encrypted")]
    crc = bytearray(data[: data.index(b"PK\x01\x02")])
    crc[second + 14] ^= 0xFF  # b.txt's CRC-32
    items = list(read_bytes(bytes(crc), "a.zip", Settings()))
    assert [(i.source.partition("#")[2], i.code, "damaged" in i.message) for i in items
            if isinstance(i, QuarantineRow)] == [("member b.txt", "bad_archive", True),
                                                 ("", "bad_archive", True)]


def test_a_cut_outer_stream_is_not_hidden_by_the_stream_inside_it() -> None:
    # a .jsonl.gz inside an .xz, the xz cut in its trailer: the inner gzip is whole
    packed = lzma.compress(gzip_bytes(_json_lines(30)))[:-3]
    items = list(read_bytes(packed, "a.jsonl.gz.xz", Settings()))
    assert sum(isinstance(i, RawDoc) for i in items) == 30
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


def test_zip_preamble_holding_the_signature_and_empty_zips() -> None:
    data = zip_bytes({"a.txt": HARBOUR.encode(), "b.txt": BRIDGE.encode()})
    stub = b"MZ stub code " + b"PK\x03\x04" + b"\xff" * 40  # the constant in a program's code
    cut = stub + data[: data.index(b"PK\x01\x02")]
    assert _zip_summary(cut) == [("doc", "member a.txt"), ("doc", "member b.txt"), ("", "truncated")]
    assert _zip_summary(b"") == [("", "empty")]


def test_cut_tar_gz_before_one_header_is_one_row() -> None:
    packed = gzip_bytes(tar_bytes({f"a{n}.txt": (HARBOUR * 3).encode() for n in range(3)}))
    for keep in (40, 60, 80):
        assert [getattr(i, "code", "doc") for i in read_bytes(packed[:keep], "a.tar.gz", Settings())] == [
            "truncated"]


def test_cut_zip_whose_last_whole_member_is_a_stored_zip_keeps_its_own_members() -> None:
    # zipfile found the stored zip's directory at the end and read it as the file's: the
    # file's own members were lost without a row
    import zipfile

    inner = zip_bytes({"inner.txt": FESTIVAL.encode()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", HARBOUR, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("b.zip", inner, compress_type=zipfile.ZIP_STORED)
    data = buffer.getvalue()
    cut = data[: data.index(b"PK\x01\x02", data.index(b"b.zip") + len(inner))]
    assert _zip_summary(cut) == [("doc", "member a.txt"), ("doc", "member b.zip, member inner.txt"),
                                 ("", "truncated")]
    assert _zip_summary(data) == [("doc", "member a.txt"), ("doc", "member b.zip, member inner.txt")]


def test_whole_zips_one_after_another_are_each_read() -> None:
    # `cat a.zip b.zip`: zipfile lists the last zip's members only, and a's were lost without a
    # row; a's end record before b tells it from a cut zip holding a stored zip
    a = zip_bytes({"a1.txt": HARBOUR.encode(), "same.txt": FESTIVAL.encode()})
    b = zip_bytes({"b1.txt": BRIDGE.encode(), "same.txt": FESTIVAL.encode()})
    c = zip_bytes({"c1.txt": HARBOUR.encode()})
    assert _zip_summary(a + b + c) == [
        ("doc", "member a1.txt"), ("doc", "member same.txt"), ("doc", "member b1.txt"),
        ("doc", "member same.txt, copy 2"), ("doc", "member c1.txt")]
    empty = zip_bytes({})
    assert _zip_summary(a + empty) == _zip_summary(empty + a) == _zip_summary(a)
    assert _zip_summary(empty + empty) == [("", "empty")]
    assert _zip_summary(empty + a + b) == _zip_summary(a + b)
    # each zip before the last is found in a loop, not by recursion, within 64 KiB of the next
    many = list(read_bytes(c * 3000, "many.zip", Settings()))
    assert len(many) == 3000 and all(isinstance(i, RawDoc) for i in many)
    # A self-extractor's program before the zip is no zip: passed over, as before.
    assert _zip_summary(b"MZ" + bytes(100) + a) == _zip_summary(a)


def test_what_follows_a_zips_end_is_read_or_said() -> None:
    # zipfile passes over bytes after the end record without a word: a second zip cut short
    # (a download of `cat a.zip b.zip` that stopped) lost its members, appended data went unsaid
    a = zip_bytes({"a1.txt": HARBOUR.encode()})
    b = zip_bytes({"b1.txt": BRIDGE.encode(), "b2.txt": FESTIVAL.encode()})
    directory = b.index(b"PK\x01\x02")
    assert _zip_summary(a + b[:directory]) == [
        ("doc", "member a1.txt"), ("doc", "member b1.txt"), ("doc", "member b2.txt"),
        ("", "truncated")]
    assert _zip_summary(a + b[:20]) == [("doc", "member a1.txt"), ("", "truncated")]
    assert _zip_summary(a + b[:40]) == [("doc", "member a1.txt"), ("member b1.txt", "truncated")]
    assert _zip_summary(a + b"<html>an error page</html>") == [
        ("doc", "member a1.txt"), ("", "bad_archive")]
    assert _zip_summary(a + bytes(512) + b"\n") == _zip_summary(a)  # padding
    commented = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(commented, "w") as archive:
        archive.writestr("c.txt", HARBOUR)
        archive.comment = b"a comment"
    assert _zip_summary(commented.getvalue()) == [("doc", "member c.txt")]
    assert _zip_summary(commented.getvalue() + b"x") == [("doc", "member c.txt"), ("", "bad_archive")]


def test_zip_chains_with_gaps_programs_and_signatures_in_the_directory() -> None:
    import zipfile

    a = zip_bytes({"a1.txt": HARBOUR.encode()})
    b = zip_bytes({"b1.txt": BRIDGE.encode()})
    empty = zip_bytes({})
    # a gap of over 64 KiB between whole zips: the second was lost, the first misread as cut
    assert _zip_summary(a + bytes(70_000) + b) == [("doc", "member a1.txt"), ("doc", "member b1.txt")]
    assert _zip_summary(a + b"j" * 70_000 + b) == [
        ("doc", "member a1.txt"), ("", "bad_archive"), ("doc", "member b1.txt")]
    # a program before zips one after another: every zip, not the last one only
    assert _zip_summary(b"MZ" + bytes(300) + a + b) == [("doc", "member a1.txt"), ("doc", "member b1.txt")]
    assert _zip_summary(b"MZ code PK\x05\x06 more code" + a) == [("doc", "member a1.txt")]
    # an empty zip, or one the globs leave nothing of, before a cut zip
    directory = b.index(b"PK\x01\x02")
    assert _zip_summary(empty + b[:directory]) == [("doc", "member b1.txt"), ("", "truncated")]
    other = zip_bytes({"x.md": HARBOUR.encode()})
    assert _zip_summary(other + b[:directory], include=("*.txt",)) == [
        ("doc", "member b1.txt"), ("", "truncated")]
    assert _zip_summary(empty + b"junk") == [("", "bad_archive")]
    # the end record's four bytes inside a member's comment are no end: no row, no made-up member
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", HARBOUR)
        archive.infolist()[0].comment = b"PK\x05\x06" + bytes(18)
    assert _zip_summary(buffer.getvalue()) == [("doc", "member a.txt")]


def test_zip_chain_spent_budget_is_one_row_for_every_member_left() -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    zips = b"".join(zip_bytes({f"m{n}.jsonl": line * 2000}) for n in range(6))
    rows = [i for i in read_bytes(zips, "a.zip", Settings(max_archive_bytes=700_000))
            if isinstance(i, QuarantineRow)]
    assert [r.code for r in rows][-1] == "archive_too_large" and len(rows) <= 2
    assert sum("members left unread" in r.message for r in rows) == 1


def test_zip_with_more_appended_than_zipfile_looks_through() -> None:
    # zipfile looks for the end record in the last 64 KiB only: a whole zip with 100 KB after it
    # was read from its headers, and the row said its directory was missing or cut
    a = zip_bytes({"a1.txt": HARBOUR.encode(), "a2.txt": BRIDGE.encode()})
    assert _zip_summary(a + b"j" * 100_000) == [
        ("doc", "member a1.txt"), ("doc", "member a2.txt"), ("", "bad_archive")]
    assert _zip_summary(a + bytes(100_000)) == [("doc", "member a1.txt"), ("doc", "member a2.txt")]
    assert _zip_summary(a[:-30]) == [("doc", "member a1.txt"), ("doc", "member a2.txt"),
                                     ("", "truncated")]


def test_zip_chain_ends_on_damaged_offsets_programs_and_cut_end_records() -> None:
    a = zip_bytes({"a1.txt": HARBOUR.encode()})
    b = zip_bytes({"b1.txt": BRIDGE.encode()})
    # a directory naming a local header past the zip's own end: the chain looked before that
    # "start", found the zip itself, and went round for ever, memory growing
    entry = a.index(b"PK\x01\x02")
    pointing = a[: entry + 42] + (0x400).to_bytes(4, "little") + a[entry + 46:]
    assert _zip_summary(pointing) == [("member a1.txt", "bad_archive")]
    # a program holding an empty zip's end record (python3's does) before a zip: no gap row
    program = b"\x7fELF" + bytes(200) + b"PK\x05\x06" + bytes(18) + b"code" * 500
    assert _zip_summary(program + a) == [("doc", "member a1.txt")]
    # a zip whose end record is cut, after a whole one and before another
    assert _zip_summary(a + b[:-10] + a) == [
        ("doc", "member a1.txt"), ("doc", "member b1.txt"), ("", "truncated"),
        ("doc", "member a1.txt, copy 2")]
    # many zips: each found in turn (the members left were summed once per zip)
    assert len(_zip_summary(zip_bytes({}) * 20_000 + a)) == 1


def test_zip_chain_spent_budget_counts_the_members_left_once() -> None:
    line = (json.dumps({"text": HARBOUR}) + "\n").encode()
    zips = b"".join(zip_bytes({f"z{z}m{m}.jsonl": line * 200 for m in range(3)}) for z in range(5))
    rows = [i for i in read_bytes(zips, "a.zip", Settings(max_archive_bytes=100_000))
            if isinstance(i, QuarantineRow)]
    counted = [r.message for r in rows if "members left unread" in r.message]
    assert len(counted) == 1 and all(r.code == "archive_too_large" for r in rows)


@pytest.mark.parametrize("method", [12, 14])  # bzip2, lzma
def test_zip_member_of_damaged_bzip2_or_lzma_data_is_bad_compression(method: int) -> None:
    # bz2's OSError said "unreadable" (a read that may work another time: the store then keeps
    # what earlier readings gave) and lzma's error "reader_error"
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("a.txt", HARBOUR * 20)
    data = bytearray(buffer.getvalue())
    at = data.index(b"a.txt") + 15
    data[at: at + 20] = bytes(b ^ 0x55 for b in data[at: at + 20])
    assert _zip_summary(bytes(data)) == [("member a.txt", "bad_compression")]


def test_zip_chain_reads_past_a_zip_zipfile_cannot_open_or_place() -> None:
    import zipfile

    a = zip_bytes({"a.txt": HARBOUR.encode()})
    b = zip_bytes({"b.txt": BRIDGE.encode()})
    c = zip_bytes({"c.txt": FESTIVAL.encode()})
    # the last zip's end record says its directory lies past the file: the zips before it
    # were dropped without a row (the chain stopped at a start it could not place)
    end = c.rindex(b"PK\x05\x06")
    far = c[: end + 16] + (0xFFFFFFF0).to_bytes(4, "little") + c[end + 20:]
    summary = _zip_summary(a + b + far)
    assert summary[:2] == [("doc", "member a.txt"), ("doc", "member b.txt")] and len(summary) == 3
    # a directory entry needing a zip version zipfile does not know (NotImplementedError),
    # in the middle zip: one reader_error row for the whole file before
    entry = b.index(b"PK\x01\x02")
    newer = b[: entry + 6] + bytes([80]) + b[entry + 7:]
    assert [kind for kind, _ in _zip_summary(a + newer + c)].count("doc") == 3
    # an entry with an empty name (is_dir() fails on it): every zip of the file was lost
    unnamed = zip_bytes({"ok.txt": HARBOUR.encode(), "x": BRIDGE.encode()})
    entry = unnamed.rindex(b"PK\x01\x02")  # x's: its name's byte made a one-byte extra field
    unnamed = unnamed[: entry + 28] + b"\x00\x00\x01\x00" + unnamed[entry + 32:]
    assert [i.filename for i in zipfile.ZipFile(io.BytesIO(unnamed)).infolist()] == ["ok.txt", ""]
    assert ("doc", "member ok.txt") in _zip_summary(unnamed + c)
    assert ("doc", "member c.txt") in _zip_summary(unnamed + c)


def test_zip_member_in_an_unknown_compression_method_is_unsupported(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", HARBOUR)
        archive.writestr("b.txt", BRIDGE)
    data = bytearray(buffer.getvalue())
    # method 99 (AES, which zipfile cannot read) for a.txt, in its local header and directory
    data[8:10] = (99).to_bytes(2, "little")
    directory = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x01\x02"))
    data[directory + 10:directory + 12] = (99).to_bytes(2, "little")
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(data))
    items = list(read_paths([path], Settings()))
    assert ("member a.txt", "unsupported") in _codes(items)
    assert any(isinstance(i, RawDoc) and BRIDGE in i.text for i in items)


def test_a_zip_members_name_is_shown_as_a_tars_is() -> None:
    text = b"The minister said on Tuesday that the talks would resume next week in Geneva."
    data = zip_bytes({"ctl\x01\x1b[31mred.txt": text, "n" * 3000 + ".txt": text})
    positions = [i.position for i in read_bytes(data, "a.zip", Settings())]
    assert positions[0] == "member ctl\\x01\\x1b[31mred.txt"
    assert len(positions[1]) == len("member ") + 1001 and positions[1].endswith("…")


def test_zip_members_shown_alike_are_told_apart_as_copies() -> None:
    text = b"The minister said on Tuesday that the talks would resume next week in Geneva."
    data = zip_bytes({"a\x1b.txt": text, "a\\x1b.txt": text + b" Again.",
                      "n" * 1000 + "1.txt": text + b" One.", "n" * 1000 + "2.txt": text + b" Two."})
    positions = [i.position for i in read_bytes(data, "a.zip", Settings())]
    assert len(set(positions)) == 4 and sum("copy 2" in p for p in positions) == 2

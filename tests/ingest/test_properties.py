"""Property tests for every reader of untrusted input: whatever the bytes, only RawDoc or
QuarantineRow come out, nothing is raised, the output is deterministic and each input is read
within a deadline."""

from __future__ import annotations

import bz2
import io
import json
import lzma
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.ingest import read_bytes
from storyline.ingest.compressed import zstd  # the standard library's, or its backport
from storyline.ingest.limits import WholeUnits
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import (
    ATOM,
    HARBOUR,
    RSS,
    arc_bytes,
    coded_warc,
    gzip_bytes,
    lengthless_warc,
    page,
    sample_warc,
    tar_bytes,
    zip_bytes,
)

SETTINGS = Settings(max_doc_chars=20_000, max_member_bytes=200_000, max_archive_bytes=400_000)
PROPERTY = hsettings(max_examples=50, deadline=timedelta(seconds=1),
                     suppress_health_check=[HealthCheck.too_slow])
NAMES = ["a.txt", "a.html", "a.jsonl", "a.json", "a.csv", "a.warc", "a.warc.gz", "a.rss", "a.gz",
         "a.zip", "a.tar", "a.tgz", "a.jsonl.bz2", "a.txz", "a.tar.zst", "a.warc.zst", "noname"]
_TAR = tar_bytes({"a.txt": HARBOUR.encode(), "b.rss": RSS.encode(),
                  "c.zip": zip_bytes({"e.atom": ATOM.encode()})}, links={"d.txt": "a.txt"})

def _warc_zstd(warc: bytes) -> bytes:
    """``warc`` as one zstd frame compressed against a dictionary that the file opens with (in
    a skippable frame, as the warc-zstd proposal has it)."""
    dictionary = warc[:1024]
    frame = (0x184D2A5D).to_bytes(4, "little") + len(dictionary).to_bytes(4, "little") + dictionary
    return frame + zstd.compress(warc, zstd_dict=zstd.ZstdDict(dictionary, is_raw=True))


VALID = {
    "a.warc.gz": sample_warc(compress=True),
    "a.warc": sample_warc(compress=False),
    "whole.warc.gz": gzip_bytes(sample_warc(compress=False)),  # gzipped whole, not per record
    "nolength.warc": lengthless_warc(),  # a record without a Content-Length among the others
    "a.arc": arc_bytes([("http://news.example.org/a", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                         + page("T", HARBOUR).encode())] * 3),
    "a.jsonl.gz": gzip_bytes((json.dumps({"text": HARBOUR}) + "\n").encode() * 20),
    "a.zip": zip_bytes({
        "a.txt": HARBOUR.encode(), "b.rss": RSS.encode(), "c.html": page("T", HARBOUR).encode(),
        "d.zip": zip_bytes({"e.atom": ATOM.encode()}),
    }),
    "a.rss": RSS.encode(),
    "a.tar": _TAR,
    "a.tgz": gzip_bytes(_TAR),
    "a.tbz2": bz2.compress(_TAR),
    "a.jsonl.xz": lzma.compress((json.dumps({"text": HARBOUR}) + "\n").encode() * 20),
    "a.csv": f'title,text\nHarbour,"{HARBOUR}"\n'.encode() * 5,
    # a dump whose strings are UTF-8 but one in cp1252 and a stray cp1252 apostrophe
    "a.json": b"[" + b",\n".join(json.dumps({"title": title, "text": f"{title}: {HARBOUR}"},
                                            ensure_ascii=False).encode(codec)
                                 for title, codec in [("Gen\u00e8ve caf\u00e9", "utf-8"),
                                                      ("Z\u00fcrich cr\u00e8me", "cp1252"),
                                                      ("the mayor\u2019s", "cp1252"),
                                                      ("\u201cnew\u201d rules", "utf-8")]) + b"]",
    "a.tar.zst": zstd.compress(_TAR),
    "a.warc.zst": _warc_zstd(sample_warc(compress=False)),
    # payloads chunked, gzipped, chunked and gzipped, in brotli and in deflate: a cut or a flipped
    # byte inside a coding is a row, never an exception
    "coded.warc": coded_warc(),
}


def _read(data: bytes, name: str) -> list[RawDoc | QuarantineRow]:
    items = list(read_bytes(data, name, SETTINGS))
    for item in items:
        assert isinstance(item, RawDoc | QuarantineRow)
        if isinstance(item, RawDoc):
            assert item.text.strip() and len(item.text) <= SETTINGS.max_doc_chars
            assert item.media_type in ("text/plain", "text/html")
        else:
            assert item.code and item.source.startswith("<bytes>")
    assert items, "an input never disappears without a trace"
    assert list(read_bytes(data, name, SETTINGS)) == items, "same bytes, same records"
    return items


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.binary(max_size=3000))
def test_properties_random_bytes_never_raise(name: str, data: bytes) -> None:
    _read(data, name)


@pytest.mark.parametrize("name", sorted(VALID))
@PROPERTY
@given(cut=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_properties_truncated_inputs_never_raise(name: str, cut: float) -> None:
    data = VALID[name]
    _read(data[: int(len(data) * cut)] or b" ", name)


@pytest.mark.parametrize("name", sorted(VALID))
@PROPERTY
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1,
                      max_size=8))
def test_properties_corrupted_inputs_never_raise(name: str, flips: list[tuple[float, int]]) -> None:
    data = bytearray(VALID[name])
    for where, value in flips:
        data[int(len(data) * where)] = value
    _read(bytes(data), name)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@PROPERTY
@given(records=st.lists(_JSON | st.fixed_dictionaries({"text": st.text(max_size=200)}), max_size=10))
def test_properties_any_json_lines_give_one_record_per_line(records: list[object]) -> None:
    # one item per line, or one per record of the array a line's object wraps (an API answer)
    lines = [json.dumps(r) for r in records]
    items = _read(("\n".join(lines) + "\n").encode() or b" ", "a.jsonl") if lines else []
    positions = [i.position if isinstance(i, RawDoc) else i.source.partition("#")[2] for i in items]
    lines_read = [int(position.split(",")[0].removeprefix("line ")) for position in positions]
    assert set(lines_read) == set(range(1, len(lines) + 1)) and lines_read == sorted(lines_read)


@PROPERTY
@given(count=st.integers(1, 4), codec=st.sampled_from(["utf-8", "utf-16", "utf-32-le"]),
       cut=st.floats(0, 1), shape=st.sampled_from(["records", "array"]))
def test_properties_a_cut_json_lines_file_gives_its_whole_records_then_truncated(
        count: int, codec: str, cut: float, shape: str) -> None:
    """Cut anywhere (inside a character of a wide encoding too), a file of JSON Lines gives
    every record whose text is whole before the cut, and a ``truncated`` row where the cut
    falls inside one; never ``bad_json``."""
    records = [{"text": f"Story {n} of the file.", "url": f"http://x/{n}"} for n in range(count)]
    lines = [json.dumps(r) for r in records] if shape == "records" else [json.dumps(records)]
    data = "\n".join(lines).encode(codec)
    piece = data[:max(int(len(data) * cut), 64)]  # an unmarked wide file needs a few characters
    items = _read(piece, "a.jsonl")
    text = piece.decode(codec, "ignore").lstrip("\ufeff")
    whole = {n for n in range(count) if json.dumps(records[n]) in text}
    assert {i.meta_get("url") for i in items if isinstance(i, RawDoc)} == {
        f"http://x/{n}" for n in whole}
    codes = [i.code for i in items if isinstance(i, QuarantineRow)]
    unit = {"utf-8": 1, "utf-16": 2, "utf-32-le": 4}[codec]
    ends_whole = text.endswith("]" if shape == "array" else ("}", "\n")) \
        and len(piece) % unit == 0
    assert codes == ([] if ends_whole else ["truncated"])


@PROPERTY
@given(data=st.binary(max_size=64), unit=st.sampled_from([2, 4]),
       sizes=st.lists(st.integers(1, 9), min_size=1, max_size=40))
def test_properties_whole_units_pass_every_whole_unit_once(data: bytes, unit: int,
                                                            sizes: list[int]) -> None:
    """Whatever the reads' sizes, WholeUnits passes the stream's whole code units, in order,
    and says a cut exactly when a piece of one is left."""
    view = WholeUnits(io.BufferedReader(io.BytesIO(data)), unit)
    out = b""
    for size in sizes + [64] * 20:
        buffer = memoryview(bytearray(size))
        out += bytes(buffer[:view.readinto(buffer)])
    whole = len(data) - len(data) % unit
    assert out == data[:whole] and (view.cut is not None) == (whole < len(data))


@PROPERTY
@given(text=st.text(max_size=2000))
def test_properties_any_text_file_is_read_or_quarantined(text: str) -> None:
    items = _read(text.encode("utf-8", "surrogatepass"), "a.txt")
    assert len(items) == 1


def test_properties_the_coded_warc_gives_each_page_whole() -> None:
    items = _read(VALID["coded.warc"], "coded.warc")
    assert len(items) == 5 and all(isinstance(i, RawDoc) and HARBOUR in i.text for i in items)

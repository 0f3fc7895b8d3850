from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest import decode_bytes, iter_texts, read_paths
from storyline.records import QuarantineRow, RawDoc


def test_decode_bytes_rejects_empty() -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(b"  \n ")
    assert info.value.code == "empty"


def test_decode_bytes_rejects_binary() -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert info.value.code == "binary"


def test_decode_bytes_reads_latin1() -> None:
    sentence = "Le président a déclaré que la réunion aura lieu à Genève."
    text, encoding = decode_bytes(sentence.encode("latin-1"))
    assert "Genève" in text
    assert encoding != "utf-8"


@given(st.binary(max_size=2000))
@hsettings(max_examples=80, deadline=None)
def test_decode_bytes_only_raises_input_rejected(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data)
    except InputRejected:
        return
    assert isinstance(text, str)


def test_read_paths_walks_directories_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article body text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body text here.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    items = list(read_paths([tmp_path], Settings()))
    assert [Path(i.source).name for i in items] == ["a.txt", "b.txt"]


def test_read_paths_quarantines_missing_path(tmp_path: Path) -> None:
    items = list(read_paths([tmp_path / "nope.txt"], Settings()))
    assert isinstance(items[0], QuarantineRow) and items[0].code == "missing"


def test_read_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"text": "A body of text.", "url": "https://tass.com/x", "title": "T", "date": "2016-12-28"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"url": "u"}) + "\n")
    items = list(read_paths([path], Settings()))
    assert isinstance(items[0], RawDoc)
    assert items[0].meta_get("url") == "https://tass.com/x"
    assert items[0].position == "line 1"
    assert [i.code for i in items[1:]] == ["bad_json", "empty"]


def test_iter_texts_accepts_strings_and_records() -> None:
    items = list(iter_texts(["plain text", {"html": "<html><body><p>x</p></body></html>"}, ""]))
    assert isinstance(items[0], RawDoc) and items[0].media_type == "text/plain"
    assert isinstance(items[1], RawDoc) and items[1].media_type == "text/html"
    assert isinstance(items[2], QuarantineRow)

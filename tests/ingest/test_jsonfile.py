"""JSON documents: arrays of records, pretty-printed objects, concatenated values."""

from __future__ import annotations

import json
import time
import tracemalloc
import zlib

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest import jsonfile, jsonscan, read_bytes
from storyline.ingest.fields import wrapped_records
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, FESTIVAL, HARBOUR

_RECORDS = [{"text": HARBOUR, "title": "Harbour", "url": "https://a.example/1"},
            {"text": BRIDGE, "title": "Bridge"}, {"text": FESTIVAL, "date": "2024-05-01"}]


def _read(data: bytes, name: str = "export.json", **options: object) -> list[tuple[str, str, str]]:
    """``(kind, position, title or code)`` of what ``data`` gives."""
    return [("doc", i.position, i.meta_get("title") or "") if isinstance(i, RawDoc)
            else ("row", i.source.partition("#")[2], i.code)
            for i in read_bytes(data, name, Settings(**options))]  # type: ignore[arg-type]


def test_json_array_of_records_is_one_document_each() -> None:
    # before: one plain-text "article" holding the raw JSON of every record
    for indent in (None, 2):
        assert _read(json.dumps(_RECORDS, indent=indent).encode()) == [
            ("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge"), ("doc", "record 3", "")]
    docs = [i for i in read_bytes(json.dumps(_RECORDS).encode(), "a.json", Settings())
            if isinstance(i, RawDoc)]
    assert docs[0].text.strip() == HARBOUR.strip() and docs[0].meta_get("url") == "https://a.example/1"


def test_json_pretty_printed_object_and_concatenated_objects() -> None:
    one = json.dumps(_RECORDS[0], indent=2).encode()
    assert _read(one) == [("doc", "record 1", "Harbour")]
    two = one + b"\n" + json.dumps(_RECORDS[1], indent=4).encode() + b"\n"
    assert _read(two) == [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge")]


def test_json_file_of_json_lines_is_read_as_lines() -> None:
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in _RECORDS[:2])
    assert _read(lines) == [("doc", "line 1", "Harbour"), ("doc", "line 2", "Bridge")]
    # a first line that does not parse, but is a line of its own: JSON Lines, read on
    assert _read(b'{"text": oops}\n' + lines)[1:] == [("doc", "line 2", "Harbour"),
                                                       ("doc", "line 3", "Bridge")]


def test_json_nameless_array_is_sniffed() -> None:
    assert _read(json.dumps(_RECORDS[:2], indent=1).encode(), name="") == [
        ("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge")]
    assert _read(json.dumps(_RECORDS[0], indent=2).encode(), name="") == [("doc", "record 1", "Harbour")]
    # JSON Lines stay JSON Lines
    assert _read(json.dumps(_RECORDS[0]).encode() + b"\n", name="") == [("doc", "line 1", "Harbour")]


def test_json_records_that_are_no_documents_are_rows_and_the_rest_is_read() -> None:
    data = json.dumps([_RECORDS[0], 42, {"title": "no body"}, {"text": ["a"]}, _RECORDS[1]]).encode()
    assert _read(data) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_record"),
                           ("row", "record 3", "empty"), ("row", "record 4", "bad_record"),
                           ("doc", "record 5", "Bridge")]


@pytest.mark.parametrize("cut", [-1, -5, -30])
def test_json_array_cut_short_keeps_its_whole_records(cut: int) -> None:
    data = json.dumps(_RECORDS, indent=2).encode()[:cut]
    # only the closing bracket cut: record 3 is whole, and the row is where a 4th would be
    whole = [("doc", "record 3", "")] if cut == -1 else []
    assert _read(data) == [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge"), *whole,
                           ("row", f"record {3 + len(whole)}", "truncated")]
    # cut after a whole record: the array is open
    open_array = json.dumps(_RECORDS[:2]).encode()[:-1] + b", "
    assert _read(open_array)[-1] == ("row", "record 3", "truncated")


def test_json_damage_costs_its_record_or_stops_the_reading_with_a_row() -> None:
    # a missing comma (which a missing quote looks like) may leave the brackets unbalanced: a
    # scan by them could end inside another record, so the reading stops
    data = b'[' + json.dumps(_RECORDS[0]).encode() + b', {"text": "a" "b"}, ' + \
        json.dumps(_RECORDS[1]).encode() + b"]"
    assert _read(data) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_json")]
    # an escape JSON has not (PHP's \\') or a bare word leaves them whole: that record alone is
    # passed over (before: the rest not read)
    for bad in (b'"It\\\'s"', b'undefined'):
        broken = data.replace(b'"a" "b"', bad)
        assert _read(broken) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_json"),
                                 ("doc", "record 3", "Bridge")], bad
    missing_comma = b"[" + json.dumps(_RECORDS[0]).encode() + json.dumps(_RECORDS[1]).encode() + b"]"
    assert _read(missing_comma) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_json")]
    after = json.dumps(_RECORDS[:1]).encode() + b" trailing words"
    assert _read(after) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_json")]


@pytest.mark.parametrize("data", [b"", b"  \n", b"[]", b"[\n]\n"])
def test_json_without_records_is_empty(data: bytes) -> None:
    assert _read(data) == [("row", "", "empty")]


def test_json_utf16_and_bom() -> None:
    text = json.dumps(_RECORDS[:2], ensure_ascii=False, indent=1)
    assert _read(text.encode("utf-16")) == [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge")]
    assert _read(b"\xef\xbb\xbf" + text.encode()) == [("doc", "record 1", "Harbour"),
                                                      ("doc", "record 2", "Bridge")]
    # a stray byte past the first 64 KiB (which decided UTF-8) among UTF-8 text: read as
    # cp1252 in its string alone (it was U+FFFD), and the reading goes on in UTF-8 (switching
    # to a legacy encoding made mojibake of every record)
    many = json.dumps([{"text": f"{n} Gen\u00e8ve, caf\u00e9 \u201cquoted\u201d. {HARBOUR}"}
                       for n in range(600)], ensure_ascii=False).encode()
    assert len(many) > 1 << 16
    at = many.index(b"450 Gen") + len("450 Gen\u00e8ve, caf\u00e9".encode())
    got = [i for i in read_bytes(many[:at] + b"\xe9" + many[at:], "a.json", Settings())]
    assert len(got) == 600 and all(isinstance(i, RawDoc) for i in got)
    assert not any("\ufffd" in i.text for i in got if isinstance(i, RawDoc))
    assert all("Gen\u00e8ve" in i.text for i in got if isinstance(i, RawDoc))
    assert [(i.text[:17], i.encoding) for i in got if i.encoding != "utf-8"] == [
        ("450 Gen\u00e8ve, caf\u00e9\u00e9", "utf-8+cp1252")]
    # a cp1252 export whose first 64 KiB are ASCII goes on in cp1252
    ascii_head = json.dumps([{"text": f"{n} {HARBOUR}"} for n in range(400)])[:-1]
    tail = ', {"text": "Caf\u00e9 owners in Z\u00fcrich said the \u201cnew\u201d rules hurt them."}]'
    legacy = ascii_head.encode() + tail.encode("cp1252")
    last = [i for i in read_bytes(legacy, "a.json", Settings()) if isinstance(i, RawDoc)][-1]
    assert "Caf\u00e9 owners in Z\u00fcrich said the \u201cnew\u201d" in last.text


def test_json_record_over_the_limit_is_too_large_without_holding_the_file() -> None:
    big = {"text": "word " * 200_000}
    data = json.dumps([_RECORDS[0], big, _RECORDS[1]]).encode()
    assert _read(data, max_doc_chars=100_000) == [("doc", "record 1", "Harbour"),
                                                  ("row", "record 2", "too_large"),
                                                  ("doc", "record 3", "Bridge")]


def test_json_deep_nesting_is_a_row_not_a_crash() -> None:
    data = b"[" + json.dumps(_RECORDS[0]).encode() + b"," + b"[" * 100_000 + b"]" * 100_000 + b"]"
    assert _read(data) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_json")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=300).filter(str.strip), min_size=1, max_size=6),
       indent=st.sampled_from([None, 0, 1, 3]), chunk=st.integers(1, 64),
       wrapped=st.booleans())
def test_properties_every_record_read_whatever_the_chunk_bounds(
        monkeypatch: pytest.MonkeyPatch, texts: list[str], indent: int | None, chunk: int,
        wrapped: bool) -> None:
    monkeypatch.setattr(jsonfile, "CHUNK", chunk)
    monkeypatch.setattr(jsonscan, "CHUNK", chunk)
    records = [{"text": f"{t} {HARBOUR}", "title": f"t{n}"} for n, t in enumerate(texts)]
    data = (json.dumps(records, indent=indent) if wrapped
            else "\n".join(json.dumps(r, indent=2) for r in records)).encode()
    got = [i for i in read_bytes(data, "a.json", Settings()) if isinstance(i, RawDoc)]
    assert [d.meta_get("title") for d in got] == [r["title"] for r in records]


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_properties_random_bytes_give_rows_not_exceptions(data: bytes) -> None:
    for item in read_bytes(b"[" + data, "a.json", Settings()):
        assert isinstance(item, (RawDoc, QuarantineRow))


def test_json_cut_inside_a_compressed_file_keeps_every_whole_record() -> None:
    # a read for 64 KiB that met the cut failed and lost what it had gathered: ~240 records
    import gzip

    records = [{"text": f"{n} {HARBOUR}", "title": f"t{n}"} for n in range(1500)]
    packed = gzip.compress(json.dumps(records).encode(), mtime=0)
    cut = packed[: len(packed) // 2]
    readable = zlib.decompressobj(wbits=31).decompress(cut)
    whole = readable.count(b'"}') - 0  # every record ends with its title's closing quote
    got = _read(cut, name="a.json.gz")
    assert [k for k, *_ in got].count("doc") == whole and got[-1][2] == "truncated"


def test_json_huge_integer_and_values_on_one_line() -> None:
    big = b'[{"text": "%s", "n": %s}, {"text": "%s", "title": "After"}]' % (
        HARBOUR.encode(), b"9" * 5000, BRIDGE.encode())
    assert _read(big) == [("doc", "record 1", ""), ("doc", "record 2", "After")]
    one_line = b"".join(json.dumps(r).encode() for r in _RECORDS[:2]) + b"\n"
    assert _read(one_line) == [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge")]


@pytest.mark.parametrize("text", ["[{Editor's note}] The council met.", "[] The council met.",
                                  "{Editor's note: the council met.}"])
def test_json_sniffing_leaves_text_in_brackets_alone(text: str) -> None:
    assert _read(f"{text} {HARBOUR}".encode(), name="") == [("doc", "", "")]


def test_json_record_of_megabytes_in_a_compressed_file_is_read() -> None:
    # reads that take what the stream has asked for twice as much each try, up to 32 GiB
    import gzip

    big = [{"text": "word " * 700_000, "title": "Big"}, _RECORDS[1]]
    packed = gzip.compress(json.dumps(big).encode(), mtime=0)
    assert _read(packed, name="a.json.gz", max_doc_chars=4_000_000) == [
        ("doc", "record 1", "Big"), ("doc", "record 2", "Bridge")]


def test_json_cut_between_values_or_in_its_trailer_says_so() -> None:
    import gzip

    values = "\n".join(json.dumps(r, indent=2) for r in _RECORDS).encode()
    packed = gzip.compress(values, mtime=0)
    got = _read(packed[:-4], name="a.json.gz")  # the gzip trailer (CRC, length) cut off
    assert [k for k, *_ in got] == ["doc", "doc", "doc", "row"] and got[-1][1:] == ("record 4", "truncated")
    cut = json.dumps(_RECORDS[0], indent=2).encode() + b"\n\xe2\x80"  # inside a character
    assert _read(cut)[-1] == ("row", "record 2", "truncated")


def test_json_api_answer_gives_the_records_of_its_array() -> None:
    # {"status": ..., "articles": [...]}: one `empty` row for the whole answer, every article lost
    answer = {"status": "ok", "totalResults": 3, "articles": _RECORDS}
    expected = [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge"), ("doc", "record 3", "")]
    assert _read(json.dumps(answer, indent=2).encode()) == expected
    # saved on one line, the file is JSON Lines: its positions are the line's
    assert _read(json.dumps(answer).encode()) == [
        (kind, f"line 1, {position}", title) for kind, position, title in expected]


def test_json_records_of_nested_objects_and_after_an_answer_are_numbered_on() -> None:
    nested = json.dumps({"response": {"status": "ok", "docs": _RECORDS[:2]}})
    data = f"{nested}\n{json.dumps(_RECORDS[2])}".encode()
    assert _read(data, "solr.json") == [("doc", "line 1, record 1", "Harbour"),
                                        ("doc", "line 1, record 2", "Bridge"), ("doc", "line 2", "")]
    pretty = json.dumps({"data": {"items": [_RECORDS[0], "x"]}}, indent=1) + json.dumps(_RECORDS[1])
    assert _read(pretty.encode()) == [("doc", "record 1", "Harbour"), ("row", "record 2", "bad_record"),
                                      ("doc", "record 3", "Bridge")]


def test_json_object_without_body_or_records_says_which_keys_it_has() -> None:
    rows = list(read_bytes(json.dumps({"status": "error", "items": []}, indent=2).encode(),
                           "answer.json", Settings()))
    assert len(rows) == 1 and isinstance(rows[0], QuarantineRow) and rows[0].code == "empty"
    assert "nor an array of records" in rows[0].message and "'status', 'items'" in rows[0].message


def test_json_record_with_a_body_field_is_never_unwrapped() -> None:
    record = {"text": HARBOUR, "title": "Harbour", "related": [{"text": BRIDGE}]}
    assert _read(json.dumps(record, indent=2).encode()) == [("doc", "record 1", "Harbour")]


def test_a_record_with_its_body_under_another_name_keeps_its_arrays() -> None:
    # its readers' comments were read as two articles, and the article itself was lost; now
    # the body's usual name ("content", fields.ALIASES) is read and the comments stay its own
    record = {"title": "Harbour", "content": HARBOUR, "url": "http://example.com/a",
              "comments": [{"user": "bob", "text": "Vote them all out!"}, {"text": "Good."}]}
    assert _read(json.dumps(record).encode()) == [("doc", "line 1", "Harbour")]
    record["story_body"] = record.pop("content")  # a name no export uses: an empty row
    (row,) = _read(json.dumps(record).encode())
    assert row[0] == "row" and row[2] == "empty"


def test_an_answer_is_read_from_its_array_of_articles_not_its_first_array() -> None:
    answer = {"links": [{"rel": "next", "href": "/page/2"}], "items": _RECORDS[:2]}
    assert [title for _, _, title in _read(json.dumps(answer, indent=2).encode())] == [
        "Harbour", "Bridge"]


# Invented strings: UTF-8 ones, and ones a dump holds in cp1252
_SAID = {"title": "Gen\u00e8ve caf\u00e9", "text": "The mayor of Gen\u00e8ve said the \u201cnew\u201d "
         f"caf\u00e9 rules start today. {HARBOUR}"}
_LEGACY = {"title": "Z\u00fcrich cr\u00e8me", "text": "Owners in Z\u00fcrich said the \u201cnew\u201d "
           f"cr\u00e8me br\u00fbl\u00e9e tax hurts. {BRIDGE}"}


def _array(records: list[tuple[dict[str, str], str]], indent: int | None) -> bytes:
    """A JSON array of ``records``, each written in its own encoding."""
    return b"[" + b",\n".join(json.dumps(record, ensure_ascii=False, indent=indent).encode(codec)
                              for record, codec in records) + b"]"


def _texts(data: bytes) -> list[tuple[str, str, str]]:
    """``(title, text, encoding)`` of each document, or ``("row", code, message)``."""
    return [(i.meta_get("title") or "", i.text, i.encoding) if isinstance(i, RawDoc)
            else ("row", i.code, i.message) for i in read_bytes(data, "dump.json", Settings())]


def _said(record: dict[str, str], encoding: str) -> tuple[str, str, str]:
    return record["title"], record["text"], encoding


@pytest.mark.parametrize("indent", [None, 2])
def test_json_strings_in_cp1252_among_utf8_ones_are_decoded_each_in_its_own(indent: int | None) -> None:
    # before: the head was read as cp1250 whole, "Z\u00fcrich cr\u010dme", "Gen\u0102\u00a8ve caf\u0102\u00a9"
    data = _array([(_SAID, "utf-8"), (_LEGACY, "cp1252"), (_SAID, "utf-8")], indent)
    assert _texts(data) == [_said(_SAID, "utf-8"), _said(_LEGACY, "utf-8+cp1252"),
                            _said(_SAID, "utf-8")]


def test_json_cp1252_strings_past_the_first_64_kib_leave_later_utf8_ones_alone() -> None:
    # before: the rest of the file was read as cp1250, "Z\u00fcrich cr\u010dme"
    records = [({**_SAID, "title": f"u{n}"}, "utf-8") for n in range(300)]
    data = _array([*records, (_LEGACY, "cp1252"), ({**_SAID, "title": "after"}, "utf-8")], None)
    assert data.index(_LEGACY["text"].encode("cp1252")) > 1 << 16
    assert _texts(data)[-2:] == [_said(_LEGACY, "utf-8+cp1252"),
                                 ("after", _SAID["text"], "utf-8")]


def test_json_stray_cp1252_bytes_in_a_utf8_string_are_read_as_cp1252() -> None:
    # Word's apostrophe (0x92) and a cp1252 word pasted into UTF-8 text: they were U+FFFD
    text = "The council\u2019s vote \u2014 the mayor\u2019s office said \u2014 passed in Gen\u00e8ve."
    raw = json.dumps({"text": text}, ensure_ascii=False).encode()
    raw = raw.replace("council\u2019s".encode(), b"council\x92s").replace(b"passed", b"pass\xe9")
    data = _array([(_SAID, "utf-8")], None)[:-1] + b",\n" + raw + b"]"
    assert _texts(data)[1] == ("", text.replace("passed", "pass\u00e9"), "utf-8+cp1252")


def test_json_lines_of_a_string_are_decoded_each_by_itself() -> None:
    # a string whose first line is UTF-8 and second cp1252: each read in its own encoding
    lines = ["Le maire de Gen\u00e8ve a parl\u00e9.",
             "Les propri\u00e9taires de caf\u00e9 \u00e0 Z\u00fcrich."]
    raw = (json.dumps(lines[0], ensure_ascii=False)[:-1] + "\\n").encode() + \
        json.dumps(lines[1], ensure_ascii=False)[1:].encode("cp1252")
    data = b'[{"title": "t", "text": ' + raw + b"}, " + json.dumps(_SAID, ensure_ascii=False).encode() + b"]"
    assert _texts(data)[0] == ("t", "\n".join(lines), "utf-8+cp1252")


def test_json_strings_in_nested_objects_are_decoded_too() -> None:
    record = b'{"text": "%s", "source": {"name": "Z\xfcrich Zeitung"}, "tags": [["caf\xe9"]]}' % (
        HARBOUR.encode())
    data = _array([(_SAID, "utf-8")], None)[:-1] + b", " + record + b"]"
    doc = list(read_bytes(data, "dump.json", Settings()))[1]
    assert isinstance(doc, RawDoc) and doc.meta_get("outlet") == "Z\u00fcrich Zeitung"
    assert doc.text == HARBOUR and doc.encoding == "utf-8+cp1252"


def test_json_cp1252_file_is_still_read_in_cp1252() -> None:
    # a head in cp1252 alone: the whole file in it, as before
    data = _array([(_LEGACY, "cp1252"), ({**_LEGACY, "title": "two"}, "cp1252")], 1)
    assert _texts(data) == [_said(_LEGACY, "cp1252"), ("two", _LEGACY["text"], "cp1252")]


def test_json_shift_jis_past_the_first_64_kib_is_read_in_it() -> None:
    # 0x5C (a backslash in ASCII) is the second byte of some Shift JIS characters: such a rest
    # is read in Shift JIS, not as UTF-8 with its strings decoded one by one
    text = "\u8868\u660e\u3057\u305f\u3068\u767a\u8868\u3057\u305f\u3002\u30bd\u30d5\u30c8\u80fd\u529b" * 3
    records = [({"title": f"a{n}", "text": HARBOUR}, "ascii") for n in range(400)]
    data = _array([*records, ({"title": "jp", "text": text}, "shift_jis")], None)
    assert b"\x95\x5c" in data and data.index(b"\x95\x5c") > 1 << 16
    assert _texts(data)[-1] == ("jp", text, "cp932")  # Microsoft's Shift JIS


@settings(max_examples=60, deadline=None)
@given(strings=st.lists(st.tuples(st.text(max_size=40), st.sampled_from(["utf-8", "cp1252"])),
                        min_size=1, max_size=8))
def test_properties_mixed_encodings_give_every_record_or_a_row(strings: list[tuple[str, str]]) -> None:
    # whatever strings, written in either encoding: one item each, documents or rows, no error
    parts = [json.dumps({"text": f"{text} {HARBOUR}"}, ensure_ascii=False).encode(codec, "replace")
             for text, codec in strings]
    items = list(read_bytes(b"[" + b", ".join(parts) + b"]", "dump.json", Settings()))
    assert len(items) == len(strings) and all(isinstance(i, RawDoc) and HARBOUR in i.text
                                              for i in items)


# Invented Japanese and Chinese sentences; 表, 能, 予, ソ (Shift JIS) and 功, 許 (Big5) end in
# 0x5C, a backslash in ASCII
_JAPANESE = ("\u653f\u5e9c\u306f\u8868\u660e\u3057\u305f\u3002\u30bd\u30d5\u30c8\u80fd\u529b\u306e"
             "\u8868\u793a\u306b\u3064\u3044\u3066\u767a\u8868\u3057\u305f\u3002\u6771\u4eac\u90fd"
             "\u306e\u4e88\u7b97\u6848\u3002")
_CHINESE = ("\u653f\u5e9c\u8868\u793a\uff0c\u53f0\u5317\u5e02\u7684\u9810\u7b97\u6848\u5c07\u65bc"
            "\u4e0b\u9031\u516c\u5e03\u3002\u8a31\u591a\u5e02\u6c11\u8868\u793a\u652f\u6301\u6210"
            "\u529f\u3002")


@pytest.mark.parametrize(("text", "codec"), [(_JAPANESE * 4, "shift_jis"), (_CHINESE * 4, "big5")])
def test_json_head_mixing_utf8_and_shift_jis_strings_is_read_whole(text: str, codec: str) -> None:
    # UTF-8 records with more strings past ASCII than the Shift JIS (or Big5) ones: read as
    # UTF-8, those strings' 0x5C bytes were escapes, and the whole file one bad_json row
    # (before the strings were told apart, every record was read, the UTF-8 ones mojibake)
    records = [({"title": f"Gen\u00e8ve {n}", "author": "Zo\u00eb", "text": f"caf\u00e9 {HARBOUR}"},
                "utf-8") if n % 2 else ({"title": f"t{n}", "text": text}, codec) for n in range(20)]
    data = _array(records, None)
    assert b"\x5c" in text.encode(codec) and len(data) < 1 << 16
    items = list(read_bytes(data, "dump.json", Settings()))
    assert [i.position for i in items if isinstance(i, RawDoc)] == [f"record {n}" for n in range(1, 21)]
    assert all(i.text == text for i in items[::2] if isinstance(i, RawDoc))


_POLISH = {"title": "Wiadomo\u015bci z \u0141odzi", "text": "Rada miasta og\u0142osi\u0142a, \u017ce prace "
           f"potrwaj\u0105 do jesieni. Mieszka\u0144cy s\u0105 zadowoleni. {HARBOUR}"}
_POLISH_LEGACY = {"title": "\u0141\u00f3d\u017a", "text": "Prace na mo\u015bcie potrwaj\u0105 jeszcze "
                  "miesi\u0105c, powiedzia\u0142 rzecznik. Mieszka\u0144cy s\u0105 zadowoleni z decyzji. "
                  f"{BRIDGE}"}


@pytest.mark.parametrize("before", [3, 300])
def test_json_legacy_strings_past_the_first_64_kib_are_told_as_in_them(before: int) -> None:
    # a string in cp1250 among UTF-8 Polish ones: in the first 64 KiB its encoding was told
    # with the UTF-8 strings' letters (cp1250), past them by the detector alone (cp1252,
    # "potrwaj\u00b9", "\u00a3\u00f3d\u0178")
    records = [({**_POLISH, "title": f"u{n}"}, "utf-8") for n in range(before)]
    data = _array([*records, (_POLISH_LEGACY, "cp1250"), (_POLISH, "utf-8")], None)
    assert (data.index(b"Prace") > 1 << 16) == (before > 3)
    assert _texts(data)[-2:] == [_said(_POLISH_LEGACY, "utf-8+cp1250"), _said(_POLISH, "utf-8")]


def test_json_utf8_characters_in_a_string_decoded_whole_in_cp1252_are_kept() -> None:
    # an emoji written as CESU-8 (two encoded surrogates: Oracle's "UTF8", Java's modified
    # UTF-8) among UTF-8 letters: more bytes that are not UTF-8 than letters that are, so the
    # string is decoded whole in cp1252, where the closing quote's 0x9D is no letter: it was
    # U+FFFD ("\u201cx\ufffd")
    said = f"Smile \U0001f600 caf\u00e9 \u201cx\u201d {HARBOUR}"
    cesu = "".join(chr(0xD800 + ((ord(c) - 0x10000) >> 10)) + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
                   if ord(c) > 0xFFFF else c for c in said).encode("utf-8", "surrogatepass")
    data = _array([(_SAID, "utf-8")], None)[:-1] + b',\n{"text": "' + cesu + b'"}]'
    assert _texts(data)[1] == ("", said, "utf-8+cp1252")


def test_json_only_records_holding_bytes_that_are_not_utf8_are_walked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # after the first such byte every record was walked for strings to repair: a 50 MB dump
    # read 1.4 times as slowly
    walked: list[object] = []
    walk = jsonfile._repaired_value

    def counted(value: object, legacy: str) -> tuple[object, bool]:
        walked.append(value)
        return walk(value, legacy)

    monkeypatch.setattr(jsonfile, "_repaired_value", counted)
    data = _array([(_SAID, "utf-8"), (_LEGACY, "cp1252"), *[(_SAID, "utf-8")] * 50], 1)
    assert [i.encoding for i in read_bytes(data, "dump.json", Settings())][:3] == [
        "utf-8", "utf-8+cp1252", "utf-8"]
    assert len(walked) == 1


def test_jsonfile_reads_records_past_raw_control_characters_in_strings() -> None:
    # before: a bad_json row at record 2, and records 2 and 3 lost
    data = json.dumps(_RECORDS).replace("VALMORA, March 3", "VALMORA,\tMarch 3\n")
    assert "\t" in data
    assert _read(data.encode()) == [("doc", "record 1", "Harbour"), ("doc", "record 2", "Bridge"),
                                    ("doc", "record 3", "")]
    (first, *_) = read_bytes(data.encode(), "export.json", Settings())
    assert isinstance(first, RawDoc) and "VALMORA,\tMarch 3\n" in first.text


# Invented articles for the size tests: short ones, and one whose body holds what a scan for
# its end must not stop at (escaped quotes, brackets and backslashes inside its string)
def _story(n: int) -> dict[str, str]:
    return {"title": f"s{n}", "text": f"Story {n}: the ferry to Port Aldine ran late again today."}


_TRICKY = json.dumps('x" }] {[ \\" ' * 600)  # its quotes escaped, a backslash before one


def _titles(data: bytes, name: str = "a.json") -> list[tuple[str, str]]:
    """``(position, title or code)`` of what ``data`` gives, the limit 4,000 characters."""
    return [(position, title) for _, position, title in _read(data, name, max_doc_chars=1000)]


def _stories(count: int) -> list[dict[str, str]]:
    return [_story(n) for n in range(count)]


@pytest.mark.parametrize(("indent", "part", "after"), [(None, "line 1, record {}", "line 2"),
                                                       (2, "record {}", "record 61")])
def test_jsonfile_wrapper_over_the_limit_gives_its_records_and_the_next_value(
        indent: int | None, part: str, after: str) -> None:
    # before: one too_large row, all 60 articles lost (a saved API answer of 10 MB)
    for answer in ({"status": "ok", "totalResults": 60, "articles": _stories(60)},
                   {"articles": {"page": 1, "results": _stories(60), "totalResults": 60}}):
        data = (json.dumps(answer, indent=indent) + "\n" + json.dumps(_story(99), indent=indent)).encode()
        assert _titles(data) == [*((part.format(n + 1), f"s{n}") for n in range(60)), (after, "s99")]


@pytest.mark.parametrize("indent", [None, 2])
def test_jsonfile_wrapper_over_the_limit_reads_each_record_as_one_under_it(indent: int | None) -> None:
    # the same documents, text and metadata, as the object read whole under a larger limit
    answer = {"status": "ok", "articles": [
        {"title": "café", "text": "Le quai a rouvert.\u2019", "url": "https://a.example/1",
         "date": "2024-05-01"}, *_stories(59)]}
    for name in ("a.json", "a.jsonl"):
        data = json.dumps(answer, indent=indent).encode()
        small = list(read_bytes(data, name, Settings(max_doc_chars=1000)))
        whole = list(read_bytes(data, name, Settings()))
        assert [(d.position, d.text, d.meta) for d in small if isinstance(d, RawDoc)] == \
               [(d.position, d.text, d.meta) for d in whole if isinstance(d, RawDoc)]
        assert len(small) == len(whole) == 60


@pytest.mark.parametrize("indent", [None, 2])
def test_jsonfile_record_over_the_limit_in_a_wrapper_is_its_own_row(indent: int | None) -> None:
    records = [_story(0), {"title": "big", "text": "word " * 2000}, {"text": {"not": "text"}},
               _story(3), "a string"]
    data = json.dumps({"status": "ok", "articles": records}, indent=indent).encode()
    prefix = "line 1, " if indent is None else ""
    assert _titles(data) == [(f"{prefix}record 1", "s0"), (f"{prefix}record 2", "too_large"),
                             (f"{prefix}record 3", "bad_record"), (f"{prefix}record 4", "s3"),
                             (f"{prefix}record 5", "bad_record")]


def test_jsonfile_wrapper_over_the_limit_in_linear_time_and_bounded_memory() -> None:
    # its records spilled to disk until all its keys are read: memory a record, not the file
    answer = {"status": "ok", "articles": [{"title": f"s{n}", "text": "The quay reopened. " * 20}
                                           for n in range(8000)], "totalResults": 8000}
    data = json.dumps(answer, indent=1).encode()
    began = time.perf_counter()
    tracemalloc.start()
    try:
        count = sum(isinstance(item, RawDoc)
                    for item in read_bytes(data, "a.json", Settings(max_doc_chars=1000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 8000
    assert peak < len(data) / 4, (peak, len(data))
    assert time.perf_counter() - began < 20


def test_jsonfile_many_members_over_the_limit_pass_in_linear_time() -> None:
    # read member by member, each member past the limit looked the whole object over again
    members = ",\n".join(f'"k{n}": [0]' for n in range(40_000))
    data = ("{\n" + members + "\n}\n" + json.dumps(_story(1))).encode()
    began = time.perf_counter()
    assert _titles(data) == [("record 1", "empty"), ("record 2", "s1")]  # as under the limit
    assert time.perf_counter() - began < 5


def test_jsonfile_record_with_comments_before_its_text_is_not_a_wrapper() -> None:
    # keys sorted: its comments streamed as 300 records, the article itself lost without a row
    record = {"comments": [{"text": f"comment {n}"} for n in range(300)], "text": "The quay.",
              "title": "quay", "url": "https://a.example/quay"}
    for indent, first, second in ((1, "record 1", "record 2"), (None, "line 1", "line 2")):
        data = (json.dumps(record, indent=indent, sort_keys=True) + "\n"
                + json.dumps(_story(1), indent=indent)).encode()
        assert _titles(data) == [(first, "too_large"), (second, "s1")]


def test_jsonfile_wrapper_over_the_limit_judged_by_all_its_records_as_under_it() -> None:
    # a first article with no body, an earlier array of other things, a related list further
    # down: the articles are what an object under the limit gives too
    for answer, rows in (
            ({"status": "ok", "articles": [{"content": None}, *_stories(60)]},
             [("record 1", "empty")]),
            ({"snapshots": ["s" * 5000, "t"], "articles": _stories(60)}, []),
            ({"query": {"related": [{"text": "r"}]}, "articles": _stories(60)}, [])):
        got = _titles(json.dumps(answer, indent=1).encode())
        assert got == [*rows, *((f"record {n + 1 + len(rows)}", f"s{n}") for n in range(60))]


def test_jsonfile_syntax_error_inside_an_object_over_the_limit_is_one_row() -> None:
    # a comma missing between two records: the reading stops there, as for an array (a scan
    # by brackets could end inside another record)
    stories = ",\n".join(json.dumps(_story(n)) for n in range(60))
    data = ('{"status": "ok",\n"articles": [' + stories + ' {"text": "x"}]}\n'
            + json.dumps(_story(1), indent=1)).encode()
    assert _titles(data) == [("record 1", "bad_json")]
    # a member's bare word leaves the brackets whole: the object is passed over by them
    data = ('{"status": undefined,\n"articles": [' + stories + ']}\n'
            + json.dumps(_story(1), indent=1)).encode()
    assert _titles(data) == [("record 1", "bad_json"), ("record 2", "s1")]
    # a comma after the last record or member, as some writers leave one, is passed
    data = ('{"status": "ok",\n"articles": [' + stories + ',],}\n' + json.dumps(_story(1))).encode()
    assert _titles(data) == [*((f"record {n + 1}", f"s{n}") for n in range(60)), ("record 61", "s1")]


def test_jsonfile_wrapper_over_the_limit_cut_short_gives_the_records_before_the_cut() -> None:
    # a saved API answer whose download stopped: before, no record of it was given
    data = json.dumps({"status": "ok", "articles": _stories(60)}, indent=1).encode()[:-300]
    before = [(f"record {n + 1}", f"s{n}") for n in range(56)]
    assert _titles(data) == [*before, ("record 57", "truncated")]
    on_one_line = [(f"line 1, {place}", title) for place, title in before]
    assert _titles(data.replace(b"\n", b" ")) == [*on_one_line, ("line 1", "truncated")]
    # a line that ends early, the file going on: its records, then bad_json, then the next line
    cut = zlib.compress(json.dumps({"status": "ok", "articles": _stories(60)}).encode())
    assert _titles(zlib.decompress(cut)[:-300] + b"\n" + json.dumps(_story(1)).encode(),
                   "a.jsonl") == [*on_one_line, ("line 1", "bad_json"), ("line 2", "s1")]


@pytest.mark.parametrize("shape", ["newsapi", "event_registry"])
@pytest.mark.parametrize(("name", "indent"), [("a.json", 1), ("a.json", None), ("a.jsonl", None)])
def test_json_wrapper_under_the_limit_cut_short_gives_the_records_before_the_cut(
        shape: str, name: str, indent: int | None) -> None:
    # curl stopped mid-download: before, one row (bad_json for a line) and every record lost
    stories = _stories(5)
    answer = {"status": "ok", "articles": stories} if shape == "newsapi" \
        else {"articles": {"page": 1, "results": stories}}
    whole = json.dumps(answer, indent=indent).encode()
    cut = whole[:whole.index(b'"s3"') + 2]  # inside the fourth record's title
    found = _read(cut, name)
    prefix = "record {}" if indent else "line 1, record {}"
    assert found[:-1] == [("doc", prefix.format(n + 1), f"s{n}") for n in range(3)]
    assert found[-1] == ("row", "record 4" if indent else "line 1", "truncated")


def test_json_record_cut_short_gives_none_of_its_arrays() -> None:
    # an object with a title of its own is a record: its arrays are its, not records
    record = {"title": "Harbour", "comments": [{"text": "Well said."}, {"text": "Agreed."}],
              "text": HARBOUR}
    whole = json.dumps(record).encode()
    for end in (whole.index(b"Agreed") + 3, len(whole) - 5):
        for name, indent in (("a.json", 1), ("a.jsonl", None)):
            data = json.dumps(record, indent=indent).encode()[:end] if indent else whole[:end]
            assert [kind for kind, _, _ in _read(data, name)] == ["row"], (name, end)
    lines = (json.dumps(_story(0)) + "\n" + json.dumps(record)).encode()[:-20]
    assert _read(lines, "a.jsonl") == [("doc", "line 1", "s0"), ("row", "line 2", "truncated")]


def test_json_cut_short_faults_the_review_found() -> None:
    stories = [_story(n) for n in range(2)]
    # a whole last line with a word after it, no line break: no cut (its record was lost)
    lines = (json.dumps(stories[0]) + "\n" + json.dumps(stories[1]) + " 1").encode()
    assert _read(lines, "a.jsonl") == [("doc", "line 1", "s0"), ("doc", "line 2, record 1", "s1"),
                                       ("row", "line 2, record 2", "bad_record")]
    # a number cut short ("2." of 2.5) is a cut, not a missing comma
    answer = json.dumps({"status": "ok", "articles": stories, "total": 2.5}, indent=1)
    cut = answer[:answer.index('"total": ') + 11].encode()
    assert _read(cut) == [("doc", "record 1", "s0"), ("doc", "record 2", "s1"),
                          ("row", "record 3", "truncated")]
    # an array of records deeper than the object, read before the cut, is not given: the
    # whole object would give its own array after it (a search answer's suggestions)
    search = json.dumps({"query": {"suggestions": [{"text": "harbour ferry"}]},
                         "articles": stories}, indent=1)
    assert _read(search[:search.index('"s0"')].encode()) == [("row", "record 1", "truncated")]
    assert _read(search[:search.index('"s1"')].encode()) == [
        ("doc", "record 1", "s0"), ("row", "record 2", "truncated")]
    # a one-line answer after a byte-order mark
    line = ("\ufeff" + json.dumps({"status": "ok", "articles": stories}))[:-30].encode()
    assert _read(line, "a.jsonl") == [("doc", "line 1, record 1", "s0"), ("row", "line 1", "truncated")]
    # (second review) an array inside the member the cut falls in: Event Registry's results,
    # cut in the count after them
    registry = json.dumps({"articles": {"page": 1, "results": stories, "totalResults": 2}})
    assert _read(registry[:registry.index('"totalResults"') + 8].encode()) == [
        ("doc", "line 1, record 1", "s0"), ("doc", "line 1, record 2", "s1"),
        ("row", "line 1", "truncated")]
    # (second review) a one-line answer and the status curl -w appends: its records
    answer = (json.dumps({"status": "ok", "articles": stories}) + " 200").encode()
    assert _read(answer, "a.jsonl") == [("doc", "line 1, record 1", "s0"),
                                        ("doc", "line 1, record 2", "s1"),
                                        ("row", "line 1, record 3", "bad_record")]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_json_wrapper_cut_anywhere_gives_a_prefix_of_its_records_and_one_row(
        data: st.DataObject) -> None:
    indent = data.draw(st.sampled_from([None, 1]), label="indent")
    limit = data.draw(st.sampled_from([1000, 2_000_000]), label="max_doc_chars")
    whole = json.dumps({"status": "ok", "total": 12, "articles": _stories(12),
                        "next": "page2"}, indent=indent).encode()
    end = data.draw(st.integers(1, len(whole) - 1), label="end")
    found = _read(whole[:end], "a.json", max_doc_chars=limit)
    docs = [title for kind, _, title in found if kind == "doc"]
    rows = [code for kind, _, code in found if kind == "row"]
    assert docs == [f"s{n}" for n in range(len(docs))]
    assert rows == ["truncated"]
    assert [kind for kind, _, _ in found] == ["doc"] * len(docs) + ["row"]


def test_jsonl_long_line_that_is_no_object_is_too_large_and_the_next_read() -> None:
    data = (json.dumps(_stories(60)) + "\n" + json.dumps(_story(1)) + "\n").encode()
    assert _titles(data, "a.jsonl") == [("line 1", "too_large"), ("line 2", "s1")]
    data = (json.dumps({"status": "ok", "articles": _stories(60)}) + ' {"text": "more"}\n'
            + json.dumps(_story(1)) + "\n").encode()
    assert _titles(data, "a.jsonl") == [*((f"line 1, record {n + 1}", f"s{n}") for n in range(60)),
                                        ("line 1", "too_large"), ("line 2", "s1")]


def test_jsonfile_json_lines_whose_first_line_is_over_the_limit_stay_lines() -> None:
    big = json.dumps({"title": "big", "text": "word " * 2000})
    data = (big + "\n" + json.dumps(_story(1)) + '\n{"text": \n' + json.dumps(_story(2)) + "\n").encode()
    assert _titles(data) == [("line 1", "too_large"), ("line 2", "s1"), ("line 3", "bad_json"),
                             ("line 4", "s2")]


@pytest.mark.parametrize("chunk", [7, 1 << 16])
def test_jsonfile_oversized_record_is_passed_over_and_the_rest_read(
        monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    # before: "the rest is not read", records 3 to 12 lost
    monkeypatch.setattr(jsonfile, "CHUNK", chunk)
    monkeypatch.setattr(jsonscan, "CHUNK", chunk)
    big = '{"title": "big", "text": "a", "html": ' + _TRICKY + '}'
    data = ("[" + ",\n".join([json.dumps(_story(0)), big, *(json.dumps(_story(n)) for n in range(1, 11))])
            + "]").encode()
    assert _titles(data) == [("record 1", "s0"), ("record 2", "too_large"),
                             *((f"record {n + 2}", f"s{n}") for n in range(1, 11))]


def test_jsonfile_oversized_single_record_is_one_row_and_the_next_value_read() -> None:
    big = {"title": "big", "url": "https://a.example/big", "text": "word " * 2000}
    for record in (big, {"text": big["text"], "title": "big"}):
        data = (json.dumps(record, indent=2) + "\n" + json.dumps(_story(1), indent=2)).encode()
        assert _titles(data) == [("record 1", "too_large"), ("record 2", "s1")]


def test_jsonfile_cut_inside_an_oversized_record_says_truncated_after_it() -> None:
    data = ("[" + json.dumps(_story(0)) + ', {"text": "' + "word " * 2000).encode()
    assert _titles(data) == [("record 1", "s0"), ("record 2", "too_large"), ("record 3", "truncated")]


def test_jsonfile_huge_number_is_too_large_not_read_again_and_again() -> None:
    data = b"[" + json.dumps(_story(0)).encode() + b", " + b"7" * 300_000 + b", " \
        + json.dumps(_story(1)).encode() + b"]"
    assert _titles(data) == [("record 1", "s0"), ("record 2", "too_large"), ("record 3", "s1")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(1, 6000), min_size=1, max_size=8),
       indent=st.sampled_from([None, 1]), chunk=st.integers(1, 300))
def test_properties_jsonfile_each_record_read_or_too_large_in_its_place(
        monkeypatch: pytest.MonkeyPatch, sizes: list[int], indent: int | None, chunk: int) -> None:
    monkeypatch.setattr(jsonfile, "CHUNK", chunk)
    monkeypatch.setattr(jsonscan, "CHUNK", chunk)
    # the bulk in a field of its own: the body stays under max_doc_chars, the record may not
    records = [{"title": f"r{n}", "text": "The quay reopened.", "notes": ('a"\\{]' * size)[:size]}
               for n, size in enumerate(sizes)]
    data = json.dumps(records, indent=indent).encode()
    expected = [(f"record {n + 1}", "too_large" if len(json.dumps(r, indent=indent)) > 4000 + 40
                 else f"r{n}") for n, r in enumerate(records)]
    got = [(p.removeprefix("line 1, "), t) for p, t in _titles(data)]  # (a line under the limit)
    # a record within a few characters of the limit (its indentation counted or not) may be either
    assert [p for p, _ in got] == [p for p, _ in expected]
    assert all(g == e or abs(len(json.dumps(r)) - 4000) < 200 for (_, g), (_, e), r in
               zip(got, expected, records, strict=True))


@pytest.mark.parametrize("depth", [1500, 100_000])
def test_jsonfile_a_record_nested_too_deep_is_passed_over(depth: int) -> None:
    # before: "nested too deep; the rest is not read", the records after it lost
    deep = "[" * depth + "]" * depth
    data = f'[{json.dumps({"text": HARBOUR})},{{"x":{deep}}},{json.dumps({"text": BRIDGE})}]'
    items = list(read_bytes(data.encode(), "a.json", Settings()))
    assert [i.text for i in items if isinstance(i, RawDoc)] == [HARBOUR, BRIDGE]
    assert [(i.code, "passed over" in i.message) for i in items if isinstance(i, QuarantineRow)] \
        == [("bad_json", True)]


_KEYS = st.sampled_from(["status", "articles", "results", "data", "query", "meta", "comments", "page"])
_RECORD_KEYS = st.sampled_from(["text", "title", "Title", "url", "content", "html"])
_SCALARS = st.one_of(st.none(), st.integers(-3, 3), st.booleans(), st.text(max_size=12),
                     st.just(" "))
_ARTICLES = st.builds(lambda n, body: {"title": f"r{n}", "text": body}, st.integers(0, 99),
                     st.sampled_from(["The quay reopened.", " ", "Storm."]))
_ELEMENTS = st.one_of(_ARTICLES, _ARTICLES, st.just({"content": None}), _SCALARS)
_MEMBERS = st.recursive(
    st.one_of(_SCALARS, st.lists(_ELEMENTS, max_size=6), st.lists(_ARTICLES, min_size=1, max_size=6),
              st.just("b" * 300), st.just("c" * 5000)),
    lambda inner: st.dictionaries(_KEYS, inner, max_size=3), max_leaves=10)


def _outcome(data: bytes, name: str, **options: object) -> list[tuple[str, str, str]]:
    return [(i.position, i.meta_get("title") or "", i.text) if isinstance(i, RawDoc)
            else (i.source.partition("#")[2], i.code, "") for i in
            read_bytes(data, name, Settings(**options))]  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(members=st.dictionaries(_KEYS, _MEMBERS, min_size=1, max_size=4),
       own=st.dictionaries(_RECORD_KEYS, st.one_of(_SCALARS, _MEMBERS), max_size=1),
       pad_first=st.booleans(), lines=st.booleans())
def test_properties_object_over_the_limit_reads_as_under_it(
        members: dict[str, object], own: dict[str, object], pad_first: bool, lines: bool) -> None:
    # an array of numbers takes it over the limit; its records are the ones read whole, and a
    # record itself is one too_large row
    pad = {"zz": [0] * 1500}
    answer = {**pad, **members, **own} if pad_first else {**own, **members, **pad}
    name, data = ("a.jsonl", json.dumps(answer)) if lines else ("a.json", json.dumps(answer, indent=1))
    whole = _outcome(data.encode(), name)
    streamed = _outcome(data.encode(), name, max_doc_chars=1000)
    event("record" if _wrapped_records_of(answer) is None else f"wrapper, {len(whole)} items")
    if _wrapped_records_of(answer) is None:
        assert streamed == [("line 1" if lines else "record 1", "too_large", "")]
    else:
        assert streamed == whole


def _wrapped_records_of(answer: dict[str, object]) -> list[object] | None:
    try:
        return wrapped_records(answer, Settings().jsonl_fields)
    except InputRejected:
        return []  # neither: one empty row, read whole or not


# --- faults a review of the member-by-member reading found (all mended) ---

_ARTS = [{"title": f"a{n}", "text": f"Article {n}: " + "the quay reopened " * 20} for n in range(20)]


def _small(data: bytes, name: str = "a.json") -> list[tuple[str, str]]:
    return _titles(data, name)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_jsonl_long_line_of_a_wide_file_is_one_row_and_the_next_read(codec: str) -> None:
    # its recoded line gave more bytes than were asked for: a reader_error, the rest lost
    line = json.dumps({"text": "Привет " * 2000}, ensure_ascii=False)
    data = ("\n".join([json.dumps(_story(1)), line, json.dumps(_story(3))]) + "\n").encode(codec)
    assert _small(data, "a.jsonl") == [("line 1", "s1"), ("line 2", "too_large"), ("line 3", "s3")]
    wrapper = json.dumps({"articles": _ARTS}, ensure_ascii=False)
    data = ("\r".join([json.dumps(_story(1)), wrapper, json.dumps(_story(3))]) + "\r").encode(codec)
    assert _small(data, "a.jsonl") == [("line 1", "s1"), *((f"line 2, record {n + 1}", f"a{n}")
                                                           for n in range(20)), ("line 3", "s3")]


@pytest.mark.parametrize("options", [{"max_doc_chars": 1000}, {}])
def test_jsonfile_wrapper_record_nested_too_deep_or_broken_costs_its_own_row(
        options: dict[str, int]) -> None:
    # before: the array that held it passed over whole, its articles lost without a row
    deep = "[" * 10_000 + "]" * 10_000
    for bad in (deep, '"It\\\'s"', "undefined"):
        text = json.dumps({"articles": [{"text": "a", "x": "BAD"}, *_ARTS],
                           "related": [{"text": "related"}]}, indent=1).replace('"BAD"', bad)
        got = [(p, t) for _, p, t in _read(text.encode() + b"\n" + json.dumps(_story(1)).encode(),
                                           "a.json", **options)]  # type: ignore[arg-type]
        assert got == [("record 1", "bad_json"), *((f"record {n + 2}", f"a{n}") for n in range(20)),
                       ("record 22", "s1")], bad[:20]


def test_jsonfile_wrapper_whose_records_are_all_over_the_limit_gives_a_row_each() -> None:
    # before: the array not taken for the articles ("related" read, or one empty row)
    big = [{"title": f"b{n}", "text": "x" * 4500} for n in range(3)]
    for answer in ({"articles": big, "related": [{"text": "related"}]}, {"articles": big}):
        assert _small(json.dumps(answer, indent=1).encode()) == [
            ("record 1", "too_large"), ("record 2", "too_large"), ("record 3", "too_large")]
    # an aggregation's objects over the limit hold no text: not the articles
    aggs = {"aggregations": [{"buckets": list(range(2000))}], "articles": _ARTS}
    assert _small(json.dumps(aggs).encode() + b"\n") == [
        (f"line 1, record {n + 1}", f"a{n}") for n in range(20)]


def test_jsonfile_member_name_over_the_limit_stops_nothing() -> None:
    # before: one too_large row, and the record after the object lost without a row
    data = b'{\n"' + b"k" * 5000 + b'": 1, "articles": ' + json.dumps(_ARTS).encode() + b'}\n' \
        + json.dumps(_story(1)).encode()
    assert _small(data) == [*((f"record {n + 1}", f"a{n}") for n in range(20)), ("record 21", "s1")]


@pytest.mark.parametrize("options", [{"max_doc_chars": 1000}, {}])
def test_jsonfile_object_with_a_broken_member_is_one_bad_json_row_whatever_the_limit(
        options: dict[str, int]) -> None:
    # before: passed as null over the limit (all 20 articles read) and bad_json under it
    for bad in ("undefined", '"page\\\'2"'):
        text = json.dumps({"next": "BAD", "articles": _ARTS}, indent=1).replace('"BAD"', bad)
        got = [(p, t) for _, p, t in _read(text.encode() + b"\n" + json.dumps(_story(1)).encode(),
                                           "a.json", **options)]  # type: ignore[arg-type]
        assert got == [("record 1", "bad_json"), ("record 2", "s1")], bad


def test_jsonfile_small_broken_object_says_it_does_not_parse_not_that_it_is_large() -> None:
    data = ('{\n"title": "It\\\'s", "text": "x"}\n' + "\n".join(json.dumps(_story(n)) for n in range(60)))
    items = list(read_bytes(data.encode(), "a.json", Settings(max_doc_chars=1000)))
    row = items[0]
    assert isinstance(row, QuarantineRow) and row.code == "bad_json"
    assert "runs over" not in row.message and "does not parse" in row.message
    assert [i.meta_get("title") for i in items[1:] if isinstance(i, RawDoc)] == \
        [f"s{n}" for n in range(60)]


def test_jsonfile_stray_closing_bracket_is_passed_not_stood_on() -> None:
    # before: too_large rows for records 3, 4, 5 ... without end (also under the default limit)
    records = "\n".join(json.dumps({"text": f"record {n} " + "w" * 100}) for n in range(600))
    began = time.perf_counter()
    items = list(read_bytes(('{\n"text": "first"}}\n' + records).encode(), "a.json",
                            Settings(max_doc_chars=1000)))
    assert time.perf_counter() - began < 5
    assert isinstance(items[0], RawDoc) and len(items) < 10
    assert isinstance(items[-1], QuarantineRow) and items[-1].code == "bad_json"


# --- faults a second review found in passing broken records over (all mended) ---


@pytest.mark.parametrize("options", [{"max_doc_chars": 1000}, {}])
def test_jsonfile_record_missing_a_quote_stops_the_reading_and_numbers_nothing_wrong(
        options: dict[str, int]) -> None:
    # passed over by its brackets, REC3 and REC4 were lost without a row and REC5 read as
    # record 3; a missing "}" ran the scan to the end and said truncated of a whole file
    records = [json.dumps({"text": f"REC{n} the quay reopened today"}) for n in range(1, 6)]
    for broken in (records[1].replace('today"', "today"), records[1].replace('"}', '"')):
        data = ("[" + ",\n".join([records[0], broken, *records[2:]]) + "]").encode()
        got = [(p, t) for _, p, t in _read(data, "a.json", **options)]  # type: ignore[arg-type]
        assert got == [("record 1", ""), ("record 2", "bad_json")], broken


def test_jsonfile_comma_after_the_last_record_is_passed() -> None:
    data = ("[" + ", ".join(json.dumps(_story(n)) for n in range(2)) + ",]").encode()
    assert _titles(data) == [("record 1", "s0"), ("record 2", "s1")]


def test_jsonfile_wrapper_whose_every_article_is_broken_gives_a_row_each() -> None:
    # before: one empty row, "nor an array of records"
    arts = [{"title": f"b{n}", "text": "It's"} for n in range(3)]
    text = json.dumps({"status": "ok", "articles": arts}, indent=1).replace("It's", "It\\'s")
    assert _titles(text.encode()) == [("record 1", "bad_json"), ("record 2", "bad_json"),
                                      ("record 3", "bad_json")]


def test_jsonfile_wrapper_record_at_the_parsers_depth_is_a_row_not_a_crash() -> None:
    # parsed at the parser's limit, one level too deep to spill: a RecursionError escaped
    for depth in range(960, 1000, 3):
        deep = "[" * depth + "]" * depth
        text = json.dumps({"articles": [{"text": "a", "x": "DEEP"}, *_ARTS]}, indent=1)
        items = list(read_bytes(text.replace('"DEEP"', deep).encode(), "a.json",
                                Settings(max_doc_chars=1000)))
        assert len(items) == 21 and all(i.position.startswith("record") if isinstance(i, RawDoc)
                                        else i.code in ("bad_json",) for i in items), depth


def test_jsonfile_cut_inside_a_last_literal_is_one_truncated_row() -> None:
    whole = json.dumps([{"text": "The quay reopened.", "ok": True, "n": 1e5, "s": "\u00e9"}] * 3,
                       ensure_ascii=True)
    for cut in ('"ok": tru', '"n": 100000.', '"s": "\\u00'):
        data = whole[:whole.rindex(cut) + len(cut)].encode()
        assert _titles(data)[-1:] == [("record 3", "truncated")] and \
            [t for _, t in _titles(data)].count("bad_json") == 0, cut


@pytest.mark.parametrize("data", [
    # an opening quote missing: its record's string read as a bare word, the quotes after it
    # paired the wrong way: records lost without a row, later ones misnumbered, or a whole file
    # called truncated (a third review of the reading)
    '[{"text": "REC1X"}, {"text": REC2X"}, {"text": "REC3X"}, {"text": REC4X"}, {"text": "REC5X"}]',
    '[{"text": "REC1X"}, {"text": REC2X"}, {"text": "REC3X said \\"hi\\""}, {"text": "REC4X"}]',
    '[{"text": "REC1X"}, {"text": REC2X"}, {"text": "REC3X"}]',
    "[{\"text\": \"REC1X\"}, {\"text\": 'REC2X 5\" tall'}, {\"text\": \"REC3X\"}]",
])
def test_json_string_missing_its_opening_quote_stops_the_reading(data: str) -> None:
    assert [(p, c) for k, p, c in _read(data.encode()) if k == "row"] == [("record 2", "bad_json")]
    assert [p for k, p, _ in _read(data.encode()) if k == "doc"] == ["record 1"]

from __future__ import annotations

import gzip
import json
import random
import time
import zlib
from pathlib import Path

import pytest

from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes, read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, HARBOUR


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def test_jsonl_reads_records_with_their_line_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", [
        {"text": HARBOUR, "url": "https://a.example/1", "title": "Harbour", "date": "2026-03-03",
         "outlet": "Valmora Daily"},
        "",
        {"html": f"<p>{BRIDGE}</p>", "text": "ignored"},
    ])
    docs = list(read_paths([path], Settings()))
    assert [(d.position, d.media_type) for d in docs if isinstance(d, RawDoc)] == [
        ("line 1", "text/plain"), ("line 3", "text/html")]
    assert dict(docs[0].meta) == {"url": "https://a.example/1", "title": "Harbour", "date": "2026-03-03",
                                  "outlet": "Valmora Daily"}
    assert docs[0].source == str(path)


def test_jsonl_wraps_an_html_fragment_and_keeps_a_whole_page(tmp_path: Path) -> None:
    whole = f"<html><body><p>{BRIDGE}</p></body></html>"
    path = _write(tmp_path / "html.jsonl", [{"html": f"<p>{HARBOUR}</p>"}, {"html": whole}])
    first, second = read_paths([path], Settings())
    assert isinstance(first, RawDoc)
    assert first.text == f"<html><body><article><p>{HARBOUR}</p></article></body></html>"
    assert isinstance(second, RawDoc) and second.text == whole


def test_jsonl_uses_the_configured_field_names(tmp_path: Path) -> None:
    path = _write(tmp_path / "scrape.ndjson", [{"body": HARBOUR, "link": "https://a.example/h",
                                               "headline": "Harbour"}])
    fields = RecordFields(text="body", url="link", title="headline")
    (doc,) = read_paths([path], Settings(jsonl_fields=fields))
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    assert dict(doc.meta) == {"url": "https://a.example/h", "title": "Harbour"}


def test_jsonl_quarantines_each_bad_line_with_its_code(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", [
        "{not json", "[1, 2]", {"url": "u"}, {"text": 42}, "[" * 100_000 + "]" * 100_000,
        {"text": HARBOUR},
    ])
    items = list(read_paths([path], Settings()))
    assert [(i.source.rsplit("#", 1)[-1], i.code) for i in items if isinstance(i, QuarantineRow)] == [
        ("line 1", "bad_json"), ("line 2", "bad_record"), ("line 3", "empty"), ("line 4", "bad_record"),
        ("line 5", "bad_json")]
    assert isinstance(items[-1], RawDoc) and items[-1].position == "line 6"


def test_jsonl_decodes_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"text": "Le maire de Genève a parlé du pont."}\n'.encode("latin-1"))
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and "Genève" in doc.text


def test_jsonl_repairs_mojibake_in_fields(tmp_path: Path) -> None:
    path = _write(tmp_path / "moji.jsonl", [{"text": "The mayor didnâ€™t comment.", "title": "CafÃ©s"}])
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == "The mayor didn’t comment."
    assert doc.meta_get("title") == "Cafés"


def test_jsonl_skips_a_line_over_the_size_guard(tmp_path: Path) -> None:
    path = _write(tmp_path / "long.jsonl", [{"text": "word " * 2000}, {"text": HARBOUR}])
    items = list(read_paths([path], Settings(max_doc_chars=1000)))
    assert isinstance(items[0], QuarantineRow) and items[0].code == "too_large"
    assert isinstance(items[1], RawDoc) and items[1].position == "line 2"


def test_jsonl_skips_a_50_mb_single_line_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        out.write(b'{"text": "')
        out.write(b"x" * 50_000_000)
        out.write(b'"}\n' + json.dumps({"text": HARBOUR}).encode() + b"\n")
    started = time.perf_counter()
    items = list(read_paths([path], Settings()))
    assert time.perf_counter() - started < 3
    assert [type(i) for i in items] == [QuarantineRow, RawDoc]
    assert items[0].code == "too_large" and items[0].source.endswith("#line 1")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32", "utf-32-be"])
def test_jsonl_in_a_wide_encoding_is_read_line_by_line(tmp_path: Path, codec: str) -> None:
    # Windows PowerShell writes UTF-16 with a byte-order mark; "utf-16-le" and "utf-32-be" have none.
    lines = [json.dumps({"text": body, "title": title}, ensure_ascii=False)
             for title, body in (("Hafen", HARBOUR), ("Brücke", BRIDGE))]
    path = tmp_path / "export.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode(codec))
    docs = list(read_paths([path], Settings()))
    assert [(d.position, d.meta_get("title")) for d in docs if isinstance(d, RawDoc)] == [
        ("line 1", "Hafen"), ("line 2", "Brücke")]
    # the file's encoding, not the UTF-8 its lines were recoded to for reading
    assert {d.encoding for d in docs if isinstance(d, RawDoc)} == {codec}


def test_jsonl_drops_an_escaped_nul_from_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", [{"text": HARBOUR.replace(" ", " \u0000", 1)}])
    (doc,) = read_paths([path], Settings())
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR


def test_jsonl_meta_fields_that_are_no_text_are_left_out() -> None:
    # they became "{'a': 1}" and "nan" in the document's url and date
    text = json.dumps(HARBOUR)
    line = (f'{{"text": {text}, "url": {{"a": 1}}, "title": ["x"], "date": NaN, "outlet": true}}\n'
            f'{{"text": {text}, "url": "https://a.example/1", "date": 1700000000}}\n')
    first, second = read_bytes(line.encode(), "a.jsonl", Settings())
    assert isinstance(first, RawDoc) and first.meta == ()
    assert isinstance(second, RawDoc) and dict(second.meta) == {"url": "https://a.example/1",
                                                                "date": "1700000000"}


def test_jsonl_with_carriage_returns_alone_is_read_line_by_line() -> None:
    # old Mac line ends: split on LF, the whole file was one bad_json row
    lines = [json.dumps({"text": HARBOUR}), json.dumps({"text": BRIDGE, "title": "Caf\u00e9"}), "",
             "{bad", json.dumps({"text": HARBOUR, "title": "Last"})]
    data = "\r".join(lines).encode() + b"\r"
    items = list(read_bytes(data, "a.jsonl", Settings()))
    assert [(getattr(i, "position", "") or i.source.partition("#")[2], getattr(i, "code", "doc"))
            for i in items] == [("line 1", "doc"), ("line 2", "doc"), ("line 4", "bad_json"),
                                ("line 5", "doc")]
    assert isinstance(items[1], RawDoc) and items[1].meta_get("title") == "Caf\u00e9"
    # a cp1252 line among them is decoded on its own, as any line
    legacy = data.replace("Caf\u00e9".encode(), "Caf\u00e9".encode("cp1252"))
    second = list(read_bytes(legacy, "a.jsonl", Settings()))[1]
    assert isinstance(second, RawDoc) and second.meta_get("title") == "Caf\u00e9"


def test_jsonl_with_a_carriage_return_as_blank_space_inside_a_record_stays_lf_lines() -> None:
    first = '{"title": "one",\r"text": "%s"}' % ("word " * 3000)
    data = (first + "\n" + json.dumps({"text": HARBOUR}) + "\n").encode()
    assert [getattr(i, "position", None) for i in read_bytes(data, "a.jsonl", Settings())] == [
        "line 1", "line 2"]


def test_jsonl_with_carriage_returns_cut_keeps_every_whole_line_and_one_row() -> None:
    import gzip
    import zlib

    data = b"\r".join(json.dumps({"text": f"{n} {HARBOUR}"}).encode() for n in range(800)) + b"\r"
    packed = gzip.compress(data, mtime=0)
    cut = packed[: len(packed) * 2 // 3]
    whole = zlib.decompressobj(wbits=31).decompress(cut).count(b"\r")
    items = list(read_bytes(cut, "a.jsonl.gz", Settings()))
    assert sum(isinstance(i, RawDoc) for i in items) == whole
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_a_wide_jsonl_file_splits_lines_where_utf8_does(encoding: str) -> None:
    # U+2028, U+0085 and U+2029 may stand raw inside a JSON string; only LF, CRLF and CR end
    # a line (codecs.EncodedFile split UTF-16 lines at each of them)
    body = "The minister said the talks would resume next week in Geneva, officials said."
    records = [{"text": f"{body} {mark}{body}"} for mark in ("\u2028", "\u0085", "\u2029", "")]
    data = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode(encoding)
    items = list(read_bytes(data, "r.jsonl", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"] * 4
    assert [i.position for i in items] == ["line 1", "line 2", "line 3", "line 4"]


def test_cr_only_jsonl_whose_first_record_outruns_the_head_is_read_record_by_record() -> None:
    # the break between records ('}' CR '{') was looked for in the first 64 KiB only
    first = json.dumps({"text": "The talks would resume next week, officials said. " * 1500})
    rest = [json.dumps({"text": f"{HARBOUR} ({n})"}) for n in range(2, 5)]
    items = list(read_bytes(("\r".join([first, *rest]) + "\r").encode(), "mac.jsonl", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"] * 4
    assert [i.position for i in items] == ["line 1", "line 2", "line 3", "line 4"]


def test_a_records_text_field_holding_html_is_read_as_html() -> None:
    html = ("<p>The minister said on Tuesday that the talks would resume.</p>"
            "<p>Officials in Geneva confirmed the date.</p><p>More details later.</p>")
    plain = "The minister said the talks would resume, and 3 < 4 in the <b>polls</b>."
    data = "\n".join(json.dumps({"text": t}) for t in (html, plain)).encode()
    first, second = read_bytes(data, "r.jsonl", Settings())
    assert isinstance(first, RawDoc) and first.media_type == "text/html"
    assert isinstance(second, RawDoc) and second.media_type == "text/plain"


def test_cr_only_jsonl_whose_first_record_outruns_the_head_and_the_file_the_line_limit() -> None:
    # no break in the first 64 KiB and no LF in the file: read as LF lines, the file was one
    # line over 4 × max_doc_chars bytes, every record lost in one too_large row
    first = json.dumps({"text": HARBOUR, "notes": "n" * 70_000})  # 70 KB, within the limit
    rest = [json.dumps({"text": f"{BRIDGE} ({n})"}) for n in range(2, 202)]
    data = ("\r".join([first, *rest]) + "\r").encode()
    items = list(read_bytes(data, "mac.jsonl", Settings(max_doc_chars=20_000)))
    assert len(data) > 80_000 and [type(i).__name__ for i in items] == ["RawDoc"] * 201
    assert [i.position for i in items][::50] == ["line 1", "line 51", "line 101", "line 151", "line 201"]
    assert list(read_bytes(data, "mac.jsonl", Settings(max_doc_chars=20_000))) == items


def test_cr_only_jsonl_without_a_break_between_records_is_read_line_by_line() -> None:
    # a broken record first: no '}' CR '{' in the file, which was one bad_json line
    data = ('{"text": "cut off here\r' + json.dumps({"text": HARBOUR}) + "\r").encode()
    items = list(read_bytes(data, "mac.jsonl", Settings()))
    assert [(getattr(i, "position", "") or i.source.partition("#")[2], getattr(i, "code", "doc"))
            for i in items] == [("line 1", "bad_json"), ("line 2", "doc")]


@pytest.mark.parametrize(("record", "found"), [
    (json.dumps({"text": HARBOUR, "title": "Harbour"}, indent=2).replace("\n", "\r"), ["doc"]),
    (json.dumps({"items": [{"text": HARBOUR}, {"text": BRIDGE}]}, indent=1).replace("\n", "\r"),
     ["doc", "doc"]),
    (json.dumps({"text": HARBOUR}).replace('"text"', '\r"text"'), ["doc"]),
    ('{"text": "' + HARBOUR + '\rand a raw carriage return"}', ["doc"]),
], ids=["pretty-printed", "a pretty-printed wrapper of records", "CR between tokens", "raw CR in a string"])
def test_a_jsonl_file_of_one_record_holding_carriage_returns_is_one_line(
        record: str, found: list[str]) -> None:
    # no LF and no "}" CR "{" in the file: split at each CR, the one record was a bad_json
    # row per line (a pretty-printed record lost), or two for one record
    items = list(read_bytes(record.encode(), "one.jsonl", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == found


def test_jsonl_reads_a_raw_tab_inside_a_string(tmp_path: Path) -> None:
    # before: the line was a bad_json row ("Invalid control character")
    body = json.dumps(HARBOUR.replace(" ", "\t", 1) + "\x01").replace("\\t", "\t").replace("\\u0001", "\x01")
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{{"text": {json.dumps(BRIDGE)}}}\n{{"text": {body}}}\n')
    first, second = read_paths([path], Settings())
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc), second
    assert second.position == "line 2"
    assert second.text == HARBOUR.replace(" ", "\t", 1)  # the tab kept, the control dropped


# Invented records for the tests of a JSON document saved as JSON Lines
_FERRY = {"title": "Ferry", "text": "The ferry to Port Aldine ran late again on Monday."}
_MARKET = {"title": "Market", "text": "The night market on Quay Street reopens in June."}


def _positions(data: bytes, name: str = "a.jsonl") -> list[tuple[str, str]]:
    """``(position, title or code)`` of what ``data`` gives."""
    return [(i.position, i.meta_get("title") or "") if isinstance(i, RawDoc)
            else (i.source.partition("#")[2], i.code) for i in read_bytes(data, name, Settings())]


@pytest.mark.parametrize("name", ["a.jsonl", "a.ndjson"])
def test_jsonl_pretty_printed_array_is_read_as_one_document(name: str) -> None:
    # before: a bad_json row a line, and the last record read alone
    data = json.dumps([_FERRY, _MARKET], indent=2).encode()
    assert _positions(data, name) == [("record 1", "Ferry"), ("record 2", "Market")]


def test_jsonl_pretty_printed_object_is_read_as_one_document() -> None:
    # before: 4 bad_json rows
    assert _positions(json.dumps(_FERRY, indent=2).encode()) == [("record 1", "Ferry")]


def test_jsonl_line_holding_an_array_of_records_gives_each() -> None:
    # before: one bad_record row for the line
    data = (json.dumps([_FERRY, _MARKET]) + "\n" + json.dumps(_MARKET) + "\n").encode()
    assert _positions(data) == [("line 1, record 1", "Ferry"), ("line 1, record 2", "Market"),
                                ("line 2", "Market")]


def test_jsonl_concatenated_objects_on_a_line_give_each() -> None:
    # before: one bad_json row ("Extra data"), both records lost
    data = (json.dumps(_MARKET) + "\n" + json.dumps(_FERRY) + json.dumps(_MARKET) + "\n").encode()
    assert _positions(data) == [("line 1", "Market"), ("line 2, record 1", "Ferry"),
                                ("line 2, record 2", "Market")]


def test_jsonl_records_each_followed_by_a_comma_are_read() -> None:
    # before: a bad_json row a line
    data = (json.dumps(_FERRY) + ",\n" + json.dumps(_MARKET) + ",\n").encode()
    assert _positions(data) == [("line 1", "Ferry"), ("line 2", "Market")]


def test_jsonl_broken_first_line_keeps_reading_line_by_line() -> None:
    data = ('{"text": "The ferry\n' + json.dumps(_MARKET) + "\n{\n" + json.dumps(_FERRY) + "\n").encode()
    assert _positions(data) == [("line 1", "bad_json"), ("line 2", "Market"), ("line 3", "bad_json"),
                                ("line 4", "Ferry")]


@pytest.mark.parametrize("first", ['{"title": "a", "text": "cut",', '{"title": "a", "source": {',
                                   '{"id": 1}, "text": "tail"}', '{"title": "a", "text": "one,'])
def test_jsonl_broken_first_line_is_no_document(first: str) -> None:
    # read as one document, every good line after the broken one was lost
    data = (first + "\n" + json.dumps(_MARKET) + "\n" + json.dumps(_FERRY) + "\n").encode()
    assert _positions(data) == [("line 1", "bad_json"), ("line 2", "Market"), ("line 3", "Ferry")]


def test_jsonl_long_array_line_then_a_broken_line_keeps_reading() -> None:
    data = (json.dumps([_FERRY] * 800) + '\n{"text": \n' + json.dumps(_MARKET) + "\n").encode()
    assert len(data) > 1 << 16
    assert _positions(data)[-2:] == [("line 2", "bad_json"), ("line 3", "Market")]
    assert len(_positions(data)) == 802


def test_jsonl_bracket_above_records_without_commas_reads_each() -> None:
    data = ("[\n" + "\n".join(json.dumps(r) for r in (_FERRY, _MARKET, _FERRY)) + "\n]\n").encode()
    assert _positions(data) == [("line 1", "bad_json"), ("line 2", "Ferry"), ("line 3", "Market"),
                                ("line 4", "Ferry"), ("line 5", "bad_json")]


@pytest.mark.parametrize("first", ['[\n{"text": "a" "b"}', '[\n{"text": "cut', '{\n"text": "cut',
                                   '[\n{"text": "a",\n"url": "u"},'])
def test_jsonl_broken_first_record_under_a_bracket_is_no_document(first: str) -> None:
    rest = "".join(json.dumps({"text": f"Body {n} of the file."}) + "\n" for n in range(2, 6))
    items = list(read_bytes(f"{first}\n{rest}".encode(), "a.jsonl", Settings()))
    assert [i.text for i in items if isinstance(i, RawDoc)] == [
        f"Body {n} of the file." for n in range(2, 6)]


def test_jsonl_html_field_is_weighed_as_a_page_its_text_field_by_length(tmp_path: Path) -> None:
    # a scraper's record holding the page as fetched: its inline image is no reason to lose it
    image = "iVBORw0KGgo" * 300
    html = f'<html><body><img src="data:image/png;base64,{image}"><p>{HARBOUR}</p></body></html>'
    path = _write(tmp_path / "pages.jsonl", [{"html": html}, {"text": HARBOUR + image}])
    first, second = read_paths([path], Settings(max_doc_chars=1000))
    assert isinstance(first, RawDoc) and first.media_type == "text/html"
    assert isinstance(second, QuarantineRow) and second.code == "too_large"


def test_jsonl_a_text_or_page_four_times_over_the_limit_is_too_large_whatever_it_holds() -> None:
    # the readers' byte cap did not hold for a record or the Python API's texts: a page of
    # scripts 40 times the limit was read whole (review of e9d37d5)
    from storyline.ingest.readers import iter_texts

    page = f"<html><head><script>{'var a = 1; ' * 4_000}</script></head><body><p>{HARBOUR}</p>"
    settings = Settings(max_doc_chars=1000)
    (item,) = iter_texts([page + "</body></html>"], settings=settings)
    assert isinstance(item, QuarantineRow) and item.code == "too_large"
    small = f"<html><head><script>{'var a = 1; ' * 300}</script></head><body><p>{HARBOUR}</p>"
    (item,) = iter_texts([small + "</body></html>"], settings=settings)
    assert isinstance(item, RawDoc) and item.media_type == "text/html"


def test_jsonl_a_legacy_encoded_line_is_measured_by_its_record_not_the_line(tmp_path: Path) -> None:
    # a cp1252 line was decoded under max_doc_chars as a whole, its page weighed as plain text
    # when its html came after its first 2 KB: too_large where the UTF-8 line was read
    page = f"<html><head><script>{'var a = 1; ' * 150}</script></head><body><p>{HARBOUR} Café.</p>"
    record = {"title": "Café " + "x" * 2500, "html": page + "</body></html>"}
    line = json.dumps(record, ensure_ascii=False).encode("cp1252") + b"\n"
    (item,) = read_bytes(line, "a.jsonl", Settings(max_doc_chars=2000))
    assert isinstance(item, RawDoc) and item.media_type == "text/html"


def _api_answer(count: int) -> bytes:
    """A saved API answer on one line: a status and the articles it wraps."""
    noise = random.Random(count)  # text that does not compress away: the cut falls among records
    articles = [{"url": f"https://news.example.org/{n}", "title": f"Harbour {n}",
                 "text": f"{HARBOUR} {' '.join(f'{noise.getrandbits(32):x}' for _ in range(60))}"}
                for n in range(count)]
    return json.dumps({"status": "ok", "articles": articles}).encode()


@pytest.mark.parametrize("name", ["answer.json.gz", "answer.jsonl.gz"])
@pytest.mark.parametrize("limit", [2_000_000, 1_000])  # the line read whole, or over the limit
def test_jsonl_gzipped_one_line_answer_cut_gives_the_records_before_the_cut(name: str,
                                                                          limit: int) -> None:
    """The compressed stream's cut ended the line with an error, and every record was lost."""
    whole = gzip.compress(_api_answer(12))
    items = list(read_bytes(whole[: len(whole) * 2 // 3], name, Settings(max_doc_chars=limit)))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert 3 <= len(docs) < 12
    assert [d.meta_get("url") for d in docs] == [f"https://news.example.org/{n}"
                                                 for n in range(len(docs))]
    assert [(i.code, i.source) for i in items[len(docs):]] == [("truncated", "<bytes>#line 1")]


def test_jsonl_gzipped_one_line_cut_in_its_trailer_gives_every_record_and_one_row() -> None:
    whole = gzip.compress(_api_answer(5))
    items = list(read_bytes(whole[:-3], "answer.json.gz", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"] * 5 + ["QuarantineRow"]
    assert items[-1].code == "truncated" and "compressed stream" in items[-1].message


def test_jsonl_gzipped_line_cut_where_it_is_no_json_yet_is_one_truncated_row() -> None:
    """A cut leaving "[" of an array is the cut, not a line of bad JSON (one row, not two)."""
    whole = gzip.compress(json.dumps([json.loads(_api_answer(1))]).encode())
    items = list(read_bytes(whole[:-len(whole) + 11], "a.json.gz", Settings()))
    assert [(type(i).__name__, i.code) for i in items] == [("QuarantineRow", "truncated")]


@pytest.mark.parametrize("end", ["", "\n"])
def test_jsonl_gzipped_lines_cut_in_the_trailer_keep_the_last_whole_line(end: str) -> None:
    """The cut was raised while the last line (no line break after it) was read: a whole
    record lost with it."""
    lines = [json.dumps({"url": f"https://news.example.org/{n}", "text": HARBOUR}) for n in range(4)]
    whole = gzip.compress(("\n".join(lines) + end).encode())
    items = list(read_bytes(whole[:-3], "a.jsonl.gz", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"] * 4 + ["QuarantineRow"]
    assert items[-1].code == "truncated"


def test_jsonl_gzipped_lines_cut_inside_the_last_record_is_one_truncated_row() -> None:
    lines = [json.dumps({"url": f"https://news.example.org/{n}", "text": HARBOUR}) for n in range(4)]
    plain = "\n".join(lines).encode()
    cut = gzip.compress(plain)
    cut = next(cut[:n] for n in range(len(cut), 0, -1)
               if len(_decompressed_prefix(cut[:n])) < len(plain) - 20)
    items = list(read_bytes(cut, "a.jsonl.gz", Settings()))
    assert [type(i).__name__ for i in items] == ["RawDoc"] * 3 + ["QuarantineRow"]
    assert items[-1].code == "truncated"


def _decompressed_prefix(data: bytes) -> bytes:
    return zlib.decompressobj(31).decompress(data)


@pytest.mark.parametrize("between", ["", " ", ", "])
def test_jsonl_last_line_of_a_whole_record_and_one_cut_gives_the_whole_one(between: str) -> None:
    """Both were lost as one bad_json line."""
    lines = [json.dumps({"url": f"https://news.example.org/{n}", "text": HARBOUR}) for n in range(3)]
    data = f"{lines[0]}\n{lines[1]}{between}{lines[2][:40]}".encode()
    items = list(read_bytes(data, "a.jsonl", Settings()))
    assert [(type(i).__name__, i.position if isinstance(i, RawDoc) else i.code) for i in items] == [
        ("RawDoc", "line 1"), ("RawDoc", "line 2, record 1"), ("QuarantineRow", "truncated")]
    assert items[-1].source.endswith("#line 2, record 2")


def test_jsonl_line_of_a_whole_record_and_a_cut_one_before_others_is_bad_json() -> None:
    """Only the file's end cuts a value: inside the file the line is broken."""
    lines = [json.dumps({"url": f"https://news.example.org/{n}", "text": HARBOUR}) for n in range(3)]
    data = f"{lines[0]}{lines[1][:40]}\n{lines[2]}".encode()
    items = list(read_bytes(data, "a.jsonl", Settings()))
    assert [(type(i).__name__, getattr(i, "code", "")) for i in items] == [
        ("QuarantineRow", "bad_json"), ("RawDoc", "")]


def _record(n: int) -> str:
    return json.dumps({"url": f"https://news.example.org/{n}", "text": HARBOUR})


def test_jsonl_a_broken_record_before_a_carriage_return_break_is_no_cut() -> None:
    """A piece before a "}\\r{" break inside a line ends with "}": it was taken for the file's
    last bytes, and a whole file got a truncated row."""
    data = f'{{"url": "u1", "text": "a"}}{{"url": "u9", "text": "abc}}\r{_record(2)}\n{_record(3)}\n'
    items = list(read_bytes(data.encode(), "a.jsonl", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["bad_json", "doc", "doc"]


def test_jsonl_gzipped_cut_keeps_the_row_of_a_broken_record_before_a_break() -> None:
    data = f'{_record(0)}\n{{"url": "u1", "text": "a"}}}}\r{_record(2)}'.encode()
    items = list(read_bytes(gzip.compress(data)[:-4], "a.jsonl.gz", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "bad_json", "doc", "truncated"]


@pytest.mark.parametrize("text", [
    f"{_record(1)}\n{_record(2)}{_record(3)}",  # several values on the last line
    f"{_record(1)}\n{_record(2)}, {_record(3)}",
    f"\ufeff{_record(1)}\n{_record(2)}\n{_record(3)}",  # a byte-order mark
    f"{_record(1)}\r{_record(2)}\r{_record(3)}",  # lines ended by CR alone
])
def test_jsonl_gzipped_cut_in_the_trailer_keeps_every_whole_value(text: str) -> None:
    items = list(read_bytes(gzip.compress(text.encode())[:-4], "a.jsonl.gz", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "doc", "doc", "truncated"]


def test_jsonl_utf16_gzipped_cut_in_the_trailer_keeps_every_record_and_its_encoding() -> None:
    text = f"{_record(1)}\n{_record(2)}"
    items = list(read_bytes(gzip.compress(text.encode("utf-16"))[:-4], "a.jsonl.gz", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "doc", "truncated"]
    assert {i.encoding for i in items if isinstance(i, RawDoc)} == {"utf-16"}


def test_jsonl_utf16_last_line_of_a_whole_record_and_one_cut_says_its_encoding() -> None:
    text = f"{_record(1)}\n{_record(2)}{_record(3)[:40]}"
    items = list(read_bytes(text.encode("utf-16"), "a.jsonl", Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "doc", "truncated"]
    assert {i.encoding for i in items if isinstance(i, RawDoc)} == {"utf-16"}


def test_jsonl_arrays_among_several_values_on_a_line_give_their_records() -> None:
    """An array after a record on one line (a CR the file's only break, "{...}\\r[...]") was
    one bad_record row for the array."""
    data = f"{_record(1)}\r[{_record(2)}, {_record(3)}]".encode()
    items = list(read_bytes(data, "a.jsonl", Settings()))
    assert [i.position for i in items if isinstance(i, RawDoc)] == [
        "line 1, record 1", "line 1, record 2", "line 1, record 3"]
    assert not [i for i in items if isinstance(i, QuarantineRow)]


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_jsonl_last_line_of_an_array_cut_short_gives_its_whole_records(name: str) -> None:
    """A line holding an array of records ([{...}, {...}, {...), cut by the file's end, was
    one bad_json row (plain) or only the cut's row (gzip): its whole records lost."""
    text = f"{_record(0)}\n[{_record(1)}, {_record(2)}, {_record(3)[:30]}"
    data = text.encode()
    if name.endswith(".gz"):  # stored, so that the cut falls in the third record's bytes
        data = gzip.compress(data, compresslevel=0)[:-8 - 10]
    items = list(read_bytes(data, name, Settings()))
    docs = [i.position for i in items if isinstance(i, RawDoc)]
    assert docs[:3] == ["line 1", "line 2, record 1", "line 2, record 2"]
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == ["truncated"]


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_jsonl_last_line_of_an_array_cut_in_its_first_record_is_truncated(name: str) -> None:
    """An array cut before its first whole record ([{"text": "Sto) was a bad_json row, as if
    the line were no JSON: it is a cut, said as one."""
    data = f"{_record(0)}\n[{_record(1)[:30]}".encode()
    if name.endswith(".gz"):
        data = gzip.compress(data)
    items = list(read_bytes(data, name, Settings()))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "truncated"]
    assert items[1].source.endswith("#line 2")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32", "utf-32-be"])
@pytest.mark.parametrize("lost", [1, 3])
def test_jsonl_wide_file_cut_inside_a_character(codec: str, lost: int) -> None:
    """A UTF-16 or UTF-32 file whose last bytes are part of a character: the piece was decoded
    as U+FFFD, and the last line, a whole record or one cut short, became a bad_json row. The
    piece is dropped and the cut said."""
    if codec.startswith("utf-16") and lost == 3:
        lost = 1
    whole = f"{_record(1)}\n{_record(2)}\n".encode(codec)
    cut_in_break = whole[:-lost]  # inside the last line break: both records whole
    cut_in_record = f"{_record(1)}\n{_record(2)}".encode(codec)[:-40 - lost]
    for data, docs in ((cut_in_break, 2), (cut_in_record, 1)):
        items = list(read_bytes(data, "a.jsonl", Settings()))
        assert [getattr(i, "code", "doc") for i in items] == ["doc"] * docs + ["truncated"]
        assert {i.encoding for i in items if isinstance(i, RawDoc)} == {codec}


@pytest.mark.parametrize("cut", [False, True])
def test_jsonl_utf16_long_wrapper_line_records_say_the_file_encoding(cut: bool) -> None:
    """A line over the limit (an API answer wrapping records) in a UTF-16 file is read from
    its UTF-8 recoding: its records said utf-8."""
    records = [{"text": f"Story {n} of the harbour council, which met on Tuesday."} for n in range(60)]
    data = (json.dumps({"status": "ok", "articles": records}) + "\n").encode("utf-16")
    items = list(read_bytes(data[:len(data) // 3] if cut else data, "a.jsonl",
                            Settings(max_doc_chars=1000)))
    docs = [i for i in items if isinstance(i, RawDoc)]
    assert len(docs) >= 10 and {d.encoding for d in docs} == {"utf-16"}
    assert [i.code for i in items if isinstance(i, QuarantineRow)] == (["truncated"] if cut else [])

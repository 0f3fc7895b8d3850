from __future__ import annotations

import time
from pathlib import Path

from storyline.config import Settings
from storyline.ingest import read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, HARBOUR, page


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


def _heavy_page(bulk: int) -> str:
    """An article page carrying ``bulk`` characters of inline image (a base64 data: URI), a
    bundled script and a style sheet, as news pages that inline their assets do."""
    image = "iVBORw0KGgo" * (bulk // 33)
    script = "var state = " + '"x",' * (bulk // 12) + ";"
    style = ".hero{background:#000}" * (bulk // 66)
    return (f"<html><head><title>Harbour</title><style>{style}</style>"
            f"<script>{script}</script></head><body><article>"
            f'<img src="data:image/png;base64,{image}" alt="The harbour">'
            f"<p>{HARBOUR}</p><p>{BRIDGE}</p></article></body></html>")


def test_document_reads_a_page_made_big_by_inline_images_and_scripts(tmp_path: Path) -> None:
    # A page that inlines its images and bundles (base64 data: URIs, a framework's state in a
    # script) passes max_doc_chars in markup a reader never lays out: it was lost as
    # too_large, the article with it. Its weight is measured without them; its text still
    # counts, as below.
    from storyline.clean import clean

    settings = Settings(max_doc_chars=10_000)
    path = tmp_path / "heavy.html"
    path.write_text(_heavy_page(30_000), encoding="utf-8")
    item = _one(path, settings)
    assert isinstance(item, RawDoc) and len(item.text) > 3 * settings.max_doc_chars
    assert HARBOUR in clean(item, settings).text

    wordy = tmp_path / "wordy.html"
    wordy.write_text(page("Harbour", HARBOUR * 100), encoding="utf-8")
    row = _one(wordy, settings)
    assert isinstance(row, QuarantineRow) and row.code == "too_large"
    assert "outside its scripts, styles, comments and inline data" in row.message


def test_document_page_bytes_stay_capped_at_four_times_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_text(_heavy_page(50_000), encoding="utf-8")
    row = _one(path, Settings(max_doc_chars=10_000))
    assert isinstance(row, QuarantineRow) and row.code == "too_large"


def test_document_weighs_a_txt_page_as_a_page_and_plain_text_by_length(tmp_path: Path) -> None:
    settings = Settings(max_doc_chars=10_000)
    saved = tmp_path / "saved.txt"  # a page saved under .txt: sniffed as HTML
    saved.write_text(_heavy_page(30_000), encoding="utf-8")
    assert isinstance(_one(saved, settings), RawDoc)
    # plain text that talks about data: URIs and scripts is text: every character counts
    notes = tmp_path / "notes.txt"
    notes.write_text("Paste data:image/png;base64," + "A" * 12_000 + " into <script> tags.",
                     encoding="utf-8")
    row = _one(notes, settings)
    assert isinstance(row, QuarantineRow) and row.code == "too_large"


def test_document_page_whose_markup_hides_its_elements_is_weighed_as_parsed(tmp_path: Path) -> None:
    # markup libxml2 reads otherwise than the readers' tokenizer ("<!<script>" is a bogus
    # comment to it, not a script) hid 8 MB of paragraphs from the weight: the page was read
    # and took minutes to clean (review of e9d37d5). The cleaner weighs the parsed tree.
    from storyline.clean import clean
    from storyline.errors import InputRejected

    settings = Settings(max_doc_chars=10_000)
    # ("data:," in a text: only attributes are searched for inline data; review of 960af66)
    for opener in ("<!<script>", "<script></scr\x0cipt>", "</p <script>", "<script/>",
                   "<!<script><p>data:,"):
        path = tmp_path / "hidden.html"
        path.write_text(f"<html><body>{opener}" + "<p>para\u00a0graph</p>" * 2_000
                        + "</body></html>", encoding="utf-8")
        item = _one(path, settings)
        if isinstance(item, QuarantineRow):
            assert item.code == "too_large"
            continue
        started = time.perf_counter()
        try:
            clean(item, settings)
        except InputRejected as exc:
            assert exc.code == "too_large" and "as parsed" in exc.reason
        else:
            raise AssertionError(f"{opener!r}: a page of 33,000 characters of paragraphs cleaned")
        assert time.perf_counter() - started < 10


def test_document_json_ld_body_over_the_limit_is_too_large(tmp_path: Path) -> None:
    # a script's articleBody is no markup the readers weigh, and became the main text
    import json

    from storyline.clean import clean
    from storyline.errors import InputRejected

    record = json.dumps({"@type": "NewsArticle", "headline": "Harbour",
                         "articleBody": f"{HARBOUR} " * 200})
    path = tmp_path / "ld.html"
    path.write_text(f'<html><head><script type="application/ld+json">{record}</script></head>'
                    f"<body><article><p>{HARBOUR}</p></article></body></html>", encoding="utf-8")
    settings = Settings(max_doc_chars=10_000)
    item = _one(path, settings)
    assert isinstance(item, RawDoc)
    try:
        clean(item, settings)
    except InputRejected as exc:
        assert exc.code == "too_large" and "main text" in exc.reason
    else:
        raise AssertionError("an articleBody of 30,000 characters was cleaned")


def test_document_page_with_line_wrapped_base64_images_is_weighed_without_them(tmp_path: Path
                                                                                ) -> None:
    # browsers read base64 wrapped at 76 columns: its blanks counted as the page's text
    image = "\n".join(["iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"] * 600)
    path = tmp_path / "wrapped.html"
    path.write_text(f'<html><body><article><img src="data:image/png;base64,{image}">'
                    f"<p>{HARBOUR}</p><p>{BRIDGE}</p></article></body></html>", encoding="utf-8")
    item = _one(path, Settings(max_doc_chars=10_000))
    assert isinstance(item, RawDoc) and len(item.text) > 30_000

from __future__ import annotations

from email import charset as email_charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import clean
from storyline.config import Settings
from storyline.ingest import read_bytes, read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, HARBOUR

_URL = "https://news.example.org/2024/03/harbour"


def _saved(page: str | None = None, encoding: str = "utf-8", transfer: int = email_charset.QP,
           snapshot: bool = True, date: str = "Tue, 5 Mar 2024 10:12:00 +0100") -> bytes:
    """A page as Chrome's "Save as: Webpage, Single File" writes it: the page's HTML part in a
    transfer encoding, then an image."""
    page = page or (f"<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body>"
                    f"<nav><a href='/'>Home</a></nav><article><h1>Harbour reopens</h1>"
                    f"<p>{HARBOUR} Café owners welcomed it.</p><p>{BRIDGE}</p></article></body></html>")
    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    if snapshot:
        message["Snapshot-Content-Location"] = _URL
    message["Subject"] = "Harbour reopens"
    message["Date"] = date
    codec = email_charset.Charset(encoding)
    codec.body_encoding = transfer
    part = MIMEText(page, "html", codec)
    part["Content-Location"] = _URL
    message.attach(part)
    image = MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "png")
    image["Content-Location"] = "https://news.example.org/logo.png"
    message.attach(image)
    return message.as_bytes()


def test_mhtml_gives_the_saved_page_with_its_address_and_when_it_was_saved() -> None:
    # before: an .mhtml file was passed over (no include glob), or read as text: its MIME
    # headers and quoted-printable markup became the article
    (doc,) = read_bytes(_saved(), "Harbour reopens.mhtml", Settings())
    assert isinstance(doc, RawDoc) and doc.media_type == "text/html"
    assert doc.meta_get("url") == _URL and doc.meta_get("fetched") == "2024-03-05T09:12:00+00:00"
    text = clean(doc, Settings()).text
    assert HARBOUR in text and "Café owners" in text and "=C3=A9" not in text


def test_mhtml_reads_base64_parts_their_charset_and_a_nameless_file() -> None:
    russian = ("<html><body><article><p>Порт Валморы откроется для грузовых судов на следующей "
               "неделе после трёхдневного ремонта волнолома, сообщили в администрации.</p>"
               "</article></body></html>")
    data = _saved(russian, "windows-1251", email_charset.BASE64, snapshot=False)
    (doc,) = read_bytes(data, "page.mht", Settings())
    assert isinstance(doc, RawDoc) and "Порт Валморы" in doc.text and doc.encoding == "cp1251"
    assert doc.meta_get("url") == _URL  # the part's Content-Location
    (sniffed,) = read_bytes(_saved(), "download", Settings())
    assert isinstance(sniffed, RawDoc) and sniffed.meta_get("url") == _URL


def test_mhtml_without_a_page_or_headers_is_one_row() -> None:
    message = MIMEMultipart("related")
    message["MIME-Version"] = "1.0"
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(200), "png"))
    (row,) = read_bytes(message.as_bytes(), "a.mhtml", Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_mhtml" and "image/png" in row.message
    (row,) = read_bytes(b"\n\nnot a message at all", "b.mhtml", Settings())
    assert isinstance(row, QuarantineRow) and row.code == "bad_mhtml"


def test_mhtml_an_email_with_an_attachment_is_not_taken_for_a_saved_page() -> None:
    message = MIMEMultipart("mixed")
    message["Subject"] = "Harbour"
    message.attach(MIMEText(HARBOUR))
    (doc,) = read_bytes(message.as_bytes(), "message", Settings())
    assert isinstance(doc, RawDoc) and doc.media_type == "text/plain"


def test_mhtml_a_bad_date_leaves_the_page_without_a_fetch_time(tmp_path: Path) -> None:
    path = tmp_path / "a.mhtml"
    path.write_bytes(_saved(date="yesterday"))
    (doc,) = read_paths([tmp_path], Settings())  # selected by the default include globs
    assert isinstance(doc, RawDoc) and doc.meta_get("fetched") is None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mhtml_any_damage_gives_a_page_or_a_row(data: st.DataObject) -> None:
    whole = bytearray(_saved())
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        at = data.draw(st.integers(0, len(whole) - 1), label="at")
        whole[at] = data.draw(st.integers(0, 255), label="byte")
    end = data.draw(st.integers(0, len(whole)), label="end")
    for item in read_bytes(bytes(whole[:end]), "a.mhtml", Settings()):
        assert isinstance(item, (RawDoc, QuarantineRow))


def test_mhtml_parses_the_page_alone_not_its_images() -> None:
    # the whole file handed to the parser held its images decoded many times over: 1.4 GB for
    # 100 MB (review of 1d9c4ba); only the page's part is parsed now
    import tracemalloc

    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = _URL
    message.attach(MIMEText(f"<html><body><p>{HARBOUR}</p></body></html>", "html"))
    message.attach(MIMEImage(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40_000, "jpeg"))
    data = message.as_bytes()
    tracemalloc.start()
    try:
        (doc,) = read_bytes(data, "a.mhtml", Settings())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(doc, RawDoc) and HARBOUR in doc.text
    assert peak < 3 * len(data), (peak, len(data))


def test_mhtml_chromes_own_forms_the_review_found() -> None:
    # Blink writes no charset on the part (the page's <meta charset> says it), the date at
    # "-0000", a long address folded over lines, and a page saved alone without parts
    page = ('<html><head><meta charset="windows-1250"><title>Most</title></head><body><p>Inżynierowie '
            "zamknęli w piątek stary kamienny most po tym, jak w dwóch przęsłach znaleziono "
            "pęknięcia, podał urząd.</p></body></html>").encode("cp1250")
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = "https://news.example.org/2024/03/a-very-long-address-" \
        "that-the-writer-folds-over-two-lines-of-the-header?id=3"
    message["Date"] = "Tue, 5 Mar 2024 10:12:00 -0000"
    part = MIMEText("", "html")
    part.set_payload(page)
    del part["Content-Type"]
    part["Content-Type"] = "text/html"
    message.attach(part)
    (doc,) = read_bytes(message.as_bytes(), "a.mhtml", Settings())
    assert isinstance(doc, RawDoc) and "Inżynierowie" in doc.text and doc.encoding == "cp1250"
    assert doc.meta_get("fetched") == "2024-03-05T10:12:00+00:00"
    url = doc.meta_get("url")
    assert url is not None and url.endswith("header?id=3") and " " not in url
    alone = MIMEText(f"<html><body><p>{HARBOUR}</p></body></html>", "html")
    alone["Snapshot-Content-Location"] = _URL
    (doc,) = read_bytes(alone.as_bytes(), "download", Settings())
    assert isinstance(doc, RawDoc) and doc.media_type == "text/html" and doc.meta_get("url") == _URL
    assert "<p>" in doc.text and "Content-Type" not in doc.text


def _raw(body: str) -> bytes:
    """A hand-written MHTML file of boundary B1, its parts in ``body``."""
    return ('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B1"; '
            'type="text/html"\r\n\r\n' + body).encode()


_PAGE = f"Content-Type: text/html\r\n\r\n<html><body><p>{HARBOUR}</p></body></html>\r\n"
_IMAGE = "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"


def test_mhtml_parts_found_as_the_parser_finds_them() -> None:
    # the third review's edge cases of the boundary scan
    def read(data: bytes) -> str:
        (item,) = read_bytes(data, "a.mhtml", Settings())
        return "page" if isinstance(item, RawDoc) and HARBOUR in item.text else item.code

    assert read(_raw(f"--B1\r\n--B1\r\n{_PAGE}--B1--\r\n")) == "page"  # two delimiters at once
    assert read(b"\xef\xbb\xbf" + _raw(f"--B1\r\n{_PAGE}--B1--\r\n")) == "page"  # a byte-order mark
    nested = ('--B1\r\nContent-Type: multipart/alternative; boundary="IN"\r\n\r\n--IN\r\n'
              f"Content-Type: text/plain\r\n\r\nplain\r\n--IN\r\n{_PAGE}--IN--\r\n--B1--\r\n")
    assert read(_raw(nested)) == "page"  # a mail client's .mht
    assert read(_raw(f"--B1\r\n{_IMAGE}--B1--\r\n{_PAGE}")) == "bad_mhtml"  # the epilogue: no part
    assert read(_raw(f"--b2\r\n{_PAGE}--b2--\r\n")) == "bad_mhtml"  # no delimiter: no crash


def test_mhtml_page_part_over_the_limit_is_too_large_unparsed() -> None:
    page = "<html><body>" + "<p>Harbour ferry news.</p>\r\n" * 2_000 + "</body></html>"
    (row,) = read_bytes(_raw(f"--B1\r\nContent-Type: text/html\r\n\r\n{page}\r\n--B1--\r\n"),
                        "a.mhtml", Settings(max_doc_chars=1000))
    assert isinstance(row, QuarantineRow) and row.code == "too_large" and "part" in row.message

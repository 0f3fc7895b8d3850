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

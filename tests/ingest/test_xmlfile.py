"""``.xml`` files routed by their root element: feeds, XHTML pages, and XML without a reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import read_paths
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import ATOM, HARBOUR, RSS

XHTML = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
         '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour</title></head>'
         f"<body><article><p>{HARBOUR}</p></article></body></html>")


def _read(tmp_path: Path, content: str | bytes) -> list[RawDoc | QuarantineRow]:
    path = tmp_path / "saved.xml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return list(read_paths([path], Settings()))


@pytest.mark.parametrize("content", [XHTML, XHTML.encode("utf-16")])
def test_xmlfile_reads_an_xhtml_page_as_html(tmp_path: Path, content: str | bytes) -> None:
    # sent to the feed reader, the page was one `empty` row: "the feed has no entries"
    (doc,) = _read(tmp_path, content)
    assert isinstance(doc, RawDoc) and doc.media_type == "text/html" and HARBOUR in doc.text


@pytest.mark.parametrize("feed", [RSS, ATOM, ATOM.replace("<feed", "<atom:feed", 1)
                                  .replace("</feed>", "</atom:feed>")])
def test_xmlfile_reads_a_feed_as_a_feed(tmp_path: Path, feed: str) -> None:
    items = _read(tmp_path, feed)
    positions = [i.position if isinstance(i, RawDoc) else i.source.rpartition("#")[2] for i in items]
    assert any(isinstance(i, RawDoc) for i in items)
    assert all(position.startswith("entry ") for position in positions)


def test_xmlfile_names_the_root_of_xml_it_has_no_reader_for(tmp_path: Path) -> None:
    newsml = ('<?xml version="1.0"?><!-- NewsML-G2 --><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">'
              f"<contentSet><inlineXML><html><body><p>{HARBOUR}</p></body></html></inlineXML>"
              "</contentSet></newsItem>")
    (row,) = _read(tmp_path, newsml)
    assert isinstance(row, QuarantineRow) and row.code == "unsupported"
    assert "<newsItem>" in row.message


def test_xmlfile_reads_what_the_feed_reader_finds_under_another_root(tmp_path: Path) -> None:
    # a bare <channel>, or a feed after a PHP warning's <br />, was one `unsupported` row
    channel = RSS[RSS.index("<channel"):RSS.index("</channel>") + len("</channel>")]
    assert any(isinstance(i, RawDoc) for i in _read(tmp_path, channel))


def test_xmlfile_reads_an_xhtml_page_after_a_byte_order_mark(tmp_path: Path) -> None:
    (doc,) = _read(tmp_path, b"\xef\xbb\xbf" + XHTML.encode())
    assert isinstance(doc, RawDoc) and doc.media_type == "text/html" and HARBOUR in doc.text

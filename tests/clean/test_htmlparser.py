"""The HTML parser's helpers: the fast equivalent of trafilatura's ``repair_faulty_html``."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

from storyline.clean import htmlparser
from storyline.clean.htmlparser import repair_html

# What a page's first lines hold where trafilatura's repairs apply: doctypes with and without a
# slash, a self-closing <html/>, the characters XML forbids, line breaks of every kind, and a
# filler long enough to move lines across its 4,096-character window.
_PIECES = st.sampled_from([
    "<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">', "< ! doctype x/>",
    "<html/>", "<HTML lang='en' />", "<html>", "/>", "<p>text</p>", "\n", "\r\n", "\r",
    "\x0b", "\x0c", "\x00", "\x1f", "\ufffe", "\uffff", "\ud800", "é", " ", "a" * 1500,
])


@given(st.lists(_PIECES, max_size=24).map("".join))
def test_repair_html_gives_what_trafilaturas_repair_gives(html: str) -> None:
    beginning = html[:50].lower()
    assert repair_html(html, beginning) == repair_faulty_html(html, beginning)


def test_the_invalid_characters_outside_ascii_are_the_two_non_characters() -> None:
    outside = [chr(c) for c in range(0x80, sys.maxunicode + 1)
               if INVALID_XML_CHARS.match(chr(c)) is not None]
    assert outside == list(htmlparser._INVALID_OUTSIDE_ASCII)


def test_repair_html_mends_a_page_as_trafilatura_does() -> None:
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n<html/>\n'
            "<body><p>Te\x0cxt</p></body>")
    assert repair_html(page, page[:50].lower()) == repair_faulty_html(page, page[:50].lower())
    assert "\x0c" not in repair_html(page, page[:50].lower())

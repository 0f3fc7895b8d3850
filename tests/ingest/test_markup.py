from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.markup import page_weight


def test_page_weight_leaves_out_scripts_styles_comments_and_inline_data() -> None:
    text = "<p>Harbour reopens</p>"
    assert page_weight(text) == len(text)
    assert page_weight(f"<script>var a = 1;</script>{text}") == len(f"<script></script>{text}")
    assert page_weight(f"<STYLE media=all>p{{}}</STYLE >{text}") \
        == len(f"<STYLE media=all></STYLE >{text}")
    assert page_weight(f"<!-- ad slot -->{text}<!-->") == len(text)
    image = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">'
    assert page_weight(image + text) == len(image) - len("iVBORw0KGgo=") + len(text)
    styled = "<div style=\"background:url(data:image/svg+xml;charset=utf-8,%3Csvg%3E)\">"
    assert page_weight(styled) == len(styled) - len("%3Csvg%3E")


def test_page_weight_reads_openers_as_the_parser_does() -> None:
    # "<script" or "<!--" inside an attribute's value opens nothing: the elements after it
    # are the parser's to build, and weigh
    body = "<p>word</p>" * 50
    for tag in ('<div title="<script>">', "<div title='<!--'>", '<a href="x">data:a,b</a>'):
        assert page_weight(tag + body) == len(tag + body)
    # a block never closed runs to the end, for the parser as here; so does a comment
    assert page_weight(f"<p>a</p><script>{body}") == len("<p>a</p><script>")
    assert page_weight(f"<p>a</p><!--{body}") == len("<p>a</p>")
    # "</script" ends a script before a blank, "/" or ">" only
    assert page_weight(f"<script>x</scripts>{body}") == len("<script>")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "<p>", "</p>", "text ", "<script>", "</script>", "<style ", "</style>", "<!--", "-->",
    '<img src="data:image/png;base64,AAAA', '"', "'", ">", "data:,x", " url(data:a;b,c) ", "<",
]), max_size=20).map("".join))
def test_page_weight_is_a_part_of_the_page(page: str) -> None:
    assert 0 <= page_weight(page) <= len(page)
    if "<" not in page:
        assert page_weight(page) == len(page)


def test_page_weight_is_linear_on_hostile_pages() -> None:
    for hostile in ("<script" * 500_000, "<!--" * 500_000, "data:a," * 500_000,
                    "<a " + "data:x," * 500_000, "<p>x</p>" * 500_000,
                    '<img src="data:' * 300_000):
        started = time.perf_counter()
        page_weight(hostile)
        assert time.perf_counter() - started < 10, hostile[:20]

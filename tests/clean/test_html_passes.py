"""The HTML path's cost cuts: metadata without trafilatura's author/tag readers, the recall
pass only when it could change the answer, ISO dates read without dateparser."""

from __future__ import annotations

from unittest import mock

import pytest
import trafilatura
import trafilatura.core
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from lxml.html import fromstring
from trafilatura.settings import Extractor

from storyline.clean import _record_date
from storyline.clean import html as html_module
from storyline.clean.html import candidates, extract_html, page_words, slim_tags
from storyline.clean.htmlmeta import page_metadata
from storyline.errors import InputRejected
from storyline.htmltokens import TOKEN

BODY = ("The harbour authority reopened the northern pier on Tuesday after a month of repairs "
        "to the timber deck, and the first ferry docked shortly after noon.")
SECOND = ("Fishermen said the closure had cost them most of the spring season, and the council "
          "promised to review the harbour fees before the summer.")
META_PAGE = f"""<!doctype html><html><head><title>Pier reopens | Harbour Times</title>
<meta property="og:title" content="Northern pier reopens after repairs">
<meta property="og:site_name" content="Harbour Times">
<link rel="canonical" href="https://harbour.example/news/pier-reopens">
<meta property="article:published_time" content="2021-04-13T09:30:00Z">
<script type="application/ld+json">{{"@type": "NewsArticle"}}</script>
</head><body><article><h1>Northern pier reopens</h1><p>{BODY}</p><p>{SECOND}</p></article>
<script>var tracker = "one two three four five six seven eight nine ten";</script>
</body></html>"""


def test_page_metadata_reads_title_date_site_and_url() -> None:
    meta = page_metadata(lxml_html.document_fromstring(META_PAGE))
    assert meta.title == "Northern pier reopens after repairs"
    assert meta.date == "2021-04-13"
    assert meta.sitename == "Harbour Times"
    assert meta.url == "https://harbour.example/news/pier-reopens"


def test_page_metadata_falls_back_to_the_url_host_for_the_site() -> None:
    page = "<html><head><link rel='canonical' href='https://www.gazette.example/a/b'></head>" \
           f"<body><p>{BODY}</p></body></html>"
    assert page_metadata(lxml_html.document_fromstring(page)).sitename == "gazette.example"


def test_page_words_counts_body_text_only() -> None:
    tree = lxml_html.document_fromstring("<html><head><title>A b c</title></head>"
                                         "<body><p>one two</p><div>three, four</div></body></html>")
    assert page_words(tree) == 4


def _passes(page: str) -> list[str]:
    with mock.patch.object(trafilatura, "bare_extraction", wraps=trafilatura.bare_extraction) as spy:
        candidates(page)
    return [call.kwargs["options"].focus.replace("precision", "precise") for call in spy.call_args_list]


def test_the_passes_settings_are_those_bare_extraction_builds_from_its_keywords() -> None:
    """The two passes hand trafilatura settings built once; they must be the ones its
    keywords would build (the keywords the passes used before)."""
    ours = {"precision": html_module._PRECISE, "recall": html_module._RECALL}
    for focus, flag in (("precision", "favor_precision"), ("recall", "favor_recall")):
        with mock.patch.object(trafilatura.core, "load_html", return_value=None), \
                mock.patch.object(trafilatura.core, "Extractor", wraps=Extractor) as maker:
            trafilatura.bare_extraction("<html></html>", fast=True, include_comments=False,
                                        include_tables=True, **{flag: True})
        built = Extractor(**maker.call_args.kwargs)
        assert built.focus == focus
        for name in Extractor.__slots__:
            if name != "date_params":  # today's date, for metadata, which neither pass reads
                assert getattr(built, name) == getattr(ours[focus], name), (focus, name)


def test_recall_pass_skipped_when_precise_pass_holds_the_page() -> None:
    assert _passes(META_PAGE) == ["precise"]


def test_recall_pass_runs_when_precise_pass_holds_little_of_the_page() -> None:
    teasers = "".join(f"<li><a href='/s{i}'>{SECOND}</a></li>" for i in range(12))
    page = f"<html><body><p>{BODY}</p><ul>{teasers}</ul></body></html>"
    assert _passes(page) == ["precise", "recall"]


def test_scripts_never_reach_the_main_text() -> None:
    text = "\n".join(line.text for line in candidates(META_PAGE).lines)
    assert "tracker" not in text and BODY in text


def test_record_date_reads_iso_timestamps_directly() -> None:
    with mock.patch("storyline.clean.dateparser.parse") as parse:
        published = _record_date("2016-12-28T14:08:00+03:00")
    assert published is not None and published.date == "2016-12-28"
    parse.assert_not_called()


def test_record_date_falls_back_to_dateparser_for_other_forms() -> None:
    published = _record_date("28 December 2016")
    assert published is not None and published.date == "2016-12-28"


def test_record_date_rejects_an_impossible_iso_day() -> None:
    assert _record_date("2016-02-30") is None


def test_html_a_start_tag_of_over_1000_attributes_keeps_its_name_only() -> None:
    # lxml and htmldate took time quadratic in a tag's attributes; a "<" or ">" inside a
    # quoted value must neither hide such a tag nor end it early.
    bloated = "<div " + " ".join(f'a{n}="x"' for n in range(1_500)) + ' t="<" u="a > b">'
    page = META_PAGE.replace("<article>", f"<article>{bloated}").replace("</article>", "</div></article>")
    slim = slim_tags(page)
    assert "<article><div><h1>" in slim and 'a1="x"' not in slim and "a > b" not in slim
    assert slim.replace("<div>", "", 1) == META_PAGE.replace("</article>", "</div></article>")
    assert BODY in extract_html(page).text


def test_html_a_long_attribute_value_is_one_attribute_and_stays_out_of_the_text() -> None:
    props = "{" + '"k": 1, ' * 9_000 + '"note": "a > b Readers say"}'
    page = META_PAGE.replace("<article>", f"<article data-props='{props}'>")
    assert slim_tags(page) == page
    assert "Readers say" not in extract_html(page).text


def test_html_slim_tags_leaves_ordinary_pages_and_stray_brackets_alone() -> None:
    assert slim_tags(META_PAGE) == META_PAGE
    odd = "<p title=it's>" + "<a" * 40_000 + "</p>" + "x = y " * 20_000 + "'>"
    assert slim_tags(odd) == odd


def test_html_slim_tags_reads_tags_as_the_parser_does() -> None:
    # "<" inside a tag is part of a name or value: it neither ends the tag nor hides its
    # attributes from the count.
    many = "<div " + " ".join(f"a{n}=1" + (" x<y" if n % 900 == 0 else "") for n in range(1_500)) + ">"
    assert slim_tags(many + "x</div>") == "<div>x</div>"
    # A quote opens a value only right after "=": this link's query does not swallow the page.
    page = ('<a href=/search?q="budget>Budget</a><p>' + "The council met. " * 5_000
            + '</p><div class="f">F</div>')
    assert slim_tags(page) == page
    # libxml2 reads a noscript's content as markup, and "<!-->" as a whole comment.
    for before in ("<noscript>", "<!-->", "<!-- a --!>"):
        assert slim_tags(before + many + "x</div>") == before + "<div>x</div>"
    # A raw-text element's own start tag is cut too, its text kept.
    crowded = "<textarea " + " ".join(f"a{n}" for n in range(1_500)) + ">Notes <b x='1'></textarea>"
    assert slim_tags(crowded) == "<textarea>Notes <b x='1'></textarea>"
    # Nothing inside a script, a style or a comment is a tag.
    hidden = '<script>var s = \'<a href="\';</SCRIPT><!-- <b title=" -->'
    assert slim_tags(hidden + page) == hidden + page


@pytest.mark.parametrize("before", ["<!<script>", "<!x <style>", "<?<script>", "</x<script>",
                                    "</x a='>'<script>", "</ <script>", "<script/>",
                                    '<script a="b" />', "<textarea/>", "<![CDATA[<script>]]>"])
def test_html_slim_tags_sees_a_crowded_tag_after_what_libxml2_passes_over(before: str) -> None:
    # Read as text, the "<script>" in these hid the crowded tag after it while libxml2 parsed
    # it: a tag of 80,000 attributes took 53 s to parse.
    many = "<div " + " ".join(f"a{n}=1" for n in range(1_500)) + ">"
    assert slim_tags(before + many + "x</div>") == before + "<div>x</div>"


def test_html_slim_tags_leaves_a_script_opened_as_libxml2_opens_it() -> None:
    # "a=b/" is a value: the script opens, and what looks like a tag in it is its text
    many = "<div " + " ".join(f"a{n}=1" for n in range(1_500)) + ">"
    for before in ("<script a=b/>", "<script/ >", "<script/x>", "<script><!--<script>"):
        page = before + many + "</script>"
        assert slim_tags(page) == page


@pytest.mark.parametrize("holder", [
    '<script type="application/ld+json">{{"articleBody": "if x<y then {words}"}}</script>',
    "<!-- a<b {words} -->", "<title>a<b {words}</title>", "<textarea>if(a<b){{ {words} }}</textarea>"])
def test_html_slim_tags_leaves_text_that_only_looks_like_a_crowded_tag(holder: str) -> None:
    # a second pass that read scripts, comments and titles as markup cut these, their
    # closing tag with them: the rest of the page became script text, the article lost
    page = ("<html><head></head><body>" + holder.format(words=" ".join(["word"] * 1_001))
            + "<article>" + "<p>The council met on Friday to vote on the harbour.</p>" * 30
            + "</article></body></html>")
    assert slim_tags(page) == page
    assert "harbour" in extract_html(page).text


def test_html_slim_tags_stays_linear_on_quoted_openings() -> None:
    # Each "<a" inside a quoted value used to start a new search to the end (160 KB: 19 s).
    # Without a space, all of it is one tag's name, as a parser reads it; with spaces, 40,000
    # attributes.
    odd = "<a" + "='<a'" * 40_000
    assert slim_tags(odd) == odd
    assert slim_tags("<a" + " x='<a'" * 40_000) == "<a>"


def test_html_slim_tags_stays_linear_on_tag_openings_one_after_another() -> None:
    # The quick test for a page with no crowded tag once searched anew from every "<":
    # "<a" * 50,000 took 11 s, and runs of "<a" below the limit as long.
    for odd in ("<a" * 50_000, ("<a" * 110 + " ") * 450, "<script>" + "<a" * 50_000):
        assert slim_tags(odd) == odd


# Pieces of tag soup: tags of many attributes (a crowded one among them), quoted values that
# hold brackets, unterminated quotes, comments, raw-text elements that hide tags.
_SOUP = st.sampled_from([
    "<div ", "<p>", "</p>", "<a", " ", "x=1", "'<b c>'", '"', "'", ">", "<!--", "-->", "--!>",
    "<script>", "</script>", "<TEXTAREA ", "</textarea>", "<", "text ", "=", "-->", "<SCRIPT/>",
    "<!", "<?", "</", "</x", "/", "/>", "<script/>", "<style ", "<![CDATA[",
    " ".join(f"a{n}" for n in range(1_001)), " ".join(f"b{n}=1" for n in range(600)),
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SOUP, max_size=12).map("".join))
def test_html_slim_tags_gives_what_the_full_pass_gives(page: str) -> None:
    assert slim_tags(page) == TOKEN.sub(html_module._slim, page)


_CROWD = "<div " + " ".join(f"a{n}" for n in range(1_001)) + ">"


@pytest.mark.parametrize("page", [
    # a script tag of many " /": read as an ordinary tag by the quick check, not the full pass
    "<script " + "/ " * 500 + "><!--</script>" + _CROWD + "x</div>-->",
    # HTML5's escaped script states, which libxml2 follows: "</script>" inside does not end it
    "<script><!--<script></script><title></script>" + _CROWD,
    "<script><!--<script></script><!--</script>" + _CROWD + "-->",
    # control characters the repair deletes before libxml2 reads the page
    '<p\x0ca=">' + _CROWD + '">',
    "</x\x0ca='>'" + _CROWD + "'>",
    "<script>x</scr\x01ipt>" + _CROWD,
    "<!-- --\x01>" + _CROWD + "-->",
    "<script></script\x0cx><!--</script>" + _CROWD + "-->",
    # the escaped script ends at the second "</script>", in what looks like a quoted value
    '<script><!--<script></script><x a="</script>' + _CROWD,
])
def test_html_no_crowded_tag_reaches_the_parser(page: str) -> None:
    """Cases from a review where the tokenizer read the page otherwise than libxml2 does."""
    tree = html_module.parse_page(f"<html><body>{page}</body></html>")
    assert tree is not None
    assert max(len(e.attrib) for e in tree.iter() if isinstance(e.tag, str)) <= 1_000


def test_html_no_crowded_tag_reaches_the_parser_through_the_repair() -> None:
    # the repair turns an <html> line's "/>" into ">": "<!--/>" becomes "<!-->", a whole comment
    tree = html_module.parse_page("<html><!--/>\n" + _CROWD + "x</div>--></html>")
    assert tree is not None
    assert max(len(e.attrib) for e in tree.iter() if isinstance(e.tag, str)) <= 1_000


def test_html_a_page_nested_past_libxml2s_default_depth_keeps_its_article() -> None:
    # A page that opens a <div> per paragraph and never closes one nests a level per
    # paragraph: at the 256th, libxml2 stopped parsing unless told the document is huge, and
    # the article was lost ("no main text").
    paragraphs = [f"Paragraph {n} of the council's report on the harbour said the breakwater "
                  f"needed repairs costing {n} thousand, the port authority confirmed." for n in range(300)]
    page = ("<html><head><title>Harbour report</title></head><body><article>"
            + "".join(f'<div class="para">{p}' for p in paragraphs) + "</article></body></html>")
    text = extract_html(page).text
    assert paragraphs[0] in text and paragraphs[-1] in text


def test_html_a_page_nested_past_the_parsers_limit_says_so() -> None:
    page = ("<html><head><title>T</title></head><body>" + "<div>" * 3000 + f"<p>{BODY}</p>"
            + "</div>" * 3000 + "</body></html>")
    with pytest.raises(InputRejected, match="nest over 2,048 deep") as caught:
        extract_html(page)
    assert caught.value.code == "no_main_text"


def test_html_flatten_deep_keeps_the_text_in_page_order() -> None:
    from storyline.clean.html import flatten_deep, parse_page

    page = ("<html><body>" + "".join(f"<div>a{n}<span>b{n}</span>c{n}" for n in range(40))
            + "<ul><li>x<ul><li>y</li></ul>z</li></ul>" + "</div>" * 40 + "tail</body></html>")
    tree = parse_page(page)
    assert tree is not None
    before = tree.text_content()
    moved = flatten_deep(tree, depth=10)

    def deepest(element: lxml_html.HtmlElement) -> int:
        return 1 + max((deepest(child) for child in element), default=0)

    assert moved > 0 and tree.text_content() == before and deepest(tree) <= 11


def test_html_deeply_nested_lists_are_read_not_a_recursion_error() -> None:
    # trafilatura walks nested lists recursively: about 600 levels raised RecursionError
    paragraph = f"<p>{BODY}</p>"
    text = extract_html("<html><body>" + "<ul><li>" * 600 + paragraph * 5 + "</body></html>").text
    assert BODY in text


def test_html_flattening_keeps_a_deep_paragraph_whole_with_its_inline_elements() -> None:
    # links and emphasis made the paragraph's siblings lost trafilatura all but one paragraph
    paragraphs = [f"Paragraph {n}: {BODY}" for n in range(6)]
    page = ("<html><head><title>T</title></head><body>" + "<div>" * 130 + "<article>"
            + "".join(f"<p>{p[:40]}<em>stressed {n}</em> {p[40:]}<!-- note --></p>"
                      for n, p in enumerate(paragraphs))
            + "</article>" + "</div>" * 130 + "</body></html>")
    text = extract_html(page).text
    assert all(p[40:] in text for p in paragraphs)
    tree = lxml_html.fromstring(page)  # comments kept: the public helper takes them too
    from storyline.clean.html import flatten_deep
    assert flatten_deep(tree) > 0


def test_html_text_past_the_parsers_depth_limit_is_said_lost_in_the_audit() -> None:
    from storyline.clean import clean
    from storyline.config import Settings
    from storyline.records import RawDoc

    page = (f"<html><head><title>T</title></head><body><article><p>{BODY}</p><p>{SECOND}</p>"
            "</article>" + "<div>" * 2100 + "<p>lost</p>" + "</div>" * 2100 + "</body></html>")
    document = clean(RawDoc("x", page, "text/html"), Settings())
    assert BODY in document.text
    assert [r.reason for r in document.removed if r.reason == "too_deep"] == ["too_deep"]


def test_a_live_blog_is_titled_by_its_record_not_its_latest_update() -> None:
    # trafilatura's JSON-LD reader takes the last headline it meets: the latest entry's
    record = ('{"@type": "LiveBlogPosting", "headline": "Budget day: live", "datePublished": '
              '"2024-03-06T09:00:00Z", "liveBlogUpdate": [{"@type": "BlogPosting", "headline": '
              '"Chancellor begins speech", "articleBody": "The chancellor rose."}]}')
    page = (f"<html><head><title>Budget day: live | Example</title><script type="
            f"'application/ld+json'>{record}</script></head><body><p>x</p></body></html>")
    meta = page_metadata(fromstring(page))
    assert (meta.title, meta.time) == ("Budget day: live", "09:00:00+00:00")

"""The XPath subset: compiled paths select what lxml's XPath selects, element for element."""

from __future__ import annotations

import re

import pytest
import trafilatura.xpaths
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml.html import document_fromstring, fromstring

from storyline.clean.xpathsubset import (
    PROBE_PAGE,
    CompiledPath,
    OutsideSubset,
    compile_path,
    restore_trafilatura,
    speed_up_trafilatura,
)

_RE = {"re": "http://exslt.org/regular-expressions"}


def _originals() -> list[etree.XPath]:
    """Every element-selecting expression of trafilatura's lists, as trafilatura wrote it."""
    found = []
    for value in vars(trafilatura.xpaths).values():
        if isinstance(value, list):
            for item in value:
                expression = item.original if isinstance(item, CompiledPath) else item
                if isinstance(expression, etree.XPath):
                    found.append(expression)
    return found


def _readable() -> list[etree.XPath]:
    readable = []
    for expression in _originals():
        try:
            compile_path(expression)
        except OutsideSubset:
            continue
        readable.append(expression)
    return readable


# Our own expressions for what trafilatura's do not use: translate removing a character, a
# union's order, each parent's first, the first overall, unions of paths, nesting.
OWN = [etree.XPath(path, namespaces=_RE) for path in (
    ".//*[self::div or self::p][contains(translate(@class, 'ABC', 'ab'), 'ab')]",
    ".//*[starts-with(translate(@id, 'mMm', 'xyz'), 'xain')]",
    ".//*[starts-with(@id|@class, 'post')]",
    ".//*[@id|@class='main']",
    ".//div[@class][1]",
    ".//*[self::div or self::section][re:test(@class, 'content')][1]",
    "(.//*[re:test(@class, 'CONTENT', 'i')])[1]",
    ".//cite|.//p[not(.//span)]",
    "(.//section)[1]|(.//div[@id])[1]",
    ".//section[(@role or @id) and not(self::section and @style)]",
    ".//*[@hidden or @style='']",
    ".//*[contains(@class, '')]",
    ".//*[translate(@id, 'x', '')]",
    ".//div[not(@class)]",
)]

_WORDS = sorted({word for expression in _originals()
                 for literal in re.findall(r"'([^']*)'", expression.path)
                 for word in re.findall(r"[A-Za-z_:-]{2,}", literal)}
                | {"comment", "Comments", "commentary", "main", "content", "post", "Main",
                   "display:none", "display: none", "hidden", "ab", "AbC", "CONTENT", "x"})
_VALUES = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=3).flatmap(
    lambda words: st.sampled_from([" ", "-", "", "_"]).map(lambda sep: sep.join(words)))
_NAMES = ["id", "class", "style", "role", "aria-hidden", "data-component", "itemprop",
          "data-lp-replacement-content", "hidden"]
_TAGS = ["div", "section", "p", "span", "ul", "ol", "li", "article", "main", "aside", "h1",
         "header", "cite", "quote", "list", "item", "details", "a", "figure"]


def _attributes() -> st.SearchStrategy[str]:
    pair = st.tuples(st.sampled_from(_NAMES), _VALUES, st.booleans()).map(
        lambda p: f' {p[0]}' if p[2] and p[0] == "hidden" else f' {p[0]}="{p[1]}"')
    return st.lists(pair, max_size=4).map("".join)


_ELEMENTS = st.recursive(
    st.builds(lambda tag, attributes: f"<{tag}{attributes}>t</{tag}>",
              st.sampled_from(_TAGS), _attributes()),
    lambda children: st.builds(
        lambda tag, attributes, inner: f"<{tag}{attributes}>{''.join(inner)}</{tag}>",
        st.sampled_from(_TAGS), _attributes(), st.lists(children, max_size=4)),
    max_leaves=30)


def _agree(expression: etree.XPath, html: str) -> None:
    root = document_fromstring(html)
    compiled = compile_path(expression)
    for context in (root, *root.iterdescendants("body", "div")):
        assert compiled(context) == expression(context), expression.path


@settings(max_examples=300, deadline=None)
@given(st.lists(_ELEMENTS, min_size=1, max_size=5))
def test_xpathsubset_selects_what_lxml_selects(elements: list[str]) -> None:
    html = f"<html><body>{''.join(elements)}</body></html>"
    for expression in [*_readable(), *OWN]:
        _agree(expression, html)


def test_xpathsubset_reads_trafilaturas_pruning_expressions() -> None:
    readable = {" ".join(expression.path.split()) for expression in _readable()}
    for name in ("OVERALL_DISCARD_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH",
                 "RAW_TREE_PRUNE_XPATH", "BODY_XPATH"):
        for item in getattr(trafilatura.xpaths, name):
            expression = item.original if isinstance(item, CompiledPath) else item
            assert " ".join(expression.path.split()) in readable, name


def test_xpathsubset_agrees_on_the_probe_page() -> None:
    for expression in [*_readable(), *OWN]:
        _agree(expression, PROBE_PAGE)


@pytest.mark.parametrize("path", [
    "//div",  # absolute
    ".//div/@class",  # attributes, not elements
    ".//div/p",  # a child step
    ".//*[local-name()='div']",  # a function outside the subset
    ".//div[2]",  # a position but the first
    ".//div[1][@id]",  # a predicate after the position
    ".//*[translate(@id, 'a', 'b')='c']",  # = on a string
    ".//svg:rect",  # a prefixed name
    ".//*[self::svg:rect]",  # a prefixed name tested
])
def test_xpathsubset_refuses_what_it_does_not_read(path: str) -> None:
    expression = etree.XPath(path, namespaces={**_RE, "svg": "http://www.w3.org/2000/svg"})
    with pytest.raises(OutsideSubset):
        compile_path(expression)


def test_xpathsubset_hands_other_contexts_to_lxml() -> None:
    """A document (not an element), or variables passed: the original expression answers."""
    expression = etree.XPath(".//*[self::div or self::p]")
    compiled = compile_path(expression)
    root = fromstring('<div><p id="a">a</p></div>')
    document = etree.ElementTree(root)
    assert compiled(document) == expression(document) == [root[0]]  # the root is the context
    assert compiled(root, unused="x") == expression(root, unused="x")
    with pytest.raises(OutsideSubset):
        compile_path(etree.XPath(".//*[@id=$name]"))  # a variable is outside the subset
    comment = fromstring("<div><!-- a --><p>b</p></div>")[0]
    for select in (expression, compiled):  # no element: lxml's own error
        with pytest.raises(ValueError, match="not an XML element"):
            select(comment)


def test_xpathsubset_leaves_xml_trees_to_lxml() -> None:
    """A DTD's default attribute values: ``get`` returns them, XPath's ``@x`` does not."""
    xml = etree.fromstring('<!DOCTYPE r [<!ATTLIST p id CDATA "d">]><r><p>a</p></r>')
    assert xml[0].get("id") == "d"
    expression = etree.XPath(".//p[@id]")
    assert compile_path(expression)(xml) == expression(xml) == []


def test_xpathsubset_installs_once_and_restores() -> None:
    installed = speed_up_trafilatura()
    assert installed >= 20
    assert speed_up_trafilatura() == installed
    assert isinstance(trafilatura.xpaths.OVERALL_DISCARD_XPATH[0], CompiledPath)
    restore_trafilatura()
    try:
        assert all(isinstance(e, etree.XPath) for e in trafilatura.xpaths.OVERALL_DISCARD_XPATH)
    finally:
        assert speed_up_trafilatura() == installed


def test_xpathsubset_keeps_an_expression_that_disagrees_on_the_probe() -> None:
    """An expression bound to another meaning of ``re:`` would answer otherwise on the probe
    page; the installer checks each before it replaces it."""
    restore_trafilatura()
    odd = etree.XPath(".//*[re:test(@class, 'comment')]",
                      namespaces={"re": "http://exslt.org/strings"},
                      extensions={("http://exslt.org/strings", "test"): lambda _c, *_a: True})
    trafilatura.xpaths.ODD_TEST_XPATH = [odd]  # type: ignore[attr-defined]
    try:
        speed_up_trafilatura()
        assert trafilatura.xpaths.ODD_TEST_XPATH[0] is odd  # type: ignore[attr-defined]
    finally:
        del trafilatura.xpaths.ODD_TEST_XPATH  # type: ignore[attr-defined]
        restore_trafilatura()
        speed_up_trafilatura()

"""The HTML parser and the element classes the HTML modules share (:mod:`storyline.clean.html`,
:mod:`storyline.clean.jsonld`)."""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

# Never text of the page; trafilatura drops them too, so stripping them early only saves the
# copies it makes of the tree. JSON-LD metadata lives in scripts: read before stripping.
INVISIBLE = ("script", "style", "noscript", "template")
# Block elements: each starts a line of the page's text.
BLOCKS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre "
    "section table tbody td tfoot th thead tr ul".split())
# trafilatura's parser settings, and huge_tree: without it libxml2 stops parsing at the 256th
# nested element and drops the rest of the page, and a page of unclosed <font> or <div> tags,
# one per paragraph, nests that deep (with it, 2,048; deeper than that a page is rejected
# as having no main text). The page's size is capped before it gets here.
PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                    remove_comments=True, remove_pis=True, huge_tree=True)
# Every element an HtmlElement, chosen in C. lxml.html's own lookup is a Python method that
# picks a class by tag name (a form's, an input's: nothing here uses their extras); it ran
# for every element each time Python touched one, 2,800 times a page, in all about 1 ms.
PARSER.set_element_class_lookup(ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))

# trafilatura's INVALID_XML_CHARS: the ASCII controls it deletes are the bytes left when these
# are deleted from a page's UTF-8; its two characters outside ASCII, the non-characters U+FFFE
# and U+FFFF, are looked for in the text (a test checks that nothing else matches).
_NOT_INVALID = bytes(b for b in range(256) if INVALID_XML_CHARS.match(chr(b)) is None)
_INVALID_OUTSIDE_ASCII = ("\ufffe", "\uffff")


def repair_html(html: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html(html, beginning)``, the same string in about a fifth
    of its time. Its deletion of the characters XML forbids searched the whole page (0.8 ms on
    a 170 KB page, half as long as parsing it). A page that holds none can only have its first
    line's doctype mended, so only that line goes through trafilatura's function, unless the
    page then has a self-closing ``<html/>`` in its first lines: that page, as one with such
    characters, goes through it whole."""
    if (html.encode("utf-8", "surrogatepass").translate(None, _NOT_INVALID)
            or any(c in html for c in _INVALID_OUTSIDE_ASCII)):
        return repair_faulty_html(html, beginning)
    mended = html
    if "doctype" in beginning:
        end = html.find("\n")
        first = html if end < 0 else html[:end]
        line = repair_faulty_html(first, beginning)  # the line, mended, and a "\n"
        if end < 0:
            mended = line
        elif line != f"{first}\n":
            mended = line + html[end + 1:]
    if any("<html" in line and line.endswith("/>") for line in mended[:4096].splitlines()[:4]):
        return repair_faulty_html(html, beginning)
    return mended


__all__ = ["BLOCKS", "INVISIBLE", "PARSER", "repair_html"]

"""The HTML parser and the element classes the HTML modules share (:mod:`storyline.clean.html`,
:mod:`storyline.clean.jsonld`)."""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction

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

__all__ = ["BLOCKS", "INVISIBLE", "PARSER"]

"""HTML → main text and metadata with trafilatura, two passes combined line by line.

Trafilatura runs with ``favor_precision`` and, when that pass may have lost the article, with
``favor_recall`` (both without its fallback extractors); the page metadata (title, date, site
name, URL) comes from :mod:`storyline.clean.htmlmeta`. :mod:`storyline.clean.combine` merges the
two texts and chooses the main-text lines; :mod:`storyline.clean.expand` then restores the
rest of an article the page had split over sibling blocks, lost with its last block or its
captions, or set out of order. Pull quotes are taken out of the page first
(:func:`strip_pull_quotes`), and a page whose markup holds under half of the articleBody its
JSON-LD record states (a script-rendered page, a paywall's teaser) is read from that record
(:mod:`storyline.clean.jsonld`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, fromstring
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html

from storyline.clean.combine import (
    CandidateLine,
    CombineOptions,
    merge_passes,
    sort_lines,
)
from storyline.clean.expand import (
    restore_bare_paragraphs,
    restore_body_runs,
    restore_captions,
    restore_last_block,
    restore_notes,
    restore_page_order,
    restore_split_article,
)
from storyline.clean.htmlmeta import PageMeta, page_metadata
from storyline.clean.htmlparser import BLOCKS, INVISIBLE, PARSER, repair_html
from storyline.clean.jsonld import (
    JsonLdArticle,
    from_article_body,
    json_ld_articles,
    normalised,
    page_record,
)
from storyline.clean.xpathsubset import speed_up_trafilatura
from storyline.errors import InputRejected
from storyline.htmltokens import (
    ATTRIBUTE,
    BOGUS,
    COMMENT,
    DATA_URI,
    END_TAG,
    RAW_TEXT,
    SCRIPT_BODY,
    TOKEN,
)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None
    too_deep: bool = False  # the parser stopped at elements nested past its limit
    dropped: tuple[tuple[str, str], ...] = ()  # lines of the extractor's text left out, why
    date_modified_only: bool = False  # ``date`` may be when the page was modified
    date_tagged: bool = False  # the page tags its publication date (htmlmeta.PageMeta.tagged)
    time: str | None = None  # the time of day its tag gives with ``date`` (PageMeta.time)
    author: str | None = None  # who the page's author tags name (PageMeta.author)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Both passes' lines merged, and the page metadata from the precise pass."""

    lines: tuple[CandidateLine, ...]
    meta: PageMeta = PageMeta()  # what the page says of itself (page_metadata)
    tree: HtmlElement | None = None  # the parsed page, for the split-article repair
    too_deep: bool = False  # the parser stopped at elements nested past its limit
    # the articleBodies of the page's JSON-LD records (json_ld_articles)
    json_ld: tuple[JsonLdArticle, ...] = ()
    pull_quotes: tuple[str, ...] = ()  # taken out of the page before extraction (strip_pull_quotes)


# trafilatura's settings for the two passes, built once: bare_extraction builds them from its
# keywords at every call otherwise (0.3 ms, reading its config file's values), and never
# changes an Extractor it is given. fast=True: without trafilatura's readability/jusText
# fallback, which on some pages returns the whole page and would drown the precise pass's lines.
_PRECISE = Extractor(output_format="python", fast=True, precision=True, comments=False,
                     tables=True)
_RECALL = Extractor(output_format="python", fast=True, recall=True, comments=False, tables=True)
# trafilatura's pruning expressions as Python loops: the same elements, a quarter of the time
# (a fifth of the cleaning time went to them); see xpathsubset.
speed_up_trafilatura()
_CLOSING = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_ONE_ATTRIBUTE = re.compile(ATTRIBUTE)
# lxml checks each attribute of a tag against the ones before it, and htmldate searches every
# attribute for a date: a tag with 100,000 attributes took 17 s to parse and 90 s for
# htmldate, and 36 tags of 7,000 attributes took 5 s. No page needs such a tag's attributes
# to show its text: a tag with over 1,000 attributes keeps its name only. Their length alone
# costs nothing (one attribute of 1 MB: 0.02 s), so a long value, or text a stray quote
# made one, is never cut.
_MAX_ATTRIBUTES = 1000
# The page read as TOKEN reads it, in one match in C, where no start tag (a raw-text
# element's either) holds _MAX_ATTRIBUTES or more spaces and attributes: a match says no tag
# has over _MAX_ATTRIBUTES attributes (each is one of them), and spares TOKEN.sub's call back
# into Python for every tag (1.3 ms a page). Possessive throughout, so linear: a search for
# crowded tags alone restarted at every "<", and "<a" * 50,000 took 11 s. (One alternative
# per raw-text element: a named group and its backreference inside a possessive repeat raise
# SystemError in Python 3.11's re.)
_FEW_ATTRIBUTES = rf"(?:[\t\n\f\r /]++|{ATTRIBUTE}){{0,{_MAX_ATTRIBUTES - 1}}}+(?:>|\Z)"
# (a run of blanks and slashes is one item, as in _FEW_ATTRIBUTES: counted apart, a script tag
# of 500 " /" failed here and matched below as an ordinary tag, its text read as markup)
_FEW_RAW_ATTRIBUTES = (rf"(?:(?:[\t\n\f\r ]|/(?!>))++|{ATTRIBUTE}){{0,{_MAX_ATTRIBUTES - 1}}}+"
                       r"(?:>|\Z)")
_UNCROWDED = re.compile(
    rf"(?:[^<]++|{COMMENT}|{END_TAG}|{BOGUS}"
    + "".join(rf"|<{raw}(?=[\t\n\f\r />]){_FEW_RAW_ATTRIBUTES}"
              + (SCRIPT_BODY if raw == "script" else rf"(?:[^<]++|<(?!/{raw}[\t\n\f\r />]))*+")
              for raw in RAW_TEXT.split("|"))
    + rf"|<[A-Za-z][^\t\n\f\r />]*+{_FEW_ATTRIBUTES}"
    r"|<(?![A-Za-z]))*+",
    re.IGNORECASE | re.ASCII)
_WORD = re.compile(r"\w+")
_XML_DECLARATION = re.compile(r"\ufeff?\s*<\?xml\b[^>]{0,200}\?>\s*", re.IGNORECASE)
# Plain strings: lxml's default "smart" strings carry their parent element, and cost twice the time.
_BODY_TEXT = etree.XPath("//body//text()", smart_strings=False)
# Elements nested deeper than this are made children of their ancestor at this depth (see
# flatten_deep): no real page nests near it; unclosed tags, one per paragraph, do
FLAT_DEPTH = 128
_WHOLE_DEPTH = 32


def candidates(html: str, options: CombineOptions | None = None,
               max_chars: int | None = None) -> Candidates:
    """The merged candidate lines of both trafilatura passes and the page's metadata.

    The recall pass only matters when :func:`choose_lines` would prefer it, i.e. when the
    precise pass holds under ``min_precise_share`` of the recall pass's words; the recall pass
    cannot hold more words than the page's visible text, so when the precise pass already
    holds that share of the page it is not run (about four pages in five: half the cost).

    A page over ``max_chars`` characters is weighed as parsed (:func:`parsed_weight`) before
    anything else reads it, and raises ``too_large`` over that many: the readers weighed its
    markup, which a page can make libxml2 read otherwise than a tokenizer does.
    """
    options = options or CombineOptions()
    tree = parse_page(html)
    too_deep = any(e.message.startswith("Excessive depth") for e in PARSER.error_log)
    if tree is None:
        return Candidates((), too_deep=too_deep)
    if max_chars is not None and len(html) > max_chars \
            and (weight := parsed_weight(tree)) > max_chars:
        raise InputRejected("too_large", f"the page as parsed is {weight} characters without "
                            f"its scripts, styles, comments and inline data: over {max_chars}")
    meta = page_metadata(tree)
    json_ld = json_ld_articles(tree)  # in a script: read before scripts are stripped
    etree.strip_elements(tree, *INVISIBLE, with_tail=False)
    pull_quotes = strip_pull_quotes(tree)
    precise = _text(trafilatura.bare_extraction(tree, options=_PRECISE))
    recall = ""
    if len(_WORD.findall(precise)) < options.min_precise_share * page_words(tree):
        recall = _text(trafilatura.bare_extraction(tree, options=_RECALL))
    return Candidates(tuple(merge_passes(precise, recall)), meta, tree, too_deep, json_ld,
                      pull_quotes)


def parsed_weight(tree: HtmlElement) -> int:
    """The characters of a parsed page written out again, less its scripts' and styles' text
    and its attributes' inline data (``data:`` URIs' payloads); comments the parser dropped.
    What the extractors walk and read: its elements and its text. (Only attributes are
    searched for data: a text's "data:," is text, and a script's is gone already.)"""
    written = etree.tostring(tree, encoding="unicode", method="html")
    hidden = sum(len(text) for text in _RAW_TEXTS(tree))
    inline = sum(len(found.group(1)) for value in _DATA_ATTRIBUTES(tree)
                 for found in DATA_URI.finditer(value))
    return len(written) - hidden - inline


_RAW_TEXTS = etree.XPath("//script/text() | //style/text()", smart_strings=False)
_DATA_ATTRIBUTES = etree.XPath("//@*[contains(., 'data:')]", smart_strings=False)


def parse_page(html: str) -> HtmlElement | None:
    """The page's tree, as trafilatura's ``load_html`` makes it (a page that looks like no
    HTML and parses to one element is ``None``), with :data:`PARSER`. An XML declaration
    ahead of an XHTML page is dropped first: the text is decoded already, so its encoding
    says nothing, and it filled the 50 characters in which trafilatura looks for "html"."""
    if (declaration := _XML_DECLARATION.match(html)) is not None:
        html = html[declaration.end():]
    beginning = html[:50].lower()
    # crowded tags cut in what libxml2 reads: the repair deletes control characters (a form
    # feed, a blank to a tokenizer, inside "<p\fa=") and closes an <html> line's "/>"
    html = slim_tags(repair_html(html, beginning))
    try:
        tree = fromstring(html, parser=PARSER)
    except (ValueError, etree.ParserError):  # an encoding declaration; nothing libxml2 takes
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=PARSER)
        except (etree.ParserError, ValueError):
            return None
    if is_dubious_html(beginning) and len(tree) < 2:
        return None
    flatten_deep(tree)
    return tree


def flatten_deep(tree: HtmlElement, depth: int = FLAT_DEPTH) -> int:
    """Make every element nested deeper than ``depth`` a child of its ancestor at ``depth``,
    in page order, its text and tail kept in place; how many were moved. trafilatura walks
    nested lists and inline elements recursively (about 1,000 levels raised RecursionError),
    and the split-article repair and trafilatura's own passes take time in depth × elements:
    a page of 2,000 unclosed <div>s and 8,000 paragraphs took 49 s."""
    moved = 0
    for element in _at_depth(depth)(tree):  # libxml2 finds them: a Python walk cost 0.7 ms a page
        if any(len(child) for child in element):
            moved += _flatten_under(element)
    return moved


@lru_cache(maxsize=8)
def _at_depth(depth: int) -> etree.XPath:
    """The elements ``depth`` levels down from the one the path is applied to (level 1)."""
    return etree.XPath("/".join(["."] + ["*"] * (depth - 1)))


def _flatten_under(root: HtmlElement) -> int:
    """``root``'s descendants made its children, in page order, down to blocks kept whole (a
    paragraph with its links and emphasis: see :func:`_whole`); an element's tail, which
    followed its descendants, follows the last of them."""
    order: list[HtmlElement] = []
    tails: dict[HtmlElement, str | None] = {}
    emptied: list[HtmlElement] = []
    stack: list[tuple[HtmlElement, bool]] = [(child, False) for child in reversed(root)]
    while stack:
        element, done = stack.pop()
        if done:  # its descendants placed: its own tail follows them
            tail = element.tail
            last = order[-1]
            if tail and last is not element:
                tails[last] = (tails[last] or "") + tail
                tails[element] = None
            continue
        order.append(element)
        tails[element] = element.tail
        if _whole(element):
            continue
        emptied.append(element)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    for element in emptied:
        element[:] = []
    root[:] = []
    for element in order:
        element.tail = tails[element]
        root.append(element)
    return len(order)


def _whole(element: HtmlElement) -> bool:
    """Whether a deep element stays whole when its ancestors are flattened: it holds no block
    element (a paragraph, a list item, a cell, with its inline elements) and nests under
    ``_WHOLE_DEPTH`` levels (so a chain of 1,000 <code> tags is flattened all the same)."""
    if not isinstance(element.tag, str) or not len(element):
        return True
    level, frontier = 0, [element]
    while frontier:
        level += 1
        if level > _WHOLE_DEPTH:
            return False
        frontier = [child for node in frontier for child in node]
        if any(isinstance(child.tag, str) and child.tag.lower() in BLOCKS for child in frontier):
            return False
    return True


def slim_tags(html: str) -> str:
    """``html`` with every start tag of over 1,000 attributes cut to its bare name (``<div>``);
    comments, and the text of raw-text elements, untouched. A page with no tag near the limit
    is returned as it is after one match (0.5 ms on a 170 KB page; the full pass 1.3)."""
    if _UNCROWDED.fullmatch(html) is not None:
        return html
    return TOKEN.sub(_slim, html)


def _slim(token: re.Match[str]) -> str:
    if token.group("raw") is not None:  # a raw-text element: its start tag, then its text
        if _too_many(token.group("raw_attributes")):
            return f"<{token.group('raw')}>{token.group('raw_body')}"
    elif token.group("name") is not None and _too_many(token.group("attributes")):
        return f"<{token.group('name')}>"
    return token.group(0)


def _too_many(attributes: str) -> bool:
    """Over ``_MAX_ATTRIBUTES`` attributes (each takes two characters at least)."""
    if len(attributes) < 2 * _MAX_ATTRIBUTES:
        return False
    return len(_ONE_ATTRIBUTE.findall(attributes)) > _MAX_ATTRIBUTES


def page_words(tree: HtmlElement) -> int:
    """Words of the text of the page's body (strip scripts and styles first); adjacent
    elements' texts are separate words, as the extractors render them."""
    return len(_WORD.findall(" ".join(_BODY_TEXT(tree))))


def _text(result: object) -> str:
    return (result.text or "") if isinstance(result, trafilatura.settings.Document) else ""


def extract_html(html: str, options: CombineOptions | None = None,
                 max_chars: int | None = None) -> HtmlExtract:
    """Main text, title, date, site name and canonical URL of an HTML page.

    Raises :class:`InputRejected` (``truncated_html`` or ``no_main_text``) when the page holds
    no article text; a page cut off before its closing tags is named as truncated;
    ``too_large`` for a page over ``max_chars`` as parsed (:func:`candidates`).
    """
    found = candidates(html, options, max_chars)
    meta = found.meta
    chosen, dropped = sort_lines(found.lines, meta.title, options)
    page = html if found.tree is None else found.tree
    if record := page_record(found.json_ld, chosen, meta.title):
        chosen, dropped = from_article_body(record, meta.title, chosen, dropped, options)
    elif chosen:
        for repair in (restore_page_order, restore_split_article, restore_last_block,
                       restore_bare_paragraphs, restore_body_runs, restore_captions):
            chosen = repair(page, chosen)
        chosen, _ = restore_notes(page, chosen)
    dropped += [(quote, "pull_quote") for quote in found.pull_quotes]
    text = "\n".join(chosen)
    if not text.strip():
        truncated = _CLOSING.search(html) is None
        code = "truncated_html" if truncated else "no_main_text"
        reason = "the HTML ends before its closing tags and holds no article text" if truncated \
            else "trafilatura found no main text in the page"
        if found.too_deep:
            reason += (" (its elements nest over 2,048 deep: the parser stops there and reads "
                       "nothing after that point)")
        raise InputRejected(code, reason)
    return HtmlExtract(text, meta.title, meta.date, meta.sitename, meta.url, found.too_deep,
                       tuple(dropped), meta.modified_only, meta.tagged, meta.time, meta.author)


# A box the page marks as a pull quote ("pullquote", "pull-quote", "wp-block-pullquote"): a
# phrase of the story set again, large, beside it.
_PULL_QUOTE = re.compile(r"pull[-_]?quote", re.IGNORECASE)
# The elements whose class or id holds "pul" in any case, picked out by libxml2 (the pattern
# then reads a few, not every element's attributes in Python).
_PULL_QUOTE_BOXES = etree.XPath(
    "//body//@class[contains(translate(., 'PUL', 'pul'), 'pul')]/.."
    " | //body//@id[contains(translate(., 'PUL', 'pul'), 'pul')]/..")
# What a pull quote names besides its words: who said them.
_ATTRIBUTION = ("cite", "footer", "figcaption")


def strip_pull_quotes(tree: HtmlElement) -> tuple[str, ...]:
    """Take the page's pull quotes out of ``tree`` and give their text. Extractors keep a
    pull quote as a paragraph, so the story said the same words twice (and its speaker's name
    stood alone as a line). Only a box whose class or id names a pull quote and whose words,
    less its attribution (``<cite>``, ``<footer>``, ``<figcaption>``), the page's text holds
    again outside it; one that quotes words the story does not print stays."""
    marked = [box for box in _PULL_QUOTE_BOXES(tree)
              if _PULL_QUOTE.search(f"{box.get('class') or ''} {box.get('id') or ''}")]
    inside = set(marked)
    boxes = [box for box in marked if not any(a in inside for a in box.iterancestors())]
    if not boxes or len(boxes) > _MAX_PULL_QUOTES:  # a page of thousands is no story's
        return ()
    page = f" {normalised(' '.join(_BODY_TEXT(tree)))} "
    quotes = []
    for box in boxes:
        words = normalised(" ".join(
            text for node in box.iter() if isinstance(node.tag, str)
            and not any(a.tag in _ATTRIBUTION for a in (node, *node.iterancestors()))
            for text in (node.text, *(child.tail for child in node)) if text))
        if len(words.split()) >= _MIN_QUOTE_WORDS and page.count(f" {words} ") >= 2:
            quotes.append(" ".join(" ".join(box.itertext()).split()))
            box.drop_tree()
    return tuple(quotes)


_MIN_QUOTE_WORDS = 4
_MAX_PULL_QUOTES = 20

"""The article a page states in its JSON-LD: the ``articleBody`` of its own record (or a live
blog's ``liveBlogUpdate``s), which :mod:`storyline.clean.html` reads instead of the markup when
the markup holds under half its words (a page rendered by script, a paywall's teaser).
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from storyline.clean.combine import CandidateLine, CombineOptions, sort_lines, title_overlap
from storyline.clean.htmlparser import BLOCKS, INVISIBLE, PARSER

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class JsonLdArticle:
    """A JSON-LD record's headline and its articleBody's paragraphs (json_ld_articles)."""

    headline: str | None
    paragraphs: tuple[str, ...]


# The markup's text is the article when it holds at least this share of the words of the
# articleBody the page's own JSON-LD record states; under it the record's text is the article
# (a script-rendered page whose markup holds "Loading…" or nothing, a paywall's teaser over
# a record of the whole story). On the benchmark pages that state an articleBody the markup's
# text holds 73 % of its words or more.
_BODY_SHARE = 0.5
# A page can state other stories' records too (a related story's in a script of its own or
# in its @graph): a record is the page's when the markup's text, where it has some, stands in
# its articleBody (no more words of it outside than inside, or a few: "Loading…"), and, when
# the markup's text says nothing (under this many words in it), when its headline is the
# page's title (half its words or more in it), or it has none.
_STRAY_WORDS = 10
_HEADLINE_MATCH = 0.5
_JSON_LD = etree.XPath('//script[@type="application/ld+json"]/text()', smart_strings=False)
# Markup a CMS left in an articleBody: each of these elements starts a paragraph.
_BODY_BREAKS = BLOCKS | {"br"}


def _words(lines: Sequence[str]) -> int:
    return sum(len(_WORD.findall(line)) for line in lines)


def json_ld_body(tree: HtmlElement) -> tuple[str, ...]:
    """The paragraphs of the first articleBody the page's JSON-LD states
    (:func:`json_ld_articles`); () when it states none."""
    articles = json_ld_articles(tree)
    return articles[0].paragraphs if articles else ()


def json_ld_articles(tree: HtmlElement) -> tuple[JsonLdArticle, ...]:
    """The records of the page's JSON-LD that state an ``articleBody`` — objects at the top
    of a script or of its ``@graph``, not items of a list of other stories; a live blog's
    updates' — in page order, each with its headline and its body's paragraphs: split at its
    line breaks, or at its paragraphs where a CMS left HTML in it. A script that is no JSON is
    skipped. Which of them is the page's own is :func:`page_record`'s to say."""
    found = []
    for script in _JSON_LD(tree):
        if "articleBody" not in script:
            continue
        try:
            data = json.loads(script, strict=False)  # CMSs leave raw line breaks in strings
        except (ValueError, RecursionError):  # no JSON, or nested past the parser's stack
            continue
        for record in _own_records(data):
            if paragraphs := _record_paragraphs(record):
                headline = record.get("headline") or record.get("name")
                found.append(JsonLdArticle(headline if isinstance(headline, str) else None,
                                           paragraphs))
    return tuple(found)


def page_record(articles: Sequence[JsonLdArticle], markup: Sequence[str],
                 title: str | None) -> JsonLdArticle | None:
    """The first record whose articleBody holds over twice the words of the markup's main
    text (``markup``) and is the page's own (see ``_STRAY_WORDS``), or None."""
    for article in articles:
        if _words(markup) >= _BODY_SHARE * _words(article.paragraphs):
            continue
        held = f" {normalised(' '.join(article.paragraphs))} "
        inside = _words([line for line in markup if f" {normalised(line)} " in held])
        outside = _words(markup) - inside
        if outside > max(_STRAY_WORDS, inside):  # the markup shows another story
            continue
        if inside >= _STRAY_WORDS or article.headline is None or title is None \
                or title_overlap(article.headline, title) >= _HEADLINE_MATCH:
            return article
    return None


def _record_paragraphs(record: dict[str, object]) -> tuple[str, ...]:
    """A record's articleBody's paragraphs, or a live blog's (``LiveBlogPosting``): its
    updates' articleBodies in the record's order."""
    body = record.get("articleBody")
    if isinstance(body, str) and body.strip():
        return _body_paragraphs(body)
    updates = record.get("liveBlogUpdate")
    updates = [updates] if isinstance(updates, dict) else updates
    if not isinstance(updates, list):
        return ()
    return tuple(paragraph for update in updates if isinstance(update, dict)
                 and isinstance(text := update.get("articleBody"), str)
                 for paragraph in _body_paragraphs(text))


def _own_records(data: object) -> Iterator[dict[str, object]]:
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            for node in graph if isinstance(graph, list) else []:
                if isinstance(node, dict):
                    yield node


def _body_paragraphs(body: str) -> tuple[str, ...]:
    """An articleBody's paragraphs: its lines, or its HTML's blocks (entities decoded), its
    inline elements ("<a href=…>", "<strong>") text. Markup escaped once more ("&lt;p&gt;")
    is read as markup; markup the parser reads no text from (nested past libxml2's depth)
    loses its tags by pattern."""
    if _TAG.search(body) is None and _ESCAPED_TAG.search(body) is not None:
        body = html_entities.unescape(body)
    if _TAG.search(body):
        text = _fragment_text(body)
        body = text if text.strip() else html_entities.unescape(
            _TAG.sub("", _BLOCK_TAG.sub("\n", body)))
    else:
        body = html_entities.unescape(body)
    return tuple(" ".join(line.split()) for line in body.splitlines() if line.strip())


# A tag, not a "<" of the text ("3 < 5", "<3"): a letter or "/" and a letter after it.
_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*\b[^<>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|h[1-6])\b[^<>]*>", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[a-z][a-z0-9]*\b.{0,200}?&gt;", re.IGNORECASE)


def _fragment_text(body: str) -> str:
    """The text of an HTML fragment, each block and line break on a line of its own."""
    try:
        fragment = fragment_fromstring(body, create_parent="div", parser=PARSER)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(fragment, *INVISIBLE, with_tail=False)
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BODY_BREAKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    return str(fragment.text_content())


def from_article_body(article: JsonLdArticle, title: str | None, markup: list[str],
                       dropped: list[tuple[str, str]], options: CombineOptions | None
                       ) -> tuple[list[str], list[tuple[str, str]]]:
    """The main text from the page's JSON-LD articleBody, chosen as the markup's lines are;
    the markup's lines that it does not hold are left out as ``not_in_article_body``, after
    the rest of ``dropped``."""
    chosen, left = sort_lines([CandidateLine(line, True, True) for line in article.paragraphs],
                              title, options)
    held = f" {normalised(' '.join(article.paragraphs))} "
    outside = [(line, "not_in_article_body") for line in markup
               if f" {normalised(line)} " not in held]
    return chosen, [*dropped, *left, *outside]


def normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


__all__ = ["JsonLdArticle", "from_article_body", "json_ld_articles", "json_ld_body",
           "normalised", "page_record"]

"""HTML → main text and metadata with trafilatura, two passes combined line by line.

Trafilatura runs twice: ``favor_precision`` (with metadata: title, date, site name, URL) and
``favor_recall`` without its fallback extractors. :mod:`storyline.clean.combine` merges the
two texts and chooses the main-text lines; :mod:`storyline.clean.expand` then restores the
rest of an article the page had split over sibling blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from storyline.clean.combine import CandidateLine, CombineOptions, choose_lines, merge_passes
from storyline.clean.expand import restore_split_article
from storyline.errors import InputRejected


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Candidates:
    """Both passes' lines merged, and the page metadata from the precise pass."""

    lines: tuple[CandidateLine, ...]
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


_CLOSING = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def candidates(html: str) -> Candidates:
    """The merged candidate lines of both trafilatura passes and the page's metadata."""
    result = trafilatura.bare_extraction(
        html, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    doc = result if isinstance(result, trafilatura.settings.Document) else None
    # fast=True: without trafilatura's readability/jusText fallback, which on some pages
    # returns the whole page and would drown the precise pass's lines.
    recall = trafilatura.extract(html, favor_recall=True, fast=True, include_comments=False,
                                 include_tables=True) or ""
    precise = (doc.text or "") if doc is not None else ""
    lines = tuple(merge_passes(precise, recall))
    if doc is None:
        return Candidates(lines, None, None, None, None)
    return Candidates(lines, doc.title, doc.date, doc.sitename, doc.url)


def extract_html(html: str, options: CombineOptions | None = None) -> HtmlExtract:
    """Main text, title, date, site name and canonical URL of an HTML page.

    Raises :class:`InputRejected` (``truncated_html`` or ``no_main_text``) when the page holds
    no article text; a page cut off before its closing tags is named as truncated.
    """
    found = candidates(html)
    chosen = choose_lines(found.lines, found.title, options)
    text = "\n".join(restore_split_article(html, chosen) if chosen else chosen)
    if not text.strip():
        truncated = _CLOSING.search(html) is None
        code = "truncated_html" if truncated else "no_main_text"
        reason = "the HTML ends before its closing tags and holds no article text" if truncated \
            else "trafilatura found no main text in the page"
        raise InputRejected(code, reason)
    return HtmlExtract(text, found.title, found.date, found.sitename, found.url)

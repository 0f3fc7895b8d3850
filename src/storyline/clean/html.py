"""HTML → main text and metadata with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from storyline.errors import InputRejected


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


_CLOSING = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def extract_html(html: str) -> HtmlExtract:
    """Main text, title, date, site name and canonical URL of an HTML page.

    Raises :class:`InputRejected` (``truncated_html`` or ``no_main_text``) when the page holds
    no article text; a page cut off before its closing tags is named as truncated.
    """
    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    doc = result if isinstance(result, trafilatura.settings.Document) else None
    if doc is None or not (doc.text or "").strip():
        truncated = _CLOSING.search(html) is None
        code = "truncated_html" if truncated else "no_main_text"
        reason = "the HTML ends before its closing tags and holds no article text" if truncated \
            else "trafilatura found no main text in the page"
        raise InputRejected(code, reason)
    return HtmlExtract(doc.text or "", doc.title, doc.date, doc.sitename, doc.url)


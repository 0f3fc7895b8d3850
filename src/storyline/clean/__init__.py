"""Clean: a :class:`RawDoc` becomes a :class:`Document` (main text + metadata).

Entry point: :func:`clean`. HTML goes through trafilatura; scraped plain text through the
line-level boilerplate filter in :mod:`storyline.clean.boilerplate`. Both then share duplicate
paragraph removal, outlet and explicit-date detection and dateline parsing.
Rejects (``InputRejected``): ``no_main_text``, ``truncated_html``, ``too_short``.
"""

from __future__ import annotations

import re

from storyline.clean.boilerplate import classify_lines, removed_lines
from storyline.clean.html import extract_html
from storyline.clean.metadata import (
    find_explicit_date,
    outlet_from_name,
    outlet_from_text,
    outlet_from_url,
    parse_dateline,
)
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ids import doc_id_for
from storyline.records import Document, Published, RawDoc, Removed

VERSION = "clean.lines.v1"
_WORD = re.compile(r"\w+")


def clean(raw: RawDoc, settings: Settings) -> Document:
    """Clean one raw input into a Document."""
    meta_url = raw.meta_get("url")
    title: str | None = raw.meta_get("title")
    published: Published | None = None
    site: str | None = raw.meta_get("outlet")
    text = raw.text
    if raw.media_type == "text/html":
        page = extract_html(raw.text)
        text, title = page.text, title or page.title
        meta_url, site = meta_url or page.url, site or page.sitename
        if page.date:
            published = Published(page.date, "metadata", "html metadata", 0.9)
    if raw.meta_get("date"):
        published = Published(raw.meta_get("date") or "", "metadata", "input record", 0.95)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found_title, verdicts = classify_lines(lines)
    kept = [v.text for v in verdicts if v.keep]
    removed = removed_lines(verdicts)
    body = "\n\n".join(kept)
    if len(_WORD.findall(body)) < settings.min_body_words:
        raise InputRejected("too_short", f"fewer than {settings.min_body_words} words of main text")
    header = [
        v.text for v in verdicts
        if not v.keep and v.reason not in ("duplicate", "after_body", "photo_credit")
    ]
    outlet = (
        outlet_from_name(site) if site else None
    ) or outlet_from_url(meta_url) or outlet_from_text(header, kept[:2], body)
    published = published or find_explicit_date(_stamp_lines(removed))
    return Document(
        doc_id=doc_id_for(body),
        source=raw.source + (f"#{raw.position}" if raw.position else ""),
        text=body,
        title=title or found_title,
        outlet=outlet,
        url=meta_url,
        language="en",
        published=published,
        dateline=next(filter(None, map(parse_dateline, kept[:3])), None),
        paragraphs=_paragraph_offsets(kept),
        removed=removed,
        media_type=raw.media_type,
    )


def _stamp_lines(removed: tuple[Removed, ...]) -> list[str]:
    stamps = [r.text for r in removed if r.reason == "date_stamp"]
    return stamps + [r.text for r in removed if r.reason != "date_stamp"]


def _paragraph_offsets(paragraphs: list[str]) -> tuple[tuple[int, int], ...]:
    offsets, cursor = [], 0
    for paragraph in paragraphs:
        offsets.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return tuple(offsets)


__all__ = ["VERSION", "clean"]

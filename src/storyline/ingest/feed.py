"""RSS and Atom feeds read from a file, parsed with feedparser.

Accepts: RSS 0.9x/1.0/2.0 and Atom documents (feedparser's loose parser copes with malformed
XML), up to ``max_member_bytes``. feedparser sanitises entry HTML (``<script>`` and event
handlers removed) and never fetches anything when given bytes.
Produces: one :class:`RawDoc` per entry at position ``entry N``: the body is the entry's full
content, else its summary (``text/html`` unless the feed says plain text); meta ``url`` (the
entry link), ``title``, ``date`` (published, else updated, as ISO 8601) and ``outlet`` (the
feed's title).
A numeric character reference to no character (``&#xD800;``, a lone surrogate; ``&#0;``; past
U+10FFFF; U+FFFE), on which feedparser's parser raises, is read as U+FFFD, so that one bad reference
does not lose the feed (in a UTF-16 or UTF-32 feed too).
Rejects: the file with ``bad_feed`` (no entries and unparseable) or ``empty`` (no entries);
an entry with ``empty`` (no content or summary) or ``too_large``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from storyline.errors import InputRejected
from storyline.ingest.decode import repair_text, wide_encoding
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item, make_doc

_CHARREF = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+));?")
_CHARREF_TEXT = re.compile(_CHARREF.pattern.decode("ascii"))
# The encoding an XML declaration names: rewritten when a UTF-16/32 feed is handed on as UTF-8
_DECLARED = re.compile(r"""(<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def _no_character(hex_digits: str | bytes | None, digits: str | bytes | None) -> bool:
    """Whether a numeric reference (its hex or decimal digits, leading zeros gone) names no
    character: zero, a surrogate, past U+10FFFF, the non-characters U+FFFE and U+FFFF."""
    if len(hex_digits or digits or "") > 7:  # past U+10FFFF whatever the digits
        return True
    code = int(hex_digits, 16) if hex_digits else int(digits or "0")
    return code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or code in (0xFFFE, 0xFFFF)


def _charref_fix(match: re.Match[bytes]) -> bytes:
    return b"&#xFFFD;" if _no_character(match.group(1), match.group(2)) else match.group(0)


def _charref_fix_text(match: re.Match[str]) -> str:
    return "&#xFFFD;" if _no_character(match.group(1), match.group(2)) else match.group(0)


def sane_charrefs(data: bytes) -> bytes:
    """``data`` with each numeric character reference to no character (zero, a surrogate,
    past U+10FFFF, the non-characters U+FFFE and U+FFFF) replaced by one to U+FFFD; other bytes
    unchanged. Leading zeros are allowed, as XML allows them. A UTF-16 or UTF-32 feed, whose
    references are not ASCII bytes, is mended as text and handed on as UTF-8 (its declaration
    saying so) when it had such a reference."""
    wide = wide_encoding(data)
    if wide is not None:
        text = data.decode(wide, errors="replace").lstrip("\ufeff")
        fixed = _CHARREF_TEXT.sub(_charref_fix_text, text) if "&#" in text else text
        return data if fixed == text else _DECLARED.sub(r"\1\2utf-8\2", fixed, count=1).encode("utf-8")
    return _CHARREF.sub(_charref_fix, data) if b"&#" in data else data


def iso_date(value: object) -> str | None:
    """An RFC 822 (RSS) or RFC 3339 (Atom) date as ISO 8601 with its own offset, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _body(entry: Mapping[str, Any]) -> tuple[object, str]:
    """The entry's content (first HTML one preferred), else its summary; with its media type."""
    contents = entry.get("content") or []
    chosen = next((c for c in contents if "html" in str(c.get("type", ""))), None)
    chosen = chosen or (contents[0] if contents else entry.get("summary_detail"))
    if not chosen:
        return entry.get("summary"), "text/html"
    media = "text/plain" if chosen.get("type") == "text/plain" else "text/html"
    return chosen.get("value"), media


def _meta(entry: Mapping[str, Any], outlet: object) -> tuple[tuple[str, str], ...]:
    date = iso_date(entry.get("published")) or iso_date(entry.get("updated"))
    pairs = (("url", entry.get("link")), ("title", entry.get("title")), ("date", date),
             ("outlet", outlet))
    return tuple((key, repair_text(value).strip()) for key, value in pairs
                 if isinstance(value, str) and value.strip())


def read_feed(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every entry of an RSS or Atom file (see the module docstring)."""
    with inp.open() as stream:
        data = read_capped(stream, ctx.settings.max_member_bytes)
    parsed = feedparser.parse(sane_charrefs(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputRejected("bad_feed", f"not a feed: {parsed.get('bozo_exception')}"[:300])
        raise InputRejected("empty", "the feed has no entries")
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        part = f"entry {number}"
        body, media = _body(entry)
        try:
            yield make_doc(inp, body or "", media, ctx.settings, part, _meta(entry, outlet))
        except InputRejected as exc:
            yield quarantine(inp.label(part), exc)

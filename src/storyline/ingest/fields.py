"""Records (a JSONL object, a CSV row, a Python mapping) → :class:`RawDoc`.

The field names come from :class:`~storyline.config.RecordFields` (``Settings.jsonl_fields``,
``Settings.csv_columns``): the body is the ``html`` field when it is non-empty, else ``text``;
``url``, ``title``, ``date`` and ``outlet`` become the RawDoc's ``meta``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from storyline.config import RecordFields, Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import repair_text, sniff_media_type
from storyline.ingest.source import Input, make_doc
from storyline.records import RawDoc

META_KEYS = ("url", "title", "date", "outlet")


def record_meta(record: Mapping[str, object], fields: RecordFields) -> tuple[tuple[str, str], ...]:
    """``(key, value)`` pairs for the metadata fields the record fills: with a string, or a
    number (a date as a timestamp); an object, a list, a boolean or NaN in such a field is no
    URL, title, date or outlet, and is left out rather than written as ``{'a': 1}`` or
    ``nan``."""
    pairs = ((key, _scalar(record.get(getattr(fields, key)))) for key in META_KEYS)
    return tuple((key, repair_text(value).strip()) for key, value in pairs if value and value.strip())


def _scalar(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    return None


def record_doc(record: Mapping[str, object], inp: Input, part: str, settings: Settings,
               fields: RecordFields, encoding: str = "utf-8") -> RawDoc:
    """The RawDoc of one record at ``part`` of ``inp``.

    Rejects ``empty`` (no non-empty text or html field), ``bad_record`` (the body is not a
    string) and ``too_large``.
    """
    html, text = record.get(fields.html), record.get(fields.text)
    has_html = isinstance(html, str) and bool(html.strip())
    body = html if has_html else text
    if body is None or (isinstance(body, str) and not body.strip()):
        raise InputRejected("empty", f"the record has no non-empty {fields.text!r} or {fields.html!r} field")
    media = "text/html" if has_html or (isinstance(body, str) and is_markup(body)) else "text/plain"
    return make_doc(inp, body, media, settings, part, record_meta(record, fields), encoding)


# Tags a CMS export's body holds when its "text" is really HTML ("<p>…</p><p>…</p>")
_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|ul|ol|li|table|tr|td|article|section|span|a|strong|em|"
                  r"nav|header|footer|body|html)\b[^<>]{0,300}>", re.IGNORECASE)
_MARKUP_TAGS = 3


def is_markup(text: str) -> bool:
    """Whether a record's text field holds HTML rather than text: a page's opening
    (:func:`~storyline.ingest.decode.sniff_media_type`), or three tags or more among its
    first 5,000 characters (no article's plain text holds them). Read as text, the markup
    was stored and mined for facts as it stood."""
    if sniff_media_type(text) == "text/html":
        return True
    return len(_TAG.findall(text, 0, 5000)) >= _MARKUP_TAGS

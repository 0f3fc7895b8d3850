"""Records (a JSONL object, a CSV row, a Python mapping) → :class:`RawDoc`.

The field names come from :class:`~storyline.config.RecordFields` (``Settings.jsonl_fields``,
``Settings.csv_columns``): the body is the ``html`` field when it is non-empty, else ``text``;
``url``, ``title``, ``date`` and ``outlet`` become the RawDoc's ``meta``. Where a field keeps
its default name and a record does not fill it (no such field, or one null or blank), the
name well-known exports use for it is read instead (:data:`ALIASES`: Event Registry's
``body``, news-please's ``maintext``, NewsAPI's ``content`` and ``publishedAt``, schema.org's
``articleBody``); a name set in the settings is read alone. A record's keys are matched
ignoring case (``"Date"``, ``"URL"``), the one named exactly first, as a CSV header's are.
A CSV file's header is resolved the same way, once for all its rows (:func:`field_names`
gives the names its columns are matched with), but for the date's alias, which each row
resolves by value as a JSON record does.
"""

from __future__ import annotations

import functools
import html
import math
import re
from collections.abc import Iterable, Mapping

from storyline.config import RecordFields, Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import repair_text, sniff_media_type
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Input, Item, make_doc
from storyline.records import AUTHOR_ALTERNATIVES, RawDoc

META_KEYS = ("url", "title", "date", "outlet", "author")
_DEFAULT_FIELDS = RecordFields()
# The names well-known exports give each part, tried in this order when the record has no
# field of the default name: Event Registry (body, dateTime, source: {title}), news-please
# (maintext, date_publish, source_domain), NewsAPI (content, publishedAt, source: {name}),
# schema.org NewsArticle (articleBody, headline, datePublished, publisher: {name}), Media
# Cloud (publish_date, media_name). An object in the outlet field gives its name or title; a
# CSV export flattens it into a column (pandas' json_normalize: "source.name").
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("body", "maintext", "articleBody", "article_text", "full_text", "fulltext",
             "content", "article", "story"),
    "html": ("raw_html", "body_html", "content_html"),
    "url": ("link", "article_url", "canonical_url"),
    "title": ("headline", "title_page"),
    "date": ("published", "publishedAt", "published_at", "date_publish", "datePublished",
             "publish_date", "pubDate", "dateTimePub", "dateTime"),
    "outlet": ("source", "publisher", "site_name", "sitename", "source_name", "source.name",
               "media_name", "source_domain"),
    "author": ("authors", "byline", "creator", "author_name", "authors_names"),
}
_ALIAS_KINDS: dict[str, type | tuple[type, ...]] = {"date": (str, int, float),
                                                   "outlet": (str, Mapping),
                                                   "author": (str, Mapping, list)}


def _fits(key: str, value: object) -> bool:
    """Whether ``value`` may be the ``key`` part: of its kind (:data:`_ALIAS_KINDS`, else a
    string); a date a number or a string with a digit, not a flag ("published": true, a CSV's
    "False", 1 or "0"), which would hide the ``published_at`` beside it."""
    if not isinstance(value, _ALIAS_KINDS.get(key, str)):
        return False
    if key == "date":
        if isinstance(value, bool) or (str(value).strip() in _FLAGS):
            return False
        return not isinstance(value, str) or any(c.isdigit() for c in value)
    return True


# A flag's values, which no date is (as an epoch, 1 January 1970): "published": 1, a CSV's "0"
_FLAGS = frozenset({"0", "1", "0.0", "1.0"})


# An API's mark of a body it cut short (NewsAPI: "… [+2345 chars]"): not the article's words.
_CUT_MARK = re.compile(r"\s*…?\s*\[\+\d+ chars\]\s*$")


def resolved_fields(record: Mapping[str, object], fields: RecordFields,
                    names_only: bool = False, fold_case: bool = True) -> RecordFields:
    """``fields`` with each name replaced by the record's key for it (its case ignored, as a
    CSV header's is: ``"Date"``, ``"URL"``; of several, the first that holds a value, the one
    named exactly first), and each default name the record does not fill (no such key, or
    only ones holding null or blanks) by the first of its :data:`ALIASES` the record has with
    a value that fits (:func:`_fits`; with ``names_only``, a CSV header's, whatever the
    value); a name set in the settings is read alone. ``fold_case`` false: keys as named."""
    update = []
    for part, name, named, aliased in _candidates(tuple(record), fields, fold_case):
        if named and (names_only or not _blank(record[named[0]])):
            found: str | None = named[0]  # most records: the name, holding a value
        else:
            found = next((k for k in named if not _blank(record[k])), named[0] if named else None)
        if not aliased or (found is not None and (names_only or not _blank(record[found]))):
            if part == "date" and found is not None and not names_only:
                found = _clocked_alias(record, found, aliased) or found
            if found is not None and found != name:
                update.append((part, found))
            continue
        # only a value of the part's kind: {"content": [...]} is a page of records (Spring),
        # not a body
        alias = next((k for k in aliased if names_only or (
            not _blank(record[k]) and _fits(part, record[k]))), found)
        if alias is not None and alias != name:
            update.append((part, alias))
    return _with_aliases(fields, tuple(update)) if update else fields


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _clocked_alias(record: Mapping[str, object], found: str, aliased: tuple[str, ...]) -> str | None:
    """For a date field holding the day alone, the first alias that holds the same day with
    its clock: Event Registry gives ``"date": "2024-03-05"`` beside ``"dateTimePub":
    "2024-03-05T09:12:00Z"``, and the day alone lost the time of day the story came out."""
    day = record[found]
    if not isinstance(day, str) or not _DAY.fullmatch(day := day.strip()):
        return None
    return next((key for key in aliased if isinstance(value := record[key], str)
                 and (value := value.strip()).startswith(day) and value[10:11] in ("T", " ")
                 and any(c.isdigit() for c in value[11:])), None)


@functools.lru_cache(maxsize=256)
def _candidates(keys: tuple[object, ...], fields: RecordFields, fold_case: bool
                ) -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """For each part: its name in ``fields``, the record's keys for that name (the one named
    exactly first, then other spellings of it when ``fold_case``) and, for a default name,
    the record's keys for its aliases, in order (none: no alias to turn to). Worked out once
    for the rows of one CSV file or the records of one export, which share their keys."""
    folded: dict[str, list[str]] = {}
    for key in keys:
        if isinstance(key, str):
            folded.setdefault(key.casefold() if fold_case else key, []).append(key)

    def keys_for(name: str) -> tuple[str, ...]:
        same = folded.get(name.casefold() if fold_case else name, [])
        return tuple(sorted(same, key=lambda key: key != name))

    found = []
    for part, aliases in ALIASES.items():
        name = getattr(fields, part)
        # (a name set in the settings is read alone: no aliases; nor when the record has none)
        aliased = (tuple(k for alias in aliases for k in keys_for(alias))
                   if name == getattr(_DEFAULT_FIELDS, part) else ())
        found.append((part, name, keys_for(name), aliased))
    return tuple(found)


def _blank(value: object) -> bool:
    """Whether a field's value leaves it unfilled: null, or a string of blanks only."""
    return value is None or (isinstance(value, str) and not value.strip())


@functools.lru_cache(maxsize=256)
def _with_aliases(fields: RecordFields, update: tuple[tuple[str, str], ...]) -> RecordFields:
    """``fields`` with those names replaced, made once: each CSV row (or JSON record) of one
    export resolves to the same names, and a copy of the settings for each row cost a third
    of reading a CSV file whose date is under an alias."""
    return fields.model_copy(update=dict(update))


def field_names(fields: RecordFields, keys: Iterable[str] = tuple(ALIASES)) -> tuple[str, ...]:
    """The names the ``keys`` parts of a record may be read under: each one's name in
    ``fields``, then the :data:`ALIASES` of those that keep their default name (a name set in
    the settings is read alone)."""
    keys = tuple(keys)
    aliases = (alias for key in keys if getattr(fields, key) == getattr(_DEFAULT_FIELDS, key)
               for alias in ALIASES[key])
    return (*(getattr(fields, key) for key in keys), *aliases)


def record_meta(record: Mapping[str, object], fields: RecordFields) -> tuple[tuple[str, str], ...]:
    """``(key, value)`` pairs for the metadata fields the record fills: with a string, or a
    number (a date as a timestamp); an object, a list, a boolean or NaN in such a field is no
    URL, title, date or outlet, and is left out rather than written as ``{'a': 1}`` or
    ``nan``."""
    resolved = resolved_fields(record, fields)
    pairs = ((key, _authors(record, fields, resolved) if key == "author"
              else _repaired(_scalar(record.get(getattr(resolved, key))))) for key in META_KEYS)
    return tuple((key, value) for key, value in pairs if value)


def _repaired(value: str | None) -> str | None:
    return unescaped(repair_text(value)).strip() if value else None


# A character reference closed by its semicolon ("&#8217;", "&amp;", "&nbsp;"): CMS exports
# and feeds write them into fields of plain text. Only closed ones are read: HTML also reads
# some names without one ("&not" in "Barnes &noble"), which plain text means as written.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# a line break a CMS wrote as a tag into a text field: a line break (a text of three tags or
# more is markup, read as HTML)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def unescaped(text: str) -> str:
    """``text``, a field of plain text, with its character references read ("Trump&#8217;s
    plan &amp; the deal" → "Trump’s plan & the deal") and its ``<br>`` tags as line breaks."""
    if "<" in text:  # before the references: "&lt;br&gt;" is the text "<br>", no break
        text = _BREAK_TAG.sub("\n", text)
    if "&" in text and _REFERENCE.search(text):
        text = _REFERENCE.sub(lambda reference: html.unescape(reference.group()), text)
    return text


# The author fields a record may fill, in the order they are tried (a caller's reader resolves
# the default name to the alias a record has before its metadata is read)
_AUTHOR_NAMES = (_DEFAULT_FIELDS.author, *ALIASES["author"])


def _authors(record: Mapping[str, object], fields: RecordFields,
             resolved: RecordFields) -> str | None:
    """The record's author field (:func:`_names`), then, where its name is the default one or
    an alias, the other author fields it fills (:data:`_AUTHOR_NAMES`), as alternatives:
    ``{"author": {"name": "Reuters"}, "byline": "By Ann Lee"}`` names an outlet first and the
    writer next, and which of them is a person is for the cleaning stage to say. A name set
    in the settings, other than these, is read alone."""
    names = [resolved.author]
    if fields.author in _AUTHOR_NAMES:  # the default or an alias: not a name of the settings'
        names += [name for name in _AUTHOR_NAMES
                  if name != resolved.author and _fits("author", record.get(name))]
    values = (_repaired(_names(record.get(name))) for name in names)
    return AUTHOR_ALTERNATIVES.join(dict.fromkeys(value for value in values if value)) or None


def _names(value: object) -> str | None:
    """An author field as one string: a name, an object's name (``{"name": "Ann Lee"}``), or a
    list of either, joined by "; " (NewsAPI gives a string, news-please and schema.org a list)."""
    if isinstance(value, list):
        return "; ".join(filter(None, (_scalar(v) for v in value[:20]))) or None
    return _scalar(value)


def _scalar(value: object) -> str | None:
    if isinstance(value, Mapping):  # an outlet as an object: {"id": "x", "name": "Example News"}
        # a schema.org Person by its parts: {"givenName": "Ann", "familyName": "Lee"}
        parts = [p for k in ("givenName", "familyName")
                 if isinstance(p := value.get(k), str) and p.strip()]
        value = value.get("name") or value.get("title") or (
            " ".join(parts) if len(parts) == 2 else None)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    return None


def record_item(value: object, inp: Input, part: str, settings: Settings,
                encoding: str = "utf-8") -> Item:
    """The item of one record of an export (a JSON array's, a wrapping object's): its
    :class:`RawDoc`, or the quarantine row saying why it gives none (``bad_record`` for a
    value that is not an object, and :func:`record_doc`'s reasons)."""
    try:
        if not isinstance(value, Mapping):
            raise InputRejected("bad_record", f"a record must be an object, not {type(value).__name__}")
        return record_doc(value, inp, part, settings, settings.jsonl_fields, encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc)


def record_doc(record: Mapping[str, object], inp: Input, part: str, settings: Settings,
               fields: RecordFields, encoding: str = "utf-8") -> RawDoc:
    """The RawDoc of one record at ``part`` of ``inp``.

    Rejects ``empty`` (no non-empty text or html field), ``bad_record`` (the body is not a
    string) and ``too_large``.
    """
    fields = resolved_fields(record, fields)
    html, text = record.get(fields.html), record.get(fields.text)
    has_html = isinstance(html, str) and bool(html.strip())
    body = html if has_html else text
    if isinstance(body, str) and not has_html and "chars]" in body[-40:]:
        body = _CUT_MARK.sub("", body)
    if body is None or (isinstance(body, str) and not body.strip()):
        # the keys it has tell which to configure (a NewsAPI article's body is "content")
        keys = "" if fields.text in record else f" (keys: {_keys(record)})"
        raise InputRejected("empty", f"the record has no non-empty {fields.text!r} or "
                            f"{fields.html!r} field{keys}")
    media = "text/html" if has_html or (isinstance(body, str) and is_markup(body)) else "text/plain"
    if media == "text/plain" and isinstance(body, str):
        escaped, body = body, unescaped(body)
        if body != escaped and "<" in body and is_markup(body):
            media = "text/html"  # markup escaped as text ("&lt;p&gt;…"): the page's HTML
    return make_doc(inp, body, media, settings, part, record_meta(record, fields), encoding)


# How deep in nested objects an array of records is looked for: {"response": {"docs": [...]}}
# (Solr), {"data": {"items": [...]}}.
WRAPPER_DEPTH = 3


def wrapped_records(value: object, fields: RecordFields) -> list[object] | None:
    """The records a top-level object holds rather than is (a saved API answer:
    ``{"status": "ok", "articles": [{...}, ...]}``): when it has no text, html, title or url
    field of its own and no long string (a body under another name), the first array of
    objects with a text or html field among its values, else among those of the objects it
    holds (to three levels); None for an object that is a record itself, or anything else.
    Raises ``empty`` for an object with neither a body nor such an array, naming its keys."""
    if not isinstance(value, Mapping):
        return None
    # a body that holds something, or a title or URL named as records name them: a saved
    # search answer's "Title" and "URL" are its own, and its "results" the records
    own, named = resolved_fields(value, fields), resolved_fields(value, fields, fold_case=False)
    if any(not _blank(value.get(name)) for name in (own.text, own.html)) \
            or any(name in value for name in (named.title, named.url)) or _holds_a_body(value):
        return None  # a record (its body under another name): its arrays are its own
    found = _array_of_records(value, WRAPPER_DEPTH, fields)
    if found is None:
        raise InputRejected("empty", f"the object has no {fields.text!r} or {fields.html!r} field, "
                            f"nor an array of records under one of its keys (keys: {_keys(value)})")
    return found


def _keys(record: Mapping[str, object]) -> str:
    """A record's first ten keys, for a message."""
    return ", ".join(repr(str(key)) for key in list(record)[:10]) or "none"


# A string this long among an object's values is a body under another name (a NewsAPI
# article's "content"): the object is a record, and its arrays (comments, tags) are its own.
_BODY_CHARS = 200


def _holds_a_body(value: Mapping[str, object]) -> bool:
    return any(isinstance(item, str) and len(item) >= _BODY_CHARS for item in value.values())


def holds_a_body_field(value: object, fields: RecordFields) -> bool:
    """Whether ``value`` is an object with a text or html field (of any value): what makes an
    array's elements records (:func:`wrapped_records`)."""
    return isinstance(value, Mapping) and (
        (own := resolved_fields(value, fields)).text in value or own.html in value)


def _array_of_records(value: Mapping[str, object], depth: int,
                      fields: RecordFields) -> list[object] | None:
    """The first array among ``value``'s values whose objects carry a text or html field,
    else the first found in the objects among them, ``depth`` levels down at most (an array
    of links or of aggregations before the articles is not them)."""
    for item in value.values():
        if isinstance(item, list) and any(holds_a_body_field(v, fields) for v in item):
            return item
    if depth > 1:
        for item in value.values():
            if isinstance(item, Mapping) and (found := _array_of_records(item, depth - 1, fields)):
                return found
    return None


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

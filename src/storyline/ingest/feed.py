"""RSS and Atom feeds read from a file, parsed with feedparser.

Accepts: RSS 0.9x/1.0/2.0 and Atom documents (feedparser's loose parser copes with malformed
XML), up to ``max_member_bytes``. feedparser sanitises entry HTML (``<script>`` and event
handlers removed) and never fetches anything when given bytes.
Produces: one :class:`RawDoc` per entry at position ``entry N``: the body is the entry's fullest
content that has text (an HTML one on a tie), else its summary (``text/html`` unless the feed
says plain text). A content element without text (an excerpt-only feed's empty
``<content:encoded/>``, Atom's out-of-line ``<content src="..."/>``, markup alone such as
``<p></p>`` or an image) is passed over for the summary, and so is one with less than half the
summary's text (a photo and its caption in ``<content:encoded>``, the article in ``<description>``).
Meta ``url`` (the entry link, a relative one resolved against the feed's own address and
dropped without one; an RSS guid that is a web address when there is none, never an Atom id),
``title``, ``date`` (published, else updated, as ISO 8601 with the offset of its zone: see
:mod:`storyline.ingest.feedtime`) and ``outlet`` (the feed's title, its blanks, a no-break space
among them, collapsed). A zone named after the clock ("CEST", "IST", "AEDT", not RFC 822's)
is read by an explicit table of the names news feeds write; the email parser dropped it and
the clock was stored as if in UTC. A name whose offset the date fixes ("ET", "PT", "UK") is
handed on with the date as stated, for the cleaner to read on its day; a name neither reads
(unknown, or ambiguous: "AST") leaves the day alone, never a clock stored as if in UTC; the
date is never dropped for its zone.
A numeric character reference to no character (``&#xD800;``, a lone surrogate; ``&#0;``; past
U+10FFFF; U+FFFE), on which feedparser's parser raises, is read as U+FFFD, so that one bad reference
does not lose the feed (in a UTF-16 or UTF-32 feed too).
A feed that is not well-formed XML (feedparser's ``bozo`` with an XML error; its warnings about a
charset or a content type do not count) is read entry by entry, each entry (from its start tag
to its end tag, or to the next entry's start tag where its own is missing) parsed as a feed of
its own: feedparser's loose parser, given the whole file, lost the text of an entry whose
``</description>``, ``</title>`` or ``]]>`` was missing and every entry after it. Entries are
``item`` elements under an RSS or RDF root, ``entry`` elements under Atom's (an ``<entry>``
quoted in an RSS description is none); a self-closed ``<item/>`` is an ``empty`` row, as in a
well-formed feed. Such an entry, when no text of it can be read, is a ``bad_feed`` row at its
position (not ``empty``: its markup, not its publisher, lost the text). The outlet and address
of such a feed are read from its channel alone, up to its first entry: past the break, the
loose parser took a later entry's link for the feed's. When the
document ends inside its root element (a download cut short), one ``truncated`` row for the file
follows that document's entries (the file's last row unless a feed was appended after the cut),
with the parser's message; other malformations (a bare ``&``, a namespace prefix
never declared: common in real feeds, and the loose parser reads past them) are logged as a
warning, not a row, as no entry is lost to them. The entry a cut falls in (its
start tag came, its end tag did not) is not read and the row names it: the loose parser drops
the text of an element left open, and what came after the cut (often the full content, which
follows the description) is lost, so its teaser would be stored as the article.
A file of feeds appended one after another (``curl … >> all.xml``: a feed's document after
another's root end tag, or after its cut) is read as one feed per document, each entry's outlet
and address its own channel's (feedparser gave all of them the last channel's); entries are
numbered through the whole file. Only a file that does not parse past its first document is
split: a declaration or root end tag quoted in a CDATA section or a comment splits nothing.
A UTF-8 byte-order mark before a document is passed over.
A title that the feed gives as HTML (Atom's ``type="html"`` or ``"xhtml"``; an RSS title that
feedparser finds markup or an entity in) is stored as its text: ``Fish &amp; chips`` was stored
as it stands. A body escaped twice by its publisher (``&amp;lt;p&amp;gt;`` in the XML: after
feedparser, HTML without one element whose text is markup) is unescaped once, or its tags were
the article's words. An entry's ``dc:date``, which feedparser files as its updated date, is its
publication date when the feed has no element of an updated date at all (RSS 1.0 and many RSS
2.0 feeds date their items by ``dc:date`` alone).
Rejects: the file with ``bad_feed`` (no entries and unparseable, or an HTML page where the feed
should be: a server's error or login page), ``truncated`` (cut before
its first whole entry) or ``empty`` (no entries); an entry with ``empty`` (no content or
summary with text), ``bad_feed`` (its markup broke and no text of it could be read) or
``too_large``.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from storyline.errors import InputRejected
from storyline.ingest.decode import repair_text, wide_encoding
from storyline.ingest.feedparts import (
    ENTRY_END,
    ENTRY_START,
    EntrySpan,
    Wrapper,
    documents,
    entry_spans,
    prolog_end,
    wrapper,
)
from storyline.ingest.feedtime import entry_date
from storyline.ingest.limits import read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item, make_doc

_CHARREF = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+));?")
_CHARREF_TEXT = re.compile(_CHARREF.pattern.decode("ascii"))
# The encoding an XML declaration names: rewritten when a UTF-16/32 feed is handed on as UTF-8
_DECLARED = re.compile(r"""(<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
log = logging.getLogger(__name__)
_TAG = re.compile(r"<[^>]*>")
_START_NAME = re.compile(r"<([^\s/>!?]+)")


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
    unchanged. Leading zeros are allowed, as XML allows them. A UTF-16 or UTF-32 feed is
    mended as text and handed on as UTF-8, its declaration saying so (feedparser refuses one
    whose declaration names no encoding or the wrong one)."""
    wide = wide_encoding(data)
    if wide is not None:
        text = data.decode(wide, errors="replace").lstrip("\ufeff")
        fixed = _CHARREF_TEXT.sub(_charref_fix_text, text) if "&#" in text else text
        return _DECLARED.sub(r"\1\2utf-8\2", fixed, count=1).encode("utf-8")
    return _CHARREF.sub(_charref_fix, data) if b"&#" in data else data


def _text_length(detail: object) -> int:
    """How many characters of text a reader would see in a content or summary element (markup
    and surrounding blanks not counted): 0 for ``<p></p>``, a lone image, a ``src`` link."""
    if not isinstance(detail, Mapping) or not isinstance(detail.get("value"), str):
        return 0
    value: str = detail["value"]
    if detail.get("type") != "text/plain":
        value = html.unescape(_TAG.sub(" ", value))
    return len(value.strip())


# An escaped start tag at the very beginning of a body: how HTML escaped twice opens
_ESCAPED_START = re.compile(r"\s*&lt;[a-z]", re.I)
# An escaped start and end tag of an element: the text of HTML escaped twice. Found apart and
# matched by name, not by one pattern from start to end tag, which read the rest of the body
# again from each start tag without its end (a 300 KB body took over a minute)
_ELEMENTS = r"(p|div|span|a|em|strong|b|i|li|h[1-6]|blockquote|figure)"
_ESCAPED_OPEN = re.compile(rf"&lt;{_ELEMENTS}\b", re.I)
_ESCAPED_CLOSE = re.compile(rf"&lt;/{_ELEMENTS}\s*&gt;", re.I)


def _escaped_element(value: str) -> bool:
    """Whether ``value`` holds an escaped start tag and an escaped end tag of one element."""
    closed = {name.lower() for name in _ESCAPED_CLOSE.findall(value)}
    return bool(closed) and any(name.lower() in closed for name in _ESCAPED_OPEN.findall(value))


def _unescaped_once(value: object) -> object:
    """An HTML body whose publisher escaped it twice, unescaped once: it holds no element but
    opens with an escaped one and holds an element with its end tag (``&lt;p&gt;…&lt;/p&gt;``).
    An article that only names a tag ("the &lt;p&gt; tag"), or quotes one in its text ("write
    &lt;b&gt;bold&lt;/b&gt;"), does not open with it: unescaped, the quoted words were tags."""
    if isinstance(value, str) and _TAG.search(value) is None \
            and _ESCAPED_START.match(value) and _escaped_element(value):
        return html.unescape(value)
    return value


def _body(entry: Mapping[str, Any]) -> tuple[object, str]:
    """The entry's fullest content that has text (the first HTML one on a tie), else its
    summary if that has text and over twice as much, else ``""``; with its media type."""
    contents = [c for c in entry.get("content") or [] if isinstance(c, Mapping)]
    contents.sort(key=lambda c: "html" not in str(c.get("type", "")))  # stable: HTML ones first
    chosen: object = max(contents, key=_text_length, default=None)
    summary = entry.get("summary_detail") or {"type": "text/html", "value": entry.get("summary")}
    # the content is empty or a photo's caption: the summary has more than twice its text. A
    # short but whole story in the content beats a longer blurb or an excerpt with a footer
    if _text_length(summary) > 2 * _text_length(chosen):
        chosen = summary
    if not isinstance(chosen, Mapping) or not _text_length(chosen):
        return "", "text/html"
    if chosen.get("type") == "text/plain":
        return chosen.get("value"), "text/plain"
    return _unescaped_once(chosen.get("value")), "text/html"


_WEB_ADDRESS = re.compile(r"(?i)https?://[^\s/?#]+")


@dataclass(frozen=True, slots=True)
class _Feed:
    """What an entry's metadata takes from its feed: the outlet (the feed's title), the format
    version, the feed's own web address (its link, else where it was fetched from), and
    whether an updated date can only have come from ``dc:date`` (no updated-date element)."""

    outlet: object
    version: str = ""
    base: str | None = None
    dc_dated: bool = False


def _link(entry: Mapping[str, Any], feed: _Feed) -> object:
    """The entry's address: its link element's. Without one feedparser hands over the RSS guid
    (a permalink unless it says not) or the Atom id, which is an identifier ("p",
    "urn:uuid:…", resolved against ``xml:base`` into an address that leads nowhere): a guid
    is taken only when it is a web address, an Atom id never. A relative link (``/news/1``)
    is resolved against the feed's own address, and without one is no address: stored as it
    stands, two outlets' ``/news/1`` were one page to the store."""
    link = entry.get("link")
    if not isinstance(link, str):
        return link
    link = _schemeless(link.strip())
    if not entry.get("links") and (feed.version.startswith("atom") or not _WEB_ADDRESS.match(link)):
        return None
    if _WEB_ADDRESS.match(link) or not link:
        return link
    return urljoin(feed.base, link) if feed.base else None


# A host written without its scheme: "www.daily.example/news/1", or protocol-relative
# "//daily.example/news/1" (resolved against the feed's address, "www." read as a path)
_NO_SCHEME = re.compile(r"(?i)(?://|www\d?\.)[^\s/?#]+\.[^\s/?#]+")


def _schemeless(link: str) -> str:
    """``link`` with ``https:`` put before a host written without a scheme."""
    if _NO_SCHEME.match(link):
        return "https:" + link if link.startswith("//") else "https://" + link
    return link


def _author(entry: Mapping[str, Any]) -> str | None:
    """The entry's authors' names joined by "; " (``<author><name>``, ``dc:creator``), without
    the e-mail address RSS gives ("ann@example.org (Ann Lee)")."""
    names = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, Mapping)]
    names = [n for n in names if isinstance(n, str) and n.strip()] or [entry.get("author")]
    return "; ".join(n for n in names if isinstance(n, str) and n.strip()) or None


def plain_title(holder: Mapping[str, Any]) -> object:
    """The title of an entry or a feed as text: one feedparser hands over as HTML (its
    ``title_detail`` type says so) without its tags and entities, blanks collapsed."""
    title, detail = holder.get("title"), holder.get("title_detail")
    if not isinstance(title, str) or not isinstance(detail, Mapping) \
            or detail.get("type") not in ("text/html", "application/xhtml+xml"):
        return title
    return " ".join(html.unescape(_TAG.sub(" ", title)).split())


# An element that gives an entry's updated date (Atom's, Atom 0.3's, Dublin Core terms')
_UPDATED_ELEMENT = re.compile(r"<(?:[\w.-]+:)?(?:updated|modified)[\s>/]", re.I)


def _meta(entry: Mapping[str, Any], feed: _Feed) -> tuple[tuple[str, str], ...]:
    """The entry's url, title, date and outlet. With ``feed.dc_dated`` (no updated-date
    element in the feed) an updated date feedparser gives came from ``dc:date``, a
    publication date."""
    published = entry_date(entry.get("published"))
    # (asked for by name only when there: feedparser hands back the published date, warning)
    date = published or entry_date(entry["updated"] if "updated" in entry else None)
    # an entry that gives only when it was updated: the cleaner reads that as a modified date
    kind = "updated" if date and not published and not feed.dc_dated else None
    pairs = (("url", _link(entry, feed)), ("title", plain_title(entry)),
             ("date", date), ("date_kind", kind),
             ("outlet", feed.outlet), ("author", _author(entry)))
    return tuple((key, repair_text(value).strip()) for key, value in pairs
                 if isinstance(value, str) and value.strip())


def root_name(text: str) -> str | None:
    """The name of the document's root element (its first tag after the prolog), else None."""
    start = _START_NAME.match(text, prolog_end(text))
    return start.group(1) if start else None


def _ends_inside_root(text: str) -> bool:
    """Whether the file stops inside its root element: the root's end tag never comes (what
    follows it, when it does, is junk, not a cut)."""
    root = root_name(text)
    return root is not None and re.search(rf"</{re.escape(root)}\s*>", text) is None


def _cut_entry(entries: list[Any], text: str) -> bool:
    """Whether the last entry of a cut-off feed is the one the cut falls in: its start tag is the
    last entry tag in the file. (An entry tag quoted in a CDATA section would mislead this.)"""
    starts = [m.end() for m in ENTRY_START.finditer(text)]
    ends = [m.end() for m in ENTRY_END.finditer(text)]
    return bool(entries and starts) and starts[-1] > (ends[-1] if ends else -1)


def _parse(data: bytes) -> Any:
    return feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)


def _xml_error(parsed: Mapping[str, Any]) -> BaseException | None:
    """Why feedparser found the document not well-formed XML, else None. Its warnings (a
    charset it overrode or could not tell, a content type that is not XML) are not
    malformations: its strict parser read on past them."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    return None if exc is None or isinstance(exc, ThingsNobodyCaresAboutButMe) else exc


def _what(exc: BaseException) -> str:
    return exc.getMessage() if isinstance(exc, SAXParseException) else f"{type(exc).__name__}: {exc}"


@dataclass(frozen=True, slots=True)
class _Part:
    """One feed document of a file (most files hold one): its text (the bytes as latin-1),
    the file's line it starts on, and how many entries the documents before it gave."""

    text: str
    line: int = 1
    before: int = 0


def _broken(line: int, exc: BaseException | None) -> InputRejected:
    why = f" ({_what(exc)})" if exc is not None else ""
    return InputRejected("bad_feed", f"the feed's markup breaks inside this entry{why}, which "
                                     f"starts on line {line}: its text could not be read"[:300])


def _one_by_one(part: _Part, spans: list[EntrySpan], wrap: Wrapper) -> list[Any]:
    """The entries of a feed that is not well-formed XML, each parsed as a feed of its own
    (:class:`Wrapper`), so that markup broken in one loses that one alone: feedparser's loose
    parser read the rest of the file into it or dropped what followed. An entry that does not
    parse and has no text is a ``bad_feed`` rejection in its place, not an ``empty`` one."""
    entries: list[Any] = []
    line, counted = part.line, 0  # lines counted on from the last entry, not from the start
    for span in spans:
        parsed = _parse(wrap.wrap(part.text, span).encode("latin-1"))
        found, exc = list(parsed.get("entries") or []), _xml_error(parsed)
        if not found or (exc is not None and not any(_body(e)[0] for e in found)):
            line, counted = line + part.text.count("\n", counted, span.start), span.start
            entries.append(_broken(line, exc))
        else:
            entries.extend(found)
    return entries


def _entries(parsed: Mapping[str, Any], part: _Part, spans: list[EntrySpan],
             wrap: Wrapper | None) -> tuple[list[Any], InputRejected | None, bool]:
    """The entries to read (a feedparser entry, or the rejection of one whose markup broke),
    why the feed is not well-formed XML if it is not (``truncated`` when it ends inside its
    root element, else ``bad_feed``), and whether an entry the cut falls in was left out. Such
    a feed is read entry by entry (:func:`_one_by_one`) where its root is a feed's (``wrap``
    not None; ``spans`` its entries)."""
    entries = list(parsed.get("entries") or [])
    exc = _xml_error(parsed)
    if exc is None:
        return entries, None, False
    if isinstance(exc, SAXParseException):
        line = (exc.getLineNumber() or 1) + part.line - 1  # in the file, not in its document
        where = f"line {line}, column {exc.getColumnNumber()} ({_what(exc)})"
    else:
        where = _what(exc)
    cut_off = _ends_inside_root(part.text)
    cut = cut_off and (not spans[-1].closed if spans else _cut_entry(entries, part.text))
    if spans and wrap is not None:
        entries = _one_by_one(part, spans[:-1] if cut else spans, wrap)
    elif cut:
        entries.pop()  # its text is lost with the cut: see the module docstring
    if not cut_off:
        return entries, InputRejected("bad_feed", f"the feed is not well-formed XML: it does not "
                                                  f"parse past {where}"[:300]), False
    note = f" in entry {part.before + len(entries) + 1}, which is not read" if cut else ""
    return entries, InputRejected("truncated", f"the feed is cut off{note}: it does not parse "
                                               f"past {where}"[:300]), cut


_PAGE_TITLE = re.compile(r"<title[^>]*>([^<]{0,200})", re.I)


def _refuse_page(text: str) -> None:
    """Raise ``bad_feed`` when a feed without entries is an HTML page (a server's error, login
    or consent page saved where the feed should be): "the feed has no entries" said nothing
    of what the file was."""
    root = root_name(text)
    if root is None or root.rpartition(":")[2].lower() != "html":
        return
    found = _PAGE_TITLE.search(text)
    title = " ".join(html.unescape(found.group(1)).split()) if found else ""
    raise InputRejected("bad_feed", "not a feed but an HTML page" +
                        (f" titled {title!r}" if title else "") + " (an error or login page?)")


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one feed document of a file gave: its feed, its entries (:func:`_entries`), why
    it is not well-formed XML, if it is not, and whether the entry a cut falls in was left out
    (it keeps its number: a document appended after a cut one numbers its entries after it)."""

    feed: _Feed
    entries: list[Any]
    problem: InputRejected | None
    cut: bool = False

    @property
    def numbered(self) -> int:
        return len(self.entries) + self.cut


def _read_document(part: _Part, source: str, parsed: Any = None) -> _Reading:
    """One feed document (``parsed`` when the whole file was parsed as it), its outlet and
    address its own channel's: feedparser read a file of feeds appended one after another as
    one, the last channel's title the outlet of all. The channel of a document that is not
    well-formed XML is parsed alone: the loose parser, past the break, took a later entry's
    link for the feed's."""
    parsed = parsed if parsed is not None else _parse(part.text.encode("latin-1"))
    spans: list[EntrySpan] = []
    wrap = None
    if _xml_error(parsed) is not None:
        spans = entry_spans(part.text)
        wrap = wrapper(part.text, spans)
    entries, problem, cut = _entries(parsed, part, spans, wrap)
    if wrap is not None and spans:
        parsed = _parse(wrap.channel(part.text).encode("latin-1"))
    own = next((a for a in (parsed.feed.get("link"), source)
                if isinstance(a, str) and _WEB_ADDRESS.match(a)), None)
    outlet = plain_title(parsed.feed)
    # blanks collapsed: a title's "&nbsp;" was a no-break space inside the outlet's name
    outlet = " ".join(outlet.split()) if isinstance(outlet, str) else outlet
    return _Reading(_Feed(outlet, str(parsed.get("version") or ""), own,
                          _UPDATED_ELEMENT.search(part.text) is None), entries, problem, cut)


# What expat says when a file goes on past its document: another one appended after its root
# end tag, or after a cut (its declaration then comes inside the root). A file that parses is
# one document, whatever its CDATA sections and comments quote
_APPENDED = frozenset({"junk after document element",
                       "XML or text declaration not at start of entity"})


def _appended(text: str, exc: BaseException | None) -> bool:
    """Whether the file may hold feeds appended one after another: its parse stopped where
    another document could begin. A second document's UTF-8 byte-order mark is, to expat,
    an invalid token."""
    if not isinstance(exc, SAXParseException):
        return False
    return exc.getMessage() in _APPENDED or (
        exc.getMessage() == "not well-formed (invalid token)" and "\xef\xbb\xbf" in text[3:])


def _read_documents(text: str, source: str) -> list[_Reading]:
    """Each feed document of the file (``text``: its bytes as latin-1), in order."""
    parsed = _parse(text.encode("latin-1"))
    exc = _xml_error(parsed)
    spans = documents(text) if _appended(text, exc) else [(0, len(text))]
    if len(spans) == 1:
        return [_read_document(_Part(text), source, parsed)]
    readings: list[_Reading] = []
    line, counted, before = 1, 0, 0  # running totals: summed again per document, 40,000
    for begin, end in spans:  # appended feeds took minutes
        line, counted = line + text.count("\n", counted, begin), begin
        readings.append(_read_document(_Part(text[begin:end], line, before), source))
        before += readings[-1].numbered
    return readings


def _entry_item(inp: Input, ctx: Context, entry: Any, feed: _Feed, part: str) -> Item:
    if isinstance(entry, InputRejected):  # its markup broke: see _one_by_one
        return quarantine(inp.label(part), entry)
    body, media = _body(entry)
    try:
        return make_doc(inp, body or "", media, ctx.settings, part, _meta(entry, feed))
    except InputRejected as exc:
        return quarantine(inp.label(part), exc)


def read_feed(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every entry of an RSS or Atom file (see the module docstring)."""
    with inp.open() as stream:
        data = sane_charrefs(read_capped(stream, ctx.settings.max_member_bytes))
    # latin-1, whose offsets are the bytes': a UTF-16 or UTF-32 feed is UTF-8 by now
    readings = _read_documents(data.decode("latin-1"), inp.source)
    if not any(r.entries for r in readings):
        text = data.decode("latin-1")
        _refuse_page(text)
        problem = next((r.problem for r in readings if r.problem is not None), None)
        if problem is not None and problem.code == "bad_feed":
            raise InputRejected("bad_feed", f"not a feed: {problem.reason}"[:300])
        raise problem or InputRejected("empty", "the feed has no entries")
    number = 0
    for reading in readings:
        for entry in reading.entries:
            number += 1
            yield _entry_item(inp, ctx, entry, reading.feed, f"entry {number}")
        number += reading.cut
        if reading.problem is not None and reading.problem.code == "truncated":  # a cut is last
            yield quarantine(inp.label(), reading.problem)
        elif reading.problem is not None:
            log.warning("%s: %s; its entries were read one by one", inp.label(),
                        reading.problem.reason)

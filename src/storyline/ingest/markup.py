"""What an HTML page's markup says before it is parsed: the charset it declares, whether a text
is a page at all, and the text between its tags that an encoding detector should weigh.

:mod:`storyline.ingest.decode` re-exports :func:`html_charset`, :func:`sniff_media_type` and
:func:`html_page`, which the readers import from there.
"""

from __future__ import annotations

import re

from storyline.errors import InputRejected
from storyline.htmltokens import DATA_URI, TOKEN

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)

# Markup a detector should not weigh: script and style blocks and comments whole, then tags.
# Safe on bytes in any encoding a page is written in but ISO-2022-JP (which escapes): "<" and
# ">" are never the second byte of a GBK, Big5, Shift JIS or EUC character (0x40 and up).
_OPENER = re.compile(rb"<(script|style)\b|<!--|<[!/?A-Za-z][^<>]*>", re.I)
_CLOSERS = {b"script": re.compile(rb"</script\s*>", re.I), b"style": re.compile(rb"</style\s*>", re.I)}
_MARKUP_SCAN = 1 << 20  # bytes of a page searched for its text (a few ms)


def detection_sample(data: bytes, limit: int) -> bytes:
    """The bytes of ``data`` an encoding detector should judge, at most ``limit`` (cut at a
    line's end, not inside a double-byte character): for a page, the texts between its tags
    that hold bytes past ASCII, one a line; else ``data``'s head.

    A detector weighs every byte it is shown: 8 KB of navigation links outweighed 300
    characters of Russian (read as cp1252), 20 KB of them as many of Chinese (read as Big5 or
    cp1252). Texts all in ASCII ("Section", "Home") tell it nothing and are left out too. The
    head is kept for text with no tag, for ISO-2022-JP (its escapes put "<" inside characters),
    and when no text past ASCII is left (letters only in attributes or scripts)."""
    head = data[:_MARKUP_SCAN]
    if b"<" not in head or b"\x1b" in head:
        return data[:limit]
    texts = [text for text in _between_tags(head) if not text.isascii()]
    if not texts:
        return data[:limit]
    sample = b"\n".join(texts)
    if len(sample) <= limit:
        return sample
    cut = sample.rfind(b"\n", 0, limit)
    return sample[:cut] if cut > 0 else sample[:limit]


def _between_tags(head: bytes) -> list[bytes]:
    """The texts of ``head`` between its tags, script and style blocks and comments, found in
    one pass: a block or comment never closed ends the text there (a search for its closer
    from each opener, as a pattern with ``.*?`` made, took time in the square of the page)."""
    texts, at = [], 0
    while (found := _OPENER.search(head, at)) is not None:
        texts.append(head[at:found.start()])
        if found.group(1):
            closer = _CLOSERS[found.group(1).lower()].search(head, found.end())
            at = closer.end() if closer else len(head)
        elif found.group() == b"<!--":
            end = head.find(b"-->", found.end())
            at = end + 3 if end >= 0 else len(head)
        else:
            at = found.end()
    texts.append(head[at:])
    return texts


def check_size(text: str, limit: int, media_type: str | None = None) -> None:
    """Raise ``too_large`` when ``text`` is over ``limit`` characters. A page (``media_type``
    ``text/html``, or a text that sniffs as one when None) is measured by :func:`page_weight`:
    scripts, styles, comments and inline images make a page big, not long to read, and a news
    page carrying a few megabytes of them is an article like any other; but no page over four
    times the limit, as no file's bytes past that are read
    (:func:`storyline.ingest.limits.read_capped`). This is the readers' first look, on the
    page's markup: the cleaner weighs the page as parsed
    (:func:`storyline.clean.html.candidates`), which markup the tokenizer reads otherwise than
    libxml2 cannot hide anything from."""
    if len(text) <= limit:
        return
    page = media_type == "text/html" if media_type is not None \
        else sniff_media_type(text) == "text/html"
    if not page or len(text) > 4 * limit:
        raise InputRejected("too_large", f"{len(text)} characters exceeds {limit}"
                            + (" four times over" if page else ""))
    weight = page_weight(text)
    if weight > limit:
        raise InputRejected("too_large", (
            f"the page is {len(text)} characters, {weight} of them outside its scripts, styles, "
            f"comments and inline data: over {limit}"))


def page_weight(html: str) -> int:
    """The characters of ``html`` outside its script and style blocks, its comments and its
    inline data (``data:`` URIs in its tags: images and fonts a page carries in its markup):
    what the parser makes elements and text of, none of which those are. The page is read as
    an HTML5 tokenizer reads it (:data:`storyline.htmltokens.TOKEN`), so a "<script" or "<!--"
    inside an attribute's value hides nothing, and a block or comment never closed runs to
    the end, as it does for the parser."""
    skipped = 0
    for token in TOKEN.finditer(html):
        raw = token.group("raw")
        if raw is not None and raw.lower() in ("script", "style"):
            skipped += len(token.group("raw_body"))
        elif raw is not None:
            skipped += _inline_data(token.group("raw_attributes"))
        elif token.group("name") is not None:
            skipped += _inline_data(token.group("attributes"))
        elif token.group("end") is not None:
            pass  # an end tag: the parser writes it out again
        else:
            skipped += len(token.group())
    return len(html) - skipped


def _inline_data(attributes: str) -> int:
    """Characters of the ``data:`` URIs' payloads in a start tag's ``attributes``."""
    if "data:" not in attributes.lower():
        return 0
    return sum(len(found.group(1)) for found in DATA_URI.finditer(attributes))


def html_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag within ``head``: in the page's
    ``<head>`` however long, up to 64 KB (12 KB of inline script may come before the tag), or
    else in its first 8 KB; None when it declares none."""
    scan = head[:_CHARSET_SCAN]
    end = _HEAD_END.search(scan) if _HEAD_OPEN.search(scan, 0, 8192) else None
    # past 8 KB only inside a page's <head>: a text that mentions a <meta> tag is no page
    match = _META_CHARSET.search(scan, 0, max(end.end() if end else 8192, 8192))
    return match.group(1).decode("ascii") if match else None


_CHARSET_SCAN = 1 << 16  # searched in well under a millisecond
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.I)
_HEAD_OPEN = re.compile(rb"<head[\s>]", re.I)


def sniff_media_type(text: str, name: str = "") -> str:
    """``text/html`` when the name or the content says HTML, else ``text/plain``.

    The content says so when it opens a page (``<!doctype html``, ``<html``), holds a
    ``<body`` and a closing tag in its first 2,048 characters, or opens a page after something
    else (a comment, an XML declaration, a PHP warning's line: :data:`_PAGE_OPENING`) and
    closes a tag of the page's head or body. A text that only mentions a tag ("put <html> at
    the top") is no page."""
    lowered = name.lower()
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    head = text[:2048].lstrip().lower()
    if opens_page(text) or ("<body" in head and "</" in head):
        return "text/html"
    return "text/plain"


_OPENING = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)  # not "<html5"


def opens_page(text: str) -> bool:
    """Whether ``text`` opens as a page does: ``<!doctype html`` or ``<html`` first, or after
    what a page may carry before them (:data:`_PAGE_OPENING`) and with a closing tag of its
    head or body. What a server labelled ``text/plain`` must do to be read as a page: a text
    about markup ("put <body> around ...") need not."""
    if _OPENING.match(text[:2048].lstrip()):
        return True
    return _PAGE_OPENING.match(text[:2048]) is not None \
        and _CLOSING_TAG.search(text, 0, _CHARSET_SCAN) is not None


# A page's opening (its doctype, <html> or <head>) at the text's start, after nothing but what
# a page may carry before it: comments, an XML declaration, a PHP warning's lines. Not inside
# the text: an e-mail quoting a page ("> <html>"), a README's indented example, are text.
_PAGE_OPENING = re.compile(
    r"\ufeff?\s*(?:(?:<!--.*?-->|<\?xml[^>]*\?>|(?:<br\s*/?>\s*)?(?:<b>)?(?:Warning|Notice|"
    r"Deprecated|Fatal error|Parse error)(?:</b>)?:[^\n]*\n)\s*)*<(?:!doctype\s+html|html|head)[\s>]",
    re.I | re.S)
_CLOSING_TAG = re.compile(r"</(?:html|head|body|title|script|style|p|div)\s*>", re.I)


def html_page(html: str) -> str:
    """``html`` as a whole page: a fragment (a feed entry's content, a record's html field) is
    wrapped in ``<html><body><article>``, because the HTML extractor finds no article in a bare
    paragraph and would call it truncated. A text that opens its own page is left as it is."""
    head = html[:2048].lower()
    if "<html" in head or "<body" in head:
        return html
    return f"<html><body><article>{html}</article></body></html>"

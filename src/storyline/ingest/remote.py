"""Inputs fetched over HTTP(S): a URL given as a path, and lists of URLs (feeds, pages).

Accepts: ``http://`` and ``https://`` URLs, and URL lists (``text/uri-list``, RFC 2483): a
``.urls`` file, or a ``.txt`` file or nameless input whose every non-blank line is such a URL
or a ``#`` comment — one URL per line, typically RSS/Atom feeds. Nothing is fetched unless a URL
is given (on the command line, in a URL list, or as a feed entry's link with
``follow_feed_links``), and no scheme but http(s) is followed, redirects included. Addresses
are not filtered: a URL list can point at hosts of the local network.
Produces: whatever the fetched resource holds, read by the reader its name or first bytes
select — a feed gives one :class:`RawDoc` per entry, a page one RawDoc — with ``source`` = the
URL after redirects, and that URL as the ``url`` meta of a page that gives none. With
``follow_feed_links`` each entry of a fetched feed is replaced by the page it links to (feeds
often carry a summary only), keeping the entry's title, date and outlet; when that page cannot
be had, the entry stays, beside a quarantine row for the page.
Rejects, each as a quarantine row naming the URL (one bad URL never stops the list):
``bad_url`` (not http/https), ``fetch_failed`` (DNS or connection error, HTTP status 400 or
more, no complete answer within ``fetch_timeout_s`` — checked after every read, and each read
waits at most that long), ``too_large``
(more than ``max_member_bytes``), ``truncated`` (fewer bytes than the Content-Length said),
and a URL list inside a fetched URL list deeper than the
archive nesting limit (``too_deep``).
"""

from __future__ import annotations

import http.client
import io
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from storyline.errors import InputRejected
from storyline.ingest.decode import decode_bytes, html_charset
from storyline.ingest.limits import buffered, read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import RawDoc


def _version() -> str:
    try:
        return metadata.version("storyline")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"Storyline/{_version()} (news analysis)"
_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, "
           "text/plain;q=0.7, */*;q=0.5")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_LINES = re.compile(r"[^\r\n]+")
_CHUNK = 65536
_MAX_LIST_BYTES = 10_000_000


def is_url(text: str) -> bool:
    """True for an absolute http(s) URL (what ``storyline run`` fetches instead of opening)."""
    return _URL.fullmatch(text.strip()) is not None


def is_url_list(text: str) -> bool:
    """True when every non-blank line is an http(s) URL or a ``#`` comment, and one is a URL."""
    found = False
    for raw in _LINES.finditer(text):  # lazily: the first line of prose ends it (most texts)
        line = raw.group().strip()
        if not line or line.startswith("#"):
            continue
        if _URL.fullmatch(line) is None:
            return False
        found = True
    return found


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib would follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise InputRejected("bad_url", f"redirected to a non-HTTP URL: {newurl[:200]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnly)


def fetch(url: str, timeout_s: float, max_bytes: int) -> tuple[bytes, str]:
    """The body at ``url`` and the URL it came from after redirects.

    Raises :class:`InputRejected` ``bad_url``, ``fetch_failed`` or ``too_large``.
    """
    if not is_url(url):
        raise InputRejected("bad_url", f"not an http(s) URL: {url[:200]}")
    deadline = time.monotonic() + timeout_s
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
        with _OPENER.open(request, timeout=timeout_s) as response:
            final = response.geturl()
            parts = []
            size = 0
            # read1 returns what has arrived, so a server that drips bytes meets the deadline
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputRejected("too_large", f"more than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise InputRejected("fetch_failed", f"no complete answer within {timeout_s:g} s")
                parts.append(chunk)
            expected = response.headers.get("Content-Length", "")
            if expected.isdigit() and size < int(expected):
                raise InputRejected("truncated", f"{size} of {expected} bytes arrived")
            return b"".join(parts), final
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection's response
        raise InputRejected("fetch_failed", f"HTTP {exc.code} {exc.reason}"[:300]) from None
    except urllib.error.URLError as exc:
        raise InputRejected("fetch_failed", f"{exc.reason}"[:300]) from None
    except (TimeoutError, http.client.HTTPException, OSError, ValueError) as exc:
        raise InputRejected("fetch_failed", f"{type(exc).__name__}: {exc}"[:300]) from None


def read_url(url: str, ctx: Context) -> Iterator[Item]:
    """Every document at ``url`` (see the module docstring); failures as quarantine rows."""
    try:
        nested = ctx.nested()  # before fetching: a list too deep costs no request
        data, final = fetch(url, ctx.settings.fetch_timeout_s, ctx.settings.max_member_bytes)
    except InputRejected as exc:
        yield quarantine(url, exc)
        return
    name = PurePosixPath(urlsplit(final).path).name
    inp = Input(final, name, lambda: buffered(io.BytesIO(data)))
    for item in nested.dispatch(inp, nested):
        if isinstance(item, RawDoc) and item.meta_get("url") is None and item.position == "":
            item = replace(item, meta=(*item.meta, ("url", final)))
        if isinstance(item, RawDoc) and ctx.settings.follow_feed_links and _is_entry(item):
            yield from _entry_page(item, ctx)
        else:
            yield item


def _is_entry(doc: RawDoc) -> bool:
    link = doc.meta_get("url")
    return doc.position.startswith("entry ") and link is not None and is_url(link)


def _entry_page(entry: RawDoc, ctx: Context) -> Iterator[Item]:
    """The page a feed entry links to, with the entry's title, date and outlet; the entry
    itself (its summary) and a quarantine row for the page when the page cannot be had."""
    link = entry.meta_get("url") or ""
    try:
        data, final = fetch(link, ctx.settings.fetch_timeout_s, ctx.settings.max_member_bytes)
        text, encoding = decode_bytes(data, ctx.settings.max_doc_chars, html_charset(data))
    except InputRejected as exc:
        yield quarantine(link, exc)
        yield entry
        return
    meta = tuple((k, v) for k, v in entry.meta if k != "url") + (("url", final),)
    yield RawDoc(final, text, "text/html", "", encoding, meta)


def read_url_lines(text: str, inp: Input, ctx: Context) -> Iterator[Item]:
    """Every document at every URL of a URL list's text (line numbers kept for bad lines)."""
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            yield quarantine(inp.label(f"line {number}"),
                             InputRejected("bad_url", f"not an http(s) URL: {line[:200]}"))
            continue
        yield from read_url(line, ctx)


def read_url_list(inp: Input, ctx: Context) -> Iterator[Item]:
    """A ``.urls`` file (``text/uri-list``): one URL per line, ``#`` comments allowed."""
    with inp.open() as stream:
        data = read_capped(stream, _MAX_LIST_BYTES)
    yield from read_url_lines(data.decode("utf-8", errors="replace"), inp, ctx)


__all__ = ["USER_AGENT", "fetch", "is_url", "is_url_list", "read_url", "read_url_list",
           "read_url_lines"]

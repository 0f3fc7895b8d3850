"""Inputs fetched over HTTP(S): a URL given as a path, and lists of URLs (feeds, pages).

Accepts: ``http://`` and ``https://`` URLs, and URL lists (``text/uri-list``, RFC 2483): a
``.urls`` file, or a ``.txt`` file or nameless input whose every non-blank line is such a URL
or a ``#`` comment — one URL per line, typically RSS/Atom feeds. Nothing is fetched unless a URL
is given (on the command line, in a URL list, or as a feed entry's link with
``follow_feed_links``), and no scheme but http(s) is followed, redirects included. Hosts on a
loopback, private, link-local, shared or reserved network are refused unless
``fetch_private_addresses`` is set: every address DNS gives for the host is checked before a
connection is opened, and the connection goes to those checked addresses only (so not even a
TCP handshake reaches a refused host), on every redirect too; IPv6 must be global unicast, and an IPv6
address that carries an IPv4 one (mapped, 6to4) is judged by it. A URL with credentials or a
backslash is refused, since the host a proxy reads in it need not be the one checked. Neither
a URL list nor a feed's links nor a redirect can thus make Storyline read a service inside
the network it runs in; through a proxy (``http_proxy`` and the like), the host's DNS answers
are checked and the proxy connects, so a name that only the proxy resolves fails.
Produces: whatever the fetched resource holds, read by the reader its name or first bytes
select — a feed gives one :class:`RawDoc` per entry, a page one RawDoc — with ``source`` = the
URL after redirects, and that URL as the ``url`` meta of a page that gives none; a charset
the Content-Type header declares is tried first when a text or HTML page is decoded. With
``follow_feed_links`` each entry of a feed (fetched, or read from a file) is replaced by what
its link holds (feeds
often carry a summary only), read like any fetched URL (an HTML page, a text, a PDF refused)
and keeping the entry's title, date and outlet; when that page cannot be had, the entry stays,
beside a quarantine row for the page. Relative entry links are resolved against the feed's
URL. Fetched bytes count against the input's ``max_archive_bytes`` budget: a URL list shares
one budget across all it fetches.
Rejects, each as a quarantine row naming the URL (one bad URL never stops the list):
``bad_url`` (not http/https, or with credentials), ``blocked_address`` (a host on a non-public network),
``fetch_failed`` (DNS or connection error, HTTP status 400 or
more, no complete answer within ``fetch_timeout_s`` — checked after every read, and each read
waits at most that long), ``too_large``
(more than ``max_member_bytes``), ``truncated`` (fewer bytes than the Content-Length said),
``archive_too_large`` (the input's byte budget spent), and a URL list inside a fetched URL
list deeper than the archive nesting limit (``too_deep``).
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from storyline.errors import InputRejected
from storyline.ingest.compressed import compression_of
from storyline.ingest.decode import wide_encoding
from storyline.ingest.limits import ZIP_MAGIC, buffered, read_capped
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item
from storyline.records import QuarantineRow, RawDoc


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


_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")


def is_public(address: str) -> bool:
    """True for an IP address on the public internet: not loopback, private, link-local,
    shared, reserved, multicast or unspecified. An IPv6 address must be global unicast
    (2000::/3, so NAT64, IPv4-compatible and site-local forms are refused); one that carries
    an IPv4 address (IPv4-mapped, 6to4) is judged by it, and Teredo is refused."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip.teredo is not None or ip not in _GLOBAL_UNICAST:
            return False
    return ip.is_global and not ip.is_multicast


def _refuse(host: str, address: str) -> InputRejected:
    return InputRejected("blocked_address", f"{host} is at {address}, not a public address "
                                            "(set fetch_private_addresses to allow it)")


def _public_addresses(host: str, port: int) -> list[str]:
    """The addresses DNS gives for ``host``; refused when any of them is not public."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InputRejected("fetch_failed", f"{host}: {exc}"[:300]) from None
    addresses = list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in answers))
    for address in addresses:
        if not is_public(address):
            raise _refuse(host, address)
    return addresses


def _public_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
    """``socket.create_connection`` to the host's checked addresses only (the literal IPs,
    so the peer is the address checked): nothing, not even a TCP handshake, reaches a host
    that is not public."""
    host, port = address
    error: OSError | None = None
    for ip in _public_addresses(host, port):
        try:
            return socket.create_connection((ip, port), *args, **kwargs)
        except OSError as exc:
            error = exc
    raise error or OSError(f"no address for {host}")


class _Public:
    """An http.client connection that opens its socket through :func:`_public_connection`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTP(_Public, http.client.HTTPConnection):
    pass


class _PublicHTTPS(_Public, http.client.HTTPSConnection):
    pass


def _proxied(req: urllib.request.Request) -> bool:
    """Whether urllib sends ``req`` through a proxy (its connection's peer is then the proxy):
    a CONNECT tunnel for https, the full URL as the selector for http."""
    if req._tunnel_host or req.has_proxy():  # type: ignore[attr-defined]
        target = urlsplit(req.full_url)
        _public_addresses(target.hostname or "",
                          target.port or (443 if target.scheme == "https" else 80))
        return True
    return False


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(http.client.HTTPConnection if _proxied(req) else _PublicHTTP, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):  # type: ignore[no-untyped-def]
        kind = http.client.HTTPSConnection if _proxied(req) else _PublicHTTPS
        return self.do_open(kind, req, context=self._context)  # type: ignore[attr-defined]


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib would follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise InputRejected("bad_url", f"redirected to a non-HTTP URL: {newurl[:200]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    """urllib's opener: http(s) redirects only; public addresses only unless ``allow_private``.
    Built per fetch (microseconds), so that proxy settings changed in the environment of a
    long-running process are seen."""
    if allow_private:
        return urllib.request.build_opener(_HttpOnly)
    return urllib.request.build_opener(_HttpOnly, _PublicHTTPHandler, _PublicHTTPSHandler)


def fetch(url: str, timeout_s: float, max_bytes: int, allow_private: bool = False
          ) -> tuple[bytes, str, str | None]:
    """The body at ``url``, the URL it came from after redirects, and the charset its
    Content-Type header declares (None when it declares none).

    Raises :class:`InputRejected` ``bad_url``, ``blocked_address`` (unless ``allow_private``),
    ``fetch_failed``, ``too_large`` or ``truncated``.
    """
    if not is_url(url):
        raise InputRejected("bad_url", f"not an http(s) URL: {url[:200]}")
    try:
        netloc = urlsplit(url).netloc
    except ValueError as exc:
        raise InputRejected("fetch_failed", f"{exc}: {url[:200]}") from None
    if "\\" in url or "@" in netloc:
        # Credentials, or a backslash that a proxy may read as a slash: the host urllib
        # checks need not be the host the request reaches.
        raise InputRejected("bad_url", f"credentials or a backslash in the URL: {url[:200]}")
    deadline = time.monotonic() + timeout_s
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
        with _opener(allow_private).open(request, timeout=timeout_s) as response:
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
            return b"".join(parts), final, response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection's response
        raise InputRejected("fetch_failed", f"HTTP {exc.code} {exc.reason}"[:300]) from None
    except urllib.error.URLError as exc:
        raise InputRejected("fetch_failed", f"{exc.reason}"[:300]) from None
    except (TimeoutError, http.client.HTTPException, OSError, ValueError) as exc:
        raise InputRejected("fetch_failed", f"{type(exc).__name__}: {exc}"[:300]) from None


def _fetched(url: str, ctx: Context) -> tuple[Iterator[Item], str]:
    """What ``url`` holds, read by the format its name or first bytes select, and the URL
    after redirects; the bytes are charged to the input's budget. Raises InputRejected."""
    nested = ctx.nested()  # before fetching: a list too deep costs no request
    settings = ctx.settings
    left = ctx.budget.remaining
    if left <= 0:
        ctx.budget.take(1)  # refused before any request: archive_too_large
    try:
        data, final, charset = fetch(url, settings.fetch_timeout_s,
                                     min(settings.max_member_bytes, left),
                                     settings.fetch_private_addresses)
    except InputRejected as exc:
        if exc.code == "too_large" and left < settings.max_member_bytes:
            ctx.budget.take(left + 1)  # spent: the rest of the list is refused alike
        raise
    if not (compression_of(data[:4096]) or data.startswith(ZIP_MAGIC)):  # charged as decompressed
        ctx.budget.take(len(data))
    name = PurePosixPath(urlsplit(final).path).name
    inp = Input(final, name, lambda: buffered(io.BytesIO(data)), charset=charset)
    return nested.dispatch(inp, nested), final


def read_url(url: str, ctx: Context) -> Iterator[Item]:
    """Every document at ``url`` (see the module docstring); failures as quarantine rows."""
    try:
        items, final = _fetched(url, ctx)
    except InputRejected as exc:
        yield quarantine(url, exc)
        return
    yield from _placed(items, final)


def _placed(items: Iterable[Item], final: str) -> Iterator[Item]:
    """What a fetch of ``final`` yielded, placed at it: a feed's relative entry links made
    absolute against it, a lone page given it as its URL."""
    for item in items:
        if isinstance(item, RawDoc) and _is_entry(item):
            item = _resolved(item, final)
        elif isinstance(item, RawDoc) and item.meta_get("url") is None and item.position == "":
            item = replace(item, meta=(*item.meta, ("url", final)))
        yield item


def _resolved(entry: RawDoc, base: str) -> RawDoc:
    """A feed entry whose relative link is made absolute against the feed's URL."""
    link = entry.meta_get("url")
    if link is None or is_url(link):
        return entry
    absolute = urljoin(base, link)
    meta = tuple((k, absolute if k == "url" else v) for k, v in entry.meta)
    return replace(entry, meta=meta) if is_url(absolute) else entry


def follow_entries(items: Iterator[Item], ctx: Context) -> Iterator[Item]:
    """``items`` with each feed entry whose link is an http(s) URL replaced by the page it
    links to, when ``follow_feed_links`` (the one place links are followed: what a followed
    page holds is never followed again)."""
    for item in items:
        if (ctx.settings.follow_feed_links and isinstance(item, RawDoc) and _is_entry(item)
                and is_url(item.meta_get("url") or "")):
            yield from _entry_page(item, ctx)
        else:
            yield item


def _is_entry(doc: RawDoc) -> bool:
    """A feed entry: at ``entry N``, also inside an archive (``member f.xml, entry N``)."""
    return doc.position.rsplit(", ", 1)[-1].startswith("entry ")


def _entry_page(entry: RawDoc, ctx: Context) -> Iterator[Item]:
    """What a feed entry links to, with the entry's title, date and outlet where the page
    gives none; the entry itself (its summary) and a quarantine row for the page when the
    page cannot be had or read."""
    link = entry.meta_get("url") or ""
    try:
        items, final = _fetched(link, ctx)
        pages = list(_placed(items, final))
    except InputRejected as exc:
        yield quarantine(link, exc)
        yield entry
        return
    docs = [item for item in pages if isinstance(item, RawDoc)]
    if not pages:
        pages = [quarantine(final, InputRejected("empty", "the linked page holds no document"))]
    if len(docs) != 1:  # refused, or not one page (a feed, an archive): as it came, and the entry
        yield from pages
        yield entry
        return
    yield from (item for item in pages if not isinstance(item, RawDoc))
    (page,) = docs
    own = {k for k, _ in page.meta}
    extra = tuple((k, v) for k, v in entry.meta if k != "url" and k not in own)
    url = () if "url" in own else (("url", final),)
    yield replace(page, meta=(*page.meta, *extra, *url))


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
        for item in read_url(line, ctx):
            if isinstance(item, QuarantineRow) and item.source == line:  # the fetch failed
                item = replace(item, message=f"{item.message} (listed at {inp.label(f'line {number}')})")
            yield item


def read_url_list(inp: Input, ctx: Context) -> Iterator[Item]:
    """A ``.urls`` file (``text/uri-list``): one URL per line, ``#`` comments allowed."""
    with inp.open() as stream:
        data = read_capped(stream, _MAX_LIST_BYTES)
    text = data.decode(wide_encoding(data) or "utf-8", errors="replace")  # UTF-16 from Windows
    yield from read_url_lines(text.removeprefix("\ufeff"), inp, ctx)


__all__ = ["USER_AGENT", "fetch", "follow_entries", "is_public", "is_url", "is_url_list",
           "read_url", "read_url_list", "read_url_lines"]

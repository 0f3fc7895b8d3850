"""URLs and URL lists fetched over HTTP, against a server on localhost (no outside network)."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.ingest import read_bytes, read_paths
from storyline.ingest.remote import is_public, is_url, is_url_list
from storyline.records import QuarantineRow, RawDoc

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Ministers meet</title><link>https://example.org/a</link>
<pubDate>Tue, 05 Mar 2019 10:00:00 GMT</pubDate>
<description>The foreign ministers met on Tuesday to discuss the river.</description></item>
<item><title>Talks end</title><link>https://example.org/b</link>
<description>The talks ended without an agreement on Wednesday.</description></item>
</channel></rss>"""
PAGE = (b"<html><head><title>Floods</title></head><body><article><p>Heavy rain flooded the "
        b"valley on Monday and rescuers reached the villages by boat.</p></article></body></html>")


NOTES = (b"The river commission met in the morning and agreed a timetable for the dam "
         b"inspections that both ministries had asked for.\n")
# A short legacy-encoded page without <meta charset>: only the HTTP header says cp1251
# (guessed alone, it is read as cp1250: "Ďóňčí č Ýđäîăŕí").
CYRILLIC = "<html><body><p>Путин и Эрдоган</p></body></html>".encode("cp1251")
# A server's default Latin-1 label on a page that declares its own charset: the page wins.
MISLABELLED = ('<html><head><meta charset="windows-1251"></head><body><p>Путин и Эрдоган'
               "</p></body></html>").encode("cp1251")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        linked = FEED.replace(b"https://example.org/a", f"{self._base()}/story".encode()).replace(
            b"https://example.org/b", b"http://127.0.0.1:9/b")  # nothing listens on port 9
        routes = {"/rss": ("application/rss+xml", FEED), "/story": ("text/html", PAGE),
                  "/linked": ("application/rss+xml", linked),
                  "/relative": ("application/rss+xml",
                                FEED.replace(b"https://example.org/a", b"notes.txt")),
                  "/to-binary": ("application/rss+xml",
                                 FEED.replace(b"https://example.org/a", b"/binary.png")),
                  "/to-feed": ("application/rss+xml",
                               FEED.replace(b"https://example.org/a", b"/relative")),
                  "/to-nothing": ("application/rss+xml",
                                  FEED.replace(b"https://example.org/a", b"/nothing.urls")),
                  "/nothing.urls": ("text/uri-list", b"# no URLs here\n"),
                  "/notes.txt": ("text/plain", NOTES), "/binary.png": ("image/png", PNG),
                  "/cyrillic": ("text/html; charset=windows-1251", CYRILLIC),
                  "/mislabelled": ("text/html; charset=iso-8859-1", MISLABELLED),
                  "/notes.txt.gz": ("application/gzip", gzip.compress(NOTES * 12))}
        if self.path in routes:
            kind, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/file")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 200_000)
        elif self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"slow ")
                self.wfile.flush()
                time.sleep(0.05)
        else:
            self.send_error(404, "Not Found")


@contextmanager
def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server answering with ``handler``, for the time of the block: its URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with _serve(_Handler) as url:
        yield url


# The test server is on loopback, which is refused unless allowed.
SETTINGS = Settings(fetch_timeout_s=1.0, max_member_bytes=100_000, fetch_private_addresses=True)


def test_url_tests() -> None:
    assert is_url("https://example.org/rss") and not is_url("ftp://example.org/x")
    assert not is_url("example.org/rss")
    assert is_url_list("# feeds\nhttps://a.example/rss\n\nhttp://b.example/feed.xml\n")
    assert not is_url_list("# only a comment\n")
    assert not is_url_list("https://a.example/rss\nThe minister said talks would resume.\n")


def test_a_feed_url_gives_one_document_per_entry(server: str) -> None:
    items = list(read_paths([f"{server}/rss"], SETTINGS))
    assert all(isinstance(i, RawDoc) for i in items) and len(items) == 2
    first = items[0]
    assert isinstance(first, RawDoc)
    assert (first.source, first.position) == (f"{server}/rss", "entry 1")
    assert first.meta_get("url") == "https://example.org/a"
    assert first.meta_get("outlet") == "Example Wire"


def test_a_page_url_follows_redirects_and_keeps_its_url(server: str) -> None:
    (item,) = list(read_paths([f"{server}/moved"], SETTINGS))
    assert isinstance(item, RawDoc) and item.media_type == "text/html"
    assert item.source == f"{server}/story" and item.meta_get("url") == f"{server}/story"


def test_a_url_list_reads_every_url_and_quarantines_the_bad_ones(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{server}/rss\n{server}/missing\n{server}/story\n"
                       f"{server}/ftp\n{server}/huge\n{server}/slow\n", encoding="utf-8")
    items = list(read_paths([listing], SETTINGS))
    docs = [i for i in items if isinstance(i, RawDoc)]
    bad = {i.source.rsplit("/", 1)[-1]: i.code for i in items if isinstance(i, QuarantineRow)}
    assert len(docs) == 3  # two feed entries and the page
    assert bad == {"missing": "fetch_failed", "ftp": "bad_url", "huge": "too_large",
                   "slow": "fetch_failed"}


def test_a_uri_list_names_its_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "list.urls"
    path.write_text("https://127.0.0.1:9/unreachable\nnot a url\n", encoding="utf-8")
    items = list(read_paths([path], Settings(fetch_timeout_s=0.5, fetch_private_addresses=True)))
    assert [(type(i).__name__, getattr(i, "code", "")) for i in items] == [
        ("QuarantineRow", "fetch_failed"), ("QuarantineRow", "bad_url")]
    assert isinstance(items[1], QuarantineRow) and items[1].source.endswith("#line 2")
    # a URL that cannot be fetched is its own row, and says which list line named it
    assert isinstance(items[0], QuarantineRow) and items[0].source == "https://127.0.0.1:9/unreachable"
    assert items[0].message.endswith(f"(listed at {path}#line 1)")


def test_a_nameless_url_list_is_sniffed(server: str) -> None:
    items = list(read_bytes(f"{server}/story\n".encode(), "", SETTINGS))
    assert len(items) == 1 and isinstance(items[0], RawDoc)
    assert items[0].source == f"{server}/story"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_url_list_is_read_as_text(server: str, encoding: str) -> None:
    # sniffed as a URL list, then split as bytes: bad_url rows full of NULs
    for name in ("", "list.urls"):
        items = list(read_bytes(f"{server}/story\n".encode(encoding), name, SETTINGS))
        assert len(items) == 1 and isinstance(items[0], RawDoc), items
        assert items[0].source == f"{server}/story"


def test_following_feed_links_reads_the_pages(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    items = list(read_paths([f"{server}/linked"], settings))
    page = next(i for i in items if isinstance(i, RawDoc) and i.source == f"{server}/story")
    assert page.media_type == "text/html" and "valley" in page.text
    assert (page.meta_get("title"), page.meta_get("url")) == ("Ministers meet", f"{server}/story")
    assert page.meta_get("date") is not None and page.meta_get("outlet") == "Example Wire"
    # the second entry's page cannot be reached: its summary stays
    kept = [i for i in items if isinstance(i, RawDoc) and i.position == "entry 2"]
    failed = [i for i in items if isinstance(i, QuarantineRow)]
    assert len(kept) == 1 and [q.source for q in failed] == ["http://127.0.0.1:9/b"]


def test_a_malformed_url_is_a_quarantine_row_not_a_crash(server: str, tmp_path: Path) -> None:
    (item,) = list(read_paths(["http://[::1"], SETTINGS))
    assert isinstance(item, QuarantineRow) and item.code == "fetch_failed"
    listing = tmp_path / "feeds.urls"
    listing.write_text(f"http://[::1\n{server}/story\n", encoding="utf-8")
    items = list(read_paths([listing], SETTINGS))
    assert [type(i).__name__ for i in items] == ["QuarantineRow", "RawDoc"]


def test_a_body_shorter_than_its_content_length_is_truncated() -> None:
    class Short(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"abc")
            self.close_connection = True

    with _serve(Short) as url:
        (item,) = list(read_paths([f"{url}/x"], SETTINGS))
    assert isinstance(item, QuarantineRow) and item.code in ("truncated", "fetch_failed")


def test_hosts_off_the_public_internet_are_refused_by_default(server: str, tmp_path: Path) -> None:
    (item,) = list(read_paths([f"{server}/story"], Settings(fetch_timeout_s=1.0)))
    assert isinstance(item, QuarantineRow) and item.code == "blocked_address"
    assert "127.0.0.1" in item.message and "fetch_private_addresses" in item.message
    listing = tmp_path / "feeds.urls"
    port = server.rsplit(":", 1)[1]
    listing.write_text(f"{server}/rss\nhttp://localhost:{port}/rss\n", encoding="utf-8")
    items = list(read_paths([listing], Settings(fetch_timeout_s=1.0)))
    assert [getattr(i, "code", "") for i in items] == ["blocked_address", "blocked_address"]


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1%eth0", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
    ("::ffff:93.184.216.34", True), ("not an address", False),
    # IPv6 forms that carry a private IPv4 address, and other non-global IPv6 ranges
    ("64:ff9b::a00:1", False), ("64:ff9b:1::a00:1", False), ("2002:a00:1::1", False),
    ("2002:5db8:d822::1", True), ("::7f00:1", False), ("::ffff:0:a00:1", False),
    ("fec0::1", False), ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),
])
def test_is_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_relative_entry_links_are_resolved_against_the_feed(server: str) -> None:
    first = list(read_paths([f"{server}/relative"], SETTINGS))[0]
    assert isinstance(first, RawDoc) and first.meta_get("url") == f"{server}/notes.txt"


def test_a_followed_link_is_read_as_what_it_is(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    page = list(read_paths([f"{server}/relative"], settings))[0]
    assert isinstance(page, RawDoc) and page.source == f"{server}/notes.txt"
    assert page.media_type == "text/plain" and page.text.startswith("The river commission")
    assert page.meta_get("title") == "Ministers meet"
    assert page.meta_get("url") == f"{server}/notes.txt"


def test_a_followed_link_to_a_feed_resolves_that_feeds_relative_links(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    items = list(read_paths([f"{server}/to-feed"], settings))
    entries = [i for i in items if isinstance(i, RawDoc) and i.source == f"{server}/relative"]
    # what a followed page holds is not followed again, but its links are made absolute
    assert [e.meta_get("url") for e in entries][:1] == [f"{server}/notes.txt"]


def test_a_followed_link_to_a_binary_keeps_the_entry(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    items = list(read_paths([f"{server}/to-binary"], settings))
    refused = [i for i in items if isinstance(i, QuarantineRow) and i.source.startswith(server)]
    assert [(q.source, q.code) for q in refused] == [(f"{server}/binary.png", "binary")]
    entry = next(i for i in items if isinstance(i, RawDoc) and i.position == "entry 1")
    assert "foreign ministers" in entry.text


def test_fetched_bytes_count_against_the_input_budget(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "pages.urls"
    listing.write_text(f"{server}/story\n{server}/story\n{server}/notes.txt\n", encoding="utf-8")
    settings = SETTINGS.model_copy(update={"max_archive_bytes": len(PAGE) * 2 + 10})
    items = list(read_paths([listing], settings))
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "doc", "archive_too_large"]


def test_urls_with_credentials_or_backslashes_are_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for url in (f"http://user:pw@127.0.0.1:{port}/story", f"http://127.0.0.1:{port}\\@example.org/"):
        (item,) = list(read_paths([url], SETTINGS))
        assert isinstance(item, QuarantineRow) and item.code == "bad_url"


def test_a_followed_link_that_holds_nothing_is_a_quarantine_row(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    items = list(read_paths([f"{server}/to-nothing"], settings))
    rows = [(i.source, i.code) for i in items
            if isinstance(i, QuarantineRow) and i.source.startswith(server)]
    assert rows == [(f"{server}/nothing.urls", "empty")]
    assert any(isinstance(i, RawDoc) and i.position == "entry 1" for i in items)


@given(text=st.text(max_size=300))
@hsettings(max_examples=200, deadline=None)
def test_url_tests_never_raise(text: str) -> None:
    assert isinstance(is_url(text), bool) and isinstance(is_url_list(text), bool)
    assert isinstance(is_public(text), bool)


_HOSTS = ["127.0.0.1", "[::1]", "0", "2130706433", "0x7f.1", "localhost", "10.0.0.1",
          "[::ffff:10.0.0.1]", "[64:ff9b::a00:1]", "user:pw@127.0.0.1", "[::1", "127.0.0.1:99999",
          "127.0.0.1:0", "169.254.169.254", "[fe80::1%25eth0]", "127.1"]


@given(host=st.sampled_from(_HOSTS), path=st.text(max_size=60))
@hsettings(max_examples=150, deadline=None)
def test_hostile_url_shapes_are_quarantine_rows(host: str, path: str) -> None:
    """Odd hosts, brackets, credentials and paths never raise out of the reader, and with the
    default settings every one of these local hosts is refused (no DNS lookup needed)."""
    url = f"http://{host}/{path}"
    if not is_url(url):
        return
    items = list(read_paths([url], Settings(fetch_timeout_s=0.2)))
    assert len(items) == 1 and isinstance(items[0], QuarantineRow)
    assert items[0].code in ("blocked_address", "bad_url", "fetch_failed")


def test_a_feed_file_follows_its_links_only_when_asked(server: str, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(FEED.replace(b"https://example.org/a", f"{server}/story".encode())
                     .replace(b"https://example.org/b", b"relative/b.html"))
    items = list(read_paths([feed], SETTINGS))
    assert [i.position for i in items if isinstance(i, RawDoc)] == ["entry 1", "entry 2"]
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    items = list(read_paths([feed], settings))
    page = items[0]
    assert isinstance(page, RawDoc) and page.source == f"{server}/story" and "valley" in page.text
    assert page.meta_get("title") == "Ministers meet"
    # a relative link has no base to resolve against in a file: the entry stays as it is
    assert isinstance(items[1], RawDoc) and items[1].position == "entry 2" and len(items) == 2


def test_the_http_charset_decodes_a_page_without_its_own(server: str) -> None:
    (page,) = list(read_paths([f"{server}/cyrillic"], SETTINGS))
    assert isinstance(page, RawDoc) and "Путин и Эрдоган" in page.text
    assert page.encoding in ("windows-1251", "cp1251")


def test_a_default_latin1_header_yields_to_the_pages_own_charset(server: str) -> None:
    (page,) = list(read_paths([f"{server}/mislabelled"], SETTINGS))
    assert isinstance(page, RawDoc) and "Путин и Эрдоган" in page.text


def test_feeds_inside_archives_follow_their_links(server: str, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "feeds.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("wire.xml", FEED.replace(b"https://example.org/a",
                                                 f"{server}/story".encode()))
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    page = list(read_paths([archive], settings))[0]
    assert isinstance(page, RawDoc) and page.source == f"{server}/story"
    assert page.meta_get("title") == "Ministers meet"


def test_a_fetched_archive_is_charged_once_as_it_is_read(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "archives.urls"
    listing.write_text(f"{server}/notes.txt.gz\n", encoding="utf-8")
    # room for the text once, not for the compressed bytes and the text together
    budget = len(NOTES * 12) + len(gzip.compress(NOTES * 12)) // 2
    assert budget >= 1000
    items = list(read_paths([listing], SETTINGS.model_copy(update={"max_archive_bytes": budget})))
    assert [type(i).__name__ for i in items] == ["RawDoc"]
    assert isinstance(items[0], RawDoc) and items[0].text.startswith("The river commission")


def test_bytes_read_as_a_feed_follow_links_as_a_feed_file_does(server: str) -> None:
    settings = SETTINGS.model_copy(update={"follow_feed_links": True})
    feed = FEED.replace(b"https://example.org/a", f"{server}/story".encode())
    items = list(read_bytes(feed, "wire.rss", settings))
    assert any(isinstance(i, RawDoc) and i.source == f"{server}/story" for i in items)

"""Small inputs built in the tests: invented articles, a WARC, an RSS feed, archives."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Invented articles, written for these tests.
HARBOUR = (
    "VALMORA, March 3 - The port authority said on Tuesday that the northern harbour would reopen "
    "to cargo ships next week after three days of repairs to the breakwater."
)
BRIDGE = (
    "Engineers in the river town of Oskel closed the old stone bridge on Friday after a survey "
    "found cracks in two of its arches, the mayor's office said."
)
BRIDGE_CURLY = BRIDGE.replace("'", "\u2019")
FESTIVAL = (
    "The lantern festival in Miraval drew about 40,000 visitors over the weekend, organisers said, "
    "the largest crowd since the event began twelve years ago."
)


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


def warc_bytes(records: list[tuple[str, bytes, str, str]], compress: bool = True,
               with_requests: bool = True) -> bytes:
    """A WARC of ``(uri, payload, content type, status)`` responses, each after a request record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, payload, content_type, status in records:
        if with_requests:
            request = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(request), length=len(request)))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=headers))
    return buffer.getvalue()


def coded_warc() -> bytes:
    """A WARC whose responses carry their payloads in HTTP codings: chunked, gzip, chunked
    gzip, brotli and deflate."""
    import zlib

    import brotli

    def chunks(data: bytes) -> bytes:
        return b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 100]), data[i:i + 100])
                        for i in range(0, len(data), 100)) + b"0\r\n\r\n"

    body = page("Harbour", HARBOUR).encode()
    chunked = [("Transfer-Encoding", "chunked")]
    payloads = [
        (chunks(body), chunked),
        (gzip.compress(body), [("Content-Encoding", "gzip")]),
        (chunks(gzip.compress(body)), [*chunked, ("Content-Encoding", "gzip")]),
        (brotli.compress(body), [("Content-Encoding", "br")]),
        (zlib.compress(body), [("Content-Encoding", "deflate")]),
    ]
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number, (payload, codings) in enumerate(payloads):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *codings],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example.org/coded-{number}", "response", payload=io.BytesIO(payload),
            length=len(payload), http_headers=headers))
    return buffer.getvalue()


def sample_warc(compress: bool = True) -> bytes:
    return warc_bytes([
        ("https://news.example.org/harbour", page("Harbour", HARBOUR).encode(), "text/html; charset=utf-8",
         "200 OK"),
        ("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", "200 OK"),
        ("https://news.example.org/gone", b"<html>not here</html>", "text/html", "404 Not Found"),
        ("https://news.example.org/bridge.txt", BRIDGE_CURLY.encode("cp1252"),
         "text/plain; charset=windows-1252", "200 OK"),
    ], compress)


def lengthless_warc() -> bytes:
    """:func:`sample_warc`, uncompressed, with the WARC Content-Length of its second record (the
    HTML response) left out: warcio would read that record to the end of the file."""
    plain = sample_warc(compress=False)
    second = plain.index(b"WARC/1.0\r\n", 1)
    return plain[:second] + plain[second:].replace(b"Content-Length: ", b"X-Length: ", 1)


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valmora Daily</title><link>https://daily.example.org/</link>
<item><title>Harbour to reopen</title><link>https://daily.example.org/harbour</link>
<pubDate>Tue, 03 Mar 2026 09:30:00 +0200</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{HARBOUR}</p><script>document.location='https://evil.example'</script>]]></content:encoded>
</item>
<item><title>Bridge closed</title><link>https://daily.example.org/bridge</link>
<description>&lt;p&gt;{BRIDGE}&lt;/p&gt;</description></item>
<item><title>Empty item</title><link>https://daily.example.org/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Oskel Courier</title>
<entry><title>Lantern festival</title><link href="https://courier.example.org/lanterns"/>
<updated>2026-03-02T20:00:00-05:00</updated>
<content type="html">&lt;p&gt;{FESTIVAL}&lt;/p&gt;</content></entry></feed>"""


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """A tar archive of ``members`` (name → bytes), then symbolic links (name → target)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return buffer.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def arc_bytes(records: list[tuple[str, bytes]], compress: bool = False) -> bytes:
    """An ARC (version 1) file of ``(url, HTTP response)`` records, each gzipped alone when
    ``compress``, as ``.arc.gz`` files are."""
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [b"filedesc://test.arc 0.0.0.0 20120203040506 text/plain %d\n%s\n" % (len(desc), desc)]
    for url, response in records:
        head = b"%s 192.0.2.1 20120203040507 text/html %d\n" % (url.encode(), len(response))
        parts.append(head + response + b"\n")
    return b"".join(gzip.compress(part, mtime=0) if compress else part for part in parts)

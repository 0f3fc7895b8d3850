"""Bytes → text: encoding detection, binary rejection, NFC normalisation."""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from storyline.errors import InputRejected

_TEXT_CONTROL = {9, 10, 12, 13, 27}


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL)
    return controls > max(8, len(head) // 50)


def decode_bytes(data: bytes, max_chars: int = 2_000_000) -> tuple[str, str]:
    """Decode ``data`` to NFC text; returns ``(text, encoding)``.

    Raises :class:`InputRejected` with code ``empty``, ``binary``, ``undecodable`` or ``too_large``.
    """
    if not data.strip():
        raise InputRejected("empty", "the input has no content")
    if len(data) > max_chars * 4:
        raise InputRejected("too_large", f"{len(data)} bytes exceeds the limit")
    if _looks_binary(data):
        raise InputRejected("binary", "the input looks like binary data, not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            raise InputRejected("undecodable", "no text encoding fits the bytes") from None
        encoding = best.encoding
        text = data.decode(encoding, errors="replace")
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if len(text) > max_chars:
        raise InputRejected("too_large", f"{len(text)} characters exceeds {max_chars}")
    return text, encoding


def sniff_media_type(text: str, name: str = "") -> str:
    """``text/html`` when the name or the content says HTML, else ``text/plain``."""
    lowered = name.lower()
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "text/html"
    return "text/plain"

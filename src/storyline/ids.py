"""Stable identifiers: the same content always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, lower case, whitespace collapsed: the form doc ids are computed from."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def digest(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts, joined unambiguously."""
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def doc_id_for(text: str) -> str:
    """The stable document id: a digest of the normalised main text."""
    return "d" + digest(normalise_text(text))

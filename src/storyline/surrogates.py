"""Lone UTF-16 surrogates: JSON may spell one ("\\ud800") and Python holds a file name's
undecodable bytes as them, but no encoding can write one, so no database or export can store
one. Readers repair them in what they read; the store repairs any that still reach it."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the replacement character).
    Looked for with an encode (0.1 ms on a 170 KB page, where a regex search takes 0.6 ms)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text

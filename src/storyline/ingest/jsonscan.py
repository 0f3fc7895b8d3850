"""The scanning under the JSON readers: a value parsed from a file's text read on a chunk at
a time (:func:`parse_value`, within a size limit), and a value passed over without parsing it
(:func:`skip_value`, in linear time and a chunk of memory, whatever its size or nesting).
:mod:`storyline.ingest.jsonrecords` reads records with them, :mod:`storyline.ingest.jsonwrapper`
the members of an object over the limit.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from storyline.errors import InputRejected

CHUNK = 1 << 16
SPACE = " \t\r\n\ufeff"  # a byte-order mark is read past where blanks are
_INT_DIGITS = 4000  # Python refuses to make an int of over 4,300 digits (a ValueError)


def _int(digits: str) -> int | float:
    """A JSON integer: as a float past ``_INT_DIGITS`` digits, which no record field needs."""
    return int(digits) if len(digits) <= _INT_DIGITS else float(digits)


# strict=False: a raw tab or line break inside a string (a scraped body pasted as it was) is
# read as that character, cleaned as the text is, rather than ending the file in bad_json
_DECODER = json.JSONDecoder(parse_int=_int, strict=False)


class Text(Protocol):
    """A file's characters, read on a chunk at a time (``jsonfile._Text``)."""

    text: str
    pos: int
    done: bool
    failure: InputRejected | None

    @property
    def encoding(self) -> str: ...

    def more(self, at_least: int = ...) -> bool: ...

    def skip_space(self) -> str: ...

    def decoded(self, value: Any, start: int) -> tuple[Any, str]: ...


def parse_value(text: Text, limit: int, place: str) -> tuple[Any, int]:
    """The next JSON value at ``text.pos``, which it passes, and where in ``text.text`` it
    starts. Raises ``truncated`` (the file ends in it), ``too_large`` (``text.pos`` left at
    its start), :class:`BrokenValue` where it does not parse and :class:`NestedTooDeep` (both
    ``bad_json``, ``text.pos`` left at its start, for :func:`skip_value` to pass it). Reads
    twice as much each time the value is not whole yet, so a long value costs a few tries,
    not one a chunk."""
    want = CHUNK
    while True:
        try:
            value, end = _DECODER.raw_decode(text.text, text.pos)
        except RecursionError:
            raise NestedTooDeep("bad_json", f"{place} is nested too deep") from None
        except json.JSONDecodeError as exc:
            if text.done and text.failure is not None:
                raise text.failure from None
            if not cut_short(text.text, exc, text.done):
                # a value whose text runs over the limit before its error is too_large, as a
                # value the read-ahead stopped short of the end of: the scan passes both
                _check_size(exc.pos - text.pos, limit, place)
                why = f"{place} does not parse ({exc.msg}, character {exc.pos - text.pos} of it)"
                if _whole_around(text, exc):
                    raise BrokenValue("bad_json", why) from None
                raise InputRejected("bad_json", f"{why}; the rest is not read") from None
            # cut inside a value over the limit: too_large, its cut said after it
            _check_size(len(text.text) - text.pos, limit, place)
            if text.done:
                raise InputRejected("truncated", f"the file ends inside {place}") from None
            text.more(want)
            want = min(want * 2, max(limit, CHUNK))
            continue
        _check_size(end - text.pos, limit, place)
        if end >= len(text.text) and not text.done and isinstance(value, (int, float)):
            text.more()  # a number may go on in the next chunk (capped above: no quadratic reread)
            continue
        start, text.pos = text.pos, end
        return value, start


class NestedTooDeep(InputRejected):
    """A value nested past the parser's stack (``text.pos`` left at its start): the scan of
    :func:`skip_value`, which keeps no stack, can pass it where the reading goes on."""


class BrokenValue(InputRejected):
    """A value that does not parse but whose brackets and strings are whole (``text.pos``
    left at its start): an escape JSON has not (PHP's ``\\'``), a bare word (``undefined``).
    :func:`skip_value` passes it by its brackets and strings, and the reading goes on after it.
    Any other error (a comma or a colon missing, which a quote missing looks like) may leave
    them unbalanced, and the scan would end elsewhere: records lost without a row, or read
    from the middle of another; those stop the reading."""


# Errors this close to the end of what is read may be the read's cut, not the value's fault
# ("tru", "\\u12", "1e" cut short): read on before judging
_NEAR_END = 8


def cut_short(text: str, exc: json.JSONDecodeError, done: bool = True) -> bool:
    """Whether a parse error of ``text`` may be the end of what was read rather than a fault:
    a string left open, an error near the end of the text while more is to be read
    (``done`` False), or, at the file's end, one whose rest is a token cut short ("tru",
    "1e", "\\u12")."""
    end = len(text.rstrip(SPACE))
    if exc.msg.startswith("Unterminated") or exc.pos >= end - (0 if done else _NEAR_END):
        return True
    # at the file's end a token cut short; before it, a word running to the end of what is
    # read, which the next chunk tells a bare word from a string missing its quote
    return _CUT_TOKEN.fullmatch(text, exc.pos, end) is not None


_CUT_TOKEN = re.compile(r'\\?[\w.+\-]*')


def ends_in_a_cut_token(text: Text) -> bool:
    """Whether the file is read to its end and what is left of it at ``text.pos`` is a token
    cut short: the rest of a number ("2." after "2", "e+" after "1"), which the parser read as
    far as it was a number."""
    return text.done and text.failure is None and _CUT_TOKEN.fullmatch(
        text.text, text.pos, len(text.text.rstrip(SPACE))) is not None


# Errors inside a string or a scalar, which leave the brackets and strings around them whole
_WHOLE_ERRORS = ("Invalid \\escape", "Invalid \\uXXXX escape", "Invalid control character")
# a bare word standing for a value: a value's end follows it ("undefined,", "None}"); a word
# followed by more text or a quote is a string whose opening quote is missing, which pairs the
# quotes after it the wrong way
_BARE_WORD = re.compile(r"[A-Za-z_]\w*[ \t\r\n]*[,}\]]")


def _whole_around(text: Text, exc: json.JSONDecodeError) -> bool:
    """Whether a parse error leaves the value's brackets and strings whole (see
    :class:`BrokenValue`): an escape JSON has not, or a bare word where a value belongs."""
    if exc.msg.startswith(_WHOLE_ERRORS):
        return True
    return exc.msg == "Expecting value" and _BARE_WORD.match(text.text, exc.pos) is not None


def _check_size(size: int, limit: int, place: str) -> None:
    if size > limit:
        raise InputRejected("too_large", f"{place} runs over {limit} characters")


# Outside strings, all but brackets, whole strings passed too (possessive: no backtracking);
# inside one, its characters to its closing quote. One match passes a run of them: a Python
# step per quote made 40 MB of '"",' ten seconds to pass over, one per run makes it one.
_RUN = re.compile(r'(?:[^"{}\[\]]++|"(?:[^"\\]++|\\.)*+")*+', re.DOTALL)
_BODY = re.compile(r'(?:[^"\\]++|\\.)*+', re.DOTALL)
_SCALAR = re.compile(r'[^\s,:"{}\[\]]*')


def skip_value(text: Text, depth: int, place: str) -> None:
    """Pass the value at ``text.pos`` and, ``depth`` arrays or objects being open around it,
    their ends too, without parsing it: a scan of strings, their escapes and the brackets,
    a chunk at a time (``text`` drops what was passed), so a 50 MB record costs linear time
    and a chunk of memory. Raises ``truncated`` where the file ends first."""
    first = text.skip_space() if not depth else ""
    if not depth and first not in ('"', "{", "["):
        _skip_scalar(text)
        return
    in_string = first == '"'
    text.pos += in_string
    while True:
        text.pos = (_BODY if in_string else _RUN).match(text.text, text.pos).end()  # type: ignore[union-attr]
        char = text.text[text.pos:text.pos + 1]
        if char and char != "\\":  # (a backslash the chunk ends on waits for its character)
            text.pos += 1
            if char == '"':  # a string's end, or the start of one the chunk cuts
                in_string = not in_string
                if not in_string and not depth:
                    return
                continue
            depth += 1 if char in "{[" else -1
            if not depth:
                return
            continue
        if not text.more():
            raise InputRejected("truncated", f"the file ends inside {place}, which was being "
                                "passed over")


def _skip_scalar(text: Text) -> None:
    """Pass a number, a literal or a stray word at ``text.pos``; a stray "}", "]", ":" or ","
    (which begins no value) alone: passed over, not stood on for ever."""
    start = text.pos
    while True:
        found = _SCALAR.match(text.text, text.pos)
        text.pos = found.end() if found is not None else text.pos
        if text.pos < len(text.text) or not text.more():
            break
    if text.pos == start and text.pos < len(text.text):
        text.pos += 1

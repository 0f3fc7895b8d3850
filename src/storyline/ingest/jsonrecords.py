"""The records of a JSON document's text, read value by value (:mod:`storyline.ingest.jsonfile`
turns its bytes into that text).

Accepts: a top-level array of records, values one after another, or an object wrapping an
array of records (:func:`~storyline.ingest.fields.wrapped_records`).
Produces: one :class:`RawDoc` per record, at ``record N`` (N counts the records from 1, those
of a wrapping object's array counted in turn).
Rejects: ``too_large`` for one record over ``4 × max_doc_chars`` characters, which is passed
over to its end by a scan that holds a chunk at a time (:func:`skip_value`) and the reading goes
on with the next record. A wrapping object over that limit is one such record: whether it wraps
records or is one (a record whose ``comments`` come before its ``text``) is told only by all its
keys, and its records could not be given one by one without holding it whole.
``bad_record``, ``empty`` per record, and ``bad_json`` for one nested past the parser's stack,
passed over by the same scan; then one row for the rest of the file: ``bad_json``,
``truncated``, ``undecodable``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Protocol

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.fields import record_doc, wrapped_records
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item

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
    its start) or ``bad_json``. Reads twice as much each time the value is not whole yet, so
    a long value costs a few tries, not one a chunk."""
    want = CHUNK
    while True:
        try:
            value, end = _DECODER.raw_decode(text.text, text.pos)
        except RecursionError:
            raise NestedTooDeep("bad_json", f"{place} is nested too deep; the rest is not read"
                                ) from None
        except json.JSONDecodeError as exc:
            if text.done and text.failure is not None:
                raise text.failure from None
            if text.done:
                # a value whose text runs over the limit before its error is too_large, as it
                # is where the read-ahead stopped short of its end: the scan then passes it
                _check_size(exc.pos - text.pos, limit, place)
                if exc.pos >= len(text.text.rstrip(SPACE)) or exc.msg.startswith("Unterminated"):
                    # cut inside a value over the limit: too_large, its cut said after it
                    _check_size(len(text.text) - text.pos, limit, place)
                    raise InputRejected("truncated", f"the file ends inside {place}") from None
                raise InputRejected("bad_json", f"{place} does not parse ({exc.msg}, character "
                                    f"{exc.pos - text.pos} of it); the rest is not read") from None
            _check_size(len(text.text) - text.pos, limit, place)
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
    """Pass a number, a literal or a stray word at ``text.pos``."""
    while True:
        found = _SCALAR.match(text.text, text.pos)
        text.pos = found.end() if found is not None else text.pos
        if text.pos < len(text.text) or not text.more():
            return


def read_records(text: Text, inp: Input, ctx: Context) -> Iterator[Item]:
    """The records of the values in ``text`` (see the module docstring)."""
    return _Records(text, inp, ctx).read()


class _Records:
    """The records of ``text``, counted as they are read: ``number`` is the record being read,
    ``whole`` whether it is done with (a row for the rest of the file goes to the next one)."""

    def __init__(self, text: Text, inp: Input, ctx: Context) -> None:
        self.text, self.inp, self.settings = text, inp, ctx.settings
        self.limit = ctx.settings.max_doc_chars * 4
        self.number, self.whole = 0, False

    def read(self) -> Iterator[Item]:
        """The records of an array's, or of the file's values one after another; then, if
        the reading stopped early, one row saying why, at the record it stopped at (the one
        after the last whole record: never a document's own position)."""
        text, in_array = self.text, False
        try:
            first = text.skip_space()
            if not first:
                raise InputRejected("empty", "the file holds no JSON value")
            if first == "[":
                text.pos, in_array = text.pos + 1, True
            while mark := text.skip_space():
                if in_array and mark == "]":
                    text.pos, in_array = text.pos + 1, False
                    continue
                if not self._next(mark, in_array):
                    break  # the file ends after a comma: the array is open
                self.number, self.whole = self.number + 1, False
                yield from self._value_items(in_array)
            if in_array:
                raise InputRejected("truncated", "the file ends inside the array, after "
                                    f"record {self.number}")
            if text.failure is not None:  # the stream was cut (or ends in bad bytes) after a value
                raise text.failure
            if not self.number:
                raise InputRejected("empty", "the JSON holds no record")
        except InputRejected as exc:
            if not self.number:
                raise
            yield quarantine(self.inp.label(f"record {self.number + self.whole}"), exc)

    def _next(self, mark: str, in_array: bool) -> bool:
        """Pass the comma before the next value; False where the file ends after it."""
        number = self.number
        if in_array and number:
            if mark != ",":
                raise InputRejected("bad_json", f"{mark!r} after record {number}, where a "
                                    "comma or the array's end belongs; the rest is not read")
            self.text.pos += 1
            return bool(self.text.skip_space())
        if number and mark == "[":
            raise InputRejected("bad_json", f"an array after record {number}; the rest is not read")
        if number and mark == ",":  # records each followed by a comma: an array's lines, unbracketed
            self.text.pos += 1
            return bool(self.text.skip_space())
        return True

    def _value_items(self, in_array: bool) -> Iterator[Item]:
        """The items of the value at ``text.pos``; one over the limit is a ``too_large`` row
        and passed over, the reading going on after it."""
        text = self.text
        try:
            value, start = parse_value(text, self.limit, f"record {self.number}")
        except NestedTooDeep:
            place = f"record {self.number}"
            self.whole = True
            yield quarantine(self.inp.label(place), InputRejected(
                "bad_json", f"{place} is nested too deep to read; passed over to its end"))
            skip_value(text, 0, place)
            return
        except InputRejected as exc:
            if exc.code != "too_large":
                raise
            yield from self._too_large()
            return
        self.whole = True
        value, encoding = text.decoded(value, start)
        items = _items(value, self.inp, self.number, self.settings, in_array, encoding)
        yield from items
        self.number += len(items) - 1

    def _too_large(self) -> Iterator[Item]:
        """A ``too_large`` row for the record being read, whose value (at ``text.pos``) is
        passed over."""
        place = f"record {self.number}"
        self.whole = True
        yield quarantine(self.inp.label(place), InputRejected(
            "too_large", f"{place} runs over {self.limit} characters; passed over to its end"))
        skip_value(self.text, 0, place)


def _items(value: Any, inp: Input, number: int, settings: Settings, in_array: bool,
           encoding: str) -> list[Item]:
    """The items of the value at record ``number``: a record's; for a top-level object that
    wraps an array of records, one each, numbered on from ``number`` (an object with neither
    a body nor such an array: an ``empty`` row saying so)."""
    part = f"record {number}"
    try:
        records = None if in_array else wrapped_records(value, settings.jsonl_fields)
    except InputRejected as exc:
        return [quarantine(inp.label(part), exc)]
    if records is None:
        return [_item(value, inp, part, settings, encoding)]
    return [_item(record, inp, f"record {number + i}", settings, encoding)
            for i, record in enumerate(records)]


def _item(value: Any, inp: Input, part: str, settings: Settings, encoding: str) -> Item:
    if not isinstance(value, dict):
        return quarantine(inp.label(part), InputRejected(
            "bad_record", f"a record must be an object, not {type(value).__name__}"))
    try:
        return record_doc(value, inp, part, settings, settings.jsonl_fields, encoding)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc)

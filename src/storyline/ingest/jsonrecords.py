"""The records of a JSON document's text, read value by value (:mod:`storyline.ingest.jsonfile`
turns its bytes into that text).

Accepts: a top-level array of records, values one after another, or an object wrapping an
array of records (:func:`~storyline.ingest.fields.wrapped_records`).
Produces: one :class:`RawDoc` per record, at ``record N`` (N counts the records from 1, those
of a wrapping object's array counted in turn).
Rejects: ``too_large`` for one record over ``4 × max_doc_chars`` characters, which is passed
over to its end by a scan that holds a chunk at a time (:func:`skip_value`) and the reading goes
on with the next record; so is one that does not parse but whose brackets and strings are
whole (``bad_json``: an escape JSON has not, PHP's ``\\'``, or a bare word, ``undefined``;
:class:`~storyline.ingest.jsonscan.BrokenValue`). A comma, colon or quote missing stops the
reading with one ``bad_json`` row: a scan by brackets could end inside another record. A
comma after the last record is passed. A top-level object over that limit, or that does not
parse so, is read member by member (:mod:`storyline.ingest.jsonwrapper`): its records when it
wraps them, else one such row, and the reading goes on after it. Words after the values
that begin no object or array stop the reading (``bad_json``).
``bad_record``, ``empty`` per record, and ``bad_json`` for one nested past the parser's stack,
passed over by the same scan; then one row for the rest of the file: ``bad_json``,
``truncated``, ``undecodable``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.fields import record_item, wrapped_records
from storyline.ingest.jsonscan import BrokenValue, NestedTooDeep, Text, parse_value, skip_value
from storyline.ingest.jsonwrapper import CutObject, wrapper_items
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item


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
                if in_array and text.skip_space() == "]":
                    continue  # a comma after the last record, as some writers leave one
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
        """The items of the value at ``text.pos``; one over the limit is a ``too_large`` row,
        one that does not parse a ``bad_json`` row, each passed over, the reading going on
        after it. A top-level object that is either is read member by member
        (:meth:`_wrapper`): its records, when it wraps them, are read all the same."""
        text, place = self.text, f"record {self.number}"
        try:
            value, start = parse_value(text, self.limit, place)
        except InputRejected as exc:
            if exc.code == "truncated" and not in_array and text.text.startswith("{", text.pos):
                # a saved API answer cut short: the records it wraps read before the cut
                yield from self._wrapper(exc)
                return
            if exc.code != "too_large" and not isinstance(exc, (NestedTooDeep, BrokenValue)):
                raise
            if isinstance(exc, BrokenValue) and not in_array \
                    and not text.text.startswith(("{", "["), text.pos):
                # words after the values, no record's: nothing to pass over to
                raise InputRejected("bad_json", f"{exc.reason}; the rest is not read") from None
            row = InputRejected(exc.code, f"{place} runs over {self.limit} characters; passed "
                                "over to its end" if exc.code == "too_large"
                                else f"{exc.reason}; passed over to its end")
            if not in_array and text.text.startswith("{", text.pos):
                yield from self._wrapper(row)
                return
            self.whole = True
            yield quarantine(self.inp.label(place), row)
            skip_value(text, 0, place)
            return
        self.whole = True
        value, encoding = text.decoded(value, start)
        items = _items(value, self.inp, self.number, self.settings, in_array, encoding)
        yield from items
        self.number += len(items) - 1

    def _wrapper(self, row: InputRejected) -> Iterator[Item]:
        """The items of a top-level object (at ``text.pos``) too large or too broken to parse
        whole: its records when it wraps them (:func:`~storyline.ingest.jsonwrapper.wrapper_items`),
        else ``row``."""
        place, first = f"record {self.number}", self.number
        try:
            given = yield from wrapper_items(
                self.text, self.inp, place, lambda n: f"record {first + n}", self.settings, row)
        except CutObject as cut:  # the file ends inside it, after ``given`` of its records
            self.whole, self.number = True, first + cut.given - 1
            raise
        self.whole = True
        self.number += max(given - 1, 0)


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
        return [record_item(value, inp, part, settings, encoding)]
    return [record_item(record, inp, f"record {number + i}", settings, encoding)
            for i, record in enumerate(records)]

"""JSON documents: an array of records (an export, an API's answer saved to a file), one
record, or records one after another, read as a stream.

Accepts: a ``.json`` file (or a nameless input opening with ``[`` and an object) holding a
top-level array of objects, a single object (pretty-printed or not), or several top-level
values one after another (concatenated JSON); each object is a record with the fields of
``Settings.jsonl_fields``, as a JSONL line is. A top-level object with no text or html field
that holds an array of objects under a key (a saved API answer, ``{"status": "ok",
"articles": [...]}``; looked for three levels down, :func:`~storyline.ingest.fields.wrapped_records`)
gives the records of that array. A ``.json`` file whose first line is a whole
object (or any line but an opening one: :func:`json_document`) is JSON Lines, and is read by
:mod:`storyline.ingest.jsonl` (positions ``line N``).
UTF-8 (a byte-order mark skipped), UTF-16 or UTF-32 (JSON's own encodings); another
encoding the first 64 KiB reveal (an export in cp1252).
Produces: one :class:`RawDoc` per object, at position ``record N`` (N counts the records from 1,
in the array or in the file; those of an object's array counted in turn).
Rejects, one quarantine row per record: ``bad_record`` (a value that is not an object, or a
body that is not a string), ``too_large`` (a record over ``4 × max_doc_chars`` characters:
the rest is not read, as no record boundary can be found without parsing it; an object holding
an array of records is parsed whole, so it is one record here), ``empty`` (no body; for a
top-level object, no array of records either: the reason names its keys);
and after the records read, one row for the rest of the file: ``bad_json`` (a record that does
not parse, or bytes after the array; JSON has no line to start again at), ``truncated`` (the
file ends inside the array or inside a record), ``undecodable`` (bytes that are not in the
file's encoding); the whole file with ``empty`` when it holds no value at all.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import detect_encoding, few_letters, high_bytes, wide_encoding
from storyline.ingest.fields import record_doc, wrapped_records
from storyline.ingest.jsonl import read_jsonl
from storyline.ingest.limits import buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item

_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 16
_INT_DIGITS = 4000  # Python refuses to make an int of over 4,300 digits (a ValueError)


def _int(digits: str) -> int | float:
    """A JSON integer: as a float past ``_INT_DIGITS`` digits, which no record field needs."""
    return int(digits) if len(digits) <= _INT_DIGITS else float(digits)


_DECODER = json.JSONDecoder(parse_int=_int)
_SPACE = " \t\r\n\ufeff"  # a byte-order mark is read past where blanks are


# an array of objects (or an empty one, alone): "[{Editor's note}]" and "[] ..." are text
_ARRAY = re.compile(rb'\[\s*(?:\{\s*"|\]\s*$)')
_OBJECT = re.compile(rb'\{\s*(?:"|$)')  # an object opening: its first key, or nothing on the line


def opens_object(head: bytes) -> bool:
    """Whether ``head`` opens a JSON object (``{`` and a key, or ``{`` ending its line), not
    text in braces ("{Editor's note: …")."""
    return _OBJECT.match(head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")[0].strip()) is not None


def json_document(head: bytes) -> bool:
    """Whether input opening with ``head`` is a JSON document rather than JSON Lines: it opens
    an array of objects, or an object its first line leaves open (pretty-printed: the line is
    ``{`` alone, or ends with a comma, ``{`` or ``[``). A first line that is a whole object, or
    one that is not but looks like a line of its own (a JSONL line that does not parse), is
    JSON Lines, whose reader goes on at the next line."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _ARRAY.match(start):
        return True
    first, newline, _ = start.partition(b"\n")
    line = first.strip()
    if not opens_object(line):
        return False
    if newline and (line == b"{" or line.endswith((b",", b"{", b"[", b":"))):
        return True
    return _concatenated(line)


def _concatenated(line: bytes) -> bool:
    """Whether a line holds an object and more after it (``{...}{...}``): concatenated JSON."""
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        return exc.msg == "Extra data"
    except (ValueError, RecursionError):
        return False
    return False


class _Text:
    """The file's characters, decoded a chunk at a time, kept from the value being parsed on."""

    def __init__(self, raw: Any, encoding: str) -> None:
        self._raw, self._encoding = raw, encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self.text = ""
        self.pos = 0  # where parsing stands in ``text``
        self.done = False
        self.read_bytes = 0
        self.failure: InputRejected | None = None  # why the text ends early, once reached

    def _bytes(self, at_least: int) -> bytes:
        """At least ``at_least`` bytes, or what there is to the end, gathered with ``read1`` (what
        the stream has now): a read for them all that met the end of a cut stream (a .json.gz,
        a tar member) would fail and lose what it had gathered. A cut below ends the bytes and
        is kept as ``failure``."""
        gathered = bytearray()  # (one buffer: a stream that gives a byte a read costs no more)
        while len(gathered) < at_least:
            try:
                piece = self._raw.read1(at_least - len(gathered))
            except EOFError as exc:  # the stream under it is cut: the whole records before stay
                self.failure = InputRejected("truncated", f"the file is cut short ({exc})")
                break
            if not piece:
                break
            gathered += piece
        return bytes(gathered)

    def more(self, at_least: int = _CHUNK) -> bool:
        """Read on (``at_least`` bytes, or to the end); False when nothing more came."""
        if self.done:
            if self.failure is not None:
                raise self.failure
            return False
        data = self._bytes(at_least)
        self.read_bytes += len(data)
        self.done = len(data) < at_least
        try:
            added = self._decoder.decode(data, final=self.done)
        except UnicodeDecodeError as exc:
            added = self._bad_bytes(data, exc)
        if self.pos > _CHUNK:  # drop what was parsed already
            self.text, self.pos = self.text[self.pos:], 0
        self.text += added
        return bool(added) or not self.done

    def _bad_bytes(self, data: bytes, exc: UnicodeDecodeError) -> str:
        """What decodes of ``data`` when some of it does not. At the end, bytes that begin a
        character are a cut (``truncated``). In a UTF-8 file, a stray byte among UTF-8 text is
        U+FFFD and the reading goes on in UTF-8; bytes in another encoding (an export in cp1252
        whose first 64 KiB are ASCII: most of its letters past ASCII are no UTF-8) switch the
        rest of the reading to it (cp1252 when its letters are too few to tell). Else the text
        ends before them with ``undecodable``, said when the reading gets there."""
        added = ""
        while True:
            good = max(exc.start - (len(exc.object) - len(data)), 0)
            added += self._decoder.decode(data[:good])
            where = self.read_bytes - len(data) + good
            rest = data[good:]
            if self.done and exc.reason in ("unexpected end of data", "truncated data"):
                self.failure = self.failure or InputRejected(
                    "truncated", f"the file ends inside a character, at byte {where}")
                return added
            if not self._encoding.startswith("utf-8"):
                break
            if _stray(rest):
                bad = max(exc.end - (len(exc.object) - len(data)), good + 1)
                added += "\ufffd"
                data = data[bad:]
                try:
                    return added + self._decoder.decode(data, final=self.done)
                except UnicodeDecodeError as again:
                    exc = again
                    continue
            legacy = "cp1252" if few_letters(rest) else detect_encoding(rest)
            if legacy.startswith("utf"):
                break
            self._encoding, self._decoder = legacy, codecs.getincrementaldecoder(legacy)("replace")
            return added + self._decoder.decode(rest, final=self.done)
        self.done, self.failure = True, InputRejected(
            "undecodable", f"byte {where} is not {self._encoding} ({exc.reason}), the file's "
            "encoding; the rest is not read")
        return added

    def skip_space(self) -> str:
        """The next character that is not blank ("" at the end), parsing left before it."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""


def _stray(rest: bytes) -> bool:
    """Whether bytes that begin with one that is no UTF-8 are UTF-8 text all the same, with a
    stray byte or two: most of their letters past ASCII decode as UTF-8 (in a legacy encoding
    next to none do)."""
    body = rest[: len(rest) - 3] if len(rest) > 3 else rest  # a chunk may end inside a letter
    return body.decode("utf-8", errors="replace").count("\ufffd") * 4 <= high_bytes(body)


def _value(text: _Text, limit: int, place: str) -> Any:
    """The next JSON value at ``text.pos``, which it passes. Raises ``truncated`` (the file
    ends in it), ``too_large`` or ``bad_json``. Reads twice as much each time the value is not
    whole yet, so a long value costs a few tries, not one a chunk."""
    want = _CHUNK
    while True:
        try:
            value, end = _DECODER.raw_decode(text.text, text.pos)
        except RecursionError:
            raise InputRejected("bad_json", f"{place} is nested too deep; the rest is not read") from None
        except json.JSONDecodeError as exc:
            if text.done and text.failure is not None:
                raise text.failure from None
            if text.done:
                if exc.pos >= len(text.text.rstrip(_SPACE)) or exc.msg.startswith("Unterminated"):
                    raise InputRejected("truncated", f"the file ends inside {place}") from None
                raise InputRejected("bad_json", f"{place} does not parse ({exc.msg}, character "
                                    f"{exc.pos - text.pos} of it); the rest is not read") from None
            if len(text.text) - text.pos > limit:
                raise InputRejected("too_large", f"{place} runs over {limit} characters; the "
                                    "rest is not read") from None
            text.more(want)
            want = min(want * 2, limit)
            continue
        if end >= len(text.text) and not text.done and isinstance(value, (int, float)):
            text.more()  # a number may go on in the next chunk
            continue
        if end - text.pos > limit:
            raise InputRejected("too_large", f"{place} runs over {limit} characters; the rest "
                                "is not read")
        text.pos = end
        return value


def read_json(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every record of a JSON document (see the module docstring)."""
    with buffered(inp.open()) as raw:
        head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        wide = wide_encoding(head)
        if not json_document(head.decode(wide, "ignore").encode() if wide else head):
            yield from read_jsonl(replace(inp, open=lambda: raw), ctx)
            return
        # JSON is UTF-8 (or UTF-16/32), but exports are found in cp1252 too: the head decides
        yield from _records(_Text(raw, wide or detect_encoding(head)), inp, ctx)


def _records(text: _Text, inp: Input, ctx: Context) -> Iterator[Item]:
    """The records of the values in ``text``: an array's, or the file's one after another;
    then, if the reading stopped early, one row saying why, at the record it stopped at (the
    one after the last whole record: never a document's own position)."""
    settings, limit = ctx.settings, ctx.settings.max_doc_chars * 4
    number, whole, in_array = 0, False, False
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
            if in_array and number:
                if mark != ",":
                    raise InputRejected("bad_json", f"{mark!r} after record {number}, where a "
                                        "comma or the array's end belongs; the rest is not read")
                text.pos += 1
                if not text.skip_space():
                    break  # the file ends after a comma: the array is open
            elif number and mark == "[":
                raise InputRejected("bad_json", f"an array after record {number}; the rest is "
                                    "not read")
            number, whole = number + 1, False
            value = _value(text, limit, f"record {number}")
            whole = True
            items = _items(value, inp, number, settings, in_array)
            yield from items
            number += len(items) - 1
        if in_array:
            raise InputRejected("truncated", "the file ends inside the array, after "
                                f"record {number}")
        if text.failure is not None:  # the stream was cut (or ends in bad bytes) after a value
            raise text.failure
        if not number:
            raise InputRejected("empty", "the JSON holds no record")
    except InputRejected as exc:
        if not number:
            raise
        yield quarantine(inp.label(f"record {number + whole}"), exc)


def _items(value: Any, inp: Input, number: int, settings: Settings, in_array: bool) -> list[Item]:
    """The items of the value at record ``number``: a record's; for a top-level object that
    wraps an array of records, one each, numbered on from ``number`` (an object with neither
    a body nor such an array: an ``empty`` row saying so)."""
    part = f"record {number}"
    try:
        records = None if in_array else wrapped_records(value, settings.jsonl_fields)
    except InputRejected as exc:
        return [quarantine(inp.label(part), exc)]
    if records is None:
        return [_item(value, inp, part, settings)]
    return [_item(record, inp, f"record {number + i}", settings) for i, record in enumerate(records)]


def _item(value: Any, inp: Input, part: str, settings: Settings) -> Item:
    if not isinstance(value, dict):
        return quarantine(inp.label(part), InputRejected(
            "bad_record", f"a record must be an object, not {type(value).__name__}"))
    try:
        return record_doc(value, inp, part, settings, settings.jsonl_fields)
    except InputRejected as exc:
        return quarantine(inp.label(part), exc)

"""JSON documents: an array of records (an export, an API's answer saved to a file), one
record, or records one after another, read as a stream.

Accepts: a ``.json`` file (or a nameless input opening with ``[`` and an object) holding a
top-level array of objects, a single object (pretty-printed or not), or several top-level
values one after another (concatenated JSON); each object is a record with the fields of
``Settings.jsonl_fields``, as a JSONL line is. A top-level object with no text or html field
that holds an array of objects under a key (a saved API answer, ``{"status": "ok",
"articles": [...]}``; looked for three levels down, :func:`~storyline.ingest.fields.wrapped_records`)
gives the records of that array (:mod:`storyline.ingest.jsonrecords` reads the records of
the text this module decodes). A ``.json`` file whose first line is a whole object (or any
line but an opening one: :func:`json_document`) is JSON Lines, and is read by
:mod:`storyline.ingest.jsonl` (positions ``line N``).
UTF-8 (a byte-order mark skipped), UTF-16 or UTF-32 (JSON's own encodings); another
encoding the first 64 KiB reveal (an export in cp1252), kept for the whole file. A UTF-8
file whose strings are not all UTF-8 (a scraped dump: some strings in cp1252, Word's
apostrophe pasted into UTF-8 text; in the first 64 KiB, their strings told apart at quotes,
or past them) is read as UTF-8, the bytes that are not kept to be decoded with their string,
line by line (:func:`_repaired`): in the encoding of such strings, found from the first
64 KiB or from the 64 KiB where they first appear; a record holding such a string says
``utf-8+<that encoding>``. Only when that encoding is one whose characters hold bytes that
read as ASCII (Shift JIS, GBK, Big5: a backslash), which no reading as UTF-8 parses, is the
file read in it: the rest of it, found past the first 64 KiB; all of it, found in them.
Produces: one :class:`RawDoc` per object, at position ``record N`` (N counts the records from 1,
in the array or in the file; those of an object's array counted in turn).
Rejects, one quarantine row per record: ``bad_record`` (a value that is not an object, or a
body that is not a string), ``too_large`` (a record over ``4 × max_doc_chars`` characters)
and ``bad_json`` (a record nested too deep, or that does not parse but whose brackets and
strings are whole: an escape JSON has not, a bare word), each passed over to its end by a
scan of its strings and brackets, a chunk at a time, and the records after it read;
a top-level object that is either is read member by member and gives its records if it
wraps them (:mod:`storyline.ingest.jsonwrapper`), else one such row; ``empty`` (no body;
for a top-level object, no array of records either: the reason names its keys);
and after the records read, one row for the rest of the file: ``bad_json`` (words after the
values, a value where a comma belongs, a record missing a comma, a colon or a quote; JSON
has no line to start again at), ``truncated`` (the
file ends inside the array or inside a record; inside an object that wraps records, after
those read before the cut), ``undecodable`` (bytes that are not in the
file's encoding); the whole file with ``empty`` when it holds no value at all.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from storyline.errors import InputRejected
from storyline.ingest.decode import detect_line_encoding, legacy_encoding, wide_encoding
from storyline.ingest.jsonl import read_json_lines
from storyline.ingest.jsonrecords import read_records
from storyline.ingest.jsonscan import CHUNK, SPACE
from storyline.ingest.jsonwrapper import wrapper_items
from storyline.ingest.limits import LongLine, buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Context, Input, Item

_HEAD_BYTES = 1 << 16


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
        json.loads(line, strict=False)
    except json.JSONDecodeError as exc:
        return exc.msg == "Extra data"
    except (ValueError, RecursionError):
        return False
    return False


class _Text:
    """The file's characters, decoded a chunk at a time, kept from the value being parsed on.
    Read as UTF-8, bytes that are not UTF-8 are kept as lone surrogates (``escaped``), for
    their string to be decoded (:func:`_repaired`) in ``legacy``."""

    def __init__(self, raw: Any, encoding: str, legacy: str | None = None) -> None:
        self._raw, self._encoding = raw, encoding
        self._escaping = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
        self._decoder = codecs.getincrementaldecoder(encoding)(
            "surrogateescape" if self._escaping else "strict")
        if self._escaping and legacy in _ASCII_TRAIL:
            # read as UTF-8, such strings' 0x5C bytes were escapes and the rest of the file
            # one bad_json row: the whole file is read in their encoding, as past the head
            self._escaping, self._encoding, legacy = False, legacy, None
            self._decoder = codecs.getincrementaldecoder(self._encoding)("replace")
        self.legacy = legacy  # the encoding of the strings that are not UTF-8
        self.escaped = False  # whether such a string was met
        self.text = ""
        self.pos = 0  # where parsing stands in ``text``
        self.done = False
        self.read_bytes = 0
        self.failure: InputRejected | None = None  # why the text ends early, once reached

    @property
    def encoding(self) -> str:
        """The encoding the text is read in now."""
        return self._encoding

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

    def more(self, at_least: int = 0) -> bool:
        """Read on (``at_least`` bytes, a chunk where 0, or to the end); False when nothing
        more came."""
        at_least = at_least or CHUNK
        if self.done:
            if self.failure is not None:
                raise self.failure
            return False
        data = self._bytes(at_least)
        self.read_bytes += len(data)
        self.done = len(data) < at_least
        if self._escaping:
            added = self._escape(data)
        else:
            try:
                added = self._decoder.decode(data, final=self.done)
            except UnicodeDecodeError as exc:
                added = self._bad_bytes(data, exc)
        if self.pos > CHUNK:  # drop what was parsed already
            self.text, self.pos = self.text[self.pos:], 0
        self.text += added
        return bool(added) or not self.done

    def _escape(self, data: bytes) -> str:
        """``data`` read as UTF-8, bytes that are not UTF-8 kept as lone surrogates. Where the
        first 64 KiB told no encoding for such bytes (they were UTF-8 throughout), the first
        met tell it from the bytes that follow them (:func:`_legacy_encoding`); one whose
        characters hold bytes that read as ASCII is read from them on. At the end, bytes that
        begin a character are a cut (``truncated``)."""
        added = self._decoder.decode(data)
        first = -1 if self.escaped else _escape_at(added)
        if first >= 0:
            held = self._decoder.getstate()[0]  # a character the chunk ends inside
            rest = added[first:].encode("utf-8", "surrogateescape") + held
            if self.legacy is None:
                self.legacy = _legacy_encoding(rest)
                if self.legacy in _ASCII_TRAIL:
                    self._escaping, self._encoding = False, self.legacy
                    self._decoder = codecs.getincrementaldecoder(self.legacy)("replace")
                    return added[:first] + self._decoder.decode(rest, final=self.done)
            self.escaped = True
        if self.done and (held := self._decoder.getstate()[0]):
            tail = self._decoder.decode(b"", final=True)
            if _escape_at(tail) < 0:  # a byte-order mark looked for in a short file
                return added + tail
            self.failure = self.failure or InputRejected(
                "truncated", f"the file ends inside a character, at byte {self.read_bytes - len(held)}")
        return added

    def _bad_bytes(self, data: bytes, exc: UnicodeDecodeError) -> str:
        """What decodes of ``data`` when some of it does not, in an encoding other than UTF-8.
        At the end, bytes that begin a character are a cut (``truncated``); else the text
        ends before them with ``undecodable``, said when the reading gets there."""
        good = max(exc.start - (len(exc.object) - len(data)), 0)
        added = self._decoder.decode(data[:good])
        where = self.read_bytes - len(data) + good
        if self.done and exc.reason in ("unexpected end of data", "truncated data"):
            self.failure = self.failure or InputRejected(
                "truncated", f"the file ends inside a character, at byte {where}")
            return added
        self.done, self.failure = True, InputRejected(
            "undecodable", f"byte {where} is not {self._encoding} ({exc.reason}), the file's "
            "encoding; the rest is not read")
        return added

    def skip_space(self) -> str:
        """The next character that is not blank ("" at the end), parsing left before it."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in SPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def decoded(self, value: Any, start: int) -> tuple[Any, str]:
        """``value``, parsed from ``self.text[start:self.pos]``, its strings holding bytes that
        are not UTF-8 repaired (:func:`_repaired_value`), and the encoding it was read in
        (``utf-8+<legacy>`` where any was). Only a value whose own text holds such bytes is
        walked: walking every value after the first such byte made a 50 MB dump 1.4 times as
        slow to read."""
        if not self.escaped or _escape_at(self.text, start, self.pos) < 0:
            return value, self.encoding
        legacy = self.legacy or "cp1252"
        value, changed = _repaired_value(value, legacy)
        return value, f"utf-8+{legacy}" if changed else self.encoding


_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as surrogateescape keeps them


def _escape_at(text: str, start: int = 0, end: int | None = None) -> int:
    """Where in ``text[start:end]`` (counted from ``start``) its first byte that is not UTF-8
    is (kept as a lone surrogate: no other is in a file's decoded text), -1 where none.
    Encoding the text fails there, several times as fast as :data:`_ESCAPED` finds it (its
    search made a large UTF-8 dump a third slower to read)."""
    try:
        text[start:end].encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return -1


# Legacy encodings some of whose characters hold a byte under 0x80 (Shift JIS's "表" is
# 0x95 0x5C, a backslash): read as UTF-8, such a string's bytes would be JSON's quotes and
# escapes. (EUC's bytes are all 0x80 or above; ISO-2022-JP's all ASCII, no UTF-8 error.)
_ASCII_TRAIL = frozenset({"shift_jis", "cp932", "gbk", "cp936", "gb18030", "big5", "big5hkscs",
                          "cp949"})


def _legacy_encoding(rest: bytes) -> str:
    """The encoding of the strings of a UTF-8 file that are not UTF-8, from the bytes from the
    first of them on: told apart at quotes (the last may be cut inside a character), those
    not mostly UTF-8 (:func:`_mostly_utf8`) are the legacy ones, whose encoding is found as
    that of a text's lines in another (:func:`~storyline.ingest.decode.legacy_encoding`: the
    detector's, unless the UTF-8 strings' letters tell another; cp1252 for a few letters, or
    none left). Detected in all of ``rest``, the UTF-8 strings among them made cp1252's
    "crème" cp1250's "crčme"; detected in the legacy strings alone, so did a short French one."""
    strings = rest.split(b'"')
    strings = strings[:-1] or strings
    other = [i for i, string in enumerate(strings)
             if not _mostly_utf8(string.decode("utf-8", "surrogateescape"))]
    return legacy_encoding(strings, other)


_OTHER_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
_PAST_ASCII = re.compile("[^\x00-\x7f\ud800-\udfff]")


def _repaired(text: str, legacy: str) -> str:
    """A string of a file read as UTF-8 with its bytes that are not UTF-8 (kept as lone
    surrogates) decoded, line by line: in a line that is mostly UTF-8 (as many characters
    past ASCII read as UTF-8 as bytes that are not, and one at least: a cp1252 "été" or
    Word's apostrophe pasted into UTF-8 text), each run of them in ``legacy``; a line that is
    not, whole in ``legacy`` (the UTF-8 a line in cp1251 or GBK makes by chance is its own
    letters), unless that makes more U+FFFD than its runs decoded alone (UTF-8 quotes in a
    line in cp1252). Decoded whole, as before, such a line was U+FFFD, or every UTF-8 letter
    of the file mojibake."""
    if _ESCAPED.search(text) is None:
        return text
    text = _OTHER_SURROGATE.sub("\ufffd", text)  # a "\ud800" escape: no byte, no character
    return "\n".join(_repaired_line(line, legacy) for line in text.split("\n"))


def _repaired_line(line: str, legacy: str) -> str:
    if _ESCAPED.search(line) is None:
        return line
    runs = _ESCAPED.sub(lambda run: _unescaped(run.group(), legacy), line)
    if _mostly_utf8(line):
        return runs
    # decoded whole, a UTF-8 character holding a byte ``legacy`` has no letter for is lost
    # (the closing quote's 0x9D in cp1252): then its runs alone are, when that loses less
    whole = _unescaped(line, legacy)
    lost = runs.count("\ufffd") - line.count("\ufffd")
    return runs if whole.count("\ufffd") > lost else whole


def _mostly_utf8(text: str) -> bool:
    """Whether text read as UTF-8, bytes that are not kept as lone surrogates, is UTF-8: all
    of it, or as many characters past ASCII as bytes that are not, and one at least."""
    bad = sum(map(len, _ESCAPED.findall(text)))
    decoded = len(_PAST_ASCII.findall(text))
    return not bad or 0 < decoded >= bad


def _unescaped(text: str, encoding: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode(encoding, "replace")


def _repaired_value(value: Any, legacy: str) -> tuple[Any, bool]:
    """``value`` with its strings, keys too, repaired (:func:`_repaired`), its arrays and
    objects changed in place, and whether any was; walked without recursion (a value may be
    nested as deep as the parser allows)."""
    stack: list[Any] = []
    changed = False

    def repaired(item: Any) -> Any:
        nonlocal changed
        if isinstance(item, str):
            fixed = _repaired(item, legacy)
            changed = changed or fixed is not item
            return fixed
        if isinstance(item, (dict, list)):
            stack.append(item)
        return item

    value = repaired(value)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            item[:] = [repaired(v) for v in item]
        else:
            pairs = [(repaired(k), repaired(v)) for k, v in item.items()]
            item.clear()
            item.update(pairs)
    return value, changed


def read_json(inp: Input, ctx: Context) -> Iterator[Item]:
    """Every record of a JSON document (see the module docstring)."""
    with buffered(inp.open()) as raw:
        head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        wide = wide_encoding(head)
        if not json_document(head.decode(wide, "ignore").encode() if wide else head):
            yield from read_json_lines(replace(inp, open=lambda: raw), ctx)
            return
        yield from read_document(raw, inp, ctx)


def read_document(raw: io.BufferedReader, inp: Input, ctx: Context) -> Iterator[Item]:
    """The records of the JSON document ``raw`` holds (JSON Lines' reader hands over a file
    that opens as one)."""
    head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    wide = wide_encoding(head)
    # JSON is UTF-8 (or UTF-16/32), but exports are found in cp1252 too, and dumps whose
    # strings mix the two: the head decides, its strings told apart at quotes
    encoding, legacy = (wide, None) if wide else detect_line_encoding(head, b'"')
    yield from read_records(_Text(raw, encoding, legacy), inp, ctx)


def read_long_line(line: LongLine | io.BytesIO, inp: Input, part: str, ctx: Context,
                   ends_file: bool = False) -> Iterator[Item]:
    """The items of a line of JSON Lines over the limit (at ``part``, ``line N``), or of the
    last line, cut short by the end of the file (``ends_file``): an object that wraps records
    (a saved API answer on one line) gives them, at ``line N, record M``, read as an object
    over the limit is (:func:`~storyline.ingest.jsonwrapper.wrapper_items`), those before a
    cut too; anything else is one ``too_large`` row (``truncated``), the line passed over."""
    too_large = f"the line exceeds {ctx.settings.max_doc_chars * 4} bytes"
    raw = buffered(line)
    head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    if not opens_object(head):
        yield quarantine(inp.label(part), InputRejected("too_large", too_large))
        return
    text = _Text(raw, *detect_line_encoding(head, b'"'))
    text.skip_space()
    try:
        yield from wrapper_items(text, inp, part, lambda n: f"{part}, record {n + 1}",
                                 ctx.settings, InputRejected("too_large", too_large))
        mark = text.skip_space()
        if mark == ",":  # a value followed by a comma, as an array's lines are
            text.pos += 1
            mark = text.skip_space()
    except InputRejected as exc:
        ends_file = ends_file or isinstance(line, LongLine) and line.ends_file
        if exc.code == "truncated" and text.failure is None and not ends_file:
            # the line, not the file, ends
            exc = InputRejected("bad_json", f"{part} ends inside its object")
        yield quarantine(inp.label(part), exc)
        return
    if mark:
        yield quarantine(inp.label(part), InputRejected(
            "too_large", f"{part} goes on after its object, past the limit; the rest of it is "
                         "not read"))

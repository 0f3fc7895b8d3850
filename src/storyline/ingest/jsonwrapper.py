"""A top-level object too large or too broken to parse whole that may wrap records: a saved
API answer of thousands of articles (``{"status": "ok", "articles": [...]}``, Event
Registry's ``{"articles": {"results": [...]}}``) over the record limit, or one in which one
article does not parse, read member by member.

Whether an object wraps records or is one (a record whose ``comments`` come before its
``text``) is told only by all its keys (:func:`~storyline.ingest.fields.wrapped_records`), so
nothing is given before its end. Meanwhile the elements of its arrays, each parsed alone
(each within the limit), go to a spill file, one line each, and the object is kept as a
*skeleton*: its keys in order; short values as they are; a string over the limit as a
placeholder as long as a body (:data:`LONG`); each array as its first record, or its first
element, standing for all of them (:class:`SpilledArray`); objects down to the wrapper depth
as skeletons, deeper ones over the limit as ``{}``. The skeleton is judged as the whole
object would be; the chosen array's records are then read back from the spill, in order.
Memory: a record, and the skeleton (which grows with the object's members: a million small
members cost what the object parsed whole does); disk: the arrays' text, dropped when the
object is done.

Rejects: an element over the limit, nested past the parser's stack or that does not parse
is a marker in the spill (:func:`spilled`) that becomes that record's row; an element over
the limit that is an object is looked over for its names, so that an array of articles each
over the limit is still taken for the articles. A member name over the limit is passed over
as a name no field has. A member that is not a container and does not parse, its brackets
and strings whole (a bare word, an escape JSON has not), makes the object
:class:`BrokenObject` once it is passed over to its end (its brackets counted, as
:func:`~storyline.ingest.jsonscan.skip_value` does): its records are not given, as an
object that does not parse gives none. A comma, colon or quote missing raises ``bad_json``
and the reading stops (a scan by brackets could end inside another record); a comma after
the last member or element is passed.

A file that ends inside an object (a saved API answer whose download stopped, over the limit
or not) is judged by what was read before the cut, the element cut short left out: when that
much is a wrapper, its records read before the cut are given and :class:`CutObject` raised
after them (``truncated``); else ``truncated`` alone, as before. Judged so, an object whose
own ``text`` comes after the cut and after an array of objects with a text (a record whose
``comments`` come first) gives its comments: their row says the file was cut.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Generator, Iterator
from typing import IO, Any

from storyline.config import RecordFields, Settings
from storyline.errors import InputRejected
from storyline.ingest.fields import WRAPPER_DEPTH, holds_a_body_field, record_item, wrapped_records
from storyline.ingest.jsonscan import (
    BrokenValue,
    NestedTooDeep,
    Text,
    ends_in_a_cut_token,
    parse_value,
    skip_value,
)
from storyline.ingest.quarantine import quarantine
from storyline.ingest.source import Input, Item

__all__ = ["LONG", "BrokenObject", "CutObject", "SpilledArray", "WalkCut", "read_skeleton",
           "spilled", "wrapper_items"]

# A string over the limit, in the skeleton: non-blank and as long as a body is
# (``fields._holds_a_body``), which is what the string it stands for is to the judge
LONG = "\u2026" * 200


class BrokenObject(InputRejected):
    """A syntax error inside an object over the limit, raised once the object is passed over
    to its end: the reading goes on with the value after it."""


class CutObject(InputRejected):
    """The file ends inside an object that wraps records (a saved API answer whose download
    stopped), after ``given`` of them, read before the cut, were given: the row after them."""

    def __init__(self, cut: InputRejected, given: int) -> None:
        super().__init__(cut.code, f"{cut.reason}, the object that wraps the records, after "
                         f"{given} of them")
        self.given = given


class WalkCut(InputRejected):
    """``truncated``: the file ends inside the object walked. ``partial`` is the skeleton (or,
    raised inside the walk, the array) read before the cut; ``within`` the array the cut fell
    in (None when it fell between an object's members)."""

    def __init__(self, code: str, reason: str, partial: Any, within: SpilledArray | None) -> None:
        super().__init__(code, reason)
        self.partial, self.within = partial, within


class SpilledArray(list[Any]):
    """An array of an object over the limit, in its skeleton: its first record (an object
    holding a text or html field), else its first element, stands for its elements, which lie
    in the spill from ``offset`` on, ``size`` of them."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset, self.size, self._sampled = offset, 0, False

    def note(self, value: Any, fields: RecordFields) -> None:
        """Count one element; keep it as the sample when it is the first record."""
        self.size += 1
        if self._sampled:
            return
        if holds_a_body_field(value, fields):
            self[:] = [value]
            self._sampled = True
        elif not self:
            self.append(value)


def spilled(spill: IO[str], array: SpilledArray) -> Iterator[tuple[Any, str] | InputRejected]:
    """The elements of ``array`` read back from the spill: ``(value, encoding)``, or the row's
    reason for one that was not read (``{place}`` in it for the caller to replace by its place)."""
    spill.seek(array.offset)
    for _ in range(array.size):
        entry = json.loads(spill.readline())
        if entry[0] == "!":
            yield InputRejected(entry[1], entry[2])
        else:
            yield entry[1], entry[0]


def wrapper_items(text: Text, inp: Input, place: str, parts: Callable[[int], str],
                  settings: Settings, row: InputRejected) -> Generator[Item, None, int]:
    """The items of the object at ``text.pos`` (at ``place``), which it passes: one per record
    of the array it wraps (the n-th, from 0, at ``parts(n)``); else one row: ``row`` (why it
    was not parsed whole: over the limit, or broken) when it is a record itself, ``empty``
    when it neither is nor wraps one, ``bad_json`` when its members do not parse. Returns how
    many records it gave."""
    fields = settings.jsonl_fields
    # (lone surrogates, bytes that are not UTF-8 and were not repaired, written as they are)
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass",
                                newline="\n") as spill:
        try:
            skeleton, encoding, cut = read_skeleton(text, settings.max_doc_chars * 4, place,
                                                    fields, spill)
        except BrokenObject as exc:
            yield quarantine(inp.label(place), exc)
            return 0
        try:
            records = wrapped_records(skeleton, fields)
        except InputRejected as exc:  # neither a record nor a wrapper: empty
            if cut is not None:
                raise InputRejected(cut.code, cut.reason) from None
            yield quarantine(inp.label(place), exc)
            return 0
        if records is None or cut is not None and not _seen_whole(records, skeleton, cut):
            if cut is not None:
                raise InputRejected(cut.code, cut.reason)
            yield quarantine(inp.label(place), row)
            return 0
        elements = spilled(spill, records) if isinstance(records, SpilledArray) \
            else ((record, encoding) for record in records)
        given = 0
        for given, element in enumerate(elements, start=1):
            part = parts(given - 1)
            if isinstance(element, InputRejected):
                yield quarantine(inp.label(part), InputRejected(
                    element.code, element.reason.replace("{place}", part)))
            else:
                yield record_item(element[0], inp, part, settings, element[1])
        if cut is not None:
            raise CutObject(cut, given)
        return given


def _seen_whole(records: list[Any], skeleton: dict[str, Any], cut: WalkCut) -> bool:
    """Whether ``records`` are taken for the object's, when the file ends inside it: they are
    a member of the object itself (whose first array of records comes first, whatever
    follows), the array the cut fell in, or an array inside the member the cut fell in
    (Event Registry's ``{"articles": {"results": [...], "totalResults": 3}}`` cut in its
    count). A deeper array of a member before the one cut (a search answer's suggestions
    before its articles) is not: an array of the object's own after the cut would win."""
    if records is cut.within or any(value is records for value in skeleton.values()):
        return True
    last = list(skeleton.values())[-1] if skeleton else None
    return isinstance(last, dict) and _holds(last, records)


def _holds(value: dict[str, Any], records: list[Any]) -> bool:
    """Whether ``records`` is an array among ``value``'s members, at any depth of objects."""
    return any(member is records or isinstance(member, dict) and _holds(member, records)
               for member in value.values())


def read_skeleton(text: Text, limit: int, place: str, fields: RecordFields, spill: IO[str]
                  ) -> tuple[dict[str, Any], str, WalkCut | None]:
    """The skeleton of the object at ``text.pos`` (a :class:`~storyline.ingest.jsonscan.Text`),
    which it passes, its arrays' elements written to ``spill``; the encoding its values were
    read in (``utf-8+<legacy>`` where any string needed repair); and, when the file ends
    inside the object, why (``truncated``), the skeleton then holding what was read before
    the cut (the element cut short left out). Raises :class:`BrokenObject`, ``bad_json`` or
    the text's own failure other than a cut."""
    return _Walk(text, limit, place, fields, spill).read()


class _Walk:
    """One object's members, read in turn; ``depth`` counts the brackets open around the
    reading (to pass the rest of the object over at a syntax error)."""

    def __init__(self, text: Text, limit: int, place: str, fields: RecordFields,
                 spill: IO[str]) -> None:
        self.text, self.limit, self.place, self.fields, self.spill = text, limit, place, fields, spill
        self.depth = 0
        self.encoding = text.encoding
        self.shallow = False

    def read(self) -> tuple[dict[str, Any], str, WalkCut | None]:
        try:
            return self._object(1), self.encoding, None
        except WalkCut as cut:  # (a stream's own cut says how it ends; else the file just ends)
            reason = cut.reason if self.text.failure is not None \
                else f"the file ends inside {self.place}"
            return cut.partial, self.encoding, WalkCut(cut.code, reason, cut.partial, cut.within)
        except BrokenValue as exc:  # its brackets and strings whole: passed over by them
            skip_value(self.text, self.depth, self.place)
            why = exc.reason.split(" does not parse ", 1)[-1]
            raise BrokenObject("bad_json", f"{self.place} does not parse: a member's value {why}; "
                               "passed over to its end") from None
        except InputRejected as exc:
            if exc.code != "bad_json" or exc.reason.endswith("the rest is not read"):
                raise
            # a comma, a colon or a name missing: its brackets may not balance (a quote missing
            # looks the same), and a scan by them could end inside another record
            raise InputRejected("bad_json", f"{self.place} does not parse: {exc.reason}; the "
                                "rest is not read") from None

    def _object(self, level: int) -> dict[str, Any]:
        """The skeleton of the object at ``text.pos`` (``level`` 1 at the top), passed."""
        text = self.text
        text.pos += 1
        self.depth += 1
        skeleton: dict[str, Any] = {}
        key = None  # the member being read
        try:
            mark = self._mark()
            while mark != "}":
                if skeleton:
                    self._expect(mark, ",", "between two members")
                    if (mark := self._mark()) == "}":
                        break  # a comma after the last member, as some writers leave one
                if mark != '"':
                    raise InputRejected("bad_json", f"{mark!r} where a member's name belongs")
                key = self._key(len(skeleton))
                self._expect(self._mark(), ":", "after a member's name")
                self._mark()
                skeleton[key] = self._member(level)
                key = None
                mark = self._mark()
        except InputRejected as exc:
            if exc.code != "truncated" or self.shallow:
                raise
            within = exc.within if isinstance(exc, WalkCut) else None
            if isinstance(exc, WalkCut) and key is not None:
                skeleton[key] = exc.partial  # an array or object cut short: what was read of it
            raise WalkCut(exc.code, exc.reason, skeleton, within) from None
        text.pos += 1
        self.depth -= 1
        return skeleton

    def _key(self, number: int) -> str:
        """A member's name; one over the limit, passed over, as a name no field has."""
        try:
            key: str = self._value("a member's name")
        except InputRejected as exc:
            if exc.code != "too_large":
                raise
            skip_value(self.text, 0, self.place)
            return f"\u2026 name {number} over the limit"
        return key

    def _member(self, level: int) -> Any:
        """A member's value in the skeleton: itself when it parses within the limit; else, for
        an array, its stand-in (its elements spilled: read one by one, those over the limit,
        nested too deep or broken cost their own row); for an object within the wrapper depth,
        its skeleton; for anything else, a placeholder of its kind, the value passed over
        (a value that does not parse is the object's fault: ``bad_json``). ``shallow``: only
        the names matter (an element over the limit, looked over for its fields), nothing is
        walked or spilled."""
        text = self.text
        mark = text.text[text.pos]
        broken: BrokenValue | None = None
        try:
            return self._value(self.place)
        except BrokenValue as exc:
            broken = exc
        except NestedTooDeep:
            pass
        except InputRejected as exc:
            if exc.code not in ("too_large", "truncated"):
                raise  # (cut: walked as far as the file goes, or passed over to its end)
        if not self.shallow:
            if mark == "[":
                return self._array()
            if mark == "{" and level < WRAPPER_DEPTH:
                return self._object(level + 1)
            if broken is not None:
                raise broken
        skip_value(text, 0, self.place)
        return LONG if mark == '"' else {} if mark == "{" else [] if mark == "[" else None

    def _array(self) -> SpilledArray:
        """The stand-in of the array at ``text.pos``, passed, its elements spilled."""
        text = self.text
        text.pos += 1
        self.depth += 1
        array = SpilledArray(self.spill.tell())
        try:
            self._elements(array)
        except InputRejected as exc:
            if exc.code != "truncated":
                raise
            raise WalkCut(exc.code, exc.reason, array, array) from None  # the element cut short: out
        text.pos += 1
        self.depth -= 1
        return array

    def _elements(self, array: SpilledArray) -> None:
        """Spill the elements of the array at ``text.pos`` (its "[" passed) up to its "]"."""
        text, spill = self.text, self.spill
        mark = self._mark()
        while mark != "]":
            if array.size:
                self._expect(mark, ",", "between two elements of an array")
                if self._mark() == "]":
                    break  # a comma after the last element
            try:
                value, start = self._parse(self.place)
            except (NestedTooDeep, BrokenValue) as exc:
                # a broken object is looked over for its names: an array of articles each
                # holding PHP's \' is still the array of articles
                self._pass_over(array, "bad_json", exc.reason.replace(self.place, "{place}", 1)
                                + "; passed over to its end", isinstance(exc, BrokenValue))
            except InputRejected as exc:
                if exc.code != "too_large":
                    raise
                self._pass_over(array, "too_large", "{place} runs over "
                                f"{self.limit} characters; passed over to its end", True)
            else:
                value, encoding = text.decoded(value, start)
                try:
                    line = json.dumps([encoding, value], ensure_ascii=False)
                except RecursionError:  # parsed at the parser's limit, one level too deep to write
                    self._spill_row(array, "bad_json", "{place} is nested too deep; passed over "
                                    "to its end")
                else:
                    spill.write(line + "\n")
                    array.note(value, self.fields)
            mark = self._mark()

    def _pass_over(self, array: SpilledArray, code: str, message: str, look: bool) -> None:
        """Pass the element at ``text.pos`` over, a row in the spill for it; ``look``: an
        object is looked over for its names (:meth:`_looked_over`) as it is passed."""
        text = self.text
        sample = self._looked_over() if look and text.text.startswith("{", text.pos) else None
        if sample is None:
            skip_value(text, 0, self.place)
        self._spill_row(array, code, message, sample)

    def _spill_row(self, array: SpilledArray, code: str, message: str,
                   sample: dict[str, Any] | None = None) -> None:
        """A row in the spill for an element not read; ``sample``, the names of an object over
        the limit, stands for it when the array's records are looked for."""
        self.spill.write(json.dumps(["!", code, message], ensure_ascii=False) + "\n")
        array.note(sample, self.fields)

    def _looked_over(self) -> dict[str, Any]:
        """The skeleton of the object over the limit at ``text.pos``, passed, its names alone
        read (an array of articles each over the limit is still the array of articles); empty
        where its members do not parse (the rest of it passed over by its brackets)."""
        depth = self.depth
        self.shallow = True
        try:
            return self._object(WRAPPER_DEPTH)
        except BrokenValue:  # (a member's own fault passes in the shallow walk: this is none)
            skip_value(self.text, self.depth - depth, self.place)
            self.depth = depth
            return {}
        finally:
            self.shallow = False

    def _parse(self, place: str) -> tuple[Any, int]:
        return parse_value(self.text, self.limit, place)

    def _value(self, place: str) -> Any:
        """The value at ``text.pos``, parsed whole (within the limit) and repaired."""
        value, start = self._parse(place)
        value, encoding = self.text.decoded(value, start)
        if encoding != self.text.encoding:
            self.encoding = encoding
        return value

    def _mark(self) -> str:
        """The next character that is not blank; ``truncated`` at the end of the file."""
        mark: str = self.text.skip_space()
        if not mark:
            raise InputRejected("truncated", f"the file ends inside {self.place}")
        return mark

    def _expect(self, mark: str, wanted: str, where: str) -> None:
        if mark != wanted:
            if ends_in_a_cut_token(self.text):  # "2." at the end: a number cut short
                raise InputRejected("truncated", f"the file ends inside {self.place}")
            raise InputRejected("bad_json", f"{mark!r} {where}, where {wanted!r} belongs")
        self.text.pos += 1

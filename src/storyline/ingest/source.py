"""What a reader reads (:class:`Input`) and what it is given (:class:`Context`).

An ``Input`` is one byte stream with a name: a file, an archive member or stdin. Its ``source``
is the URI every record of it keeps; its ``position`` says where inside the source it sits
(``member a.jsonl`` inside a zip), and readers extend it (``member a.jsonl, line 3``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import html_page, repaired_within
from storyline.ingest.limits import ByteBudget, LimitedReader, Readable, buffered
from storyline.records import QuarantineRow, RawDoc

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape_controls(name: str) -> str:
    """``name`` with its control characters shown as ``\\xNN`` escapes: a file's or a member's
    name as sources and positions show it (an ANSI escape would drive the terminal a table of
    them is printed on)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)

Item = RawDoc | QuarantineRow

# Archives inside archives: deeper than this is refused (a nesting bomb, never a real corpus).
MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Input:
    """One named byte stream; ``open`` is called once, by the reader that reads it."""

    source: str
    name: str
    open: Callable[[], io.BufferedReader]
    position: str = ""
    charset: str | None = None  # declared by the transport (an HTTP Content-Type), if any
    # A compressed file's content: offsets a reader gives are into the decompressed bytes
    decompressed: bool = False

    def at(self, part: str) -> str:
        """The position of ``part`` (``line 3``, ``entry 2``) inside this input."""
        return f"{self.position}, {part}" if self.position and part else self.position or part

    def label(self, part: str = "") -> str:
        """``source#position``: how a quarantine row names this input (or a part of it)."""
        where = self.at(part)
        return f"{self.source}#{where}" if where else self.source


Reader = Callable[[Input, "Context"], Iterator[Item]]

# A part of a position other than a member's name (see Input.at and the readers).
_PART = re.compile(r"(?:member |(?:copy|line|lines|record|entry|row|item) \d|(?:warc|tar) offset \d)")


def member_names(position: str) -> list[str]:
    """The names of the archive members a position lies in, outermost first: ``member a.zip,
    member b.jsonl, line 3`` → ``["a.zip", "b.jsonl"]`` (a name holding ``", "`` is kept whole
    unless what follows the comma reads as another part)."""
    names: list[str] = []
    inside = False  # whether the part before was a member's name
    for part in position.split(", ") if position else ():
        if part.startswith("member "):
            names.append(part.removeprefix("member "))
            inside = True
        elif inside and not _PART.match(part):
            names[-1] += ", " + part
        else:
            inside = False
    return names


@dataclass(frozen=True, slots=True)
class Context:
    """What every reader needs: the settings, the byte budget of the top-level input, and the
    dispatcher that reads an archive's members (passed in, so archives need not import the registry).
    """

    settings: Settings
    budget: ByteBudget
    dispatch: Reader
    depth: int = 0

    def nested(self) -> Context:
        """The context for the members of an archive; refuses nesting deeper than ``MAX_DEPTH``."""
        if self.depth >= MAX_DEPTH:
            raise InputRejected("too_deep", f"archives nested more than {MAX_DEPTH} deep")
        return replace(self, depth=self.depth + 1)

    def limited(self, stream: Readable, *owned: Readable, cap: int | None = None) -> io.BufferedReader:
        """``stream`` capped at ``cap`` (``max_member_bytes`` by default) and charged to the
        budget (decompressed data)."""
        limit = self.settings.max_member_bytes if cap is None else cap
        return buffered(LimitedReader(stream, limit, self.budget, owned))


def make_doc(inp: Input, body: object, media_type: str, settings: Settings, part: str = "",
             meta: tuple[tuple[str, str], ...] = (), encoding: str = "utf-8") -> RawDoc:
    """A RawDoc of ``body`` (repaired, NFC; an HTML fragment made a page) at ``part`` of ``inp``.

    Rejects ``bad_record`` (not a string), ``empty`` and ``too_large`` (over ``max_doc_chars``).
    """
    if not isinstance(body, str):
        raise InputRejected("bad_record", f"the body is a {type(body).__name__}, not a string")
    text = repaired_within(body, settings.max_doc_chars, media_type)
    if not text.strip():
        raise InputRejected("empty", "the document has no text")
    if media_type == "text/html":
        text = html_page(text)
    return RawDoc(inp.source, text, media_type, inp.at(part), encoding, meta)

"""The typed records every stage speaks: the project's vocabulary.

Records are frozen, slotted dataclasses: cheap, immutable, picklable and JSON-serialisable
through :func:`to_dict`. Every fact carries a :class:`Span` into the clean text of its
:class:`Document`; offsets are never rewritten by a later stage.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's clean text: the provenance of every fact."""

    doc_id: str
    start: int
    end: int
    sent_index: int
    text: str


# The sources of streams: no place that can be read again, so their documents and rows are
# never replaced by a later reading.
STREAMS = ("<stdin>", "<memory>", "<bytes>")
# Between the values of a record's author fields in ``RawDoc.meta``'s "author", in the order
# they are tried ("Reuters" of "author", then "By Ann Lee" of "byline"): ingest hands them over
# as one value (``storyline.ingest.fields``) and cleaning reads the first that names a person
# (``storyline.clean.authors``). A control character, which no field's text holds once
# ``repair_text`` has removed them.
AUTHOR_ALTERNATIVES = "\x1e"


@dataclass(frozen=True, slots=True)
class RawDoc:
    """An input as received, before cleaning.

    ``text`` is the decoded content; ``media_type`` is ``text/plain`` or ``text/html``.
    ``meta`` holds fields a container format supplied (url, title, date from JSONL).
    ``input`` names the top-level input whose reading gave it (a file, a URL, ``<stdin>``;
    empty when it came from no reading, e.g. the Python API's texts): usually ``source``, but
    a page a feed entry links to has its own URL as ``source`` and the feed as ``input``.
    """

    source: str
    text: str
    media_type: str
    position: str = ""
    encoding: str = "utf-8"
    meta: tuple[tuple[str, str], ...] = ()
    input: str = ""

    def meta_get(self, key: str) -> str | None:
        return dict(self.meta).get(key)

    @property
    def label(self) -> str:
        """``source#position`` (the source alone when it has no position): how the document
        and any quarantine row of it name where it came from."""
        return f"{self.source}#{self.position}" if self.position else self.source


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date and how it was known (explicit, metadata, dateline, inferred).
    ``time``: the time of day the input states with the date, ISO 8601 with its UTC offset
    when a zone is named ("14:32:00+03:00"); None when it states none (see
    :mod:`storyline.clean.pubtime`)."""

    date: str
    how: str
    evidence: str
    confidence: float
    time: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place/date opening of a wire story, e.g. ``MOSCOW, December 28. /TASS/``."""

    place: str
    month: int | None
    day: int | None
    text: str
    year: int | None = None  # when the dateline names it ("PARIS, March 14, 2016 (AFP) -")


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the cleaner removed, and why (kept for audit)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: main text plus metadata and the boilerplate removed from it.
    ``input``: the top-level input it was read from (see :class:`RawDoc`); ``authors``: the
    people the input names as its writers (:mod:`storyline.clean.authors`), in its order."""

    doc_id: str
    source: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    language: str
    published: Published | None
    dateline: Dateline | None
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[Removed, ...] = ()
    media_type: str = "text/plain"
    outlet_id: str | None = None
    input: str = ""
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    """A role an actor held over an interval (ISO dates; empty end = open)."""

    code: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: country (ISO-3), organisation code, or person id."""

    actor_id: str
    name: str
    type: str
    country: str | None
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an actor."""

    mention_id: str
    actor_id: str
    span: Span
    confidence: float
    method: str
    role: str | None = None  # the office the person held when the story was written


@dataclass(frozen=True, slots=True)
class TimeRef:
    expression: str
    value: str | None
    granularity: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place: GeoNames id, ISO-3 country, coordinates and feature class
    (``country``, ``admin``, ``city``, ``continent``). ``place_id`` is None for a name that was
    recognised as a place but is not in the gazetteer."""

    name: str
    place_id: str | None
    country: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span of text that names a place (a toponym), and the place it was resolved to."""

    mention_id: str
    span: Span
    place: Place
    method: str
    confidence: float


@dataclass(frozen=True, slots=True)
class EventArg:
    """One side of an event: the actor and the text naming it."""

    actor_id: str
    country: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: PLOVER type and CAMEO code, who did it to whom, and its evidence."""

    event_id: str
    doc_id: str
    plover_type: str
    cameo_code: str
    mode: str | None
    sources: tuple[EventArg, ...]
    targets: tuple[EventArg, ...]
    status: str
    negated: bool
    confidence: float
    trigger: str
    span: Span
    coder: str
    when: TimeRef | None = None
    where: Place | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, direct (in quotation marks) or indirect."""

    quote_id: str
    doc_id: str
    text: str
    speaker_text: str | None
    speaker_id: str | None
    direct: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: how many of what, qualified how, and who says so."""

    claim_id: str
    doc_id: str
    kind: str
    value: float
    unit: str | None
    qualifier: str | None
    what: str
    claimant: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    """An input or document that a stage could not process, with its reason. ``input`` is the
    top-level input whose reading gave the row (see :class:`RawDoc`; empty when unknown)."""

    source: str
    stage: str
    code: str
    error_class: str
    message: str
    excerpt: str
    input_hash: str
    input: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    stage_versions: dict[str, str] = field(default_factory=dict)
    places: tuple[PlaceMention, ...] = ()


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-serialisable data."""
    return dataclasses.asdict(record)

"""Toponyms: where a document names places — spaCy GPE, LOC and FAC entities, the place of its
dateline, the region after a comma that qualifies a place ("Springfield, Ill.") and a city
the NER took for a person or organisation in a sentence that names its country
("Turkmenistan's capital, Ashgabat").

Needs: the document, its parsed paragraphs ``(offset, first_sentence, Doc)`` and a
:class:`Names` view of the gazetteer. Produces :class:`Toponym` spans in the clean text, in
text order, with the "X, Y" links between them. Rejects: demonyms and other NORP entities
(not places), a leading "the" (not part of the name) and entity parts that are only
punctuation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.records import Document

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISTAKEN_LABELS = frozenset({"PERSON", "ORG"})  # labels the NER gives some cities
_COUNTRY = frozenset({"country"})
_SETTLEMENT = frozenset({"city", "admin"})
_QUALIFIER_WORDS = 3  # longest region name probed after a comma ("New South Wales")
_COMMA = re.compile(r"\s*,\s*")
Paragraphs = Sequence[tuple[int, int, Doc]]


class Names(Protocol):
    """What finding toponyms asks of the gazetteer."""

    def is_region(self, text: str) -> bool:
        """True when the name denotes a country or a first-level division."""
        ...

    def countries(self, text: str, kinds: frozenset[str]) -> set[str]:
        """ISO-3 codes of the places of these feature classes the name denotes."""
        ...


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name at ``start:end`` of the clean text. ``qualifier`` is the index (in the
    document's toponym list) of the name right after "X, " that may say where X is."""

    start: int
    end: int
    sent_index: int
    text: str
    qualifier: int | None = None
    dateline: bool = False


def find_toponyms(document: Document, paragraphs: Paragraphs, names: Names) -> list[Toponym]:
    """Every toponym of the document in text order."""
    found = {(t.start, t.end): t for t in dateline_toponyms(document, paragraphs)}
    for offset, first, doc in paragraphs:
        for toponym in _paragraph_toponyms(doc, offset, first, names):
            found.setdefault((toponym.start, toponym.end), toponym)
    return link_qualifiers(document.text, sorted(found.values(), key=lambda t: t.start))


def link_qualifiers(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """Each toponym followed by ", " and another toponym in the same sentence gets that one as
    its qualifier ("Paris, Texas"; whether it really is a region is the resolver's call)."""
    linked = list(toponyms)
    for i, (here, after) in enumerate(zip(toponyms, toponyms[1:], strict=False)):
        if here.sent_index == after.sent_index and _COMMA.fullmatch(text[here.end : after.start]):
            linked[i] = replace(here, qualifier=i + 1)
    return linked


def _paragraph_toponyms(doc: Doc, offset: int, first: int, names: Names) -> list[Toponym]:
    sent_starts = [s.start for s in doc.sents]
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            parts = entity_parts(ent)
            spans += parts
            if parts and (region := _region_after(parts[-1], taken, names)) is not None:
                spans.append(region)
    spans += mistaken_cities(doc, spans, names)
    return [Toponym(offset + s.start_char, offset + s.end_char,
                    first + _sent_index(sent_starts, s.start), s.text) for s in spans]


def mistaken_cities(doc: Doc, places: list[SpacySpan], names: Names) -> list[SpacySpan]:
    """PERSON and ORG entities that are the name of a city or division of a country the same
    sentence names as a place: the NER's mistake in "Turkmenistan's capital, Ashgabat"."""
    named: dict[int, set[str]] = {}
    for span in places:
        named.setdefault(span.sent.start, set()).update(names.countries(span.text, _COUNTRY))
    found = []
    for ent in doc.ents:
        countries = named.get(ent.sent.start)
        if ent.label_ in MISTAKEN_LABELS and countries:
            name = _trim(ent)
            if len(name) and names.countries(name.text, _SETTLEMENT) & countries:
                found.append(name)
    return found


def entity_parts(ent: SpacySpan) -> list[SpacySpan]:
    """The names in an entity: split at commas ("Springfield, Illinois" is two places), each
    without a leading determiner or outer punctuation."""
    parts, start = [], ent.start
    for token in ent:
        if token.text == ",":
            parts.append(ent.doc[start : token.i])
            start = token.i + 1
    parts.append(ent.doc[start : ent.end])
    return [p for p in map(_trim, parts) if len(p)]


def _trim(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ == "the" or span.doc[start].is_punct):
        start += 1
    while end > start and span.doc[end - 1].is_punct and span.doc[end - 1].text != ".":
        end -= 1
    return span.doc[start:end]


def _region_after(span: SpacySpan, taken: set[int], names: Names) -> SpacySpan | None:
    """The country or state named right after "<span>, " when the NER left it untagged."""
    doc, comma = span.doc, span.end
    if comma + 1 >= len(doc) or doc[comma].text != "," or comma + 1 in taken:
        return None
    limit = min(len(doc), comma + 1 + _QUALIFIER_WORDS, span.sent.end)
    for end in range(limit, comma + 1, -1):
        candidate = doc[comma + 1 : end]
        if candidate[0].is_title or candidate[0].is_upper:
            if not taken.intersection(range(candidate.start, candidate.end)) \
                    and names.is_region(candidate.text):
                return candidate
    return None


def dateline_toponyms(document: Document, paragraphs: Paragraphs) -> list[Toponym]:
    """The place of the dateline ("ANKARA, May 2 (Reuters) -"), each comma-separated part a
    toponym. The dateline is not parsed; its sentence index is that of the first sentence of
    the paragraph it opens."""
    dateline = document.dateline
    if dateline is None or not dateline.place:
        return []
    start = next((s for s, _ in document.paragraphs
                  if document.text.startswith(dateline.text, s)), None)
    if start is None:
        return []
    sent_index = next((first for offset, first, _ in paragraphs if offset >= start), 0)
    found, at = [], 0
    lower = dateline.text.lower()
    for part in (p.strip() for p in dateline.place.split(",")):
        at = lower.find(part.lower(), at) if part else -1
        if at < 0:
            break
        found.append(Toponym(start + at, start + at + len(part), sent_index,
                             document.text[start + at : start + at + len(part)], dateline=True))
        at += len(part)
    return found


def _sent_index(sent_starts: list[int], token_i: int) -> int:
    """Index of the sentence holding token ``token_i`` (``sent_starts`` ascending)."""
    return max(0, bisect_right(sent_starts, token_i) - 1)

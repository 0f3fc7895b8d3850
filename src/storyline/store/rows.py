"""Records → table rows (tuples in the column order of :mod:`storyline.store.schema`)."""

from __future__ import annotations

import json
from typing import Any

from storyline.ids import digest
from storyline.records import (
    Actor,
    Claim,
    Document,
    Event,
    Mention,
    PlaceMention,
    QuarantineRow,
    Quote,
    Sentence,
)

Row = tuple[Any, ...]


def document_row(d: Document, versions: dict[str, str]) -> Row:
    pub = d.published
    return (
        d.doc_id, d.source, d.title, d.outlet, d.url, d.language,
        pub.date if pub else None, pub.how if pub else None, pub.evidence if pub else None,
        pub.confidence if pub else None,
        d.dateline.place if d.dateline else None, d.dateline.text if d.dateline else None,
        d.media_type, d.text,
        json.dumps([{"text": r.text, "reason": r.reason} for r in d.removed]),
        json.dumps(versions, sort_keys=True), d.outlet_id, pub.time if pub else None,
        authors_value(d.authors),
    )


def reading_values(d: Document) -> Row:
    """A document's reading metadata, in the order of ``document_sources``' columns after
    ``input`` (``published_time`` and ``authors`` last, as schemas 8 and 9 added them)."""
    pub = d.published
    return (d.title, d.outlet, d.outlet_id, d.url, pub.date if pub else None,
            pub.how if pub else None, pub.evidence if pub else None,
            pub.confidence if pub else None, pub.time if pub else None,
            authors_value(d.authors))


AUTHORS_JOIN = "; "


def authors_value(authors: tuple[str, ...]) -> str | None:
    """A document's authors as the ``authors`` column holds them: joined by "; ", NULL for none
    (a name never holds a semicolon: :mod:`storyline.clean.authors` splits at one)."""
    return AUTHORS_JOIN.join(authors) or None


def sentence_row(s: Sentence) -> Row:
    return (s.doc_id, s.index, s.start, s.end, s.text)


def actor_row(a: Actor) -> Row:
    roles = [{"code": r.code, "start": r.start, "end": r.end} for r in a.roles]
    return (a.actor_id, a.name, a.type, a.country, json.dumps(roles))


def mention_row(m: Mention) -> Row:
    s = m.span
    return (m.mention_id, s.doc_id, m.actor_id, s.start, s.end, s.sent_index, s.text,
            m.confidence, m.method, m.role)


def event_row(e: Event) -> Row:
    s = e.span
    return (
        e.event_id, e.doc_id, e.plover_type, e.cameo_code, e.mode,
        [a.actor_id for a in e.sources], [a.country or "" for a in e.sources],
        [a.text for a in e.sources],
        [a.actor_id for a in e.targets], [a.country or "" for a in e.targets],
        [a.text for a in e.targets],
        e.status, e.negated, e.confidence, e.trigger, s.start, s.end, s.sent_index, s.text,
        e.coder, e.when.expression if e.when else None, e.when.value if e.when else None,
        e.when.granularity if e.when else None,
    )


def quote_row(q: Quote) -> Row:
    s = q.span
    return (q.quote_id, q.doc_id, q.text, q.speaker_text, q.speaker_id, q.direct, s.start, s.end,
            s.sent_index)


def claim_row(c: Claim) -> Row:
    s = c.span
    return (c.claim_id, c.doc_id, c.kind, c.value, c.unit, c.qualifier, c.what, c.claimant,
            s.start, s.end, s.sent_index, s.text)


def place_row(p: PlaceMention) -> Row:
    s, place = p.span, p.place
    return (p.mention_id, s.doc_id, s.start, s.end, s.sent_index, s.text, place.place_id,
            place.name, place.country, place.lat, place.lon, place.feature_class, p.method,
            p.confidence)


def quarantine_row(q: QuarantineRow) -> Row:
    qid = "x" + digest(q.source, q.stage, q.code, q.input_hash)
    return (qid, q.source, q.stage, q.code, q.error_class, q.message, q.excerpt, q.input_hash,
            q.input or None)

"""Extract: from an annotated document to its :class:`Facts` — actor mentions, place mentions,
events, quotes and numeric claims, every one tied to a Span of the clean text.

Entry point: :class:`Extractor`, built once (it holds the actor KB, the gazetteer and lexicons).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from storyline.actors import VERSION as ACTORS_VERSION
from storyline.actors import ActorResolver, load_kb
from storyline.actors.roles import assign_roles
from storyline.claims import VERSION as CLAIMS_VERSION
from storyline.claims import ClaimExtractor
from storyline.events import VERSION as EVENTS_VERSION
from storyline.events import EventCoder
from storyline.nlp import AnnotatedDoc
from storyline.places import VERSION as PLACES_VERSION
from storyline.places import PlaceResolver
from storyline.quotes import VERSION as QUOTES_VERSION
from storyline.quotes import QuoteExtractor
from storyline.records import Facts, Mention
from storyline.time import VERSION as TIME_VERSION


class Extractor:
    """Runs every fact extractor over one annotated document."""

    def __init__(self) -> None:
        self.resolver = ActorResolver(load_kb())
        self.coder = EventCoder()
        self.quotes = QuoteExtractor()
        self.claims = ClaimExtractor()
        self.places = PlaceResolver()

    @staticmethod
    def versions() -> dict[str, str]:
        """The version name of every extractor, stored with the rows it made."""
        return {
            "actors": ACTORS_VERSION,
            "events": EVENTS_VERSION,
            "quotes": QUOTES_VERSION,
            "claims": CLAIMS_VERSION,
            "time": TIME_VERSION,
            "places": PLACES_VERSION,
        }

    def extract(self, annotated: AnnotatedDoc) -> Facts:
        document = annotated.document
        doc_id, text = document.doc_id, document.text
        paragraphs = [(p.offset, p.first_sentence, p.doc) for p in annotated.paragraphs]
        mentions, found = self.resolver.resolve_document(doc_id, paragraphs, text)
        anchor = document.published.date if document.published else None
        mentions = assign_roles(mentions, found, text, _day(anchor))
        by_paragraph: dict[int, list[Mention]] = {}
        starts = [p.offset for p in annotated.paragraphs]
        for mention in mentions:
            at = starts[bisect_right(starts, mention.span.start) - 1]
            by_paragraph.setdefault(at, []).append(mention)
        event_list = []
        for offset, first, doc in paragraphs:
            local = by_paragraph.get(offset, [])
            event_list += self.coder.code_paragraph(doc_id, doc, offset, first, text, local, found,
                                                    anchor)
        return Facts(
            document=document,
            sentences=annotated.sentences,
            actors=tuple(found.values()),
            mentions=tuple(mentions),
            events=tuple(event_list),
            quotes=tuple(self.quotes.extract(doc_id, paragraphs, text, mentions, found)),
            claims=tuple(self.claims.extract(doc_id, paragraphs, text, mentions, found)),
            stage_versions=self.versions(),
            places=tuple(self.places.resolve_document(document, paragraphs)),
        )


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


__all__ = ["Extractor"]

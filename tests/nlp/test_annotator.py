from __future__ import annotations

from storyline.clean import clean
from storyline.config import Settings
from storyline.nlp import MAX_PIECE, parse_ranges
from storyline.records import Document, RawDoc

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


def _document(text: str) -> Document:
    return Document("d", "t.txt", text, None, None, None, "en", None, None,
                    ((0, len(text)),))


def test_runs_that_are_no_words_are_left_out_of_the_parse() -> None:
    # spaCy's tokenizer takes quadratic time on a run of punctuation: left in, a page repeating
    # "&amp;" ran for minutes. URLs and ordinary long words stay in.
    url = "https://example.org/" + "a1b2c3d4/" * 30
    text = f"Talks resumed. {'&' * 5000} They ended {'()' * 300} late. See {url} for more."
    pieces = [text[s:e] for s, e in parse_ranges(_document(text))]
    assert pieces == ["Talks resumed.", "They ended", f"late. See {url} for more."]


def test_a_paragraph_longer_than_a_piece_is_parsed_in_pieces() -> None:
    text = "The ministers met again in the capital on Monday. " * 3000  # 153,000 characters
    ranges = parse_ranges(_document(text))
    assert len(ranges) >= len(text) // MAX_PIECE and all(e - s <= MAX_PIECE for s, e in ranges)
    assert all(text[s] != " " and text[e - 1] != " " for s, e in ranges)
    assert " ".join(text[s:e] for s, e in ranges) == text.strip()  # cut at spaces, in order
    assert all(text[s:e].endswith("Monday.") for s, e in ranges[:-1])  # near a sentence's end


def test_an_ordinary_paragraph_is_parsed_as_it_is() -> None:
    text = "The ministers met on Monday.  "
    assert parse_ranges(_document(text)) == [(0, len(text))]

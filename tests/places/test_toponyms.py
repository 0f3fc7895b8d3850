"""Toponyms: place entities of hand-built spaCy Docs (no model), the dateline, "X, Y" links."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.places.toponyms import Toponym, dateline_toponyms, find_toponyms, link_qualifiers
from storyline.records import Dateline, Document

VOCAB = spacy.blank("en").vocab


class FakeNames:
    """A gazetteer view: Vandalia is a country, Port Elwin its city, "Vand." a state."""

    def __init__(self, regions: tuple[str, ...] = ()) -> None:
        self.regions = regions

    def is_region(self, text: str) -> bool:
        return text in self.regions

    def countries(self, text: str, kinds: frozenset[str]) -> set[str]:
        kind = {"Vandalia": "country", "Port Elwin": "city"}.get(text)
        return {"VAN"} if kind in kinds else set()


def _doc(words: list[str], ents: list[str], spaces: list[bool] | None = None) -> Doc:
    """A one-sentence Doc with IOB entity tags (``B-GPE``, ``I-GPE``, ``O``)."""
    spaces = spaces if spaces is not None else [True] * len(words)
    return Doc(VOCAB, words=words, spaces=spaces, ents=ents,
               sent_starts=[True] + [False] * (len(words) - 1))


def _document(text: str, dateline: Dateline | None = None) -> Document:
    return Document("d1", "t", text, None, None, None, "en", None, dateline, ((0, len(text)),))


def _find(doc: Doc, regions: tuple[str, ...] = ()) -> list[Toponym]:
    return find_toponyms(_document(doc.text), [(0, 0, doc)], FakeNames(regions))


def test_toponyms_split_comma_entities_and_link_the_qualifier() -> None:
    doc = _doc(["Fair", "in", "Port", "Elwin", ",", "Vandalia", "opens", "."],
               ["O", "O", "B-GPE", "I-GPE", "I-GPE", "I-GPE", "O", "O"],
               [True, True, True, False, True, True, False, False])
    first, second = _find(doc)
    assert (first.text, second.text) == ("Port Elwin", "Vandalia")
    assert first.qualifier == 1 and second.qualifier is None
    assert doc.text[first.start:first.end] == "Port Elwin"


def test_toponyms_drop_a_leading_the() -> None:
    doc = _doc(["Rain", "hit", "the", "Elwin", "Valley", "."], ["O", "O", "B-LOC", "I-LOC",
                                                                 "I-LOC", "O"],
               [True, True, True, True, False, False])
    (toponym,) = _find(doc)
    assert toponym.text == "Elwin Valley"


def test_toponyms_leave_out_demonyms_and_organisations() -> None:
    doc = _doc(["Vandalian", "envoys", "left", "Elwin", "Bank", "."],
               ["B-NORP", "O", "O", "B-ORG", "I-ORG", "O"], [True, True, True, True, False, False])
    assert _find(doc) == []


def test_toponyms_take_a_region_after_a_comma_the_ner_missed() -> None:
    doc = _doc(["Storm", "in", "Port", "Elwin", ",", "Vand", ".", "today"],
               ["O", "O", "B-GPE", "I-GPE", "O", "O", "O", "O"],
               [True, True, True, False, True, False, True, False])
    toponyms = _find(doc, regions=("Vand.",))
    assert [t.text for t in toponyms] == ["Port Elwin", "Vand."]
    assert toponyms[0].qualifier == 1
    assert [t.text for t in _find(doc)] == ["Port Elwin"]


def test_toponyms_take_a_city_mistaken_for_a_person_beside_its_country() -> None:
    words = ["Vandalia", "'s", "capital", ",", "Port", "Elwin", ",", "hosts", "Ann", "Lee"]
    spaces = [False, True, False, True, True, False, True, True, True, False]
    doc = _doc(words, ["B-GPE", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON",
                       "I-PERSON"], spaces)
    assert [t.text for t in _find(doc)] == ["Vandalia", "Port Elwin"]
    alone = _doc(words[4:], ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON"],
                 spaces[4:])
    assert _find(alone) == []


def test_link_qualifiers_needs_a_comma_and_the_same_sentence() -> None:
    text = "Port Elwin, Vandalia and Lakeside. Hillview"
    toponyms = [Toponym(0, 10, 0, "Port Elwin"), Toponym(12, 20, 0, "Vandalia"),
                Toponym(25, 33, 0, "Lakeside"), Toponym(35, 43, 1, "Hillview")]
    linked = link_qualifiers(text, toponyms)
    assert [t.qualifier for t in linked] == [1, None, None, None]


def test_dateline_place_is_a_toponym() -> None:
    text = "PORT ELWIN, May 2 (Wire) - Talks began.\n\nThey ended."
    dateline = Dateline("Port Elwin", 5, 2, "PORT ELWIN, May 2 (Wire) -")
    document = _document(text, dateline)
    (toponym,) = dateline_toponyms(document, [(27, 0, _doc(["Talks"], ["O"]))])
    assert text[toponym.start:toponym.end] == "PORT ELWIN"
    assert toponym.dateline and toponym.sent_index == 0


def test_no_dateline_no_dateline_toponym() -> None:
    assert dateline_toponyms(_document("Talks began."), []) == []

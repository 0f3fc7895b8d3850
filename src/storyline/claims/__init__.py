"""Claims: numeric statements — casualty tolls and money — with qualifier and claimant.

Entry point: :class:`ClaimExtractor` (``claims.rules.v1``). A casualty claim is a number whose
noun ("people", "civilians") is the subject or object of a casualty word (killed, died, dead,
injured, displaced) in the same sentence. The claimant comes from ``according to X`` or the
subject of a speech verb governing the sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.ids import digest
from storyline.records import Actor, Claim, Mention, Span

VERSION = "claims.rules.v1"
_CASUALTY = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "slay": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured",
    "displace": "displaced", "flee": "displaced", "evacuate": "displaced",
    "arrest": "arrested", "detain": "arrested",
}
_QUALIFIERS = (
    "more than", "at least", "over", "nearly", "almost", "about", "around", "up to",
    "some", "fewer than", "less than", "as many as", "roughly", "approximately",
)
_WORD_NUMBERS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}


def parse_number(text: str) -> float | None:
    """'40,000' → 40000; 'three' → 3; '2 billion' → 2e9; otherwise None."""
    words = re.sub(r"[^\w.]+", " ", text.lower().replace(",", "")).split()
    value: float | None = None
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            value = float(word)
        elif word in _WORD_NUMBERS:
            value = float(_WORD_NUMBERS[word])
        elif word in _SCALE and value is not None:
            value *= _SCALE[word]
    return value


class ClaimExtractor:
    """Finds casualty and money claims in the paragraphs of one document."""

    def extract(self, doc_id: str, paragraphs: list[tuple[int, int, Doc]], text: str,
                mentions: list[Mention], actors: dict[str, Actor]) -> list[Claim]:
        claims: list[Claim] = []
        for offset, first, doc in paragraphs:
            for s_i, sent in enumerate(doc.sents):
                claims += self._sentence(doc_id, sent, offset, first + s_i, text, mentions, actors)
        return claims

    def _sentence(self, doc_id: str, sent: SpacySpan, offset: int, sent_index: int, text: str,
                  mentions: list[Mention], actors: dict[str, Actor]) -> list[Claim]:
        start, end = offset + sent.start_char, offset + sent.end_char
        span = Span(doc_id, start, end, sent_index, text[start:end])
        claimant = _claimant(sent)
        claims = []
        for token in sent:
            if not token.like_num or token.head.like_num:
                continue
            kind = _casualty_kind(token)
            if kind is None:
                continue
            number = _number_text(token)
            value = parse_number(number)
            if value is None:
                continue
            noun = token.head if token.head.pos_ in ("NOUN", "PROPN") else token
            what = " ".join(t.text for t in noun.subtree if t.i >= token.i and t.dep_ != "punct"
                            and t.i <= noun.i + 3 and not t.like_num)
            claims.append(Claim("c" + digest(doc_id, offset + token.idx, kind), doc_id, kind,
                                value, None, _qualifier(token), what or "people", claimant, span))
        for ent in sent.ents:
            if ent.label_ == "MONEY":
                value = parse_number(ent.text)
                unit = next((u for sym, u in _CURRENCY.items() if sym in ent.text.lower()), None)
                if value is not None:
                    claims.append(Claim("c" + digest(doc_id, offset + ent.start_char, "money"),
                                        doc_id, "money", value, unit, _qualifier(ent[0]),
                                        "money", claimant, span))
        return claims


def _number_text(token: Token) -> str:
    """The number with a following scale word ('2 billion')."""
    words = [token.text]
    if token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _SCALE:
        words.append(token.nbor(1).text)
    return " ".join(words)


def _casualty_kind(number: Token) -> str | None:
    """The casualty kind when the number counts the victims of a casualty word."""
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod", "compound") else number
    for candidate in (noun.head, noun.head.head, noun):
        kind = _CASUALTY.get(candidate.lemma_.lower())
        if kind and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "npadvmod",
                                  "ROOT", "appos"):
            return kind
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.lemma_.lower() in _CASUALTY:
            return _CASUALTY[child.lemma_.lower()]
    return None


def _qualifier(token: Token) -> str | None:
    before = token.doc[max(0, token.i - 3) : token.i].text.lower()
    for qualifier in _QUALIFIERS:
        if before.endswith(qualifier):
            return qualifier
    return None


def _claimant(sent: SpacySpan) -> str | None:
    for token in sent:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                return _name(objects[0])
        if token.lemma_ in ("say", "report", "claim") and token.dep_ == "ROOT":
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects:
                return _name(subjects[0])
    return None


def _name(head: Token) -> str:
    """The claimant as written (the phrase headed by ``head``, without trailing punctuation)."""
    words = [t for t in head.subtree if not t.is_punct]
    return " ".join(t.text for t in words)


__all__ = ["VERSION", "ClaimExtractor", "parse_number"]

"""Quotes: direct quotations (in quotation marks) and indirect speech, with their speakers.

Entry point: :class:`QuoteExtractor` (``quotes.rules.v1``). The speaker of a quotation is the
subject of the speech verb nearest to it in the paragraph (``he`` → the last person mentioned
before it); a paragraph that is only a quotation continues the previous speaker. Indirect speech
is the clausal complement of a speech verb whose subject is an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.ids import digest
from storyline.records import Actor, Mention, Quote, Span

VERSION = "quotes.rules.v2"
SPEECH_VERBS = {
    "say", "tell", "add", "stress", "note", "explain", "insist", "state", "confirm", "quote",
    "declare", "announce", "warn", "write", "reiterate", "argue", "claim", "emphasize",
    "emphasise", "underline", "remark", "comment", "ask", "answer", "reply", "admit",
}
_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)(?:[\"”]|$)", re.MULTILINE)
_PRONOUNS = {"he", "she", "him", "her"}
_ROLE_NOUNS = {
    "leader", "president", "minister", "diplomat", "spokesman", "spokeswoman", "envoy",
    "premier", "counterpart", "chief", "head", "secretary", "ambassador", "official",
}


@dataclass(slots=True)
class _Speaker:
    text: str | None
    actor_id: str | None


class QuoteExtractor:
    """Finds quotations and their speakers in the paragraphs of one document."""

    def extract(
        self, doc_id: str, paragraphs: list[tuple[int, int, Doc]], text: str,
        mentions: list[Mention], actors: dict[str, Actor],
    ) -> list[Quote]:
        persons = sorted(
            (m for m in mentions if (a := actors.get(m.actor_id)) and a.type == "person"),
            key=lambda m: m.span.start,
        )
        outside = _outside_quotes(paragraphs, persons)
        quotes: list[Quote] = []
        previous: _Speaker | None = None
        for offset, first, doc in paragraphs:
            ctx = _Context(mentions, outside, persons, quotes, actors)
            found = self._direct(doc_id, doc, offset, first, text, ctx, previous)
            found += self._indirect(doc_id, doc, offset, first, text, ctx)
            if found:
                direct = [q for q in found if q.direct]
                previous = _Speaker(direct[-1].speaker_text, direct[-1].speaker_id) if direct \
                    else previous
            else:
                previous = None
            quotes.extend(found)
        return quotes

    def _direct(self, doc_id: str, doc: Doc, offset: int, first: int, text: str,
                ctx: _Context, previous: _Speaker | None) -> list[Quote]:
        quotes = []
        para = doc.text
        for match in _QUOTE.finditer(para):
            body = match.group(1).strip(" ,")
            if len(body.split()) < 2:
                continue
            start = offset + match.start(1)
            verb = _nearest_speech_verb(doc, match.start(), match.end())
            if verb is not None:
                speaker = _speaker_of(verb, offset, ctx)
            elif match.start() <= 1 and previous is not None:
                speaker = previous
            else:
                speaker = _Speaker(None, None)
            sent_i = first + _sentence_of(doc, match.start(1))
            span = Span(doc_id, start, start + len(match.group(1)), sent_i,
                        text[start : start + len(match.group(1))])
            quotes.append(Quote("q" + digest(doc_id, start, "direct"), doc_id, body,
                                speaker.text, speaker.actor_id, True, span))
        return quotes

    def _indirect(self, doc_id: str, doc: Doc, offset: int, first: int, text: str,
                  ctx: _Context) -> list[Quote]:
        quotes = []
        inside = [(m.start(), m.end()) for m in _QUOTE.finditer(doc.text)]
        for token in doc:
            if token.lemma_ not in SPEECH_VERBS or token.pos_ != "VERB":
                continue
            comp = _complement(token)
            if comp is None or any(a <= token.idx < b for a, b in inside):
                continue
            words = list(comp.subtree)
            if any(a <= words[0].idx < b for a, b in inside) or len(words) < 4:
                continue
            speaker = _speaker_of(token, offset, ctx)
            if speaker.actor_id is None:
                continue
            start = offset + words[0].idx
            end = offset + words[-1].idx + len(words[-1])
            sent_i = first + _sentence_of(doc, words[0].idx)
            quotes.append(Quote("q" + digest(doc_id, start, "indirect"), doc_id, text[start:end],
                                speaker.text, speaker.actor_id, False,
                                Span(doc_id, start, end, sent_i, text[start:end])))
        return quotes


# "said earlier in the day that ...", "said on Monday that ...": the parser hangs the that-clause
# on the time noun as a relative clause; it is still what was said.
_TIME_NOUNS = frozenset(
    "day week month year morning afternoon evening night weekend today yesterday monday tuesday "
    "wednesday thursday friday saturday sunday".split())
_ADVERBIAL = frozenset({"prep", "pobj", "npadvmod", "advmod", "obl"})


def _complement(verb: Token) -> Token | None:
    """The clause a speech verb reports: its ccomp, a that-adverbial clause, or a that-clause
    the parser attached to a time noun of the verb's adverbial."""
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "advcl"
                                     and any(m.lower_ == "that" for m in child.children)):
            return child
    for clause in verb.subtree:
        if (clause.dep_ in ("relcl", "acl") and clause.head.lower_ in _TIME_NOUNS
                and clause.left_edge.lower_ == "that" and _adverbial_path(clause.head, verb)):
            return clause
    return None


def _adverbial_path(token: Token, verb: Token) -> bool:
    while token.i != verb.i:
        if token.dep_ not in _ADVERBIAL:
            return False
        token = token.head
    return True


def _nearest_speech_verb(doc: Doc, q_start: int, q_end: int) -> Token | None:
    best: tuple[int, Token] | None = None
    for token in doc:
        if token.lemma_ not in SPEECH_VERBS or q_start <= token.idx < q_end:
            continue
        distance = q_start - token.idx if token.idx < q_start else token.idx - q_end
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


@dataclass(slots=True)
class _Context:
    """What speaker resolution may look at: mentions, person mentions, earlier quotes."""

    mentions: list[Mention]
    outside: list[Mention]
    persons: list[Mention]
    quotes: list[Quote]
    actors: dict[str, Actor]


def _outside_quotes(paragraphs: list[tuple[int, int, Doc]], persons: list[Mention]
                    ) -> list[Mention]:
    spans = [(off + m.start(), off + m.end()) for off, _, doc in paragraphs
             for m in _QUOTE.finditer(doc.text)]
    return [p for p in persons if not any(a <= p.span.start < b for a, b in spans)]


def _speaker_of(verb: Token, offset: int, ctx: _Context) -> _Speaker:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("xcomp", "advcl", "pcomp", "conj"):
        return _speaker_of(verb.head, offset, ctx)
    if not subjects:
        return _Speaker(None, None)
    subject = subjects[0]
    if subject.lower_ in _PRONOUNS:
        return _Speaker(subject.text, _antecedent(offset + subject.idx, ctx))
    words = [t for t in subject.subtree if t.dep_ != "punct" or t.i < subject.i]
    phrase = (offset + words[0].idx, offset + words[-1].idx + len(words[-1]))
    inside = [m for m in ctx.mentions if phrase[0] <= m.span.start < phrase[1]]
    head_hit = [m for m in inside if m.span.start <= offset + subject.idx < m.span.end]
    persons_in = [m for m in inside if m in ctx.persons]
    candidates = head_hit or persons_in[-1:] or inside[-1:]
    chosen = candidates[0] if candidates else None
    actor_id = chosen.actor_id if chosen else _by_surname(subject, ctx)
    if chosen and not persons_in and subject.lemma_.lower() in _ROLE_NOUNS:
        actor_id = _role_holder(chosen, offset + subject.idx, ctx) or actor_id
    return _Speaker(" ".join(t.text for t in words), actor_id)


def _antecedent(at: int, ctx: _Context) -> str | None:
    """He/she: the latest earlier person speaker, else the latest person named outside quotes."""
    for quote in reversed(ctx.quotes):
        actor = ctx.actors.get(quote.speaker_id or "")
        if quote.span.start < at and actor is not None and actor.type == "person":
            return actor.actor_id
    before = [m for m in ctx.outside if m.span.start < at]
    return before[-1].actor_id if before else None


def _role_holder(country_mention: Mention, at: int, ctx: _Context) -> str | None:
    """"The Russian leader", "Washington's top diplomat": the latest person named before
    this point whose country is the one in the phrase."""
    actor = ctx.actors.get(country_mention.actor_id)
    if actor is None or actor.type == "person" or not actor.country:
        return None
    for mention in reversed([m for m in ctx.outside if m.span.start < at]):
        person = ctx.actors.get(mention.actor_id)
        if person is not None and person.country == actor.country:
            return person.actor_id
    return None


def _by_surname(subject: Token, ctx: _Context) -> str | None:
    """A proper-noun subject the NER missed: match its last word to a person's surname."""
    if subject.pos_ != "PROPN":
        return None
    surname = subject.lower_
    for mention in ctx.persons:
        actor = ctx.actors.get(mention.actor_id)
        if actor and actor.name.lower().split()[-1] == surname:
            return actor.actor_id
    return None


def _sentence_of(doc: Doc, char: int) -> int:
    for i, sent in enumerate(doc.sents):
        if sent.start_char <= char < sent.end_char:
            return i
    return 0


__all__ = ["VERSION", "QuoteExtractor", "SPEECH_VERBS"]

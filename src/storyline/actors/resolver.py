"""Actor mentions: named entities and KB aliases in a parsed paragraph → canonical actors.

People are resolved in order: exact KB alias, fuzzy KB match (rapidfuzz; every token of the
mention must match a token of the candidate), the document's own fuller mention of the same
surname, and finally a new document-level person. Countries, organisations and metonyms
("the Kremlin", "Moscow") come from KB alias n-grams; single-word aliases must be capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.actors.kb import ActorKB, normalise_alias, slug
from storyline.ids import digest
from storyline.records import Actor, Mention, Span

VERSION = "actors.kb_fuzzy.v2"
_TITLES = re.compile(
    r"^(?:the |former |late )?(?:(?:u\.s\.|us|russian|turkish|syrian|iranian|chinese|american)\s+)?"
    r"(?:president|prime minister|premier|foreign minister|minister|secretary of state|secretary|"
    r"spokesman|spokeswoman|king|queen|prince|general|gen\.|sen\.|senator|mr\.?|mrs\.?|ms\.?|dr\.?|"
    r"chancellor|ambassador|leader|envoy|pope)\s+",
    re.IGNORECASE,
)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Nouns that make the words before a name a role ("Kremlin spokesman", "UN envoy for Syria").
_ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson envoy leader secretary minister ambassador director "
    "chief head adviser advisor aide commander chairman chairwoman chair governor mayor analyst "
    "expert negotiator representative official president premier king queen emir prince general "
    "senator lawmaker deputy diplomat correspondent researcher professor".split())
_MAX_NGRAM = 6
_TYPE_RANK = {"country": 0, "org": 1, "person": 2}
_SECTORS = {
    "COP": "police", "MIL": "military", "GOV": "government", "OPP": "opposition",
    "REB": "rebels", "UAF": "armed group", "CVL": "civilians", "JUD": "judiciary",
    "LEG": "legislature", "MED": "media", "EDU": "students", "LAB": "workers",
    "BUS": "business", "REF": "refugees", "CRM": "criminals", "SPY": "intelligence",
    "HLH": "health sector", "RAD": "radicals", "REL": "clergy", "NGO": "NGO",
}


@dataclass(slots=True)
class DocActors:
    """Per-document resolution state: surname → person id, actors seen."""

    surnames: dict[str, str] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    ner_surnames: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)


class ActorResolver:
    """Finds actor mentions in paragraphs of one document at a time."""

    def __init__(self, kb: ActorKB, fuzzy_threshold: float = 80.0) -> None:
        self.kb = kb
        self.fuzzy_threshold = fuzzy_threshold

    def resolve_document(
        self, doc_id: str, paragraphs: list[tuple[int, int, Doc]], text: str
    ) -> tuple[list[Mention], dict[str, Actor]]:
        """Mentions for every paragraph ``(offset, first_sentence, doc)`` and the actors met."""
        state = DocActors()
        state.ner_surnames = {ent[-1].lower_ for _, _, doc in paragraphs for ent in doc.ents
                              if ent.label_ == "PERSON"}
        persons = [
            (off, first, span) for off, first, doc in paragraphs
            for span in self._person_spans(doc, state.ner_surnames)
        ]
        persons.sort(key=lambda p: -len(_strip_title(p[2].text).split()))
        resolved: dict[tuple[int, int], tuple[Actor, float, str]] = {}
        for off, _, ent in persons:
            hit = self._resolve_person(_strip_title(ent.text), state)
            if hit and hit[0].country is None and (country := self._title_country(ent)):
                hit = (replace(hit[0], country=country), *hit[1:])
                state.actors[hit[0].actor_id] = hit[0]
            if hit:
                resolved[(off + ent.start_char, off + ent.end_char)] = hit
                if hit[0].actor_id not in state.titles and (title := stated_title(ent)):
                    state.titles[hit[0].actor_id] = title
        mentions: list[Mention] = []
        for off, first, doc in paragraphs:
            for start, end, (actor, conf, method), sent_i in self._paragraph(
                doc, off, first, resolved, state
            ):
                state.actors[actor.actor_id] = actor
                span = Span(doc_id, start, end, sent_i, text[start:end])
                mid = "m" + digest(doc_id, start, end, actor.actor_id)
                mentions.append(Mention(mid, actor.actor_id, span, conf, method,
                                        state.titles.get(actor.actor_id)))
        return mentions, state.actors

    def _paragraph(
        self, doc: Doc, off: int, first: int,
        resolved: dict[tuple[int, int], tuple[Actor, float, str]], state: DocActors,
    ) -> Iterator[tuple[int, int, tuple[Actor, float, str], int]]:
        sent_starts = [s.start for s in doc.sents]
        taken: set[int] = set()
        for ent in self._person_spans(doc, state.ner_surnames):
            key = (off + ent.start_char, off + ent.end_char)
            if key in resolved:
                taken.update(range(ent.start, ent.end))
                yield (*key, resolved[key], first + _sent_index(sent_starts, ent.start))
        # The NER often misses a lone surname ("Lavrov, Cavusoglu and Zarif"): a capitalised
        # token equal to the surname of a person named in full elsewhere in the document.
        for token in doc:
            actor_id = state.surnames.get(token.lower_)
            if actor_id and token.i not in taken and token.is_title:
                taken.add(token.i)
                key = (off + token.idx, off + token.idx + len(token))
                hit = (state.actors[actor_id], 0.8, "surname")
                yield (*key, hit, first + _sent_index(sent_starts, token.i))
        for span, hit in [*self._alias_ngrams(doc, taken), *self._agent_ngrams(doc, taken)]:
            yield (off + span.start_char, off + span.end_char, hit,
                   first + _sent_index(sent_starts, span.start))

    def _alias_ngrams(
        self, doc: Doc, taken: set[int]
    ) -> Iterator[tuple[SpacySpan, tuple[Actor, float, str]]]:
        """Longest KB alias matches, left to right; only tokens that start an alias are tried."""
        i = 0
        while i < len(doc):
            longest = self.kb.max_words_from(normalise_alias(doc[i].text))
            for n in range(min(longest + 2, _MAX_NGRAM, len(doc) - i), 0, -1):
                span = doc[i : i + n]
                if taken.intersection(range(span.start, span.end)):
                    continue
                if span[0].is_punct or span[-1].is_punct or span[0].lower_ in ("'s", "’s"):
                    continue
                if n == 1 and not (span[0].is_title or span[0].is_upper):
                    continue
                actors = self.kb.lookup(span.text)
                if actors:
                    best = min(actors, key=lambda a: _TYPE_RANK.get(a.type, 3))
                    taken.update(range(span.start, span.end))
                    yield span, (best, 0.9, "alias")
                    i += n - 1
                    break
            i += 1

    def _agent_ngrams(
        self, doc: Doc, taken: set[int]
    ) -> Iterator[tuple[SpacySpan, tuple[Actor, float, str]]]:
        """Generic actors named by a common noun phrase ending in a noun: "the police",
        "Syrian opposition" (→ SYROPP when its phrase names a country)."""
        for end in range(len(doc)):
            if doc[end].pos_ not in ("NOUN", "PROPN") or end in taken:
                continue
            for n in range(min(self.kb.agent_words, end + 1), 0, -1):
                span = doc[end - n + 1 : end + 1]
                code = None if taken.intersection(range(span.start, span.end)) \
                    else self.kb.agent_code(span.text)
                if code:
                    taken.update(range(span.start, span.end))
                    yield span, (self._agent_actor(span, code), 0.7, "agent")
                    break

    def _agent_actor(self, span: SpacySpan, code: str) -> Actor:
        country = self._phrase_country(span.root)
        label = _SECTORS.get(code[:3], code.lower())
        if country is None:  # TABARI's notation for an agent of no known country
            return Actor("~" + code, label, "agent", None)
        country_name = self.kb.actors[country].name if country in self.kb.actors else country
        return Actor(country + code, f"{country_name} {label}", "agent", country)

    def _phrase_country(self, head: Token) -> str | None:
        """A country named by a modifier of the noun: "*Syrian* opposition", "*Iraq's* army",
        "forces *of Russia*"."""
        words = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        words += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
        for word in words:
            for actor in self.kb.lookup(word.text):
                if actor.type == "country" and actor.country:
                    return actor.country
        return None

    def _person_spans(self, doc: Doc, surnames: set[str]) -> list[SpacySpan]:
        """The people named in a paragraph: PERSON entities, and full names the NER missed
        whose last word is a surname it found elsewhere in the document ("Alexei X, director
        of ..." when "X said" is tagged)."""
        spans = [self._person_span(e) for e in doc.ents if e.label_ == "PERSON"]
        covered = {i for e in doc.ents for i in range(e.start, e.end)}
        covered.update(i for span in spans for i in range(span.start, span.end))
        for token in doc:
            if token.lower_ in surnames and token.i not in covered and token.is_title:
                span = self._person_span(doc[token.i : token.i + 1])
                if len(span) > 1:
                    spans.append(span)
        return spans

    def _person_span(self, ent: SpacySpan) -> SpacySpan:
        """The person's name with first names the NER left out ("Alexei" of "Alexei X")."""
        start = ent.start
        while start > ent.sent.start:
            word = ent.doc[start - 1]
            if (word.pos_ != "PROPN" or word.dep_ != "compound" or not word.is_title
                    or _TITLES.match(word.lower_ + " ") or self.kb.lookup(word.text)):
                break
            start -= 1
        return ent.doc[start : ent.end] if start < ent.start else ent

    def _names_country(self, word: str) -> bool:
        """True when the word is a KB alias of a country ("Russia"): never a surname."""
        return any(a.type == "country" for a in self.kb.lookup(word))

    def _title_country(self, ent: SpacySpan) -> str | None:
        """The country named in a person's title: "*Turkish* Foreign Minister X", "*White
        House* spokesman X" (the run of name-like words just left of the name)."""
        words = title_words(ent)
        for size in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                span = words[i : i + size]
                if not (span[0].is_title or span[0].is_upper):
                    continue
                for actor in self.kb.lookup(span.text):
                    if actor.country and actor.type != "person":
                        return actor.country
        return None

    def _resolve_person(self, name: str, state: DocActors) -> tuple[Actor, float, str] | None:
        tokens = normalise_alias(name).split()
        if not tokens:
            return None
        known = state.surnames.get(tokens[-1])
        if known and set(tokens) <= set(normalise_alias(state.actors[known].name).split()):
            return state.actors[known], 0.85, "surname"
        hit = self._kb_person(name, tokens)
        if hit is None:
            actor = Actor("person:" + slug(name), name, "person", None)
            hit = (actor, 0.6, "new")
        actor = hit[0]
        state.actors[actor.actor_id] = actor
        if len(tokens) > 1 and not self._names_country(tokens[-1]):
            state.surnames.setdefault(tokens[-1], actor.actor_id)
        return hit

    def _kb_person(self, name: str, tokens: list[str]) -> tuple[Actor, float, str] | None:
        exact = [a for a in self.kb.lookup(name) if a.type == "person"]
        if exact:
            return exact[0], 0.95, "alias"
        if len(tokens) < 2:
            return None
        best: tuple[float, Actor] | None = None
        for actor_id in sorted(self.kb.persons_sharing_token(t for t in tokens if len(t) > 3)):
            actor = self.kb.actors[actor_id]
            cand = normalise_alias(actor.name).split()
            if not all(max(fuzz.ratio(t, c) for c in cand) >= self.fuzzy_threshold for t in tokens):
                continue
            score = fuzz.token_set_ratio(" ".join(tokens), " ".join(cand))
            if best is None or score > best[0]:
                best = (score, actor)
        if best is None:
            return None
        return best[1], round(0.9 * best[0] / 100, 3), "fuzzy"


def title_words(ent: SpacySpan, max_words: int = 6) -> SpacySpan:
    """The words just left of a name that can form its title (adjectives, nouns, names)."""
    start = ent.start
    while (start > ent.sent.start and ent.start - start < max_words
           and ent.doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN")):
        start -= 1
    return ent.doc[start : ent.start]


def stated_title(ent: SpacySpan) -> str | None:
    """The role the words just left of a name give it, when they hold a role noun: "Kremlin
    spokesman" Dmitry Peskov, "UN Special Envoy for Syria" Staffan de Mistura."""
    words = title_words(ent)
    while (words.start - 1 > ent.sent.start and ent.doc[words.start - 1].lower_ in ("for", "of")
           and len(before := title_words(ent.doc[words.start - 1 : words.start]))):
        words = ent.doc[before.start : ent.start]
    roles = [i for i, token in enumerate(words) if token.lower_ in _ROLE_NOUNS]
    return " ".join(words.text.split()) if roles else None


def _strip_title(text: str) -> str:
    stripped = _TITLES.sub("", text.strip())
    return re.sub(r"['’]s$", "", stripped).strip() or text.strip()


def _sent_index(sent_starts: list[int], token_i: int) -> int:
    index = 0
    for i, start in enumerate(sent_starts):
        if start <= token_i:
            index = i
    return index

"""The lexicon rule coder ``events.lexicon.v1``: trigger words → CAMEO/PLOVER events with
source and target actors read off the dependency parse.

For a verb trigger, sources are its subject (inherited from the governing verb for ``agreed to
push``), targets its object and the objects of ``with/to/against/on/...``; a passive subject
is a target and the ``by`` agent the source. For a noun trigger (``talks``, ``veto``), parties
come from ``between X and Y``, ``with X``, possessives and modifiers (``Russian air strikes``),
or the subject of the verb that governs it (``held talks``). Each conjunct is one actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from storyline.events.lexicon import Trigger, load_triggers, plover_for
from storyline.ids import digest
from storyline.quotes import SPEECH_VERBS
from storyline.records import Actor, Event, EventArg, Mention, Span
from storyline.time import FoundTime, find_times

VERSION = "events.lexicon.v2"
_TARGET_PREPS = {"with", "to", "against", "on", "from", "for", "between", "at", "over"}
_PLANNING = {"plan", "intend", "expect", "prepare", "schedule", "aim", "hope", "want", "seek"}
_HEDGES = {"allegedly", "reportedly", "purportedly", "supposedly"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "would"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Verbs whose complement is intended, threatened or refused, not done: "agreed to meet" is an
# AGREE, "threatened to withdraw" a THREATEN. The complement is not coded on its own.
INTENT_GOVERNORS = {"agree", "pledge", "promise", "vow", "offer", "threaten", "refuse",
                    "decline", "reject", "warn", "urge", "call", "ask", "demand", "appeal"}
# Nouns that make "strike" a work stoppage (CAMEO 143, PROTEST) rather than an attack.
_STRIKE_PROTEST = {"hunger", "general", "labor", "labour", "workers", "teachers", "national",
                   "nationwide", "doctors", "transport", "rail"}
_PLANNED_MODS = {"planned", "upcoming", "possible", "next", "proposed", "future", "forthcoming"}


@dataclass(frozen=True, slots=True)
class _Found:
    token: Token
    trigger: Trigger
    sources: tuple[EventArg, ...]
    targets: tuple[EventArg, ...]


class EventCoder:
    """Codes events in the paragraphs of one document, given its actor mentions."""

    def __init__(self) -> None:
        self.triggers = load_triggers()

    def code_paragraph(
        self, doc_id: str, doc: Doc, offset: int, first_sentence: int, text: str,
        mentions: list[Mention], actors: dict[str, Actor], anchor: str | None = None,
    ) -> list[Event]:
        """Events in one paragraph's spaCy Doc (offset = its start in the clean text); their
        dates are resolved against ``anchor``, the publication date."""
        index = _MentionIndex(mentions, actors, offset)
        times = [t for t in find_times(doc, anchor) if t.value and t.value[:1].isdigit()
                 and t.type in ("DATE", "TIME")]
        events: dict[tuple[int, str, frozenset[str]], Event] = {}
        for s_i, sent in enumerate(doc.sents):
            for found in self._find(sent, index):
                event = self._event(doc_id, found, sent, offset, first_sentence + s_i, text)
                when = event_time(found.token, [t for t in times if t.span.sent == sent])
                if when is not None:
                    event = replace(event, when=when.ref(anchor))
                key = (event.span.sent_index, event.plover_type,
                       frozenset(a.actor_id for a in event.sources + event.targets))
                if key not in events or _more_specific(event, events[key]):
                    events[key] = event
        return list(events.values())

    def _find(self, sent: Iterable[Token], index: _MentionIndex) -> Iterator[_Found]:
        for token in sent:
            pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ == "NOUN" else None
            lemma = token.lemma_.lower()
            if pos is None:
                continue
            trig = self._match(token, lemma, pos)
            if trig is None or _governed_by_intent(token) or _is_modifier_noun(token, pos):
                continue
            trig = _disambiguate(token, trig)
            if pos == "VERB":
                sources, targets = _verb_args(token, index)
            else:
                sources, targets = _noun_args(token, index)
            if trig.reciprocal and not targets and len(sources) > 1:
                sources, targets = sources[:1], sources[1:]
            if sources or targets:
                yield _Found(token, trig, sources, targets)

    def _match(self, token: Token, lemma: str, pos: str) -> Trigger | None:
        candidates = self.triggers.get((lemma, pos)) or self.triggers.get((token.lower_, pos))
        for trig in candidates or ():
            if not trig.particle:
                return trig
            words = {c.lower_ for c in token.children} | {c.lower_ for c in token.lefts}
            if trig.particle in words or token.nbor(-1 if token.i else 0).lower_ == trig.particle:
                return trig
        return None

    def _event(self, doc_id: str, found: _Found, sent: object, offset: int, sent_index: int,
               text: str) -> Event:
        start = offset + sent.start_char  # type: ignore[attr-defined]
        end = offset + sent.end_char  # type: ignore[attr-defined]
        plover, mode = plover_for(found.trigger.cameo)
        status, negated = event_status(found.token)
        trig_at = offset + found.token.idx
        return Event(
            event_id="e" + digest(doc_id, trig_at, found.trigger.cameo),
            doc_id=doc_id,
            plover_type=plover,
            cameo_code=found.trigger.cameo,
            mode=found.trigger.mode or mode or None,
            sources=found.sources,
            targets=found.targets,
            status=status,
            negated=negated,
            confidence=0.6 if found.sources and found.targets else 0.4,
            trigger=found.token.text,
            span=Span(doc_id, start, end, sent_index, text[start:end]),
            coder=VERSION,
        )


def event_time(trigger: Token, times: list[FoundTime]) -> FoundTime | None:
    """The date of an event: a time expression attached to its trigger (within three steps of
    the parse, either way), else the sentence's only date — unless that date belongs to the
    report ("the Kremlin *said on Wednesday*"), not to the event."""
    times = [t for t in times if t.span.root.head == trigger
             or t.span.root.head.lemma_ not in SPEECH_VERBS]
    for found in times:
        root = found.span.root
        if trigger in list(root.ancestors)[:3] or root in list(trigger.ancestors)[:3] \
                or root.head == trigger.head:
            return found
    return times[0] if len(times) == 1 else None


def _governed_by_intent(token: Token) -> bool:
    """True for the complement of an intent verb ("agreed to *meet*")."""
    return (token.dep_ in ("xcomp", "ccomp") and token.head.pos_ == "VERB"
            and token.head.lemma_.lower() in INTENT_GOVERNORS)


def _is_modifier_noun(token: Token, pos: str) -> bool:
    """A trigger noun that only modifies another noun ("*aid* groups", "*peace* talks")."""
    return pos == "NOUN" and token.dep_ in ("compound", "amod")


def _disambiguate(token: Token, trig: Trigger) -> Trigger:
    """Senses the lexicon alone cannot tell apart (a hunger strike is a protest)."""
    if token.lemma_.lower() == "strike" and (
            {c.lower_ for c in token.children} & _STRIKE_PROTEST or token.lower_ == "strikers"):
        return Trigger(trig.lemma, trig.pos, "", "143", "", False)
    return trig


def _more_specific(new: Event, old: Event) -> bool:
    return (bool(new.mode), len(new.cameo_code)) > (bool(old.mode), len(old.cameo_code))


class _MentionIndex:
    """Mentions of one paragraph by token, with their actors."""

    def __init__(self, mentions: list[Mention], actors: dict[str, Actor], offset: int) -> None:
        self.mentions = mentions
        self.actors = actors
        self.offset = offset

    def at(self, token: Token) -> Mention | None:
        start = self.offset + token.idx
        for m in self.mentions:
            if m.span.start <= start < m.span.end:
                return m
        return None

    def arg(self, mention: Mention) -> EventArg:
        actor = self.actors.get(mention.actor_id)
        country = actor.country if actor else None
        return EventArg(mention.actor_id, country, mention.span.text)


def _conjuncts(head: Token) -> list[Token]:
    return [head, *head.conjuncts] if head.dep_ != "conj" else [head]


def actors_of(head: Token, index: _MentionIndex) -> tuple[EventArg, ...]:
    """One actor per conjunct of an argument phrase headed by ``head``."""
    found: list[EventArg] = []
    for conj in _conjuncts(head):
        mention = index.at(conj)
        if mention is None or mention.actor_id.startswith("~"):
            # a named actor inside the phrase beats a generic one ("members *of Hamas*")
            mention = _modifier_mention(conj, index) or mention
        if mention is not None:
            arg = index.arg(mention)
            if arg.actor_id not in {a.actor_id for a in found}:
                found.append(arg)
    return tuple(found)


def _modifier_mention(head: Token, index: _MentionIndex, depth: int = 0) -> Mention | None:
    """The actor named inside an argument phrase: "*Russian* officials", "leaders *of X*"."""
    for dep in ("appos", "compound", "amod", "nmod", "poss"):
        for child in head.children:
            if child.dep_ == dep:
                mention = index.at(child) or _modifier_mention(child, index, depth + 1)
                if mention is not None:
                    return mention
    if depth > 0:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "in")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            mention = index.at(obj) or _modifier_mention(obj, index, depth + 1)
            if mention is not None:
                return mention
    return None


def _subject(verb: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of a verb, inherited through xcomp/conj/advcl."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            break
        active = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        if active or passive:
            return active, passive
        current = current.head if current.dep_ in ("xcomp", "conj", "advcl", "pcomp") else None
    return [], []


def _verb_args(verb: Token, index: _MentionIndex) -> tuple[tuple[EventArg, ...], tuple[EventArg, ...]]:
    active, passive = _subject(verb)
    sources = [a for s in active for a in actors_of(s, index)]
    targets = [a for s in passive for a in actors_of(s, index)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr"):
            targets += actors_of(child, index)
        elif child.dep_ in ("prep", "prt") and child.lower_ in _TARGET_PREPS | {"by"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                (sources if child.lower_ == "by" and passive else targets).extend(
                    actors_of(obj, index))
    return _unique(sources), _unique(t for t in targets if t not in sources)


def _noun_args(noun: Token, index: _MentionIndex) -> tuple[tuple[EventArg, ...], tuple[EventArg, ...]]:
    sources: list[EventArg] = []
    targets: list[EventArg] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            sources.extend(index.arg(m) for t in child.subtree if (m := index.at(t)))
        elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                sources.extend(actors_of(obj, index))
        elif child.dep_ == "prep" and child.lower_ in ("with", "against", "on", "to", "by"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                (sources if child.lower_ == "by" else targets).extend(actors_of(obj, index))
    governor = _governing_verb(noun)
    if not sources and governor is not None:
        active, _ = _subject(governor)
        sources = [a for s in active for a in actors_of(s, index)]
    return _unique(sources), _unique(t for t in targets if t not in sources)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object the noun is: "held *talks*", "are in *contact*", "in a *call*"."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _unique(args: Iterable[EventArg]) -> tuple[EventArg, ...]:
    seen: dict[str, EventArg] = {}
    for arg in args:
        seen.setdefault(arg.actor_id, arg)
    return tuple(seen.values())


def event_status(token: Token) -> tuple[str, bool]:
    """(status, negated) of the event a trigger denotes, from its own and its governors' words."""
    chain = [token, *list(token.ancestors)[:3]]
    words = {c.lower_ for t in chain for c in t.children}
    negated = any(c.dep_ == "neg" for c in token.children)
    if token.pos_ == "NOUN" and words & _PLANNED_MODS:
        return "planned", negated
    if words & _HEDGES or any(t.lemma_ == "report" for t in chain[1:]):
        return "reported_unconfirmed", negated
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in chain for c in t.children):
        return "hypothetical", negated
    if words & _FUTURE_AUX or any(t.lemma_ in _PLANNING for t in chain[1:]):
        return "planned", negated
    if {c.lower_ for c in token.children} & _HYPOTHETICAL_AUX:
        return "hypothetical", negated
    return ("denied" if negated else "occurred"), negated

"""The actor knowledge base: canonical actors and their aliases, loaded once from ``data/``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.datafiles import read_tsv
from storyline.records import Actor, Role


def normalise_alias(text: str) -> str:
    """The alias key: lower case, hyphens as spaces, outer punctuation stripped."""
    cleaned = "".join(c if c.isalnum() or c in "'. " else " " for c in text.lower())
    return " ".join(w.strip(".'") for w in cleaned.split() if w.strip(".'"))


def slug(text: str) -> str:
    """The id part of a person's name: "Bashar al-Assad" → "bashar-al-assad"."""
    return "-".join(normalise_alias(text).replace(".", "").replace("'", "").split())


def _parse_roles(codes: str) -> tuple[Role, ...]:
    roles = []
    for item in filter(None, codes.split(";")):
        code, _, interval = item.partition(":")
        start, _, end = interval.partition("..")
        roles.append(Role(code, start, end))
    return tuple(roles)


@dataclass(slots=True)
class ActorKB:
    """Actors by id, alias → ids, and a token index over person names for fuzzy lookup."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    person_tokens: dict[str, tuple[str, ...]] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    agent_words: int = 1

    def lookup(self, text: str) -> tuple[Actor, ...]:
        """Actors whose alias equals the normalised text."""
        return tuple(self.actors[i] for i in self.aliases.get(normalise_alias(text), ()))

    def agent_code(self, phrase: str) -> str | None:
        """The sector code of a generic actor noun phrase ("police" → COP)."""
        return self.agents.get(" ".join(phrase.lower().split()))

    def max_words_from(self, word: str) -> int:
        """The longest alias (in words) starting with this normalised word; 0 if none."""
        return self.first_words.get(word, 0)

    def persons_sharing_token(self, tokens: Iterable[str]) -> set[str]:
        """Ids of persons whose name shares one of these (lower-case) tokens."""
        found: set[str] = set()
        for token in tokens:
            found.update(self.person_tokens.get(token, ()))
        return found

    def add(self, actor: Actor, aliases: Iterable[str] = ()) -> None:
        """Add an actor with these aliases (its display name is not implied: the shipped alias
        table already filters ambiguous single names such as "hassan")."""
        self.actors[actor.actor_id] = actor
        self.add_aliases(actor.actor_id, aliases)
        if actor.type == "person":
            for token in normalise_alias(actor.name).split():
                if len(token) > 2:
                    self.person_tokens[token] = (*self.person_tokens.get(token, ()), actor.actor_id)

    def add_aliases(self, actor_id: str, aliases: Iterable[str]) -> None:
        """Register more surface forms for a known actor."""
        for alias in aliases:
            key = normalise_alias(alias)
            if key and actor_id not in self.aliases.get(key, ()):
                self.aliases[key] = (*self.aliases.get(key, ()), actor_id)
                words = key.split()
                self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """The shipped KB (``actors.tsv`` + ``aliases.tsv``), built once per process."""
    kb = ActorKB()
    for row in read_tsv("storyline.actors", "actors.tsv"):
        actor = Actor(row["actor_id"], row["name"], row["type"], row["country"] or None,
                      _parse_roles(row.get("codes", "")))
        kb.add(actor)
    grouped: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("storyline.actors", "aliases.tsv"):
        if row["actor_id"] in kb.actors:
            grouped[row["actor_id"]].append(row["alias"])
    for actor_id, names in grouped.items():
        kb.add_aliases(actor_id, names)
    for name in ("agents.tsv", "agents_extra.tsv"):
        for row in read_tsv("storyline.actors", name):
            kb.agents[row["phrase"]] = row["code"]
    kb.agent_words = max(len(p.split()) for p in kb.agents)
    _add_office_holders(kb)
    return kb


# Organisations the office table files under pseudo-country codes: no country for their people.
_NOT_COUNTRIES = frozenset({"UNO", "NAT", "EUR"})


def _add_office_holders(kb: ActorKB) -> None:
    """People of the curated office table (``offices.tsv``): added when the generated Phoenix
    KB lacks them, and their full names point at them alone — the table is curated and newer
    than Phoenix, whose aliases can name someone else ("Mohammad Javad Zarif" is not Phoenix's
    "Mohammad Zarif Khonsari")."""
    from storyline.actors.offices import Term, load_offices  # offices imports this module

    by_person: dict[str, list[Term]] = defaultdict(list)
    for term in load_offices().terms:
        by_person[term.person].append(term)
    for person, terms in by_person.items():
        actor_id = _same_person(kb, person) or "person:" + slug(person)
        if actor_id not in kb.actors:
            latest = max(terms, key=lambda t: t.start)
            country = None if latest.country in _NOT_COUNTRIES else latest.country
            roles = tuple(Role(f"{t.country}GOV", t.start.isoformat(),
                               t.end.isoformat() if t.end else "") for t in terms)
            kb.add(Actor(actor_id, person, "person", country, roles))
        kb.aliases.pop(normalise_alias(person), None)
        kb.add_aliases(actor_id, [person])


def _same_person(kb: ActorKB, person: str) -> str | None:
    """The KB person this office holder already is: one the full name resolves to with the
    same surname ("Sergei Lavrov" is Phoenix's "Sergey Lavrov"; "Mohammad Javad Zarif" is not
    "Mohammad Zarif Khonsari")."""
    surname = normalise_alias(person).split()[-1]
    same = [a.actor_id for a in kb.lookup(person)
            if a.type == "person" and normalise_alias(a.name).split()[-1:] == [surname]]
    return same[0] if len(same) == 1 else None

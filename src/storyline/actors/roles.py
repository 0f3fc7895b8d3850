"""The role a person held when a story was written: Putin is "Prime Minister" in February 2012.

Two sources, in this order:

1. the story's own words: an office phrase that names the person with a title ("Prime Minister
   Vladimir Putin", "Putin, the Russian prime minister"), or "his Turkish counterpart Recep
   Tayyip Erdogan" after such a phrase in the same sentence (the same title, if the office
   table knows the person in it);
2. the office table on the story's publication date: the person's term covering that day
   (head of state before head of government before foreign and defence minister).

One role per person per document, on all their mentions: the first stated title wins, so a later
bare "Putin" carries it. No title and no date (or no term then): no role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from storyline.actors.offices import (
    OfficeMention,
    OfficeTable,
    Term,
    consistent_terms,
    find_office_mentions,
    load_offices,
)
from storyline.records import Actor, Mention

_RANK = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2, "defence_minister": 3}
_COUNTERPART = re.compile(r"\bcounterparts?,?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s")
_COUNTERPART_REACH = 200


def assign_roles(mentions: Sequence[Mention], actors: Mapping[str, Actor], text: str,
                 published: date | None, table: OfficeTable | None = None) -> list[Mention]:
    """``mentions`` with ``role`` set on every mention of a person whose role is known.

    Needs the document's clean text, its actors (by id) and its publication date (None when
    unknown). Produces the same mentions in the same order; never drops one.
    """
    table = table or load_offices()
    phrases = find_office_mentions(text, table)
    ordered = sorted(mentions, key=lambda m: m.span.start)
    roles: dict[str, str] = {}
    for mention in ordered:
        actor = actors.get(mention.actor_id)
        if actor is None or actor.type != "person" or actor.actor_id in roles:
            continue
        title = _stated(mention, _terms(table, actor, [mention]), phrases, text)
        if title:
            roles[actor.actor_id] = title
    if published is not None:
        for actor_id, own in _by_actor(ordered, actors).items():
            if actor_id not in roles and (title := _held(_terms(table, actors[actor_id], own),
                                                         published)):
                roles[actor_id] = title
    return [replace(m, role=roles[m.actor_id]) if m.actor_id in roles else m for m in mentions]


def _by_actor(mentions: Iterable[Mention], actors: Mapping[str, Actor]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for mention in mentions:
        actor = actors.get(mention.actor_id)
        if actor is not None and actor.type == "person":
            found.setdefault(mention.actor_id, []).append(mention)
    return found


def _terms(table: OfficeTable, actor: Actor, mentions: Iterable[Mention]) -> tuple[Term, ...]:
    """The person's terms: by the KB name, else by any way the story writes them."""
    terms = table.terms_of(actor.name)
    for mention in mentions:
        if terms:
            break
        terms = table.terms_of(mention.span.text)
    return terms


def _stated(mention: Mention, terms: tuple[Term, ...], phrases: Sequence[OfficeMention],
            text: str) -> str | None:
    """The title the text gives this mention: the office phrase around it, or "counterpart"."""
    if not terms:
        return None
    start, end = mention.span.start, mention.span.end
    people = {t.person for t in terms}
    for phrase in phrases:
        if phrase.start <= start and end <= phrase.end and phrase.person in people:
            return phrase.terms[0].title
    if not _COUNTERPART.search(text[max(0, start - 40):start]):
        return None
    before = [p for p in phrases if start - _COUNTERPART_REACH <= p.end <= start
              and not _SENTENCE_END.search(text, p.end, start)]
    if not before:
        return None
    title = max(before, key=lambda p: p.end).terms[0].title
    return title if consistent_terms(terms, title, None) else None


def _held(terms: tuple[Term, ...], day: date) -> str | None:
    """The highest office the person held on the day."""
    holding = sorted((t for t in terms if t.covers(day)), key=lambda t: _RANK.get(t.office, 9))
    return holding[0].title if holding else None

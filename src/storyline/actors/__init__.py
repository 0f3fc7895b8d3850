"""Actors: the knowledge base (countries, organisations, people with dated roles) and the
resolver that ties text mentions to canonical actor ids.

Entry points: :func:`load_kb` and :class:`ActorResolver`.
"""

from storyline.actors.kb import ActorKB, load_kb, normalise_alias
from storyline.actors.resolver import VERSION, ActorResolver

__all__ = ["VERSION", "ActorKB", "ActorResolver", "load_kb", "normalise_alias"]

"""The office table's people in the actor KB (storyline.actors.kb._add_office_holders)."""

from __future__ import annotations

from storyline.actors import load_kb


def test_office_holder_missing_from_phoenix_is_added_with_country() -> None:
    (actor,) = load_kb().lookup("Mohammad Javad Zarif")
    assert actor.name == "Mohammad Javad Zarif" and actor.country == "IRN"
    assert any(role.code == "IRNGOV" for role in actor.roles)


def test_office_holder_spelt_differently_joins_the_phoenix_person() -> None:
    kb = load_kb()
    ids = [[a.actor_id for a in kb.lookup(name)] for name in ("Sergei Lavrov", "Sergey Lavrov")]
    assert ids[0] == ids[1] and len(ids[0]) == 1


"""Corpus-level actor knowledge: a person's country learnt in one article ("Turkish Foreign
Minister X") is applied to the events of every article that names X without a title."""

from __future__ import annotations

from storyline.store import Store

_REFRESH = """
UPDATE events SET {side}_countries = fixed.countries
FROM (
    SELECT event_id, list(coalesce(a.country, '') ORDER BY pos) AS countries
    FROM (SELECT event_id, unnest({side}_actors) AS actor_id,
                 generate_subscripts({side}_actors, 1) AS pos FROM events) AS parts
    LEFT JOIN actors a USING (actor_id)
    GROUP BY event_id
) AS fixed
WHERE events.event_id = fixed.event_id AND events.{side}_countries <> fixed.countries
"""


def propagate_countries(store: Store) -> int:
    """Refresh the country columns of events from the actors table; returns rows changed."""
    changed = 0
    for side in ("source", "target"):
        rows = store.con.execute(_REFRESH.format(side=side)).fetchall()
        changed += rows[0][0] if rows else 0
    return changed

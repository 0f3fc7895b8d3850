from __future__ import annotations

from storyline.events import plover_for


def _countries(event) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.country or a.actor_id for a in event.sources + event.targets}


def test_plover_for_uses_longest_prefix() -> None:
    assert plover_for("041") == ("CONSULT", "phone")
    assert plover_for("0871")[0] == "RETREAT"
    assert plover_for("195")[0] == "ASSAULT"


def test_noun_trigger_between_two_leaders(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Leaders hold talks on regional security issues\n\n"
        "The talks between President Vladimir Putin and President Emmanuel Macron lasted three "
        "hours in the Kremlin on Monday.")
    consult = [e for e in facts.events if e.plover_type == "CONSULT"]
    assert consult and _countries(consult[0]) >= {"RUS"}


def test_verb_trigger_with_subject_and_object(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Ministers criticise neighbour over border incident\n\n"
        "Turkey condemned Syria on Sunday after shells landed in a border village overnight.")
    accuse = [e for e in facts.events if e.plover_type == "ACCUSE"]
    assert accuse
    assert [a.actor_id for a in accuse[0].sources] == ["TUR"]
    assert [a.actor_id for a in accuse[0].targets] == ["SYR"]


def test_future_event_is_planned(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Diplomats to meet next week on the ceasefire\n\n"
        "Russia will meet Turkey next week to discuss the ceasefire in the northern province.")
    statuses = {e.status for e in facts.events if e.plover_type == "CONSULT"}
    assert statuses == {"planned"}


def test_negated_event_is_denied(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Government denies the reports about the deal\n\n"
        "Iran did not attack Iraq, the foreign ministry said in a statement on Thursday evening.")
    assault = [e for e in facts.events if e.plover_type == "ASSAULT"]
    assert assault and assault[0].negated and assault[0].status == "denied"

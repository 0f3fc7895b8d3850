from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.claims import parse_number


def test_parse_number_forms() -> None:
    assert parse_number("40,000") == 40000
    assert parse_number("three") == 3
    assert parse_number("$2 billion") == 2_000_000_000
    assert parse_number("many") is None


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_roundtrips_grouped_integers(n: int) -> None:
    assert parse_number(f"{n:,}") == n


def test_casualty_claim_with_qualifier_and_source(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Flooding kills dozens in the river valley\n\n"
        "At least 42 people have been killed by the floods, according to the Red Cross.\n\n"
        "The repairs will cost $3 million, officials said on Friday after visiting the valley.")
    killed = [c for c in facts.claims if c.kind == "killed"]
    assert killed and killed[0].value == 42 and killed[0].qualifier == "at least"
    assert "Red Cross" in (killed[0].claimant or "")
    money = [c for c in facts.claims if c.kind == "money"]
    assert money and money[0].value == 3_000_000 and money[0].unit == "USD"

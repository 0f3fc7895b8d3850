from __future__ import annotations

from storyline.actors import load_kb, normalise_alias


def _actor_ids(facts) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.span.text: m.actor_id for m in facts.mentions}


def test_normalise_alias_strips_punctuation_and_hyphens() -> None:
    assert normalise_alias("  Bashar al-Assad's ") == "bashar al assad's"
    assert normalise_alias("U.S.") == "u.s"


def test_kb_knows_countries_and_metonyms() -> None:
    kb = load_kb()
    assert kb.lookup("Russia")[0].actor_id == "RUS"
    assert any(a.country == "RUS" for a in kb.lookup("Kremlin"))


def test_resolver_links_misspelt_name_to_kb_person(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Leaders meet in the capital of the region today\n\n"
        "Prime Minister Tayyip Ardogan received the visiting delegation in the capital on Friday.")
    assert _actor_ids(facts)["Tayyip Ardogan"] == "person:recep-tayyip-erdogan"


def test_resolver_ties_surname_to_full_name_in_document(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Spokeswoman comments on the new trade deal today\n\n"
        "Spokeswoman Marta Kowalczyk told reporters the deal was fair and balanced for both sides.\n\n"
        "Kowalczyk added that further talks were planned for the spring in the capital city.")
    ids = {m.actor_id for m in facts.mentions if m.span.text in ("Marta Kowalczyk", "Kowalczyk")}
    assert ids == {"person:marta-kowalczyk"}


def test_resolver_needs_capitals_for_single_word_aliases(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Chef prepares a holiday dinner for the family\n\n"
        "The chef roasted a turkey and served it on fine china to twelve hungry guests last night.")
    assert not any(m.actor_id in ("TUR", "CHN") for m in facts.mentions)



def test_resolver_gives_every_mention_the_stated_role(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Ministry comments on the new trade deal today\n\n"
        "The deal is fair, ministry spokeswoman Marta Kowalczyk told reporters on Friday.\n\n"
        "Kowalczyk added that further talks were planned for the spring in the capital city.")
    roles = {m.span.text: m.role for m in facts.mentions if "Kowalczyk" in m.span.text}
    assert roles == {"Marta Kowalczyk": "ministry spokeswoman", "Kowalczyk": "ministry spokeswoman"}


def test_resolver_gives_no_role_without_a_role_noun(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        "Ministry comments on the new trade deal today\n\n"
        "The deal is fair, Marta Kowalczyk told reporters on Friday in the capital city.")
    assert {m.role for m in facts.mentions if "Kowalczyk" in m.span.text} == {None}

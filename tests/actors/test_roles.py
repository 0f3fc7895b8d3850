"""Roles at the story's date (storyline.actors.roles). Mentions built by hand; invented text."""

from __future__ import annotations

from datetime import date

from storyline.actors.roles import assign_roles
from storyline.records import Actor, Mention, Span

PUTIN = Actor("person:vladimir-putin", "Vladimir Putin", "person", "RUS")
ERDOGAN = Actor("person:recep-tayyip-erdogan", "Recep Tayyip Erdogan", "person", "TUR")
ACTORS = {a.actor_id: a for a in (PUTIN, ERDOGAN)}


def _mentions(text: str, *names: tuple[str, Actor]) -> list[Mention]:
    found, at = [], 0
    for name, actor in names:
        start = text.index(name, at)
        at = start + len(name)
        found.append(Mention(f"m{start}", actor.actor_id, Span("d", start, at, 0, name), 1.0, "test"))
    return found


def _roles(text: str, day: date | None, *names: tuple[str, Actor]) -> list[str | None]:
    return [m.role for m in assign_roles(_mentions(text, *names), ACTORS, text, day)]


def test_role_stated_in_the_text_wins_over_the_date() -> None:
    text = "Prime Minister Vladimir Putin opened a bridge. Putin said it was overdue."
    assert _roles(text, date(2015, 1, 1), ("Vladimir Putin", PUTIN), ("Putin", PUTIN)) == [
        "Prime Minister", "Prime Minister"]


def test_role_from_the_term_covering_the_publication_date() -> None:
    text = "Vladimir Putin opened a bridge."
    assert _roles(text, date(2010, 3, 1), ("Vladimir Putin", PUTIN)) == ["Prime Minister"]
    assert _roles(text, date(2015, 3, 1), ("Vladimir Putin", PUTIN)) == ["President"]


def test_no_title_and_no_date_gives_no_role() -> None:
    assert _roles("Vladimir Putin opened a bridge.", None, ("Vladimir Putin", PUTIN)) == [None]


def test_counterpart_takes_the_title_of_the_office_holder_before_it() -> None:
    text = ("Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdogan "
            "met at the resort.")
    assert _roles(text, None, ("Vladimir Putin", PUTIN), ("Recep Tayyip Erdogan", ERDOGAN)) == [
        "President", "President"]


def test_counterpart_across_a_sentence_end_gives_nothing() -> None:
    text = ("Russian President Vladimir Putin spoke first. Later his counterpart Recep Tayyip "
            "Erdogan replied.")
    assert _roles(text, None, ("Vladimir Putin", PUTIN), ("Recep Tayyip Erdogan", ERDOGAN)) == [
        "President", None]

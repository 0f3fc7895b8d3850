"""Leader meetings as publication-date evidence (``storyline.time.meetings``).

Texts are invented; the meetings are rows of the shipped table."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.actors.offices import load_offices
from storyline.clean.pubdate import infer_publication
from storyline.time.meetings import _MEETING, find_meeting_clues, load_meetings

LATEST = date(2026, 1, 1)


def test_table_rows_are_well_formed_and_name_known_leaders() -> None:
    meetings = load_meetings()
    people = {term.person for term in load_offices().terms}
    assert len(meetings) >= 100
    assert list(meetings) == sorted(meetings, key=lambda m: (m.start, m.end))
    for meeting in meetings:
        assert meeting.start <= meeting.end and meeting.places and len(meeting.country) == 3
        assert len(meeting.participants) >= 2 and meeting.participants <= people, meeting
        assert meeting.source.startswith("https://")


def test_lead_place_and_last_meeting_date_the_story_to_one_day() -> None:
    text = ("ANKARA, Turkey: President Recep Tayyip Erdogan hosted Russian President Vladimir "
            "Putin for talks on Thursday on the war in Syria and on energy.\n\n"
            "The two leaders last met in Sochi in May, when they discussed a ceasefire.")
    kinds = {c.kind: c for c in find_meeting_clues(text, LATEST)}
    assert set(kinds) == {"meeting", "last_meeting"}
    assert [s[2] for s in kinds["last_meeting"].spans] == [date(2017, 9, 28)]  # the next one
    inference = infer_publication(text, now=LATEST)
    assert inference is not None and inference.day == date(2017, 9, 28)
    assert {"meeting", "last_meeting", "weekday"} <= {c.rule for c in inference.used}


def test_a_title_the_leader_no_longer_held_rules_the_meetings_out() -> None:
    # Erdogan was prime minister until August 2014: no listed Ankara meeting with Putin fits.
    text = ("ANKARA, Turkey: Prime Minister Recep Tayyip Erdogan and Russian President Vladimir "
            "Putin held talks on Monday.")
    assert find_meeting_clues(text, LATEST) == []


def test_places_outside_the_lead_or_without_a_meeting_are_background() -> None:
    filler = "Officials described the economy, trade and energy at length. " * 20
    late = ("Vladimir Putin and Recep Tayyip Erdogan spoke by phone. " + filler
            + "Talks in Sochi are planned.")
    assert find_meeting_clues(late, LATEST) == []
    no_meeting = "SOCHI, Russia: Vladimir Putin said Recep Tayyip Erdogan was right."
    assert find_meeting_clues(no_meeting, LATEST) == []


def test_a_month_in_the_sentence_must_be_the_meetings_month() -> None:
    text = ("Vladimir Putin and Recep Tayyip Erdogan spoke on Friday. "
            "The pair last met in Ankara in March.")
    assert find_meeting_clues(text, LATEST) == []  # no listed Ankara meeting of theirs in March


def test_meetings_after_the_latest_day_are_not_candidates() -> None:
    text = "SOCHI, Russia: Vladimir Putin and Recep Tayyip Erdogan held talks on Friday."
    clues = find_meeting_clues(text, date(2017, 6, 1))
    assert clues and all(s[2] <= date(2017, 6, 1) for c in clues for s in c.spans)


def test_a_meeting_named_with_its_year_is_background() -> None:
    text = ("Vladimir Putin and Donald Trump have not held talks since the 2018 summit in "
            "Helsinki, officials said on Friday.")
    assert find_meeting_clues(text, LATEST) == []


@pytest.mark.parametrize(("text", "kinds"), [
    # a place inside a longer name, or opening a line that is no dateline: no clue
    ("Barack Obama, who has met Recep Tayyip Erdogan many times, said in an interview with the "
     "Washington Post on Tuesday that talks would go on.", []),
    ("Washington, meanwhile, said Donald Trump and Vladimir Putin had held talks.", []),
    # "met last week in Helsinki" reports the meeting; it is not a look back
    ("Donald Trump said on Friday that he and Vladimir Putin met last week in Helsinki and had "
     "a good talk.", ["meeting"]),
    # a weekday after the place, a place that ends a headline line, a Reuters dateline
    ("Vladimir Putin and Recep Tayyip Erdogan held talks in Sochi Monday about Syria.",
     ["meeting"]),
    ("Putin and Erdogan hold talks in Sochi\nRussian President Vladimir Putin and Turkish "
     "President Recep Tayyip Erdogan met on Monday.", ["meeting"]),
    ("SOCHI, Russia, Nov 13 (Reuters) - Vladimir Putin and Recep Tayyip Erdogan held talks.",
     ["meeting"]),
    # a joint dateline's first town is where a reporter filed, not where the leaders met
    ("SOCHI/ANKARA (Reuters) - Vladimir Putin and Recep Tayyip Erdogan held talks by phone.",
     []),
])
def test_which_mentions_of_a_meeting_place_are_clues(text: str, kinds: list[str]) -> None:
    assert [c.kind for c in find_meeting_clues(text, LATEST)] == kinds


def test_a_count_that_looks_like_a_year_does_not_silence_the_lead() -> None:
    text = ("SOCHI, Russia: Vladimir Putin and Recep Tayyip Erdogan held talks on Monday about "
            "some 2000 fighters still in the province.")
    assert [c.kind for c in find_meeting_clues(text, LATEST)] == ["meeting"]


def test_meetings_before_2014_date_the_diplomacy_of_the_syrian_war() -> None:
    stories = {
        "Russian President Vladimir Putin and Turkish Prime Minister Recep Tayyip Erdogan held "
        "talks in Istanbul on Monday, agreeing to disagree on Syria.": date(2012, 12, 3),
        "President Barack Obama and Russian President Dmitry Medvedev met in Seoul on Monday on "
        "the sidelines of the nuclear summit.": date(2012, 3, 26),
    }
    for text, day in stories.items():
        inference = infer_publication(text, now=LATEST)
        assert inference is not None and inference.day == day, text
        assert "meeting" in {c.rule for c in inference.used}


_MEETING_WORDS = ("met", "meet", "meets", "meeting", "meetings", "talks", "summit", "summits",
                  "hosted", "hosts", "hosting", "visit", "visits", "visited", "visiting")
_FLAT = re.compile(rf"\b(?:{'|'.join(_MEETING_WORDS)})\b", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_MEETING_WORDS, "mee", "meetin", "host", "visitor", "talk",
                                 "summ", "me", "mets", "MEETS", "Visited", "_", ".", " ", "x"]),
                max_size=8).map("".join))
def test_meetings_gate_finds_the_words_a_flat_alternation_finds(text: str) -> None:
    """The gate's pattern is factored for speed; it matches where the word list does."""
    flat, factored = _FLAT.search(text), _MEETING.search(text)
    assert (flat and flat.span()) == (factored and factored.span())

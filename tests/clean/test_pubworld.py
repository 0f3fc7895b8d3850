"""World-knowledge clues for publication dates (storyline.clean.pubworld). Invented sentences."""

from __future__ import annotations

from datetime import date

from storyline.clean.pubdate import infer_publication
from storyline.clean.pubworld import office_clues, world_clues

NOW = date(2026, 6, 1)


def test_office_clue_spans_each_term_of_the_stated_office() -> None:
    text = "Prime Minister Vladimir Putin opened the new bridge, his office said."
    (clue,) = office_clues(text, NOW)
    assert clue.rule == "office" and not clue.anchor
    assert [(first, last) for first, last, _ in clue.spans] == [
        (date(1999, 8, 16), date(2000, 5, 7)), (date(2008, 5, 8), date(2012, 5, 7))]


def test_office_clue_counts_a_repeated_holder_once() -> None:
    text = ("Russian President Dmitry Medvedev met students. Later, President Dmitry Medvedev "
            "visited a factory.")
    assert len(list(office_clues(text, NOW))) == 1


def test_former_holder_gives_no_office_clue() -> None:
    assert list(office_clues("Former President Dmitry Medvedev spoke to students.", NOW)) == []


def test_conflict_age_is_an_anchor_span() -> None:
    (clue,) = world_clues("Aid groups warned that Syria's six-year war had emptied the villages.",
                          NOW)
    first, last, _ = clue.spans[0]
    assert clue.rule == "conflict_age" and clue.anchor
    assert first <= date(2017, 6, 1) <= last


def test_veto_opens_a_short_span_after_each_candidate() -> None:
    text = "The minister defended the Russian-Chinese veto of the resolution on Syria."
    (clue,) = world_clues(text, NOW)
    firsts = {first for first, _, _ in clue.spans}
    assert date(2012, 2, 4) in firsts
    assert all((last - first).days <= 14 for first, last, _ in clue.spans)


def test_office_and_age_and_weekday_date_an_undated_story() -> None:
    text = ("Russian President Dmitry Medvedev spoke on Thursday with Turkish Prime Minister "
            "Recep Tayyip Erdogan about the Syrian government's 11-month crackdown on protesters, "
            "the Kremlin said.")
    inference = infer_publication(text, now=NOW)
    assert inference is not None
    assert date(2012, 1, 30) <= inference.day <= date(2012, 3, 14)
    assert inference.day.weekday() == 3
    assert {"office", "conflict_age", "weekday"} <= {c.rule for c in inference.used}


def test_office_alone_dates_nothing() -> None:
    assert infer_publication("Russian President Dmitry Medvedev spoke on Thursday.", now=NOW) is None


def test_conflict_age_of_an_ended_conflict_does_not_move_with_the_clock() -> None:
    # an open span clipped at ``now`` has a middle that moves with ``now``: the age's own
    # reading is the day to aim at
    text = "Angola's 27-year civil war ended in peace."
    middles = {next(iter(world_clues(text, now))).spans[0][2] for now in (NOW, date(2040, 1, 1))}
    assert len(middles) == 1 and date(2002, 11, 1) <= middles.pop() <= date(2003, 6, 30)

"""World-knowledge clues: conflict ages and Security Council vetoes (example sentences are ours)."""

from __future__ import annotations

import re
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.time.worldclues import (
    HORIZON,
    WorldClue,
    find_world_clues,
    load_conflicts,
    load_vetoes,
)

_P5 = {"CHN", "FRA", "GBR", "RUS", "USA"}
_ISO3 = re.compile(r"[A-Z]{3}")


def _one(text: str, kind: str) -> WorldClue:
    clues = [c for c in find_world_clues(text) if c.kind == kind]
    assert len(clues) == 1, clues
    return clues[0]


def test_worldclues_conflict_table_well_formed() -> None:
    conflicts = load_conflicts()
    assert 40 <= len(conflicts) <= 90
    assert [c.start for c in conflicts] == sorted(c.start for c in conflicts)
    assert len({c.key for c in conflicts}) == len(conflicts)
    for conflict in conflicts:
        assert conflict.source.startswith("https://"), conflict.key
        assert conflict.names and conflict.adjectives, conflict.key
        assert all(_ISO3.fullmatch(code) for code in conflict.countries), conflict.key
        assert conflict.end is None or conflict.start <= conflict.end <= HORIZON, conflict.key
        assert conflict.end is None or conflict.end >= date(1990, 1, 1), conflict.key


def test_worldclues_veto_table_well_formed() -> None:
    vetoes = load_vetoes()
    assert 40 <= len(vetoes) <= 90
    assert [v.day for v in vetoes] == sorted(v.day for v in vetoes)
    for veto in vetoes:
        assert date(1990, 1, 1) <= veto.day <= HORIZON
        assert veto.vetoed_by and veto.vetoed_by <= _P5, veto
        assert veto.subjects, veto
        assert veto.source.startswith("https://"), veto
        assert not veto.draft or re.fullmatch(r"S/(?:\d{4}/)?\d+", veto.draft), veto
    drafts = [v.draft for v in vetoes if v.draft]
    assert len(drafts) == len(set(drafts))


def test_worldclues_six_year_war_dates_2017() -> None:
    clue = _one("Millions have fled Syria's six-year war, the agency said.", "conflict_age")
    assert date(2016, 9, 1) <= clue.lo <= date(2017, 3, 15) <= date(2018, 3, 1) <= clue.hi
    assert clue.hi <= date(2018, 3, 31)
    assert "syrian_civil_war" in clue.evidence


def test_worldclues_month_crackdown_named_after_dates_february_2012() -> None:
    clue = _one("The 11-month crackdown on protesters by Syrian troops has killed thousands.",
                "conflict_age")
    assert date(2012, 1, 15) <= clue.lo <= date(2012, 2, 15) <= clue.hi <= date(2012, 3, 31)


def test_worldclues_word_numbers_equal_digits() -> None:
    words = _one("The eleven-month uprising in Syria shows no sign of ending.", "conflict_age")
    digits = _one("The 11-month uprising in Syria shows no sign of ending.", "conflict_age")
    assert (words.lo, words.hi) == (digits.lo, digits.hi)
    assert _one("Kashmir's thirty-year insurgency goes on.", "conflict_age").lo.year == 2019


def test_worldclues_hyphen_and_phrase_variants_agree() -> None:
    texts = ("Syria's six year war goes on.", "Syria's six-year-old war goes on.",
             "Syria's six-year-long conflict goes on.", "After six years of war, Syrians are tired.",
             "The six-year Syrian civil war goes on.", "Syria’s six-year war goes on.")
    spans = {(_one(t, "conflict_age").lo, _one(t, "conflict_age").hi) for t in texts}
    assert spans == {(date(2016, 9, 15), date(2018, 3, 14))}


def test_worldclues_in_its_nth_year_is_one_year_wide() -> None:
    clue = _one("The war in Syria, now in its seventh year, has displaced millions.", "conflict_age")
    assert (clue.lo, clue.hi) == (date(2017, 3, 15), date(2018, 3, 14))


def test_worldclues_ambiguous_conflict_gives_no_clue() -> None:
    # Iraq 2003 and the war against Islamic State from 2014 both fit "three-year war".
    assert find_world_clues("Iraq's three-year war has cost billions.") == []
    assert find_world_clues("Ukraine's three-year war drags on.") == []


def test_worldclues_specific_words_resolve_a_shared_country() -> None:
    clue = _one("Russia's three-year war in Ukraine has reshaped Europe.", "conflict_age")
    assert "russian_invasion_of_ukraine" in clue.evidence
    assert "darfur_war" in _one("Sudan's three-year conflict in Darfur goes on.", "conflict_age").evidence


def test_worldclues_whole_length_of_ended_conflict_leaves_upper_bound_open() -> None:
    clue = _one("Angola's 27-year civil war ended in peace.", "conflict_age")
    assert clue.lo <= date(2002, 4, 4) and clue.hi == date.max


def test_worldclues_age_of_a_person_or_compound_is_not_a_conflict_age() -> None:
    assert find_world_clues("A 12-year-old Syrian war orphan spoke to us.") == []
    assert find_world_clues("He served a five-year sentence after the Syrian war began.") == []
    assert find_world_clues("A five-year plan to end the war in Syria was unveiled.") == []


def test_worldclues_unknown_or_unnamed_conflict_gives_no_clue() -> None:
    assert find_world_clues("The six-year war has exhausted everyone.") == []
    assert find_world_clues("Syria's two-decade war.") == []  # later than the tables reach


def test_worldclues_hypothetical_veto_gives_no_clue() -> None:
    for text in ("Russia would veto any resolution on Syria, diplomats said.",
                 "Russia threatened to veto the draft on Syria.",
                 "China will veto the Syria text.",
                 "Russia holds veto power over any action on Syria.",
                 "Russia, which holds a veto, protects Syria."):
        assert find_world_clues(text) == [], text


def test_worldclues_russian_chinese_veto_on_syria_lists_joint_vetoes() -> None:
    clue = _one("The Russian-Chinese veto of the resolution on Syria drew anger.", "veto")
    assert {date(2011, 10, 4), date(2012, 2, 4)} <= set(clue.candidates)
    assert date(2016, 10, 8) not in clue.candidates  # Russia alone
    us_only = {v.day for v in load_vetoes() if v.vetoed_by == {"USA"}}
    assert not us_only & set(clue.candidates)
    assert (clue.lo, clue.hi, clue.recent) == (date(2011, 10, 4), date.max, None)


def test_worldclues_veto_caster_not_sponsor_or_critic() -> None:
    by = _one("A US-drafted resolution on Syria was vetoed by Russia.", "veto")
    said = _one("The United States said the Russian-Chinese veto on Syria was shameful.", "veto")
    assert date(2016, 10, 8) in by.candidates and date(2016, 10, 8) not in said.candidates
    assert find_world_clues("Russia vetoed a resolution.") == []  # no subject


def test_worldclues_us_veto_on_gaza_excludes_russian_vetoes() -> None:
    clue = _one("Washington vetoed the draft, which called for a ceasefire in Gaza.", "veto")
    assert date(2023, 12, 8) in clue.candidates and date(2024, 3, 22) not in clue.candidates


def test_worldclues_veto_count_drops_earlier_candidates() -> None:
    clue = _one("Russia cast its fourth veto on Syria on Saturday.", "veto")
    assert clue.lo == date(2014, 5, 22)


def test_worldclues_single_candidate_veto_is_recent() -> None:
    clue = _one("China vetoed the plan to send observers to Guatemala.", "veto")
    assert clue.candidates == (date(1997, 1, 10),) and clue.recent == date(1997, 1, 10)


def test_worldclues_clue_offsets_cover_the_phrase() -> None:
    text = "Aid workers said on Monday that Syria's six-year war had displaced millions."
    clue = _one(text, "conflict_age")
    assert text[clue.start:clue.end] == "six-year war"


def test_worldclues_plain_article_is_fast() -> None:
    sentence = ("The minister said last year that the budget talks, held years ago in the capital, "
                "would resume next month after a week of meetings with union leaders. ")
    article = (sentence * 40)[:5000]
    find_world_clues(article)
    best = min(_timed(article) for _ in range(20))
    assert best < 0.001, best


def _timed(text: str) -> float:
    begin = time.perf_counter()
    find_world_clues(text)
    return time.perf_counter() - begin


_WORDS = st.sampled_from(["Syria's", "six-year", "war", "veto", "vetoed", "Russia", "in", "its",
                          "seventh", "year", "U.S.", "eleven-month", "crackdown", ".", "\n", "years",
                          "of", "Gaza", "İ", "Chinese", "would", "by", "27-year", "Angola's"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.text(max_size=40))
def test_worldclues_any_text_gives_valid_deterministic_clues(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    clues = find_world_clues(text)
    assert clues == find_world_clues(text)
    for clue in clues:
        assert 0 <= clue.start < clue.end <= len(text)
        assert clue.lo <= clue.hi and clue.kind in ("conflict_age", "veto")


def test_worldclues_ended_conflicts_age_keeps_its_own_reading() -> None:
    # Angola's civil war began in November 1975: 27 years old from November 2002, so the
    # reading's middle is May 2003, even though the span is left open for "the whole length"
    clue = _one("Angola's 27-year civil war ended in peace.", "conflict_age")
    assert clue.target is not None and clue.lo <= clue.target
    assert date(2002, 11, 1) <= clue.target <= date(2003, 6, 30)

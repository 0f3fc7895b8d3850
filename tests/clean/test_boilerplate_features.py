from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.linefeatures import FEATURE_NAMES, LineStats, line_features, main_block
from storyline.clean.linerules import non_latin_share, page_non_latin_share

PROSE = "The minister said on Tuesday that the talks would resume in the capital next week."
MENU = ["Home", "World", "Sport", "Weather"]


def _row(lines: list[str], i: int, stats: LineStats | None = None) -> dict[str, float]:
    return dict(zip(FEATURE_NAMES, line_features(lines, stats)[i], strict=True))


def test_line_features_one_row_per_line_of_every_feature() -> None:
    rows = line_features(MENU + [PROSE])
    assert len(rows) == 5
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)


def test_line_features_word_counts_and_sentence_ending() -> None:
    prose, menu = _row([PROSE, "Home"], 0), _row([PROSE, "Home"], 1)
    assert prose["terminal"] == 1.0 and prose["log_words"] > 2.5 and prose["prose"] == 1.0
    assert menu["terminal"] == 0.0 and menu["log_words"] < 1.0 and menu["title_case"] == 1.0


def test_line_features_link_like_tokens_and_separators() -> None:
    row = _row(["Follow us at www.example.org | Contact | Jobs"], 0)
    assert row["link_like"] == 1.0
    assert row["separator"] > 0.0
    assert row["starts_interface"] == 1.0


def test_line_features_count_a_sites_notice_vocabulary_anywhere_in_a_line() -> None:
    notice = ("By clicking Sign Up you consent to receive our newsletter and accept the use of "
              "cookies described in our privacy policy.")
    assert _row([notice], 0)["chrome_words"] >= 5
    assert _row([PROSE], 0)["chrome_words"] == 0.0
    story = "Regulators said the new privacy rules would change how advertising works online."
    assert _row([story], 0)["chrome_words"] == 0.0


def test_line_features_see_the_rows_of_a_list_and_the_period_of_its_copies() -> None:
    lines = [PROSE, "June 9 -- Coral Arena, Tampa, FL", "June 10 -- Bay Pavilion, Camden, NJ",
             "Aug. 2 -- Music Theatre, Clarkston, MI", "Buy Now", PROSE, "Buy Now"]
    rows = [_row(lines, i) for i in range(len(lines))]
    assert rows[1]["same_shape3"] == pytest.approx(1 / 4)  # June 10 (Aug. has a full stop)
    assert rows[2]["same_shape3"] == pytest.approx(1 / 5)
    assert rows[1]["log_shape_gap"] == pytest.approx(math.log1p(1))
    assert rows[4]["log_copy_gap"] == pytest.approx(math.log1p(2))
    assert rows[0]["log_copy_gap"] == pytest.approx(math.log1p(5))  # PROSE again at 5
    assert rows[3]["log_copy_gap"] == pytest.approx(math.log1p(50))  # held once: capped
    assert rows[5]["repeated_mean5"] > 0.0


def test_line_features_rules_become_flags() -> None:
    lines = ["© Photo/Jane Doe", "Updated: 3 Mar 2019 10:15", PROSE]
    assert _row(lines, 0)["rule_photo_credit"] == 1.0
    assert _row(lines, 1)["rule_date_stamp"] == 1.0
    assert all(_row(lines, 2)[f"rule_{r}"] == 0.0 for r in ("photo_credit", "date_stamp"))


def test_line_features_place_before_headline_and_after_prose() -> None:
    lines = ["Example Daily", "Ministers agree to meet again on the river dispute", PROSE, PROSE,
             "Tags"]
    assert _row(lines, 0)["before_title"] == 1.0
    assert _row(lines, 1)["is_title"] == 1.0
    assert _row(lines, 4)["after_prose"] == 1.0
    assert _row(lines, 3)["later_repeat"] == 1.0 and _row(lines, 2)["later_repeat"] == 0.0


def test_line_features_function_words_relative_to_the_page() -> None:
    lines = [PROSE, "Sport Weather Markets"]
    assert _row(lines, 0)["function_words"] > 0 > _row(lines, 1)["function_words"]
    # A page in a language the word list lacks is not a page of menus.
    assert _row(["Съешь же ещё этих мягких французских булок."], 0)["function_words"] == 0.0


def test_line_features_body_overlap_tells_a_table_cell_from_a_menu() -> None:
    lines = ["Weather", "Garrett and Ogunjobi played most of the snaps against Pittsburgh on Sunday.",
             "Myles Garrett", "Subscribe", "Ogunjobi had a sack and two hits on the quarterback."]
    cell, menu = _row(lines, 2), _row(lines, 3)
    assert cell["body_overlap"] == 0.5 and cell["log_body_shared"] == math.log1p(1)
    assert menu["body_overlap"] == 0.0 == _row(lines, 0)["body_overlap"]
    # A sentence does not count its own words: "Ogunjobi" is in the other one, "sack" is not.
    assert 0.0 < _row(lines, 4)["body_overlap"] < 0.5


def test_main_block_is_the_densest_stretch_of_running_text() -> None:
    lines = MENU + [PROSE, "Advertisement", PROSE, PROSE] + MENU
    assert main_block(lines) == (4, 7)
    assert main_block(MENU) == (0, -1)


def test_line_features_headline_shape_and_comment_headers() -> None:
    lines = [PROSE, "Ministers agree to meet again on the river dispute", PROSE,
             "riverfan says:", "March 3, 2019 at 10:15 am", "I think they should have met sooner."]
    assert _row(lines, 1)["headline_like"] == 1.0 and _row(lines, 0)["headline_like"] == 0.0
    assert _row(lines, 3)["comment_marker"] == 1.0 and _row(lines, 3)["date_like_next1"] == 1.0
    assert _row(lines, 4)["date_like"] == 1.0 and _row(lines, 5)["comment_marker"] == 0.0


def test_line_features_count_the_comment_thread_above() -> None:
    lines = [PROSE, PROSE, "12 thoughts on “Ministers agree to meet again on the river dispute”",
             "riverfan", "March 3, 2019 at 10:15 am", "I think they should have met sooner.",
             "[ 4 comments ]", "Top Rated Comments"]
    assert _row(lines, 2)["comment_marker"] == 1.0
    assert _row(lines, 6)["comment_marker"] == 1.0 and _row(lines, 7)["comment_marker"] == 1.0
    assert _row(lines, 1)["log_comment_marks_above"] == 0.0
    assert _row(lines, 5)["log_comment_marks_above"] == math.log1p(1)
    assert _row(lines, 4)["log_stamps_above"] == 0.0
    assert _row(lines, 5)["log_stamps_above"] == math.log1p(1)


def test_a_dated_comment_header_is_a_comment_marker_however_long_the_name() -> None:
    lines = [PROSE, "Catherine (Example Foundation) on September 13, 2018 at 5:23 pm said:",
             "I think they should have met sooner.", "© Photo/Jane Doe"]
    assert _row(lines, 1)["comment_marker"] == 1.0
    assert _row(lines, 2)["comment_marker_prev1"] == 1.0
    assert _row(lines, 2)["rule_photo_credit_next1"] == 1.0
    assert _row(lines, 3)["rule_photo_credit_prev1"] == 0.0
    lost_stop = "Ministers met in the capital on March 3, 2019 to resume talks, officials said"
    assert _row([PROSE, lost_stop], 1)["comment_marker"] == 0.0


def test_line_features_count_words_of_scripts_written_without_spaces() -> None:
    japanese = "このご時世パスワードの強化は非常に重要なことであり、管理ソフトは不可欠です。"
    row = _row([japanese], 0)
    assert row["terminal"] == 1.0 and row["prose"] == 1.0
    assert row["log_words"] > math.log1p(30)


def test_loose_block_bridges_a_table_between_paragraphs() -> None:
    lines = [PROSE, *(["DL", "Larry Smith", "63"] * 2), PROSE] + MENU
    rows = [_row(lines, i) for i in range(len(lines))]
    assert [r["in_loose_block"] for r in rows] == [1.0] * 8 + [0.0] * 4
    # the stricter block takes one paragraph only: six short lines cost more than it scores
    assert [r["in_main_block"] for r in rows[:8]] == [1.0] + [0.0] * 7


def test_line_features_see_the_lines_around() -> None:
    lines = ["Home", PROSE, "A short line", PROSE, "Sport"]
    row = _row(lines, 2)
    assert row["sentence_prev1"] == 1.0 and row["sentence_next1"] == 1.0
    assert row["log_words_prev2"] == _row(lines, 0)["log_words"]
    assert _row(lines, 0)["log_words_prev1"] == -1.0  # beyond the start
    assert row["log_prose_above"] == row["log_prose_below"] == math.log1p(1)
    assert _row(lines, 0)["log_prose_above"] == math.log1p(50)  # none: capped


def _kadane(weights: list[int], penalty: int) -> tuple[int, int]:
    best, span, total, start = 0, (0, -1), 0, 0
    for i, weight in enumerate(weights):
        value = weight or -penalty
        total, start = (value, i) if total <= 0 else (total + value, start)
        if total > best:
            best, span = total, (start, i)
    return span


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 0, 0, 6, 9, 14, 30]), max_size=30),
       st.sampled_from([4, 12, 24]))
def test_main_block_matches_a_plain_scan(weights: list[int], penalty: int) -> None:
    words = "one two three four five six seven eight nine ten eleven twelve thirteen".split()
    lines = [" ".join((words * 3)[:w]) + "." if w else "Menu" for w in weights]
    assert main_block(lines, penalty) == _kadane(weights, penalty)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), max_size=8))
def test_page_non_latin_share_matches_the_whole_text(lines: list[str]) -> None:
    assert page_non_latin_share(lines) == pytest.approx(non_latin_share(lines))


def test_alternation_marks_teaser_lists() -> None:
    teasers = []
    for n in range(4):
        teasers += [f"Headline number {n} about the river dispute",
                    f"A short summary of story {n} that ends with a full stop here."]
    article = [PROSE] * 8
    assert _row(teasers, 4)["alternation"] > 0.5
    assert _row(article, 4)["alternation"] == 0.0


STORIES = [
    "The harbour master said fishing boats would stay in port until the wind drops below gale "
    "force, perhaps for the rest of the week.",
    "Schools in the northern district opened late because buses could not cross the flooded "
    "bridge over the river on Monday morning.",
    "Farmers along the river reported losses of livestock and asked the council for emergency "
    "feed and for help with fencing.",
]


def test_line_stats_count_other_documents_only() -> None:
    docs = [f"{story}\nSubscribe to our newsletter\nSport" for story in STORIES]
    stats = LineStats.from_corpus(docs + ["Weather\nSport"])
    lines = docs[0].splitlines()
    assert _row(lines, 0, stats)["corpus_seen"] == 0.0
    shared = _row(lines, 1, stats)
    assert shared["corpus_seen"] == 1.0 and shared["corpus_share"] == pytest.approx(2 / 3)
    assert _row(lines, 2, stats)["corpus_log_docs"] == pytest.approx(math.log1p(3))


def test_line_stats_ignore_what_copies_of_a_story_share() -> None:
    docs = [f"{STORIES[0]}\n{PROSE}\nSubscribe to our newsletter" for _ in range(3)]
    stats = LineStats.from_corpus(docs)
    assert all(_row(docs[0].splitlines(), i, stats)["corpus_seen"] == 0.0 for i in range(3))


def test_line_stats_document_outside_the_corpus_counts_every_copy() -> None:
    stats = LineStats.from_corpus(["Menu\nOne story.", "Menu\nAnother story."])
    row = _row(["Menu", "A third story, not in the corpus."], 0, stats)
    assert row["corpus_log_docs"] > _row(["Menu", "One story."], 0, stats)["corpus_log_docs"]


def test_line_features_without_stats_have_no_corpus_signal() -> None:
    row = _row(["Subscribe to our newsletter", PROSE], 0)
    assert (row["corpus_seen"], row["corpus_log_docs"], row["corpus_share"]) == (0.0, 0.0, 0.0)

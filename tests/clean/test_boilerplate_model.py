from __future__ import annotations

import json
import math
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.boilerplate import MODEL_FILE, LineStats, classify_lines
from storyline.clean.lineclassifier import LineModel, load_model
from storyline.clean.lineconv import decode_array
from storyline.clean.linefeatures import FEATURE_NAMES, line_features, line_key
from storyline.errors import ConfigError

ARTICLE = [
    "Home | World | Business | Sport | Weather",
    "Storm closes the coastal road for a second day",
    "Flooding closed the coastal road on Monday after two days of heavy rain, officials said.",
    "Engineers expect to reopen one lane by Thursday once the water recedes and the surface "
    "has been checked for damage.",
    "Residents were advised to use the inland route through the valley until further notice.",
    "Share this article",
    "Terms of use | Privacy policy | Cookie settings",
]
PROMO = "Get the morning briefing delivered to your inbox every weekday."
STORIES = [
    "The harbour master said fishing boats would stay in port until the wind drops below gale.",
    "Schools in the northern district opened late because buses could not cross the bridge.",
    "Farmers along the river reported losses of livestock and asked the council for feed.",
    "A football match planned for Saturday was moved to an indoor hall across town.",
]


def _kept(lines: list[str], stats: LineStats | None = None) -> list[str]:
    return [v.text for v in classify_lines(lines, stats=stats)[1] if v.keep]


def test_shipped_model_loads_with_the_current_features() -> None:
    model = load_model(MODEL_FILE)
    assert model.features == FEATURE_NAMES
    assert 0.0 < model.threshold < 1.0


def test_shipped_model_drops_a_menu_line_and_keeps_prose() -> None:
    model = load_model(MODEL_FILE)
    verdicts = model.keep(line_features(ARTICLE))
    assert verdicts[0][0] is False
    assert verdicts[2][0] is True and verdicts[3][0] is True


def test_classify_lines_keeps_the_body_and_names_the_chrome() -> None:
    title, verdicts = classify_lines(ARTICLE)
    reasons = {v.text: v.reason for v in verdicts}
    assert title == ARTICLE[1]
    assert [v.text for v in verdicts if v.keep] == ARTICLE[2:5]
    assert reasons[ARTICLE[0]] == "before_title"
    assert reasons[ARTICLE[5]] == "interface"
    assert reasons[ARTICLE[6]] == "legal"


def test_classify_lines_drops_a_line_the_corpus_repeats() -> None:
    docs = ["\n".join(["Storm closes the coastal road", story, PROMO]) for story in STORIES]
    lines = docs[0].splitlines()
    assert PROMO in _kept(lines)
    stats = LineStats.from_corpus(docs)
    assert _kept(lines, stats) == [STORIES[0]]
    reasons = {v.text: v.reason for v in classify_lines(lines, stats=stats)[1]}
    assert reasons[PROMO] == "corpus_repeat"


def test_classify_lines_keeps_what_copies_of_a_story_share() -> None:
    shared = ARTICLE[2:5]
    docs = ["\n".join(["Storm closes the coastal road", *shared, story]) for story in STORIES]
    kept = _kept(docs[0].splitlines(), LineStats.from_corpus(docs))
    assert kept == [*shared, STORIES[0]]


def test_classify_lines_drops_another_documents_headline() -> None:
    headlines = ["Storm closes the coastal road for a second day",
                 "Harbour stays shut as the gale blows on",
                 "Northern schools open late after the bridge closes",
                 "Farmers count their losses along the river"]
    docs = ["\n".join([headline, story]) for headline, story in zip(headlines, STORIES,
                                                                     strict=True)]
    # The first story links to the third inline, between its paragraphs.
    lines = [headlines[0], ARTICLE[2], headlines[2], ARTICLE[3]]
    docs[0] = "\n".join(lines)
    stats = LineStats.from_corpus(docs)
    verdicts = classify_lines(lines, stats=stats)[1]
    assert [(v.keep, v.reason) for v in verdicts] == [
        (False, "title"), (True, ""), (False, "related_title"), (True, "")]
    # A document's own headline is not another's: the third story keeps its title as title.
    third = docs[2].splitlines()
    assert stats.other_titles([line_key(line) for line in third]) == [0, 0]
    assert classify_lines(third, stats=stats)[0] == headlines[2]
    # A record's title field stands for the headline line the text may lack.
    given = LineStats.from_corpus(docs[1:], ["Tide tables for the coming week", None, None])
    assert given.titles.get("tide tables for the coming week") == 1


def test_classify_lines_duplicates_differ_in_digits() -> None:
    lines = ["Results for 2019 show that exports rose by a fifth in the first half of the year.",
             "Results for 2018 show that exports rose by a fifth in the first half of the year.",
             "Results for 2019 show that exports rose by a fifth in the first half of the year."]
    verdicts = classify_lines(lines)[1]
    assert [v.reason for v in verdicts] == ["", "", "duplicate"]


def test_classify_lines_extracted_keeps_short_repeats() -> None:
    long = ("The committee will publish its findings in the spring, after hearing evidence from "
            "farmers, engineers and the water company about the causes of the flood.")
    lines = ["1 cup rice", "Step 2", "1 cup rice", long, long]
    verdicts = classify_lines(lines, extracted=True)[1]
    assert [v.keep for v in verdicts] == [True, True, True, True, False]


def _stump(**changes: object) -> dict[str, object]:
    """A one-feature model of one depth-1 tree: +2 above 0.5, -2 below."""
    return {"name": "x", "bias": 0.0, "threshold": 0.5, "features": ["a"],
            "trees": [{"split": [[0, 0.5]], "leaves": [-2.0, 2.0]}]} | changes


def test_line_model_from_dict_rejects_a_malformed_file() -> None:
    with pytest.raises(ConfigError):
        LineModel.from_dict(_stump(bias=None))
    with pytest.raises(ConfigError):  # a split on a feature the file does not list
        LineModel.from_dict(_stump(trees=[{"split": [[1, 0.5]], "leaves": [-2.0, 2.0]}]))
    with pytest.raises(ConfigError):  # three leaves for one question
        LineModel.from_dict(_stump(trees=[{"split": [[0, 0.5]], "leaves": [-2.0, 2.0, 0.0]}]))


def test_line_model_scores_trees_and_refuses_other_features() -> None:
    model = LineModel.from_dict(_stump())
    assert model.keep([[2.0], [-2.0]]) == [(True, pytest.approx(0.8808, abs=1e-4)),
                                           (False, pytest.approx(0.1192, abs=1e-4))]
    with pytest.raises(ConfigError):
        model.check(FEATURE_NAMES)


def test_line_model_reads_split_answers_as_bits() -> None:
    model = LineModel.from_dict(_stump(features=["a", "b"], trees=[
        {"split": [[0, 0.5], [1, 0.5]], "leaves": [0.0, 1.0, 2.0, 3.0]}]))
    z = [math.log(p / (1 - p)) for p in model.probability([[0, 0], [1, 0], [0, 1], [1, 1]])]
    assert z == pytest.approx([0.0, 1.0, 2.0, 3.0])


def _arrays(value: object) -> list[dict[str, object]]:
    """Every encoded array (``{"shape", "float32"}``) inside a conv model's JSON."""
    if isinstance(value, dict):
        if set(value) == {"shape", "float32"}:
            return [value]
        return [a for v in value.values() for a in _arrays(v)]
    if isinstance(value, list):
        return [a for v in value for a in _arrays(v)]
    return []


def test_shipped_model_file_holds_numbers_only() -> None:
    data = json.loads(resources.files("storyline.clean").joinpath("data", MODEL_FILE)
                      .read_text(encoding="utf-8"))
    strings = {"name", "about", "trained_on", "kind"}
    parts = {"features", "trees", "nets", "mean", "scale", "dilations", "held_out"}
    assert all(isinstance(v, (int, float)) for k, v in data.items() if k not in strings | parts)
    assert data["features"] == list(FEATURE_NAMES)
    if data.get("kind", "trees") == "trees":
        assert all(isinstance(x, (int, float)) for tree in data["trees"]
                   for x in [*sum(tree["split"], []), *tree["leaves"]])
        return
    assert data["kind"] == "conv"
    assert all(isinstance(d, int) for d in data["dilations"])
    arrays = _arrays({k: data[k] for k in ("mean", "scale", "nets")})
    assert len(arrays) == 2 + len(data["nets"]) * (4 + 2 * len(data["dilations"]))
    assert all(np.all(np.isfinite(decode_array(a))) for a in arrays)
    assert not _arrays(data["held_out"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80).filter(str.strip), max_size=25))
def test_classify_lines_gives_one_verdict_per_line_deterministically(lines: list[str]) -> None:
    title, verdicts = classify_lines(lines)
    assert [v.text for v in verdicts] == lines
    assert classify_lines(lines) == (title, verdicts)
    assert title is None or title == lines[[v.reason for v in verdicts].index("title")].strip()


def test_line_stats_titles_one_per_text_and_copies_are_not_others() -> None:
    text = "\n".join(["Storm closes the coastal road", *STORIES[:2]])
    with pytest.raises(ValueError):
        LineStats.from_corpus([text, text], ["Storm closes the coastal road"])
    # Two copies of one text under two titles: neither title is "another document's" to it.
    stats = LineStats.from_corpus([text, text], ["Storm closes the coastal road",
                                                 "Coastal road shut by the storm"])
    assert stats.other_titles([line_key(line) for line in text.splitlines()]) == [0, 0, 0]
    assert stats.titles == {line_key("Storm closes the coastal road"): 1,
                            line_key("Coastal road shut by the storm"): 1}


_LINE = st.text(min_size=1, max_size=60).filter(lambda s: s.strip() and "\n" not in s
                                                  and "\r" not in s)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_LINE, min_size=1, max_size=8), min_size=1, max_size=6),
       st.lists(st.none() | _LINE, max_size=6))
def test_classify_lines_with_any_corpus_stats(docs: list[list[str]],
                                              titles: list[str | None]) -> None:
    texts = ["\n".join(doc) for doc in docs]
    titles = (titles + [None] * len(texts))[:len(texts)]
    stats = LineStats.from_corpus(texts, titles)
    for doc in docs:
        lines = [line for line in doc if line.strip()]
        verdicts = classify_lines(lines, stats=stats)[1]
        assert [v.text for v in verdicts] == lines
        assert all(v.keep == (v.reason == "") for v in verdicts)

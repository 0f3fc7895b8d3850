from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.evaluate.pubdate import (
    date_from_url,
    date_matches,
    judge_seeds,
    score,
    shared_dir,
)

BODY = (
    "<p>The two water ministers met on Tuesday in the border town to discuss the shared river "
    "and agreed to set up a joint commission that will report within three months.</p>"
    "<p>Officials on both sides said the commission would publish its findings and that farmers "
    "downstream would be consulted before any new dam is approved by either government.</p>"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2019/03/04/ministers-meet/", "2019-03-04"),
        ("https://example.org/news/2019/3/4/12345/ministers", "2019-03-04"),
        ("https://example.org/world/2021/mar/05/ministers-meet", "2021-03-05"),
        ("https://example.org/story/2020-02-29/ministers-meet", "2020-02-29"),
        ("https://example.org/ministers-meet-2019-03-04.html", "2019-03-04"),
        ("https://example.org/ministers-meet-20190304/", "2019-03-04"),
        ("https://example.org/2019/03/04/recap-of-2019-03-04", "2019-03-04"),
    ],
)
def test_date_from_url_reads_full_dates_in_the_path(url: str, expected: str) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/2019/11/ministers-meet",  # year and month only
        "https://example.org/201903041077343476-ministers",  # digits of a longer id
        "https://example.org/2019/02/30/ministers",  # no such day
        "https://example.org/ministers?date=2019-03-04",  # query, not path
        "https://example.org/2019/03/04/recap-2019-03-05",  # two different dates
        "https://example.org/articles/19/11/18/two-digit-year",  # ambiguous two-digit year
    ],
)
def test_date_from_url_refuses_partial_invalid_or_ambiguous_dates(url: str) -> None:
    assert date_from_url(url) is None


def test_date_matches_applies_tolerance_in_days() -> None:
    assert date_matches("2012-02-09", "2012-02-08", tolerance_days=1)
    assert date_matches("2012-02-07", "2012-02-08", tolerance_days=1)
    assert not date_matches("2012-02-10", "2012-02-08", tolerance_days=1)
    assert not date_matches("2012-02-09", "2012-02-08", tolerance_days=0)


def test_date_matches_reads_the_day_of_a_timestamp() -> None:
    assert date_matches("2016-12-28T14:08:00+03:00", "2016-12-28")


def test_date_matches_counts_missing_or_garbled_predictions_wrong() -> None:
    assert not date_matches(None, "2016-12-28", tolerance_days=30)
    assert not date_matches("", "2016-12-28", tolerance_days=30)
    assert not date_matches("last Tuesday", "2016-12-28", tolerance_days=30)


def test_date_matches_coarse_gold_accepts_any_day_inside_it() -> None:
    assert date_matches("2016-05-01", "2016")
    assert date_matches("2016-05-31", "2016-05")
    assert not date_matches("2017-01-01", "2016")


def test_shared_dir_is_the_nearest_ancestor_with_seeds(tmp_path: Path) -> None:
    gold_set = tmp_path / "shared" / "gold" / "some_set"
    gold_set.mkdir(parents=True)
    assert shared_dir(gold_set) is None
    (tmp_path / "shared" / "seeds").mkdir()
    assert shared_dir(gold_set) == (tmp_path / "shared").resolve()


def test_judge_seeds_skips_gracefully_without_expectations(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert judge_seeds(None) == []
    assert judge_seeds(tmp_path) == []


def test_judge_seeds_counts_an_unreadable_seed_as_undated(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "acceptance").mkdir()
    expectations = {"documents": [
        {"file": "missing.txt", "published": {"date": "2015-12-15", "tolerance_days": 1}},
        {"file": "undated.txt"},
    ]}
    (tmp_path / "acceptance" / "seed_expectations.json").write_text(json.dumps(expectations))
    judged = judge_seeds(tmp_path)
    assert len(judged) == 1
    assert (judged[0].gold, judged[0].tolerance_days, judged[0].predicted) == ("2015-12-15", 1, None)


def test_score_never_shows_the_gold_url_to_the_system(tmp_path: Path) -> None:
    """Two pages dated only by their gold URL; one also states its date in the HTML."""
    (tmp_path / "html").mkdir()
    dated = ('<html><head><meta property="article:published_time" content="2019-03-04">'
             f"</head><body><article>{BODY}</article></body></html>")
    undated = f"<html><head></head><body><article>{BODY}</article></body></html>"
    truth = {}
    for sha, url, html in (("aa", "https://example.org/2019/03/04/a", dated),
                           ("bb", "https://example.org/2019/03/05/b", undated),
                           ("cc", "https://example.org/no-date", dated)):
        (tmp_path / "html" / f"{sha}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[sha] = {"articleBody": "", "url": url}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    metrics = score(tmp_path)
    assert (metrics["n_pages"], metrics["n_seeds"]) == (2, 0)
    assert metrics["accuracy_pages"] == pytest.approx(0.5)
    assert metrics["by_how"]["metadata"] == 1


def test_score_rates_inference_alone_on_the_pages_text(tmp_path: Path) -> None:
    """Inference sees only the clean text: a body that dates itself is answered and judged; a
    body with nothing to date by is left unanswered and does not count against precision."""
    (tmp_path / "html").mkdir()
    dated_body = ("<p>The ministers met on Tuesday, March 5, 2019, in the border town and agreed "
                  "to set up a joint commission on the shared river and its dams.</p>" + BODY)
    truth = {}
    for sha, url, body in (("aa", "https://example.org/2019/03/05/a", dated_body),
                           ("bb", "https://example.org/2019/03/06/b", BODY)):
        html = f"<html><head></head><body><article>{body}</article></body></html>"
        (tmp_path / "html" / f"{sha}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[sha] = {"articleBody": "", "url": url}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    metrics = score(tmp_path)
    assert metrics["inferred_n"] == 1
    assert metrics["inferred_coverage"] == pytest.approx(0.5)
    assert metrics["inferred_precision_1day"] == pytest.approx(1.0)


def test_judge_timeml_dates_each_document_from_its_text(tmp_path: Path) -> None:
    from storyline.evaluate.pubdate import judge_timeml

    tml = ('<?xml version="1.0"?><TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
           'value="2019-03-05" functionInDocument="CREATION_TIME">2019-03-05</TIMEX3></DCT>'
           "<TEXT>The ministers met on Tuesday, March 5, 2019, and agreed to resume talks on "
           "the river.</TEXT></TimeML>")
    (tmp_path / "d1.tml").write_text(tml, encoding="utf-8")
    (judged,) = judge_timeml(tmp_path)
    assert (judged.gold, judged.predicted) == ("2019-03-05", "2019-03-05")
    assert judge_timeml(tmp_path / "missing") == []

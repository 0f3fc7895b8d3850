from __future__ import annotations

from storyline.evaluate.seeds import _event_hit, _place_hit, _quote_hit, _summarise, norm, within


def test_norm_ignores_quotes_hyphens_and_case() -> None:
    assert norm("“Al-Assad’s”  regime") == norm('"al assad\'s" regime')


def test_within_tolerance_and_year_granularity() -> None:
    assert within("2012-12-04", "2012-12-05", 1)
    assert not within("2012-12-03", "2012-12-05", 1)
    assert within("2016-05-01", "2016", 0)
    assert not within(None, "2016-05-01", 3)


def test_event_hit_needs_type_actors_and_evidence() -> None:
    expected = {"types": ["CONSULT"], "actors": ["AAA", "BBB"], "evidence": "held talks"}
    rows = [("CONSULT", ["person:x", "BBB"], ["AAA", "BBB"], "They held talks on Monday.",
             "2019-03-04")]
    assert _event_hit(expected, rows)
    assert not _event_hit({**expected, "types": ["AGREE"]}, rows)
    assert not _event_hit({**expected, "actors": ["CCC"]}, rows)
    assert _event_hit({**expected, "date": "2019-03-05", "tolerance_days": 1}, rows, dated=True)
    assert not _event_hit({**expected, "date": "2019-03-07"}, rows, dated=True)


def test_quote_hit_compares_speaker_names() -> None:
    expected = {"speaker": "Ann Example", "starts": "We will reopen the pier"}
    assert _quote_hit(expected, [("We will reopen the pier soon.", "Ann Example")])
    assert not _quote_hit(expected, [("We will reopen the pier soon.", "Bob Example")])


def test_place_hit_needs_the_name_and_its_country() -> None:
    expected = {"mention": "Port Elwin", "country": "AAA"}
    assert _place_hit(expected, [("Port Elwin", "AAA")])
    assert _place_hit(expected, [("port elwin", "AAA"), ("Lakeside", None)])
    assert not _place_hit(expected, [("Port Elwin", "BBB")])
    assert not _place_hit(expected, [("Port Elwin", None)])


def test_summarise_counts_recall_per_category() -> None:
    report = _summarise({"events": [(True, "a"), (False, "b")], "quotes": [(True, "c")]})
    assert report["events_recall"] == 0.5
    assert report["accuracy"] == round(2 / 3, 4)
    assert report["misses"] == ["b"]

from __future__ import annotations

from datetime import datetime

from storyline.time import as_datetime, granularity
from storyline.time.normalise import date_value, weekday_date

WEDNESDAY = datetime(2019, 3, 6)


def test_weekday_in_the_past_is_the_latest_on_or_before_the_anchor() -> None:
    assert weekday_date("on Monday", WEDNESDAY, "past") == datetime(2019, 3, 4)
    assert weekday_date("Wednesday", WEDNESDAY, "past") == WEDNESDAY
    assert weekday_date("last Wednesday", WEDNESDAY, None) == datetime(2019, 2, 27)


def test_weekday_in_the_future_is_the_first_on_or_after_the_anchor() -> None:
    assert weekday_date("on Friday", WEDNESDAY, "future") == datetime(2019, 3, 8)
    assert weekday_date("next Monday", WEDNESDAY, None) == datetime(2019, 3, 11)


def test_date_value_uses_tense_for_bare_months() -> None:
    assert date_value("in August", WEDNESDAY, "past") == "2018-08"
    assert date_value("in August", WEDNESDAY, "future") == "2019-08"
    assert date_value("March 4, 2017", WEDNESDAY, "past") == "2017-03-04"


def test_granularity_and_anchor_parsing() -> None:
    assert granularity("2019-03-04", "DATE") == "day"
    assert granularity("2019-03", "DATE") == "month"
    assert granularity("P3D", "DURATION") == "duration"
    assert as_datetime("2019-03-06") == WEDNESDAY
    assert as_datetime("not a date") is None


def test_find_times_reads_tense_from_the_parse(annotator) -> None:  # type: ignore[no-untyped-def]
    from storyline.time import find_times

    doc = annotator.nlp("The ministers met on Monday and will meet again on Friday.")
    values = {t.text: t.value for t in find_times(doc, "2019-03-06")}
    assert values == {"Monday": "2019-03-04", "Friday": "2019-03-08"}

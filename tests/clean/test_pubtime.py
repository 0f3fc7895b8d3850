"""The time of day a story was published: read where the input states it, never invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import fromstring

from storyline.clean import clean
from storyline.clean.htmlmeta import Tags, _published_time
from storyline.clean.metadata import find_explicit_date
from storyline.clean.pubtime import stated_time, time_near
from storyline.config import Settings
from storyline.records import Facts, RawDoc
from storyline.store import Store

_STORY = ("<p>The city council voted on Monday to extend the tram line to the airport, a plan "
          "that will cost about 40 million pounds, the transport committee said.</p>"
          "<p>Construction is due to start next spring and to take two years, officials "
          "said, and the first trams should run before the end of 2022.</p>")
_TEXT = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
         "officials said, after weeks of fighting in the north. ") * 2
_ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?")


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-12-18T14:32:00+03:00", "14:32:00+03:00"),
    ("2015-12-18T14:32:00Z", "14:32:00+00:00"),
    ("2015-12-18T14:32:00.123-0500", "14:32:00-05:00"),
    ("2015-12-18 14:32", "14:32:00"),  # no zone named: the clock alone, no offset made up
    ("Fri, 18 Dec 2015 14:32:00 +0300", "14:32:00+03:00"),  # RSS
    ("Fri, 18 Dec 2015 14:32:00 GMT", "14:32:00+00:00"),
    ("1450449120", "14:32:00+00:00"),  # seconds since 1970, in UTC
    ("December 18, 2015 2:32 PM EST", "14:32:00-05:00"),
    ("December 18, 2015 2:32 p.m. ET", "14:32:00-05:00"),  # New York's winter offset
    ("June 18, 2015 2:32 p.m. ET", "14:32:00-04:00"),  # and its summer one
    ("18 Dec 2015 14:32 MSK", "14:32:00+03:00"),
    ("18 Dec 2012 14:32 MSK", "14:32:00+04:00"),  # Moscow kept summer time from 2011 to 2014
    ("2015-12-18", None),
    ("2015-12-18T00:00:00Z", None),  # a date written as a timestamp: midnight is no time
    ("18 December 2015", None),
])
def test_a_stated_timestamp_gives_its_time_of_day(value: str, expected: str | None) -> None:
    assert stated_time(value) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Published 14:32 GMT, 18 December 2015", "14:32:00+00:00"),
    ("Updated Dec. 18, 2015 at 2:10 p.m. ET", "14:10:00-05:00"),
    ("18 December 2015 9.15am", "09:15:00"),
    ("Fri 18 December 2015 14.32 GMT", "14:32:00+00:00"),  # a dotted clock with its zone
    ("18 December 2015 14.32 EUR", None),  # a price, not a clock
    ("By Ann Lee | 18 December 2015", None),
    # another field's clock, past a separator or another stamp's label
    ("Published 18 December 2015 | Updated 14:32", None),
    ("Updated 14:32, published 18 December 2015", None),
    # a score or a price with a dot is no clock
    ("18 December 2015 in Sport 12.30", None),
    # a zone the parser does not know: the hour alone would be read in the wrong zone
    ("18 December 2015 14:32 XYZT", None),
])
def test_the_clock_beside_a_stamps_date(line: str, expected: str | None) -> None:
    match = re.search(r"\d{1,2} December 2015|Dec\. 18, 2015", line)
    assert match is not None
    assert time_near(line, match.start(), match.end()) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_stated_value_gives_an_iso_time_or_none(value: str) -> None:
    found = stated_time(value)
    assert found is None or _ISO_TIME.fullmatch(found)


def test_a_published_stamp_gives_its_time_and_an_updated_one_does_not() -> None:
    published = find_explicit_date(["Published 14:32 GMT, 18 December 2015"])
    assert published is not None and (published.date, published.time) == (
        "2015-12-18", "14:32:00+00:00")
    updated = find_explicit_date(["Updated 16:05 GMT, 19 December 2015"])
    assert updated is not None and updated.date == "2015-12-19" and updated.time is None


@pytest.mark.parametrize(("line", "time"), [
    ("Published: 2015-12-18T14:32:00+05:30", "14:32:00+05:30"),
    ("Posted 2015-12-18T00:00:00Z", None),  # midnight: a date written as a timestamp
])
def test_a_stamp_printed_as_an_iso_timestamp_gives_its_date_and_time(
        line: str, time: str | None) -> None:
    published = find_explicit_date([line])
    assert published is not None and (published.date, published.time) == ("2015-12-18", time)


def test_a_records_timestamp_gives_the_time() -> None:
    raw = RawDoc("r.jsonl", _TEXT, "text/plain",
                 meta=(("date", "2019-11-18T23:30:00-05:00"),))
    published = clean(raw, Settings()).published
    # the day is the one the record's own zone names, and the time keeps that zone
    assert published is not None
    assert (published.date, published.time) == ("2019-11-18", "23:30:00-05:00")


def test_a_feed_entrys_update_time_is_not_its_publication_time() -> None:
    raw = RawDoc("feed.xml#1", _TEXT, "text/plain",
                 meta=(("date", "2019-11-18T10:00:00+00:00"), ("date_kind", "updated")))
    published = clean(raw, Settings()).published
    assert published is not None and published.date == "2019-11-18" and published.time is None


def _page(head: str, body: str = "") -> RawDoc:
    html = (f"<html><head><title>Council backs tram expansion</title>{head}</head><body>"
            f"<article><h1>Council backs tram expansion</h1>{body}{_STORY}</article></body></html>")
    return RawDoc("page.html", html, "text/html")


@pytest.mark.parametrize("head", [
    "<meta property='article:published_time' content='2019-11-18T07:15:00+00:00'>",
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
    "\"2019-11-18T07:15:00+00:00\"}</script>",
])
def test_a_pages_publication_tag_gives_the_time(head: str) -> None:
    published = clean(_page(head), Settings()).published
    assert published is not None
    assert (published.date, published.time) == ("2019-11-18", "07:15:00+00:00")


def test_a_pages_modified_time_is_not_its_publication_time() -> None:
    head = "<meta property='article:modified_time' content='2019-11-18T07:15:00+00:00'>"
    published = clean(_page(head), Settings()).published
    assert published is not None and published.date == "2019-11-18" and published.time is None


def test_the_time_comes_from_the_tag_of_the_day_the_page_is_dated() -> None:
    # whatever dates the page (htmldate takes one tag), the clock is that day's tag's
    head = ("<meta property='og:published_time' content='2019-11-17T21:00:00+00:00'>"
            "<meta property='article:published_time' content='2019-11-18T07:15:00+00:00'>")
    published = clean(_page(head), Settings()).published
    assert published is not None
    assert (published.date, published.time) == ("2019-11-17", "21:00:00+00:00")
    tree = fromstring(f"<html><head>{head}</head><body></body></html>")
    assert _published_time(Tags(tree), "2019-11-18") == "07:15:00+00:00"
    assert _published_time(Tags(tree), "2019-11-19") is None
    # a tag without a zone, then one with the same clock and its zone: the zone is kept
    tree = fromstring("<html><head><meta name='pubdate' content='2019-11-19 05:45:00'><script "
                      "type='application/ld+json'>{\"datePublished\": \"2019-11-19T05:45:00-08:00\""
                      "}</script></head><body></body></html>")
    assert _published_time(Tags(tree), "2019-11-19") == "05:45:00-08:00"


def test_a_date_given_way_keeps_no_time() -> None:
    # a stated date years before the events its story reports gives way to the text's date:
    # the stated time went with the stated day
    text = ("Delegations met in Geneva on Tuesday, November 12, 2019 to resume talks on a "
            "ceasefire, officials said, after weeks of fighting in the north. ") * 2
    raw = RawDoc("r.jsonl", text, "text/plain", meta=(("date", "2011-03-01T09:30:00Z"),))
    published = clean(raw, Settings()).published
    assert published is not None and published.date != "2011-03-01"
    assert published.time is None


def test_an_inferred_date_has_no_time() -> None:
    published = clean(RawDoc("a.txt", _TEXT + "It was Friday, December 18, 2015.",
                             "text/plain"), Settings()).published
    assert published is not None and published.how == "inferred" and published.time is None


def test_the_store_keeps_the_time_with_each_reading(tmp_path: Path) -> None:
    raw = RawDoc("r.jsonl#1", _TEXT, "text/plain",
                 meta=(("date", "2019-11-18T23:30:00-05:00"),))
    document = clean(raw, Settings())
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(Facts(document, (), (), (), (), (), (), {"clean": "v1"}))
        assert store.query("SELECT published_time FROM documents")[1] == [("23:30:00-05:00",)]
        assert store.query("SELECT published_time FROM document_sources")[1] == [
            ("23:30:00-05:00",)]
        readings = store.best_readings([document.doc_id])
        assert readings[document.doc_id].applied_to(document).published == document.published


@pytest.mark.parametrize(("value", "expected"), [
    # "IST" in a news stamp is India's (+05:30): dateparser reads it as Israel's (+02:00)
    ("Fri, 18 Dec 2015 14:32:00 IST", "14:32:00+05:30"),
    ("June 18, 2015 2:32 p.m. IST", "14:32:00+05:30"),
])
def test_indian_standard_time_is_read_at_its_own_offset(value: str, expected: str) -> None:
    assert stated_time(value) == expected


@pytest.mark.parametrize("line", [
    "Saturday 18 December 2015, kick-off 15:00",
    "Kick-off 15:00 GMT, 18 December 2015",
    "18 December 2015 Farah won in 13:05",
    "18 Dec 2015 won 14:32",
    "Published 18 December 2015, doors open 19:00",
])
def test_a_clock_of_another_thing_beside_the_date_is_no_publication_time(line: str) -> None:
    # a match's kick-off, a race's winning time: words stand between the date and the clock,
    # or before a clock that comes first
    match = re.search(r"\d{1,2} Dec(?:ember)? 2015", line)
    assert match is not None
    assert time_near(line, match.start(), match.end()) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Posted on 18 December 2015 at 14:32 GMT", "14:32:00+00:00"),
    ("By Ann Lee, 14:32 GMT, Friday, 18 December 2015", "14:32:00+00:00"),
    ("18 December 2015 / 2:10 PM", "14:10:00"),
    ("18 December 2015 (14:32)", "14:32:00"),
    ("Last Updated: 14:32 IST, 18 December 2015", "14:32:00+05:30"),
])
def test_a_stamps_own_clock_is_still_read(line: str, expected: str) -> None:
    match = re.search(r"\d{1,2} December 2015", line)
    assert match is not None
    assert time_near(line, match.start(), match.end()) == expected


def test_a_related_storys_time_is_not_the_pages() -> None:
    # the page tags its day alone; a related story of that day in a box tags its clock
    related = ("<aside class='related'><ul><li><a href='/b'>Bus lanes approved</a> <time pubdate "
               "datetime='2019-11-18T16:00:00+00:00'>4pm</time></li></ul></aside>"
               "<div class='related-stories'><div itemscope><a href='/c'>Fares rise</a><meta "
               "itemprop='datePublished' content='2019-11-18T17:00:00+00:00'></div></div>")
    for head in ("<meta property='article:published_time' content='2019-11-18'>",
                 "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                 "\"datePublished\": \"2019-11-18\"}</script>"):
        tree = fromstring(f"<html><head>{head}</head><body><article><p>Text.</p></article>"
                          f"{related}</body></html>")
        assert _published_time(Tags(tree), "2019-11-18") is None


def test_an_articles_own_footer_tags_its_time() -> None:
    # microdata in the <footer> of the story's own <article> is the story's, not a box's
    tree = fromstring("<html><head><meta property='article:published_time' content='2019-11-20'>"
                      "</head><body><article><p>Text.</p><footer><meta itemprop='datePublished' "
                      "content='2019-11-20T01:22:37-05:00'></footer></article><footer><ul><li>"
                      "<time pubdate datetime='2019-11-20T09:00:00-05:00'>9am</time></li></ul>"
                      "</footer></body></html>")
    assert _published_time(Tags(tree), "2019-11-20") == "01:22:37-05:00"


@pytest.mark.parametrize(("value", "day", "clock"), [
    # year, month, day, hour and minute run together: not milliseconds since 1970 (1976)
    ("201911181432", "2019-11-18", "14:32:00"),
    # nor seconds (2033)
    ("2019111812", "2019-11-18", "12:00:00"),
    ("1574087520", "2019-11-18", "14:32:00+00:00"),  # seconds since 1970 stay so
    ("2019139912", None, None),  # a compact stamp of no day dates nothing
    # GDELT's forms: the day alone, to the second, and the DOC API's in UTC
    ("20191118", "2019-11-18", None),
    ("20191118143205", "2019-11-18", "14:32:05"),
    ("20191118T143205Z", "2019-11-18", "14:32:05+00:00"),
    ("20191318", None, None),
])
def test_a_compact_stamp_is_no_epoch(value: str, day: str | None, clock: str | None) -> None:
    raw = RawDoc("r.jsonl", _TEXT, "text/plain", meta=(("date", value),))
    published = clean(raw, Settings(reference_date="2024-01-01")).published
    if day is None:
        assert published is None or published.how != "metadata"
    else:
        assert published is not None and (published.date, published.time) == (day, clock)


def test_lines_left_out_as_about_other_things_do_not_date_the_page() -> None:
    from storyline.clean import _stamp_lines
    from storyline.records import Removed

    removed = (Removed("Offer ends March 3, 2017", "promo"),
               Removed("March 3, 2017", "pull_quote"),
               Removed("Budget day, March 3, 2017", "not_in_article_body"),
               Removed("Posted March 4, 2017", "date_stamp"))
    assert _stamp_lines(removed) == ["Posted March 4, 2017"]


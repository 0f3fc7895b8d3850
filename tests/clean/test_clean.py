from __future__ import annotations

import time
from datetime import date

import pytest

from storyline.clean import clean
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.records import RawDoc

ARTICLE_HTML = """<!doctype html><html><head><title>Harbour reopens after storm | Example News</title>
<meta property="og:site_name" content="Reuters"></head><body><nav>Home | World | Sport</nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour of the coastal town reopened on Tuesday after a storm closed it for three days,
officials said, and fishing boats returned to sea before dawn.</p>
<p>Port authorities said repairs to the breakwater would continue for several weeks while
engineers assess the damage to the northern pier.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def test_clean_html_uses_trafilatura_main_text() -> None:
    doc = clean(RawDoc("page.html", ARTICLE_HTML, "text/html"), Settings())
    assert "breakwater" in doc.text
    assert "Home | World" not in doc.text
    assert doc.outlet == "Reuters"


def test_an_xhtml_page_after_an_xml_declaration_keeps_its_article() -> None:
    body = ("<p>The harbour of the coastal town reopened on Tuesday after a storm closed it for "
            "three days, officials said, and fishing boats returned to sea before dawn. Port "
            "authorities said repairs to the breakwater would continue for several weeks.</p>")
    page = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE html>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body><article>{body}</article></body>'
            '</html>')
    assert "breakwater" in clean(RawDoc("page.xhtml", page, "text/html"), Settings()).text


def test_a_title_loses_byte_order_marks_and_zero_width_spaces() -> None:
    text = ("Dock workers ended a week-long strike on Monday after the port operator agreed to "
            "raise wages by six percent over two years, the union said.")
    raw = RawDoc("r.jsonl", text, "text/plain", meta=(("title", "\ufeffPort\u200b strike ends"),))
    assert clean(raw, Settings()).title == "Port strike ends"


def test_clean_truncated_html_is_rejected() -> None:
    raw = RawDoc("cut.html", "<html><head><title>Cut</title><script>var x = '", "text/html")
    with pytest.raises(InputRejected) as info:
        clean(raw, Settings())
    assert info.value.code == "truncated_html"


def test_clean_text_doc_id_is_stable_and_text_based() -> None:
    text = "Headline about a meeting in the capital\n\n" + "The two leaders met today. " * 5
    a = clean(RawDoc("a.txt", text, "text/plain"), Settings())
    b = clean(RawDoc("b.txt", text, "text/plain"), Settings())
    assert a.doc_id == b.doc_id
    assert a.title == "Headline about a meeting in the capital"
    assert all(a.text[s:e] for s, e in a.paragraphs)


def test_clean_rejects_too_short_text() -> None:
    with pytest.raises(InputRejected) as info:
        clean(RawDoc("s.txt", "Just a few words.", "text/plain"), Settings())
    assert info.value.code == "too_short"


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def test_corpus_stats_group_by_outlet_and_name_other_stories_headlines() -> None:
    from storyline.clean import corpus_stats, group_of

    stories = [
        ("Port reopens after the storm passes", "The port reopened on Friday after crews "
         "cleared the channel of debris left by the storm, the harbour authority said."),
        ("Rail line to the coast restored", "Trains ran again on the coastal line on Friday "
         "after engineers repaired a washed-out embankment near the estuary."),
        ("Council sets aside funds for flood defences", "The council voted on Thursday to "
         "spend two million on new flood barriers along the lower river."),
        ("Schools reopen in the valley", "Schools in the valley reopened on Monday after a "
         "week of closures caused by the flooding of the main road."),
        ("Farmers seek help after crops lost", "Farmers along the river asked the ministry "
         "for emergency aid after the floods destroyed much of the winter wheat."),
    ]
    raws = [RawDoc(f"wire/{i}.txt", f"{title}\n{body}\n{stories[(i + 1) % 5][0]}\n"
                   f"Officials said the cost of the damage would be known by {DAYS[i]}.",
                   "text/plain", "", "utf-8", (("outlet", "Example Wire"),))
            for i, (title, body) in enumerate(stories)]
    stats = corpus_stats(raws)
    assert list(stats) == ["outlet:Example Wire"] == [group_of(r) for r in raws[:1]]
    document = clean(raws[0], Settings(), stats[group_of(raws[0])])
    assert document.title == stories[0][0]
    assert (stories[1][0], "related_title") in [(r.text, r.reason) for r in document.removed]
    assert stories[0][1] in document.text and stories[1][0] not in document.text
    assert corpus_stats(raws, text_is_clean=True) == {}


def test_clean_quarantines_scraped_text_with_too_many_lines() -> None:
    text = "\n".join(f"Line {i} of a very long listing" for i in range(150))
    with pytest.raises(InputRejected) as info:
        clean(RawDoc("long.txt", text, "text/plain"), Settings(max_doc_lines=100))
    assert info.value.code == "too_many_lines" and "150 lines" in info.value.reason
    doc = clean(RawDoc("long.txt", text, "text/plain"),
                Settings(max_doc_lines=100, text_is_clean=True))
    assert doc.text.count("\n\n") == 149


def test_dateline_with_year_dates_the_story() -> None:
    raw = RawDoc("wire.txt", "PARIS, March 14, 2016 (AFP) - Farmers blocked roads around the capital "
                 "on Monday to protest against falling prices, police said.\n\nThe unions said "
                 "talks with the ministry had failed.", "text/plain")
    document = clean(raw, Settings())
    assert document.published is not None
    assert (document.published.date, document.published.how) == ("2016-03-14", "dateline")


def test_outlet_from_the_url_when_the_page_names_no_site() -> None:
    # no site name: trafilatura's fallback is the URL's host, which must not hide the domain's
    # outlet in the table
    html = ("<html><head><title>Talks resume</title>"
            '<link rel="canonical" href="https://www.reuters.com/world/talks-resume-2016-03-01/">'
            "</head><body><article><h1>Talks resume</h1>"
            + "<p>Delegations from both sides met in Geneva on Tuesday to resume talks on a "
              "ceasefire, officials said, after weeks of fighting in the north.</p>" * 3
            + "</article></body></html>")
    document = clean(RawDoc("page.html", html, "text/html"), Settings())
    assert (document.outlet, document.outlet_id) == ("Reuters", "reuters")


def test_a_share_link_names_the_site_it_wraps_not_the_share_service() -> None:
    text = ("The harbour of the coastal town reopened on Tuesday after a storm closed it for "
            "three days, officials said, and fishing boats returned to sea before dawn. ") * 2
    url = "https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.harbour-gazette.org%2Fstory"
    document = clean(RawDoc("r.jsonl", text, "text/plain", meta=(("url", url),)), Settings())
    assert document.outlet == "harbour-gazette.org"


def test_a_related_story_date_below_the_article_is_not_its_date() -> None:
    text = ("Ministers agree budget after long talks\n"
            + "Ministers agreed the budget after three days of talks, officials said, and the "
              "vote in parliament is expected next week.\n" * 3
            + "Related stories\nElection results announced - 12 January 2012\n"
              "Opposition leader resigns - 3 February 2012\n")
    document = clean(RawDoc("story.txt", text, "text/plain"), Settings())
    assert document.published is None or document.published.how != "explicit"


def test_html_lines_left_out_of_the_text_are_in_the_audit() -> None:
    html = ("<html><head><title>Storm closes the coastal road</title></head><body><article>"
            "<h1>Storm closes the coastal road</h1>"
            + "<p>The coastal road was closed on Monday after waves broke over the sea wall and "
              "flooded two villages, the council said in a statement.</p>" * 2
            + "<p>Related: Council promises barriers</p></article></body></html>")
    document = clean(RawDoc("page.html", html, "text/html"), Settings())
    assert "Related: Council promises barriers" not in document.text
    assert ("Related: Council promises barriers", "interface") in {
        (r.text, r.reason) for r in document.removed}


def test_a_sentence_about_a_report_is_not_a_reporting_credit() -> None:
    sentence = ("More than 60 scientists from 30 countries contributed to this report, the UN "
                "environment agency said on Tuesday.")
    html = ("<html><head><title>World heading for 3C of warming</title></head><body><article>"
            f"{_STORY}<p>{sentence}</p><p>Associated Press writer Ann Lee contributed to this "
            "report.</p></article></body></html>")
    document = clean(RawDoc("page.html", html, "text/html"), Settings())
    assert sentence in document.text and "Ann Lee" not in document.text


def test_a_wire_story_read_as_html_and_as_text_is_one_document() -> None:
    paragraphs = ["The central bank raised its main interest rate by half a point on Thursday, "
                  "its third increase this year, citing persistent inflation in services.",
                  "Economists polled before the meeting had expected a smaller move, and the "
                  "currency rose against the dollar after the announcement.",
                  "(Reporting by Jane Doe; Editing by John Roe)"]
    html = ("<html><head><title>Central bank raises rates again</title></head><body><article>"
            "<h1>Central bank raises rates again</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    text = "Central bank raises rates again\n\n" + "\n\n".join(paragraphs)
    page = clean(RawDoc("page.html", html, "text/html"), Settings())
    scraped = clean(RawDoc("story.txt", text, "text/plain"), Settings())
    assert page.doc_id == scraped.doc_id and "Reporting by" not in page.text
    for document in (page, scraped):
        assert (paragraphs[2], "reporting_credit") in {(r.text, r.reason)
                                                       for r in document.removed}


_STORY = "".join(f"<p>{p}</p>" for p in (
    "The city council voted to expand the tram network on Tuesday after a long debate about "
    "costs and the route through the old town.",
    "Supporters said the new line would cut travel times for thousands of commuters who now "
    "rely on crowded buses every morning.",
    "Opponents argued that the money should go to repairing roads and schools, and said they "
    "would challenge the decision in court."))


@pytest.mark.parametrize("page", [
    # a related story's <time> below the article, older than the article's own
    f"<article><h1>Council backs tram expansion</h1><header><time datetime='2019-11-18T10:00Z'>"
    f"November 18, 2019</time></header>{_STORY}</article><aside class='related'><ul><li>"
    f"<a href='/a'>Tram plan first proposed</a> <time datetime='2014-03-02'>March 2, 2014"
    f"</time></li></ul></aside>",
    # a JSON-LD list of other stories before the page's own record
    "<script type='application/ld+json'>{\"@type\": \"ItemList\", \"itemListElement\": "
    "[{\"@type\": \"NewsArticle\", \"datePublished\": \"2013-02-02T00:00:00Z\"}]}</script>"
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
    f"\"2019-11-18T10:00:00Z\"}}</script><article><h1>Council backs tram expansion</h1>{_STORY}"
    "</article>",
])
def test_a_page_is_dated_by_its_own_date_not_other_stories(page: str) -> None:
    html = f"<html><head><title>Council backs tram expansion</title></head><body>{page}</body></html>"
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is not None and published.date == "2019-11-18"


@pytest.mark.parametrize("header", [
    # a long byline paragraph is no running text
    "<p class='byline'>By Tom Harris, Transport Correspondent, and Priya Shah, Industry Editor, "
    "in Manchester and London, <time datetime='2019-11-18T07:15:00Z'>18 November 2019</time></p>",
    # a layout class on a wrapper of the whole story is no box of other stories
    "<div class='meta'>By Tom Harris <time datetime='2019-11-18T07:15:00Z'>18 November</time></div>",
])
def test_the_pages_own_time_in_its_byline_dates_it(header: str) -> None:
    html = ("<html><head><title>Council backs tram expansion</title></head><body><div "
            f"id='content' class='layout with-sidebar'><main><article><h1>Council backs tram "
            f"expansion</h1>{header}{_STORY}</article></main></div></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is not None and published.date == "2019-11-18"


def test_a_tagged_date_stays_sure_beside_a_printed_update_of_that_day() -> None:
    html = ("<html><head><title>Council backs tram expansion</title><meta property="
            "'article:published_time' content='2019-11-18T07:15:00+00:00'></head><body><article>"
            f"<p>Updated: November 18, 2019 4:40pm</p>{_STORY}</article></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2019-11-18", 0.9)


def test_a_date_the_story_tells_of_is_not_the_pages() -> None:
    html = ("<html><head><title>Stadium roof finished</title></head><body><article>"
            f"<h1>Stadium roof finished</h1>{_STORY}<p>The original design, unveiled on <time "
            "datetime='2009-06-01'>June 1, 2009</time>, was shelved twice because of rising steel "
            "prices.</p></article></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is None or published.date != "2009-06-01"


def test_a_printed_update_stamp_is_not_the_publication_date() -> None:
    head = "<html><head><title>Council backs tram expansion</title></head><body><article>"
    updated = "<p class='updated'>Updated November 25, 2019</p>"
    first = "<p>First published November 18, 2019</p>"
    both = clean(RawDoc("a.html", head + updated + first + _STORY + "</article></body></html>",
                        "text/html"), Settings()).published
    assert both is not None and (both.date, both.how) == ("2019-11-18", "explicit")
    alone = clean(RawDoc("b.html", head + updated + _STORY + "</article></body></html>",
                         "text/html"), Settings()).published
    assert alone is not None and alone.date == "2019-11-25" and alone.confidence <= 0.6


def test_a_page_that_names_only_its_modified_time_gives_it_with_less_confidence() -> None:
    body = ("<p>Delegations from both sides met in Geneva on Tuesday to resume talks on a "
            "ceasefire, officials said, after weeks of fighting in the north.</p>" * 3)
    for meta, expected in (
            ('<meta property="article:modified_time" content="2019-11-05T10:00:00Z">', 0.6),
            ('<meta property="article:published_time" content="2019-11-05T10:00:00Z">', 0.9)):
        html = f"<html><head><title>Talks</title>{meta}</head><body><article>{body}</article></body></html>"
        published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
        assert published is not None and published.date == "2019-11-05"
        assert published.confidence == expected


def test_a_dotted_record_date_is_read_day_first() -> None:
    text = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north. ") * 2
    raw = RawDoc("r.jsonl", text, "text/plain", meta=(("date", "01.03.2016"),))
    published = clean(raw, Settings()).published
    assert published is not None and published.date == "2016-03-01"


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
@pytest.mark.parametrize("value", ["1574119800", "1574119800000"])
def test_an_epoch_record_date_is_read_in_utc_wherever_the_machine_is(
        value: str, zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        text = ("Delegations from both sides met in Geneva to resume talks on a ceasefire, "
                "officials said, after weeks of fighting in the north. ") * 2
        raw = RawDoc("r.jsonl", text, "text/plain", meta=(("date", value),))
        published = clean(raw, Settings()).published
    finally:
        monkeypatch.undo()
        time.tzset()
    assert published is not None and published.date == "2019-11-18"  # 23:30 UTC


@pytest.mark.parametrize(("value", "day"), [("05/06/19", "2019-05-06"), ("11-05-2019", "2019-11-05"),
                                            ("25/12/98", "1998-12-25")])
def test_a_short_or_dashed_record_date_is_read_as_a_slashed_one(value: str, day: str) -> None:
    text = ("Delegations from both sides met in Geneva to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north. ") * 2
    published = clean(RawDoc("r.jsonl", text, "text/plain", meta=(("date", value),)),
                      Settings()).published
    assert published is not None and published.date == day
    # day and month could swap unless one reading is impossible
    assert (published.confidence < 0.9) == (value != "25/12/98")


@pytest.mark.parametrize(("line", "day"), [
    # a byline's date, whatever follows it
    ("By Jane Doe, Washington, D.C. | March 5, 2026", "2026-03-05"),
    ("By Jane Doe | 5 March 2026 | Reading time: 4 minutes", "2026-03-05"),
    # a date of birth, of an archive's copy: not the page's
    ("By Ann Lee (born 12 May 1984)", None), ("Archived on 2 January 2024", None),
    ("Retrieved 2 January 2024", None),
])
def test_which_date_under_the_headline_is_the_pages(line: str, day: str | None) -> None:
    text = (f"Library reopens after flood\n{line}\n\nThe central library reopened on Saturday "
            "after months of repairs following the flood that damaged its basement archives, "
            "the city council said.\n\nReaders queued outside before the doors opened.")
    published = clean(RawDoc("story.txt", text, "text/plain"), Settings()).published
    if day is None:
        assert published is None or published.how == "inferred"
    else:
        assert published is not None and (published.date, published.how) == (day, "explicit")


def test_a_readers_comment_date_is_not_the_pages() -> None:
    text = ("Ferry operator adds night crossings\n\nThe island ferry operator said it would add "
            "two night crossings a week from the spring, after complaints from commuters.\n\n"
            "Local councillors welcomed the decision but said fares were still too high for "
            "families.\n\nComments\nJoe B. on 3 January 2020: Great news for night-shift nurses.")
    published = clean(RawDoc("story.txt", text, "text/plain"), Settings()).published
    assert published is None or published.date != "2020-01-03"


def test_a_dateline_with_its_year_beats_an_updated_stamp() -> None:
    text = ("Updated: March 9, 2016\n\nPARIS, March 5, 2016 (AFP) - Farmers blocked roads around "
            "the capital to protest against falling prices, police said.\n\nThe unions said talks "
            "with the ministry had failed.")
    published = clean(RawDoc("wire.txt", text, "text/plain"), Settings()).published
    assert published is not None and (published.date, published.how) == ("2016-03-05", "dateline")


def test_a_date_in_the_headline_is_not_the_pages_date() -> None:
    html = ("<html><head><title>Remembering the floods of 14 October 1987</title></head><body>"
            "<article><h1>Remembering the floods of 14 October 1987</h1>"
            + "<p>Survivors gathered by the river on Sunday to remember the night the water rose "
              "through the old town, and the council unveiled a plaque near the bridge.</p>" * 3
            + "</article></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is None or published.date != "1987-10-14"


def test_a_page_date_years_before_the_events_it_reports_gives_way() -> None:
    html = ('<html><head><title>Border talks</title><meta property="article:published_time" '
            'content="2009-01-01T00:00:00Z"></head><body><article>'
            "<p>The foreign ministers met on Thursday, 15 October 2015, to discuss a long-running "
            "border dispute, officials said after the talks ended.</p>"
            + "<p>Both delegations said they would meet again before the end of the year to "
              "agree on the next steps, and that experts would visit the border area.</p>" * 2
            + "</article></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is not None and published.date == "2015-10-15"
    assert "metadata 2009-01-01 is before the text's own" in published.evidence


def _dated_page(date_value: str, first: str) -> RawDoc:
    body = (f"<p>{first} Delegations from both sides met in Geneva to resume talks on a "
            "ceasefire, officials said, after weeks of fighting in the north.</p>"
            "<p>The talks are due to continue next week, a spokesman for the mediators said.</p>")
    return RawDoc("page.html", f'<html><head><title>Talks</title><meta name="date" '
                  f'content="{date_value}"></head><body><article>{body}</article></body></html>',
                  "text/html")


def test_a_slashed_meta_date_that_can_only_be_month_first_is_read() -> None:
    # htmldate reads slashed dates day first and drops 12/25/2012
    published = clean(_dated_page("12/25/2012 10:14 AM", ""), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-12-25", 0.9)
    published = clean(_dated_page("25/12/2012", ""), Settings()).published
    assert published is not None and published.date == "2012-12-25"


def test_an_ambiguous_slashed_date_follows_the_dateline_else_says_it_guessed() -> None:
    published = clean(_dated_page("07/05/2012", "GENEVA, May 7 (AFP) -"), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-05-07", 0.9)
    assert "read day first" in published.evidence
    published = clean(_dated_page("07/05/2012", "GENEVA, July 5 (AFP) -"), Settings()).published
    assert published is not None and published.date == "2012-07-05"
    published = clean(_dated_page("07/05/2012", ""), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-07-05", 0.6)
    assert "ambiguous" in published.evidence


def test_a_slashed_meta_date_gives_way_to_an_iso_one() -> None:
    html = ('<html><head><title>Talks</title><meta property="article:published_time" '
            'content="2012-07-05T10:00Z"><meta name="date" content="05/07/2012"></head><body>'
            "<article><p>Delegations from both sides met in Geneva to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north.</p><p>The talks are due to "
            "continue next week, a spokesman for the mediators said.</p></article></body></html>")
    published = clean(RawDoc("page.html", html, "text/html"), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-07-05", 0.9)


def test_slashed_dates_out_of_range_are_not_taken() -> None:
    published = clean(_dated_page("01/01/1900", ""), Settings()).published
    assert published is None or published.date != "1900-01-01"


def _record(date_value: str, first: str) -> RawDoc:
    text = (f"{first} Delegations from both sides met in Geneva to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north.\n\nThe talks are due to "
            "continue next week, a spokesman for the mediators said.")
    return RawDoc("r.jsonl", text, "text/plain", meta=(("date", date_value),))


def test_an_ambiguous_record_date_is_swapped_only_on_firm_evidence() -> None:
    # a past date in the text is only a lower bound (inference 0.35): no swap, and 0.6 says so
    published = clean(_record("07/05/2012", "The plant closed on May 2, 2012, after a fire."),
                      Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-07-05", 0.6)
    # the raw value may hold anything after the date
    published = clean(_record("07/05/2012 Time: 10:14", "LONDON, May 7 (Reuters) -"),
                      Settings()).published
    assert published is not None and published.date == "2012-05-07"
    published = clean(_record("12/25/2012", ""), Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-12-25", 0.95)


def test_a_slashed_modified_date_is_read_as_the_others_and_said_to_be_one() -> None:
    raw = _dated_page("12/25/2012", "")
    raw = RawDoc(raw.source, raw.text.replace('name="date"', 'property="article:modified_time"'),
                 raw.media_type)
    published = clean(raw, Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2012-12-25", 0.6)
    assert "modified" in published.evidence


def _modified_only_page(modified: str, opening: str) -> str:
    """A page that tags only its modified date, ``opening`` as its first paragraph."""
    body = ("<p>The old bridge reopened to traffic on Monday after eight months of repairs, the "
            "county said, and a weight limit stays in place for lorries.</p>" * 3)
    meta = f'<meta property="article:modified_time" content="{modified}T10:00:00Z">'
    return (f"<html><head><title>Bridge reopens</title>{meta}</head><body><article>"
            f"<h1>Bridge reopens</h1><p>{opening}</p>{body}</article></body></html>")


def test_a_printed_publication_stamp_beats_a_modified_only_tag() -> None:
    html = _modified_only_page("2023-01-17", "Published May 9, 2022")
    document = clean(RawDoc("page.html", html, "text/html"), Settings())
    published = document.published
    assert published is not None
    assert (published.date, published.how) == ("2022-05-09", "explicit")
    # the stamp is the page's date, not its text
    assert "Published May 9" not in document.text
    assert ("Published May 9, 2022", "date_stamp") in {(r.text, r.reason) for r in document.removed}
    # a modified-only tag earlier than the printed date is not overruled by it
    early = html.replace("2023-01-17", "2022-05-01")
    published = clean(RawDoc("page.html", early, "text/html"), Settings()).published
    assert published is not None and published.date == "2022-05-01"


def test_a_site_notice_or_a_sentence_in_the_chrome_does_not_date_the_page() -> None:
    story = ("Residents of the village have raised enough money to buy their hall from the "
             "county council, which had planned to sell it to a developer.\n\n"
             "More than 300 people contributed, some giving as little as five pounds.\n\n"
             "The hall will reopen for bookings in the autumn.")
    for chrome in ("Our cookie policy changed on 25 May 2018. We use cookies to make this "
                   "site work and to understand how you use it.\nAccept and close",):
        text = f"{chrome}\nVillage hall saved by community buyout\n\n{story}"
        document = clean(RawDoc("page.txt", text, "text/plain"), Settings())
        assert document.published is None or document.published.how == "inferred"
    stamped = f"By Ann Lee | March 3, 2017\nVillage hall saved by community buyout\n\n{story}"
    published = clean(RawDoc("page.txt", stamped, "text/plain"), Settings()).published
    assert published is not None and (published.date, published.how) == ("2017-03-03", "explicit")


def test_a_records_host_names_its_outlet_before_an_agency_it_quotes() -> None:
    text = ("Local chip plant to cut 300 jobs\n\nThe semiconductor plant will lay off 300 workers "
            "by the end of the year, a company spokesman told Reuters on Monday.\n\nThe state "
            "offered retraining grants to the workers affected by the cuts.")
    raw = RawDoc("r.jsonl", text, "text/plain",
                 meta=(("url", "https://www.eastvalleytribune.example/news/layoffs"),))
    assert clean(raw, Settings()).outlet == "eastvalleytribune.example"
    assert clean(RawDoc("r.txt", text, "text/plain"), Settings()).outlet == "Reuters"


def test_a_headline_with_a_full_stop_in_the_title_is_not_the_site_name() -> None:
    body = ("<p>Consumer prices rose more slowly in February than in January, the statistics "
            "office said on Friday, as energy costs fell for a third month running.</p>") * 3
    for title in ("Inflation falls to 2.9% in February | Eurozone Monitor",
                  "U.S. envoy arrives in Manila | Frontier Dispatch"):
        html = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
        assert clean(RawDoc("page.html", html, "text/html"), Settings()).outlet is None
    html = ("<html><head><title>Prices ease | Monitor.example</title></head><body><article>"
            f"{body}</article></body></html>")
    assert clean(RawDoc("page.html", html, "text/html"), Settings()).outlet == "Monitor.example"


@pytest.mark.parametrize("value", ["2 hours ago", "yesterday", "today", "1 day ago", "last week"])
def test_a_relative_record_date_is_no_date(value: str) -> None:
    text = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north. ") * 2
    published = clean(RawDoc("r.jsonl", text, "text/plain", meta=(("date", value),)), Settings()).published
    assert published is None or published.how != "metadata"


def test_a_clean_texts_dateline_below_its_headline_and_byline_names_the_outlet() -> None:
    text = ("Peru's congress votes to remove president\n\nBy Marta Quispe\n\n"
            "LIMA, Peru (AP) — Peru's congress voted on Monday to remove the president after "
            "weeks of protests over corruption charges, lawmakers said.\n\n"
            "The vote was 105 to 19, with four abstentions.")
    document = clean(RawDoc("wire.txt", text, "text/plain"), Settings(text_is_clean=True))
    assert document.dateline is not None and document.dateline.place.upper().startswith("LIMA")
    assert document.outlet == "Associated Press"


def test_a_site_name_that_holds_an_alias_names_another_outlet() -> None:
    text = ("Delegations from both sides met in Islamabad on Tuesday to resume talks on trade, "
            "officials said, after weeks of delay in the capital. ") * 2
    for site, expected in (("Associated Press of Pakistan", "Associated Press of Pakistan"),
                           ("Reuters | Breaking International News", "Reuters"),
                           ("reuters.com", "Reuters")):
        raw = RawDoc("r.jsonl", text, "text/plain", meta=(("outlet", site),))
        assert clean(raw, Settings()).outlet == expected


def test_a_dateline_that_names_its_year_beats_a_record_date_far_from_it() -> None:
    text = ("PARIS, 14 March 2016 (AFP) - Farmers blocked roads around the capital to protest "
            "against falling prices, police said.\n\nThe unions said talks with the ministry "
            "had failed and more protests would follow.")
    for stated, expected, how in (("2021-03-01", "2016-03-14", "dateline"),
                                  ("2016-03-15", "2016-03-15", "metadata")):
        raw = RawDoc("r.jsonl", text, "text/plain", meta=(("date", stated),))
        published = clean(raw, Settings()).published
        assert published is not None and (published.date, published.how) == (expected, how)
    # a dateline without its year only lowers a record date it disagrees with
    text = text.replace("14 March 2016", "14 March")
    published = clean(RawDoc("r.jsonl", text, "text/plain", meta=(("date", "2016-04-20"),)),
                      Settings()).published
    assert published is not None and published.date == "2016-04-20" and published.confidence == 0.6


def test_a_feed_entry_with_only_an_updated_date_is_dated_less_surely() -> None:
    text = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north. ") * 2
    raw = RawDoc("f.atom", text, "text/plain", meta=(("date", "2019-11-20"), ("date_kind", "updated")))
    published = clean(raw, Settings()).published
    assert published is not None and (published.date, published.confidence) == ("2019-11-20", 0.6)


def test_a_record_without_a_date_is_dated_by_its_url() -> None:
    text = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
            "officials said, after weeks of fighting in the north. ") * 2
    for url, expected in (("https://www.xinhuanet.com/english/2019-11/18/c_138564589.htm", "2019-11-18"),
                          ("https://example.com/world/2019/11/18/talks-resume", "2019-11-18"),
                          ("https://example.com/world/2019/11/talks-resume", None)):
        raw = RawDoc("r.jsonl", text, "text/plain", meta=(("url", url),))
        published = clean(raw, Settings()).published
        got = published.date if published is not None and published.how == "metadata" else None
        assert got == expected, url


def _storm_page() -> str:
    """An undated article page: three paragraphs under a headline, no date of its own."""
    body = "".join(f"<p>Storm {n} reached the coast on Tuesday, officials said, and thousands "
                   "of homes lost power overnight across the region.</p>" for n in range(3))
    return f"<html><head><title>Storm hits coast</title></head><body><article>{body}</article></body></html>"


def test_an_undated_page_archived_with_a_dated_url_is_dated_by_it() -> None:
    # before: a WARC response's target URI was read for text records only, and an HTML page
    # with no date of its own had none
    html = _storm_page()
    for url, expected in (("https://news.example.com/2024/03/05/storm", "2024-03-05"),
                          ("https://news.example.com/storm", None)):
        raw = RawDoc("a.warc.gz", html, "text/html", meta=(("url", url),))
        published = clean(raw, Settings()).published
        assert (published.date if published else None) == expected, url
    # a date the page states stands over its URL's
    dated = html.replace("<head>", '<head><meta property="article:published_time" '
                         'content="2024-03-04T22:00:00Z">')
    raw = RawDoc("a.warc.gz", dated, "text/html",
                 meta=(("url", "https://news.example.com/2024/03/05/storm"),))
    published = clean(raw, Settings()).published
    assert published is not None and published.date == "2024-03-04"


def test_a_page_the_archive_stored_cut_short_says_so_in_what_was_removed() -> None:
    html = _storm_page()
    raw = RawDoc("a.warc.gz", html, "text/html", meta=(("warc_truncated", "length"),))
    removed = clean(raw, Settings()).removed
    assert [r.reason for r in removed if r.reason == "warc_truncated"] == ["warc_truncated"]
    assert not any(r.reason == "warc_truncated" for r in clean(
        RawDoc("a.warc.gz", html, "text/html"), Settings()).removed)


def test_the_day_a_page_was_fetched_bounds_its_inferred_date() -> None:
    # Friday, December 18 after March 2011 is 2015 or 2020 (a tie: no date); archived in
    # January 2016, it can only be 2015
    text = ("GENEVA — Diplomats gathered for the summit on Friday, December 18, officials said, "
            "and the talks ran late into the night.\n\nAid groups said the fighting, which began "
            "in March 2011, had displaced thousands of families in the north.\n\n"
            "The ministers said they would meet again in the new year.")
    undated = clean(RawDoc("a.warc", text, "text/plain"), Settings()).published
    assert undated is None
    raw = RawDoc("a.warc", text, "text/plain", meta=(("fetched", "2016-01-10T08:00:00Z"),))
    published = clean(raw, Settings()).published
    assert published is not None and (published.date, published.how) == ("2015-12-18", "inferred")
    # a fetch date that says nothing (later than the bound set, or unreadable) changes nothing
    for fetched in ("2031-01-01T00:00:00Z", "yesterday"):
        raw = RawDoc("a.warc", text, "text/plain", meta=(("fetched", fetched),))
        assert clean(raw, Settings(reference_date=date(2016, 1, 10))).published == published


@pytest.mark.parametrize(("title", "site"), [
    ("Inflation cools in March | U.S. News & World Report", "U.S. News & World Report"),
    ("Inflation falls to 2.9% in February | Example.com", "Example.com"),
    ("Inflation falls to 2.9% in February | Eurozone Monitor", None),
])
def test_the_site_a_title_names_after_its_headline(title: str, site: str | None) -> None:
    body = ("<p>Consumer prices rose more slowly in February than in January, the statistics "
            "office said on Friday, as energy costs fell for a third month running.</p>") * 3
    html = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    assert clean(RawDoc("page.html", html, "text/html"), Settings()).outlet == site


def test_a_modified_only_page_keeps_its_tag_over_a_sentence_that_says_published() -> None:
    html = _modified_only_page("2022-05-10", "The original study was published on 3 March 2019.")
    document = clean(RawDoc("page.html", html, "text/html"), Settings())
    assert document.published is not None and document.published.date == "2022-05-10"
    assert "The original study was published on 3 March 2019." in document.text


def test_an_ambiguous_record_date_is_read_in_the_order_the_settings_say() -> None:
    published = clean(_record("05/01/2024", ""), Settings(date_order="day_first")).published
    assert published is not None and (published.date, published.confidence) == ("2024-01-05", 0.9)
    assert "read day first, as the setting date_order" in published.evidence
    hinted = RawDoc("r.csv", _record("05/01/2024", "").text, "text/plain",
                    meta=(("date", "05/01/2024"), ("date_order", "day_first")))
    published = clean(hinted, Settings()).published
    assert published is not None and published.date == "2024-01-05"
    assert "other records of this input" in published.evidence
    published = clean(hinted, Settings(date_order="month_first")).published
    assert published is not None and published.date == "2024-05-01"
    published = clean(_record("25/01/2024", ""), Settings(date_order="month_first")).published
    assert published is not None and published.date == "2024-01-25"  # no other reading

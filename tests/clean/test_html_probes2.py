"""Probes of the HTML cleaning on page shapes the benchmark holds few of: script-rendered pages,
live blogs, galleries, wire copy's trailers, pull quotes, calls to action, notes above the
story. Every page and sentence here is written for the test."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from storyline.clean import clean
from storyline.clean.boilerplate import is_trailer
from storyline.clean.combine import is_call_to_action, is_interface_line
from storyline.clean.jsonld import json_ld_body
from storyline.config import Settings
from storyline.records import Document, RawDoc

STORY = [
    "The regional airline said on Monday it would add four new routes from the city's airport "
    "this summer, including daily flights to two island resorts.",
    "The company expects to carry about 200,000 extra passengers a year on the new routes, "
    "its chief executive told reporters at the airport.",
    "Airport managers welcomed the announcement, saying the routes would create around 80 "
    "jobs in ground handling and security.",
    "The first flights are due to leave in the second week of June.",
]


def _clean(html: str) -> Document:
    return clean(RawDoc("page.html", html, "text/html"), Settings())


def _page(body: str, head: str = "") -> str:
    return (f"<!doctype html><html><head><title>Airline adds four routes | Skyline News</title>"
            f"{head}</head><body>{body}</body></html>")


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _json_ld(record: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(record)}</script>'


def _removed(document: Document) -> set[tuple[str, str]]:
    return {(r.text, r.reason) for r in document.removed}


def test_a_script_rendered_page_is_read_from_its_json_ld_article_body() -> None:
    record = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Skyline News"},
        {"@type": "NewsArticle", "headline": "Airline adds four routes",
         "articleBody": "\n\n".join(STORY)}]}
    document = _clean(_page("<div id='app'>Loading...</div>", _json_ld(record)))
    assert document.text == "\n\n".join(STORY)
    assert ("Loading...", "not_in_article_body") in _removed(document)


def test_a_json_ld_article_body_with_markup_is_split_at_its_paragraphs() -> None:
    record = {"@type": "NewsArticle",
              "articleBody": "<p>" + "</p><p>".join(STORY[:2]) + "</p><p>Tom &amp; Ann</p>"}
    tree = lxml_html.document_fromstring(_page("<div></div>", _json_ld(record)))
    assert json_ld_body(tree) == (*STORY[:2], "Tom & Ann")


def test_a_live_blogs_json_ld_updates_are_its_text() -> None:
    record = {"@type": "LiveBlogPosting", "liveBlogUpdate": [
        {"@type": "BlogPosting", "articleBody": STORY[0]},
        {"@type": "BlogPosting", "articleBody": STORY[1]}]}
    document = _clean(_page("<div id='root'></div>", _json_ld(record)))
    assert document.text == "\n\n".join(STORY[:2])


def test_a_story_list_in_json_ld_gives_no_article_body() -> None:
    record = {"@type": "ItemList", "itemListElement": [
        {"@type": "NewsArticle", "articleBody": "\n".join(STORY)}]}
    tree = lxml_html.document_fromstring(_page("<div></div>", _json_ld(record)))
    assert json_ld_body(tree) == ()


def test_markup_that_holds_the_article_is_read_before_a_short_json_ld_body() -> None:
    record = {"@type": "NewsArticle", "articleBody": STORY[0]}
    document = _clean(_page(f"<article>{_paragraphs(*STORY)}</article>", _json_ld(record)))
    assert document.text == "\n\n".join(STORY)


def _entry(text: str, n: int) -> str:
    return (f'<div class="live-post"><time>1{n}:05</time><div class="live-post__body">'
            f'<p>{text}</p></div><div class="live-post__tools"><a href="#">Share</a> '
            f'<a href="#">Copy link</a></div></div>')


def test_a_live_blogs_last_entry_beside_its_share_buttons_is_kept() -> None:
    feed = "".join(_entry(text, n) for n, text in enumerate(STORY))
    document = _clean(_page(f'<main><h1>Airline adds four routes</h1><div class="live-feed">'
                            f'{feed}</div></main>'))
    assert document.text == "\n\n".join(STORY)


def test_a_storys_last_block_beside_its_tools_is_kept() -> None:
    blocks = "".join(f'<div class="block"><p>{text}</p></div>' for text in STORY[:3])
    last = f'<div class="block"><p>{STORY[3]}</p><div><a>Share</a> <a>Print</a></div></div>'
    document = _clean(_page(f'<div class="story"><div class="text">{blocks}{last}</div></div>'))
    assert document.text == "\n\n".join(STORY)


def test_a_teaser_after_the_article_in_other_markup_is_not_restored() -> None:
    blocks = "".join(f'<div class="block"><p>{text}</p></div>' for text in STORY[:3])
    teaser = ('<div class="teaser"><p>Heatwave to bring temperatures of 35C to the south this '
              'weekend, forecasters say.</p><a>More</a></div>')
    document = _clean(_page(f'<div class="story"><div class="text">{blocks}{teaser}</div></div>'))
    assert "Heatwave" not in document.text


NOTE = ("Correction: An earlier version of this article said the airline would add six routes. "
        "It will add four.")


def test_a_correction_above_the_body_stays_above_it() -> None:
    page = _page(f'<article><h1>Airline adds four routes</h1><p class="note"><i>{NOTE}</i></p>'
                 f'<div class="article-body">{_paragraphs(*STORY)}</div></article>')
    assert _clean(page).text == "\n\n".join([NOTE, *STORY])


def test_an_editors_note_in_a_box_above_the_body_is_kept() -> None:
    note = ("Editor's note: This story has been updated to include the number of jobs the "
            "routes will create.")
    page = _page(f'<article><h1>Airline adds four routes</h1><div class="editors-note"><p><em>'
                 f'{note}</em></p></div><div class="entry-content">{_paragraphs(*STORY)}</div>'
                 f'</article>')
    assert _clean(page).text == "\n\n".join([note, *STORY])


@pytest.mark.parametrize("line", ["str-jfx/dhw", "burs-ach/dva", "lb-str/dmc/sw", "jbl/ach"])
def test_afp_desk_codes_with_a_bureau_before_them_are_a_trailer(line: str) -> None:
    assert is_trailer(line)


@pytest.mark.parametrize("line", [
    "Follow us on Facebook and X for more news.",
    "Sign up for our newsletter to get the latest news in your inbox.",
    "Click here to subscribe to our YouTube channel.",
    "Download our app to get breaking news alerts.",
    "Have a news tip? Email us at tips@example.com.",
    "Story continues below advertisement",
    "Follow AP's coverage of Congress at https://apnews.example/hub/congress.",
    "This article is for subscribers only.",
    "Síguenos en Facebook y X para más noticias.",
])
def test_a_line_that_opens_with_a_call_to_action_is_promo(line: str) -> None:
    assert is_call_to_action(line)


@pytest.mark.parametrize("line", [
    "An even better deal is if you sign up for the bundle, which costs 12 dollars a month.",
    "“Sign up today,” the mayor urged residents at the meeting on Tuesday.",
    "- Sign up for an ad-free account for 11.99 dollars a month",
    "Follow-up tests showed the water was safe to drink, the council said.",
    "Like us, many families in the valley lost their harvest to the floods this year.",
    "Find us a better way to pay for it, the minister told the unions on Monday.",
])
def test_a_sentence_that_speaks_of_signing_up_is_no_call_to_action(line: str) -> None:
    assert not is_call_to_action(line)


def test_calls_to_action_in_the_body_are_left_out_as_promo() -> None:
    promo = "Sign up for our newsletter to get the latest news in your inbox."
    document = _clean(_page(f'<article><div class="article-body">'
                            f'{_paragraphs(STORY[0], promo, *STORY[1:])}</div></article>'))
    assert document.text == "\n\n".join(STORY)
    assert (promo, "promo") in _removed(document)


@pytest.mark.parametrize("line", ["Lee también: El alcalde presenta el presupuesto de 2025",
                                  "Lire aussi : Le maire présente son budget",
                                  "Lesen Sie auch: Der Bürgermeister legt den Haushalt vor"])
def test_read_also_labels_of_other_languages_point_elsewhere(line: str) -> None:
    assert is_interface_line(line)


def test_a_tables_separator_row_is_left_out_and_its_rows_kept() -> None:
    table = ("<table><tr><th>Route</th><th>Flights</th></tr><tr><td>Island A</td><td>7</td></tr>"
             "<tr><td>Island B</td><td>5</td></tr></table>")
    document = _clean(_page(f'<article><div class="article-body">{_paragraphs(*STORY[:2])}'
                            f'{table}{_paragraphs(*STORY[2:])}</div></article>'))
    assert "| Island A | 7 |" in document.text and "---" not in document.text
    assert any(reason == "no_words" for _, reason in _removed(document))


def test_a_pull_quote_that_repeats_the_story_is_left_out() -> None:
    quote = ('<blockquote class="pull-quote"><p>carry about 200,000 extra passengers a year'
             '</p><cite>Chief executive</cite></blockquote>')
    document = _clean(_page(f'<article><div class="entry-content">{_paragraphs(*STORY[:2])}'
                            f'{quote}{_paragraphs(*STORY[2:])}</div></article>'))
    assert document.text == "\n\n".join(STORY)
    assert ("carry about 200,000 extra passengers a year Chief executive",
            "pull_quote") in _removed(document)


def test_a_pull_quote_box_with_words_the_story_does_not_print_stays() -> None:
    quote = ('<blockquote class="pullquote"><p>We will fly to every island within five years, '
             'the chief executive promised.</p></blockquote>')
    document = _clean(_page(f'<article><div class="entry-content">{_paragraphs(*STORY[:2])}'
                            f'{quote}{_paragraphs(*STORY[2:])}</div></article>'))
    assert "We will fly to every island" in document.text


CAPTIONS = ["Children release paper lanterns from the old stone bridge shortly after sunset.",
            "A volunteer repairs a torn lantern before the main procession begins.",
            "Boats decorated with lights drift past the cathedral during the final parade."]


def _figure(n: int, caption: str, credit: str) -> str:
    return (f'<figure><img src="/g/{n}.jpg"><figcaption><span class="count">{n + 1} of 3</span> '
            f'{caption} {credit}</figcaption></figure>')


def test_a_gallerys_captions_are_its_text_without_their_credits() -> None:
    intro = ("Thousands of people lined the river banks on Saturday for the lantern festival, "
             "which returned after a three-year pause.")
    figures = "".join(_figure(n, caption, "Photo: Lena Park/Riverside Times")
                      for n, caption in enumerate(CAPTIONS))
    document = _clean(_page(f'<article><h1>In pictures: lanterns on the river</h1><p>{intro}</p>'
                            f'<div class="gallery">{figures}</div></article>'))
    assert document.text == "\n\n".join([intro, *CAPTIONS])


def test_an_articles_few_photos_keep_their_captions_out() -> None:
    figures = "".join(_figure(n, caption, "") for n, caption in enumerate(CAPTIONS))
    document = _clean(_page(f'<article><div class="article-body">{_paragraphs(*STORY[:2])}'
                            f'{figures}{_paragraphs(*STORY[2:])}</div></article>'))
    assert document.text == "\n\n".join(STORY)


# Review of the repairs above: pages where each repair must not fire. Every page and sentence
# is written for the test.

OTHER_STORY = [
    "A new footbridge over the railway line in the north of the city opened to the public on "
    "Saturday morning.",
    "The bridge cost eleven million dollars and took two years to build, the transport "
    "department said.",
    "Cyclists had campaigned for a crossing at the site for more than a decade after two "
    "serious accidents.",
    "The department said lighting on the bridge would be switched on from dusk until midnight.",
    "Engineers will inspect the structure again in six months under the builder's warranty.",
    "Local shops near the bridge said they hoped more people would now walk from the station.",
    "The council plans a second crossing further east, though funding has not been agreed.",
    "The deputy mayor and pupils from two nearby primary schools attended the opening.",
]
RELATED = {"@type": "NewsArticle", "headline": "Footbridge opens over the railway",
           "articleBody": "\n\n".join(OTHER_STORY)}
OWN = {"@type": "NewsArticle", "headline": "Airline adds four routes",
       "articleBody": "\n\n".join(STORY[:2])}


@pytest.mark.parametrize("scripts", [
    _json_ld([RELATED, OWN]),  # one script, the related story's record first
    _json_ld({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, RELATED]}),
    _json_ld(RELATED) + _json_ld(OWN),  # one script each
], ids=["list", "graph", "scripts"])
def test_another_storys_json_ld_body_does_not_replace_the_pages_text(scripts: str) -> None:
    page = _page(f'<article><h1>Airline adds four routes</h1><div class="body">'
                 f'{_paragraphs(*STORY[:2])}</div></article>', scripts)
    text = _clean(page).text  # (the graph's record names the page's title: the <h1> stays)
    assert text.endswith("\n\n".join(STORY[:2])) and "footbridge" not in text


def test_a_script_rendered_page_is_read_from_its_own_record_not_a_related_one() -> None:
    document = _clean(_page("<div id='app'>Loading...</div>",
                            _json_ld(RELATED) + _json_ld({**OWN, "articleBody": "\n\n".join(STORY)})))
    assert document.text == "\n\n".join(STORY)


def test_a_paywalls_teaser_is_completed_from_the_json_ld_body() -> None:
    page = _page(f'<article><h1>Airline adds four routes</h1><div class="body">'
                 f'{_paragraphs(STORY[0])}<div class="paywall">Subscribe to continue reading.</div>'
                 f'</div></article>', _json_ld({**OWN, "headline": "Airline to fly to two islands",
                                                "articleBody": "\n\n".join(STORY)}))
    assert _clean(page).text == "\n\n".join(STORY)


@pytest.mark.parametrize("body", [
    "\n\n".join([STORY[0], 'The company expects to carry <a href="/x">about 200,000</a> extra '
                 "passengers a year, its <strong>chief executive</strong> said."]),
    "".join(f"&lt;p&gt;{text}&lt;/p&gt;" for text in STORY[:2]),  # markup escaped twice
], ids=["inline", "escaped"])
def test_markup_in_a_json_ld_body_is_no_text(body: str) -> None:
    tree = lxml_html.document_fromstring(_page("<div></div>", _json_ld({**OWN, "articleBody": body})))
    paragraphs = json_ld_body(tree)
    assert len(paragraphs) == 2 and not any("<" in p or "&lt;" in p for p in paragraphs)


@pytest.mark.parametrize("last", [
    '<p>Related: <a href="/fares">Airline cuts fares on five routes after passenger numbers '
    'fall in the spring.</a></p>',
    "<p>Ann Lee covers aviation and tourism for Skyline News and has reported from the airport "
    'since 2015.</p><p><a href="https://x.example/annlee">Follow Ann on X</a></p>',
    "<p>In other news, the state government said on Thursday that it would fund three new "
    'schools in the region.</p><a href="/schools">Read the story</a>',
    "<p>Get the best of local news delivered to you every morning with our free daily "
    'briefing.</p><a href="/newsletter">Sign up</a>',
], ids=["related", "bio", "teaser", "promo"])
def test_a_last_block_of_other_content_beside_links_stays_out(last: str) -> None:
    blocks = "".join(f'<div class="block"><p>{text}</p></div>' for text in STORY)
    page = _page(f'<div class="story"><div class="text">{blocks}<div class="block">{last}</div>'
                 f'</div></div>')
    assert _clean(page).text == "\n\n".join(STORY)


def test_the_captions_of_a_short_articles_photos_between_its_paragraphs_stay_out() -> None:
    captions = [f"{caption} Crowds watched from both banks of the river until late." for caption
                in (*CAPTIONS, "Fireworks light up the sky above the old town at midnight.")]
    figures = [_figure(n, caption, "") for n, caption in enumerate(captions)]
    body = (f"<p>{STORY[0]}</p>{figures[0]}<p>{STORY[1]}</p>{figures[1]}<p>{STORY[3]}</p>"
            f"{figures[2]}{figures[3]}")
    document = _clean(_page(f'<article><div class="article-body">{body}</div></article>'))
    assert document.text == "\n\n".join([STORY[0], STORY[1], STORY[3]])


@pytest.mark.parametrize("line", [
    "Join us, the protesters chanted as they marched past the parliament building.",
    "Stay informed about the storm's path through local radio, officials urged residents.",
    "Download the city app to report potholes, the transport department told drivers.",
    "Don't miss the deadline, the tax office warned self-employed workers on Monday.",
    "Register now for the vote, the electoral commission urged young people.",
    "Click here to claim your prize, the fraudulent messages said, according to police.",
])
def test_an_appeal_someone_is_reported_to_make_is_no_call_to_action(line: str) -> None:
    assert not is_call_to_action(line)


def test_another_storys_editors_note_in_a_card_above_the_body_stays_out() -> None:
    card = ('<section class="top-stories"><div class="card"><h3>Footbridge opens</h3><p>Editor\'s '
            "note: This story has been updated with a statement from the transport department."
            "</p></div></section>")
    page = _page(f'<article class="page">{card}<div class="article-body">{_paragraphs(*STORY)}'
                 f'</div></article>')
    assert _clean(page).text == "\n\n".join(STORY)

"""Faults an analyst met probing the link stage by hand, each pinned by a small corpus written
for the purpose: background paragraphs a wire reuses under other stories, a first take that a
subscriber reprinted, look-alike briefs weeks apart, an update at the same address."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storyline.link import address_key, link_documents
from storyline.records import Document, Facts, Published
from storyline.store import Store

BACKGROUND = [
    "The dispute over the water rights of the lower valley has soured relations between the "
    "two neighbours since a dam was built upstream eight years ago, cutting the river's flow in "
    "the dry season by almost a third according to independent hydrologists.",
    "Three earlier rounds of talks, hosted by the regional development bank, ended without an "
    "agreement on how much water should be released each summer or on who should pay for the "
    "monitoring stations that both sides say they would accept in principle.",
]
COLLAPSE = [
    "Talks between the two countries on sharing the river collapsed on Tuesday after the "
    "upstream delegation walked out, accusing its counterparts of leaking a draft text to the "
    "press before it had been agreed by either government.",
    "Mediators from the development bank said they would try to bring the sides back to the "
    "table before the end of the month but admitted that no date had been set.",
    *BACKGROUND,
    "Farmers in the lower valley, who grow most of the country's cotton and rice, have staged "
    "protests in the provincial capital every spring, and last year police used tear gas to "
    "clear a sit-in outside the governor's office that had lasted nine days.",
    "Both governments face elections next year, and analysts say neither can be seen to give "
    "ground on the river before the vote without angering farmers and the opposition.",
]
FIRE = [
    "A fire broke out on Thursday night in a textile warehouse on the edge of the port city of "
    "Kestrel, sending thick smoke over nearby housing blocks, the emergency service said.",
    "Firefighters from three districts fought the blaze through the night, and a spokesman said "
    "the flames had been contained by early morning although parts of the roof still smouldered.",
    "Residents of two apartment buildings next to the warehouse were moved to a sports hall as a "
    "precaution, and people living downwind were told to keep their windows closed.",
    "The warehouse belongs to a company that imports cotton fabric and stores finished garments "
    "for export, according to the regional chamber of commerce.",
]


def _doc(doc_id: str, text: str, outlet: str, day: str | None, url: str | None = None) -> Facts:
    published = Published(day, "explicit", "", 1.0) if day else None
    document = Document(doc_id, doc_id, text, None, outlet, url, "en", published, None,
                        ((0, len(text)),), outlet_id=outlet)
    return Facts(document, (), (), (), (), (), ())


def _links(tmp_path: Path, *facts: Facts) -> dict[str, tuple[str, str]]:
    with Store(tmp_path / "s.duckdb") as store:
        for fact in facts:
            store.write_facts(fact)
        link_documents(store)
        _, rows = store.query("SELECT doc_id, canonical_id, kind FROM document_links")
    return {doc_id: (canonical, kind) for doc_id, canonical, kind in rows}


def test_link_a_brief_over_a_later_storys_background_is_no_first_take(tmp_path: Path) -> None:
    # Its news ("talks will resume") is in no later story; all else is the background the wire
    # reuses, which the next day's collapse story carries: 80 % of it, yet another story.
    brief = "\n".join(["Talks on sharing the river will resume next week, officials said.",
                       *BACKGROUND])
    links = _links(tmp_path, _doc("brief", brief, "wire", "2021-03-01"),
                   _doc("collapse", "\n".join(COLLAPSE), "wire", "2021-03-02"))
    assert links == {}


def test_link_a_first_take_under_a_new_top_still_joins_its_story(tmp_path: Path) -> None:
    # The full story opens with a new paragraph; the take's lede is its second.
    take = FIRE[0]
    full = "\n".join(["Two firefighters were hurt in a warehouse fire in Kestrel overnight, "
                      "officials said on Friday.", *FIRE])
    links = _links(tmp_path, _doc("take", take, "wire", "2021-05-06"),
                   _doc("full", full, "wire", "2021-05-06"))
    assert links == {"take": ("full", "first_take")}


def test_link_a_first_take_a_subscriber_reprinted_still_joins_its_story(tmp_path: Path) -> None:
    # A subscriber runs the take the same day with a line of its own: longer, so the canonical
    # of the two; the take and its copy must still join the full story, not stand apart.
    take = FIRE[0]
    copy = f"{take}\nThe Daily will update this story as more details become available."
    links = _links(tmp_path, _doc("take", take, "wire", "2021-05-06"),
                   _doc("copy", copy, "daily", "2021-05-06"),
                   _doc("full", "\n".join(FIRE), "wire", "2021-05-06"))
    assert {doc: to for doc, (to, _) in links.items()} == {"take": "full", "copy": "full"}


RATES = ("The central bank left its main interest rate unchanged at four percent on Thursday, "
         "the bank said in a statement.")


def test_link_look_alike_briefs_weeks_apart_stay_apart(tmp_path: Path) -> None:
    # The same twenty words fit every month the rate is held: two decisions, two stories.
    later = RATES.replace("a statement", "a short statement")
    links = _links(tmp_path, _doc("jan", RATES, "wire", "2021-01-07"),
                   _doc("mar", later, "wire", "2021-03-04"))
    assert links == {}


def test_link_a_brief_reprinted_days_later_is_still_a_copy(tmp_path: Path) -> None:
    later = RATES.replace("a statement", "a short statement")
    links = _links(tmp_path, _doc("wire", RATES, "wire", "2021-01-07"),
                   _doc("weekly", later, "weekly", "2021-01-10"))
    assert links == {"weekly": ("wire", "near_duplicate")}


UPDATE = "\n".join([
    "Two firefighters were injured battling a fire that destroyed a textile warehouse in "
    "Kestrel overnight, officials said on Friday, as investigators looked into faulty wiring.",
    *FIRE[1:],
    "The prosecutor's office said it had opened an inquiry and asked the owner of the building "
    "for the maintenance records of its electrical system.",
])


def test_link_an_update_at_the_same_address_joins_its_first_version(tmp_path: Path) -> None:
    # Lede rewritten and a paragraph added: by words alone a new story over the same paragraphs
    # (the module docstring), but the outlet published it at the same address.
    url = "https://courier.example/news/warehouse-fire"
    links = _links(tmp_path, _doc("v1", "\n".join(FIRE), "courier", "2021-05-06", url),
                   _doc("v2", UPDATE, "courier", "2021-05-07", url + "/"))
    assert links == {"v2": ("v1", "near_duplicate")}


@pytest.mark.parametrize("second", [
    "https://www.courier.example/news/warehouse-fire?utm_source=twitter&utm_medium=social",
    "http://m.courier.example/news/warehouse-fire/amp",
    "https://amp.courier.example/news/warehouse-fire?outputType=amp#comments",
    "https://courier.example:443/news/warehouse-fire.amp?fbclid=IwAR0x",
])
def test_link_an_update_at_the_same_address_by_another_url_joins_it(
        tmp_path: Path, second: str) -> None:
    # before: www., a mobile or AMP edition, a port or a share link's tracking made another
    # address, and the update with its lede rewritten stood as a second story
    url = "https://courier.example/news/warehouse-fire"
    links = _links(tmp_path, _doc("v1", "\n".join(FIRE), "courier", "2021-05-06", url),
                   _doc("v2", UPDATE, "courier", "2021-05-07", second))
    assert links == {"v2": ("v1", "near_duplicate")}


def test_link_address_keys() -> None:
    assert address_key("https://WWW.Courier.example./news/warehouse-fire/?utm_campaign=spring"
                       ) == "courier.example/news/warehouse-fire"
    # a query that names the article stays, its parameters in one order; the AMP switch goes
    assert address_key("https://courier.example/story?p=12&amp=1") == "courier.example/story?p=12"
    assert address_key("https://courier.example/story?b=2&a=1") == address_key(
        "https://courier.example/story?a=1&b=2")
    # a tracking number names no article: a live page shared from a campaign is still a live page
    assert address_key("https://courier.example/live?utm_campaign=2021") is None
    assert address_key("https://m.example/news/a-story") == "m.example/news/a-story"  # a site
    assert address_key("https://courier.example/news/a-story") != address_key(
        "https://gazette.example/news/a-story")
    for bad in ("https://[::1/x", "ftp://courier.example/a-story", "", None, "no url at all"):
        assert address_key(bad) is None


def test_link_the_same_address_over_another_story_stays_apart(tmp_path: Path) -> None:
    url = "https://courier.example/live"  # an address the outlet reuses for each day's page
    links = _links(tmp_path, _doc("fire", "\n".join(FIRE), "courier", "2021-05-06", url),
                   _doc("talks", "\n".join(COLLAPSE), "courier", "2021-05-07", url))
    assert links == {}


TIMETABLE = [
    "Negotiators from both countries met again on Wednesday in the border town of Marsh and "
    "agreed a timetable for technical meetings on the monitoring stations, the bank said.",
    "A joint statement said engineers would visit the dam next month to agree where the first "
    "gauges should be placed and who would read them.",
]


@pytest.mark.parametrize("first, second", [
    ("https://wire.example/live", "https://wire.example/live"),
    ("https://wire.example/", "http://WIRE.example"),
    ("https://wire.example/#!/story/41", "https://wire.example/#!/story/42"),
    # a section's one word: its letters percent-encoded are still no number
    ("https://wire.example/actualités", "https://wire.example/actualit%C3%A9s"),
    ("https://wire.example/live?topic=río/sur", "https://wire.example/live?topic=r%C3%ADo%2Fsur"),
])
def test_link_two_stories_at_a_page_named_by_no_slug_stay_apart(tmp_path: Path, first: str,
                                                                 second: str) -> None:
    # A live page, a front page, a hash route: the outlet shows one story there, then another;
    # these two share only the background paragraphs (half of the shorter), so two stories.
    links = _links(tmp_path, _doc("timetable", "\n".join([*TIMETABLE, *BACKGROUND]), "wire",
                                  "2021-03-01", first),
                   _doc("collapse", "\n".join(COLLAPSE), "wire", "2021-03-02", second))
    assert links == {}


AFTERMATH = [
    "Police said they had not yet established the cause of the fire and that nobody had been "
    "reported missing, though the warehouse's night guard was taken to hospital as a precaution.",
    "The city's mayor said she would visit the site on Friday afternoon and promised help to "
    "residents whose flats were damaged by the smoke or by the water used to fight the fire.",
    "Local firms said deliveries through the port would go on as usual, though one road next to "
    "the warehouse would stay closed for several days while the structure was checked.",
]


@pytest.mark.parametrize("first_line", [
    '"We have never seen anything like this in our town," a neighbour said.',
    "URGENT - Fire breaks out at textile warehouse in Kestrel port, smoke over homes",
])
def test_link_a_first_take_under_a_quote_or_a_headline_joins_its_story(tmp_path: Path,
                                                                      first_line: str) -> None:
    # The take's first sentence is in no later story, but the story's lede is the take's news.
    take = "\n".join([first_line, *FIRE[:3]])
    links = _links(tmp_path, _doc("take", take, "wire", "2021-05-06"),
                   _doc("full", "\n".join([*FIRE, *AFTERMATH]), "wire", "2021-05-06"))
    assert links == {"take": ("full", "first_take")}


@pytest.mark.parametrize("reprint_last", [True, False])
def test_link_an_update_joins_its_first_version_whichever_reading_came_last(
        tmp_path: Path, reprint_last: bool) -> None:
    # A subscriber reprinted the first version word for word (one document, two readings):
    # the update at the wire's address joins it in either order of the input.
    url = "https://courier.example/news/warehouse-fire"
    first = _doc("v1", "\n".join(FIRE), "courier", "2021-05-06", url)
    reprint = _doc("v1", "\n".join(FIRE), "daily", "2021-05-06",
                   "https://daily.example/2021/05/06/fire")
    reprint = Facts(replace(reprint.document, source="daily#1"), (), (), (), (), (), ())
    readings = (first, reprint) if reprint_last else (reprint, first)
    links = _links(tmp_path, *readings, _doc("v2", UPDATE, "courier", "2021-05-07", url))
    assert links == {"v2": ("v1", "near_duplicate")}


def test_link_look_alike_briefs_weeks_apart_at_one_address_stay_apart(tmp_path: Path) -> None:
    # The outlet's page for the rate decision, filled each month with the same formula.
    url = "https://wire.example/markets/rate-decision"
    later = RATES.replace("a statement", "a short statement")
    links = _links(tmp_path, _doc("jan", RATES, "wire", "2021-01-07", url),
                   _doc("mar", later, "wire", "2021-03-04", url))
    assert links == {}


@pytest.mark.parametrize("first, second", [
    # a parameter that names the article though a tracker's name is in it (cid, eid, gallery)
    ("https://wire.example/news/view-story?cid=41", "https://wire.example/news/view-story?cid=42"),
    ("https://wire.example/news/view-story?eid=41", "https://wire.example/news/view-story?eid=42"),
    ("https://wire.example/news/photo-gallery?galleryId=41",
     "https://wire.example/news/photo-gallery?galleryId=42"),
    # a query of a number alone
    ("https://wire.example/news/show_story.php?41", "https://wire.example/news/show_story.php?42"),
])
def test_link_two_stories_at_addresses_another_query_tells_apart_stay_apart(
        tmp_path: Path, first: str, second: str) -> None:
    # before: courlan's tracker test, a search for "cid", "eid", "ga" anywhere in a name, and its
    # parsing, which drops a pair without "=", made these one address, and the two stories over
    # the same background paragraphs (half of the shorter) one article
    links = _links(tmp_path, _doc("timetable", "\n".join([*TIMETABLE, *BACKGROUND]), "wire",
                                  "2021-03-01", first),
                   _doc("collapse", "\n".join(COLLAPSE), "wire", "2021-03-02", second))
    assert links == {}


def test_link_address_keys_keep_a_query_as_written() -> None:
    # a query of a number alone names the article; an "&" that opens an HTML entity's name
    # ("&region", "&para") is a separator, not "®ion"; parameters in one order either way
    assert address_key("https://wire.example/story.php?1234") == "wire.example/story.php?1234"
    assert address_key("https://wire.example/story?region=eu&id=5") == address_key(
        "https://wire.example/story?id=5&region=eu") == "wire.example/story?id=5&region=eu"
    # a tracker's whole name goes; one that only holds a tracker's name stays
    assert address_key("https://wire.example/a-story?utm_source=x&fbclid=y&gclid=z&ref=rss"
                       "&xtor=RSS-1&mc_cid=3&_ga=2") == "wire.example/a-story"
    assert address_key("https://wire.example/a-story?sourceid=5&refid=6") == (
        "wire.example/a-story?refid=6&sourceid=5")

"""Outlet detection on inputs an analyst meets: a site name given as an address or an edition,
a host written with its closing full stop, joint agency credits, copyright notices and an
agency's credit standing where a dateline's place would."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.metadata import parse_dateline
from storyline.clean.outlets import (
    known_outlet,
    outlet_from_text,
    outlet_from_url,
    outlet_id_for,
    wire_agency,
)
from storyline.config import Settings
from storyline.records import RawDoc

_STORY = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
          "officials said, after weeks of fighting in the north of the country.\n\n"
          "The talks are expected to last three days, according to a schedule from the hosts.")


def test_metadata_host_with_a_closing_full_stop_is_the_same_site() -> None:
    assert outlet_from_url("https://www.reuters.com./world/talks-resume") == "Reuters"


@pytest.mark.parametrize(("site", "outlet_id"), [
    ("https://www.reuters.com", "reuters"),
    ("https://www.bbc.co.uk/news", "bbc"),
    ("www.reuters.com:443", "reuters"),
])
def test_metadata_site_name_given_as_an_address_names_its_outlet(site: str, outlet_id: str) -> None:
    assert outlet_id_for(known_outlet(site)) == outlet_id


@pytest.mark.parametrize(("site", "outlet_id"), [
    ("CNN International", "cnn"),
    ("The Guardian US", "guardian"),
    ("Reuters UK", "reuters"),
    ("France 24 English", "france24"),
    ("Daily Mail Online", "dailymail"),
    ("Metro UK", None),  # an ordinary word stays one with an edition after it
])
def test_metadata_site_name_of_an_edition_names_its_outlet(site: str, outlet_id: str | None) -> None:
    assert outlet_id_for(known_outlet(site)) == outlet_id


@pytest.mark.parametrize(("line", "expected"), [
    ("GENEVA (AFP/Reuters) - Talks resumed on Tuesday.", "AFP"),
    ("GENEVA (Reuters, AP) - Talks resumed on Tuesday.", "Reuters"),
    ("A delegate arrives at the hall on Tuesday. (Reuters/Jane Roe)", None),  # a photo's credit
])
def test_metadata_joint_agency_credit_names_its_first_agency(line: str, expected: str | None) -> None:
    assert outlet_from_text([], [line], line, quoted=False) == expected


@pytest.mark.parametrize("text_is_clean", [False, True])
@pytest.mark.parametrize(("notice", "outlet_id"), [
    ("Copyright 2015 The Associated Press. All rights reserved. This material may not be "
     "published, broadcast, rewritten or redistributed.", "ap"),
    ("Copyright © 2016 The New York Times Company", "nyt"),
    ("© Reuters", None),  # no year: a picture's credit, not the story's notice
])
def test_metadata_copyright_notice_names_the_outlet(
        notice: str, outlet_id: str | None, text_is_clean: bool) -> None:
    raw = RawDoc("story.txt", f"{_STORY}\n\n{notice}", "text/plain")
    assert clean(raw, Settings(text_is_clean=text_is_clean)).outlet_id == outlet_id


@pytest.mark.parametrize(("paragraph", "agency", "outlet_id"), [
    ("AP — Talks resumed in Geneva on Tuesday after weeks of fighting.", "AP", "ap"),
    ("REUTERS - Talks resumed in Geneva on Tuesday after weeks of fighting.", "REUTERS", "reuters"),
])
def test_metadata_agency_credit_opening_a_story_is_no_dateline_place(
        paragraph: str, agency: str, outlet_id: str) -> None:
    assert parse_dateline(paragraph) is None
    assert wire_agency(paragraph) == agency
    document = clean(RawDoc("story.txt", f"{paragraph}\n\n{_STORY}", "text/plain"), Settings())
    assert (document.dateline, document.outlet_id) == (None, outlet_id)


def test_metadata_a_place_or_an_ordinary_word_before_a_dash_stays_a_dateline() -> None:
    london = parse_dateline("LONDON — Talks resumed on Tuesday.")
    metro = parse_dateline("METRO — Fares rise on Tuesday.")
    assert london is not None and london.place == "London" and wire_agency("LONDON — x") is None
    assert metro is not None and metro.place == "Metro"


@pytest.mark.parametrize(("paragraph", "place"), [
    ("KUNA, Idaho — The city council voted on Tuesday to raise water rates again.", "Kuna, Idaho"),
    ("SANA, Yemen — Rebels said on Tuesday they had taken the port after days of fighting.",
     "Sana, Yemen"),
])
def test_metadata_a_town_named_like_an_agency_stays_a_dateline_place(
        paragraph: str, place: str) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None and dateline.place == place and wire_agency(paragraph) is None
    document = clean(RawDoc("story.txt", f"{paragraph}\n\n{_STORY}", "text/plain"), Settings())
    assert document.outlet_id is None


def test_metadata_a_speakers_label_in_a_transcript_is_no_agency_credit() -> None:
    transcript = ("BLOOMBERG: We need to raise taxes on the richest households this year.\n\n"
                  "SANDERS: I agree with the mayor on that, and I have said so for years.\n\n"
                  f"{_STORY}")
    assert wire_agency("BLOOMBERG: We need to raise taxes.") is None
    assert clean(RawDoc("debate.txt", transcript, "text/plain"), Settings()).outlet_id is None


@pytest.mark.parametrize("line", [
    "Russian state media (RT, Sputnik) gave a different account of the talks on Tuesday.",
    "The speech was aired live by the networks (CNN and BBC) on Tuesday evening.",
    "Reports by Western media (BBC/CNN) were denied by the ministry on Tuesday.",
])
def test_metadata_outlets_listed_in_brackets_in_a_sentence_are_no_credit(line: str) -> None:
    assert outlet_from_text([], [line], line, quoted=False) is None


@pytest.mark.parametrize(("trailer", "outlet_id"), [
    ("— AFP", "afp"), ("-- Reuters", "reuters"), ("Source: Reuters", "reuters"),
    ("SOURCE: AFP", "afp"), ("via AP", "ap"), ("AFP/Reuters", "afp"), ("AFP", "afp"),
])
def test_a_credit_line_ending_the_story_names_its_outlet_and_leaves_the_text(
        trailer: str, outlet_id: str) -> None:
    # before: the credit stayed a paragraph of the article, and the story named no outlet
    doc = clean(RawDoc("s.txt", f"{_STORY}\n\n{trailer}", "text/plain"), Settings())
    assert doc.outlet_id == outlet_id
    assert trailer not in doc.text and (trailer, "trailer") in {(r.text, r.reason) for r in doc.removed}


@pytest.mark.parametrize("last", [
    "Source: Ministry of Defence", "via Twitter", "Metro", "Additional reporting by Ann Lee",
    "Reuters reported the talks would resume.",
])
def test_a_last_line_that_credits_no_outlet_stays(last: str) -> None:
    doc = clean(RawDoc("s.txt", f"{_STORY}\n\n{last}", "text/plain"), Settings())
    assert doc.outlet_id is None and last in doc.text


@pytest.mark.parametrize(("url", "outlet_id"), [
    ("https://www.guardian.co.uk/world/2012/dec/03/syria-talks", "guardian"),  # before 2013
    ("https://reut.rs/2xYz", "reuters"), ("https://nyti.ms/3abc", "nyt"),  # own short links
    ("https://cnn.it/3abc", "cnn"), ("https://bbc.in/3abc", "bbc"),
    ("https://www.abc.net.au/news/2016-12-20/x/1", "abc_au"), ("https://www.smh.com.au/world/x", "smh"),
    ("https://www.japantimes.co.jp/news/x/", "japantimes"), ("https://www3.nhk.or.jp/nhkworld/x", "nhk"),
    ("https://www.arabnews.com/node/1", "arabnews"), ("https://www.usnews.com/news/world/x", "usnews"),
])
def test_outlets_the_probes_missed_are_in_the_table(url: str, outlet_id: str) -> None:
    # before: each fell back to its host name, with no outlet id
    assert outlet_id_for(outlet_from_url(url)) == outlet_id


@pytest.mark.parametrize("last", ["AA", "RT", "AP"])
def test_two_letters_alone_ending_the_story_are_no_credit(last: str) -> None:
    # before: a last line "AA" or "RT" (initials, a unit) named Anadolu or RT and left the text
    doc = clean(RawDoc("s.txt", f"{_STORY}\n\n{last}", "text/plain"), Settings())
    assert doc.outlet_id is None and last in doc.text.splitlines()

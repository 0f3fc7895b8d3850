"""Outlet detection on inputs an analyst meets: a site name given as an address or an edition,
a host written with its closing full stop, joint agency credits, copyright notices and an
agency's credit standing where a dateline's place would."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.metadata import (
    known_outlet,
    outlet_from_text,
    outlet_from_url,
    outlet_id_for,
    parse_dateline,
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

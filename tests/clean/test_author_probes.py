"""Author names on bylines an analyst meets: ordinary words set in title case, honorifics and
social prompts before a name, "Surname, Given" pairs, credits of a told or compiled story, and
a record whose first author field names an outlet."""

from __future__ import annotations

import json

import pytest

from storyline.clean import clean
from storyline.clean.authors import author_names
from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes
from storyline.records import RawDoc

STORY = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
         "officials said, after weeks of fighting in the north of the country.\n\n"
         "The talks are expected to last three days, according to a schedule from the hosts.")


@pytest.mark.parametrize("value", [
    "By Invitation Only", "Up For Grabs", "Out Of Office", "Not For Sale",
    "Sold Out Only", "Rock At Dawn",
])
def test_title_cased_phrases_joined_by_function_words_are_no_names(value: str) -> None:
    # before: "Train Or Car" and "Invitation Only" were read as writers
    assert author_names([value]) == ()


@pytest.mark.parametrize("value", [
    "Will Smith", "Sarah Post", "Tom Press", "Amanda Still", "Rose Hill", "May Green",
    "Johnnie To", "Anh Do", "Yael Or", "He Yafei", "Kim So Hyun", "Per Gessle",
    "Tran My Linh", "Than Shwe", "Kyaw Than", "Nor Aini Hassan", "Carol Off", "Just Fontaine",
    "Are Hansen", "Into Saarinen", "Johnnie To Kei-fung", "Raymond Or Ching-fai",
    "Nguyen To Uyen", "Ahn On Yu",
])
def test_names_that_are_also_words_stay_names(value: str) -> None:
    # before: "Sarah Post" and "Tom Press" were dropped as an outlet's words
    assert author_names([value]) == (value,)


@pytest.mark.parametrize("value", [
    "Washington Post", "Free Press", "Press Association", "Post Reporter", "Times Staff",
])
def test_a_masthead_is_still_no_writer(value: str) -> None:
    assert author_names([value]) == ()


@pytest.mark.parametrize(("value", "names"), [
    ("Dr. Ann Lee", ("Ann Lee",)),
    ("By Prof. Ann Lee", ("Ann Lee",)),
    ("Mr Bob Smith and Mrs. Ann Lee", ("Bob Smith", "Ann Lee")),
    ("Ms. Ann Lee", ("Ann Lee",)),
    ("Sir Tom Jones", ("Tom Jones",)),
    ("Rev. Ann Lee", ("Ann Lee",)),
    ("DR. ANN LEE", ("Ann Lee",)),
    ("Follow Ann Lee", ("Ann Lee",)),
    ("Follow Ann Lee on Twitter", ("Ann Lee",)),
    ("Dr. Lee", ()),  # a title and a surname: no full name
])
def test_honorifics_and_social_prompts_are_no_part_of_the_name(
        value: str, names: tuple[str, ...]) -> None:
    # before: "Dr. Ann Lee", "Follow Ann Lee" were the names as written
    assert author_names([value]) == names


@pytest.mark.parametrize(("value", "names"), [
    ("Ann Lee, Bob Smith", ("Ann Lee", "Bob Smith")),  # two writers
    ("Ann Lee, Reuters", ("Ann Lee",)),  # a writer and her agency
    # two single words around a comma are no name: a "Surname, Given" pair has the form of
    # a credit and its place, or of a town and its country
    ("Lee, Ann", ()), ("IANS, Mumbai", ()), ("AFP, Paris", ()), ("London, England", ()),
    ("Kyiv, Ukraine", ()), ("Smith, Jr.", ()),
])
def test_a_comma_separates_writers_and_no_pair_is_turned_round(value: str,
                                                               names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


@pytest.mark.parametrize("value", [
    "As told to Ann Lee", "Compiled by Ann Lee", "Interview by Ann Lee", "Interviewed by Ann Lee",
])
def test_the_writer_who_took_down_or_compiled_a_story_is_its_author(value: str) -> None:
    # before: the credit's opening words made it no name
    assert author_names([value]) == ("Ann Lee",)


@pytest.mark.parametrize("line", ["As told to Ann Lee", "Compiled by Ann Lee"])
def test_a_told_or_compiled_credit_under_the_headline_names_the_author(line: str) -> None:
    doc = clean(RawDoc("s.txt", f"Talks resume in Geneva\n\n{line}\n\n{STORY}", "text/plain"),
                Settings())
    assert doc.authors == ("Ann Lee",)


@pytest.mark.parametrize("line", [
    "Interviewed by Sean Hannity, Trump said he would run.",
    "As told to Jake Tapper, the story changed again.",
    "Compiled by Human Rights Watch, the data show abuse.",
])
def test_a_sentence_opening_as_a_credit_names_no_author(line: str) -> None:
    text = f"Talks resume in Geneva\n\n{line}\n\nBy Ann Lee\n\n{STORY}"
    doc = clean(RawDoc("s.txt", text, "text/plain"), Settings())
    assert doc.authors == ("Ann Lee",)  # before the fix: the sentence's name won


def _authors(record: dict[str, object], settings: Settings | None = None) -> tuple[str, ...]:
    (raw,) = read_bytes(json.dumps(record).encode(), "r.json", settings or Settings())
    assert isinstance(raw, RawDoc)
    return clean(raw, settings or Settings()).authors


def test_a_records_next_author_field_is_read_when_the_first_names_no_person() -> None:
    # before: "author" named an outlet and the byline beside it was never read
    assert _authors({"text": STORY, "author": {"name": "Reuters"}, "byline": "By Ann Lee"}) \
        == ("Ann Lee",)
    assert _authors({"text": STORY, "author": "Admin", "authors": ["Ann Lee"]}) == ("Ann Lee",)


def test_a_records_author_fields_are_all_tried_without_an_author_key() -> None:
    assert _authors({"text": STORY, "authors": ["Reuters"], "byline": "By Ann Lee"}) \
        == ("Ann Lee",)


def test_a_records_first_author_field_that_names_a_person_wins() -> None:
    assert _authors({"text": STORY, "author": "Ann Lee", "byline": "By Bob Smith"}) == ("Ann Lee",)


def test_an_author_field_named_in_the_settings_is_read_alone() -> None:
    settings = Settings(jsonl_fields=RecordFields(author="writer"))
    assert _authors({"text": STORY, "writer": "Reuters", "byline": "By Ann Lee"}, settings) == ()

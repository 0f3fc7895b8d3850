"""Authors: who the input names as the story's writers, from a record, a feed, page tags or a
byline, kept to people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean
from storyline.clean.authors import MAX_AUTHORS, author_names
from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes
from storyline.records import Facts, RawDoc
from storyline.store import Store

STORY = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
         "officials said, after weeks of fighting in the north of the country.\n\n"
         "The talks are expected to last three days, according to a schedule from the hosts.")


@pytest.mark.parametrize(("value", "names"), [
    ("Ann Lee", ("Ann Lee",)),
    ("Ann Lee; Bob Smith", ("Ann Lee", "Bob Smith")),
    ("By LISA MASCARO and ERIC TUCKER", ("Lisa Mascaro", "Eric Tucker")),
    ("By Ann Lee, Reuters", ("Ann Lee",)),  # the agency is the outlet, not a writer
    ("By Ann Lee in Moscow", ("Ann Lee",)),
    ("Ann Lee - Staff Writer", ("Ann Lee",)),
    ("JEAN-PAUL DE LA CROIX", ("Jean-Paul de la Croix",)),
    ("Troy Smith; Troy L Smith; Cleveland com", ("Troy Smith",)),  # one writer, and a site
    ("Jill Disis, CNN Business", ("Jill Disis",)),
    ("Reporting by Ann Lee; Editing by Bob Smith", ("Ann Lee",)),  # the editor wrote nothing
])
def test_author_names_keep_the_people(value: str, names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


@pytest.mark.parametrize("value", [
    "Reuters", "Admin", "News Nation Bureau", "Regan", "ann@example.com", "Telegraph Sport",
    "By The Associated Press", "The Water Coolest", "CNN Editor-at-large", "", "the minister said",
])
def test_author_fields_that_name_no_person_give_none(value: str) -> None:
    assert author_names([value]) == ()


@pytest.mark.parametrize(("value", "names"), [
    ("ann@example.org (Ann Lee)", ("Ann Lee",)),  # RSS's form, in a record's field
    ("Ann Lee (ann@example.org)", ("Ann Lee",)),
    ("Ann Lee (Reuters)", ("Ann Lee",)),
])
def test_author_names_read_a_name_beside_brackets(value: str, names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


@pytest.mark.parametrize(("value", "names"), [
    ("By ANN LEE IN MOSCOW", ("Ann Lee",)),
    ("ANN LEE FOR REUTERS", ("Ann Lee",)),
    ("MARY MCDONALD", ("Mary McDonald",)),
])
def test_author_names_in_capitals_lose_where_and_for_whom(value: str,
                                                          names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


def test_author_names_are_split_at_line_breaks_and_spaced_once() -> None:
    assert author_names(["Ann Lee\nBob Smith"]) == ("Ann Lee", "Bob Smith")
    assert author_names(["Ann  Lee\u00a0Jones"]) == ("Ann Lee Jones",)


@pytest.mark.parametrize(("value", "names"), [
    ("Ali al-Sistani", ("Ali al-Sistani",)),
    ("Jean d'Alembert", ("Jean d'Alembert",)),
    ("محمد علي", ("محمد علي",)),  # a script without capitals
])
def test_author_names_keep_particles_joined_and_scripts_without_capitals(
        value: str, names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


@pytest.mark.parametrize(("value", "names"), [
    ("Bob Smith with Ann Lee", ("Bob Smith", "Ann Lee")),
    ("Ann Lee and Bob Smith for the Guardian", ("Ann Lee", "Bob Smith")),
    ("Associated Press writers Ann Lee and Bob Smith", ("Ann Lee", "Bob Smith")),
    ("Ann Lee et al.", ("Ann Lee",)),
    ("Ann Lee; Photographer Bob Smith", ("Ann Lee",)),  # the photographer wrote nothing
])
def test_author_names_keep_every_writer_of_a_byline(value: str, names: tuple[str, ...]) -> None:
    assert author_names([value]) == names


def test_author_names_come_from_the_first_source_that_names_any_and_are_capped() -> None:
    assert author_names([None, "Admin", "By Ann Lee", "Bob Smith"]) == ("Ann Lee",)
    many = "; ".join(f"Ann{chr(97 + i)} Lee{chr(97 + i)}" for i in range(15))
    assert len(author_names([many])) == MAX_AUTHORS


def test_a_byline_in_scraped_text_names_the_author() -> None:
    doc = clean(RawDoc("s.txt", f"Talks resume in Geneva\n\nBy Ann Lee and Bob Smith\n\n{STORY}",
                       "text/plain"), Settings())
    assert doc.authors == ("Ann Lee", "Bob Smith")
    assert "By Ann Lee" not in doc.text


def test_a_pages_author_tags_name_the_author() -> None:
    page = ("<html><head><title>Talks resume</title><meta name=\"author\" content=\"Ann Lee\">"
            "</head><body><article><h1>Talks resume</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) + "</article></body></html>")
    assert clean(RawDoc("p.html", page, "text/html"), Settings()).authors == ("Ann Lee",)


def test_a_records_author_field_names_the_author_before_a_byline() -> None:
    for record in ({"text": f"By Bob Smith\n\n{STORY}", "author": "Ann Lee"},
                   {"text": STORY, "authors": ["Ann Lee", {"name": "Bob Smith"}]}):
        (raw,) = read_bytes(json.dumps(record).encode(), "r.json", Settings())
        assert isinstance(raw, RawDoc)
        assert clean(raw, Settings()).authors[0] == "Ann Lee"
    fields = Settings(jsonl_fields=RecordFields(author="writer"))
    (raw,) = read_bytes(json.dumps({"text": STORY, "writer": "Ann Lee"}).encode(), "r.jsonl",
                        fields)
    assert isinstance(raw, RawDoc) and clean(raw, fields).authors == ("Ann Lee",)


def test_a_feed_entrys_author_names_the_author() -> None:
    rss = ('<rss version="2.0"><channel><title>R</title><item><title>A</title>'
           f'<author>ann@example.org (Ann Lee)</author><description>{STORY}</description>'
           '</item></channel></rss>')
    (raw,) = read_bytes(rss.encode(), "f.rss", Settings())
    assert isinstance(raw, RawDoc) and clean(raw, Settings()).authors == ("Ann Lee",)


def test_authors_are_stored_with_each_reading(tmp_path: Path) -> None:
    doc = clean(RawDoc("s.txt", f"By Ann Lee\n\n{STORY}", "text/plain"), Settings())
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(Facts(doc, (), (), (), (), (), ()))
        _, rows = store.query("SELECT authors FROM documents")
        _, readings = store.query("SELECT authors FROM document_sources")
    assert rows == readings == [("Ann Lee",)]


@pytest.mark.parametrize("line", ["By Ann Lee | Updated 3 hours ago", "By Ann Lee (Reuters)"])
def test_a_byline_the_filter_removed_for_another_reason_still_names_the_author(line: str) -> None:
    # before: only lines removed as "byline" were read; this one went as a stamp or a caption
    doc = clean(RawDoc("s.txt", f"Talks resume in Geneva\n\n{line}\n\n{STORY}", "text/plain"),
                Settings())
    assert doc.authors == ("Ann Lee",)


def test_a_schema_org_person_by_its_name_parts_names_the_author() -> None:
    record = {"text": STORY, "author": [{"@type": "Person", "givenName": "Ann", "familyName": "Lee"}]}
    (raw,) = read_bytes(json.dumps(record).encode(), "r.json", Settings())
    assert isinstance(raw, RawDoc) and clean(raw, Settings()).authors == ("Ann Lee",)


@pytest.mark.parametrize("value", ["By Jane Roe/Getty Images", "Jane Roe | AFP Photo"])
def test_a_picture_agency_beside_a_name_is_no_author(value: str) -> None:
    # before: "Getty Images" was a second writer, from a photo's credit the byline rule read
    assert author_names([value]) == ("Jane Roe",)


@pytest.mark.parametrize("tail", [
    "Comments\n\nBy John Smith, 3 hours ago\n\nGreat piece.",
    "You may also like\n\nBy Bob Smith | 2 days ago\n\nMarkets rally on hopes of a deal",
])
def test_a_byline_below_the_story_is_a_comments_or_a_teasers_not_its_author(tail: str) -> None:
    # before: any removed line opening "By" anywhere on the page named the author
    doc = clean(RawDoc("s.txt", f"{STORY}\n\n{tail}", "text/plain"), Settings())
    assert doc.authors == ()


def test_a_photo_credit_opening_with_by_names_no_author() -> None:
    doc = clean(RawDoc("s.txt", f"Talks resume in Geneva\n\nBy Jane Roe/Getty Images\n\n{STORY}",
                       "text/plain"), Settings())
    assert doc.authors == ()


def test_a_huge_author_field_is_read_no_further_than_its_head() -> None:
    # a scraper that put the article in the author field: its head holds any writer
    assert author_names(["By Ann Lee; " + "x " * 1_000_000]) == ("Ann Lee",)

"""Record fields under the names well-known exports give them (fields.ALIASES)."""

from __future__ import annotations

import json

from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes
from storyline.ingest.fields import resolved_fields
from storyline.records import QuarantineRow, RawDoc
from tests.ingest.builders import BRIDGE, FESTIVAL, HARBOUR

# invented records in the shapes of three services' exports
EVENT_REGISTRY = {"articles": {"results": [
    {"uri": "8123", "lang": "eng", "date": "2024-03-05", "dateTime": "2024-03-05T09:12:00Z",
     "url": "https://a.example/harbour", "title": "Harbour reopens", "body": HARBOUR,
     "source": {"uri": "a.example", "title": "Example Wire"}}], "totalResults": 1, "page": 1}}
NEWS_PLEASE = {"title": "Bridge closed", "maintext": BRIDGE, "date_publish": "2024-03-01 10:00:00",
               "source_domain": "b.example", "url": "https://b.example/bridge"}
NEWSAPI = {"status": "ok", "totalResults": 1, "articles": [
    {"source": {"id": None, "name": "Example Times"}, "author": "A. Writer",
     "title": "Lantern festival draws crowds", "description": "Record crowd.",
     "url": "https://c.example/festival", "publishedAt": "2024-05-01T08:00:00Z",
     "content": FESTIVAL + " … [+2345 chars]"}]}


def _docs(value: object, name: str, settings: Settings | None = None) -> list[RawDoc | QuarantineRow]:
    return list(read_bytes(json.dumps(value).encode(), name, settings or Settings()))


def test_exports_of_known_services_are_read_without_configuration() -> None:
    # before: one "empty" row each (no "text" field), NewsAPI's cut mark in the text
    for value, name, text, meta in (
            (EVENT_REGISTRY, "er.json", HARBOUR,
             {"url": "https://a.example/harbour", "date": "2024-03-05T09:12:00Z",
              "outlet": "Example Wire"}),
            (NEWS_PLEASE, "np.jsonl", BRIDGE,
             {"date": "2024-03-01 10:00:00", "outlet": "b.example", "title": "Bridge closed"}),
            (NEWSAPI, "newsapi.json", FESTIVAL,
             {"date": "2024-05-01T08:00:00Z", "outlet": "Example Times"})):
        (doc,) = _docs(value, name)
        assert isinstance(doc, RawDoc), (name, doc)
        assert doc.text.strip() == text.strip(), name
        for key, expected in meta.items():
            assert doc.meta_get(key) == expected, (name, key)


def test_a_field_named_in_the_settings_is_read_alone() -> None:
    fields = RecordFields(text="story_text")
    (row,) = _docs(NEWS_PLEASE, "np.jsonl", Settings(jsonl_fields=fields))
    assert isinstance(row, QuarantineRow) and row.code == "empty"
    # the default name, when the record has it, wins over any alias
    (doc,) = _docs({"text": HARBOUR, "body": BRIDGE}, "a.jsonl")
    assert isinstance(doc, RawDoc) and doc.text.strip() == HARBOUR.strip()


def test_an_alias_of_another_kind_is_no_body() -> None:
    # a page of records under "content" (Spring's pages) is records, not a body
    page = {"content": [{"text": HARBOUR}, {"text": BRIDGE}], "totalElements": 2}
    docs = _docs(page, "page.json")
    assert [d.text.strip() for d in docs if isinstance(d, RawDoc)] == [HARBOUR.strip(),
                                                                      BRIDGE.strip()]


def test_a_flag_named_like_a_date_does_not_hide_the_date() -> None:
    # {"published": true} says the record is out, not when: the date is published_at's
    for flag in (True, "false"):
        (doc,) = _docs({"text": HARBOUR, "published": flag,
                        "published_at": "2024-03-05T09:12:00Z"}, "a.jsonl")
        assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05T09:12:00Z"


def _csv(text: str, settings: Settings | None = None, name: str = "export.csv"
         ) -> list[RawDoc | QuarantineRow]:
    return list(read_bytes(text.encode(), name, settings or Settings()))


# invented rows in the shapes of CSV exports (NewsAPI flattened by pandas, news-please)
NEWSAPI_CSV = ("source.id,source.name,author,title,url,publishedAt,content\n"
               f'x,Example Times,A. Writer,Lantern festival,https://c.example/f,2024-05-01T08:00:00Z,'
               f'"{FESTIVAL} … [+2345 chars]"\n')
NEWS_PLEASE_CSV = ("title,maintext,date_publish,source_domain,url\n"
                   f'Bridge closed,"{BRIDGE}",2024-03-01 10:00:00,b.example,https://b.example/bridge\n')


def test_csv_exports_of_known_services_are_read_without_configuration() -> None:
    # before: the whole file was one bad_csv row, "no 'text' or 'html' column in the header"
    for data, text, meta in (
            (NEWSAPI_CSV, FESTIVAL, {"date": "2024-05-01T08:00:00Z", "outlet": "Example Times",
                                     "title": "Lantern festival"}),
            (NEWS_PLEASE_CSV, BRIDGE, {"date": "2024-03-01 10:00:00", "outlet": "b.example",
                                       "url": "https://b.example/bridge"})):
        (doc,) = _csv(data)
        assert isinstance(doc, RawDoc), doc
        assert doc.text == text  # NewsAPI's cut mark dropped
        for key, expected in meta.items():
            assert doc.meta_get(key) == expected, key


def test_csv_alias_columns_are_matched_as_configured_columns_are() -> None:
    # whatever their case and blanks, as "Text" is; a TSV found by its alias column
    (doc,) = _csv(f'Title, MainText ,PublishedAt\nHarbour,"{HARBOUR}",2024-03-05\n')
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    assert (doc.meta_get("title"), doc.meta_get("date")) == ("Harbour", "2024-03-05")
    (doc,) = _csv(f"headline\tbody\nHarbour\t{HARBOUR}\n", name="export.tsv")
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR and doc.meta_get("title") == "Harbour"
    (doc,) = _csv(f"headline;content\nHarbour;{HARBOUR.replace(';', '')}\n")
    assert isinstance(doc, RawDoc) and doc.meta_get("title") == "Harbour"


def test_csv_default_column_wins_over_an_alias_and_a_configured_name_is_read_alone() -> None:
    (doc,) = _csv(f'body,Text\n"{BRIDGE}","{HARBOUR}"\n')
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    # an alias before the body's column keeps the others to themselves: body over content
    (doc,) = _csv(f'content,body\nteaser,"{HARBOUR}"\n')
    assert isinstance(doc, RawDoc) and doc.text == HARBOUR
    (row,) = _csv(NEWS_PLEASE_CSV, Settings(csv_columns=RecordFields(text="story_text")))
    assert isinstance(row, QuarantineRow) and row.code == "bad_csv"
    assert "'story_text'" in row.message and "maintext" not in row.message.split(";")[0]
    # a date column configured by name: publishedAt is not read for it
    (doc,) = _csv(NEWSAPI_CSV, Settings(csv_columns=RecordFields(date="when")))
    assert isinstance(doc, RawDoc) and doc.meta_get("date") is None


def test_csv_without_a_body_column_says_which_columns_it_has() -> None:
    (row,) = _csv("id,headline,summary\n1,Harbour,Short\n")
    assert isinstance(row, QuarantineRow) and row.code == "bad_csv"
    assert "'maintext'" in row.message and "'id', 'headline', 'summary'" in row.message


def test_csv_nameless_input_counts_only_the_configured_name() -> None:
    # stdin: a first line "headline,body" may be text; only "text" (or "html") says CSV
    (doc,) = _csv(f"headline,body\nHarbour,{HARBOUR.replace(',', '')}\n", name="")
    assert isinstance(doc, RawDoc) and doc.position == "" and doc.text.startswith("headline,body")


def test_csv_date_is_read_from_the_first_alias_column_whose_value_is_a_date() -> None:
    # before: the header chose "published" by its name, so every row's date was "True" and the
    # published_at beside it was never read; a JSON record of the same fields read it already
    (doc, other) = _csv(f'text,published,published_at\n"{HARBOUR}",True,2024-03-05\n'
                        f'"{BRIDGE}",2024-03-01,2024-03-02\n')
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05"
    assert isinstance(other, RawDoc) and other.meta_get("date") == "2024-03-01"  # first that fits
    # an empty first alias column gives way the same way; a configured name is read alone
    (doc,) = _csv(f'text,publishedAt,date_publish\n"{HARBOUR}",,2024-03-05 10:00\n')
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05 10:00"
    (doc,) = _csv(f'text,when,published_at\n"{HARBOUR}",False,2024-03-05\n',
                  Settings(csv_columns=RecordFields(date="when")))
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "False"


def test_fields_rows_resolving_to_one_alias_share_one_copy_of_the_names() -> None:
    # before: each row's date, chosen by value since a CSV's header no longer chose it, made a
    # copy of the settings' names: a third more time on a 100,000-row news-please export
    columns = RecordFields()
    first = resolved_fields({"text": "a", "published": "True", "published_at": "2024-03-05"},
                            columns)
    second = resolved_fields({"text": "b", "published": "", "published_at": "2024-03-06"},
                             columns)
    assert first.date == "published_at" and first is second
    assert resolved_fields({"text": "c", "published": "2024-03-07"}, columns).date == "published"


def test_a_date_alias_holding_a_flag_of_1_or_0_gives_way() -> None:
    # before: "1" holds a digit, so a published column of 1/0 still hid published_at
    (doc, other) = _csv(f'text,published,published_at\n"{HARBOUR}",1,2024-03-05\n'
                        f'"{BRIDGE}",0,2024-03-01\n')
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05"
    assert isinstance(other, RawDoc) and other.meta_get("date") == "2024-03-01"
    (doc,) = _docs({"text": HARBOUR, "published": 1, "published_at": "2024-03-05"}, "r.json")
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05"
    (doc,) = _docs({"text": HARBOUR, "published": 1449000000}, "r.json")  # an epoch stays
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "1449000000"


def test_a_records_author_fields_are_all_given_in_order_for_cleaning_to_choose() -> None:
    # before: the "author" field alone was read, an outlet there hid the byline beside it
    (doc,) = _docs({"text": HARBOUR, "author": {"name": "Reuters"}, "byline": "By Ann Lee",
                    "creator": "By Ann Lee"}, "r.json")
    assert isinstance(doc, RawDoc) and doc.meta_get("author") == "Reuters\x1eBy Ann Lee"
    (alone,) = _docs({"text": HARBOUR, "writer": "Reuters", "byline": "By Ann Lee"}, "r.json",
                     Settings(jsonl_fields=RecordFields(author="writer")))
    assert isinstance(alone, RawDoc) and alone.meta_get("author") == "Reuters"


def test_a_control_character_in_an_author_field_splits_nothing() -> None:
    (doc,) = _docs({"text": HARBOUR, "author": "Ann\x1e Lee"}, "r.json")
    assert isinstance(doc, RawDoc) and doc.meta_get("author") == "Ann Lee"


def test_fields_blank_default_body_gives_way_to_its_alias() -> None:
    # before: one "empty" row each, the "maintext" / "body" beside a null or blank "text" unread
    for blank in (None, "", "  \n "):
        (doc,) = _docs({"text": blank, "maintext": HARBOUR}, "np.jsonl")
        assert isinstance(doc, RawDoc) and doc.text.strip() == HARBOUR.strip(), blank


def test_fields_blank_default_meta_gives_way_to_its_alias() -> None:
    # before: the date, URL and title under the alias were dropped
    (doc,) = _docs({"text": HARBOUR, "date": None, "date_publish": "2024-01-05 10:00:00",
                    "url": None, "link": "https://a.example/harbour",
                    "title": " ", "headline": "Harbour reopens"}, "np.jsonl")
    assert isinstance(doc, RawDoc)
    assert dict(doc.meta) == {"date": "2024-01-05 10:00:00", "url": "https://a.example/harbour",
                              "title": "Harbour reopens"}
    (doc,) = _docs({"text": HARBOUR, "date": "", "publishedAt": "2024-01-05T10:00:00Z"}, "a.json")
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-01-05T10:00:00Z"


def test_fields_blank_configured_field_is_read_alone() -> None:
    fields = Settings(jsonl_fields=RecordFields(text="story", date="when"))
    (row,) = _docs({"story": None, "maintext": HARBOUR}, "a.jsonl", fields)
    assert isinstance(row, QuarantineRow) and row.code == "empty"
    (doc,) = _docs({"story": HARBOUR, "when": None, "publishedAt": "2024-01-05"}, "a.jsonl", fields)
    assert isinstance(doc, RawDoc) and doc.meta_get("date") is None


def test_fields_record_keys_match_names_ignoring_case() -> None:
    # before: an "empty" row, and the date, URL and outlet dropped
    (doc,) = _docs({"Title": "Harbour reopens", "Text": HARBOUR, "Date": "2024-01-05",
                    "URL": "https://a.example/harbour", "Source": "Example Wire"}, "a.jsonl")
    assert isinstance(doc, RawDoc) and doc.text.strip() == HARBOUR.strip()
    assert dict(doc.meta) == {"title": "Harbour reopens", "date": "2024-01-05",
                              "url": "https://a.example/harbour", "outlet": "Example Wire"}
    (doc,) = _docs({"Body": BRIDGE, "PublishedAt": "2024-03-01"}, "a.jsonl")
    assert isinstance(doc, RawDoc) and doc.text.strip() == BRIDGE.strip()
    assert doc.meta_get("date") == "2024-03-01"


def test_fields_exact_case_key_wins_over_another_case() -> None:
    (doc,) = _docs({"Text": BRIDGE, "text": HARBOUR, "Date": "2024-01-05", "date": "2023-02-02"},
                   "a.jsonl")
    assert isinstance(doc, RawDoc) and doc.text.strip() == HARBOUR.strip()
    assert doc.meta_get("date") == "2023-02-02"


def test_fields_read_character_references_in_plain_text_fields() -> None:
    record = {"title": "Minister&#8217;s plan", "url": "https://a.example/s?id=1&amp;p=2",
              "text": "The minister&#8217;s plan &amp; the &quot;deal&quot; passed.<br>"
                      "Barnes &noble and AT&T stayed as written."}
    (doc,) = _docs(record, "a.json")
    assert isinstance(doc, RawDoc) and doc.text == (
        "The minister\u2019s plan & the \"deal\" passed.\nBarnes &noble and AT&T stayed as written.")
    assert (doc.meta_get("title"), doc.meta_get("url")) == (
        "Minister\u2019s plan", "https://a.example/s?id=1&p=2")


def test_fields_read_each_spelling_of_a_key_until_one_holds_a_value() -> None:
    records = [{"text": HARBOUR, "date": None, "Date": "2024-01-05"},
               {"text": "", "Text": HARBOUR, "title": None, "Title": "Real", "headline": "H"}]
    docs = [doc for record in records for doc in _docs(record, "a.json")]
    assert all(isinstance(doc, RawDoc) and doc.text == HARBOUR for doc in docs)
    assert (docs[0].meta_get("date"), docs[1].meta_get("title")) == ("2024-01-05", "Real")


def test_fields_a_wrappers_own_title_and_url_do_not_make_it_a_record() -> None:
    answer = {"Title": "Search results", "URL": "https://search.example/?q=port",
              "results": [{"title": "A", "text": HARBOUR}, {"title": "B", "text": BRIDGE}]}
    assert [doc.meta_get("title") for doc in _docs(answer, "a.json")] == ["A", "B"]
    assert [doc.meta_get("title") for doc in _docs({"Text": None, **answer}, "b.json")] == ["A", "B"]


def test_fields_escaped_markup_in_a_text_field_is_read_once() -> None:
    (doc,) = _docs({"text": f"Type &lt;br&gt; for a break. {HARBOUR}"}, "a.json")
    assert isinstance(doc, RawDoc) and doc.text == f"Type <br> for a break. {HARBOUR}"
    (page,) = _docs({"text": f"&lt;p&gt;{HARBOUR}&lt;/p&gt;&lt;p&gt;{BRIDGE}&lt;/p&gt;"
                             f"&lt;p&gt;{FESTIVAL}&lt;/p&gt;"}, "b.json")
    assert isinstance(page, RawDoc) and page.media_type == "text/html"


def test_fields_a_date_of_the_day_alone_gives_way_to_the_same_day_with_its_clock() -> None:
    # Event Registry: "date" holds the day, "dateTimePub" (the page's own) and "dateTime" the
    # clock too; the day alone lost the time of day the story came out
    record = {"body": HARBOUR, "date": "2024-03-05", "dateTime": "2024-03-05T09:12:00Z",
              "dateTimePub": "2024-03-05T08:58:00Z"}
    (doc,) = _docs(record, "a.jsonl")
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05T08:58:00Z"
    # another day, or no clock, is another thing's: the day stands
    for other in ({"dateTime": "2024-03-06T09:12:00Z"}, {"published_at": "2024-03-05"},
                  {"published": "2024-03-05 (updated)"}):
        (doc,) = _docs({"text": HARBOUR, "date": "2024-03-05", **other}, "a.jsonl")
        assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05", other
    # a name set in the settings is read alone
    fields = RecordFields(date="day")
    (doc,) = _docs({"text": HARBOUR, "day": "2024-03-05", "dateTime": "2024-03-05T09:12:00Z"},
                   "a.jsonl", Settings(jsonl_fields=fields))
    assert isinstance(doc, RawDoc) and doc.meta_get("date") == "2024-03-05"

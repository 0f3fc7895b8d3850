"""Record fields under the names well-known exports give them (fields.ALIASES)."""

from __future__ import annotations

import json

from storyline.config import RecordFields, Settings
from storyline.ingest import read_bytes
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
             {"url": "https://a.example/harbour", "date": "2024-03-05", "outlet": "Example Wire"}),
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

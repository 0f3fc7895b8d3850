from __future__ import annotations

from pathlib import Path

from storyline.link import link_documents
from storyline.records import Document, Facts
from storyline.store import Store

BASE = ("The foreign ministers met in the capital on Tuesday and agreed to reopen the border "
        "crossing for trucks carrying food and medicine to the region within two weeks, "
        "officials from both governments said after the meeting ended late in the evening.")


def _facts(doc_id: str, text: str, published: str | None = None) -> Facts:
    from storyline.records import Published

    pub = Published(published, "explicit", "", 1.0) if published else None
    document = Document(doc_id, doc_id, text, None, None, None, "en", pub, None, ((0, len(text)),))
    return Facts(document, (), (), (), (), (), ())


def test_near_duplicates_link_to_the_earliest(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts("a", BASE + " Reprinted by a partner site.", "2020-01-02"))
        store.write_facts(_facts("b", BASE, "2020-01-01"))
        store.write_facts(_facts("c", "A completely different story about a football match "
                                      "that ended in a draw after extra time in the rain."))
        summary = link_documents(store, threshold=0.6)
        _, rows = store.query("SELECT doc_id, canonical_id FROM document_links")
    assert summary.near_duplicates == 1
    assert rows == [("a", "b")]

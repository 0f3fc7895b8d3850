from __future__ import annotations

from pathlib import Path

from storyline.records import Document, Facts, QuarantineRow
from storyline.store import Store


def _facts(doc_id: str = "d1") -> Facts:
    document = Document(doc_id, "s.txt", "Some text here.", "T", "TASS", None, "en", None, None,
                        ((0, 15),))
    return Facts(document, (), (), (), (), (), (), {"clean": "v1"})


def test_write_facts_is_idempotent(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts())
        first = store.counts()
        store.write_facts(_facts())
        assert store.counts() == first
        assert first["documents"] == 1


def test_quarantine_rows_are_keyed(tmp_path: Path) -> None:
    row = QuarantineRow("x.bin", "ingest", "binary", "InputRejected", "binary", "", "h1")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_quarantine(row)
        store.write_quarantine(row)
        assert store.counts()["quarantine"] == 1


def test_export_writes_every_table(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts())
        files = store.export("jsonl", tmp_path / "out")
    names = {f.name for f in files}
    assert "documents.jsonl" in names and "events.jsonl" in names
    assert '"doc_id":"d1"' in (tmp_path / "out" / "documents.jsonl").read_text()


def test_old_store_gets_new_columns(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, source VARCHAR)")
    con.close()
    with Store(path) as store:
        columns, _ = store.query("SELECT * FROM documents")
    assert "outlet_id" in columns and "published" in columns

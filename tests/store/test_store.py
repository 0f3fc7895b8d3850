from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storyline.records import Document, Facts, Place, PlaceMention, QuarantineRow, Span
from storyline.store import Store, rows


def _facts(doc_id: str = "d1") -> Facts:
    document = Document(doc_id, "s.txt", "Some text here.", "T", "TASS", None, "en", None, None,
                        ((0, 15),))
    return Facts(document, (), (), (), (), (), (), {"clean": "v1"})


def _place(doc_id: str, start: int, end: int, name: str, place_id: str | None) -> PlaceMention:
    located = place_id is not None
    place = Place(name, place_id, "AAA" if located else None, 1.5 if located else None,
                  2.5 if located else None, "city" if located else None)
    return PlaceMention(f"p{doc_id}{start}", Span(doc_id, start, end, 0, name), place,
                        "prior" if located else "unresolved", 0.9 if located else 0.0)


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


def _old_store(tmp_path: Path) -> Path:
    """A store written by an early version: one table, two columns."""
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, source VARCHAR)")
    con.execute("CREATE TABLE document_sources (doc_id VARCHAR, source VARCHAR, "
                "PRIMARY KEY (doc_id, source))")
    con.execute("INSERT INTO document_sources VALUES ('d0', 'old.txt')")
    con.execute("INSERT INTO documents VALUES ('d0', 'old.txt')")
    con.close()
    return path


def test_old_store_gets_new_columns(tmp_path: Path) -> None:
    with Store(_old_store(tmp_path)) as store:
        columns, _ = store.query("SELECT * FROM documents")
        assert "outlet_id" in columns and "published" in columns
        store.write_facts(_in("d1", "f.txt", "f.txt"))
        # The rows of an older reading get their input from their source: a reading of
        # f.txt leaves old.txt's alone, a reading of old.txt that does not give d0 retires it.
        assert store.retire(["f.txt"]) == (0, 0)
        assert store.query("SELECT doc_id, source, input FROM document_sources ORDER BY 1")[1] == [
            ("d0", "old.txt", "old.txt"), ("d1", "f.txt", "f.txt")]
        store.begin_reading()
        assert store.retire(["old.txt"]) == (1, 0)
        assert store.query("SELECT doc_id FROM document_sources")[1] == [("d1",)]
        assert _doc_ids(store) == ["d1"]


def test_place_mentions_are_written_and_replaced(tmp_path: Path) -> None:
    facts = replace(_facts(), places=(_place("d1", 0, 4, "Some", "123"),
                                      _place("d1", 10, 14, "here", None)))
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(facts)
        store.write_facts(facts)
        _, rows = store.query("SELECT text, place_id, country, lat, feature_class, method "
                              "FROM places ORDER BY start_char")
        assert rows == [("Some", "123", "AAA", 1.5, "city", "prior"),
                        ("here", None, None, None, None, "unresolved")]
        store.write_facts(replace(facts, places=facts.places[:1]))
        assert store.counts()["places"] == 1


def test_old_store_gets_the_places_table(tmp_path: Path) -> None:
    with Store(_old_store(tmp_path)) as store:
        store.write_facts(replace(_facts(), places=(_place("d1", 0, 4, "Some", "123"),)))
        assert store.counts()["places"] == 1


def _from(doc_id: str, source: str) -> Facts:
    facts = _facts(doc_id)
    return replace(facts, document=replace(facts.document, source=source))


def _doc_ids(store: Store) -> list[str]:
    return [row[0] for row in store.query("SELECT doc_id FROM documents ORDER BY 1")[1]]


def test_a_source_names_its_latest_document(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_from("d1", "a.txt"))
        store.write_facts(_from("d9", "b.txt"))
        assert store.retire() == (0, 0)
        store.begin_reading()
        store.write_facts(_from("d2", "a.txt"))
        assert store.retire() == (1, 0)
        assert _doc_ids(store) == ["d2", "d9"]
        assert store.query("SELECT count(*) FROM sentences WHERE doc_id = 'd1'")[1] == [(0,)]
        assert store.query("SELECT doc_id, source FROM document_sources ORDER BY 1")[1] == [
            ("d2", "a.txt"), ("d9", "b.txt")]
        store.begin_reading()
        store.write_facts(_from("d2", "a.txt"))
        assert store.retire() == (0, 0)


def test_a_reprint_keeps_a_document_another_source_still_names(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_from("d1", "a.txt"))
        store.add_source("d1", "b.txt")
        store.retire()
        store.begin_reading()
        store.write_facts(_from("d2", "a.txt"))
        assert store.retire() == (0, 0)
        assert _doc_ids(store) == ["d1", "d2"]
        assert store.query("SELECT source FROM document_sources WHERE doc_id = 'd1'")[1] == [
            ("b.txt",)]
        store.begin_reading()
        store.add_source("d2", "b.txt")
        assert store.retire() == (1, 0)
        assert _doc_ids(store) == ["d2"]


def test_streams_are_never_replaced(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_from("d1", "<stdin>#line 1"))
        store.retire()
        store.begin_reading()
        store.write_facts(_from("d2", "<stdin>#line 1"))
        assert store.retire(["<stdin>"]) == (0, 0)
        assert _doc_ids(store) == ["d1", "d2"]


def test_a_lone_surrogate_is_stored_as_the_replacement_character(tmp_path: Path) -> None:
    # The readers repair them; a caller of the Python API may still pass one.
    facts = _facts()
    facts = replace(facts, document=replace(facts.document, title="T\ud800x"))
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(facts)
        store.write_quarantine(QuarantineRow("bad\udcffname.txt", "ingest", "empty",
                                             "InputRejected", "empty", "", "h1"))
        assert store.query("SELECT title FROM documents")[1] == [("T\ufffdx",)]
        assert store.query("SELECT source FROM quarantine")[1] == [("bad\ufffdname.txt",)]


def test_a_failed_write_leaves_no_transaction_open(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise ValueError("a value the store cannot hold")

    with Store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(rows, "sentence_row", fail)
        facts = _facts()
        with pytest.raises(ValueError):
            store.write_facts(replace(facts, sentences=(object(),)))  # type: ignore[arg-type]
        monkeypatch.undo()
        store.write_facts(_facts("d2"))  # a new transaction starts: the failed one was closed
        assert _doc_ids(store) == ["d2"]


def test_quarantine_rows_are_written_together_once_each(tmp_path: Path) -> None:
    batch = [QuarantineRow(f"x.jsonl#line {n}", "ingest", "bad_json", "InputRejected", "bad",
                           "", f"h{n}") for n in (1, 2, 2, 3)]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_quarantine_rows(batch)
        store.write_quarantine_rows([])
        store.write_quarantine_rows(batch[:1])
        assert store.query("SELECT source FROM quarantine ORDER BY source")[1] == [
            ("x.jsonl#line 1",), ("x.jsonl#line 2",), ("x.jsonl#line 3",)]


def _row(source: str, code: str, input: str) -> QuarantineRow:
    return QuarantineRow(source, "ingest", code, "InputRejected", code, "", source, input)


def _reading(store: Store, facts: list[Facts], quarantined: list[QuarantineRow],
             inputs: list[str]) -> tuple[int, int]:
    store.begin_reading()
    for f in facts:
        store.write_facts(f)
    store.write_quarantine_rows(quarantined)
    return store.retire(inputs)


def _in(doc_id: str, source: str, input: str) -> Facts:
    facts = _from(doc_id, source)
    return replace(facts, document=replace(facts.document, input=input))


def test_an_input_read_again_replaces_what_its_earlier_reading_left(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = _reading(store, [_in("d1", "f.jsonl#line 1", "f.jsonl"),
                                 _in("d2", "f.jsonl#line 3", "f.jsonl"),
                                 _in("d3", "g.jsonl#line 1", "g.jsonl")],
                         [_row("f.jsonl#line 2", "bad_json", "f.jsonl"),
                          _row("g.jsonl#line 2", "bad_json", "g.jsonl"),
                          _row("api#1", "empty", "")], ["f.jsonl", "g.jsonl"])
        assert first == (0, 0)
        # f.jsonl now holds d1 and a mended line 2 (d4); g.jsonl was not read this time.
        again = _reading(store, [_in("d1", "f.jsonl#line 1", "f.jsonl"),
                                 _in("d4", "f.jsonl#line 2", "f.jsonl")], [], ["f.jsonl"])
        assert again == (1, 1)  # d2 deleted, the bad_json row of line 2 gone
        assert _doc_ids(store) == ["d1", "d3", "d4"]
        assert store.query("SELECT source FROM quarantine ORDER BY 1")[1] == [
            ("api#1",), ("g.jsonl#line 2",)]
        assert store.query("SELECT count(*) FROM sentences WHERE doc_id = 'd2'")[1] == [(0,)]
        # Read again as before: nothing more goes.
        assert _reading(store, [_in("d1", "f.jsonl#line 1", "f.jsonl"),
                                _in("d4", "f.jsonl#line 2", "f.jsonl")], [], ["f.jsonl"]) == (0, 0)


def test_a_retired_source_leaves_a_reprint_under_its_other_source(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.begin_reading()
        store.write_facts(_in("d1", "a.jsonl#line 1", "a.jsonl"))
        store.add_source("d1", "b.txt", "b.txt")
        store.add_source("d1", "c.txt", "c.txt")
        assert store.retire(["a.jsonl", "b.txt", "c.txt"]) == (0, 0)
        assert store.query("SELECT source FROM documents")[1] == [("a.jsonl#line 1",)]
        # a.jsonl's line 1 is another text now, c.txt is empty: d1 stays, named by b.txt.
        assert _reading(store, [_in("d2", "a.jsonl#line 1", "a.jsonl")],
                        [_row("c.txt", "empty", "c.txt")], ["a.jsonl", "c.txt"]) == (0, 0)
        assert _doc_ids(store) == ["d1", "d2"]
        assert store.query("SELECT source FROM documents WHERE doc_id = 'd1'")[1] == [("b.txt",)]
        assert store.query("SELECT doc_id, source, input FROM document_sources ORDER BY 1")[1] == [
            ("d1", "b.txt", "b.txt"), ("d2", "a.jsonl#line 1", "a.jsonl")]


def test_rows_and_documents_of_no_known_input_are_never_retired(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("d1", "<memory>#item 1", ""), _in("d2", "x.txt", "")],
                 [_row("<memory>#2", "empty", "")], [])
        assert _reading(store, [], [], ["x.txt", "<memory>", ""]) == (0, 0)
        assert _doc_ids(store) == ["d1", "d2"] and store.counts()["quarantine"] == 1


def test_records_that_move_down_a_line_keep_their_documents(tmp_path: Path) -> None:
    # [A, B] became [X, A, B]: A now at line 2, where B was, and B at line 3. Replaced one by
    # one, A's claim on line 2 deleted B before B claimed line 3 (and the next run stored B again)
    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("A", "f.jsonl#line 1", "f.jsonl"),
                         _in("B", "f.jsonl#line 2", "f.jsonl")], [], ["f.jsonl"])
        assert _reading(store, [_in("X", "f.jsonl#line 1", "f.jsonl"),
                                _in("A", "f.jsonl#line 2", "f.jsonl"),
                                _in("B", "f.jsonl#line 3", "f.jsonl")], [], ["f.jsonl"]) == (0, 0)
        assert _doc_ids(store) == ["A", "B", "X"]
        assert store.query("SELECT doc_id, source FROM document_sources ORDER BY 2")[1] == [
            ("X", "f.jsonl#line 1"), ("A", "f.jsonl#line 2"), ("B", "f.jsonl#line 3")]
        assert store.query("SELECT doc_id, source FROM documents ORDER BY 2")[1] == [
            ("X", "f.jsonl#line 1"), ("A", "f.jsonl#line 2"), ("B", "f.jsonl#line 3")]


def test_pages_a_feed_links_to_stay_when_the_feed_moves_on(tmp_path: Path) -> None:
    # A followed page is stored at its own URL, read from the feed: the feed's reading does not
    # own it. Read again as another text, the URL still names its latest document only.
    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("p1", "https://x.org/1", "feed.xml"),
                         _in("p2", "https://x.org/2", "feed.xml")], [], ["feed.xml"])
        assert store.query("SELECT input FROM document_sources")[1] == [(None,), (None,)]
        assert _reading(store, [_in("p2", "https://x.org/2", "feed.xml"),
                                _in("p3", "https://x.org/3", "feed.xml")], [], ["feed.xml"]) == (0, 0)
        assert _doc_ids(store) == ["p1", "p2", "p3"]
        assert _reading(store, [_in("p2b", "https://x.org/2", "feed.xml")], [], ["feed.xml"]) == (1, 0)
        assert _doc_ids(store) == ["p1", "p2b", "p3"]


def test_what_keep_spares_stays(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("d1", "z.zip#member a.txt", "z.zip"),
                         _in("d2", "z.zip#member b.html", "z.zip")],
                 [_row("z.zip#member c.txt", "empty", "z.zip")], ["z.zip"])
        store.begin_reading()
        store.write_facts(_in("d2", "z.zip#member b.html", "z.zip"))
        spared = store.retire(["z.zip"], keep=lambda source, _input: source.endswith(".txt"))
        assert spared == (0, 0) and _doc_ids(store) == ["d1", "d2"]


def test_a_write_that_fails_leaves_the_place_its_older_document(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise ValueError("a value the store cannot hold")

    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("d1", "a.txt", "a.txt")], [], ["a.txt"])
        store.begin_reading()
        monkeypatch.setattr(rows, "sentence_row", fail)
        with pytest.raises(ValueError):
            store.write_facts(replace(_in("d2", "a.txt", "a.txt"), sentences=(object(),)))  # type: ignore[arg-type]
        monkeypatch.undo()
        assert store.retire() == (0, 0)  # (the run marks a.txt unsettled: not retired by input)
        assert _doc_ids(store) == ["d1"]


def test_an_input_that_owns_a_source_keeps_it_when_a_list_reads_it_too(tmp_path: Path) -> None:
    # a URL named on the command line after a URL list naming it: the repeat's source is
    # recorded while cleaning, before the first copy (read from the list) is written
    with Store(tmp_path / "s.duckdb") as store:
        store.begin_reading()
        store.add_source("p1", "https://x.org/1", "https://x.org/1")
        store.write_facts(_in("p1", "https://x.org/1", "list.urls"))
        store.retire(["list.urls", "https://x.org/1"])
        assert store.query("SELECT input FROM document_sources")[1] == [("https://x.org/1",)]
        # read alone, the page is a stub now: the URL's reading retires its document
        assert _reading(store, [], [_row("https://x.org/1", "too_short", "https://x.org/1")],
                        ["https://x.org/1"]) == (1, 0)


def test_a_source_of_no_document_goes_at_the_readings_end(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.begin_reading()
        store.add_source("gone", "a.jsonl#line 5", "a.jsonl")  # its first copy never written
        store.write_facts(_in("d1", "a.jsonl#line 1", "a.jsonl"))
        store.retire()
        assert store.query("SELECT doc_id FROM document_sources")[1] == [("d1",)]


def test_an_interrupt_during_a_write_stops_the_run(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    def interrupted(*args: object) -> None:
        raise duckdb.InterruptException("Query interrupted")

    with Store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(rows, "sentence_row", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.write_facts(replace(_facts(), sentences=(object(),)))  # type: ignore[arg-type]


def test_schema_7_gives_the_stored_reading_its_metadata(tmp_path: Path) -> None:
    """A store from before schema 7 kept no metadata per source: the source the document row
    names gets the row's, a reprint's source none; when the first is retired the document
    keeps its metadata and takes the reprint's source."""
    import duckdb

    path = tmp_path / "six.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, source VARCHAR, "
                "outlet VARCHAR, published DATE)")
    con.execute("CREATE TABLE document_sources (doc_id VARCHAR, source VARCHAR, input VARCHAR, "
                "PRIMARY KEY (doc_id, source))")
    con.execute("INSERT INTO documents VALUES ('d0', 'a.txt', 'Reuters', DATE '2017-01-05')")
    con.execute("INSERT INTO document_sources VALUES ('d0', 'a.txt', 'a.txt'), "
                "('d0', 'b.txt', 'b.txt')")
    con.close()
    with Store(path) as store:
        assert store.query("SELECT source, outlet, CAST(published AS VARCHAR) FROM "
                           "document_sources ORDER BY 1")[1] == [
            ("a.txt", "Reuters", "2017-01-05"), ("b.txt", None, None)]
        assert store.retire(["a.txt"]) == (0, 0)
        assert store.query("SELECT source, outlet FROM documents")[1] == [("b.txt", "Reuters")]


def test_a_relative_input_an_older_store_holds_is_replaced_by_its_absolute_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an older Storyline named files as typed; read again by its absolute name, the file left
    # each document under two sources, the older one never retired
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "data" / "f.jsonl")
    with Store(tmp_path / "s.duckdb") as store:
        _reading(store, [_in("d1", "data/f.jsonl#line 1", "data/f.jsonl"),
                         _in("d2", "data/f.jsonl#line 2", "data/f.jsonl"),
                         _in("d3", "other/f.jsonl#line 1", "other/f.jsonl")],
                 [_row("data/f.jsonl#line 3", "bad_json", "data/f.jsonl")], ["data/f.jsonl"])
        assert _reading(store, [_in("d1", f"{absolute}#line 1", absolute)], [], [absolute]) == (1, 1)
        assert store.query("SELECT doc_id, source FROM document_sources ORDER BY 1")[1] == [
            ("d1", f"{absolute}#line 1"), ("d3", "other/f.jsonl#line 1")]
        assert store.query("SELECT source FROM documents WHERE doc_id = 'd1'")[1] == [
            (f"{absolute}#line 1",)]

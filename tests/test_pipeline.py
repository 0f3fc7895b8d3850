from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import storyline
from storyline.config import Settings
from storyline.pipeline import _batches
from storyline.records import Document
from storyline.store import Store


def _doc(n: int, chars: int) -> Document:
    return Document(f"d{n}", f"{n}.txt", "x" * chars, None, None, None, "en", None, None,
                    ((0, chars),))


def test_parse_batches_hold_a_bounded_number_of_documents_and_characters() -> None:
    sizes = [100, 200, 300, 5000, 50, 60, 70, 80, 90]
    batches = [[len(d.text) for d in b]
               for b in _batches([_doc(i, c) for i, c in enumerate(sizes)], 3, 1000)]
    # At most 3 documents and 1,000 characters a batch; the long document goes alone.
    assert batches == [[100, 200, 300], [5000], [50, 60, 70], [80, 90]]


_STORY = ("ANKARA -- The foreign ministers of Turkey and Russia met on Tuesday in Ankara to "
          "discuss the ceasefire in northern Syria, officials of both governments said.\n"
          "They agreed to meet again next month in Moscow, the Turkish ministry said in a "
          "statement issued after the talks.")


def _reprint(outlet: str, day: int, url: str) -> dict[str, str]:
    return {"text": _STORY, "outlet": outlet, "date": f"2017-01-{day:02d}", "url": url}


def _documents(db: Path) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return store.query("SELECT outlet, CAST(published AS VARCHAR), url FROM documents")[1]


def _readings(db: Path) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return store.query("SELECT outlet, CAST(published AS VARCHAR), url, published_how "
                           "FROM document_sources ORDER BY url")[1]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
@pytest.mark.parametrize("window", [1000, 1])
def test_exact_reprints_keep_the_earliest_reading_whatever_the_order(
        tmp_path: Path, order: tuple[int, int], window: int) -> None:
    """The same text from two outlets is one document; the earliest reading stands for it and
    the other keeps its own outlet, date and URL as a source — read in either order, in one
    cleaning window or in two (the second then rewrites the first)."""
    records = [_reprint("Reuters", 6, "https://a.example/1"),
               _reprint("Anadolu Agency", 5, "https://b.example/1")]
    db = tmp_path / "r.duckdb"
    with storyline.open_store(db) as store:
        summary = storyline.run_texts([records[i] for i in order], store,
                                      Settings(corpus_window=window, batch_size=1))
    assert summary.balanced and summary.doc_ids and len(set(summary.doc_ids)) == 1
    assert _documents(db) == [("Anadolu Agency", "2017-01-05", "https://b.example/1")]
    assert [r[:3] for r in _readings(db)] == [
        ("Reuters", "2017-01-06", "https://a.example/1"),
        ("Anadolu Agency", "2017-01-05", "https://b.example/1")]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_on_one_day_the_reading_stated_earliest_stands_for_the_document(
        tmp_path: Path, order: tuple[int, int]) -> None:
    """Two outlets print the same text on the same day: the one whose stated time is the
    earlier moment (compared in UTC: 14:00 in Istanbul is before 08:00 in New York) stands
    for the document, not the one whose source sorts first."""
    records = [{**_reprint("Anadolu Agency", 5, "https://a.example/1"),
                "date": "2017-01-05T14:00:00+03:00"},
               {**_reprint("Associated Press", 5, "https://b.example/1"),
                "date": "2017-01-05T08:00:00-05:00"}]
    db = tmp_path / "t.duckdb"
    with storyline.open_store(db) as store:
        storyline.run_texts([records[i] for i in order], store, Settings(batch_size=1))
    with Store(db) as store:
        assert store.query("SELECT outlet, published_time FROM documents")[1] == [
            ("Anadolu Agency", "14:00:00+03:00")]


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_earlier_reprint_read_later_takes_the_document_and_leaving_hands_it_back(
        tmp_path: Path) -> None:
    """Across runs: a reprint dated earlier than the stored reading rewrites the document; a
    later one, or the same file again, leaves it unchanged; when the file of the standing
    reading is emptied, the document takes the remaining reading's metadata."""
    late = _jsonl(tmp_path / "late.jsonl", _reprint("Reuters", 6, "https://a.example/1"))
    early = _jsonl(tmp_path / "early.jsonl", _reprint("Anadolu Agency", 5, "https://b.example/1"))
    db = tmp_path / "r.duckdb"
    with storyline.open_store(db) as store:
        assert storyline.run([late], store).stored == 1
        assert storyline.run([early], store).stored == 1
        assert _documents(db) == [("Anadolu Agency", "2017-01-05", "https://b.example/1")]
        again = storyline.run([late, early], store)
        assert (again.stored, again.unchanged, again.duplicates) == (0, 2, 0)  # both as before
        later = _jsonl(tmp_path / "later.jsonl", _reprint("AP", 9, "https://c.example/1"))
        reprint = storyline.run([later], store)  # a new reprint of a stored story
        assert (reprint.stored, reprint.unchanged, reprint.duplicates) == (0, 0, 1)
        again = storyline.run([later], store)  # that reprint's own source read again
        assert (again.stored, again.unchanged, again.duplicates) == (0, 1, 0)
        later.write_text("", encoding="utf-8")
        storyline.run([later], store)
        early.write_text("", encoding="utf-8")
        storyline.run([early, late], store)
    assert _documents(db) == [("Reuters", "2017-01-06", "https://a.example/1")]
    assert _readings(db) == [("Reuters", "2017-01-06", "https://a.example/1", "metadata")]


def test_an_edited_reading_gives_way_to_the_first_of_all_stored_readings(tmp_path: Path) -> None:
    """The standing reading's date edited to a later one: the other source's reading, stored
    before and not read again, now stands (in one cleaning window or one a document);
    a title edited alone rewrites the row too."""
    for window, both in ((1000, False), (1, False), (1000, True), (1, True)):
        a = _jsonl(tmp_path / "a.jsonl", _reprint("Reuters", 1, "https://a.example/1"))
        b = _jsonl(tmp_path / "b.jsonl", _reprint("Anadolu Agency", 5, "https://b.example/1"))
        db = tmp_path / f"e{window}{both}.duckdb"
        settings = Settings(corpus_window=window)
        with storyline.open_store(db) as store:
            storyline.run([a, b], store, settings)
            assert _documents(db)[0][0] == "Reuters"
            _jsonl(a, _reprint("Reuters", 10, "https://a.example/1"))
            # the edited file alone, or after the other (which then still finds Reuters first)
            assert storyline.run([b, a] if both else [a], store, settings).stored == 1
            assert _documents(db) == [("Anadolu Agency", "2017-01-05", "https://b.example/1")]
            again = storyline.run([a, b], store, settings)
            assert (again.stored, again.unchanged) == (0, 2)
            _jsonl(b, _reprint("Anadolu Agency", 5, "https://b.example/1") | {"title": "New"})
            assert storyline.run([b], store, settings).stored == 1
            assert store.query("SELECT title FROM documents")[1] == [("New",)]


def test_a_reading_without_metadata_is_adopted_as_it_is(tmp_path: Path) -> None:
    """A plain-text copy has no outlet, URL or date: when the record that stood is removed,
    the document takes the copy's reading, not the record's metadata under the copy's name."""
    record = _jsonl(tmp_path / "a.jsonl", _reprint("Reuters", 1, "https://a.example/1"))
    copy = tmp_path / "t.txt"
    copy.write_text(_STORY, encoding="utf-8")
    db = tmp_path / "m.duckdb"
    with storyline.open_store(db) as store:
        storyline.run([record, copy], store)
        record.write_text("", encoding="utf-8")
        storyline.run([record], store)
        assert store.query("SELECT source, url FROM documents")[1] == [(str(copy), None)]


def test_a_folders_passed_over_row_goes_when_the_file_does(tmp_path: Path) -> None:
    """A folder's own row names the folder, not a file: a run that walks the folder again
    settles it, and one that names a file inside it leaves it."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    story = ("The harbour board voted on Tuesday to extend the night curfew on the docks for "
             "another month, a spokeswoman said, after a string of thefts from parked lorries.")
    (folder / "story.txt").write_text(story, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    settings = Settings(reference_date="2026-11-29")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([folder], store, settings)
        codes = [row[0] for row in store.con.execute("SELECT code FROM quarantine").fetchall()]
        assert codes == ["not_selected"]
        (folder / "scan.pdf").unlink()
        storyline.run([folder / "story.txt"], store, settings)  # the folder is not walked
        assert store.con.execute("SELECT count(*) FROM quarantine").fetchone() == (1,)
        summary = storyline.run([folder], store, settings)
        assert summary.retired == 1 and summary.balanced
        assert store.con.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)


def _walk_failing_in_locked(real_walk):  # type: ignore[no-untyped-def]
    """``os.walk`` as it goes where a folder named "locked" may not be listed (even root may not,
    when the system says so)."""

    def failing_walk(top, onerror=None, **kwargs):  # type: ignore[no-untyped-def]
        for folder, dirs, files in real_walk(top, onerror=onerror, **kwargs):
            if folder.endswith("locked"):
                onerror(PermissionError(13, "Permission denied", folder))
                continue
            yield folder, dirs, files

    return failing_walk


def test_a_folder_whose_walk_failed_inside_keeps_its_rows(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A subfolder that could not be listed may hide the passed-over files: the folder's own
    rows of earlier runs stay until a walk that saw everything."""
    import os

    folder = tmp_path / "crawl"
    (folder / "locked").mkdir(parents=True)
    story = ("The harbour board voted on Tuesday to extend the night curfew on the docks for "
             "another month, a spokeswoman said, after a string of thefts from parked lorries.")
    (folder / "story.txt").write_text(story, encoding="utf-8")
    (folder / "locked" / "scan.pdf").write_bytes(b"%PDF-1.4")
    settings = Settings(reference_date="2026-11-29")
    failing_walk = _walk_failing_in_locked(os.walk)

    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([folder], store, settings)
        monkeypatch.setattr(os, "walk", failing_walk)
        summary = storyline.run([folder], store, settings)
        codes = sorted(row[0] for row in store.con.execute("SELECT code FROM quarantine").fetchall())
        assert summary.retired == 0 and codes == ["not_selected", "unreadable"]


_HARBOUR = ("The harbour board voted on Tuesday to extend the night curfew on the docks for "
            "another month, a spokeswoman said, after a string of thefts from parked lorries.")


def _walk_rows(store: Store) -> list[tuple[str, str]]:
    return sorted(store.con.execute("SELECT code, input FROM quarantine").fetchall())


def test_a_walk_settles_the_rows_of_entries_it_does_not_give_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A subfolder that could not be listed and may be now, and a broken link since removed:
    the rows that named them are stale once a walk of the whole folder does not give them."""
    import os

    folder = tmp_path / "crawl"
    (folder / "locked").mkdir(parents=True)
    (folder / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    settings = Settings(reference_date="2026-11-29")
    failing_walk = _walk_failing_in_locked(os.walk)

    with Store(tmp_path / "s.duckdb") as store:
        with monkeypatch.context() as patched:
            patched.setattr(os, "walk", failing_walk)
            storyline.run([folder], store, settings)
        assert _walk_rows(store) == [("missing", str(folder / "broken.txt")),
                                     ("unreadable", str(folder / "locked"))]
        (folder / "broken.txt").unlink()
        summary = storyline.run([folder], store, settings)
        assert summary.retired == 2 and summary.balanced
        assert _walk_rows(store) == []


def test_a_walk_leaves_the_rows_of_entries_its_globs_leave_out(tmp_path: Path) -> None:
    """A subfolder named alone gave its own ``empty`` row: a walk of its parent that skips it
    leaves that row, one that looks into it settles it."""
    folder = tmp_path / "crawl"
    (folder / "drafts").mkdir(parents=True)
    (folder / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([folder / "drafts"], store, Settings(reference_date="2026-11-29"))
        assert _walk_rows(store) == [("empty", str(folder / "drafts"))]
        skipping = Settings(reference_date="2026-11-29",
                            exclude=(*Settings().exclude, "drafts"))
        assert storyline.run([folder], store, skipping).retired == 0
        assert _walk_rows(store) == [("empty", str(folder / "drafts"))]
        assert storyline.run([folder], store, Settings(reference_date="2026-11-29")).retired == 1
        assert _walk_rows(store) == []


def test_a_walk_settles_entries_beside_a_lasting_failure(tmp_path: Path) -> None:
    """A broken link that stays in one subfolder says nothing of the entries elsewhere: the
    rows of a removed broken link and of a removed pipe go all the same."""
    import os

    folder = tmp_path / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "sub" / "latest.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    settings = Settings(reference_date="2026-11-29")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([folder], store, settings)
        assert [code for code, _ in _walk_rows(store)] == ["missing", "missing", "not_a_file"]
        (folder / "broken.txt").unlink()
        (folder / "pipe.txt").unlink()
        assert storyline.run([folder], store, settings).retired == 2
        assert _walk_rows(store) == [("missing", str(folder / "sub" / "latest.txt"))]


def test_a_walk_keeps_the_documents_of_an_entry_it_settles(tmp_path: Path) -> None:
    """A file that became a broken link, then went: its document stays, as a removed file's
    does; a run of the folder settles rows, not documents."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    (folder / "other.txt").write_text(_HARBOUR.replace("Tuesday", "Friday"), encoding="utf-8")
    settings = Settings(reference_date="2026-11-29")
    with Store(tmp_path / "s.duckdb") as store:
        assert storyline.run([folder], store, settings).stored == 2
        (folder / "story.txt").unlink()
        (folder / "story.txt").symlink_to(folder / "gone.txt")
        storyline.run([folder], store, settings)
        (folder / "story.txt").unlink()
        summary = storyline.run([folder], store, settings)
        assert (summary.replaced, summary.balanced) == (0, True)
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_a_walk_keeps_the_row_of_an_entry_whose_name_it_cannot_look_up(tmp_path: Path) -> None:
    """A stored name with escapes (bytes that are not UTF-8, here past the system's name
    limit once escaped) names no path: its row stays and the run ends as ever."""
    import os

    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    odd = os.fsencode(folder) + b"/" + b"\xff" * 70 + b".txt"
    os.symlink(b"/nowhere", odd)
    settings = Settings(reference_date="2026-11-29")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([folder], store, settings)
        os.unlink(odd)
        summary = storyline.run([folder], store, settings)
        assert summary.retired == 0 and summary.balanced
        assert [code for code, _ in _walk_rows(store)] == ["missing"]


def test_a_records_ambiguous_date_reads_as_the_inputs_other_dates_show(tmp_path: Path) -> None:
    """An export writes its dates one way: "25/01/2024" in one row says that "05/01/2024" in
    another is the 5th of January."""
    path = tmp_path / "eu.csv"
    other = _HARBOUR.replace("Tuesday", "Friday")
    path.write_text(f'title;text;date\nA;"{_HARBOUR}";05/01/2024\nB;"{other}";25/01/2024\n',
                    encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([path], store, Settings(reference_date="2026-11-29"))
        dates = store.con.execute("SELECT title, published FROM documents ORDER BY title")
        assert dates.fetchall() == [("A", date(2024, 1, 5)), ("B", date(2024, 1, 25))]


def test_two_exports_zipped_together_do_not_date_each_other(tmp_path: Path) -> None:
    import zipfile

    other = _HARBOUR.replace("Tuesday", "Friday")
    path = tmp_path / "exports.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("us.jsonl", json.dumps({"title": "US", "text": _HARBOUR,
                                                 "date": "05/01/2024"}) + "\n")
        archive.writestr("uk.jsonl", json.dumps({"title": "UK", "text": other,
                                                 "date": "25/01/2024"}) + "\n")
    with Store(tmp_path / "s.duckdb") as store:
        storyline.run([path], store, Settings(reference_date="2026-11-29"))
        dates = store.con.execute("SELECT title, published FROM documents ORDER BY title")
        assert dates.fetchall() == [("UK", date(2024, 1, 25)), ("US", date(2024, 5, 1))]

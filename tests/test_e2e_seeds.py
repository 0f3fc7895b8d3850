"""End-to-end: the CLI on ../shared/seeds into a temporary store, checked against the analyst's
expectations in ../shared/acceptance/seed_expectations.json (a first subset of them)."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline
from storyline import pipeline
from storyline.cli import What, _show_query, app
from storyline.config import Settings
from storyline.store import Store
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with Store(db) as store:
        return store.query(sql)[1]


def _by_file(db: Path) -> dict[str, tuple[Any, ...]]:
    rows = _rows(db, "SELECT source, doc_id, outlet, CAST(published AS VARCHAR), published_how "
                     "FROM documents")
    return {Path(r[0]).name: r for r in rows}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split()).lower()


def test_seeds_all_documents_stored(seed_db: Path, expectations: dict[str, Any]) -> None:
    files = _by_file(seed_db)
    assert sorted(files) == sorted(d["file"] for d in expectations["documents"])


def test_seeds_outlets(seed_db: Path, expectations: dict[str, Any]) -> None:
    files = _by_file(seed_db)
    for doc in expectations["documents"]:
        assert files[doc["file"]][2] in doc["outlet"], doc["file"]


def test_seeds_explicit_dates(seed_db: Path, expectations: dict[str, Any]) -> None:
    files = _by_file(seed_db)
    explicit = [d for d in expectations["documents"] if d["published"]["how"].startswith("explicit")]
    assert explicit
    for doc in explicit:
        assert files[doc["file"]][3] == doc["published"]["date"], doc["file"]
        assert files[doc["file"]][4] == "explicit"


def _find_event(db: Path, doc_id: str, expected: dict[str, Any]) -> bool:
    rows = _rows(db, f"SELECT plover_type, source_actors || target_actors, "
                     f"source_countries || target_countries, evidence FROM events "
                     f"WHERE doc_id = '{doc_id}'")
    wanted = set(expected["actors"])
    for plover, actors, countries, evidence in rows:
        involved = {c for c in countries if c} | set(actors)
        if (plover in expected["types"] and wanted <= involved
                and _norm(expected["evidence"]) in _norm(evidence)):
            return True
    return False


@pytest.mark.parametrize("event_id", ["000-talks-istanbul", "003-kerry-putin-moscow"])
def test_seeds_key_meetings_coded(seed_db: Path, expectations: dict[str, Any],
                                  event_id: str) -> None:
    files = _by_file(seed_db)
    for doc in expectations["documents"]:
        for event in doc["events"]:
            if event["id"] == event_id:
                assert _find_event(seed_db, files[doc["file"]][1], event), event_id
                return
    pytest.fail(f"{event_id} not in expectations")


def test_seeds_quotes_with_right_speaker(seed_db: Path, expectations: dict[str, Any]) -> None:
    files = _by_file(seed_db)
    rows = _rows(seed_db, "SELECT q.doc_id, q.text, a.name FROM quotes q "
                          "LEFT JOIN actors a ON a.actor_id = q.speaker_id")
    right = 0
    for doc in expectations["documents"]:
        doc_id = files[doc["file"]][1]
        for quote in doc["quotes"]:
            right += any(
                d == doc_id and _norm(text).startswith(_norm(quote["starts"])[:30])
                and name and _norm(name) == _norm(quote["speaker"])
                for d, text, name in rows
            )
    assert right >= 10


def test_seeds_every_expected_place_found(seed_db: Path, expectations: dict[str, Any]) -> None:
    files = _by_file(seed_db)
    for doc in expectations["documents"]:
        rows = _rows(seed_db, f"SELECT text, country FROM places WHERE doc_id = '{files[doc['file']][1]}'")
        for place in doc.get("places", []):
            assert any(_norm(place["mention"]) in _norm(text) and country == place["country"]
                       for text, country in rows), (doc["file"], place)


def test_seeds_rerun_adds_no_rows(seed_db: Path) -> None:
    with Store(seed_db) as store:
        before = store.counts()
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    with Store(seed_db) as store:
        assert store.counts() == before


def test_bad_inputs_are_quarantined_and_run_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Ministers meet to discuss the harbour\n\nThe ministers of Norway and Sweden met in "
        "Oslo on Monday to discuss the shared harbour, officials said after the talks.\n",
        encoding="utf-8")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)))
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "cut.html").write_text("<html><head><title>Cut</title><script>var a = '",
                                     encoding="utf-8")
    # A record the cleaner rejects: its row names the line, as the reader's rows do.
    (inputs / "feed.jsonl").write_text('{"text": "Too short to be news."}\n', encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    result = runner.invoke(app, ["run", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = _rows(db, "SELECT source, stage, code, message FROM quarantine ORDER BY source")
    reasons = {Path(r[0]).name: (r[1], r[2]) for r in rows}
    assert reasons == {"cut.html": ("clean", "truncated_html"), "empty.txt": ("ingest", "empty"),
                       "image.txt": ("ingest", "binary"),
                       "feed.jsonl#line 1": ("clean", "too_short")}
    assert all(r[3] for r in rows)
    assert _rows(db, "SELECT count(*) FROM documents") == [(1,)]


def test_clean_text_keeps_every_line_of_an_article(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    rows = ["Player", "Chad Thomas", "Position", "Defensive end"]
    story.write_text("Harbour talks resume in Oslo\n\nThe ministers of Norway and Sweden met in "
                     "Oslo on Monday to discuss the shared harbour, officials said after the "
                     "talks.\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "clean.duckdb"
    result = runner.invoke(app, ["run", str(story), "--db", str(db), "--clean-text"])
    assert result.exit_code == 0, result.output
    [(title, text)] = _rows(db, "SELECT title, text FROM documents")
    assert title == "Harbour talks resume in Oslo"
    assert text.split("\n\n")[1:] == rows and "Harbour talks" not in text


def test_an_edited_file_replaces_its_older_document(tmp_path: Path) -> None:
    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    other = tmp_path / "in" / "reprint.txt"
    first = ("Ministers meet to discuss the harbour\n\nThe ministers of Norway and Sweden met in "
             "Oslo on Monday to discuss the shared harbour, officials said after the talks.\n")
    story.write_text(first, encoding="utf-8")
    other.write_text(first, encoding="utf-8")
    db = tmp_path / "edit.duckdb"
    assert runner.invoke(app, ["run", str(story.parent), "--db", str(db)]).exit_code == 0
    story.write_text(first.replace("Monday", "Tuesday"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(story.parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    texts = [row[0] for row in _rows(db, "SELECT text FROM documents ORDER BY text")]
    assert len(texts) == 2 and "Monday" in texts[0] and "Tuesday" in texts[1]
    other.unlink()
    result = runner.invoke(app, ["run", str(story), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _rows(db, "SELECT count(*) FROM documents") == [(2,)]
    story.write_text(first.replace("Monday", "Friday"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(story), "--db", str(db)])
    assert re.search(r"replaced \(older reading of a source\)\W+1\b", result.output), result.output
    texts = [row[0] for row in _rows(db, "SELECT text FROM documents ORDER BY text")]
    assert len(texts) == 2 and "Friday" in texts[0] and "Monday" in texts[1]
    assert _rows(db, "SELECT count(*) FROM sentences WHERE doc_id NOT IN "
                     "(SELECT doc_id FROM documents)") == [(0,)]


def test_a_file_read_again_leaves_nothing_of_its_earlier_reading(tmp_path: Path) -> None:
    def record(day: str) -> str:
        return json.dumps({"text": f"The ministers of Norway and Sweden met in Oslo on {day} to "
                                   "discuss the shared harbour, officials said after the talks."})

    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text("\n".join([record("Monday"), '{"text": "cut', record("Tuesday")]) + "\n",
                    encoding="utf-8")
    db = tmp_path / "again.duckdb"

    def run(path: Path, code: int = 0) -> str:
        result = runner.invoke(app, ["run", str(path), "--db", str(db)])
        assert result.exit_code == code, result.output  # 1: nothing could be processed
        return result.output

    def state() -> tuple[list[str], list[tuple[Any, ...]]]:
        days = [re.search(r"on (\w+day)", row[0]).group(1)  # type: ignore[union-attr]
                for row in _rows(db, "SELECT text FROM documents ORDER BY source")]
        return days, _rows(db, "SELECT source, code FROM quarantine ORDER BY source")

    run(feed.parent)
    assert state() == (["Monday", "Tuesday"], [(f"{feed}#line 2", "bad_json")])
    # Line 2 mended, line 3 gone: the bad_json row and the Tuesday story go with them.
    feed.write_text("\n".join([record("Monday"), record("Friday")]) + "\n", encoding="utf-8")
    output = run(feed.parent)
    assert re.search(r"replaced \(older reading of a source\)\W+1\b", output), output
    assert re.search(r"quarantine rows of older readings removed\W+1\b", output), output
    assert state() == (["Monday", "Friday"], [])
    # A record inserted above moves the others down a line: none is lost, nothing is stored anew.
    feed.write_text("\n".join([record("Sunday"), record("Monday"), record("Friday")]) + "\n",
                    encoding="utf-8")
    output = run(feed.parent)
    assert re.search(r"documents written\W+1\b", output) and re.search(r"replaced[^\n]*\W0\b", output)
    assert state() == (["Sunday", "Monday", "Friday"], [])
    assert re.search(r"documents written\W+0\b", run(feed.parent))
    # A path not there now (a drive not mounted?) keeps what the file gave.
    feed.rename(feed.with_suffix(".bak"))
    run(feed, code=1)
    assert state() == (["Sunday", "Monday", "Friday"], [(str(feed), "missing")])
    # Emptied, the file gives one row and keeps nothing of what it held.
    feed.with_suffix(".bak").rename(feed)
    feed.write_bytes(b"")
    run(feed.parent, code=1)
    assert state() == ([], [(str(feed), "empty")])
    assert _rows(db, "SELECT count(*) FROM sentences") == [(0,)]


def test_archive_members_the_include_globs_leave_out_are_kept(tmp_path: Path) -> None:
    import zipfile

    story = ("The ministers of Norway and Sweden met in Oslo on {} to discuss the shared harbour, "
             "officials said after the talks.")
    archive = tmp_path / "z.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", story.format("Monday"))
        z.writestr("b.html", f"<html><body><p>{story.format('Tuesday')}</p></body></html>")
    db = tmp_path / "z.duckdb"
    assert runner.invoke(app, ["run", str(archive), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["run", str(archive), "--db", str(db), "--include", "*.html"])
    assert result.exit_code == 0, result.output
    assert [Path(r[0]).name for r in _rows(db, "SELECT source FROM documents ORDER BY 1")] == [
        "z.zip#member a.txt", "z.zip#member b.html"]


def test_run_reads_a_settings_file_and_options_override_it(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "skip").mkdir(parents=True)
    story = {"body": "The ministers of Norway and Sweden met in Oslo on Monday to discuss the "
                     "shared harbour, officials said after the talks.", "headline": "Harbour talks"}
    (inputs / "wire.ndjson").write_text(json.dumps(story) + "\n", encoding="utf-8")
    (inputs / "notes.txt").write_text("Scratch notes that are not an article at all, but long "
                                      "enough to pass the length check of the cleaner.\n",
                                      encoding="utf-8")
    (inputs / "skip" / "old.ndjson").write_text(json.dumps(story) + "\n", encoding="utf-8")
    config = tmp_path / "storyline.toml"
    config.write_text(f"""db_path = "{(tmp_path / 'cfg.duckdb').as_posix()}"
include = ["*.ndjson"]
exclude = ["skip/*"]
reference_date = "2020-01-01"

[jsonl_fields]
text = "body"
title = "headline"
""", encoding="utf-8")
    result = runner.invoke(app, ["run", str(inputs), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert _rows(tmp_path / "cfg.duckdb", "SELECT title FROM documents") == [("Harbour talks",)]
    other = tmp_path / "other.duckdb"
    result = runner.invoke(app, ["run", str(inputs), "--config", str(config), "--db", str(other),
                                 "--include", "*.txt"])
    assert result.exit_code == 0, result.output
    assert _rows(other, "SELECT count(*) FROM documents") == [(1,)]
    assert _rows(other, "SELECT title FROM documents") != [("Harbour talks",)]
    config.write_text("batch_size = 0\nbogus = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(inputs), "--config", str(config)])
    assert result.exit_code == 2 and "bogus" in result.output and "batch_size" in result.output


_TOWNS = ["Arden", "Brill", "Corby", "Dorne", "Elstow", "Farley", "Garth", "Hale", "Ilford",
          "Jarrow", "Kelby", "Lydd", "Marden", "Norley", "Orton", "Pelsall", "Quarley", "Rufford",
          "Selby", "Thame", "Ulley", "Vange", "Wem", "Yarm"]


def test_corpus_statistics_span_the_window_not_the_nlp_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An inline link to a story read 23 documents later is dropped as related_title when the
    window holds both, whatever the NLP batch size; a window of 4 documents, or of fewer
    characters than the 24 texts, cannot see it."""
    def record(i: int, town: str) -> dict[str, str]:
        body = (f"The council of {town} voted on Tuesday to repair the old bridge over the "
                f"river before the winter floods, the mayor of {town} said.")
        lines = [f"{town} council votes to repair the bridge", body]
        if i == 0:
            lines.append(f"{_TOWNS[-1]} council votes to repair the bridge")
        lines.append(f"Work in {town} is due to start in the spring and last about three months.")
        return {"text": "\n".join(lines), "outlet": "Example Wire"}

    records = [record(i, town) for i, town in enumerate(_TOWNS)]
    removed = {}
    for window, chars in ((1000, 10**8), (4, 10**8), (1000, 2000)):
        monkeypatch.setattr(pipeline, "WINDOW_CHARS", chars)
        db = tmp_path / f"w{window}-{chars}.duckdb"
        settings = Settings(db_path=db, batch_size=4, corpus_window=window)
        with storyline.open_store(db) as store:
            summary = storyline.run_texts(records, store, settings)
        assert summary.stored == len(_TOWNS)
        rows = _rows(db, "SELECT removed FROM documents WHERE text LIKE '%of Arden%'")
        removed[window, chars] = [(r["text"], r["reason"]) for r in json.loads(rows[0][0])]
    link = ("Yarm council votes to repair the bridge", "related_title")
    assert removed[1000, 10**8] == [link]
    assert link not in removed[4, 10**8] and link not in removed[1000, 2000]


def test_a_command_line_switch_turns_off_what_the_settings_file_turns_on(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Ministers meet</title><link>http://10.0.0.1/story</link>
<description>The foreign ministers of the two countries met on Tuesday in the capital to
discuss the river dispute and agreed to meet again next month.</description></item>
</channel></rss>""", encoding="utf-8")
    config = tmp_path / "s.toml"
    config.write_text("follow_feed_links = true\n", encoding="utf-8")
    codes = {}
    for switch in ([], ["--no-follow-links"]):
        db = tmp_path / f"f{len(switch)}.duckdb"
        result = runner.invoke(app, ["run", str(feed), "--config", str(config), "--db", str(db),
                                     *switch])
        assert result.exit_code == 0, result.output
        codes[len(switch)] = _rows(db, "SELECT code FROM quarantine")
    assert codes == {0: [("blocked_address",)], 1: []}


def test_run_fails_when_nothing_processable(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(tmp_path / "empty.txt"), "--db",
                                 str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1


def test_show_and_export_commands(seed_db: Path, tmp_path: Path) -> None:
    for what in ("events", "actors", "quotes", "places"):
        result = runner.invoke(app, ["show", what, "--db", str(seed_db), "--limit", "3"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["show", "places", "--actor", "RUS", "--db", str(seed_db)])
    assert result.exit_code == 0 and "RUS" in result.output
    for what in ("documents", "removed", "quarantine"):
        result = runner.invoke(app, ["show", what, "--db", str(seed_db)])
        assert result.exit_code == 0, result.output
    with Store(seed_db) as store:
        columns, rows = store.query(*_show_query(What.documents, None, None))
        dated = {(str(r[columns.index("published")]), r[columns.index("how")]) for r in rows}
        assert ("2017-11-13", "inferred") in dated
        # the outlet's name beside its id (an outlet the table lacks has a name, no id) and
        # how many sources read as the document
        assert {"TASS", "Sputnik"} <= {r[columns.index("outlet")] for r in rows}
        assert {r[columns.index("sources")] for r in rows} == {1}
        columns, rows = store.query(*_show_query(What.removed, None, None))
        assert ("date_stamp", "Last modified: 5 Dec 2012 22:28") in {
            (r[columns.index("reason")], r[columns.index("line")]) for r in rows}
    # for a pipe or a file: whole values, one row a line (a table is cut to 80 columns there)
    result = runner.invoke(app, ["show", "documents", "--db", str(seed_db), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert result.exit_code == 0 and len(table) == 5 and "TASS" in {r["outlet"] for r in table}
    assert all(r["title"] and "\n" not in r["title"] for r in table)
    result = runner.invoke(app, ["query", "SELECT doc_id, published FROM documents", "--db",
                                 str(seed_db), "--format", "jsonl"])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0 and len(lines) == 5 and set(lines[0]) == {"doc_id", "published"}
    result = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path / "x"),
                                 "--db", str(seed_db)])
    assert result.exit_code == 0
    assert (tmp_path / "x" / "events.parquet").stat().st_size > 0

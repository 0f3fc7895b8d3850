"""The ``storyline`` command line: a thin layer over the Python API that renders with rich."""

from __future__ import annotations

import csv
import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

import storyline
from storyline.config import Settings
from storyline.errors import StorylineError
from storyline.evaluate import TASKS
from storyline.pipeline import RunSummary

app = typer.Typer(
    help="Storyline: news articles in; who did what to whom, when and where, who said what "
    "and which numbers were claimed out — every fact tied to its source sentence.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
DEFAULT_DB = Path("storyline.duckdb")


class _RichProgress:
    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task = bar.add_task("articles", total=None)

    def advance(self, done: int, note: str) -> None:
        self.bar.update(self.task, advance=done, description=f"articles ({note})")


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(
        help="Files, directories, archives or http(s) URLs (pages, feeds, URL lists) of "
             "articles; '-' reads stdin.")],
    db: Annotated[Path | None, typer.Option(
        "--db", help=f"DuckDB store file \\[default: the config's db_path, else {DEFAULT_DB}]."
    )] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="TOML file of settings (any field of storyline.config.Settings, e.g. "
                         "include, exclude, reference_date, \\[jsonl_fields], \\[csv_columns]); the "
                         "options below override it.")] = None,
    batch_size: Annotated[int | None, typer.Option(
        help="Documents per nlp.pipe batch "
             f"\\[default: {Settings.model_fields['batch_size'].default}].")] = None,
    include: Annotated[list[str] | None, typer.Option(
        "--include", help="File name pattern to read from folders and zips (repeat it; "
                          "replaces the default list).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="File name or path pattern never read (repeat it; replaces the "
                          "default, which skips hidden files).")] = None,
    reference_date: Annotated[str | None, typer.Option(
        "--reference-date", help="Latest possible publication date (YYYY-MM-DD) for "
                                 "inference; fix it to make re-runs on later days identical."
    )] = None,
    clean_text: Annotated[bool | None, typer.Option(
        "--clean-text/--scraped-text",
        help="Plain-text inputs are clean article text (keep every line but repeats; a "
             "headline-shaped first line is the title) or scraped pages with site chrome, "
             "cleaned line by line \\[default: scraped].")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage.")] = False,
    follow_links: Annotated[bool | None, typer.Option(
        "--follow-links/--no-follow-links",
        help="For RSS/Atom feeds (fetched, files, archive members), fetch the page each entry "
             "links to instead of its summary \\[default: off].")] = None,
    allow_private_hosts: Annotated[bool | None, typer.Option(
        "--allow-private-hosts/--no-allow-private-hosts",
        help="Fetch URLs on loopback, private or link-local networks \\[default: refused].")
    ] = None,
) -> None:
    """Ingest, clean, annotate, extract, store and link articles.

    Reads text, HTML, JSONL, CSV, WARC, RSS/Atom, gzip/zip/tar archives, folders, stdin (-),
    http(s) URLs and URL lists (a .urls file, or a .txt holding only URLs: feeds to fetch).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    overrides = {
        "db_path": db, "batch_size": batch_size,
        "include": tuple(include) if include else None,
        "exclude": tuple(exclude) if exclude else None, "reference_date": reference_date,
        "follow_feed_links": follow_links, "text_is_clean": clean_text,
        "fetch_private_addresses": allow_private_hosts,
    }
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    try:
        settings = Settings.from_toml(config, **overrides)
        with (storyline.open_store(settings.db_path) as store,
              Progress(*columns, console=console) as bar):
            summary = storyline.run(paths, store, settings, _RichProgress(bar))
    except StorylineError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    console.print(summary_table(summary, settings.db_path))
    if summary.read == 0 or summary.read == summary.quarantined:
        console.print("[red]nothing could be processed[/red]")
        raise typer.Exit(1)


def summary_table(summary: RunSummary, db: Path) -> Table:
    """The closing table of a run."""
    table = Table(title=f"Storyline run → {db}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("inputs read", summary.read), ("documents written", summary.stored),
        ("unchanged (source already stored as read)", summary.unchanged),
        ("duplicates (reprints: same text, another source)", summary.duplicates),
        ("quarantined", summary.quarantined),
        ("replaced (older reading of a source)", summary.replaced),
        ("quarantine rows of older readings removed", summary.retired),
        ("near-duplicate documents", summary.near_duplicates),
        ("first takes linked to their outlet's full story", summary.first_takes),
        ("actors", summary.actors),
        ("actor mentions", summary.mentions), ("events", summary.events),
    ):
        table.add_row(label, str(value))
    for kind, count in summary.events_by_type.items():
        table.add_row(f"  events: {kind}", str(count))
    table.add_row("quotes", str(summary.quotes))
    table.add_row("claims", str(summary.claims))
    table.add_row("place mentions", str(summary.places))
    table.add_row("time taken", f"{summary.seconds:.1f} s")
    table.add_row("read = stored+unchanged+dup+quarantined", "yes" if summary.balanced else "NO")
    return table


class Shown(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


ShownOption = Annotated[Shown, typer.Option(
    "--format", help="table (readable, as wide as the terminal), or csv or jsonl (whole "
                     "values, one row a line: for a pipe, a file or a spreadsheet).")]


@app.command()
def query(sql: Annotated[str, typer.Argument(help="SQL to run on the store.")],
          db: DbOption = DEFAULT_DB, shown: ShownOption = Shown.table) -> None:
    """Run SQL against the store and print the result as a table."""
    with storyline.open_store(db) as store:
        try:
            columns, rows = store.query(sql)
        except StorylineError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    _print(columns, rows, shown)


def _print(columns: list[str], rows: list[tuple], shown: Shown) -> None:
    """``rows`` as a table, or as CSV or JSON lines on stdout: a table piped to a file is cut to
    80 columns and folds every value, which no program reads back."""
    if shown is Shown.table:
        console.print(_table(columns, rows))
        return
    out = sys.stdout
    if shown is Shown.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    for row in rows:
        out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False,
                             default=str) + "\n")


class What(StrEnum):
    events = "events"
    actors = "actors"
    quotes = "quotes"
    places = "places"
    documents = "documents"
    removed = "removed"
    quarantine = "quarantine"


_SHOW_SQL = {
    What.events: (
        "SELECT e.doc_id, e.plover_type, e.cameo_code, e.status, "
        "array_to_string(e.source_actors, ', ') AS source, "
        "array_to_string(e.target_actors, ', ') AS target, e.trigger, e.evidence FROM events e"),
    What.actors: (
        "SELECT a.actor_id, a.name, a.type, a.country, count(*) AS mentions, "
        "count(DISTINCT m.doc_id) AS documents FROM mentions m JOIN actors a USING (actor_id)"),
    What.quotes: (
        "SELECT q.doc_id, coalesce(q.speaker_id, '?') AS speaker, q.speaker_text, q.direct, "
        "q.text FROM quotes q"),
    What.places: (
        "SELECT p.doc_id, p.text, p.name, p.country, p.feature_class, p.lat, p.lon, "
        "p.place_id, p.method, p.confidence FROM places p"),
    What.documents: (
        "SELECT d.doc_id, d.outlet, d.outlet_id, d.published, d.published_time AS time, "
        "d.published_how AS how, "
        "d.published_confidence AS confidence, d.title, d.authors, d.source, (SELECT count(*) FROM "
        "document_sources s WHERE s.doc_id = d.doc_id) AS sources FROM documents d"),
    What.removed: (
        "SELECT d.doc_id, r.value->>'reason' AS reason, r.value->>'text' AS line "
        "FROM documents d, json_each(d.removed) r"),
    What.quarantine: "SELECT q.source, q.stage, q.code, q.message FROM quarantine q",
}
# The column each listing is filtered on by --doc (quarantine rows have no document) and its order.
_DOC_COLUMN = {What.events: "e.doc_id", What.actors: "m.doc_id", What.quotes: "q.doc_id",
               What.places: "p.doc_id", What.documents: "d.doc_id", What.removed: "d.doc_id"}
_ORDER = {What.events: "e.doc_id, e.start_char", What.quotes: "q.doc_id, q.start_char",
          What.places: "p.doc_id, p.start_char",
          What.documents: "d.published NULLS LAST, d.doc_id", What.removed: "d.doc_id, r.key::INTEGER",
          What.quarantine: "q.source, q.stage"}


@app.command()
def show(
    what: Annotated[What, typer.Argument(
        help="events, actors, quotes, places, documents (dates and how they were known), "
             "removed (boilerplate lines and why) or quarantine.")],
    db: DbOption = DEFAULT_DB,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only facts of this actor id (places: in this ISO-3 country).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    shown: ShownOption = Shown.table,
) -> None:
    """Print facts, documents, removed lines or quarantined inputs as readable tables (or as
    CSV or JSON lines)."""
    sql, params = _show_query(what, doc, actor)
    with storyline.open_store(db) as store:
        columns, rows = store.query(f"{sql} LIMIT {int(limit)}", params)
    _print(columns, rows, shown)


def _show_query(what: What, doc: str | None, actor: str | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if doc and what in _DOC_COLUMN:
        clauses.append(f"{_DOC_COLUMN[what]} = ?")
        params.append(doc)
    column = {What.events: "list_contains(e.source_actors || e.target_actors, ?)",
              What.actors: "a.actor_id = ?", What.quotes: "q.speaker_id = ?",
              What.places: "p.country = ?"}.get(what)
    if actor and column:
        clauses.append(column)
        params.append(actor)
    sql = _SHOW_SQL[what] + (" WHERE " + " AND ".join(clauses) if clauses else "")
    if what is What.actors:
        sql += " GROUP BY ALL ORDER BY mentions DESC, a.actor_id"
    else:
        sql += f" ORDER BY {_ORDER[what]}"
    return sql, params


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or jsonl.")] = "parquet",
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("export"),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write every table of the store to a directory as Parquet, CSV or JSONL."""
    with storyline.open_store(db) as store:
        try:
            files = store.export(fmt, out)
        except StorylineError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    for path in files:
        console.print(str(path))


@app.command(name="eval")
def evaluate(
    tasks: Annotated[list[str] | None, typer.Argument(
        help="Tasks to score (default: all): " + ", ".join(TASKS) + ".")] = None,
    gold_dir: Annotated[Path | None, typer.Option(
        "--gold-dir", help="Folder of gold sets laid out as published (default ../shared/gold); "
                           "with one task, may be that set's own folder.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score at most N gold items per task.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")]
    = None,
    markdown_out: Annotated[Path | None, typer.Option(
        "--markdown", help="Write the results page (e.g. docs/evaluation.md) here.")] = None,
) -> None:
    """Score every stage against public gold data and print a table per task."""
    from storyline.evaluate import TASKS, anchors_for, run_tasks
    from storyline.evaluate.report import markdown, task_table, write_json

    unknown = [t for t in tasks or [] if t not in TASKS]
    if unknown:
        console.print(f"[red]unknown task(s):[/red] {', '.join(unknown)}; use {', '.join(TASKS)}")
        raise typer.Exit(2)
    report = run_tasks(tasks, gold_dir, limit)
    anchors = {task: anchors_for(task) for task in report}
    for task, metrics in report.items():
        console.print(task_table(task, metrics, anchors[task]))
    if json_out:
        write_json(report, json_out)
    if markdown_out:
        markdown_out.write_text(markdown(report, anchors, limit), encoding="utf-8")


def _table(columns: list[str], rows: list[tuple]) -> Table:
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


if __name__ == "__main__":  # pragma: no cover
    app()

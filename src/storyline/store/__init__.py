"""Store: one DuckDB file holding documents, facts, quarantine and links.

Entry point: :class:`Store`. Writes are idempotent: a document's facts are replaced whole,
keyed by stable ids, so re-running the same input adds no rows. An input read again replaces
what its earlier readings left (:meth:`Store.retire`). Only one process may hold the file open
for writing (a DuckDB rule); readers in other processes use exports.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from storyline.errors import StoreError
from storyline.records import Facts, QuarantineRow
from storyline.store import rows
from storyline.store.schema import (
    FACT_TABLES,
    SCHEMA_VERSION,
    TABLES,
    column_names,
    column_types,
    create_statements,
)
from storyline.surrogates import replace_surrogates

log = logging.getLogger(__name__)
EXPORT_FORMATS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)",
                  "jsonl": "(FORMAT json)"}


class Store:
    """A DuckDB-backed store. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = "storyline.duckdb") -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        for statement in create_statements():
            self.con.execute(statement)
        self._migrate()
        # What this connection's current reading wrote (see begin_reading, retire).
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS read_sources "
                         "(doc_id VARCHAR, source VARCHAR, PRIMARY KEY (doc_id, source))")
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS read_rows (quarantine_id VARCHAR PRIMARY KEY)")
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                         [str(SCHEMA_VERSION)])

    def _migrate(self) -> None:
        """Add the columns a newer schema has to a store made by an older Storyline."""
        for table in TABLES:
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table]).fetchall()}
            for name, sql_type in column_types(table):
                if name not in have:
                    log.info("adding column %s.%s", table, name)
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known_versions(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id → stored stage-versions JSON for the ids already in the store."""
        ids = list(doc_ids)
        if not ids:
            return {}
        result = self.con.execute(
            "SELECT doc_id, CAST(stage_versions AS VARCHAR) FROM documents "
            "WHERE list_contains(?, doc_id)", [ids]).fetchall()
        return dict(result)

    def add_source(self, doc_id: str, source: str, input: str = "") -> int:
        """Record that ``source``, read from the top-level ``input``, reads as document
        ``doc_id`` now; see :meth:`_claim_source`. Returns how many older documents were
        deleted."""
        with self._transaction(f"recording the source of {doc_id}"):
            return self._claim_source(doc_id, source, input)

    def begin_reading(self) -> None:
        """Start a reading: from now on :meth:`retire` keeps, of an input's rows, those
        written since this call."""
        self.con.execute("DELETE FROM read_sources")
        self.con.execute("DELETE FROM read_rows")

    def retire(self, inputs: Iterable[str]) -> tuple[int, int]:
        """An input's latest reading replaces its earlier ones: for each of ``inputs`` (top-level
        files and URLs read whole in the current reading), delete the quarantine rows and the
        document sources of earlier readings that this one did not write again. A document
        left with no source is deleted with its facts; one still named by another source (a
        reprint in another file) stays, under a source that names it now. So a file that gave
        ``bad_csv`` rows before a fix, or held a record it no longer holds, or now reads as a
        shorter text, leaves no row or document of what it was. Returns (documents deleted,
        quarantine rows deleted)."""
        names = sorted({name for name in inputs if name})
        if not names:
            return 0, 0
        with self._transaction("retiring earlier readings"):
            self.con.register("_inputs", pa.table({"input": names}))
            try:
                rows_gone = self.con.execute(
                    "DELETE FROM quarantine WHERE input IN (SELECT input FROM _inputs) "
                    "AND quarantine_id NOT IN (SELECT quarantine_id FROM read_rows) "
                    "RETURNING quarantine_id").fetchall()
                left = [row[0] for row in self.con.execute(
                    "DELETE FROM document_sources s WHERE input IN (SELECT input FROM _inputs) "
                    "AND NOT EXISTS (SELECT 1 FROM read_sources r "
                    "WHERE r.doc_id = s.doc_id AND r.source = s.source) RETURNING doc_id").fetchall()]
            finally:
                self.con.unregister("_inputs")
            deleted = self._settle(sorted(set(left)))
        return deleted, len(rows_gone)

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One transaction, committed when the block ends, rolled back whatever fails in it (a
        value Arrow cannot hold, an interrupt: an open transaction would fail the next BEGIN,
        and with it the run). A DuckDB error comes out as StoreError saying ``what`` failed."""
        self.con.execute("BEGIN")
        try:
            yield
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{what} failed: {exc}") from exc
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _claim_source(self, doc_id: str, source: str, input: str = "") -> int:
        """A source (a file, an archive member, a line of a JSONL file, a URL) names one
        document: the latest reading of it. When it read as another document before — the
        page was edited, or a batch with other pages of its site cleaned it with other corpus
        statistics, so the body and with it the doc id changed — that document loses this
        source, and is deleted with its facts when no other source names it (a reprint read
        from another file keeps it). A stream (``<stdin>``, ``<memory>``, ``<bytes>``) is not
        a place that can be read again, so its documents are never replaced. Returns how many
        documents were deleted; the caller holds the transaction."""
        self.con.execute("INSERT OR REPLACE INTO document_sources VALUES (?, ?, ?)",
                         [doc_id, source, input or None])
        self.con.execute("INSERT OR IGNORE INTO read_sources VALUES (?, ?)", [doc_id, source])
        if source.startswith("<"):
            return 0
        older = [row[0] for row in self.con.execute(
            "DELETE FROM document_sources WHERE source = ? AND doc_id <> ? RETURNING doc_id",
            [source, doc_id]).fetchall()]
        return self._settle(older)

    def _settle(self, doc_ids: list[str]) -> int:
        """The documents of ``doc_ids`` after some of their sources were deleted: those no
        source names any more are deleted with their facts and links (returns how many), the
        others given a source that names them now. The caller holds the transaction."""
        if not doc_ids:
            return 0
        self.con.execute(
            "UPDATE documents d SET source = (SELECT min(s.source) FROM document_sources s "
            "WHERE s.doc_id = d.doc_id) WHERE list_contains(?, d.doc_id) AND NOT EXISTS "
            "(SELECT 1 FROM document_sources s WHERE s.doc_id = d.doc_id AND s.source = d.source)",
            [doc_ids])
        orphans = [row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents WHERE list_contains(?, doc_id) AND doc_id NOT IN "
            "(SELECT doc_id FROM document_sources)", [doc_ids]).fetchall()]
        if not orphans:
            return 0
        for table in (*FACT_TABLES, "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [orphans])
        self.con.execute("DELETE FROM document_links WHERE list_contains(?, doc_id) "
                         "OR list_contains(?, canonical_id)", [orphans, orphans])
        return len(orphans)

    def write_facts(self, facts: Facts) -> int:
        """Replace one document and all its facts, in one transaction. Returns how many older
        documents of the same source were deleted (:meth:`_claim_source`)."""
        d = facts.document
        with self._transaction(f"writing {d.doc_id}"):
            for table in FACT_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [d.doc_id])
            self._insert("documents", [rows.document_row(d, facts.stage_versions)])
            self._insert("sentences", map(rows.sentence_row, facts.sentences))
            self._upsert_actors(facts)
            self._insert("mentions", map(rows.mention_row, facts.mentions))
            self._insert("events", map(rows.event_row, facts.events))
            self._insert("quotes", map(rows.quote_row, facts.quotes))
            self._insert("claims", map(rows.claim_row, facts.claims))
            self._insert("places", map(rows.place_row, facts.places))
            return self._claim_source(d.doc_id, d.source, d.input)

    def _upsert_actors(self, facts: Facts) -> None:
        """Actors are shared by documents: what one article teaches (a person's country from
        "Turkish Foreign Minister X") is kept when another article does not say it."""
        batch = [rows.actor_row(a) for a in facts.actors]
        if not batch:
            return
        self.con.register("_incoming", _arrow("actors", batch))
        try:
            self.con.execute(
                "INSERT INTO actors SELECT * FROM _incoming ON CONFLICT (actor_id) DO UPDATE SET "
                "name = excluded.name, type = excluded.type, "
                "country = coalesce(excluded.country, actors.country), roles = excluded.roles")
        finally:
            self.con.unregister("_incoming")

    def write_quarantine(self, row: QuarantineRow) -> None:
        self.write_quarantine_rows([row])

    def write_quarantine_rows(self, batch: Iterable[QuarantineRow]) -> None:
        """Several quarantine rows in one insert (one insert per row ran at about 150 rows/s:
        a file of junk lines took minutes); a row repeated in the batch is written once."""
        keyed = {row[0]: row for row in map(rows.quarantine_row, batch)}
        self._insert("quarantine", keyed.values())
        if keyed:
            self.con.register("_read", pa.table({"quarantine_id": list(keyed)}))
            try:
                self.con.execute("INSERT OR IGNORE INTO read_rows SELECT * FROM _read")
            finally:
                self.con.unregister("_read")

    def _insert(self, table: str, values: Iterable[rows.Row]) -> None:
        """Upsert rows through an Arrow table (DuckDB's executemany is far slower)."""
        batch = list(values)
        if not batch:
            return
        self.con.register("_incoming", _arrow(table, batch))
        try:
            self.con.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a SQL query."""
        try:
            cursor = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise StoreError(str(exc)) from exc
        columns = [c[0] for c in cursor.description or []]
        return columns, cursor.fetchall()

    def iter_rows(self, table: str, where: str = "", params: list[Any] | None = None
                  ) -> Iterator[dict[str, Any]]:
        """Rows of a table as dicts."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        columns, result = self.query(f"SELECT * FROM {table} {where}", params)
        for row in result:
            yield dict(zip(columns, row, strict=True))

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}

    def export(self, fmt: str, out_dir: str | Path) -> list[Path]:
        """Write every table to ``out_dir`` as Parquet, CSV or JSONL; returns the files."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {sorted(EXPORT_FORMATS)}")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            if table == "meta":
                continue
            path = out / f"{table}.{fmt}"
            order = ", ".join(_key_columns(table))
            self.con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{path}' {EXPORT_FORMATS[fmt]}")
            written.append(path)
        return written


def _arrow(table: str, batch: list[rows.Row]) -> pa.Table:
    """``batch`` as an Arrow table of ``table``'s columns. A string Arrow cannot encode (a lone
    UTF-16 surrogate, which the readers repair but a caller of the Python API may pass) is
    stored with U+FFFD in its place rather than failing the write."""
    names = column_names(table)
    try:
        return pa.table({name: [row[i] for row in batch] for i, name in enumerate(names)})
    except (UnicodeError, pa.ArrowException):
        return pa.table({name: [_storable(row[i]) for row in batch]
                         for i, name in enumerate(names)})


def _storable(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (nested in lists and dicts too)
    replaced by U+FFFD."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {k: _storable(v) for k, v in value.items()}
    return value


def _key_columns(table: str) -> list[str]:
    cols = TABLES[table]
    if "PRIMARY KEY (" in cols:
        return cols.split("PRIMARY KEY (")[1].rstrip(") \n").split(", ")
    return [cols.split()[0]]


__all__ = ["EXPORT_FORMATS", "Store"]

"""Store: one DuckDB file holding documents, facts, quarantine and links.

Entry point: :class:`Store`. Writes are idempotent: a document's facts are replaced whole,
keyed by stable ids, so re-running the same input adds no rows. An input read again replaces
what its earlier readings left (:meth:`Store.retire`). Only one process may hold the file open
for writing (a DuckDB rule); readers in other processes use exports.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from storyline.errors import StoreError
from storyline.records import STREAMS, Document, Facts, Published, QuarantineRow
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
_STREAMS = str(STREAMS)  # as SQL: ('<stdin>', '<memory>', '<bytes>')
_INPUTS = pa.schema([("input", pa.string()), ("whole", pa.bool_())])
_NOTED_BATCH = 10_000  # sources noted as read, gathered before one insert
# A reading's metadata, as ``document_sources`` and ``documents`` both hold it.
_READING = ("title", "outlet", "outlet_id", "url", "published", "published_how",
            "published_evidence", "published_confidence", "published_time", "authors")
_NO_DATE = "9999-12-31"
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
        self._noted_sources: list[tuple[str, str]] = []
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                         [str(SCHEMA_VERSION)])

    def _migrate(self) -> None:
        """Add the columns a newer schema has to a store made by an older Storyline. The rows
        an older reading wrote get an ``input`` from their source, up to its first ``#`` (a path
        holding ``#`` is rare; the next reading of that input settles them)."""
        for table in TABLES:
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table]).fetchall()}
            for name, sql_type in column_types(table):
                if name not in have:
                    log.info("adding column %s.%s", table, name)
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")
                    if name == "input":  # schema 6: what older readings wrote, by its source
                        self.con.execute(
                            f"UPDATE {table} SET input = split_part(source, '#', 1) WHERE "
                            f"split_part(source, '#', 1) NOT IN {_STREAMS}")
                    if table == "document_sources" and name in (*_READING, "described"):
                        # schema 7: the document's own source read as the document row says;
                        # the metadata of its other sources was not kept before
                        value = "true" if name == "described" else f"d.{name}"
                        self.con.execute(
                            f"UPDATE document_sources s SET {name} = {value} FROM documents d "
                            "WHERE d.doc_id = s.doc_id AND d.source = s.source")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def standing_readings(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, Reading]]:
        """doc_id → (stage-versions JSON, the reading the document row holds) for the ids
        already in the store."""
        ids = list(doc_ids)
        if not ids:
            return {}
        result = self.con.execute(
            f"SELECT doc_id, CAST(stage_versions AS VARCHAR), source, {', '.join(_READING)} "
            "FROM documents WHERE list_contains(?, doc_id)", [ids]).fetchall()
        return {doc_id: (versions, Reading(source, None, tuple(values), True))
                for doc_id, versions, source, *values in result}

    def readings_of(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Reading]:
        """(doc_id, source) → that source's stored reading of the document, for the pairs the
        store holds."""
        wanted = set(pairs)
        return {(doc_id, reading.source): reading
                for doc_id, reading in self._readings({d for d, _ in wanted})
                if (doc_id, reading.source) in wanted}

    def best_readings(self, doc_ids: Iterable[str]) -> dict[str, Reading]:
        """doc_id → the first of its sources' readings by :func:`reading_key` (a source stored
        before schema 7, which kept no metadata, only when no other names the document)."""
        best: dict[str, Reading] = {}
        for doc_id, reading in self._readings(doc_ids):
            held = best.get(doc_id)
            if held is None or (held.described, reading.key) < (reading.described, held.key):
                best[doc_id] = reading
        return best

    def _readings(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, Reading]]:
        """(doc_id, reading) for every stored source of ``doc_ids``."""
        ids = sorted(set(doc_ids))
        if not ids:
            return
        for doc_id, source, input, described, *values in self.con.execute(
                f"SELECT doc_id, source, input, described, {', '.join(_READING)} "
                "FROM document_sources WHERE list_contains(?, doc_id)", [ids]).fetchall():
            yield doc_id, Reading(source, input, tuple(values), bool(described))

    def add_source(self, doc_id: str, source: str, input: str = "") -> None:
        """Record that ``source``, read from the top-level ``input``, reads as document
        ``doc_id`` now (see :meth:`retire`)."""
        with self._transaction(f"recording the source of {doc_id}"):
            self._claim_source(doc_id, source, input)
        self._note(doc_id, source)

    def add_reading(self, document: Document) -> None:
        """Record a reading of a document already stored (an exact reprint, the same page
        read again): its source with the reading's own title, outlet, URL and date."""
        with self._transaction(f"recording the source of {document.doc_id}"):
            self._claim_source(document.doc_id, document.source, document.input, document)
        self._note(document.doc_id, document.source)

    def begin_reading(self) -> None:
        """Start a reading: what :meth:`retire` ends (a run of the pipeline)."""
        self.con.execute("DELETE FROM read_sources")
        self.con.execute("DELETE FROM read_rows")
        self._noted_sources.clear()

    def retire(self, inputs: Iterable[str] = (),
               keep: Callable[[str, str], bool] | None = None,
               rows_only: Iterable[str] = ()) -> tuple[int, int]:
        """End a reading: the latest reading of a place replaces its earlier ones.

        - A source (a file, an archive member, a line of a JSONL file, a URL) names one
          document, its latest reading: a source this reading read as one document no longer
          names another (the page was edited; a batch with other pages of its site cleaned it
          with other corpus statistics; the records of a file moved a line down). A stream's
          (``<stdin>``, ``<memory>``, ``<bytes>``), which is no place to read again, is never
          replaced.
        - Each of ``inputs`` (top-level files and URLs read whole in this reading) keeps, of
          the quarantine rows and the document sources its earlier readings gave, those this
          reading gave again: a file that gave ``bad_csv`` rows before a fix, held a record it
          no longer holds, or is empty now leaves no row or document of what it was. Only its
          own positions (``input`` itself, ``input#…``): a page a feed links to, or a URL list
          names, is its own place, kept when the feed moves on. ``keep(source, input)`` spares
          those it says are not read by this reading's choice (an archive member the include
          globs leave out). Each of ``rows_only`` keeps only the quarantine rows this reading
          gave again; its document sources stay (a walk's entry that is gone: a removed file's
          documents stay).

        A document left with no source is deleted with its facts and links; one still named by
        another source (a reprint in another file) stays, under the first reading that names it
        now (:meth:`_adopt_readings`).
        Returns (documents deleted, quarantine rows deleted)."""
        self._flush_noted()
        names = self._as_stored_before({name for name in inputs if name})
        whole = set(names)
        entries = [name for name in self._as_stored_before({name for name in rows_only if name})
                   if name not in whole]
        with self._transaction("retiring earlier readings"):
            self.con.register("_inputs", pa.table({
                "input": names + entries,
                "whole": [True] * len(names) + [False] * len(entries)}, schema=_INPUTS))
            try:
                left = [row[0] for row in self.con.execute(
                    "DELETE FROM document_sources s WHERE source IN (SELECT source FROM "
                    f"read_sources) AND split_part(source, '#', 1) NOT IN {_STREAMS} "
                    "AND NOT EXISTS (SELECT 1 FROM read_sources r WHERE "
                    "r.doc_id = s.doc_id AND r.source = s.source) RETURNING doc_id").fetchall()]
                stale = self._spared(self.con.execute(
                    "SELECT doc_id, source, input FROM document_sources s WHERE input IN "
                    "(SELECT input FROM _inputs WHERE whole) AND NOT EXISTS (SELECT 1 FROM read_sources r "
                    "WHERE r.doc_id = s.doc_id AND r.source = s.source)").fetchall(), keep)
                rows = self._spared(self.con.execute(
                    "SELECT quarantine_id, source, input FROM quarantine WHERE input IN "
                    "(SELECT input FROM _inputs) AND quarantine_id NOT IN "
                    "(SELECT quarantine_id FROM read_rows)").fetchall(), keep)
            finally:
                self.con.unregister("_inputs")
            self._delete_keyed("document_sources", ("doc_id", "source"), stale)
            self._delete_keyed("quarantine", ("quarantine_id", "source"), rows)
            # a source of no document: a repeat's source, recorded while cleaning, whose first
            # copy was then quarantined, or not written before an interrupt
            self.con.execute("DELETE FROM document_sources WHERE doc_id NOT IN "
                             "(SELECT doc_id FROM documents)")
            deleted = self._settle(sorted({*left, *(doc_id for doc_id, _ in stale)}))
        return deleted, len(rows)

    def entry_rows_under(self, folders: Iterable[str], codes: Iterable[str]
                         ) -> list[tuple[str, str]]:
        """(folder, input) for the inputs under each of ``folders`` (``folder/…``) of quarantine
        rows with one of ``codes`` that name their input whole (no position in it), and that
        no document source names: a walk's rows for its entries, in one scan of the table."""
        folders, codes = sorted(set(folders)), list(codes)
        if not folders or not codes:
            return []
        marks = ", ".join("?" for _ in codes)
        self.con.register("_folders", pa.table({
            "folder": folders, "prefix": [folder.rstrip("/") + "/" for folder in folders]}))
        try:
            return [(folder, input) for folder, input in self.con.execute(
                "SELECT DISTINCT f.folder, q.input FROM quarantine q JOIN _folders f "
                f"ON starts_with(q.input, f.prefix) WHERE q.source = q.input AND q.code IN "
                f"({marks}) AND q.input NOT IN (SELECT input FROM document_sources WHERE "
                "input IS NOT NULL) ORDER BY 2, 1", codes).fetchall()]
        finally:
            self.con.unregister("_folders")

    def _as_stored_before(self, names: set[str]) -> list[str]:
        """``names`` and the inputs an older Storyline stored for the same files: it named a
        local file as typed, relative to the directory it ran in (``data/news.jsonl``), where
        now a file is named by its absolute path. A stored relative input that this directory
        makes one of ``names`` is taken for it, so that reading the file again replaces that
        older reading rather than leaving every document under two sources; it is the
        directory an older run started in whenever the store was only ever run from one."""
        absolute = {name for name in names if os.path.isabs(name)}
        if not absolute:
            return sorted(names)
        stored = self.con.execute(
            "SELECT input FROM document_sources WHERE input NOT LIKE '/%' UNION "
            "SELECT input FROM quarantine WHERE input NOT LIKE '/%'").fetchall()
        older = {input for (input,) in stored if input and input not in STREAMS
                 and "://" not in input and str(Path(input).absolute()) in absolute}
        return sorted(names | older)

    @staticmethod
    def _spared(found: list[tuple[str, str, str]], keep: Callable[[str, str], bool] | None
                ) -> list[tuple[str, str]]:
        """(key, source) of the rows ``found`` (key, source, input) that ``keep`` does not
        spare."""
        return [(key, source) for key, source, input in found
                if keep is None or not keep(source, input)]

    def _delete_keyed(self, table: str, columns: tuple[str, str], keys: list[tuple[str, str]]
                      ) -> None:
        """Delete the rows of ``table`` whose two ``columns`` hold one of ``keys``."""
        if not keys:
            return
        first, second = zip(*keys, strict=True)
        self.con.register("_keys", pa.table({"a": list(first), "b": list(second)}))
        try:
            self.con.execute(f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM _keys k WHERE "
                             f"k.a = t.{columns[0]} AND k.b = t.{columns[1]})")
        finally:
            self.con.unregister("_keys")

    def _note(self, doc_id: str, source: str) -> None:
        """Note that this reading wrote ``source`` as ``doc_id`` (after its transaction: a
        write that failed notes nothing, so the place keeps its older document)."""
        self._noted_sources.append((doc_id, source))
        if len(self._noted_sources) >= _NOTED_BATCH:
            self._flush_noted()

    def _flush_noted(self) -> None:
        """Write the sources noted as read (gathered in memory: one insert a document cost
        1.5 ms) to the reading's table."""
        if self._noted_sources:
            doc_ids, sources = zip(*self._noted_sources, strict=True)
            self.con.register("_noted", pa.table({"doc_id": list(doc_ids),
                                                  "source": list(sources)}))
            try:
                self.con.execute("INSERT OR IGNORE INTO read_sources SELECT * FROM _noted")
            finally:
                self.con.unregister("_noted")
            self._noted_sources.clear()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One transaction, committed when the block ends, rolled back whatever fails in it (a
        value Arrow cannot hold, an interrupt: an open transaction would fail the next BEGIN,
        and with it the run). A DuckDB error comes out as StoreError saying ``what`` failed."""
        self.con.execute("BEGIN")
        try:
            yield
        except duckdb.InterruptException:
            self.con.execute("ROLLBACK")
            raise KeyboardInterrupt from None  # Ctrl-C during a query: the run stops
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{what} failed: {exc}") from exc
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _claim_source(self, doc_id: str, source: str, input: str = "",
                      reading: Document | None = None) -> None:
        """Record that ``source`` reads as ``doc_id`` (the caller holds the transaction, and
        notes it when done), with the ``reading``'s metadata when given (a later reading of
        the source replaces it; none given leaves what is there). ``input`` is kept only when
        ``source`` is one of its own positions; once an input owns the source, reading it from
        elsewhere too (a URL named on the command line and in a URL list) leaves it so."""
        owned = input if input and (source == input or source.startswith(input + "#")) else None
        values = rows.reading_values(reading) if reading is not None else (None,) * len(_READING)
        update = "".join(f", {name} = excluded.{name}" for name in (*_READING, "described")
                         ) if reading else ""
        self.con.execute(
            f"INSERT INTO document_sources (doc_id, source, input, {', '.join(_READING)}, "
            f"described) VALUES ({', '.join('?' * (4 + len(_READING)))}) "
            "ON CONFLICT DO UPDATE SET input = coalesce(excluded.input, document_sources.input)"
            + update, _storable([doc_id, source, owned, *values, reading is not None]))

    def _settle(self, doc_ids: list[str]) -> int:
        """The documents of ``doc_ids`` after some of their sources were deleted: those no
        source names any more are deleted with their facts and links (returns how many), the
        others given a source that names them now. The caller holds the transaction."""
        if not doc_ids:
            return 0
        self._adopt_readings(doc_ids)
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

    def _adopt_readings(self, doc_ids: list[str]) -> None:
        """Each of ``doc_ids`` whose row names a source that no longer reads as it takes the
        first remaining reading (:func:`reading_key`) as its row's source and metadata; a
        reading stored before schema 7, which kept no metadata, gives its source alone. (The
        facts stay as they were extracted: the text is the same, relative dates were resolved
        against the earlier reading's date.) The caller holds the transaction."""
        orphaned = [row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents d WHERE list_contains(?, d.doc_id) AND NOT EXISTS "
            "(SELECT 1 FROM document_sources s WHERE s.doc_id = d.doc_id AND s.source = d.source)",
            [doc_ids]).fetchall()]
        for doc_id, reading in self.best_readings(orphaned).items():
            if reading.described:
                sets = ", ".join(f"{name} = ?" for name in _READING)
                self.con.execute(f"UPDATE documents SET source = ?, {sets} WHERE doc_id = ?",
                                 [reading.source, *reading.values, doc_id])
            else:
                self.con.execute("UPDATE documents SET source = ? WHERE doc_id = ?",
                                 [reading.source, doc_id])

    def write_facts(self, facts: Facts) -> None:
        """Replace one document and all its facts, in one transaction; its source is recorded
        as read in this reading (see :meth:`retire`)."""
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
            self._claim_source(d.doc_id, d.source, d.input, d)
        self._note(d.doc_id, d.source)

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


@dataclass(frozen=True, slots=True)
class Reading:
    """One source's reading of a stored document: its source, input, and metadata in the order
    of ``_READING`` (title, outlet, outlet id, URL, date, how, evidence, confidence, time,
    authors);
    ``described`` is false for a source stored before schema 7, which kept none."""

    source: str
    input: str | None
    values: tuple[Any, ...]
    described: bool

    @property
    def key(self) -> ReadingKey:
        published, confidence, time = self.values[4], self.values[7], self.values[8]
        return reading_key(str(published) if published else None, confidence, self.source, time)

    def describes(self, document: Document) -> bool:
        """Whether this stored reading holds ``document``'s source and metadata as they are."""
        values = rows.reading_values(document)
        stored = tuple(str(v) if i == 4 and v is not None else v for i, v in enumerate(self.values))
        return self.described and self.source == document.source and stored == tuple(
            _storable(values))

    def same_as(self, other: Reading) -> bool:
        """Same source and metadata."""
        return (self.source, self.values) == (other.source, other.values)

    def applied_to(self, document: Document) -> Document:
        """``document`` (the same text) as this reading gives it: its source and metadata."""
        title, outlet, outlet_id, url, published, how, evidence, confidence, clock, authors = \
            self.values
        dated = Published(str(published), how or "", evidence or "", confidence or 0.0,
                          clock) if published else None
        return replace(document, source=self.source, input=self.input or "", title=title,
                       outlet=outlet, outlet_id=outlet_id, url=url, published=dated,
                       authors=tuple(authors.split(rows.AUTHORS_JOIN)) if authors else ())


ReadingKey = tuple[str, str, float, str]


def reading_key(published: str | None, confidence: float | None, source: str,
                time: str | None = None) -> ReadingKey:
    """The order in which readings of one text (exact reprints, the same page read twice)
    are chosen to stand for the document: the earliest publication date (a dated reading
    before an undated one), then on one day the earliest stated time (a reading that states
    its time before one that does not), then the surer date, then the source's name — so the
    choice does not depend on the order the readings came in, and an agency's story at 10:00
    stands before its reprint at 14:00 of that day."""
    return (published or _NO_DATE, _instant(published, time), -(confidence or 0.0), source)


def _instant(published: str | None, time: str | None) -> str:
    """The moment a reading states, in UTC, as ISO text that sorts in time order; a time
    without a zone is taken as UTC (a few hours off at most); no time sorts last."""
    if not published or not time:
        return "~"
    try:
        moment = datetime.fromisoformat(f"{published}T{time}")
    except ValueError:
        return "~"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def reading_key_of(document: Document) -> ReadingKey:
    """:func:`reading_key` of a cleaned document."""
    published = document.published
    return reading_key(published.date if published else None,
                       published.confidence if published else None, document.source,
                       published.time if published else None)


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


__all__ = ["EXPORT_FORMATS", "Reading", "ReadingKey", "Store", "reading_key", "reading_key_of"]

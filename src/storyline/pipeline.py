"""The runner: ingest → clean → nlp → extract → store → link, with per-document error capture.

Every input ends up counted once: stored (written), unchanged (its source already stored as
this reading, by the same stage versions), duplicate (a new reading of a document another
source gives: an exact reprint, kept as a source of the document with its own metadata) or
quarantined. The runner is the only place that catches broadly; a failure of one document
becomes a quarantine row and the run goes on.
A source names one document, its latest reading, and an input read again replaces what its
earlier readings left at its own positions, unless this reading of it may have missed part of
it (a fetch, a file that could not be read, a cut, a stage's unexpected error): the store
settles both at the run's end (:meth:`storyline.store.Store.retire`), which the summary counts
as ``replaced`` (documents) and ``retired`` (quarantine rows).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from storyline.clean import clean, corpus_stats, date_order_shown, group_of, uses_corpus_stats
from storyline.config import Settings
from storyline.errors import InputRejected, StorylineError
from storyline.ingest.quarantine import incomplete, quarantine
from storyline.ingest.source import member_names
from storyline.ingest.walk import ENTRY_CODES, passed_by_choice, selected
from storyline.link import link_documents
from storyline.progress import NoProgress, Progress
from storyline.records import STREAMS, Document, QuarantineRow, RawDoc
from storyline.store import ReadingKey, Store, reading_key_of

log = logging.getLogger(__name__)
# The read-ahead window also ends at this much raw text (a few hundred MB of memory), however
# few documents it holds: a corpus of huge texts must not fill the machine.
WINDOW_CHARS = 100_000_000
# The documents parsed together (``batch_size`` at most) also hold at most this much clean
# text, one document over it going alone: spaCy's Docs take about 1.1 KB of memory per
# character of text until the batch is extracted (measured: 4 documents of 224,000
# characters, 1 GB), so 64 documents of 2 million characters would have needed 140 GB.
NLP_BATCH_CHARS = 1_000_000


@dataclass(slots=True)
class RunSummary:
    """What one run did. ``read == stored + unchanged + duplicates + quarantined`` always."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    quarantined: int = 0
    near_duplicates: int = 0
    first_takes: int = 0  # short first takes linked to their outlet's full story
    replaced: int = 0  # older documents deleted: no source names them after this reading
    retired: int = 0  # quarantine rows of earlier readings that this reading did not give again
    events_by_type: dict[str, int] = field(default_factory=dict)
    actors: int = 0
    mentions: int = 0
    quotes: int = 0
    claims: int = 0
    places: int = 0
    seconds: float = 0.0
    doc_ids: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.read == self.stored + self.unchanged + self.duplicates + self.quarantined

    @property
    def events(self) -> int:
        return sum(self.events_by_type.values())


class Pipeline:
    """Composes the stages. Build once; the spaCy model and KB load on first use."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._annotator = None
        self._extractor = None
        # The current run's top-level inputs: whether each was read without a failure that
        # may pass (only those retire their earlier readings).
        self._inputs: dict[str, bool] = {}
        self._entries: list[str] = []  # a walk's entries whose rows this run settles
        self._date_orders: dict[tuple[str, ...], set[str]] = {}  # file → orders its dates show

    @property
    def annotator(self):  # type: ignore[no-untyped-def]
        if self._annotator is None:
            from storyline.nlp import Annotator

            self._annotator = Annotator(self.settings.spacy_model, self.settings.batch_size)
        return self._annotator

    @property
    def extractor(self):  # type: ignore[no-untyped-def]
        if self._extractor is None:
            from storyline.extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    @cached_property
    def versions(self) -> str:
        from storyline import clean as clean_stage
        from storyline import nlp
        from storyline.extract import Extractor

        versions = {"clean": clean_stage.VERSION, "nlp": nlp.VERSION, **Extractor.versions()}
        return json.dumps(versions, sort_keys=True)

    def run(self, items: Iterable[RawDoc | QuarantineRow], store: Store,
            progress: Progress | None = None, link: bool = True,
            folders: Iterable[str] = ()) -> RunSummary:
        """Process every item into the store and return the run's summary. ``folders`` are the
        folders the items' reader walked (:func:`storyline.ingest.walked_folders`): inputs
        too, whose own rows of earlier runs this run settles."""
        progress = progress or NoProgress()
        summary = RunSummary()
        started = time.perf_counter()
        seen: dict[str, ReadingKey] = {}  # doc_id → key of the reading written
        self._inputs = {}
        self._entries = []
        self._date_orders = {}
        store.begin_reading()
        for chunk in self._windows(self._noted(items)):
            self._step(chunk, store, summary, seen, progress)
        self._settle_folders(list(folders), store)
        summary.replaced, summary.retired = store.retire(
            (name for name, settled in self._inputs.items() if settled), self._left_out,
            rows_only=self._entries)
        if link:
            linked = link_documents(store, self.settings.near_duplicate_threshold)
            summary.near_duplicates, summary.first_takes = linked.near_duplicates, linked.first_takes
        _fill_counts(summary, store)
        summary.seconds = time.perf_counter() - started
        return summary

    def _settle_folders(self, folders: list[str], store: Store) -> None:
        """Note ``folders``, walked in this run, as inputs: each is settled unless the walk
        failed inside it in a way that may pass (its own rows, ``empty`` and ``not_selected``,
        count what it saw). A walk also settles the rows earlier runs gave for entries under
        the folder that it did not give again (a subfolder that may be listed now, a link mended
        or gone: :func:`_settled_entries`)."""
        failed = {name.rstrip("/") for name, settled in self._inputs.items() if not settled}
        # the folders that hold a failed input: each failed input's folders above it
        holding = {above for name in failed for above in _folders_above(name)}
        readable = [folder for folder in folders if folder.rstrip("/") not in failed]
        for folder in folders:
            self._inputs[folder] = self._inputs.get(folder, True) \
                and folder.rstrip("/") not in holding
        self._entries = list(self._settled_entries(readable, failed, store))

    def _settled_entries(self, folders: list[str], failed: set[str], store: Store
                         ) -> Iterator[str]:
        """The entries under ``folders`` whose rows of earlier runs (quarantine rows only: an
        entry that still names a document keeps it, as a removed file does) this run's walk
        settles: those it did not give again, unless the walk failed at a folder above the
        entry (``failed``: inputs this run met a failure that may pass at), the globs leave the
        entry out now (:func:`storyline.ingest.walk.passed_by_choice`), or its stored name
        holds an escape (``\\xff``, a control), which names no path to look at."""
        for folder, entry in store.entry_rows_under(folders, ENTRY_CODES):
            if entry in self._inputs or "\\" in entry \
                    or not failed.isdisjoint(_folders_above(entry)):
                continue
            if not passed_by_choice(Path(entry), Path(folder), self.settings):
                yield entry

    def _date_ordered(self, batch: list[RawDoc | QuarantineRow]
                      ) -> Iterator[RawDoc | QuarantineRow]:
        """``batch``, each record of a file whose records' slashed dates show one order
        (:func:`storyline.clean.date_order_shown`: "25/01/2024" is day first), in this batch
        or an earlier one of the run, given that order as its ``date_order`` hint: an export
        writes all its dates one way, and "05/01/2024" beside "25/01/2024" is the 5th of
        January. Two orders in one file say nothing. A file is the input, or the archive
        member the record lies in (two exports zipped together are two). Records read before
        the first date that shows the order, in an earlier batch, are not read again."""
        for item in batch:
            if isinstance(item, RawDoc) and item.input and (order := date_order_shown(item)):
                self._date_orders.setdefault(_export_of(item), set()).add(order)
        for item in batch:
            orders = (self._date_orders.get(_export_of(item), set())
                      if isinstance(item, RawDoc) and item.input else set())
            if isinstance(item, RawDoc) and len(orders) == 1 and item.meta_get("date"):
                item = replace(item, meta=(*item.meta, ("date_order", next(iter(orders)))))
            yield item

    def _noted(self, items: Iterable[RawDoc | QuarantineRow]) -> Iterator[RawDoc | QuarantineRow]:
        """``items``, their top-level inputs noted (a stream's, ``<stdin>``, never retires)."""
        for item in items:
            if item.input and item.input not in STREAMS:
                self._note(item)
            yield item

    def _note(self, item: RawDoc | QuarantineRow) -> None:
        settled = self._inputs.get(item.input, True)
        self._inputs[item.input] = settled and not (isinstance(item, QuarantineRow)
                                                    and incomplete(item))

    def _left_out(self, source: str, input: str) -> bool:
        """Whether this run's include/exclude globs leave out an archive member that
        ``source`` lies in (it was not read by choice, so it stays)."""
        return any(not selected(name, self.settings)
                   for name in member_names(source.removeprefix(input).removeprefix("#")))

    def _windows(self, items: Iterable[RawDoc | QuarantineRow]
                 ) -> Iterator[list[RawDoc | QuarantineRow]]:
        """``items`` in the chunks they are cleaned in. Scraped plain text goes a window at a
        time (``corpus_window`` documents or ``WINDOW_CHARS`` characters), its line statistics
        pooled over the window (repeated chrome, inline links to other stories of the window);
        HTML and quarantine rows need no statistics and go ``batch_size`` at a time."""
        window = max(self.settings.corpus_window, self.settings.batch_size)
        plain: list[RawDoc | QuarantineRow] = []
        other: list[RawDoc | QuarantineRow] = []
        held = 0  # characters of raw text in ``plain``
        for item in items:
            if isinstance(item, RawDoc) and uses_corpus_stats(item, self.settings.text_is_clean):
                plain.append(item)
                held += len(item.text)
                if len(plain) >= window or held >= WINDOW_CHARS:
                    yield plain
                    plain, held = [], 0
            else:
                other.append(item)
                if len(other) >= self.settings.batch_size:
                    yield other
                    other = []
        yield from (waiting for waiting in (other, plain) if waiting)

    def _step(self, raws: list[RawDoc | QuarantineRow], store: Store, summary: RunSummary,
              seen: dict[str, ReadingKey], progress: Progress) -> None:
        """Clean ``raws`` together, then annotate, extract and store them batch_size at a time."""
        summary.read += len(raws)
        documents = self._clean_batch(raws, store, summary, seen)
        progress.advance(len(raws) - len(documents), f"{summary.stored} stored")
        for batch in _batches(documents, self.settings.batch_size, NLP_BATCH_CHARS):
            self._process(batch, store, summary, seen)
            progress.advance(len(batch), f"{summary.stored} stored")

    def _clean_batch(self, batch: list[RawDoc | QuarantineRow], store: Store,
                     summary: RunSummary, seen: dict[str, ReadingKey]
                     ) -> list[Document]:
        """Clean ``batch``; returns the documents to annotate and write. Readings of one text
        (exact reprints, a page read twice) are one document: the reading first by
        :func:`storyline.store.reading_key` (earliest date, then earliest stated time, then
        the surer date, then the source's name) is the one written, whatever order they came
        in, and each other one is kept as a source with its own outlet, URL, title and date
        (``document_sources``). A reading that comes before the one an earlier batch or run
        wrote is written again over it (``stored`` counts writes). A document already stored
        is written again when the first of all its stored readings (this batch's included) is
        not the one its row holds (an edited date, title or outlet; another source's reading
        now first), with that reading's metadata. ``seen`` maps the documents this run wrote
        to their reading's key, set when the write succeeds."""
        chosen: dict[str, Document] = {}
        others: list[Document] = []  # readings not written: reprints, the same text again
        stats = corpus_stats([i for i in batch if isinstance(i, RawDoc)],
                             text_is_clean=self.settings.text_is_clean)
        rejected = [item for item in batch if isinstance(item, QuarantineRow)]
        summary.quarantined += len(rejected)
        store.write_quarantine_rows(rejected)
        for item in self._date_ordered(batch):
            if isinstance(item, QuarantineRow):
                continue
            try:
                document = clean(item, self.settings, stats.get(group_of(item)))
            except Exception as exc:  # noqa: BLE001 - the runner boundary
                self._quarantine(store, summary, quarantine(item.label, exc, item.text[:200],
                                                            "clean", item.input))
                continue
            key, rival = reading_key_of(document), chosen.get(document.doc_id)
            written = seen.get(document.doc_id)
            # (the reading written may be this very source's, read again changed: then the
            # store decides, below)
            if rival is None and written is not None and written <= key \
                    and written[-1] != document.source:
                others.append(document)
                continue
            if rival is not None:
                if reading_key_of(rival) <= key:
                    others.append(document)
                    continue
                others.append(rival)
            elif written is None:
                summary.doc_ids.append(document.doc_id)
            chosen[document.doc_id] = document
        standing = store.standing_readings(chosen)
        # what each source read as before: a reading stored as it is now is unchanged, any
        # other reading not written is a duplicate (a reprint)
        known = store.readings_of([(d.doc_id, d.source) for d in others]
                                  + [(i, chosen[i].source) for i in standing])

        def count(d: Document) -> None:
            before = known.get((d.doc_id, d.source))
            if before is not None and before.describes(d):
                summary.unchanged += 1
            else:
                summary.duplicates += 1

        for d in others:
            count(d)
            store.add_reading(d)
        for doc_id in standing:
            store.add_reading(chosen[doc_id])
        best = store.best_readings(standing)
        fresh = []
        for d in chosen.values():
            if d.doc_id not in standing:
                fresh.append(d)
                continue
            # the first of every reading the store holds now, this one included: an edited
            # reading may have fallen behind another source's
            versions, row = standing[d.doc_id]
            first = best[d.doc_id]
            if _same(versions, self.versions) and row.same_as(first):
                count(d)  # a source read again as it was, or a new reprint of a stored one
                seen[d.doc_id] = first.key
            else:
                fresh.append(d if first.source == d.source else first.applied_to(d))
        return fresh

    def _process(self, documents: list[Document], store: Store, summary: RunSummary,
                 seen: dict[str, ReadingKey]) -> None:
        if not documents:
            return
        try:
            annotated = self.annotator.annotate_batch(documents)
        except StorylineError:
            raise
        except Exception:  # noqa: BLE001 - retry one by one to isolate the bad document
            annotated = []
            for d in documents:
                try:
                    annotated += self.annotator.annotate_batch([d])
                except Exception as exc:  # noqa: BLE001
                    self._quarantine(store, summary,
                                     quarantine(d.source, exc, d.text[:200], "nlp", d.input))
        for item in annotated:
            document = item.document
            try:
                facts = replace(self.extractor.extract(item),
                                stage_versions=json.loads(self.versions))
                store.write_facts(facts)
            except Exception as exc:  # noqa: BLE001 - the runner boundary
                log.exception("extraction failed for %s", document.source)
                self._quarantine(store, summary, quarantine(
                    document.source, exc, document.text[:200], "extract", document.input))
                continue
            summary.stored += 1
            seen[document.doc_id] = reading_key_of(document)

    def _quarantine(self, store: Store, summary: RunSummary, row: QuarantineRow) -> None:
        summary.quarantined += 1
        if row.input in self._inputs:
            self._note(row)
        store.write_quarantine(row)


def _same(stored: str | None, current: str) -> bool:
    if stored is None:
        return False
    return json.loads(stored) == json.loads(current)


def _batches(documents: Iterable[Document], size: int, max_chars: int
             ) -> Iterator[list[Document]]:
    """``documents`` in batches of at most ``size`` documents and ``max_chars`` characters of
    text (a longer document makes a batch of its own)."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if batch and (len(batch) >= size or chars + len(document.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += len(document.text)
    if batch:
        yield batch


def _fill_counts(summary: RunSummary, store: Store) -> None:
    ids = summary.doc_ids
    where = "WHERE list_contains(?, doc_id)"
    _, rows = store.query(f"SELECT plover_type, count(*) FROM events {where} GROUP BY 1 ORDER BY 1",
                          [ids])
    summary.events_by_type = {k: v for k, v in rows}
    for name in ("quotes", "claims", "mentions", "places"):
        _, rows = store.query(f"SELECT count(*) FROM {name} {where}", [ids])
        setattr(summary, name, rows[0][0])
    _, rows = store.query(f"SELECT count(DISTINCT actor_id) FROM mentions {where}", [ids])
    summary.actors = rows[0][0]


def _folders_above(name: str) -> list[str]:
    """The folders above the path ``name`` names, nearest first ("/a/b/c" → "/a/b", "/a")."""
    return [above for parent in PurePosixPath(name).parents if (above := str(parent)) not in ("/", ".")]


def _export_of(raw: RawDoc) -> tuple[str, ...]:
    """The file a record comes from: its source, and the archive members it lies in."""
    return (raw.source, *member_names(raw.position))


__all__ = ["InputRejected", "Pipeline", "RunSummary"]

"""Storyline: news articles in; who did what to whom, when and where, who said what and which
numbers were claimed out — every fact tied to the sentence it came from.

The public Python API::

    import storyline
    with storyline.open_store("news.duckdb") as store:
        summary = storyline.run(["articles/"], store)
        for event in storyline.iter_events(store):
            print(event["plover_type"], event["evidence"])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from storyline.config import Settings
from storyline.errors import ConfigError, InputRejected, StageError, StoreError, StorylineError
from storyline.ingest import iter_texts, read_paths, walked_folders
from storyline.pipeline import Pipeline, RunSummary
from storyline.progress import Progress
from storyline.store import Store

__version__ = "0.1.0"
__all__ = [
    "ConfigError", "InputRejected", "Pipeline", "RunSummary", "Settings", "StageError", "Store",
    "StoreError", "StorylineError", "iter_documents", "iter_events", "iter_places", "iter_quotes",
    "open_store", "run", "run_texts",
]


def open_store(path: str | Path = "storyline.duckdb") -> Store:
    """Open (or create) a store file."""
    return Store(path)


def run(paths: Iterable[str | Path], store: Store, settings: Settings | None = None,
        progress: Progress | None = None) -> RunSummary:
    """Run the whole pipeline on files and directories."""
    settings = settings or Settings()
    paths = list(paths)
    return Pipeline(settings).run(read_paths(paths, settings), store, progress,
                                  folders=walked_folders(paths))


def run_texts(items: Iterable[str | Mapping[str, object]], store: Store,
              settings: Settings | None = None, progress: Progress | None = None) -> RunSummary:
    """Run the pipeline on in-memory texts or records (``{"text"|"html": ..., "url": ...}``)."""
    return Pipeline(settings).run(iter_texts(items, settings=settings), store, progress)


def _rows(store: Store, table: str, doc_id: str | None) -> Iterator[dict[str, Any]]:
    if doc_id is None:
        return store.iter_rows(table, "ORDER BY doc_id, 1")
    return store.iter_rows(table, "WHERE doc_id = ? ORDER BY 1", [doc_id])


def iter_documents(store: Store) -> Iterator[dict[str, Any]]:
    """Stored documents as dicts."""
    return store.iter_rows("documents", "ORDER BY doc_id")


def iter_events(store: Store, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Stored events (optionally of one document) as dicts."""
    return _rows(store, "events", doc_id)


def iter_quotes(store: Store, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Stored quotes (optionally of one document) as dicts."""
    return _rows(store, "quotes", doc_id)


def iter_places(store: Store, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Stored place mentions (optionally of one document) as dicts."""
    return _rows(store, "places", doc_id)

"""The exception tree of Storyline.

    StorylineError            root of everything this package raises on purpose
    ├── ConfigError           settings that cannot work (bad path, unknown option)
    ├── InputRejected         one input cannot be read or cleaned; carries a stable ``code``
    ├── StageError            a stage failed on one document (wraps the original error)
    └── StoreError            the database refused an operation

Only the pipeline runner catches broadly; it turns a per-document failure into a
quarantine row. Every exception pickles (they cross Dask workers).
"""

from __future__ import annotations


class StorylineError(Exception):
    """Root of the exceptions Storyline raises on purpose."""


class ConfigError(StorylineError):
    """A setting is invalid."""


class InputRejected(StorylineError):
    """An input is unusable; ``code`` is stable and machine-readable (e.g. ``binary``)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code, reason)
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.code}: {self.reason}"


class StageError(StorylineError):
    """A stage failed on one document."""

    def __init__(self, stage: str, doc_id: str, message: str) -> None:
        super().__init__(stage, doc_id, message)
        self.stage = stage
        self.doc_id = doc_id
        self.message = message

    def __str__(self) -> str:
        return f"{self.stage} failed on {self.doc_id}: {self.message}"


class StoreError(StorylineError):
    """The store could not complete an operation."""

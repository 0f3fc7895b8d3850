"""Failures → :class:`QuarantineRow`: a bad input is recorded with a stable code, never dropped.

Codes raised by the readers themselves come as :class:`InputRejected`; errors raised by the
libraries underneath (zlib, zipfile, csv, warcio, feedparser) are mapped here to codes.
"""

from __future__ import annotations

import csv
import gzip
import logging
import lzma
import zipfile
import zlib
from collections.abc import Iterator

from storyline.errors import InputRejected
from storyline.ids import digest
from storyline.ingest.source import Item
from storyline.records import QuarantineRow

log = logging.getLogger(__name__)

# First match wins: the specific errors come before OSError, which some of them may be.
_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (EOFError, "truncated"),
    (zlib.error, "bad_compression"),
    (lzma.LZMAError, "bad_compression"),
    (gzip.BadGzipFile, "bad_compression"),
    (zipfile.BadZipFile, "bad_archive"),
    (zipfile.LargeZipFile, "bad_archive"),
    (csv.Error, "bad_csv"),
    (UnicodeError, "undecodable"),
    (NotImplementedError, "unsupported"),  # zipfile: a compression method it cannot read
    (RecursionError, "too_deep"),
    (MemoryError, "too_large"),
    (OSError, "unreadable"),
)


# Codes that say a reading of an input may have missed part of it: a failure that may pass (a
# fetch, a file or folder the system could not read, a path not there — a drive not mounted), a
# reading that stopped short (a cut file, perhaps still being written; the archive budget
# spent), ``reader_error``, a reader's unexpected exception (:func:`guarded`: the reading
# stopped there, and what followed was not read), or ``error``, a stage's unexpected exception
# (Storyline's fault, not the input's). Such a reading keeps what earlier readings stored of
# the input (see storyline.pipeline).
INCOMPLETE_CODES = frozenset({"fetch_failed", "unreadable", "missing", "truncated",
                              "archive_too_large", "reader_error", "error"})


def incomplete(row: QuarantineRow) -> bool:
    """Whether ``row`` says its input's reading may have missed part of it."""
    return row.code in INCOMPLETE_CODES


def as_rejection(exc: BaseException) -> InputRejected:
    """``exc`` as an :class:`InputRejected` with a stable code (``reader_error`` if unknown).
    An OSError without an errno is a library's complaint about the data, not the system's: the
    bz2 module's "Invalid data stream" is ``bad_compression``, others ``reader_error`` (not
    ``unreadable``, which says a read that may work another time)."""
    if isinstance(exc, InputRejected):
        return exc
    if type(exc) is OSError and exc.errno is None:
        code = "bad_compression" if "data stream" in str(exc) else "reader_error"
        return InputRejected(code, f"{type(exc).__name__}: {exc}")
    code = next((code for kind, code in _CODES if isinstance(exc, kind)), "reader_error")
    return InputRejected(code, f"{type(exc).__name__}: {exc}")


def quarantine(source: str, exc: BaseException, excerpt: str = "", stage: str = "ingest",
               input: str = "") -> QuarantineRow:
    """A quarantine row for ``exc`` raised while handling ``source``, read from ``input``
    (the top-level input; readers leave it to :func:`storyline.ingest.read_paths`)."""
    code = exc.code if isinstance(exc, InputRejected) else "error"
    message = exc.reason if isinstance(exc, InputRejected) else str(exc)
    return QuarantineRow(
        source=source,
        stage=stage,
        code=code,
        error_class=type(exc).__name__,
        message=message[:500],
        excerpt=excerpt[:200],
        input_hash=digest(source, excerpt),
        input=input,
    )


def excerpt_of(data: bytes) -> str:
    """The first 200 bytes, readable, for a quarantine row."""
    return data[:200].decode("utf-8", errors="replace")


def guarded(items: Iterator[Item], label: str) -> Iterator[Item]:
    """``items``, and if reading them fails, one quarantine row for ``label`` saying why.

    The ingest boundary: whatever a parser raises on untrusted bytes becomes a row and the run
    goes on. Records already produced before the failure are kept.
    """
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - the ingest boundary: one bad input never stops a run
        rejection = as_rejection(exc)
        log.debug("quarantined %s: %s", label, rejection)
        yield quarantine(label, rejection)

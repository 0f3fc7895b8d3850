"""Entry points of the ingest stage: paths, stdin, bytes and in-memory texts → records.

:func:`read_paths` yields :class:`RawDoc` or :class:`QuarantineRow` for every file, directory
(recursively, through the include/exclude globs), archive and ``-`` (stdin) it is given; the
format of each input comes from the reader table in :mod:`storyline.ingest.registry`.
A file that cannot be read is reported as a quarantine row, never dropped, and never stops the run.
"""

from __future__ import annotations

import glob
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ingest.decode import repaired_within, sniff_media_type
from storyline.ingest.fields import record_doc
from storyline.ingest.limits import ByteBudget, RawView, buffered
from storyline.ingest.quarantine import quarantine
from storyline.ingest.registry import read_input
from storyline.ingest.remote import follow_entries, is_url, read_url
from storyline.ingest.source import Context, Input, Item, escape_controls
from storyline.ingest.walk import Unread, expand
from storyline.records import RawDoc

STDIN = "-"

__all__ = ["Item", "iter_texts", "quarantine", "raw_from_record", "read_bytes", "read_paths"]


def _context(settings: Settings) -> Context:
    """A fresh context per top-level input: each file gets its own zip-bomb budget."""
    return Context(settings, ByteBudget(settings.max_archive_bytes), read_input)


def _stdin() -> Input:
    return Input("<stdin>", "", lambda: buffered(RawView(sys.stdin.buffer, close_inner=False)))


def path_source(path: Path | str) -> str:
    """How records name a file: its path, with bytes that are not UTF-8 in a file name shown as
    ``\\xff`` escapes (Python holds them as lone surrogates, which no database or export can
    store), and control characters too (an ANSI escape in a name would drive the terminal a
    table of sources is printed on), as archive members' names are shown."""
    try:
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a name given as a string with a lone surrogate no file system holds
        name = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    return escape_controls(name)


def local_path(path: Path | str) -> Path:
    """``path`` made absolute against the current directory, as the system resolves it: a
    source names the file itself, whatever directory the run started in. As typed
    (``data/news.jsonl``), two files in two directories were one source, and the second run
    replaced the first one's documents; one folder named two ways (``c1``, ``/srv/c1``) was
    two, and its documents were stored twice. Links are kept as named (``latest.xml``, a link
    moved to each day's feed, is one place read again), and so is ``..``: folded as text,
    ``link/../news.jsonl`` named another file than the one the system reads through the link;
    ``..`` is folded only where no link makes the folded path another file
    (``data/../data/news.jsonl`` is ``data/news.jsonl``)."""
    absolute = Path(path).absolute()
    folded = Path(os.path.normpath(absolute))
    try:
        same = os.path.realpath(folded) == os.path.realpath(absolute)
    except (ValueError, OSError):  # a name no file system holds (a NUL in it): a missing path
        same = True
    return folded if same else absolute


def open_file(path: Path) -> io.BufferedReader:
    """``path`` opened for reading. A named pipe is opened without waiting for a writer (an
    ordinary open blocks until one comes, for ever if none does), then read as usual: a pipe
    with no writer reads as empty."""
    if not stat.S_ISFIFO(path.stat().st_mode):
        return path.open("rb")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _file(path: Path) -> Input:
    return Input(path_source(path), path.name, lambda: open_file(path))


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    """Every document in ``paths``, in a stable order (directories walked in sorted order).

    ``-`` reads stdin, its format sniffed from its first bytes; an ``http(s)://`` URL is
    fetched (:mod:`storyline.ingest.remote`). A local path is named by its absolute form
    (:func:`local_path`). A missing path is quarantined
    with code ``missing``; the other codes are those of the readers (see each format's module).
    """
    for top in _globbed(paths):
        if str(top) == STDIN:
            yield from _read_top(partial(read_input, _stdin()), settings, "<stdin>")
        elif is_url(str(top)):
            yield from _read_top(partial(read_url, str(top)), settings, str(top))
        elif (error := _stat_error(local := local_path(top))) is not None:
            source = path_source(local)
            yield quarantine(source, error, input=source)
        else:
            for path in expand(local, settings):
                if isinstance(path, Unread):
                    source = path_source(path.path)
                    yield quarantine(source, InputRejected(path.code, path.reason), input=source)
                else:
                    yield from _read_top(partial(read_input, _file(path)), settings,
                                         path_source(path))


def walked_folders(paths: Iterable[str | Path]) -> list[str]:
    """The sources of the folders :func:`read_paths` walks for ``paths``: a folder's own rows
    (``empty``, ``not_selected``) name it, not a file under it, so a run that walks it again
    must name it among its inputs for those rows to be settled (a passed-over file since
    removed leaves no row)."""
    folders = []
    for top in _globbed(paths):
        if str(top) == STDIN or is_url(str(top)):
            continue
        local = local_path(top)
        if _stat_error(local) is None and local.is_dir():
            folders.append(path_source(local))
    return folders


_GLOB = re.compile(r"[*?[]")


def _globbed(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """``paths`` with each pattern no file is named by ("data/*.html", "feeds/**/*.xml", quoted
    so that no shell expanded it, or given on Windows, whose shell does not) replaced by the
    paths it matches, in sorted order; a pattern that matches nothing stays, to be a
    ``missing`` row. A path that exists is read as named, whatever characters it holds; a
    pattern whose brackets match nothing as a set is tried with them as written, for a folder
    named with brackets ("[2024] run/*.txt")."""
    for top in paths:
        name = str(top)
        if name == STDIN or is_url(name) or not _GLOB.search(name) or os.path.lexists(name):
            yield top
            continue
        matches = sorted(glob.glob(name, recursive=True))
        if not matches and "[" in name:
            matches = sorted(glob.glob(name.replace("[", "[[]"), recursive=True))
        yield from matches if matches else [top]


def _stat_error(path: Path) -> InputRejected | None:
    """Why a path named on the command line cannot be read at all, or None: missing, a broken
    link, or a stat that fails otherwise (a folder above it without search permission, a name
    too long), which ``Path.exists`` raises rather than answers."""
    try:
        path.stat()
    except ValueError:  # a NUL byte in the name
        return InputRejected("missing", "no such file or directory (the name holds a NUL byte)")
    except (FileNotFoundError, NotADirectoryError):
        return InputRejected("missing", "a broken or looping symbolic link" if _is_link(path)
                             else "no such file or directory")
    except OSError as exc:
        if _is_link(path):
            return InputRejected("missing", f"a broken or looping symbolic link: {exc.strerror}")
        return InputRejected("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    return None


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):  # lstat fails the same way (no search permission above it)
        return False


def _read_top(read: Callable[[Context], Iterator[Item]], settings: Settings, source: str
              ) -> Iterator[Item]:
    """One top-level input with its own context (budget), feed links followed if asked; each
    item names ``source`` as its ``input`` (what the store's latest-reading rule goes by), and
    an input that yields nothing at all says so in a row (no reader should let that happen)."""
    context = _context(settings)
    empty = True
    for item in follow_entries(read(context), context):
        empty = False
        yield replace(item, input=source)
    if empty:
        yield quarantine(source, InputRejected("empty", "the input gave no document and no row"),
                         input=source)


def read_bytes(data: bytes, name: str, settings: Settings, source: str = "<bytes>") -> Iterator[Item]:
    """The documents in ``data`` as if read from a file called ``name`` (its extension picks the
    reader; a name without a known extension is sniffed)."""
    inp = Input(source, name, lambda: buffered(io.BytesIO(data)))
    yield from _read_top(partial(read_input, inp), settings, source)


def raw_from_record(record: Mapping[str, object], source: str, position: str = "",
                    settings: Settings | None = None) -> RawDoc:
    """A RawDoc from a mapping with ``text`` or ``html`` and optional url/title/date/outlet
    (field names from ``settings.jsonl_fields``). Rejects ``empty``, ``bad_record``, ``too_large``."""
    settings = settings or Settings()
    inp = Input(source, "", lambda: buffered(io.BytesIO(b"")), position)
    return record_doc(record, inp, "", settings, settings.jsonl_fields)


def iter_texts(items: Iterable[str | Mapping[str, object]], source: str = "<memory>",
               settings: Settings | None = None) -> Iterator[Item]:
    """RawDocs from in-memory strings or records (the Python API's input), read under
    ``settings`` as files are: a record's field names (``jsonl_fields``), the size cap
    (``max_doc_chars``). Anything else — bytes, None, a number — is a ``bad_record`` row."""
    settings = settings or Settings()
    for number, item in enumerate(items, start=1):
        try:
            if isinstance(item, str):
                if not item.strip():
                    raise InputRejected("empty", "the text is empty")
                text = repaired_within(item, settings.max_doc_chars)
                yield RawDoc(source, text, sniff_media_type(text), f"item {number}")
            elif isinstance(item, Mapping):
                yield raw_from_record(item, source, f"item {number}", settings)
            else:
                raise InputRejected("bad_record", f"an item must be a text or a record (a "
                                    f"mapping), not {type(item).__name__}")
        except InputRejected as exc:
            yield quarantine(f"{source}#{number}", exc, repr(item)[:200])

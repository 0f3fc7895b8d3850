"""Which files of a directory (or members of a zip or tar) are read: include and exclude globs.

A path is read when its file name matches one of ``Settings.include`` and neither its name nor
its path relative to the walked directory matches one of ``Settings.exclude``. Matching ignores
case; ``*`` also matches ``/``, so ``drafts/*`` excludes everything under ``drafts``. A path is
matched in its normal form (:func:`normal_path`): an archive member named ``./a.txt``, ``../a.txt``
or ``dir\\a.txt`` is ``a.txt`` or ``dir/a.txt`` to the globs, so that the default exclude of
hidden names does not take the leading dot of ``./`` for one.

Excluded folders are not descended into. Only regular files are read; what the walk selects but
cannot read is reported (:class:`Unread`), never dropped: a folder it may not list
(``unreadable``), a broken or looping symbolic link (``missing``), a named pipe, socket or device
(``not_a_file``), and a symbolic link to a folder (``not_followed``: a link may lead out of the
tree or back into it; name the folder itself to read it). A folder in which the globs select
nothing at all (an empty folder, one of PDFs, an include glob that matches no name) is one
``empty`` row saying how many files it passed over: a folder named on the command line that
gave neither a document nor a row looked read, and its files were lost without a word. In a
folder where they select some, the files no include glob selects (a PDF beside the articles)
are one ``not_selected`` row counting them by kind; those the exclude globs skip are not.

The rows of a walk's entries (:data:`ENTRY_CODES`) name the entry, not a file read: a later walk
of the folder vouches for them, so one it did not give again is stale (the subfolder may be
listed now, the link or the pipe is gone) unless the walk failed above the entry or the globs
leave the entry out now (:func:`passed_by_choice`), which the pipeline checks before retiring
it.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from storyline.config import Settings

# The codes of the rows a walk gives for a folder or an entry in it, not for a file it read
ENTRY_CODES = ("empty", "not_selected", "unreadable", "missing", "not_a_file", "not_followed")


@dataclass(frozen=True, slots=True)
class Unread:
    """A path the walk selected but does not read, with a quarantine code and the reason."""

    path: Path
    code: str
    reason: str


def _matches(text: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(text, pattern.lower()) for pattern in patterns)


def normal_path(relative: str) -> str:
    """``relative`` as the globs see it: lower case, ``/`` between its parts, without empty,
    ``.`` or ``..`` parts (``./A.txt``, ``../a.txt``, ``/a.txt`` and ``.\\a.txt`` are ``a.txt``)."""
    parts = relative.lower().replace("\\", "/").split("/")
    return "/".join(part for part in parts if part not in ("", ".", ".."))


def excluded(relative: str, settings: Settings) -> bool:
    """Whether the name or the relative path matches an exclude glob."""
    relative = normal_path(relative)
    name = relative.rsplit("/", 1)[-1]
    return _matches(name, settings.exclude) or _matches(relative, settings.exclude)


def selected(relative: str, settings: Settings) -> bool:
    """Whether a file at ``relative`` (inside a directory or an archive) is read."""
    name = normal_path(relative).rsplit("/", 1)[-1]
    return _matches(name, settings.include) and not excluded(relative, settings)


def passed_by_choice(entry: Path, folder: Path, settings: Settings) -> bool:
    """Whether a walk of ``folder`` leaves ``entry`` (a path under it) out by choice: it lies
    in a subfolder the exclude globs skip or in a link to a folder, which is not followed, or
    it is there and the globs do not select it (a folder: the exclude globs skip it). An entry
    that is gone is no choice: the walk saw that it is not there. An entry the system cannot
    look at (a name too long, a folder above it without search permission) is taken as left
    out."""
    try:
        return _passed_by_choice(entry.relative_to(folder).parts, entry, folder, settings)
    except (OSError, ValueError):  # not under the folder, or no answer: not the walk's to settle
        return True


def _passed_by_choice(parts: tuple[str, ...], entry: Path, folder: Path, settings: Settings
                      ) -> bool:
    for depth in range(1, len(parts)):
        above = "/".join(parts[:depth])
        if excluded(above, settings) or (folder / above).is_symlink():
            return True
    if not parts:
        return False
    relative = "/".join(parts)
    if entry.is_dir():
        return excluded(relative, settings)
    return (entry.exists() or entry.is_symlink()) and not selected(relative, settings)


def expand(path: Path, settings: Settings) -> Iterator[Path | Unread]:
    """``path`` itself when it is not a folder (named files are always read), else the selected
    files under it, recursively, and what the walk selected but cannot read, in sorted order."""
    if not path.is_dir():
        yield path
        return
    found: list[Path | Unread] = []

    def unlistable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else path
        found.append(Unread(where, "unreadable", f"the folder cannot be listed: {error.strerror}"))

    passed = 0
    unselected: list[str] = []  # not excluded, but no include glob matches: a.pdf, b.docx
    for folder, dirs, files in os.walk(path, onerror=unlistable):
        base = Path(folder)
        passed += len(files)
        kept = [d for d in dirs if not excluded((base / d).relative_to(path).as_posix(), settings)]
        links = {d for d in kept if (base / d).is_symlink()}
        dirs[:] = [d for d in kept if d not in links]
        found += [Unread(base / d, "not_followed", "a symbolic link to a folder is not followed; "
                         "name the folder to read it") for d in sorted(links)]
        for name in files:
            relative = (base / name).relative_to(path).as_posix()
            if selected(relative, settings):
                found.append(_entry(base / name))
            elif not excluded(relative, settings):
                unselected.append(relative)
    if not found:
        found.append(Unread(path, "empty", f"the folder holds no file the include and exclude "
                            f"globs select ({passed} file{'' if passed == 1 else 's'} passed over)"))
    elif unselected:
        found.append(_passed_over(path, unselected))
    yield from sorted(found, key=lambda item: str(item.path if isinstance(item, Unread) else item))


_KINDS = 8  # file kinds (extensions) counted by name in the row; the rest summed
_NAMED = 3  # passed-over files named in the row, as examples
_NAME_CHARS = 60  # a long name is cut in the row (the row's message is capped at 500)
_EXTENSION_CHARS = 10


def _passed_over(path: Path, names: list[str]) -> Unread:
    """The row that says which files of a folder no include glob selects (a PDF, a Word file,
    an image beside the articles): one row for the folder, counting them by kind (extension),
    the commonest first, with a few names quoted as examples, so that files left unread are
    never lost without a word. Files the exclude globs skip (hidden ones and the system's own
    files, by default) are the caller's choice and are not counted."""
    kinds = Counter(_kind(name) for name in names)
    counted = sorted(kinds.items(), key=lambda kind: (-kind[1], kind[0]))
    shown = ", ".join(f"{count} {kind}" for kind, count in counted[:_KINDS])
    if len(counted) > _KINDS:
        shown += f", {sum(count for _, count in counted[_KINDS:])} of other kinds"
    examples = ", ".join(repr(_cut(name)) for name in sorted(names)[:_NAMED])
    count = f"{len(names)} file{'' if len(names) == 1 else 's'}"
    return Unread(path, "not_selected", f"{count} no include glob selects passed over ({shown}; "
                  f"e.g. {examples}). A file named on its own is read whatever its name; "
                  "--include and --exclude, which replace their defaults, choose a folder's")


def _kind(name: str) -> str:
    """A file's kind as the row counts it: its extension ("*.pdf"), or "no extension"."""
    stem = name.rsplit("/", 1)[-1]
    if "." not in stem.strip("."):
        return "no extension"
    extension = stem[stem.rindex("."):].lower()
    return f"*{extension}" if len(extension) <= _EXTENSION_CHARS else "long extension"


def _cut(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else f"{name[:_NAME_CHARS - 1]}…"


def _entry(path: Path) -> Path | Unread:
    """A selected directory entry: the path of a regular file (or a link to one), else why not."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return Unread(path, "missing", f"a broken or looping symbolic link: {exc.strerror}")
        return Unread(path, "unreadable", f"{type(exc).__name__}: {exc.strerror}")
    if stat.S_ISREG(mode):
        return path
    return Unread(path, "not_a_file", "a named pipe, socket or device, not a regular file")

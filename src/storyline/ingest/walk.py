"""Which files of a directory (or members of a zip) are read: include and exclude globs.

A path is read when its file name matches one of ``Settings.include`` and neither its name nor
its path relative to the walked directory matches one of ``Settings.exclude``. Matching ignores
case; ``*`` also matches ``/``, so ``drafts/*`` excludes everything under ``drafts``.
Excluded folders are not descended into; only regular files are read (no pipes or sockets).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from storyline.config import Settings


def _matches(text: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(text, pattern.lower()) for pattern in patterns)


def excluded(relative: str, settings: Settings) -> bool:
    """Whether the name or the relative path matches an exclude glob."""
    relative = relative.lower().strip("/")
    name = relative.rsplit("/", 1)[-1]
    return _matches(name, settings.exclude) or _matches(relative, settings.exclude)


def selected(relative: str, settings: Settings) -> bool:
    """Whether a file at ``relative`` (inside a directory or an archive) is read."""
    name = relative.lower().rsplit("/", 1)[-1]
    return _matches(name, settings.include) and not excluded(relative, settings)


def expand(path: Path, settings: Settings) -> Iterator[Path]:
    """``path`` itself when it is a file (named files are always read), else the selected files
    under it, recursively, in sorted order."""
    if not path.is_dir():
        yield path
        return
    found: list[Path] = []
    for folder, dirs, files in os.walk(path):
        base = Path(folder)
        dirs[:] = [d for d in dirs if not excluded((base / d).relative_to(path).as_posix(), settings)]
        found += [base / f for f in files
                  if selected((base / f).relative_to(path).as_posix(), settings) and (base / f).is_file()]
    yield from sorted(found)

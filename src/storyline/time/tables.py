"""Shared plumbing of the world-knowledge clue finders (:mod:`~storyline.time.worldclues`,
:mod:`~storyline.time.meetings`): splitting their tables' multi-valued cells and finding sentence bounds."""

from __future__ import annotations

import re
from bisect import bisect_right

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|No|Jan|Feb|"
                           r"Aug|Sept|Oct|Nov|Dec|Inc|Co|Corp|Jr|Sr|vs))$")


def split_cell(cell: str) -> tuple[str, ...]:
    """The values of a multi-valued cell (``;`` between them), stripped, empties dropped."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


class Sentences:
    """Sentence bounds of a text, computed once (a full stop after "Mr" or an initial is not one)."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.ends = [m.end() for m in _BOUNDARY.finditer(text)
                     if m.group() == "\n" or not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start())]

    def around(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding offset ``pos``."""
        index = bisect_right(self.ends, pos)
        return (self.ends[index - 1] if index else 0,
                self.ends[index] if index < len(self.ends) else self.size)


__all__ = ["Sentences", "split_cell"]

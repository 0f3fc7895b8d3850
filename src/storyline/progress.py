"""Progress reporting: a small protocol the pipeline calls, with a silent default.

The CLI supplies a rich back-end; workers may supply a logging one.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)


class Progress(Protocol):
    def advance(self, done: int, note: str) -> None:
        """``done`` more inputs were handled; ``note`` says what is happening."""


class NoProgress:
    def advance(self, done: int, note: str) -> None:
        return None


class LogProgress:
    """Logs every ``every`` inputs (for batch workers without a terminal)."""

    def __init__(self, every: int = 100) -> None:
        self.every = every
        self.total = 0

    def advance(self, done: int, note: str) -> None:
        before, self.total = self.total, self.total + done
        if before // self.every != self.total // self.every:
            log.info("%d inputs handled (%s)", self.total, note)

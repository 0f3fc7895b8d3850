"""Reading the curated tables Storyline ships (``<package>/data/*.tsv``)."""

from __future__ import annotations

import csv
from importlib import resources


def read_tsv(package: str, name: str) -> list[dict[str, str]]:
    """The rows of ``<package>/data/<name>`` (UTF-8, tab-separated, header row, no quoting)."""
    path = resources.files(package).joinpath("data", name)
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


__all__ = ["read_tsv"]

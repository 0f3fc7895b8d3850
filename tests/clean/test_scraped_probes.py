"""The shipped line filter on hand-written scraped pages of the kinds the line benchmark holds
few of (``data/scraped_probes.txt``: agency copy with tags and credits, short items, a list
inside an article, a newsletter box inside a column, a live blog). The benchmark measures the
model; these pin that it carries over to such pages: every headline found, every paragraph
of running text kept, and few list rows lost or chrome lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.boilerplate import classify_lines
from storyline.clean.linerules import is_prose

PROBES = Path(__file__).parent / "data" / "scraped_probes.txt"


def _pages() -> list[list[tuple[str, str]]]:
    blocks = PROBES.read_text(encoding="utf-8").split("\n===\n")[1:]
    return [[(line[0], line[2:]) for line in block.strip("\n").split("\n")] for block in blocks]


PAGES = _pages()


def test_the_probes_are_labelled_pages() -> None:
    assert len(PAGES) >= 8
    for page in PAGES:
        assert {label for label, _ in page} <= {"+", "-", "="}
        assert [label for label, _ in page].count("=") == 1


@pytest.mark.parametrize("page", PAGES, ids=[next(t for lab, t in p if lab == "=")[:40]
                                              for p in PAGES])
def test_each_probe_keeps_its_headline_and_paragraphs(page: list[tuple[str, str]]) -> None:
    title, verdicts = classify_lines([line for _, line in page])
    assert title == next(line for label, line in page if label == "=")
    for (label, line), verdict in zip(page, verdicts, strict=True):
        if label == "+" and is_prose(line):
            assert verdict.keep, line


def test_the_probes_lose_few_article_lines_and_keep_little_chrome() -> None:
    right = {"+": 0, "-": 0}
    total = {"+": 0, "-": 0}
    for page in PAGES:
        _, verdicts = classify_lines([line for _, line in page])
        for (label, _), verdict in zip(page, verdicts, strict=True):
            if label in total:
                total[label] += 1
                right[label] += verdict.keep == (label == "+")
    assert right["+"] / total["+"] >= 0.95
    assert right["-"] / total["-"] >= 0.85

"""The near-duplicate scorer on a hand-made gold folder (invented stories)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.dedup import MIN_WORDS, copies, score

TOPICS = ["harbour", "railway", "school", "hospital", "bridge", "airport"]
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
         "november oscar papa quebec romeo sierra tango uniform victor whiskey xray").split()


def _story(topic: str, seed: int) -> str:
    """Eight paragraphs of distinct word sequences about ``topic`` (no two stories share a
    five-word run)."""
    paragraphs = []
    for p in range(8):
        words = [f"{topic}{(seed * 7 + p * 31 + i * 13) % 97}{WORDS[(i + p + seed) % len(WORDS)]}"
                 for i in range(20)]
        paragraphs.append(" ".join(words) + ".")
    return "\n".join(paragraphs)


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    truth = {f"s{i}": {"articleBody": _story(topic, i), "url": f"https://example.org/{i}"}
             for i, topic in enumerate(TOPICS)}
    truth["short"] = {"articleBody": "Too short to count.", "url": "https://example.org/s"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_copies_are_the_story_with_an_outlets_lines_less_or_more() -> None:
    story = _story("harbour", 1)
    made = copies(story)
    assert set(made) == {"reprint", "trimmed", "updated", "rewritten"}
    rewritten = made["rewritten"].split("\n")
    assert rewritten[1:-1] == story.split("\n")[1:] and rewritten[0] not in story
    assert story in made["reprint"] and made["reprint"] != story
    assert story.startswith(made["trimmed"]) and len(made["trimmed"]) < len(story)
    assert made["updated"].startswith(story) and len(made["updated"]) > len(story)
    assert len(story.split()) >= MIN_WORDS


def test_score_groups_every_copy_with_its_original_and_nothing_else(gold: Path) -> None:
    metrics = score(gold)
    # every other original copied, four copies and a first take each
    assert (metrics["originals"], metrics["copies"]) == (6, 15)
    assert metrics["pair_precision"] == pytest.approx(1.0)
    assert metrics["recall_reprint"] == pytest.approx(1.0)
    assert metrics["recall_trimmed"] == metrics["recall_updated"] == pytest.approx(1.0)
    # a new first paragraph of eight: 7/8 of the original inside the update, under CONTAINED
    # (by its words a new story over reused background), so apart, and its group's canonical
    # test fails for the three originals copied
    assert metrics["recall_rewritten"] == pytest.approx(0.0)
    assert metrics["canonical_accuracy"] == pytest.approx(0.0)
    # the first paragraph alone, same outlet, same day: joins the original
    assert metrics["recall_first_take"] == pytest.approx(1.0)
    assert metrics["pair_recall"] == pytest.approx(10 / 15, abs=1e-4)  # of 15 pairs of six

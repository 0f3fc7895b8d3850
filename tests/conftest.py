"""Shared fixtures. The spaCy model is loaded once per session (it is cached by name)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from storyline.config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXPECTATIONS = SHARED / "acceptance" / "seed_expectations.json"

# Property tests draw new examples on every run where they are developed, which is how they
# find faults; CI (``.ci/run`` sets CI) draws the same examples every time, so that a build is
# never red because of one unlucky draw (a fault found here gets its own example test).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "test.duckdb")


@pytest.fixture(scope="session")
def expectations() -> dict[str, Any]:
    if not EXPECTATIONS.exists():
        pytest.skip("../shared/acceptance is not beside the checkout")
    return json.loads(EXPECTATIONS.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def annotator():  # type: ignore[no-untyped-def]
    from storyline.nlp import Annotator

    return Annotator()


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from storyline.extract import Extractor

    return Extractor()


@pytest.fixture()
def facts_of(annotator, extractor):  # type: ignore[no-untyped-def]
    """Extract the facts of a hand-written article (paragraphs separated by blank lines)."""
    from storyline.clean import clean
    from storyline.records import RawDoc

    def run(text: str):  # type: ignore[no-untyped-def]
        document = clean(RawDoc("test", text, "text/plain"), Settings())
        return extractor.extract(annotator.annotate_batch([document])[0])

    return run

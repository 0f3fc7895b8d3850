"""The encoding scorer on a hand-made gold folder (invented bodies in four scripts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.encoding import _legacy_bytes, _mojibake, _script_codec, score

BODIES = {
    "a1": "The minister’s “final” offer — rejected on Tuesday — was worth €2 million.",
    "b2": "Министр заявил, что переговоры продолжатся в понедельник в столице страны.",
    "c3": "外務大臣は月曜日に首都で協議を続けると述べた。交渉は来週も続く見通しだ。",
    "d4": "Plain ASCII text has nothing to garble at all, so it counts only for UTF-8.",
}


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    truth = {sha: {"articleBody": body, "url": f"https://example.org/{sha}"}
             for sha, body in BODIES.items()}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_each_script_gets_its_legacy_code_page() -> None:
    assert [_script_codec(BODIES[k]) for k in ("a1", "b2", "c3")] == ["cp1252", "cp1251", "shift_jis"]
    assert _legacy_bytes("An emoji 🙂 fits no legacy code page") is None
    assert _mojibake("don’t") == "donâ€™t"


def test_score_recovers_every_kind_of_input(gold: Path) -> None:
    metrics = score(gold)
    assert metrics["n"] == 4 and metrics["n_utf8"] == 4
    assert (metrics["n_legacy"], metrics["n_mojibake"]) == (3, 3)  # ASCII cannot be garbled
    assert metrics["legacy_codecs"] == {"cp1251": 1, "cp1252": 1, "shift_jis": 1}
    for key in ("utf8_exact", "legacy_exact", "mojibake_exact", "clean_unchanged"):
        assert metrics[key] == pytest.approx(1.0), key

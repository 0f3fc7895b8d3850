from __future__ import annotations

from pathlib import Path

from storyline.config import Settings
from storyline.ingest.walk import expand, selected


def _tree(root: Path) -> None:
    for name in ("b.txt", "a.html", "notes.md", "drafts/c.txt", ".git/d.txt", "sub/.e.txt",
                 "sub/f.jsonl", "sub/g_draft.txt"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_walk_applies_include_and_default_hidden_exclude(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in expand(tmp_path, Settings())]
    assert found == ["a.html", "b.txt", "drafts/c.txt", "sub/f.jsonl", "sub/g_draft.txt"]


def test_walk_applies_exclude_globs_on_names_and_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    settings = Settings(exclude=("drafts/*", "*_draft.txt"))
    found = [p.relative_to(tmp_path).as_posix() for p in expand(tmp_path, settings)]
    assert found == [".git/d.txt", "a.html", "b.txt", "sub/.e.txt", "sub/f.jsonl"]


def test_walk_reads_a_named_file_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("x", encoding="utf-8")
    assert list(expand(path, Settings())) == [path]


def test_walk_selected_ignores_case() -> None:
    assert selected("Reports/HARBOUR.TXT", Settings())
    assert not selected("reports/.hidden.txt", Settings())

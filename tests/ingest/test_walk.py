from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from storyline.config import Settings
from storyline.ingest.walk import Unread, expand, passed_by_choice, selected


def _tree(root: Path) -> None:
    for name in ("b.txt", "a.html", "notes.md", "drafts/c.txt", ".git/d.txt", "sub/.e.txt",
                 "sub/f.jsonl", "sub/g_draft.txt"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_walk_applies_include_and_default_hidden_exclude(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(expand(tmp_path, Settings()))
    found = [p.relative_to(tmp_path).as_posix() for p in items if isinstance(p, Path)]
    assert found == ["a.html", "b.txt", "drafts/c.txt", "sub/f.jsonl", "sub/g_draft.txt"]
    # notes.md, which no include glob selects, is named; the hidden files are not
    (row,) = [p for p in items if isinstance(p, Unread)]
    assert row.path == tmp_path and row.code == "not_selected"
    assert "1 file " in row.reason and "notes.md" in row.reason and ".git" not in row.reason


def test_walk_reads_a_site_mirrors_pages_by_their_content(tmp_path: Path) -> None:
    # wget -m names a page after the script that served it: before, every one was only
    # counted in a not_selected row
    from storyline.ingest import read_paths
    from storyline.records import QuarantineRow, RawDoc
    from tests.ingest.builders import HARBOUR, page

    names = ("story.php?id=3", "news.shtml", "item.aspx@id=7", "index.html?page=2")
    # a source tree's code (and secrets) is no page: a bare .php is left to --include, and a
    # Synology's metadata file has no query
    left = ("wp-config.php", "world/index.php", "@eadir/story.html@SynoResource", "site.css")
    for name in (*names, *left):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page("Harbour", HARBOUR) if name in names else "<?php define('DB_PASSWORD', 'x');",
                        encoding="utf-8")
    items = list(read_paths([tmp_path], Settings()))
    docs = sorted(Path(i.source).relative_to(tmp_path).as_posix() for i in items
                  if isinstance(i, RawDoc) and i.media_type == "text/html")
    assert docs == sorted(names)
    (row,) = [i for i in items if isinstance(i, QuarantineRow)]
    assert row.code == "not_selected" and "4 " in row.message and "DB_PASSWORD" not in row.message


def test_walk_applies_exclude_globs_on_names_and_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    settings = Settings(exclude=("drafts/*", "*_draft.txt"))
    items = list(expand(tmp_path, settings))
    found = [p.relative_to(tmp_path).as_posix() for p in items if isinstance(p, Path)]
    assert found == [".git/d.txt", "a.html", "b.txt", "sub/.e.txt", "sub/f.jsonl"]
    # what the exclude globs skip is the caller's choice: only notes.md is passed over
    (row,) = [p for p in items if isinstance(p, Unread)]
    assert "notes.md" in row.reason and "draft" not in row.reason


def test_walk_reads_a_named_file_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("x", encoding="utf-8")
    assert list(expand(path, Settings())) == [path]


def test_walk_selected_ignores_case() -> None:
    assert selected("Reports/HARBOUR.TXT", Settings())
    assert not selected("reports/.hidden.txt", Settings())


def test_selected_reads_zip_member_paths_in_normal_form() -> None:
    # "./a.txt" is not a hidden file: the default exclude (".*") must not take "./" for one.
    for member in ("./a.txt", "../a.txt", "/a.txt", "..\\a.txt", "dir/./b.txt"):
        assert selected(member, Settings()), member
    assert not selected("./.hidden.txt", Settings())
    assert not selected("dir\\.git\\c.txt", Settings())


def test_walk_reports_what_it_selects_but_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "skip.md").symlink_to(tmp_path / "gone.md")  # not selected: passed over
    found = {(p.path if isinstance(p, Unread) else p).relative_to(tmp_path).as_posix():
             p.code if isinstance(p, Unread) else "read" for p in expand(tmp_path, Settings())}
    assert found == {"a.txt": "read", "broken.txt": "missing", "loop.txt": "missing",
                     "pipe.txt": "not_a_file", "linked": "not_followed",
                     "elsewhere/b.txt": "read", ".": "not_selected"}


def test_walk_reports_a_folder_it_may_not_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("x", encoding="utf-8")
    real = os.scandir

    def scandir(path: Any) -> Any:  # a folder without read permission, even for root
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(expand(tmp_path, Settings()))
    assert found[0] == Unread(tmp_path / "locked", "unreadable",
                              "the folder cannot be listed: Permission denied")
    assert found[1:] == [tmp_path / "open" / "a.txt"]


def test_member_names_reads_the_members_a_position_lies_in() -> None:
    from storyline.ingest.source import member_names

    assert member_names("member a.zip, member b.jsonl, line 3") == ["a.zip", "b.jsonl"]
    assert member_names("member a.txt, copy 2") == ["a.txt"]
    assert member_names("member x.tar, member a.warc, warc offset 12") == ["x.tar", "a.warc"]
    assert member_names("member notes, draft.txt") == ["notes, draft.txt"]
    assert member_names("line 3") == member_names("") == []


@pytest.mark.parametrize("names", [(), ("report.pdf", "scan.png"), (".hidden.txt",)])
def test_walk_folder_where_the_globs_select_nothing_is_one_empty_row(tmp_path: Path,
                                                                     names: tuple[str, ...]) -> None:
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    found = list(expand(tmp_path, Settings()))
    assert len(found) == 1 and isinstance(found[0], Unread)
    assert (found[0].path, found[0].code) == (tmp_path, "empty")
    assert f"{len(names)} file" in found[0].reason


def test_walk_passed_by_choice_tells_left_out_entries_from_gone_ones(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "linked").symlink_to(tmp_path / "open")
    settings = Settings(exclude=(*Settings().exclude, "drafts"))
    choice = {name: passed_by_choice(tmp_path / name, tmp_path, settings)
              for name in ("drafts", "drafts/a.txt", "linked/a.txt", "open/scan.pdf",
                           "open", "open/gone.txt", "gone")}
    assert choice == {"drafts": True, "drafts/a.txt": True, "linked/a.txt": True,
                      "open/scan.pdf": True, "open": False, "open/gone.txt": False,
                      "gone": False}
    assert passed_by_choice(tmp_path.parent / "elsewhere", tmp_path, settings)

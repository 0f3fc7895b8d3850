"""Unit tests for scripts/build_line_labels.py: how rendered lines are matched to a gold body."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_line_labels.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_line_labels", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


labels = _load_script()

GOLD = ("The defence had a long afternoon against the visitors on Sunday.\n\n"
        "Pos Player Plays Stats\n"
        "DL Larry Smith 63 1 tackle and one sack in the first half.\n"
        "DL Chad Jones 57 3 tackles and a pass defended late on.\n\n"
        "The coach said the line would be rested before the next game.")


def test_render_text_breaks_blocks_and_skips_scripts() -> None:
    html = ("<html><head><title>T</title></head><body><nav><a>Home</a> <a>World</a></nav>"
            "<script>var x = 1;</script><p>First  paragraph.</p><div>Second<br>line</div>"
            "</body></html>")
    assert labels.render_text(html) == ["Home World", "First paragraph.", "Second", "line"]


def test_render_text_as_a_browser_joins_source_breaks_and_table_rows() -> None:
    html = ("<html><body><p>A paragraph the source\nwraps.</p><table><tr><td>DL</td>\n"
            "<td>Larry Smith</td><td>63</td></tr><tr><td>CB</td><td>Denzel Ward</td></tr>"
            "</table><pre>kept\nas is</pre></body></html>")
    assert labels.render_text(html) == ["A paragraph the source", "wraps.", "DL", "Larry Smith",
                                        "63", "CB", "Denzel Ward", "kept", "as is"]
    assert labels.render_text(html, "browser") == [
        "A paragraph the source wraps.", "DL Larry Smith 63", "CB Denzel Ward", "kept", "as is"]


def test_page_headlines_are_the_pages_own_statements() -> None:
    html = ('<html><head><meta property="og:title" content="Floods close the road"></head>'
            "<body><h1>Floods  close\nthe road</h1><p>Text.</p></body></html>")
    assert labels.page_headlines(html) == ["Floods close the road", "Floods close the road"]


def test_table_cells_between_kept_lines_are_keep_and_a_repeated_header_is_not() -> None:
    lines = ["Home", "The defence had a long afternoon against the visitors on Sunday.",
             "Pos", "Player", "Plays", "Stats", "Pos", "Player",
             "DL", "Larry Smith", "63", "1 tackle and one sack in the first half.",
             "DL", "Chad Jones", "57", "3 tackles and a pass defended late on.",
             "The coach said the line would be rested before the next game.", "Share"]
    got = labels.label_lines(lines, GOLD)
    # the second "DL" is article text too, but a repeat of a kept line: duplicate removal
    # drops it, so the cleaned text the labels describe holds it once
    assert [line for line, keep in zip(lines, got, strict=True) if not keep] == [
        "Home", "Pos", "Player", "DL", "Share"]


def test_a_later_copy_of_a_kept_line_is_drop_and_a_copy_of_chrome_is_not_held_against_it(
) -> None:
    lines = ["Buy now", "Widget one", "Buy now", "Widget two", "BUY  NOW"]
    assert labels._once(lines, [False, True, True, True, True]) == [
        False, True, True, True, False]


def test_a_teaser_repeating_the_lede_is_drop() -> None:
    lede = "The defence had a long afternoon against the visitors on Sunday."
    lines = [lede, "Read more", lede, "The coach said the line would be rested before the "
             "next game."]
    # The copy that runs on into the rest of the article is the article; the other, a teaser.
    assert labels.label_lines(lines, GOLD) == [False, False, True, True]


def test_scripts_without_spaces_match_character_by_character() -> None:
    gold = "今回はそのデスクトップアプリ Kindle for PC に関する話。\n\n以下、その手順。"
    lines = ["今回はそのデスクトップアプリKindle for PCに関する話。", "関連記事", "以下、その手順。"]
    assert labels.label_lines(lines, gold) == [True, False, True]
    assert labels.tokenize("PCに関する話") == ["PC", "に", "関", "す", "る", "話"]


def test_a_line_with_extra_leading_words_does_not_open_the_whole_gold_as_a_gap() -> None:
    gold = ("Summary\n\nThe defence had a long afternoon against the visitors on Sunday and "
            "lost.\n\nPos Player Plays\n\nThe coach said the line would be rested before the "
            "next game. Share this.")
    lines = ["Summary", "Share", "Live now The defence had a long afternoon against the "
             "visitors on Sunday and lost.", "The coach said the line would be rested before "
             "the next game."]
    assert labels.label_lines(lines, gold) == [True, False, True, True]

"""The docs tell the truth: every CLI command and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.cli import app
from storyline.config import Settings
from tests.conftest import REPO


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert names
    for name in names:
        assert f"storyline {name}" in readme, name


def test_every_cli_command_has_help() -> None:
    for command in app.registered_commands:
        assert command.callback is not None and (command.callback.__doc__ or "").strip()


def test_every_setting_has_a_description() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, name


def test_readme_starts_with_the_two_commands() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```bash") + 1 : lines.index("```bash") + 3]
    assert block[0].startswith("make demo") and block[1].startswith("make test")


def test_the_readme_settings_examples_are_valid(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    for number, block in enumerate(blocks):
        path = tmp_path / f"example{number}.toml"
        path.write_text(block, encoding="utf-8")
        assert isinstance(Settings.from_toml(path), Settings)


def test_run_help_shows_the_defaults() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "240"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert f"[default: {Settings.model_fields['batch_size'].default}]" in text
    assert "[default: scraped]" in text and "[default: refused]" in text
    # the help's markup keeps a TOML table's name in its brackets (rich read it as a tag)
    assert "[jsonl_fields], [csv_columns]" in text

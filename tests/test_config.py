"""Settings read from TOML: values, overrides and errors that name the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import ConfigError


def test_settings_from_toml_with_overrides(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('batch_size = 8\nreference_date = 2019-11-20\ninclude = ["*.csv"]\n'
                    '[csv_columns]\ntext = "story"\n', encoding="utf-8")
    settings = Settings.from_toml(path, batch_size=None, include=("*.txt",))
    assert settings.batch_size == 8 and settings.reference_date == date(2019, 11, 20)
    assert settings.include == ("*.txt",) and settings.csv_columns.text == "story"


@pytest.mark.parametrize(("content", "named"), [
    ("batch_size = 'many'\n", "batch_size"),
    ("[jsonl_fields]\nbody = 'text'\n", "jsonl_fields.body"),
    ("batch_size = \n", "cannot read"),
    ("fetch_timeout_s = inf\n", "fetch_timeout_s"),
    ("near_duplicate_threshold = nan\n", "near_duplicate_threshold"),
    ("", None),
])
def test_bad_settings_files_say_what_is_wrong(tmp_path: Path, content: str,
                                              named: str | None) -> None:
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    if named is None:
        assert Settings.from_toml(path) == Settings()
        return
    with pytest.raises(ConfigError, match=named):
        Settings.from_toml(path)


def test_a_missing_settings_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.from_toml(tmp_path / "none.toml")

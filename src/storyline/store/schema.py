"""The DuckDB schema. Every table is keyed by a stable id, so writes are idempotent upserts."""

from __future__ import annotations

import re

SCHEMA_VERSION = 9

TABLES: dict[str, str] = {
    "documents": """
        doc_id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR,
        language VARCHAR, published DATE, published_how VARCHAR, published_evidence VARCHAR,
        published_confidence DOUBLE, dateline_place VARCHAR, dateline_text VARCHAR,
        media_type VARCHAR, text VARCHAR, removed JSON, stage_versions JSON, outlet_id VARCHAR,
        published_time VARCHAR, authors VARCHAR""",
    # ``input`` (here and in quarantine): the top-level input (file, URL) whose reading gave
    # the row; NULL when unknown (the Python API's texts, rows of a store older than schema 6).
    # Each source's own reading of the document (schema 7): an exact reprint in another outlet
    # has the same text, so the same doc_id, but its own outlet, URL, title and date.
    # ``described``: the row holds its reading's metadata (NULL: a row from before schema 7).
    # ``published_time`` (schema 8, here and in documents): the time of day the input states
    # with the date, ISO 8601 with its UTC offset when known ("14:32:00+03:00"), else NULL.
    # ``authors`` (schema 9, here and in documents): the people the input names as the story's
    # writers, in its order, joined by "; " (NULL: none named, or a row of an older store).
    "document_sources": """
        doc_id VARCHAR, source VARCHAR, input VARCHAR, title VARCHAR, outlet VARCHAR,
        outlet_id VARCHAR, url VARCHAR, published DATE, published_how VARCHAR,
        published_evidence VARCHAR, published_confidence DOUBLE, described BOOLEAN,
        published_time VARCHAR, authors VARCHAR, PRIMARY KEY (doc_id, source)""",
    "sentences": """
        doc_id VARCHAR, sent_index INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (doc_id, sent_index)""",
    "actors": "actor_id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, roles JSON",
    "mentions": """
        mention_id VARCHAR PRIMARY KEY, doc_id VARCHAR, actor_id VARCHAR, start_char INTEGER,
        end_char INTEGER, sent_index INTEGER, text VARCHAR, confidence DOUBLE, method VARCHAR,
        role VARCHAR""",
    "events": """
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, plover_type VARCHAR, cameo_code VARCHAR,
        mode VARCHAR, source_actors VARCHAR[], source_countries VARCHAR[], source_text VARCHAR[],
        target_actors VARCHAR[], target_countries VARCHAR[], target_text VARCHAR[],
        status VARCHAR, negated BOOLEAN, confidence DOUBLE, trigger VARCHAR,
        start_char INTEGER, end_char INTEGER, sent_index INTEGER, evidence VARCHAR, coder VARCHAR,
        when_text VARCHAR, when_value VARCHAR, when_granularity VARCHAR""",
    "quotes": """
        quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR, text VARCHAR, speaker_text VARCHAR,
        speaker_id VARCHAR, direct BOOLEAN, start_char INTEGER, end_char INTEGER,
        sent_index INTEGER""",
    "claims": """
        claim_id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, value DOUBLE, unit VARCHAR,
        qualifier VARCHAR, what VARCHAR, claimant VARCHAR, start_char INTEGER, end_char INTEGER,
        sent_index INTEGER, evidence VARCHAR""",
    "places": """
        mention_id VARCHAR PRIMARY KEY, doc_id VARCHAR, start_char INTEGER, end_char INTEGER,
        sent_index INTEGER, text VARCHAR, place_id VARCHAR, name VARCHAR, country VARCHAR,
        lat DOUBLE, lon DOUBLE, feature_class VARCHAR, method VARCHAR, confidence DOUBLE""",
    "quarantine": """
        quarantine_id VARCHAR PRIMARY KEY, source VARCHAR, stage VARCHAR, code VARCHAR,
        error_class VARCHAR, message VARCHAR, excerpt VARCHAR, input_hash VARCHAR, input VARCHAR""",
    "document_links": """
        doc_id VARCHAR PRIMARY KEY, canonical_id VARCHAR, kind VARCHAR, similarity DOUBLE""",
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
}

# Tables holding facts of one document, replaced whole when the document is re-extracted.
FACT_TABLES = ("sentences", "mentions", "events", "quotes", "claims", "places")


def column_types(table: str) -> list[tuple[str, str]]:
    """(name, SQL type) of a table's columns, in order."""
    pairs = []
    for part in re.split(r",(?![^(]*\))", TABLES[table]):
        words = part.split()
        if words and words[0] != "PRIMARY":
            pairs.append((words[0], " ".join(w for w in words[1:] if w != "PRIMARY"
                                              and w != "KEY")))
    return pairs


def create_statements() -> list[str]:
    return [f"CREATE TABLE IF NOT EXISTS {name} ({cols})" for name, cols in TABLES.items()]


def column_names(table: str) -> list[str]:
    """The column names of a table, in order (constraints skipped)."""
    names = []
    for part in TABLES[table].split(","):
        words = part.split()
        if words and words[0] != "PRIMARY" and not words[0].endswith(")"):
            names.append(words[0])
    return names

"""Ingest: files, directories, archives, feeds, web archives, stdin or in-memory texts → :class:`RawDoc`.

Entry point: :func:`read_paths` yields ``RawDoc`` or ``QuarantineRow`` — an input that cannot be
read is reported with a stable code, never dropped. One module per format (``document``,
``jsonl``, ``csvfile``, ``warc``, ``feed``, ``compressed``, ``ziparchive``, ``tararchive``),
registered by extension and media type in :mod:`storyline.ingest.registry`. Decoding detects the
encoding with charset-normalizer, repairs mojibake with ftfy and normalises to NFC. Every RawDoc
keeps its ``source`` and its ``position`` inside it (``line 3``, ``warc offset 1024``, ``entry
2``, ``member a.jsonl, line 3``).
"""

from storyline.ingest.decode import decode_bytes, repair_text, sniff_media_type
from storyline.ingest.readers import (
    iter_texts,
    raw_from_record,
    read_bytes,
    read_paths,
    walked_folders,
)
from storyline.ingest.registry import FORMATS, Format, format_for_media_type, format_for_name

__all__ = [
    "FORMATS",
    "Format",
    "decode_bytes",
    "format_for_media_type",
    "format_for_name",
    "iter_texts",
    "raw_from_record",
    "read_bytes",
    "read_paths",
    "repair_text",
    "sniff_media_type",
    "walked_folders",
]

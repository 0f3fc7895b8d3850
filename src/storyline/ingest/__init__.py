"""Ingest: turn paths (files, directories, JSONL) or in-memory texts into :class:`RawDoc`.

Entry point: :func:`read_paths` yields ``RawDoc`` or ``QuarantineRow`` — a file that cannot be
read is reported, never dropped. Decoding detects the encoding with charset-normalizer.
"""

from storyline.ingest.decode import decode_bytes, sniff_media_type
from storyline.ingest.readers import iter_texts, read_paths

__all__ = ["decode_bytes", "iter_texts", "read_paths", "sniff_media_type"]

"""Readers per container format. Each yields :class:`RawDoc` or a :class:`QuarantineRow`."""

from __future__ import annotations

import fnmatch
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ids import digest
from storyline.ingest.decode import decode_bytes, sniff_media_type
from storyline.records import QuarantineRow, RawDoc

log = logging.getLogger(__name__)

Item = RawDoc | QuarantineRow
_META_KEYS = ("url", "title", "date", "outlet")


def quarantine(source: str, exc: BaseException, excerpt: str = "", stage: str = "ingest") -> QuarantineRow:
    """A quarantine row for ``exc`` raised while handling ``source``."""
    code = exc.code if isinstance(exc, InputRejected) else "error"
    message = exc.reason if isinstance(exc, InputRejected) else str(exc)
    return QuarantineRow(
        source=source,
        stage=stage,
        code=code,
        error_class=type(exc).__name__,
        message=message[:500],
        excerpt=excerpt[:200],
        input_hash=digest(source, excerpt),
    )


def _excerpt(data: bytes) -> str:
    return data[:200].decode("utf-8", errors="replace")


def _expand(path: Path, settings: Settings) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(fnmatch.fnmatch(child.name.lower(), pat) for pat in settings.include):
                yield child
    else:
        yield path


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    """Every document in ``paths`` (files or directories, recursively), in a stable order."""
    for top in paths:
        top_path = Path(top)
        if not top_path.exists():
            yield quarantine(str(top_path), InputRejected("missing", "no such file or directory"))
            continue
        for path in _expand(top_path, settings):
            yield from _read_file(path, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield quarantine(source, InputRejected("unreadable", str(exc)))
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _read_jsonl(source, data, settings)
        return
    try:
        text, encoding = decode_bytes(data, settings.max_doc_chars)
    except InputRejected as exc:
        yield quarantine(source, exc, _excerpt(data))
        return
    yield RawDoc(source, text, sniff_media_type(text, path.name), "", encoding)


def _read_jsonl(source: str, data: bytes, settings: Settings) -> Iterator[Item]:
    try:
        text, _ = decode_bytes(data, settings.max_doc_chars * 50)
    except InputRejected as exc:
        yield quarantine(source, exc, _excerpt(data))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputRejected("bad_record", "a JSONL line must hold an object")
            yield raw_from_record(record, source, f"line {number}")
        except (ValueError, InputRejected) as exc:
            rejected = exc if isinstance(exc, InputRejected) else InputRejected("bad_json", str(exc))
            yield quarantine(where, rejected, line)


def raw_from_record(record: Mapping[str, object], source: str, position: str = "") -> RawDoc:
    """A RawDoc from a mapping with ``text`` or ``html`` and optional url/title/date/outlet."""
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise InputRejected("empty", "the record has no non-empty 'text' or 'html' field")
    media = "text/html" if body is html else "text/plain"
    meta = tuple((k, str(record[k])) for k in _META_KEYS if record.get(k))
    return RawDoc(source, body, media, position, "utf-8", meta)


def iter_texts(items: Iterable[str | Mapping[str, object]], source: str = "<memory>") -> Iterator[Item]:
    """RawDocs from in-memory strings or records (the Python API's input)."""
    for number, item in enumerate(items, start=1):
        try:
            if isinstance(item, str):
                if not item.strip():
                    raise InputRejected("empty", "the text is empty")
                yield RawDoc(source, item, sniff_media_type(item), f"item {number}")
            else:
                yield raw_from_record(item, source, f"item {number}")
        except InputRejected as exc:
            yield quarantine(f"{source}#{number}", exc, str(item)[:200])

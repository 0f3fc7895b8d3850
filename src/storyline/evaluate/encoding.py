"""Encoding detection and mojibake repair, measured on real article text in many languages.

Gold: the ``articleBody`` of every page of the Zyte article-extraction benchmark (English,
Russian, Japanese, Korean, Portuguese, German, ... as written by their publishers). Each body
is turned into the inputs a scraper or an archive really hands over, and Storyline's own
decoder must give the body back, character for character (after NFC):

* ``utf8``: the body as UTF-8 bytes (:func:`storyline.ingest.decode.decode_bytes`, no hint).
* ``legacy``: the body in the legacy code page of its script — ``cp1252`` (Latin), ``cp1251``
  (Cyrillic), ``shift_jis`` (kana), ``euc-kr`` (hangul), ``gb18030`` (other Han) — with no
  declared charset: what an old archive or a mis-served page gives. Bodies that page cannot
  hold whole (an emoji, a letter outside it) and all-ASCII bodies are left out (``n_legacy``).
* ``mojibake``: the body's UTF-8 bytes read as Windows-1252 (the classic "donâ€™t"), handed
  over as text (a JSONL field, a CSV cell): :func:`storyline.ingest.decode.repair_text` must
  restore it. Only bodies with non-ASCII characters count, since the others cannot be garbled.
* ``clean_unchanged``: the repair applied to the correct non-ASCII body must leave it alone
  (ftfy must not "fix" good text).

``*_char_accuracy`` is the mean similarity of output and body (difflib's ratio, 2 × matched
characters / both lengths), so a near miss shows as one.
"""

from __future__ import annotations

import difflib
import statistics
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

from storyline.errors import InputRejected
from storyline.evaluate.common import Metrics
from storyline.evaluate.extraction import load_pages
from storyline.ingest.decode import decode_bytes, repair_text

GOLD_SUBDIR = "article_extraction_benchmark"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published figure for this construction
LEGACY_CODECS = ("cp1252", "cp1251", "shift_jis", "euc-kr", "gb18030")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _script_codec(text: str) -> str:
    """The legacy code page of the text's script: kana → Shift JIS, hangul → EUC-KR, other
    Han → GB18030, Cyrillic → cp1251, else cp1252."""
    names = [unicodedata.name(c, "") for c in text if ord(c) > 0x2FF]
    if any(n.startswith(("HIRAGANA", "KATAKANA")) for n in names):
        return "shift_jis"
    if any(n.startswith("HANGUL") for n in names):
        return "euc-kr"
    if any(n.startswith("CJK UNIFIED") for n in names):
        return "gb18030"
    if sum(n.startswith("CYRILLIC") for n in names) > len(text) / 4:
        return "cp1251"
    return "cp1252"


def _legacy_bytes(text: str) -> tuple[str, bytes] | None:
    """The text in its script's legacy code page (None when that page cannot hold it all)."""
    codec = _script_codec(text)
    try:
        return codec, text.encode(codec)
    except UnicodeEncodeError:
        return None


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 the way browsers read it (the five bytes cp1252 leaves
    undefined become C1 controls: ftfy's ``sloppy-windows-1252``), as a careless reader does."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def _decoded(data: bytes) -> str:
    try:
        return decode_bytes(data)[0]
    except InputRejected:
        return ""


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a != b else 1.0


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Exact-recovery shares (and character accuracy) per input kind; see the module docstring."""
    bodies = [_nfc(p.body).strip() for p in load_pages(gold_dir, limit) if p.body.strip()]
    results: dict[str, list[tuple[bool, float]]] = {k: [] for k in ("utf8", "legacy", "mojibake")}
    unchanged = []
    codecs: dict[str, int] = {}
    for body in bodies:
        # the pipeline strips a document's ends too: only the inside must survive
        got = _decoded(body.encode("utf-8")).strip()
        results["utf8"].append((got == body, _similarity(got, body)))
        if not body.isascii():  # ASCII text cannot be garbled, nor "repaired"
            unchanged.append(repair_text(body) == body)
        legacy = _legacy_bytes(body)
        if legacy is not None and not body.isascii():
            codecs[legacy[0]] = codecs.get(legacy[0], 0) + 1
            got = _decoded(legacy[1]).strip()
            results["legacy"].append((got == body, _similarity(got, body)))
        if not body.isascii():
            got = repair_text(_mojibake(body)).strip()
            results["mojibake"].append((got == body, _similarity(got, body)))
    metrics: Metrics = {"n": len(bodies)}
    for kind, rows in results.items():
        metrics[f"{kind}_exact"] = round(statistics.fmean(r[0] for r in rows), 4) if rows else 0.0
        metrics[f"{kind}_char_accuracy"] = round(statistics.fmean(r[1] for r in rows), 4) if rows else 0.0
        metrics[f"n_{kind}"] = len(rows)
    metrics["clean_unchanged"] = round(statistics.fmean(unchanged), 4) if unchanged else 0.0
    metrics["legacy_codecs"] = dict(sorted(codecs.items()))
    return metrics


__all__ = ["ANCHORS", "GOLD_SUBDIR", "LEGACY_CODECS", "score"]

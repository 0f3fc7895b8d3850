"""Publication-date accuracy: the date Storyline's cleaner assigns to a document, against gold.

Two gold sources, scored together and apart:

* **pages** — the Zyte article-extraction-benchmark has no date field, so gold is built from the
  page's original URL (``ground-truth.json``), which is the publisher's own statement of the date:
  only URLs whose path holds one unambiguous full date (see :data:`URL_DATE_PATTERNS`) are kept.
  The system sees the HTML only, never the gold URL; a canonical link inside the HTML is part of
  the page and fair game. A page must match to the day (timezones may make the URL differ by a
  day from the page's own stamp; ``accuracy_pages_1day`` shows how often that happens).
* **seeds** — the five seed articles in ``<shared>/seeds``, cleaned as plain text, against the
  ``published`` entries of ``<shared>/acceptance/seed_expectations.json`` with each entry's own
  ``tolerance_days``. ``<shared>`` is the nearest ancestor of the gold folder holding ``seeds``;
  without it the seed part is skipped (``n_seeds`` = 0).

A document with no date (or a rejected one) counts as wrong. ``coverage`` is the share of
documents given any date; ``by_how`` counts the dates by how they were known.

**Inference alone** (``inferred_*``): the pages nearly always state their date, so the rules
that date an undated story from its own words are scored apart: each dated page's clean text
(no metadata, no URL), and the TEXT of each TempEval-3 platinum document (``TIMEML_SUBDIR``
beside the benchmark, when present; gold = its document creation time), go to
:func:`storyline.clean.pubdate.infer_published` as of ``INFERENCE_NOW``.
``inferred_coverage`` is the share of those texts it dates at all, ``inferred_precision_1day``
/ ``_30day`` the share of its answers within a day / 30 days of the gold (a wrong inferred
date is worse than none); ``inferred_texts`` counts the texts.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from storyline.clean import clean
from storyline.clean.pubdate import infer_published
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.evaluate.common import Metrics, clean_page
from storyline.evaluate.extraction import load_pages, read_html
from storyline.evaluate.timex import read_documents
from storyline.ingest import read_paths
from storyline.records import Document, RawDoc

log = logging.getLogger(__name__)

GOLD_SUBDIR = "article_extraction_benchmark"

# No published figure exists for publication dates on this set (the benchmark scores only the
# article body), and gold here is our own construction, so there is nothing to show beside ours.
ANCHORS: dict[str, tuple[float, str]] = {}

_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Each pattern reads a full date from a URL *path* (never host or query). Separators or the
# path's ends must bound the date, so digits inside a longer id (``/201911181077343476-``) or a
# year-month alone (``/2019/11/slug``) never count.
URL_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # /2019/03/04/ or /2019/3/4/ (a folder per part)
    re.compile(rf"/{_YEAR}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?:/|$)"),
    # /2019/mar/04/ (month as an English abbreviation, as in the Guardian's paths)
    re.compile(rf"/{_YEAR}/(?P<m>{'|'.join(_MONTHS)})/(?P<d>\d{{1,2}})(?:/|$)", re.IGNORECASE),
    # /2019-03-04/ or -2019-03-04- or _2019-03-04.html (ISO, inside a slug or alone)
    re.compile(rf"(?<![\w]){_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"),
    # /20190304/ or -20190304. (compact, bounded by a separator on both sides)
    re.compile(rf"(?<=[/_.-]){_YEAR}(?P<m>\d\d)(?P<d>\d\d)(?=[/_.-]|$)"),
)


INFERENCE_NOW = date(2026, 1, 1)  # fixed, so that the inference scores are reproducible
TIMEML_SUBDIR = "tempeval3_platinum"


@dataclass(frozen=True, slots=True)
class Judged:
    """One document's gold date, tolerance and what the system said."""

    gold: str
    tolerance_days: int
    predicted: str | None
    how: str | None


def _to_date(year: str, month: str, day: str) -> date | None:
    number = _MONTHS.index(month.lower()) + 1 if month.isalpha() else int(month)
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def date_from_url(url: str) -> str | None:
    """The one full date a URL's path states (ISO), or None when none or several differ."""
    path = urlsplit(url).path
    found = {
        parsed
        for pattern in URL_DATE_PATTERNS
        for match in pattern.finditer(path)
        if (parsed := _to_date(match["y"], match["m"], match["d"])) is not None
    }
    return found.pop().isoformat() if len(found) == 1 else None


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def date_matches(predicted: str | None, gold: str, tolerance_days: int = 0) -> bool:
    """True when ``predicted`` is within ``tolerance_days`` of ``gold``.

    A gold date coarser than a day (``2016`` or ``2016-12``) matches any prediction inside it.
    A missing or unparsable prediction never matches.
    """
    if not predicted:
        return False
    gold_day, predicted_day = _iso_date(gold), _iso_date(predicted)
    if gold_day is None:
        return bool(re.fullmatch(r"\d{4}(?:-\d\d)?", gold)) and predicted.startswith(gold)
    if predicted_day is None:
        return False
    return abs((predicted_day - gold_day).days) <= tolerance_days


def _judge(document: Document | None, gold: str, tolerance_days: int) -> Judged:
    published = document.published if document is not None else None
    if published is None:
        return Judged(gold, tolerance_days, None, None)
    return Judged(gold, tolerance_days, published.date, published.how)


def judge_pages(gold_dir: Path, limit: int | None = None
                ) -> tuple[list[Judged], int, list[Judged]]:
    """Dated benchmark pages judged (the first ``limit`` of them), how many of them carry the
    gold date in the URL the cleaner found inside the HTML itself, and the same pages dated by
    inference from their clean text alone."""
    judged: list[Judged] = []
    inferred: list[Judged] = []
    canonical = 0
    for page in load_pages(gold_dir):
        gold = date_from_url(page.url)
        if gold is None:
            continue
        if limit is not None and len(judged) >= limit:
            break
        html = read_html(gold_dir, page.sha)
        document = clean_page(html) if html.strip() else None
        canonical += bool(document and document.url and date_from_url(document.url) == gold)
        judged.append(_judge(document, gold, 0))
        guess = infer_published(document.text, document.dateline, INFERENCE_NOW) if document else None
        inferred.append(Judged(gold, 0, guess.date if guess else None, guess.how if guess else None))
    return judged, canonical, inferred


def judge_timeml(folder: Path, limit: int | None = None) -> list[Judged]:
    """TempEval-3 documents dated by inference from their TEXT alone (none when the folder or
    its files are missing); gold is the document creation time."""
    if not folder.is_dir() or not any(folder.rglob("*.tml")):
        return []
    judged = []
    for doc in read_documents(folder)[:limit]:
        if not doc.dct or _iso_date(doc.dct) is None:
            continue
        guess = infer_published(doc.text, None, INFERENCE_NOW)
        judged.append(Judged(doc.dct[:10], 0, guess.date if guess else None,
                             guess.how if guess else None))
    return judged


def shared_dir(gold_dir: Path) -> Path | None:
    """The nearest ancestor of ``gold_dir`` (itself included) that holds ``seeds/``."""
    for folder in (gold_dir, *gold_dir.resolve().parents):
        if (folder / "seeds").is_dir():
            return folder
    return None


def _clean_seed(path: Path, settings: Settings) -> Document | None:
    for item in read_paths([path], settings):
        if not isinstance(item, RawDoc):
            log.warning("seed %s could not be read: %s", path, item.message)
            return None
        try:
            return clean(RawDoc(item.source, item.text, "text/plain"), settings)
        except InputRejected as exc:
            log.warning("seed %s rejected by the cleaner: %s", path, exc)
    return None


def judge_seeds(shared: Path | None) -> list[Judged]:
    """The seeds with a ``published`` expectation, cleaned as plain text and judged."""
    expectations = shared / "acceptance" / "seed_expectations.json" if shared else None
    if shared is None or expectations is None or not expectations.is_file():
        log.info("no seeds or seed expectations beside the gold folder: seed part skipped")
        return []
    settings = Settings()
    judged = []
    for entry in json.loads(expectations.read_text(encoding="utf-8"))["documents"]:
        published = entry.get("published") or {}
        if not published.get("date"):
            continue
        document = _clean_seed(shared / "seeds" / entry["file"], settings)
        judged.append(_judge(document, published["date"], int(published.get("tolerance_days", 0))))
    return judged


def _accuracy(judged: list[Judged], slack_days: int = 0) -> float:
    if not judged:
        return 0.0
    return statistics.fmean(
        float(date_matches(j.predicted, j.gold, j.tolerance_days + slack_days)) for j in judged
    )


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Publication-date accuracy on URL-dated benchmark pages and on the seeds.

    ``limit`` caps the dated pages (the first N in sorted sha order); the seeds are always
    scored. Keys: ``accuracy``, ``n``, ``coverage``, ``accuracy_pages``, ``n_pages``,
    ``accuracy_seeds``, ``n_seeds``, ``by_how``, plus ``accuracy_pages_1day`` (pages within a
    day), ``pages_canonical_dated`` (pages whose in-page URL states the gold date) and the
    ``inferred_*`` scores of inference alone (see the module docstring).
    """
    pages, canonical, inferred = judge_pages(gold_dir, limit)
    inferred += judge_timeml(gold_dir.parent / TIMEML_SUBDIR, limit)
    answered = [j for j in inferred if j.predicted]
    seeds = judge_seeds(shared_dir(gold_dir))
    everything = pages + seeds
    how = Counter({name: 0 for name in ("explicit", "metadata", "dateline", "inferred")})
    how.update(j.how for j in everything if j.how)
    dated = sum(1 for j in everything if j.predicted)
    return {
        "accuracy": round(_accuracy(everything), 4),
        "n": len(everything),
        "coverage": round(dated / len(everything), 4) if everything else 0.0,
        "accuracy_pages": round(_accuracy(pages), 4),
        "n_pages": len(pages),
        "accuracy_seeds": round(_accuracy(seeds), 4),
        "n_seeds": len(seeds),
        "by_how": dict(how),
        "accuracy_pages_1day": round(_accuracy(pages, slack_days=1), 4),
        "pages_canonical_dated": canonical,
        "inferred_coverage": round(len(answered) / len(inferred), 4) if inferred else 0.0,
        "inferred_precision_1day": round(_accuracy(answered, slack_days=1), 4),
        "inferred_precision_30day": round(_accuracy(answered, slack_days=30), 4),
        "inferred_n": len(answered),
        "inferred_texts": len(inferred),
    }


__all__ = ["ANCHORS", "GOLD_SUBDIR", "URL_DATE_PATTERNS", "date_from_url", "date_matches",
           "judge_pages", "judge_seeds", "judge_timeml", "score", "shared_dir"]

"""Toponym recognition and resolution scored on LGL, GeoWebNews and TR-News (Gritta et al.).

What it measures: how well place names are found in news text (recognition: span P/R/F1 over
character offsets, strict = same start and end, overlap = any shared character) and, for the
toponyms found, how far the coordinates given are from gold (resolution: accuracy within 161 km,
median error in km and the AUC of log errors, as in Gritta et al. 2018/2019).

Gold, read in each corpus's published XML:

* LGL (``data/Corpora/lgl.xml``) and TR-News (``data/Corpora/TR-News.xml``): every
  ``<toponym>`` with ``start``/``end``/``phrase`` and, where resolved, ``gaztag/lat|lon``;
* GeoWebNews (``data/GWN.xml``): ``<toponym>`` elements whose ``type`` names a place — the
  literal types (Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier) and the associative
  ones that still point at a place (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit); these are
  the types GWN gives coordinates. Demonyms, languages, homonyms, non-toponyms and the
  ``*_Expression`` types (common nouns such as "the city") are left out, as is anything marked
  ``nonLocational``.

Where a gold ``start:end`` does not cover its own phrase (TR-News has a few dozen offsets shifted
by a few characters), the nearest occurrence of the phrase within ``_REALIGN_WINDOW`` characters
is used; ``gold_offsets_repaired`` counts these, ``gold_offsets_unrepaired`` those left as given.

System under test: the places stage (:class:`storyline.places.PlaceResolver`) on the nlp
stage's parse of each gold text, taken as already clean (one paragraph per line, offsets kept).
``n`` counts gold toponyms (distinct spans); ``n_resolvable`` the gold toponyms with coordinates
that the system found strictly (the denominator of ``acc_161km``, where a toponym found but
left unresolved is a miss, as is any error above 161 km); ``mean_error_km``/``median_error_km``
are over the resolved ones; ``id_accuracy`` is the share of those found toponyms with a gold
GeoNames id whose predicted id is the same. ``baseline_*`` scores recognition by the bare spaCy
GPE/LOC/FAC entities of the same parse (the stand-in used before the places stage existed).
``per_corpus`` holds every figure per corpus. ``limit`` caps the articles per corpus (the
first N).
"""

from __future__ import annotations

import logging
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from storyline.evaluate.common import PRF, Metrics, prf
from storyline.ids import doc_id_for
from storyline.places.toponyms import PLACE_LABELS
from storyline.records import Document

log = logging.getLogger(__name__)

GOLD_SUBDIR = "geoparsing_gritta"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published figure ships with the gold folder

CORPORA: dict[str, str] = {
    "lgl": "data/Corpora/lgl.xml",
    "gwn": "data/GWN.xml",
    "trnews": "data/Corpora/TR-News.xml",
}
GWN_PLACE_TYPES = frozenset({
    "Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
})
EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error
ACCURACY_KM = 161.0  # 100 miles
_REALIGN_WINDOW = 20


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name at ``start:end`` of its article's text, with coordinates where known."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    place_id: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold article: its id, text and gold toponyms."""

    article_id: str
    text: str
    toponyms: tuple[Toponym, ...]


# --- gold ----------------------------------------------------------------------------------

def realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """``(start, end)`` moved to the nearest occurrence of ``phrase`` within the window, or None
    when the phrase is not there (offsets that already cover the phrase are returned as they are)."""
    if not phrase or text[start:end] == phrase:
        return start, end
    best: int | None = None
    at = text.find(phrase, max(0, start - _REALIGN_WINDOW))
    while at != -1 and at <= start + _REALIGN_WINDOW:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(phrase, at + 1)
    return (best, best + len(phrase)) if best is not None else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _toponym(text: str, start: str | None, end: str | None, phrase: str, lat: str | None,
             lon: str | None, tally: dict[str, int], place_id: str | None = None) -> Toponym:
    s, e = int(start or 0), int(end or 0)
    moved = realign(text, s, e, phrase.strip())
    if moved is None:
        tally["unrepaired"] += 1
    elif moved != (s, e):
        tally["repaired"] += 1
        s, e = moved
    return Toponym(s, e, _float(lat), _float(lon), place_id or None)


def _articles(path: Path, limit: int | None) -> Iterable[ET.Element]:
    return islice(ET.parse(path).getroot().iter("article"), limit)


def read_lgl(path: Path, tally: dict[str, int], limit: int | None = None) -> list[GoldArticle]:
    """The first ``limit`` articles of an LGL-format file (LGL, TR-News), every ``<toponym>``."""
    articles = []
    for article in _articles(path, limit):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            gaz = t.find("gaztag")
            lat = gaz.findtext("lat") if gaz is not None else None
            lon = gaz.findtext("lon") if gaz is not None else None
            place_id = gaz.get("geonameid") if gaz is not None else None
            toponyms.append(_toponym(text, t.findtext("start"), t.findtext("end"),
                                     t.findtext("phrase") or "", lat, lon, tally, place_id))
        articles.append(GoldArticle(article.get("docid", ""), text, tuple(toponyms)))
    return articles


def read_gwn(path: Path, tally: dict[str, int], limit: int | None = None) -> list[GoldArticle]:
    """The first ``limit`` GeoWebNews articles, place-naming toponyms only (``GWN_PLACE_TYPES``)."""
    articles = []
    for article in _articles(path, limit):
        text = article.findtext("text") or ""
        toponyms = [
            _toponym(text, t.findtext("start"), t.findtext("end"), t.findtext("extractedName") or "",
                     t.findtext("latitude"), t.findtext("longitude"), tally,
                     t.findtext("geonamesID"))
            for t in article.iter("toponym")
            if t.findtext("type") in GWN_PLACE_TYPES and t.findtext("nonLocational") != "Yes"
        ]
        articles.append(GoldArticle(article.get("file", ""), text, tuple(toponyms)))
    return articles


def load_corpus(gold_dir: Path, name: str, limit: int | None, tally: dict[str, int]
                ) -> list[GoldArticle]:
    """The first ``limit`` articles of one corpus (all when None)."""
    reader = read_gwn if name == "gwn" else read_lgl
    return reader(gold_dir / CORPORA[name], tally, limit)


# --- system --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Predictions:
    """What the places stage found in one text, and the bare NER entities of the same parse."""

    places: list[Toponym]
    baseline: list[Toponym]


def gold_document(text: str, source: str = "gold") -> Document:
    """A gold text as an already clean Document: every non-blank line a paragraph, offsets
    kept as they are in the gold file."""
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"\S[^\n]*", text))
    return Document(doc_id_for(text), source, text, None, None, None, "en", None, None,
                    tuple((s, len(text[:e].rstrip())) for s, e in paragraphs))


def predict_batch(texts: Sequence[str], batch_size: int = 32) -> list[Predictions]:
    """The places stage and the NER baseline on gold texts, one parse each."""
    from storyline.nlp import Annotator
    from storyline.places import PlaceResolver

    annotator, resolver = Annotator(), PlaceResolver()
    documents = [gold_document(t, f"gold#{i}") for i, t in enumerate(texts)]
    found: list[Predictions] = []
    for start in range(0, len(documents), batch_size):
        for annotated in annotator.annotate_batch(documents[start : start + batch_size]):
            paragraphs = [(p.offset, p.first_sentence, p.doc) for p in annotated.paragraphs]
            places = resolver.resolve_document(annotated.document, paragraphs)
            found.append(Predictions(
                [Toponym(m.span.start, m.span.end, m.place.lat, m.place.lon, m.place.place_id)
                 for m in places],
                [Toponym(offset + e.start_char, offset + e.end_char) for offset, _, doc in paragraphs
                 for e in doc.ents if e.label_ in PLACE_LABELS]))
    return found


# --- metrics -------------------------------------------------------------------------------

def span_counts(gold: Iterable[Toponym], predicted: Iterable[Toponym]) -> tuple[int, int, int]:
    """Strict (TP, FP, FN): a prediction is right when its start and end both equal a gold one's."""
    gold_spans = {(t.start, t.end) for t in gold}
    predicted_spans = {(t.start, t.end) for t in predicted}
    tp = len(gold_spans & predicted_spans)
    return tp, len(predicted_spans) - tp, len(gold_spans) - tp


def overlap_counts(gold: Sequence[Toponym], predicted: Sequence[Toponym]) -> tuple[int, int, int, int]:
    """Lenient counts: (predictions overlapping some gold span, predictions overlapping none,
    gold spans overlapped by some prediction, gold spans overlapped by none)."""
    def hits(a: Toponym, spans: Sequence[Toponym]) -> bool:
        return any(a.start < b.end and b.start < a.end for b in spans)

    right = sum(hits(p, gold) for p in predicted)
    found = sum(hits(g, predicted) for g in gold)
    return right, len(predicted) - right, found, len(gold) - found


def overlap_prf(counts: Iterable[tuple[int, int, int, int]]) -> PRF:
    """Overlap P (share of predictions on a gold span), R (share of gold spans hit) and F1."""
    right = wrong = found = missed = 0
    for r, w, f, m in counts:
        right, wrong, found, missed = right + r, wrong + w, found + f, missed + m
    precision = right / (right + wrong) if right + wrong else 0.0
    recall = found / (found + missed) if found + missed else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def accuracy_at(errors: Sequence[float | None], km: float = ACCURACY_KM) -> float:
    """Share of errors within ``km`` (None = not resolved, a miss); 0 for no errors."""
    return sum(1 for e in errors if e is not None and e <= km) / len(errors) if errors else 0.0


def mean_error_km(errors: Sequence[float | None]) -> float | None:
    """Mean of the errors of resolved toponyms, None when none was resolved."""
    known = [e for e in errors if e is not None]
    return statistics.fmean(known) if known else None


def median_error_km(errors: Sequence[float | None]) -> float | None:
    """Median of the errors of resolved toponyms, None when none was resolved."""
    known = [e for e in errors if e is not None]
    return statistics.median(known) if known else None


def auc_of_errors(errors: Sequence[float | None]) -> float | None:
    """Gritta et al.'s AUC: area under the sorted ln(1 + error) curve, scaled by
    ln(1 + MAX_ERROR_KM) so that 0 is perfect and 1 the worst; unresolved counts as MAX_ERROR_KM.
    None when nothing was resolved (the score would only restate the miss count)."""
    if all(e is None for e in errors):
        return None
    logs = sorted(math.log1p(MAX_ERROR_KM if e is None else min(e, MAX_ERROR_KM)) for e in errors)
    if len(logs) == 1:
        return logs[0] / math.log1p(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (math.log1p(MAX_ERROR_KM) * (len(logs) - 1))


def resolution_errors(gold: Sequence[Toponym], predicted: Sequence[Toponym]) -> list[float | None]:
    """Error in km for each gold toponym with coordinates that a prediction matches strictly;
    None where the prediction has no coordinates."""
    by_span = {(p.start, p.end): p for p in predicted}
    errors: list[float | None] = []
    for g in gold:
        p = by_span.get((g.start, g.end))
        if p is None or g.lat is None or g.lon is None:
            continue
        if p.lat is None or p.lon is None:
            errors.append(None)
        else:
            errors.append(haversine_km(g.lat, g.lon, p.lat, p.lon))
    return errors


def id_matches(gold: Sequence[Toponym], predicted: Sequence[Toponym]) -> list[bool]:
    """For each gold toponym with a GeoNames id that a prediction matches strictly: same id?"""
    by_span = {(p.start, p.end): p for p in predicted}
    return [by_span[(g.start, g.end)].place_id == g.place_id for g in gold
            if g.place_id and (g.start, g.end) in by_span]


# --- score ---------------------------------------------------------------------------------

def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def recognition_metrics(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Toponym]],
                        prefix: str = "") -> Metrics:
    """Strict and overlap span P/R/F1 (keys prefixed with ``prefix``) and ``n``."""
    pairs = list(zip(articles, predictions, strict=True))
    tp, fp, fn = (sum(c[i] for c in (span_counts(a.toponyms, p) for a, p in pairs))
                  for i in range(3))
    exact = prf(tp, fp, fn)
    loose = overlap_prf(overlap_counts(a.toponyms, p) for a, p in pairs)
    values = {"span_f1": exact.f1, "span_precision": exact.precision, "span_recall": exact.recall,
              "span_f1_overlap": loose.f1, "span_precision_overlap": loose.precision,
              "span_recall_overlap": loose.recall}
    return {**{prefix + k: _round(v) for k, v in values.items()}, "n": tp + fn}


def resolution_metrics(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Toponym]]
                       ) -> Metrics:
    """acc@161 km, mean and median error, AUC and exact-id accuracy over strict matches."""
    pairs = list(zip(articles, predictions, strict=True))
    errors = [e for a, p in pairs for e in resolution_errors(a.toponyms, p)]
    same_id = [m for a, p in pairs for m in id_matches(a.toponyms, p)]
    return {
        "acc_161km": _round(accuracy_at(errors)), "mean_error_km": _round(mean_error_km(errors)),
        "median_error_km": _round(median_error_km(errors)), "auc": _round(auc_of_errors(errors)),
        "id_accuracy": _round(sum(same_id) / len(same_id) if same_id else 0.0),
        "n_resolvable": len(errors),
        "n_resolved": sum(1 for e in errors if e is not None),
    }


def _corpus_metrics(articles: Sequence[GoldArticle], predictions: Sequence[Predictions]
                    ) -> Metrics:
    places = [p.places for p in predictions]
    return {**recognition_metrics(articles, places), **resolution_metrics(articles, places),
            **recognition_metrics(articles, [p.baseline for p in predictions], "baseline_"),
            "n_articles": len(articles)}


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Recognition span P/R/F1 (headline ``f1`` = pooled strict span F1) and resolution accuracy
    of the places stage on LGL, GeoWebNews and TR-News, per corpus and pooled."""
    tally = {"repaired": 0, "unrepaired": 0}
    corpora = {name: load_corpus(gold_dir, name, limit, tally) for name in CORPORA}
    per_corpus: dict[str, Metrics] = {}
    pooled_articles: list[GoldArticle] = []
    pooled_predictions: list[Predictions] = []
    for name, articles in corpora.items():
        predictions = predict_batch([a.text for a in articles])
        per_corpus[name] = _corpus_metrics(articles, predictions)
        pooled_articles += articles
        pooled_predictions += predictions
    metrics = _corpus_metrics(pooled_articles, pooled_predictions)
    return {"f1": metrics["span_f1"], **metrics, "per_corpus": per_corpus,
            "gold_offsets_repaired": tally["repaired"],
            "gold_offsets_unrepaired": tally["unrepaired"], "system": "places stage (GeoNames)"}

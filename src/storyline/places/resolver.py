"""Toponym resolution: each place name of a document → the GeoNames place it most likely names.

Needs: the toponyms of one document (:mod:`storyline.places.toponyms`) and the gazetteer.
Produces: one :class:`PlaceMention` per toponym. Rejects nothing: a name the gazetteer does not
hold is kept, recognised but unresolved (``place_id`` None, method ``unresolved``).

How a candidate is chosen, the heuristics of rule-based geoparsers (CLAVIN, Mordecai's
baselines, Gritta et al.'s population baseline), every weight in powers of ten of population:

* population prior: ``log10(population)``, so a place ten times larger wins one point;
* countries and continents get a point: a country name means the country ("Georgia");
  a national capital gets a point over same-name towns ("Paris");
* a GeoNames alternate name (rather than the place's own name) costs a point;
* "X, Y": when Y is a country or first-level division, X is looked for inside it, and Y is
  read as the region that holds X ("Paris, Texas", "Athens, Georgia"); one sense per
  document: X alone elsewhere in the same document keeps that reading;
* document context: places of a country (+1.5) and of a first-level division (+1.5) that the
  document's anchors name — its dateline, its "X, Y" pairs and the names one reading
  clearly dominates ("Texas", "Russia", "Atlanta"). The country alone outweighs a 30-fold
  population gap, country and state together a 1,000-fold one: "Paris" in a story that
  names Texas is Paris, Texas; in one that only names other US places it stays the French
  capital.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.ids import digest
from storyline.places.gazetteer import Candidate, Entry, Gazetteer, load_gazetteer, normalise
from storyline.places.toponyms import Paragraphs, Toponym, find_toponyms
from storyline.records import Document, Place, PlaceMention, Span

KIND_BONUS = {"country": 1.0, "continent": 1.0}
CAPITAL_BONUS = 1.0
ALTERNATE_PENALTY = 1.0
COUNTRY_CONTEXT = 1.5
ADMIN_CONTEXT = 1.5
ANCHOR_MARGIN = 1.0  # a name is an anchor when its best reading is 10x likelier than the next
_REGIONS = ("country", "admin")
_MIN_POPULATION = 1000  # a floor for the prior: GeoNames lists some places without population


@dataclass(frozen=True, slots=True)
class Context:
    """Countries (ISO-3) and first-level divisions (``US.TX``) the document's anchors name,
    each with the (normalised) names that anchor it: a name never counts as its own context."""

    countries: dict[str, frozenset[str]] = field(default_factory=dict)
    admins: dict[str, frozenset[str]] = field(default_factory=dict)

    def bonus(self, entry: Entry, name: str) -> float:
        """What the rest of the document adds to reading ``name`` as ``entry``."""
        def backed(anchors: frozenset[str] | None) -> bool:
            return bool(anchors and anchors - {name})

        country = COUNTRY_CONTEXT if backed(self.countries.get(entry.place.country or "")) else 0.0
        return country + (ADMIN_CONTEXT if backed(self.admins.get(entry.admin1)) else 0.0)


@dataclass(frozen=True, slots=True)
class Options:
    """The candidates left for one toponym, and whether an "X, Y" qualifier narrowed them."""

    candidates: tuple[Candidate, ...]
    qualified: bool = False


class PlaceResolver:
    """Finds and resolves the toponyms of one document at a time. Build once: it holds the
    gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def resolve_document(self, document: Document, paragraphs: Paragraphs) -> list[PlaceMention]:
        """Place mentions of a document from its parsed paragraphs and its dateline."""
        return self.resolve(document.doc_id, find_toponyms(document, paragraphs, self))

    def is_region(self, text: str) -> bool:
        """True when the name denotes a country or a first-level division."""
        return any(c.primary and c.entry.place.feature_class in _REGIONS
                   for c in self.gazetteer.lookup(text, abbreviations=True))

    def countries(self, text: str, kinds: frozenset[str]) -> set[str]:
        """ISO-3 codes of the places of these feature classes that the name is the own name
        of."""
        return {c.entry.place.country for c in self.gazetteer.lookup(text)
                if c.primary and c.entry.place.country and c.entry.place.feature_class in kinds}

    def resolve(self, doc_id: str, toponyms: Sequence[Toponym]) -> list[PlaceMention]:
        """One mention per toponym, each resolved in the light of the others."""
        qualifiers = {t.qualifier for t in toponyms if t.qualifier is not None}
        found = [tuple(self.gazetteer.lookup(t.text, abbreviations=i in qualifiers))
                 for i, t in enumerate(toponyms)]
        options = qualify(toponyms, found)
        options = same_sense(toponyms, options)
        context = document_context(toponyms, options)
        return [mention(doc_id, t, o, context) for t, o in zip(toponyms, options, strict=True)]


def score(candidate: Candidate, context: Context | None = None, name: str = "") -> float:
    """The candidate's weight (see the module docstring) as a reading of ``name`` (normalised);
    ``context`` None for the prior only."""
    entry = candidate.entry
    value = math.log10(max(entry.population, _MIN_POPULATION))
    value += KIND_BONUS.get(entry.place.feature_class or "", 0.0)
    value += CAPITAL_BONUS if entry.capital else 0.0
    value -= 0.0 if candidate.primary else ALTERNATE_PENALTY
    return value + (context.bonus(entry, name) if context is not None else 0.0)


def qualify(toponyms: Sequence[Toponym], found: Sequence[tuple[Candidate, ...]]) -> list[Options]:
    """Narrow each "X, Y" pair: X to the candidates inside a region Y can be, Y to the regions
    that hold one of those. A pair where nothing fits is left as it was."""
    options = [Options(c) for c in found]
    for i, toponym in enumerate(toponyms):
        j = toponym.qualifier
        if j is None:
            continue
        regions = [c for c in found[j] if c.entry.place.feature_class in _REGIONS]
        inside = tuple(c for c in found[i] if any(_within(c, r) for r in regions))
        if inside:
            options[i] = Options(inside, qualified=True)
            options[j] = Options(tuple(r for r in regions if any(_within(c, r) for c in inside)),
                                 qualified=True)
    return options


def same_sense(toponyms: Sequence[Toponym], options: Sequence[Options]) -> list[Options]:
    """One sense per document: a name narrowed by "X, Y" somewhere keeps that reading where it
    stands alone ("Paris, Texas ... the mayor of Paris")."""
    narrowed: dict[str, tuple[Candidate, ...]] = {}
    for toponym, option in zip(toponyms, options, strict=True):
        if option.qualified:
            narrowed.setdefault(normalise(toponym.text), option.candidates)
    result = list(options)
    for i, (toponym, option) in enumerate(zip(toponyms, options, strict=True)):
        reading = narrowed.get(normalise(toponym.text))
        if reading and not option.qualified:
            kept = tuple(c for c in option.candidates if c in reading)
            result[i] = Options(kept, qualified=True) if kept else option
    return result


def _within(candidate: Candidate, region: Candidate) -> bool:
    place, area = candidate.entry, region.entry
    if area.place.feature_class == "admin":
        return place.admin1 == area.admin1 and place is not area
    return place.place.country == area.place.country and place is not area


def document_context(toponyms: Sequence[Toponym], options: Sequence[Options]) -> Context:
    """The countries and divisions named by the document's anchors: its dateline, its "X, Y"
    pairs and the names whose prior best reading is at least ten times likelier than the next
    (each by that reading, own names only). An ambiguous region name ("Georgia") is no
    anchor: it must not vote for its own reading."""
    countries: dict[str, set[str]] = defaultdict(set)
    admins: dict[str, set[str]] = defaultdict(set)
    for toponym, option in zip(toponyms, options, strict=True):
        if not option.candidates:
            continue
        ranked = sorted(option.candidates, key=score, reverse=True)
        best = ranked[0]
        clear = len(ranked) == 1 or score(best) - score(ranked[1]) >= ANCHOR_MARGIN
        if best.primary and (toponym.dateline or option.qualified or clear):
            name = normalise(toponym.text)
            if best.entry.place.country:
                countries[best.entry.place.country].add(name)
            if best.entry.admin1:
                admins[best.entry.admin1].add(name)
    return Context({k: frozenset(v) for k, v in countries.items()},
                   {k: frozenset(v) for k, v in admins.items()})


def mention(doc_id: str, toponym: Toponym, option: Options, context: Context) -> PlaceMention:
    """The mention of one toponym: its best candidate, how it was chosen and how sure."""
    span = Span(doc_id, toponym.start, toponym.end, toponym.sent_index, toponym.text)
    mention_id = "p" + digest(doc_id, toponym.start, toponym.end)
    if not option.candidates:
        place = Place(toponym.text, None, None, None, None, None)
        return PlaceMention(mention_id, span, place, "unresolved", 0.0)
    name = normalise(toponym.text)
    scores = [score(c, context, name) for c in option.candidates]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    chosen = option.candidates[best]
    share = 1.0 / sum(10 ** (s - scores[best]) for s in scores)
    confidence = round(share * (0.95 if chosen.primary else 0.8), 3)
    prior = max(option.candidates, key=score)
    return PlaceMention(mention_id, span, chosen.entry.place,
                        _method(toponym, option, chosen is not prior), confidence)


def _method(toponym: Toponym, option: Options, context_changed: bool) -> str:
    """``dateline``, ``qualified`` (by "X, Y" here or elsewhere in the document), ``context``
    (the document changed the reading) or ``prior`` (population and kind alone)."""
    if toponym.dateline:
        return "dateline"
    if option.qualified:
        return "qualified"
    return "context" if context_changed else "prior"

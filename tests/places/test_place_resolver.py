"""Toponym resolution: population prior, countries, "X, Y", document context, one sense per
document, unresolved names kept. Toponyms are built by hand; the gazetteer is the real one."""

from __future__ import annotations

import pytest

from storyline.places import PlaceResolver
from storyline.places.toponyms import Toponym, link_qualifiers
from storyline.records import PlaceMention


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def _resolve(resolver: PlaceResolver, text: str, dateline: str | None = None
             ) -> list[PlaceMention]:
    """Every capitalised run of ``text`` between ' | ' marks is a toponym: "Paris | , | Texas"
    → Paris and Texas with ", " between them; a dateline place comes first."""
    toponyms, at, pieces = [], 0, text.split(" | ")
    if dateline:
        toponyms.append(Toponym(0, len(dateline), 0, dateline, dateline=True))
        at = len(dateline) + 1
    joined = (dateline + " " if dateline else "") + "".join(pieces)
    for piece in pieces:
        if piece[:1].isupper():
            toponyms.append(Toponym(at, at + len(piece), 0, piece))
        at += len(piece)
    return resolver.resolve("d1", link_qualifiers(joined, toponyms))


def _countries(mentions: list[PlaceMention]) -> list[str | None]:
    return [m.place.country for m in mentions]


def test_resolver_capital_beats_same_name_town(resolver: PlaceResolver) -> None:
    (paris,) = _resolve(resolver, "Paris")
    assert (paris.place.country, paris.place.feature_class, paris.method) == ("FRA", "city",
                                                                            "prior")
    assert paris.place.place_id and paris.place.lat is not None


def test_resolver_state_in_the_document_brings_the_town(resolver: PlaceResolver) -> None:
    mentions = _resolve(resolver, "Texas | roads near | Paris")
    assert _countries(mentions) == ["USA", "USA"]
    assert mentions[1].method == "context"


def test_resolver_city_comma_state(resolver: PlaceResolver) -> None:
    town, state = _resolve(resolver, "Springfield | , | Illinois")
    assert (town.place.country, state.place.name) == ("USA", "Illinois")
    assert state.place.feature_class == "admin" and town.method == "qualified"
    assert 39 < (town.place.lat or 0) < 41


def test_resolver_city_comma_abbreviation(resolver: PlaceResolver) -> None:
    town, state = _resolve(resolver, "Springfield | , | Ill.")
    assert state.place.name == "Illinois" and town.method == "qualified"


def test_resolver_one_sense_per_document(resolver: PlaceResolver) -> None:
    mentions = _resolve(resolver, "Paris | , | Texas | and later | Paris")
    assert _countries(mentions) == ["USA", "USA", "USA"]


def test_resolver_country_name_is_the_country(resolver: PlaceResolver) -> None:
    (georgia,) = _resolve(resolver, "Georgia")
    assert (georgia.place.country, georgia.place.feature_class) == ("GEO", "country")
    (us,) = _resolve(resolver, "U.S.")
    assert (us.place.country, us.place.feature_class) == ("USA", "country")


def test_resolver_document_context_reads_the_ambiguous_name(resolver: PlaceResolver) -> None:
    (alone,) = _resolve(resolver, "Birmingham")
    assert alone.place.country == "GBR"
    _, birmingham = _resolve(resolver, "Alabama | flooding in | Birmingham")
    assert birmingham.place.country == "USA"


def test_resolver_dateline_sets_the_context(resolver: PlaceResolver) -> None:
    dateline, georgia = _resolve(resolver, "voters in | Georgia", dateline="Atlanta")
    assert dateline.method == "dateline" and dateline.place.country == "USA"
    assert (georgia.place.country, georgia.place.feature_class) == ("USA", "admin")


def test_resolver_keeps_unknown_names_unresolved(resolver: PlaceResolver) -> None:
    (mention,) = _resolve(resolver, "Zxqville")
    assert mention.place.place_id is None and mention.place.country is None
    assert (mention.method, mention.confidence, mention.span.text) == ("unresolved", 0.0,
                                                                     "Zxqville")


def test_resolver_ids_are_stable_and_confidence_bounded(resolver: PlaceResolver) -> None:
    first = _resolve(resolver, "Paris | and | Zxqville")
    assert [m.mention_id for m in first] == [m.mention_id for m in _resolve(
        resolver, "Paris | and | Zxqville")]
    assert all(0.0 <= m.confidence <= 1.0 for m in first)

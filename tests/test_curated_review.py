"""The coordinate review recorded in gazetteer/curated/places.csv holds, and its checker finds what it should.

A hand-entered point can drift ~10 km (a map read carelessly); ``benchmarks.curated_check``
compares curated rows with GeoNames and verifies every check or correction a row's
``source`` records ("checked DATE against REF LAT,LON (D km)", "corrected DATE from
LAT,LON: REF LAT,LON ..."). These tests run it on the real tables and on rows made to fail.
"""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from benchmarks.curated_check import (
    CURATED,
    check,
    cities500,
    curated_rows,
    geonames_index,
    km,
    review_notes,
    stem,
    verify_notes,
)
from benchmarks.grid_refs import grid_ref_to_latlon


@pytest.fixture(scope="module")
def cities():
    return cities500()


@pytest.fixture(scope="module")
def index(cities):
    return geonames_index({"KR", "KP"}, cities)


def _row(**fields):
    row = {"id": "test-place", "feature": "town", "country": "KP", "names": [], "source": "test"}
    row.update(fields)
    return row


def test_every_recorded_check_and_correction_holds(cities):
    rows = [r for r in curated_rows(True) if review_notes(r["source"])]
    assert len(rows) >= 20
    problems = [p for r in rows for p in verify_notes(r, cities)]
    assert problems == []


def test_the_chosin_cluster_is_corrected_northwards():
    """Hagaru-ri, Koto-ri and the reservoir were entered ~10 km south of where they are."""
    rows = {r["id"]: r for r in curated_rows(True)}
    for place_id in ("hagaru-ri", "koto-ri", "chosin-reservoir"):
        notes = [n for n in review_notes(rows[place_id]["source"]) if n["kind"] == "corrected"]
        assert len(notes) == 1, place_id
        before = notes[0]["previous"]
        after = (float(rows[place_id]["lat"]), float(rows[place_id]["lon"]))
        assert 8.0 < km(*before, *after) < 12.0
        assert after[0] > before[0]  # moved north


def test_a_wrong_recorded_distance_is_reported(cities):
    row = _row(lat="40.39", lon="127.19", source="x; checked 2026-12-06 against enwiki X 40.3938,127.161 (0.5 km)")
    assert verify_notes(row, cities) == [
        "test-place: recorded 0.5 km from 40.3938,127.161, is 2.49 km"
    ]


def test_a_correction_far_from_its_reference_is_reported(cities):
    row = _row(lat="40.30", lon="127.25", source="x; corrected 2026-12-06 from 40.10,127.25: enwiki X 40.3838,127.249")
    problems = verify_notes(row, cities)
    assert problems == ["test-place: 9.3 km from its reference 40.3838,127.249"]


def test_a_correction_without_a_reference_position_is_reported(cities):
    row = _row(lat="40.3838", lon="127.249", source="x; corrected 2026-12-06 from 40.30,127.25: a map")
    assert verify_notes(row, cities) == ["test-place: a correction that cites no reference position"]


def test_a_geonames_check_is_measured_against_geonames(cities):
    # GeoNames 1867927 (T'ongch'ŏn-ŭp, alias Kojo) lies at 38.954, 127.892.
    good = _row(lat="38.95", lon="127.86", source="x; checked 2026-12-06 against GeoNames 1867927 Kojo (2.8 km)")
    bad = _row(lat="38.95", lon="127.60", source="x; checked 2026-12-06 against GeoNames 1867927 Kojo (2.8 km)")
    assert verify_notes(good, cities) == []
    assert len(verify_notes(bad, cities)) == 1


def test_check_finds_the_geonames_namesake_and_its_distance(index):
    result = check(_row(name="Kojo", names=["Kojo"], lat="38.95", lon="127.86"), index)
    assert result["geonameid"] == 1867927
    assert result["km"] == pytest.approx(2.77, abs=0.05)


def test_check_refuses_a_namesake_whose_hangul_differs(index):
    """Kochang romanises both 거창 (Geochang) and 고창 (Gochang); only the Hangul tells them apart."""
    geochang = _row(country="KR", names=["Kochang", "거창"], lat="35.687", lon="127.91")
    gochang = _row(country="KR", names=["Kochang", "고창"], lat="35.43", lon="126.70")
    assert check(geochang, index)["geonameid"] == ""
    assert check(gochang, index)["km"] != ""


def test_stem_drops_one_administrative_ending():
    assert stem("Angang-ni") == "angang"
    assert stem("Ch'ongch'on-ŭp") == "chongchon"
    assert stem("안강읍") == "안강"
    assert stem("Sinuiju") == "sinuiju"


def test_grid_references_convert_to_the_towns_they_name(cities):
    """1950s Army Map Service references of two towns land within 3 km of GeoNames."""
    for zone, square, digits, geonameid in ((52, "CV", "7517", "1877449"), (52, "CS", "8894", "1845136")):
        glat, glon = grid_ref_to_latlon(zone, square, digits)
        city = cities[geonameid]
        assert km(glat, glon, city["latitude"], city["longitude"]) < 3.0, (square, digits)


def test_a_position_that_is_not_its_grid_reference_is_reported(cities):
    source = "x; checked 2026-12-06 against report KT1 at grid 52S CV7517 39.95,127.54 (0.0 km)"
    problems = verify_notes(_row(lat="39.95", lon="127.54", source=source), cities)
    assert problems == ["test-place: grid CV7517 converts to 39.8984,127.5436, not 39.95,127.54"]


def test_huchang_lies_on_the_yalu():
    """The county town on the Yalu had been entered 16 km inland; it now lies by the river course."""
    shapes = json.loads((CURATED / "shapes.geojson").read_text(encoding="utf-8"))
    yalu = next(shape(f["geometry"]) for f in shapes["features"] if f["properties"]["id"] == "yalu-river")
    row = next(r for r in curated_rows(True) if r["id"] == "huchang")
    town = Point(float(row["lon"]), float(row["lat"]))
    nearest = nearest_points(yalu, town)[0]
    assert km(town.y, town.x, nearest.y, nearest.x) < 2.0

"""The curated shapes (gazetteer/curated/shapes.geojson) are valid RFC 7946 geometry of the right kind.

A river drawn as a polygon, a region wound clockwise or a shape far from its
place's point would break maps and the territory split downstream.
"""

from __future__ import annotations

import csv
import json
import math
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

CURATED = Path(__file__).resolve().parent.parent / "gazetteer" / "curated"
KINDS = {
    "river": {"LineString", "MultiLineString"},
    "line": {"LineString", "MultiLineString", "Polygon", "MultiPolygon"},
    "region": {"Polygon", "MultiPolygon"},
    "lake": {"Polygon", "MultiPolygon"},
    "island": {"Polygon", "MultiPolygon"},
    "mountain": {"Polygon", "MultiPolygon", "LineString"},
    "sea": {"Polygon", "MultiPolygon"},
}
SHAPED_REGIONS = (
    "dmz",
    "pusan-perimeter",
    "iron-triangle",
    "mig-alley",
    "punchbowl",
    "manchuria",
    "korean-peninsula",
)
BIG_RIVERS = (
    "yalu-river",
    "tumen-river",
    "taedong-river",
    "imjin-river",
    "pukhan-river",
    "namhan-river",
    "naktong-river",
    "kum-river",
)


@cache
def features() -> tuple[dict, ...]:
    collection = json.loads((CURATED / "shapes.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    return tuple(collection["features"])


@cache
def places() -> dict[str, dict[str, str]]:
    with open(CURATED / "places.csv", encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def km_between(point: Point, geometry) -> float:
    """Distance in km from a point to a shape, in a local equirectangular frame (fine at these scales)."""
    scale = math.cos(math.radians(point.y))
    from shapely import affinity

    squashed = affinity.scale(geometry, xfact=scale, yfact=1.0, origin=(point.x, point.y))
    return squashed.distance(point) * 111.2


def rings(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield from ((index, ring) for index, ring in enumerate(polygon))


def signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def test_every_shape_has_a_sourced_known_place() -> None:
    ids = [feature["properties"]["id"] for feature in features()]
    assert len(ids) == len(set(ids))
    for feature in features():
        properties = feature["properties"]
        assert properties["id"] in places(), properties["id"]
        assert properties.get("source", "").strip(), properties["id"]


def test_geometry_type_fits_the_feature_class() -> None:
    for feature in features():
        place = places()[feature["properties"]["id"]]
        allowed = KINDS.get(place["feature"], set())
        assert feature["geometry"]["type"] in allowed, (
            place["id"],
            place["feature"],
            feature["geometry"]["type"],
        )


def test_rivers_lines_and_war_regions_all_have_shapes() -> None:
    """Rivers and lines are drawn; so are the regions a front or a map legend needs (provinces may stay points)."""
    shaped = {feature["properties"]["id"] for feature in features()}
    for place in places().values():
        if place["feature"] in {"river", "line"} or place["id"] in SHAPED_REGIONS:
            assert place["id"] in shaped, place["id"]


def test_geometries_are_valid_and_in_range() -> None:
    for feature in features():
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty, feature["properties"]["id"]
        lon_min, lat_min, lon_max, lat_max = geometry.bounds
        assert -180 <= lon_min <= lon_max <= 180 and -90 <= lat_min <= lat_max <= 90


def test_polygons_follow_the_right_hand_rule() -> None:
    for feature in features():
        if feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}:
            for index, ring in rings(feature["geometry"]):
                assert ring[0] == ring[-1], feature["properties"]["id"]
                exterior = index == 0
                assert (signed_area(ring) > 0) == exterior, (feature["properties"]["id"], index)


def test_representative_point_lies_on_or_near_its_shape() -> None:
    for feature in features():
        place = places()[feature["properties"]["id"]]
        point = Point(float(place["lon"]), float(place["lat"]))
        distance = km_between(point, shape(feature["geometry"]))
        assert distance <= 30, (place["id"], round(distance, 1))


@pytest.mark.parametrize("ident", BIG_RIVERS)
def test_big_rivers_have_enough_vertices(ident: str) -> None:
    geometry = next(f["geometry"] for f in features() if f["properties"]["id"] == ident)
    assert geometry["type"] == "LineString"
    assert len(geometry["coordinates"]) >= 15


def test_38th_parallel_runs_along_latitude_38_across_the_peninsula() -> None:
    geometry = next(f["geometry"] for f in features() if f["properties"]["id"] == "parallel-38")
    lons = [lon for lon, lat in geometry["coordinates"] if lat == 38.0]
    assert len(lons) == len(geometry["coordinates"])
    assert min(lons) <= 124.8 and max(lons) >= 128.5


def test_rivers_pass_their_riverside_towns() -> None:
    """Spot checks against GeoNames towns that stand on the banks (coordinates from cities500)."""
    towns = {  # river id: (lon, lat) of a riverside town
        "yalu-river": [
            (124.39806, 40.10056),
            (126.28944, 41.15472),
            (128.17778, 41.40167),
        ],  # Sinuiju, Manpo, Hyesan
        "tumen-river": [(129.74601, 42.44113)],  # Hoeryong
        "taedong-river": [(125.75432, 39.03385)],  # Pyongyang
        "han-river": [(126.9784, 37.566)],  # Seoul
        "naktong-river": [(128.39785, 35.99251)],  # Waegwan
        "kum-river": [(127.12472, 36.45556)],  # Gongju
        "chongchon-river": [(125.66472, 39.61778)],  # Anju
    }
    shapes = {f["properties"]["id"]: shape(f["geometry"]) for f in features()}
    for ident, points in towns.items():
        for lon, lat in points:
            assert km_between(Point(lon, lat), shapes[ident]) <= 6, (ident, lon, lat)

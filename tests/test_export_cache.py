"""One build, each feature once: the shared FeatureCache gives exactly the uncached output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.export import campaign_feature_collection, dumps  # noqa: E402
from warmap.features.geojson import FeatureCache  # noqa: E402
from warmap.features.geometry import GeometryMemo, _coordinates, _round, normalise_geometry  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402


def _slow(geometry: dict) -> dict | None:
    """normalise_geometry as it was: the same shapely steps, then round every float in Python."""
    geom = shape(geometry)
    if geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_valid:
        geom = shapely.make_valid(geom)
    geom = shapely.orient_polygons(shapely.set_precision(geom, 1e-6), exterior_cw=False)
    out = mapping(geom)
    return {"type": out["type"], "coordinates": _round(out["coordinates"])}


SHAPES = [
    {"type": "Point", "coordinates": [-0.0000001, 37.123456789]},  # snaps to -0.0: written 0.0
    {"type": "MultiPoint", "coordinates": [[126.1234567, 37.5], [127, 38]]},
    {"type": "LineString", "coordinates": [[126.0, 37.0, 5.0], [127.00000049, 38.1, 6.0000004]]},  # 3-D
    {"type": "MultiLineString", "coordinates": [[[126, 37], [127, 38]], [[128, 36], [129, 35.00000051]]]},
    {  # clockwise shell, a hole
        "type": "Polygon",
        "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]], [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]],
    },
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},  # a bow tie: made valid
    {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]]},
]


def test_fast_coordinates_equal_the_float_by_float_rounding() -> None:
    for geometry in SHAPES:
        assert json.dumps(normalise_geometry(geometry)) == json.dumps(_slow(geometry)), geometry["type"]
    assert normalise_geometry(SHAPES[0])["coordinates"][0] == 0.0
    assert str(normalise_geometry(SHAPES[0])["coordinates"][0]) == "0.0"  # not -0.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)), min_size=2, max_size=12))
def test_fast_path_is_taken_only_when_exact(points: list[tuple[float, float]]) -> None:
    line = shapely.LineString(points)
    fast = _coordinates(line)  # unsnapped coordinates: the fast path must refuse or agree exactly
    if fast is not None:
        assert fast[0] == _round(mapping(line)["coordinates"])
    snapped = shapely.set_precision(line, 1e-6)
    if not snapped.is_empty:
        coordinates, bounds = _coordinates(snapped)
        assert coordinates == _round(mapping(snapped)["coordinates"])
        assert bounds == shape({"type": "LineString", "coordinates": coordinates}).bounds


def test_memo_normalises_each_object_once_and_shares_the_result() -> None:
    memo = GeometryMemo()
    polygon = SHAPES[4]
    first = memo.normalised(polygon)
    assert memo.normalised(polygon) is first
    twin = json.loads(json.dumps(polygon))  # equal content, another object: computed afresh
    assert memo.normalised(twin) == first and memo.normalised(twin) is not first
    owner = object()
    point = memo.normalised({"type": "Point", "coordinates": [1, 2]}, owner)
    assert memo.normalised({"type": "Point", "coordinates": [1, 2]}, owner) is point
    assert memo.bounds(first) == (0.0, 0.0, 1.0, 1.0)
    for geometry in SHAPES:
        shaped = memo.normalised(geometry)
        assert memo.bounds(shaped) == shape(shaped).bounds
    assert memo.json(first, {"sort_keys": True}) == json.dumps(first, sort_keys=True)


def test_cached_collections_equal_uncached_and_share_geometries() -> None:
    campaign = synthetic_campaign()
    cache = FeatureCache()
    overview = campaign_feature_collection(campaign, cache=cache)
    assert campaign_feature_collection(campaign, cache=cache) is overview  # map and GeoJSON share it
    assert dumps(overview, cache) == dumps(campaign_feature_collection(campaign))
    shared = {id(f["geometry"]) for f in overview["features"] if f["geometry"]}
    for phase in campaign.phases:
        cached = campaign_feature_collection(campaign, phase, cache=cache)
        assert dumps(cached, cache) == dumps(campaign_feature_collection(campaign, phase))
        # a phase reuses the overview's normalised geometry objects instead of recomputing them
        assert {id(f["geometry"]) for f in cached["features"] if f["geometry"]} <= shared | {
            id(cache.memo.normalised(t.geometry)) for t in phase.territory
        }


def test_write_outputs_equals_files_made_without_the_cache(tmp_path: Path) -> None:
    from warmap.render import build_map, render_html

    campaign = synthetic_campaign()
    write_outputs(campaign, tmp_path, progress=False)
    assert (tmp_path / "campaign.geojson").read_text(encoding="utf-8") == dumps(
        campaign_feature_collection(campaign)
    )
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == render_html(build_map(campaign))
    phase_maps = sorted((tmp_path / "phases").glob("*.html"))
    assert len(phase_maps) == len(campaign.phases)
    for path, phase in zip(phase_maps, campaign.phases, strict=True):
        assert path.read_text(encoding="utf-8") == render_html(build_map(campaign, phase))


def test_dumps_with_cache_falls_back_for_unusual_collections() -> None:
    odd = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None, "properties": {}, "id": 1}]}
    assert dumps(odd, FeatureCache()) == dumps(odd)
    assert dumps({"type": "FeatureCollection", "features": []}, FeatureCache()) == dumps(
        {"type": "FeatureCollection", "features": []}
    )

"""Normalised geometries kept on disk between builds give exactly what normalising gives."""

from __future__ import annotations

import copy
import json
import marshal

import numpy

from warmap.features.geometry import GeometryMemo, normalise_geometry
from warmap.features.geometry_store import StoredGeometries, geometry_key

# A bow-tie (invalid: normalising repairs it), a clockwise square with off-grid corners, a line.
BOW_TIE = {"type": "Polygon", "coordinates": [[[126.0, 37.0], [127.0, 38.0], [127.0, 37.0], [126.0, 38.0], [126.0, 37.0]]]}
SQUARE = {"type": "Polygon", "coordinates": [[[125.0, 36.0], [125.0, 36.5000004], [125.5, 36.5], [125.5, 36.0], [125.0, 36.0]]]}
LINE = {"type": "LineString", "coordinates": [[124.1234567, 38.0], [128.9, 38.3000001]]}
SHAPES = [BOW_TIE, SQUARE, LINE]


def _text(geometry) -> str:
    return json.dumps(geometry, sort_keys=True)


def test_stored_results_are_what_normalising_gives(tmp_path) -> None:
    cold = GeometryMemo(StoredGeometries(tmp_path))
    assert [_text(cold.normalised(g)) for g in SHAPES] == [_text(normalise_geometry(g)) for g in SHAPES]
    cold.stored.save()
    assert len(list(tmp_path.glob("normalised-*.marshal"))) == 1

    warm_store = StoredGeometries(tmp_path)
    warm = GeometryMemo(warm_store)
    copies = [copy.deepcopy(g) for g in SHAPES]  # found by value, not by object
    assert [_text(warm.normalised(g)) for g in copies] == [_text(normalise_geometry(g)) for g in SHAPES]
    assert all(warm_store.get(geometry_key(g)) is not None for g in SHAPES)
    assert warm.bounds(warm.normalised(copies[1])) == (125.0, 36.0, 125.5, 36.5)


def test_a_different_value_is_a_different_entry(tmp_path) -> None:
    store = StoredGeometries(tmp_path)
    GeometryMemo(store).normalised(SQUARE)
    store.save()
    moved = copy.deepcopy(SQUARE)
    moved["coordinates"][0][1][1] = 36.6
    assert geometry_key(moved) != geometry_key(SQUARE)
    assert StoredGeometries(tmp_path).get(geometry_key(moved)) is None
    assert _text(GeometryMemo(StoredGeometries(tmp_path)).normalised(moved)) == _text(normalise_geometry(moved))


def test_an_unreadable_file_is_ignored_and_replaced(tmp_path) -> None:
    store = StoredGeometries(tmp_path)
    store.path.write_bytes(b"not marshal at all")
    memo = GeometryMemo(store)
    assert _text(memo.normalised(LINE)) == _text(normalise_geometry(LINE))
    store.save()
    with open(store.path, "rb") as handle:
        assert geometry_key(LINE) in marshal.load(handle)


def test_a_geometry_of_numpy_numbers_is_normalised_and_not_stored(tmp_path) -> None:
    odd = {"type": "Point", "coordinates": [numpy.float64(126.5), numpy.float64(37.5)]}
    assert geometry_key(odd) is None  # marshal would write the numbers as bytes: no key could tell them apart
    store = StoredGeometries(tmp_path)
    assert GeometryMemo(store).normalised(odd) == normalise_geometry(odd)
    store.save()
    assert not store.path.exists()


def test_the_land_layer_from_the_stored_results_is_the_one_simplified_now(tmp_path) -> None:
    from warmap.render.land import _default_key, land_layer_data
    from warmap.wars import load_war

    fresh = land_layer_data()
    assert fresh["features"], "the bundled land layer is not empty"
    store = StoredGeometries(tmp_path)
    assert _text(land_layer_data(stored=store)) == _text(fresh)
    store.save()
    warm = StoredGeometries(tmp_path)
    assert warm.get(_default_key(load_war())) is not None
    assert _text(land_layer_data(stored=warm)) == _text(fresh)


def test_a_page_built_from_the_stored_results_is_the_page_built_without(tmp_path) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
    from warmap_synthetic import synthetic_campaign

    from warmap.features.geojson import FeatureCache
    from warmap.render import build_map, render_html
    from warmap.render import features as render_features

    campaign = synthetic_campaign()
    plain = render_html(build_map(campaign))
    areas = [f for f in FeatureCache().collection(campaign)["features"]
             if f["geometry"] and f["geometry"]["type"] not in ("Point", "MultiPoint")
             and f["properties"]["kind"] == "place"]
    assert areas, "the synthetic campaign has a place drawn as an area"
    for attempt in range(2):  # cold (computed and stored), then warm (read back)
        store = StoredGeometries(tmp_path)
        render_features._OUTLINES.clear()
        render_features._REPRESENTATIVE.clear()
        assert render_html(build_map(campaign, cache=FeatureCache(store))) == plain, attempt
        store.save()
    with open(store.path, "rb") as handle:
        entries = marshal.loads(handle.read())
    outlines = [entry for entry in entries.values() if entry[1] is None and isinstance(entry[0], dict)
                and entry[0].get("type") in ("LineString", "MultiLineString", "Polygon", "MultiPolygon")]
    assert outlines, "place outlines are kept with the stored results"


def test_the_traditional_side_names_come_back_from_the_stored_results_without_opening_opencc(tmp_path) -> None:
    from warmap.render import styles

    styles._CONVERTED.clear()
    plain = styles.ui_strings()
    assert any(tag.endswith("-Hant") for tag in plain), "the interface has a traditional Chinese table"
    store = StoredGeometries(tmp_path)
    styles._CONVERTED.clear()
    assert styles.ui_strings(stored=store) == plain
    store.save()
    styles._CONVERTED.clear()
    styles._s2t.cache_clear()
    assert styles.ui_strings(stored=StoredGeometries(tmp_path)) == plain
    assert styles._s2t.cache_info().misses == 0  # the conversion tables were never opened


def test_geojson_text_from_the_stored_results_is_json_dumps(tmp_path) -> None:
    options = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    for _ in range(2):  # cold, then warm
        store = StoredGeometries(tmp_path)
        memo = GeometryMemo(store)
        for shape in SHAPES:
            normalised = memo.normalised(copy.deepcopy(shape))
            assert memo.json(normalised, options) == json.dumps(normalise_geometry(shape), **options)
        assert memo.json(None, options) == "null"
        store.save()

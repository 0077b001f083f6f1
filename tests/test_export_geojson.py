"""campaign.geojson: RFC 7946, valid, deterministic, and faithful to the campaign."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas
import shapely
from shapely.geometry import shape

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import EN_TEXT, synthetic_campaign  # noqa: E402

from warmap.export import campaign_feature_collection, dumps  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402


def _by_id(collection: dict) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in collection["features"]}


def test_byte_identical_across_two_runs(tmp_path: Path) -> None:
    first = write_outputs(synthetic_campaign(), tmp_path / "a", progress=False)
    second = write_outputs(synthetic_campaign(), tmp_path / "b", progress=False)
    for a, b in zip(first, second, strict=True):
        if a.suffix in (".geojson", ".csv"):
            assert a.read_bytes() == b.read_bytes(), a.name
    assert (
        dumps(campaign_feature_collection(synthetic_campaign()))
        == (tmp_path / "a" / "campaign.geojson").read_text()
    )


def test_rfc7946_valid_and_right_hand_rule() -> None:
    collection = json.loads(dumps(campaign_feature_collection(synthetic_campaign())))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert kinds == {"place", "event", "front", "territory"}
    for feature in collection["features"]:
        props = feature["properties"]
        assert {"kind", "id", "names", "sources", "start", "end"} <= set(props)
        if feature["geometry"] is None:
            assert props["kind"] == "event"  # an undated, unlocated event is kept with a null geometry
            continue
        geom = shape(feature["geometry"])
        assert geom.is_valid, props["id"]
        text = json.dumps(feature["geometry"])
        assert all(len(n.split(".")[1]) <= 6 for n in __import__("re").findall(r"-?\d+\.\d+", text))
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, props["id"]
                assert all(not ring.is_ccw for ring in polygon.interiors)
    seoul = _by_id(collection)["geonames:1835848"]
    assert seoul["geometry"]["coordinates"] == [126.978, 37.566]  # lon before lat


def test_place_features_carry_every_sentence_and_dates() -> None:
    features = _by_id(campaign_feature_collection(synthetic_campaign()))
    seoul = features["geonames:1835848"]["properties"]
    assert seoul["kind"] == "place" and seoul["names"]["ko"] == "서울" and seoul["names"]["zh"] == "汉城"
    docs = sorted((s["doc"], s["text"]) for s in seoul["sources"])
    assert docs == [
        ("en-synthetic.txt", "Seoul fell on 28 June 1950."),
        ("zh-synthetic.txt", "汉城再度易手。"),
    ]
    en = next(s for s in seoul["sources"] if s["doc"] == "en-synthetic.txt")
    assert EN_TEXT[en["start"] : en["end"]].strip() == en["text"]  # source offsets point at the sentence
    assert (seoul["start"], seoul["end"]) == ("1950-06-28", "1950-06-28")
    daegu = features["geonames:1835329"]["properties"]
    assert (daegu["start"], daegu["end"]) == ("1950-08-04", "1950-09-18")
    assert features["geonames:1838524"]["properties"]["start"] is None  # Busan: mentioned, in no dated event
    assert sum(1 for f in features.values() if f["properties"]["kind"] == "place") == 6  # one per place


def test_event_front_territory_properties() -> None:
    features = _by_id(campaign_feature_collection(synthetic_campaign()))
    inchon = features["ev-inchon"]["properties"]
    assert inchon["type"] == "landing" and inchon["conflicts"][0]["field"] == "start"
    assert {s["doc"] for s in inchon["sources"]} == {"en-synthetic.txt", "zh-synthetic.txt"}
    front = features["front-text-chongchon"]["properties"]
    assert (front["origin"], front["phase"]) == ("text", "02-counteroffensive")
    territory = features["territory:un:1950-08-04"]["properties"]
    assert territory["side"] == "un" and territory["phase"] == "01-invasion" and territory["names"]["en"]


def test_territory_of_one_date_does_not_overlap() -> None:
    features = campaign_feature_collection(synthetic_campaign())["features"]
    on_date = [
        shape(f["geometry"])
        for f in features
        if f["properties"]["kind"] == "territory" and f["properties"]["start"] == "1950-08-04"
    ]
    assert len(on_date) == 2 and on_date[0].intersection(on_date[1]).area < 1e-9


def test_phase_filter_keeps_its_own_share() -> None:
    campaign = synthetic_campaign()
    invasion = _by_id(campaign_feature_collection(campaign, campaign.phases[0]))
    assert {"ev-seoul-falls", "ev-pusan-perimeter"} <= set(invasion) and "ev-inchon" not in invasion
    assert {"front-38th-parallel", "front-pusan-perimeter"} <= set(
        invasion
    ) and "front-text-chongchon" not in invasion
    assert "geonames:1835329" in invasion and "geonames:1871859" not in invasion  # Daegu yes, Pyongyang no
    assert all(
        f["properties"]["phase"] == "01-invasion" for k, f in invasion.items() if k.startswith("territory")
    )


def test_loads_in_geopandas(tmp_path: Path) -> None:
    write_outputs(synthetic_campaign(), tmp_path, progress=False)
    frame = geopandas.read_file(tmp_path / "campaign.geojson")
    assert len(frame) == len(json.loads((tmp_path / "campaign.geojson").read_text())["features"])
    assert set(frame["kind"]) == {"place", "event", "front", "territory"}
    assert frame.crs.to_epsg() == 4326
    assert shapely.is_valid(frame.geometry.dropna()).all()

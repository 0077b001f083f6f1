"""Linked Places Format: every feature validates against the World Historical Gazetteer's schema.

The schema is vendored unchanged in tests/data/lpf/ (its README says where from); it is
applied per feature, as the WHG's own upload validator does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.export.lpf import CONTEXT, write_lpf  # noqa: E402

SCHEMA = Path(__file__).parent / "data" / "lpf" / "schema_lpf_v1.2.json"
INCHON_TITLES = {e.id: e.title for e in synthetic_campaign().events}["ev-inchon"]  # every language it is titled in


def lpf_errors(collection: dict) -> list[str]:
    """What the WHG validator would say: the collection's shape, then each feature's schema errors."""
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = []
    if collection.get("type") != "FeatureCollection" or not collection.get("@context") or not collection.get("features"):
        errors.append("not a GeoJSON-LD FeatureCollection")
    for feature in collection.get("features", []):
        errors += [f"{feature.get('@id')}: {e.message}" for e in validator.iter_errors(feature)]
    return errors


@pytest.fixture(scope="module")
def collection() -> dict:
    return synthetic_campaign().to_lpf()


def test_validates_against_the_published_schema(collection) -> None:
    assert collection["@context"] == CONTEXT
    assert lpf_errors(collection) == []


def test_the_validator_can_fail(collection) -> None:
    broken = json.loads(json.dumps(collection))
    broken["features"][0]["names"][0]["citations"][0]["label"] = "two\nlines"
    del broken["features"][1]["names"]
    broken["features"][2]["when"] = {"timespans": [{"end": {"in": "1950"}}]}
    assert len(lpf_errors(broken)) == 3


def test_places_are_attested_by_the_sentences_that_name_them(collection) -> None:
    seoul = next(f for f in collection["features"] if f["@id"] == "urn:warmap:place:geonames:1835848")
    assert seoul["properties"]["title"] == "Seoul"
    assert seoul["links"] == [{"type": "closeMatch", "identifier": "gn:1835848"}]
    attested = [n for n in seoul["names"] if n.get("citations")]
    assert {(n["toponym"], n["lang"]) for n in attested} >= {("Seoul", "en")}
    assert all(c["label"].startswith(("en-synthetic.txt [", "zh-synthetic.txt [")) for n in attested for c in n["citations"])
    assert seoul["when"] == {"timespans": [{"start": {"in": "1950-06-28"}}]}  # the fall of Seoul
    assert seoul["geometry"]["type"] == "GeometryCollection"
    assert seoul["types"] == [{"identifier": "aat:300008389", "label": "cities", "sourceLabel": "city"}]


def test_events_keep_their_dates_type_and_places(collection) -> None:
    inchon = next(f for f in collection["features"] if f["@id"] == "urn:warmap:event:ev-inchon")
    assert inchon["when"] == {"timespans": [{"start": {"in": "1950-09-15"}, "end": {"in": "1950-09-19"}}]}
    assert inchon["types"] == [{"label": "landing", "sourceLabel": "landing"}]
    assert inchon["properties"]["event_type"] == "landing"
    assert {n["lang"]: n["toponym"] for n in inchon["names"]} == INCHON_TITLES
    assert all(n["citations"] for n in inchon["names"])
    assert all(p.startswith("urn:warmap:place:") for p in inchon["properties"]["places"])
    undated = next(f for f in collection["features"] if f["@id"] == "urn:warmap:event:ev-undated")
    assert "when" not in undated and "geometry" not in undated


def test_written_file_is_deterministic(tmp_path: Path) -> None:
    first = write_lpf(synthetic_campaign(), tmp_path / "a.lpf.json").read_bytes()
    second = write_lpf(synthetic_campaign(), tmp_path / "b.lpf.json").read_bytes()
    assert first == second
    assert lpf_errors(json.loads(first)) == []

"""The build: deterministic bytes, curated rows checked, the land layer, the index's size."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from warmap.errors import InputError
from warmap.fronts.territory import ship_cuts
from warmap.gazetteer import Gazetteer, land_features, land_geometry
from warmap.gazetteer.build import build_gazetteer
from warmap.gazetteer.curated import FEATURES, read_corrections, read_curated, read_names, read_places
from warmap.paths import gazetteer_dir

CURATED = gazetteer_dir() / "curated"
LINE_FEATURES = {"river", "line"}
AREA_FEATURES = {"region", "lake", "sea"}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    """Two builds from one frozen copy of the curated files (they may be edited while tests run)."""
    frozen = tmp_path_factory.mktemp("curated")
    for path in CURATED.glob("*"):
        if path.is_file():
            shutil.copy2(path, frozen / path.name)
    builds = []
    for name in ("first", "second"):
        folder = tmp_path_factory.mktemp(name)  # as `warmap gazetteer build` does: the index, then the cut
        builds.append(build_gazetteer(folder, curated_dir=frozen) + ship_cuts(folder))
    return builds[0], builds[1]


def test_build_is_byte_identical(two_builds: tuple[list[Path], list[Path]]) -> None:
    first, second = two_builds
    assert (
        [p.name for p in first]
        == [p.name for p in second]
        == ["land.geojson", "gazetteer.sqlite", "places.tsv", "territory-korea.json.gz"]
    )
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_bundled_files_are_up_to_date(two_builds: tuple[list[Path], list[Path]]) -> None:
    """The committed files are what `warmap gazetteer build` makes of the committed inputs."""
    for built in two_builds[0]:
        bundled = gazetteer_dir() / built.name
        assert bundled.read_bytes() == built.read_bytes(), f"{bundled} is stale: run `warmap gazetteer build`"


def test_built_index_is_small_and_loads(two_builds: tuple[list[Path], list[Path]]) -> None:
    first, _ = two_builds
    assert sum(p.stat().st_size for p in first) < 25_000_000
    built = Gazetteer.load(first[1])
    assert built.lookup("Seoul")[0].place.country == "KR"
    assert built.lookup("漢城")[0].place.name == "Seoul"
    with first[2].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) > 5000 and rows == sorted(rows, key=lambda r: r["place_id"])


def test_every_curated_row_has_a_source() -> None:
    for name in ("places.csv", "names.csv"):
        path = CURATED / name
        if not path.is_file():
            pytest.skip(f"{path} not written yet")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
        assert rows, name
        assert all((r.get("source") or "").strip() for r in rows), [
            r for r in rows if not (r.get("source") or "").strip()
        ]
    shapes = CURATED / "shapes.geojson"
    if shapes.is_file():
        for feature in json.loads(shapes.read_text(encoding="utf-8"))["features"]:
            assert feature["properties"].get("source"), feature["properties"]


def test_curated_files_agree_with_each_other() -> None:
    """Names and shapes must point at places that exist (the build skips and warns about the others)."""
    assert read_curated(CURATED).problems == []


def test_curated_features_and_geometry_types() -> None:
    curated = read_curated(CURATED)
    if not curated.places:
        pytest.skip("no curated places yet")
    assert all(p["feature"] in FEATURES for p in curated.places)
    features = {p["id"]: p["feature"] for p in curated.places}
    for place_id, geometry in curated.shapes.items():
        if place_id not in features:
            continue  # reported by test_curated_files_agree_with_each_other
        geom = shape(geometry)
        assert geom.is_valid, place_id
        if features[place_id] in LINE_FEATURES:
            assert geometry["type"] in ("LineString", "MultiLineString"), place_id
        if features[place_id] in AREA_FEATURES and features[place_id] != "sea":
            assert geometry["type"] in ("Polygon", "MultiPolygon", "LineString", "MultiLineString"), place_id
    gaz = Gazetteer.load()
    for place in curated.places:
        built = gaz.get(f"curated:{place['id']}")
        assert built is not None and built.feature == place["feature"], place["id"]
        if place["id"] in curated.shapes:
            assert built.geometry["type"] == curated.shapes[place["id"]]["type"]
            representative = Point(place["lon"], place["lat"])
            assert shape(built.geometry).distance(representative) < 1.0, place["id"]  # degrees: same place


def test_rivers_are_lines_once_shapes_exist() -> None:
    curated = read_curated(CURATED)
    rivers = [p["id"] for p in curated.places if p["feature"] == "river"]
    if not curated.shapes or not rivers:
        pytest.skip("no curated shapes yet")
    shaped = [r for r in rivers if r in curated.shapes]
    assert shaped, "no river has a shape"
    assert all(curated.shapes[r]["type"] in ("LineString", "MultiLineString") for r in shaped)


def test_bad_curated_rows_stop_the_build(tmp_path: Path) -> None:
    header = "id,feature,name,lat,lon,country,source,note\n"
    cases = {
        "no source": "imjin,river,Imjin River,38,127,KR,,\n",
        "unknown feature": "imjin,creek,Imjin River,38,127,KR,somewhere,\n",
        "outside": "imjin,river,Imjin River,98,127,KR,somewhere,\n",
        "not a number": "imjin,river,Imjin River,north,127,KR,somewhere,\n",
    }
    for problem, row in cases.items():
        path = tmp_path / "places.csv"
        path.write_text(header + row, encoding="utf-8")
        with pytest.raises(InputError) as error:
            read_places(path)
        assert "places.csv:2" in str(error.value), problem
    names = tmp_path / "names.csv"
    names.write_text("id,lang,name,source\nimjin,xx,臨津江,somewhere\n", encoding="utf-8")
    with pytest.raises(InputError, match="language tag"):
        read_names(names)
    names.write_text("id,lang,name,source\nimjin,zh-Hant,臨津江,\n", encoding="utf-8")
    with pytest.raises(InputError, match="no source"):
        read_names(names)
    (tmp_path / "places.csv").write_text(
        header + "imjin,river,Imjin River,38,127,KR,somewhere,\n", encoding="utf-8"
    )
    corrections = tmp_path / "corrections.csv"
    for row, problem in [
        ("geonames:1,colour,red,somewhere", "unknown field"),
        ("geonames:1,lat,95,somewhere", "outside"),
        ("geonames:1,population,many,somewhere", "whole number"),
        ("geonames:1,drop,,", "no source"),
        ("geonames:1,name,,somewhere", "needs a value"),
        ("curated:imjin,drop,,somewhere", "only geonames"),
    ]:
        corrections.write_text(f"place_id,field,value,source\n{row}\n", encoding="utf-8")
        with pytest.raises(InputError, match=problem) as error:
            read_corrections(corrections)
        assert "corrections.csv:2" in str(error.value)
    corrections.unlink()
    names.write_text("id,lang,name,source\nhan,zh-Hant,漢江,somewhere\n", encoding="utf-8")
    assert read_curated(tmp_path).problems == [
        f"{names}: id 'han' is not a curated place, geonames:<id> or ne:<A3>"
    ]


def test_land_layer() -> None:
    features = land_features()
    by_iso = {f["properties"]["iso_a2"]: f for f in features}
    assert {"KR", "KP", "CN", "RU", "JP"} <= set(by_iso)
    assert by_iso["KR"]["properties"]["detail"] == "10m" and by_iso["KP"]["properties"]["detail"] == "10m"
    peninsula = land_geometry()
    assert peninsula.is_valid and not peninsula.is_empty
    assert peninsula.contains(Point(126.9784, 37.566)) and peninsula.contains(Point(125.75432, 39.03385))
    assert not peninsula.contains(Point(124.39472, 40.12917))  # Dandong is in China
    assert land_geometry(("CN",)).contains(Point(124.39472, 40.12917))
    assert land_geometry(("KP", "KR")) is land_geometry(("KR", "KP"))  # cached, order-free
    for feature in features:  # RFC 7946: exteriors counter-clockwise
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert polygon.exterior.is_ccw
    assert shapely.get_num_coordinates(shape(by_iso["KR"]["geometry"])) > 2000


def test_a_bad_curated_row_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "curated"
    bad.mkdir()
    (bad / "places.csv").write_text(
        "id,feature,name,lat,lon,country,source,note\nimjin,river,Imjin River,38,127,KR,,\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    with pytest.raises(InputError, match="no source"):
        build_gazetteer(out, curated_dir=bad)
    assert not out.exists() or not any(out.iterdir())

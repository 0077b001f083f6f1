"""Curated fronts and the territory split: coverage, orientation against historical facts, RFC 7946."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, Point, shape

from warmap.errors import InputError
from warmap.fronts import front_on, load_fronts, side_at, territory_for, territory_timeline, timeline
from warmap.fronts.geometry import coarse_land, frame_for, line_parts, polygons_of
from warmap.gazetteer import land_geometry
from warmap.wars import load_war

FACTS = Path(__file__).parent / "facts" / "control.csv"


@pytest.fixture(scope="module")
def land():
    return land_geometry(("KR", "KP"))


@pytest.fixture(scope="module")
def fronts():
    return load_fronts()


@pytest.fixture(scope="module")
def territories(fronts, land):
    return territory_timeline(fronts, land)


def _spans(territories):
    spans: dict[tuple[str, str | None], list] = {}
    for territory in territories:
        spans.setdefault((territory.start, territory.end), []).append(territory)
    return spans


def test_curated_fronts_cover_the_war_at_its_grain(fronts):
    assert len(fronts) >= 25
    ids = [f.id for f in fronts]
    assert len(ids) == len(set(ids))
    for front in fronts:
        assert front.origin == "curated"
        assert front.names["en"] and front.names["zh"]
        assert front.source_note
        assert front.geometry["type"] in ("LineString", "MultiLineString")
        for part in line_parts(front.geometry):
            assert all(124 <= lon <= 131.5 and 33 <= lat <= 43 for lon, lat in part), front.id
    starts = {f.start for f in fronts}
    for needed in ("1950-06-25", "1950-08-04", "1950-11-21", "1951-01-04", "1951-11-27", "1953-07-27"):
        assert needed in starts


def test_lines_run_coast_to_coast(fronts, land):
    """Every line starts and ends at sea, its prolongation to the frame crosses no land, and it cuts the mainland."""
    coarse = coarse_land(land)
    frame = frame_for(coarse)
    mainland = max(polygons_of(coarse), key=lambda p: p.area)
    for front in fronts:
        for part in line_parts(front.geometry):
            assert not coarse.contains(Point(part[0])), (front.id, part[0])
            assert not coarse.contains(Point(part[-1])), (front.id, part[-1])
            ends = [LineString([part[0], _edge(part[0], frame)]), LineString([part[-1], _edge(part[-1], frame)])]
            assert not any(end.intersects(mainland) for end in ends), front.id
            assert LineString(part).intersects(mainland), front.id


def _edge(point, frame):
    from warmap.fronts.geometry import extend_to_frame

    return extend_to_frame([point, point], frame).coords[0]


def test_timeline_has_no_gaps_or_overlaps(fronts):
    spans = timeline(fronts)
    assert spans[0][0] == "1950-06-25"
    assert spans[-1][1] is None and spans[-1][2].id.startswith("1953-07-27")
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        assert date.fromisoformat(end) + timedelta(days=1) == date.fromisoformat(start)
    assert front_on(fronts, "1950-11-24").id == "1950-11-24-farthest-advance"
    assert front_on(fronts, "1960-01-01").id == "1953-07-27-armistice"
    assert front_on(fronts, "1949-01-01") is None


def test_territory_tiles_the_land_on_every_date(territories, land):
    coarse_area = coarse_land(land).area
    spans = _spans(territories)
    assert len(spans) >= 30
    keys = sorted(spans, key=lambda k: k[0])
    for (_, end), (start, _) in zip(keys, keys[1:], strict=False):
        assert date.fromisoformat(end) + timedelta(days=1) == date.fromisoformat(start)
    for key, pieces in spans.items():
        shapes = [shape(t.geometry) for t in pieces]
        assert len({t.side for t in pieces}) == len(pieces), key
        union = shapely.union_all(shapes)
        assert abs(union.area - coarse_area) / coarse_area < 1e-4, key
        for a, b in combinations(shapes, 2):
            assert a.intersection(b).area < 1e-5, key


def test_geometry_is_rfc7946(territories):
    for territory in territories:
        geometry = territory.geometry
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for rings in polygons:
            assert shapely.LinearRing(rings[0]).is_ccw
            for ring in rings:
                for lon, lat in ring:
                    assert round(lon, 5) == lon and round(lat, 5) == lat
        assert shape(geometry).is_valid


def test_every_dated_fact_falls_on_the_right_side(territories):
    with open(FACTS, encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle))
    assert len(facts) >= 40
    wrong = []
    for fact in facts:
        side = side_at(territories, float(fact["lon"]), float(fact["lat"]), fact["date"])
        if side != fact["side"]:
            wrong.append(f"{fact['date']} {fact['place']}: expected {fact['side']}, got {side}")
    assert not wrong, "\n".join(wrong)


def test_pusan_perimeter_is_a_pocket(fronts, land):
    perimeter = front_on(fronts, "1950-08-20")
    sides = {t.side: shape(t.geometry) for t in territory_for(perimeter, land, "1950-08-20")}
    un = sides["un"]
    assert un.contains(Point(129.04, 35.10)) and un.contains(Point(128.60, 35.87))  # Busan, Taegu
    assert sides["communist"].contains(Point(126.85, 35.16))  # Kwangju, south-west of the pocket
    assert un.area < 0.25 * (un.area + sides["communist"].area)


def test_after_inchon_the_middle_is_contested(fronts, land):
    breakout = front_on(fronts, "1950-09-25")
    sides = {t.side: shape(t.geometry) for t in territory_for(breakout, land, "1950-09-25")}
    assert set(sides) == {"un", "communist", "contested"}
    assert sides["contested"].contains(Point(127.385, 36.35))  # Taejon
    assert sides["un"].contains(Point(126.705, 37.456))  # Inchon beachhead
    assert sides["communist"].contains(Point(125.738, 39.019))


def test_islands_go_with_their_holder_not_the_line(fronts, land):
    line = front_on(fronts, "1952-06-01")
    sides = {t.side: shape(t.geometry) for t in territory_for(line, land, "1952-06-01")}
    assert sides["un"].distance(Point(124.835, 38.535)) < 0.01  # Cho-do, north of the line
    assert sides["communist"].distance(Point(124.835, 38.535)) > 0.01
    after = {t.side: shape(t.geometry) for t in territory_for(front_on(fronts, "1953-08-01"), land, "1953-08-01")}
    assert after["communist"].distance(Point(124.835, 38.535)) < 0.01


def test_no_line_means_the_whole_land_is_contested(land):
    pieces = territory_for(None, land, "1950-09-20", holdings=[])
    assert [p.side for p in pieces] == ["contested"]
    assert abs(shape(pieces[0].geometry).area - coarse_land(land).area) < 1e-3


def test_output_is_deterministic_and_small(fronts, land, territories):
    again = territory_timeline(load_fronts(), land)
    first = json.dumps([t.geometry for t in territories], sort_keys=True)
    assert first == json.dumps([t.geometry for t in again], sort_keys=True)
    assert len(first.encode()) < 2_000_000


def _write(folder: Path, line: str, held: str = "Busan", other: str = "Kanggye", start: str = "1950-06-25") -> None:
    source = load_war().fronts_dir
    for name in ("anchors.csv", "islands.csv"):
        (folder / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "fronts.csv").write_text(
        "id,start,end,name_en,name_zh,line,un_held,communist_held,source,note\n"
        f'x,{start},,X,,"{line}",{held},{other},test,\n',
        encoding="utf-8",
    )


def test_bad_front_data_is_an_input_error(tmp_path, land):
    _write(tmp_path, "38.0,124.3;Atlantis")
    with pytest.raises(InputError, match="Atlantis"):
        load_fronts(folder=tmp_path)
    _write(tmp_path, "38.0,124.3;38.0,129.3", start="1950-13-01")
    with pytest.raises(InputError, match="ISO date"):
        load_fronts(folder=tmp_path)
    _write(tmp_path, "38.0,124.3;38.0,129.3", held="Busan;Pyongyang")
    (front,) = load_fronts(folder=tmp_path)
    with pytest.raises(InputError, match="same side"):
        territory_for(front, land, "1950-06-25")


def test_side_comes_from_held_places_not_from_the_south(tmp_path, land):
    """A line whose held places say the north is the UN's gives the north to the UN."""
    _write(tmp_path, "38.0,124.3;38.0,129.3", held="Pyongyang", other="Busan")
    (front,) = load_fronts(folder=tmp_path)
    sides = {t.side: shape(t.geometry) for t in territory_for(front, land, "1950-06-25", holdings=[])}
    assert sides["un"].contains(Point(125.738, 39.019))
    assert sides["communist"].contains(Point(129.04, 35.10))


def test_gazetteer_gives_ids_but_never_moves_a_line(fronts):
    from warmap.gazetteer import Gazetteer

    with_ids = load_fronts(Gazetteer.load())
    assert [f.geometry for f in with_ids] == [f.geometry for f in fronts]
    named = {a for f in with_ids for a in f.anchors if not a[0].isdigit()}
    assert named and all(":" in a for a in named), named  # Waegwan, Panmunjom… resolved to place ids

"""The page's size: shapes share one table of points, outlines fit the view, the overview stays in budget."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser import chromium, serve_folder  # noqa: E402

from warmap.campaign import Campaign  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402
from warmap.render.features import place_outline  # noqa: E402
from warmap.render.shared import PointTable, share_points  # noqa: E402

OVERVIEW_BUDGET = 1_200_000  # bytes: issue 15's budget for the bundled texts' index.html

SQUARE = [[126.0, 37.0], [127.0, 37.0], [127.0, 38.0], [126.0, 38.0], [126.0, 37.0]]


def test_a_ring_traced_again_is_one_run_and_a_reversed_one_runs_backwards() -> None:
    table = PointTable()
    assert table.runs(SQUARE, True) == [0, 4]  # the closing point is the decoder's to add
    assert table.runs(SQUARE, True) == [0, 4]
    assert table.runs(SQUARE[::-1], True) == [0, 1, 3, -3]
    assert table.runs([[126.0, 37.0], [125.5, 36.5], [127.0, 37.0]], False) == [0, 1, 4, 1, 1, 1]
    assert table.table() == [12600000, 3700000, 100000, 0, 0, 100000, -100000, 0, -50000, -150000]


def test_only_lines_and_areas_are_shared_and_the_table_comes_with_them() -> None:
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [126.5, 37.5]}, "properties": {}}
    area = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [SQUARE]}, "properties": {"t0": 0}}
    shared = share_points({"events": [point], "territory": [area, area]})
    assert shared["events"]["features"][0] == point
    assert [f["geometry"] for f in shared["territory"]["features"]] == [{"type": "Polygon", "runs": [[0, 4]]}] * 2
    assert len(shared["points"]) == 8


def test_outlines_are_clipped_to_the_view_and_the_theatre_kept_as_it_is() -> None:
    inside = {"type": "Polygon", "coordinates": [SQUARE]}
    assert place_outline(inside) is inside
    far = {"type": "Polygon", "coordinates": [[[-100.0, 50.0], [-90.0, 50.0], [-90.0, 60.0], [-100.0, 50.0]]]}
    assert place_outline(far) is None  # Canada is not in a map of Korea
    across = {"type": "LineString", "coordinates": [[100.0, 40.0], [126.0, 40.0]]}
    assert place_outline(across) == {"type": "LineString", "coordinates": [[112.0, 40.0], [126.0, 40.0]]}
    country = {"type": "Polygon", "coordinates": [[[100.0, 30.0], [120.0, 30.0], [120.0, 40.0], [100.0, 30.0]]]}
    edges = place_outline(country)  # the view's edge (112°E) is not drawn as the country's border
    assert edges is not None and edges["type"] in ("LineString", "MultiLineString")
    lines = edges["coordinates"] if edges["type"] == "MultiLineString" else [edges["coordinates"]]
    assert lines and not any(a[0] == b[0] == 112.0 for line in lines for a, b in zip(line, line[1:], strict=False))


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus-size")
    write_outputs(Campaign.from_sources([], offline=True), out, progress=False)
    return out


def test_the_overview_page_stays_within_the_size_budget(corpus_out: Path) -> None:
    overview = (corpus_out / "index.html").stat().st_size
    assert overview <= OVERVIEW_BUDGET, f"index.html is {overview:,} bytes, over {OVERVIEW_BUDGET:,}"
    phases = sorted((corpus_out / "phases").glob("*.html"))
    assert phases and all(p.stat().st_size < overview for p in phases)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_page_gets_back_the_geojson_coordinates_of_every_territory_and_front(corpus_out: Path) -> None:
    features = json.loads((corpus_out / "campaign.geojson").read_text(encoding="utf-8"))["features"]
    wanted = {f["properties"]["id"]: f["geometry"] for f in features if f["properties"]["kind"] in ("territory", "front")}
    with serve_folder(corpus_out) as base, chromium() as browser:
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(f"{base}/index.html")
        page.wait_for_function("window.warmap && window.warmap.started")
        drawn = page.evaluate(
            """() => Object.fromEntries(['territory', 'curated', 'text'].flatMap(k => warmap.data[k].features)
                 .map(f => [f.properties.id, f.geometry]))"""
        )
        land = page.evaluate("() => warmap.data.land.features.length")
        page.close()
    assert land > 0
    assert drawn and set(drawn) <= set(wanted)
    assert sum(1 for key in drawn if key.startswith("territory:")) > 10
    for key, geometry in drawn.items():
        assert geometry == wanted[key], key

"""Export formats by name: the registry, GeoParquet, the features CSV, and `warmap build --export`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas
import pandas
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.errors import InputError  # noqa: E402
from warmap.export.formats import FORMATS, WRITERS, format_for  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INCHON_TITLES = {e.id: e.title for e in synthetic_campaign().events}["ev-inchon"]  # every language it is titled in


@pytest.fixture(scope="module")
def campaign():
    return synthetic_campaign()


def test_every_format_has_a_writer_and_is_found_by_suffix() -> None:
    assert set(FORMATS) == set(WRITERS) == {"geojson", "gpkg", "csv", "lpf", "parquet"}
    assert format_for(Path("a/korea.lpf.json")).name == "lpf"
    assert format_for(Path("korea.GeoJSON")).name == "geojson"
    assert format_for(Path("korea.parquet")).name == "parquet"
    with pytest.raises(InputError, match="cannot tell the export format"):
        format_for(Path("korea.txt"))
    with pytest.raises(InputError, match="unknown export format"):
        format_for(Path("korea.txt"), "shp")


def test_geoparquet_round_trips_with_json_text_columns(campaign, tmp_path: Path) -> None:
    path = campaign.to_geoparquet(tmp_path / "campaign.parquet")
    frame = geopandas.read_parquet(path)
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == len(campaign.to_geojson()["features"])
    events = frame[frame.kind == "event"].set_index("id")
    assert events.loc["ev-inchon", "event_type"] == "landing"
    assert events.loc["ev-inchon", "start_date"] == pandas.Timestamp("1950-09-15")
    assert json.loads(events.loc["ev-inchon", "names"]) == INCHON_TITLES
    sources = json.loads(events.loc["ev-inchon", "sources"])
    assert sources and set(sources[0]) == {"doc", "start", "end", "text"}
    places = frame[frame.kind == "place"]
    assert str(places.mentions.dtype) == "Int64"
    only = geopandas.read_parquet(campaign.to_geoparquet(tmp_path / "events.parquet", kind="event"))
    assert set(only.kind) == {"event"}


def test_features_csv_has_wkt_and_iso_dates(campaign, tmp_path: Path) -> None:
    path = campaign.export(tmp_path / "campaign.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    inchon = next(r for r in rows if r["id"] == "ev-inchon")
    assert (inchon["event_type"], inchon["start_date"], inchon["end_date"], inchon["date_precision"]) == (
        "landing",
        "1950-09-15",
        "1950-09-19",
        "day",
    )
    assert inchon["wkt"].startswith("POINT")
    assert json.loads(inchon["places"])  # a JSON list of place ids
    leaflet = next(r for r in rows if r["id"] == "ev-leaflet")
    assert leaflet["name"].startswith("<img")  # text kept as text; nothing starts with = + - @


def test_build_writes_the_formats_asked_for(campaign, tmp_path: Path) -> None:
    written = write_outputs(campaign, tmp_path, gpkg=True, exports=["lpf", "parquet", "csv", "gpkg"], progress=False)
    names = {p.name for p in written}
    assert {"campaign.gpkg", "campaign.lpf.json", "campaign.parquet", "campaign.csv", "campaign.geojson"} <= names
    assert sum(1 for p in written if p.name == "campaign.gpkg") == 1
    assert json.loads((tmp_path / "campaign.lpf.json").read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def _run_cli(args: list[str], tmp_path: Path, block_pyarrow: bool = False) -> subprocess.CompletedProcess:
    prelude = "import sys\nsys.modules['pyarrow'] = None\n" if block_pyarrow else "import sys\n"
    code = prelude + "from warmap.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "WARMAP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path
    )


def test_missing_pyarrow_is_one_clear_line_before_any_work(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("On 15 September 1950 the UN forces landed at Inchon.\n", encoding="utf-8")
    result = _run_cli(["build", str(text), "--offline", "--out", str(tmp_path / "out"), "--export", "parquet"], tmp_path, True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["warmap: --export parquet: GeoParquet needs pyarrow: pip install 'warmap[parquet]'"]
    assert not (tmp_path / "out").exists()


def test_unknown_export_name_is_a_usage_error(tmp_path: Path) -> None:
    result = _run_cli(["build", "--offline", "--out", str(tmp_path / "out"), "--export", "shp"], tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'shp'" in result.stderr

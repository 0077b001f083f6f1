"""The README's scripting example runs and writes one map per phase."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_maps_per_phase_example(tmp_path):
    env = {**os.environ, "WARMAP_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "maps_per_phase.py"), str(tmp_path / "maps")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    maps = sorted((tmp_path / "maps").glob("*.html"))
    assert len(maps) == 10  # the ten U.S. Army campaigns of the Korean War
    assert all("leaflet" in m.read_text(encoding="utf-8").lower() for m in maps)
    assert "battle" in result.stdout or "capture" in result.stdout or "landing" in result.stdout


def test_notebook_tour_example(tmp_path):
    """The notebook tour runs on the bundled texts; its Linked Places file passes the WHG schema."""
    import json

    import geopandas
    from test_export_lpf import lpf_errors

    env = {**os.environ, "WARMAP_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "notebook_tour.py"), str(tmp_path / "tour")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "battles (also campaign.battles:" in result.stdout
    assert "date_precision" in result.stdout and "day" in result.stdout
    collection = json.loads((tmp_path / "tour" / "korea.lpf.json").read_text(encoding="utf-8"))
    assert len(collection["features"]) > 100
    assert lpf_errors(collection) == []
    frame = geopandas.read_parquet(tmp_path / "tour" / "korea.parquet")
    assert (frame.event_type == "battle").sum() > 0
    assert len(list((tmp_path / "tour").glob("*.html"))) == 1

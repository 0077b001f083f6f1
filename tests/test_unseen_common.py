"""Helpers shared by the acceptance-style tests (tests/test_unseen_*.py, tests/test_cli_*.py).

They run the real ``warmap`` command in a subprocess, as a user would, with the
geocoding cache in a temporary folder, and measure distances on the earth the
way a historian checks a map: from the true spot to the nearest point of the
geometry the program drew. No tests here; pytest collects the module and finds none.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.ops import nearest_points

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
EARTH_RADIUS_KM = 6371.0088


def run_warmap(
    *args: str | Path,
    cache_dir: Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m warmap ARGS`` with its own cache folder; stdout and stderr decoded as UTF-8."""
    env = {key: value for key, value in os.environ.items() if key != "WARMAP_DEBUG"}
    env["WARMAP_CACHE_DIR"] = str(cache_dir)
    env["PYTHONIOENCODING"] = "utf-8"
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "warmap", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def run_many(
    commands: Sequence[Sequence[str | Path]], cache_dir: Path
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent runs at once (the machine has two cores; the runs are mostly start-up)."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(lambda args: run_warmap(*args, cache_dir=cache_dir), commands))


def json_output(done: subprocess.CompletedProcess[str]) -> Any:
    """The one JSON document on stdout of a successful run, or a failure that shows stderr."""
    assert done.returncode == 0, (
        f"{' '.join(map(str, done.args[3:]))} exited {done.returncode}: {done.stderr[-2000:]}"
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"stdout is not one JSON document ({error}): {done.stdout[:500]!r}") from None


def source_text(path: Path) -> str:
    """The file as warmap reads it: UTF-8, byte-order mark removed."""
    return path.read_bytes().decode("utf-8-sig")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def km_from(lat: float, lon: float, geometry: dict[str, Any] | None) -> float:
    """Distance from a true spot to the nearest point of a GeoJSON geometry (0 inside a polygon)."""
    if not geometry:
        return math.inf
    drawn = shape(geometry)
    if drawn.is_empty:
        return math.inf
    truth = Point(lon, lat)
    if drawn.geom_type in ("Polygon", "MultiPolygon") and drawn.covers(truth):
        return 0.0
    nearest = nearest_points(drawn, truth)[0]  # near enough in degrees at these latitudes
    return haversine_km(lat, lon, nearest.y, nearest.x)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``needle`` in ``text``."""
    spans, at = [], text.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]

"""``warmap build``: the files a user opens, the same bytes every time, and nothing lost on failure.

One module-scoped sequence of real runs, shared by every test here: build the
bundled corpus into a folder, build it again over the same folder (the
GeoJSON and CSVs must not change by a byte), then a build with bad input into
that folder (exit 2, and the good files stay as they were). Beside it, a build
of two unseen accounts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from test_unseen_common import UNSEEN, km_from, run_many, run_warmap

from warmap.paths import corpus_dir

KOREA_BOX = (124.0, 33.0, 131.0, 43.1)  # lon/lat: the land of both Koreas lies inside
CHOSIN, INCHEON = (40.498, 127.202), (37.456, 126.705)
TEMP_NAME = re.compile(r"^[.~]|~$|\.tmp|tmp-|\.part$|\.partial$", re.IGNORECASE)


@dataclass
class Builds:
    out: Path
    first: subprocess.CompletedProcess[str]
    first_files: dict[str, bytes]
    second: subprocess.CompletedProcess[str]
    second_files: dict[str, bytes]
    bad_input: Path
    failed: subprocess.CompletedProcess[str]
    after_failure: dict[str, bytes]
    unseen_out: Path
    unseen: subprocess.CompletedProcess[str]


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path → bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("build")
    cache, out, unseen_out = root / "cache", root / "out", root / "unseen-out"
    unseen_sources = (UNSEEN / "zh-hant-changjin.txt", UNSEEN / "fa-solar-hijri.txt")
    first, unseen = run_many(
        [("build", "--offline", "--out", out), ("build", "--offline", "--out", unseen_out, *unseen_sources)],
        cache,
    )
    first_files = _snapshot(out)
    second = run_warmap("build", "--offline", "--out", out, cache_dir=cache)
    second_files = _snapshot(out)
    bad_input = root / "scanned-page.txt"
    bad_input.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failed = run_warmap(
        "build", "--offline", "--out", out, UNSEEN / "zh-hant-imjin.txt", bad_input, cache_dir=cache
    )
    return Builds(
        out, first, first_files, second, second_files, bad_input, failed, _snapshot(out), unseen_out, unseen
    )


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, f"build exited {done.returncode}: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-2000:]


def _geojson(files: dict[str, bytes], name: str = "campaign.geojson") -> dict[str, Any]:
    return json.loads(files[name].decode("utf-8"))


def _csv_rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"))))


def test_build_writes_every_file(builds: Builds) -> None:
    _ok(builds.first)
    files = builds.first_files
    for name in ("index.html", "campaign.geojson", "places.csv", "unresolved.csv"):
        assert name in files and files[name], f"{name} missing or empty; wrote {sorted(files)}"
    assert b"leaflet" in files["index.html"].lower()
    pages = sorted(
        n[len("phases/") : -len(".html")] for n in files if n.startswith("phases/") and n.endswith(".html")
    )
    shapes = sorted(
        n[len("phases/") : -len(".geojson")]
        for n in files
        if n.startswith("phases/") and n.endswith(".geojson")
    )
    assert pages, "no per-phase map in phases/"
    assert pages == shapes, "every phase needs both its map and its GeoJSON"
    assert all(re.fullmatch(r"\d{2,}-[\w-]+", stem) for stem in pages), pages


def test_build_prints_a_summary(builds: Builds) -> None:
    _ok(builds.first)
    said = (builds.first.stdout + builds.first.stderr).lower()
    for word in ("document", "mention", "resolved", "event", "phase"):
        assert word in said, f"the summary does not mention {word}s: {said[-1500:]}"
    assert str(builds.out).lower() in said or "index.html" in said, (
        "the summary must say what was written where"
    )


def test_campaign_geojson_holds_every_kind_in_lon_lat_order(builds: Builds) -> None:
    _ok(builds.first)
    collection = _geojson(builds.first_files)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    kinds = {feature["properties"]["kind"] for feature in collection["features"]}
    assert {"place", "event", "front", "territory"} <= kinds, kinds
    west, south, east, north = KOREA_BOX
    for feature in collection["features"]:
        if feature["properties"]["kind"] != "territory":
            continue
        ring = feature["geometry"]["coordinates"][0]
        ring = ring[0] if feature["geometry"]["type"] == "MultiPolygon" else ring
        assert all(west <= lon <= east and south <= lat <= north for lon, lat in ring), (
            "territory out of Korea"
        )


def test_places_csv_points_into_the_texts_and_unresolved_csv_loses_nothing(builds: Builds) -> None:
    _ok(builds.first)
    texts = {p.name: p.read_bytes().decode("utf-8-sig") for p in corpus_dir().iterdir() if p.is_file()}
    rows = _csv_rows(builds.first_files, "places.csv")
    assert len(rows) > 100, "the bundled texts name hundreds of places"
    for row in rows:
        assert texts[row["doc"]][int(row["start"]) : int(row["end"])] == row["surface"], row
    unresolved = [r for r in rows if r["resolver"] == "unresolved"]
    listed = _csv_rows(builds.first_files, "unresolved.csv")
    assert sorted((r["doc"], r["start"], r["surface"]) for r in listed) == sorted(
        (r["doc"], r["start"], r["surface"]) for r in unresolved
    )


def test_second_build_is_byte_identical(builds: Builds) -> None:
    _ok(builds.first)
    _ok(builds.second)
    assert sorted(builds.second_files) == sorted(builds.first_files), (
        "a rebuild wrote a different set of files"
    )
    data = [n for n in builds.first_files if n.endswith((".geojson", ".csv"))]
    changed = [n for n in data if builds.first_files[n] != builds.second_files[n]]
    assert not changed, f"same input, different bytes: {changed}"


def test_failed_build_leaves_the_good_build_untouched(builds: Builds) -> None:
    _ok(builds.second)
    done = builds.failed
    assert done.returncode == 2, f"exit {done.returncode}: {done.stderr[-1000:]}"
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and builds.bad_input.name in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(builds.after_failure) == sorted(builds.second_files), "files appeared or vanished"
    assert [n for n in builds.second_files if builds.after_failure[n] != builds.second_files[n]] == []


def test_no_temporary_files_are_left_behind(builds: Builds) -> None:
    for folder in (builds.out, builds.unseen_out, builds.out.parent):
        leftovers = [str(p) for p in folder.rglob("*") if TEMP_NAME.search(p.name)]
        assert not leftovers, f"temporary files left behind: {leftovers}"


def test_build_of_unseen_accounts_maps_their_events(builds: Builds) -> None:
    """Traditional Chinese and Persian (Solar Hijri) in one build: Chosin on 27 Nov 1950, Inchon on 15 Sep."""
    _ok(builds.unseen)
    files = _snapshot(builds.unseen_out)
    features = _geojson(files)["features"]
    events = [f for f in features if f["properties"]["kind"] == "event"]
    for day, spot, doc in (
        ("1950-11-27", CHOSIN, "zh-hant-changjin.txt"),
        ("1950-11-27", CHOSIN, "fa-solar-hijri.txt"),
        ("1950-09-15", INCHEON, "fa-solar-hijri.txt"),
    ):
        assert any(
            f["properties"]["start"] == day
            and km_from(*spot, f["geometry"]) <= 30
            and any(s["doc"] == doc for s in f["properties"]["sources"])
            for f in events
        ), f"no event of {day} near {spot} from {doc} in campaign.geojson"
    docs = {row["doc"] for row in _csv_rows(files, "places.csv")}
    assert docs == {"zh-hant-changjin.txt", "fa-solar-hijri.txt"}

"""`warmap build --offline` on the bundled texts against the floor it cannot beat.

The floor is a bare interpreter importing the libraries a build needs; the build
is the real console command writing every output file. Both run as fresh
processes (one untimed warm-up for the file cache, then the median). The build is
then profiled with pyinstrument; the HTML and text profiles are written next to
the results, and the biggest costs are listed in the table.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks.common import ROOT, na, reason, row, run_worker, timed

FLOOR = "import geopandas, folium, shapely, mwparserfromhell, geopy"
TARGET_RATIO = 1.3


def build_command(out: str) -> list[str]:
    """The console script next to this interpreter, else ``python -m warmap``."""
    script = Path(sys.executable).with_name("warmap")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "warmap"]
    return [*head, "build", "--offline", "--out", out]


def _environment() -> dict[str, str]:
    """This environment, but with .pyc files written and read: an installed warmap has them, as the
    floor's libraries do (with PYTHONDONTWRITEBYTECODE set, every build compiled warmap's sources again)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(command: list[str]) -> float:
    seconds, done = timed(
        lambda: subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=_environment())
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"exit {done.returncode}: {tail}")
    return seconds


def _median_of_fresh(command: list[str], repeats: int) -> tuple[float, list[float]]:
    _run(command)  # warm-up: file cache, .pyc files, warmap's caches
    runs = [_run(command) for _ in range(repeats)]
    return statistics.median(runs), runs


def bench_startup(quick: bool, out_dir: Path) -> list[dict]:
    """Rows: floor, build, their ratio, and the profile's top costs."""
    floor_repeats, build_repeats = (3, 1) if quick else (7, 5)
    rows = []
    floor, floor_runs = _median_of_fresh([sys.executable, "-c", FLOOR], floor_repeats)
    rows.append(row("import floor: python -c \"" + FLOOR + "\"", floor, "s", runs_s=floor_runs))
    tmp = tempfile.mkdtemp(prefix="warmap-bench-build-")
    try:
        build, build_runs = _median_of_fresh(build_command(str(Path(tmp) / "out")), build_repeats)
        rows.append(row("warmap build --offline (bundled texts)", build, "s", runs_s=build_runs))
        ratio = build / floor
        rows.append(row("build / floor", ratio, "×", f"≤ {TARGET_RATIO}",
                        "met" if ratio <= TARGET_RATIO else f"over by {build - TARGET_RATIO * floor:.2f} s"))
    except Exception as error:
        rows.append(na("warmap build --offline (bundled texts)", reason(error)))
        rows.append(na("build / floor", "the build did not finish", f"≤ {TARGET_RATIO}"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not quick:
        rows += profile_rows(out_dir)
    return rows


def profile_rows(out_dir: Path) -> list[dict]:
    """Profile one build in a fresh process; rows for the costliest parts."""
    try:
        costs = run_worker("benchmarks.startup", [str(out_dir)], timeout=600)
    except Exception as error:
        return [na("profile", reason(error))]
    rows = [row("profile: whole build under pyinstrument", costs["total"], "s",
                note="" if costs["build_exit"] == 0 else f"the build exited {costs['build_exit']}: partial profile")]
    rows += [row(f"profile: {label}", seconds, "s", note="by package (self time)")
            for label, seconds in costs["packages"]]
    rows += [row(f"profile: {label}", seconds, "s", note="by function (self time)")
             for label, seconds in costs["functions"]]
    rows += [row(f"profile: import {label}", seconds, "s", note="import, total time")
             for label, seconds in costs["imports"]]
    return rows


def _package(path: str) -> str:
    """'warmap.spotting', 'shapely', '<stdlib>' … from a frame's file path."""
    if not path:
        return "<built-in>"
    parts = Path(path).parts
    if "warmap" in parts and "site-packages" not in parts:
        at = len(parts) - 1 - parts[::-1].index("warmap")
        rest = [p for p in parts[at + 1 : at + 2] if not p.endswith(".py")] or [Path(path).stem]
        return "warmap." + rest[0]
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if path.startswith("<built-in"):
        return "<built-in>"
    if path.startswith("<frozen"):
        return "<import machinery>"
    return "<stdlib>"


def _leaves(frame, owner=None):
    """(leaf time, the real frame it belongs to): pyinstrument keeps self time in "[self]" leaves."""
    real = frame if frame.file_path and not frame.function.startswith("[") else owner
    if not frame.children:
        yield frame.time, real or frame
    for child in frame.children:
        yield from _leaves(child, real)


def _modules(frame):
    if frame.function == "<module>" and frame.file_path and "importlib" not in frame.file_path:
        yield frame
    for child in frame.children:
        yield from _modules(child)


def profile_build(out_dir: Path) -> dict:
    """Worker: run the build under pyinstrument, save the profiles, summarise the top costs."""
    from pyinstrument import Profiler

    from warmap import cli

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="warmap-bench-profile-")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    code = cli.main(["build", "--offline", "--out", str(Path(tmp) / "out")])
    profiler.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    (out_dir / "build-profile.html").write_text(profiler.output_html(), encoding="utf-8")
    (out_dir / "build-profile.txt").write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    by_package: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    imports: dict[str, float] = {}
    root = profiler.last_session.root_frame()
    for seconds, frame in _leaves(root):
        package = _package(frame.file_path or "")
        by_package[package] += seconds
        by_function[f"{frame.function} ({package}, {Path(frame.file_path or '?').name}:{frame.line_no})"] += seconds
    for frame in _modules(root):
        name = _package(frame.file_path)
        imports[name] = max(imports.get(name, 0.0), frame.time)

    def top(table: dict[str, float], n: int) -> list[tuple[str, float]]:
        return sorted(table.items(), key=lambda kv: -kv[1])[:n]
    return {"total": root.time, "build_exit": code, "packages": top(by_package, 8), "functions": top(by_function, 10),
            "imports": top(imports, 8)}


if __name__ == "__main__":
    from benchmarks.common import emit

    emit(profile_build(Path(sys.argv[1])))

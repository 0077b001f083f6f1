"""What every benchmark shares: result rows, "n/a" with a reason, medians, workers, the machine.

A benchmark returns a list of rows (``row(...)``); a row whose value is None is
"n/a" and its note says why, so a missing stage shows up in the table instead of
stopping the suite. Heavy measurements run in a fresh interpreter
(``run_worker``) so that one stage's caches and imports never flatter another's.
"""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "warmap", "mwparserfromhell", "shapely", "geopandas", "pyogrio", "folium", "geopy", "opencc",
    "pyahocorasick", "rapidfuzz", "pyinstrument", "playwright",
)


def row(measure: str, value: float | None, unit: str = "", target: str = "", note: str = "", **extra: Any) -> dict:
    """One line of a results table; ``value`` None means n/a (``note`` says why)."""
    out = {"measure": measure, "value": value, "unit": unit, "target": target, "note": note}
    out.update(extra)
    return out


def na(measure: str, reason: str, target: str = "") -> dict:
    return row(measure, None, target=target, note=f"n/a: {reason}")


def reason(error: BaseException) -> str:
    """A one-line why for an n/a: the exception's type and first line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def median_seconds(fn: Callable[[], Any], repeats: int, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of ``fn`` after ``warmup`` untimed calls; also every timed run."""
    for _ in range(warmup):
        fn()
    runs = [timed(fn)[0] for _ in range(max(1, repeats))]
    return statistics.median(runs), runs


def max_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def slope(sizes: Sequence[float], seconds: Sequence[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size): 1 is linear, 2 quadratic."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds, strict=True) if s > 0 and t and t > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(p[0] for p in points)
    my = statistics.fmean(p[1] for p in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return None if den == 0 else sum((x - mx) * (y - my) for x, y in points) / den


def run_worker(module: str, args: Sequence[str], timeout: float) -> dict:
    """Run ``python -m module args`` in a fresh interpreter; its last stdout line is a JSON result."""
    command = [sys.executable, "-m", module, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{module} {' '.join(args)} exited {done.returncode}: {tail}")
    return json.loads(lines[-1])


def emit(result: Any) -> None:
    """A worker's answer: one JSON line on stdout (run_worker reads the last line)."""
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    """The machine the numbers belong to."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "chromium": _chromium_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _chromium_version() -> str:
    try:
        done = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20)
        return done.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not found"

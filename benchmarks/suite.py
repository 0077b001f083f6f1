"""The benchmarks in the order they run, each a function (quick, out_dir) → rows.

A benchmark that raises is reported as one n/a row with the reason; the others
still run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import na, reason, row


def _startup(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.startup import bench_startup

    return bench_startup(quick, out_dir)


def _stages(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.stages import bench_stages

    return bench_stages(quick)


# bench_gazetteer.measure_load()'s tuple, by its length (it has grown once already)
LOAD_LABELS = {
    3: ["import + load + 1 lookup, fresh process", "  of which warmap.gazetteer's own import + open",
        "open the index (package imported)"],
    4: ["import + load + 1 lookup, fresh process", "  of which warmap.gazetteer's own import + open",
        "first Chinese lookup through the Hanja bridge", "open the index (package imported)"],
}


def _gazetteer(quick: bool, out_dir: Path) -> list[dict]:
    """bench_gazetteer's own measurements (its repeats and key count cut down with --quick)."""
    from benchmarks import bench_gazetteer

    if quick:
        bench_gazetteer.REPEATS, bench_gazetteer.KEYS = 1, 2_000
    loads = bench_gazetteer.measure_load()
    labels = LOAD_LABELS.get(len(loads)) or [f"load measure {i + 1}" for i in range(len(loads))]
    rows = [row(label, seconds, "s", "< 50 ms" if i == 0 else "") for i, (label, seconds) in
            enumerate(zip(labels, loads, strict=True))]
    for label, rate in bench_gazetteer.measure_lookups().items():
        rows.append(row(f"{label} lookups/s", rate, "/s", "≥ 50,000" if label.startswith("exact") else ""))
    return rows


def _throughput(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.throughput import bench_throughput

    return bench_throughput(quick)


def _map(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.bigmap import bench_map

    return bench_map(quick)


def _accuracy(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.bundled_events import bench_bundled
    from benchmarks.devset import bench_devset

    return bench_devset(quick) + bench_bundled()


def _scaling(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.scaling import bench_scaling

    return bench_scaling(quick)


def _one_line(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.one_line import bench_one_line

    return bench_one_line(quick)


def _fuzz(quick: bool, out_dir: Path) -> list[dict]:
    from benchmarks.fuzz import bench_fuzz

    return bench_fuzz(quick, out_dir)


BENCHMARKS: dict[str, tuple[Callable[[bool, Path], list[dict]], str]] = {
    "startup": (_startup, "`warmap build --offline` on the bundled texts vs. the bare import floor (fresh "
                          "processes); then the build profiled with pyinstrument (build-profile.html/.txt)."),
    "stages": (_stages, "Each stage alone on the bundled texts, fed the previous stage's real output. "
                        "first = the cold call (lazy imports, caches filled); value = warm median; peak = "
                        "tracemalloc peak of a cold call in a separate process."),
    "gazetteer": (_gazetteer, "Gazetteer load and lookups, from benchmarks/bench_gazetteer.py."),
    "throughput": (_throughput, "Spotting over a synthetic library (variants of the bundled texts: shuffled "
                                "sections, varied dates), one worker process per core."),
    "map": (_map, "Synthetic campaigns of 100 / 1,000 / 10,000 point events: render time, HTML size (CDN-linked "
                  "and self-contained), load time of the self-contained page in headless Chromium until the "
                  "map and slider are up (median of 3 after a warm-up)."),
    "accuracy": (_accuracy, "Places and events on the development set of real third-party accounts "
                            "(tests/devset/: gold read by hand), per language: recall, precision; then event recall "
                            "per bundled text and precision over the bundled build (tests/gold/, with its "
                            "judged list)."),
    "scaling": (_scaling, "Reading, spotting, resolution, dates and events at 1×, 10×, 100× the bundled texts "
                          "(each account made k variants long, one document per language), fresh process per "
                          "size after a warm-up. Exponent = log-log slope (1 linear, 2 quadratic); last step = "
                          "slope between the two largest sizes."),
    "one-line": (_one_line, "The events stage alone on real sentences joined into one line with no sentence "
                            "break (10, 30, 100 KB; en from the unseen fixtures, zh and fa from the bundled "
                            "texts) against the same pieces one per line, fresh process per language, best of "
                            "5. Ratio = one line / line-broken (target < 3); exponent = log-log slope of the "
                            "one-line times (1 linear, 2 quadratic)."),
    "fuzz": (_fuzz, "Hypothesis-generated hostile texts, file names and commands (read, places, events, "
                    "phases) run in-process through warmap.cli.main, derandomized: 10,000 cases (300 with "
                    "--quick). A finding is exit 1, an exception escaping main, or exit 2 without exactly one "
                    "stderr line; findings are listed in fuzz-findings.txt."),
}


def run(name: str, quick: bool, out_dir: Path) -> dict:
    """One benchmark's entry in results.json."""
    function, about = BENCHMARKS[name]
    start = time.perf_counter()
    try:
        rows = function(quick, out_dir)
    except Exception as error:  # the suite must finish: one n/a row instead
        rows = [na(name, reason(error))]
    return {"about": about, "rows": rows, "seconds": time.perf_counter() - start,
            "mode": "quick" if quick else "full", "finished": now()}


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

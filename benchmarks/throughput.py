"""Spotting throughput on a library of synthetic articles (≥ 50 MB), in MB/s per core.

The library (variants of the bundled texts, see ``corpus``) is written to a
temporary folder; one worker process per core takes every n-th file, reads it
(timed apart) and spots it. MB/s per core is the UTF-8 megabytes of source text
spotted per second of one process's spotting time; each worker first spots the
bundled texts once so that start-up costs (lazy imports, automaton) stay out.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import emit, max_rss_mb, na, reason, row, run_worker, timed
from benchmarks.corpus import source_for, write_library

TARGET = 5.0  # MB/s per core


def spot_files(folder: Path, index: int, count: int) -> dict:
    """Worker: read and spot files[index::count]; bytes and seconds per file."""
    from warmap.gazetteer import Gazetteer
    from warmap.reading import read_document
    from warmap.sources import load_sources
    from warmap.spotting import spot

    gazetteer = Gazetteer.load()
    for source in load_sources([]):  # warm-up
        spot(read_document(source), gazetteer)
    files = sorted(folder.iterdir())[index::count]
    per_file = []
    for path in files:
        source = source_for(path)
        read_s, doc = timed(lambda source=source: read_document(source))
        spot_s, mentions = timed(lambda doc=doc: spot(doc, gazetteer))
        per_file.append({"bytes": path.stat().st_size, "read_s": read_s, "spot_s": spot_s, "mentions": len(mentions)})
    return {"files": per_file, "max_rss_mb": max_rss_mb()}


def bench_throughput(quick: bool) -> list[dict]:
    """Rows: spotting (and, for reference, reading) MB/s per core over the library."""
    megabytes = 2 if quick else 50
    cores = os.cpu_count() or 1
    folder = Path(tempfile.mkdtemp(prefix="warmap-bench-library-"))
    try:
        made_s, paths = timed(lambda: write_library(folder, megabytes))
        total_mb = sum(p.stat().st_size for p in paths) / 1e6
        start = time.perf_counter()
        with ThreadPoolExecutor(cores) as pool:
            futures = [pool.submit(run_worker, "benchmarks.throughput", [str(folder), str(i), str(cores)], 1800)
                       for i in range(cores)]
            results = [f.result() for f in futures]
        wall = time.perf_counter() - start
    except Exception as error:
        return [na(f"spotting MB/s per core ({megabytes} MB library)", reason(error), f"≥ {TARGET}")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    files = [f for r in results for f in r["files"]]
    spot_s = sum(f["spot_s"] for f in files)
    read_s = sum(f["read_s"] for f in files)
    per_file = [f["bytes"] / 1e6 / f["spot_s"] for f in files if f["spot_s"] > 0]
    rate = total_mb / spot_s
    return [
        row("library", total_mb, "MB", note=f"{len(files)} articles, generated in {made_s:.1f} s; {cores} workers"),
        row("spotting MB/s per core", rate, "MB/s", f"≥ {TARGET}",
            f"{'met' if rate >= TARGET else 'below target'}; median per article {statistics.median(per_file):.2f} MB/s"),
        row("reading MB/s per core (for reference)", total_mb / read_s, "MB/s"),
        row("mentions found", sum(f["mentions"] for f in files), ""),
        row("wall time, read + spot, all cores", wall, "s", note="includes each worker's start-up and warm-up"),
        row("worker max RSS", max(r["max_rss_mb"] for r in results), "MB"),
    ]


if __name__ == "__main__":
    emit(spot_files(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))

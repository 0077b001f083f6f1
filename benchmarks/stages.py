"""Each pipeline stage alone: time (first call, then median of warm calls) and peak memory.

Run as a worker (``python -m benchmarks.stages time|memory REPEATS``): the stages
run in pipeline order on the bundled texts, each one's output feeding the next,
so a stage is timed with real inputs and nothing else in the clock. Peak memory
is tracemalloc's peak during one cold call, in a separate process (tracemalloc
slows everything it watches). A stage that is missing or fails is reported with
its reason, and the stages that need its output say so.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks.common import emit, max_rss_mb, na, reason, row, run_worker

# name, what it needs (earlier stages), what it does
STAGES: list[tuple[str, tuple[str, ...], str]] = [
    ("reading", (), "read_document on each bundled source"),
    ("gazetteer", (), "Gazetteer.load()"),
    ("spotting", ("reading", "gazetteer"), "spot(doc, gazetteer) per document"),
    ("resolution", ("spotting",), "resolve(...) offline (gazetteer + local cache)"),
    ("dates", ("reading",), "find_dates per document"),
    ("events", ("resolution", "dates"), "extract_events(documents, places, dates)"),
    ("fronts+territory", ("resolution", "dates"), "load_fronts, fronts_from_text, land_geometry, territory_timeline"),
    ("phases", ("events", "fronts+territory"), "build_phases"),
    ("rendering", ("phases",), "build_map(campaign) + render_html (overview)"),
    ("export", ("phases",), "write_outputs(campaign, tmp): every file of `warmap build`"),
]


def _steps(state: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """One callable per stage; each stores its output in ``state`` for the next."""

    def reading():
        from warmap.reading import read_document
        from warmap.sources import load_sources

        sources = state.setdefault("sources", load_sources([]))
        state["docs"] = [read_document(s) for s in sources]

    def gazetteer():
        from warmap.gazetteer import Gazetteer

        state["gazetteer"] = Gazetteer.load()

    def spotting():
        from warmap.spotting import spot

        state["mentions"] = {d.name: spot(d, state["gazetteer"]) for d in state["docs"]}

    def resolution():
        from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings
        from warmap.resolution.resolve import resolve

        fallback = FallbackGeocoder(GeocoderSettings(offline=True))
        state["places"] = resolve(state["docs"], state["mentions"], state["gazetteer"], fallback, progress=False)

    def dates():
        from warmap.chronology.dates import find_dates

        state["dates"] = [d for doc in state["docs"] for d in find_dates(doc)]

    def events():
        from warmap.chronology.events import extract_events

        state["events"] = extract_events(state["docs"], state["places"], state["dates"])

    def fronts_territory():
        from warmap.fronts import fronts_from_text, load_fronts, territory_timeline
        from warmap.gazetteer import land_geometry

        state["land"] = land_geometry()
        curated = load_fronts(state["gazetteer"])
        drawn = [
            front
            for doc in state["docs"]
            for front in fronts_from_text(
                doc,
                [p for p in state["places"] if p.mention.doc == doc.name],
                [d for d in state["dates"] if d.doc == doc.name],
            )
        ]
        state["fronts"] = curated + drawn
        state["territories"] = territory_timeline(curated, state["land"])

    def phases():
        from warmap.campaign import Campaign
        from warmap.chronology.phases import build_phases

        text, catalogue = build_phases(state["docs"], state["dates"], state["events"], state["fronts"], state["land"])
        state["campaign"] = Campaign(
            documents=state["docs"], places=state["places"], dates=state["dates"], events=state["events"],
            phases=text, catalogue_phases=catalogue, fronts=state["fronts"], territories=state["territories"],
        )

    def rendering():
        from warmap.render import build_map, render_html

        state["html_chars"] = len(render_html(build_map(state["campaign"], None)))

    def export():
        from warmap.export import write_outputs

        with tempfile.TemporaryDirectory() as out:
            write_outputs(state["campaign"], out, progress=False)

    return {"reading": reading, "gazetteer": gazetteer, "spotting": spotting, "resolution": resolution,
            "dates": dates, "events": events, "fronts+territory": fronts_territory, "phases": phases,
            "rendering": rendering, "export": export}


def measure(mode: str, repeats: int, last: str | None = None) -> dict[str, dict[str, Any]]:
    """Per stage up to ``last``: {"first", "median", "runs"} seconds (mode time) or {"peak_mb"} (mode memory),
    or {"error"}."""
    state: dict[str, Any] = {}
    steps = _steps(state)
    results: dict[str, dict[str, Any]] = {}
    for name, needs, _ in STAGES:
        missing = [n for n in needs if "error" in results.get(n, {"error": "not run"})]
        if missing:
            results[name] = {"error": f"needs {', '.join(missing)}"}
            continue
        try:
            if mode == "memory":
                tracemalloc.start()
                tracemalloc.reset_peak()
                steps[name]()
                results[name] = {"peak_mb": tracemalloc.get_traced_memory()[1] / 1e6}
                tracemalloc.stop()
            else:
                start = time.perf_counter()
                steps[name]()
                first = time.perf_counter() - start
                steps[name]()  # warm-up
                runs = []
                for _ in range(repeats):
                    start = time.perf_counter()
                    steps[name]()
                    runs.append(time.perf_counter() - start)
                results[name] = {"first": first, "median": statistics.median(runs), "runs": runs}
        except Exception as error:  # a stage not there yet, or failing: report, go on
            if tracemalloc.is_tracing():
                tracemalloc.stop()
            results[name] = {"error": reason(error)}
        if name == last:
            break
    results["_process"] = {"max_rss_mb": max_rss_mb()}
    return results


def bench_stages(quick: bool) -> list[dict]:
    """Rows: each stage's cold time, warm median and peak traced memory, on the bundled texts."""
    repeats = 1 if quick else 5

    def memory_run() -> dict:
        try:
            return run_worker("benchmarks.stages", ["memory", "1"], timeout=600)
        except Exception as error:
            return {name: {"error": reason(error)} for name, _, _ in STAGES}

    # --quick runs the two workers side by side (faster, noisier); a full run one after the other
    with ThreadPoolExecutor(2 if quick else 1) as pool:
        timing = pool.submit(run_worker, "benchmarks.stages", ["time", str(repeats)], 600)
        memory = pool.submit(memory_run).result()
        times = timing.result()
    rows = []
    for name, _, what in STAGES:
        t, m = times.get(name, {"error": "not run"}), memory.get(name, {"error": "not run"})
        if "error" in t:
            rows.append(na(name, t["error"]))
            continue
        note = what + (f"; memory n/a: {m['error']}" if "error" in m else "")
        rows.append(row(name, t["median"], "s", note=note, first_s=t["first"], runs_s=t["runs"],
                        peak_mb=m.get("peak_mb")))
    rows.append(row("worker process max RSS (all stages)", times["_process"]["max_rss_mb"], "MB"))
    return rows


if __name__ == "__main__":
    emit(measure(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))

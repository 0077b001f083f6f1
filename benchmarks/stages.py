"""Each pipeline stage alone: time (first call, then median of warm calls) and peak memory.

Run as a worker (``python -m benchmarks.stages time|memory REPEATS``): the stages
``warmap build`` runs (``warmap.pipeline.STAGES``, offline) in their order on the
bundled texts, each one's output feeding the next, so a stage is timed with real
inputs and nothing else in the clock; then rendering and export of the campaign. Peak memory
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


def _stages() -> list[tuple[str, tuple[str, ...], str]]:
    """(name, what it needs, what it does): the pipeline's declared stages, then rendering and export."""
    from warmap.pipeline import STAGES as PIPELINE

    return [(s.name, s.needs, s.about) for s in PIPELINE] + [
        ("rendering", ("join",), "build_map(campaign) + render_html (overview)"),
        ("export", ("join",), "write_outputs(campaign, tmp): every file of `warmap build`"),
    ]


STAGES = _stages()


def _steps(state: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """One callable per stage, each timed on the same input: the run the stages before it made.

    A pipeline stage is a function of the run returning its new values (``warmap.pipeline``),
    so calling it again repeats the same work; ``state["run"]`` moves on once it is measured.
    """
    from warmap.pipeline import STAGES as PIPELINE
    from warmap.pipeline import start

    state["run"] = start([], offline=True)

    def pipeline_step(stage):
        def step():
            state["new"] = stage.run(state["run"])

        return step

    def rendering():
        from warmap.render import build_map, render_html

        state["html_chars"] = len(render_html(build_map(state["campaign"], None)))

    def export():
        from warmap.outputs import write_outputs

        with tempfile.TemporaryDirectory() as out:
            write_outputs(state["campaign"], out, progress=False)

    steps = {stage.name: pipeline_step(stage) for stage in PIPELINE}
    return {**steps, "rendering": rendering, "export": export}


def _moved_on(state: dict[str, Any], name: str) -> None:
    """After a pipeline stage is measured, the run gains its values (and, at the end, is a Campaign)."""
    from dataclasses import replace

    from warmap.campaign import Campaign

    if "new" in state:
        state["run"] = replace(state["run"], **state.pop("new"))
        if name == "join":
            state["campaign"] = Campaign.from_run(state["run"])


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
            _moved_on(state, name)
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

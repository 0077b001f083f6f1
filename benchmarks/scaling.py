"""How each cost grows: 1×, 10×, 100× the input, and the log-log slope.

The input at k× is each bundled account made k variants long (shuffled
sections, varied dates; one document per language), so growth *within* a
document shows — the case where a quadratic offset map or a per-mention scan of
all sentences would hide at 1×. Each size runs in a fresh process after a
warm-up on the bundled texts (so lazy imports and caches are not counted as
growth). A slope above 1.15 is flagged as super-linear.
"""

from __future__ import annotations

import json
import signal
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import emit, max_rss_mb, na, reason, row, run_worker, slope

FACTORS = (1, 10, 100)
QUICK_FACTORS = (1, 2, 5)
LINEAR_ENOUGH = 1.15
STAGES = ("reading", "spotting", "resolution", "dates", "events")
NEEDS = {"spotting": ("reading",), "resolution": ("spotting",), "dates": ("reading",),
         "events": ("resolution", "dates")}
STAGE_BUDGET_S = 150.0  # a stage predicted to take longer at the next size is not run there, and is stopped there


class _OverBudget(Exception):
    pass


def _alarm(signum, frame):
    raise _OverBudget()


def _pipeline(sources) -> list[tuple[str, Callable[[dict], Any]]]:
    """The stages measured, in order; each reads and extends ``state``."""

    def reading(state):
        from warmap.reading import read_document

        state["docs"] = [read_document(s) for s in sources]

    def spotting(state):
        from warmap.gazetteer import Gazetteer
        from warmap.spotting import spot

        state["mentions"] = {d.name: spot(d, Gazetteer.load()) for d in state["docs"]}

    def resolution(state):
        from warmap.gazetteer import Gazetteer
        from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings
        from warmap.resolution.resolve import resolve

        fallback = FallbackGeocoder(GeocoderSettings(offline=True))
        state["places"] = resolve(state["docs"], state["mentions"], Gazetteer.load(), fallback, progress=False)

    def dates(state):
        from warmap.chronology.dates import find_dates

        state["dates"] = [d for doc in state["docs"] for d in find_dates(doc)]

    def events(state):
        from warmap.chronology.events import extract_events

        state["events"] = extract_events(state["docs"], state["places"], state["dates"])

    return list(zip(STAGES, (reading, spotting, resolution, dates, events), strict=True))


def measure(factor: int, repeats: int, skip: dict[str, str] | None = None,
            budget_s: float = STAGE_BUDGET_S) -> dict[str, Any]:
    """Worker: warm up on 1×, then time each stage at ``factor``× (median of ``repeats``); ``skip``: stage → why.

    A stage still running after ``budget_s`` is stopped (SIGALRM) and reported as
    {"over": budget_s}: its growth is then known only as a lower bound.
    """
    signal.signal(signal.SIGALRM, _alarm)
    from benchmarks.corpus import scaled_sources

    warm: dict = {}
    for _name, step in _pipeline(scaled_sources(1)):
        try:
            step(warm)
        except Exception:
            break
    sources = scaled_sources(factor)
    out: dict[str, Any] = {"chars": sum(len(s.text) for s in sources),
                           "mb": sum(len(s.text.encode("utf-8")) for s in sources) / 1e6}
    state: dict = {}
    for name, step in _pipeline(sources):
        blocked = [n for n in NEEDS.get(name, ()) if "median" not in out.get(n, {})]
        if name in (skip or {}) or blocked:
            out[name] = {"error": (skip or {}).get(name) or f"needs {', '.join(blocked)}"}
            continue
        try:
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, budget_s)
                try:
                    step(state)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                runs.append(time.perf_counter() - start)
            out[name] = {"median": statistics.median(runs)}
        except _OverBudget:
            out[name] = {"error": f"stopped after {budget_s:g} s (budget)", "over": budget_s}
        except Exception as error:
            out[name] = {"error": reason(error)}
    out["max_rss_mb"] = max_rss_mb()
    return out


def bench_scaling(quick: bool, stage_budget_s: float = STAGE_BUDGET_S) -> list[dict]:
    """Rows: per stage, seconds at each size and the growth exponent."""
    factors = QUICK_FACTORS if quick else FACTORS
    done: dict[int, dict] = {}
    failed: dict[int, str] = {}
    for factor in factors:
        skip = _too_slow(done, factor, stage_budget_s)
        repeats = 3 if factor == 1 else (1 if factor >= 100 or quick else 2)
        try:
            done[factor] = run_worker("benchmarks.scaling",
                                      [str(factor), str(repeats), json.dumps(skip), str(stage_budget_s)],
                                      timeout=stage_budget_s * len(STAGES) * repeats + 300)
        except Exception as error:
            failed[factor] = reason(error)
    rows = []
    for factor in factors:
        if factor in done:
            r = done[factor]
            rows.append(row(f"input {factor}×", r["mb"], "MB", note=f"{r['chars']:,} characters",
                            max_rss_mb=r["max_rss_mb"]))
        else:
            rows.append(na(f"input {factor}×", failed.get(factor, "not run")))
    for stage in STAGES:
        measured = [f for f in done if "median" in done[f].get(stage, {})]
        sizes = [done[f]["mb"] for f in measured]
        seconds = [done[f][stage]["median"] for f in measured]
        errors = {f: done[f][stage]["error"] for f in done if "error" in done[f].get(stage, {})}
        notes = ([next(iter(errors.values()))] if len(set(errors.values())) == 1 and len(errors) == len(done)
                 else [f"{f}×: {e}" for f, e in errors.items()])
        cells = {f"at_{f}x_s": done[f][stage]["median"] for f in measured}
        over = [f for f in done if "over" in done[f].get(stage, {})]
        if over and sizes:
            bound = slope([sizes[-1], done[over[0]]["mb"]], [seconds[-1], done[over[0]][stage]["over"]])
            notes.append(f"exponent ≥ {bound:.2f} from {measured[-1]}× to {over[0]}× (lower bound)")
            if bound and bound > LINEAR_ENOUGH:
                notes.insert(0, "SUPER-LINEAR")
        if len(sizes) < 2:
            rows.append(na(f"{stage}: growth exponent", "; ".join(notes) or "fewer than two sizes", "≤ 1 (linear)"))
            continue
        exponent = slope(sizes, seconds)
        last = slope(sizes[-2:], seconds[-2:])
        flag = "SUPER-LINEAR" if max(exponent or 0, last or 0) > LINEAR_ENOUGH else "linear"
        notes = [n for n in notes if n != "SUPER-LINEAR"]
        rows.append(row(f"{stage}: growth exponent", exponent, "", "≤ 1 (linear)",
                        "; ".join([flag, *notes]), last_step=last, **cells))
    return rows


def _too_slow(done: dict[int, dict], factor: int, budget_s: float) -> dict[str, str]:
    """Stages whose time at ``factor``, extrapolated with their observed growth (at least linear), exceeds the budget."""
    skip = {}
    for stage in STAGES:
        measured = sorted(f for f in done if "median" in done[f].get(stage, {}))
        if not measured:
            continue
        top = measured[-1]
        exponent = 1.0
        if len(measured) >= 2:
            low = measured[-2]
            exponent = max(1.0, slope([low, top], [done[low][stage]["median"], done[top][stage]["median"]]) or 1.0)
        predicted = done[top][stage]["median"] * (factor / top) ** exponent
        if predicted > budget_s:
            skip[stage] = f"not run: predicted {predicted:.0f} s (growth exponent {exponent:.2f}) > {budget_s:.0f} s"
    return skip


if __name__ == "__main__":
    emit(measure(int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]) if len(sys.argv) > 3 else None,
                 float(sys.argv[4]) if len(sys.argv) > 4 else STAGE_BUDGET_S))

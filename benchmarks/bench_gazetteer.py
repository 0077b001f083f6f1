"""Gazetteer load time and lookup throughput (targets: load < 50 ms, 50,000 exact lookups/s).

Run: ``python benchmarks/bench_gazetteer.py`` (or ``python -m benchmarks.bench_gazetteer``).
Load is measured in a fresh interpreter each time (import + open), so it is what a
command pays at start-up; lookups run over distinct keys, cold (first sight of
each key) and warm (the spotter asks the same names again and again).
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time

REPEATS = 5
KEYS = 20_000
# What the gazetteer itself adds once the interpreter has the standard library and the model loaded.
OWN_SNIPPET = (
    "import json, re, sqlite3, threading, unicodedata, pathlib, typing, dataclasses, time;"
    "import warmap.model, warmap.reading.normalize; t = time.perf_counter();"
    "from warmap.gazetteer import Gazetteer; g = Gazetteer.load(); g.exact('seoul');"
    "print(time.perf_counter() - t)"
)
# A first Chinese lookup pays for the Hanja bridge's setup: it must not load the hanja package's YAML.
FIRST_HAN_SNIPPET = (
    "from warmap.gazetteer import Gazetteer; g = Gazetteer.load(); g.exact('seoul'); import time;"
    "t = time.perf_counter(); g.lookup('马山市'); print(time.perf_counter() - t)"
)
LOAD_SNIPPET = (
    "import time; t = time.perf_counter();"
    "from warmap.gazetteer import Gazetteer; g = Gazetteer.load(); g.exact('seoul');"
    "print(time.perf_counter() - t)"
)


def _fresh(snippet: str) -> float:
    runs = [
        float(subprocess.check_output([sys.executable, "-c", snippet], text=True)) for _ in range(REPEATS)
    ]
    return statistics.median(runs)


def measure_load() -> tuple[float, float, float, float]:
    """Median seconds: import + open + one lookup in a fresh process; the gazetteer's own share;
    the first Chinese (bridged) lookup; the open alone."""
    fresh, own, first_han = _fresh(LOAD_SNIPPET), _fresh(OWN_SNIPPET), _fresh(FIRST_HAN_SNIPPET)
    from warmap.gazetteer import Gazetteer

    opens = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        Gazetteer(Gazetteer.load().path).exact("seoul")
        opens.append(time.perf_counter() - start)
    return fresh, own, first_han, statistics.median(opens)


def measure_lookups() -> dict[str, float]:
    """Median lookups per second over distinct keys: exact (cold, warm) and full lookup()."""
    from warmap.gazetteer import Gazetteer

    keys = Gazetteer.load().matching_names({"Han", "Hangul", "Latin", "Arabic"})
    random.Random(1950).shuffle(keys)
    keys = keys[:KEYS]
    rates: dict[str, list[float]] = {"exact, cold": [], "exact, warm": [], "lookup": []}
    for _ in range(REPEATS):
        gazetteer = Gazetteer(Gazetteer.load().path)
        for label in ("exact, cold", "exact, warm"):
            start = time.perf_counter()
            for key in keys:
                gazetteer.exact(key)
            rates[label].append(len(keys) / (time.perf_counter() - start))
        sample = keys[:2000]
        start = time.perf_counter()
        for key in sample:
            gazetteer.lookup(key)
        rates["lookup"].append(len(sample) / (time.perf_counter() - start))
    return {label: statistics.median(values) for label, values in rates.items()}


def main() -> None:
    from rich.console import Console
    from rich.table import Table

    fresh, own, first_han, opened = measure_load()
    rates = measure_lookups()
    table = Table(title=f"gazetteer (median of {REPEATS})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_row("import + load + 1 lookup, fresh process", f"{fresh * 1000:.1f} ms", "< 50 ms")
    table.add_row("  of which warmap.gazetteer's own import + open", f"{own * 1000:.1f} ms", "")
    table.add_row("open index (package imported)", f"{opened * 1000:.2f} ms", "")
    table.add_row("first Chinese lookup through the Hanja bridge", f"{first_han * 1000:.1f} ms", "")
    for label, rate in rates.items():
        table.add_row(f"{label} lookups/s", f"{rate:,.0f}", "50,000" if label.startswith("exact") else "")
    Console().print(table)


if __name__ == "__main__":
    main()

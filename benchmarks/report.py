"""The results as JSON (everything) and Markdown (the table for the README).

Columns beyond measure/value/target/note come from the rows themselves: a key
ending in ``_s`` is seconds, ``_mb`` megabytes; lists (every timed run) stay in
the JSON only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXED = ("measure", "value", "unit", "target", "note")


def fmt(value: Any, unit: str = "") -> str:
    """Numbers to three significant-ish digits, with thousands separators when large."""
    if value is None:
        return "n/a"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if unit == "s" and 0 < abs(value) < 0.001:
        return f"{value * 1e6:.1f} µs"
    if unit == "s" and abs(value) < 1:
        return f"{value * 1000:.1f} ms"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}" if value else "0"
    return f"{text} {unit}".strip()


def _unit_of(key: str) -> str:
    return "s" if key.endswith("_s") else "MB" if key.endswith("_mb") else ""


def _label(key: str) -> str:
    for suffix, unit in (("_s", " (s)"), ("_mb", " (MB)")):
        if key.endswith(suffix):
            return key[: -len(suffix)].replace("_", " ") + unit
    return key.replace("_", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: list[dict]) -> list[str]:
    """One Markdown table; extra scalar columns in the order they first appear."""
    extras: list[str] = []
    for r in rows:
        extras += [k for k, v in r.items()
                   if k not in FIXED and k not in extras and not isinstance(v, list | dict) and v not in (None, "")]
    head = ["measure", "value", *[_label(k) for k in extras], "target", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["measure"], fmt(r["value"], r.get("unit", ""))]
        cells += ["" if r.get(k) is None else fmt(r[k], _unit_of(k)) for k in extras]
        cells += [r.get("target", ""), r.get("note", "")]
        lines.append("| " + " | ".join(_cell(str(c)) for c in cells) + " |")
    return lines


def markdown(results: dict) -> str:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in sorted(m["packages"].items()))
    out = [
        "# warmap benchmarks",
        "",
        f"Measured {results['finished']} with `{results['command']}` ({results['mode']} run, "
        f"{results['duration_s']:.0f} s).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}, Python {m['python']}; "
        f"{m['chromium']}. Load average (1, 5, 15 min) at start {m.get('load_average_at_start')}, "
        f"at end {m.get('load_average_at_end')} — the machine is shared, so other work shows in the numbers.",
        "",
        f"Packages: {packages}.",
        "",
        "Times are medians after a warm-up unless a column says \"first\" (the cold call a build pays). "
        "n/a rows say why. Raw runs: `results.json`.",
    ]
    for name, bench in results["benchmarks"].items():
        out += ["", f"## {name}", "", bench.get("about", ""), ""]
        if bench.get("mode") and bench["mode"] != results["mode"]:
            out += [f"({bench['mode']} run of {bench['finished']})", ""]
        out += table(bench["rows"])
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def write(results: dict, out_dir: Path) -> tuple[Path, Path]:
    """results.json and results.md in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "results.json", out_dir / "results.md"
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown(results), encoding="utf-8")
    return json_path, md_path

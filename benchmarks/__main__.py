"""``python -m benchmarks [--quick] [--only NAME ...] [--out DIR]``: run the suite, write the table.

Writes DIR/results.json (every run, the machine) and DIR/results.md (the table
for the README); a full run also writes DIR/build-profile.html and .txt. With
--only, the other benchmarks' earlier results in DIR/results.json are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks import report
from benchmarks.common import ROOT, machine
from benchmarks.suite import BENCHMARKS, now, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats (about a minute)")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"), help="output folder")
    args = parser.parse_args(argv)
    out_dir = Path(args.out)
    names = [n for n in BENCHMARKS if not args.only or n in args.only]
    previous = _previous(out_dir) if args.only else {}
    started = time.perf_counter()
    results = {
        "command": "python -m benchmarks" + " ".join(["", *(sys.argv[1:] if argv is None else argv)]).rstrip(),
        "mode": "quick" if args.quick else "full",
        "machine": machine(),
        "benchmarks": dict(previous),
    }
    for name in names:
        print(f"[{now()}] {name} …", file=sys.stderr, flush=True)
        results["benchmarks"][name] = run(name, args.quick, out_dir)
        print(f"    {results['benchmarks'][name]['seconds']:.1f} s", file=sys.stderr, flush=True)
    results["benchmarks"] = {n: results["benchmarks"][n] for n in BENCHMARKS if n in results["benchmarks"]}
    results["duration_s"] = time.perf_counter() - started
    results["finished"] = now()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    json_path, md_path = report.write(results, out_dir)
    print(md_path.read_text(encoding="utf-8"))
    print(f"wrote {md_path} and {json_path}", file=sys.stderr)
    return 0


def _previous(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / "results.json").read_text(encoding="utf-8"))["benchmarks"]
    except (OSError, ValueError, KeyError):
        return {}


if __name__ == "__main__":
    raise SystemExit(main())

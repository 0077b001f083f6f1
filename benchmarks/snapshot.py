"""The shape-not-behaviour guard: every output a refactor must leave byte for byte as it was.

``python -m benchmarks.snapshot DIR`` writes, for three groups of sources — the bundled
corpus, the unseen fixtures (tests/fixtures/unseen) and the committed development-set
texts (tests/devset/texts) — what ``warmap places/events/phases --json`` print (every
phase scheme) and ``campaign.geojson``, offline. ``--compare OLD NEW`` lists the files
that differ. Take a snapshot before a change of shape and compare after it.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {
    "corpus": [],
    "unseen": sorted(str(p) for p in (ROOT / "tests/fixtures/unseen").glob("*.*") if p.suffix != ".md"),
    "devset": sorted(str(p) for p in (ROOT / "tests/devset/texts").glob("*.txt")),
}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def snapshot(out: Path) -> list[Path]:
    """Write every guarded output of every group into ``out``; return the files."""
    from warmap.campaign import Campaign
    from warmap.export import mentions_json

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for group, sources in GROUPS.items():
        campaign = Campaign.from_sources(sources, offline=True)
        files = {
            f"{group}.places.json": _dump(mentions_json(campaign.places)),
            f"{group}.events.json": _dump([e.to_json() for e in campaign.events]),
        }
        for scheme in ("text", "us-army", "cpv-offensives"):
            files[f"{group}.phases-{scheme}.json"] = _dump([p.to_json() for p in campaign.phases_for(scheme)])
        with tempfile.TemporaryDirectory() as tmp:
            campaign.save(tmp, progress=False)
            files[f"{group}.campaign.geojson"] = (Path(tmp) / "campaign.geojson").read_text(encoding="utf-8")
            for phase_file in sorted((Path(tmp) / "phases").glob("*.geojson")):
                files[f"{group}.phase.{phase_file.name}"] = phase_file.read_text(encoding="utf-8")
        for name, text in files.items():
            path = out / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def compare(old: Path, new: Path) -> list[str]:
    """Names of the files that differ or exist on one side only."""
    names = {p.name for p in old.iterdir()} | {p.name for p in new.iterdir()}
    return sorted(n for n in names if not ((old / n).exists() and (new / n).exists()
                                           and filecmp.cmp(old / n, new / n, shallow=False)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.snapshot", description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="DIR to write, or OLD NEW with --compare")
    parser.add_argument("--compare", action="store_true", help="compare two snapshots")
    args = parser.parse_args(argv)
    if args.compare:
        if len(args.dirs) != 2:
            parser.error("--compare takes OLD NEW")
        differ = compare(*args.dirs)
        for name in differ:
            print(f"differs: {name}")
        print(f"{len(differ)} of the snapshot's files differ")
        return 1 if differ else 0
    written = snapshot(args.dirs[0])
    print(f"{len(written)} files in {args.dirs[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

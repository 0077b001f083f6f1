"""One map per phase of the war, and a table of its battles — the scripting API in a few lines.

Run: python examples/maps_per_phase.py [OUT_DIR] [SOURCE ...]
With no SOURCE the bundled texts are read; nothing goes to the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

import warmap


def main(out: str = "output/examples", sources: list[str] | None = None) -> list[Path]:
    campaign = warmap.Campaign.from_sources(sources or [], offline=True)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for phase in campaign.phases_for("us-army"):
        path = folder / f"{phase.id}.html"
        campaign.map(phase=phase).save(str(path))
        written.append(path)
        print(f"{phase.start} – {phase.end}  {phase.title.get('en', phase.id)}: {len(phase.events)} events → {path}")
    events = campaign.to_geodataframe(kind="event")
    print(events[["event_type", "start", "end", "name"]].head(10).to_string(index=False))
    return written


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["output/examples"]), sources=sys.argv[2:])

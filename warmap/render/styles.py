"""The map's legend as data: symbols and colours per event type, sides, fronts, tile layers.

Kept in ``data/styles.json`` so a cartographic choice is a reviewed data change, not code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    with open(DATA_DIR / "styles.json", encoding="utf-8") as handle:
        return json.load(handle)


def event_style(event_type: str) -> dict[str, Any]:
    """Colour, symbol, group and label of an event type (unknown types draw as "other")."""
    table = styles()["event_types"]
    return table.get(event_type, table["other"])


def side_style(side: str, war: Any = None) -> dict[str, Any]:
    """Colour, fill opacity and names of a side of the war's profile (unknown sides draw as contested)."""
    from warmap.wars import load_war

    chosen = load_war(war).side(side)
    return {"colour": chosen.colour, "fill_opacity": chosen.fill_opacity, "names": chosen.names}


def front_style(origin: str) -> dict[str, Any]:
    table = styles()["fronts"]
    return table.get(origin, table["text"])

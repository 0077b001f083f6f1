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


def side_style(side: str) -> dict[str, Any]:
    table = styles()["sides"]
    return table.get(side, table["contested"])


def side_names(side: str) -> dict[str, str]:
    return dict(sorted(side_style(side)["names"].items()))


def front_style(origin: str) -> dict[str, Any]:
    table = styles()["fronts"]
    return table.get(origin, table["text"])


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """The page's own interface text, by language (data/ui_strings.json)."""
    with open(DATA_DIR / "ui_strings.json", encoding="utf-8") as handle:
        return {lang: table for lang, table in json.load(handle).items() if not lang.startswith("_")}

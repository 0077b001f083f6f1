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
def _ui_table() -> dict[str, Any]:
    with open(DATA_DIR / "ui_strings.json", encoding="utf-8") as handle:
        return json.load(handle)


def ui_strings() -> dict[str, dict[str, str]]:
    """The page's own interface text, by language tag (data/ui_strings.json)."""
    return {lang: table for lang, table in _ui_table().items() if not lang.startswith("_")}


def ui_directions() -> dict[str, str]:
    """The languages written right to left ("rtl"); the others are left to right."""
    return dict(_ui_table()["_dir"])


def ui_language(source_langs: list[str]) -> str:
    """The interface language for these sources: the first one the table has (zh: simplified), else en."""
    tags = ui_strings()
    for lang in source_langs:
        tag = {"zh": "zh-Hans"}.get(lang, lang)
        if tag in tags:
            return tag
    return "en"

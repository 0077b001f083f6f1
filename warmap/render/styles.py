"""The map's legend as data: symbols and colours per event type, sides, fronts, tile layers.

Kept in ``data/styles.json`` so a cartographic choice is a reviewed data change, not code.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warmap.features.geometry_store import StoredGeometries

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


@lru_cache(maxsize=1)
def _ui_table() -> dict[str, Any]:
    with open(DATA_DIR / "ui_strings.json", encoding="utf-8") as handle:
        return json.load(handle)


def ui_strings(war: Any = None, stored: StoredGeometries | None = None) -> dict[str, dict[str, str]]:
    """The page's own interface text, by language tag (data/ui_strings.json), with the names of the
    war's sides (``side_<id>``) from its profile: a tag without its own name takes its language's
    (zh-Hant converted from zh, the conversion kept with a build's ``stored`` results), else the English one."""
    from warmap.wars import load_war

    sides = load_war(war).sides
    tables = {}
    for tag, table in _ui_table().items():
        if tag.startswith("_"):
            continue
        names = {f"side_{side.id}": _name_in(side.names, tag, stored) for side in sides}
        tables[tag] = {**table, **{k: v for k, v in names.items() if v}}
    return tables


def _name_in(names: dict[str, str], tag: str, stored: StoredGeometries | None) -> str | None:
    if tag in names:
        return names[tag]
    base = tag.split("-")[0]
    if base in names and tag.endswith("-Hant"):
        return _traditional(names[base], stored)
    return names.get(base) or names.get("en")


def _traditional(text: str, stored: StoredGeometries | None) -> str:
    """Simplified → traditional Chinese. Opening OpenCC's tables takes ~50 ms, so a conversion is
    remembered, and kept with the stored results between builds."""
    import opencc

    converted = _CONVERTED.get(text)
    if converted is not None:
        return converted
    key = hashlib.blake2b(f"opencc {opencc.__version__} s2t\x00{text}".encode(), digest_size=16).digest()
    entry = None if stored is None else stored.get(key)
    if entry is None:
        entry = (_s2t().convert(text), None)
        if stored is not None:
            stored.put(key, entry)
    converted = _CONVERTED[text] = entry[0]
    return converted


_CONVERTED: dict[str, str] = {}


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def ui_directions() -> dict[str, str]:
    """The languages written right to left ("rtl"); the others are left to right."""
    return dict(_ui_table()["_dir"])


def ui_language(source_langs: list[str]) -> str:
    """The interface language for these sources: the first one the table has (a bare language takes
    its first tag in the table: zh → zh-Hans), else English."""
    tags = [tag for tag in _ui_table() if not tag.startswith("_")]
    for lang in source_langs:
        for tag in tags:
            if tag == lang or tag.split("-")[0] == lang:
                return tag
    return tags[0]

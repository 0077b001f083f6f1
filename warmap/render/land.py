"""The vector land layer: a base map that needs no tile server.

Natural Earth land from the gazetteer (``warmap.gazetteer.land_features``),
simplified for the screen — the war's theatre finely, its neighbours coarsely — so
that every map (and every self-contained HTML) can carry it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warmap.render.styles import DATA_DIR, styles

if TYPE_CHECKING:
    from warmap.features.geometry_store import StoredGeometries

THEATRE_TOLERANCE = 0.003  # degrees: the war's own countries, finely
NEIGHBOUR_TOLERANCE = 0.03  # degrees: the land around them, coarsely


def _round(value: Any, digits: int) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [_round(v, digits) for v in value]
    return value


def _simplify(features: list[dict[str, Any]], war: Any = None) -> dict[str, Any]:
    """The war's theatre finely, its neighbours coarsely, clipped to all a map of the war shows (its map_view)."""
    from shapely.geometry import box, mapping, shape

    from warmap.wars import load_war

    war = load_war(war)
    land = styles()["land"]
    style = {
        "color": land["stroke"],
        "weight": 0.8,
        "fillColor": land["fill"],
        "fillOpacity": 1,
        "interactive": False,
    }
    out = []
    for feature in sorted(features, key=lambda f: str(f.get("properties", {}).get("iso_a2", ""))):
        props = feature.get("properties", {})
        tolerance = THEATRE_TOLERANCE if props.get("iso_a2") in war.countries else NEIGHBOUR_TOLERANCE
        geom = shape(feature["geometry"]).intersection(box(*war.map_view)).simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        g = mapping(geom)
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"], 3)},
                "properties": {"name": str(props.get("name", "")), "style": style},
            }
        )
    return {"type": "FeatureCollection", "features": out}


@lru_cache(maxsize=4)
def _default(war: Any) -> dict[str, Any]:
    try:
        from warmap.gazetteer import land_features

        return _simplify(land_features(), war)
    except (ImportError, OSError, KeyError, ValueError):
        return {"type": "FeatureCollection", "features": []}


def land_layer_data(
    features: list[dict[str, Any]] | None = None, war: Any = None, stored: StoredGeometries | None = None
) -> dict[str, Any]:
    """Simplified land as a FeatureCollection with a ``style`` per feature (empty if no land data).

    With a build's ``stored`` results, the bundled land is simplified once, not at every build.
    """
    from warmap.wars import load_war

    war = load_war(war)
    if features is not None:
        return _simplify(features, war)
    key = None if stored is None else _default_key(war)
    if key is None:
        return _default(war)
    hit = stored.get(key)
    if hit is None:
        hit = (_default(war), None)
        if hit[0]["features"]:
            stored.put(key, hit)
    return hit[0]


@lru_cache(maxsize=4)
def _default_key(war: Any) -> bytes | None:
    """The bundled land layer's key among the stored results: a hash of all it is made from (the land
    file, the code that reads and simplifies it, the land's style, the war's countries and view)."""
    from warmap.gazetteer import land as gazetteer_land

    digest = hashlib.blake2b(digest_size=16)
    digest.update(b"land layer\x00" + repr((war.map_view, sorted(war.countries))).encode())
    try:
        for path in (gazetteer_land.land_path(), Path(gazetteer_land.__file__), Path(__file__), DATA_DIR / "styles.json"):
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.digest()

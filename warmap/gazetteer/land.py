"""The bundled land layer (gazetteer/land.geojson): the peninsula at full detail, neighbours simplified."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from warmap.filecache import file_hash, kept_value, parsed_file
from warmap.paths import gazetteer_dir

LAND_FILE = "land.geojson"


def land_path(folder: str | Path | None = None) -> Path:
    return Path(folder) / LAND_FILE if folder is not None else gazetteer_dir() / LAND_FILE


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[dict[str, Any], ...]:
    return tuple(parsed_file(path, _features, "land features 1"))


def _features(data: bytes) -> list[dict[str, Any]]:
    return json.loads(data)["features"]


def land_features(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The land features as GeoJSON dicts, each with ``iso_a2``, ``name`` and ``detail`` properties."""
    return [dict(f) for f in _load(str(land_path() if path is None else Path(path)))]


@lru_cache(maxsize=16)
def _geometry(countries: tuple[str, ...], path: str):
    """The countries' union, kept as WKB (``warmap.filecache``) under the land file's hash, the
    countries and shapely's and GEOS's versions: the union took 15 ms at every build."""
    import shapely

    def union() -> bytes:
        return shapely.to_wkb(_union(countries, path))

    key = f"land union 1\x00{file_hash(path)}\x00{','.join(countries)}\x00{shapely.__version__}\x00{shapely.geos_version_string}"
    return shapely.from_wkb(kept_value(key, union))


def _union(countries: tuple[str, ...], path: str):
    import shapely
    from shapely.geometry import shape

    wanted = set(countries)
    parts = [shape(f["geometry"]) for f in _load(path) if f["properties"]["iso_a2"] in wanted]
    if not parts:
        return shapely.GeometryCollection()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def land_geometry(countries: tuple[str, ...] | None = None, path: str | Path | None = None):
    """The union of the named countries' land (default: the default war's theatre) as one shapely
    geometry (cached; do not mutate)."""
    if countries is None:
        from warmap.wars import load_war

        countries = load_war().countries
    return _geometry(tuple(sorted(countries)), str(land_path() if path is None else Path(path)))

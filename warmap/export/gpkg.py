"""campaign.gpkg: one GeoPackage layer per feature kind, for QGIS users.

Nested properties (names, sources, conflicts) become JSON text columns, since a
GeoPackage column holds scalars.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geojson import FeatureCache

KINDS = ("place", "event", "front", "territory")


def _flat(properties: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in properties.items():
        if isinstance(value, dict | list):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            out[key] = value
    names = properties.get("names") or {}
    out["name"] = names.get("en") or (names[sorted(names)[0]] if names else properties.get("id"))
    return out


def write_gpkg(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    """Write the campaign's features, a layer per kind, atomically."""
    import geopandas
    from shapely.geometry import shape

    from warmap.export.atomic import atomic_path
    from warmap.features.geojson import campaign_feature_collection

    features = campaign_feature_collection(campaign, cache=cache)["features"]
    with atomic_path(path, keep_suffix=True) as temp:
        temp.unlink()  # GDAL wants to create the file itself
        for kind in KINDS:
            chosen = [f for f in features if f["properties"]["kind"] == kind]
            if not chosen:
                continue
            frame = geopandas.GeoDataFrame(
                [_flat(f["properties"]) for f in chosen],
                geometry=[shape(f["geometry"]) if f["geometry"] else None for f in chosen],
                crs="EPSG:4326",
            )
            frame.to_file(temp, layer=kind, driver="GPKG", engine="pyogrio")
    return path

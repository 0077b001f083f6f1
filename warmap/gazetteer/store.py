"""The SQLite index: schema, deterministic writing, and the ranking prior stored with each place.

Same rows in → same bytes out: rows are inserted sorted, floats rounded to 5
decimals, the file is VACUUMed and carries no timestamp.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from pathlib import Path
from typing import Any

from warmap.gazetteer.hanja_bridge import BRIDGE_LANGUAGE, hangul_stems
from warmap.gazetteer.romanize import revised, skeleton, skeleton_keys
from warmap.gazetteer.scripts import countries_naming, name_script
from warmap.reading.normalize import normalize_name
from warmap.wars import load_war

SCHEMA_VERSION = "3"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    num INTEGER PRIMARY KEY, place_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, names TEXT NOT NULL,
    feature TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, geometry TEXT,
    country TEXT, population INTEGER NOT NULL, source TEXT NOT NULL, prior REAL NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, num INTEGER NOT NULL, lang TEXT NOT NULL, name TEXT NOT NULL, script TEXT NOT NULL,
    spot INTEGER NOT NULL,
    PRIMARY KEY (key, num, lang, name)
) WITHOUT ROWID;
CREATE TABLE hangul (stem TEXT NOT NULL, num INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (stem, num, name))
    WITHOUT ROWID;
CREATE TABLE hanja (char TEXT PRIMARY KEY, readings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE skeletons (skel TEXT NOT NULL, num INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (skel, num, name))
    WITHOUT ROWID;
"""

PLACE_FEATURES = ("city", "town", "village")
FEATURE_WEIGHT = {"river": 0.95, "sea": 0.95, "region": 0.95, "line": 0.95, "lake": 0.95, "country": 0.9,
                  "mountain": 0.9, "site": 0.9, "island": 0.9}  # fmt: skip


def region_weight(country: str | None, lat: float, lon: float) -> float:
    """The theatre prior (the war profile's theatre.gazetteer.prior): for Korea the two Koreas, then
    north-east China, Japan and the Russian Far East, then the world."""
    return load_war().region_weight(country, lat, lon)


def prior(row: dict[str, Any], curated: bool) -> float:
    """How likely a place is meant, before context: region × size (population or feature class)."""
    population_weight = 0.6 + 0.4 * min(1.0, math.log10(row["population"] + 1) / 7)
    if row["feature"] in PLACE_FEATURES:
        weight = max(population_weight, 0.85) if curated else population_weight
    else:
        weight = FEATURE_WEIGHT.get(row["feature"], 0.85)
        if row["feature"] == "country" and row["country"] in load_war().countries:
            weight = 1.0
    if curated and not row["country"]:  # a curated sea, line or region spanning borders: the theatre's own
        return round(weight, 5)
    return round(region_weight(row["country"], row["lat"], row["lon"]) * weight, 5)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


SHORT_KEY = {"Han": 2, "Hangul": 2, "Kana": 2, "Latin": 3, "Arabic": 3, "Cyrillic": 3}
MAJOR_POPULATION = {1.0: 0, 0.8: 100_000}  # by region weight; elsewhere WORLD_MAJOR_POPULATION
WORLD_MAJOR_POPULATION = 500_000


def major(row: dict[str, Any]) -> bool:
    """Whether a place matters enough that its shortest names may be spotted in running text."""
    if row.get("curated") or row["feature"] not in PLACE_FEATURES:
        return True
    region = region_weight(row["country"], row["lat"], row["lon"])
    return row["population"] >= MAJOR_POPULATION.get(region, WORLD_MAJOR_POPULATION)


def spottable(key: str, script: str, is_major: bool) -> bool:
    """Whether a name key belongs in the spotter's automaton.

    Two Han characters name a Chinese village as often as they make a word (解放, 胜利,
    和平, 前进…): short keys are offered only for the theatre, curated features, countries
    and big cities. Lookups still find every name.
    """
    return is_major or len(key.replace(" ", "")) > SHORT_KEY.get(script, 0)


JOINERS = re.compile("[-\u200c\u2010\u2011]")  # hyphens and the zero-width non-joiner


def name_rows(num: int, row: dict[str, Any]) -> tuple[set, set, set]:
    """The (key, …) rows a place's names add to the names, hangul and skeletons tables.

    Only Korean places enter the hangul table: it serves the Hanja bridge and suffix-free
    Hangul lookups, and a Chinese city's Korean name (원산 for Wenshan) must not answer 元山.
    """
    keyed, hangul, skeletons = set(), set(), set()
    korean, is_major = row["country"] in countries_naming(BRIDGE_LANGUAGE), major(row)
    for lang, values in row["names"].items():
        for name in values:
            key = normalize_name(name)
            script = name_script(key)
            if not key or script is None:
                continue
            spot = int(spottable(key, script, is_major))
            keyed.add((key, num, lang, name, script, spot))
            if script == "Arabic" and " " in key:  # پیونگ یانگ as written with a ZWNJ: پیونگ‌یانگ
                keyed.add((key.replace(" ", ""), num, lang, name, script, spot))
            if script == "Arabic" and (spaced := normalize_name(JOINERS.sub(" ", name))) != key:
                keyed.add((spaced, num, lang, name, script, spot))  # چیپیونگ-نی as written with a space
            elif script == "Hangul" and korean:
                stems = hangul_stems(key.replace(" ", ""))
                hangul.update((stem, num, name) for stem in stems)
                # romanised from the Hangul: Yudam-ni finds 유담리 even where no Latin name is stored
                skeletons.update(
                    (skel, num, name) for stem in stems if len(skel := skeleton(revised(stem))) >= 3
                )
            elif script == "Latin":
                skeletons.update((skel, num, name) for skel in skeleton_keys(name))
    return keyed, hangul, skeletons


def write_index(
    rows: list[dict[str, Any]], path: Path, readings: dict[str, tuple[str, ...]] | None = None
) -> Path:
    """Write the SQLite index for rows (each with a ``curated`` flag), sorted by place_id.

    ``readings`` is the Hanja bridge's character table (default: ``hanja_bridge.reading_table()``).
    """
    if readings is None:
        from warmap.gazetteer.hanja_bridge import reading_table

        readings = reading_table()
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    db.execute("PRAGMA page_size = 4096")
    db.executescript(SCHEMA)
    names, hangul, skeletons = set(), set(), set()
    for num, row in enumerate(sorted(rows, key=lambda r: r["place_id"]), start=1):
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                num, row["place_id"], row["name"], _json(row["names"]), row["feature"],
                round(row["lat"], 5), round(row["lon"], 5),
                _json(row["geometry"]) if row.get("geometry") else None,
                row["country"], int(row["population"]), row["source"], prior(row, row.get("curated", False)),
            ),
        )  # fmt: skip
        keyed, stems, skels = name_rows(num, row)
        names |= keyed
        hangul |= stems
        skeletons |= skels
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", sorted(names))
    db.executemany("INSERT INTO hangul VALUES (?,?,?)", sorted(hangul))
    db.executemany("INSERT INTO skeletons VALUES (?,?,?)", sorted(skeletons))
    db.executemany("INSERT INTO hanja VALUES (?,?)", sorted((c, ",".join(r)) for c, r in readings.items()))
    db.executemany(
        "INSERT INTO meta VALUES (?,?)",
        sorted({"schema": SCHEMA_VERSION, "places": str(len(rows)), "names": str(len(names))}.items()),
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    temporary.replace(path)
    return path

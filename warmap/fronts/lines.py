"""Curated, dated front lines (the war profile's fronts/fronts.csv) turned into Fronts.

Each row is one line, west→east, as anchors separated by ";" (several lines of
one date separated by "|"): a place name or an explicit "lat,lon" (the sea ends).
Names are looked up in fronts/anchors.csv, the reviewed reference
positions the lines were drawn on, so a line's shape never depends on how the
general gazetteer happens to rank "Masan" (there are several); the gazetteer
supplies the place id when it has the same place nearby, and the position of a
name the anchor table lacks. A ``<side>_held`` column per side the profile declares
(``un_held``, ``communist_held`` for Korea) names places that side is known to have
held: they decide which side of the line is whose.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from warmap.errors import InputError
from warmap.fronts.geometry import line_geojson
from warmap.model import Front
from warmap.wars import War, load_war

FRONTS_FILE = "fronts.csv"
ANCHORS_FILE = "anchors.csv"
ISLANDS_FILE = "islands.csv"
COORDINATE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
SAME_PLACE_KM = 15.0  # a gazetteer candidate this close to the reference position is the same place
HELD_SUFFIX = "_held"


def fronts_dir(folder: str | Path | None = None, war: War | str | None = None) -> Path:
    """The curated fronts: ``folder`` if given, else the war profile's."""
    return Path(folder) if folder is not None else load_war(war).fronts_dir


def default_held(war: War | str | None = None, first_side_only: bool = False) -> dict[str, list[list[float]]]:
    """[lon, lat] of the places each side held all war (the profile's ``holds``), from the anchor table.

    ``first_side_only``: only the first side's, so that a line with nothing else to go by gives
    that side the cells its places lie in and the other side the rest.
    """
    war = load_war(war)
    reference = reference_positions(war=war)
    held = {}
    for side in war.sides:
        if side.holds:
            held[side.id] = [[reference[n][1], reference[n][0]] for n in side.holds if n in reference]
            if first_side_only:
                break
    return held


@dataclass(frozen=True)
class Anchor:
    """A resolved anchor: what the data said, where it is, and the place id if one is known."""

    text: str
    lon: float
    lat: float
    place_id: str | None = None


@dataclass(frozen=True)
class IslandHolding:
    """An island one side held between two dates, whatever the line nearby says."""

    island: str
    lon: float
    lat: float
    side: str
    start: str
    end: str | None
    source: str


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, lat2 - lat1) * 111.2


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror}") from None


def _check_date(value: str, where: str, column: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InputError(where, f"{column} is not an ISO date: {value!r}") from None
    return value


def reference_positions(
    folder: str | Path | None = None, war: War | str | None = None
) -> dict[str, tuple[float, float]]:
    """anchors.csv: name → (lat, lon)."""
    path = fronts_dir(folder, war) / ANCHORS_FILE
    positions = {}
    for number, row in enumerate(_read_csv(path), start=2):
        try:
            positions[row["name"].strip()] = (float(row["lat"]), float(row["lon"]))
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{path}:{number}", "needs name, lat and lon") from None
    return positions


class AnchorResolver:
    """Turns anchor text into positions: coordinates as written, names via the reference table."""

    def __init__(self, gazetteer: Any = None, folder: str | Path | None = None, war: War | str | None = None):
        self.gazetteer = gazetteer
        self.war = load_war(war)
        self.reference = reference_positions(folder, self.war)

    def _candidates(self, name: str) -> list[Any]:
        if self.gazetteer is None:
            return []
        try:
            answers = self.gazetteer.lookup(name)
        except Exception:  # a gazetteer without this name is no error here: the table decides
            return []
        in_theatre = []
        for candidate in answers:
            place = candidate.place
            country = getattr(place, "country", None)
            if country in self.war.countries or (country is None and self.war.in_theatre(place.lon, place.lat)):
                in_theatre.append(place)
        return in_theatre

    def resolve(self, text: str, where: str) -> Anchor:
        text = text.strip()
        match = COORDINATE.match(text)
        if match:
            lat, lon = float(match.group(1)), float(match.group(2))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(where, f"anchor {text!r} is not a lat,lon pair")
            return Anchor(text, lon, lat)
        places = self._candidates(text)
        if text in self.reference:
            lat, lon = self.reference[text]
            same = [p for p in places if _km(lat, lon, p.lat, p.lon) <= SAME_PLACE_KM]
            return Anchor(text, lon, lat, same[0].place_id if same else None)
        if places:
            return Anchor(text, places[0].lon, places[0].lat, places[0].place_id)
        raise InputError(where, f"anchor {text!r} is neither lat,lon nor a known place")


def _parts(text: str, resolver: AnchorResolver, where: str) -> list[list[Anchor]]:
    parts = []
    for part in text.split("|"):
        anchors = [resolver.resolve(a, where) for a in part.split(";") if a.strip()]
        if len(anchors) < 2:
            raise InputError(where, "each line needs at least two anchors")
        parts.append(anchors)
    return parts


def _check_columns(path: Path, rows: list[dict[str, str]], war: War) -> None:
    """Every ``<side>_held`` column names a side of the profile, and every holding side has one."""
    columns = [c for c in (rows[0].keys() if rows else []) if c]
    held = {c for c in columns if c.endswith(HELD_SUFFIX)}
    wanted = {side + HELD_SUFFIX for side in war.holding_sides}
    unknown, missing = held - wanted, wanted - held
    if rows and (unknown or missing):
        problem = f"unknown side columns {sorted(unknown)}" if unknown else f"missing columns {sorted(missing)}"
        raise InputError(f"{path}:1", f"{problem}: expected {', '.join(s + HELD_SUFFIX for s in war.holding_sides)}")


def load_fronts(gazetteer: Any = None, folder: str | Path | None = None, war: War | str | None = None) -> list[Front]:
    """The curated front lines, oldest first (origin "curated", LineString in lon/lat, anchors kept)."""
    war = load_war(war)
    directory = fronts_dir(folder, war)
    path = directory / FRONTS_FILE
    resolver = AnchorResolver(gazetteer, directory, war)
    fronts = []
    seen = set()
    rows = _read_csv(path)
    _check_columns(path, rows, war)
    defaults = {side.id: list(side.holds) for side in war.sides if not side.contested}
    for number, row in enumerate(rows, start=2):
        where = f"{path}:{number}"
        missing = [c for c in ("id", "start", "line", "name_en") if not (row.get(c) or "").strip()]
        if missing:
            raise InputError(where, f"missing {', '.join(missing)}")
        front_id = row["id"].strip()
        if front_id in seen:
            raise InputError(where, f"duplicate id {front_id!r}")
        seen.add(front_id)
        start = _check_date(row["start"].strip(), where, "start")
        end = (row.get("end") or "").strip() or None
        if end is not None and _check_date(end, where, "end") < start:
            raise InputError(where, f"end {end} before start {start}")
        parts = _parts(row["line"], resolver, where)
        held = {}
        for side in war.holding_sides:
            names = [n for n in (row.get(f"{side}{HELD_SUFFIX}") or "").split(";") if n.strip()] or defaults[side]
            held[side] = [[a.lon, a.lat] for a in (resolver.resolve(n, where) for n in names)]
        names = {  # name_<lang> columns, in their order: the line's name in each language given
            column.removeprefix("name_"): (value or "").strip()
            for column, value in row.items()
            if column and column.startswith("name_") and (value or "").strip()
        }
        note = (row.get("note") or "").strip()
        source = (row.get("source") or "").strip()
        fronts.append(
            Front(
                id=front_id,
                start=start,
                end=end,
                geometry=line_geojson([[(a.lon, a.lat) for a in part] for part in parts]),
                names=names,
                origin="curated",
                anchors=[a.place_id or a.text for part in parts for a in part],
                source_note=f"{source}. {note}" if note else source,
                held=held,
            )
        )
    fronts.sort(key=lambda f: (f.start, f.id))
    return fronts


def load_island_holdings(folder: str | Path | None = None, war: War | str | None = None) -> list[IslandHolding]:
    """islands.csv: islands held by one side over dates, with sources."""
    war = load_war(war)
    path = fronts_dir(folder, war) / ISLANDS_FILE
    holdings = []
    for number, row in enumerate(_read_csv(path), start=2):
        where = f"{path}:{number}"
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError):
            raise InputError(where, "needs island, lat, lon") from None
        side = (row.get("side") or "").strip()
        if side not in war.holding_sides:
            raise InputError(where, f"side must be {' or '.join(war.holding_sides)}, not {side!r}")
        start = _check_date((row.get("start") or "").strip(), where, "start")
        end = (row.get("end") or "").strip() or None
        if end is not None:
            _check_date(end, where, "end")
        holdings.append(IslandHolding(row["island"].strip(), lon, lat, side, start, end, row.get("source", "")))
    return holdings

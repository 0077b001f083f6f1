"""Who held what: the land split along the front valid on a date.

Each line of a front is prolonged from its sea ends to a frame of open sea, and
the frame is cut into cells. A cell is a side's because a place that side is
known to have held lies in it (Front.held, else the places the war profile says
each side held all war) — never because it is "the southern part", so a pocket
such as the Pusan Perimeter comes out right. With several lines (a beachhead
beside a perimeter), a cell that no known place claims is the profile's contested
side. Islands listed in the profile's fronts/islands.csv go to the side that held them.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point

from warmap.errors import InputError
from warmap.fronts.geometry import (
    MAINLAND_MIN_AREA,
    area_geojson,
    coarse_land,
    extend_to_frame,
    frame_for,
    line_parts,
    polygons_of,
    split_cells,
)
from warmap.fronts.lines import IslandHolding, default_held, load_island_holdings
from warmap.model import Front, Territory
from warmap.wars import War, load_war

ISLAND_REACH = 0.02  # degrees: an island point this close to a land piece names that piece


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _shift(value: str, days: int) -> str:
    return (_day(value) + timedelta(days=days)).isoformat()


# ------------------------------------------------------------------ timeline
def timeline(fronts: list[Front]) -> list[tuple[str, str | None, Front]]:
    """(start, end, front) for every date: each front holds until the next one starts.

    Ends are inclusive; a front whose own end falls short of the next start is
    carried over the gap, and later fronts win overlaps, so the intervals never
    leave a gap nor overlap. The last one is open-ended (the armistice line).
    """
    ordered = sorted((f for f in fronts if f.start), key=lambda f: (f.start, f.id))
    # Two fronts starting the same day: the later id wins, deterministically.
    unique: list[Front] = []
    for front in ordered:
        if unique and unique[-1].start == front.start:
            unique[-1] = front
        else:
            unique.append(front)
    spans = []
    for i, front in enumerate(unique):
        end = _shift(unique[i + 1].start, -1) if i + 1 < len(unique) else None
        spans.append((front.start, end, front))
    return spans


def front_on(fronts: list[Front], day: str) -> Front | None:
    """The front valid on an ISO date (None before the first one)."""
    for start, end, front in timeline(fronts):
        if start <= day and (end is None or day <= end):
            return front
    return None


# ------------------------------------------------------------------ islands
@lru_cache(maxsize=4)
def _holdings(folder: str | None, war: War) -> tuple[IslandHolding, ...]:
    return tuple(load_island_holdings(folder, war))


def island_holdings(folder: str | Path | None = None, war: War | str | None = None) -> list[IslandHolding]:
    return list(_holdings(None if folder is None else str(folder), load_war(war)))


def _held_on(holding: IslandHolding, day: str) -> bool:
    return holding.start <= day and (holding.end is None or day <= holding.end)


def _change_days(holdings: list[IslandHolding]) -> list[str]:
    """Days on which some island changes hands (a holding starts, or the day after it ends)."""
    days = {h.start for h in holdings} | {_shift(h.end, 1) for h in holdings if h.end}
    return sorted(days)


# ------------------------------------------------------------------ splitting
def _label(
    cells, held: dict[str, list[list[float]]], several_lines: bool, where: str, sides: tuple[str, ...], contested: str
) -> list[str]:
    """Each cell's side: the side whose held place lies in it; with one line and two sides, the other one."""
    labels = []
    for cell in cells:
        sides = {side for side, points in held.items() for p in points if cell.contains(Point(p))}
        if len(sides) > 1:
            raise InputError(where, f"places held by both sides fall on the same side of the line: {sorted(sides)}")
        labels.append(sides.pop() if sides else "")
    if not several_lines:
        present = {label for label in labels if label}
        others = [side for side in sides if side not in present]
        fill = others[0] if len(present) == 1 and len(others) == 1 else ""
        if not fill and "" in labels:
            raise InputError(where, "no held place tells which side of the line is whose")
        labels = [label or fill for label in labels]
    return [label or contested for label in labels]


def _sides(front: Front | None, land, sides: tuple[str, ...], contested: str) -> dict[str, object]:
    """side → shapely area for one front (no island holdings yet)."""
    coarse = coarse_land(land)
    if front is None:
        return {contested: coarse}
    frame = frame_for(coarse)
    lines = [extend_to_frame(part, frame) for part in line_parts(front.geometry)]
    cells = split_cells(lines, frame)
    labels = _label(cells, front.held, len(lines) > 1, f"front {front.id}", sides, contested)
    pieces: dict[str, list] = {}
    for cell, label in zip(cells, labels, strict=True):
        part = shapely.intersection(coarse, cell)
        if not part.is_empty:
            pieces.setdefault(label, []).append(part)
    return {side: shapely.union_all(parts) for side, parts in pieces.items()}


@lru_cache(maxsize=64)
def _sides_cached(front_key: str, land_wkb: bytes, sides: tuple[str, ...], contested: str):
    """_sides, remembered per (front shape, land): phases ask for the same front many times."""
    import json

    data = json.loads(front_key)
    front = None if data is None else Front(id=data[0], start="", end=None, geometry=data[1], names={}, held=data[2])
    return _sides(front, shapely.from_wkb(land_wkb), sides, contested)


def _apply_islands(sides: dict[str, object], land, day: str, holdings: list[IslandHolding]) -> dict[str, object]:
    coarse = coarse_land(land)
    islands = [p for p in polygons_of(coarse) if p.area < MAINLAND_MIN_AREA]
    for holding in holdings:
        if day and not _held_on(holding, day):
            continue
        point = Point(holding.lon, holding.lat)
        near = [p for p in islands if p.distance(point) <= ISLAND_REACH]
        if not near:
            continue
        island = min(near, key=lambda p: (p.distance(point), p.area))
        sides = {side: shapely.difference(area, island) for side, area in sides.items()}
        sides[holding.side] = shapely.union(sides.get(holding.side, island), island)
    return sides


def territory_for(
    front: Front | None,
    land,
    day: str,
    holdings: list[IslandHolding] | None = None,
    war: War | str | None = None,
) -> list[Territory]:
    """What each side held on ``day`` if ``front`` is the line: a piece per side of the war's profile.

    Start and end are the front's dates narrowed to the days around ``day`` on
    which no listed island changes hands. ``front=None`` means no line can be
    drawn: the whole land is contested on that day.
    """
    import json

    war = load_war(war)
    holdings = island_holdings(war=war) if holdings is None else holdings
    held = None if front is None else front.held or default_held(war, first_side_only=True)
    front_key = json.dumps(None if front is None else [front.id, front.geometry, held], sort_keys=True)
    active = tuple(sorted((h.island, h.lon, h.lat, h.side) for h in holdings if _held_on(h, day)))
    geometries = _geometries(front_key, shapely.to_wkb(land), active, war.side_ids, war.contested)
    start = front.start if front is not None else day
    end = front.end if front is not None else day
    for change in _change_days(holdings):
        if start < change <= day:
            start = change
        if change > day and (end is None or change <= end):
            end = _shift(change, -1)
            break
    return [
        Territory(
            side=side,
            start=start,
            end=end,
            geometry=_copy_geometry(geometry),  # the cache keeps the original
            phase=front.phase if front is not None else None,
            front_id=front.id if front is not None else None,
        )
        for side, geometry in geometries
    ]


def _copy_geometry(geometry: dict) -> dict:
    """A private copy of a cached area: copy.deepcopy, but several times faster for (Multi)Polygons."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if geometry.keys() != {"type", "coordinates"} or kind not in ("Polygon", "MultiPolygon"):
        return copy.deepcopy(geometry)
    if kind == "Polygon":
        return {"type": kind, "coordinates": [[point[:] for point in ring] for ring in coordinates]}
    return {
        "type": kind,
        "coordinates": [[[point[:] for point in ring] for ring in polygon] for polygon in coordinates],
    }


@lru_cache(maxsize=256)
def _geometries(
    front_key: str, land_wkb: bytes, active: tuple, sides: tuple[str, ...], contested: str
) -> tuple[tuple[str, dict], ...]:
    """(side, GeoJSON) for one front and one set of island holdings: the costly part, remembered."""
    land = shapely.from_wkb(land_wkb)
    holdings = [IslandHolding(name, lon, lat, side, "", None, "") for name, lon, lat, side in active]
    holding = tuple(side for side in sides if side != contested)
    areas = _apply_islands(dict(_sides_cached(front_key, land_wkb, holding, contested)), land, "", holdings)
    result = []
    for side in sides:
        area = areas.get(side)
        if area is not None and not area.is_empty and area.area >= 1e-9:
            result.append((side, area_geojson(area)))
    return tuple(result)


def territory_timeline(
    fronts: list[Front],
    land,
    holdings: list[IslandHolding] | None = None,
    phases: list | None = None,
    war: War | str | None = None,
) -> list[Territory]:
    """Territory for every day from the first front on: consecutive spans, each covering the land once.

    With ``phases`` (the text phases), each piece is labelled with the phase its first day falls in.
    """
    from warmap.fronts.territory_cut import cut_path, inputs_key, load_cut

    war = load_war(war)
    holdings = island_holdings(war=war) if holdings is None else holdings
    curated = [f for f in fronts if f.origin == "curated"] or list(fronts)
    key = inputs_key(curated, land, holdings, war)
    result = load_cut(cut_path(war), key)
    if result is None:
        result = cut_timeline(curated, land, holdings, war)
    if phases:
        from warmap.chronology.phases import phase_at

        result = [_with_phase(t, phase_at(t.start, phases)) for t in result]
    return result


def cut_timeline(curated: list[Front], land, holdings: list[IslandHolding], war: War) -> list[Territory]:
    """The land cut along every front of the timeline and every island change: the costly part."""
    result: list[Territory] = []
    changes = _change_days(holdings)
    for start, end, front in timeline(curated):
        spanned = front if (front.start, front.end) == (start, end) else _with_span(front, start, end)
        days = [start] + [c for c in changes if start < c and (end is None or c <= end)]
        for day in days:
            result.extend(territory_for(spanned, land, day, holdings, war))
    return result


def _with_phase(territory: Territory, phase: str | None) -> Territory:
    from dataclasses import replace

    return replace(territory, phase=phase)


def _with_span(front: Front, start: str, end: str | None) -> Front:
    from dataclasses import replace

    return replace(front, start=start, end=end)


def side_at(territories: list[Territory], lon: float, lat: float, day: str) -> str | None:
    """Which side held a point on a day according to a territory list (None: off the land)."""
    from shapely.geometry import shape

    point = Point(lon, lat)
    valid = [t for t in territories if t.start <= day and (t.end is None or day <= t.end)]
    distances = [(shape(t.geometry).distance(point), i) for i, t in enumerate(valid)]
    near = [(d, i) for d, i in distances if d <= 0.05]  # coastal towns may sit just off the simplified coast
    return valid[min(near)[1]].side if near else None


def line_through_land(front: Front, land) -> list[LineString]:
    """The front's lines prolonged to the frame (what the land is cut with), for checks and maps."""
    frame = frame_for(coarse_land(land))
    return [extend_to_frame(part, frame) for part in line_parts(front.geometry)]


def ship_cuts(folder: str | Path | None = None, wars: list[str] | None = None) -> list[Path]:
    """Cut and write the territory of every bundled war against the index and land in ``folder``."""
    from warmap.fronts.lines import load_fronts
    from warmap.fronts.territory_cut import cut_path, inputs_key, write_cut
    from warmap.gazetteer import Gazetteer, land_geometry
    from warmap.gazetteer.land import land_path
    from warmap.gazetteer.lookup import INDEX_FILE
    from warmap.paths import gazetteer_dir
    from warmap.wars import available_wars, load_war

    folder = Path(folder or gazetteer_dir())
    written = []
    for name in wars or available_wars():
        war = load_war(name)
        gazetteer = Gazetteer(folder / INDEX_FILE)
        try:
            fronts = [f for f in load_fronts(gazetteer, war=war) if f.origin == "curated"]
        finally:
            gazetteer.close()
        land = land_geometry(war.countries, land_path(folder))
        holdings = island_holdings(war=war)
        key = inputs_key(fronts, land, holdings, war)
        written.append(write_cut(cut_path(war, folder), key, cut_timeline(fronts, land, holdings, war)))
    return written

"""Shape helpers shared by the front and territory code: the coarse land, the frame, GeoJSON output.

Territory is cut from a simplified copy of the land so that every date's pieces
tile the *same* land and the GeoJSON stays small; output is RFC 7946 (lon/lat,
exteriors counter-clockwise) with coordinates rounded to 5 decimals so that the
same input always gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

GRID = 1e-5  # 5 decimals
SIMPLIFY_TOLERANCE = 0.006  # degrees (~600 m): keeps the coast readable, halves the vertices
FRAME_MARGIN = 1.0  # degrees of sea around the land; lines are extended to this frame
MAINLAND_MIN_AREA = 1.0  # square degrees: anything smaller is an island


def round_coords(value: Any) -> Any:
    """Round every float in nested coordinate lists to 5 decimals (deterministic text)."""
    if isinstance(value, float):
        rounded = round(value, 5)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, (list, tuple)):
        return [round_coords(v) for v in value]
    return value


def _ring_coords(ring) -> list:
    """round_coords(list(ring.coords)), without rounding float by float when the ring is on the grid.

    numpy's round returning x unchanged means x is the double nearest a multiple of
    1e-5, which Python's round(x, 5) returns too: the lists are then the same.
    """
    coords = numpy.asarray(ring.coords)
    if coords.ndim == 2 and numpy.array_equal(numpy.round(coords, 5), coords):
        return (coords + 0.0).tolist()  # + 0.0: -0.0 becomes 0.0, as in round_coords
    return round_coords(list(ring.coords))


def polygons_of(geometry) -> list[Polygon]:
    """The non-empty polygons inside any geometry (collections are flattened)."""
    if geometry is None or geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    if hasattr(geometry, "geoms"):
        return [p for g in geometry.geoms for p in polygons_of(g)]
    return []


def clean_area(geometry):
    """Valid, snapped to the 5-decimal grid, polygons only (slivers of zero area dropped)."""
    geometry = shapely.set_precision(shapely.make_valid(geometry), GRID)
    polygons = [p for p in polygons_of(shapely.make_valid(geometry)) if p.area > 0]
    if not polygons:
        return MultiPolygon()
    return MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def area_geojson(geometry) -> dict[str, Any]:
    """An areal shapely geometry as an RFC 7946 Polygon/MultiPolygon dict, ordered deterministically."""
    polygons = [orient(p, sign=1.0) for p in polygons_of(clean_area(geometry))]
    polygons.sort(key=lambda p: (round_coords(list(p.bounds)), round(p.area, 8)))

    def rings(polygon: Polygon) -> list:
        return [_ring_coords(polygon.exterior)] + [_ring_coords(ring) for ring in polygon.interiors]

    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": rings(polygons[0])}
    return {"type": "MultiPolygon", "coordinates": [rings(p) for p in polygons]}


def line_geojson(parts: list[list[tuple[float, float]]]) -> dict[str, Any]:
    """One or more (lon, lat) polylines as a LineString or MultiLineString dict."""
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": round_coords([list(p) for p in parts[0]])}
    return {"type": "MultiLineString", "coordinates": [round_coords([list(p) for p in part]) for part in parts]}


def line_parts(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The polylines of a LineString/MultiLineString GeoJSON dict."""
    if geometry["type"] == "LineString":
        return [[tuple(c) for c in geometry["coordinates"]]]
    if geometry["type"] == "MultiLineString":
        return [[tuple(c) for c in part] for part in geometry["coordinates"]]
    raise ValueError(f"not a line geometry: {geometry['type']}")


@lru_cache(maxsize=4)
def _coarse(wkb: bytes):
    land = shapely.from_wkb(wkb)
    simplified = land.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True)
    return clean_area(simplified)


def coarse_land(land):
    """The land simplified once (cached): every territory is cut from this same shape."""
    return _coarse(shapely.to_wkb(land))


def frame_for(land) -> Polygon:
    """A rectangle of sea around the land that every front line is extended to."""
    minx, miny, maxx, maxy = land.bounds
    return box(minx - FRAME_MARGIN, miny - FRAME_MARGIN, maxx + FRAME_MARGIN, maxy + FRAME_MARGIN)


def extend_to_frame(points: list[tuple[float, float]], frame: Polygon) -> LineString:
    """Prolong a line's two sea ends straight to the nearest side of the frame.

    The data ends every line at sea, so the short prolongation crosses no coast
    (tests check it); the frame then closes each side of the line into an area.
    """
    minx, miny, maxx, maxy = frame.bounds

    def to_edge(x: float, y: float) -> tuple[float, float]:
        distances = {"w": x - minx, "e": maxx - x, "s": y - miny, "n": maxy - y}
        edge = min(sorted(distances), key=lambda k: distances[k])
        return {"w": (minx, y), "e": (maxx, y), "s": (x, miny), "n": (x, maxy)}[edge]

    inner = [p for p in points if frame.contains(Point(p))]
    if len(inner) < 2:
        raise ValueError("a front line needs two points inside the frame")
    return LineString([to_edge(*inner[0]), *inner, to_edge(*inner[-1])])


def split_cells(lines: list[LineString], frame: Polygon) -> list[Polygon]:
    """The frame cut by the lines into cells, sorted deterministically."""
    from shapely.ops import polygonize

    noded = shapely.union_all([frame.exterior, *lines])
    cells = [c for c in polygonize(noded) if c.area > 1e-9]
    cells.sort(key=lambda c: (round_coords(list(c.bounds)), round(c.area, 8)))
    return cells

"""RFC 7946 geometry for the exports: valid, right-hand wound, on a 1e-6 degree grid.

Normalising is the export's costliest step (GEOS snap-rounding of every territory),
so a build normalises each geometry once (:class:`GeometryMemo`) and the maps and
GeoJSON files share the result. The coordinates come out of shapely as one numpy
array: when rounding to 6 decimals leaves it unchanged (always, after snapping to
the grid) the nested lists are cut from it directly instead of rounding float by float.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import numpy
import shapely
import shapely.errors
from shapely.geometry import mapping, shape

from warmap.features.geometry_store import StoredGeometries, geometry_key

PRECISION = 6

_RAGGED_TYPES = {"Point", "LineString", "MultiPoint", "Polygon", "MultiLineString", "MultiPolygon"}


def _round(value: Any) -> Any:
    """Round every float in nested coordinates to PRECISION decimals (-0.0 becomes 0.0)."""
    if isinstance(value, float):
        rounded = round(value, PRECISION)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    return value


def _split(items: list, offsets: numpy.ndarray) -> list:
    bounds = offsets.tolist()
    return [items[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


Bounds = tuple[float, float, float, float]


def _coordinates(geom) -> tuple[list, Bounds] | None:
    """The nested coordinate lists of ``geom`` rounded like :func:`_round`, and their bounds.

    None when the fast cut would not be exact.

    numpy's round equals Python's ``round(x, 6)`` whenever it returns x unchanged (x is
    then the double nearest a multiple of 1e-6, which Python's round also returns), so
    the fast path is taken only then and gives the same floats as the slow one.
    """
    if geom.geom_type not in _RAGGED_TYPES:
        return None
    _, coords, offsets = shapely.to_ragged_array([geom], include_z=shapely.has_z(geom))
    if not numpy.array_equal(numpy.round(coords, PRECISION), coords):
        return None
    coords = coords + 0.0  # turns -0.0 into 0.0
    nested: list = coords.tolist()
    for level in offsets:  # innermost first: coordinates → rings/lines → polygons → the one geometry
        nested = _split(nested, level)
    low, high = coords[:, :2].min(axis=0).tolist(), coords[:, :2].max(axis=0).tolist()
    return nested[0], (low[0], low[1], high[0], high[1])


def _polygon(rings: list):
    shell, *holes = (numpy.asarray(ring, dtype=float) for ring in rings)
    return shapely.polygons(shell, holes=holes or None)


def _shape(geometry: dict[str, Any]):
    """shapely's ``shape``, with (Multi)Polygons built from numpy arrays instead of point by point.

    Anything unusual (empty, ragged, too short) goes to ``shape`` itself, so errors are its own.
    """
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Polygon" and coordinates:
            return _polygon(coordinates)
        if kind == "MultiPolygon" and coordinates and all(coordinates):
            return shapely.multipolygons([_polygon(part) for part in coordinates])
    except (ValueError, TypeError, shapely.errors.GEOSException):
        pass
    return shape(geometry)


def normalise_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    """A valid, right-hand-wound geometry with coordinates on a 1e-6 degree grid (or None)."""
    return _normalise(geometry)[0]


def _normalise(geometry: dict[str, Any] | None) -> tuple[dict[str, Any] | None, Bounds | None]:
    """normalise_geometry, and the result's bounds when they come for free."""
    if not geometry:
        return None, None
    geom = _shape(geometry)
    if geom.is_empty:
        return None, None
    polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
    if polygonal and not geom.is_valid:
        geom = shapely.make_valid(geom)
    geom = shapely.set_precision(geom, 10**-PRECISION)
    if polygonal and geom.geom_type == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(parts) if parts else geom
    if geom.is_empty:
        return None, None
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    if geom.geom_type == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [normalise_geometry(mapping(g)) for g in geom.geoms],
        }, None
    fast = _coordinates(geom)
    if fast is None:
        return {"type": geom.geom_type, "coordinates": _round(mapping(geom)["coordinates"])}, None
    return {"type": geom.geom_type, "coordinates": fast[0]}, fast[1]


def bounds_of(geometry: dict[str, Any]) -> Bounds:
    """(west, south, east, north) of a GeoJSON geometry."""
    return shape(geometry).bounds


class GeometryMemo:
    """normalise_geometry remembered per geometry object, for one build.

    Keyed by the identity of the geometry, or of its ``owner`` when the geometry is
    made on the fly (a place's point); the memo keeps a reference to the key object,
    so an id is never reused. Results are shared: callers must not mutate them.
    """

    def __init__(self, stored: StoredGeometries | None = None) -> None:
        self.stored = stored  # results kept on disk between builds, if any
        self._done: dict[int, tuple[Any, dict[str, Any] | None]] = {}
        self._bounds: dict[int, tuple[dict[str, Any], Bounds]] = {}
        self._json: dict[tuple[int, str], tuple[Any, str]] = {}
        self._inputs: dict[int, tuple[dict[str, Any], bytes]] = {}  # a stored result → its input's key

    def normalised(self, geometry: dict[str, Any] | None, owner: Any = None) -> dict[str, Any] | None:
        if not geometry:
            return None
        key = geometry if owner is None else owner
        hit = self._done.get(id(key))
        if hit is not None and hit[0] is key:
            return hit[1]
        result, bounds = self._computed(geometry)
        self._done[id(key)] = (key, result)
        if result is not None and bounds is not None:
            self._bounds[id(result)] = (result, bounds)
        return result

    def _computed(self, geometry: dict[str, Any]) -> tuple[dict[str, Any] | None, Bounds | None]:
        """_normalise(geometry), from the stored results when an equal geometry was normalised before."""
        key = None if self.stored is None else geometry_key(geometry)
        if key is None:
            return _normalise(geometry)
        hit = self.stored.get(key)
        if hit is None:
            hit = _normalise(geometry)
            self.stored.put(key, hit)
        if hit[0] is not None:
            self._inputs[id(hit[0])] = (hit[0], key)
        return hit

    def derived(self, geometry: dict[str, Any], kind: bytes, compute: Callable[[dict[str, Any]], Any]) -> Any:
        """``compute(geometry)`` for a geometry this memo normalised, kept with the stored results.

        ``kind`` names the computation and everything it depends on besides the geometry
        (its code, its parameters): a different one is a different entry.
        """
        known = self._inputs.get(id(geometry))
        if self.stored is None or known is None or known[0] is not geometry:
            return compute(geometry)
        key = hashlib.blake2b(kind + b"\x00" + known[1], digest_size=16).digest()
        hit = self.stored.get(key)
        if hit is None:
            hit = (compute(geometry), None)
            self.stored.put(key, hit)
        return hit[0]

    def bounds(self, geometry: dict[str, Any]) -> Bounds:
        """bounds_of, remembered per geometry object (the maps ask for the same territory often)."""
        hit = self._bounds.get(id(geometry))
        if hit is None or hit[0] is not geometry:
            hit = (geometry, bounds_of(geometry))
            self._bounds[id(geometry)] = hit
        return hit[1]

    def json(self, geometry: dict[str, Any] | None, options: dict[str, Any]) -> str:
        """``json.dumps(geometry, **options)``, remembered per geometry object and options (and kept
        with the stored results for a geometry this memo normalised)."""
        key = (id(geometry), repr(sorted(options.items())))
        hit = self._json.get(key)
        if hit is None or hit[0] is not geometry:
            if geometry is None:
                text = json.dumps(geometry, **options)
            else:
                text = self.derived(geometry, b"json " + key[1].encode(), lambda g: json.dumps(g, **options))
            hit = (geometry, text)
            self._json[key] = hit
        return hit[1]

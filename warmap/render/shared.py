"""The page's shapes with their points shared: one coastline, not one per date.

The territory of each date is the land cut by that date's front lines, so the 80
territory polygons of the bundled texts carry ~81,000 coordinates but only ~2,400
distinct points. A page therefore sends every distinct point once (a delta-coded
integer table at the GeoJSON's own 5-decimal precision, so nothing moves) and each
ring or line as runs along that table: ``[first, count, …]``, a negative count
running backwards. Points are numbered in the order they are first met, so a
coastline traced again on a later date is one run. data/map.js's ``warmap.decode``
turns them back into GeoJSON coordinates before any layer is made.
"""

from __future__ import annotations

from itertools import filterfalse
from typing import Any

import numpy

SCALE = 100_000  # the GeoJSON's precision (5 decimals): decoded points are the same numbers
SHARED_TYPES = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")


class PointTable:
    """Distinct points in the order first met, and rings or lines as runs along them."""

    def __init__(self) -> None:
        self.index: dict[int, int] = {}  # a point's key (``_keys``) → its number
        self.keys: list[int] = []  # the points' keys by number
        self._done: dict[int, tuple[dict[str, Any], dict[str, Any], int]] = {}  # id → (geometry, runs, top)

    def runs(self, line: list[list[float]], closed: bool) -> list[int]:
        """``[first, count, …]``: consecutive table numbers up (count > 0) or down (count < 0).

        A point is numbered when first met (its key: the coordinate in units of 1/SCALE degree).
        """
        keys = _keys(line)
        if closed and len(line) > 1 and line[0] == line[-1]:
            keys = keys[:-1]  # the decoder closes the ring again
        index, known = self.index, self.keys
        # The points not numbered yet, each once, in the order met (dict keys keep insertion order):
        # every loop here runs in C, over int keys that hash at no cost.
        new = list(filterfalse(index.__contains__, dict.fromkeys(keys)))
        if new:
            index.update(zip(new, range(len(known), len(known) + len(new)), strict=True))
            known.extend(new)
        numbers = list(map(index.__getitem__, keys))
        return _runs_along(numbers)

    def encoded(self, geometry: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """``geometry(geometry)`` and the highest point number it uses, once per geometry object.

        Each page has its own table, so a page is the same built alone or in a build.
        """
        if geometry["type"] not in SHARED_TYPES:
            return geometry, -1
        hit = self._done.get(id(geometry))
        if hit is None or hit[0] is not geometry:
            before = len(self.keys)
            shared = self.geometry(geometry)
            top = max(_numbers(shared.get("runs", [])), default=-1) if len(self.keys) == before else len(self.keys) - 1
            hit = self._done[id(geometry)] = (geometry, shared, top)
        return hit[1], hit[2]

    def geometry(self, geometry: dict[str, Any]) -> dict[str, Any]:
        """The geometry with ``runs`` in place of ``coordinates`` (points are left as they are)."""
        kind = geometry["type"]
        if kind not in SHARED_TYPES:
            return geometry
        coordinates = geometry["coordinates"]
        if kind == "LineString":
            runs: Any = self.runs(coordinates, False)
        elif kind == "MultiLineString":
            runs = [self.runs(line, False) for line in coordinates]
        elif kind == "Polygon":
            runs = [self.runs(ring, True) for ring in coordinates]
        else:
            runs = [[self.runs(ring, True) for ring in polygon] for polygon in coordinates]
        return {"type": kind, "runs": runs}

    def table(self, count: int | None = None) -> list[int]:
        """The (first ``count``) points as ``[x0, y0, dx1, dy1, …]`` in units of 1/SCALE degree."""
        keys = self.keys[:count]
        if not keys:
            return []
        steps = numpy.diff(_coordinates(numpy.asarray(keys, dtype=numpy.int64)), axis=0, prepend=0)
        return steps.ravel().tolist()

    @property
    def points(self) -> list[tuple[int, int]]:
        """The points by number, ``(x, y)`` in units of 1/SCALE degree."""
        return [(x, y) for x, y in _coordinates(numpy.asarray(self.keys, dtype=numpy.int64)).tolist()]


LONG = 48  # points: from this length a line's keys and runs are found with numpy
_KEYS: dict[int, tuple[list[list[float]], list[int]]] = {}
X_UNIT = 1 << 32  # a key is x * X_UNIT + y: one int (|y| < 2**31, so the pair comes back)
HALF = 1 << 31


def _coordinates(keys: numpy.ndarray) -> numpy.ndarray:
    """Keys back to rows ``(x, y)`` in units of 1/SCALE degree."""
    y = ((keys + HALF) & (X_UNIT - 1)) - HALF
    return numpy.stack([(keys - y) >> 32, y], axis=1)


def _keys(line: list[list[float]]) -> list[int]:
    """Each coordinate as one int: ``round(x * SCALE) * X_UNIT + round(y * SCALE)``, x and y in units of
    1/SCALE degree (an int hashes for nothing; a pair of them costs a tuple hash at every lookup).

    Remembered per line object: a build's pages share their shapes' coordinate lists.
    numpy's rint rounds half to even like Python's round, so the keys are the same numbers.
    """
    hit = _KEYS.get(id(line))
    if hit is not None and hit[0] is line:
        return hit[1]
    keys = None
    if len(line) >= LONG:
        xy = numpy.asarray(line, dtype=float)
        if xy.ndim == 2 and xy.shape[1] >= 2:
            whole = numpy.rint(xy[:, :2] * SCALE).astype(numpy.int64)
            keys = (whole[:, 0] * X_UNIT + whole[:, 1]).tolist()
    if keys is None:
        keys = [round(c[0] * SCALE) * X_UNIT + round(c[1] * SCALE) for c in line]
    if len(_KEYS) > 65536:
        _KEYS.clear()
    _KEYS[id(line)] = (line, keys)
    return keys


def _keys_of(lines: list[list[list[float]]]) -> list[list[int]]:
    """``_keys`` of each line, those not remembered yet found with one numpy pass over all their points
    (a page's thousands of short outlines cost a Python loop per point one by one)."""
    found: list[list[int] | None] = []
    missing: list[int] = []
    for at, line in enumerate(lines):
        hit = _KEYS.get(id(line))
        if hit is not None and hit[0] is line:
            found.append(hit[1])
        else:
            found.append(None)
            missing.append(at)
    points = [point for at in missing for point in lines[at]]
    try:
        xy = numpy.asarray(points, dtype=float) if points else None
    except ValueError:  # points of mixed shapes
        xy = None
    if xy is None or xy.ndim != 2 or xy.shape[1] < 2:  # none missing, or not plain points
        return [hit if hit is not None else _keys(line) for hit, line in zip(found, lines, strict=True)]
    whole = numpy.rint(xy[:, :2] * SCALE).astype(numpy.int64)
    every = (whole[:, 0] * X_UNIT + whole[:, 1]).tolist()
    if len(_KEYS) + len(missing) > 65536:
        _KEYS.clear()
    start = 0
    for at in missing:
        line = lines[at]
        keys = found[at] = every[start : start + len(line)]
        start += len(line)
        _KEYS[id(line)] = (line, keys)
    return found  # type: ignore[return-value]


def _runs_along(numbers: list[int]) -> list[int]:
    """``[first, count, …]`` of a line's point numbers: a run goes on while each step is the same +1 or -1."""
    if len(numbers) < LONG:
        return _runs_short(numbers)
    return _runs_by_line(numpy.asarray(numbers, dtype=numpy.int64), [0, len(numbers)])[0]


def _runs_short(numbers: list[int]) -> list[int]:
    out: list[int] = []
    step = 0
    previous = -2
    for number in numbers:
        difference = number - previous
        if (difference == 1 or difference == -1) and step in (0, difference):
            step = difference
            out[-1] = step * (abs(out[-1]) + 1)
        else:
            out += [number, 1]
            step = 0
        previous = number
    return out


def _numbers(runs: list[Any]) -> list[int]:
    """Every point number a geometry's runs reach (a run's first and last)."""
    if runs and isinstance(runs[0], int):
        return [n for i in range(0, len(runs), 2) for n in (runs[i], runs[i] + runs[i + 1] - (1 if runs[i + 1] > 0 else -1))]
    return [n for part in runs for n in _numbers(part)]


def share_points(layers: dict[str, list[dict[str, Any]]], table: PointTable | None = None) -> dict[str, Any]:
    """The layers with lines and areas (and places' shapes) as runs, plus the ``points`` they share:
    ``table``'s points up to the last one these layers use (a fresh table: ``PageCoder``'s numbers)."""
    if table is None:
        return PageCoder(layers).shared()
    top = -1
    out: dict[str, Any] = {}

    def code(geometry: dict[str, Any]) -> dict[str, Any]:
        nonlocal top
        shared, used = table.encoded(geometry)
        top = max(top, used)
        return shared

    out = _coded_layers(layers, code)
    out["points"] = table.table(top + 1)
    return out


def _coded_layers(layers: dict[str, list[dict[str, Any]]], code) -> dict[str, Any]:
    """Each layer's features with their geometry (and a place's shape) through ``code``, in coding order."""
    out: dict[str, Any] = {}
    for key in _layer_order(layers):
        features = []
        for feature in layers[key]:
            properties = feature["properties"]
            if "shape" in properties:
                properties = properties | {"shape": code(properties["shape"])}
            features.append(feature | {"geometry": code(feature["geometry"]), "properties": properties})
        out[key] = {"type": "FeatureCollection", "features": features}
    return out


def _layer_order(layers: dict[str, Any]) -> list[str]:
    return sorted(layers, key=lambda k: (k != "territory", k))  # the coastline numbered in its order


class PageCoder:
    """A whole page's shapes numbered and cut into runs at once, with numpy: the same numbers and runs
    as a fresh ``PointTable`` meeting the lines one by one (points numbered in the order first met;
    a run goes on while each step is the same +1 or -1), for a fraction of the dictionary work."""

    def __init__(self, layers: dict[str, list[dict[str, Any]]]) -> None:
        self.layers = layers
        self.geometries: list[dict[str, Any]] = []  # the shared kinds, each once, in coding order
        seen: set[int] = set()
        for key in _layer_order(layers):
            for feature in layers[key]:
                shape = feature["properties"].get("shape") if "shape" in feature["properties"] else None
                for geometry in (shape, feature["geometry"]) if shape is not None else (feature["geometry"],):
                    if geometry["type"] in SHARED_TYPES and id(geometry) not in seen:
                        seen.add(id(geometry))
                        self.geometries.append(geometry)

    def shared(self) -> dict[str, Any]:
        lines = [line for geometry in self.geometries for line in _lines(geometry)]
        keys: list[int] = []
        bounds = [0]
        for (line, closed), line_keys in zip(lines, _keys_of([line for line, _ in lines]), strict=True):
            if closed and len(line) > 1 and line[0] == line[-1]:
                line_keys = line_keys[:-1]  # the decoder closes the ring again
            keys += line_keys
            bounds.append(len(keys))
        if not keys:
            coded = {id(g): {"type": g["type"], "runs": _nested(g, iter([[]] * len(lines)))} for g in self.geometries}
            return _coded_layers(self.layers, lambda g: coded.get(id(g), g)) | {"points": []}
        every = numpy.asarray(keys, dtype=numpy.int64)
        distinct, first, inverse = numpy.unique(every, return_index=True, return_inverse=True)
        met = numpy.argsort(first, kind="stable")  # distinct points in the order first met
        number = numpy.empty(len(distinct), dtype=numpy.int64)
        number[met] = numpy.arange(len(distinct))
        numbers = number[inverse.ravel()]
        line_runs = _runs_by_line(numbers, bounds)
        parts = iter(line_runs)
        coded = {id(g): {"type": g["type"], "runs": _nested(g, parts)} for g in self.geometries}
        out = _coded_layers(self.layers, lambda g: coded.get(id(g), g))
        steps = numpy.diff(_coordinates(distinct[met]), axis=0, prepend=0)
        out["points"] = steps.ravel().tolist()
        return out


def _lines(geometry: dict[str, Any]) -> list[tuple[list[list[float]], bool]]:
    """A shared geometry's lines and rings in coding order, each with whether it is a ring."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [(coordinates, False)]
    if kind == "MultiLineString":
        return [(line, False) for line in coordinates]
    if kind == "Polygon":
        return [(ring, True) for ring in coordinates]
    return [(ring, True) for polygon in coordinates for ring in polygon]


def _nested(geometry: dict[str, Any], parts) -> Any:
    """The geometry's runs in its own nesting, taking one line's runs from ``parts`` per line."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return next(parts)
    if kind in ("MultiLineString", "Polygon"):
        return [next(parts) for _ in coordinates]
    return [[next(parts) for _ in polygon] for polygon in coordinates]


def _runs_by_line(numbers: numpy.ndarray, bounds: list[int]) -> list[list[int]]:
    """``_runs_along`` of each line ``numbers[bounds[i]:bounds[i + 1]]``, found for all lines at once."""
    count = len(numbers)
    steps = numpy.zeros(count, dtype=numpy.int64)  # step from each point to the next; 0 at a line's end
    steps[:-1] = numpy.diff(numbers)
    ends = numpy.asarray(bounds[1:], dtype=numpy.int64) - 1
    steps[ends[ends >= 0]] = 0
    change = numpy.flatnonzero(steps[1:] != steps[:-1]) + 1  # where a stretch of equal steps begins
    stretch_end = [*change.tolist(), count]  # each stretch's end (exclusive), by stretch
    stretch_of = numpy.zeros(count, dtype=numpy.int64)
    stretch_of[change] = 1
    of = numpy.cumsum(stretch_of).tolist()
    step_list = steps.tolist()
    number_list = numbers.tolist()
    flat: list[int] = []
    starts: list[int] = []
    at = 0
    while at < count:
        step = step_list[at]
        starts.append(at)
        if step == 1 or step == -1:
            last = stretch_end[of[at]]  # steps at..last-1 are all this step: points at..last
            flat += [number_list[at], step * (last - at + 1)]
            at = last + 1
        else:
            flat += [number_list[at], 1]
            at += 1
    cut = numpy.searchsorted(numpy.asarray(starts, dtype=numpy.int64), numpy.asarray(bounds, dtype=numpy.int64)).tolist()
    return [flat[2 * cut[i] : 2 * cut[i + 1]] for i in range(len(bounds) - 1)]

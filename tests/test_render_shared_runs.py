"""The point table's fast path (numpy for long lines, keys remembered per line) numbers points and
cuts runs exactly as the plain point-by-point loop does."""

from __future__ import annotations

import random

import pytest

from warmap.render.shared import LONG, SCALE, PointTable


class PlainTable:
    """The reference: every point rounded, looked up and joined to its run one at a time."""

    def __init__(self) -> None:
        self.index: dict[tuple[int, int], int] = {}
        self.points: list[tuple[int, int]] = []

    def runs(self, line: list[list[float]], closed: bool) -> list[int]:
        if closed and len(line) > 1 and line[0] == line[-1]:
            line = line[:-1]
        out: list[int] = []
        step = 0
        previous = None
        for coordinate in line:
            key = (round(coordinate[0] * SCALE), round(coordinate[1] * SCALE))
            number = self.index.get(key)
            if number is None:
                number = self.index[key] = len(self.points)
                self.points.append(key)
            if previous is not None and abs(number - previous) == 1 and step in (0, number - previous):
                step = number - previous
                out[-1] = step * (abs(out[-1]) + 1)
            else:
                out += [number, 1]
                step = 0
            previous = number
        return out


def _lines(seed: int) -> list[tuple[list[list[float]], bool]]:
    """Lines drawn from a small pool of points (so they share, repeat, reverse and jump), short and long,
    some with a half-unit coordinate (rounding half to even), some closed."""
    rng = random.Random(seed)
    pool = [[round(rng.uniform(124, 131), rng.choice((2, 5, 6))), round(rng.uniform(33, 43), 5)] for _ in range(300)]
    pool += [[126.000005, 37.000015], [126.000025, -0.0], [-0.000005, 37.5]]
    lines = []
    for _ in range(60):
        size = rng.choice((1, 2, 3, LONG - 1, LONG, LONG + 1, 200, 900))
        start = rng.randrange(len(pool))
        if rng.random() < 0.5:  # a stretch of the pool, forwards or backwards, with a few jumps
            line = [pool[(start + i) % len(pool)] for i in range(size)]
            if rng.random() < 0.5:
                line.reverse()
            for _ in range(rng.randrange(4)):
                line[rng.randrange(size)] = rng.choice(pool)
        else:
            line = [rng.choice(pool) for _ in range(size)]
        closed = rng.random() < 0.5
        if closed and size > 1:
            line = [*line, line[0]]
        lines.append(([point[:] for point in line], closed))
    return lines


@pytest.mark.parametrize("seed", range(12))
def test_runs_and_numbering_are_the_plain_loops(seed: int) -> None:
    fast, plain = PointTable(), PlainTable()
    lines = _lines(seed)
    for line, closed in lines + lines[::3]:  # some lines met again: their remembered keys are used
        assert fast.runs(line, closed) == plain.runs(line, closed)
    assert fast.points == plain.points


def test_a_line_changed_into_another_object_is_read_again() -> None:
    table, plain = PointTable(), PlainTable()
    line = [[126.0 + i / 1000, 37.0] for i in range(LONG * 2)]
    assert table.runs(line, False) == plain.runs(line, False)
    moved = [[x, y + 1.0] for x, y in line]
    assert table.runs(moved, False) == plain.runs(moved, False)
    assert table.points == plain.points


@pytest.mark.parametrize("seed", range(6))
def test_a_page_coded_at_once_is_the_table_met_line_by_line(seed: int) -> None:
    """share_points without a table (PageCoder, numpy over the whole page) gives exactly what a fresh
    PointTable gives: lines, rings, multi-polygons, places' shapes, a geometry met twice, points."""
    from warmap.render.shared import share_points

    rng = random.Random(seed)
    lines = _lines(seed)
    rings = [line for line, closed in lines if closed and len(line) > 3]
    opened = [line for line, closed in lines if not closed]

    def feature(geometry, **properties):
        return {"type": "Feature", "geometry": geometry, "properties": properties}

    area = {"type": "Polygon", "coordinates": rings[:2]}
    layers = {
        "territory": [feature(area), feature({"type": "MultiPolygon", "coordinates": [rings[2:4], rings[4:5]]})],
        "fronts": [feature({"type": "LineString", "coordinates": line}) for line in opened[:5]]
        + [feature({"type": "MultiLineString", "coordinates": opened[5:8]}), feature(area)],
        "places": [feature({"type": "Point", "coordinates": [126.5, 37.5]}, shape={"type": "Polygon", "coordinates": [ring]})
                   for ring in rng.sample(rings, 3)],
        "land": [feature({"type": "LineString", "coordinates": []})],
    }
    assert share_points(layers) == share_points(layers, PointTable())
    empty = {"land": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}, "properties": {}}]}
    assert share_points(empty) == share_points(empty, PointTable()) == {
        "land": {"type": "FeatureCollection", "features": empty["land"][:0] + [
            {"type": "Feature", "geometry": {"type": "LineString", "runs": []}, "properties": {}}]},
        "points": [],
    }


def test_keys_found_for_many_lines_at_once_are_each_lines_own() -> None:
    from warmap.render.shared import _KEYS, _keys, _keys_of

    lines = [line for line, _ in _lines(3)] + [[], [[126.0, 37.0, 5.0], [126.5, 37.5, 6.0]]]
    _KEYS.clear()
    together = _keys_of(lines)
    _KEYS.clear()
    assert together == [_keys(line) for line in lines]
    assert _keys_of([[[1.0, 2.0]], [[1.0, 2.0, 3.0]]]) == [_keys([[1.0, 2.0]]), _keys([[1.0, 2.0, 3.0]])]  # mixed shapes

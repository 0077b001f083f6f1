"""How the development set's scorer matches a gold event placed on a whole extent (tests/devset/README.md).

A gold event whose place is a whole country is found by an event of its date inside that country, naming
it, or with no point at all and the same type (issue 12: an event that only names a country has no point);
never by one in another country. One placed along a whole line (a river, a border) is found by a point near
any stretch of that line. Gold without an extent keeps the radius around its point.
"""

from __future__ import annotations

from typing import Any

from benchmarks.devset import event_matches

DOC = "account.txt"
SEOUL = (37.566, 126.978)
ULSAN = (35.537, 129.317)
PYONGYANG = (39.019, 125.738)
YALU_MOUTH = (40.1, 124.4)
MANPO = (41.15, 126.29)  # upstream on the Yalu, some 190 km from its mouth


def _gold(**extra: Any) -> dict[str, Any]:
    return {"type": "massacre", "start": "1950", "lat": 36.5, "lon": 127.9, **extra}


def _event(*points: tuple[float, float], kind: str = "massacre", start: str = "1950-07", places: tuple[str, ...] = ()) -> dict[str, Any]:
    geometry = {"type": "MultiPoint", "coordinates": [[lon, lat] for lat, lon in points]} if points else None
    return {"type": kind, "start": start, "places": list(places), "geometry": geometry, "sources": [{"doc": DOC}]}


def test_a_country_extent_is_found_inside_the_country_not_outside() -> None:
    gold = _gold(extent="country", place_id="ne:KOR")
    assert event_matches(gold, _event(ULSAN), DOC)
    assert event_matches(gold, _event(SEOUL, ULSAN), DOC)
    assert not event_matches(gold, _event(PYONGYANG), DOC)
    assert not event_matches(gold, _event(ULSAN, PYONGYANG), DOC)
    assert not event_matches(gold, _event(ULSAN, start="1951-02"), DOC), "the date still has to agree"


def test_a_country_extent_is_found_by_an_event_without_a_point_of_its_type() -> None:
    gold = _gold(extent="country", place_id="ne:KOR")
    assert event_matches(gold, _event(), DOC)
    assert not event_matches(gold, _event(kind="battle"), DOC), "without a place, the type must agree"
    assert event_matches(gold, _event(kind="offensive", places=("ne:KOR",)), DOC), "an event naming the country"


def test_without_an_extent_the_gold_keeps_its_radius() -> None:
    gold = _gold()
    assert not event_matches(gold, _event(ULSAN), DOC)
    assert not event_matches(gold, _event(), DOC)
    assert event_matches(gold, _event((36.45, 127.95)), DOC)


def test_a_line_extent_is_found_along_the_line_only() -> None:
    gold = {"type": "other", "start": "1950-11", "lat": YALU_MOUTH[0], "lon": YALU_MOUTH[1]}
    assert not event_matches(gold, _event(MANPO, kind="other", start="1950-11"), DOC)
    along = {**gold, "extent": "line", "place_id": "curated:yalu-river"}
    assert event_matches(along, _event(MANPO, kind="other", start="1950-11"), DOC)
    assert event_matches(along, _event(YALU_MOUTH, kind="other", start="1950-11"), DOC)
    assert not event_matches(along, _event(SEOUL, kind="other", start="1950-11"), DOC)
    assert not event_matches(along, _event(kind="other", start="1950-11"), DOC), "a line needs a point near it"

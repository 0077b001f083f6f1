"""The browser's copy of the features: what each layer draws, and for which days.

Time semantics (issue 13): an event shows for its own span (start to end); a battle,
operation or offensive dated to the day with no end shows for ``battle_default_days``
(styles.json; the legend says so); the page can widen every event by a "recent
events" window the reader sets. A front drawn from the texts shows only on the days
its sentence dates it (a sentence dated to a month or year: the first day of it),
labelled with that sentence. Places are circles: a place's shape (a country, a
parallel, a perimeter) is drawn only while its popup is open, never on every date.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from warmap.features import timespan
from warmap.render.land import NEIGHBOUR_TOLERANCE
from warmap.render.popups import date_span, popup_html
from warmap.render.styles import event_style, front_style, side_style, styles

if TYPE_CHECKING:
    from warmap.features.geometry import GeometryMemo

LABEL_CHARS = 160
LAYER_KEYS = ("territory", "curated", "text", "events", "places", "undated")


def _name(properties: dict[str, Any]) -> str:
    names = properties.get("names", {})
    return str(names.get("en") or (names[sorted(names)[0]] if names else properties["id"]))


def _points(geometry: dict[str, Any]) -> list[list[float]]:
    """Every point of a Point/MultiPoint, else the shape's representative point."""
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPoint":
        return list(geometry["coordinates"])
    hit = _REPRESENTATIVE.get(id(geometry))
    if hit is None or hit[0] is not geometry:  # a build's pages share their places' geometry objects
        hit = _remember(_REPRESENTATIVE, id(geometry), (geometry, _representative(geometry)))
    return [list(hit[1])]


def _representative(geometry: dict[str, Any]) -> tuple[float, float]:
    from shapely.geometry import shape

    point = shape(geometry).representative_point()
    return round(point.x, 5), round(point.y, 5)


def _remember(memo: dict, key: Any, value: tuple) -> tuple:
    if len(memo) > 4096:
        memo.clear()
    memo[key] = value
    return value


_REPRESENTATIVE: dict[int, tuple[dict[str, Any], tuple[float, float]]] = {}


def recall_shapes(features: list[dict[str, Any]], war: Any, memo: GeometryMemo | None) -> None:
    """Representative points and outlines of the features' areas from the build's stored results
    (``memo.derived``), into this module's per-geometry memos: the same at every build, so computed once."""
    from warmap.wars import load_war

    if memo is None or memo.stored is None:
        return
    war = load_war(war)
    code = _code_hash()
    view = repr((war.map_view, war.bounds)).encode()
    for feature in features:
        geometry, kind = feature["geometry"], feature["properties"]["kind"]
        if geometry is None or kind not in ("place", "event") or geometry["type"] in ("Point", "MultiPoint"):
            continue
        point = memo.derived(geometry, b"representative point " + code, _representative)
        _remember(_REPRESENTATIVE, id(geometry), (geometry, tuple(point)))
        if kind == "place":
            outline = memo.derived(geometry, b"outline " + code + view, lambda g: _outline(g, war))
            _remember(_OUTLINES, (id(geometry), war.map_view, war.bounds), (geometry, outline))


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    """This module's code and land.py's (the outlines' tolerance): what the stored shapes depend on
    besides the geometry, the war's view and the libraries (those name the store's file)."""
    from pathlib import Path

    here = Path(__file__)
    digest = hashlib.blake2b(digest_size=16)
    for path in (here, here.with_name("land.py")):
        digest.update(path.read_bytes())
    return digest.digest()


def _ms(first: date, last: date) -> dict[str, int]:
    """t0/t1: from the first day's midnight to the last day's last millisecond (UTC)."""
    return {"t0": timespan.epoch_ms(first), "t1": timespan.epoch_ms(last) + timespan.DAY_MS - 1}


def _day_precise(iso: str | None) -> bool:
    return bool(iso) and len(iso.split("-")) == 3  # type: ignore[union-attr]


def event_days(p: dict[str, Any]) -> tuple[date, date] | None:
    """The days an event shows: its own span; a battle with a day and no end, the stated default."""
    span = timespan.interval(p.get("start"), p.get("end"))
    if span is None:
        return None
    battles = event_style(p.get("type", "other"))["group"] == "battles"
    if battles and not p.get("end") and _day_precise(p.get("start")):
        return span[0], span[0] + timedelta(days=styles()["battle_default_days"] - 1)
    return span


def text_front_days(p: dict[str, Any]) -> tuple[date, date] | None:
    """The days a sentence dates a front: its day(s); a month or year only, its first day."""
    span = timespan.interval(p.get("start"), p.get("end"))
    if span is None:
        return None
    return span if _day_precise(p.get("start")) else (span[0], span[0])


def _event(p: dict[str, Any], points: list[list[float]]) -> dict[str, Any]:
    st = event_style(p.get("type", "other"))
    names = p.get("names", {})
    out = {
        "icon": f"<span style='background:{st['colour']}'>{escape(st['symbol'])}</span>",
        "type": p.get("type", "other"),
        "group": st["group"],
        "when": date_span(p.get("start"), p.get("end")),
        "names": dict(sorted(names.items())),
        "more": points[1:],  # one marker per event: its other places are drawn on demand
    }
    days = event_days(p)
    return out | (_ms(*days) if days else {})


def _front(p: dict[str, Any], war_end: date) -> dict[str, Any]:
    origin = p.get("origin", "text")
    st = front_style(origin)
    out: dict[str, Any] = {
        "style": {
            "color": st["colour"],
            "weight": st["weight"],
            "dashArray": st["dash"],
            "className": f"wm-front wm-front-{origin}",
        }
    }
    if origin == "curated":
        days = timespan.open_interval(p.get("start"), p.get("end"), war_end)
    else:
        days = text_front_days(p)
        sentence = next((ref.get("text", "") for ref in p.get("sources", [])), "")
        if sentence:  # the tooltip is the sentence that drew the line
            cut = sentence if len(sentence) <= LABEL_CHARS else sentence[:LABEL_CHARS] + "…"
            out["label"] = escape(cut)
    return out | (_ms(*days) if days else {})


def _territory(p: dict[str, Any], war_end: date, war: Any) -> dict[str, Any]:
    st = side_style(p.get("side", ""), war)
    out: dict[str, Any] = {
        "side": p.get("side"),
        "style": {
            "color": st["colour"],
            "fillColor": st["colour"],
            "fillOpacity": st["fill_opacity"],
            "weight": 0.5,
            "className": f"wm-territory wm-side-{p.get('side')}",
        },
    }
    days = timespan.open_interval(p.get("start"), p.get("end"), war_end)
    return out | (_ms(*days) if days else {})


def place_outline(geometry: dict[str, Any], war: Any = None) -> dict[str, Any] | None:
    """A place's shape as a map of the war can show it: a shape reaching beyond the theatre (a country)
    as its outline clipped to the war's map view, as coarse as the land layer draws the land around it.

    None when nothing of it is in view (Canada): the popup then has no outline to draw.
    """
    from warmap.wars import load_war

    war = load_war(war)
    key = (id(geometry), war.map_view, war.bounds)
    hit = _OUTLINES.get(key)
    if hit is None or hit[0] is not geometry:  # a build's pages share their places' geometry objects
        hit = _remember(_OUTLINES, key, (geometry, _outline(geometry, war)))
    return hit[1]


_OUTLINES: dict[tuple[Any, ...], tuple[dict[str, Any], dict[str, Any] | None]] = {}


def _outline(geometry: dict[str, Any], war: Any) -> dict[str, Any] | None:
    from shapely.geometry import box, mapping, shape

    from warmap.features.geometry import bounds_of

    west, south, east, north = bounds_of(geometry)
    theatre = war.bounds
    if theatre[0] <= west and theatre[1] <= south and east <= theatre[2] and north <= theatre[3]:
        return geometry
    outline = shape(geometry)
    if outline.geom_type in ("Polygon", "MultiPolygon"):  # its edge only: the view's own edge is no border
        outline = outline.boundary
    clipped = outline.intersection(box(*war.map_view)).simplify(NEIGHBOUR_TOLERANCE, preserve_topology=True)
    if clipped.is_empty:
        return None
    g = mapping(clipped)
    return {"type": g["type"], "coordinates": _rounded(g["coordinates"])}


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    return [_rounded(v) for v in value]


def _place(p: dict[str, Any], geometry: dict[str, Any], war: Any = None) -> dict[str, Any]:
    st = styles()["places"]
    low = p.get("confidence", 1) < st["low_confidence"]
    water = p.get("feature") in ("river", "lake", "sea")
    out: dict[str, Any] = {
        "style": {
            "radius": st["radius"],
            "color": st["water_colour"] if water else st["colour"],
            "weight": 1.5,
            "fillOpacity": 0.9,
            "fillColor": st["low_colour"] if low else st["fill"],
            "dashArray": "2 2" if low else None,
            "className": "wm-place",
        }
    }
    outline = None if geometry["type"] in ("Point", "MultiPoint") else place_outline(geometry, war)
    if outline is not None:
        out["shape"] = outline  # drawn while the popup is open
    days = timespan.interval(p.get("start"), p.get("end"))
    return out | (_ms(*days) if days else {})


def map_feature(feature: dict[str, Any], war_end: date, war: Any = None) -> dict[str, Any] | None:
    """A slim copy for the browser: popup HTML, style or icon, documents, the days it shows (ms)."""
    p = feature["properties"]
    geometry = feature["geometry"]
    if geometry is None:
        return None
    out: dict[str, Any] = {
        "kind": p["kind"],
        "id": p["id"],
        "popup": popup_html(p, war=war),
        "label": escape(_name(p)),
        "docs": sorted({ref["doc"] for ref in p.get("sources", [])}),
    }
    kind = p["kind"]
    if kind == "event":
        points = _points(geometry)
        out |= _event(p, points)
        geometry = {"type": "Point", "coordinates": points[0]}
    elif kind == "front":
        out |= _front(p, war_end)
    elif kind == "territory":
        out |= _territory(p, war_end, war)
    else:
        out |= _place(p, geometry, war)
        geometry = {"type": "Point", "coordinates": _points(geometry)[0]}
    return {"type": "Feature", "geometry": geometry, "properties": out}


def map_data(features: list[dict[str, Any]], war_end: date, war: Any = None) -> dict[str, list[dict[str, Any]]]:
    """The browser's features by layer: three timelines, dated events, places, undated events."""
    data: dict[str, list[dict[str, Any]]] = {key: [] for key in LAYER_KEYS}
    for feature in features:
        p = feature["properties"]
        shown = map_feature(feature, war_end, war)
        if shown is None:
            continue
        dated = "t0" in shown["properties"]
        if p["kind"] == "place":
            data["places"].append(shown)
        elif p["kind"] == "event":
            data["events" if dated else "undated"].append(shown)
        elif not dated:
            continue
        elif p["kind"] == "territory":
            data["territory"].append(shown)
        else:
            data["curated" if p.get("origin") == "curated" else "text"].append(shown)
    return data


def phase_fronts(
    features: list[dict[str, Any]], span: tuple[date, date], war_end: date, war: Any = None
) -> dict[str, list]:
    """A phase page's summary: the curated front lines that hold on its first and on its last day."""
    out: dict[str, list[dict[str, Any]]] = {"phase_start": [], "phase_end": []}
    for feature in features:
        p = feature["properties"]
        if p["kind"] != "front" or p.get("origin") != "curated" or feature["geometry"] is None:
            continue
        days = timespan.open_interval(p.get("start"), p.get("end"), war_end)
        for key, day, dash in (("phase_start", span[0], "2 6"), ("phase_end", span[1], None)):
            if timespan.contains(days, day):
                shown = map_feature(feature, war_end, war)
                shown["properties"]["style"] |= {"dashArray": dash, "color": "#444" if dash else "#000",
                                                 "className": f"wm-front wm-{key.replace('_', '-')}"}
                shown["properties"].pop("t0", None)
                shown["properties"].pop("t1", None)
                out[key].append(shown)
    return out

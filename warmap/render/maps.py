"""The folium map: one renderer for the overview and for every phase.

A map is drawn from ``campaign_feature_collection(campaign, phase)`` — the very
features written to campaign.geojson — so the phase maps are the overview
filtered by the phase's dates, not a second renderer.

Time: territory and the two kinds of front are Leaflet.timeline layers (an
``L.GeoJSON`` whose features carry a start/end interval), each inside a
FeatureGroup the layer control toggles, so the date keeps filling a timeline
whether or not it is shown (Leaflet.timeline #103). Events and places are not
timelines: the page's own script (data/map.js) keeps the ones of the date in one
Leaflet.markercluster group, so markers that share a point are clustered and
spiderfied and each can be clicked, and the reader can widen the "recent events"
window. The date control (one-day steps, keyboard, date entry, play speeds, the
date in the URL) is map.js's too: Leaflet.timeline's slider steps in milliseconds.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

import folium

from warmap.features import timespan
from warmap.features.geojson import FeatureCache, Selection, campaign_feature_collection
from warmap.render.assets import page_assets
from warmap.render.elements import (
    DataTimeline,
    FeatureGroup,
    FitBounds,
    LayerControl,
    Legend,
    Map,
    RawElement,
    SharedData,
    StartUp,
    StaticLayer,
    TileLayer,
    layer_label,
    legend_html,
    translatable,
)
from warmap.render.features import map_data, phase_fronts, recall_shapes
from warmap.render.land import land_layer_data
from warmap.render.popups import date_span
from warmap.render.shared import share_points
from warmap.render.styles import DATA_DIR, styles, ui_directions, ui_language, ui_strings

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geometry_store import StoredGeometries
    from warmap.model import Phase

SCRIPTS = ("map.js", "date.js", "panel.js")  # the page's own script, in load order (data/)


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def tile_provider(name: str):
    """An xyzservices provider; a key-requiring one gets $WARMAP_TILES_KEY_<PROVIDER> or goes keyless."""
    import xyzservices

    provider = _provider(name)
    if provider.requires_token():
        key = os.environ.get(f"WARMAP_TILES_KEY_{provider.name.split('.')[0].upper()}")
        if key:
            return provider(apikey=key)
        fields = {k: v for k, v in provider.items() if k != "apikey"}
        fields["url"] = re.sub(r"[?&]\w+=\{apikey\}", "", provider.url)
        return xyzservices.TileProvider(fields)
    return provider


@lru_cache(maxsize=16)
def _provider(name: str):
    """xyzservices' provider by name, looked up once: the lookup walks every provider it knows."""
    import xyzservices.providers as xyz

    return xyz.query_name(name)


def _stable_ids(root: Any) -> None:
    """folium names elements with random uuids; number them instead so the HTML is reproducible."""
    counter = 0
    stack = [root]
    while stack:
        element = stack.pop(0)
        counter += 1
        element._id = f"{counter:08x}"
        stack.extend(element._children.values())


def _title(campaign: Campaign, phase: Phase | None, title: str | None) -> str:
    """The page's title as plain text: the caller's, the phase's, the articles' own names, else the files'."""
    if title is not None:
        return title
    if phase is not None:
        return phase.title.get("en") or next(iter(sorted(phase.title.items())), ("", phase.id))[1]
    names = [d.infobox["conflict"].split()[0] for d in campaign.documents if d.infobox.get("conflict")]
    if names:  # the article's own name, once per distinct name
        return " · ".join(dict.fromkeys(names))
    return ", ".join(d.name for d in campaign.documents) or "Campaign"


# ------------------------------------------------------------------ the map
def _head(m: folium.Map, title: str, dates: str, assets: str, events: int | None = None) -> None:
    """Leaflet and its plugins (``assets``: inline or CDN links), our CSS/JS, the title.

    None of folium's default links (jQuery, Bootstrap, Font Awesome, its CDN copies):
    every asset comes from data/assets.csv. Title and dates come from the texts: they
    are escaped once and go in as RawElements, never through branca's ``Element``,
    which would compile them as a Jinja template.
    """
    m.options.update(max_zoom=18, min_zoom=3)  # MarkerCluster needs a maxZoom when no tile layer sets one
    m.default_js = []
    m.default_css = []
    root = m.get_root()
    root.header.add_child(RawElement(assets), name="wm_assets")
    root.header.add_child(RawElement("<link rel='icon' href='data:,'>"), name="wm_icon")  # no favicon request
    root.header.add_child(RawElement(f"<title>{escape(title)}</title>"), name="wm_title")
    css = (DATA_DIR / "map.css").read_text(encoding="utf-8")
    js = "\n".join((DATA_DIR / name).read_text(encoding="utf-8") for name in SCRIPTS)
    root.header.add_child(RawElement(f"<style>{css}</style>"), name="wm_css")
    root.header.add_child(RawElement(f"<script>{js}</script>"), name="wm_js")
    count = "" if events is None else f" · {events} {translatable('events_count', 'events')}"
    heading = f"<div class='wm-map-title'>{escape(title)}<br><small dir=ltr>{escape(dates)}{count}</small></div>"
    root.html.add_child(RawElement(heading), name="wm_heading")


def _base_layers(m: folium.Map, base: str, has_land: bool) -> folium.FeatureGroup:
    """The vector land layer (``warmap.data.land``), then the tile layers (xyzservices names);
    ``base`` is shown first.

    Returns the land layer: the page switches to it when the tiles cannot be loaded.
    """
    s = styles()
    bases = [("land", s["land"]["label"])] + [(t["provider"], t["label"]) for t in s["tile_layers"]]
    wanted = {"osm": "OpenStreetMap.Mapnik", "positron": "CartoDB.Positron"}.get(base, base)
    for key, label in bases:
        show = key == wanted
        if key != "land":
            name = translatable("base_" + re.sub(r"\W", "_", key.lower()), label)
            TileLayer(tile_provider(key), name=name, overlay=False, show=show).add_to(m)
            continue
        group = FeatureGroup(name=translatable("base_land", label), overlay=False, show=show)
        if has_land:
            StaticLayer("land", "landOptions()").add_to(group)
        group.add_to(m)
        land_group = group
    return land_group


def _overlays(m: folium.Map, docs: list[str]) -> tuple[dict[str, DataTimeline], dict[str, Any], list]:
    """The switchable layers: three timelines; battles, other events and places (one cluster in the
    page, switched through these groups); one group per document."""
    s = styles()
    labels = {
        "territory": "Territory",
        "curated": s["fronts"]["curated"]["label"]["en"],
        "text": s["fronts"]["text"]["label"]["en"],
    }
    timelines = {}
    for key, label in labels.items():
        group = FeatureGroup(name=translatable(f"layer_{key}", label), show=True)
        timeline = DataTimeline(key)
        timeline.add_to(group)
        group.add_to(m)
        timelines[key] = timeline
    groups = {}
    for key, label in (
        ("battles", "Battles and operations"),
        ("other", "Other events (captures, landings, crossings, air, …)"),
        ("places", "All places mentioned"),
    ):
        groups[key] = FeatureGroup(name=translatable(f"layer_{key}", label), show=True).add_to(m)
    by_doc = [
        (doc, FeatureGroup(name=f"{translatable('layer_doc', 'Text:')} {layer_label(doc)}", show=False))
        for doc in docs
    ]
    for _, group in by_doc:
        group.add_to(m)
    return timelines, groups, by_doc


def _slider_span(features: list[dict[str, Any]], selection: Selection, war: Any) -> tuple[date, date]:
    """The phase's dates, or every dated event, front and territory of the war (1945's division too)."""
    if selection.window is not None:
        return selection.window
    spans = [timespan.interval(f["properties"]["start"], f["properties"]["end"]) for f in features]
    spans = [s for f, s in zip(features, spans, strict=True) if s and f["properties"]["kind"] != "place"]
    days = [d for span in spans for d in span]
    if not days:
        return war.start, max(war.end, selection.war_end)
    return min(days), max([*days, selection.war_end])


def _page_options(
    campaign: Campaign, phase: Phase | None, span: tuple[date, date], stored: StoredGeometries | None = None
) -> dict[str, Any]:
    """What the page's script needs besides the features: dates, the war's span, phases, legend data."""
    s = styles()
    phases = [phase] if phase is not None else campaign.phases
    return {
        "start": timespan.epoch_ms(span[0]),
        "end": timespan.epoch_ms(span[1]) + timespan.DAY_MS - 1,
        "war": [timespan.epoch_ms(campaign.war.start), timespan.epoch_ms(campaign.war.end) + timespan.DAY_MS - 1],
        "battleDays": s["battle_default_days"],
        "recentDays": s["recent_days"],
        "phases": [
            {"id": p.id, "title": dict(sorted(p.title.items())), "start": p.start, "end": p.end, "events": p.events}
            for p in phases
        ],
        "types": {k: {"label": v["label"]["en"], "colour": v["colour"], "symbol": v["symbol"]}
                  for k, v in s["event_types"].items()},
        "credits": s["credits"],
        "strings": ui_strings(campaign.war, stored),
        "dirs": ui_directions(),
        "lang": ui_language([d.lang for d in campaign.documents]),
    }


def build_map(
    campaign: Campaign,
    phase: Phase | None = None,
    *,
    title: str | None = None,
    base: str = "osm",
    land: list[dict[str, Any]] | None = None,
    cache: FeatureCache | None = None,
    cdn: bool = False,
    assets_dir: str | None = None,
    offline: bool = False,
) -> folium.Map:
    """The overview (phase None) or one phase: slider, layers, legend, popups, credits.

    ``base`` picks the base layer shown first: "osm", "positron" or "land" (the vector
    land layer, for maps opened with no tile server); ``land`` overrides the gazetteer's.
    ``cache`` shares one build's features with its GeoJSON files and other maps.
    The page carries Leaflet and its plugins inline (it opens with no network) unless
    ``cdn`` asks for links; ``assets_dir`` replaces the vendored copy, and ``offline``
    forbids fetching a missing one.
    """
    features = campaign_feature_collection(campaign, phase, cache=cache)["features"]
    selection = Selection(campaign, phase)
    span = _slider_span(features, selection, campaign.war)
    heading = span if phase is not None else (campaign.war.start, campaign.war.end)

    m = Map(location=_centre(campaign.war.bounds), zoom_start=6, tiles=None, control_scale=True)
    assets = page_assets(assets_dir, cdn=cdn, offline=offline)
    dates = date_span(heading[0].isoformat(), heading[1].isoformat())
    events = None if phase is None else len(selection.events())
    _head(m, _title(campaign, phase, title), dates, assets, events)
    recall_shapes(features, campaign.war, None if cache is None else cache.memo)
    layers = map_data(features, selection.war_end, campaign.war)
    if phase is not None:
        layers |= phase_fronts(features, span, selection.war_end, campaign.war)
    layers["land"] = land_layer_data(land, campaign.war, None if cache is None else cache.memo.stored)["features"]
    SharedData(share_points(layers)).add_to(m)  # one table of points for the land and every date's shapes
    land_group = _base_layers(m, base, bool(layers["land"]))
    docs = sorted({ref["doc"] for f in features for ref in f["properties"]["sources"]})
    timelines, groups, by_doc = _overlays(m, docs)
    if phase is not None:  # the phase at a glance: where the front was when it began and when it ended
        for key, label in (("phase_start", "Front at the phase's start"), ("phase_end", "Front at the phase's end")):
            day = span[0] if key == "phase_start" else span[1]
            name = f"{translatable(key, label)} ({day.isoformat()})"
            group = FeatureGroup(name=name, show=True)
            StaticLayer(key).add_to(group)
            group.add_to(m)
    LayerControl(collapsed=True, position="topright").add_to(m)
    Legend(legend_html(campaign.war)).add_to(m)
    options = _page_options(campaign, phase, span, None if cache is None else cache.memo.stored) | {"phasePage": phase is not None and title is None}
    StartUp(land_group, timelines, groups, by_doc, options).add_to(m)
    m.add_child(FitBounds(_theatre(features, cache, campaign.war.bounds), padding_top_left=(0, 50), padding_bottom_right=(0, 90)))
    _stable_ids(m.get_root())
    return m


def _centre(bounds: tuple[float, float, float, float]) -> list[float]:
    """[lat, lon] of the middle of a west, south, east, north box."""
    west, south, east, north = bounds
    return [round((south + north) / 2, 4), round((west + east) / 2, 4)]


def _theatre(
    features: list[dict[str, Any]], cache: FeatureCache | None = None, bounds: tuple[float, ...] | None = None
) -> list[list[float]]:
    """Bounds of territory and fronts (the theatre), else of events, else the war's theatre box.

    Places and events far away (Geneva, Washington) are on the map but do not
    decide where it opens.
    """
    from warmap.features.geometry import bounds_of

    def kinds(*wanted: str) -> list:
        return [f["geometry"] for f in features if f["geometry"] and f["properties"]["kind"] in wanted]

    geoms = kinds("territory", "front") or kinds("event")
    if not geoms:
        from warmap.wars import load_war

        west, south, east, north = bounds or load_war().bounds
        return [[south, west], [north, east]]
    bounds = [bounds_of(g) if cache is None else cache.memo.bounds(g) for g in geoms]
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def render_html(m: folium.Map) -> str:
    """The map as one HTML page."""
    return m.get_root().render()


__all__ = ["build_map", "render_html"]

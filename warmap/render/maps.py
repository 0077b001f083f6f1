"""The folium map: one renderer for the overview and for every phase.

A map is drawn from ``campaign_feature_collection(campaign, phase)`` — the very
features written to campaign.geojson — so the phase maps are the overview
filtered by the phase's dates, not a second renderer.

Time: folium offers ``TimestampedGeoJson`` (Leaflet.TimeDimension) and
``Timeline``/``TimelineSlider`` (Leaflet.timeline); the question (folium #2175)
is which one lives with LayerControl. We use Timeline:
(1) TimestampedGeoJson is a MacroElement, not a Layer: it never appears in the
layer control, and two of them give two sliders (Leaflet #6615). A Timeline is an
``L.GeoJSON`` layer, and one TimelineSlider drives any number of them, so each
kind (territory, curated fronts, fronts from the texts, battles, other events)
is its own switchable layer on one slider. (2) Switching a timeline itself on and
off can leave markers out of sync (Leaflet.timeline #103), so each Timeline sits
in a FeatureGroup that is a direct child of the map and the control toggles the
group: the slider keeps filling the timeline whether or not it is shown
(tests/test_render_browser.py checks exactly this). (3) Features carry a
start/end interval (``getInterval``), which fits fronts and territory held
between two dates; TimeDimension wants per-coordinate ``times``. (4) It needs no
jQuery/jQuery UI, and we format the date with plain ``Date`` instead of moment.js,
so the self-contained HTML stays small.
"""

from __future__ import annotations

import copy
import os
import re
from html import escape
from typing import TYPE_CHECKING, Any

import folium
from folium.plugins import MarkerCluster, TimelineSlider
from folium.utilities import JsCode

from warmap.export import timespan
from warmap.export.geojson import FeatureCache, Selection, campaign_feature_collection
from warmap.render.assets import page_assets
from warmap.render.elements import (
    TOJSON,
    DataLayer,
    DataTimeline,
    Legend,
    RawElement,
    SharedData,
    StartUp,
    layer_label,
    legend_html,
)
from warmap.render.land import land_layer_data
from warmap.render.popups import date_span, popup_html
from warmap.render.styles import DATA_DIR, event_style, front_style, side_style, styles

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.model import Phase

KOREA_BOUNDS = [[33.0, 124.2], [43.0, 130.9]]


# ------------------------------------------------------------------ feature → map data
def _label(properties: dict[str, Any]) -> str:
    names = properties.get("names", {})
    name = names.get("en") or (names[sorted(names)[0]] if names else properties["id"])
    return escape(str(name))


def _map_feature(feature: dict[str, Any], window_days: int, war_end) -> dict[str, Any] | None:
    """A slim copy for the browser: popup HTML, style or icon, documents, and the interval in ms."""
    p = feature["properties"]
    if feature["geometry"] is None:
        return None
    out: dict[str, Any] = {
        "kind": p["kind"],
        "id": p["id"],
        "popup": popup_html(p),
        "label": _label(p),
        "docs": sorted({ref["doc"] for ref in p.get("sources", [])}),
    }
    kind = p["kind"]
    if kind == "event":
        st = event_style(p.get("type", "other"))
        out["icon"] = f"<span style='background:{st['colour']}'>{escape(st['symbol'])}</span>"
        out["style"] = {"color": st["colour"], "weight": 3, "fillOpacity": 0.25}
        span = timespan.interval(p["start"], p["end"])
        pad = window_days
    elif kind == "front":
        st = front_style(p.get("origin", "text"))
        out["style"] = {
            "color": st["colour"],
            "weight": st["weight"],
            "dashArray": st["dash"],
            "className": f"wm-front wm-front-{p.get('origin')}",
        }
        span, pad = timespan.open_interval(p["start"], p["end"], war_end), 0
    elif kind == "territory":
        st = side_style(p.get("side", "contested"))
        out["side"] = p.get("side")
        out["style"] = {
            "color": st["colour"],
            "fillColor": st["colour"],
            "fillOpacity": st["fill_opacity"],
            "weight": 0.5,
            "className": f"wm-territory wm-side-{p.get('side')}",
        }
        span, pad = timespan.open_interval(p["start"], p["end"], war_end), 0
    else:
        st = styles()["places"]
        low = p.get("confidence", 1) < st["low_confidence"]
        dash = "2 2" if low else None
        if feature["geometry"]["type"] in ("Point", "MultiPoint"):
            fill = st["low_colour"] if low else st["fill"]
            out["style"] = {
                "radius": st["radius"],
                "color": st["colour"],
                "weight": 1.5,
                "fillOpacity": 0.9,
                "fillColor": fill,
                "dashArray": dash,
                "className": "wm-place",
            }
        else:  # rivers, lines, regions: their outline only, so the land stays readable
            colour = st["water_colour"] if p.get("feature") in ("river", "lake", "sea") else st["colour"]
            out["style"] = {
                "color": colour,
                "weight": 2,
                "opacity": 0.7,
                "fill": False,  # a filled region would catch every click inside it
                "dashArray": dash or "5 4",
                "className": "wm-place wm-place-shape",
            }
        span, pad = timespan.interval(p["start"], p["end"]), 0
    if span:
        out["t0"] = timespan.epoch_ms(span[0]) - pad * timespan.DAY_MS
        out["t1"] = timespan.epoch_ms(span[1]) + (pad + 1) * timespan.DAY_MS - 1
    return {"type": "Feature", "geometry": feature["geometry"], "properties": out}


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def tile_provider(name: str):
    """An xyzservices provider; a key-requiring one gets $WARMAP_TILES_KEY_<PROVIDER> or goes keyless."""
    import xyzservices
    import xyzservices.providers as xyz

    provider = xyz.query_name(name)
    if provider.requires_token():
        key = os.environ.get(f"WARMAP_TILES_KEY_{provider.name.split('.')[0].upper()}")
        if key:
            return provider(apikey=key)
        fields = {k: v for k, v in provider.items() if k != "apikey"}
        fields["url"] = re.sub(r"[?&]\w+=\{apikey\}", "", provider.url)
        return xyzservices.TileProvider(fields)
    return provider


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
    """The page's title as plain text: the caller's, the phase's, or the war's name and its sources."""
    if title is not None:
        return title
    if phase is not None:
        return phase.title.get("en") or next(iter(sorted(phase.title.items())), ("", phase.id))[1]
    names = [d.infobox["conflict"].split()[0] for d in campaign.documents if d.infobox.get("conflict")]
    sources = ", ".join(d.name for d in campaign.documents)
    return f"{names[0]} — {sources}" if names else (sources or "Campaign")


# ------------------------------------------------------------------ the map
def _head(m: folium.Map, title: str, dates: str, assets: str) -> None:
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
    js = (DATA_DIR / "map.js").read_text(encoding="utf-8")
    root.header.add_child(RawElement(f"<style>{css}</style>"), name="wm_css")
    root.header.add_child(RawElement(f"<script>{js}</script>"), name="wm_js")
    heading = f"<div class='wm-map-title'>{escape(title)}<br><small>{escape(dates)}</small></div>"
    root.html.add_child(RawElement(heading), name="wm_heading")


def _base_layers(m: folium.Map, base: str, land: list[dict[str, Any]] | None) -> folium.FeatureGroup:
    """The vector land layer, then the tile layers (xyzservices names); ``base`` is shown first.

    Returns the land layer: the page switches to it when the tiles cannot be loaded.
    """
    s = styles()
    bases = [("land", s["land"]["label"])] + [(t["provider"], t["label"]) for t in s["tile_layers"]]
    wanted = {"osm": "OpenStreetMap.Mapnik", "positron": "CartoDB.Positron"}.get(base, base)
    for key, label in bases:
        show = key == wanted
        if key != "land":
            folium.TileLayer(tile_provider(key), name=layer_label(label), overlay=False, show=show).add_to(m)
            continue
        group = folium.FeatureGroup(name=layer_label(label), overlay=False, show=show)
        data = land_layer_data(land)
        if data["features"]:
            style = JsCode("function(f){return f.properties.style;}")
            folium.GeoJson(data, name="land", control=False, style=style, interactive=False).add_to(group)
        group.add_to(m)
        land_group = group
    return land_group


def _map_data(features: list[dict[str, Any]], window: int, war_end) -> dict[str, list[dict[str, Any]]]:
    """The browser's copy of the features, by layer: the timelines' keys, places, undated events."""
    data: dict[str, list[dict[str, Any]]] = {
        key: [] for key in ("territory", "curated", "text", "battles", "other", "places", "undated")
    }
    for feature in features:
        p = feature["properties"]
        shown = _map_feature(feature, window, war_end)
        if shown is None:
            continue
        if p["kind"] == "place":
            data["places"].append(shown)
        elif "t0" not in shown["properties"]:
            data["undated"].append(shown)
        elif p["kind"] == "territory":
            data["territory"].append(shown)
        elif p["kind"] == "front":
            data["curated" if p.get("origin") == "curated" else "text"].append(shown)
        else:
            data[event_style(p.get("type", "other"))["group"]].append(shown)
    return data


def _overlays(m: folium.Map, docs: list[str]) -> list[DataTimeline]:
    """The switchable layers: five timelines, the clustered places, one layer per document."""
    s = styles()
    labels = {
        "territory": "Territory",
        "curated": s["fronts"]["curated"]["label"]["en"],
        "text": s["fronts"]["text"]["label"]["en"],
        "battles": "Battles and operations",
        "other": "Other events (captures, landings, crossings, air, …)",
    }
    timelines = []
    for key, label in labels.items():
        group = folium.FeatureGroup(name=layer_label(label), show=True)
        timeline = DataTimeline(key)
        timeline.add_to(group)
        group.add_to(m)
        timelines.append(timeline)
    cluster = MarkerCluster(name="All places mentioned", show=True, options={"maxClusterRadius": 40})
    cluster.default_js, cluster.default_css = [], []  # the page's assets load every plugin
    DataLayer("places").add_to(cluster)
    cluster.add_to(m)
    for doc in docs:
        group = folium.FeatureGroup(name=layer_label(f"Text: {doc}"), show=False)
        DataLayer(None, doc=doc).add_to(group)
        group.add_to(m)
    return timelines


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
    s = styles()
    features = campaign_feature_collection(campaign, phase, cache=cache)["features"]
    selection = Selection(campaign, phase)
    if selection.window is not None:
        start, war_end = selection.window
    else:
        # The slider covers the dated front lines when there are any (the war itself),
        # not the background events a text recalls (1945's division of Korea).
        dated = [f for f in features if f["properties"]["kind"] == "territory"] or features
        spans = [timespan.interval(f["properties"]["start"], f["properties"]["end"]) for f in dated]
        days = [d for span in spans if span for d in span]
        start = min(days) if days else timespan.first_day("1950-06-25")
        war_end = max([*days, selection.war_end])

    m = folium.Map(location=[38.3, 127.5], zoom_start=6, tiles=None, control_scale=True)
    assets = page_assets(assets_dir, cdn=cdn, offline=offline)
    _head(m, _title(campaign, phase, title), date_span(start.isoformat(), war_end.isoformat()), assets)
    land_group = _base_layers(m, base, land)
    SharedData(
        {k: _collection(v) for k, v in _map_data(features, s["event_window_days"], war_end).items()},
        None if cache is None else (lambda geometry: cache.memo.json(geometry, TOJSON)),
    ).add_to(m)
    timelines = _overlays(m, sorted({ref["doc"] for f in features for ref in f["properties"]["sources"]}))
    slider = TimelineSlider(
        auto_play=False,
        start=timespan.epoch_ms(start),
        end=timespan.epoch_ms(war_end) + timespan.DAY_MS - 1,
        steps=max(1, (war_end - start).days),
        playback_duration=max(1_000, min(60_000, 40 * (war_end - start).days)),
        show_ticks=False,
        enable_keyboard_controls=False,
    )
    slider.options["format_output"] = JsCode("warmap.formatDate")
    slider.default_js = []  # the page's assets; moment.js only formatted the date: warmap.formatDate does
    slider.add_timelines(*timelines).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    Legend(legend_html()).add_to(m)
    StartUp(slider, land_group, s["credits"]).add_to(m)
    m.fit_bounds(_theatre(features, cache), padding_top_left=(0, 50), padding_bottom_right=(0, 90))
    _stable_ids(m.get_root())
    return m


def _theatre(features: list[dict[str, Any]], cache: FeatureCache | None = None) -> list[list[float]]:
    """Bounds of territory and fronts (the theatre), else of events, else the peninsula.

    Places and events far away (Geneva, Washington) are on the map but do not
    decide where it opens.
    """
    from warmap.export.geometry import bounds_of

    def kinds(*wanted: str) -> list:
        return [f["geometry"] for f in features if f["geometry"] and f["properties"]["kind"] in wanted]

    geoms = kinds("territory", "front") or kinds("event")
    if not geoms:
        return copy.deepcopy(KOREA_BOUNDS)
    bounds = [bounds_of(g) if cache is None else cache.memo.bounds(g) for g in geoms]
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def render_html(m: folium.Map) -> str:
    """The map as one HTML page."""
    return m.get_root().render()


__all__ = ["build_map", "render_html"]

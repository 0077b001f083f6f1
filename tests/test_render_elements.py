"""The page's own elements: the map data goes in verbatim, never through Jinja."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.features.geojson import FeatureCache  # noqa: E402
from warmap.render import build_map, render_html  # noqa: E402
from warmap.render.elements import RawElement  # noqa: E402

TEMPLATE_LOOKALIKE = "Operation {{ 1 + 1 }} {% raw %} {# a note"


def test_raw_element_keeps_template_syntax_and_drops_one_final_newline() -> None:
    assert RawElement("a {{ b }} {% c %} {# d #}\r\ne\n").render() == "a {{ b }} {% c %} {# d #}\ne"
    assert RawElement("x\n\n").render() == "x\n"


def test_text_that_looks_like_jinja_reaches_the_page_as_written() -> None:
    campaign = synthetic_campaign()
    campaign.events[0].title["en"] = TEMPLATE_LOOKALIKE
    for cache in (None, FeatureCache()):
        html = render_html(build_map(campaign, cache=cache))
        data = json.loads(re.search(r"warmap\.data = warmap\.decode\((\{.*\})\);\n", html).group(1))
        layers = [layer for key, layer in data.items() if key != "points"]  # points: the shared table
        labels = [f["properties"].get("label") for layer in layers for f in layer["features"]]
        assert TEMPLATE_LOOKALIKE in labels


def test_map_data_is_html_safe_json_with_or_without_the_cache() -> None:
    campaign = synthetic_campaign()
    plain = render_html(build_map(campaign))
    assert render_html(build_map(campaign, cache=FeatureCache())) == plain
    data = re.search(r"warmap\.data = warmap\.decode\((\{.*\})\);\n", plain).group(1)
    assert "<" not in data  # nothing in the data can end the script element (</script, <!--)
    assert "&lt;script&gt;" in data  # the leaflet's <script>, escaped for HTML inside its JSON string


def _page(map_class, group_class, tiles_class, control_class, fit_class) -> str:
    """A small map of each kind of element, ids numbered as build_map numbers them."""
    from warmap.render.maps import _stable_ids

    m = map_class(location=[37.5, 127.0], zoom_start=6, tiles=None, control_scale=True)
    tiles_class("OpenStreetMap", name="Streets &amp; roads", overlay=False, show=True).add_to(m)
    group_class(name="<span data-wm-text=layer_events>Events</span>", show=False).add_to(m)
    control_class(collapsed=True, position="topright").add_to(m)
    m.add_child(fit_class([[33.0, 124.0], [43.0, 131.0]], padding_top_left=(0, 50)))
    _stable_ids(m.get_root())
    return m.get_root().render()


def test_folium_elements_rendered_raw_give_folium_s_own_page() -> None:
    import folium

    from warmap.render.elements import FeatureGroup, FitBounds, LayerControl, Map, TileLayer

    ours = _page(Map, FeatureGroup, TileLayer, LayerControl, FitBounds)
    assert ours == _page(folium.Map, folium.FeatureGroup, folium.TileLayer, folium.LayerControl, folium.FitBounds)
    assert "L.featureGroup" in ours and "fitBounds" in ours and "L.control.layers" in ours

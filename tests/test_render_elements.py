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

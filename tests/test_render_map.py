"""build_map: one renderer for overview and phases, escaped popups, reproducible HTML."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import folium

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.render import build_map, render_html  # noqa: E402
from warmap.render.popups import popup_html  # noqa: E402

TAG = re.compile(r"\\u003c.*?\\u003e|<[^<>]*>")


def test_overview_has_every_layer_and_base_map() -> None:
    html = render_html(build_map(synthetic_campaign()))
    for label in (
        "Territory",
        "Front line (curated reference)",
        "Front line (drawn from the texts)",
        "Battles and operations",
        "Other events",
        "All places mentioned",
        "Text: en-synthetic.txt",
        "Text: zh-synthetic.txt",
        "OpenStreetMap",
        "CartoDB Positron",
        "Land (Natural Earth, no tiles)",
    ):
        assert f'"{label}' in TAG.sub("", html), label  # our labels carry a translation key in a span
    assert "L.timeline(" in html and "L.control.layers" in html and "warmap.start(" in html
    for credit in ("OpenStreetMap", "GeoNames", "Natural Earth", "Wikipedia"):
        assert credit in html
    assert "<title>en-synthetic.txt, zh-synthetic.txt</title>" in html


def test_phase_map_is_the_same_renderer_filtered() -> None:
    campaign = synthetic_campaign()
    m = build_map(campaign, campaign.phases[0])
    assert isinstance(m, folium.Map)
    html = render_html(m)
    assert "The North Korean invasion" in html and "1950-06-25 – 1950-09-14" in html
    assert "Fall of Seoul" in html and "Inchon landing" not in html
    overview = render_html(build_map(campaign))
    assert "Inchon landing" in overview
    titled = render_html(build_map(campaign, title="My <b>map</b>"))
    assert "My &lt;b&gt;map&lt;/b&gt;" in titled


def test_text_from_sources_is_escaped() -> None:
    html = render_html(build_map(synthetic_campaign()))
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    popup = popup_html(
        {
            "kind": "event",
            "id": "e",
            "names": {"en": "<b>x</b>"},
            "type": "air",
            "start": None,
            "end": None,
            "sources": [{"doc": "<d>", "start": 1, "end": 2, "text": "<script>1</script>"}],
        }
    )
    assert (
        "&lt;script&gt;1&lt;/script&gt;" in popup
        and "&lt;b&gt;x&lt;/b&gt;" in popup
        and "<script>" not in popup
    )


def test_conflict_popup_shows_both_claims() -> None:
    campaign = synthetic_campaign()
    from warmap.export import campaign_feature_collection

    inchon = next(
        f for f in campaign_feature_collection(campaign)["features"] if f["properties"]["id"] == "ev-inchon"
    )
    popup = popup_html(inchon["properties"])
    assert "The sources disagree" in popup and "1950-09-15" in popup and "1950-09-16" in popup
    assert "zh-synthetic.txt" in popup and "en-synthetic.txt" in popup


def test_html_is_reproducible() -> None:
    first = render_html(build_map(synthetic_campaign()))
    second = render_html(build_map(synthetic_campaign()))
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first)  # no random folium ids left


def test_empty_campaign_still_renders() -> None:
    from warmap.campaign import Campaign

    html = render_html(build_map(Campaign()))
    assert "L.map(" in html and "warmap.start(" in html


def test_every_interface_word_of_the_page_and_its_popups_is_in_every_language() -> None:
    """Each ``data-wm-text`` key the page or a popup carries has a string in en, zh-Hans, zh-Hant, fa and ko."""
    from warmap.export import campaign_feature_collection
    from warmap.render.styles import styles, ui_strings

    campaign = synthetic_campaign()
    html = render_html(build_map(campaign, phase=campaign.phases[1]))
    popups = [popup_html(f["properties"]) for f in campaign_feature_collection(campaign)["features"]]
    keys = set(re.findall(r"data-wm-text=([\w-]+)", html + "".join(popups)))
    keys |= {"type_" + t for t in styles()["event_types"]}
    assert {"pop_sources", "pop_disagree", "field_start", "type_landing", "base_land", "events_count"} <= keys
    keys -= {"base_openstreetmap_mapnik", "base_cartodb_positron"}  # names of their own, never translated
    tables = ui_strings(campaign.war)
    assert set(tables) == {"en", "zh-Hans", "zh-Hant", "fa", "ko"}
    for lang, table in tables.items():
        assert not keys - set(table), (lang, sorted(keys - set(table)))
        assert all(value.strip() for value in table.values()), lang
    bare = [re.sub(r"<span data-wm-text=[^>]*>[^<]*</span>", "", p) for p in popups]
    assert not [p for p in bare if re.search(r"Sources|disagree|about|Territory|Landing|confidence", p)]

"""The bundled corpus's overview map in headless Chromium, network blocked (issue 13's acceptance checks)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser import PANEL_CLICK_ALL, MapPage, chromium, open_panel, serve_folder  # noqa: E402

from warmap.campaign import Campaign  # noqa: E402
from warmap.features import timespan  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
CENTRES = """() => [...document.querySelectorAll('.leaflet-marker-icon')].map(e => {
    const r = e.getBoundingClientRect(); return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]; })"""

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, object]]:
    out = tmp_path_factory.mktemp("corpus")
    write_outputs(Campaign.from_sources([], offline=True), out, progress=False)
    with serve_folder(out) as base, chromium() as browser:
        yield out, base, browser


@pytest.fixture
def corpus_page(corpus_site) -> Iterator[MapPage]:
    _, base, browser = corpus_site
    page = MapPage(browser, f"{base}/index.html")
    yield page
    page.close()


def test_on_1950_10_25_only_the_fronts_dated_that_day_are_drawn(corpus_site, corpus_page: MapPage) -> None:
    out, _, _ = corpus_site
    fronts = {
        f["properties"]["id"]: f["properties"]
        for f in json.loads((out / "campaign.geojson").read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == "front"
    }
    corpus_page.set_date("1950-10-25")
    day = timespan.first_day("1950-10-25")
    drawn = corpus_page.page.evaluate(
        "() => ['text', 'curated'].flatMap(k => warmap.timelines[k].getLayers().map(l => l.feature.properties.id))"
    )
    assert drawn
    for front_id in drawn:
        p = fronts[front_id]
        if p["origin"] == "curated":
            assert timespan.contains(timespan.open_interval(p["start"], p["end"], day), day), front_id
        else:
            assert p["start"] == "1950-10-25" and p["end"] in (None, "1950-10-25"), front_id
    assert corpus_page.page.locator("path.wm-place-shape").count() == 0  # no country or parallel outlines
    corpus_page.screenshot(ARTIFACTS / "corpus-1950-10-25.png")


def test_no_two_clickable_event_markers_share_a_spot_at_the_maximum_zoom(corpus_page: MapPage) -> None:
    page = corpus_page.page
    page.locator(".wm-recent").select_option("365")
    for iso, (lat, lon) in [("1951-01-04", (37.566, 126.978)), ("1950-10-25", (38.0, 127.0))]:
        corpus_page.set_date(iso)
        page.evaluate("([lat, lon]) => warmap.map.setView([lat, lon], warmap.map.getMaxZoom(), {animate: false})",
                      [lat, lon])
        page.wait_for_timeout(50)
        centres = page.evaluate(CENTRES)
        assert centres and len(centres) == len({tuple(c) for c in centres}), (iso, centres)


def test_the_slider_covers_every_dated_event_and_marks_the_war(corpus_site, corpus_page: MapPage) -> None:
    out, _, _ = corpus_site
    events = [
        f["properties"]
        for f in json.loads((out / "campaign.geojson").read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == "event" and (f["properties"]["start"] or f["properties"]["end"])
    ]
    first = min(timespan.interval(e["start"], e["end"])[0] for e in events)
    assert first.year < 1950  # the 1945-49 background is reachable
    assert corpus_page.set_date(first.isoformat()) == first.isoformat()
    assert corpus_page.page.locator(".wm-war").count() == 1


def test_every_event_in_the_panel_is_reached_by_a_click(corpus_page: MapPage) -> None:
    open_panel(corpus_page)
    assert corpus_page.page.locator(".wm-event").count() >= 90  # the corpus build has 99 events (noise removed, issue 12)
    assert corpus_page.page.evaluate(PANEL_CLICK_ALL) == []
    assert corpus_page.errors == []


@pytest.mark.parametrize("lang", ["en", "fa", "zh-Hans"])
def test_the_phases_in_the_panel_have_distinct_titles(corpus_site, lang: str) -> None:
    _, base, browser = corpus_site
    page = MapPage(browser, f"{base}/index.html?lang={lang}")
    try:
        open_panel(page)
        headings = page.page.locator(".wm-phase h3").all_inner_texts()
        titles = [h.split(" · ")[0] for h in headings]
        assert len(titles) >= 8 and len(titles) == len(set(titles)), titles
    finally:
        page.close()


def test_an_event_popup_takes_the_catalogue_name_in_korean(corpus_site) -> None:
    out, base, browser = corpus_site
    events = [
        f["properties"]
        for f in json.loads((out / "campaign.geojson").read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == "event" and f["geometry"] and f["properties"]["start"]
    ]
    named = next(e for e in events if e["names"].get("ko") and e["names"].get("en"))
    page = MapPage(browser, f"{base}/index.html?lang=ko")
    try:
        page.page.evaluate("id => warmap.showEvent(id)", named["id"])
        title = page.page.wait_for_selector(".leaflet-popup-content .wm-title")
        assert title.inner_text() == named["names"]["ko"] and title.get_attribute("lang") == "ko"
        assert "출처" in page.page.inner_text(".leaflet-popup-content")
        assert page.errors == []
    finally:
        page.close()

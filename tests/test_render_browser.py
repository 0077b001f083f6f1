"""The self-contained maps in a real headless Chromium (no network beyond 127.0.0.1).

Screenshots go to tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from browser import MapPage, chromium, serve_folder  # noqa: E402
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.export import write_outputs  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
SEOUL = (37.566, 126.978)
PYONGYANG = (39.034, 125.754)
LAYER_AT = """([id]) => { for (const t of warmap.slider.timelines) for (const l of t.getLayers())
    if (l.feature.properties.id === id) { const r = l._icon.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; } return null; }"""

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The synthetic campaign built self-contained, served on 127.0.0.1, and one Chromium."""
    out = tmp_path_factory.mktemp("site")
    write_outputs(synthetic_campaign(), out, self_contained=True, progress=False)
    with serve_folder(out) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def overview(site: tuple[str, object]) -> Iterator[MapPage]:
    base, browser = site
    page = MapPage(browser, f"{base}/index.html")
    yield page
    page.close()


def test_loads_offline_with_no_console_errors(overview: MapPage) -> None:
    assert overview.errors == [] and overview.blocked == []
    assert overview.page.locator(".leaflet-container").count() == 1
    labels = overview.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("Territory" in t for t in labels) and any("Text: zh-synthetic.txt" in t for t in labels)
    assert overview.page.locator(".leaflet-control-layers-base input").count() == 3
    assert overview.page.locator(".leaflet-timeline-control input[type=range]").count() == 1
    overview.screenshot(ARTIFACTS / "render-overview.png")


def test_without_tiles_the_land_layer_takes_over_and_says_why(overview: MapPage) -> None:
    notice = overview.page.wait_for_selector(".wm-notice", timeout=10_000)
    assert "could not be loaded" in notice.inner_text() and overview.tiles  # tiles were asked for, refused
    overview.page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    checked = overview.page.locator(".leaflet-control-layers-base input:checked").locator("xpath=..")
    assert "Land" in checked.inner_text()
    assert overview.errors == [] and overview.blocked == []


def test_slider_changes_territory(overview: MapPage) -> None:
    assert overview.set_date("1950-08-15") == "1950-08-15"
    august = (overview.sides_at(*SEOUL), overview.sides_at(*PYONGYANG))
    overview.screenshot(ARTIFACTS / "render-1950-08-15.png")
    assert overview.page.inner_text(".leaflet-timeline-control output") == "1950-08-15"
    overview.set_date("1950-11-24")
    november = (overview.sides_at(*SEOUL), overview.sides_at(*PYONGYANG))
    overview.screenshot(ARTIFACTS / "render-1950-11-24.png")
    assert august == (["communist"], ["communist"])
    assert november == (["un"], ["un"])


def test_layer_switched_off_stays_off_while_the_slider_moves(overview: MapPage) -> None:
    overview.set_date("1950-08-15")
    overview.page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    overview.page.get_by_label("Territory").uncheck()
    overview.set_date("1950-11-24")
    assert overview.sides_at(*SEOUL) == []
    overview.page.get_by_label("Territory").check()
    assert overview.sides_at(*SEOUL) == ["un"]


def test_popup_shows_the_source_sentence_and_runs_no_script(overview: MapPage) -> None:
    overview.set_date("1950-12-01")
    point = overview.page.evaluate(LAYER_AT, ["ev-leaflet"])
    overview.page.mouse.click(*point)
    popup = overview.page.wait_for_selector(".leaflet-popup-content")
    text = popup.inner_text()
    assert "A leaflet over Xyzzyville read <script>window.__xss = 1</script>" in text
    assert "en-synthetic.txt" in text and '<img src=x onerror="window.__xss=2">' in text
    assert overview.page.evaluate("window.__xss") is None
    assert overview.page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
    overview.screenshot(ARTIFACTS / "render-popup-script.png")
    assert overview.errors == []


def test_conflict_popup(overview: MapPage) -> None:
    overview.set_date("1950-09-16")
    overview.page.mouse.click(*overview.page.evaluate(LAYER_AT, ["ev-inchon"]))
    text = overview.page.wait_for_selector(".wm-conflict").inner_text()
    assert "The sources disagree" in text and "1950-09-15" in text and "1950-09-16" in text
    overview.screenshot(ARTIFACTS / "render-conflict.png")


def test_phase_map_opens_on_its_own_dates(site: tuple[str, object]) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/phases/02-counteroffensive.html#1950-11-01")
    try:
        assert page.errors == [] and page.blocked == []
        assert page.page.inner_text(".leaflet-timeline-control output") == "1950-11-01"
        assert "UN counteroffensive" in page.page.inner_text(".wm-map-title")
        assert page.sides_at(*PYONGYANG) == ["un"]
        assert page.set_date("1950-07-01") == "1950-09-15"  # clamped to the phase
        page.screenshot(ARTIFACTS / "render-phase-02.png")
    finally:
        page.close()


def test_document_layer_shows_what_one_text_claims(overview: MapPage) -> None:
    page = overview.page
    overview.set_date("1953-01-01")  # nothing dated is on the timelines then
    page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    page.get_by_label("All places mentioned").uncheck()
    assert (
        page.locator(".leaflet-marker-icon.wm-icon").count() == 0
        and page.locator("path.wm-place").count() == 0
    )
    page.get_by_label("Text: zh-synthetic.txt").check()
    titles = sorted(page.locator(".leaflet-marker-icon.wm-icon").evaluate_all("els => els.map(e => e.title)"))
    assert titles == ["Capture of Pyongyang", "Inchon landing"]
    assert page.locator("path.wm-place").count() == 3  # Incheon, Pyongyang, Seoul: the places it names
    overview.screenshot(ARTIFACTS / "render-document-layer.png")

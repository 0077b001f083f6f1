"""The self-contained maps in a real headless Chromium (no network beyond 127.0.0.1).

Screenshots go to tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from browser import PANEL_CLICK_ALL, MapPage, chromium, open_panel, serve_folder  # noqa: E402
from warmap_synthetic import PLACES, point, sentence_ref, synthetic_campaign  # noqa: E402

from warmap.model import Event, Front  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
SEOUL = (37.566, 126.978)
PYONGYANG = (39.034, 125.754)
STACKED = [f"ev-seoul-{n}" for n in range(4)]
LAYERS = ".leaflet-control-layers:not(.wm-date)"

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")


def stacked_campaign():
    """The synthetic campaign, plus four events on Seoul's one point and a front dated only to a month."""
    campaign = synthetic_campaign()
    en = campaign.documents[0]
    for n, event_id in enumerate(STACKED):
        campaign.events.append(
            Event(event_id, "battle", {"en": f"Fight {n} in Seoul"}, "1950-06-28", "1950-06-29",
                  [PLACES["seoul"].place_id], point("seoul"), [sentence_ref(en, "Seoul fell")])
        )
    campaign.fronts.append(
        Front("front-text-month", "1950-10", None,
              {"type": "LineString", "coordinates": [[125.0, 39.0], [128.0, 39.2]]},
              {"en": "A line dated to a month"}, "text", None, sources=[sentence_ref(en, "Pyongyang was taken")])
    )
    return campaign


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The campaign built with the defaults (self-contained), served on 127.0.0.1, and one Chromium."""
    out = tmp_path_factory.mktemp("site")
    write_outputs(stacked_campaign(), out, progress=False)
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
    assert overview.page.locator(".wm-date input[type=range]").count() == 1
    overview.screenshot(ARTIFACTS / "render-overview.png")


def test_without_tiles_the_land_layer_takes_over_and_says_why(overview: MapPage) -> None:
    notice = overview.page.wait_for_selector(".wm-notice", timeout=10_000)
    assert "could not be loaded" in notice.inner_text() and overview.tiles  # tiles were asked for, refused
    overview.page.locator(LAYERS).hover()
    checked = overview.page.locator(".leaflet-control-layers-base input:checked").locator("xpath=..")
    assert "Land" in checked.inner_text()
    assert overview.errors == [] and overview.blocked == []


def test_slider_changes_territory(overview: MapPage) -> None:
    assert overview.set_date("1950-08-15") == "1950-08-15"
    august = (overview.sides_at(*SEOUL), overview.sides_at(*PYONGYANG))
    assert overview.date() == "1950-08-15"
    overview.set_date("1950-11-24")
    november = (overview.sides_at(*SEOUL), overview.sides_at(*PYONGYANG))
    assert august == (["communist"], ["communist"])
    assert november == (["un"], ["un"])


def test_keyboard_steps_one_day_one_month_and_to_the_ends(overview: MapPage) -> None:
    overview.set_date("1950-09-15")
    slider = overview.page.locator(".wm-date input[type=range]")
    slider.focus()
    for key, expected in [
        ("ArrowRight", "1950-09-16"),
        ("ArrowLeft", "1950-09-15"),
        ("ArrowUp", "1950-09-16"),
        ("PageUp", "1950-10-16"),
        ("PageDown", "1950-09-16"),
        ("Home", "1950-06-25"),
        ("End", overview.page.evaluate("warmap.formatDate(warmap.slider.end)")),
    ]:
        slider.press(key)
        assert overview.date() == expected, key
    assert slider.get_attribute("step") == "1"


def test_the_date_entry_and_buttons_move_the_date(overview: MapPage) -> None:
    overview.set_date("1950-09-15")
    overview.page.get_by_label("Next day").click()
    assert overview.date() == "1950-09-16"
    overview.page.get_by_label("Previous day").click()
    assert overview.date() == "1950-09-15"
    overview.page.get_by_label("Go to date").fill("1950-11-02")
    assert overview.date() == "1950-11-02"


def test_every_control_has_an_accessible_name(overview: MapPage) -> None:
    unnamed = overview.page.evaluate(
        """() => [...document.querySelectorAll('.wm-date button, .wm-date input, .wm-date select')]
            .filter(e => !(e.getAttribute('aria-label') || '').trim()).map(e => e.outerHTML)"""
    )
    assert unnamed == []


def test_the_url_follows_the_date_and_restores_it(site: tuple[str, object]) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/index.html")
    try:
        page.set_date("1950-10-19")
        assert page.page.url.endswith("#1950-10-19")
        page.page.get_by_label("Next day").click()
        url = page.page.url
        assert url.endswith("#1950-10-20")
    finally:
        page.close()
    again = MapPage(browser, url)
    try:
        assert again.date() == "1950-10-20"
        assert again.sides_at(*PYONGYANG) == ["un"]
    finally:
        again.close()


def test_layer_switched_off_stays_off_while_the_date_moves(overview: MapPage) -> None:
    overview.set_date("1950-08-15")
    overview.page.locator(LAYERS).hover()
    overview.page.get_by_label("Territory").uncheck()
    overview.set_date("1950-11-24")
    assert overview.sides_at(*SEOUL) == []
    overview.page.get_by_label("Territory").check()
    assert overview.sides_at(*SEOUL) == ["un"]


def test_fronts_from_the_texts_show_only_on_the_days_their_sentences_date(overview: MapPage) -> None:
    drawn = "() => warmap.timelines.text.getLayers().map(l => l.feature.properties.id)"
    overview.set_date("1950-10-01")
    assert overview.page.evaluate(drawn) == ["front-text-month"]  # "1950-10": its first day only
    overview.set_date("1950-10-02")
    assert overview.page.evaluate(drawn) == []
    overview.set_date("1950-11-01")
    assert overview.page.evaluate(drawn) == ["front-text-chongchon"]  # 1950-10-20 to 1950-11-24
    label = overview.page.evaluate("() => warmap.timelines.text.getLayers()[0].getTooltip().getContent()")
    assert label.startswith("Pyongyang was taken")  # labelled with the sentence that drew it
    overview.set_date("1950-11-25")
    assert overview.page.evaluate(drawn) == []


def test_events_show_for_their_own_span_and_the_recent_window(overview: MapPage) -> None:
    ids = "() => warmap.items.filter(i => i.shown && i.event).map(i => i.key).sort()"
    overview.set_date("1950-09-01")
    assert "ev-pusan-perimeter" in overview.page.evaluate(ids)  # 1950-08-04 to 1950-09-18
    overview.set_date("1950-09-20")
    assert "ev-pusan-perimeter" not in overview.page.evaluate(ids)
    overview.page.locator(".wm-recent").select_option("7")
    assert "ev-pusan-perimeter" in overview.page.evaluate(ids)  # within the last 7 days
    overview.page.locator(".wm-recent").select_option("0")
    assert "ev-pusan-perimeter" not in overview.page.evaluate(ids)


def test_events_on_one_point_can_each_be_clicked(overview: MapPage) -> None:
    overview.set_date("1950-06-28")
    for event_id in STACKED:
        assert "Seoul" in overview.click_event(event_id), event_id
    overview.page.evaluate("() => warmap.map.setZoom(warmap.map.getMaxZoom(), {animate: false})")
    centres = overview.page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon')]
            .map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.left + r.width / 2),
                                                                     Math.round(r.top + r.height / 2)]; })"""
    )
    assert len(centres) == len({tuple(c) for c in centres}), centres
    overview.screenshot(ARTIFACTS / "render-spiderfied.png")


def test_a_place_shape_is_drawn_only_while_its_popup_is_open(overview: MapPage) -> None:
    page = overview.page
    assert page.locator("path.wm-place-shape").count() == 0
    has_shape = "() => warmap.items.find(i => i.feature.properties.shape) !== undefined"
    if not page.evaluate(has_shape):
        pytest.skip("the synthetic campaign names no place with a shape")
    page.evaluate("() => warmap.showEvent(warmap.items.find(i => i.feature.properties.shape).key)")
    page.wait_for_selector("path.wm-place-shape")
    page.evaluate("() => warmap.map.closePopup()")
    assert page.locator("path.wm-place-shape").count() == 0


def test_popup_shows_the_source_sentence_and_runs_no_script(overview: MapPage) -> None:
    text = overview.click_event("ev-leaflet")
    assert "A leaflet over Xyzzyville read <script>window.__xss = 1</script>" in text
    assert "en-synthetic.txt" in text and '<img src=x onerror="window.__xss=2">' in text
    assert overview.page.evaluate("window.__xss") is None
    assert overview.page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
    assert overview.date() == "1950-12-01"  # going to an event moves the date to it
    overview.screenshot(ARTIFACTS / "render-popup-script.png")
    assert overview.errors == []


def test_conflict_popup(overview: MapPage) -> None:
    overview.click_event("ev-inchon")
    text = overview.page.wait_for_selector(".wm-conflict").inner_text()
    assert "The sources disagree" in text and "1950-09-15" in text and "1950-09-16" in text


def test_phase_map_opens_on_its_own_dates(site: tuple[str, object]) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/phases/02-counteroffensive.html#1950-11-01")
    try:
        assert page.errors == [] and page.blocked == []
        assert page.date() == "1950-11-01"
        assert "UN counteroffensive" in page.page.inner_text(".wm-map-title")
        assert page.sides_at(*PYONGYANG) == ["un"]
        assert page.set_date("1950-07-01") == "1950-09-15"  # clamped to the phase
        page.screenshot(ARTIFACTS / "render-phase-02.png")
    finally:
        page.close()


def test_document_layer_follows_the_date(overview: MapPage) -> None:
    page = overview.page
    page.locator(LAYERS).hover()
    for label in ("All places mentioned", "Battles and operations", "Other events"):
        page.get_by_label(label).uncheck()
    docs = "() => warmap.items.filter(i => i.shown).map(i => i.key.split('\\u0000')[1]).sort()"
    overview.set_date("1950-10-19")
    assert page.evaluate(docs) == []
    page.get_by_label("Text: zh-synthetic.txt").check()
    assert "ev-pyongyang" in page.evaluate(docs) and "ev-inchon" not in page.evaluate(docs)
    overview.set_date("1950-09-16")
    assert "ev-inchon" in page.evaluate(docs) and "ev-pyongyang" not in page.evaluate(docs)


def test_every_event_in_the_panel_is_reached_by_a_click(overview: MapPage) -> None:
    open_panel(overview)
    buttons = overview.page.locator(".wm-event")
    assert buttons.count() == 5 + len(STACKED)  # every dated event; the undated one has no place on the map
    assert overview.page.evaluate(PANEL_CLICK_ALL) == []
    overview.page.evaluate("() => warmap.map.closePopup()")
    overview.page.locator(".wm-event[data-id=ev-inchon]").click()  # a real click, by the mouse
    assert "Inchon" in overview.page.wait_for_selector(".leaflet-popup-content").inner_text()
    assert overview.date() == "1950-09-15"


def test_the_panel_filters_searches_and_highlights_the_day(overview: MapPage) -> None:
    open_panel(overview)
    page = overview.page
    visible = "() => [...document.querySelectorAll('.wm-event')].filter(b => b.offsetParent).map(b => b.dataset.id)"
    page.locator(".wm-search").fill("仁川")  # a Chinese name
    assert page.evaluate(visible) == ["ev-inchon"]
    page.locator(".wm-search").fill("")
    page.locator(".wm-type").select_option("capture")
    assert sorted(page.evaluate(visible)) == ["ev-pyongyang", "ev-seoul-falls"]
    page.locator(".wm-source").select_option("zh-synthetic.txt")
    assert page.evaluate(visible) == ["ev-pyongyang"]
    page.locator(".wm-type").select_option("")
    page.locator(".wm-source").select_option("")
    overview.set_date("1950-09-16")
    today = page.locator(".wm-today .wm-event").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(today) == ["ev-inchon", "ev-pusan-perimeter"]
    headings = page.locator(".wm-phase h3").all_inner_texts()
    assert any("UN counteroffensive" in h for h in headings)


OVERLAYS = """() => { const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.leaflet-control, .wm-map-title')]
        .filter(e => e.offsetParent).map(e => e.getBoundingClientRect());
    return {area: map.width * map.height, covered: boxes.reduce((s, r) => s + r.width * r.height, 0)}; }"""


def test_phone_layout(site: tuple[str, object]) -> None:
    """390 px wide: legend folded, the map mostly visible, 44 px targets, readout above the credits."""
    base, browser = site
    page = MapPage(browser, f"{base}/index.html#1950-09-15", 390, 844)
    try:
        assert page.page.locator("details.wm-legend-box").evaluate("d => d.open") is False
        sizes = page.page.evaluate(OVERLAYS)
        assert 1 - sizes["covered"] / sizes["area"] >= 0.6, sizes
        small = page.page.evaluate(
            """() => [...document.querySelectorAll(
                      '.wm-date button, .wm-panel-toggle, .leaflet-control-zoom a, .leaflet-control-layers-toggle'
                    )].filter(e => e.offsetParent)
                .map(e => e.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length"""
        )
        assert small == 0
        readout = page.page.locator(".wm-output").bounding_box()
        credits = page.page.locator(".leaflet-control-attribution").bounding_box()
        assert readout["y"] + readout["height"] <= credits["y"]
        page.page.evaluate("() => warmap.showEvent('ev-inchon')")
        box = page.page.wait_for_selector(".leaflet-popup").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        page.screenshot(ARTIFACTS / "render-phone.png")
    finally:
        page.close()


@pytest.mark.parametrize(
    ("lang", "direction", "next_day", "territory"),
    [
        ("fa", "rtl", "روز بعد", "قلمرو"),
        ("ko", "ltr", "다음 날", "점령 지역"),
        ("zh-Hant", "ltr", "後一天", "控制區域"),
        ("en", "ltr", "Next day", "Territory"),
    ],
)
def test_interface_language_and_direction(
    site: tuple[str, object], lang: str, direction: str, next_day: str, territory: str
) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/index.html?lang={lang}#1950-09-15")
    try:
        html = page.page.locator("html")
        assert html.get_attribute("lang") == lang and html.get_attribute("dir") == direction
        labels = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert any(label.strip() == territory for label in labels), labels  # the layers speak it too
        page.page.get_by_label(next_day, exact=True).click()
        assert page.date() == "1950-09-16"
        assert page.errors == []
    finally:
        page.close()


def test_the_language_is_chosen_from_the_sources_and_switchable(overview: MapPage) -> None:
    page = overview.page
    assert page.locator("html").get_attribute("lang") == "en"  # the first source is English
    overview.set_date("1950-10-19")
    page.locator(".wm-date .wm-lang").select_option("fa")
    page.wait_for_function("() => document.documentElement.dir === 'rtl' && window.warmap && warmap.map")
    assert page.url.endswith("?lang=fa#1950-10-19")
    assert overview.date() == "1950-10-19"


def test_a_phase_page_summarises_its_phase(site: tuple[str, object]) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/phases/02-counteroffensive.html")
    try:
        heading = page.page.inner_text(".wm-map-title")
        assert "UN counteroffensive" in heading and "1950-09-15" in heading and "2 events" in heading
        labels = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert any("Front at the phase's start (1950-09-15)" in t for t in labels)
        assert any("Front at the phase's end" in t for t in labels)
        open_panel(page)
        listed = page.page.locator(".wm-event").evaluate_all("els => els.map(e => e.dataset.id)")
        assert sorted(listed) == ["ev-inchon", "ev-pyongyang"]
        assert page.page.locator("path.wm-phase-start, path.wm-phase-end").count() >= 1
    finally:
        page.close()


POPUP_WORDS = """() => [...document.querySelectorAll('.leaflet-popup-content [data-wm-text]')].map(e =>
    [e.textContent, warmap.strings[e.dataset.wmText].replace('{n}', e.dataset.n || '')])"""


@pytest.mark.parametrize(
    ("lang", "direction", "title", "words"),
    [
        ("fa", "rtl", "پیاده‌شدن در اینچان", ("منابع", "منابع با هم اختلاف دارند", "پیاده‌شدن", "تاریخ آغاز")),
        ("ko", "ltr", "인천 상륙 작전", ("출처", "출처마다 내용이 다릅니다", "상륙", "시작일")),
    ],
)
def test_popups_speak_the_interface_language(
    site: tuple[str, object], lang: str, direction: str, title: str, words: tuple[str, ...]
) -> None:
    """Labels, type and title in the page's language; the source sentences as written."""
    base, browser = site
    page = MapPage(browser, f"{base}/index.html?lang={lang}")
    try:
        text = page.click_event("ev-inchon")
        popup = page.page.locator(".leaflet-popup-content .wm-popup")
        assert popup.evaluate("e => getComputedStyle(e).direction") == direction
        assert page.page.inner_text(".leaflet-popup-content .wm-title") == title
        for word in words:
            assert word in text, (word, text)
        for english in ("Sources", "The sources disagree", "Landing", "about"):
            assert english not in text, (english, text)
        assert "landed at Inchon" in text and "仁川登陆" in text  # the sentences as written
        assert "Inchon landing" in text  # the English title joins the other names
        words_shown = page.page.evaluate(POPUP_WORDS)
        assert words_shown and all(shown == wanted for shown, wanted in words_shown), words_shown
        place = page.page.evaluate("() => warmap.items.find(i => !i.event).key")
        page.page.evaluate("id => warmap.showEvent(id)", place)
        page.page.wait_for_selector(".leaflet-popup-content .wm-popup")
        words_shown = page.page.evaluate(POPUP_WORDS)
        assert words_shown and all(shown == wanted for shown, wanted in words_shown), words_shown
        page.screenshot(ARTIFACTS / f"render-popup-{lang}.png")
        assert page.errors == []
    finally:
        page.close()


def test_a_phase_page_says_why_it_is_grey_and_takes_the_language(site: tuple[str, object]) -> None:
    base, browser = site
    page = MapPage(browser, f"{base}/phases/02-counteroffensive.html?lang=zh-Hans")
    try:
        notice = page.page.wait_for_selector(".wm-notice", timeout=10_000)
        assert "无法加载地图瓦片" in notice.inner_text() and page.tiles
        page.page.locator(LAYERS).hover()
        checked = page.page.locator(".leaflet-control-layers-base input:checked").locator("xpath=..")
        assert "陆地" in checked.inner_text()  # the land layer took over, its name in the page's language
        heading = page.page.inner_text(".wm-map-title")
        assert "联合国军反攻" in heading and "2 个事件" in heading
        assert page.page.title() == "联合国军反攻"
        assert page.errors == [] and page.blocked == []
    finally:
        page.close()


def test_play_runs_the_date_and_pause_stops_it(overview: MapPage) -> None:
    page = overview.page
    start = overview.set_date("1950-07-01")
    play = page.locator(".wm-date button[aria-label=Play]")
    play.click()
    page.wait_for_function("start => warmap.playing && warmap.formatDate(warmap.time) > start", arg=start)
    pause = page.locator(".wm-date button[aria-label=Pause]")
    assert pause.count() == 1
    pause.click()
    assert page.evaluate("() => warmap.playing") is None
    assert page.locator(".wm-date button[aria-label=Play]").count() == 1
    stopped = overview.date()
    assert stopped > start and page.evaluate("() => warmap.formatDate(warmap.time)") == stopped
    overview.set_date(page.evaluate("() => warmap.formatDate(warmap.last)"))
    overview.page.get_by_label("Previous day", exact=True).click()
    play.click()  # near the end: playing stops by itself on the last day
    page.wait_for_function("() => warmap.playing === null", timeout=10_000)
    assert overview.date() == page.evaluate("() => warmap.formatDate(warmap.last)")

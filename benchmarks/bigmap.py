"""A map with 10,000 events: HTML size, render time, and load time in headless Chromium.

The campaign is synthetic — N events spread over the peninsula and the war's
dates, each with one source sentence, as extraction would give them — so the
measurement does not wait for a text that long. The page is made self-contained
(assets inlined from the local cache) and opened from a file:// URL with every
other request refused; "loaded" means the map and its date slider are up
(``window.warmap.map`` and ``window.warmap.slider``), as the browser tests define it.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.common import na, reason, row, slope, timed
from warmap.wars import load_war

SIZES = (100, 1_000, 10_000)
WAR = (load_war().start, load_war().end)  # the default war's first and last day
PENINSULA = ((34.6, 126.2, 37.9, 129.3), (37.9, 124.8, 41.8, 129.6))  # south, north boxes: lat0 lon0 lat1 lon1
TYPES = ("battle", "operation", "offensive", "landing", "capture", "withdrawal", "crossing", "air", "other")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
READY = "window.warmap && window.warmap.map && window.warmap.slider"


def synthetic_campaign(n_events: int, seed: int = 1950):
    """A Campaign holding only ``n_events`` dated point events with one source sentence each."""
    from warmap.campaign import Campaign
    from warmap.model import Event, SourceRef

    rng = random.Random(seed)
    days = (WAR[1] - WAR[0]).days
    events = []
    for i in range(n_events):
        south, west, north, east = rng.choice(PENINSULA)
        lat, lon = round(rng.uniform(south, north), 4), round(rng.uniform(west, east), 4)
        first = WAR[0] + timedelta(days=rng.randrange(days))
        last = first + timedelta(days=rng.randrange(30)) if rng.random() < 0.5 else None
        kind = rng.choice(TYPES)
        sentence = f"On {first.isoformat()} a {kind} took place near {lat:.2f}°N {lon:.2f}°E (synthetic event {i})."
        events.append(Event(
            id=f"ev-synthetic-{i:05d}", type=kind, title={"en": f"Synthetic {kind} {i}", "zh": f"虚构事件{i}"},
            start=first.isoformat(), end=last.isoformat() if last else None, places=[],
            geometry={"type": "Point", "coordinates": [lon, lat]},
            sources=[SourceRef("synthetic.txt", i * 100, i * 100 + len(sentence), sentence)],
        ))
    return Campaign(events=events)


def render(n_events: int) -> tuple[float, str]:
    """Seconds to build and render the overview map, and its HTML (linking CDN assets)."""
    from warmap.render import build_map, render_html

    campaign = synthetic_campaign(n_events)
    return timed(lambda: render_html(build_map(campaign, None, base="land")))


def load_seconds(browser, url: str) -> dict:
    """One cold page load: seconds until the map is up, and the JS heap then."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:")) else r.abort())
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="load", timeout=180_000)
        page.wait_for_function(READY, timeout=180_000)
        seconds = time.perf_counter() - start
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
    finally:
        page.close()
    return {"seconds": seconds, "heap_mb": heap / 1e6 if heap else None, "errors": errors}


def bench_map(quick: bool) -> list[dict]:
    """Rows: per size, render time and HTML sizes; browser load time (median) and JS heap."""
    from warmap.render.assets import inline_assets

    sizes = (100, 1_000) if quick else SIZES
    repeats = 1 if quick else 3
    rows, pages, html_bytes = [], {}, {}
    folder = Path(tempfile.mkdtemp(prefix="warmap-bench-map-"))
    try:
        for n in sizes:
            try:
                seconds, html = render(n)
                standalone = inline_assets(html)
            except Exception as error:
                rows.append(na(f"{n:,} events: render", reason(error)))
                continue
            path = folder / f"events-{n}.html"
            path.write_text(standalone, encoding="utf-8")
            pages[n] = path
            html_bytes[n] = len(html.encode("utf-8"))
            rows.append(row(f"{n:,} events: render (build_map + render_html)", seconds, "s",
                            html_mb=len(html.encode("utf-8")) / 1e6,
                            self_contained_mb=len(standalone.encode("utf-8")) / 1e6,
                            bytes_per_event=round(len(html.encode("utf-8")) / n)))
        if len(html_bytes) >= 2:
            low, high = min(html_bytes), max(html_bytes)
            growth = slope(list(html_bytes), list(html_bytes.values()))
            rows.append(row("HTML bytes per added event", (html_bytes[high] - html_bytes[low]) / (high - low), "B",
                            note=f"between {low:,} and {high:,} events; size ~ events^{growth:.2f} overall"))
        rows += _browser_rows(pages, repeats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def _browser_rows(pages: dict[int, Path], repeats: int) -> list[dict]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        return [na("browser load", reason(error))]
    rows = []
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Exception as error:
            return [na("browser load", reason(error))]
        try:
            for n, path in pages.items():
                try:
                    load_seconds(browser, path.as_uri())  # warm-up: disk cache, V8 code cache
                    loads = [load_seconds(browser, path.as_uri()) for _ in range(repeats)]
                except Exception as error:
                    rows.append(na(f"{n:,} events: load in headless Chromium", reason(error)))
                    continue
                errors = sorted({e for load in loads for e in load["errors"]})
                rows.append(row(f"{n:,} events: load in headless Chromium", statistics.median(
                    load["seconds"] for load in loads), "s", note="; ".join(errors)[:200] if errors else "",
                    js_heap_mb=loads[-1]["heap_mb"]))
        finally:
            browser.close()
    return rows

"""Playwright helpers for the browser tests: a local HTTP server, Chromium, map probes.

Reusable by any test that opens warmap's HTML in a real headless Chromium
(Debian's /usr/bin/chromium); network beyond 127.0.0.1 is refused so a page
that still needs a CDN fails loudly.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium for a test session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class MapPage:
    """A page with a warmap map loaded, its console errors and the requests it tried off-host."""

    def __init__(self, browser: Any, url: str, width: int = 1200, height: int = 800):
        self.errors: list[str] = []
        self.blocked: list[str] = []  # scripts, styles, data: what a page must never need
        self.tiles: list[str] = []  # images refused: the tile layers' tiles, which fall back to land
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on(
            "dialog", lambda dialog: (self.errors.append(f"dialog: {dialog.message}"), dialog.dismiss())
        )
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")
        try:
            self.page.wait_for_function(
                "window.warmap && window.warmap.map && window.warmap.slider", timeout=10_000
            )
        except Exception as error:
            raise AssertionError(f"map did not start: {self.errors or error}") from error

    def _console(self, message: Any) -> None:
        """Console errors, except the failed loads of the tiles this class refused on purpose."""
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self.tiles:
            return
        self.errors.append(message.text)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            (self.tiles if route.request.resource_type == "image" else self.blocked).append(route.request.url)
            route.abort()

    def set_date(self, iso: str) -> str:
        return self.page.evaluate("iso => warmap.setDate(iso)", iso)

    def date(self) -> str:
        return self.page.inner_text(".wm-date .wm-output")

    def click_event(self, event_id: str) -> str:
        """Bring an event's marker into view (its cluster opened), click it, return its popup's text."""
        self.page.evaluate("id => warmap.showEvent(id)", event_id)
        self.page.wait_for_function(
            "id => warmap.reveal(id)",
            arg=event_id,
            timeout=10_000,
        )  # on the map, out of its cluster
        self.page.evaluate("() => warmap.map.closePopup()")
        self.page.wait_for_function("id => warmap.reveal(id)", arg=event_id, timeout=10_000)
        point = self.page.evaluate(
            """id => { const icon = warmap.items.find(i => i.key === id).layer.getElement();
                const r = icon.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }""",
            event_id,
        )
        self.page.mouse.click(*point)
        return self.page.wait_for_selector(".leaflet-popup-content", timeout=10_000).inner_text()

    def sides_at(self, lat: float, lon: float) -> list[str]:
        """The territory sides drawn under a point (from the SVG paths Leaflet put there)."""
        return self.page.evaluate(
            """([lat, lon]) => {
                const p = warmap.map.latLngToContainerPoint([lat, lon]);
                const r = warmap.map.getContainer().getBoundingClientRect();
                return document.elementsFromPoint(r.left + p.x, r.top + p.y)
                    .filter(e => e.classList && e.classList.contains('wm-territory'))
                    .map(e => [...e.classList].find(c => c.startsWith('wm-side-')).slice(8));
            }""",
            [lat, lon],
        )

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.page.close()


PANEL_CLICK_ALL = """async () => {
    const failed = [];
    for (const button of document.querySelectorAll('.wm-event')) {
        const id = button.dataset.id;
        warmap.map.closePopup();
        button.click();
        const item = warmap.items.find(i => i.key === id);
        const t0 = Date.now();
        while (!warmap.popupOpenFor(id) && Date.now() - t0 < 5000) { await new Promise(r => setTimeout(r, 20)); }
        if (!warmap.popupOpenFor(id) || !warmap.holds(item, warmap.time)) { failed.push(id); }
    }
    return failed;
}"""


def open_panel(page: MapPage) -> None:
    """Unfold the events panel (folded on small screens)."""
    toggle = page.page.locator(".wm-panel-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()

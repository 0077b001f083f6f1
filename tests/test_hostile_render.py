"""Text from a source is data in the map pages, never a template or markup (issue 14, items 1 and 15).

branca's ``Element(text)`` compiles its text as a Jinja template; a title, section
heading or file name carrying ``{{ … }}`` used to run as Python on the machine that
built the map. Payloads go into every text field a page shows — document names,
titles, phase titles, event titles, place names, front names, source sentences —
and the pages must show them literally, create no file, and run no script.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_unseen_common import run_warmap

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from browser import MapPage, chromium, serve_folder  # noqa: E402
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.outputs import write_outputs  # noqa: E402

# Each would leave a trace if it ran: a folder named after a Jinja global, "49", "XXX", window.pwned.
MKDIR = "{{lipsum.__globals__.os.mkdir(lipsum.__globals__.__name__)}}"
LOOP = "{% for x in range(3) %}X{% endfor %}"
MARKUP = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
PAYLOAD = f"{MKDIR}{LOOP}{{{{7*7}}}}{MARKUP}"
TRACES = ("jinja2.utils", "cycler", "joiner")


def _poisoned_campaign():
    """The synthetic campaign with the payload in every text field a page shows."""
    campaign = synthetic_campaign()
    for doc in campaign.documents:
        doc.source.name = f"{PAYLOAD}-{doc.name}"
        doc.infobox["conflict"] = f"{PAYLOAD}战争"
    for rm in campaign.places:
        rm.mention.doc = next(d.name for d in campaign.documents if d.name.endswith(rm.mention.doc))
        if rm.place is not None:
            rm.place.name = f"{PAYLOAD} {rm.place.name}"
    for item in [*campaign.events, *campaign.fronts]:
        for ref in item.sources:
            ref.doc = next(d.name for d in campaign.documents if d.name.endswith(ref.doc))
            ref.text = f"{PAYLOAD} {ref.text}"
    for event in campaign.events:
        event.title = {lang: f"{PAYLOAD}{title}" for lang, title in event.title.items()}
    for front in campaign.fronts:
        front.names = {lang: f"{PAYLOAD}{name}" for lang, name in front.names.items()}
    for phase in campaign.phases:
        phase.title = {lang: f"{PAYLOAD}{title}" for lang, title in phase.title.items()}
    return campaign


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, object]]:
    out = tmp_path_factory.mktemp("poisoned")
    cwd = os.getcwd()
    os.chdir(out)  # a mkdir(…) that ran would land here
    try:
        write_outputs(_poisoned_campaign(), out / "site", self_contained=True, progress=False)
    finally:
        os.chdir(cwd)
    with serve_folder(out / "site") as base, chromium() as browser:
        yield out, base, browser


def test_no_payload_ran_while_the_pages_were_written(poisoned_site) -> None:
    out, _, _ = poisoned_site
    assert not [trace for trace in TRACES if (out / trace).exists()]
    pages = [out / "site" / "index.html", *sorted((out / "site" / "phases").glob("*.html"))]
    assert len(pages) >= 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "{{7*7}}" in html and "XXX" not in html, page.name  # shown literally, never evaluated
        assert "<script>window.pwned" not in html and "<img src=x" not in html, page.name


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize("page_name", ["index.html", "phases"])
def test_pages_show_the_payload_as_text_and_run_nothing(poisoned_site, page_name: str) -> None:
    out, base, browser = poisoned_site
    if page_name == "phases":
        page_name = "phases/" + sorted(p.name for p in (out / "site" / "phases").glob("*.html"))[0]
    page = MapPage(browser, f"{base}/{page_name}")
    try:
        # The overview's title is the article's name (the infobox's first word), a phase's its title:
        # shown as written, escaped once, not twice.
        title = PAYLOAD if "phases" in page_name else PAYLOAD.split()[0]
        assert title in page.page.title()
        assert title in page.page.locator(".wm-map-title").inner_text()
        layers = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        popups = []
        for iso in ("1950-06-28", "1950-09-16", "1950-10-19", "1950-12-01"):
            page.set_date(iso)
            page.page.evaluate(  # every popup of the date into the page at once, and every tooltip
                """() => { const layers = warmap.slider.timelines.flatMap(t => t.getLayers())
                       .concat(warmap.items.filter(i => i.shown).map(i => i.layer));
                     for (const l of layers) {
                       if (l.getPopup && l.getPopup()) { L.popup({autoClose: false}).setLatLng(warmap.map.getCenter())
                         .setContent(l.getPopup().getContent()).openOn(warmap.map); }
                       if (l.openTooltip) { l.openTooltip(); } } }"""
            )
            popups += page.page.locator(".leaflet-popup-content").all_inner_texts()
        assert page.page.evaluate("() => window.pwned === undefined")
        assert page.errors == [], page.errors
        if page_name == "index.html":
            assert any(PAYLOAD in label for label in layers)  # the document layers' names
            assert any(PAYLOAD in text for text in popups)
    finally:
        page.close()


def test_a_wikitext_with_payloads_in_title_headings_links_and_file_name(tmp_path: Path) -> None:
    text = (
        "{{Infobox military conflict\n"
        "|conflict=<nowiki>" + MKDIR + "</nowiki>战争\n|date=1950年6月25日\n}}\n"
        "'''朝鲜战争'''是1950年的战争。\n\n"
        "== <nowiki>{{lipsum.__globals__.os.mkdir(cycler.__name__)}}</nowiki>南进 ==\n"
        "1950年6月25日，[[朝鲜人民军]]越过[[三八线]]，6月28日攻占[[汉城]]。\n\n"
        "== &#123;&#123;lipsum.__globals__.os.mkdir(joiner.__name__)&#125;&#125;反攻 ==\n"
        "1950年9月15日，[[联合国军]]在[[仁川|" + LOOP + MARKUP + "]]登陆，9月28日收复[[汉城]]。\n"
    )
    name = "{{7*7}}.wikitext"
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_warmap("build", "--offline", "--out", "out", name, cache_dir=tmp_path / "cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not [trace for trace in TRACES if (tmp_path / trace).exists()]
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == MKDIR + "战争"  # the article's own name, shown as written
    assert "{{7*7}}.wikitext" in html  # the file name too, as written
    assert "49.wikitext" not in html and "XXX" not in html

"""The asset cache: every CDN file the maps use comes from npm and is inlined for --self-contained."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.errors import InputError  # noqa: E402
from warmap.render import build_map, render_html  # noqa: E402
from warmap.render.assets import (  # noqa: E402
    asset_table,
    assets_folder,
    fetch_assets,
    inline_assets,
    missing_assets,
)

EXTERNAL = re.compile(r"""<(?:script[^>]+src|link[^>]+href)="(https?://[^"]+)\"""")


def test_every_cdn_url_of_the_maps_is_in_the_table() -> None:
    campaign = synthetic_campaign()
    urls = set()
    for phase in (None, *campaign.phases):
        urls |= set(EXTERNAL.findall(render_html(build_map(campaign, phase))))
    assert urls and urls <= set(asset_table()), urls - set(asset_table())


def test_inlined_html_links_nothing_external() -> None:
    html = inline_assets(render_html(build_map(synthetic_campaign())))  # fills the user cache if needed
    assert not EXTERNAL.findall(html)
    assert "leaflet.timeline@1.6.0/dist/leaflet.timeline.js" in html
    assert 'url("data:image/png;base64,' in html  # leaflet.css images became data URIs
    assert html.count("<script") == html.count("</script>")


def test_fetch_into_an_empty_folder(tmp_path: Path) -> None:
    folder = fetch_assets(str(tmp_path / "assets"))
    assert folder == tmp_path / "assets" and not missing_assets(folder)
    assert (
        folder / "leaflet@1.9.3" / "dist" / "images" / "layers.png"
    ).is_file()  # what leaflet.css points at
    assert (folder / "leaflet@1.9.3" / "LICENSE").is_file()


def test_assets_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_ASSETS_DIR", str(tmp_path / "env"))
    assert assets_folder() == tmp_path / "env"
    assert assets_folder(str(tmp_path / "given")) == tmp_path / "given"


def test_no_npm_is_one_clear_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(InputError, match="npm is not installed"):
        fetch_assets(str(tmp_path / "empty"))


def test_unknown_cdn_url_is_refused() -> None:
    with pytest.raises(InputError, match="no local copy known"):
        inline_assets('<script src="https://cdn.example.org/x.js"></script>')

"""Leaflet and its plugins ship with warmap and are inlined: a page opens with no network (issue 13, 14.6)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from test_unseen_common import run_warmap

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.errors import InputError  # noqa: E402
from warmap.render import build_map, render_html  # noqa: E402
from warmap.render.assets import (  # noqa: E402
    VENDOR_DIR,
    asset_list,
    assets_folder,
    ensure_assets,
    fetch_assets,
    inline_assets,
    missing_assets,
)

EXTERNAL = re.compile(r"""<(?:script[^>]+src|link[^>]+href)="(https?://[^"]+)\"""")
NPM_LOGGER = "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/npm-called.log\"\nexit 1\n"


def test_every_asset_is_vendored_with_its_licence() -> None:
    assert missing_assets(VENDOR_DIR) == []
    for folder in {a.folder for a in asset_list()}:
        licences = [p.name for p in (VENDOR_DIR / folder).iterdir() if re.search(r"(?i)licen[cs]e", p.name)]
        assert licences, folder
    assert (VENDOR_DIR / "leaflet@1.9.4" / "dist" / "images" / "layers.png").is_file()  # what leaflet.css uses


def test_the_default_page_links_nothing_external() -> None:
    html = render_html(build_map(synthetic_campaign()))
    assert not EXTERNAL.findall(html)
    for asset in asset_list():
        assert f"/* {asset.folder}/{asset.file} */" in html
    assert 'url("data:image/png;base64,' in html  # leaflet.css images became data URIs
    assert html.count("<script") == html.count("</script>")
    assert html.index("leaflet@1.9.4/dist/leaflet.js") < html.index("leaflet.timeline@1.6.0")


def test_cdn_links_every_asset_in_page_order() -> None:
    html = render_html(build_map(synthetic_campaign(), cdn=True))
    assert EXTERNAL.findall(html) == [a.url for a in asset_list()]
    inlined = inline_assets(html)
    assert not EXTERNAL.findall(inlined) and "/* leaflet@1.9.4/dist/leaflet.js */" in inlined


def test_an_assets_dir_replaces_the_vendored_copy(tmp_path: Path) -> None:
    shutil.copytree(VENDOR_DIR, tmp_path / "mine")
    leaflet = tmp_path / "mine" / "leaflet@1.9.4" / "dist" / "leaflet.js"
    leaflet.write_text("/* my own build */\n" + leaflet.read_text(encoding="utf-8"), encoding="utf-8")
    assert "/* my own build */" in render_html(build_map(synthetic_campaign(), assets_dir=str(tmp_path / "mine")))


def test_assets_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARMAP_ASSETS_DIR", raising=False)
    assert assets_folder() == VENDOR_DIR and ensure_assets() == VENDOR_DIR
    monkeypatch.setenv("WARMAP_ASSETS_DIR", str(tmp_path / "env"))
    assert assets_folder() == tmp_path / "env"
    assert assets_folder(str(tmp_path / "given")) == tmp_path / "given"


def test_offline_never_runs_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--offline --self-contained with an empty asset folder: one line, exit 2, npm never called."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text(NPM_LOGGER)
    (bin_dir / "npm").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    args = ["build", "--offline", "--self-contained", "--out", tmp_path / "out"]
    done = run_warmap(*args, "--assets-dir", tmp_path / "empty", cache_dir=tmp_path / "cache")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--offline never fetches" in lines[0] and "warmap assets fetch" in lines[0]
    assert not (bin_dir / "npm-called.log").exists()
    assert not (tmp_path / "out" / "index.html").exists()
    done = run_warmap(*args, cache_dir=tmp_path / "cache")  # the vendored copy: nothing to fetch
    assert done.returncode == 0, done.stderr
    assert not (bin_dir / "npm-called.log").exists()
    assert not EXTERNAL.findall((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))


def test_no_npm_is_one_clear_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(InputError, match="npm is not installed"):
        fetch_assets(str(tmp_path / "empty"))


def test_unknown_cdn_url_is_refused() -> None:
    with pytest.raises(InputError, match="no local copy known"):
        inline_assets('<script src="https://cdn.example.org/x.js"></script>')


@pytest.mark.skipif(shutil.which("npm") is None, reason="needs npm and the npm registry")
def test_fetch_gives_the_vendored_files(tmp_path: Path) -> None:
    """`warmap assets fetch` (npm pack) fills a folder with the very files warmap ships."""
    folder = fetch_assets(str(tmp_path / "assets"))
    assert folder == tmp_path / "assets" and not missing_assets(folder)
    for asset in asset_list():
        path = f"{asset.folder}/{asset.file}"
        assert (folder / path).read_bytes() == (VENDOR_DIR / path).read_bytes(), path
    assert (folder / "leaflet@1.9.4" / "LICENSE").is_file()

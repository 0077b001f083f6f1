"""Leaflet and its plugins: vendored in the package, inlined into every page by default.

``data/assets.csv`` lists, in page order, every JavaScript and CSS file the maps use,
each a file of an npm package (``npm pack NAME@VERSION``) with its CDN URL for
``--cdn``. The package ships them (with their licences) under ``vendor/`` as
``<package>@<version>/<file>``, so a build needs no network and a page opens with
none. ``--assets-dir`` (or ``$WARMAP_ASSETS_DIR``) points at another folder of the
same layout; ``warmap assets fetch`` fills one from the npm registry. ``--offline``
never fetches: an incomplete folder is then one clear error.
"""

from __future__ import annotations

import base64
import csv
import mimetypes
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from warmap.errors import InputError
from warmap.render.styles import DATA_DIR

VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
NPM_TIMEOUT = 180
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
SCRIPT_TAG = re.compile(r"""<script\s+src="(https?://[^"]+)"\s*>\s*</script>""")
LINK_TAG = re.compile(r"""<link\s+rel="stylesheet"\s+href="(https?://[^"]+)"\s*/?>""")


@dataclass(frozen=True)
class Asset:
    url: str
    package: str
    version: str
    file: str

    @property
    def folder(self) -> str:
        return f"{self.package}@{self.version}"

    @property
    def is_css(self) -> bool:
        return self.file.endswith(".css")


@lru_cache(maxsize=1)
def asset_list() -> tuple[Asset, ...]:
    """Every asset of a page, in the order the page loads them (data/assets.csv)."""
    with open(DATA_DIR / "assets.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            Asset(row["url"], row["package"], row["version"], row["file"]) for row in csv.DictReader(handle)
        )


def asset_table() -> dict[str, Asset]:
    """CDN URL → the npm package file it is."""
    return {a.url: a for a in asset_list()}


def assets_folder(assets_dir: str | Path | None = None) -> Path:
    """--assets-dir, else $WARMAP_ASSETS_DIR, else the copy vendored in the package."""
    if assets_dir:
        return Path(assets_dir).expanduser()
    if os.environ.get("WARMAP_ASSETS_DIR"):
        return Path(os.environ["WARMAP_ASSETS_DIR"]).expanduser()
    return VENDOR_DIR


def fetch_folder(assets_dir: str | Path | None = None) -> Path:
    """Where ``warmap assets fetch`` writes: the folder asked for, else the user cache."""
    if assets_dir or os.environ.get("WARMAP_ASSETS_DIR"):
        return assets_folder(assets_dir)
    from warmap.paths import cache_dir

    return cache_dir() / "assets"


def _css_references(css: str, file: str) -> list[str]:
    """Package-relative paths of the images and fonts a CSS file points at."""
    base = PurePosixPath(file).parent
    found = []
    for _, ref in CSS_URL.findall(css):
        ref = ref.strip()
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            continue
        ref = ref.split("?")[0].split("#")[0]
        parts: list[str] = []
        for piece in (base / ref).parts:
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece != ".":
                parts.append(piece)
        found.append("/".join(parts))
    return found


def missing_assets(folder: Path) -> list[Asset]:
    return [a for a in asset_list() if not (folder / a.folder / a.file).is_file()]


def _npm_pack(spec: str, workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise InputError(
            "assets", f"cannot fetch {spec}: npm is not installed (install Node.js, or pass --assets-dir)"
        )
    try:
        done = subprocess.run(
            [npm, "pack", spec, "--silent"],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise InputError(
            "assets", f"npm pack {spec} timed out after {NPM_TIMEOUT} s (no registry?)"
        ) from error
    tarballs = sorted(workdir.glob("*.tgz"))
    if done.returncode != 0 or not tarballs:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise InputError("assets", f"npm pack {spec} failed: {last}")
    return tarballs[0]


def _extract(tarball: Path, files: list[str], target: Path) -> None:
    """Copy the wanted files (and what their CSS references, and the licence) out of a package tarball."""
    with tarfile.open(tarball, "r:gz") as archive:
        members = {m.name.removeprefix("package/"): m for m in archive.getmembers() if m.isfile()}
        wanted = list(files) + [n for n in members if "/" not in n and re.search(r"(?i)licen[cs]e", n)]
        seen: set[str] = set()
        while wanted:
            name = wanted.pop()
            if name in seen:
                continue
            seen.add(name)
            member = members.get(name)
            if member is None:
                if name in files:
                    raise InputError("assets", f"{tarball.name} has no file {name}")
                continue
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            temp = out.with_name(out.name + ".tmp")
            temp.write_bytes(data)
            os.replace(temp, out)
            if name.endswith(".css"):
                wanted.extend(_css_references(data.decode("utf-8", "replace"), name))


def fetch_assets(assets_dir: str | None = None) -> Path:
    """Fill a folder with every JS/CSS file the maps use (npm pack); return the folder."""
    folder = fetch_folder(assets_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(str(folder), f"cannot create the asset folder: {error.strerror or error}") from error
    by_package: dict[str, list[Asset]] = {}
    for asset in missing_assets(folder):
        by_package.setdefault(asset.folder, []).append(asset)
    for spec, assets in sorted(by_package.items()):
        with tempfile.TemporaryDirectory(prefix="warmap-npm-") as work:
            tarball = _npm_pack(spec, Path(work))
            _extract(tarball, [a.file for a in assets], folder / spec)
    return folder


def ensure_assets(assets_dir: str | None = None, *, offline: bool = False) -> Path:
    """The asset folder, complete; fetched first only when a folder was asked for and not offline."""
    folder = assets_folder(assets_dir)
    missing = missing_assets(folder)
    if not missing:
        return folder
    first = f"{missing[0].folder}/{missing[0].file}"
    if folder == VENDOR_DIR:
        raise InputError(str(folder), f"the installed package lacks {first}: reinstall warmap or pass --assets-dir")
    if offline:
        raise InputError(
            str(folder),
            f"no cached assets ({len(missing)} missing, e.g. {first}); --offline never fetches: "
            f"run `warmap assets fetch --assets-dir {folder}` first",
        )
    return fetch_assets(str(folder))


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".woff2":
        kind = "font/woff2"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(asset: Asset, folder: Path) -> str:
    css = (folder / asset.folder / asset.file).read_text(encoding="utf-8")
    base = PurePosixPath(asset.file).parent

    def swap(match: re.Match[str]) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            return match.group(0)
        target = _css_references(f"url({ref})", asset.file)
        path = folder / asset.folder / target[0] if target else folder / asset.folder / base / ref
        return f'url("{_data_uri(path)}")' if path.is_file() else match.group(0)

    return CSS_URL.sub(swap, css).replace("</style", "<\\/style")


def _inline(asset: Asset, folder: Path) -> str:
    """One asset as an inline <style> or <script> element."""
    if asset.is_css:
        return f"<style>/* {asset.folder}/{asset.file} */\n{_inline_css(asset, folder)}\n</style>"
    code = (folder / asset.folder / asset.file).read_text(encoding="utf-8")
    code = code.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    return f"<script>/* {asset.folder}/{asset.file} */\n{code}\n</script>"


@lru_cache(maxsize=4)
def _inlined_page_assets(folder: Path) -> str:
    return "\n".join(_inline(asset, folder) for asset in asset_list())


def page_assets(assets_dir: str | None = None, *, cdn: bool = False, offline: bool = False) -> str:
    """The <head> markup that loads every asset: inline (the default) or CDN links (``cdn``)."""
    if cdn:
        return "\n".join(
            f'<link rel="stylesheet" href="{a.url}"/>' if a.is_css else f'<script src="{a.url}"></script>'
            for a in asset_list()
        )
    return _inlined_page_assets(ensure_assets(assets_dir, offline=offline))


def inline_assets(html: str, assets_dir: str | None = None, *, offline: bool = False) -> str:
    """Replace every CDN <script src>/<link href> by the local file's content (pages built with --cdn)."""
    table = asset_table()

    def local(url: str) -> Asset:
        if url not in table:
            raise InputError(
                "self-contained", f"no local copy known for {url} (add it to warmap/render/data/assets.csv)"
            )
        return table[url]

    if not SCRIPT_TAG.search(html) and not LINK_TAG.search(html):
        return html
    folder = ensure_assets(assets_dir, offline=offline)
    html = SCRIPT_TAG.sub(lambda m: _inline(local(m.group(1)), folder), html)
    return LINK_TAG.sub(lambda m: _inline(local(m.group(1)), folder), html)

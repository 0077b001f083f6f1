"""The output folder, written atomically: temp file in the same folder, then os.replace.

An interrupted run therefore never leaves a half-written map over a good one: the
old file stays until the new one is complete.
"""

from __future__ import annotations

import gc
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from warmap.errors import InputError

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.export.geojson import FeatureCache
    from warmap.model import Phase


@contextmanager
def atomic_path(path: Path, *, keep_suffix: bool = False):
    """Yield a temp path beside ``path``; on success it replaces ``path``, on failure it is removed.

    The temp name is hidden and, unless a writer needs the suffix to pick its format,
    does not end like the result: ``docs/*.geojson`` never counts a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix if keep_suffix else ""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", suffix=suffix, dir=path.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    try:
        yield Path(temp)
        if Path(temp).exists():
            os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a map is for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text (LF line ends) atomically."""
    with atomic_path(path) as temp:
        with open(temp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return path


atomic_write_text = write_text  # the name warmap.batch imports


def phase_slug(phase: Phase, index: int) -> str:
    """A safe file stem "NN-slug" from the phase id (which is usually already like that)."""
    text = unicodedata.normalize("NFKC", phase.id).strip().lower()
    text = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-_.")
    text = re.sub(r"-{2,}", "-", text)[:80] or "phase"
    return text if re.match(r"^\d{2,}-", text) else f"{index:02d}-{text}"


def _jobs(campaign: Campaign, out: Path, page_options: dict, cache: FeatureCache):
    """(path, label, producer) for every file, in the order they are written.

    Every producer draws on the one ``cache``: each phase's map and GeoJSON share a
    feature collection, and all of them share the normalised geometries.
    """
    from warmap.export.geojson import campaign_feature_collection, dumps
    from warmap.export.tables import mentions_csv, unresolved_csv
    from warmap.render.maps import build_map, render_html

    def page(phase: Phase | None) -> Callable[[], str]:
        return lambda: render_html(build_map(campaign, phase, cache=cache, **page_options))

    def geojson(phase: Phase | None) -> Callable[[], str]:
        return lambda: dumps(campaign_feature_collection(campaign, phase, cache=cache), cache)

    jobs: list[tuple[Path, str, Callable[[], str] | None]] = [
        (out / "index.html", "overview map", page(None)),
        (out / "campaign.geojson", "campaign.geojson", geojson(None)),
    ]
    used: set[str] = set()
    for index, phase in enumerate(campaign.phases, start=1):
        stem = phase_slug(phase, index)
        while stem in used:
            stem = f"{stem}-{index}"
        used.add(stem)
        jobs.append((out / "phases" / f"{stem}.html", f"phase {stem}", page(phase)))
        jobs.append((out / "phases" / f"{stem}.geojson", f"phase {stem} GeoJSON", geojson(phase)))
    jobs.append((out / "places.csv", "places.csv", lambda: mentions_csv(campaign.places)))
    jobs.append((out / "unresolved.csv", "unresolved.csv", lambda: unresolved_csv(campaign.places)))
    return jobs


def write_outputs(
    campaign: Campaign,
    out_dir: str | Path,
    *,
    self_contained: bool = True,
    cdn: bool = False,
    assets_dir: str | None = None,
    offline: bool = False,
    gpkg: bool = False,
    progress: bool = True,
) -> list[Path]:
    """Write the maps, GeoJSON, CSVs (and GeoPackage) under ``out_dir``; return the paths written.

    Pages carry Leaflet and its plugins inline (they open with no network) unless ``cdn``
    (or ``self_contained=False``) asks for CDN links.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(str(out), f"cannot create output folder: {error.strerror or error}") from error
    cdn = cdn or not self_contained
    if not cdn:
        from warmap.render.assets import ensure_assets

        ensure_assets(assets_dir, offline=offline)  # fetch or fail with one clear line before anything is written
    from warmap.export.geojson import FeatureCache

    cache = FeatureCache()
    jobs = _jobs(campaign, out, {"cdn": cdn, "assets_dir": assets_dir, "offline": offline}, cache)
    if gpkg:
        jobs.append((out / "campaign.gpkg", "campaign.gpkg", None))
    written: list[Path] = []
    columns = (
        TextColumn("writing {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # The campaign is finished: keep the garbage collector from re-scanning it every time
    # the outputs' many small coordinate lists trigger a collection (~10% of this function).
    gc.freeze()
    try:
        with Progress(*columns, console=Console(stderr=True), disable=not progress, transient=True) as bar:
            task = bar.add_task("maps", total=len(jobs))
            for path, label, produce in jobs:
                bar.update(task, description=label)
                if produce is None:
                    from warmap.export.gpkg import write_gpkg

                    write_gpkg(campaign, path, cache)
                else:
                    write_text(path, produce())
                written.append(path)
                bar.advance(task)
    finally:
        gc.unfreeze()
    return written

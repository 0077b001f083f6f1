"""The output folder of a build: the maps (render) and the files (export) side by side, each written
atomically (``warmap.export.atomic``), under a lock, with an older build's phase files removed.

It sits above both stages, so that neither render nor export imports the other."""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from warmap.errors import InputError
from warmap.export.atomic import write_text
from warmap.export.folder import build_lock, remove_old_phases

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geojson import FeatureCache
    from warmap.model import Phase




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
    from warmap.export.tables import mentions_csv, unresolved_csv
    from warmap.features.geojson import campaign_feature_collection, dumps
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
    exports: Sequence[str] = (),
) -> list[Path]:
    """Write the maps, GeoJSON, CSVs (and GeoPackage) under ``out_dir``; return the paths written.

    Pages carry Leaflet and its plugins inline (they open with no network) unless ``cdn``
    (or ``self_contained=False``) asks for CDN links.

    ``exports`` names further formats of ``warmap.export.formats`` (``gpkg=True`` is ``"gpkg"``).
    """
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
    from warmap.features.geojson import FeatureCache
    from warmap.features.geometry_store import StoredGeometries

    cache = FeatureCache(StoredGeometries())  # normalised geometries kept between builds
    jobs = _jobs(campaign, out, {"cdn": cdn, "assets_dir": assets_dir, "offline": offline}, cache)
    from warmap.export.formats import FORMATS, format_for

    for name in dict.fromkeys([*(["gpkg"] if gpkg else []), *exports]):
        fmt = format_for(out, name)
        if fmt.check is not None:
            fmt.check()  # a missing extra fails before anything is written
        if not any(path.name == fmt.file_name and path.parent == out for path, _, _ in jobs):
            jobs.append((out / fmt.file_name, fmt.file_name, FORMATS[name].name))
    # The campaign is finished: keep the garbage collector from re-scanning it every time
    # the outputs' many small coordinate lists trigger a collection (~10% of this function).
    gc.freeze()
    try:
        with build_lock(out):
            written = _write_jobs(campaign, jobs, cache, progress)
            remove_old_phases(out / "phases", written)
        cache.memo.stored.save()
    finally:
        gc.unfreeze()
    return written


def _write_jobs(campaign: Campaign, jobs: list, cache: FeatureCache, progress: bool) -> list[Path]:
    """Produce and write every job in order (a format's name: its registered writer), with a progress
    bar on a terminal."""
    from rich.console import Console

    from warmap.export.formats import WRITERS

    console = Console(stderr=True)  # a bar on a terminal only: in a log it would leave a blank line
    written: list[Path] = []
    with _progress_bar(console) if progress and console.is_terminal else nullcontext() as bar:
        task = bar.add_task("maps", total=len(jobs)) if bar is not None else None
        for path, label, produce in jobs:
            if bar is not None:
                bar.update(task, description=label)
            if isinstance(produce, str):
                WRITERS[produce](campaign, path, cache=cache)
            else:
                write_text(path, produce())
            written.append(path)
            if bar is not None:
                bar.advance(task)
    return written


def _progress_bar(console):
    """rich's bar for the files being written (rich.progress imported only when one is shown)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("writing {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=console, transient=True)

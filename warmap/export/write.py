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
from warmap.export.folder import build_lock, remove_old_phases

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.export.geojson import FeatureCache
    from warmap.model import Phase


def output_error(path: Path, error: OSError) -> InputError:
    """What went wrong writing ``path``, as one line naming the path at fault (exit status 2)."""
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return InputError(str(path), "exists and is a folder, not a file")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            return InputError(str(parent), "exists and is not a folder")
    return InputError(str(path), f"cannot write ({error.strerror or error})")


@contextmanager
def atomic_path(path: Path, *, keep_suffix: bool = False):
    """Yield a temp path beside ``path``; on success it replaces ``path``, on failure it is removed.

    The temp name is hidden and, unless a writer needs the suffix to pick its format,
    does not end like the result: ``docs/*.geojson`` never counts a half-written file.
    A folder that cannot be written (read-only, full, a file in the way) is an
    ``InputError`` naming the path.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        suffix = path.suffix if keep_suffix else ""
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", suffix=suffix, dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise output_error(path, error) from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        yield Path(temp)
        if Path(temp).exists():
            os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a map is for sharing
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise output_error(path, error) from None
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


def _jobs(campaign: Campaign, out: Path, self_contained: bool, assets_dir: str | None, cache: FeatureCache):
    """(path, label, producer) for every file, in the order they are written.

    Every producer draws on the one ``cache``: each phase's map and GeoJSON share a
    feature collection, and all of them share the normalised geometries.
    """
    from warmap.export.geojson import campaign_feature_collection, dumps
    from warmap.export.tables import mentions_csv, unresolved_csv
    from warmap.render.maps import build_map, render_html

    base = "land" if self_contained else "osm"

    def page(phase: Phase | None) -> Callable[[], str]:
        def produce() -> str:
            html = render_html(build_map(campaign, phase, base=base, cache=cache))
            if self_contained:
                from warmap.render.assets import inline_assets

                html = inline_assets(html, assets_dir)
            return html

        return produce

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
    self_contained: bool = False,
    assets_dir: str | None = None,
    gpkg: bool = False,
    progress: bool = True,
) -> list[Path]:
    """Write the maps, GeoJSON, CSVs (and GeoPackage) under ``out_dir``; return the paths written."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(str(out), f"cannot create output folder: {error.strerror or error}") from error
    if self_contained:
        from warmap.render.assets import ensure_assets

        ensure_assets(assets_dir)  # fetch or fail with one clear line before anything is written
    from warmap.export.geojson import FeatureCache

    cache = FeatureCache()
    jobs = _jobs(campaign, out, self_contained, assets_dir, cache)
    if gpkg:
        jobs.append((out / "campaign.gpkg", "campaign.gpkg", None))
    # The campaign is finished: keep the garbage collector from re-scanning it every time
    # the outputs' many small coordinate lists trigger a collection (~10% of this function).
    gc.freeze()
    try:
        with build_lock(out):
            written = _write_jobs(campaign, jobs, cache, progress)
            remove_old_phases(out / "phases", written)
    finally:
        gc.unfreeze()
    return written


def _write_jobs(campaign: Campaign, jobs: list, cache: FeatureCache, progress: bool) -> list[Path]:
    """Produce and write every job in order, with a progress bar on a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("writing {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    console = Console(stderr=True)  # a bar on a terminal only: in a log it would leave a blank line
    written: list[Path] = []
    with Progress(
        *columns, console=console, disable=not (progress and console.is_terminal), transient=True
    ) as bar:
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
    return written

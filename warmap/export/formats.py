"""The export formats by name: one registry instead of a flag per format threaded through layers.

A writer is ``writer(campaign, path, cache=None) -> path`` and writes one file atomically.
``warmap build --export NAME`` and ``Campaign.export(path)`` both look formats up here, so a
new format is one function and one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from warmap.errors import InputError

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geojson import FeatureCache

Writer = Callable[..., Path]
__all__ = ["FORMATS", "WRITERS", "ExportFormat", "format_for", "write_format"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    file_name: str  # what `warmap build --export NAME` writes in the output folder
    suffixes: tuple[str, ...]  # how Campaign.export recognises the format from a path
    description: str
    check: Callable[[], None] | None = None  # raises before anything is written (a missing extra)


def _geojson(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    from warmap.export.atomic import write_text
    from warmap.features.geojson import campaign_feature_collection, dumps

    return write_text(path, dumps(campaign_feature_collection(campaign, cache=cache), cache))


def _gpkg(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    from warmap.export.gpkg import write_gpkg

    return write_gpkg(campaign, path, cache)


def _csv(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    from warmap.export.atomic import write_text
    from warmap.export.frames import features_frame, flat_frame
    from warmap.export.tables import csv_text
    from warmap.features.geojson import campaign_feature_collection

    frame = flat_frame(features_frame(campaign_feature_collection(campaign, cache=cache)["features"]))
    geometry = frame.geometry.name
    frame["wkt"] = [g.wkt if g is not None else None for g in frame.geometry]
    table = frame.drop(columns=[geometry])
    for column in ("start_date", "end_date"):
        table[column] = [d.date().isoformat() if d == d and d is not None else None for d in table[column]]
    rows = [{k: _cell(v) for k, v in row.items()} for row in table.to_dict("records")]
    return write_text(path, csv_text(list(table.columns), rows))


def _cell(value):
    import pandas

    return None if not isinstance(value, str) and pandas.isna(value) else value


def _lpf(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    from warmap.export.lpf import write_lpf

    return write_lpf(campaign, path, cache)


def _parquet(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    from warmap.export.parquet import write_geoparquet

    return write_geoparquet(campaign, path, cache)


def _need_pyarrow() -> None:
    from warmap.export.parquet import require_pyarrow

    require_pyarrow()


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("geojson", "campaign.geojson", (".geojson",), "RFC 7946 FeatureCollection (always written by build)"),
        ExportFormat("gpkg", "campaign.gpkg", (".gpkg",), "GeoPackage, a layer per kind"),
        ExportFormat("csv", "campaign.csv", (".csv",), "every feature as a row, geometry as WKT"),
        ExportFormat("lpf", "campaign.lpf.json", (".lpf.json", ".jsonld"), "Linked Places Format (WHG)"),
        ExportFormat("parquet", "campaign.parquet", (".parquet", ".geoparquet"), "GeoParquet", _need_pyarrow),
    )
}
WRITERS: dict[str, Writer] = {"geojson": _geojson, "gpkg": _gpkg, "csv": _csv, "lpf": _lpf, "parquet": _parquet}


def format_for(path: Path, name: str | None = None) -> ExportFormat:
    """The format called ``name``, or the one whose suffix ``path`` ends with."""
    if name is not None:
        if name not in FORMATS:
            raise InputError(name, f"unknown export format; known: {', '.join(FORMATS)}")
        return FORMATS[name]
    lowered = path.name.lower()
    for fmt in sorted(FORMATS.values(), key=lambda f: -max(len(s) for s in f.suffixes)):
        if any(lowered.endswith(s) for s in fmt.suffixes):
            return fmt
    raise InputError(str(path), f"cannot tell the export format from the name; give one of {', '.join(FORMATS)}")


def write_format(
    campaign: Campaign, path: Path, name: str | None = None, cache: FeatureCache | None = None
) -> Path:
    """Write ``campaign`` to ``path`` in the named (or suffix-implied) format."""
    fmt = format_for(path, name)
    if fmt.check is not None:
        fmt.check()
    return WRITERS[fmt.name](campaign, path, cache=cache)

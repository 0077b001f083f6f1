"""campaign.parquet: the features as GeoParquet, for pandas, DuckDB, QGIS and friends.

Written with GeoPandas' ``to_parquet``, which needs pyarrow (large, so an optional extra:
``pip install 'warmap[parquet]'``). The columns are those of ``Campaign.to_geodataframe``
with lists and dicts as JSON text (shapes in ``warmap.export.frames``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from warmap.errors import InputError

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geojson import FeatureCache

MISSING = "GeoParquet needs pyarrow: pip install 'warmap[parquet]'"


class MissingDependency(ImportError):
    """An optional extra that a chosen output needs is not installed."""


def require_pyarrow() -> None:
    """Fail with one clear line, before anything is written, when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise MissingDependency(MISSING) from error


def write_geoparquet(
    campaign: Campaign, path: Path, cache: FeatureCache | None = None, kind: str | None = None
) -> Path:
    """Write the campaign's features (or one kind's) as GeoParquet, atomically."""
    from warmap.export.atomic import atomic_path
    from warmap.export.frames import features_frame, flat_frame
    from warmap.features.geojson import campaign_feature_collection

    require_pyarrow()
    features = campaign_feature_collection(campaign, cache=cache)["features"]
    if kind is not None:
        features = [f for f in features if f["properties"]["kind"] == kind]
    frame = flat_frame(features_frame(features))
    if path.exists() and path.is_dir():
        raise InputError(str(path), "output path is a folder")
    with atomic_path(path, keep_suffix=True) as temp:
        frame.to_parquet(temp, index=False)
    return path

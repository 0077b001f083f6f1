"""The campaign's features as a GeoDataFrame, with columns a notebook can filter on.

Beyond the GeoJSON properties, every frame has:

- ``event_type``: the event's type (``battle``, ``landing``, …; None for other kinds). The
  GeoJSON's ``type`` is not a column, because ``gdf.type`` is GeoPandas' geometry type
  and ``gdf[gdf.type == "battle"]`` would silently select nothing.
- ``start_date``, ``end_date``: pandas datetimes at the first and last day of the span the
  reduced ISO strings ``start``/``end`` can mean ("1950-08" → 1950-08-01 … 1950-08-31); a
  front or territory with no end stays open (NaT).
- ``date_precision``: ``day``, ``month`` or ``year``, the coarsest of ``start`` and ``end``
  (None when undated).
- ``name``: the English name, else the first by language code, else the id.

Tabular files (GeoParquet, CSV) hold scalars only, so :func:`flat_frame` turns lists and
dicts into JSON text columns (UTF-8, keys sorted). Their shapes:

- ``names``: ``{"<lang>": "<name>"}``;
- ``sources``: ``[{"doc": str, "start": int, "end": int, "text": str}]`` (source offsets);
- ``places``: ``["<place id>"]``; ``surfaces``: ``["<text as written>"]``;
- ``conflicts``: ``[{"field": str, …}]`` as the events JSON has them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from warmap.features import timespan

if TYPE_CHECKING:
    import geopandas

    from warmap.campaign import Campaign

PRECISIONS = {1: "year", 2: "month", 3: "day"}
RANK = {"year": 0, "month": 1, "day": 2}
OPEN_ENDED = ("front", "territory")  # a missing end means "until the next one", not "that day"
__all__ = ["campaign_features", "date_precision", "features_frame", "flat_frame", "span_days"]


def date_precision(start: str | None, end: str | None) -> str | None:
    """The coarsest precision of the dates given: "1950-08" and "1950-09-15" → "month"."""
    found = [PRECISIONS.get(len(d.split("-"))) for d in (start, end) if timespan.parse_iso(d)]
    found = [p for p in found if p]
    return min(found, key=RANK.__getitem__) if found else None


def span_days(kind: str | None, start: str | None, end: str | None) -> tuple[Any, Any]:
    """(first day, last day) of a feature's dates; None where unknown or open."""
    if kind in OPEN_ENDED and not timespan.parse_iso(end):
        return (timespan.first_day(start) if timespan.parse_iso(start) else None), None
    span = timespan.interval(start, end)
    return span if span else (None, None)


def campaign_features(campaign: Campaign, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """The campaign.geojson features of the given kinds, in its order.

    Places and events alone skip the territory (most of a collection's cost); the features
    are those of the whole collection, filtered: a test holds the two equal.
    """
    from warmap.features import geojson

    if kinds is None or not set(kinds) <= {"place", "event"}:
        features = geojson.campaign_feature_collection(campaign)["features"]
        return [f for f in features if kinds is None or f["properties"]["kind"] in kinds]
    features = []
    if "event" in kinds:
        features += geojson.event_features(list(campaign.events))
    if "place" in kinds:
        resolved = [rm for rm in campaign.places if rm.place is not None]
        features += geojson.place_features(campaign, resolved, campaign.events)
    features = [f for f in features if f["geometry"] is not None or f["properties"]["kind"] == "event"]
    geojson._sort_features(features)
    return features


def _name(properties: dict[str, Any]) -> str | None:
    names = properties.get("names") or {}
    if names:
        return names.get("en") or names[sorted(names)[0]]
    return properties.get("id")


def _row(properties: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in properties.items() if k != "type"}
    kind = properties.get("kind")
    first, last = span_days(kind, properties.get("start"), properties.get("end"))
    row["name"] = _name(properties)
    row["event_type"] = properties.get("type") if kind == "event" else None
    row["start_date"] = first
    row["end_date"] = last
    row["date_precision"] = date_precision(properties.get("start"), properties.get("end"))
    return row


def features_frame(features: list[dict[str, Any]]) -> geopandas.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) of GeoJSON features, with the columns above."""
    import geopandas
    import pandas
    from shapely.geometry import shape

    rows = [_row(f["properties"]) for f in features]
    frame = geopandas.GeoDataFrame(
        pandas.DataFrame(rows),
        geometry=[shape(f["geometry"]) if f["geometry"] else None for f in features],
        crs="EPSG:4326",
    )
    for column in ("start_date", "end_date"):
        frame[column] = pandas.to_datetime(frame.get(column, pandas.Series(dtype=object)))
    for column in ("name", "event_type", "date_precision"):
        if column not in frame:
            frame[column] = pandas.Series(dtype=object)
    for column in ("mentions",):  # counts stay integers where other kinds leave them empty
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


def flat_frame(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """The same frame with every list or dict cell as JSON text (see the module's shapes)."""
    flat = frame.copy()
    for column in flat.columns:
        if column == flat.geometry.name:
            continue
        values = flat[column]
        if values.dtype == object and any(isinstance(v, dict | list) for v in values):
            flat[column] = [
                json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict | list) else None
                for v in values
            ]
    return flat

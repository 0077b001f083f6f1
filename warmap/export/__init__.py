"""Exports: campaign.geojson, GeoPackage, CSV, Linked Places, GeoParquet and terminal tables
(the output folder that holds them with the maps is ``warmap.outputs``)."""

from __future__ import annotations

from warmap.export.tables import (
    events_csv,
    mentions_csv,
    mentions_json,
    print_build_summary,
    print_events,
    print_mentions,
    print_phases,
    unresolved_csv,
    write_mentions_csv,
    write_mentions_json,
)
from warmap.features.geojson import campaign_feature_collection, dumps

__all__ = [
    "campaign_feature_collection",
    "dumps",
    "events_csv",
    "mentions_csv",
    "mentions_json",
    "print_build_summary",
    "print_events",
    "print_mentions",
    "print_phases",
    "unresolved_csv",
    "write_mentions_csv",
    "write_mentions_json",
]

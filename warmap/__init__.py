"""warmap: narrative accounts of a campaign → layered, date-keyed maps.

The scripting API, as a notebook uses it::

    import warmap
    campaign = warmap.Campaign.from_sources([], offline=True)     # [] = the bundled texts
    campaign.battles[:3]                                          # Event objects
    campaign.events_of("landing", "crossing")                     # types: warmap.event_types()
    events = campaign.to_geodataframe("event")                    # a GeoDataFrame
    events[events.event_type == "battle"]                         # not .type: that is the geometry's
    events[events.start_date.between("1950-09-01", "1950-11-30")] # parsed dates, date_precision
    for phase in campaign.phases:
        campaign.events_in(phase)                                 # phase.events are ids; these are Events
        campaign.map(phase, base="land").save(f"{phase.id}.html")
    campaign.export("korea.lpf.json")                             # Linked Places; also .gpkg .csv .parquet

Names here load lazily: ``import warmap`` does not pay for geopandas and folium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warmap.version import __version__

if TYPE_CHECKING:
    from warmap.campaign import Campaign, GeocoderSettings
    from warmap.model import Event, Front, Phase, Place, ResolvedMention, Territory

__all__ = [
    "Campaign",
    "Event",
    "Front",
    "GeocoderSettings",
    "Phase",
    "Place",
    "ResolvedMention",
    "Territory",
    "__version__",
    "event_types",
    "export_formats",
]

_LAZY = {
    "Campaign": "warmap.campaign",
    "GeocoderSettings": "warmap.resolution.geocoding",
    "Event": "warmap.model",
    "Front": "warmap.model",
    "Phase": "warmap.model",
    "Place": "warmap.model",
    "ResolvedMention": "warmap.model",
    "Territory": "warmap.model",
}


def event_types() -> tuple[str, ...]:
    """The event types ``Campaign.events_of`` accepts, in order of precedence.

    >>> "battle" in warmap.event_types()
    True
    """
    from warmap.chronology.event_types import registry

    return registry().names


def export_formats() -> dict[str, str]:
    """The formats ``Campaign.export`` and ``warmap build --export`` write: name → description."""
    from warmap.export.formats import FORMATS

    return {name: fmt.description for name, fmt in FORMATS.items()}


def __getattr__(name: str) -> Any:
    # Lazy: `import warmap` must not pay for geopandas and folium.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'warmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

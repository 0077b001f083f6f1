"""warmap: narrative accounts of a campaign → layered, date-keyed maps.

The scripting API::

    import warmap
    campaign = warmap.Campaign.from_sources(["zh-korean-war.wikitext"], offline=True)
    for phase in campaign.phases:
        campaign.map(phase=phase.id).save(f"{phase.id}.html")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warmap.version import __version__

if TYPE_CHECKING:
    from warmap.campaign import Campaign

__all__ = ["Campaign", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy: `import warmap` must not pay for geopandas and folium.
    if name == "Campaign":
        from warmap.campaign import Campaign

        return Campaign
    raise AttributeError(name)

"""Front lines and territory: curated dated lines, lines the texts draw, and who held what.

``load_fronts`` reads the curated lines (the war profile's fronts/), ``fronts_from_text``
turns sentences such as "退至平泽、安城、堤川一线" into lines, and
``territory_for``/``territory_timeline`` split the theatre's land along them.
"""

from __future__ import annotations

from warmap.fronts.lines import load_fronts, load_island_holdings
from warmap.fronts.territory import front_on, side_at, territory_for, territory_timeline, timeline
from warmap.fronts.text_lines import fronts_from_text

__all__ = [
    "front_on",
    "fronts_from_text",
    "load_fronts",
    "load_island_holdings",
    "side_at",
    "territory_for",
    "territory_timeline",
    "timeline",
]

"""Maps: the folium overview and per-phase maps, their popups, legend and asset cache."""

from __future__ import annotations

from warmap.render.maps import build_map, render_html

__all__ = ["build_map", "render_html"]

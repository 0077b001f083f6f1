"""Maps: the folium overview and per-phase maps, their popups, legend and asset cache."""

from __future__ import annotations

from warmap.render.lean_folium import import_folium

import_folium()  # before any module here imports folium: without pandas, which the maps do not use

from warmap.render.maps import build_map, render_html  # noqa: E402

__all__ = ["build_map", "render_html"]

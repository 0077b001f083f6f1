"""folium imported without pandas or requests, which a build does not use.

pandas is a fifth of a whole build's time, and folium imports it only to recognise a DataFrame
passed as a location, which warmap never passes. No object can be a DataFrame before pandas is
imported, so folium is given, in place of pandas, a stand-in that answers with a type nothing is
an instance of until then, and with pandas itself once anything (a notebook, geopandas) has
imported it: folium behaves as it always did.

requests (with urllib3, 25 ms) serves only ``GeoJson(url)``: folium gets a stand-in module that
imports it on first use; any other ``import requests`` gets the real one.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any


class _NoInstances:
    """A type no object is an instance of: what a DataFrame check needs while pandas is not loaded."""

    def __new__(cls, *args: Any, **kwargs: Any) -> _NoInstances:
        raise TypeError("pandas is not loaded")


class PandasWhenLoaded:
    """pandas as folium.utilities sees it: the real module once loaded, else ``_NoInstances`` types."""

    def __getattr__(self, name: str) -> Any:
        pandas = sys.modules.get("pandas")
        if pandas is not None:
            return getattr(pandas, name)
        if name in ("DataFrame", "Series"):
            return _NoInstances
        raise AttributeError(f"pandas is not loaded: pandas.{name}")


def _on_first_use(name: str) -> types.ModuleType:
    """A stand-in module that imports ``name`` when one of its attributes is first read."""
    stand_in = types.ModuleType(name, f"{name}, imported on first use")

    def __getattr__(attribute: str) -> Any:
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]  # PEP 562: read for missing names only
    return stand_in


def import_folium() -> None:
    """Import folium, keeping pandas out of it when nothing has loaded pandas yet, and requests lazy."""
    if "folium" in sys.modules:
        return
    hidden: dict[str, types.ModuleType | None] = {}
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is not None:
        hidden["pandas"] = None  # "import pandas" raises ImportError: folium's pd is None
    if "requests" not in sys.modules:
        hidden["requests"] = _on_first_use("requests")  # folium.features keeps it; nobody else sees it
    sys.modules.update(hidden)  # type: ignore[arg-type]
    try:
        import folium  # noqa: F401
    finally:
        for name, module in hidden.items():
            if name in sys.modules and sys.modules[name] is module:
                del sys.modules[name]
    if "pandas" not in hidden:
        return
    utilities = sys.modules.get("folium.utilities")
    if utilities is not None and getattr(utilities, "pd", False) is None:
        utilities.pd = PandasWhenLoaded()

"""folium imported without pandas: pandas is a fifth of a whole build's time, and folium imports it only
to recognise a DataFrame passed as a location, which warmap never passes.

No object can be a DataFrame before pandas is imported, so folium is given, in place of pandas, a
stand-in that answers with a type nothing is an instance of until then, and with pandas itself once
anything (a notebook, geopandas) has imported it: folium behaves as it always did.
"""

from __future__ import annotations

import importlib.util
import sys
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


def import_folium() -> None:
    """Import folium, keeping pandas out of it when nothing has loaded pandas yet."""
    if "folium" in sys.modules or "pandas" in sys.modules or importlib.util.find_spec("pandas") is None:
        import folium  # noqa: F401
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" raises ImportError: folium's pd is None
    try:
        import folium  # noqa: F401
    finally:
        if "pandas" in sys.modules and sys.modules["pandas"] is None:
            del sys.modules["pandas"]
    utilities = sys.modules.get("folium.utilities")
    if utilities is not None and getattr(utilities, "pd", False) is None:
        utilities.pd = PandasWhenLoaded()

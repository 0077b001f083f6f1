"""folium is imported without pandas or requests, and still uses them once loaded or needed."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import warmap.render
assert "pandas" not in sys.modules, "importing the maps loaded pandas"
assert "requests" not in sys.modules and "urllib3" not in sys.modules, "importing the maps loaded requests"
import folium.features
assert callable(folium.features.requests.get)  # folium's stand-in imports requests on first use
import requests
assert folium.features.requests.get is requests.get and requests.__spec__ is not None
import folium.utilities
assert folium.utilities.if_pandas_df_convert_to_numpy([1, 2]) == [1, 2]
import numpy
import pandas
frame = pandas.DataFrame({"lat": [37.5], "lon": [127.0]})
assert isinstance(folium.utilities.if_pandas_df_convert_to_numpy(frame), numpy.ndarray)
print("ok")
"""


def test_maps_import_without_pandas_and_folium_still_knows_dataframes():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_pandas_loaded_first_is_left_alone():
    script = "import pandas, warmap.render, folium.utilities as u; assert u.pd is pandas; print('ok')"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

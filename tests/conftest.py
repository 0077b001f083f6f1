"""Shared fixtures. Keep each one small and say which tests use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from nominatim_server import NominatimStub

from warmap.resolution.geocoding import GeocoderSettings

# Property tests draw the same examples on every run (a failure found once is found again, and a
# green run stays green) and have no per-example deadline (a loaded machine is slow, not wrong).
settings.register_profile("warmap", derandomize=True, deadline=None)
settings.load_profile("warmap")


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test writes warmap's cache (geocoding answers, automata) under a temporary folder,
    never the user's; a test that needs its own sets WARMAP_CACHE_DIR itself."""
    import os

    before = os.environ.get("WARMAP_CACHE_DIR")
    os.environ["WARMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("warmap-cache"))
    yield
    if before is None:
        os.environ.pop("WARMAP_CACHE_DIR", None)
    else:
        os.environ["WARMAP_CACHE_DIR"] = before


# ------------------------------------------------------------ geocoding (tests/test_geocoding_*.py)
@pytest.fixture
def nominatim() -> Iterator[NominatimStub]:
    """A Nominatim stand-in on 127.0.0.1 (port chosen by the system), stopped afterwards."""
    with NominatimStub() as server:
        yield server


@pytest.fixture
def geocoder_settings(
    nominatim: NominatimStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> GeocoderSettings:
    """Settings pointing geopy at the stand-in, quick to fail, the cache under tmp_path."""
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    return GeocoderSettings(url=nominatim.url, min_delay_seconds=0.05, timeout=1.0)

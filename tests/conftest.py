"""Shared fixtures. Keep each one small and say which tests use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from nominatim_server import NominatimStub

from warmap.resolution.geocoding import GeocoderSettings


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

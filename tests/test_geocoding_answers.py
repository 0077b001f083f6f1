"""Only well-formed answers are cached: a malformed one must not poison the cache for later runs.

A positive answer needs a finite position in range; a negative one is only a
well-formed "no result" (Nominatim's ``[]``, Photon's empty feature list).
Anything else leaves the name unresolved with an error for this run, and the
next run asks again: here the same server, healthy by then.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from nominatim_server import NominatimStub, nominatim_place

from warmap.resolution.geocoding import FallbackGeocoder

HAMHUNG = nominatim_place("Hamhung", 39.9183, 127.5364, osm_id=77)
MALFORMED = [
    '[{"display_name": "x"}]',  # no lat/lon: geopy reads (0, 0)
    "null",  # geopy reads "no result"
    "{}",
    "0",
    '{"error": "Unable to geocode"}',
    '[{"lat": "abc", "lon": "127.5", "display_name": "x"}]',
    '[{"lat": "39.9", "display_name": "x"}]',  # no longitude
    '[{"lat": "NaN", "lon": "127.5"}]',
    '[{"lat": true, "lon": "127.5"}]',
    '[{"lat": [39.9], "lon": "127.5"}]',
    "<html><body>Service temporarily down</body></html>",
]


@pytest.mark.parametrize("body", MALFORMED)
def test_a_malformed_answer_is_not_cached_and_the_next_run_asks_again(
    nominatim: NominatimStub, geocoder_settings, body
):
    nominatim.script("Hamhung", ("malformed", body), ("answer", [HAMHUNG]))
    first = FallbackGeocoder(geocoder_settings)
    result = first.geocode("Hamhung")
    assert (result.place, result.resolver) == (None, "unresolved")
    assert result.error and "malformed" in result.error
    assert not result.from_cache and not first.went_offline
    assert len(first.cache) == 0
    first.close()

    again = FallbackGeocoder(geocoder_settings).geocode("Hamhung")  # same cache, server healthy now
    assert nominatim.count("Hamhung") == 2
    assert again.resolver == "geocoder"
    assert (again.place.lat, again.place.lon) == (39.9183, 127.5364)


def test_a_well_formed_no_result_is_cached(nominatim: NominatimStub, geocoder_settings):
    nominatim.script("Nowhere-ri", ("malformed", "[]"), ("answer", [HAMHUNG]))
    assert FallbackGeocoder(geocoder_settings).geocode("Nowhere-ri").error is None
    again = FallbackGeocoder(geocoder_settings).geocode("Nowhere-ri")
    assert (again.resolver, again.from_cache) == ("unresolved", True)
    assert nominatim.count() == 1


def test_photon_empty_feature_list_is_a_well_formed_no_result(nominatim: NominatimStub, geocoder_settings):
    photon = replace(geocoder_settings, name="photon")
    assert FallbackGeocoder(photon).geocode("Nowhere").error is None
    assert FallbackGeocoder(photon).geocode("Nowhere").from_cache
    assert nominatim.count() == 1


@pytest.mark.parametrize(
    "body", ['{"type": "FeatureCollection"}', "null", '{"features": [{"type": "Feature"}]}']
)
def test_photon_answers_without_features_or_positions_are_malformed(
    nominatim: NominatimStub, geocoder_settings, body
):
    nominatim.script("Inchon", ("malformed", body))
    geocoder = FallbackGeocoder(replace(geocoder_settings, name="photon"))
    result = geocoder.geocode("Inchon")
    assert result.resolver == "unresolved" and "malformed" in result.error
    assert len(geocoder.cache) == 0

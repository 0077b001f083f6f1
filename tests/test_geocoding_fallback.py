"""The geopy fallback against a real Nominatim stand-in on 127.0.0.1 (tests/nominatim_server.py)."""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest
from nominatim_server import NominatimStub, nominatim_place

from warmap.errors import InputError
from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings, guess_feature

SEOUL = nominatim_place("Seoul", 37.5666791, 126.9782914, osm_id=2297418, addresstype="city",
                        osm_class="boundary", osm_value="administrative")  # fmt: skip
BUSAN = nominatim_place("Busan", 35.1799528, 129.0752365, osm_id=3307576)
IMJIN = nominatim_place("Imjin River", 37.944, 126.68, osm_type="way", osm_id=99, osm_class="waterway",
                        osm_value="river", addresstype="river")  # fmt: skip


def test_answer_becomes_a_place_asked_for_politely(nominatim: NominatimStub, geocoder_settings):
    nominatim.answer("서울", SEOUL)
    result = FallbackGeocoder(geocoder_settings).geocode("서울", "ko")

    assert result.resolver == "geocoder" and result.error is None and not result.from_cache
    place = result.place
    assert place is not None
    assert place.place_id == "nominatim:relation/2297418"
    assert (place.name, place.feature, place.country) == ("Seoul", "city", "KR")
    assert (place.lat, place.lon) == (37.566679, 126.978291)
    assert place.geometry == {"type": "Point", "coordinates": [126.978291, 37.566679]}
    assert place.names == {"en": ["Seoul"], "ko": ["서울"]}
    assert place.source == "Nominatim (OpenStreetMap contributors, ODbL)"

    (seen,) = nominatim.requests
    assert seen.path == "/search"
    assert seen.params["q"] == "서울"
    assert seen.params["format"] in ("json", "jsonv2")
    assert seen.params["viewbox"] == "124.0,33.0,131.0,43.1"  # the theatre as a hint…
    assert "bounded" not in seen.params  # …not a bound
    assert seen.params["accept-language"] == "en"
    assert seen.headers["user-agent"].startswith("warmap/0.1.0 (+http")


def test_second_run_makes_no_request(nominatim: NominatimStub, geocoder_settings):
    nominatim.answer("Seoul", SEOUL)
    nominatim.answer("Pusan", BUSAN)
    nominatim.empty("Nowhere-ri")
    names = ["Seoul", "Pusan", "Nowhere-ri", "Seoul"]

    first = FallbackGeocoder(geocoder_settings).geocode_many(names)
    assert list(first) == ["Seoul", "Pusan", "Nowhere-ri"]
    assert [r.resolver for r in first.values()] == ["geocoder", "geocoder", "unresolved"]
    assert first["Nowhere-ri"].error is None  # "no such place" is an answer, not an error
    assert nominatim.count() == 3

    again = FallbackGeocoder(geocoder_settings).geocode_many(names)
    assert nominatim.count() == 3
    assert [r.resolver for r in again.values()] == ["cache", "cache", "unresolved"]
    assert all(r.from_cache for r in again.values())
    assert again["Pusan"].place == first["Pusan"].place


def test_cache_key_is_the_normalised_name_and_its_language(nominatim: NominatimStub, geocoder_settings):
    nominatim.answer("Imjin River", IMJIN)
    geocoder = FallbackGeocoder(geocoder_settings)
    assert geocoder.geocode("Imjin River", "en").place.feature == "river"
    assert geocoder.geocode("  IMJIN  river ", "en").resolver == "cache"
    assert nominatim.count() == 1
    geocoder.geocode("Imjin River", "fa")  # another language is another key
    assert nominatim.count() == 2


def test_pairs_of_name_and_language_are_accepted_and_kept_as_keys(
    nominatim: NominatimStub, geocoder_settings
):
    nominatim.answer("釜山", BUSAN)
    answers = FallbackGeocoder(geocoder_settings).geocode_many(
        [("釜山", "zh"), ("Nowhere", "en"), ("釜山", "zh")]
    )
    assert list(answers) == [("釜山", "zh"), ("Nowhere", "en")]
    assert answers[("釜山", "zh")].place.names["zh"] == ["釜山"]


def test_429_waits_for_retry_after_then_retries_once(nominatim: NominatimStub, geocoder_settings):
    nominatim.rate_limit("Pusan", retry_after=1, then=("answer", [BUSAN]))
    result = FallbackGeocoder(geocoder_settings).geocode("Pusan")
    assert result.resolver == "geocoder" and result.place.name == "Busan"
    first, second = nominatim.requests
    assert second.at - first.at >= 0.95  # Retry-After: 1


def test_429_twice_gives_up_on_that_name_only_and_caches_nothing(nominatim: NominatimStub, geocoder_settings):
    nominatim.rate_limit("Pusan", retry_after=1, times=2, then=("answer", [BUSAN]))
    nominatim.answer("Seoul", SEOUL)
    geocoder = FallbackGeocoder(geocoder_settings)
    result = geocoder.geocode("Pusan")
    assert result.resolver == "unresolved" and "429" in result.error
    assert nominatim.count("Pusan") == 2  # the request and one retry, no more
    assert not geocoder.went_offline
    assert geocoder.geocode("Seoul").resolver == "geocoder"
    assert FallbackGeocoder(geocoder_settings).geocode("Pusan").resolver == "geocoder"  # asked again


def test_server_error_is_not_cached_and_the_run_goes_on(nominatim: NominatimStub, geocoder_settings):
    nominatim.script("Kaesong", ("status", 500), ("answer", [nominatim_place("Kaesong", 37.97, 126.55)]))
    nominatim.answer("Seoul", SEOUL)
    geocoder = FallbackGeocoder(geocoder_settings)
    failed = geocoder.geocode("Kaesong")
    assert failed.resolver == "unresolved" and "500" in failed.error
    assert geocoder.geocode("Seoul").resolver == "geocoder"
    assert not geocoder.went_offline
    assert FallbackGeocoder(geocoder_settings).geocode("Kaesong").place.name == "Kaesong"


@pytest.mark.parametrize(
    "body",
    ['[{"place_id": 1, "lat": "37.5", "lon": ', "<html>maintenance</html>", '{"unexpected": true}', "5",
     '[{"osm_type": "node", "osm_id": 1, "lat": "north", "lon": "126.9"}]', '[{"lat": "95.0", "lon": "126.9"}]'],
)  # fmt: skip
def test_malformed_answer_is_unresolved_with_an_error_not_cached(
    nominatim: NominatimStub, geocoder_settings, body
):
    nominatim.script("Hamhung", ("malformed", body), ("answer", [nominatim_place("Hamhung", 39.92, 127.54)]))
    geocoder = FallbackGeocoder(geocoder_settings)
    result = geocoder.geocode("Hamhung")
    assert result.place is None and result.resolver == "unresolved"
    assert "malformed" in result.error
    assert not geocoder.went_offline
    assert geocoder.geocode("Hamhung").resolver == "geocoder"  # not cached: asked again


def test_response_slower_than_the_timeout_turns_the_run_offline(nominatim: NominatimStub, geocoder_settings):
    nominatim.slow("Wonsan", 5.0)
    nominatim.answer("Seoul", SEOUL)
    geocoder = FallbackGeocoder(replace(geocoder_settings, timeout=0.5))
    started = time.monotonic()
    answers = geocoder.geocode_many(["Wonsan", "Taegu", "Seoul", "Pyongyang"])
    assert time.monotonic() - started < 2.0  # one timeout, not one per name
    assert geocoder.went_offline and "timeout" in geocoder.offline_reason
    assert nominatim.count() == 1
    assert all(r.resolver == "unresolved" for r in answers.values())
    assert "not in the geocoding cache" in answers["Seoul"].error


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("url", [None, "http://warmap-test.invalid"], ids=["refused", "dns"])
def test_a_server_that_is_not_there_turns_the_run_offline(geocoder_settings, url):
    url = url or f"http://127.0.0.1:{_closed_port()}"
    geocoder = FallbackGeocoder(replace(geocoder_settings, url=url))
    started = time.monotonic()
    answers = geocoder.geocode_many(["Seoul", "Pusan", "Taegu"])
    assert time.monotonic() - started < 3.0
    assert geocoder.went_offline and geocoder.offline_reason.startswith("geocoder unreachable")
    assert geocoder.requests_made == 1
    assert [r.resolver for r in answers.values()] == ["unresolved"] * 3


def test_403_means_stop_asking(nominatim: NominatimStub, geocoder_settings):
    nominatim.fail("Seoul", 403)
    geocoder = FallbackGeocoder(geocoder_settings)
    geocoder.geocode_many(["Seoul", "Pusan"])
    assert geocoder.went_offline and "403" in geocoder.offline_reason
    assert nominatim.count() == 1


def test_rate_limiter_spaces_requests(nominatim: NominatimStub, geocoder_settings):
    geocoder = FallbackGeocoder(replace(geocoder_settings, min_delay_seconds=0.3))
    geocoder.geocode_many(["A", "B", "C", "D"])
    arrivals = [seen.at for seen in nominatim.requests]
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:], strict=False)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.3, gaps  # as the server sees them, not only as the client sent them
    assert max(gaps) < 0.6, gaps


def test_offline_never_touches_the_network(nominatim: NominatimStub, geocoder_settings):
    nominatim.answer("Seoul", SEOUL)
    FallbackGeocoder(geocoder_settings).geocode("Seoul")
    offline = FallbackGeocoder(replace(geocoder_settings, offline=True))
    assert offline.geocode("Seoul").resolver == "cache"
    unknown = offline.geocode("Pusan")
    assert unknown.resolver == "unresolved" and "not in the geocoding cache" in unknown.error
    assert offline.geocode_many(["Seoul", "Taegu"], progress=True)["Taegu"].resolver == "unresolved"
    assert nominatim.count() == 1 and offline.requests_made == 0 and not offline.went_offline


def test_offline_without_a_cache_creates_no_file(tmp_path):
    path = tmp_path / "none" / "geocode.sqlite"
    result = FallbackGeocoder(GeocoderSettings(offline=True, cache_path=path)).geocode("Seoul")
    assert result.resolver == "unresolved"
    assert not path.exists()


def test_progress_bar_goes_to_stderr_only(nominatim: NominatimStub, geocoder_settings, capsys):
    nominatim.answer("Seoul", SEOUL)
    answers = FallbackGeocoder(geocoder_settings).geocode_many(["Seoul", "Pusan", "Taegu"], progress=True)
    assert answers["Seoul"].place.name == "Seoul"
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("suffix", ["/nominatim", "/nominatim/", "/nominatim/search"])
def test_self_hosted_endpoint_with_a_path(nominatim: NominatimStub, geocoder_settings, suffix):
    nominatim.answer("Seoul", SEOUL)
    geocoder = FallbackGeocoder(replace(geocoder_settings, url=nominatim.url + suffix))
    assert geocoder.geocode("Seoul").resolver == "geocoder"
    assert nominatim.requests[0].path == "/nominatim/search"


@pytest.mark.parametrize(
    ("changes", "where"),
    [({"name": "no-such-geocoder"}, "--geocoder"), ({"name": "bing"}, "--geocoder"),
     ({"url": "ftp://example.org/"}, "--geocoder-url"), ({"url": "localhost"}, "--geocoder-url")],
)  # fmt: skip
def test_unusable_settings_are_input_errors(geocoder_settings, changes, where):
    with pytest.raises(InputError) as caught:
        FallbackGeocoder(replace(geocoder_settings, **changes))
    assert caught.value.where == where


@pytest.mark.parametrize(
    ("raw", "feature"),
    [({"class": "boundary", "type": "administrative", "addresstype": "city"}, "city"),
     ({"class": "boundary", "type": "administrative", "addresstype": "country"}, "country"),
     ({"class": "boundary", "type": "administrative"}, "region"),
     ({"category": "place", "type": "village"}, "village"),  # format=jsonv2
     ({"class": "waterway", "type": "river"}, "river"),
     ({"class": "natural", "type": "peak"}, "mountain"),
     ({"class": "natural", "type": "water"}, "lake"),
     ({"class": "natural", "type": "cape"}, "site"),
     ({"class": "place", "type": "island"}, "island"),
     ({"class": "bridge", "type": "yes"}, "site"),
     ({"type": "Feature", "properties": {"osm_key": "place", "osm_value": "town"}}, "town"),  # Photon
     ({}, "site")],
)  # fmt: skip
def test_feature_is_guessed_from_the_answer(raw, feature):
    assert guess_feature(raw) == feature


def test_any_geopy_geocoder_by_name(nominatim: NominatimStub, geocoder_settings):
    nominatim.answer("Inchon", nominatim_place("Incheon", 37.4563, 126.7052, osm_id=7, osm_value="city"))
    geocoder = FallbackGeocoder(replace(geocoder_settings, name="photon"))
    place = geocoder.geocode("Inchon").place
    assert place.place_id.startswith("geocoder:") and len(place.place_id) == len("geocoder:") + 12
    assert (place.name, place.feature, place.country, place.lat) == ("Incheon", "city", "KR", 37.4563)
    assert place.source == "photon (via geopy)"
    (seen,) = nominatim.requests
    assert seen.path == "/api" and seen.params["lang"] == "en"
    assert (seen.params["lat"], seen.params["lon"]) == ("38.05", "127.5")  # the theatre's middle as a bias
    assert geocoder.geocode("Nowhere").resolver == "unresolved"
    assert FallbackGeocoder(replace(geocoder_settings, name="photon")).geocode("Inchon").resolver == "cache"

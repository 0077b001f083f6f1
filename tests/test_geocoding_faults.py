"""A geocoder that misbehaves on the wire: trickled answers, resets, hang-ups (tests/nominatim_server.py).

The timeout is one deadline for the whole request (connect, headers, body),
not a bound on each socket read; any of these failures turns the run offline
after one request, and says what happened.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from nominatim_server import NominatimStub

from warmap.resolution.geocoding import FallbackGeocoder

NAMES = ["Wonsan", "Hamhung", "Chosin"]


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_trickled_answer_costs_one_timeout_then_the_run_is_offline(
    nominatim: NominatimStub, geocoder_settings, headers_too
):
    for name in NAMES:  # a byte every 0.2 s: each read well inside 1 s, the answer 40 s long
        nominatim.drip(name, 0.2, headers_too=headers_too)
    geocoder = FallbackGeocoder(replace(geocoder_settings, timeout=1.0))
    started = time.monotonic()
    answers = geocoder.geocode_many(NAMES)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"a trickling geocoder held the run {elapsed:.0f} s"
    assert geocoder.went_offline and "timeout" in geocoder.offline_reason
    assert nominatim.count() == 1
    assert all(result.resolver == "unresolved" for result in answers.values())
    assert len(geocoder.cache) == 0


def test_an_answer_trickled_within_the_deadline_is_read_whole(nominatim: NominatimStub, geocoder_settings):
    nominatim.drip("Nowhere-ri", 0.005, body=b"[" + b" " * 40 + b"]")  # 42 reads, 0.2 s in all
    geocoder = FallbackGeocoder(replace(geocoder_settings, timeout=1.0))
    result = geocoder.geocode("Nowhere-ri")
    assert (result.resolver, result.error) == ("unresolved", None)  # a well-formed "no such place"
    assert not geocoder.went_offline
    assert FallbackGeocoder(geocoder_settings).geocode("Nowhere-ri").from_cache


@pytest.mark.parametrize(
    ("mode", "said"),
    [({}, "reset the connection"), ({"mid_answer": True}, "reset the connection"),
     ({"politely": True}, "closed the connection without an answer")],
    ids=["reset", "reset-mid-answer", "close"],
)  # fmt: skip
def test_a_connection_reset_is_reported_as_one_and_turns_the_run_offline(
    nominatim: NominatimStub, geocoder_settings, mode, said
):
    for name in NAMES:
        nominatim.reset(name, **mode)
    geocoder = FallbackGeocoder(geocoder_settings)
    answers = geocoder.geocode_many(NAMES)
    reason = geocoder.offline_reason
    assert geocoder.went_offline and said in reason, reason
    assert "timeout" not in reason and "timed out" not in reason and "unreachable" not in reason
    assert nominatim.count() == 1
    assert said in answers["Wonsan"].error

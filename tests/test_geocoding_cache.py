"""The SQLite geocoding cache: keys, persistence, damage, and a run killed half-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import platformdirs
from nominatim_server import NominatimStub, nominatim_place

from warmap.resolution.cache import GeocodeCache
from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings, default_cache_path

ROOT = Path(__file__).resolve().parents[1]


def test_answers_persist_under_the_normalised_name_and_language(tmp_path):
    path = tmp_path / "c" / "geocode.sqlite"
    with GeocodeCache(path) as cache:
        cache.put("nominatim", "Ch'ŏngch'ŏn River", "en", {"place": None, "query": "Ch'ŏngch'ŏn River"})
        cache.put("nominatim", "سئول", "fa", {"place": {"name": "Seoul"}})
    with GeocodeCache(path) as cache:
        assert len(cache) == 2
        assert cache.get("nominatim", "CHONGCHON  river", "en") == {
            "place": None,
            "query": "Ch'ŏngch'ŏn River",
        }
        assert cache.get("nominatim", "سئول", "fa") == {"place": {"name": "Seoul"}}
        assert cache.get("nominatim", "سئول", "zh") is None  # another language
        assert cache.get("photon", "سئول", "fa") is None  # another service
        assert cache.get("nominatim", "Seoul", None) is None


def test_a_damaged_cache_file_costs_requests_not_the_run(
    nominatim: NominatimStub, geocoder_settings, tmp_path
):
    path = tmp_path / "geocode.sqlite"
    path.write_bytes(b"this is not an SQLite database\n" * 200)
    nominatim.answer("Seoul", nominatim_place("Seoul", 37.5667, 126.9783))
    geocoder = FallbackGeocoder(GeocoderSettings(**{**vars(geocoder_settings), "cache_path": path}))
    assert geocoder.cache.problem and "unusable" in geocoder.cache.problem
    assert geocoder.geocode("Seoul").resolver == "geocoder"
    assert geocoder.geocode("Seoul").resolver == "cache"  # the in-memory stand-in still works
    assert nominatim.count() == 1


def test_cache_folder_comes_from_the_environment_or_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path))
    assert default_cache_path() == tmp_path / "geocode.sqlite"
    monkeypatch.delenv("WARMAP_CACHE_DIR")
    assert default_cache_path() == platformdirs.user_cache_path("warmap") / "geocode.sqlite"


def test_the_fixture_cache_lives_in_tmp_path(nominatim: NominatimStub, geocoder_settings, tmp_path):
    FallbackGeocoder(geocoder_settings).geocode("Seoul")
    assert (tmp_path / "cache" / "geocode.sqlite").is_file()


KILLED_RUN = """
import sys
from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings
settings = GeocoderSettings(url=sys.argv[1], min_delay_seconds=0.01, timeout=60.0)
FallbackGeocoder(settings).geocode_many(sys.argv[2:])
"""


def test_a_run_killed_half_way_leaves_a_consistent_cache(nominatim: NominatimStub, tmp_path):
    answered = ["Seoul", "Pusan", "Taegu", "Nowhere-ri"]
    for index, name in enumerate(answered[:3]):
        nominatim.answer(name, nominatim_place(name, 36.0 + index, 127.0 + index, osm_id=index + 1))
    nominatim.slow("Hold", 60.0)  # the run waits here until it is killed
    env = {**os.environ, "WARMAP_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, nominatim.url, *answered, "Hold", "Never"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while nominatim.count("Hold") == 0:
            assert run.poll() is None, "the run ended before it was killed"
            assert time.monotonic() < deadline, "the run never reached the slow name"
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
    finally:
        run.kill()
        run.wait(timeout=10)
    assert run.returncode == -signal.SIGKILL

    path = tmp_path / "geocode.sqlite"
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with GeocodeCache(path) as cache:
        assert cache.problem is None
        assert len(cache) == 4
        service = GeocoderSettings(url=nominatim.url).service_key()
        assert cache.get(service, "Taegu", None)["place"]["name"] == "Taegu"
        assert cache.get(service, "Nowhere-ri", None) == {"place": None, "query": "Nowhere-ri"}
        assert cache.get(service, "Hold", None) is None
    assert nominatim.count("Never") == 0


WRITER = """
import sys
from pathlib import Path
from warmap.resolution.cache import GeocodeCache
cache = GeocodeCache(Path(sys.argv[1]))
for index in range(100000):
    cache.put("nominatim", f"place {index}", "en", {"place": None, "query": f"place {index}", "pad": "x" * 500})
    print(index, flush=True)
"""


def test_a_writer_killed_mid_stream_loses_no_committed_answer(tmp_path):
    path = tmp_path / "geocode.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        last = -1
        while last < 300:
            line = run.stdout.readline()
            assert line, "the writer stopped on its own"
            last = int(line)
        run.send_signal(signal.SIGKILL)  # while it goes on writing
    finally:
        run.kill()
        run.wait(timeout=10)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with GeocodeCache(path) as cache:
        assert len(cache) >= last + 1  # every answer reported written is there
        assert all(
            cache.get("nominatim", f"place {i}", "en")["query"] == f"place {i}" for i in range(last + 1)
        )


def test_an_unwritable_cache_is_reported_and_the_answer_still_used(tmp_path):
    path = tmp_path / "geocode.sqlite"
    with GeocodeCache(path, busy_timeout=0.1) as cache:
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")  # another process holding the file
        try:
            cache.put("nominatim", "Seoul", "en", {"place": None})
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert cache.problem and "not written" in cache.problem
        cache.put("nominatim", "Pusan", "en", {"place": None})
        assert cache.get("nominatim", "Pusan", "en") == {"place": None}

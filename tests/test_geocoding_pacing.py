"""Back-off and pacing: Retry-After is honoured, and runs sharing a cache share one request rate.

A short Retry-After (up to RETRY_AFTER_CAP_SECONDS) is waited for, by every run
sharing the cache; a longer one ends the run's requests with one line, and is
remembered in the cache so that the next run does not ask either. Runs side by
side take turns through the cache's SQLite (tests/nominatim_server.py logs the
arrival of every request).
"""

from __future__ import annotations

import email.utils
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nominatim_server import NominatimStub, nominatim_place
from test_unseen_common import json_output, run_warmap

from warmap.resolution.cache import GeocodeCache
from warmap.resolution.geocoding import RETRY_AFTER_CAP_SECONDS, FallbackGeocoder

ROOT = Path(__file__).resolve().parents[1]
BUSAN = nominatim_place("Busan", 35.1799528, 129.0752365, osm_id=3307576)
SEOUL = nominatim_place("Seoul", 37.5666791, 126.9782914, osm_id=2297418)
# Two villages the bundled gazetteer does not know, linked as place articles.
UNKNOWN_VILLAGES = "1951年8月，韩国军队在[[草幕村]]附近与朝鲜人民军交战，随后向[[梨木里]]推进。\n"


def _http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


@pytest.mark.parametrize("retry_after", ["3600", "http-date"])
@pytest.mark.parametrize("status", ["429", "unavailable"], ids=["429", "503"])
def test_a_long_retry_after_ends_the_runs_requests_and_the_next_runs(
    nominatim: NominatimStub, geocoder_settings, status, retry_after
):
    value = _http_date(3600) if retry_after == "http-date" else retry_after
    nominatim.script("Pusan", (status, value))
    nominatim.answer("Seoul", SEOUL)
    geocoder = FallbackGeocoder(geocoder_settings)
    started = time.monotonic()
    answers = geocoder.geocode_many(["Pusan", "Seoul", "Taegu"])
    assert time.monotonic() - started < RETRY_AFTER_CAP_SECONDS  # no waiting for an hour, nor for the cap
    assert nominatim.count() == 1
    assert geocoder.went_offline and "Retry-After" in geocoder.offline_reason
    assert all(result.resolver == "unresolved" for result in answers.values())
    geocoder.close()

    later = FallbackGeocoder(geocoder_settings)  # another run on the same cache, within the hour
    assert later.geocode("Seoul").resolver == "unresolved"
    assert later.went_offline and "no requests until" in later.offline_reason
    assert nominatim.count() == 1 and later.requests_made == 0


def test_a_short_retry_after_as_an_http_date_is_waited_for(nominatim: NominatimStub, geocoder_settings):
    nominatim.script("Pusan", ("429", _http_date(3)), ("answer", [BUSAN]))
    result = FallbackGeocoder(geocoder_settings).geocode("Pusan")
    assert result.resolver == "geocoder" and result.place.name == "Busan"
    first, second = nominatim.requests
    assert second.at - first.at >= 1.5  # the date is 2 to 3 s ahead (whole seconds)


def test_a_503_with_a_short_retry_after_is_waited_for(nominatim: NominatimStub, geocoder_settings):
    nominatim.script("Pusan", ("unavailable", 1), ("answer", [BUSAN]))
    result = FallbackGeocoder(geocoder_settings).geocode("Pusan")
    assert result.resolver == "geocoder"
    first, second = nominatim.requests
    assert second.at - first.at >= 0.95


def test_a_short_retry_after_holds_every_run_sharing_the_cache(nominatim: NominatimStub, geocoder_settings):
    nominatim.rate_limit("Pusan", retry_after=1, times=2)
    nominatim.answer("Seoul", SEOUL)
    FallbackGeocoder(geocoder_settings).geocode("Pusan")  # refused twice: gives up on that name
    refused = nominatim.requests[-1].at
    assert FallbackGeocoder(geocoder_settings).geocode("Seoul").resolver == "geocoder"  # another run
    assert nominatim.requests[-1].at - refused >= 0.95


def test_a_long_retry_after_in_the_cli_is_one_request_one_line_and_exit_0(
    nominatim: NominatimStub, tmp_path: Path
):
    nominatim.script("草幕村", ("429", 3600))
    nominatim.script("梨木里", ("429", 3600))
    source = tmp_path / "villages.txt"
    source.write_text(UNKNOWN_VILLAGES, encoding="utf-8")
    done = run_warmap(
        "places", "--json", "--lang", "zh", "--format", "wikitext", "--geocoder-url", nominatim.url,
        source, cache_dir=tmp_path / "cache",
    )  # fmt: skip
    mentions = json_output(done)
    assert {m["surface"]: m["resolver"] for m in mentions if m["surface"] in ("草幕村", "梨木里")} == {
        "草幕村": "unresolved",
        "梨木里": "unresolved",
    }
    assert nominatim.count() == 1
    said = [line for line in done.stderr.splitlines() if "Retry-After" in line]
    assert len(said) == 1 and "3600" in said[0], done.stderr


RUN = """
import sys
from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings
settings = GeocoderSettings(url=sys.argv[1], min_delay_seconds=float(sys.argv[2]), timeout=10.0)
geocoder = FallbackGeocoder(settings)
print("ready", flush=True)
sys.stdin.readline()
geocoder.geocode_many(sys.argv[3:])
"""


def test_runs_sharing_a_cache_keep_the_request_rate_together(nominatim: NominatimStub, tmp_path: Path):
    min_delay = 0.3
    env = {**os.environ, "WARMAP_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    names = [[f"village {run}-{index}" for index in range(4)] for run in range(3)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN, nominatim.url, str(min_delay), *mine],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for mine in names
    ]
    try:
        for run in runs:  # all three started and holding the cache before any asks
            assert run.stdout.readline().strip() == "ready"
        for run in runs:
            run.stdin.write("go\n")
            run.stdin.flush()
        for run in runs:
            assert run.wait(timeout=60) == 0
    finally:
        for run in runs:
            run.kill()
            run.wait(timeout=10)
    arrivals = sorted(seen.at for seen in nominatim.requests)
    assert len(arrivals) == 12
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps) >= 0.9 * min_delay, [round(gap, 3) for gap in gaps]


def test_an_old_cache_gains_the_pacing_table_and_keeps_its_answers(tmp_path: Path):
    import sqlite3

    path = tmp_path / "geocode.sqlite"
    with sqlite3.connect(path) as old:  # the schema warmap 0.1 wrote
        old.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE answers (service TEXT NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL,"
            " answer TEXT NOT NULL, PRIMARY KEY (service, name, lang));"
            "INSERT INTO meta VALUES ('schema', '1');"
            """INSERT INTO answers VALUES ('nominatim', 'seoul', '', '{"place": null, "query": "Seoul"}');"""
        )
    with GeocodeCache(path, create=False) as offline:  # --offline writes nothing, not even a table
        assert offline.get("nominatim", "Seoul", None) == {"place": None, "query": "Seoul"}
    with sqlite3.connect(path) as raw:
        assert {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
            "meta",
            "answers",
        }
    with GeocodeCache(path) as online:
        assert online.problem is None and len(online) == 1
        assert online.take_request_slot("nominatim", 0.3).wait == 0
        assert online.take_request_slot("nominatim", 0.3).wait > 0.2
    with sqlite3.connect(path) as raw:  # what an older warmap reads is as it was
        assert raw.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("1",)
        assert raw.execute("SELECT COUNT(*) FROM answers").fetchone() == (1,)

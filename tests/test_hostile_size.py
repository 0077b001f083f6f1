"""Memory stays bounded whatever the input (issue 14, item 13).

``places --json`` on 20 MB of text used 9.3 GB: every mention carries its river's
or region's shape and the whole JSON was built as one string. It is now written
mention by mention, each shape encoded once, the same bytes as before. Sources past
a documented size (WARMAP_MAX_SOURCE_MB, default 10) are refused with one line, and
no endless stream (``/dev/zero``) is read without limit.
"""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from test_unseen_common import run_warmap

from warmap.campaign import Campaign
from warmap.export.tables import mentions_json, write_mentions_json
from warmap.sources import MAX_SOURCE_MB, source_from_text

LINE = "1950年8月，联合国军在洛东江一线防守，人民军渡过汉江，逼近三八线以南的大邱。\n"


class _Counter(io.TextIOBase):
    """A stream that only counts what is written to it."""

    def __init__(self) -> None:
        self.count = 0

    def write(self, text: str) -> int:
        self.count += len(text)
        return len(text)


@pytest.fixture(scope="module")
def river_mentions():
    source = source_from_text("rivers.txt", LINE * 2500, lang="zh", fmt="text")
    return Campaign.from_sources([source], offline=True, stages="places").places


def test_places_json_is_streamed_in_the_same_bytes(river_mentions) -> None:
    stream = io.StringIO()
    write_mentions_json(river_mentions, stream)
    assert stream.getvalue() == json.dumps(mentions_json(river_mentions), ensure_ascii=False, indent=2)
    empty = io.StringIO()
    write_mentions_json([], empty)
    assert empty.getvalue() == "[]"


def test_places_json_memory_is_that_of_a_record_not_of_the_output(river_mentions) -> None:
    sink = _Counter()
    tracemalloc.start()
    write_mentions_json(river_mentions, sink)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert sink.count > 10_000_000, sink.count  # rivers' shapes, once per mention
    assert peak < sink.count / 20, (peak, sink.count)


def _one_line(done, where: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and where in done.stderr and "WARMAP_MAX_SOURCE_MB" in done.stderr


def test_an_endless_stream_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_MAX_SOURCE_MB", "2")
    _one_line(run_warmap("read", "/dev/zero", cache_dir=tmp_path / "cache", timeout=60), "/dev/zero")


def test_a_source_past_the_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.txt"
    path.write_text(LINE * 400, encoding="utf-8")  # 44 kB
    monkeypatch.setenv("WARMAP_MAX_SOURCE_MB", "0.04")
    _one_line(run_warmap("places", "--offline", path, cache_dir=tmp_path / "cache"), str(path))
    _one_line(run_warmap("read", "-", stdin=path.read_bytes(), cache_dir=tmp_path / "cache"), "stdin")
    monkeypatch.setenv("WARMAP_MAX_SOURCE_MB", "0.05")
    assert run_warmap("read", path, cache_dir=tmp_path / "cache").returncode == 0


def test_the_limit_must_be_a_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "short.txt"
    path.write_text(LINE, encoding="utf-8")
    for value in ("lots", "-1", "0", "nan", "inf"):
        monkeypatch.setenv("WARMAP_MAX_SOURCE_MB", value)
        done = run_warmap("read", path, cache_dir=tmp_path / "cache")
        assert done.returncode == 2 and done.stderr.startswith("warmap: WARMAP_MAX_SOURCE_MB:"), done.stderr


def test_a_dump_page_past_the_limit_is_a_failure_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from warmap.batch import BatchItem, safe_map

    monkeypatch.setenv("WARMAP_MAX_SOURCE_MB", "0.01")
    result, error = safe_map(BatchItem("long page", LINE * 200, "dump.xml"), None, None)
    assert result is None and "larger than 0.01 MB" in error


def test_the_default_limit_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "WARMAP_MAX_SOURCE_MB" in readme and f"{MAX_SOURCE_MB} MB" in readme

"""The benchmark suite's pieces run on tiny inputs (no timing assertions: this machine is shared)."""

from __future__ import annotations

import json
import random

import pytest

from benchmarks import report
from benchmarks.common import machine, na, row, run_worker, slope
from benchmarks.corpus import (
    bundled_texts,
    scaled_sources,
    shuffle_sections,
    source_for,
    vary_dates,
    write_library,
)


def test_slope_reads_growth_off_a_log_log_line() -> None:
    assert slope([1, 10, 100], [2, 20, 200]) == pytest.approx(1.0)
    assert slope([1, 10, 100], [1, 100, 10_000]) == pytest.approx(2.0)
    assert slope([1], [1]) is None


def test_variants_keep_the_sections_and_redraw_the_dates() -> None:
    (_name, zh, _lang, fmt), (_fa_name, fa, _fa_lang, fa_fmt) = bundled_texts()
    rng = random.Random(7)
    shuffled = shuffle_sections(zh, fmt, rng)
    assert sorted(shuffled.splitlines()) == sorted((zh if zh.endswith("\n") else zh + "\n").splitlines())
    assert shuffled != zh
    assert vary_dates("1950年6月25日", random.Random(1)) != vary_dates("1950年6月25日", random.Random(2))
    assert vary_dates("در ۲۵ ژوئن ۱۹۵۰م.", random.Random(3)).startswith("در ")
    assert len(shuffle_sections(fa, fa_fmt, rng)) == len(fa)
    three = scaled_sources(3)
    for source, (_, text, lang, _) in zip(three, bundled_texts(), strict=True):
        assert source.lang == lang and source.text.startswith(text)
        assert abs(len(source.text) - 3 * len(text)) < 0.01 * len(text)  # redrawn dates change lengths a little


def test_library_files_come_back_as_sources(tmp_path) -> None:
    paths = write_library(tmp_path, 0.3)
    assert sum(p.stat().st_size for p in paths) >= 300_000
    sources = [source_for(p) for p in paths]
    assert {s.lang for s in sources} == {"zh", "fa"}
    assert write_library(tmp_path / "again", 0.3) and (tmp_path / "again" / paths[0].name).read_bytes() == \
        paths[0].read_bytes()  # same seed, same text


def test_synthetic_map_campaign_renders(tmp_path) -> None:
    from benchmarks.bigmap import render, synthetic_campaign

    campaign = synthetic_campaign(30)
    assert len(campaign.events) == 30 and all(e.geometry for e in campaign.events)
    seconds, html = render(30)
    assert seconds > 0 and "ev-synthetic-00029" in html


def test_stage_worker_reports_every_stage() -> None:
    from benchmarks.stages import STAGES

    early = [name for name, _, _ in STAGES][: [name for name, _, _ in STAGES].index("dates") + 1]
    timed_run = run_worker("benchmarks.stages", ["time", "1", "dates"], timeout=240)
    memory = run_worker("benchmarks.stages", ["memory", "1", "dates"], timeout=240)
    assert set(timed_run) == set(memory) == {*early, "_process"}
    for name in early:  # these stages exist; a failure would be an "error" entry
        assert timed_run[name]["first"] > 0 and timed_run[name]["median"] > 0, timed_run[name]
        assert memory[name]["peak_mb"] > 0, memory[name]


def test_report_writes_json_and_a_markdown_table(tmp_path) -> None:
    results = {
        "command": "python -m benchmarks --quick", "mode": "quick", "machine": machine(), "duration_s": 1.0,
        "finished": "now",
        "benchmarks": {"demo": {"about": "a demo", "rows": [
            row("fast", 0.0123, "s", "< 1 s", first_s=0.5, runs_s=[0.01, 0.02]),
            na("missing", "ModuleNotFoundError: x"),
        ]}},
    }
    json_path, md_path = report.write(results, tmp_path)
    assert json.loads(json_path.read_text())["benchmarks"]["demo"]["rows"][0]["runs_s"] == [0.01, 0.02]
    text = md_path.read_text()
    assert "| fast | 12.3 ms | 500.0 ms | < 1 s |  |" in text
    assert "| missing | n/a |  |  | n/a: ModuleNotFoundError: x |" in text
    assert results["machine"]["cores"] >= 1 and results["machine"]["python"] in text

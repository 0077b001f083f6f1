"""The pipeline declared once: its stages run in order, each returns new values and leaves earlier ones alone."""

from __future__ import annotations

import hashlib
from dataclasses import fields

import pytest

from warmap.campaign import Campaign
from warmap.model import Source
from warmap.pipeline import LAST_STAGE, STAGES, Run, advance, run_pipeline, stage, start

# A short text that exercises every stage: a Latin gloss enriches a native name (spotting), a dated
# capture (events), a line the text draws (fronts) and sections that make phases (the join).
TEXT = """== آغاز ==
در ۲۵ ژوئن ۱۹۵۰ ارتش کره شمالی از مدار ۳۸ درجه گذشت و در ۲۸ ژوئن ۱۹۵۰ سئول (Seoul) را تصرف کرد.
نیروها در ۱ اوت ۱۹۵۰ به محدوده پوسان (Pusan) عقب نشستند.

== اینچون ==
در ۱۵ سپتامبر ۱۹۵۰ نیروهای سازمان ملل در اینچون (Inchon) پیاده شدند و در ۲۸ سپتامبر ۱۹۵۰ سئول را پس گرفتند.
در ۱۹ اکتبر ۱۹۵۰ پیونگ‌یانگ (Pyongyang) تصرف شد.
"""
SKIPPED = {"sources", "war", "geocoder", "progress", "gazetteer", "land"}  # inputs and shared resources


def _fingerprint(run: Run) -> dict[str, str]:
    return {
        f.name: hashlib.sha256(repr(getattr(run, f.name)).encode()).hexdigest()
        for f in fields(run)
        if f.name not in SKIPPED
    }


@pytest.fixture(scope="module")
def runs() -> list[Run]:
    """The run before the first stage, then after each stage."""
    run = start([Source("seams.txt", TEXT, "fa", "text")], offline=True)
    made = [run]
    for step in STAGES:
        made.append(advance(made[-1], step))
    return made


def test_the_stages_are_named_in_pipeline_order() -> None:
    names = [s.name for s in STAGES]
    assert names == ["reading", "gazetteer", "spotting", "resolution", "dates", "events", "phase spans", "fronts",
                     "join"]
    for position, step in enumerate(STAGES):
        assert set(step.needs) <= set(names[:position]), step.name
    assert set(LAST_STAGE.values()) <= set(names)


def test_the_run_is_filled_stage_by_stage(runs: list[Run]) -> None:
    last = runs[-1]
    assert last.documents and last.places and last.dates and last.events
    assert last.fronts and last.territories and last.phases and last.catalogue_phases
    assert any(p.mention.gloss for p in last.places), "a gloss enriched its native name"


def test_no_stage_changes_what_an_earlier_stage_made(runs: list[Run]) -> None:
    """Each run's values are what they were when its stage returned them, after every later stage ran."""
    before = [_fingerprint(run) for run in runs]
    for step in STAGES:  # run the whole pipeline again over the same inputs: nothing earlier may move
        advance(runs[STAGES.index(step)], step)
    assert [_fingerprint(run) for run in runs] == before
    fronts_made, joined = runs[STAGES.index(stage("fronts")) + 1], runs[-1]
    assert all(f.phase is None for f in fronts_made.curated_fronts)  # the join labels copies
    assert any(f.phase is not None for f in joined.fronts)


def test_a_stage_run_again_gives_the_same_values(runs: list[Run]) -> None:
    for position, step in enumerate(STAGES):
        first, again = runs[position + 1], advance(runs[position], step)
        assert _fingerprint(first) == _fingerprint(again), step.name


def test_the_campaign_is_the_pipeline_run(runs: list[Run]) -> None:
    built = Campaign.from_sources([Source("seams.txt", TEXT, "fa", "text")], offline=True)
    assert built.to_geojson() == Campaign.from_run(runs[-1]).to_geojson()
    places_only = run_pipeline(start([Source("seams.txt", TEXT, "fa", "text")], offline=True), LAST_STAGE["places"])
    assert places_only.places and not places_only.dates and not places_only.phases

"""Place-mention recall, precision and location accuracy against the gold annotation (issue 4 targets)."""

from __future__ import annotations

import pytest

from benchmarks.accuracy import load_gold, score_places
from warmap.campaign import Campaign
from warmap.export import mentions_json
from warmap.paths import corpus_dir

CASES = [("zh-korean-war.wikitext", "places-zh.jsonl"), ("fa-korean-war.txt", "places-fa.jsonl")]


@pytest.fixture(scope="module")
def predictions(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("WARMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    paths = [str(corpus_dir() / doc) for doc, _ in CASES]
    campaign = Campaign.from_sources(paths, offline=True, stages="places")
    return mentions_json(campaign.places)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("doc,gold_file", CASES)
def test_place_targets(predictions, doc, gold_file):
    score = score_places(load_gold(gold_file), [p for p in predictions if p["doc"] == doc])
    report = (
        f"{doc}: recall {score.recall:.3f} precision {score.precision:.3f} "
        f"within 25 km {score.accuracy:.3f} offline {score.offline_share:.3f}\n"
        f"missed: {[m['surface'] for m in score.misses][:40]}\n"
        f"false alarms: {[m['surface'] for m in score.false_alarms][:40]}\n"
        f"wrong places: {[(m['surface'], m.get('name'), m['true'], m['km']) for m in score.wrong_places][:20]}"
    )
    print(report)
    assert score.recall >= 0.95, report
    assert score.precision >= 0.95, report
    assert score.accuracy >= 0.95, report
    assert score.offline_share >= 0.95, report

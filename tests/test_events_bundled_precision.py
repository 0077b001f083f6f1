"""Event recall and precision on the two bundled texts (issue 12), as ``python -m benchmarks.bundled_events``
and the accuracy benchmark measure them: every event of the offline build is scored against the
hand-made gold of tests/gold/ (its ``events`` and its ``judged`` list). Floors sit a little below
what the rules reach; raise them when they do better.
"""

from __future__ import annotations

import pytest

from benchmarks.bundled_events import bundled_events, load_bundled_gold, score_bundled

RECALL_FLOOR = 0.95  # per text
PRECISION_FLOOR = 0.90  # over the whole build


@pytest.fixture(scope="module")
def score():
    return score_bundled(bundled_events(), load_bundled_gold())


def test_each_bundled_text_keeps_its_event_recall(score) -> None:
    for doc in score.gold:
        assert score.recall(doc) >= RECALL_FLOOR, f"{doc}: recall {score.recall(doc):.3f}\n" + "\n".join(score.misses)


def test_bundled_event_precision_holds_its_floor(score) -> None:
    wrong = "\n".join(f"{e['type']} {e['start']} {e['title']}" for e in score.wrong)
    assert score.precision >= PRECISION_FLOOR, f"precision {score.precision:.3f}\n{wrong}"


def test_a_judged_event_must_match_its_point_date_and_type() -> None:
    """The judged list accepts an event only at its own date, type and place, never by document alone."""
    gold = load_bundled_gold()
    judged = next(g for g in gold if g.get("judged"))["judged"][0]
    event = {
        "type": judged["type"],
        "start": judged["start"],
        "places": [],
        "geometry": {"type": "Point", "coordinates": [judged["lon"], judged["lat"]]},
        "sources": [{"doc": gold[0]["doc"], "start": 0, "end": 1, "text": "x"}],
    }
    assert score_bundled([event], gold).right == 1
    moved = {**event, "geometry": {"type": "Point", "coordinates": [judged["lon"] + 2, judged["lat"]]}}
    assert score_bundled([moved], gold).right == 0
    retyped = {**event, "type": "armistice" if judged["type"] != "armistice" else "battle"}
    assert score_bundled([retyped], gold).right == 0

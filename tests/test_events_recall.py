"""Event recall on the two bundled texts, measured against the hand-made gold lists in tests/gold/.

The mentions come from the real pipeline (readers, spotter, resolver on the bundled gazetteer,
offline): ``Campaign.from_sources(..., stages="places")``; dates and events are this stage's own.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates
from warmap.chronology.events import extract_events
from warmap.model import Event

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "warmap" / "corpus"
GOLD = Path(__file__).parent / "gold"
RADIUS_KM = 30.0
TARGET_RECALL = 0.9


@pytest.fixture(scope="module")
def corpus_events(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        campaign = Campaign.from_sources(
            [CORPUS / "zh-korean-war.wikitext", CORPUS / "fa-korean-war.txt"], offline=True, stages="places"
        )
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _points(event: Event) -> list[tuple[float, float]]:
    geometry = event.geometry or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Point":
        coordinates = [coordinates]
    return [(lat, lon) for lon, lat in coordinates]


def _date_agrees(gold: dict, event: Event, doc: str) -> bool:
    want = gold["date"]
    values = [event.start or ""]
    for conflict in event.conflicts:
        if conflict["field"] == "start":
            values += [c["value"] for c in conflict["claims"] if c["doc"] == doc]
    if any(v[: len(want)] == want for v in values):
        return True
    start, end = (event.start or "")[: len(want)], (event.end or event.start or "")[: len(want)]
    return start <= want <= end  # inside the event's range


def matches(gold: dict, event: Event, doc: str) -> bool:
    if not any(s.doc == doc for s in event.sources) or not _date_agrees(gold, event, doc):
        return False
    if set(gold.get("place_ids", [])) & set(event.places):
        return True
    return any(_km(gold["lat"], gold["lon"], lat, lon) <= RADIUS_KM for lat, lon in _points(event))


@pytest.mark.parametrize("gold_file", ["events-zh.json", "events-fa.json"])
def test_event_recall(corpus_events: list[Event], gold_file: str) -> None:
    gold = json.loads((GOLD / gold_file).read_text(encoding="utf-8"))
    missed = [g for g in gold["events"] if not any(matches(g, e, gold["doc"]) for e in corpus_events)]
    recall = 1 - len(missed) / len(gold["events"])
    report = "\n".join(f"  missed {g['type']} {g['date']} {g['place']}: {g['quote']}" for g in missed)
    assert recall >= TARGET_RECALL, f"{gold_file}: recall {recall:.2f}\n{report}"


def test_the_two_texts_disagreements_surface_as_conflicts(corpus_events: list[Event]) -> None:
    def start_claims(name: str) -> dict[str, str]:
        # the capture as the texts tell it, or the catalogue's battle it is linked to (Second Battle of Seoul)
        for event in corpus_events:
            if event.title.get("en") in (f"Capture of {name}", f"Second Battle of {name}", f"Battle of {name}"):
                for conflict in event.conflicts:
                    if conflict["field"] == "start" and "fa-korean-war.txt" in {
                        c["doc"] for c in conflict["claims"]
                    }:
                        return {c["doc"]: c["value"] for c in conflict["claims"]}
        return {}

    assert start_claims("Seoul") == {
        "fa-korean-war.txt": "1950-09-15",
        "zh-korean-war.wikitext": "1950-09-25",
    }
    assert start_claims("Pyongyang") == {
        "fa-korean-war.txt": "1950-10-10",
        "zh-korean-war.wikitext": "1950-10-19",
    }


def test_events_are_deterministic_and_ordered(corpus_events: list[Event]) -> None:
    keys = [(e.start or "", e.id) for e in corpus_events]
    assert keys == sorted(keys)
    assert len({e.id for e in corpus_events}) == len(corpus_events)
    for event in corpus_events:
        assert event.type in {
            "battle",
            "operation",
            "offensive",
            "landing",
            "capture",
            "withdrawal",
            "crossing",
            "air",
            "massacre",
            "negotiation",
            "armistice",
            "other",
        }
        assert event.sources and event.places and event.geometry
        for source in event.sources:
            assert source.text

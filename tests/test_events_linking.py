"""Linking a text's mentions of named events to the war's catalogue (issue 12): the catalogue's id,
type and title; the text's own date, else the catalogue's, marked so; a date from another clause never
dates the name; plans are no event. Small texts of our own through the real pipeline (offline)."""

from __future__ import annotations

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates
from warmap.chronology.events import extract_events
from warmap.model import Event, Source


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _events(*texts: tuple[str, str, str]) -> list[Event]:
    sources = [Source(name=name, text=text, lang=lang, format="text") for name, text, lang in texts]
    campaign = Campaign.from_sources(sources, offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _linked(events: list[Event], row: str) -> Event:
    found = [e for e in events if e.catalogue == row]
    assert len(found) == 1, [(e.catalogue, e.type, e.start, e.title) for e in events]
    return found[0]


def test_an_undated_mention_is_dated_from_the_catalogue_and_says_so() -> None:
    text = "The regiment had fought at the Battle of Chipyong-ni before it moved north."
    event = _linked(_events(("a.txt", text, "en")), "battle-of-chipyong-ni")
    assert (event.type, event.start, event.end) == ("battle", "1951-02-13", "1951-02-15")
    assert event.title["en"] == "Battle of Chipyong-ni" and event.title["zh"]  # the catalogue's titles
    assert [s.origin for s in event.sources] == ["catalogue"]
    assert event.to_json()["catalogue"] == "battle-of-chipyong-ni"
    assert event.to_json()["sources"][0]["from"] == "catalogue"


def test_the_texts_own_date_is_kept_and_two_texts_that_disagree_are_a_conflict() -> None:
    events = _events(
        ("a.txt", "The Inchon landing began on 15 September 1950.", "en"),
        ("b.txt", "The Inchon landing began on 17 September 1950.", "en"),
    )
    event = _linked(events, "battle-of-inchon")
    assert event.type == "landing" and event.start == "1950-09-15"
    assert all(s.origin is None for s in event.sources)
    assert event.conflicts[0]["field"] == "start"
    assert {c["value"] for c in event.conflicts[0]["claims"]} == {"1950-09-15", "1950-09-17"}


def test_a_date_of_another_clause_does_not_date_the_name() -> None:
    text = (
        "On 25 October 1950, when the fight at Onjong began, Washington was still celebrating "
        "the Inchon landing."
    )
    event = _linked(_events(("a.txt", text, "en")), "battle-of-inchon")
    assert event.start == "1950-09-15"  # the catalogue's, not 25 October


def test_a_name_in_the_next_sentence_dated_there_is_one_event() -> None:
    text = "The Battle of Chipyong-ni was a turning point. The battle began on 13 February 1951."
    event = _linked(_events(("a.txt", text, "en")), "battle-of-chipyong-ni")
    # a day inside the catalogue's span: the event is the whole battle, resting on both sentences
    assert (event.start, event.end) == ("1951-02-13", "1951-02-15")
    assert [s.text for s in event.sources] == [
        "The Battle of Chipyong-ni was a turning point.",
        "The battle began on 13 February 1951.",
    ]


def test_a_planned_battle_is_no_event() -> None:
    text = "為了打擊韓軍，志願軍決定在停戰前發起金城戰役。"
    assert not [e for e in _events(("a.txt", text, "zh-Hant")) if e.catalogue == "battle-of-kumsong"]


def test_a_capture_told_with_the_battle_takes_the_battles_name() -> None:
    text = "第三次漢城戰役中，1951年1月4日志願軍攻佔漢城。"
    events = _events(("a.txt", text, "zh-Hant"))
    event = _linked(events, "third-battle-of-seoul")
    assert event.title["en"] == "Third Battle of Seoul" and event.start == "1951-01-04"
    assert not [e for e in events if e.title.get("en") == "Capture of Seoul"]


def test_no_title_is_coined_in_the_texts_language() -> None:
    text = "1950年10月19日，美軍進佔平壤附近的順川。"
    events = [e for e in _events(("a.txt", text, "zh-Hant")) if e.catalogue is None]
    assert events and all(set(e.title) == {"en"} for e in events), [e.title for e in events]

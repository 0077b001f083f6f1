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


def _wiki(name: str, text: str) -> list[Event]:
    campaign = Campaign.from_sources([Source(name=name, text=text, lang="zh", format="wikitext")], offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def test_a_heading_the_catalogue_knows_is_linked_not_retold_where_its_section_ends() -> None:
    text = (
        "== 第四次战役 ==\n1951年1月25日，联合国军发起进攻。\n"
        "此后联合国军推进至[[三八线]]附近，4月21日第四次战役结束。\n"
    )
    events = _wiki("a.wikitext", text)
    assert _linked(events, "fourth-phase-offensive").type == "offensive"
    # 战役 of the offensive's name is no battle, nor the heading an offensive at the parallel it ends near
    assert not [e for e in events if "curated:parallel-38" in e.places and e.catalogue is None], events


def test_a_see_also_list_is_placed_by_the_catalogue_not_by_its_neighbours() -> None:
    text = "== 屠杀 ==\n{{see also|保導聯盟事件|濟州四·三事件|江華島屠殺事件}}\n1950年6月28日，朝鮮人民軍攻陷漢城。\n"
    events = _wiki("a.wikitext", text)
    ganghwa = _linked(events, "ganghwa-massacre")
    assert ganghwa.start == "1951-01" and ganghwa.places == ["curated:ganghwa-island"]
    assert not [e for e in events if e.catalogue is None and "curated:ganghwa-island" in e.places]
    # the Bodo League massacre has no place of its own: not Jeju, named in the list next to it
    assert not [e for e in events if e.catalogue == "bodo-league-massacre"]


def test_a_link_whose_words_are_a_plan_tells_no_landing() -> None:
    text = "== 仁川登陸 ==\n為解釜山之圍，麦克阿瑟将军提出在仁川進行[[仁川登陸|登陆计划]]。9月15日，美軍在仁川港大規模登陸。\n"
    event = _linked(_wiki("a.wikitext", "1950年6月25日，战争爆发。\n" + text), "battle-of-inchon")
    assert not [s for s in event.sources if "计划" in s.text]


def test_a_catalogue_name_inside_a_longer_place_name_is_not_that_event() -> None:
    """马山战役 (Masan) inside 白马山战役 (White Horse Hill): the longer name is the place."""
    text = "1952年10月6日，白马山战役开始，志愿军第38军进攻白马山。"
    events = _events(("a.txt", text, "zh"))
    assert "battle-of-masan" not in {e.catalogue for e in events}
    masan = _events(("b.txt", "1950年8月5日，马山战役开始。", "zh"))
    assert "battle-of-masan" in {e.catalogue for e in masan}  # the name alone still links

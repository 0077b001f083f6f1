"""Event rules found missing on unseen accounts: infobox battles, named battles kept apart,
Persian armistice wording, and the scene of an English sentence. Small texts of our own, run
through the real readers, spotter, resolver (offline) and date finder."""

from __future__ import annotations

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates
from warmap.chronology.event_claims import Claim
from warmap.chronology.events import extract_events, merge_claims
from warmap.model import DateValue, Event, Place, Source, SourceRef


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _events(text: str, lang: str, fmt: str = "text") -> list[Event]:
    source = Source(
        name=f"doc.{'wikitext' if fmt == 'wikitext' else 'txt'}", text=text, lang=lang, format=fmt
    )
    campaign = Campaign.from_sources([source], offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _summary(events: list[Event]) -> list[tuple]:
    return [(e.type, e.start, e.end, e.title.get("en"), e.places) for e in events]


# ---------------------------------------------------------------- infobox of a battle article
def test_a_battle_articles_infobox_gives_the_battle_with_its_whole_span() -> None:
    text = (
        "{{Infobox military conflict\n|conflict=砥平里战斗\n|date=1951年2月13日－2月15日\n"
        "|place=[[大韩民国|韩国]][[京畿道]][[砥平里]]\n}}\n"
        "'''砥平里战斗'''是[[朝鲜战争]]中志愿军在[[砥平里]]对美军第23团发起的进攻。\n\n"
        "== 经过 ==\n2月13日夜，志愿军向砥平里的美军发起进攻。\n"
    )
    events = _events(text, "zh", "wikitext")
    battles = [e for e in events if e.title.get("zh") == "砥平里战斗"]
    assert len(battles) == 1, _summary(events)
    battle = battles[0]
    assert (battle.type, battle.start, battle.end) == ("battle", "1951-02-13", "1951-02-15")
    assert battle.places[0] == "curated:chipyong-ni"  # the place inside 韩国京畿道砥平里, not the country
    assert battle.title["en"] == "Battle of Chipyong-ni"


# ---------------------------------------------------------------- two named battles, two events
def test_two_named_battles_near_each_other_on_overlapping_days_stay_two() -> None:
    text = (
        "鐵原戰鬥發生於1952年10月6日至15日，志願軍向鐵原以北的陣地發起進攻。\n\n"
        "金化戰役發生於1952年10月10日至11月25日，美軍在金化以北發起攻擊，志願軍堅守陣地。\n"
    )
    battles = {e.title["zh"]: (e.start, e.end) for e in _events(text, "zh-Hant") if e.type == "battle"}
    assert battles == {"鐵原戰鬥": ("1952-10-06", "1952-10-15"), "金化戰役": ("1952-10-10", "1952-11-25")}


def _claim(name: str, start: str, place: str = "p", sentence: int = 0) -> Claim:
    y, m, d = map(int, start.split("-"))
    spot = Place(place, place, {}, "village", 38.0, 127.0, {"type": "Point", "coordinates": [127.0, 38.0]})
    ref = SourceRef("zh.txt", sentence, sentence + 10, name)
    return Claim("zh.txt", "zh", "battle", DateValue(y, m, d), None, [spot], [ref], {"zh": name}, "battle")


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("抗美援朝第一次战役", "第一次战役", True),  # a long form and its tail
        ("汉城国立大学附属医院屠杀事件", "汉城国立大学附设医院屠杀事件", True),  # one name spelt two ways
        ("长津湖战役", "长津湖之战", True),  # one place, two battle words
        ("抗美援朝第一次战役", "抗美援朝第二次战役", False),  # the numbers differ
        ("白马山战斗", "上甘岭战役", False),
    ],
)
def test_named_claims_merge_only_under_one_name(first: str, second: str, merged: bool) -> None:
    groups = merge_claims([_claim(first, "1950-10-25"), _claim(second, "1950-10-25", sentence=50)])
    assert (len(groups) == 1) is merged, [[c.titles for c in g] for g in groups]


# ---------------------------------------------------------------- Persian armistice
@pytest.mark.parametrize(
    "signed",
    [
        "قرارداد آتش بس در ۵ مرداد ۱۳۳۲ در پانمونجوم امضا شد.",
        "قرارداد آتش‌بس در ۵ مرداد ۱۳۳۲ در پانمونجوم امضاء شد.",
        "قرارداد آتشبس در ۵ مرداد ۱۳۳۲ در پانمونجوم به امضا رسید.",
        "قرارداد متارکه جنگ در ۵ مرداد ۱۳۳۲ در پانمونجوم امضاء گردید.",
    ],
)
def test_signing_a_ceasefire_is_the_armistice(signed: str) -> None:
    events = _events("سرانجام " + signed, "fa")
    assert [(e.type, e.start) for e in events] == [("armistice", "1953-07-27")], _summary(events)
    assert events[0].places == ["curated:panmunjom"]


def test_signing_without_a_ceasefire_word_stays_a_negotiation() -> None:
    events = _events("در ۵ مرداد ۱۳۳۲ در پانمونجوم توافق‌نامه تبادل اسرا امضا شد.", "fa")
    assert [e.type for e in events] == ["negotiation"], _summary(events)


# ---------------------------------------------------------------- the scene of an English sentence
@pytest.mark.parametrize(
    "sentence",
    [
        "The Battle of Chipyong-ni, about 20 km from Wonju, was fought from 13 to 15 February 1951.",
        "From 13 to 15 February 1951 the 23rd Infantry held the village of Chipyong-ni, "
        "30 km west of Wonju, against four Chinese divisions.",
        "Between 13 and 15 February 1951 Wonju troops fought the Battle of Chipyong-ni.",
        "February 13–15, 1951: the battle at Chipyong-ni, 30 km from Wonju.",
    ],
)
def test_the_scene_is_the_place_the_action_governs_not_a_reference_point(sentence: str) -> None:
    events = _events(sentence, "en")
    battles = [e for e in events if e.type == "battle"]
    assert [(e.start, e.end, e.places[0]) for e in battles] == [
        ("1951-02-13", "1951-02-15", "curated:chipyong-ni")
    ], _summary(events)


def test_the_object_of_the_verb_beats_a_place_in_the_subject() -> None:
    events = _events("On 28 September 1950 the marines from Inchon recaptured Seoul.", "en")
    assert [(e.type, e.title["en"]) for e in events] == [("capture", "Capture of Seoul")], _summary(events)


def test_a_placeless_sentence_takes_the_place_the_story_stays_at() -> None:
    """A relief that "reached the perimeter" names no place: the next sentence names two, and the one the
    sentence before also named is the scene."""
    text = (
        "On 13 February 1951 the regiment held Chipyong-ni against the Chinese. "
        "A relief column fought its way north and reached the perimeter on 15 February. "
        "Together with the defence of Wonju, the stand at Chipyong-ni ended the offensive."
    )
    battles = [e for e in _events(text, "en") if e.type == "battle"]
    assert {e.places[0] for e in battles} == {"curated:chipyong-ni"}, _summary(battles)

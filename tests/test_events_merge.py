"""Events from small texts run through the real readers, spotter and resolver (offline)."""

from __future__ import annotations

import json

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates
from warmap.chronology.events import extract_events
from warmap.model import Event, Source

ZH_SEOUL = "== 仁川登陸 ==\n1950年9月15日，美軍在仁川港大規模登陸。9月25日，聯合國軍重奪漢城。\n"
FA_SEOUL = "در روز ۱۵ سپتامبر ۱۹۵۰م. نیروهای آمریکایی شهر سئول را بازپس گرفتند."


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _events(*sources: Source) -> list[Event]:
    campaign = Campaign.from_sources(list(sources), offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _zh(text: str, name: str = "zh.wikitext") -> Source:
    return Source(name=name, text=text, lang="zh", format="wikitext")


def _fa(text: str, name: str = "fa.txt") -> Source:
    return Source(name=name, text=text, lang="fa", format="text")


def _only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.start, e.title) for e in events]
    return found[0]


def test_two_texts_one_event_with_both_claims_in_conflicts() -> None:
    capture = _only(_events(_zh(ZH_SEOUL), _fa(FA_SEOUL)), "capture")
    # equally precise: the catalogue's Second Battle of Seoul (22–28 September) holds the zh claim
    assert capture.start == "1950-09-25"
    assert {s.doc for s in capture.sources} == {"zh.wikitext", "fa.txt"}
    assert capture.conflicts == [
        {
            "field": "start",
            "claims": [
                {"doc": "fa.txt", "value": "1950-09-15"},
                {"doc": "zh.wikitext", "value": "1950-09-25"},
            ],
        }
    ]
    # a plain English description, never a name coined in the texts' languages (no 汉城事件)
    assert capture.title == {"en": "Capture of Seoul"}
    assert capture.geometry == {
        "type": "Point",
        "coordinates": [pytest.approx(126.978, abs=0.05), pytest.approx(37.566, abs=0.05)],
    }


def test_the_more_precise_date_wins_over_the_earlier_one() -> None:
    fa = _fa("بار دیگر شهر سئول در دسامبر ۱۹۵۰ به دست نیروهای کره شمالی و چینی افتاد.")
    zh = _zh("1951年1月4日，第39、第50军进占汉城。\n")
    capture = _only(_events(zh, fa), "capture")
    assert capture.start == "1951-01-04"
    assert capture.conflicts[0]["claims"] == [
        {"doc": "fa.txt", "value": "1950-12"},
        {"doc": "zh.wikitext", "value": "1951-01-04"},
    ]


def test_one_text_telling_two_days_tells_two_events() -> None:
    text = (
        "در بیست و هفتم آوریل ۱۹۵۱ بار دیگر سئول به دست آمریکایی‌ها افتاد. "
        "در ۱۶ مه ۱۹۵۱ سئول به تصرف کره شمالی در آمد."
    )
    captures = [e for e in _events(_fa(text)) if e.type == "capture"]
    assert [e.start for e in captures] == ["1951-04-27", "1951-05-16"]
    assert all(not e.conflicts for e in captures)


def test_a_retelling_in_the_same_text_is_the_same_event() -> None:
    text = "朝鲜战争的经过。美军于1950年9月15日在仁川登陸。\n== 仁川 ==\n9月15日，美軍在仁川港大規模登陸。\n"
    landing = _only(_events(_zh(text)), "landing")
    assert landing.start == "1950-09-15"
    assert len(landing.sources) == 2


def test_plans_and_conditions_are_not_events() -> None:
    text = "1950年10月3日，周恩来称：若美军越过三八线，我们要管。10月7日，联合国授权联合国军越过三八线。\n"
    assert [e for e in _events(_zh(text)) if e.type == "crossing"] == []


def test_a_named_battle_link_gives_the_title_and_the_place_inside_it() -> None:
    text = "1950年11月27日，在東面戰線，志願軍第9兵團在[[长津湖战役|长津湖战役]]突襲美軍。\n"
    battle = _only(_events(_zh(text, "c.wikitext")), "battle")
    assert battle.title["zh"] == "長津湖戰役"  # the script the text writes most, not its link's
    assert battle.start == "1950-11-27"
    assert battle.title["en"] == "Battle of Chosin Reservoir"


def test_a_section_named_after_a_battle_takes_its_date_from_the_section() -> None:
    text = (
        "1952年春。\n== 上甘嶺戰役 ==\n雙方在表面陣地上进行拉锯战。"
        "1952年10月14日凌晨，联合国軍發動金化以北的上甘嶺之戰。\n"
    )
    battle = _only(_events(_zh(text)), "battle")
    assert battle.start == "1952-10-14"
    assert "上甘嶺" in battle.title["zh"]


def test_solar_hijri_dates_make_gregorian_events() -> None:
    text = "در ۲۴ شهریور ۱۳۲۹ نیروهای آمریکایی در اینچون پیاده شدند."
    landing = _only(_events(_fa(text)), "landing")
    assert landing.start == "1950-09-15"
    assert landing.title["en"] == "Incheon landing"


def test_texts_disputing_a_date_no_catalogued_event_holds_keep_the_earliest() -> None:
    zh = "1952年5月5日，聯合國軍重奪漢城。\n"
    fa = "در روز ۳ مه ۱۹۵۲م. نیروهای آمریکایی شهر سئول را بازپس گرفتند."
    capture = _only(_events(_zh(zh), _fa(fa)), "capture")
    assert capture.start == "1952-05-03"
    assert [c["value"] for c in capture.conflicts[0]["claims"]] == ["1952-05-03", "1952-05-05"]


def test_the_infobox_gives_the_article_event() -> None:
    text = (
        "{{Infobox Military Conflict\n|conflict=长津湖战役<br><small>Battle of Chosin Reservoir</small>\n"
        "|date=1950年11月27日－12月13日\n|place=[[朝鮮|朝鮮]]長津湖地區\n}}\n"
        "'''长津湖战役'''发生在[[朝鮮半島|朝鮮半島]]。\n"
    )
    battle = [e for e in _events(_zh(text)) if e.start == "1950-11-27" and e.type == "battle"]
    assert len(battle) == 1
    assert battle[0].end == "1950-12-13"
    assert battle[0].places[0] == "curated:chosin-reservoir"  # the catalogue row adds Hagaru-ri and Yudam-ni


def test_a_war_whose_infobox_names_only_the_peninsula_has_no_point() -> None:
    """Issue 12: an event that names only a country or the peninsula has no point on the map."""
    text = (
        "{{Infobox Military Conflict\n|conflict=朝鲜战争<br><small>Korean War</small>\n"
        "|date=1950年6月25日－1953年7月27日\n|place=[[朝鮮半島|朝鮮半島]]\n}}\n"
        "'''朝鲜战争'''发生在[[朝鮮半島|朝鮮半島]]。\n"
    )
    assert [e for e in _events(_zh(text)) if e.end == "1953-07-27"] == []


def test_same_input_same_events() -> None:
    first = [e.to_json() for e in _events(_zh(ZH_SEOUL), _fa(FA_SEOUL))]
    second = [e.to_json() for e in _events(_fa(FA_SEOUL), _zh(ZH_SEOUL))]
    assert json.dumps(first, ensure_ascii=False, sort_keys=True) == json.dumps(
        second, ensure_ascii=False, sort_keys=True
    )

"""Which date and which place belong to which action of a sentence: the action's own clause first,
a date after an English verb, relative days, the end of a range, ground gained that is no offensive.
Small texts of our own, run through the real readers, spotter, resolver (offline) and date finder."""

from __future__ import annotations

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates, parse_dates
from warmap.chronology.events import extract_events
from warmap.model import Event, Source


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _events(text: str, lang: str) -> list[Event]:
    source = Source(name="doc.txt", text=text, lang=lang, format="text")
    campaign = Campaign.from_sources([source], offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _summary(events: list[Event]) -> list[tuple]:
    return [(e.type, e.start, e.end, e.title.get("en"), e.places) for e in events]


def _of(events: list[Event], kind: str, place: str) -> list[tuple]:
    return [(e.start, e.end) for e in events if e.type == kind and e.places and e.places[0] == place]


SEOUL, TAEJON, OSAN = "geonames:1835848", "geonames:1835235", "geonames:1839652"


# ---------------------------------------------------------------- the action's own clause
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("After the landing at Inchon on 15 September 1950, X Corps recaptured Seoul on 28 September.", "en"),
        ("1950年9月15日，美軍在仁川登陸，28日收復漢城。", "zh"),
    ],
)
def test_the_actions_own_clause_dates_it_not_a_clause_before(text: str, lang: str) -> None:
    events = _events(text, lang)
    assert _of(events, "capture", SEOUL) == [("1950-09-28", None)], _summary(events)


def test_a_date_after_the_persian_verb_belongs_to_the_next_action() -> None:
    """Persian puts the date before the verb: a date after it, in its clause, is the next action's."""
    text = (
        "در روز ۱۵ سپتامبر ۱۹۵۰م. نیروهای آمریکایی شهر سئول را بازپس گرفتند و در روز ۱۰ اکتبر ۱۹۵۰ "
        "شهر پیونگ یانگ را به تصرف خود درآوردند."
    )
    events = _events(text, "fa")
    assert _of(events, "capture", SEOUL) == [("1950-09-15", None)], _summary(events)


def test_an_english_date_after_the_verb_is_its_own_and_past_the_next_verb_is_not() -> None:
    text = "On 25 June 1950 the Korean People's Army crossed the 38th parallel and took Seoul on 28 June."
    events = _events(text, "en")
    assert _of(events, "capture", SEOUL) == [("1950-06-28", None)], _summary(events)
    assert _of(events, "crossing", "curated:parallel-38") == [("1950-06-25", None)], _summary(events)


def test_an_undated_action_before_a_dated_one_lies_between_the_dates() -> None:
    """fought … and lost Taejon on 20 July: the fight is not dated 20 July, it lies before it."""
    text = (
        "Task Force Smith was routed at Osan on 5 July 1950. The 24th Infantry Division fought a "
        "delaying action along the Kum River and lost Taejon on 20 July."
    )
    events = _events(text, "en")
    assert _of(events, "battle", "curated:kum-river") == [("1950-07", "1950-07-20")], _summary(events)
    assert _of(events, "capture", TAEJON) == [("1950-07-20", None)], _summary(events)


def test_a_battles_noun_takes_the_date_of_its_verb() -> None:
    events = _events("The Battle of Chipyong-ni was fought from 13 to 15 February 1951.", "en")
    battles = [(e.start, e.end) for e in events if e.type == "battle"]
    assert battles == [("1951-02-13", "1951-02-15")], _summary(events)


# ---------------------------------------------------------------- English words and places
@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("Task Force Smith was routed at Osan on 5 July 1950.", "battle", OSAN),
        ("The 24th Infantry Division lost Taejon on 20 July 1950.", "capture", TAEJON),
        ("Chinese forces struck at Osan on 5 July 1950.", "offensive", OSAN),
        ("The 2nd Infantry Division ran the gauntlet south of Kunu-ri on 30 November 1950.", "withdrawal",
         "geonames:1876401"),
    ],
)  # fmt: skip
def test_english_action_words(text: str, kind: str, place: str) -> None:
    events = _events(text, "en")
    assert [(e.type, e.places[0]) for e in events] == [(kind, place)], _summary(events)


def test_lost_is_a_capture_only_of_its_object() -> None:
    events = _events("The Chinese lost heavily at Chipyong-ni on 14 February 1951.", "en")
    assert not [e for e in events if e.type == "capture"], _summary(events)


def test_a_reference_point_in_the_actions_clause_beats_a_place_of_another_clause() -> None:
    text = (
        "On 30 November 1950 Chinese forces struck at Unsan; the 2nd Infantry Division ran the "
        "gauntlet south of Kunu-ri."
    )
    events = _events(text, "en")
    withdrawals = [e.places[0] for e in events if e.type == "withdrawal"]
    assert withdrawals == ["geonames:1876401"], _summary(events)


def test_a_clause_that_tells_its_own_action_keeps_its_places() -> None:
    """crossed the parallel in October, took Pyongyang … and reached the Yalu: the Yalu was not crossed."""
    text = (
        "On 25 June 1950 the Korean People's Army crossed the 38th parallel. UN forces crossed the "
        "parallel in October, took Pyongyang on 19 October and reached the Yalu River at Hyesanjin."
    )
    events = _events(text, "en")
    crossings = [(e.start, e.places[0]) for e in events if e.type == "crossing"]
    assert crossings == [("1950-06-25", "curated:parallel-38"), ("1950-10", "curated:parallel-38")], (
        _summary(events)
    )


def test_a_relative_clause_takes_the_place_it_refers_to() -> None:
    text = (
        "The Eighth Army fell back below Seoul, which the Chinese took on 4 January 1951. The Marines "
        "fought their way out to Hungnam, which was evacuated on 24 December 1950."
    )
    events = _events(text, "en")
    assert _of(events, "capture", SEOUL) == [("1951-01-04", None)], _summary(events)
    assert ("1950-12-24", None) in _of(events, "withdrawal", "geonames:1877030"), _summary(events)


def test_two_places_coordinated_under_one_verb_are_both_its_places() -> None:
    text = "Chinese forces struck at Unsan and on the Ch'ongch'on River in late November 1950."
    events = _events(text, "en")
    assert [e.places for e in events if e.type == "offensive"] == [
        ["curated:unsan", "curated:chongchon-river"]
    ], _summary(events)


# ---------------------------------------------------------------- relative days, months alone
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 25 June 1950 the army crossed and took Seoul three days later.", "1950-06-28"),
        ("On 25 June 1950 the army crossed. The next day it took Seoul.", "1950-06-26"),
        ("On 25 June 1950 the army crossed. The following day it took Seoul.", "1950-06-26"),
        ("On 25 June 1950 the army crossed. A week later it took Seoul.", "1950-07-02"),
        ("On 25 June 1950 the army crossed. Two weeks later it took Seoul.", "1950-07-09"),
        ("On 25 June 1950 the army crossed and the same day it took Seoul.", "1950-06-25"),
    ],
)
def test_english_days_told_from_the_day_just_named(text: str, expected: str) -> None:
    found = parse_dates(text, "en")
    assert [p.first.iso() for p in found] == ["1950-06-25", expected], [p.surface for p in found]


def test_five_months_later_is_not_a_day_count() -> None:
    found = parse_dates("On 15 September 1950 they landed. Five months later, on 13 February 1951, …", "en")
    assert [p.first.iso() for p in found] == ["1950-09-15", "1951-02-13"]


def test_a_month_alone_is_a_date_after_a_preposition_of_time() -> None:
    found = parse_dates("On 25 June 1950 they crossed. In October they crossed again; by August", "en")
    assert [p.first.iso() for p in found] == ["1950-06-25", "1950-10", "1950-08"]
    assert parse_dates("In 1951 the talks may begin; the troops march on.", "en")[-1].first.iso() == "1951"
    assert len(parse_dates("In 1951 the talks may begin; the troops march on.", "en")) == 1


# ---------------------------------------------------------------- the end of a range
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("نبرد تهجون (Taejon) از ۲۳ تیر تا ۳۰ تیر ۱۳۲۹ ادامه یافت و در پایان آن شهر به دست کره شمالی افتاد.",
         "fa"),
        ("The battle for Taejon lasted from 14 to 20 July 1950, and in the end Taejon fell.", "en"),
    ],
)  # fmt: skip
def test_an_action_at_the_end_of_a_range_takes_its_last_day(text: str, lang: str) -> None:
    events = _events(text, lang)
    assert _of(events, "capture", TAEJON) == [("1950-07-21" if lang == "fa" else "1950-07-20", None)], (
        _summary(events)
    )


# ---------------------------------------------------------------- no event
def test_ground_gained_in_kilometres_is_no_new_offensive() -> None:
    text = "1953年7月13日，志願軍在金城發起進攻。金城戰役至27日結束，志願軍將戰線向南推進了十五公里。"
    events = _events(text, "zh")
    assert not [e for e in events if e.type == "offensive" and e.start == "1953-07-27"], _summary(events)


def test_a_vague_entry_told_with_a_crossing_is_no_event_of_its_own() -> None:
    events = _events("1950年10月19日黄昏，中国人民志愿军跨过鸭绿江，进入朝鲜。", "zh")
    assert [e.type for e in events] == ["crossing"], _summary(events)


# ---------------------------------------------------------------- the actor is not the scene
@pytest.mark.parametrize("forces", ["قوای", "نیروهای", "ارتش"])
def test_persian_forces_of_a_country_are_the_actor_not_the_place(forces: str) -> None:
    """نیروهای کره شمالی … یورش: North Korea attacks; the attack is not placed on North Korea."""
    text = f"در ۲۵ ژوئن ۱۹۵۰ {forces} کره شمالی با یورش به جنوب به سوی سئول شتافتند."
    events = _events(text, "fa")
    assert events, _summary(events)
    assert all("ne:PRK" not in e.places for e in events), _summary(events)


def test_launching_a_bombing_is_the_bombing_not_an_offensive() -> None:
    events = _events("1952年8月29日，联合国军又对平壤发动更大规模的轰炸，出动飞机1403架次。", "zh")
    assert [e.type for e in events] == ["air"], _summary(events)


def test_a_line_and_its_side_with_an_area_word_is_an_area_not_the_line() -> None:
    area = _events("1950年12月2日，联合国军撤离三八线以北地区。", "zh")
    assert not [e for e in area if "curated:parallel-38" in e.places], _summary(area)
    line = _events("1950年12月15日，联合国军全部退至三八线以南。", "zh")
    assert [(e.type, e.places) for e in line] == [("withdrawal", ["curated:parallel-38"])], _summary(line)


def test_should_is_a_plan_not_an_advance() -> None:
    text = "1950年10月1日，斯大林建议中国政府：“你们如欲支援朝鲜，至少应将五六个师迅速推进至三八线。”"
    assert _events(text, "zh") == []

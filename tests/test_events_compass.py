"""Persian events told without a place name: the invasion aimed at "the southern region" (a compass
word: the pack's words, the war profile's land), a country crushed (در هم کوبیدن), the Pusan
Perimeter by its Persian names, and the attacker named after an attack noun (حمله کره شمالی). Small
texts of our own, run through the real readers, spotter, resolver (offline), date finder and event
extraction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warmap.campaign import Campaign
from warmap.chronology.dates import find_dates
from warmap.chronology.events import extract_events
from warmap.errors import InputError
from warmap.model import Event, Source
from warmap.wars import load_war

FORMOSA = Path(__file__).parent / "wars" / "formosa"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _events(text: str) -> list[Event]:
    source = Source(name="doc.txt", text=text, lang="fa", format="text")
    campaign = Campaign.from_sources([source], offline=True, stages="places")
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


def _summary(events: list[Event]) -> list[tuple]:
    return [(e.type, e.start, e.places) for e in events]


def test_the_korean_profile_says_whose_land_each_half_is() -> None:
    assert dict(load_war().compass) == {
        "divide": "curated:parallel-38",
        "frontier": "curated:yalu-river",
        "north": "ne:PRK",
        "south": "ne:KOR",
    }


@pytest.mark.parametrize(
    "text",
    [
        "در ۲۵ ژوئن ۱۹۵۰ ارتش شمال در منطقه شمالی شبه جزیره کره تهاجم خود را برای تصرف منطقه جنوبی آغاز کرد.",
        "در ۲۵ ژوئن ۱۹۵۰ ارتش شمال با یورش به جنوب جنگ را آغاز کرد.",
        "در ۲۵ ژوئن ۱۹۵۰ ارتش شمال حمله به نیمه جنوبی شبه جزیره را آغاز کرد.",
    ],
)
def test_an_attack_aimed_at_the_southern_region_is_an_offensive_on_the_south(text: str) -> None:
    events = _events(text)
    assert [(e.type, e.start, e.places) for e in events] == [("offensive", "1950-06-25", ["ne:KOR"])], _summary(events)


def test_a_compass_word_before_the_action_is_where_it_came_from_not_its_target() -> None:
    text = "در ۲۵ ژوئن ۱۹۵۰ نیروهای منطقه جنوبی تهاجم کردند."
    events = _events(text)
    assert not [e for e in events if "ne:KOR" in e.places], _summary(events)


def test_a_point_action_on_a_compass_word_has_no_place() -> None:
    text = "در ۲۸ ژوئن ۱۹۵۰ نیروهای شمال منطقه جنوبی را به تصرف درآوردند."
    events = _events(text)
    assert not [e for e in events if e.type == "capture"], _summary(events)


def test_crossing_the_border_between_the_two_koreas_is_crossing_the_dividing_line() -> None:
    text = "نیروهای چینی در ۲۸ دسامبر ۱۹۵۰ از مرز بین دو کره گذشتند."
    events = _events(text)
    assert [(e.type, e.start, e.places) for e in events] == [
        ("crossing", "1950-12-28", ["curated:parallel-38"])
    ], _summary(events)


@pytest.mark.parametrize(
    "text",
    [
        "تا نوامبر سال ۱۹۵۰ نظامیان آمریکایی کمونیست ها را تا مرز چین عقب راندند.",
        "در نوامبر ۱۹۵۰ نیروهای سازمان ملل دشمن را تا مرز چین عقب راندند.",
    ],
)
def test_an_advance_as_far_as_the_chinese_border_ends_on_the_frontier_not_in_china(text: str) -> None:
    events = _events(text)
    assert _summary(events) == [("offensive", "1950-11", ["curated:yalu-river"])], _summary(events)


def test_crossing_the_chinese_border_is_crossing_the_frontier() -> None:
    events = _events("در ۱۹ اکتبر ۱۹۵۰ نیروهای چینی از مرز چین گذشتند.")
    assert _summary(events) == [("crossing", "1950-10-19", ["curated:yalu-river"])], _summary(events)


def test_a_frontier_named_before_the_action_without_an_until_word_is_not_its_goal() -> None:
    events = _events("در نوامبر ۱۹۵۰ نیروهای مرز چین دشمن را عقب راندند.")
    assert not [e for e in events if "curated:yalu-river" in e.places], _summary(events)


def test_crushing_a_country_is_an_offensive_on_it() -> None:
    text = "در ۲۵ ژوئن ۱۹۵۰ قوای کره شمالی کره جنوبی را در هم کوبیدند."
    events = _events(text)
    assert [(e.type, e.start, e.places) for e in events] == [("offensive", "1950-06-25", ["ne:KOR"])], _summary(events)


@pytest.mark.parametrize("name", ["محیط پوسان", "محیط Pusan"])
def test_the_pusan_perimeter_by_its_persian_names_is_the_catalogues_battle(name: str) -> None:
    text = f"در سپتامبر ۱۹۵۰ ارتش هشتم از {name} بیرون زد و به شمال پیش رفت."
    events = _events(text)
    assert "battle-of-pusan-perimeter" in {e.catalogue for e in events}, _summary(events)
    assert not [e for e in events if "geonames:1838524" in e.places], _summary(events)  # not Busan the city


@pytest.mark.parametrize("name", ["محیط پوسان", "محیط Pusan"])
def test_a_counteroffensive_out_of_the_named_perimeter_is_not_at_the_city_inside_its_name(name: str) -> None:
    text = f"بعد از فرودهای اینچون، ارتش هشتم شکست از {name}، کره شمالی عقب نشینی کرد، ضد حمله سازمان ملل در سپتامبر ۱۹۵۰."
    events = _events(text)
    assert not [e for e in events if "geonames:1838524" in e.places], _summary(events)  # not Busan the city


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('[theatre.compass]\nup = "ne:KOR"\nsource = "x"\n', "theatre.compass.up"),
        ('[theatre.compass]\nsouth = "ne:KOR"\n', "with a source"),
    ],
)
def test_a_bad_compass_is_an_error_naming_the_profile(tmp_path: Path, table: str, problem: str) -> None:
    folder = tmp_path / "war"
    shutil.copytree(FORMOSA, folder)
    profile = folder / "profile.toml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        load_war(folder)
    assert str(profile) in str(error.value)


def test_an_attack_noun_followed_by_a_country_names_the_attacker_not_the_scene() -> None:
    text = "در ۲۷ ژوئن ۱۹۵۰ آمریکا در پاسخ به حمله کره شمالی نیروهای خود را به آن سرزمین فرستاد."
    events = _events(text)
    assert not [e for e in events if "ne:PRK" in e.places], _summary(events)


def test_a_compass_place_the_gazetteer_lacks_is_an_error_naming_the_profile(tmp_path: Path) -> None:
    folder = tmp_path / "war"
    shutil.copytree(FORMOSA, folder)
    profile = folder / "profile.toml"
    text = profile.read_text(encoding="utf-8") + '\n[theatre.compass]\nsouth = "curated:nowhere"\nsource = "x"\n'
    profile.write_text(text, encoding="utf-8")
    source = Source(name="doc.txt", text="در ۲۵ ژوئن ۱۹۵۰ حمله به جنوب آغاز شد.", lang="fa", format="text")
    with pytest.raises(InputError, match="curated:nowhere") as error:
        Campaign.from_sources([source], offline=True, war=folder, stages="events")
    assert str(profile) in str(error.value)

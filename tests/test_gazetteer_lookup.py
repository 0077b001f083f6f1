"""Lookups in the bundled gazetteer across scripts, romanisations and homonyms."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmap.cli import main
from warmap.gazetteer import Gazetteer, candidate_to_json, database_path
from warmap.reading.normalize import normalize_name

SEOUL, PYONGYANG, BUSAN, INCHEON = (
    "geonames:1835848",
    "geonames:1871859",
    "geonames:1838524",
    "geonames:1843564",
)
HAMHUNG, HUNGNAM, DANDONG, ANDONG = (
    "geonames:1877449",
    "geonames:1877030",
    "geonames:2037886",
    "geonames:1846986",
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def first(gaz: Gazetteer, name: str, **kwargs) -> str | None:
    found = gaz.lookup(name, **kwargs)
    return found[0].place.place_id if found else None


def ids(gaz: Gazetteer, name: str) -> list[str]:
    return [c.place.place_id for c in gaz.lookup(name)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("首尔", SEOUL),  # zh-Hans
        ("首爾", SEOUL),  # zh-Hant
        ("서울", SEOUL),  # Hangul
        ("서울특별시", SEOUL),
        ("平壤", PYONGYANG),  # Hanja / zh
        ("평양", PYONGYANG),
        ("Seoul", SEOUL),
        ("SEOUL", SEOUL),
        ("釜山", BUSAN),
        ("仁川", INCHEON),
        ("Incheon", INCHEON),
        ("Inchon", INCHEON),
        ("سئول", SEOUL),  # Persian
        ("سيول", SEOUL),  # Arabic yeh
        ("پیونگ‌یانگ", PYONGYANG),  # with a zero-width non-joiner
        ("پیونگ یانگ", PYONGYANG),  # with a space
        ("پيونگيانگ", PYONGYANG),  # Arabic yeh, no joiner
        ("بوسان", BUSAN),
        ("P'yŏngyang", PYONGYANG),  # McCune–Reischauer with breve and apostrophe
        ("P’yŏngyang", PYONGYANG),  # typographic apostrophe
        ("Pyŏngyang", PYONGYANG),
        ("Pyongyang", PYONGYANG),
        ("Pyeongyang", PYONGYANG),  # Revised
        ("Hamhŭng", HAMHUNG),
        ("Hamhung", HAMHUNG),
        ("Hamheung", HAMHUNG),
        ("咸兴", HAMHUNG),
        ("Hungnam", HUNGNAM),
        ("Hŭngnam", HUNGNAM),
        ("Heijo", PYONGYANG),  # Japanese-era romanisation
        ("Heijō", PYONGYANG),
        ("京城府", SEOUL),  # administrative suffix the gazetteer does not store
        ("平壤特别市", PYONGYANG),
    ],
)
def test_names_in_every_script_find_the_place_first(gaz: Gazetteer, name: str, expected: str) -> None:
    assert first(gaz, name) == expected


@pytest.mark.parametrize(
    ("name", "expected", "other_country"),
    [
        ("汉城", SEOUL, "CN"),  # also Xinye in Henan
        ("大田", "geonames:1835235", "JP"),  # Daejeon; also Ōta/Oda in Japan
        ("晋州", "geonames:1846052", None),  # Jinju, not Jinzhou
        ("元山", "geonames:1866923", None),  # Wonsan, not Wenshan (원산 in Korean)
    ],
)
def test_homonyms_rank_the_war_place_first(
    gaz: Gazetteer, name: str, expected: str, other_country: str | None
) -> None:
    found = gaz.lookup(name)
    assert found[0].place.place_id == expected
    assert found[0].place.country in ("KR", "KP")
    if other_country:
        assert any(c.place.country == other_country for c in found[1:])


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [("Chosin", "lake", "KP"), ("长津湖", "lake", "KP"), ("臨津江", "river", None), ("三八线", "line", None),
     ("Naktong", "river", "KR"), ("Keijo", "city", "KR"), ("京城", "city", "KR"), ("Fusan", "city", "KR")],
)  # fmt: skip
def test_curated_names_and_features(gaz: Gazetteer, name: str, feature: str, country: str | None) -> None:
    """Depends on gazetteer/curated/: the war's features and historical names."""
    found = gaz.lookup(name)
    assert found and found[0].place.feature == feature, name
    if country:
        assert found[0].place.country == country


@pytest.mark.parametrize(("name", "expected"), [("Masan", "curated:masan"), ("마산", "curated:masan"),
                                               ("Songjin", "curated:kimchaek")])  # fmt: skip
def test_corrected_geonames_rows_no_longer_outrank_the_war_place(gaz: Gazetteer, name: str, expected: str) -> None:
    """GeoNames gives a Gwangju village Masan's population and a village the name Songjin (corrections.csv)."""
    found = gaz.lookup(name)
    assert found[0].place.place_id == expected, [(c.place.place_id, c.score) for c in found]


@pytest.mark.parametrize(("name", "shown"), [("南原", "Namwon"), ("Nangen", "Namwon"), ("三陟", "Samcheok")])
def test_korean_places_are_shown_by_their_korean_names(gaz: Gazetteer, name: str, shown: str) -> None:
    """GeoNames shows a few Korean towns by their Japanese-era readings (Nangen); a map shows Namwon."""
    found = gaz.lookup(name)
    assert found[0].place.name == shown and found[0].place.country == "KR"


@pytest.mark.parametrize("name", ["Hill 999", "Hill 9999", "Camp 5", "Outpost 12"])
def test_a_number_is_not_spelling(gaz: Gazetteer, name: str) -> None:
    """Romanisation skeletons drop digits, but a hill's number is its identity: no Hill 281 for Hill 999."""
    assert [c.matched for c in gaz.lookup(name) if c.how == "fuzzy"] == []


def test_andong_is_ambiguous_both_candidates_present(gaz: Gazetteer) -> None:
    """安东: Andong in Korea (its Hanja) and Dandong's name until 1965 — the resolver decides by context."""
    found = ids(gaz, "安东")
    assert ANDONG in found and DANDONG in found  # Dandong's 安东 comes from the curated names


def test_romanisation_without_an_exact_name_falls_back_to_skeleton_or_fuzzy(gaz: Gazetteer) -> None:
    found = gaz.lookup("Sineuiju")  # Revised-style spelling GeoNames lacks: matched on the skeleton
    assert found[0].place.name == "Sinŭiju" and found[0].how == "fuzzy"
    fuzzy = gaz.lookup("Pyongyangg")
    assert fuzzy and fuzzy[0].place.place_id == PYONGYANG and fuzzy[0].how == "fuzzy"
    assert fuzzy[0].score < gaz.lookup("Pyongyang")[0].score


def test_world_places_the_texts_need(gaz: Gazetteer) -> None:
    for name, country in [("Moscow", "RU"), ("莫斯科", "RU"), ("Geneva", "CH"), ("日内瓦", "CH"), ("Washington", "US"),
                          ("London", "GB"), ("Ankara", "TR"), ("Tokyo", "JP"), ("北京", "CN")]:  # fmt: skip
        assert gaz.lookup(name)[0].place.country == country, name


def test_country_short_names(gaz: Gazetteer) -> None:
    assert first(gaz, "朝鲜") == "ne:PRK"
    assert first(gaz, "韩国") == "ne:KOR"
    assert first(gaz, "كره شمالی") == "ne:PRK"  # Arabic kaf
    assert gaz.get("ne:KOR").feature == "country"


@pytest.mark.parametrize(
    "name", ["", "   ", "\u200c", "a" * 10_000, "平" * 10_000, "。，、", "\x00\x01", "🙂"]
)
def test_bad_names_give_an_empty_list(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_lookup_never_crashes_and_scores_are_ranked_in_unit_interval(text: str) -> None:
    found = Gazetteer.load().lookup(text, limit=5)
    assert len(found) <= 5
    scores = [c.score for c in found]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6))
def test_chinese_names_never_crash_the_bridge(text: str) -> None:
    for candidate in Gazetteer.load().lookup(text + "市"):
        assert 0.0 <= candidate.score <= 1.0 and candidate.how in ("exact", "normalised", "bridge")


def test_language_hint_only_nudges(gaz: Gazetteer) -> None:
    plain = gaz.lookup("Seoul")[0]
    hinted = gaz.lookup("Seoul", lang="en")[0]
    mismatched = gaz.lookup("Seoul", lang="fa")[0]
    assert plain.place.place_id == hinted.place.place_id == mismatched.place.place_id == SEOUL
    assert mismatched.score < hinted.score == plain.score
    assert gaz.lookup("Seoul", limit=0) == [] and len(gaz.lookup("Geneva", limit=1)) == 1


def test_exact_is_by_normalised_key(gaz: Gazetteer) -> None:
    key = normalize_name("P’yŏngyang")
    assert gaz.exact(key)[0].place.place_id == PYONGYANG
    assert gaz.exact("no such place anywhere") == []
    assert gaz.exact("") == []
    every_key = gaz.matching_names({"Han", "Hangul", "Kana", "Arabic", "Latin", "Cyrillic"})
    for matching_key in every_key[::97]:  # every key offered for matching answers exact()
        assert gaz.exact(matching_key), matching_key
    first_call = gaz.exact(key)
    first_call[0].score = -1  # callers may mutate what they get; the cache must not care
    assert gaz.exact(key)[0].score > 0


def test_pickles_for_worker_processes(gaz: Gazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.path == gaz.path and copy.lookup("Seoul")[0].place.place_id == SEOUL


def test_get(gaz: Gazetteer) -> None:
    assert gaz.get(SEOUL).name == "Seoul"
    assert gaz.get(SEOUL).geometry == {"type": "Point", "coordinates": [126.9784, 37.566]}
    assert gaz.get("geonames:0") is None


def test_matching_names_by_script(gaz: Gazetteer) -> None:
    han = set(gaz.matching_names({"Han"}))
    assert {"平壤", "首尔", "仁川"} <= han
    assert not any(k.isascii() for k in han)
    arabic = set(gaz.matching_names({"Arabic"}))
    assert normalize_name("سئول") in arabic and normalize_name("پیونگ‌یانگ") in arabic
    latin = set(gaz.matching_names({"Latin"}))
    assert "pyongyang" in latin and "seoul" in latin
    hangul = set(gaz.matching_names({"Hangul"}))
    assert "평택" in hangul  # suffix-free stem of 평택시
    assert "東" not in han and "함" not in hangul and all(len(k) >= 3 for k in latin)  # too short to spot


def test_candidate_json_has_the_interface_fields(gaz: Gazetteer) -> None:
    record = candidate_to_json(gaz.lookup("Seoul")[0])
    for field in ("place_id", "name", "names", "feature", "lat", "lon", "geometry", "country", "score"):
        assert field in record
    assert record["names"]["ko"] and record["geometry"]["type"] == "Point"
    json.dumps(record)


def test_cli_lookup_json_and_bad_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "lookup", "平泽", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["name"] == "Pyeongtaek" and 0 <= records[0]["score"] <= 1
    assert main(["gazetteer", "lookup", "Zzxqvw", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["gazetteer", "lookup", "x" * 10_000]) == 2
    assert main(["gazetteer", "lookup", "  "]) == 2
    assert "empty" in capsys.readouterr().err
    assert main(["gazetteer", "lookup", "Hungnam"]) == 0
    assert "Hŭngnam" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "expected", "lat", "lon"),
    [
        ("端川", "curated:tanchon", 40.46, 128.91),  # 1950 county seats GeoNames' cities500 lacks
        ("Tanch'ŏn", "curated:tanchon", 40.46, 128.91),  # McCune–Reischauer with breve and apostrophe
        ("Tanchon", "curated:tanchon", 40.46, 128.91),
        ("تانچون", "curated:tanchon", 40.46, 128.91),  # Persian
        ("果川", "curated:gwacheon", 37.43, 126.99),
        ("Kwachon", "curated:gwacheon", 37.43, 126.99),
        ("孟山", "curated:maengsan", 39.66, 126.70),
        ("新溪", "curated:singye", 38.50, 126.53),
        ("龍川", "curated:ryongchon", 39.93, 124.42),  # Traditional
        ("朔寧", "curated:sangnyong", 38.16, 126.97),
        ("鎭海", "curated:jinhae", 35.14, 128.67),  # Hanja form
        ("陕川", "curated:hapcheon", 35.57, 128.17),
        ("镜城", "geonames:2042987", 41.59, 129.61),  # Kyongsong, North Hamgyong, before Seoul's 京城 (경성)
        ("长津", "curated:changjin", 40.38, 127.25),
        ("高浪浦", "curated:korangpo", 37.97, 126.86),
        ("下珍富里", "curated:hajinbu-ri", 37.64, 128.57),
        ("Hajinbu-ri", "curated:hajinbu-ri", 37.64, 128.57),
        ("大關嶺", "curated:daegwallyeong", 37.69, 128.76),
        ("雪岳山", "curated:seoraksan", 38.12, 128.47),
        ("Sŏraksan", "curated:seoraksan", 38.12, 128.47),
        ("金城川", "curated:kumsong-river", 38.36, 127.62),
        ("Kumsong River", "curated:kumsong-river", 38.36, 127.62),
        ("رود کومسونگ", "curated:kumsong-river", 38.36, 127.62),
        ("丁字山", "curated:t-bone-hill", 38.19, 127.05),
        ("T-Bone Hill", "curated:t-bone-hill", 38.19, 127.05),
        ("Hill Eerie", "curated:hill-eerie", 38.19, 127.07),
        ("1211高地", "curated:hill-1211", 38.35, 128.08),
        ("851高地", "curated:heartbreak-ridge", 38.30, 128.02),
        ("394.8高地", "curated:white-horse-hill", 38.25, 127.20),
        ("597.9高地", "curated:triangle-hill", 38.32, 127.46),
        ("537.7北山", "curated:sniper-ridge", 38.33, 127.48),
        ("Sniper Ridge", "curated:sniper-ridge", 38.33, 127.48),
        ("Jane Russell Hill", "curated:triangle-hill", 38.32, 127.46),
        ("Outpost Vegas", "curated:outpost-vegas", 38.00, 126.76),
        ("پاسگاه وگاس", "curated:outpost-vegas", 38.00, 126.76),
        ("K-2", "curated:taegu-airfield", 35.89, 128.66),
        ("死鷹嶺", "curated:toktong-pass", 40.39, 127.19),
        ("龍門山", "curated:yongmun-san", 37.55, 127.53),
        ("Puan", "geonames:1838722", 35.73, 126.73),  # a name added to a GeoNames town
        ("溫陽", "geonames:1839726", 36.78, 127.00),
        ("兩水洞", "curated:ryangsu-dong", 40.13, 125.78),  # not Liangshui in Gansu
        ("两水洞", "curated:ryangsu-dong", 40.13, 125.78),
        ("محدوده پوسان", "curated:pusan-perimeter", 35.60, 128.70),
        ("پیرامون پوسان", "curated:pusan-perimeter", 35.60, 128.70),
        ("تپه پورک چاپ", "curated:pork-chop-hill", 38.20, 127.10),
        ("ستیغ خونین", "curated:bloody-ridge", 38.27, 128.03),
        ("خط الرأس دلشکستگی", "curated:heartbreak-ridge", 38.30, 128.02),
        ("تپه اسب سفید", "curated:white-horse-hill", 38.25, 127.20),
        ("کاسه پانچ", "curated:punchbowl", 38.285, 128.135),
    ],
)
def test_war_places_beyond_cities500(
    gaz: Gazetteer, name: str, expected: str, lat: float, lon: float
) -> None:
    """Depends on gazetteer/curated/: county seats of 1950-53, hills, outposts, passes, airfields."""
    top = gaz.lookup(name)[0]
    assert top.place.place_id == expected, (name, top.place.name)
    assert abs(top.place.lat - lat) < 0.05 and abs(top.place.lon - lon) < 0.05, name


def test_short_names_inside_longer_ones_keep_their_place(gaz: Gazetteer) -> None:
    """长津 (the county town) is spottable, but 长津湖 is its own, longer name: the reservoir."""
    han = set(gaz.matching_names({"Han"}))
    assert {"长津", "长津湖", "金城", "金城川"} <= han
    assert first(gaz, "长津湖") == "curated:chosin-reservoir"
    assert first(gaz, "金城") == "curated:kumsong"
    assert first(gaz, "京城") == SEOUL  # 京城 stays Seoul; 镜城 is the Hamgyong town


def test_chinese_homonyms_of_new_korean_towns_keep_both_candidates(gaz: Gazetteer) -> None:
    """三水 (Samsu; Sanshui in Guangdong) and 镇海 (Jinhae; Zhenhai in Ningbo): the resolver decides by context."""
    for name in ("三水", "镇海"):
        countries = {c.place.country for c in gaz.lookup(name)}
        assert {"KP", "CN"} <= countries or {"KR", "CN"} <= countries, name


BATTLE_NAME = re.compile(r"(战斗|戰鬥|戰鬪|战役|戰役|会战|會戰)$|^battle of |^نبرد |전투$")


def test_no_place_is_called_by_the_name_of_its_battle() -> None:
    """加平战斗 / Battle of Kapyong names the battle: the spotter reads 加平 + 战斗 itself,
    and a gazetteer name would swallow the place into the battle's name (加平戰鬥战斗)."""
    with closing(sqlite3.connect(database_path())) as db:
        rows = db.execute("SELECT key, name FROM names").fetchall()
    battles = [(key, name) for key, name in rows if BATTLE_NAME.search(key) or BATTLE_NAME.search(name.lower())]
    assert not battles, battles[:10]


@pytest.mark.parametrize("name", ["马山市", "Pusan", "Changjin", "평택"])
def test_remembered_answers_are_fresh_and_the_same_as_a_first_answer(gaz: Gazetteer, name: str) -> None:
    """lookup remembers its answers: a caller changing one (a stemmed lookup demotes its candidates)
    changes neither the next answer nor another gazetteer's first one."""
    first = gaz.lookup(name, lang="en")
    for candidate in first:
        candidate.score, candidate.how = -1.0, "changed"
    again = gaz.lookup(name, lang="en")
    assert again and again == Gazetteer(gaz.path).lookup(name, lang="en")
    assert all(c.how != "changed" and c.score >= 0 for c in again)


def test_a_dropped_gazetteer_is_freed_at_once(gaz: Gazetteer) -> None:
    """No reference cycle holds a gazetteer (its bridge reads the index, not the gazetteer): its places go
    when it does, not at the cyclic collector's next pass, whose passes over them slowed every lookup."""
    import gc
    import weakref

    opened = Gazetteer(gaz.path)
    assert opened.lookup("马山市") and opened.exact("seoul")  # the bridge has been used
    dropped = weakref.ref(opened)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del opened
        assert dropped() is None
    finally:
        if enabled:
            gc.enable()

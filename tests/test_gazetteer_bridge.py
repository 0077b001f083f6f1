"""The Hanja bridge: Chinese spellings find Korean places through their Hangul names."""

from __future__ import annotations

import json
import sqlite3

import opencc
import pytest

from warmap.gazetteer import Gazetteer
from warmap.gazetteer.hanja_bridge import bridge_keys, bridge_readings, initial_sound_law, strip_admin_suffix
from warmap.gazetteer.romanize import revised, skeleton


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("chinese", "hangul"),
    [("仁川", "인천"), ("平泽", "평택"), ("平澤", "평택"), ("安城", "안성"), ("堤川", "제천"), ("原州", "원주"),
     ("汉城", "한성"), ("长津湖", "장진호"), ("临津江", "임진강"), ("洛东江", "낙동강"), ("鸭绿江", "압록강")],
)  # fmt: skip
def test_readings(chinese: str, hangul: str) -> None:
    assert hangul in bridge_readings(chinese)


def test_polyphonic_and_initial_sound_law_variants() -> None:
    assert {"김포", "금포"} <= set(bridge_readings("金浦"))  # 金 is 김 in place names
    assert {"나남", "라남"} <= set(bridge_readings("罗南"))  # South and North Korean spellings
    assert "용인" in bridge_readings("龙仁")
    assert initial_sound_law("녀자") == "여자"
    assert initial_sound_law("령변") == "영변"
    assert initial_sound_law("로동") == "노동"
    assert initial_sound_law("리원") == "이원"
    assert initial_sound_law("서울") == "서울"
    assert initial_sound_law("") == ""


def test_admin_suffixes() -> None:
    assert strip_admin_suffix("평택시") == "평택"
    assert strip_admin_suffix("서울특별시") == "서울"
    assert strip_admin_suffix("지평리") == "지평"
    assert strip_admin_suffix("구") == "구"  # no name left: keep it
    assert "평택" in bridge_keys("平泽市")


def test_non_han_input_has_no_readings() -> None:
    assert bridge_readings("Seoul") == () and bridge_readings("") == () and bridge_readings("平泽x") == ()


@pytest.mark.parametrize(
    ("chinese", "english"),
    [("仁川", "Incheon"), ("平泽", "Pyeongtaek"), ("安城", "Anseong"), ("堤川", "Jecheon"), ("原州", "Wŏnju"),
     ("马山", "Masan"), ("원주", "Wŏnju"), ("원주시", "Wŏnju")],
)  # fmt: skip
def test_lookups_find_the_korean_place_first(gaz: Gazetteer, chinese: str, english: str) -> None:
    assert gaz.lookup(chinese)[0].place.name == english


def test_bridge_alone_reaches_korean_places_from_their_hanja(gaz: Gazetteer) -> None:
    """Were their Chinese names not stored, the bridge would still lead from the Hanja to the Hangul names."""
    db = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    stems: dict[int, set[str]] = {}
    for stem, num in db.execute("SELECT stem, num FROM hangul"):
        stems.setdefault(num, set()).add(stem)
    rows = db.execute("SELECT num, names FROM places WHERE country IN ('KR', 'KP')").fetchall()
    tried = reached = 0
    for num, names in rows:
        for hanja_name in json.loads(names).get("ko-Hani", [])[:1]:
            if not bridge_readings(hanja_name) or num not in stems:
                continue  # mixed-script curated names (斷腸의 稜線), places without Hangul
            tried += 1
            reached += bool(set(bridge_keys(hanja_name)) & stems[num])
    assert tried >= 100
    assert reached / tried >= 0.9, (reached, tried)


def test_every_korean_place_with_hanja_is_found_by_its_simplified_spelling(gaz: Gazetteer) -> None:
    """The bridge at scale: t2s(Hanja) of each Korean place leads back to it (allowing GeoNames' own errors)."""
    t2s = opencc.OpenCC("t2s")
    db = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    rows = db.execute("SELECT place_id, names FROM places WHERE country IN ('KR', 'KP')").fetchall()
    tried = found = 0
    for place_id, names in rows:
        for hanja_name in json.loads(names).get("ko-Hani", [])[:1]:
            if " " in hanja_name or "의" in hanja_name:  # mixed-script curated names (斷腸의 稜線)
                continue
            tried += 1
            found += any(c.place.place_id == place_id for c in gaz.lookup(t2s.convert(hanja_name), limit=20))
    assert tried >= 100
    assert found / tried >= 0.97


def test_chinese_cities_korean_names_do_not_answer_chinese_queries(gaz: Gazetteer) -> None:
    assert all(c.how != "bridge" or c.place.country in ("KR", "KP") for c in gaz.lookup("元山"))


def test_revised_romanisation_and_skeleton() -> None:
    assert revised("평택") == "pyeongtaek"
    assert revised("서울특별시") == "seoulteukbyeolsi"
    for rr, mr in [("Busan", "Pusan"), ("Daegu", "Taegu"), ("Cheorwon", "Ch'ŏrwŏn"), ("Uijeongbu", "Ŭijŏngbu"),
                   ("Gaeseong", "Kaesŏng"), ("Heungnam", "Hŭngnam"), ("Gangneung", "Kangnŭng")]:  # fmt: skip
        assert skeleton(rr) == skeleton(mr), (rr, mr)
    assert skeleton("Pusan") != skeleton("Pyongyang")


def _row(
    place_id: str, name: str, names: dict, country: str, lat: float, lon: float, population: int
) -> dict:
    return {"place_id": place_id, "name": name, "names": names, "feature": "city", "lat": lat, "lon": lon,
            "geometry": None, "country": country, "population": population, "source": "test"}  # fmt: skip


def test_theatre_prior_lets_the_bridge_beat_an_exact_homonym(tmp_path) -> None:
    """Without any curated name: 汉城 exactly names a Henan town, but reaches Seoul (한성) only by the bridge."""
    from warmap.gazetteer.store import write_index

    rows = [
        _row(
            "t:seoul", "Seoul", {"en": ["Seoul"], "ko": ["서울", "한성"]}, "KR", 37.566, 126.978, 10_000_000
        ),
        _row("t:xinye", "Xinye", {"en": ["Xinye"], "zh-Hans": ["汉城"]}, "CN", 32.5, 112.4, 30_000),
        _row("t:datong", "Datong", {"en": ["Datong"], "zh-Hans": ["大同"]}, "CN", 40.1, 113.3, 1_800_000),
        _row("t:taedong", "Taedong", {"en": ["Taedong"], "ko": ["대동군"]}, "KP", 39.1, 125.8, 0),
        _row("t:yudam", "(no Latin name)", {"ko": ["유담리"]}, "KP", 40.5, 127.1, 0),
    ]
    gaz = Gazetteer.load(write_index(rows, tmp_path / "test.sqlite"))
    found = gaz.lookup("汉城")
    assert [c.place.place_id for c in found] == ["t:seoul", "t:xinye"]
    assert found[0].how == "bridge" and found[0].matched == "한성"
    # …but a big Chinese city keeps its own name against a small Korean county read the same way
    assert [c.place.place_id for c in gaz.lookup("大同")] == ["t:datong", "t:taedong"]
    assert gaz.lookup("대동")[0].place.place_id == "t:taedong"  # Hangul without the suffix 군
    # romanisations reach a place known only in Hangul, through the skeleton of its Revised reading
    for spelling in ("Yudam-ni", "Yudamni", "Yudam-ri", "Yudam"):
        found = gaz.lookup(spelling)
        assert found and found[0].place.place_id == "t:yudam" and found[0].how == "fuzzy", spelling


def test_lookups_do_not_load_the_hanja_package() -> None:
    """The bridge's table is precomputed into the index: a lookup must not pay for hanja's YAML."""
    import subprocess
    import sys

    code = (
        "import sys; from warmap.gazetteer import Gazetteer; g = Gazetteer.load();"
        "found = g.lookup('马山市'); assert found and found[0].how == 'bridge', found;"
        "print('hanja' in sys.modules, 'yaml' in sys.modules)"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).split() == ["False", "False"]

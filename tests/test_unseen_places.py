"""Accounts the project has never seen: does ``warmap places`` find and place what a historian would?

The texts in tests/fixtures/unseen/ were written for these tests (see its README):
Traditional Chinese prose, Simplified Chinese wikitext fragments, Persian with
Arabic letter forms and no ZWNJ, and English. Each expectation below is a place
name as written in the file and its true position (a point on the feature for
rivers and lines); the program must find it and put it within ``km`` of that.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_unseen_common import UNSEEN, json_output, km_from, occurrences, overlaps, run_many, source_text

DOCS = {
    "zh-hant-chipyongni.txt": "zh",
    "zh-hant-changjin.txt": "zh",
    "zh-hant-1952-hills.txt": "zh",
    "zh-hant-imjin.txt": "zh",
    "zh-hans-changjin.wikitext": "zh",
    "zh-hans-fourth-campaign.wikitext": "zh",
    "fa-solar-hijri.txt": "fa",
    "en-chipyongni-inchon.txt": "en",
    "zh-hans-1950-campaigns.txt": "zh",
    "fa-solar-1329.txt": "fa",
    "fa-both-calendars.txt": "fa",
}

# True positions (lat, lon): cities from GeoNames/Wikipedia town-hall coordinates; Chosin battle
# sites from en.wikipedia "Chosin Reservoir" (Hagaru-ri 40.3838 127.249, Koto-ri 40.284 127.3);
# Chipyong-ni from en.wikipedia "Jipyeong-ri"; hills and villages from the battle articles' maps.
SEOUL, INCHEON, BUSAN = (37.566, 126.978), (37.456, 126.705), (35.180, 129.076)
PYONGYANG, WONSAN = (39.019, 125.738), (39.153, 127.443)
HAMHUNG, HUNGNAM = (39.918, 127.536), (39.832, 127.618)
CHOSIN, YUDAM_NI, HAGARU_RI = (40.498, 127.202), (40.47, 127.11), (40.3838, 127.249)
SINHUNG_NI, KOTO_RI = (40.44, 127.29), (40.284, 127.30)
CHIPYONG_NI, YEOJU, YANGPYEONG = (37.475, 127.637), (37.298, 127.637), (37.49, 127.49)
HOENGSEONG, WONJU, PYEONGTAEK, ANSEONG = (
    (37.49, 127.985),
    (37.342, 127.920),
    (36.992, 127.113),
    (37.008, 127.280),
)
TRIANGLE_HILL, OSONG_SAN, KUMHWA = (38.317, 127.467), (38.345, 127.455), (38.26, 127.44)
WHITE_HORSE_HILL, CHEORWON = (38.28, 127.18), (38.25, 127.21)
SOLMA_RI, JEOKSEONG, PANMUNJOM = (37.935, 126.941), (37.955, 126.928), (37.956, 126.677)
# Points on rivers and lines: the program's geometry must pass near them.
ON_YALU = (40.10, 124.40)  # at Sinuiju
ON_CHONGCHON = (39.62, 125.66)  # at Anju
ON_HAN = (37.52, 126.98)  # in Seoul
ON_IMJIN = (37.95, 126.93)  # at the Gloster crossing
ON_38TH = (38.0, 127.0)
# Ryangsu-dong (两水洞): on the Onjong-Pukchin road about 13 km west of Onjong-ri (en.wikipedia
# "Battle of Onjong": 40.109 N 125.896 E); Sudong (水洞), the Marines' battle, is ~140 km east.
RYANGSU_DONG, UNSAN, SUNCHON = (40.13, 125.77), (39.97, 125.80), (39.43, 125.93)
# Inside the Pusan Perimeter (Taegu, held throughout); Busan city is 90 km from it.
IN_PUSAN_PERIMETER = (35.87, 128.60)
# en.wikipedia battle articles: Pork Chop Hill (Hill 255, west of Chorwon), Bloody Ridge, Heartbreak Ridge.
PORK_CHOP_HILL, BLOODY_RIDGE, HEARTBREAK_RIDGE = (38.2, 127.1), (38.27, 128.03), (38.30, 128.017)

PLACES: list[tuple[str, str, str, tuple[float, float], float]] = [
    ("zh-hant-chipyongni.txt", "砥平里", "chipyong-ni", CHIPYONG_NI, 15),
    ("zh-hant-chipyongni.txt", "楊平郡", "yangpyeong", YANGPYEONG, 30),
    ("zh-hant-chipyongni.txt", "首爾", "seoul", SEOUL, 15),
    ("zh-hant-chipyongni.txt", "驪州", "yeoju", YEOJU, 15),
    ("zh-hant-chipyongni.txt", "橫城", "hoengseong", HOENGSEONG, 15),
    ("zh-hant-chipyongni.txt", "原州", "wonju", WONJU, 15),
    ("zh-hant-chipyongni.txt", "漢城", "seoul", SEOUL, 15),
    ("zh-hant-changjin.txt", "長津湖", "chosin", CHOSIN, 30),
    ("zh-hant-changjin.txt", "元山", "wonsan", WONSAN, 15),
    ("zh-hant-changjin.txt", "咸興", "hamhung", HAMHUNG, 15),
    ("zh-hant-changjin.txt", "柳潭里", "yudam-ni", YUDAM_NI, 30),
    ("zh-hant-changjin.txt", "下碣隅里", "hagaru-ri", HAGARU_RI, 30),
    ("zh-hant-changjin.txt", "新興里", "sinhung-ni", SINHUNG_NI, 30),
    ("zh-hant-changjin.txt", "古土里", "koto-ri", KOTO_RI, 30),
    ("zh-hant-changjin.txt", "興南", "hungnam", HUNGNAM, 15),
    ("zh-hant-changjin.txt", "清川江", "on-chongchon", ON_CHONGCHON, 30),
    ("zh-hant-changjin.txt", "三八線", "on-38th", ON_38TH, 30),
    ("zh-hant-1952-hills.txt", "上甘嶺", "triangle-hill", TRIANGLE_HILL, 30),
    ("zh-hant-1952-hills.txt", "金化", "kumhwa", KUMHWA, 30),
    ("zh-hant-1952-hills.txt", "五聖山", "osong-san", OSONG_SAN, 30),
    ("zh-hant-1952-hills.txt", "白馬山", "white-horse-hill", WHITE_HORSE_HILL, 30),
    ("zh-hant-1952-hills.txt", "鐵原", "cheorwon", CHEORWON, 30),
    ("zh-hant-1952-hills.txt", "三八線", "on-38th", ON_38TH, 30),
    ("zh-hant-imjin.txt", "臨津江", "on-imjin", ON_IMJIN, 30),
    ("zh-hant-imjin.txt", "漢城", "seoul", SEOUL, 15),
    ("zh-hant-imjin.txt", "首爾", "seoul", SEOUL, 15),
    ("zh-hant-imjin.txt", "積城", "jeokseong", JEOKSEONG, 30),
    ("zh-hant-imjin.txt", "雪馬里", "solma-ri", SOLMA_RI, 30),
    ("zh-hans-changjin.wikitext", "长津湖", "chosin", CHOSIN, 30),
    ("zh-hans-changjin.wikitext", "元山", "wonsan", WONSAN, 15),
    ("zh-hans-changjin.wikitext", "咸兴", "hamhung", HAMHUNG, 15),
    ("zh-hans-changjin.wikitext", "柳潭里", "yudam-ni", YUDAM_NI, 30),
    ("zh-hans-changjin.wikitext", "下碣隅里", "hagaru-ri", HAGARU_RI, 30),
    ("zh-hans-changjin.wikitext", "新兴里", "sinhung-ni", SINHUNG_NI, 30),
    ("zh-hans-changjin.wikitext", "古土里", "koto-ri", KOTO_RI, 30),
    ("zh-hans-changjin.wikitext", "-{zh-hans:兴南;zh-hant:興南}-", "hungnam", HUNGNAM, 15),
    ("zh-hans-changjin.wikitext", "[[兴南]]", "hungnam", HUNGNAM, 15),
    ("zh-hans-fourth-campaign.wikitext", "平泽", "pyeongtaek", PYEONGTAEK, 20),
    ("zh-hans-fourth-campaign.wikitext", "安城", "anseong", ANSEONG, 15),
    ("zh-hans-fourth-campaign.wikitext", "横城", "hoengseong", HOENGSEONG, 15),
    ("zh-hans-fourth-campaign.wikitext", "[[砥平里战斗|砥平里]]", "chipyong-ni", CHIPYONG_NI, 15),
    ("zh-hans-fourth-campaign.wikitext", "骊州", "yeoju", YEOJU, 15),
    ("zh-hans-fourth-campaign.wikitext", "-{zh-hans:汉城;zh-hant:漢城}-", "seoul", SEOUL, 15),
    ("zh-hans-fourth-campaign.wikitext", "三八线", "on-38th", ON_38TH, 30),
    ("fa-solar-hijri.txt", "اينچئون", "incheon", INCHEON, 15),
    ("fa-solar-hijri.txt", "پوسان", "busan", BUSAN, 15),
    ("fa-solar-hijri.txt", "رود هان", "on-han", ON_HAN, 30),
    ("fa-solar-hijri.txt", "سئول", "seoul", SEOUL, 15),
    ("fa-solar-hijri.txt", "پيونگ يانگ", "pyongyang", PYONGYANG, 15),
    ("fa-solar-hijri.txt", "رود يالو", "on-yalu", ON_YALU, 30),
    ("fa-solar-hijri.txt", "درياچه چوسين", "chosin", CHOSIN, 30),
    ("fa-solar-hijri.txt", "هونگنام", "hungnam", HUNGNAM, 15),
    ("fa-solar-hijri.txt", "پانمونجوم", "panmunjom", PANMUNJOM, 15),
    ("en-chipyongni-inchon.txt", "Inchon", "incheon", INCHEON, 15),
    ("en-chipyongni-inchon.txt", "Pusan", "busan", BUSAN, 30),
    ("en-chipyongni-inchon.txt", "Han River", "on-han", ON_HAN, 30),
    ("en-chipyongni-inchon.txt", "Seoul", "seoul", SEOUL, 15),
    ("en-chipyongni-inchon.txt", "Chipyong-ni", "chipyong-ni", CHIPYONG_NI, 15),
    ("en-chipyongni-inchon.txt", "Wonju", "wonju", WONJU, 15),
    ("zh-hans-1950-campaigns.txt", "两水洞", "ryangsu-dong", RYANGSU_DONG, 10),
    ("zh-hans-1950-campaigns.txt", "云山", "unsan", UNSAN, 10),
    ("zh-hans-1950-campaigns.txt", "顺川", "sunchon", SUNCHON, 10),
    ("zh-hans-1950-campaigns.txt", "平壤", "pyongyang", PYONGYANG, 15),
    ("fa-solar-1329.txt", "محدوده پوسان", "pusan-perimeter", IN_PUSAN_PERIMETER, 10),
    ("fa-solar-1329.txt", "ستیغ دل‌شکسته", "heartbreak-ridge", HEARTBREAK_RIDGE, 10),
    ("fa-both-calendars.txt", "تپه پورک چاپ", "pork-chop-hill", PORK_CHOP_HILL, 10),
    ("fa-both-calendars.txt", "ستیغ خونین", "bloody-ridge", BLOODY_RIDGE, 10),
]

FEATURES = {
    "city",
    "town",
    "village",
    "river",
    "lake",
    "mountain",
    "island",
    "line",
    "region",
    "country",
    "site",
    "sea",
}

# Names of people and organisations (armies, units) that contain place names but are not place mentions.
NOT_PLACES: list[tuple[str, str, str]] = [
    ("zh-hant-chipyongni.txt", "中國人民志願軍", "cpv"),
    ("zh-hant-chipyongni.txt", "佛里曼", "freeman"),
    # Units, which tests/gold/README.md does not count either (法國步兵營): no France, no Gloucester on the map.
    ("zh-hant-chipyongni.txt", "法國營", "french-battalion"),
    ("zh-hant-imjin.txt", "格洛斯特郡團", "glosters"),
    ("zh-hans-fourth-campaign.wikitext", "法国营", "french-battalion"),
    ("zh-hant-changjin.txt", "中國人民志願軍", "cpv"),
    ("zh-hant-changjin.txt", "宋時輪", "song-shilun"),
    ("zh-hant-1952-hills.txt", "中國人民志願軍", "cpv"),
    ("zh-hant-1952-hills.txt", "秦基偉", "qin-jiwei"),
    ("zh-hans-changjin.wikitext", "中国人民志愿军", "cpv"),
    ("zh-hans-changjin.wikitext", "爱德华·阿尔蒙德", "almond"),
    ("zh-hans-fourth-campaign.wikitext", "克罗姆贝特遣队", "tf-crombez"),
    ("fa-solar-hijri.txt", "داگلاس مك آرتور", "macarthur"),
    ("en-chipyongni-inchon.txt", "Paul Freeman", "freeman"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``warmap places --json --offline FILE`` for every unseen file, run once for the module."""
    cache = tmp_path_factory.mktemp("cache")
    runs = run_many([("places", "--json", "--offline", UNSEEN / doc) for doc in DOCS], cache)
    return dict(zip(DOCS, runs, strict=True))


def _mentions(places: dict[str, Any], doc: str) -> list[dict[str, Any]]:
    mentions = json_output(places[doc])
    assert isinstance(mentions, list), f"{doc}: places --json must print a list"
    return mentions


def _describe(mentions: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{m['surface']}@{m['start']}→{m['name']}({m['resolver']}, {m['lat']},{m['lon']})" for m in mentions
    )


@pytest.mark.parametrize("doc", DOCS)
def test_every_mention_points_at_its_surface(places: dict[str, Any], doc: str) -> None:
    """text[start:end] == surface on the file as read, and each record says which file and language."""
    text = source_text(UNSEEN / doc)
    mentions = _mentions(places, doc)
    assert mentions, f"{doc}: no place mention at all"
    for mention in mentions:
        assert mention["doc"] == doc
        assert mention["lang"] == DOCS[doc]
        assert text[mention["start"] : mention["end"]] == mention["surface"], mention
        assert mention["resolver"] in ("gazetteer", "cache", "unresolved"), (
            f"--offline asked a geocoder: {mention}"
        )
        assert 0 <= mention["confidence"] <= 1, mention
        if mention["resolver"] == "unresolved":
            assert mention["lat"] is None and mention["geometry"] is None, mention
        else:
            assert mention["geometry"] and mention["lat"] is not None, mention
            assert mention["feature"] in FEATURES, mention


@pytest.mark.parametrize(
    ("doc", "surface", "label", "truth", "km"),
    PLACES,
    ids=[f"{d.split('.')[0]}-{label}" for d, _, label, _, _ in PLACES],
)
def test_place_is_found_and_put_in_the_right_spot(
    places: dict[str, Any], doc: str, surface: str, label: str, truth: tuple[float, float], km: float
) -> None:
    """Every occurrence of the name is a mention (plain text), resolved within ``km`` of the truth."""
    text = source_text(UNSEEN / doc)
    spans = occurrences(text, surface)
    assert spans, f"fixture error: {surface!r} is not in {doc}"
    mentions = _mentions(places, doc)
    found = {span: [m for m in mentions if overlaps(span, (m["start"], m["end"]))] for span in spans}
    if doc.endswith(".wikitext"):
        # In markup a name also stands in link targets, the infobox and conversion rules:
        # one mention of it in the running text is enough.
        found = {span: here for span, here in found.items() if here} or dict([next(iter(found.items()))])
    for span, here in found.items():
        assert here, f"{surface!r} at {span} in {doc} is not a mention; found: {_describe(mentions)}"
        distance = min(km_from(*truth, m["geometry"]) for m in here)
        assert distance <= km, (
            f"{surface!r} at {span} in {doc} resolved {distance:.0f} km from the truth {truth}: {_describe(here)}"
        )


@pytest.mark.parametrize(
    ("doc", "phrase", "label"), NOT_PLACES, ids=[f"{d.split('.')[0]}-{label}" for d, _, label in NOT_PLACES]
)
def test_people_and_organisations_are_not_places(
    places: dict[str, Any], doc: str, phrase: str, label: str
) -> None:
    text = source_text(UNSEEN / doc)
    spans = occurrences(text, phrase)
    assert spans, f"fixture error: {phrase!r} is not in {doc}"
    wrong = [m for m in _mentions(places, doc) for span in spans if overlaps(span, (m["start"], m["end"]))]
    assert not wrong, f"{phrase!r} in {doc} is not a place, but reported: {_describe(wrong)}"


def test_link_mentions_keep_the_shown_text(places: dict[str, Any]) -> None:
    """[[砥平里战斗|砥平里]]: the battle article's title names the place; the surface is what the reader sees."""
    doc = "zh-hans-fourth-campaign.wikitext"
    text = source_text(UNSEEN / doc)
    link = "[[砥平里战斗|砥平里]]"
    start = text.index(link) + len("[[砥平里战斗|")
    shown = (start, start + len("砥平里"))
    here = [m for m in _mentions(places, doc) if (m["start"], m["end"]) == shown]
    assert here, f"no mention spanning the shown text of {link}"
    assert km_from(*CHIPYONG_NI, here[0]["geometry"]) <= 15, here[0]


def test_fixture_files_are_what_the_tests_say() -> None:
    """The Persian account uses Arabic letter forms and no ZWNJ; no fixture is empty."""
    persian = source_text(UNSEEN / "fa-solar-hijri.txt")
    assert "\u064a" in persian and "\u0643" in persian and "\u200c" not in persian
    for doc in DOCS:
        assert source_text(UNSEEN / doc).strip(), doc

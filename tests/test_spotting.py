"""Spotting and resolution on small texts in both languages, through the real readers and gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from warmap.gazetteer import Gazetteer
from warmap.reading import read_document
from warmap.resolution.resolve import resolve_document
from warmap.sources import load_sources
from warmap.spotting import spot


def _resolved(tmp_path: Path, text: str, name: str = "t.txt", **overrides):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source = load_sources([str(path)], **overrides)[0]
    doc = read_document(source)
    gazetteer = Gazetteer.load()
    mentions = spot(doc, gazetteer)
    for mention in mentions:
        assert source.text[mention.start : mention.end] == mention.surface
    return resolve_document(doc, mentions, gazetteer)


def _names(resolved) -> dict[str, str | None]:
    return {r.mention.surface: (r.place.name if r.place else None) for r in resolved}


def test_chinese_places_found_and_resolved(tmp_path):
    found = _names(_resolved(tmp_path, "1950年9月15日，美军在仁川登陆，9月28日收复汉城，10月19日攻入平壤。"))
    assert found.keys() >= {"仁川", "汉城", "平壤"}
    assert found["汉城"] == "Seoul"
    assert found["平壤"] == "Pyongyang"
    assert found["仁川"] == "Incheon"


def test_organisations_and_war_names_are_not_places(tmp_path):
    resolved = _resolved(tmp_path, "朝鲜人民军越过三八线。中国人民志愿军入朝作战。朝鲜战争爆发后，美国国务院发表声明。")
    surfaces = [r.mention.surface for r in resolved]
    assert "三八线" in surfaces
    assert "朝鲜" not in surfaces and "中国" not in surfaces and "美国" not in surfaces


def test_traditional_chinese(tmp_path):
    found = _names(_resolved(tmp_path, "中國人民志願軍於長津湖圍殲美軍陸戰第一師，隨後美軍自興南撤退。"))
    assert "長津湖" in found and "興南" in found
    assert "中國" not in found


def test_context_decides_homonyms(tmp_path):
    korea = _resolved(tmp_path, "志愿军从安东渡过鸭绿江，进入新义州。", name="a.txt")
    andong = [r for r in korea if r.mention.surface == "安东"]
    assert andong and andong[0].place is not None and andong[0].place.country == "CN"


def test_qualifiers_are_kept(tmp_path):
    resolved = _resolved(tmp_path, "联合国军全面撤退至清川江以南。")
    river = [r for r in resolved if r.mention.surface == "清川江"]
    assert river and river[0].mention.qualifier == "south_of"
    assert river[0].place is not None and river[0].place.feature == "river"


def test_persian_with_glosses(tmp_path):
    text = "نيروهاى کره جنوبى به اطراف شهر پوسان (Pusan) پس رانده شدند. سئول سقوط کرد و نيروهاى آمريکايى رسيدند."
    resolved = _resolved(tmp_path, text)
    found = _names(resolved)
    assert "سئول" in found and found["سئول"] == "Seoul"
    assert "Pusan" in found and "پوسان" in found
    assert found["پوسان"] == found["Pusan"]
    assert not any("آمريکايى" in s for s in found)  # an adjective, not the country


def test_wikitext_link_target_decides(tmp_path):
    text = "志愿军司令部设在[[丹东市|安东]]。[[九州_(日本)|九州]]的美军基地。"
    resolved = _resolved(tmp_path, text, name="t.wikitext", fmt="wikitext")
    found = {r.mention.surface: r for r in resolved}
    assert found["安东"].place is not None and found["安东"].place.country == "CN"
    assert found["安东"].mention.evidence == "link"
    assert found["九州"].place is not None and found["九州"].place.country == "JP"


@pytest.mark.parametrize("text", ["这是一句没有地名的话。", "x" * 10_000, "(" * 500 + "a)"])
def test_texts_without_places(tmp_path, text):
    assert _resolved(tmp_path, text) == []


def test_a_gloss_may_drop_the_generic_word(tmp_path):
    resolved = _resolved(tmp_path, "نبرد سختی در ستیغ دل‌شکستگان (Heartbreak) درگرفت.")
    found = {r.mention.surface: r.place.name for r in resolved if r.place}
    assert found.get("Heartbreak") == "Heartbreak Ridge"


def test_a_name_across_markup_takes_the_whole_markup(tmp_path):
    """A name read across a link or conversion markup points at the markup whole, never half of it."""
    text = "越过[[纬度|北纬]]38度线。南-{zh-hans:朝鲜;zh-hant:韓}-军退至[[大邱]]。"
    resolved = _resolved(tmp_path, text, name="t.wikitext", fmt="wikitext")
    surfaces = [r.mention.surface for r in resolved]
    assert "[[纬度|北纬]]38度线" in surfaces and "大邱" in surfaces, surfaces
    assert "南-{zh-hans:朝鲜;zh-hant:韓}-" in surfaces, surfaces
    for surface in surfaces:  # every bracket the surface opens it also closes
        for opener, closer in (("[[", "]]"), ("{{", "}}"), ("-{", "}-")):
            assert surface.count(opener) == surface.count(closer), surface


def _at(resolved, surface: str):
    found = [r for r in resolved if r.mention.surface == surface]
    assert found, f"{surface!r} not spotted in {[r.mention.surface for r in resolved]}"
    return found[0]


def test_a_short_name_is_not_read_across_the_start_of_a_longer_settlement_name(tmp_path):
    # 两水洞 (Ryangsu-dong, the PVA's first action) is not 水洞 (Sudong, ~140 km east);
    # 凉水 + 洞 is a -dong the gazetteer does not know: no mention of Sudong inside it.
    resolved = _resolved(tmp_path, "第40军在两水洞伏击韩军。另一部到达凉水洞。美军在水洞与志愿军交战，随后向水洞撤退。")
    ryangsu = _at(resolved, "两水洞")
    assert ryangsu.place is not None and ryangsu.place.place_id == "curated:ryangsu-dong"
    surfaces = [r.mention.surface for r in resolved]
    assert surfaces.count("水洞") == 2  # 在水洞, 向水洞: particles, not part of a name
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    inside = text.index("凉水洞")
    assert not [r for r in resolved if inside <= r.mention.start < inside + 3]


def test_a_trailing_compass_word_is_the_texts_not_the_names(tmp_path):
    resolved = _resolved(tmp_path, "The army fell back to the 38th Parallel north of Seoul.", name="e.txt")
    parallel = [r for r in resolved if r.place is not None and r.place.place_id == "curated:parallel-38"]
    assert [r.mention.surface for r in parallel] == ["38th Parallel"]
    seoul = _at(resolved, "Seoul")
    assert seoul.mention.qualifier == "north_of"


def test_a_battle_is_named_after_its_place(tmp_path):
    for text in ("英联邦第27旅在加平战斗中坚守阵地。", "英聯邦第27旅在加平戰鬥中堅守陣地。"):
        resolved = _resolved(tmp_path, text)
        assert [r.mention.surface for r in resolved] == ["加平"], text


def test_persian_perimeter_and_hills(tmp_path):
    text = (
        "نیروهای سازمان ملل در محدوده پوسان مقاومت کردند و از پیرامون پوسان حمله کردند. "
        "نبرد تپه پورک چاپ و نبرد ستیغ خونین و خط الرأس دلشکستگی و تپه اسب سفید و کاسه پانچ."
    )
    found = {r.mention.surface: r.place.place_id for r in _resolved(tmp_path, text, name="f.txt") if r.place}
    assert found == {
        "محدوده پوسان": "curated:pusan-perimeter",
        "پیرامون پوسان": "curated:pusan-perimeter",
        "تپه پورک چاپ": "curated:pork-chop-hill",
        "ستیغ خونین": "curated:bloody-ridge",
        "خط الرأس دلشکستگی": "curated:heartbreak-ridge",
        "تپه اسب سفید": "curated:white-horse-hill",
        "کاسه پانچ": "curated:punchbowl",
    }


def test_a_gloss_of_part_of_a_longer_name_does_not_take_it_over(tmp_path):
    # (Pusan) romanises only the city in محدوده پوسان (the Pusan perimeter): the longer name
    # keeps its own place first, whatever the places around make of the city.
    path = tmp_path / "g.txt"
    path.write_text("ارتش هشتم در محدوده پوسان (Pusan) موضع گرفت.", encoding="utf-8")
    mentions = spot(read_document(load_sources([str(path)])[0]), Gazetteer.load())
    perimeter = [m for m in mentions if m.surface == "محدوده پوسان"]
    assert perimeter and perimeter[0].candidates[0].place.place_id == "curated:pusan-perimeter"
    assert perimeter[0].gloss == "Pusan"
    resolved = _resolved(tmp_path, "ارتش هشتم در محدوده پوسان (Pusan) موضع گرفت.", name="g.txt")
    assert _at(resolved, "محدوده پوسان").place.place_id == "curated:pusan-perimeter"


def test_namesakes_in_hangul_are_offered_and_context_decides(tmp_path):
    # 顺天 is written like 順天 Suncheon (South) but reads 순천 like 順川 Sunchon near Pyongyang.
    north = _at(_resolved(tmp_path, "平壤失守前，朝鲜人民军在顺天隧道杀害美军战俘。", name="n.txt"), "顺天")
    assert north.place is not None and north.place.country == "KP"
    south = _at(_resolved(tmp_path, "美军在光州和顺天一带清剿游击队。", name="s.txt"), "顺天")
    assert south.place is not None and south.place.country == "KR"


@pytest.mark.parametrize("written", ["چیپیونگ نی", "چیپیونگ‌نی", "چیپیونگ-نی", "چیپیونگنی"])
def test_persian_names_match_however_their_parts_are_joined(tmp_path, written):
    """A name stored with a hyphen or ZWNJ is found written with a space, and the other way round."""
    resolved = _resolved(tmp_path, f"نبرد {written} در زمستان رخ داد.", lang="fa")
    assert [(r.mention.surface, r.place.place_id if r.place else None) for r in resolved] == [
        (written, "curated:chipyong-ni")
    ]


def test_a_language_without_a_pack_is_matched_in_its_own_script(tmp_path):
    """Issue 10: a Russian text's Cyrillic names were never matched (no ``ru`` in the code's table)."""
    found = _names(_resolved(tmp_path, "28 июня 1950 года войска КНДР взяли Сеул.", lang="ru"))
    assert found.get("Сеул") == "Seoul"


def test_a_japanese_text_is_matched_in_kana_as_well_as_han(tmp_path):
    """Japanese writes in Han and Kana (scripts.csv): ソウル is Seoul, 仁川 Incheon."""
    found = _names(_resolved(tmp_path, "北朝鮮軍はソウルへ侵攻した。国連軍は仁川に上陸した。", lang="ja"))
    assert found.get("ソウル") == "Seoul" and found.get("仁川") == "Incheon"


def test_a_han_name_exact_only_abroad_reads_as_the_theatre_place_it_also_writes() -> None:
    """大田市 is exactly Ōda (Japan) in the gazetteer; in a text about the war it is Daejeon with 市."""
    from warmap.campaign import Campaign
    from warmap.model import Source

    text = "美军在韩国忠清南道大田市爆发战役。双方随即在大田市内爆发巷战。"
    campaign = Campaign.from_sources([Source(name="t", text=text, lang="zh", format="text")], offline=True, stages="places")
    daejeon = [m for m in campaign.places if m.mention.surface == "大田市"]
    assert len(daejeon) == 2 and all(m.place and m.place.country == "KR" for m in daejeon)

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

"""Phases: the reference catalogue, phases from the texts' sections, the fallback, and their content."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
import shapely
from shapely.geometry import shape

from warmap.chronology.dates import find_dates
from warmap.chronology.phases import catalogue, is_skipped
from warmap.fronts import load_fronts
from warmap.fronts.geometry import coarse_land
from warmap.gazetteer import land_geometry
from warmap.join import build_phases
from warmap.model import Event, Source, SourceRef
from warmap.reading import read_document
from warmap.sources import load_sources


def _next(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def land():
    return land_geometry(("KR", "KP"))


@pytest.fixture(scope="module")
def fronts():
    return load_fronts()


@pytest.fixture(scope="module")
def corpus():
    docs = [read_document(source) for source in load_sources([])]
    return docs, [d for doc in docs for d in find_dates(doc)]


@pytest.fixture(scope="module")
def built(corpus, fronts, land):
    docs, dates = corpus
    events = [
        Event("e-inchon", "landing", {"en": "Inchon landing"}, "1950-09-15", "1950-09-19", [], None),
        Event("e-unsan", "battle", {"en": "Unsan"}, "1950-11-01", None, [], None),
        Event("e-month", "offensive", {"en": "May offensive"}, "1951-05", None, [], None),
        Event("e-undated", "other", {"en": "?"}, None, None, [], None),
    ]
    return build_phases(docs, dates, events, fronts, land)


def test_catalogue_schemes_are_contiguous():
    army = [p for p in catalogue() if p.scheme == "us-army"]
    chinese = [p for p in catalogue() if p.scheme == "cpv-offensives"]
    assert len(army) == 10 and len(chinese) == 5
    assert army[0].start == "1950-06-27" and army[-1].end == "1953-07-27"
    for before, after in zip(army, army[1:], strict=False):
        assert _next(before.end) == after.start
    assert [p.start for p in chinese] == ["1950-10-25", "1950-11-25", "1950-12-31", "1951-01-25", "1951-04-22"]
    for phase in catalogue():
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", phase.id)
        assert phase.title["en"] and phase.title["zh"]


def test_text_phases_follow_the_articles_sections(built):
    text, _ = built
    titles = [p.title.get("zh") for p in text]
    for wanted in ("战争爆发", "仁川登陸", "第一次戰役", "第二次戰役", "第三次戰役", "第四次戰役", "第五次戰役", "相持与谈判", "停战"):
        assert wanted in titles, titles
    for skipped in ("背景", "名称", "参考文献", "战争罪行", "空战", "伤亡情况"):
        assert skipped not in titles
    assert titles.index("第一次戰役") < titles.index("第五次戰役") < titles.index("停战")
    assert text[0].start == "1950-06-25"
    for before, after in zip(text, text[1:], strict=False):
        assert _next(before.end) == after.start, (before.id, after.id)
    for phase in text:
        assert re.fullmatch(r"\d\d-[A-Za-z0-9-]+", phase.id), phase.id
        assert phase.scheme == "text"


def test_text_phases_snap_to_the_catalogue(built):
    text, _ = built
    by_title = {p.title.get("zh"): p for p in text}
    assert by_title["第一次戰役"].start == "1950-10-25"
    assert by_title["第一次戰役"].title["en"] == "First Phase Offensive"
    assert by_title["第三次戰役"].start == "1950-12-31"
    assert by_title["第四次戰役"].start == "1951-01-25"
    assert by_title["仁川登陸"].start == "1950-09-16"
    assert by_title["停战"].start == "1953-07-27"
    assert by_title["停战"].title["en"] == "Armistice"  # no campaign covers it: the section glossary names it


def test_text_phase_titles_are_distinct_and_true_to_their_span(built):
    """Two sections in one campaign are told apart by their dates; a phase across campaigns is a range."""
    text, _ = built
    for lang in ("en", "fa", "zh"):
        titles = [p.title[lang] for p in text if lang in p.title]
        assert len(titles) == len(set(titles)), (lang, titles)
    by_title = {p.title.get("zh"): p for p in text}
    inchon, crossing = by_title["仁川登陸"], by_title["聯合國军越过三八线"]
    assert inchon.title["en"] == f"UN Offensive ({inchon.start} – {inchon.end})"
    assert crossing.title["en"] == f"UN Offensive ({crossing.start} – {crossing.end})"
    isolated = f"\u2066{crossing.start}\u2069 تا \u2066{crossing.end}\u2069"  # dates read left to right in Persian
    assert crossing.title["fa"] == f"تهاجم سازمان ملل ({isolated})"
    assert by_title["第一次戰役"].title["en"] == "First Phase Offensive"  # a unique title keeps its plain name
    stalemate = by_title["相持与谈判"]
    assert stalemate.start[:4] == "1951" and stalemate.end[:4] == "1953"
    assert stalemate.title["en"] == "UN Summer-Fall Offensive – Korea, Summer 1953"
    assert stalemate.title["fa"].endswith("کره، تابستان ۱۹۵۳")
    assert [p.id for p in text][1:3] == ["02-un-offensive", "03-un-offensive"]  # ids (file names) unchanged


def test_an_event_told_in_a_section_stays_with_its_phase(corpus, fronts, land):
    """The landing of 15 September, told in 仁川登陸, is that phase's although its start snaps to the 16th."""
    docs, dates = corpus
    article = next(doc for doc in docs if doc.lang == "zh")
    section = next(s for s in article.sections if s.title == "仁川登陸")
    told = SourceRef(article.name, section.heading_end + 10, section.heading_end + 40, "…")
    elsewhere = SourceRef(article.name, section.start - 100, section.start - 50, "…")
    events = [
        Event("e-told", "landing", {"en": "Inchon landing"}, "1950-09-15", None, [], None, sources=[told]),
        Event("e-other", "battle", {"en": "Naktong"}, "1950-09-15", None, [], None, sources=[elsewhere]),
    ]
    text, _ = build_phases(docs, dates, events, fronts, land)
    by_title = {p.title.get("zh"): p for p in text}
    assert by_title["仁川登陸"].start == "1950-09-16"
    assert by_title["仁川登陸"].events == ["e-told"]
    assert by_title["战争爆发"].events == ["e-other"]


def test_phases_carry_events_fronts_and_territory(built, land):
    text, listed = built
    by_title = {p.title.get("zh"): p for p in text}
    assert "e-inchon" in by_title["战争爆发"].events  # 15 September: the last day of the first phase
    assert "e-unsan" in by_title["第一次戰役"].events
    assert "e-month" in by_title["第五次戰役"].events
    assert all("e-undated" not in p.events for p in text)
    area = coarse_land(land).area
    for phase in text + listed:
        assert phase.front is not None and phase.front["type"] in ("LineString", "MultiLineString")
        assert phase.fronts
        union = shapely.union_all([shape(t.geometry) for t in phase.territory])
        assert abs(union.area - area) / area < 1e-4, phase.id
    pusan = by_title["战争爆发"]
    assert "1950-09-01-pusan-perimeter" in pusan.fronts
    assert {t.side for t in by_title["第一次戰役"].territory} == {"un", "communist"}
    army = [p for p in listed if p.scheme == "us-army"]
    assert [p.id for p in army][:2] == ["01-un-defensive", "02-un-offensive"]


def test_plain_prose_falls_back_to_the_army_campaigns(fronts, land):
    (persian,) = [read_document(s) for s in load_sources([]) if s.lang == "fa"]
    text, listed = build_phases([persian], find_dates(persian), [], fronts, land)
    army = [p for p in listed if p.scheme == "us-army"]
    assert [(p.id, p.start, p.end) for p in text] == [(p.id, p.start, p.end) for p in army]
    assert all(p.scheme == "text" for p in text)


def test_an_unseen_traditional_fragment(fronts, land):
    """Sections of another account: background and references skipped, two phases dated by their content."""
    wikitext = (
        "== 背景 ==\n1945年8月，美蘇分區佔領朝鮮半島。1948年8月15日大韓民國成立。\n"
        "== 開戰 ==\n1950年6月25日凌晨，北韓軍越過邊界。6月28日漢城失守。7月20日大田失守。\n"
        "== 反攻 ==\n1950年9月15日，聯合國軍於仁川登陸。9月28日收復漢城。10月19日攻佔平壤。\n"
        "== 參考文獻 ==\n1999年出版。2005年再版。\n"
    )
    doc = read_document(Source(name="frag.wikitext", text=wikitext, lang="zh", format="wikitext"))
    text, _ = build_phases([doc], find_dates(doc), [], fronts, land)
    assert [p.title["zh"] for p in text] == ["開戰", "反攻"]
    assert text[0].start == "1950-06-25" and text[1].start == "1950-09-16"
    assert text[0].end == "1950-09-15"


def test_skip_words_cover_languages():
    assert is_skipped("參考文獻") and is_skipped("References") and is_skipped("منابع")
    assert not is_skipped("第一次戰役")


def test_phases_are_deterministic(corpus, fronts, land, built):
    docs, dates = corpus
    again = build_phases(docs, dates, [], load_fronts(), land)
    dump = [json.dumps([p.to_json() for p in group], sort_keys=True, ensure_ascii=False) for group in again]
    first = [
        json.dumps([dict(p.to_json(), events=[]) for p in group], sort_keys=True, ensure_ascii=False)
        for group in built
    ]
    assert dump == first


def test_territory_pieces_can_be_labelled_with_phases(built, fronts, land):
    from warmap.fronts import territory_timeline

    text, _ = built
    pieces = territory_timeline(fronts, land, phases=text)
    by_start = {t.start: t.phase for t in pieces}
    assert by_start["1950-06-25"] == text[0].id
    assert by_start["1953-07-27"] == text[-1].id

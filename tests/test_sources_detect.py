"""Language and format detection by script and markup density."""

from __future__ import annotations

import pytest

from warmap.sources import detect_format, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("朝鲜战争是1950年至1953年发生在朝鲜半岛上的战争。", "zh"),
        ("韓戰是1950年至1953年發生在朝鮮半島上的戰爭。", "zh"),  # Traditional Chinese
        ("در ۲۵ ژوئن ۱۹۵۰ نیروهای کره شمالی به کره جنوبی یورش بردند.", "fa"),
        ("در ۲۵ ژوئن ۱۹۵۰ نيروهاى کره شمالى به خاک کره جنوبى يورش بردند.", "fa"),  # Arabic yeh forms
        (
            "اندلعت الحرب الكورية في الخامس والعشرين من يونيو عام ألف وتسعمائة وخمسين عندما عبرت قوات كوريا "
            "الشمالية خط العرض الثامن والثلاثين إلى الجنوب",
            "ar",
        ),  # fmt: skip
        ("한국 전쟁은 1950년 6월 25일에 시작되었다.", "ko"),
        ("The Korean War began on 25 June 1950 when North Korea invaded the South.", "en"),
        ("朝鮮戦争は1950年6月25日に始まった戦争である。", "ja"),
        ("Корейская война началась 25 июня 1950 года.", "ru"),
        ("1950 - 1953", "en"),
    ],
)
def test_language_by_script(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_chinese_wikitext_with_english_citations_is_chinese() -> None:
    text = "朝鲜战争爆发。<ref>{{cite web |url=https://example.org/history/korea |title=Korean War timeline " \
           "and the battles of the Pusan Perimeter |publisher=Example}}</ref>"  # fmt: skip
    assert detect_language(text) == "zh"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("'''朝鲜战争'''是[[朝鲜半岛]]上的战争。\n== 背景 ==\n{{main|朝鲜半岛历史}}", "wikitext"),
        ("仁川登陆后，[[联合国军]]北进。", "wikitext"),  # a fragment with one link
        ("== 经过 ==\n战争爆发。", "wikitext"),
        ("美军在[[仁川登", "wikitext"),  # cut off inside a link: still wikitext (and refused as truncated)
        ("{{Infobox military conflict\n|date=1950", "wikitext"),
        ("战争于1950年爆发。联合国军在仁川登陆。", "text"),
        ("در فاصله سالهاى (۱۹۵۰ - ۱۹۵۳م.) ميان دو کره جنگى به وقوع پيوست.", "text"),
        ("Arrays like a[[1]] are rare in prose, " + "and this is prose. " * 400, "text"),
        ("The war (1950–1953) was fought in Korea: see {braces} and [brackets].", "text"),
    ],
)
def test_format_by_markup(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_bundled_persian_text_is_not_wikitext() -> None:
    from warmap.paths import corpus_dir

    text = (corpus_dir() / "fa-korean-war.txt").read_text(encoding="utf-8")
    assert detect_format(text) == "text"
    assert detect_language(text) == "fa"

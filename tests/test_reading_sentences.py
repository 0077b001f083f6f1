"""Sentence splitting: Chinese and Persian terminators, and the stops that do not end a sentence."""

from __future__ import annotations

import pytest

from warmap.reading.sentences import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, lang)]


def test_chinese_terminators_quotes_and_lines() -> None:
    text = "美军于9月15日登陆。他说：“我们要管！”随后北进？\n== 背景 ==\n6.25战争爆发"
    assert sentences(text, "zh") == [
        "美军于9月15日登陆。",
        "他说：“我们要管！”",
        "随后北进？",
        "== 背景 ==",
        "6.25战争爆发",
    ]


def test_persian_stops_question_mark_and_missing_space() -> None:
    text = "سئول سقوط کرد. آيا جنگ تمام شد؟ مدار ۳۸ درجه شد.بهدنبال اين مصوبه جنگ ادامه يافت!"
    assert sentences(text, "fa") == [
        "سئول سقوط کرد.", "آيا جنگ تمام شد؟", "مدار ۳۸ درجه شد.", "بهدنبال اين مصوبه جنگ ادامه يافت!",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "نيروهاى کره شمالى در ۲۵ ژوئن ۱۹۵۰م. به خاک کره جنوبى يورش بردند.",
        "در فاصله سالهاى (۱۹۵۰ - ۱۹۵۳م.) ميان دو کره جنگى به وقوع پيوست.",
        "در تير ۱۳۲۹ه.ش. جنگ کره آغاز شد.",
        "در سال ۱۹۵۰ م. جنگ آغاز شد.",
        "تلفات به ۳.۵ ميليون نفر رسيد.",
    ],
)
def test_era_markers_and_decimals_do_not_end_a_persian_sentence(text: str) -> None:
    assert sentences(text, "fa") == [text]


def test_era_marker_at_line_end_ends_the_sentence() -> None:
    assert sentences("جنگ در ۱۹۵۳م.\nآتشبس امضا شد.", "fa") == ["جنگ در ۱۹۵۳م.", "آتشبس امضا شد."]


def test_english_abbreviations_and_initials() -> None:
    text = (
        "Gen. Douglas MacArthur landed at Inchon on Sept. 15. The U.S. X Corps took Seoul. D. Rees wrote it."
    )
    assert sentences(text, "en") == [
        "Gen. Douglas MacArthur landed at Inchon on Sept. 15.", "The U.S. X Corps took Seoul.", "D. Rees wrote it.",
    ]  # fmt: skip


def test_spans_are_trimmed_and_blank_lines_skipped() -> None:
    text = "  甲。  \n\n\n  乙  "
    spans = split_sentences(text, "zh")
    assert [(s.start, s.end) for s in spans] == [(2, 4), (11, 12)]


def test_bundled_persian_text_sentence_count() -> None:
    from warmap.paths import corpus_dir

    text = (corpus_dir() / "fa-korean-war.txt").read_text(encoding="utf-8")
    found = sentences(text, "fa")
    assert len(found) == 18
    assert found[1].startswith("نيروهاى کره شمالى") and "۱۹۵۰م. به خاک" in found[1]


@pytest.mark.parametrize("lang", ["zh", "zh-Hant", "ja"])
def test_an_ascii_stop_inside_unspaced_text_ends_no_sentence(lang: str) -> None:
    """Unspaced languages (the pack's flag; Japanese, without a pack, by its script) end with 。."""
    assert sentences("美军第1.5师团抵达U.N.阵地。随后撤退。", lang) == ["美军第1.5师团抵达U.N.阵地。", "随后撤退。"]
    assert sentences("兵力共3. 乙。", lang) == ["兵力共3. 乙。"]
    assert sentences("兵力共3. 乙。", "en") == ["兵力共3.", "乙。"]  # a spaced language: a stop and a space

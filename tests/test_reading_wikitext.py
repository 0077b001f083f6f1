"""The wikitext reader, one construct at a time, on small hand-written fixtures."""

from __future__ import annotations

import pytest

from warmap.errors import InputError
from warmap.model import Document, Source
from warmap.reading import read_document


def read(text: str, lang: str = "zh") -> Document:
    return read_document(Source(name="t.wikitext", text=text, lang=lang, format="wikitext"))


def copied(doc: Document, synthetic: str = "\n 、") -> None:
    """Every readable character that is not a separator stands where its offset says."""
    assert len(doc.offsets) == len(doc.text) + 1
    for index, char in enumerate(doc.text):
        if char not in synthetic:
            assert doc.source.text[doc.offsets[index]] == char, (index, char)


def link_of(doc: Document, shown: str):
    [link] = [link for link in doc.links if link.shown == shown]
    return link


# ------------------------------------------------------------------ links
def test_wikilinks_targets_hints_spans() -> None:
    text = "他到[[九州_(日本)|九州]]和[[晋州市 (韩国)]]，再到[[汉城]]。"
    doc = read(text)
    assert doc.text == "他到九州和晋州市 (韩国)，再到汉城。"
    kyushu, jinju, seoul = doc.links
    assert (kyushu.target, kyushu.hint, kyushu.kind) == ("九州", "日本", "wikilink")
    assert (jinju.target, jinju.hint, jinju.shown) == ("晋州市", "韩国", "晋州市 (韩国)")
    assert (seoul.target, seoul.hint) == ("汉城", None)
    assert text[kyushu.start : kyushu.end] == "[[九州_(日本)|九州]]"
    assert text[seoul.start : seoul.end] == "[[汉城]]"
    for link in doc.links:
        assert doc.text[link.readable_start : link.readable_end] == link.shown
    copied(doc)


def test_link_fragments_and_leading_colon() -> None:
    doc = read("见[[仁川登陆#经过|登陆经过]]与[[:朝鲜战争]]。")
    assert [(link.target, link.shown) for link in doc.links] == [
        ("仁川登陆", "登陆经过"),
        ("朝鲜战争", ":朝鲜战争"),
    ]


def test_main_and_seealso_list_their_targets() -> None:
    text = "== 背景 ==\n{{main|仁川登陸}}\n{{seealso|溫井戰鬥|雲山戰鬥}}\n{{see also|老斤里事件}}\n正文。"
    doc = read(text)
    assert "仁川登陸\n溫井戰鬥、雲山戰鬥\n老斤里事件\n正文。" in doc.text
    assert [(link.target, link.kind) for link in doc.links] == [
        ("仁川登陸", "main"), ("溫井戰鬥", "seealso"), ("雲山戰鬥", "seealso"), ("老斤里事件", "see also"),
    ]  # fmt: skip
    assert [text[link.start : link.end] for link in doc.links] == [
        "{{main|仁川登陸}}", "{{seealso|溫井戰鬥|雲山戰鬥}}", "{{seealso|溫井戰鬥|雲山戰鬥}}", "{{see also|老斤里事件}}",
    ]  # fmt: skip
    for link in doc.links:
        assert doc.text[link.readable_start : link.readable_end] == link.target
    copied(doc)


def test_main_with_a_nested_link_template() -> None:
    doc = read("{{main|{{link-en|韓戰主題電影列表|List of Korean War films}}}}")
    assert doc.text == "韓戰主題電影列表"
    [link] = doc.links
    assert (link.target, link.kind) == ("韓戰主題電影列表", "link-en")


@pytest.mark.parametrize(
    ("markup", "shown", "target", "foreign"),
    [
        ("{{le|巴多梅罗·洛佩兹|Baldomero Lopez}}", "巴多梅罗·洛佩兹", "巴多梅罗·洛佩兹", "Baldomero Lopez"),
        (
            "{{link-en|傷心嶺戰役|Battle of Heartbreak Ridge|这个山峰战斗}}",
            "这个山峰战斗",
            "傷心嶺戰役",
            "Battle of Heartbreak Ridge",
        ),
        (
            "{{Link-en|美國陸軍第10軍|X Corps (United States)|第10軍}}",
            "第10軍",
            "美國陸軍第10軍",
            "X Corps (United States)",
        ),
        (
            "{{tsl|en|Stepan Krasovsky|斯捷潘·克拉索夫斯基}}",
            "斯捷潘·克拉索夫斯基",
            "斯捷潘·克拉索夫斯基",
            "Stepan Krasovsky",
        ),
        ("{{tsl|en|Hill 303 massacre|303高地屠殺|303高地}}", "303高地", "303高地屠殺", "Hill 303 massacre"),
        ("{{le|晋州市 (韩国)|Jinju}}", "晋州市 (韩国)", "晋州市", "Jinju"),
        ("{{link-en|附加議定書|Protocol I#Summary of Provisions}}", "附加議定書", "附加議定書", "Protocol I"),
    ],
)
def test_interlanguage_link_templates(markup: str, shown: str, target: str, foreign: str) -> None:
    text = f"前{markup}后"
    doc = read(text)
    assert doc.text == f"前{shown}后"
    [link] = doc.links
    assert (link.shown, link.target) == (shown, target)
    assert text[link.start : link.end] == markup
    assert link.foreign == foreign
    copied(doc)


def test_lang_templates_show_their_text() -> None:
    doc = read(
        "韩国称之为“韩国战争”（{{lang|ko|한국전쟁}}），又称{{lang-ko|조국해방전쟁}}、{{lang-en|Korean War}}。"
    )
    assert doc.text == "韩国称之为“韩国战争”（한국전쟁），又称조국해방전쟁、Korean War。"
    assert doc.links == []
    copied(doc)


def test_country_templates_show_the_countrys_name() -> None:
    doc = read(
        "=== {{USA}} ===\n{{flag|Canada|1921}}、{{flag|Kingdom of Greece|name=希腊}}、{{flagicon|UK}}英国"
    )
    assert doc.sections[0].title == "美国"
    assert doc.text.splitlines()[1] == "加拿大、希腊、英国"
    assert [(link.target, link.shown) for link in doc.links] == [
        ("United States", "美国"), ("Canada", "加拿大"), ("Kingdom of Greece", "希腊"),
    ]  # fmt: skip
    assert read("{{USA}} troops landed.", lang="en").text == "United States troops landed."


# ------------------------------------------------------------------ infobox and what is kept out
INFOBOX = """{{Infobox Military Conflict
|conflict=朝鲜战争<br>{{lang|ko|한국전쟁}}
|partof=[[冷戰|冷戰]]
|image= [[File:Korean_War_Montage_2.png|300px]]
|date=1950年6月25日－1953年7月27日<ref>停战</ref>
|place=[[朝鮮半島]]、{{le|朝鲜东海|Sea of Japan}}
|combatant1={{flag|South Korea|name=韩国}}<br>{{flag|United States}}
}}
'''朝鲜战争'''是一场战争。"""


def test_infobox_is_fields_not_prose() -> None:
    doc = read(INFOBOX)
    assert doc.text.strip() == "朝鲜战争是一场战争。"
    assert doc.infobox == {
        "conflict": "朝鲜战争 한국전쟁",
        "partof": "冷戰",
        "date": "1950年6月25日－1953年7月27日",
        "place": "朝鮮半島、朝鲜东海",
        "combatant1": "韩国 美国",
    }
    assert doc.links == []  # links inside the infobox are not readable prose


def test_refs_comments_files_categories_and_maintenance_are_kept_out() -> None:
    text = (
        "[[File:Inchon.jpg|thumb|美军在[[仁川]]登陆]]\n"
        "美军登陆<ref name=a>{{cite web|url=http://x|title=T}}</ref>仁川<ref name=a/>"
        "<!-- 注释 -->{{cn}}{{citation needed|date=2020}}{{noteTag|1=注}}。\n"
        "[[Image:Map.png|left|地图]][[Category:朝鲜战争]][[en:Korean War]][[分类:战争]]"
    )
    doc = read(text)
    assert doc.text.strip() == "美军登陆仁川。"
    assert doc.links == []  # the caption's [[仁川]] goes with the caption
    copied(doc)


def test_gallery_math_and_unknown_templates_are_dropped() -> None:
    doc = read("甲<gallery>File:A.jpg|首尔</gallery>乙{{某个未知模板|汉城}}丙<math>x^2</math>丁")
    assert doc.text == "甲乙丙丁"


def test_bold_italic_entities_breaks_and_external_links() -> None:
    text = "'''朝鲜战争'''（''Korean War''）&nbsp;爆发<br />于[http://example.org 1950年]，见 http://example.org 。"
    doc = read(text)
    assert doc.text == "朝鲜战争（Korean War） 爆发\n于1950年，见  。"  # bare URLs are not prose
    copied(doc, synthetic="\n ")


def test_unbalanced_quotes_and_switches_leave_no_markup() -> None:
    assert read("__NOTOC__甲''乙丙").text == "甲乙丙"
    assert read("甲'''乙丙").text == "甲乙丙"


def test_table_cells_stay_readable_and_separate() -> None:
    text = '{| class="wikitable"\n|-\n! 战役 !! 时间\n|-\n| [[仁川登陆]] || 1950年9月\n|-\n| 长津湖战役 || 1950年11月\n|}'
    doc = read(text)
    lines = [" ".join(line.split()) for line in doc.text.splitlines() if line.strip()]
    assert lines == ["战役 时间", "仁川登陆 1950年9月", "长津湖战役 1950年11月"]
    assert doc.links[0].target == "仁川登陆"
    copied(doc)


def test_convert_keeps_value_and_unit() -> None:
    assert read("净损失{{convert|1500|sqmi|km2}}领土").text == "净损失1500 sqmi领土"


# ------------------------------------------------------------------ language conversion
@pytest.mark.parametrize(
    ("markup", "chosen"),
    [
        ("-{zh-hans:中朝;zh-hant:中國和朝鮮}-", "中朝"),
        ("-{zh-hant:南韓; zh-hans:韩国}-", "韩国"),
        ("-{zh-cn:韩国; zh-hant:南韓; zh-sg: 南韩}-", "韩国"),
        ("-{zh:邱吉爾;zh-tw:邱吉爾;zh-hk:丘吉爾}-", "邱吉爾"),
        ("-{zh-tw:史達林;zh-hk:史太林}-", "史達林"),
        ("-{志}-", "志"),
        ("朝-{}-鮮", "朝鮮"),
        ("-{H|zh-cn:李奇微;zh-tw:李奇威}-", ""),
        ("-{R|zh-cn:raw}-", "zh-cn:raw"),
    ],
)
def test_conversion_resolves_to_one_variant(markup: str, chosen: str) -> None:
    doc = read(f"甲{markup}乙")
    assert doc.text == f"甲{chosen}乙"
    copied(doc)


def test_conversion_variants_become_aliases_and_links_survive() -> None:
    text = "-{zh-hant:[[朝鮮王朝|朝鮮王朝]];zh-hans:[[朝鲜王朝|朝鲜王朝]]}-与-{H|zh-cn:李奇微;zh-tw:李奇威}-"
    doc = read(text)
    assert doc.text == "朝鲜王朝与"
    [link] = doc.links
    assert (link.target, text[link.start : link.end]) == ("朝鲜王朝", "[[朝鲜王朝|朝鲜王朝]]")
    assert doc.aliases == {
        "朝鮮王朝": ["朝鲜王朝"], "朝鲜王朝": ["朝鮮王朝"], "李奇威": ["李奇微"], "李奇微": ["李奇威"],
    }  # fmt: skip


def test_note_ta_rules_are_aliases_not_text() -> None:
    text = "{{noteTA\n|G1=Military\n|1=zh:朝鮮戰爭; zh-cn:朝鲜战争; zh-tw:韓戰;\n|3=zh-hans:朝鲜停战; zh-hant:朝鮮停戰; <!-- 注 -->\n}}\n正文"
    doc = read(text)
    assert doc.text.strip() == "正文"
    assert doc.aliases["韓戰"] == ["朝鮮戰爭", "朝鲜战争"]
    assert doc.aliases["朝鲜停战"] == ["朝鮮停戰"]


# ------------------------------------------------------------------ sections
def test_sections_titles_levels_and_spans() -> None:
    text = "导言\n== 背景 ==\n甲\n=== 分裂 ===\n乙\n== 经过 ==\n==== 仁川 ====\n丙\n"
    doc = read(text)
    got = [(s.title, s.level, text[s.start : s.heading_end], s.end) for s in doc.sections]
    assert got == [
        ("背景", 2, "== 背景 ==\n", text.index("== 经过")),
        ("分裂", 3, "=== 分裂 ===\n", text.index("== 经过")),
        ("经过", 2, "== 经过 ==\n", len(text)),
        ("仁川", 4, "==== 仁川 ====\n", len(text)),
    ]
    assert doc.section_at(text.index("乙")).title == "分裂"
    assert doc.section_at(text.index("丙")).title == "仁川"
    assert "背景" in doc.text and "==" not in doc.text


def test_section_title_with_conversion_markup() -> None:
    doc = read("=== 对-{zh-hans:朝鲜;zh-hant:韓國}-平民的屠杀 ===\n正文")
    assert doc.sections[0].title == "对朝鲜平民的屠杀"


# ------------------------------------------------------------------ truncation
@pytest.mark.parametrize(
    "text",
    [
        "朝鲜战争\n{{Infobox Military Conflict\n|conflict=朝鲜战争\n|date=1950年",
        "美军在[[仁川登",
        "美军登陆<ref>{{cite web|url=http://example.org",
    ],
)
def test_truncated_wikitext_is_input_error(text: str) -> None:
    with pytest.raises(InputError, match="truncated wikitext") as caught:
        read(text)
    assert caught.value.where == "t.wikitext"


def test_a_stray_unclosed_template_followed_by_more_paragraphs_is_read() -> None:
    doc = read("甲{{webarchive|url=http://x 乙\n\n丙[[丁]]。\n\n戊")
    assert doc.text.endswith("丙丁。\n\n戊")
    assert [link.target for link in doc.links] == ["丁"]


# ------------------------------------------------------------------ other languages, catalogue
def test_english_article_fragment() -> None:
    text = (
        "{{Infobox military conflict\n| conflict = Battle of Inchon\n| place = [[Incheon]], South Korea\n}}\n"
        "The '''Battle of Inchon''' was an [[amphibious warfare|amphibious]] invasion by the "
        "[[United Nations Command]].<ref>{{cite book|title=T}}</ref> Gen. [[Douglas MacArthur]] landed "
        "{{convert|160|km|mi}} behind the lines on 15 September 1950.\n== Background ==\nSeoul fell."
    )
    doc = read(text, lang="en")
    assert doc.infobox == {"conflict": "Battle of Inchon", "place": "Incheon, South Korea"}
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert sentences == [
        "The Battle of Inchon was an amphibious invasion by the United Nations Command.",
        "Gen. Douglas MacArthur landed 160 km behind the lines on 15 September 1950.",
        "Background",
        "Seoul fell.",
    ]
    assert [link.target for link in doc.links] == [
        "amphibious warfare",
        "United Nations Command",
        "Douglas MacArthur",
    ]


def test_persian_wikitext_namespaces_are_kept_out() -> None:
    doc = read("[[پرونده:Korea.png|بندانگشتی|نقشه]]نيروها به [[سئول]] رسيدند.[[رده:جنگ کره]]", lang="fa")
    assert doc.text == "نيروها به سئول رسيدند."
    assert [link.target for link in doc.links] == ["سئول"]


def test_template_catalogue_rows_are_documented() -> None:
    import csv

    from warmap.reading.wikitext import DATA_DIR, fold_template_name

    roles = {"link", "interlang", "flag", "text", "convert", "noteta", "infobox", "drop"}
    with open(DATA_DIR / "templates.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len({row["template"] for row in rows}) == len(rows)
    for row in rows:
        assert row["role"] in roles and row["source"].strip(), row
        assert fold_template_name(row["template"]) == row["template"], row
    with open(DATA_DIR / "countries.tsv", encoding="utf-8", newline="") as handle:
        countries = list(csv.DictReader(handle, delimiter="\t"))
    assert all(row["name"] and row["source"] for row in countries)
    from warmap.languages import all_packs

    keys = {fold_template_name(row["key"]) for row in countries}
    for pack in all_packs():
        for row in pack.rows("reading", "country_name"):
            assert fold_template_name(row.text) in keys, f"{row.path}:{row.line}: no such country template"


def test_pipe_trick_shows_the_title_without_its_disambiguator() -> None:
    doc = read("到[[仁川 (韩国)|]]。")
    assert doc.text == "到仁川。"
    assert (doc.links[0].target, doc.links[0].hint, doc.links[0].shown) == ("仁川", "韩国", "仁川")


def test_caption_remnants_and_stray_brackets_are_dropped() -> None:
    # The bundled article has captions whose inner links were cut: "[[File:x.png|thumb]]成功]]".
    doc = read("[[File:Battle_of_Inchon.png|thumb]]成功]]\n朝鮮戰爭初期]]，韓國國軍[[節節敗退。\n\n完")
    assert doc.text == "\n朝鮮戰爭初期，韓國國軍節節敗退。\n\n完"
    doc = read("[[File:Navy.jpg|thumb]]正在炮轟[[清津市|清津市]]]]\n美军[[撤退]]。")
    assert doc.text == "\n美军撤退。" and [link.target for link in doc.links] == ["撤退"]


def test_conversion_limited_to_variants_shows_its_content() -> None:
    doc = read("-{zh-hans;zh-hant|{{reflist|3}}来源}-")
    assert doc.text == "来源"


# ------------------------------------------------------------------ a whole (Traditional Chinese) article
def test_a_whole_article_in_traditional_chinese() -> None:
    from pathlib import Path

    from warmap.sources import load_sources

    path = Path(__file__).parent / "fixtures" / "reading" / "chosin-hant.wikitext"
    [source] = load_sources([str(path)])
    assert (source.lang, source.format) == ("zh", "wikitext")
    doc = read_document(source)
    text = source.text
    assert [(s.title, s.level) for s in doc.sections] == [("背景", 2), ("經過", 2), ("包圍", 3), ("撤退", 3)]
    assert doc.infobox["place"] == "長津湖，咸鏡南道" and doc.infobox["result"] == "聯合國軍撤退至興南"
    assert doc.aliases["長津湖"] == ["长津湖"] and doc.aliases["北韓"] == ["朝鲜"]
    assert doc.aliases["志願軍"] == ["志愿军"]
    targets = [link.target for link in doc.links]
    assert targets == ["朝鮮戰爭", "第二次戰役", "美國陸軍第10軍", "長津湖", "柳潭里", "新興里", "下碣隅里",
                       "下碣隅里", "古土里", "興南"]  # fmt: skip
    assert doc.links[3].hint == "朝鮮"
    for link in doc.links:
        assert text[link.start : link.end].startswith(("[[", "{{"))
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "長津湖戰役（Battle of Chosin Reservoir）是朝鮮戰爭中的一場戰役。" in sentences
    assert "志愿军第9兵團秘密入朝。" in sentences
    assert "12月6日，美軍從下碣隅里向古土里突圍；12月11日抵達興南。" in sentences
    for leftover in ("{{", "[[", "<ref", "<!--", "cite", "Category", "wikitable", "|"):
        assert leftover not in doc.text

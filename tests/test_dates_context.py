"""find_dates on Documents: spans back to the source, and the year a partial date takes from its section."""

from __future__ import annotations

from pathlib import Path

import pytest

from warmap.chronology.dates import find_dates
from warmap.model import Document, Link, Section, Source
from warmap.reading import read_document
from warmap.reading.normalize import match_form
from warmap.sources import load_sources

CORPUS = Path(__file__).resolve().parents[1] / "warmap" / "corpus"


def _document(
    source_text: str, readable: str, offsets: list[int], sections=(), links=(), lang="zh"
) -> Document:
    match_text, match_offsets = match_form(readable)
    return Document(
        source=Source(name="t.wikitext", text=source_text, lang=lang, format="wikitext"),
        text=readable,
        offsets=offsets + [offsets[-1] + 1],
        match_text=match_text,
        match_offsets=match_offsets,
        sections=list(sections),
        links=list(links),
    )


def _plain(text: str, sections=(), links=(), lang="zh") -> Document:
    return _document(text, text, list(range(len(text))), sections, links, lang)


def test_spans_map_back_to_the_source_through_markup() -> None:
    source = "战役在[[1950年]]10月25日打响"
    readable = "战役在1950年10月25日打响"
    offsets = [0, 1, 2] + list(range(5, 10)) + list(range(12, 18)) + [18, 19]
    (found,) = find_dates(_document(source, readable, offsets))
    assert (found.first.iso(), found.surface) == ("1950-10-25", "1950年]]10月25日")
    assert source[found.start : found.end] == found.surface
    assert readable[found.readable_start : found.readable_end] == "1950年10月25日"


def _two_sections(second_heading: str, main_target: str | None = None) -> Document:
    first = "== 甲 ==\n1952年5月7日，克拉克抵达。10月8日，会谈中断。\n"
    second = (
        f"== {second_heading} ==\n"
        + ("朝鲜战争1951年夏秋季战役\n" if main_target else "")
        + "在8月18日－9月18日的夏季攻势中，9月5日攻下。\n"
    )
    text = first + second
    sections = [
        Section("甲", 2, 0, len(first), heading_end=len("== 甲 ==\n")),
        Section(
            second_heading,
            2,
            len(first),
            len(text),
            heading_end=len(first) + len(f"== {second_heading} ==\n"),
        ),
    ]
    links = []
    if main_target:
        at = text.index("朝鲜战争1951")
        links.append(Link(main_target, main_target, at, at + len(main_target), kind="main"))
    return _plain(text, sections, links)


def test_a_section_without_a_year_continues_from_the_section_before() -> None:
    found = find_dates(_two_sections("乙"))
    assert [f.first.iso() for f in found] == ["1952-05-07", "1952-10-08", "1952-08-18", "1952-09-05"]


def test_a_year_in_the_heading_or_its_main_link_wins_over_the_sections_before() -> None:
    by_link = find_dates(_two_sections("乙", main_target="朝鲜战争1951年夏秋季战役"))
    assert [f.first.iso() for f in by_link][-2:] == ["1951-08-18", "1951-09-05"]
    by_title = find_dates(_two_sections("1951年夏季攻势"))
    assert [f.first.iso() for f in by_title][-2:] == ["1951-08-18", "1951-09-05"]


def test_the_nearest_date_in_the_section_beats_the_documents_first_year() -> None:
    text = "1950年6月25日战争爆发。1953年2月22日，克拉克致信。4月6日举行会谈。"
    found = find_dates(_plain(text))
    assert found[-1].first.iso() == "1953-04-06"


@pytest.fixture(scope="module")
def zh_dates() -> dict[str, list[str]]:
    doc = read_document(load_sources([str(CORPUS / "zh-korean-war.wikitext")])[0])
    by_surface: dict[str, list[str]] = {}
    for mention in find_dates(doc):
        assert doc.source.text[mention.start : mention.end] == mention.surface
        by_surface.setdefault(doc.text[mention.readable_start : mention.readable_end], []).append(
            mention.first.iso()
        )
    return by_surface


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("9月15日", "1950-09-15"),
        ("9月25日", "1950-09-25"),
        ("10月19日", "1950-10-19"),
        ("1月2日", "1951-01-02"),
        ("1月4日", "1951-01-04"),
        ("3月14日晚上至15日", "1951-03-14"),
        ("7月10日11時", "1951-07-10"),
        ("9月5日", "1951-09-05"),
        ("5月13日", "1953-05-13"),
        ("1953年7月27日上午10時", "1953-07-27"),
    ],
)
def test_the_chinese_article_dates(zh_dates: dict[str, list[str]], written: str, iso: str) -> None:
    assert iso in zh_dates[written]


def test_the_bloody_ridge_section_is_in_1951_not_in_the_year_the_section_before_ended(zh_dates) -> None:
    assert "1952-08-27" not in zh_dates["8月27日"]
    assert zh_dates["8月27日"] == ["1951-08-27"]


def test_the_persian_article_dates() -> None:
    doc = read_document(load_sources([str(CORPUS / "fa-korean-war.txt")])[0])
    found = [(m.first.iso(), m.last.iso() if m.last else None) for m in find_dates(doc)]
    assert found == [
        ("1950", "1953"),
        ("1950-06-25", None),
        ("1950-06-25", None),
        ("1950-06-27", None),
        ("1950-09-15", None),
        ("1950-10-10", None),
        ("1950-10-16", None),
        ("1950-11", None),
        ("1950-12", None),
        ("1951-04-27", None),
        ("1951-05-16", None),
        ("1951-06", None),
        ("1953-07-27", None),
    ]

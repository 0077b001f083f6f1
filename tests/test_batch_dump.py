"""warmap batch inputs: MediaWiki XML dumps streamed page by page, filters, bad inputs (exit 2)."""

from __future__ import annotations

import bz2
import gc
import hashlib
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from warmap.batch import BatchItem, categories_of, iter_dump, iter_inputs, safe_map, selected
from warmap.cli import main

EXPORT_NS = "http://www.mediawiki.org/xml/export-0.11/"
PLACES = [
    "仁川",
    "汉城",
    "平壤",
    "元山",
    "开城",
    "大邱",
    "釜山",
    "新义州",
    "长津湖",
    "铁原",
    "清川江",
    "洛东江",
]


def page_xml(title: str, texts: list[str], page_id: int, ns: int = 0, redirect: str | None = None) -> str:
    """One <page> as Special:Export writes it (every revision in order; the last is current)."""
    revisions = []
    for number, text in enumerate(texts, start=1):
        sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        revisions.append(
            f"    <revision>\n      <id>{page_id * 100 + number}</id>\n"
            f"      <timestamp>2024-01-0{number}T00:00:00Z</timestamp>\n"
            "      <contributor>\n        <username>Tester</username>\n        <id>1</id>\n      </contributor>\n"
            "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
            f'      <text bytes="{len(text.encode("utf-8"))}" xml:space="preserve">{escape(text)}</text>\n'
            f"      <sha1>{sha1}</sha1>\n    </revision>\n"
        )
    redirect_tag = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n    <id>{page_id}</id>\n"
        f"{redirect_tag}{''.join(revisions)}  </page>\n"
    )


def dump_xml(pages: list[str], category_name: str = "Category") -> str:
    return (
        f'<mediawiki xmlns="{EXPORT_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{EXPORT_NS} http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" '
        'xml:lang="zh">\n  <siteinfo>\n    <sitename>Wikipedia</sitename>\n    <dbname>zhwiki</dbname>\n'
        "    <base>https://zh.wikipedia.org/wiki/Main_Page</base>\n    <generator>MediaWiki 1.42</generator>\n"
        '    <case>first-letter</case>\n    <namespaces>\n      <namespace key="0" case="first-letter" />\n'
        '      <namespace key="1" case="first-letter">Talk</namespace>\n'
        f'      <namespace key="14" case="first-letter">{category_name}</namespace>\n'
        "    </namespaces>\n  </siteinfo>\n" + "".join(pages) + "</mediawiki>\n"
    )


def battle_text(number: int) -> str:
    """A short Chinese account naming two places and a date, different for every page."""
    first, second = PLACES[number % len(PLACES)], PLACES[(number * 5 + 3) % len(PLACES)]
    day = number % 27 + 1
    return (
        f"== 第{number}次战斗 ==\n1950年10月{day}日，志愿军在[[{first}]]附近与联合国军交战，"
        f"随后向[[{second}]]推进。\n[[Category:朝鲜战争战役]]\n"
    )


def write_dump(path: Path, count: int, extra_pages: list[str] = (), padding: int = 0) -> Path:
    """A dump of ``count`` battle pages (+ extra pages); ``.bz2`` paths are compressed."""
    pages = [page_xml(f"战斗{n:05d}", [battle_text(n) + "注" * padding], n + 1) for n in range(count)]
    data = dump_xml(pages + list(extra_pages)).encode("utf-8")
    path.write_bytes(bz2.compress(data) if path.name.endswith(".bz2") else data)
    return path


# ------------------------------------------------------------------ streaming
def test_dump_pages_are_articles_with_their_last_revision(tmp_path: Path) -> None:
    extra = [
        page_xml(
            "仁川登陆", ["旧版本 [[汉城]]", "1950年9月15日，联合国军在[[仁川]]登陆。\n[[분류:전투]]"], 900
        ),
        page_xml("Talk:仁川登陆", ["讨论"], 901, ns=1),
        page_xml("仁川战役", ["#REDIRECT [[仁川登陆]]"], 902, redirect="仁川登陆"),
        page_xml("空白页", [""], 903),
    ]
    plain = write_dump(tmp_path / "dump.xml", 3, extra)
    packed = write_dump(tmp_path / "dump.xml.bz2", 3, extra)
    items = list(iter_dump(plain))
    assert [i.title for i in items] == ["战斗00000", "战斗00001", "战斗00002", "仁川登陆", "空白页"]
    assert items[3].text.startswith("1950年9月15日") and items[3].categories == ["전투"]
    assert items[0].categories == ["朝鲜战争战役"]
    assert [(i.title, i.text) for i in iter_dump(packed)] == [(i.title, i.text) for i in items]


def test_category_namespace_comes_from_the_dump(tmp_path: Path) -> None:
    path = tmp_path / "ko.xml"
    path.write_text(
        dump_xml([page_xml("Inchon", ["[[Inchon]]\n[[Kategorie:Schlacht im Koreakrieg]]"], 1)], "Kategorie")
    )
    (item,) = iter_dump(path)
    assert item.categories == ["Schlacht im Koreakrieg"]
    assert categories_of("[[category: 朝鲜战争 |排序]] [[分類:战役]]") == ["朝鲜战争", "战役"]


def test_dump_streams_in_flat_memory(tmp_path: Path) -> None:
    """Peak Python memory while reading 3,000 pages is that of a few pages, not of the dump."""

    def peak(path: Path) -> tuple[int, int]:
        gc.collect()
        tracemalloc.start()
        count = sum(1 for _ in iter_dump(path))
        peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return count, peak_bytes

    small = write_dump(tmp_path / "small.xml.bz2", 300, padding=800)
    large = write_dump(tmp_path / "large.xml.bz2", 3000, padding=800)
    assert len(bz2.decompress(large.read_bytes())) > 8_000_000  # ~3 kB of UTF-8 per page
    (small_count, small_peak), (large_count, large_peak) = peak(small), peak(large)
    assert (small_count, large_count) == (300, 3000)
    assert large_peak < 1_000_000, large_peak
    assert large_peak < small_peak * 1.5 + 200_000, (small_peak, large_peak)


# ------------------------------------------------------------------ selection and failures
def test_title_and_category_filters(tmp_path: Path) -> None:
    import re

    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.wikitext").write_text("[[仁川]]\n[[Category:战役]]", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("平壤", encoding="utf-8")
    (folder / "skip.csv").write_text("x", encoding="utf-8")
    items = list(iter_inputs([str(folder)]))
    assert [i.title for i in items] == ["texts/a.wikitext", "texts/sub/b.txt"]
    assert [selected(i, re.compile("sub/"), None) for i in items] == [False, True]
    assert [selected(i, None, re.compile("^战役$")) for i in items] == [True, False]


def test_a_failing_document_is_a_reason_not_an_exception() -> None:
    assert safe_map(BatchItem("empty", " \n", "x"), None, None) == (None, "empty document, no text to read")
    assert safe_map(BatchItem("nul", "\x00\x01\x02\x03", "x"), None, None)[1].startswith("binary content")
    result, error = safe_map(BatchItem("broken", b"not text", "x"), None, None)  # the pipeline raises
    assert result is None and error.startswith("TypeError"), error


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.xml", None, "no such file or folder"),
        (
            "page.xml",
            b"<html><body>not a dump</body></html>",
            "not a MediaWiki XML dump (root element <html>)",
        ),
        ("cut.xml", b'<mediawiki xmlns="x"><page><title>a</title>', "not a readable MediaWiki XML dump"),
        ("fake.xml.bz2", b"plain bytes, not bzip2", "cannot read the dump"),
        ("table.csv", b"a,b\n", "not a text file or MediaWiki dump"),
    ],
)
def test_bad_inputs_are_one_line_and_exit_2(tmp_path: Path, capsys, name: str, content, problem: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["batch", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0] and name in err[0], err
    assert not list((tmp_path / "out").glob("docs/*.geojson")) if (tmp_path / "out").exists() else True


def test_bad_options_exit_2(tmp_path: Path, capsys) -> None:
    dump = write_dump(tmp_path / "d.xml", 1)
    assert main(["batch", str(dump), "--out", str(tmp_path / "o"), "--title", "("]) == 2
    assert "--title" in capsys.readouterr().err
    assert main(["batch", str(dump), "--out", str(tmp_path / "o"), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err

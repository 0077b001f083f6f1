"""Reading time grows linearly with the size of the wikitext (a 20 MB page reads in seconds)."""

from __future__ import annotations

import time

import pytest

from warmap.model import Source
from warmap.paths import corpus_dir
from warmap.reading import read_document

ARTICLE = (corpus_dir() / "zh-korean-war.wikitext").read_text(encoding="utf-8")


def _seconds(copies: int) -> float:
    text = "\n".join([ARTICLE] * copies)
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        doc = read_document(Source(name="big", text=text, lang="zh", format="wikitext"))
        best = min(best, time.process_time() - started)
    assert len(doc.sections) == 58 * copies
    return best


def test_reading_time_is_linear_in_size() -> None:
    small, large = _seconds(2), _seconds(8)
    # Linear: ~4x. Quadratic offset mapping or link bookkeeping would be ~16x.
    assert large < 8 * small, (small, large)
    assert large < 20, large  # 1.1 M characters (~2 MB of UTF-8)


@pytest.mark.parametrize(
    "opener", ["{{a|", "[[a|{{b|", "{{{a|", "<ref>", "<span>", "[http://a ", "<nowiki>", "{|\n"]
)
def test_unclosed_openers_do_not_make_parsing_quadratic(opener: str) -> None:
    # mwparserfromhell alone spends 1-60 s on 8,000 of these; the reader defuses them first.
    text = opener * 8000 + "\n\n结束。"
    started = time.process_time()
    doc = read_document(Source(name="soup", text=text, lang="zh", format="wikitext"))
    assert time.process_time() - started < 3
    assert doc.text.endswith("结束。")

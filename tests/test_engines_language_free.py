"""The engines name no language: what differs between languages is in their packs (issue 10).

Every module of ``warmap`` outside ``warmap/languages/`` is read for a language used as a
condition or as a key into per-language data: ``lang == "en"``, ``lang in ("zh", "ja")``,
``for lang in ("en", "zh", "fa")``, ``known["zh"]``, ``f"title_{lang}"``, ``vocabulary("zh")``,
``lookup(name, lang="en")``. Any of these means
the next language has to edit Python; its words, flags and scripts belong in its pack.

English as a subscript (``names["en"]``) is not caught: it is the language the maps, the
tables and the ids are shown in, a display choice rather than a rule of a language. A
condition on English (``lang != "en"``) is caught like any other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "warmap"
CODE = r"(?:zh|fa|en|ko|ja|ar|ru)"
PATTERNS = {
    "a comparison with a language": re.compile(
        rf"""\blang\w*\s*(?:==|!=)\s*['"][a-z]{{2}}\b|['"]{CODE}(?:-\w+)*['"]\s*(?:==|!=)\s*[\w.]*lang\b"""
    ),
    "membership in languages": re.compile(r"""\blang\w*\s+(?:not\s+)?in\s*[(\[{]\s*['"][a-z]{2}['"]"""),
    "a literal list of languages": re.compile(rf"""\bin\s*[(\[{{]\s*['"]{CODE}['"]\s*,"""),
    "a key of one language's data": re.compile(r"""\[\s*['"](?:zh|fa|ko|ja|ar|ru)['"]\s*\]"""),
    "a column per language": re.compile(r"""_\{lang\}|title_\{"""),
    "one language's rules asked for": re.compile(
        rf"""\b(?!get\b|setdefault\b)\w+\(\s*['"]{CODE}['"]\s*[,)]|\blang\s*=\s*['"]{CODE}['"]"""
    ),
}


def _engine_files() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if "languages" not in p.relative_to(ENGINE).parts[:1])


def _hits(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("#", 1)[0]
        for what, pattern in PATTERNS.items():
            if pattern.search(code):
                found.append(f"line {number}: {what}: {line.strip()}")
    return found


@pytest.mark.parametrize("path", _engine_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_engine_code_names_no_language(path: Path) -> None:
    hits = _hits(path.read_text(encoding="utf-8"))
    assert not hits, f"{path.relative_to(ROOT)} names languages in code:\n" + "\n".join(hits)


@pytest.mark.parametrize(
    "line",
    [
        'if lang in ("zh", "ja") and "." in run:',
        'self.out.synth(known["zh"] if self.source.lang == "zh" else known["en"], at)',
        'title = {lang: row.get(f"title_{lang}", "") for lang in ("en", "zh", "fa")}',
        'if lang == "ko-Hani":',
        'if doc.lang != "en":',
        'return {"hangul": "ko"}.get(script) if "fa" == view.lang else None',
        'vocab = vocabulary("zh")',
        'found = gazetteer.lookup(gloss, lang="en")',
    ],
)
def test_the_patterns_catch_what_issue_10_found(line: str) -> None:
    assert _hits(line)


@pytest.mark.parametrize(
    "line",
    [
        'name = names.get("en") or sorted(names)[0]',
        'names.setdefault("en", place.name)',
        'first_lang = "en" if names else None',
        'if c.how in ("exact", "normalised"):',
        'for t in ("zh-Hans", "zh", "zh-Hant"):',
        "first = title[sorted(title)[0]]",
        '# a comment may say lang == "zh"',
    ],
)
def test_the_patterns_leave_alone_what_is_no_language_rule(line: str) -> None:
    assert not _hits(line)

"""Deeply nested markup is bad input, never an internal error (issue 14, item 9).

``{{{``×200 ``x`` ``}}}``×200 (1.2 KB) used to end in a RecursionError (exit 1): the
parse tree is walked recursively. Any nesting now reads (exit 0) or is refused with
one line naming the file (exit 2).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warmap.cli import main


def _nest(opener: str, closer: str, depth: int) -> str:
    return "Seoul fell. " + opener * depth + "x" + closer * depth + "\n\nKaesong was taken.\n"


NESTS = {
    "arguments": ("{{{", "}}}"),
    "templates": ("{{", "}}"),
    "links": ("[[", "]]"),
    "tables": ("\n{|\n", "\n|}\n"),
    "refs": ("<ref>", "</ref>"),
    "spans": ("<span>", "</span>"),
    "mixed": ("{{a|[[b|<span>", "</span>]]}}"),
}


@pytest.mark.parametrize("depth", [200, 700, 3000])
@pytest.mark.parametrize("kind", sorted(NESTS))
def test_deep_nesting_reads_or_is_one_line_of_bad_input(
    kind: str, depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.wikitext"
    path.write_text(_nest(*NESTS[kind], depth), encoding="utf-8")
    status = main(["read", "--format", "wikitext", str(path)])
    err = capsys.readouterr().err
    assert status in (0, 2), err
    if status == 2:
        assert err.count("\n") == 1 and str(path) in err and "nested" in err, err


def test_shallow_nesting_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shallow.wikitext"
    path.write_text(_nest("{{", "}}", 20), encoding="utf-8")
    assert main(["read", "--json", "--format", "wikitext", str(path)]) == 0
    assert "Kaesong" in capsys.readouterr().out


def test_the_reported_case_through_the_whole_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deep.txt"
    path.write_text("{{{" * 200 + "x" + "}}}" * 200 + "\n", encoding="utf-8")
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    status = main(["places", "--offline", str(path)])
    err = capsys.readouterr().err
    assert status in (0, 2) and "internal error" not in err, err

"""Fuzzing the readers and the command line (issue 14): any input is read, or refused with one line.

Bounded and deterministic: derandomized hypothesis, a few dozen examples. The
10,000-case run is a benchmark: ``python -m benchmarks --only fuzz``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz import cases, problem, run_case, texts
from warmap.errors import InputError
from warmap.reading import document_to_json, read_document
from warmap.sources import source_from_text

# The reported case (issue 14, item 9), always tried; deeper than reported, as hypothesis
# raises the recursion limit while it runs a test.
DEEP = "{{{" * 3000 + "x" + "}}}" * 3000
BOUNDED = settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@BOUNDED
@given(texts, st.sampled_from(["wikitext", "text"]), st.sampled_from(["zh", "fa", "en", "ko"]))
@example(DEEP, "wikitext", "en")
@example("[[" * 300 + "]]" * 300 + "\x1b[2J", "wikitext", "zh")
def test_readers_read_or_refuse_any_text(text: str, fmt: str, lang: str) -> None:
    try:
        source = source_from_text("fuzz.txt", text, lang=lang, fmt=fmt)
        document = read_document(source)
    except InputError:
        return
    assert len(document.offsets) == len(document.text) + 1
    assert all(0 <= offset <= len(text) for offset in document.offsets)
    document_to_json(document)


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_the_command_line_exits_0_or_2_with_one_line(
    fuzz_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(fuzz_folder / "cache"))
    findings: list[str] = []

    @BOUNDED
    @given(cases)
    @example((DEEP.encode(), "{{7*7}}.txt", ["places", "--offline"], ["--format", "wikitext"]))
    def one(case: tuple[bytes, str, list[str], list[str]]) -> None:
        raw, name, command, fmt = case
        why = problem(*run_case(raw, name, command, fmt, fuzz_folder))
        if why is not None:
            findings.append(f"{command + fmt} {name!r} {raw[:120]!r}: {why}")

    one()
    assert not findings, "\n".join(findings)


def test_a_finding_is_reported() -> None:
    """The check itself can fail: exit 1, and exit 2 with two lines, are findings."""
    assert problem(0, "") is None and problem(2, "warmap: x: bad\n") is None
    assert problem(1, "warmap: internal error: RecursionError\n") is not None
    assert problem(2, "warmap: x\nTraceback\n") is not None
    assert problem(-1, "RecursionError: deep") is not None

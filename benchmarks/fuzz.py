"""Fuzzing the readers and the command line: hostile texts, names and options, in-process.

Each case is a text (markup fragments, control characters, deep nests, scripts of the
war's languages, raw bytes), a file name and a command; it is written to a file and
run through ``warmap.cli.main``. Exit status 0 or 2 (with one stderr line) is a pass;
1, an exception escaping ``main``, or 2 with more than one line is a finding.
``tests/test_hostile_fuzz.py`` runs a few dozen cases on every test run;
``python -m benchmarks --only fuzz`` runs 10,000 (300 with --quick).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "{{", "}}", "{{{", "}}}", "[[", "]]", "[[File:x.jpg|thumb|", "{|", "\n{|\n", "\n|}", "|-", "|", "||", "!",
    "<ref>", "</ref>", "<ref name=a/>", "<!--", "-->", "<nowiki>", "</nowiki>", "<pre>", "<math>", "<span>",
    "</span>", "<div>", "<br>", "\n== ", " ==\n", "\n=== ", "\n", "\n\n", "'''", "''", "-{", "}-", "-{zh-hans:",
    ";zh-hant:", "&#123;", "&amp;", "&nbsp;", "&#x1b;", "[http://example.org x]", "[//x", "#REDIRECT [[x]]",
    "__TOC__", "=", "{{Infobox military conflict\n|conflict=", "{{lang|ko|", "{{le|", "{{USA}}", "<table>",
    "{{#if:", "{{{1|", "\x1b[2J", "\x1b]0;title\x07", "\x9b", "\x07", "\x08", "\r", "\r\n", "\t", "\ufeff",
    "\u202e", "\u200c", "\u200d", "\ud7a3", "\U0001f600", "{{7*7}}", "{{lipsum.__globals__}}", "=HYPERLINK(\"x\")",
    "仁川", "汉城", "漢城", "平壤", "洛东江", "三八线", "长津湖", "1950年6月25日", "民國三十九年", "廿五日", "6月28日",
    "第一次战役", "攻占", "登陆", "撤退", "Seoul", "Inchon", "Pusan", "15 September 1950", "the Naktong River",
    "captured", "landed at", "38th parallel", "نبرد", "اینچون", "سئول", "۱۳۲۹/۰۴/۰۴", "۲۵ ژوئن ۱۹۵۰",
    "서울", "인천", "1950년 6월 25일", "Hill 303", "高地", "。", "，", ". ", "؛", "(", ")", "«", "»",
]
COMMANDS = [
    ["read"], ["read", "--json"], ["places", "--offline"], ["places", "--offline", "--json"],
    ["places", "--offline", "--csv"], ["events", "--offline", "--json"], ["events", "--offline", "--csv"],
    ["phases", "--offline"],
]
FORMATS = [[], ["--format", "wikitext"], ["--format", "text"]]

NESTS = [("{{", "}}"), ("{{{", "}}}"), ("[[", "]]"), ("\n{|\n", "\n|}\n"), ("<ref>", "</ref>"),
         ("<span>", "</span>"), ("-{", "}-"), ("{{a|", "}}"), ("[[a|", "]]")]  # fmt: skip

_nest = st.tuples(st.sampled_from(NESTS), st.integers(2, 800), st.sampled_from(FRAGMENTS)).map(
    lambda case: case[0][0] * case[1] + case[2] + case[0][1] * case[1]
)
_piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=20),
    st.tuples(st.sampled_from(FRAGMENTS), st.integers(2, 400)).map(lambda pair: pair[0] * pair[1]),
    _nest,
)
texts = st.lists(_piece, max_size=40).map("".join)
raw_inputs = st.one_of(
    texts.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    texts.map(lambda text: b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")),
)
file_names = st.one_of(
    st.just("source.txt"),
    st.lists(st.sampled_from(["{{7*7}}", "=HYPERLINK(1)", "\x1b]0;x\x07", "<b>", "&amp;", "仁川", " ", "-", "."]),
             min_size=1, max_size=4).map(lambda parts: "".join(parts) + ".txt"),
)  # fmt: skip
cases = st.tuples(raw_inputs, file_names, st.sampled_from(COMMANDS), st.sampled_from(FORMATS))


@dataclass
class Findings:
    """What a fuzz run saw: status counts, the slowest case, and every case that failed."""

    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    slowest: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


def run_case(raw: bytes, name: str, command: list[str], fmt: list[str], folder: Path) -> tuple[int, str]:
    """Write the case, run ``warmap`` on it in-process; (exit status, stderr). Status -1: an exception escaped."""
    from warmap.cli import main

    path = folder / name
    path.write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_depth() + CLI_RECURSION_LIMIT)  # hypothesis raises it; the command line does not
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main([*command, *fmt, str(path)])
            except SystemExit as leaving:  # argparse's own exit
                status = leaving.code if isinstance(leaving.code, int) else 2
    except BaseException as error:  # noqa: BLE001 — a finding, reported by the caller
        return -1, f"{type(error).__name__}: {error}"
    finally:
        sys.setrecursionlimit(limit)
        path.unlink(missing_ok=True)
    return status, err.getvalue()


CLI_RECURSION_LIMIT = 1000 - 10  # Python's default, less the frames above main() in `python -m warmap`


def _depth() -> int:
    """How many frames are on the stack here."""
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def problem(status: int, stderr: str) -> str | None:
    """Why a case's result breaks the promise (exit 0, or 2 with one line), or None."""
    if status == 0:
        return None
    if status == 2:
        lines = [line for line in stderr.splitlines() if line.strip()]
        return None if len(lines) == 1 else f"exit 2 with {len(lines)} stderr lines: {stderr[-300:]!r}"
    return f"exit {status}: {stderr.strip()[-300:]!r}"


def fuzz(examples: int, folder: Path) -> Findings:
    """Run ``examples`` cases (deterministic: derandomized) and collect every finding."""
    findings = Findings()

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(cases)
    def one(case: tuple[bytes, str, list[str], list[str]]) -> None:
        raw, name, command, fmt = case
        started = time.perf_counter()
        status, stderr = run_case(raw, name, command, fmt, folder)
        findings.slowest = max(findings.slowest, time.perf_counter() - started)
        findings.statuses[status] = findings.statuses.get(status, 0) + 1
        why = problem(status, stderr)
        if why is not None:
            findings.failures.append(f"{' '.join(command + fmt)} {name!r} {raw[:200]!r}: {why}")

    one()
    return findings


def bench_fuzz(quick: bool, out_dir: Path) -> list[dict]:
    """10,000 cases (300 with --quick); findings listed in out_dir/fuzz-findings.txt."""
    from benchmarks.common import row

    examples = 300 if quick else 10_000
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="warmap-fuzz-") as tmp:
        previous = os.environ.get("WARMAP_CACHE_DIR")
        os.environ["WARMAP_CACHE_DIR"] = str(Path(tmp) / "cache")
        try:
            findings = fuzz(examples, Path(tmp))
        finally:
            if previous is None:
                os.environ.pop("WARMAP_CACHE_DIR", None)
            else:
                os.environ["WARMAP_CACHE_DIR"] = previous
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "fuzz-findings.txt").write_text("".join(f"{line}\n" for line in findings.failures), encoding="utf-8")
    seconds = time.perf_counter() - started
    return [
        row("cases run", findings.total, note=f"{seconds:.0f} s in all"),
        row("exit 0", findings.statuses.get(0, 0)),
        row("exit 2 (one line)", findings.statuses.get(2, 0)),
        row("findings (exit 1, escaped exception, exit 2 not one line)", len(findings.failures), target="0",
            note="listed in fuzz-findings.txt" if findings.failures else ""),
        row("slowest case", findings.slowest, "s"),
    ]  # fmt: skip

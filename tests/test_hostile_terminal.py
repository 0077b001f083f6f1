"""No terminal escape from a source reaches the terminal (issue 14, item 7).

A text can carry ESC sequences (set the window title, clear the screen, OSC 8
links) or 8-bit CSI; ``warmap read`` and the tables of places, events and phases
used to print them raw, also on a terminal. They are now shown escaped (``\\x1b``),
on a real pseudo-terminal as in a pipe; ``--json`` escapes them as JSON does.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from warmap.terminal import printable

TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
LINK = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"
CSI8 = "\x9b31m"
PAYLOADS = TITLE + CLEAR + LINK + CSI8 + "\x08\x7f"

WIKITEXT = (
    "{{Infobox military conflict\n|conflict=" + TITLE + "朝鲜战争\n|date=1950年6月25日\n}}\n"
    "== " + CLEAR + "战争爆发 ==\n"
    "1950年6月25日，朝鲜人民军越过[[三八线]]，攻占[[开城" + LINK + "]]。"
    "6月28日，[[汉城|" + CSI8 + "汉城]]失守。9月15日，美军在[[仁川]]登陆。\n"
)
PLAIN = (
    "On 25 June 1950 the army crossed the 38th parallel and took Kaesong"
    + TITLE
    + ". Seoul fell on 28 June.\n"
)


def _run_on_a_terminal(args: list[str], cwd: Path, cache: Path) -> tuple[int, bytes]:
    """Run ``python -m warmap ARGS`` with stdout and stderr on a pseudo-terminal; all it printed."""
    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key not in ("WARMAP_DEBUG", "NO_COLOR")}
    env.update(WARMAP_CACHE_DIR=str(cache), COLUMNS="200", TERM="xterm-256color")
    process = subprocess.Popen(
        [sys.executable, "-m", "warmap", *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
        cwd=cwd, env=env,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks)


def _assert_no_escape_from_the_text(output: bytes) -> None:
    text = output.decode("utf-8", errors="replace")
    for raw in ("\x1b]0;pwned", "\x1b[2J", "\x1b]8;;", "\x9b", "\x08", "\x7f", "\x07"):
        assert raw not in text, (raw, text[-3000:])


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "zh.wikitext").write_text(WIKITEXT, encoding="utf-8")
    (tmp_path / ("en" + CLEAR + ".txt")).write_text(PLAIN, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["read"], ["places", "--offline"], ["events", "--offline"], ["phases", "--offline"]],
)
def test_tables_on_a_terminal_show_escapes_escaped(command: list[str], hostile: Path) -> None:
    names = sorted(path.name for path in hostile.glob("*.*"))
    status, output = _run_on_a_terminal([*command, *names], hostile, hostile / "cache")
    assert status == 0, output[-2000:]
    _assert_no_escape_from_the_text(output)


def test_error_lines_escape_the_file_name(hostile: Path) -> None:
    status, output = _run_on_a_terminal(["read", "missing" + TITLE + ".txt"], hostile, hostile / "cache")
    assert status == 2
    _assert_no_escape_from_the_text(output)
    assert b"\\x1b]0;pwned\\x07" in output


def test_printable_keeps_text_and_escapes_controls() -> None:
    assert printable("朝鲜战争\tline\nنبرد\u200c") == "朝鲜战争\tline\nنبرد\u200c"
    assert printable("a\x1b[2Jb\x9bc\x00\r") == "a\\x1b[2Jb\\x9bc\\x00"

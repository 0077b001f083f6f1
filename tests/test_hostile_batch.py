"""Batches under hostile conditions (issue 14, item 10).

Workers used to outlive a SIGKILLed coordinator forever (reparented, holding its stdout,
so ``warmap batch … | tee log`` never ended); one malformed page or a truncated
``.bz2`` aborted the whole dump with nothing mapped. Now workers die with their
coordinator, and every page that can be read is mapped, the rest reported.
"""

from __future__ import annotations

import bz2
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_batch_dump import battle_text, dump_xml, page_xml

from warmap.batch import iter_dump
from warmap.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_no_worker_outlives_a_killed_coordinator(tmp_path: Path) -> None:
    pages = [page_xml(f"战斗{n:03d}", [battle_text(n) * 20], n + 1) for n in range(200)]
    dump = tmp_path / "dump.xml"
    dump.write_text(dump_xml(pages), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), WARMAP_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "warmap", "batch", str(dump), "--out", str(tmp_path / "out"), "--jobs", "2"]
    coordinator = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and coordinator.poll() is None and time.monotonic() < deadline:
        workers = _children(coordinator.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the batch never started its workers"
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait(timeout=30)
    try:
        # Like `warmap batch … | tee log`: the pipe reaches its end once no process holds it.
        coordinator.communicate(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for pid in workers:  # never leave an orphan of this test behind, even when it fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _dump_bytes(count: int, broken: dict[int, str] | None = None, repeat: int = 1) -> bytes:
    pages = [page_xml(f"战斗{n:03d}", [battle_text(n) * repeat], n + 1) for n in range(count)]
    for number, page in (broken or {}).items():
        pages[number] = page
    return dump_xml(pages).encode("utf-8")


MALFORMED = "  <page>\n    <title>坏页</title>\n    <ns>0</ns>\n    <revision><text>a &nbsp; <b</text></revision>\n  </page>\n"


def test_a_malformed_page_fails_alone(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    dump = tmp_path / "dump.xml"
    dump.write_bytes(_dump_bytes(12, {5: MALFORMED}))
    items = list(iter_dump(dump))
    assert [item.title for item in items if item.problem] == ["坏页"]
    assert len([item for item in items if not item.problem]) == 11
    assert main(["batch", str(dump), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "batch: 11 of 12 documents mapped, 1 failed" in err and "坏页" in err
    assert len(list((tmp_path / "out" / "docs").glob("*.geojson"))) == 11
    with open(tmp_path / "out" / "failures.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == ["坏页"] and "malformed page" in rows[0]["error"]


def test_a_truncated_bz2_maps_every_page_before_the_cut(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    packed = bz2.compress(_dump_bytes(199, repeat=10), compresslevel=1)  # blocks of 100 kB: a cut mid-file
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(packed[: len(packed) * 3 // 4])
    items = list(iter_dump(dump))
    good = [item for item in items if not item.problem]
    assert 100 < len(good) < 199 and [item.title for item in good] == [f"战斗{n:03d}" for n in range(len(good))]
    assert len(items) == len(good) + 1 and "cannot be read after page" in items[-1].problem
    assert main(["batch", str(dump), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"batch: {len(good)} of {len(good) + 1} documents mapped, 1 failed" in err
    assert len(list((tmp_path / "out" / "docs").glob("*.geojson"))) == len(good)


def test_a_plain_dump_cut_inside_a_page(tmp_path: Path) -> None:
    data = _dump_bytes(10)
    dump = tmp_path / "dump.xml"
    dump.write_bytes(data[: data.index(b"<title>\xe6\x88\x98\xe6\x96\x97007") + 20])
    items = list(iter_dump(dump))
    assert [item.title for item in items if not item.problem] == [f"战斗{n:03d}" for n in range(7)]
    assert items[-1].problem == "the dump ends inside page 8"

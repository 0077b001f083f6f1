"""What a killed or older build leaves in the output folder, and two builds at once (issue 14, item 14).

A SIGKILL during writes leaves hidden ``.NAME.tmp-…`` files; a build with other phases
than the last one left the old phase files beside the new; two builds into one folder
mixed their files. The next build now removes the temporary files and the phase files
it did not write (only names warmap writes), and holds a lock on the folder.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_export_write import synthetic_campaign

from warmap.errors import InputError
from warmap.export.folder import LOCK_NAME
from warmap.outputs import write_outputs

SOURCE = Path(__file__).parent / "fixtures" / "unseen" / "en-chipyongni-inchon.txt"


def test_a_killed_builds_temporary_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "phases").mkdir(parents=True)
    stale = [
        out / ".campaign.geojson.tmp-a1b2c3d4",
        out / ".campaign.gpkg.tmp-zz_9yy8x.gpkg",
        out / "phases" / ".01-un-defensive.html.tmp-qwertyui",
    ]
    kept = [out / "notes.txt", out / ".hidden", out / "phases" / "README.md", out / ".x.tmp-notrandom-name"]
    for path in stale + kept:
        path.write_text("left over")
    write_outputs(synthetic_campaign(), out, progress=False)
    assert not any(path.exists() for path in stale)
    assert all(path.read_text() == "left over" for path in kept)


def test_phase_files_of_an_older_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "phases").mkdir(parents=True)
    old = [out / "phases" / "99-old-phase.html", out / "phases" / "99-old-phase.geojson"]
    mine = [out / "phases" / "my-notes.html", out / "phases" / "99-old-phase.txt"]
    for path in old + mine:
        path.write_text("older build")
    written = write_outputs(synthetic_campaign(), out, progress=False)
    phases = sorted(p.name for p in (out / "phases").iterdir())
    assert phases == sorted([p.name for p in written if p.parent.name == "phases"] + [p.name for p in mine])
    assert not any(path.exists() for path in old)


def test_a_second_build_into_a_locked_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = write_outputs(synthetic_campaign(), out, progress=False)
    contents = {path: path.read_bytes() for path in before}
    with open(out / LOCK_NAME, "a") as lock:  # a build in progress holds this lock
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(InputError, match="another warmap build"):
            write_outputs(synthetic_campaign(), out, progress=False)
        env = {key: value for key, value in os.environ.items() if key != "WARMAP_DEBUG"}
        env.update(WARMAP_CACHE_DIR=str(tmp_path / "cache"))
        done = subprocess.run(
            [sys.executable, "-m", "warmap", "build", "--offline", str(SOURCE), "--out", str(out)],
            capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and str(out) in done.stderr, done.stderr
    assert {path: path.read_bytes() for path in before} == contents
    write_outputs(synthetic_campaign(), out, progress=False)  # the lock is free again
    assert not (out / LOCK_NAME).exists()  # and its file gone with the build


def test_a_build_killed_while_writing_leaves_nothing_after_the_next(tmp_path: Path) -> None:
    """A real SIGKILL at some point of the writes; whatever it left, the next build cleans up."""
    out = tmp_path / "out"
    env = {key: value for key, value in os.environ.items() if key != "WARMAP_DEBUG"}
    env.update(WARMAP_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "warmap", "build", "--offline", str(SOURCE), "--out", str(out)]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while not (out / "index.html").exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)
    (out / ".campaign.geojson.tmp-k1ll3d00").write_text("what a kill mid-write leaves")
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]

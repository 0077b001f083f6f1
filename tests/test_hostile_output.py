"""Output problems are bad environment, not internal errors (issue 14, items 11 and 15).

A read-only output folder, ``phases`` existing as a file, ``index.html`` existing as
a folder, a full disk (here a file-size limit: the same failed write), a file name that
is not UTF-8: each used to be an internal error (exit 1, two stderr lines). Now each is
exit 2 and one line naming the path, and what an earlier build wrote is kept; a
successful build prints nothing on stderr.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).parent / "fixtures" / "unseen" / "en-chipyongni-inchon.txt"


def _warmap(
    *args: str | os.PathLike, cache: Path, preexec: Callable[[], None] | None = None, cwd: Path | None = None
):
    env = {key: value for key, value in os.environ.items() if key != "WARMAP_DEBUG"}
    env.update(WARMAP_CACHE_DIR=str(cache), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "warmap", *map(os.fsencode, args)],
        capture_output=True, env=env, cwd=cwd, timeout=300, preexec_fn=preexec,
    )  # fmt: skip


def _one_line_naming(done: subprocess.CompletedProcess[bytes], path: Path | str) -> None:
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("warmap: ") and str(path) in err, err
    assert "internal error" not in err


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder any user can write (the test may run the build as another user)."""
    folder = Path(tempfile.mkdtemp(prefix="warmap-output-"))
    folder.chmod(0o777)
    (folder / "cache").mkdir(mode=0o777)
    (folder / "cache").chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o777)
    shutil.rmtree(folder)


def test_phases_existing_as_a_file(shared_tmp: Path) -> None:
    out = shared_tmp / "out"
    out.mkdir()
    (out / "phases").write_text("not a folder")
    _one_line_naming(
        _warmap("build", "--offline", SOURCE, "--out", out, cache=shared_tmp / "cache"), out / "phases"
    )


def test_index_existing_as_a_folder(shared_tmp: Path) -> None:
    out = shared_tmp / "out"
    (out / "index.html").mkdir(parents=True)
    _one_line_naming(
        _warmap("build", "--offline", SOURCE, "--out", out, cache=shared_tmp / "cache"), out / "index.html"
    )


def test_read_only_output_folder(shared_tmp: Path) -> None:
    out = shared_tmp / "out"
    out.mkdir()
    out.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere but in sysfs folders
        out = Path("/sys/kernel")
    done = _warmap("build", "--offline", SOURCE, "--out", out, cache=shared_tmp / "cache")
    _one_line_naming(done, out)
    assert "Permission denied" in done.stderr.decode()


def test_full_disk_keeps_the_earlier_build(shared_tmp: Path) -> None:
    out = shared_tmp / "out"
    assert _warmap("build", "--offline", SOURCE, "--out", out, cache=shared_tmp / "cache").returncode == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}

    def small_disk() -> None:  # every write past 64 KB fails (EFBIG), as on a full disk (ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    done = _warmap("build", "--offline", SOURCE, "--out", out, cache=shared_tmp / "cache", preexec=small_disk)
    _one_line_naming(done, out)
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before


def test_a_file_name_that_is_not_utf8_is_mapped_under_an_escaped_name(shared_tmp: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    shutil.copy(SOURCE, shared_tmp / name)
    done = _warmap("places", "--offline", "--csv", name, cache=shared_tmp / "cache", cwd=shared_tmp)
    assert done.returncode == 0, done.stderr
    assert b"bad\\xff.txt," in done.stdout
    done = _warmap(
        "build", "--offline", name, "--out", shared_tmp / "out", cache=shared_tmp / "cache", cwd=shared_tmp
    )
    assert done.returncode == 0, done.stderr
    assert b"bad\\xff.txt" in (shared_tmp / "out" / "places.csv").read_bytes()


def test_a_lookup_name_that_is_not_utf8(shared_tmp: Path) -> None:
    _one_line_naming(
        _warmap("gazetteer", "lookup", os.fsdecode(b"Seoul\xff"), cache=shared_tmp / "cache"), "NAME"
    )


def test_a_successful_build_prints_nothing_on_stderr(shared_tmp: Path) -> None:
    done = _warmap("build", "--offline", SOURCE, "--out", shared_tmp / "out", cache=shared_tmp / "cache")
    assert done.returncode == 0 and done.stderr == b"", done.stderr

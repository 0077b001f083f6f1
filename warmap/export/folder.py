"""The output folder's housekeeping: one build at a time, nothing left behind.

A build killed while writing leaves hidden temporary files (``.campaign.geojson.tmp-…``);
a build with fewer phases than the last leaves the old phase files; two builds into one
folder at once would mix their files. ``build_lock`` is held for the whole build, removes
the temporary files a dead build left, and ``remove_old_phases`` removes the phase files
this build did not write. Only names warmap itself writes are ever removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from warmap.errors import InputError

LOCK_NAME = ".warmap.lock"
# What atomic_path's mkstemp names look like: ".NAME.tmp-" + 8 of [a-z0-9_], maybe a suffix.
_TEMP_FILE = re.compile(r"^\..+\.tmp-[a-z0-9_]{8}(\.[A-Za-z0-9]+)?$")
# What phase_slug names look like: "NN-slug.html" and "NN-slug.geojson".
_PHASE_FILE = re.compile(r"^\d{2,}-[\w\-]+\.(html|geojson)$")


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``out/.warmap.lock`` while writing; a second build into ``out`` fails with one line.

    The lock file is removed when the build ends (a killed build's is taken over by the
    next one); a lock taken on a file another build has just removed is taken again.
    """
    lock_path = out / LOCK_NAME
    while True:
        try:
            handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise InputError(str(out), f"cannot write ({error.strerror or error})") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise InputError(
                str(out), "another warmap build is writing into this folder; try again when it is done"
            ) from None
        try:
            if os.stat(lock_path).st_ino == os.fstat(handle).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(handle)  # the other build removed this file as it finished: lock the new one
    try:
        remove_stale_temp_files([out, out / "phases"])
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock_path)
        os.close(handle)  # closing releases the lock


def remove_stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Remove the hidden temporary files of an interrupted build (the caller holds the lock)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if _TEMP_FILE.match(path.name) and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def remove_old_phases(phases: Path, written: Iterable[Path]) -> list[Path]:
    """Remove the phase maps and GeoJSON of an earlier build that this build did not write."""
    if not phases.is_dir():
        return []
    keep = {Path(path).name for path in written}
    removed = []
    for path in sorted(phases.iterdir()):
        if _PHASE_FILE.match(path.name) and path.name not in keep and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed

"""Files written atomically: a temp file in the same folder, then os.replace.

An interrupted run therefore never leaves a half-written file over a good one: the
old file stays until the new one is complete. Every writer of the export stage uses these.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from warmap.errors import InputError


def output_error(path: Path, error: OSError) -> InputError:
    """What went wrong writing ``path``, as one line naming the path at fault (exit status 2)."""
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return InputError(str(path), "exists and is a folder, not a file")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            return InputError(str(parent), "exists and is not a folder")
    return InputError(str(path), f"cannot write ({error.strerror or error})")


@contextmanager
def atomic_path(path: Path, *, keep_suffix: bool = False):
    """Yield a temp path beside ``path``; on success it replaces ``path``, on failure it is removed.

    The temp name is hidden and, unless a writer needs the suffix to pick its format,
    does not end like the result: ``docs/*.geojson`` never counts a half-written file.
    A folder that cannot be written (read-only, full, a file in the way) is an
    ``InputError`` naming the path.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        suffix = path.suffix if keep_suffix else ""
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", suffix=suffix, dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise output_error(path, error) from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        yield Path(temp)
        if Path(temp).exists():
            os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a map is for sharing
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise output_error(path, error) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text (LF line ends) atomically."""
    with atomic_path(path) as temp:
        with open(temp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return path

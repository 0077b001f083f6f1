"""Bundled data files parsed once and kept in marshal form: reading the shipped territory cut
(1.7 MB of JSON) took 45 ms at every build, loading the same values from marshal takes a third.

The kept value is found by a hash of the file's bytes, the parser's name and Python's version, so a
changed file or parser is another entry, never a stale one. Entries live in warmap's cache folder
(``$WARMAP_CACHE_DIR`` when set), written atomically; one that does not load is parsed again and
replaced, and a value marshal cannot write (not plain Python data) is simply not kept.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MARSHAL_VERSION = 2
SETTLED_NS = 3_000_000_000  # a file unchanged this long has times that tell its versions apart


_file_hashes: dict[str, str] = {}


def parsed_file(path: str | Path, parse: Callable[[bytes], Any], parser: str) -> Any:
    """``parse(bytes of path)``, from the cache when this file was parsed so before.

    ``parser`` names the parsing (and its version): another parser of the same file is another entry.
    """
    data = Path(path).read_bytes()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return kept_value(f"{parser}\x00{digest}", lambda: parse(data))


def kept_value(key: str, make: Callable[[], Any]) -> Any:
    """``make()``, kept under ``key``: a text naming everything the value is made from (a file's hash,
    the code's name and version)."""
    from warmap.paths import cache_dir

    digest = hashlib.blake2b(f"{key}\x00{sys.version}".encode(), digest_size=16)
    kept = cache_dir() / f"parsed-{digest.hexdigest()}.marshal"
    try:
        with open(kept, "rb") as handle:
            return marshal.loads(handle.read())
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as error:
        log.info("%s: unreadable (%s): made again", kept, error)
    value = make()
    _keep(kept, value)
    return value


def file_hash(path: str | Path) -> str:
    """The file's SHA-1 (the bundled index: 12 MB, 10 ms to read and hash), once per process and
    kept between runs under the file's identity: path, inode, size and change times. Anything
    that rewrites the file changes its ctime, which no tool can set back; a file changed in the
    last seconds is hashed anew (two writes within one clock tick can leave the same times).
    """
    path = Path(path)
    stat = path.stat()
    memo = f"{path.resolve()}\x00{stat.st_ino}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00{stat.st_ctime_ns}"
    if memo not in _file_hashes:

        def digest() -> str:
            with open(path, "rb") as handle:
                return hashlib.file_digest(handle, "sha1").hexdigest()

        settled = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > SETTLED_NS
        _file_hashes[memo] = kept_value(f"file sha1 1\x00{memo}", digest) if settled else digest()
    return _file_hashes[memo]


def _keep(path: Path, value: Any) -> None:
    """Keep ``value`` (best effort: a cache, not an output)."""
    try:
        write_atomically(path, marshal.dumps(value, MARSHAL_VERSION))
    except (OSError, ValueError) as error:
        log.info("%s: not kept (%s)", path, error)


def write_atomically(path: Path, body: bytes) -> None:
    """Write ``body`` to a temporary file beside ``path`` and rename it over: a reader never sees half
    a file, and two writers leave one whole one. Raises OSError (the caches catch it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

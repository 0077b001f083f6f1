"""The name automata kept on disk between runs: building one from ~100,000 names costs more than loading it.

A cached automaton is a pickle in the user cache folder (``$WARMAP_CACHE_DIR``
when set, as for the geocoding cache), named by a hash of everything it is built
from: the gazetteer index's bytes, the scripts, the words the builder reads,
the builder's source, pyahocorasick's and Python's versions. Another index or
another builder is another file, never a stale automaton. Files are written
atomically; one that does not load is ignored, rebuilt and replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import ahocorasick

from warmap.filecache import file_hash, write_atomically

log = logging.getLogger(__name__)

FORMAT = "1"


def cache_folder() -> Path:
    """Where the automata are kept: warmap's cache folder."""
    from warmap.paths import cache_dir

    return cache_dir()


def cache_key(index: Path, scripts: Iterable[str], words: Iterable[str], builder: Callable) -> str:
    """The hash naming one automaton: its index, scripts, the words and code that built it, the versions."""
    digest = hashlib.sha256()
    module = sys.modules[builder.__module__]
    parts = [
        FORMAT,
        sys.version,
        getattr(ahocorasick, "__file__", "") or "",
        str(os.stat(ahocorasick.__file__).st_mtime_ns) if getattr(ahocorasick, "__file__", None) else "",
        file_hash(index),
        ",".join(sorted(scripts)),
        "\n".join(sorted(words)),
    ]
    digest.update("\x00".join(parts).encode())
    digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def cached_automaton(key: str, build: Callable[[], ahocorasick.Automaton]) -> ahocorasick.Automaton:
    """The automaton stored under ``key``, else ``build()`` it and store it (best effort)."""
    path = cache_folder() / f"automaton-{key[:32]}.pickle"
    try:
        with open(path, "rb") as handle:
            automaton = pickle.load(handle)
        if isinstance(automaton, ahocorasick.Automaton) and automaton.kind == ahocorasick.AHOCORASICK:
            return automaton
        log.warning("%s: not a built automaton: rebuilding it", path)
    except FileNotFoundError:
        pass
    except Exception as error:  # noqa: BLE001 - any damage (truncated, foreign bytes) means: rebuild
        log.warning("%s: unreadable (%s): rebuilding it", path, type(error).__name__)
    automaton = build()
    _store(path, automaton)
    return automaton


def _store(path: Path, automaton: ahocorasick.Automaton) -> None:
    """Write atomically (a temporary file renamed over): a reader never sees half a file."""
    try:
        write_atomically(path, pickle.dumps(automaton, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as error:  # a read-only or full disk costs the next run the build, never this one
        log.info("%s: automaton not cached (%s)", path, error)

"""The geocoding cache: every answer a geocoder gave, negative ones too, in SQLite.

A second run must make no request, and a run killed half-way must leave a
cache that opens and holds every answer received before the kill. So each
answer is written in a transaction of its own (WAL journal: a commit is on disk
before ``put`` returns), and nothing is kept only in memory.

Keys are (service, normalised name, lang): the same name written with other
letter forms, case or spacing shares one answer (``normalize_name``).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from warmap.reading.normalize import normalize_name

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    name TEXT NOT NULL,
    lang TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (service, name, lang)
);
"""


class GeocodeCache:
    """Answers keyed by (service, normalised name, lang); values are JSON objects.

    ``path=None`` keeps the cache in memory (nothing survives the run). With
    ``create=False`` a missing file is not created: the cache is then empty and
    read-only, which is what ``--offline`` wants. A file that is not a usable
    SQLite database is reported once (``problem``) and replaced by an in-memory
    cache, so that a damaged cache costs requests, never the run.
    """

    def __init__(self, path: Path | None, *, create: bool = True, busy_timeout: float = 10.0):
        self.path = path
        self.busy_timeout = busy_timeout
        self.problem: str | None = None
        self._connection: sqlite3.Connection | None = None
        if path is not None and not create and not path.exists():
            return
        try:
            self._connection = self._open(path, busy_timeout)
        except (sqlite3.Error, OSError) as error:
            self.problem = f"geocoding cache {path} unusable ({error}); using a cache in memory"
            log.warning(self.problem)
            self._connection = self._open(None, busy_timeout)

    @staticmethod
    def _open(path: Path | None, busy_timeout: float) -> sqlite3.Connection:
        if path is None:
            connection = sqlite3.connect(":memory:")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=busy_timeout)  # another run writing
        try:
            if path is not None:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
            with connection:
                connection.executescript(_SCHEMA)
                connection.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
                )
            (version,) = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema version {version}, expected {SCHEMA_VERSION}")
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def key(name: str) -> str:
        """The form a name is stored under."""
        return normalize_name(name)

    def get(self, service: str, name: str, lang: str | None) -> dict[str, Any] | None:
        """The stored answer, or None when this name was never asked."""
        if self._connection is None:
            return None
        row = self._connection.execute(
            "SELECT answer FROM answers WHERE service = ? AND name = ? AND lang = ?",
            (service, self.key(name), lang or ""),
        ).fetchone()
        if row is None:
            return None
        try:
            answer = json.loads(row[0])
        except ValueError:
            return None  # a damaged row is a missing row: ask again
        return answer if isinstance(answer, dict) else None

    def put(self, service: str, name: str, lang: str | None, answer: dict[str, Any]) -> None:
        """Store one answer in its own transaction: committed when this returns."""
        if self._connection is None:
            return
        text = json.dumps(answer, ensure_ascii=False, sort_keys=True)
        try:
            with self._connection:
                self._connection.execute(
                    "INSERT OR REPLACE INTO answers (service, name, lang, answer) VALUES (?, ?, ?, ?)",
                    (service, self.key(name), lang or "", text),
                )
        except sqlite3.Error as error:  # a full disk or a locked file: the answer is still used
            if self.problem is None:
                self.problem = f"geocoding cache {self.path} not written ({error})"
                log.warning(self.problem)

    def __len__(self) -> int:
        if self._connection is None:
            return 0
        (count,) = self._connection.execute("SELECT COUNT(*) FROM answers").fetchone()
        return int(count)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

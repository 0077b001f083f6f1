"""The geocoding cache: every answer a geocoder gave, negative ones too, in SQLite.

A second run must make no request, and a run killed half-way must leave a
cache that opens and holds every answer received before the kill. So each
answer is written in a transaction of its own (WAL journal: a commit is on disk
before ``put`` returns), and nothing is kept only in memory.

Keys are (service, normalised name, lang): the same name written with other
letter forms, case or spacing shares one answer (``normalize_name``).

The same file paces the requests of every run that shares it (``request_slots``):
runs started side by side would otherwise each keep one request a second and
together break the service's policy. A run takes a slot under a write lock
(BEGIN IMMEDIATE), so concurrent runs take turns; a long Retry-After is kept
there too, so that no run sharing the cache asks before it has passed. The
table is added beside the old ones: an older warmap reads the file unchanged.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

# Times are wall-clock seconds (time.time()): the runs sharing a file share no other clock.
_SLOTS = """
CREATE TABLE IF NOT EXISTS request_slots (
    service TEXT PRIMARY KEY,
    next_at REAL NOT NULL DEFAULT 0,
    blocked_until REAL NOT NULL DEFAULT 0,
    blocked_reason TEXT
);
"""
STALE_SLOT_SECONDS = 60.0  # a next request further ahead than this is a clock that went back
LONGEST_BLOCK_SECONDS = 86400.0  # a Retry-After is kept for a day at most


@dataclass(frozen=True)
class Slot:
    """The answer to "may I send a request now?": yes (wait 0), wait this long, or blocked."""

    wait: float = 0.0
    blocked_until: float | None = None
    reason: str | None = None


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
        self._next_at: dict[str, float] = {}  # this run's own pacing, should the file fail us
        if path is not None and not create and not path.exists():
            return
        try:
            self._connection = self._open(path, busy_timeout, with_slots=create)
        except (sqlite3.Error, OSError) as error:
            self.problem = f"geocoding cache {path} unusable ({error}); using a cache in memory"
            log.warning(self.problem)
            self._connection = self._open(None, busy_timeout, with_slots=True)

    @staticmethod
    def _open(path: Path | None, busy_timeout: float, with_slots: bool) -> sqlite3.Connection:
        """Open and check the file; ``with_slots`` adds the pacing table (not offline: no write)."""
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
                connection.executescript(_SCHEMA + (_SLOTS if with_slots else ""))
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
            self._report_unwritten(error)

    # ------------------------------------------------------------ pacing requests across runs
    def take_request_slot(self, service: str, min_delay: float) -> Slot:
        """Claim the next request to ``service`` if ``min_delay`` has passed since the last one.

        Taken under a write lock, so two runs never claim the same moment. When the
        slot is not free yet, the caller waits ``wait`` seconds and asks again.
        """
        now = time.time()
        try:
            with self._immediate() as connection:
                row = connection.execute(
                    "SELECT next_at, blocked_until, blocked_reason FROM request_slots WHERE service = ?",
                    (service,),
                ).fetchone()
                next_at, blocked_until, reason = row or (0.0, 0.0, None)
                if blocked_until > now:
                    return Slot(blocked_until=blocked_until, reason=reason)
                next_at = max(next_at, self._next_at.get(service, 0.0))
                if now < next_at <= now + STALE_SLOT_SECONDS:
                    return Slot(wait=next_at - now)
                self._set_next(connection, service, now + min_delay, keep_later=False)
        except sqlite3.Error as error:
            return self._paced_in_memory(service, min_delay, now, error)
        self._next_at[service] = now + min_delay
        return Slot()

    def hold_requests(self, service: str, until: float) -> None:
        """No request to ``service`` before ``until`` (an answer's end, a short Retry-After)."""
        self._next_at[service] = max(self._next_at.get(service, 0.0), until)
        if self._connection is None:
            return
        try:
            with self._immediate() as connection:
                self._set_next(connection, service, until, keep_later=True)
        except sqlite3.Error as error:
            self._report_unwritten(error)

    def block_requests(self, service: str, until: float, reason: str) -> None:
        """A long Retry-After: no run sharing this cache asks ``service`` before ``until``."""
        until = min(until, time.time() + LONGEST_BLOCK_SECONDS)
        if self._connection is None:
            return
        try:
            with self._immediate() as connection:
                connection.execute(
                    "INSERT INTO request_slots (service, blocked_until, blocked_reason) VALUES (?, ?, ?) "
                    "ON CONFLICT (service) DO UPDATE SET blocked_until = MAX(blocked_until, excluded.blocked_until),"
                    " blocked_reason = excluded.blocked_reason",
                    (service, until, reason),
                )
        except sqlite3.Error as error:
            self._report_unwritten(error)

    @staticmethod
    def _set_next(connection: sqlite3.Connection, service: str, next_at: float, keep_later: bool) -> None:
        """Store when the next request may go; ``keep_later`` keeps a later time already there."""
        update = "MAX(next_at, excluded.next_at)" if keep_later else "excluded.next_at"
        connection.execute(
            "INSERT INTO request_slots (service, next_at) VALUES (?, ?) "
            f"ON CONFLICT (service) DO UPDATE SET next_at = {update}",
            (service, next_at),
        )

    @contextmanager
    def _immediate(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken at once: other runs wait here (busy timeout) until it ends."""
        if self._connection is None:
            raise sqlite3.OperationalError("no cache file")
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.rollback()
            raise
        connection.commit()

    def _paced_in_memory(self, service: str, min_delay: float, now: float, error: sqlite3.Error) -> Slot:
        """The file cannot pace us (locked, read-only): keep this run's own pace at least."""
        if self._connection is not None:
            self._report_unwritten(error)
        next_at = self._next_at.get(service, 0.0)
        if now < next_at <= now + STALE_SLOT_SECONDS:
            return Slot(wait=next_at - now)
        self._next_at[service] = now + min_delay
        return Slot()

    def _report_unwritten(self, error: sqlite3.Error) -> None:
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

"""Looking names up in the bundled gazetteer: exact, normalised, Hanja bridge, fuzzy romanisation.

The index is SQLite opened read-only, so loading costs a file open; places are
turned into ``Place`` objects only when asked for and kept once made.
Ranking: score = match quality × (0.5 + 0.5 × prior), where the prior (stored
per place at build time) weighs the theatre first (the Koreas, then north-east
China, Japan, the Russian Far East, then the world) and size (population or
feature class). Between homonyms the war's place wins without the caller
naming Korea; the resolver still sees every candidate.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from functools import cache
from pathlib import Path

from warmap.gazetteer.hanja_bridge import Bridge, hangul_stems
from warmap.gazetteer.romanize import skeleton, skeleton_keys
from warmap.gazetteer.scripts import name_script
from warmap.model import Candidate, Place
from warmap.paths import gazetteer_dir
from warmap.reading.normalize import normalize_name

INDEX_FILE = "gazetteer.sqlite"
DIGITS = re.compile(r"\d+")
MAX_NAME_LENGTH = 200  # longer "names" are text, not names
QUALITY = {"exact": 1.0, "normalised": 0.97, "bridge": 0.9, "fuzzy": 0.85}
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 85.0
LANG_MISMATCH = 0.97
EXACT_CACHE_SIZE = 200_000


@cache
def admin_suffixes() -> tuple[str, ...]:
    """Suffixes a name may carry in a text but not in the gazetteer (平壤市), from every pack, in order."""
    from warmap.languages.tags import every_language_rows  # the packs load when first needed, not on open

    return tuple(row.text for row in every_language_rows("spotting", "admin_suffix"))


def _strip_han_suffix(key: str) -> str:
    for suffix in admin_suffixes():
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


_MIN_LENGTH_BY_SCRIPT = {"Han": 2, "Hangul": 2, "Kana": 2}  # other scripts: 3 letters


def database_path() -> Path:
    """The default index: ``$WARMAP_GAZETTEER`` when set (e.g. a copy shipped to a Dask worker), else the bundled one."""
    override = os.environ.get("WARMAP_GAZETTEER")
    return Path(override) if override else gazetteer_dir() / INDEX_FILE


class _HanjaReadings:
    """A Han character's Sino-Korean readings, from the index's precomputed table, each read once.

    An object of its own rather than a Gazetteer method: a bridge holding the gazetteer's bound
    method would make every gazetteer a reference cycle, its places freed only by the cyclic
    garbage collector, whose passes over them then slow every lookup after.
    """

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock):
        self._db, self._lock = db, lock
        self._known: dict[str, tuple[str, ...]] = {}

    def __call__(self, char: str) -> tuple[str, ...]:
        readings = self._known.get(char)
        if readings is None:
            with self._lock:
                rows = self._db.execute("SELECT readings FROM hanja WHERE char = ?", (char,)).fetchall()
            readings = self._known[char] = tuple(rows[0][0].split(",")) if rows else ()
        return readings


class Gazetteer:
    """A read-only view of one gazetteer index file."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no gazetteer index at {self.path} (run: warmap gazetteer build)")
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"  # percent-encoded: spaces, #, ? in paths
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._places: dict[int, Place] = {}
        self._priors: dict[int, float] = {}
        self._exact_cache: dict[str, tuple[tuple[int, str, str], ...]] = {}
        self._ranked_cache: dict[str, tuple[Candidate, ...]] = {}
        self._lookup_cache: dict[tuple[str, str | None, int], tuple[Candidate, ...]] = {}
        self._skeleton_keys: list[str] | None = None
        self._matching: dict[frozenset[str], list[str]] = {}
        self.bridge = Bridge(_HanjaReadings(self._db, self._lock))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The gazetteer at ``path``; with no path, ``database_path()``, opened once per process."""
        if path is not None:
            return cls(path)
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls(database_path())
            return cls._default

    def __reduce__(self):
        """Pickled as its path (for worker processes): the connection is reopened on the other side."""
        return (Gazetteer, (str(self.path),))

    # ------------------------------------------------------------ rows
    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    _PLACE_COLUMNS = (
        "p.num, p.place_id, p.name, p.names, p.feature, p.lat, p.lon, p.geometry, p.country,"
        " p.population, p.source, p.prior"
    )

    def _remember(self, row: tuple) -> Place:
        """Make (once) the Place of a places row selected with _PLACE_COLUMNS."""
        num = row[0]
        place = self._places.get(num)
        if place is None:
            _, place_id, name, names, feature, lat, lon, geometry, country, population, source, prior = row
            shape = json.loads(geometry) if geometry else {"type": "Point", "coordinates": [lon, lat]}
            place = Place(
                place_id, name, json.loads(names), feature, lat, lon, shape, country, population, source
            )
            self._places[num] = place
            self._priors[num] = prior
        return place

    def _place(self, num: int) -> Place:
        place = self._places.get(num)
        if place is None:
            rows = self._query(f"SELECT {self._PLACE_COLUMNS} FROM places p WHERE p.num = ?", (num,))
            place = self._remember(rows[0])
        return place

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        rows = self._query("SELECT num FROM places WHERE place_id = ?", (place_id,))
        return self._place(rows[0][0]) if rows else None

    def _names_for(self, key: str) -> tuple[tuple[int, str, str], ...]:
        """(num, name, lang) of every name filed under key; one query, places made on the way."""
        hits = self._exact_cache.get(key)
        if hits is None:
            rows = self._query(
                f"SELECT n.name, n.lang, {self._PLACE_COLUMNS} FROM names n JOIN places p ON p.num = n.num"
                " WHERE n.key = ?",
                (key,),
            )
            places = self._places
            for row in rows:
                if row[2] not in places:
                    self._remember(row[2:])
            hits = tuple((row[2], row[0], row[1]) for row in rows)
            if len(self._exact_cache) >= EXACT_CACHE_SIZE:
                self._exact_cache.clear()
            self._exact_cache[key] = hits
        return hits

    def _stems(self, stem: str) -> list[tuple[int, str]]:
        """Korean places whose Hangul name, with or without its administrative suffix, is stem."""
        return self._query("SELECT num, name FROM hangul WHERE stem = ?", (stem,))

    # ------------------------------------------------------------ matching
    def _score(self, num: int, how: str, lang_ok: bool = True) -> float:
        self._place(num)
        score = QUALITY[how] * (0.5 + 0.5 * self._priors[num])
        return round(score if lang_ok else score * LANG_MISMATCH, 4)

    def _ranked(self, found: dict[int, tuple[float, str, str]], limit: int) -> list[Candidate]:
        order = sorted(found.items(), key=lambda item: (-item[1][0], self._places[item[0]].place_id))
        return [
            Candidate(self._places[num], score, matched, how) for num, (score, matched, how) in order[:limit]
        ]

    @staticmethod
    def _offer(
        found: dict[int, tuple[float, str, str]], num: int, score: float, matched: str, how: str
    ) -> None:
        if num not in found or found[num][0] < score:
            found[num] = (score, matched, how)

    def exact(self, key: str) -> list[Candidate]:
        """Candidates whose name folds to ``key`` (already ``normalize_name``d), ranked; no bridge, no fuzzy."""
        ranked = self._ranked_cache.get(key)
        if ranked is None:
            found: dict[int, tuple[float, str, str]] = {}
            priors = self._priors
            for num, name, _lang in self._names_for(key):
                if num not in found:  # every hit here is exact: the first name of a place will do
                    found[num] = (round(0.5 + 0.5 * priors[num], 4), name, "exact")
            if not found and name_script(key) == "Hangul":  # a suffix-free stem from matching_names: 평택
                for num, name in self._stems(key):
                    self._offer(found, num, self._score(num, "normalised"), name, "normalised")
            ranked = tuple(self._ranked(found, len(found)))
            if len(self._ranked_cache) >= EXACT_CACHE_SIZE:
                self._ranked_cache.clear()
            self._ranked_cache[key] = ranked
        return [Candidate(c.place, c.score, c.matched, c.how) for c in ranked]

    def lookup(self, name: str, lang: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a name as written in any script; [] when nothing matches."""
        if not isinstance(name, str) or limit <= 0:
            return []
        memo = (name, lang, limit)  # the index is read-only: the same question has the same answer
        answer = self._lookup_cache.get(memo)
        if answer is None:
            answer = tuple(self._lookup(name, lang, limit))
            if len(self._lookup_cache) >= EXACT_CACHE_SIZE:
                self._lookup_cache.clear()
            self._lookup_cache[memo] = answer
        return [Candidate(c.place, c.score, c.matched, c.how) for c in answer]

    def _lookup(self, name: str, lang: str | None, limit: int) -> list[Candidate]:
        """lookup() unremembered: the fresh candidates of one question."""
        written = " ".join(name.split())
        if not written or len(written) > MAX_NAME_LENGTH:
            return []
        key = normalize_name(written)
        if not key:
            return []
        from warmap.languages.tags import name_family  # not on open: exact() and a cold start need no pack

        family = name_family(lang)
        found: dict[int, tuple[float, str, str]] = {}
        for num, matched, tag in self._names_for(key):
            how = "exact" if matched == written else "normalised"
            self._offer(found, num, self._score(num, how, family in (None, name_family(tag))), matched, how)
        script = name_script(key)
        if script == "Arabic" and " " in key:
            for num, matched, _tag in self._names_for(key.replace(" ", "")):
                self._offer(found, num, self._score(num, "normalised"), matched, "normalised")
        elif script == "Hangul":
            for stem in sorted(hangul_stems(key.replace(" ", ""))):
                for num, matched in self._stems(stem):
                    self._offer(found, num, self._score(num, "normalised"), matched, "normalised")
        elif script == "Han":
            # the written form too: the key is folded to Simplified, and s2t cannot always undo that
            for stem in sorted(set(self.bridge.keys(key)) | set(self.bridge.keys(written))):
                for num, matched in self._stems(stem):
                    self._offer(found, num, self._score(num, "bridge"), matched, "bridge")
        elif script == "Latin" and not found:
            self._romanised(written, key, found)
        if script == "Han" and not found:
            stem = _strip_han_suffix(key)
            if stem != key:
                stemmed = self.lookup(stem, lang=lang, limit=limit)
                for candidate in stemmed:  # the name as written is not stored: at best a normalised match
                    if candidate.how == "exact":
                        candidate.how, candidate.score = (
                            "normalised",
                            round(candidate.score * QUALITY["normalised"], 4),
                        )
                return stemmed
        return self._ranked(found, limit)

    def _romanised(self, written: str, key: str, found: dict[int, tuple[float, str, str]]) -> None:
        """Revised vs McCune–Reischauer by skeleton, then rapidfuzz over skeletons for long enough names."""
        skel = skeleton(key)
        if len(skel) < 3:
            return
        # Skeletons drop digits; a number is the name's identity, not its spelling: Hill 999 is not Hill 281.
        numbers = DIGITS.findall(written)
        rows = []
        for other in sorted(skeleton_keys(written) | {skel}):
            rows += self._query("SELECT num, name FROM skeletons WHERE skel = ?", (other,))
        rows = [(num, matched) for num, matched in rows if DIGITS.findall(matched) == numbers]
        for num, matched in rows:
            self._offer(found, num, self._score(num, "fuzzy"), matched, "fuzzy")
        if rows or len(key.replace(" ", "")) < FUZZY_MIN_LENGTH:
            return
        from rapidfuzz import fuzz, process

        if self._skeleton_keys is None:
            self._skeleton_keys = self._distinct_skeletons()
        for other, similarity, _ in process.extract(
            skel, self._skeleton_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        ):
            for num, matched in self._query("SELECT num, name FROM skeletons WHERE skel = ?", (other,)):
                if DIGITS.findall(matched) != numbers:
                    continue
                score = round(self._score(num, "fuzzy") * similarity / 100, 4)
                self._offer(found, num, score, matched, "fuzzy")

    def _distinct_skeletons(self) -> list[str]:
        """Every skeleton, sorted: 50,000 rows take 30 ms from the index, so the list is kept with the
        parsed files (``warmap.filecache``) under the index's hash."""
        from warmap.filecache import file_hash, kept_value

        def read() -> list[str]:
            return [r[0] for r in self._query("SELECT DISTINCT skel FROM skeletons ORDER BY skel")]

        return kept_value(f"distinct skeletons 1\x00{file_hash(self.path)}", read)

    # ------------------------------------------------------------ for the spotter
    def matching_names(self, scripts: set[str]) -> list[str]:
        """Every normalised name key in these scripts (Han, Hangul, Kana, Arabic, Latin, Cyrillic), sorted.

        Only keys usable for in-text matching: one Han or Hangul character (東, 北, 함) or two
        letters are words inside other words far more often than place names, and a short
        name of a minor place far from the theatre (解放, 和平: Chinese villages) is left out
        at build time (``store.spottable``). ``lookup`` and ``exact`` still know them all.
        """
        wanted = frozenset(scripts)
        if wanted not in self._matching:
            marks = ",".join("?" * len(wanted))
            rows = self._query(
                f"SELECT DISTINCT key, script FROM names WHERE spot = 1 AND script IN ({marks})",
                tuple(sorted(wanted)),
            )  # the stored script, not name_script() again: 62,000 Latin keys took 1.1 s that way
            keys = {key for key, script in rows if len(key) >= _MIN_LENGTH_BY_SCRIPT.get(script, 3)}
            if "Hangul" in wanted:
                keys |= {r[0] for r in self._query("SELECT DISTINCT stem FROM hangul") if len(r[0]) >= 2}
            self._matching[wanted] = sorted(keys)
        return list(self._matching[wanted])

    def close(self) -> None:
        with self._lock:
            self._db.close()

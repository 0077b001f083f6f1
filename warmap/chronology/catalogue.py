"""The war's event catalogue: reviewed rows of named events, looked up like places.

A war's folder (``warmap/wars/<war>/``) holds ``events.csv`` (one row per event:
id, type, date span with its precision, parent, gazetteer places, sides, source)
and ``event_names.csv`` (every name sources use, per language and script; the
first name of an event in a language is its display title there). Both are
validated once when loaded; an error names the file and line.

Names are keyed by their matching form (``warmap.reading.normalize``), so
砥平里戰役 and 砥平里战役, "Battle of Chipyong-ni" and "battle of chipyongni" are one
key; spaces are dropped from the key as well, since 지평리 전투 is also written
지평리전투 and "Chipyong ni" is "Chipyong-ni". ``names_in`` finds every catalogue
name in a text at once (Aho-Corasick over the text's matching form) with offsets
into the text as given: that is what linking a text to the catalogue stands on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import ahocorasick

from warmap.chronology.event_types import registry
from warmap.errors import DataFileError
from warmap.gazetteer.scripts import name_script
from warmap.languages.tags import name_family
from warmap.paths import PACKAGE_DIR
from warmap.reading.normalize import match_form, normalize_name

PRECISIONS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}
EVENT_COLUMNS = ("id", "type", "start", "end", "precision", "parent", "places", "sides", "source")
NAME_COLUMNS = ("event", "lang", "name", "source")
ID_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG_FORM = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")
NAMES_IN_MEMO = 8  # texts whose catalogue names are remembered: a build asks again for the last few only
# Scripts written with spaces between words: a name must stand as whole words there.
# Hangul is spaced but takes its particles on the right (지평리 전투에서), so only its left edge is checked.
WORD_EDGES = {
    "Latin": (True, True),
    "Cyrillic": (True, True),
    "Arabic": (True, True),
    "Hangul": (True, False),
}


class CatalogueError(DataFileError):
    """A catalogue file that breaks its rules: the file (and line) and what is wrong."""


@dataclass(frozen=True)
class CatalogueEvent:
    """One named event of the war, as the catalogue reviews it."""

    id: str
    type: str
    start: str | None
    end: str | None
    precision: str
    parent: str | None
    places: tuple[str, ...]
    sides: tuple[str, ...]
    source: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def title(self) -> dict[str, str]:
        """The display title per language: the first name the catalogue gives in it."""
        return {lang: names[0] for lang, names in self.names.items() if names}


@dataclass(frozen=True)
class NameHit:
    """A catalogue name found in a text: ``text[start:end]`` is the surface."""

    start: int
    end: int
    surface: str
    events: tuple[CatalogueEvent, ...]


def name_key(name: str) -> str:
    """The key a name is filed and looked up under: its matching form without spaces."""
    return normalize_name(name).replace(" ", "")


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != columns:
                raise CatalogueError(path, f"the header must be {','.join(columns)}", 1)
            rows = []
            for fields in reader:
                line = reader.line_num
                if not fields or not any(f.strip() for f in fields):
                    continue
                if len(fields) != len(columns):
                    raise CatalogueError(path, f"{len(fields)} columns, expected {len(columns)}", line)
                rows.append((line, {c: f.strip() for c, f in zip(columns, fields, strict=True)}))
            return rows
    except OSError as error:
        raise CatalogueError(path, f"cannot read the file ({error.strerror})") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise CatalogueError(path, f"not a UTF-8 CSV file ({error})") from None


def _check_date(path: Path, line: int, value: str, precision: str, what: str) -> None:
    if not PRECISIONS[precision].fullmatch(value):
        raise CatalogueError(path, f"{what} {value!r} is not written at {precision} precision", line)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        raise CatalogueError(path, f"{what} {value!r} is not a calendar date", line) from None


def _event(
    path: Path, line: int, row: dict[str, str], place_exists: Callable[[str], bool], sides: tuple[str, ...] | None
) -> CatalogueEvent:
    if not ID_FORM.fullmatch(row["id"]):
        raise CatalogueError(path, f"id {row['id']!r} must be a slug (a-z, 0-9, hyphens)", line)
    types = registry().names  # the event vocabulary is the registry's
    if row["type"] not in types:
        raise CatalogueError(path, f"type {row['type']!r} is not one of {', '.join(types)}", line)
    precision = row["precision"]
    if precision not in PRECISIONS:
        raise CatalogueError(path, f"precision {precision!r} is not one of {', '.join(PRECISIONS)}", line)
    if not row["start"]:
        raise CatalogueError(path, "every event needs a start date", line)
    _check_date(path, line, row["start"], precision, "start")
    if row["end"]:
        _check_date(path, line, row["end"], precision, "end")
        if row["end"] < row["start"]:
            raise CatalogueError(path, f"end {row['end']} is before start {row['start']}", line)
    places = tuple(p.strip() for p in row["places"].split(";") if p.strip())
    for place in places:
        if not place_exists(place):
            raise CatalogueError(path, f"place {place!r} is not in the gazetteer", line)
    sides = tuple(s.strip() for s in row["sides"].split(";") if s.strip())
    for side in sides:
        if sides is not None and side not in sides:
            raise CatalogueError(path, f"side {side!r} is not one of the war's sides ({', '.join(sides)})", line)
    if not row["source"]:
        raise CatalogueError(path, "every row says where it comes from (source is empty)", line)
    return CatalogueEvent(
        id=row["id"],
        type=row["type"],
        start=row["start"],
        end=row["end"] or None,
        precision=precision,
        parent=row["parent"] or None,
        places=places,
        sides=sides,
        source=row["source"],
    )


def _check_parents(path: Path, events: dict[str, CatalogueEvent], lines: dict[str, int]) -> None:
    for event in events.values():
        if event.parent is not None and event.parent not in events:
            raise CatalogueError(
                path, f"parent {event.parent!r} is not an event of the catalogue", lines[event.id]
            )
    for event in events.values():
        seen = {event.id}
        parent = event.parent
        while parent is not None:
            if parent in seen:
                raise CatalogueError(path, f"parents of {event.id!r} form a cycle", lines[event.id])
            seen.add(parent)
            parent = events[parent].parent


def _gazetteer_check() -> Callable[[str], bool]:
    from warmap.gazetteer.lookup import Gazetteer

    gazetteer = Gazetteer.load()
    return lambda place_id: gazetteer.get(place_id) is not None


class Catalogue:
    """Events by id, their names by key, and one automaton to find every name in a text."""

    def __init__(self, events: dict[str, CatalogueEvent]):
        self.events = events
        self._by_key: dict[str, list[tuple[str, str]]] = {}
        for event in events.values():
            for lang, names in event.names.items():
                for name in names:
                    entries = self._by_key.setdefault(name_key(name), [])
                    if (event.id, lang) not in entries:
                        entries.append((event.id, lang))
        self._automaton: ahocorasick.Automaton | None = None
        self._hits: dict[str, tuple[NameHit, ...]] = {}  # by text: three claim finders read each document

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[CatalogueEvent]:
        return iter(self.events.values())

    def get(self, event_id: str) -> CatalogueEvent | None:
        return self.events.get(event_id)

    def children(self, event_id: str) -> list[CatalogueEvent]:
        """The events whose parent is this one, in catalogue order."""
        return [e for e in self.events.values() if e.parent == event_id]

    def lookup(self, name: str, lang: str | None = None) -> list[CatalogueEvent]:
        """Every event called ``name`` (any script; in ``lang``'s family when given), catalogue order."""
        entries = self._by_key.get(name_key(name), [])
        family = name_family(lang) if lang else None
        ids = {
            event_id for event_id, name_lang in entries if family is None or name_family(name_lang) == family
        }
        return [e for e in self.events.values() if e.id in ids]

    def _names_automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for event in self.events.values():
                for names in event.names.values():
                    for name in names:
                        key = normalize_name(name)
                        forms = (
                            {key, key.replace(" ", "")} if name_script(name) in ("Han", "Hangul") else {key}
                        )
                        for form in forms:
                            if form and form not in automaton:
                                automaton.add_word(form, form)
            if len(automaton) == 0:
                automaton.add_word("\x00", "\x00")  # an empty automaton cannot be searched
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def names_in(self, text: str) -> list[NameHit]:
        """Every catalogue name in ``text``, leftmost-longest, as whole words where the script has them.

        Remembered for the last few texts: the triggers, the links and the named events each read
        the whole document, and folding it for matching is most of the work."""
        hits = self._hits.get(text)
        if hits is None:
            if len(self._hits) >= NAMES_IN_MEMO:
                self._hits.clear()
            hits = self._hits[text] = tuple(self._names_in(text))
        return list(hits)

    def _names_in(self, text: str) -> list[NameHit]:
        folded, offsets = match_form(text)
        hits = []
        for last, form in self._names_automaton().iter_long(folded):
            first = last - len(form) + 1
            left, right = WORD_EDGES.get(name_script(form), (False, False))
            if left and first > 0 and folded[first - 1].isalnum():
                continue
            if right and last + 1 < len(folded) and folded[last + 1].isalnum():
                continue
            start, end = offsets[first], offsets[last] + 1
            hits.append(NameHit(start, end, text[start:end], tuple(self.lookup(form))))
        return hits


def _read_names(path: Path, events_file: str, known: set[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Every event's names by language, in file order (the first per language is the display title)."""
    names: dict[str, dict[str, list[str]]] = {}
    for line, row in _read_rows(path, NAME_COLUMNS):
        if row["event"] not in known:
            raise CatalogueError(path, f"event {row['event']!r} is not in {events_file}", line)
        if not LANG_FORM.fullmatch(row["lang"]):
            raise CatalogueError(
                path, f"lang {row['lang']!r} is not a language tag (zh-Hans, ko-Hani, en…)", line
            )
        if not name_key(row["name"]):
            raise CatalogueError(path, "the name is empty", line)
        if not row["source"]:
            raise CatalogueError(path, "every row says where it comes from (source is empty)", line)
        spelled = names.setdefault(row["event"], {}).setdefault(row["lang"], [])
        if row["name"] in spelled:
            raise CatalogueError(
                path, f"{row['name']!r} is already a {row['lang']} name of {row['event']}", line
            )
        spelled.append(row["name"])
    return {
        event: {lang: tuple(spelled) for lang, spelled in by_lang.items()} for event, by_lang in names.items()
    }


def _war_sides(folder: Path) -> tuple[str, ...] | None:
    """The sides an event may name: the war profile's, when the folder is a war's (else unchecked)."""
    if not (folder / "profile.toml").is_file():
        return None
    from warmap.wars import load_war

    return tuple(side.id for side in load_war(folder).sides if not side.contested)


def load_catalogue(folder: str | Path, place_exists: Callable[[str], bool] | None = None) -> Catalogue:
    """A war folder's ``events.csv`` and ``event_names.csv``, read and validated once.

    ``place_exists`` decides whether a place id is known; by default the bundled gazetteer.
    """
    folder = Path(folder)
    events_path, names_path = folder / "events.csv", folder / "event_names.csv"
    check = place_exists or _gazetteer_check()
    sides = _war_sides(folder)
    events: dict[str, CatalogueEvent] = {}
    lines: dict[str, int] = {}
    for line, row in _read_rows(events_path, EVENT_COLUMNS):
        event = _event(events_path, line, row, check, sides)
        if event.id in events:
            raise CatalogueError(events_path, f"id {event.id!r} is already on line {lines[event.id]}", line)
        events[event.id], lines[event.id] = event, line
    _check_parents(events_path, events, lines)
    names = _read_names(names_path, events_path.name, set(events))
    for event_id, line in lines.items():
        if event_id not in names:
            raise CatalogueError(events_path, f"{event_id!r} has no name in {names_path.name}", line)
    return Catalogue({event_id: replace(event, names=names[event_id]) for event_id, event in events.items()})


_LOADED: dict[Path, Catalogue] = {}


def war_catalogue(war=None) -> Catalogue:
    """The event catalogue of a war profile (a ``War``, its name or folder; default the bundled
    Korean War), loaded once per process; an empty one when the war has no ``events.csv``."""
    from warmap.wars import load_war

    folder = load_war(war).folder
    if folder not in _LOADED:
        has_rows = (folder / "events.csv").is_file()
        _LOADED[folder] = load_catalogue(folder) if has_rows else Catalogue({})
    return _LOADED[folder]


def bundled_catalogue(war: str = "korea") -> Catalogue:
    """The catalogue shipped with warmap for a war (``warmap/wars/<war>/``), loaded once per process."""
    return war_catalogue(PACKAGE_DIR / "wars" / war)

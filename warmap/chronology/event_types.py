"""The registry of event types: the one place the closed vocabulary of ``Event.type`` is declared.

Each type's family, best kind of place, precedence and whether packs must have
words for it are rows of ``data/event_types.toml``; the words and titles of each
type in each language are rows of the language packs' ``events.csv``. Code asks
this registry instead of keeping its own lists of types, so a new type is a row
here plus pack rows, and the conformance test finds a pack that lacks one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY = Path(__file__).parent / "data" / "event_types.toml"
SCENES = ("point", "line", "any", "region")
IGNORE = "ignore"  # a pack's word that contains an action word but tells none (战斗机)


@dataclass(frozen=True)
class EventType:
    """One event type and what it needs."""

    name: str
    family: str  # types of one family may tell one happening
    scene: str = "point"  # point | line | any | region: which feature is its best place
    placeless: bool = False  # one happening wherever each text puts it
    worded: bool = True  # every pack must have words that tell it
    outcome_of: str | None = None  # a family whose named event this type, told at its place and time, ends


@dataclass(frozen=True)
class Registry:
    types: tuple[EventType, ...]  # in order of precedence
    common_title_language: str  # every event is also titled in this language

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    def get(self, name: str) -> EventType | None:
        return next((t for t in self.types if t.name == name), None)


@cache
def registry() -> Registry:
    """The registry, read and checked once (a bad row is a ValueError naming the file)."""
    with REGISTRY.open("rb") as handle:
        data = tomllib.load(handle)
    types = []
    for row in data.get("type", []):
        unknown = set(row) - {"name", "family", "scene", "placeless", "worded", "outcome_of"}
        if unknown or "name" not in row or "family" not in row:
            raise ValueError(
                f"{REGISTRY}: a [[type]] needs name and family, and only the documented keys ({row})"
            )
        if row.get("scene", "point") not in SCENES:
            raise ValueError(f"{REGISTRY}: type {row['name']!r}: scene must be one of {', '.join(SCENES)}")
        types.append(EventType(**row))
    names = [t.name for t in types]
    if len(set(names)) != len(names) or IGNORE in names:
        raise ValueError(f"{REGISTRY}: type names must be distinct and not {IGNORE!r}")
    return Registry(tuple(types), data["common_title_language"])


def families() -> dict[str, str]:
    """type → family."""
    return {t.name: t.family for t in registry().types}


def precedence() -> list[str]:
    """The types in order of precedence (an event whose claims tie on type takes the earliest)."""
    return list(registry().names)


def placeless_families() -> set[str]:
    return {t.family for t in registry().types if t.placeless}


def outcome_of(name: str | None) -> str | None:
    """The family of named events a type can be the outcome of (a capture ends a battle), or None."""
    found = registry().get(name) if name else None
    return found.outcome_of if found else None


def placed_broadly(name: str | None) -> bool:
    """Whether a type may rest on a country or a broad region (an offensive sweeps one); every other
    type is a point event, placed on its most specific place or not at all."""
    return scene(name) == "region"


def scene(name: str | None) -> str:
    found = registry().get(name) if name else None
    return found.scene if found else "point"

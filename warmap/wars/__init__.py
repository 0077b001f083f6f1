"""A war as data: its theatre, dates, sides, phase schemes and curated fronts.

A profile is a folder (``warmap/wars/korea/``, or any folder given by path) holding
``profile.toml`` and the tables it names. ``load_war`` reads and checks it once;
the stages ask the ``War`` instead of keeping constants of one war, so mapping
another war is writing another folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from warmap.errors import InputError
from warmap.wars.profile import PROFILE_FILE, SIDE_ID, read_profile
from warmap.wars.war import PhaseScheme, PriorRule, ScopeRule, Side, War

__all__ = ["PhaseScheme", "PriorRule", "ScopeRule", "Side", "War", "available_wars", "load_war"]

WARS_DIR = Path(__file__).resolve().parent
DEFAULT_WAR = "korea"


def load_war(name_or_folder: str | Path | War | None = None) -> War:
    """A war profile by name (a folder under warmap/wars/) or by folder path; None is the Korean War."""
    if isinstance(name_or_folder, War):
        return name_or_folder
    return _load(_folder(str(name_or_folder or DEFAULT_WAR)))


def available_wars() -> list[str]:
    """The profiles bundled with warmap."""
    return sorted(p.parent.name for p in WARS_DIR.glob(f"*/{PROFILE_FILE}"))


def _folder(name_or_folder: str) -> str:
    """The profile's folder: a bundled war's name (korea), else a path holding profile.toml."""
    bundled = _bundled(name_or_folder)
    if bundled is not None:
        return bundled
    given = Path(name_or_folder)
    if (given / PROFILE_FILE).is_file():
        return str(given.resolve())
    known = ", ".join(available_wars())
    raise InputError(str(name_or_folder), f"no war profile ({PROFILE_FILE}) there; bundled: {known}")


@lru_cache(maxsize=32)
def _bundled(name: str) -> str | None:
    folder = WARS_DIR / name
    return str(folder) if SIDE_ID.match(name) and (folder / PROFILE_FILE).is_file() else None


@lru_cache(maxsize=8)
def _load(folder: str) -> War:
    return read_profile(folder)

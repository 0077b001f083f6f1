"""A war as data: its theatre, dates, sides, phase schemes and curated fronts.

A profile is a folder (``warmap/wars/korea/``, or any folder given by path) holding
``profile.toml`` and the tables it names. ``load_war`` reads and checks it once;
the stages ask the ``War`` instead of keeping constants of one war, so mapping
another war is writing another folder.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from warmap.errors import InputError
from warmap.model import Phase

WARS_DIR = Path(__file__).resolve().parent
DEFAULT_WAR = "korea"
PROFILE_FILE = "profile.toml"
SIDE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
TITLE_COLUMN = re.compile(r"^title_([a-z]{2,3}(?:-[A-Za-z]+)?)$")


@dataclass(frozen=True)
class Side:
    """One side of the war, or the land no side's line claims (``contested``)."""

    id: str
    names: dict[str, str]
    colour: str
    fill_opacity: float
    holds: tuple[str, ...] = ()  # places held all war: which side of a line is whose
    contested: bool = False
    source: str = ""


@dataclass(frozen=True)
class PhaseScheme:
    """A reference division of the war into phases (e.g. the U.S. Army's campaigns)."""

    id: str
    names: dict[str, str]
    source: str


@dataclass(frozen=True)
class PriorRule:
    """How much a place in these countries (optionally north/east of a point) weighs before context."""

    countries: tuple[str, ...]
    weight: float
    min_lat: float | None = None
    min_lon: float | None = None

    def matches(self, country: str | None, lat: float, lon: float) -> bool:
        return (
            country in self.countries
            and (self.min_lat is None or lat >= self.min_lat)
            and (self.min_lon is None or lon >= self.min_lon)
        )


@dataclass(frozen=True)
class ScopeRule:
    """GeoNames places the gazetteer keeps: in these countries, and the division, size or longitude given."""

    countries: tuple[str, ...]
    admin1: tuple[str, ...] = ()
    min_population: int | None = None
    min_lon: float | None = None

    def keeps(self, country: str, admin1: str, population: int, lon: float) -> bool:
        return (
            country in self.countries
            and (not self.admin1 or admin1 in self.admin1)
            and (self.min_population is None or population >= self.min_population)
            and (self.min_lon is None or lon >= self.min_lon)
        )


@dataclass(frozen=True, eq=False)
class War:
    """Everything warmap knows of one war besides its texts."""

    name: str
    folder: Path
    title: dict[str, str]
    start: date
    end: date
    countries: tuple[str, ...]
    bounds: tuple[float, float, float, float]  # west, south, east, north
    region: tuple[float, float, float, float]  # the wider theatre: geocoder answers outside are namesakes
    map_view: tuple[float, float, float, float]  # the land a map shows around the theatre
    parallel_span: tuple[float, float]
    land: str
    sides: tuple[Side, ...]
    schemes: tuple[PhaseScheme, ...]
    standin_scheme: str
    preferred_scheme: str
    catalogue: tuple[Phase, ...]
    fronts_dir: Path
    event_years: range = range(0)  # years whose dated actions are events (the war, its prelude, its aftermath)
    neighbours: tuple[str, ...] = ()
    background: tuple[str, ...] = ()  # land drawn around the theatre, simplified
    scope_rules: tuple[ScopeRule, ...] = ()
    world_min_population: int = 0
    prior_rules: tuple[PriorRule, ...] = ()
    prior_elsewhere: float = 1.0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(side.id for side in self.sides)

    @property
    def holding_sides(self) -> tuple[str, ...]:
        """The sides that hold land (every side but the contested one)."""
        return tuple(side.id for side in self.sides if not side.contested)

    @property
    def contested(self) -> str:
        return next(side.id for side in self.sides if side.contested)

    @property
    def scheme_ids(self) -> tuple[str, ...]:
        return tuple(scheme.id for scheme in self.schemes)

    def side(self, side_id: str) -> Side:
        """The side of that id; an unknown id reads as the contested land."""
        return next((s for s in self.sides if s.id == side_id), None) or self.side(self.contested)

    def in_theatre(self, lon: float, lat: float) -> bool:
        return _inside(self.bounds, lon, lat)

    def in_region(self, lon: float, lat: float) -> bool:
        return _inside(self.region, lon, lat)

    def region_weight(self, country: str | None, lat: float, lon: float) -> float:
        """The gazetteer's prior for a place's region: the first matching rule, else ``elsewhere``."""
        rule = next((r for r in self.prior_rules if r.matches(country, lat, lon)), None)
        return rule.weight if rule is not None else self.prior_elsewhere


def load_war(name_or_folder: str | Path | War | None = None) -> War:
    """A war profile by name (a folder under warmap/wars/) or by folder path; None is the Korean War."""
    if isinstance(name_or_folder, War):
        return name_or_folder
    return _load(_folder(str(name_or_folder or DEFAULT_WAR)))


def available_wars() -> list[str]:
    """The profiles bundled with warmap."""
    return sorted(p.parent.name for p in WARS_DIR.glob(f"*/{PROFILE_FILE}"))


@lru_cache(maxsize=32)
def _folder(name_or_folder: str) -> str:
    """The profile's folder: a path holding profile.toml, else a bundled war's name."""
    given = Path(name_or_folder)
    if (given / PROFILE_FILE).is_file():
        return str(given.resolve())
    if SIDE_ID.match(name_or_folder) and (WARS_DIR / name_or_folder / PROFILE_FILE).is_file():
        return str(WARS_DIR / name_or_folder)
    known = ", ".join(available_wars())
    raise InputError(str(name_or_folder), f"no war profile ({PROFILE_FILE}) there; bundled: {known}")


@lru_cache(maxsize=8)
def _load(folder: str) -> War:
    path = Path(folder) / PROFILE_FILE
    where = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise InputError(where, f"cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(where, f"not valid TOML: {error}") from None
    dates, theatre, phases = _table(data, "dates", where), _table(data, "theatre", where), _table(data, "phases", where)
    start, end = _date(dates, "start", where), _date(dates, "end", where)
    if end < start:
        raise InputError(where, f"dates.end {end} before dates.start {start}")
    sides = _sides(data.get("sides"), where)
    schemes = tuple(
        PhaseScheme(_text(s, "id", where), _names(s, where), str(s.get("source", "")))
        for s in _list(phases, "schemes", where)
    )
    scheme_ids = {s.id for s in schemes}
    for key in ("standin", "preferred"):
        if _text(phases, key, where) not in scheme_ids:
            raise InputError(where, f"phases.{key} {phases[key]!r} is not one of phases.schemes")
    first_year, last_year = (int(y) for y in _numbers(dates, "event_years", 2, where))
    if not first_year <= start.year <= end.year <= last_year:
        raise InputError(where, "dates.event_years must be first and last year and include the war's years")
    boxes = {key: _numbers(theatre, key, 4, where) for key in ("bounds", "region", "map_view")}
    for key, (west, south, east, north) in boxes.items():
        if not (west < east and south < north):
            raise InputError(where, f"theatre.{key} must be west, south, east, north")
    build = theatre.get("gazetteer", {})
    fronts = _table(data, "fronts", where)
    fronts_dir = Path(folder) / _text(fronts, "folder", where)
    if not fronts_dir.is_dir():
        raise InputError(where, f"fronts.folder {fronts_dir} is not a folder")
    return War(
        name=_text(data, "name", where),
        folder=Path(folder),
        title=dict(data.get("title", {})),
        start=start,
        end=end,
        countries=tuple(_list(theatre, "countries", where)),
        bounds=boxes["bounds"],  # type: ignore[arg-type]
        region=boxes["region"],  # type: ignore[arg-type]
        map_view=boxes["map_view"],  # type: ignore[arg-type]
        parallel_span=_numbers(theatre, "parallel_span", 2, where),  # type: ignore[arg-type]
        land=_text(theatre, "land", where),
        sides=sides,
        schemes=schemes,
        standin_scheme=phases["standin"],
        preferred_scheme=phases["preferred"],
        catalogue=_catalogue(Path(folder) / _text(phases, "catalogue", where), scheme_ids, start, end),
        fronts_dir=fronts_dir,
        event_years=range(first_year, last_year + 1),
        neighbours=tuple(build.get("neighbours", ())),
        background=tuple(build.get("background", ())),
        scope_rules=tuple(_scope_rule(rule, where) for rule in build.get("scope", ())),
        world_min_population=int(build.get("world_min_population", 0)),
        prior_rules=tuple(_prior_rule(rule, where) for rule in build.get("prior", ())),
        prior_elsewhere=float(build.get("elsewhere", 1.0)),
        raw=data,
    )


def _inside(box: tuple[float, ...], lon: float, lat: float) -> bool:
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north


def _sides(rows: Any, where: str) -> tuple[Side, ...]:
    if not isinstance(rows, list) or not rows:
        raise InputError(where, "needs [[sides]]")
    sides = []
    for row in rows:
        side_id = _text(row, "id", where)
        if not SIDE_ID.match(side_id):
            raise InputError(where, f"side id {side_id!r} must be lowercase letters, digits, - or _")
        opacity = row.get("fill_opacity", 0.28)
        if not isinstance(opacity, int | float):
            raise InputError(where, f"side {side_id}: fill_opacity must be a number")
        sides.append(
            Side(
                id=side_id,
                names=_names(row, where),
                colour=_text(row, "colour", where),
                fill_opacity=float(opacity),
                holds=tuple(str(h) for h in row.get("holds", ())),
                contested=bool(row.get("contested", False)),
                source=str(row.get("source", "")),
            )
        )
    ids = [s.id for s in sides]
    if len(set(ids)) != len(ids):
        raise InputError(where, f"side ids repeat: {ids}")
    if sum(s.contested for s in sides) != 1:
        raise InputError(where, "exactly one side must be contested = true")
    if len(sides) < 3:
        raise InputError(where, "needs at least two sides holding land and the contested one")
    return tuple(sides)


def _catalogue(path: Path, schemes: set[str], start: date, end: date) -> tuple[Phase, ...]:
    """The reference phases, content not yet filled; every row's scheme declared in the profile."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            columns = [c for c in (rows[0].keys() if rows else []) if c]
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror}") from None
    langs = [m.group(1) for c in columns if (m := TITLE_COLUMN.match(c))]
    phases = []
    for number, row in enumerate(rows, start=2):
        where = f"{path}:{number}"
        try:
            first, last = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(where, "start and end must be ISO dates") from None
        if row.get("scheme") not in schemes:
            raise InputError(where, f"scheme {row.get('scheme')!r} is not declared in the profile")
        if not (row.get("id") or "").strip() or not (row.get("source") or "").strip():
            raise InputError(where, "needs an id and a source")
        if last < first or first < start or last > end:
            raise InputError(where, f"{first}–{last} does not lie within the war ({start}–{end})")
        title = {lang: (row.get(f"title_{lang}") or "").strip() for lang in langs}
        phases.append(
            Phase(
                id=row["id"],
                title={k: v for k, v in title.items() if v},
                start=row["start"],
                end=row["end"],
                scheme=row["scheme"],
            )
        )
    return tuple(phases)


def _scope_rule(rule: Any, where: str) -> ScopeRule:
    if not isinstance(rule, dict) or not rule.get("countries"):
        raise InputError(where, "each theatre.gazetteer.scope rule needs countries")
    return ScopeRule(
        tuple(rule["countries"]), tuple(rule.get("admin1", ())), rule.get("min_population"), rule.get("min_lon")
    )


def _prior_rule(rule: Any, where: str) -> PriorRule:
    if not isinstance(rule, dict) or "weight" not in rule or not rule.get("countries"):
        raise InputError(where, "each theatre.gazetteer.prior rule needs countries and weight")
    return PriorRule(tuple(rule["countries"]), float(rule["weight"]), rule.get("min_lat"), rule.get("min_lon"))


# ------------------------------------------------------------------ checked reads
def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise InputError(where, f"needs a [{key}] table")
    return value


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise InputError(where, f"{key} must be a non-empty list")
    return value


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(where, f"needs {key} (text)")
    return value.strip()


def _names(data: dict, where: str) -> dict[str, str]:
    names = data.get("names")
    if not isinstance(names, dict) or "en" not in names:
        raise InputError(where, f"{data.get('id', '?')}: names needs at least en")
    return {str(k): str(v) for k, v in names.items()}


def _date(data: dict, key: str, where: str) -> date:
    value = data.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(where, f"dates.{key} is not an ISO date: {value!r}") from None


def _numbers(data: dict, key: str, count: int, where: str) -> tuple[float, ...]:
    value = data.get(key)
    if not isinstance(value, list) or len(value) != count or not all(isinstance(v, int | float) for v in value):
        raise InputError(where, f"{key} must be {count} numbers")
    return tuple(float(v) for v in value)

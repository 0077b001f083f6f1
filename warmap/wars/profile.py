"""Reading one profile folder: profile.toml and the phase catalogue it names, checked once.

Every problem is an InputError naming the file (and the row, for the catalogue).
"""

from __future__ import annotations

import csv
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from warmap.errors import InputError
from warmap.model import Phase
from warmap.wars.war import PhaseScheme, PriorRule, ScopeRule, Side, War

PROFILE_FILE = "profile.toml"
SIDE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
TITLE_COLUMN = re.compile(r"^title_([a-z]{2,3}(?:-[A-Za-z]+)?)$")


def read_profile(folder: str) -> War:
    """The War a profile folder describes."""
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
        compass=_compass(theatre.get("compass", {}), where),
    )


def _compass(table: Any, where: str) -> tuple[tuple[str, str], ...]:
    """theatre.compass: each direction a text may name half the theatre by, and the gazetteer id it means."""
    # divide: the line between the halves; frontier: the theatre's land border with its neighbour
    directions = {"north", "south", "east", "west", "divide", "frontier"}
    if not isinstance(table, dict) or (table and not str(table.get("source", "")).strip()):
        raise InputError(where, "theatre.compass must be a table of direction = gazetteer id, with a source")
    compass = {k: v for k, v in table.items() if k != "source"}
    for direction, place_id in compass.items():
        if direction not in directions or not isinstance(place_id, str) or ":" not in place_id:
            raise InputError(where, f"theatre.compass.{direction}: one of {', '.join(sorted(directions))} = a gazetteer id")
    return tuple(sorted(compass.items()))


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
    title_columns = {c: m.group(1) for c in columns if (m := TITLE_COLUMN.match(c))}
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
        title = {lang: (row.get(column) or "").strip() for column, lang in title_columns.items()}
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

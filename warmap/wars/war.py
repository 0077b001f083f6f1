"""A war's facts as plain values: its sides, phase schemes, theatre rules and the War itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warmap.model import Phase


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
    compass: tuple[tuple[str, str], ...] = ()  # (north/south…, the gazetteer id of that half's land)

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


def _inside(box: tuple[float, ...], lon: float, lat: float) -> bool:
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north

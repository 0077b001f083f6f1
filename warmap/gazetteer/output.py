"""Candidates as JSON records (INTERFACE.md) and as a table for people."""

from __future__ import annotations

from typing import Any

from warmap.model import Candidate, Place


def place_to_json(place: Place) -> dict[str, Any]:
    return {
        "place_id": place.place_id,
        "name": place.name,
        "names": {lang: list(values) for lang, values in sorted(place.names.items())},
        "feature": place.feature,
        "lat": place.lat,
        "lon": place.lon,
        "geometry": place.geometry,
        "country": place.country,
    }


def candidate_to_json(candidate: Candidate) -> dict[str, Any]:
    """The candidate record of ``warmap gazetteer lookup --json``."""
    record = place_to_json(candidate.place)
    record["score"] = candidate.score
    record["matched"] = candidate.matched
    record["how"] = candidate.how
    return record


def print_candidates(query: str, candidates: list[Candidate]) -> None:
    """A rich table of the candidates on stdout (a line saying so when there are none)."""
    from rich.console import Console
    from rich.table import Table

    from warmap.terminal import safe_markup

    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
        console = Console(width=160)
    if not candidates:
        console.print(f"no place named {safe_markup(repr(query))} in the gazetteer")
        return
    table = Table(title=f"gazetteer: {safe_markup(query)}")
    for column in ("score", "place", "feature", "country", "lat, lon", "matched", "how", "place_id"):
        table.add_column(column)
    for c in candidates:
        p = c.place
        table.add_row(f"{c.score:.3f}", safe_markup(p.name), p.feature, p.country or "", f"{p.lat:.4f}, {p.lon:.4f}",
                      safe_markup(c.matched), c.how, p.place_id)  # fmt: skip
    console.print(table)

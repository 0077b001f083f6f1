"""The pipeline, declared once: the ordered stages that turn sources into a campaign.

``Campaign.from_sources`` (and through it the CLI and ``batch``) and the stage
benchmark all run this list, so what is measured is what ``warmap build`` does.
Each stage is a function of the ``Run`` so far returning the new values it adds
(a dict of field names); ``advance`` makes the next ``Run`` with them, so no stage
changes what an earlier one produced and a stage can be run again on the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from warmap.model import (
    DateMention,
    Document,
    Event,
    Front,
    Mention,
    Phase,
    ResolvedMention,
    Source,
    Territory,
)
from warmap.resolution.geocoding import GeocoderSettings
from warmap.wars import War, load_war


@dataclass(frozen=True)
class Run:
    """What the stages have produced so far, starting from the sources and the run's settings."""

    sources: tuple[Source, ...]
    war: War
    geocoder: GeocoderSettings
    progress: bool = False
    documents: list[Document] = field(default_factory=list)
    gazetteer: Any = None
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # by document name
    places: list[ResolvedMention] = field(default_factory=list)
    geocoder_note: str | None = None  # e.g. why the run went offline
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    land: Any = None  # the theatre's land (shapely)
    curated_fronts: list[Front] = field(default_factory=list)
    fronts: list[Front] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)  # the texts' own phases (scheme "text")
    catalogue_phases: list[Phase] = field(default_factory=list)  # the war profile's phase schemes
    phase_spans: Any = None  # chronology.phases.PhaseSpans: phases before the join fills them


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Run], dict[str, Any]]
    needs: tuple[str, ...]  # earlier stages whose output it reads
    about: str


# ------------------------------------------------------------------ the stages
def reading(run: Run) -> dict[str, Any]:
    from warmap.reading import read_document

    return {"documents": [read_document(source) for source in run.sources]}


def gazetteer(run: Run) -> dict[str, Any]:
    from warmap.gazetteer import Gazetteer

    return {"gazetteer": Gazetteer.load()}


def spotting(run: Run) -> dict[str, Any]:
    from warmap.spotting import spot

    return {"mentions": {doc.name: spot(doc, run.gazetteer, run.war) for doc in run.documents}}


def resolution(run: Run) -> dict[str, Any]:
    from warmap.resolution.resolve import resolve

    fallback = _fallback_geocoder(run.geocoder, run.war)
    places = resolve(run.documents, run.mentions, run.gazetteer, fallback, progress=run.progress, war=run.war)
    note = None
    if fallback is not None and getattr(fallback, "went_offline", False):
        note = getattr(fallback, "offline_reason", None) or "geocoder unreachable"
    return {"places": places, "geocoder_note": note}


def dates(run: Run) -> dict[str, Any]:
    from warmap.chronology.dates import find_dates

    years = (run.war.start.year, run.war.end.year)  # where a two-digit year (11/27/50) falls
    return {"dates": [d for doc in run.documents for d in find_dates(doc, years)]}


def events(run: Run) -> dict[str, Any]:
    from warmap.chronology.events import extract_events

    return {"events": extract_events(run.documents, run.places, run.dates, run.war)}


def phase_spans(run: Run) -> dict[str, Any]:
    from warmap.chronology.phases import phase_spans as spans

    return {"phase_spans": spans(run.documents, run.dates, run.war)}


def fronts(run: Run) -> dict[str, Any]:
    from warmap.fronts import fronts_from_text, load_fronts, territory_timeline
    from warmap.gazetteer import land_geometry

    land = land_geometry(run.war.countries)
    curated = load_fronts(run.gazetteer, war=run.war)
    drawn = [
        front
        for doc in run.documents
        for front in fronts_from_text(
            doc,
            [p for p in run.places if p.mention.doc == doc.name],
            [d for d in run.dates if d.doc == doc.name],
            run.war,
        )
    ]
    territories = territory_timeline(curated, land, war=run.war)
    return {"land": land, "curated_fronts": curated, "fronts": curated + drawn, "territories": territories}


def join(run: Run) -> dict[str, Any]:
    from warmap.join import join_phases

    joined = join_phases(run.phase_spans, run.events, run.fronts, run.land, run.territories, run.war)
    return {
        "phases": joined.text,
        "catalogue_phases": joined.listed,
        "fronts": joined.fronts,
        "territories": joined.territories,
    }


STAGES: tuple[Stage, ...] = (
    Stage("reading", reading, (), "read_document on each source"),
    Stage("gazetteer", gazetteer, (), "Gazetteer.load()"),
    Stage("spotting", spotting, ("reading", "gazetteer"), "spot(doc, gazetteer, war) per document"),
    Stage("resolution", resolution, ("spotting",), "resolve(...) (offline: gazetteer + local cache)"),
    Stage("dates", dates, ("reading",), "find_dates per document, two-digit years in the war's span"),
    Stage("events", events, ("resolution", "dates"), "extract_events(documents, places, dates, war)"),
    Stage("phase spans", phase_spans, ("dates",), "phase_spans: the texts' phases and the war's, unfilled"),
    Stage("fronts", fronts, ("resolution", "dates"), "load_fronts, fronts_from_text, land, territory_timeline"),
    Stage("join", join, ("events", "phase spans", "fronts"), "join_phases: phases get events, fronts, territory"),
)

# where each depth of ``Campaign.from_sources(stages=…)`` stops: the last stage it runs
LAST_STAGE = {"places": "resolution", "events": "events", "phases": "join", "all": "join"}


def stage(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


def advance(run: Run, step: Stage) -> Run:
    """The run with one more stage's values."""
    return replace(run, **step.run(run))


def start(
    sources: Sequence[str | Path | Source] = (),
    *,
    offline: bool = False,
    geocoder: GeocoderSettings | None = None,
    lang: str | None = None,
    format: str | None = None,
    progress: bool = False,
    war: str | Path | War | None = None,
) -> Run:
    """A run before its first stage: the sources loaded (no sources → the bundled corpus), the war chosen."""
    from warmap.sources import load_sources, unique_names

    settings = geocoder or GeocoderSettings(offline=offline)
    if offline:
        settings.offline = True
    loaded = [s for s in sources if isinstance(s, Source)]
    paths = [str(s) for s in sources if not isinstance(s, Source)]
    if paths or not loaded:
        loaded += load_sources(paths, lang=lang, fmt=format)
    return Run(sources=tuple(unique_names(loaded)), war=load_war(war), geocoder=settings, progress=progress)


def run_pipeline(run: Run, until: str = "join") -> Run:
    """Run the stages in order up to and including ``until``."""
    for step in STAGES:
        run = advance(run, step)
        if step.name == until:
            break
    return run


def _fallback_geocoder(settings: GeocoderSettings, war: War):
    """The geopy fallback, hinted with the war's theatre unless the caller chose another box."""
    from warmap.resolution.geocoding import FallbackGeocoder

    if settings.viewbox == load_war().bounds:
        settings = replace(settings, viewbox=war.bounds)
    return FallbackGeocoder(settings)

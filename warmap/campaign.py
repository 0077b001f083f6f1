"""A campaign: the whole pipeline's result, and the scripting API around it.

``Campaign.from_sources`` runs the stages declared in ``warmap.pipeline`` — sources →
reading → spotting → resolution → chronology (dates, events, phase spans) → fronts
(lines, territory) → the join of phases with their content — and
``map``/``save``/``to_geodataframe`` hand the result to the render and export stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warmap.model import DateMention, Document, Event, Front, Phase, ResolvedMention, Source, Territory
from warmap.resolution.geocoding import GeocoderSettings
from warmap.wars import War, load_war

if TYPE_CHECKING:
    import folium
    import geopandas

    from warmap.pipeline import Run

__all__ = ["Campaign", "GeocoderSettings"]

STAGES = ("places", "events", "phases", "all")


@dataclass
class Campaign:
    """Everything the texts say, ready to map: plain lists of the model's classes.

    >>> campaign = warmap.Campaign.from_sources([], offline=True)
    >>> campaign.battles[0].title, campaign.events_of("landing")
    >>> events = campaign.to_geodataframe("event")      # event_type, start_date, end_date, date_precision
    >>> campaign.events_in(campaign.phases[0])          # Event objects (Phase.events holds ids)
    >>> campaign.export("korea.lpf.json")               # Linked Places; .gpkg .csv .parquet too
    """

    documents: list[Document] = field(default_factory=list)
    places: list[ResolvedMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)  # the texts' own phases (scheme "text")
    catalogue_phases: list[Phase] = field(default_factory=list)  # the war profile's phase schemes
    fronts: list[Front] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    geocoder_note: str | None = None  # e.g. why the run went offline
    war: War = field(default_factory=load_war)  # the war the texts tell (default: the Korean War)

    # ------------------------------------------------------------ building
    @classmethod
    def from_sources(
        cls,
        sources: Sequence[str | Path | Source] = (),
        *,
        offline: bool = False,
        geocoder: GeocoderSettings | None = None,
        lang: str | None = None,
        format: str | None = None,
        stages: str = "all",
        progress: bool = False,
        war: str | Path | War | None = None,
    ) -> Campaign:
        """Run the pipeline over file paths (or Sources); no sources → the bundled corpus.

        ``war`` is a war profile's name or folder (default: the Korean War, ``warmap/wars/korea``).
        ``stages`` stops early: "places" after resolution, "events" after the events.
        """
        from warmap.pipeline import LAST_STAGE, run_pipeline, start

        if stages not in STAGES:
            raise ValueError(f"stages must be one of {STAGES}")
        run = start(
            sources, offline=offline, geocoder=geocoder, lang=lang, format=format, progress=progress, war=war
        )
        return cls.from_run(run_pipeline(run, until=LAST_STAGE[stages]))

    @classmethod
    def from_run(cls, run: Run) -> Campaign:
        """The campaign a pipeline run has built (as far as it went)."""
        return cls(
            documents=run.documents,
            places=run.places,
            dates=run.dates,
            events=run.events,
            phases=run.phases,
            catalogue_phases=run.catalogue_phases,
            fronts=run.fronts,
            territories=run.territories,
            geocoder_note=run.geocoder_note,
            war=run.war,
        )

    # ------------------------------------------------------------ views
    def phases_for(self, scheme: str = "text") -> list[Phase]:
        """Phases of one scheme: "text" (the texts' sections) or one of the war's (Korea: "us-army", "cpv-offensives")."""
        if scheme == "text":
            return list(self.phases)
        return [p for p in self.catalogue_phases if p.scheme == scheme]

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases + self.catalogue_phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def event(self, event_id: str) -> Event:
        """The event with this id (``KeyError`` if none)."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def events_of(self, *types: str) -> list[Event]:
        """The events of the given types, in order, e.g. ``campaign.events_of("landing", "crossing")``.

        Types are names of the event-type registry (``warmap/chronology/data/event_types.toml``);
        an unknown name is a ``ValueError`` listing the known ones, not an empty list.
        """
        from warmap.chronology.event_types import registry

        known = registry().names
        unknown = [t for t in types if t not in known]
        if unknown or not types:
            raise ValueError(f"unknown event type {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"known: {', '.join(known)}")
        return [e for e in self.events if e.type in types]

    @property
    def battles(self) -> list[Event]:
        """The events of type ``battle``: ``[e.title["en"] for e in campaign.battles]``."""
        return self.events_of("battle")

    def events_in(self, phase: str | Phase) -> list[Event]:
        """One phase's events as Event objects (``Phase.events`` holds their ids, as the JSON does).

        >>> first = campaign.phases[0]
        >>> [e.title.get("en") for e in campaign.events_in(first)]
        """
        from warmap.features.geojson import Selection

        chosen = self.phase(phase) if isinstance(phase, str) else phase
        return Selection(self, chosen).events()

    @property
    def resolved(self) -> list[ResolvedMention]:
        return [p for p in self.places if p.place is not None]

    @property
    def unresolved(self) -> list[ResolvedMention]:
        return [p for p in self.places if p.place is None]

    # ------------------------------------------------------------ outputs
    def map(
        self,
        phase: str | Phase | None = None,
        *,
        base: str | None = None,
        self_contained: bool | None = None,
        **options: Any,
    ) -> folium.Map:
        """A folium map of the whole campaign, or of one phase (by id or Phase).

        ``base`` is the base layer shown first: ``"osm"`` (OpenStreetMap tiles), ``"positron"``
        (CARTO's light tiles) or ``"land"`` (the bundled vector land, no tile server: a map that
        works offline); the others stay in the layer switcher. ``self_contained=False`` links
        Leaflet and its plugins on a CDN instead of inlining them (the default: pages open with
        no network). Other keywords (``title``…) go to :func:`warmap.render.build_map`.

        >>> campaign.map("01-invasion", base="land").save("invasion.html")
        """
        from warmap.render import build_map

        if base is not None:
            options["base"] = base
        if self_contained is not None:
            options["cdn"] = not self_contained  # the renderer inlines unless asked for CDN links
        chosen = self.phase(phase) if isinstance(phase, str) else phase
        return build_map(self, chosen, **options)

    def to_geojson(self, phase: str | Phase | None = None) -> dict[str, Any]:
        """The RFC 7946 FeatureCollection of campaign.geojson (or one phase's)."""
        from warmap.export import campaign_feature_collection

        chosen = self.phase(phase) if isinstance(phase, str) else phase
        return campaign_feature_collection(self, chosen)

    def to_geodataframe(self, kind: str | None = None, phase: str | Phase | None = None) -> geopandas.GeoDataFrame:
        """Features as a GeoDataFrame (EPSG:4326), optionally only one kind: place, event, front, territory.

        Columns: the GeoJSON properties, except that an event's ``type`` is ``event_type``
        (``gdf.type`` is GeoPandas' geometry type), plus ``name``, ``start_date``/``end_date``
        (datetimes at the span's first and last day) and ``date_precision`` (day/month/year)::

            events = campaign.to_geodataframe("event")
            battles = events[events.event_type == "battle"]
            autumn = events[events.start_date.between("1950-09-01", "1950-11-30")]
        """
        from warmap.export.frames import campaign_features, features_frame

        if phase is None:
            return features_frame(campaign_features(self, None if kind is None else (kind,)))
        features = self.to_geojson(phase)["features"]
        if kind is not None:
            features = [f for f in features if f["properties"]["kind"] == kind]
        return features_frame(features)

    def to_lpf(self, *, base_uri: str = "urn:warmap:") -> dict[str, Any]:
        """Places and events in Linked Places Format (the World Historical Gazetteer's JSON-LD GeoJSON).

        Each place and event is a feature with its names per language, ``when`` timespans and
        the sentences of the texts as citations; ``base_uri`` prefixes every ``@id``.
        """
        from warmap.export.lpf import campaign_lpf

        return campaign_lpf(self, base_uri=base_uri)

    def to_geoparquet(self, path: str | Path, kind: str | None = None) -> Path:
        """Write the features as GeoParquet (needs ``pip install 'warmap[parquet]'``)."""
        from warmap.export.parquet import write_geoparquet

        return write_geoparquet(self, Path(path), kind=kind)

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write one file in a registered format (``warmap.export.formats.WRITERS``), by name or suffix.

        >>> campaign.export("korea.lpf.json")        # Linked Places
        >>> campaign.export("korea.parquet")         # GeoParquet
        >>> campaign.export("out/k.gpkg", format="gpkg")
        """
        from warmap.export.formats import write_format

        return write_format(self, Path(path), format)

    def save(
        self,
        out: str | Path = "output",
        *,
        self_contained: bool = True,
        cdn: bool = False,
        assets_dir: str | None = None,
        offline: bool = False,
        gpkg: bool = False,
        progress: bool = True,
        exports: Sequence[str] = (),
    ) -> list[Path]:
        """Write index.html, campaign.geojson, per-phase maps and the CSVs; return the paths.

        ``exports`` adds files in other formats by name (``"gpkg"``, ``"csv"``, ``"lpf"``,
        ``"parquet"``: see ``warmap.export.formats``). The maps open with no network unless
        ``cdn`` asks for links to Leaflet on a CDN.
        """
        from warmap.outputs import write_outputs

        return write_outputs(
            self,
            Path(out),
            self_contained=self_contained,
            cdn=cdn,
            assets_dir=assets_dir,
            offline=offline,
            gpkg=gpkg,
            progress=progress,
            exports=exports,
        )


"""A campaign: the whole pipeline's result, and the scripting API around it.

``Campaign.from_sources`` runs the stages in order — sources → reading →
spotting → resolution → chronology (dates, events, phases) → fronts (lines,
territory) — and ``map``/``save``/``to_geodataframe`` hand the result to the
render and export stages. Each stage is one call here, so this file is the
table of contents of the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warmap.model import DateMention, Document, Event, Front, Phase, ResolvedMention, Source, Territory
from warmap.resolution.geocoding import GeocoderSettings

if TYPE_CHECKING:
    import folium
    import geopandas

__all__ = ["Campaign", "GeocoderSettings"]

STAGES = ("places", "events", "phases", "all")


@dataclass
class Campaign:
    """Everything the texts say, ready to map: plain lists of the model's classes."""

    documents: list[Document] = field(default_factory=list)
    places: list[ResolvedMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)  # the texts' own phases (scheme "text")
    catalogue_phases: list[Phase] = field(default_factory=list)  # us-army and cpv-offensives schemes
    fronts: list[Front] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    geocoder_note: str | None = None  # e.g. why the run went offline

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
    ) -> Campaign:
        """Run the pipeline over file paths (or Sources); no sources → the bundled corpus."""
        from warmap.chronology.dates import find_dates
        from warmap.gazetteer import Gazetteer
        from warmap.reading import read_document
        from warmap.resolution.resolve import resolve
        from warmap.sources import load_sources, unique_names
        from warmap.spotting import spot

        if stages not in STAGES:
            raise ValueError(f"stages must be one of {STAGES}")
        settings = geocoder or GeocoderSettings(offline=offline)
        if offline:
            settings.offline = True
        loaded = [s for s in sources if isinstance(s, Source)]
        paths = [str(s) for s in sources if not isinstance(s, Source)]
        if paths or not loaded:
            loaded += load_sources(paths, lang=lang, fmt=format)
        loaded = unique_names(loaded)
        campaign = cls(documents=[read_document(source) for source in loaded])
        gazetteer = Gazetteer.load()
        mentions = {doc.name: spot(doc, gazetteer) for doc in campaign.documents}
        fallback = _fallback_geocoder(settings)
        campaign.places = resolve(campaign.documents, mentions, gazetteer, fallback, progress=progress)
        if fallback is not None and getattr(fallback, "went_offline", False):
            campaign.geocoder_note = getattr(fallback, "offline_reason", None) or "geocoder unreachable"
        if stages == "places":
            return campaign
        campaign.dates = [d for doc in campaign.documents for d in find_dates(doc)]
        campaign._chronicle(gazetteer, with_phases=stages in ("phases", "all"))
        return campaign

    def _chronicle(self, gazetteer, with_phases: bool) -> None:
        """Events, then fronts, territory and phases."""
        from warmap.chronology.events import extract_events

        self.events = extract_events(self.documents, self.places, self.dates)
        if not with_phases:
            return
        from warmap.chronology.phases import assign_phases, build_phases
        from warmap.fronts import fronts_from_text, load_fronts, territory_timeline
        from warmap.gazetteer import land_geometry

        land = land_geometry(("KR", "KP"))
        curated = load_fronts(gazetteer)
        drawn = [
            front
            for doc in self.documents
            for front in fronts_from_text(
                doc,
                [p for p in self.places if p.mention.doc == doc.name],
                [d for d in self.dates if d.doc == doc.name],
            )
        ]
        self.fronts = curated + drawn
        self.territories = territory_timeline(curated, land)
        self.phases, self.catalogue_phases = build_phases(
            self.documents, self.dates, self.events, self.fronts, land, self.territories
        )
        assign_phases(self.territories, self.phases)

    # ------------------------------------------------------------ views
    def phases_for(self, scheme: str = "text") -> list[Phase]:
        """Phases of one scheme: "text" (the texts' sections), "us-army" or "cpv-offensives"."""
        if scheme == "text":
            return list(self.phases)
        return [p for p in self.catalogue_phases if p.scheme == scheme]

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases + self.catalogue_phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    @property
    def resolved(self) -> list[ResolvedMention]:
        return [p for p in self.places if p.place is not None]

    @property
    def unresolved(self) -> list[ResolvedMention]:
        return [p for p in self.places if p.place is None]

    # ------------------------------------------------------------ outputs
    def map(self, phase: str | Phase | None = None, **options: Any) -> folium.Map:
        """A folium map of the whole campaign, or of one phase (by id or Phase)."""
        from warmap.render import build_map

        chosen = self.phase(phase) if isinstance(phase, str) else phase
        return build_map(self, chosen, **options)

    def to_geojson(self, phase: str | Phase | None = None) -> dict[str, Any]:
        """The RFC 7946 FeatureCollection of campaign.geojson (or one phase's)."""
        from warmap.export import campaign_feature_collection

        chosen = self.phase(phase) if isinstance(phase, str) else phase
        return campaign_feature_collection(self, chosen)

    def to_geodataframe(self, kind: str | None = None, phase: str | Phase | None = None) -> geopandas.GeoDataFrame:
        """Features as a GeoDataFrame (EPSG:4326), optionally only one kind: place, event, front, territory."""
        import geopandas

        features = self.to_geojson(phase)["features"]
        if kind is not None:
            features = [f for f in features if f["properties"]["kind"] == kind]
        return geopandas.GeoDataFrame.from_features(features, crs="EPSG:4326")

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
    ) -> list[Path]:
        """Write index.html, campaign.geojson, per-phase maps and the CSVs; return the paths.

        The maps open with no network unless ``cdn`` asks for links to Leaflet on a CDN.
        """
        from warmap.export import write_outputs

        return write_outputs(
            self,
            Path(out),
            self_contained=self_contained,
            cdn=cdn,
            assets_dir=assets_dir,
            offline=offline,
            gpkg=gpkg,
            progress=progress,
        )


def _fallback_geocoder(settings: GeocoderSettings):
    """The geopy fallback, or None when offline with no cache to read."""
    from warmap.resolution.geocoding import FallbackGeocoder

    return FallbackGeocoder(settings)

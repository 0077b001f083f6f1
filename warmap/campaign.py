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
    """Everything the texts say, ready to map: plain lists of the model's classes."""

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
        self_contained: bool = False,
        assets_dir: str | None = None,
        gpkg: bool = False,
        progress: bool = True,
    ) -> list[Path]:
        """Write index.html, campaign.geojson, per-phase maps and the CSVs; return the paths."""
        from warmap.export import write_outputs

        return write_outputs(
            self, Path(out), self_contained=self_contained, assets_dir=assets_dir, gpkg=gpkg, progress=progress
        )


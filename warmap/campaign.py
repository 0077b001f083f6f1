"""A campaign: the whole pipeline's result, and the scripting API around it.

``Campaign.from_sources`` runs sources → reading → spotting → resolution →
chronology → fronts; ``map`` and ``save`` hand the result to render/export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warmap.model import Document, Event, Front, Phase, ResolvedMention, Territory


@dataclass
class Campaign:
    """Everything the texts say, ready to map: plain lists of the model's classes."""

    documents: list[Document] = field(default_factory=list)
    places: list[ResolvedMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)  # the texts' own phases (scheme "text")
    catalogue_phases: list[Phase] = field(default_factory=list)  # us-army and cpv-offensives schemes
    fronts: list[Front] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)

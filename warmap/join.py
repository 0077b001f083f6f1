"""The join: phases, told by the chronology as spans of time, filled with what fell within them.

It runs after the fronts stage, so that neither ``chronology`` nor ``fronts`` needs the
other's results: a phase gets the events dated within it (and those its own section tells
in the days its start was snapped past), the fronts valid within it, the curated front at
its end and the territory on that day; fronts and territory pieces get the phase they start
in. Everything is returned as new values; the inputs are left as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from warmap.chronology.phases import SNAP_DAYS, PhaseSpans, first_day, last_day, phase_at, phase_spans
from warmap.fronts.territory import front_on, territory_for
from warmap.model import DateMention, Document, Event, Front, Phase, Territory
from warmap.wars import War, load_war


@dataclass(frozen=True)
class Joined:
    text: list[Phase]  # the texts' phases, filled
    listed: list[Phase]  # the war's catalogue phases, filled
    fronts: list[Front]  # each with the text phase it starts in
    territories: list[Territory]  # each piece with the text phase it starts in


def join_phases(
    spans: PhaseSpans,
    events: list[Event],
    fronts: list[Front],
    land,
    territories: list[Territory] | None = None,
    war: War | None = None,
) -> Joined:
    """Fill the phases and label fronts and territory with them.

    ``territories`` (the territory timeline, when the caller has it) is reused for each
    phase's territory instead of cutting the land again.
    """
    war = load_war(war)
    text = [_fill(p, events, fronts, land, territories, war) for p in spans.text]
    text = _claim_section_events(text, spans.told_in, events)
    listed = [_fill(p, events, fronts, land, territories, war) for p in spans.listed]
    return Joined(text, listed, _labelled(fronts, text), _labelled(territories or [], text))


def build_phases(
    docs: list[Document],
    dates: list[DateMention],
    events: list[Event],
    fronts: list[Front],
    land,
    territories: list[Territory] | None = None,
    war: War | None = None,
) -> tuple[list[Phase], list[Phase]]:
    """(text phases, catalogue phases), filled: the spans and the join in one call."""
    joined = join_phases(phase_spans(docs, dates, war), events, fronts, land, territories, war)
    return joined.text, joined.listed


def _labelled(items: list, phases: list[Phase]) -> list:
    """Fronts or territory pieces, those without a phase given the one their start falls in."""
    return [replace(item, phase=phase_at(item.start, phases)) if item.phase is None else item for item in items]


def _fill(
    phase: Phase, events: list[Event], fronts: list[Front], land, territories: list | None, war: War
) -> Phase:
    end = phase.end or phase.start
    curated = [f for f in fronts if f.origin == "curated"]
    front = front_on(curated, end)
    territory = list(phase.territory)
    if territories is not None and front is not None:
        # The timeline already cut the land for every date: take the pieces holding the phase's last day.
        territory = [
            replace(t, phase=None)
            for t in territories
            if (first_day(t.start) or "") <= end and (t.end is None or last_day(t.end) >= end)
        ]
    elif land is not None and (front is not None or not curated):
        territory = territory_for(front, land, end, war=war)
    return replace(
        phase,
        events=[e.id for e in events if (day := first_day(e.start)) and phase.start <= day <= end],
        fronts=[
            f.id
            for f in fronts
            if (first_day(f.start) or "") <= end and (f.end is None or last_day(f.end) >= phase.start)
        ],
        front=front.geometry if front is not None else None,
        territory=territory,
    )


def _claim_section_events(
    phases: list[Phase], told_in: dict[str, tuple[str, int, int]], events: list[Event]
) -> list[Phase]:
    """An event told in a phase's own section, dated in the days its start was snapped past, is its event.

    仁川登陸 snaps to the U.S. Army's 16 September, but the landing of the 15th is what the
    section tells: without this it would sit in the phase before and leave 仁川登陸 empty.
    """
    claimed = [p for p in phases if p.id in told_in]
    held = {p.id: list(p.events) for p in claimed}
    holder = {event_id: p.id for p in claimed for event_id in p.events}
    for phase in claimed:
        doc, section_start, section_end = told_in[phase.id]
        gap_start = (date.fromisoformat(phase.start) - timedelta(days=SNAP_DAYS)).isoformat()
        for event in events:
            day = first_day(event.start)
            if not day or not gap_start <= day < phase.start:
                continue
            if any(ref.doc == doc and section_start <= ref.start < section_end for ref in event.sources):
                before = holder.get(event.id)
                if before is not None and before != phase.id:
                    held[before].remove(event.id)
                if event.id not in held[phase.id]:
                    held[phase.id].append(event.id)
                holder[event.id] = phase.id
    order = {event.id: n for n, event in enumerate(events)}
    for events_held in held.values():
        events_held.sort(key=lambda event_id: order.get(event_id, len(order)))
    return [replace(p, events=held[p.id]) if p.id in held else p for p in phases]

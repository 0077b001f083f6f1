"""Events: what happened where and when, told by one text or by several.

``extract_events`` gathers claims — mentions of the war's catalogued events
(``event_linking``), trigger sentences, named battles, the infobox (see
``event_triggers`` and ``event_named``) — and merges those that tell the same
happening (``event_merge``). A claim linked to the catalogue gathers the text's
other claims of the same happening, so the event carries the catalogue's id, type
and title and the texts' own dates, places and sentences.

When the texts disagree on a date the event keeps one — the most precise claim,
and among equally precise ones the earliest — and lists every text's claim in
``conflicts``. Events are ordered by start date, then id.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from warmap.chronology.catalogue import Catalogue, war_catalogue
from warmap.chronology.event_claims import FAMILIES, Claim, DocView
from warmap.chronology.event_compass import territory
from warmap.chronology.event_infobox import infobox_claims
from warmap.chronology.event_linking import absorb, agreeing, catalogue_dates, linked_claims
from warmap.chronology.event_merge import _chosen, close_groups, merge_claims, span
from warmap.chronology.event_named import named_claims
from warmap.chronology.event_places import pointless, theatre_center
from warmap.chronology.event_triggers import trigger_claims
from warmap.chronology.event_types import outcome_of, placed_broadly, precedence
from warmap.model import DateMention, Document, Event, Geometry, ResolvedMention, SourceRef
from warmap.wars import War, load_war

TYPE_PRIORITY = precedence()  # the registry's order: a tie on type goes to the earlier
ORIGIN_PRIORITY = {"catalogue": 0, "infobox": 0, "battle": 1, "trigger": 2}


def extract_events(
    docs: list[Document], mentions: list[ResolvedMention], dates: list[DateMention], war: War | None = None
) -> list[Event]:
    """Every dated event the documents tell, merged across documents, sorted by start then id.

    Only actions dated in the war profile's event years count (Korea: 1945–1954).
    """
    war = load_war(war)
    years, catalogue = war.event_years, war_catalogue(war)
    resolved = [m for m in mentions if m.place is not None]
    center = theatre_center(resolved)
    land = territory(war)
    claims: list[Claim] = []
    for doc in sorted(docs, key=lambda d: d.name):
        view = DocView(
            doc,
            [m for m in resolved if m.mention.doc == doc.name],
            [d for d in dates if d.doc == doc.name],
            catalogue,
        )
        claims += trigger_claims(view, years, center, land)
        claims += named_claims(view, years, center)
        claims += infobox_claims(view, center)
        claims += linked_claims(view, years)
    closings = [c for c in claims if c.closing]
    linked: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.catalogue is not None:
            linked.setdefault(claim.catalogue, []).append(claim)
    rest = absorb(linked, [c for c in claims if not c.closing and c.catalogue is None], catalogue)
    groups = [linked[key] for key in sorted(linked)] + merge_claims(rest)
    close_groups(groups, closings)
    events = sorted((_event(group, catalogue, center) for group in groups), key=_order)
    seen: Counter[str] = Counter()
    for event in events:  # two happenings of one type, place and start keep apart: -2, -3 …
        seen[event.id] += 1
        if seen[event.id] > 1:
            event.id = f"{event.id}-{seen[event.id]}"
    return sorted(events, key=lambda e: (e.start or "", e.id))


def _order(event: Event) -> tuple:
    first = event.sources[0] if event.sources else None
    return (event.start or "", event.id, first.doc if first else "", first.start if first else 0)


# ---------------------------------------------------------------- one event
def _event(group: list[Claim], catalogue: Catalogue, center: tuple[float, float] | None = None) -> Event:
    chosen = _chosen(_settled(group, catalogue))
    kind = _type(group)
    start = chosen.start.iso()
    ends = [c.end for c in group if c.end is not None and span(c.end).last > span(chosen.start).first]
    end = max(ends, key=lambda v: span(v).last).iso() if ends else None
    places, place_ids = [], set()
    for claim in sorted(group, key=lambda c: (c is not chosen, ORIGIN_PRIORITY.get(c.origin, 3))):
        for place in claim.places:
            if place.place_id not in place_ids:
                places.append(place)
                place_ids.add(place.place_id)
    places = _specific(places, kind, center)
    sources: dict[tuple[str, int, int], SourceRef] = {}
    for claim in sorted(group, key=lambda c: c.dated_by_catalogue):  # a text's own date before the catalogue's
        for ref in claim.sources:
            sources.setdefault((ref.doc, ref.start, ref.end), ref)
    return Event(
        id=event_id(kind, chosen.main.place_id, start),
        type=kind,
        title=_titles(group, chosen, {p.place_id for p in places}),
        start=start,
        end=end,
        places=[p.place_id for p in places],
        geometry=_geometry(places),
        sources=[sources[k] for k in sorted(sources)],
        conflicts=_conflicts(group),
        catalogue=next((c.catalogue for c in group if c.catalogue is not None), None),
    )


def _settled(group: list[Claim], catalogue: Catalogue) -> list[Claim]:
    """The claims whose date the event may keep: those meeting the catalogue's span when a name links
    it (``agreeing``); else, when its texts disagree, those inside a catalogued event of its family at
    its place (Seoul retaken on 25 September, in the Second Battle of Seoul, over 15 September, the
    landing's day; the narrowest such event decides): the catalogue settles what the texts dispute,
    the others stay as conflicts."""
    if any(c.catalogue is not None for c in group) or len({c.start for c in group}) < 2:
        return agreeing(group, catalogue)
    place_ids = {c.main.place_id for c in group}
    family = FAMILIES.get(group[0].type)
    spans = sorted(
        (
            span(*dates)
            for row in catalogue
            if place_ids & set(row.places)
            and FAMILIES.get(row.type) in (family, outcome_of(group[0].type))
            and (dates := catalogue_dates(row)) is not None
        ),
        key=lambda s: (s.last - s.first, s.first),
    )
    for known in spans:  # the narrowest catalogued event that decides between them
        inside = [c for c in group if (t := span(c.start, c.end)).first <= known.last and known.first <= t.last]
        if inside and len(inside) < len(group):
            return inside
    return group


def _specific(places: list, kind: str, center: tuple[float, float] | None) -> list:
    """An event's places without the country or peninsula one text put it on when another text (or
    sentence) names where it happened: the armistice "between the two Koreas" is at the parallel.
    An offensive may still sweep a country, never the peninsula."""
    if placed_broadly(kind):
        kept = [p for p in places if p.feature == "country" or not pointless(p, center)]
    else:
        kept = [p for p in places if not pointless(p, center)]
    return kept or places


def event_id(kind: str, place_id: str, start: str) -> str:
    """Deterministic: the same type, main place and start give the same id in every run."""
    digest = hashlib.sha1(f"{kind}|{place_id}|{start}".encode()).hexdigest()[:10]
    return f"{kind}-{start}-{digest}"


def _type(group: list[Claim]) -> str:
    """The catalogue's type wins, then a named battle's; else the type most claims give (ties by
    TYPE_PRIORITY)."""
    linked = [c.type for c in group if c.catalogue is not None]
    if linked:
        return linked[0]
    named = [c.type for c in group if c.origin in ("battle", "infobox")]
    pool = named or [c.type for c in group]
    counts = Counter(pool)
    return min(counts, key=lambda t: (-counts[t], TYPE_PRIORITY.index(t) if t in TYPE_PRIORITY else 99))


def _titles(group: list[Claim], chosen: Claim, kept: set[str]) -> dict[str, str]:
    """One title per language: a name a text gives before one composed from a template, and
    among those the chosen claim's (whose date and main place the event keeps) — unless its
    place was left out for a more specific one (the armistice "between the two Koreas")."""
    titles: dict[str, str] = {}
    order = sorted(
        group,
        key=lambda c: (
            ORIGIN_PRIORITY.get(c.origin, 3),
            c.main.place_id not in kept,
            c is not chosen,
            span(c.start).first,
            c.doc,
        ),
    )
    for claim in order:
        for lang, title in claim.titles.items():
            titles.setdefault(lang, title)
    return dict(sorted(titles.items()))


def _geometry(places: list) -> Geometry | None:
    points = []
    for place in places:
        point = [round(place.lon, 6), round(place.lat, 6)]
        if point not in points:
            points.append(point)
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


def _conflicts(group: list[Claim]) -> list[dict]:
    """Each text's own date for the event, when the texts disagree (a date taken from the catalogue is
    no text's claim)."""
    conflicts = []
    by_doc: dict[str, list[Claim]] = {}
    for claim in (c for c in group if not c.dated_by_catalogue):
        by_doc.setdefault(claim.doc, []).append(claim)
    if len(by_doc) < 2:
        return []
    for field, value_of in (
        ("start", lambda c: c.start.iso()),
        ("end", lambda c: c.end.iso() if c.end else None),
    ):
        claims = []
        for doc in sorted(by_doc):
            value = value_of(_chosen(by_doc[doc]))
            if value is not None:
                claims.append({"doc": doc, "value": value})
        if len({c["value"] for c in claims}) > 1:
            conflicts.append({"field": field, "claims": claims})
    places = {doc: _chosen(claims).main for doc, claims in by_doc.items()}
    if len({p.place_id for p in places.values()}) > 1:
        claims_out = [{"doc": d, "value": places[d].place_id, "name": places[d].name} for d in sorted(places)]
        conflicts.append({"field": "place", "claims": claims_out})
    return conflicts

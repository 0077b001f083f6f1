"""campaign.geojson: the campaign as one RFC 7946 FeatureCollection.

The map is drawn from these same features (``warmap.render``), so what a GIS user
loads and what a reader sees cannot drift apart. Output is deterministic: sorted
features, geometries snapped to 1e-6 degrees and wound by the right-hand rule,
``sort_keys`` serialisation.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from warmap.features import timespan
from warmap.features.geometry import PRECISION, GeometryMemo, normalise_geometry
from warmap.features.text_spans import TextSpans
from warmap.model import Document, Event, Front, Phase, ResolvedMention, SourceRef, Territory

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geometry_store import StoredGeometries

KIND_ORDER = {"territory": 0, "front": 1, "event": 2, "place": 3}
__all__ = ["PRECISION", "FeatureCache", "campaign_feature_collection", "dumps", "normalise_geometry"]


# ------------------------------------------------------------------ sources
def mention_source(mention_doc: Document | None, rm: ResolvedMention) -> SourceRef:
    """The sentence holding a mention (the mention itself when the reader found no sentence)."""
    m = rm.mention
    if mention_doc is not None:
        sentence = mention_doc.sentence_at(m.readable_start)
        if sentence is not None:
            start, end = mention_doc.source_span(sentence.start, sentence.end)
            return SourceRef(m.doc, start, end, mention_doc.text[sentence.start : sentence.end].strip())
    return SourceRef(m.doc, m.start, m.end, m.surface)


def _dedupe_sources(refs: list[SourceRef]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, int, int], dict[str, Any]] = {}
    for ref in refs:
        seen.setdefault((ref.doc, ref.start, ref.end), ref.to_json())
    return [seen[k] for k in sorted(seen)]


def _place_names(rm: ResolvedMention) -> dict[str, str]:
    place = rm.place
    assert place is not None
    names = {lang: values[0] for lang, values in sorted(place.names.items()) if values}
    names.setdefault("en", place.name)
    return names


# ------------------------------------------------------------------ phase filter
def _war_end(campaign: Campaign) -> date:
    """The last day anything in the campaign is dated (open-ended fronts run to it)."""
    days = [timespan.interval(e.start, e.end) for e in campaign.events]
    days += [
        timespan.interval(x.start, x.end) for x in (*campaign.fronts, *campaign.territories, *campaign.phases)
    ]
    lasts = [d[1] for d in days if d]
    return max(lasts) if lasts else campaign.war.end


class Selection:
    """What a map or a GeoJSON shows: everything, or one phase's share of it."""

    def __init__(self, campaign: Campaign, phase: Phase | None):
        self.campaign = campaign
        self.phase = phase
        self.war_end = _war_end(campaign)
        self.window = None if phase is None else timespan.open_interval(phase.start, phase.end, self.war_end)

    def span(self, start: str | None, end: str | None, open_ended: bool = False) -> timespan.Interval | None:
        if open_ended:
            return timespan.open_interval(start, end, self.war_end)
        return timespan.interval(start, end)

    def events(self) -> list[Event]:
        events = self.campaign.events
        if self.phase is None:
            return list(events)
        if self.phase.events:
            wanted = set(self.phase.events)
            return [e for e in events if e.id in wanted]
        return [e for e in events if timespan.overlaps(self.span(e.start, e.end), self.window)]

    def fronts(self) -> list[Front]:
        if self.phase is None or self.window is None:
            return list(self.campaign.fronts)
        wanted = set(self.phase.fronts)
        ends = (self.window[0], self.window[1])
        return [
            f
            for f in self.campaign.fronts
            if f.id in wanted
            or f.phase == self.phase.id
            or any(timespan.contains(self.span(f.start, f.end, True), d) for d in ends)
        ]

    def territories(self) -> list[Territory]:
        territories = list(self.campaign.territories)
        if self.phase is None:
            return territories
        chosen = [t for t in territories if t.phase == self.phase.id]
        chosen += [
            t
            for t in territories
            if t.phase != self.phase.id and timespan.overlaps(self.span(t.start, t.end, True), self.window)
        ]
        own = [t for t in self.phase.territory if t not in chosen]
        return chosen + own

    def mentions(self, events: list[Event]) -> list[ResolvedMention]:
        """Resolved mentions shown: all, or those inside the phase's sentences and section."""
        resolved = [rm for rm in self.campaign.places if rm.place is not None]
        if self.phase is None:
            return resolved
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for event in events:
            for ref in event.sources:
                spans[ref.doc].append((ref.start, ref.end))
        if self.phase.section:
            for doc in self.campaign.documents:
                for section in doc.sections:
                    if section.title == self.phase.section:
                        spans[doc.name].append((section.start, section.end))
        within = {doc: TextSpans(pairs) for doc, pairs in spans.items()}
        return [rm for rm in resolved if rm.mention.doc in within and rm.mention.start in within[rm.mention.doc]]




# ------------------------------------------------------------------ features
def _feature(
    geometry: dict[str, Any] | None, properties: dict[str, Any], memo: GeometryMemo | None, owner: Any = None
) -> dict[str, Any]:
    shaped = normalise_geometry(geometry) if memo is None else memo.normalised(geometry, owner)
    return {"type": "Feature", "geometry": shaped, "properties": properties}


def place_features(
    campaign: Campaign, mentions: list[ResolvedMention], events: list[Event], memo: GeometryMemo | None = None
) -> list[dict]:
    """One feature per resolved place, with every sentence that mentions it."""
    documents = {d.name: d for d in campaign.documents}
    by_place: dict[str, list[ResolvedMention]] = defaultdict(list)
    for rm in mentions:
        if rm.place is not None:
            by_place[rm.place.place_id].append(rm)
    event_spans: dict[str, list[tuple[timespan.Interval, str, str]]] = defaultdict(list)
    for event in events:
        span = timespan.interval(event.start, event.end)
        if span:
            for pid in event.places:
                event_spans[pid].append(
                    (span, event.start or event.end or "", event.end or event.start or "")
                )
    features = []
    for place_id, group in by_place.items():
        place = group[0].place
        assert place is not None
        refs = [mention_source(documents.get(rm.mention.doc), rm) for rm in group]
        dated = event_spans.get(place_id, [])
        start = min(dated, key=lambda d: (d[0][0], d[1]))[1] if dated else None
        end = max(dated, key=lambda d: (d[0][1], d[2]))[2] if dated else None
        properties = {
            "kind": "place",
            "id": place_id,
            "names": _place_names(group[0]),
            "sources": _dedupe_sources(refs),
            "start": start,
            "end": end,
            "feature": place.feature,
            "mentions": len(group),
            "surfaces": sorted({rm.mention.surface for rm in group}),
            "confidence": round(min(rm.confidence for rm in group), 3),
            "resolver": sorted({rm.resolver for rm in group})[0],
        }
        geometry = place.geometry or {"type": "Point", "coordinates": [place.lon, place.lat]}
        features.append(_feature(geometry, properties, memo, owner=place))
    return features


def event_features(events: list[Event], memo: GeometryMemo | None = None) -> list[dict]:
    return [
        _feature(
            e.geometry,
            {
                "kind": "event",
                "id": e.id,
                "names": dict(sorted(e.title.items())),
                "sources": _dedupe_sources(e.sources),
                "start": e.start,
                "end": e.end,
                "type": e.type,
                "places": list(e.places),
                "conflicts": list(e.conflicts),
            },
            memo,
        )
        for e in events
    ]


def front_features(fronts: list[Front], memo: GeometryMemo | None = None) -> list[dict]:
    return [
        _feature(
            f.geometry,
            {
                "kind": "front",
                "id": f.id,
                "names": dict(sorted(f.names.items())),
                "sources": _dedupe_sources(f.sources),
                "start": f.start,
                "end": f.end,
                "phase": f.phase,
                "origin": f.origin,
                "anchors": list(f.anchors),
                "source_note": f.source_note,
            },
            memo,
        )
        for f in fronts
    ]


def territory_features(
    territories: list[Territory], fronts: list[Front], memo: GeometryMemo | None = None, war: Any = None
) -> list[dict]:
    from warmap.features.sides import side_names

    front_sources = {f.id: f.sources for f in fronts}
    counts: dict[str, int] = defaultdict(int)
    features = []
    for t in territories:
        base = f"territory:{t.side}:{t.start}"
        counts[base] += 1
        tid = base if counts[base] == 1 else f"{base}:{counts[base]}"
        properties = {
            "kind": "territory",
            "id": tid,
            "names": side_names(t.side, war),
            "sources": _dedupe_sources(front_sources.get(t.front_id or "", [])),
            "start": t.start,
            "end": t.end,
            "side": t.side,
            "phase": t.phase,
            "front": t.front_id,
        }
        features.append(_feature(t.geometry, properties, memo))
    return features


def _sort_features(features: list[dict[str, Any]]) -> None:
    """Sort by kind, start, id, and only on a tie by the geometry's JSON (costly to compute for all)."""

    def head(feature: dict[str, Any]) -> tuple:
        p = feature["properties"]
        return (KIND_ORDER[p["kind"]], p["start"] or "", p["id"])

    heads = [head(f) for f in features]
    ties = {h for h, n in Counter(heads).items() if n > 1}
    keys = {
        id(f): (*h, json.dumps(f["geometry"], sort_keys=True) if h in ties else "")
        for f, h in zip(features, heads, strict=True)
    }
    features.sort(key=lambda f: keys[id(f)])


def campaign_feature_collection(
    campaign: Campaign, phase: Phase | None = None, *, cache: FeatureCache | None = None
) -> dict[str, Any]:
    """The campaign (or one phase of it) as an RFC 7946 FeatureCollection of place/event/front/territory.

    With a ``cache`` (one per build), each collection and each geometry is computed
    once and shared by every caller: treat the result as read-only then.
    """
    if cache is not None:
        return cache.collection(campaign, phase)
    return _collection(campaign, phase, None)


def _collection(campaign: Campaign, phase: Phase | None, memo: GeometryMemo | None) -> dict[str, Any]:
    selection = Selection(campaign, phase)
    events = selection.events()
    fronts = selection.fronts()
    features = [
        *territory_features(selection.territories(), campaign.fronts, memo, campaign.war),
        *front_features(fronts, memo),
        *event_features(events, memo),
        *place_features(campaign, selection.mentions(events), campaign.events, memo),
    ]
    features = [f for f in features if f["geometry"] is not None or f["properties"]["kind"] == "event"]
    _sort_features(features)
    return {"type": "FeatureCollection", "features": features}


class FeatureCache:
    """One build's collections (overview and each phase) and normalised geometries, computed once.

    The overview map and campaign.geojson, and each phase's map and GeoJSON, are the
    same collection; phases share the geometries of the places, fronts and territory
    they have in common.
    """

    def __init__(self, stored: StoredGeometries | None = None) -> None:
        self.memo = GeometryMemo(stored)
        self._collections: dict[int, tuple[Campaign, Phase | None, dict[str, Any]]] = {}

    def collection(self, campaign: Campaign, phase: Phase | None = None) -> dict[str, Any]:
        key = id(phase)
        hit = self._collections.get(key)
        if hit is None or hit[0] is not campaign or hit[1] is not phase:
            hit = (campaign, phase, _collection(campaign, phase, self.memo))
            self._collections[key] = hit
        return hit[2]


COMPACT = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


def dumps(collection: dict[str, Any], cache: FeatureCache | None = None) -> str:
    """Byte-stable serialisation: sorted keys, fixed separators, UTF-8 text, trailing newline.

    With the build's ``cache``, each geometry is serialised once for all the files.
    """
    if cache is None:
        return json.dumps(collection, **COMPACT) + "\n"
    return collection_json(collection, lambda g: cache.memo.json(g, COMPACT), COMPACT) + "\n"


def collection_json(collection: dict[str, Any], geometry_json, options: dict[str, Any]) -> str:
    """``json.dumps(collection, **options)`` (sort_keys included), the geometries' text from ``geometry_json``.

    Splices the text by hand, so only for the plain shape of our collections; anything
    else goes to json.dumps whole.
    """
    comma, colon = options.get("separators") or (", ", ": ")  # json.dumps's own default
    if collection.keys() != {"type", "features"} or not all(
        f.keys() == {"type", "geometry", "properties"} and f["type"] == "Feature"
        for f in collection["features"]
    ):
        return json.dumps(collection, **options)
    parts = [
        "{"
        + f'"geometry"{colon}{geometry_json(f["geometry"])}{comma}'
        + f'"properties"{colon}{json.dumps(f["properties"], **options)}{comma}'
        + f'"type"{colon}"Feature"'
        + "}"
        for f in collection["features"]
    ]
    kind = json.dumps(collection["type"], **options)
    return "{" + f'"features"{colon}[{comma.join(parts)}]{comma}"type"{colon}{kind}' + "}"

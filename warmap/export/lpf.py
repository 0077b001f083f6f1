"""Linked Places Format: the campaign's places and events as the World Historical Gazetteer reads them.

LPF (https://github.com/LinkedPasts/linked-places-format) is GeoJSON-LD: a FeatureCollection
whose features carry ``names`` (each an attestation: a toponym, its language and the
``citations`` that attest it), ``when`` timespans and ``types``. Here:

- a **place** is a feature whose names are the spellings the texts use, each cited by the
  sentences that use it, then the gazetteer's names; its ``when`` is the span of the events
  told there (when it matters to this campaign, not when it existed); its type is the Getty
  AAT term the WHG uses (``data/lpf_types.csv``); a GeoNames place links to its record
  (``closeMatch`` ``gn:<id>``);
- an **event** is a feature named by its titles, cited by the sentences it rests on, with
  the event's dates as its ``when``, its type as ``types`` and the @ids of its places in
  ``properties.places``.

Dates stay as precise as the texts: ``{"in": "1950-08"}`` is "some time in August 1950".
Every feature validates against the WHG's published schema (tests/data/lpf/).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warmap.model import Event, ResolvedMention

if TYPE_CHECKING:
    from warmap.campaign import Campaign
    from warmap.features.geojson import FeatureCache

TYPES = Path(__file__).parent / "data" / "lpf_types.csv"  # feature → Getty AAT, from the WHG's list
CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
__all__ = ["CONTEXT", "campaign_lpf", "write_lpf"]


@cache
def _aat() -> dict[str, tuple[str, str]]:
    """feature → (AAT id, AAT term) for the features that have one."""
    with TYPES.open(encoding="utf-8", newline="") as handle:
        return {r["feature"]: (r["aat_id"], r["aat_term"]) for r in csv.DictReader(handle) if r["aat_id"]}


def _place_type(feature: str) -> dict[str, str]:
    if feature in _aat():
        aat_id, term = _aat()[feature]
        return {"identifier": f"aat:{aat_id}", "label": term, "sourceLabel": feature}
    return {"label": feature, "sourceLabel": feature}


def _one_line(text: str) -> str:
    """LPF's string patterns (``^(.*)$``) refuse line breaks."""
    return " ".join(text.split())


def _citation(ref: dict[str, Any]) -> dict[str, Any]:
    label = f"{ref['doc']} [{ref['start']}–{ref['end']}]: {ref['text']}"
    return {"label": _one_line(label)}


def _when(start: str | None, end: str | None) -> dict[str, Any] | None:
    """An LPF ``when`` with one timespan; ``in`` keeps a reduced date's precision."""
    first = start or end
    if not first:
        return None
    span: dict[str, Any] = {"start": {"in": first}}
    if end and end != first:
        span["end"] = {"in": end}
    return {"timespans": [span]}


def _geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    if not geometry:
        return None
    if geometry["type"] == "GeometryCollection":
        return geometry
    return {"type": "GeometryCollection", "geometries": [geometry]}


def _links(place_id: str) -> list[dict[str, str]]:
    scheme, _, number = place_id.partition(":")
    return [{"type": "closeMatch", "identifier": f"gn:{number}"}] if scheme == "geonames" and number else []


def _place_names(mentions: list[ResolvedMention], names: dict[str, str], documents) -> list[dict[str, Any]]:
    from warmap.features.geojson import mention_source

    cited: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rm in mentions:
        ref = mention_source(documents.get(rm.mention.doc), rm).to_json()
        cited[(_one_line(rm.mention.surface), rm.mention.lang)].append(ref)
    out = []
    for (surface, lang), refs in sorted(cited.items()):
        unique = {(r["doc"], r["start"], r["end"]): r for r in refs}
        out.append({"toponym": surface, "lang": lang, "citations": [_citation(unique[k]) for k in sorted(unique)]})
    attested = {(n["toponym"], n["lang"]) for n in out}
    for lang, name in sorted(names.items()):
        if name and (_one_line(name), lang) not in attested:
            out.append({"toponym": _one_line(name), "lang": lang})
    return out


def _drop_empty(feature: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in feature.items() if v not in (None, [], {})}


def place_feature(properties: dict[str, Any], geometry, mentions, place, documents, base_uri: str) -> dict:
    title = properties["names"].get("en") or properties["id"]
    extra = {"ccodes": [place.country]} if place.country and len(place.country) == 2 else {}
    return _drop_empty(
        {
            "@id": f"{base_uri}place:{properties['id']}",
            "type": "Feature",
            "properties": {"title": _one_line(title), **extra, "feature": properties["feature"]},
            "when": _when(properties["start"], properties["end"]),
            "names": _place_names(mentions, properties["names"], documents),
            "types": [_place_type(properties["feature"])],
            "geometry": _geometry(geometry),
            "links": _links(properties["id"]),
        }
    )


def event_feature(event: Event, geometry, base_uri: str) -> dict[str, Any]:
    citations = [_citation(ref.to_json()) for ref in sorted(event.sources, key=lambda r: (r.doc, r.start, r.end))]
    names = [
        {"toponym": _one_line(title), "lang": lang, "citations": citations}
        for lang, title in sorted(event.title.items())
        if title.strip()
    ] or [{"toponym": event.id, "lang": None, "citations": citations}]
    title = event.title.get("en") or names[0]["toponym"]
    return _drop_empty(
        {
            "@id": f"{base_uri}event:{event.id}",
            "type": "Feature",
            "properties": {
                "title": _one_line(title),
                "event_type": event.type,
                "places": [f"{base_uri}place:{p}" for p in event.places],
            },
            "when": _when(event.start, event.end),
            "names": names,
            "types": [{"label": event.type, "sourceLabel": event.type}],
            "geometry": _geometry(geometry),
        }
    )


def campaign_lpf(
    campaign: Campaign, *, base_uri: str = "urn:warmap:", cache: FeatureCache | None = None
) -> dict[str, Any]:
    """The LPF FeatureCollection: places first, then events, each sorted by id."""
    from warmap.export.frames import campaign_features
    from warmap.features.geojson import campaign_feature_collection

    if cache is not None:  # a build has the whole collection already
        features = campaign_feature_collection(campaign, cache=cache)["features"]
    else:
        features = campaign_features(campaign, ("place", "event"))
    documents = {d.name: d for d in campaign.documents}
    by_place: dict[str, list[ResolvedMention]] = defaultdict(list)
    for rm in campaign.places:
        if rm.place is not None:
            by_place[rm.place.place_id].append(rm)
    events = {e.id: e for e in campaign.events}
    places, told = [], []
    for feature in features:
        props = feature["properties"]
        if props["kind"] == "place" and props["id"] in by_place:
            group = by_place[props["id"]]
            places.append(
                place_feature(props, feature["geometry"], group, group[0].place, documents, base_uri)
            )
        elif props["kind"] == "event" and props["id"] in events:
            told.append(event_feature(events[props["id"]], feature["geometry"], base_uri))
    return {
        "type": "FeatureCollection",
        "@context": CONTEXT,
        "features": sorted(places, key=lambda f: f["@id"]) + sorted(told, key=lambda f: f["@id"]),
    }


def write_lpf(campaign: Campaign, path: Path, cache: FeatureCache | None = None) -> Path:
    """Write the LPF collection as UTF-8 JSON, atomically."""
    from warmap.export.atomic import write_text

    collection = campaign_lpf(campaign, cache=cache)
    return write_text(path, json.dumps(collection, ensure_ascii=False, sort_keys=True, indent=1) + "\n")

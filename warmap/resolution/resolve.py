"""Resolution: choose one place for every mention, or say it stays unresolved.

The gazetteer ranks candidates for a name alone (theatre prior, feature,
population). Here the document has its say: a link's disambiguator (九州_(日本)),
and the places already resolved around the mention — a text about Korea that
names 安东 next to 鸭绿江 means Dandong, not Andong. Two passes: unambiguous
mentions become anchors, then ambiguous ones lean towards the anchors near them.
Names the gazetteer does not know go to the geopy fallback when one is given.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from warmap.model import SETTLEMENTS, Candidate, Document, Mention, Place, ResolvedMention
from warmap.reading.normalize import normalize_name
from warmap.wars import War, load_war

CLEAR_MARGIN = 0.15  # top score this far ahead of the next → an anchor
WINDOW = 3000  # readable characters either side in which anchors count
PROXIMITY_WEIGHT = 0.35
PROXIMITY_SCALE_KM = 150.0
HINT_WEIGHT = 0.4
GEOCODER_CONFIDENCE = 0.6
# A town in another country that bears a country's name is the namesake: "China ambushed the
# Marines" is the country, not the village of China on Okinawa (a city-state's city is not).
NAMESAKE_PENALTY = 0.3


@dataclass
class _Scored:
    candidate: Candidate
    total: float


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places' representative points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _hint_countries(gazetteer, hint: str | None, cache: dict[str, set[str]]) -> set[str]:
    """Countries a link disambiguator names: 九州_(日本) → {JP}; 晋州市_(韩国) → {KR}."""
    if not hint:
        return set()
    if hint not in cache:
        countries = {c.place.country for c in gazetteer.exact(normalize_name(hint)) if c.place.country}
        cache[hint] = countries
    return cache[hint]


class _Anchors:
    """Unambiguous places by readable position; the ones near a mention are found by bisection."""

    def __init__(self, anchors: list[tuple[int, Place]]):
        self.items = sorted(anchors, key=lambda a: a[0])
        self.positions = [at for at, _ in self.items]

    def near(self, position: int) -> list[Place]:
        """Each distinct place anchored within WINDOW of ``position`` once (朝鲜 forty times is one anchor)."""
        low = bisect_left(self.positions, position - WINDOW)
        high = bisect_right(self.positions, position + WINDOW)
        return list({place.place_id: place for _, place in self.items[low:high]}.values())


def _score(
    mention: Mention, anchors: _Anchors, hint: set[str], distances: dict[tuple[int, int], float] | None = None
) -> list[_Scored]:
    """The candidates ranked; ``distances`` remembers each pair of places' distance (a document asks
    for the same 8,000 pairs 40,000 times)."""
    distances = {} if distances is None else distances
    scored = []
    around = anchors.near(mention.readable_start)
    countries = {c.place.country for c in mention.candidates if c.place.feature == "country"}
    for candidate in mention.candidates:
        total = candidate.score
        if countries and candidate.place.feature in SETTLEMENTS and candidate.place.country not in countries:
            total -= NAMESAKE_PENALTY
        if hint and candidate.place.country in hint:
            total += HINT_WEIGHT
        near = [place for place in around if place.place_id != candidate.place.place_id]
        if near:
            closest = min(_distance(candidate.place, place, distances) for place in near)
            total += PROXIMITY_WEIGHT * math.exp(-closest / PROXIMITY_SCALE_KM)
        scored.append(_Scored(candidate, total))
    scored.sort(key=lambda s: (-s.total, s.candidate.place.place_id))
    return scored


def _distance(a: Place, b: Place, distances: dict[tuple[int, int], float]) -> float:
    """distance_km(a, b), remembered by the places' identities (the places outlive the document)."""
    pair = (id(a), id(b))
    known = distances.get(pair)
    if known is None:
        known = distances[pair] = distance_km(a, b)
    return known


def _confidence(scored: list[_Scored]) -> float:
    best = scored[0]
    base = min(1.0, best.candidate.score)
    if len(scored) == 1:
        return round(base, 3)
    margin = best.total - scored[1].total
    return round(max(0.05, min(1.0, base * (0.6 + margin))), 3)


def resolve_document(doc: Document, mentions: list[Mention], gazetteer) -> list[ResolvedMention]:
    """Resolve one document's mentions from the gazetteer alone (no network)."""
    hints: dict[str, set[str]] = {}
    anchors: list[tuple[int, Place]] = []
    distances: dict[tuple[int, int], float] = {}
    for mention in mentions:
        if not mention.candidates:
            continue
        scored = _score(mention, _Anchors([]), _hint_countries(gazetteer, mention.link_hint, hints), distances)
        if len(scored) == 1 or scored[0].total - scored[1].total >= CLEAR_MARGIN:
            anchors.append((mention.readable_start, scored[0].candidate.place))
    nearby = _Anchors(anchors)
    resolved: list[ResolvedMention] = []
    for mention in mentions:
        if not mention.candidates:
            resolved.append(ResolvedMention(mention, None, 0.0, "unresolved"))
            continue
        scored = _score(mention, nearby, _hint_countries(gazetteer, mention.link_hint, hints), distances)
        resolved.append(ResolvedMention(mention, scored[0].candidate.place, _confidence(scored), "gazetteer"))
    return resolved


def resolve(
    documents: list[Document],
    mentions: dict[str, list[Mention]],
    gazetteer,
    geocoder=None,
    progress: bool = False,
    war: War | None = None,
) -> list[ResolvedMention]:
    """Resolve every document's mentions; the unknown names go to ``geocoder`` if given."""
    resolved: list[ResolvedMention] = []
    for doc in documents:
        resolved.extend(resolve_document(doc, mentions.get(doc.name, []), gazetteer))
    if geocoder is not None:
        _geocode_unresolved(resolved, geocoder, progress, load_war(war))
    return resolved


def _geocode_unresolved(resolved: list[ResolvedMention], geocoder, progress: bool, war: War) -> None:
    """Ask the fallback geocoder once per distinct unknown name, then fill in the answers.

    A geocoder answers for the whole world; the names the gazetteer did not know are the
    war's small places, so an answer outside the war's wider theatre (its region) is a
    namesake, not the place.
    """
    pending = [r for r in resolved if r.place is None]
    if not pending:
        return
    names = sorted({(r.mention.key, r.mention.lang) for r in pending})
    answers = geocoder.geocode_many(names, progress=progress)
    for item in pending:
        answer = answers.get((item.mention.key, item.mention.lang))
        if answer is not None and answer.place is not None and war.in_region(answer.place.lon, answer.place.lat):
            item.place = answer.place
            item.resolver = answer.resolver
            item.confidence = GEOCODER_CONFIDENCE


"""The places an action happened at: which of a sentence's places is the scene, and which merely nearby.

A sentence names many places; the one an action happened at is the one its
clause names, that its verb governs, that is a point rather than a region, and
that lies in the theatre of war. These rules are the largest part of reading a
claim and change on their own, so they live apart from the claim itself.
"""

from __future__ import annotations

import math
import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from warmap.chronology.date_points import fold_1to1
from warmap.chronology.event_claims import DocView, clause_spans
from warmap.chronology.event_types import scene
from warmap.chronology.event_vocabulary import base_lang, vocabulary
from warmap.model import Place, ResolvedMention, Sentence


@cache
def bundled_gazetteer():
    """The gazetteer places of the catalogue and the war profile are looked up in (opened once)."""
    from warmap.gazetteer.lookup import Gazetteer

    return Gazetteer.load()

POINT_FEATURES = {"city", "town", "village", "site", "mountain", "island", "lake"}
FEATURE_RANK = {**{f: 0 for f in POINT_FEATURES}, "river": 1, "line": 1, "sea": 2, "region": 2, "country": 3}
THEATRE_RADIUS_KM = 1500  # a place this far from the texts' median place is off the theatre of war
SIDE_QUALIFIERS = {"north_of", "south_of", "east_of", "west_of"}  # 三八线以北: a side of the line, not the line


def one_side(mention: ResolvedMention, kind: str | None, after: str, area_words: tuple[str, ...]) -> bool:
    """A line named only as the edge of an area (撤离三八线以北地区, from the lands north of the
    parallel: a side qualifier, then an area word of the pack within the next characters ``after``):
    no scene for an action that does not happen on lines (a crossing does). 退至三八线以南 keeps it."""
    place = mention.place
    return (
        place is not None
        and place.feature == "line"
        and mention.mention.qualifier in SIDE_QUALIFIERS
        and scene(kind) != "line"
        and any(word in after for word in area_words)
    )


def rank(place: Place, kind: str | None = None) -> int:
    """Lower is a better main place: a point before a line before a region before a country."""
    value = FEATURE_RANK.get(place.feature, 2)
    where = scene(kind)  # the registry's best kind of place for the type
    if where == "line":  # one crosses a river or a line
        value = 0 if place.feature in ("river", "line") else value + 1
    elif where == "any" and place.feature != "country":  # air battles happen over rivers and regions too
        value = 0
    return value


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def theatre_center(mentions: list[ResolvedMention]) -> tuple[float, float] | None:
    """The median of the places the texts name (countries left out): where the war is."""
    points = [(m.place.lat, m.place.lon) for m in mentions if m.place and m.place.feature != "country"]
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def in_theatre(place: Place, center: tuple[float, float] | None) -> bool:
    return center is None or distance_km(place.lat, place.lon, *center) <= THEATRE_RADIUS_KM


ADJACENT = 6  # a country or a broad region is an event's place only when the action word stands this close
BROAD_DEGREES = 3.0  # a region wider or taller than this is broad (a peninsula, Manchuria), not a battlefield


_EXTENTS: dict[int, tuple[Place, tuple[float, float, float, float] | None]] = {}


def _extent(place: Place) -> tuple[float, float, float, float] | None:
    """The bounding box (west, south, east, north) of a place's shape, or None for a point; walked once
    per place (a country's outline is asked for again for every sentence naming it)."""
    known = _EXTENTS.get(id(place))
    if known is None or known[0] is not place:
        if len(_EXTENTS) > 65536:
            _EXTENTS.clear()
        known = _EXTENTS[id(place)] = (place, _walked_extent(place))
    return known[1]


def _walked_extent(place: Place) -> tuple[float, float, float, float] | None:
    lons, lats = [], []

    def walk(node: object) -> None:
        if (
            isinstance(node, (list, tuple))
            and len(node) >= 2
            and all(isinstance(v, (int, float)) for v in node[:2])
        ):
            lons.append(float(node[0]))  # type: ignore[index, arg-type]
            lats.append(float(node[1]))  # type: ignore[index, arg-type]
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)

    walk((place.geometry or {}).get("coordinates", []))
    return (min(lons), min(lats), max(lons), max(lats)) if lons else None


def broad(place: Place) -> bool:
    """Countries, and regions whose shape spans more than BROAD_DEGREES: too wide to mark one event."""
    if place.feature == "country":
        return True
    if place.feature not in ("region", "sea"):
        return False
    box = _extent(place)
    return box is not None and max(box[2] - box[0], box[3] - box[1]) > BROAD_DEGREES


def pointless(place: Place, center: tuple[float, float] | None) -> bool:
    """A place no point event can rest on: a country, or a broad region that holds the theatre's centre
    (the peninsula): naming it says nothing of where in the war a thing happened. A broad region off
    the centre (Manchuria, "reached the Manchurian border") still says which way."""
    if place.feature == "country":
        return True
    if not broad(place):
        return False
    box = _extent(place)
    if box is None or center is None:
        return True
    return box[0] <= center[1] <= box[2] and box[1] <= center[0] <= box[3]


def _broad_in(view: DocView, place: Place) -> bool:
    """``broad`` once per place of a document (a region's shape is walked once, not per sentence)."""
    known = view.__dict__.setdefault("_broad_cache", {})
    if id(place) not in known:  # the place stays alive: the view's mentions hold it
        known[id(place)] = broad(place)
    return known[id(place)]


def _in_theatre_in(view: DocView, place: Place, center: tuple[float, float] | None) -> bool:
    """``in_theatre`` once per place and centre of a document, not once per action that looks at it."""
    known = view.__dict__.setdefault("_theatre_cache", {})
    key = (id(place), center)
    if key not in known:  # the place stays alive: the view's mentions hold it
        known[key] = in_theatre(place, center)
    return known[key]


def pick_places(
    view: DocView,
    sentence: Sentence,
    anchor: tuple[int, int],
    kind: str | None,
    breaks: str,
    center: tuple[float, float] | None = None,
    focus: set[str] | None = None,
    avoid: list[tuple[int, int]] | None = None,
) -> list[ResolvedMention]:
    """The places of the clause nearest ``anchor`` that has any: the best-ranked first, then the
    places listed with it (汉城、大田、木浦). Places off the theatre of war are left out, and a
    country or region counts only right next to the action (``به خاک کره جنوبى يورش بردند``).
    Among places of one rank, the one the action word governs comes first (``Battle of X``,
    ``landed at X``); a mere reference point (``60 km east of Seoul``) counts only when the sentence
    names no other place. With ``focus``
    (place ids the story is about), those places are preferred when the sentence names any. Places in
    ``avoid`` (clauses of actions the text negates: 阻止了志願軍向漢城推進) belong to those actions and
    count only in the action's own clause."""

    def gap(m: ResolvedMention) -> int:
        a, b = m.mention.readable_start, m.mention.readable_end
        return 0 if a < anchor[1] and anchor[0] < b else min(abs(a - anchor[1]), abs(anchor[0] - b))

    clauses = clause_spans(view.doc.text, sentence.start, sentence.end, breaks)
    clause_ends = [b for _, b in clauses]

    def clause_of(position: int) -> int:
        """The first clause ending after ``position`` (else the last), by bisection."""
        return min(bisect_right(clause_ends, position), len(clauses) - 1)

    home = clause_of(anchor[0])
    words = vocabulary(view.doc.lang)
    text = view.doc.text

    def word_before(start: int, reach: int) -> str:
        """The whole word just before ``start`` within ``reach`` characters, in its matching form."""
        before = fold_1to1(text[max(sentence.start, start - reach) : start]).split()
        return before[-1] if before else ""

    def targeted(m: ResolvedMention) -> bool:
        """A place after the action that a target word governs (حمله سربازان کره شمالی به کره جنوبی)."""
        start = m.mention.readable_start
        if not words.target_prepositions or start < anchor[1]:
            return False
        return word_before(start, min(12, start - anchor[1])) in words.target_prepositions

    def acting(m: ResolvedMention) -> bool:
        """A country named as the one acting (북한군의 대공세: the North's army's offensive;
        قوای کوریای شمالی با یورش شان: the forces of North Korea in their attack)."""
        end = m.mention.readable_end
        if any(text.startswith(word, end) for word in words.actor_suffixes):
            return True
        return bool(words.actor_prefixes) and word_before(m.mention.readable_start, 20) in words.actor_prefixes

    mentions = [
        m
        for m in view.mentions_in(sentence.start, sentence.end)
        if m.place is not None
        and _in_theatre_in(view, m.place, center)
        and not one_side(m, kind, view.folded(m.mention.readable_end, m.mention.readable_end + 6), words.area_words)
        and (
            not _broad_in(view, m.place)
            or (clause_of(m.mention.readable_start) == home and (targeted(m) or (gap(m) <= ADJACENT and not acting(m))))
        )
        and not (
            avoid
            and clause_of(m.mention.readable_start) != home
            and any(a <= m.mention.readable_start < b for a, b in avoid)
        )
    ]
    grammar = _Grammar.of(base_lang(view.doc.lang))

    def refers(m: ResolvedMention) -> bool:
        start = m.mention.readable_start
        return grammar.refers(text[max(sentence.start, start - 40) : start])

    # "…, 60 km east of Seoul": Seoul is where one measures from; but in the action's own clause a
    # reference point is still nearer the scene than the places of another clause (ran the gauntlet
    # south of Kunu-ri; … struck at Unsan)
    scenes = [m for m in mentions if not refers(m) or clause_of(m.mention.readable_start) == home]
    mentions = scenes or mentions
    if focus and any(m.place.place_id in focus for m in mentions):  # type: ignore[union-attr]
        mentions = [m for m in mentions if m.place.place_id in focus]  # type: ignore[union-attr]
    if not mentions:
        return []
    if vocabulary(view.doc.lang).verb_final:
        # Persian puts the verb last: the places of an action stand before its verb,
        # and those after it belong to the next one (… يورش بردند و … به هونگنام عقب نشينی کردند).
        mentions = [m for m in mentions if m.mention.readable_start < anchor[0]] or mentions

    best_clause = min(
        {clause_of(m.mention.readable_start) for m in mentions}, key=lambda c: (abs(c - home), c)
    )
    in_clause = [m for m in mentions if clause_of(m.mention.readable_start) == best_clause]
    assert all(m.place is not None for m in in_clause)

    def order(m: ResolvedMention) -> tuple:
        governed = anchor[1] <= m.mention.readable_start and grammar.governs(
            text[anchor[1] : m.mention.readable_start]
        )
        # the place the action word governs ("broke out of the Pusan Perimeter") before a better-ranked
        # place elsewhere in the clause ("… and met X Corps near Osan"); then points before lines before regions
        return (not governed, refers(m), rank(m.place, kind), gap(m))  # type: ignore[arg-type]

    ordered = sorted(in_clause, key=order)
    return _with_list(view, ordered[0], in_clause)


@dataclass(frozen=True)
class _Grammar:
    """What a language's ``govern_*`` words say about the words between an action and a place."""

    governed: re.Pattern[str] | None
    reference: re.Pattern[str] | None
    event_nouns: frozenset[str] = frozenset()
    coordinated: re.Pattern[str] | None = None  # ", and on the": a second place of the same action

    @staticmethod
    @cache
    def of(lang: str) -> _Grammar:
        vocab = vocabulary(lang)
        if not vocab.govern_prepositions:
            return _Grammar(None, None)
        words = r"[^\W\d_][\w-]*"
        prepositions = "|".join(map(re.escape, vocab.govern_prepositions))
        articles = "|".join(map(re.escape, vocab.govern_articles))
        governed = re.compile(
            rf"\s*(?:(?:{words}\s+){{0,{vocab.govern_max_words}}}(?:{prepositions})\s+)?(?:(?:{articles})\s+)?",
        )
        reference = re.compile(vocab.place_reference) if vocab.place_reference else None
        nouns = frozenset(prefix.split()[0].lower() for prefix, _ in vocab.prefixes)
        coordinated = (
            re.compile(
                rf"\s*,?\s*(?:{'|'.join(map(re.escape, vocab.govern_conjunctions))})\s+"
                rf"(?:(?:{prepositions})\s+)?(?:(?:{articles})\s+)?"
            )
            if vocab.govern_conjunctions
            else None
        )
        return _Grammar(governed, reference, nouns, coordinated)

    def governs(self, between: str) -> bool:
        """Whether only lower-case words (or a battle's own noun: ``fought the Battle of``), ending
        with a preposition or article, stand between action and place (``held the crossroads
        village of``), or nothing does (``recaptured Seoul``)."""
        if self.governed is None or not self.governed.fullmatch(between):
            return False
        return all(word.islower() or word.lower() in self.event_nouns for word in between.split())

    def refers(self, before: str) -> bool:
        """Whether the place is named as a reference point (``east of``, ``20 km from``), not as the scene."""
        return bool(self.reference and self.reference.search(before.lower()))


def _with_list(view: DocView, main: ResolvedMention, clause: list[ResolvedMention]) -> list[ResolvedMention]:
    """The main place and the places listed next to it, joined only by list separators."""
    separators = set(vocabulary(view.doc.lang).list_separators)
    text = view.doc.text
    index = clause.index(main)
    chosen = [main]

    coordinated = _Grammar.of(base_lang(view.doc.lang)).coordinated

    def joined(a: ResolvedMention, b: ResolvedMention) -> bool:
        between = text[a.mention.readable_end : b.mention.readable_start]
        if coordinated is not None and coordinated.fullmatch(between):
            return True  # struck at Unsan and on the Ch'ongch'on River: one action, two places
        return len(between) <= 3 and all(c in separators for c in between)

    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(clause):
            a, b = (clause[i + step], clause[i]) if step < 0 else (clause[i], clause[i + step])
            if not joined(a, b):
                break
            i += step
            if clause[i].place.feature != "country":  # type: ignore[union-attr]
                chosen.append(clause[i])
    unique: dict[str, ResolvedMention] = {}
    for m in chosen:
        unique.setdefault(m.place.place_id, m)  # type: ignore[union-attr]
    return list(unique.values())

"""Merging claims into happenings: which claims tell the same thing.

Claims merge when they tell the same family of action at the same main place, on
dates that agree. Within one text, two claims merge only when their dates overlap
(the lead retelling a section); across texts the window is ``MERGE_WINDOW_DAYS``,
so the Persian and the Chinese accounts of Seoul's recapture become one event.
Two battles with different names never merge. ``close_groups`` gives a sentence
that only says when a happening ended to the happening it ends.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import itertools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from warmap.chronology.event_claims import FAMILIES, Claim
from warmap.chronology.event_named import name_stem
from warmap.chronology.event_places import distance_km
from warmap.chronology.event_types import placeless_families
from warmap.chronology.event_vocabulary import all_vocabularies
from warmap.model import DateValue

MERGE_WINDOW_DAYS = 30
MERGE_KM = 25  # Kaesong and Panmunjom, Jeju City and Jeju Island: one place for an event
PLACELESS_FAMILIES = placeless_families()  # one armistice ends a war, wherever each sentence puts it
NAMED_ORIGINS = {"infobox", "battle"}
SPELLING_MIN_LENGTH = 6  # shorter names differ by one character when they name two places
SPELLING_SIMILARITY = 0.85  # one character in seven may be spelt another way
# the digits of names, with every pack's numerals: names whose numbers differ name two battles
_NUMERALS = "".join(sorted({c for vocab in all_vocabularies() for c in vocab.numerals}))
_NUMBERS = re.compile(f"[0-9{re.escape(_NUMERALS)}]+")

@dataclass
class _Span:
    first: dt.date
    last: dt.date


def span(value: DateValue, end: DateValue | None = None) -> _Span:
    """The days a (possibly reduced) date covers; with ``end``, to the last day ``end`` covers."""
    first = dt.date(value.year, value.month or 1, value.day or 1)
    closing = end or value
    last_month = closing.month or 12
    last_day = closing.day or calendar.monthrange(closing.year, last_month)[1]
    return _Span(first, max(first, dt.date(closing.year, last_month, last_day)))


def _near(a: Claim, b: Claim) -> bool:
    """Whether two claims put the happening at one place: the same place, or main places within MERGE_KM."""
    if a.main.place_id == b.main.place_id or FAMILIES.get(a.type) in PLACELESS_FAMILIES:
        return True
    return distance_km(a.main.lat, a.main.lon, b.main.lat, b.main.lon) <= MERGE_KM


def _compatible(a: Claim, b: Claim) -> bool:
    """Whether two claims can tell the same happening (their family already agrees)."""
    if not _near(a, b):
        return False
    sa, sb = span(a.start, a.end), span(b.start, b.end)
    if (a.start.month is None) != (b.start.month is None):
        return False  # "1953" holds every day of the year; it names no day to agree on
    if a.doc == b.doc:
        return sa.first <= sb.last and sb.first <= sa.last
    gap = max((sb.first - sa.last).days, (sa.first - sb.last).days, 0)
    return gap <= MERGE_WINDOW_DAYS


def _other_day(a: Claim, b: Claim) -> bool:
    """Two claims that each name a single day, and not the same one: two happenings."""
    return (
        a.end is None
        and b.end is None
        and a.start.day is not None
        and b.start.day is not None
        and a.start.iso() != b.start.iso()
    )


def _name(claim: Claim) -> str | None:
    """The stem of the name a text gives a battle (not a title composed from a template)."""
    if claim.origin not in NAMED_ORIGINS or claim.lang not in claim.titles:
        return None
    return name_stem(claim.titles[claim.lang], claim.lang) or None


def _same_name(a: str, b: str) -> bool:
    """One name told twice: a long form and its short tail (抗美援朝第一次, 第一次), or one long name
    spelt two ways (…附屬醫院屠殺, …附設醫院屠殺). Names whose numbers differ (第一次, 第二次;
    1952年, 1953年) are two battles, as are two short names (白马山, 上甘岭)."""
    if a.endswith(b) or b.endswith(a):
        return True
    if _NUMBERS.findall(a) != _NUMBERS.findall(b) or min(len(a), len(b)) < SPELLING_MIN_LENGTH:
        return False
    return Levenshtein.normalized_similarity(a, b) >= SPELLING_SIMILARITY


class _Group:
    """A group of claims, with what ``_joins`` and ``_affinity`` ask of it kept as claims join: a happening
    told a hundred times is checked against its distinct tellings, not against every claim."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.tellings: dict[str, dict[tuple, Claim]] = {}  # doc → (place, coordinates, dates) → first claim
        self.names: dict[str, set[str]] = {}  # language → name stems given there
        self.sentences: set[tuple[str, int]] = set()
        self.place_ids: set[str] = set()
        self.points: dict[tuple[float, float], None] = {}  # main places' (lat, lon), first seen first

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        main, first, end = claim.main, claim.start, claim.end
        telling = (main.place_id, main.lat, main.lon, first.year, first.month, first.day)
        telling += (None,) if end is None else (end.year, end.month, end.day)
        self.tellings.setdefault(claim.doc, {}).setdefault(telling, claim)
        if (name := _name(claim)) is not None:
            self.names.setdefault(claim.lang, set()).add(name)
        self.sentences.update((s.doc, s.start) for s in claim.sources)
        self.place_ids.add(main.place_id)
        self.points.setdefault((main.lat, main.lon), None)


def _joins(claim: Claim, group: _Group) -> bool:
    """Whether a claim can join a group: it retells a claim of its own text there (dates overlap,
    no other single day), lies within the window of every other text's claim, and gives no name
    that differs from a name the group already has in its language."""
    name = _name(claim)
    if name is not None and not all(_same_name(name, other) for other in group.names.get(claim.lang, ())):
        return False
    same = list(group.tellings.get(claim.doc, {}).values())
    retold = not same or (
        any(_compatible(claim, m) for m in same) and not any(_other_day(claim, m) for m in same)
    )
    return retold and all(
        _compatible(claim, m)
        for doc, tellings in group.tellings.items()
        if doc != claim.doc
        for m in tellings.values()
    )


def _affinity(claim: Claim, group: _Group) -> tuple:
    """How surely a claim belongs to a group, best first: the same name, the same sentence, the same
    main place, then the nearest main place."""
    name = _name(claim)
    named = name is not None and any(
        _same_name(name, other) for names in group.names.values() for other in names
    )
    shared = any((s.doc, s.start) in group.sentences for s in claim.sources)
    same_place = claim.main.place_id in group.place_ids
    nearest = min(distance_km(claim.main.lat, claim.main.lon, lat, lon) for lat, lon in group.points)
    return (not named, not shared, not same_place, round(nearest, 3))


CELL_KM = 2 * MERGE_KM  # grid cells wide enough that claims within MERGE_KM lie in neighbouring cells


def _cell(place) -> tuple[int, int, int] | None:
    """The grid cell of a place on a cube around the earth (chords are never longer than arcs)."""
    if not (math.isfinite(place.lat) and math.isfinite(place.lon)):
        return None
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
    return tuple(math.floor(6371.0 * v / CELL_KM) for v in (x, y, z))  # type: ignore[return-value]


PERIOD_DAYS = MERGE_WINDOW_DAYS  # groups are also indexed by time: a claim can only join one near it


def _periods(claim: Claim) -> tuple[int, int]:
    """The first and last PERIOD_DAYS-long stretch (counted from year 1) that a claim's dates cover."""
    days = span(claim.start, claim.end)
    return days.first.toordinal() // PERIOD_DAYS, days.last.toordinal() // PERIOD_DAYS


class _Family:
    """The groups of one family, indexed by main place id and grid cell: a claim is only tried against
    groups with a claim near it (``_joins`` needs one), never against every group of the war."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_place: dict[str, set[int]] = {}
        self.by_cell: dict[tuple[int, int, int], set[int]] = {}
        self.by_period: dict[int, set[int]] = {}  # PERIOD_DAYS-long stretches a group's claims cover

    def candidates(self, claim: Claim) -> list[int]:
        first, last = _periods(claim)
        in_time: set[int] = set()
        for period in range(first - 2, last + 3):  # MERGE_WINDOW_DAYS apart is at most two periods
            in_time.update(self.by_period.get(period, ()))
        if FAMILIES.get(claim.type) in PLACELESS_FAMILIES:
            return sorted(in_time)
        found = set(self.by_place.get(claim.main.place_id, ()))
        if (cell := _cell(claim.main)) is not None:
            for dx, dy, dz in itertools.product((-1, 0, 1), repeat=3):
                found.update(self.by_cell.get((cell[0] + dx, cell[1] + dy, cell[2] + dz), ()))
        return sorted(found & in_time)

    def add(self, claim: Claim, index: int | None = None) -> None:
        if index is None:
            index = len(self.groups)
            self.groups.append(_Group())
        self.groups[index].add(claim)
        first, last = _periods(claim)
        for period in range(first, last + 1):
            self.by_period.setdefault(period, set()).add(index)
        self.by_place.setdefault(claim.main.place_id, set()).add(index)
        if (cell := _cell(claim.main)) is not None:
            self.by_cell.setdefault(cell, set()).add(index)


def merge_claims(claims: list[Claim]) -> list[list[Claim]]:
    """Claims grouped into happenings. Named battles and the infobox go first, so that they found the
    groups; each claim then joins the group it fits best among those it can join (see ``_joins``),
    else founds its own. Two battles with different names never merge: merging is for one happening
    told twice."""
    ordered = sorted(
        claims,
        key=lambda c: (c.origin not in NAMED_ORIGINS, span(c.start).first, c.doc, c.sources[0].start, c.type),
    )
    families: dict[str, _Family] = {}
    for claim in ordered:
        family = families.setdefault(FAMILIES.get(claim.type, "other"), _Family())
        fitting = [i for i in family.candidates(claim) if _joins(claim, family.groups[i])]
        if fitting:
            family.add(claim, min(fitting, key=lambda i: (_affinity(claim, family.groups[i]), i)))
        else:
            family.add(claim)
    return [group.claims for key in sorted(families) for group in families[key].groups]


CLOSING_DAYS = 120  # "持續至七月十一日" ends a happening that began at most this long before


def close_groups(groups: list[list[Claim]], closings: list[Claim]) -> None:
    """Give each closing claim (a sentence that only says when a happening ended: 石峴洞北山戰鬥持續至
    七月十一日, 金城戰役至27日結束) to the happening of its text it ends: the same family, near, begun
    before the end (at most CLOSING_DAYS) and not said to end later; the latest begun wins. A closing
    claim that ends nothing told is dropped: an end alone is no date to start an event on.

    Groups are indexed by (family, document) and start day, so each closing looks only at the
    happenings begun in its window: linear in the text, not closings × groups.
    """
    if not closings:
        return
    begun: dict[tuple[str | None, str], list[tuple[dt.date, int]]] = {}
    for index, group in enumerate(groups):
        chosen = _chosen(group)
        first = span(chosen.start).first
        for doc in {c.doc for c in group}:
            begun.setdefault((FAMILIES.get(chosen.type), doc), []).append((first, index))
    for rows in begun.values():
        rows.sort()
    for closing in closings:
        end = span(closing.start).last
        rows = begun.get((FAMILIES.get(closing.type), closing.doc), [])
        low = bisect_left(rows, (end - dt.timedelta(days=CLOSING_DAYS), -1))
        high = bisect_right(rows, (end, len(groups)))
        best: tuple[tuple[bool, dt.date], int] | None = None
        for first, index in rows[low:high]:
            group = groups[index]
            if any(span(c.end).last > end for c in group if c.end is not None):
                continue
            if not any(_near(closing, c) for c in group if c.doc == closing.doc):
                continue
            key = (first < end, first)  # begun before the day it ended, else on it; the latest begun
            if best is None or key > best[0]:
                best = (key, index)
        if best is not None:
            group = groups[best[1]]
            chosen = _chosen(group)
            group.append(dataclasses.replace(closing, start=chosen.start, end=closing.start, closing=False))


def _precision(value: DateValue) -> int:
    return 2 if value.day is not None else 1 if value.month is not None else 0


def _chosen(group: list[Claim]) -> Claim:
    """The claim whose date the event keeps: the most precise, then a text's own over the catalogue's,
    then the earliest."""
    return min(group, key=lambda c: (-_precision(c.start), c.dated_by_catalogue, span(c.start).first, c.doc))



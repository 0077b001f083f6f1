"""What one sentence of one text says happened: claims, before texts are merged into events.

A claim joins an action (a trigger word or a battle's name), a date and the
places it happened at, and keeps the sentence it rests on. ``events`` merges
claims told by several sentences and several texts into Events. The helpers
here — vocabularies, sentences, places by rank — are shared by the trigger and
the named-battle finders.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from warmap.model import DateMention, DateValue, Document, Place, ResolvedMention, Sentence, SourceRef
from warmap.reading.normalize import match_form

DATA = Path(__file__).parent / "data"
POINT_FEATURES = {"city", "town", "village", "site", "mountain", "island", "lake"}
FEATURE_RANK = {**{f: 0 for f in POINT_FEATURES}, "river": 1, "line": 1, "sea": 2, "region": 2, "country": 3}
THEATRE_RADIUS_KM = 1500  # a place this far from the texts' median place is off the theatre of war


FAMILIES = {
    "battle": "combat", "offensive": "combat", "operation": "combat",
    "capture": "capture", "withdrawal": "withdrawal", "landing": "landing", "crossing": "crossing",
    "air": "air", "massacre": "massacre", "negotiation": "negotiation", "armistice": "armistice", "other": "other",
}  # fmt: skip


@dataclass
class Claim:
    """One sentence's account of one happening."""

    doc: str
    lang: str
    type: str
    start: DateValue
    end: DateValue | None
    places: list[Place]  # the main place first
    sources: list[SourceRef]
    titles: dict[str, str] = field(default_factory=dict)
    origin: str = "trigger"  # trigger, battle (a named battle), infobox
    closing: bool = False  # the sentence tells only when the happening ended (持續至七月十一日)

    @property
    def main(self) -> Place:
        return self.places[0]


@dataclass
class DocView:
    """A document with its dates and resolved places, indexed by readable offset."""

    doc: Document
    mentions: list[ResolvedMention]  # resolved only, by readable_start
    dates: list[DateMention]  # by readable_start

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.mention.readable_start, m.mention.readable_end))
        self.dates.sort(key=lambda d: (d.readable_start, d.readable_end))
        self._mention_starts = [m.mention.readable_start for m in self.mentions]
        self._date_starts = [d.readable_start for d in self.dates]

    def mentions_in(self, start: int, end: int) -> list[ResolvedMention]:
        return self.mentions[
            bisect_left(self._mention_starts, start) : bisect_left(self._mention_starts, end)
        ]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return self.dates[bisect_left(self._date_starts, start) : bisect_left(self._date_starts, end)]

    def _sentence_starts(self) -> tuple[list[int], bool]:
        """Sentence starts, computed once, and whether they are in order (they are, from the readers)."""
        cached = self.__dict__.get("_starts_cache")
        if cached is None or len(cached[0]) != len(self.doc.sentences):
            starts = [s.start for s in self.doc.sentences]
            in_order = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
            cached = self.__dict__["_starts_cache"] = (starts, in_order)
        return cached

    def sentence_index(self, readable: int) -> int | None:
        i = bisect_right(self._sentence_starts()[0], readable) - 1
        return i if i >= 0 and readable < self.doc.sentences[i].end else None

    def sentences_in(self, start: int, end: int) -> list[Sentence]:
        """The sentences that start in readable [start, end), in document order."""
        starts, in_order = self._sentence_starts()
        if in_order:
            return self.doc.sentences[bisect_left(starts, start) : bisect_left(starts, end)]
        return [s for s in self.doc.sentences if start <= s.start < end]

    def mentions_at_source(self, start: int, end: int) -> list[ResolvedMention]:
        """The mentions whose *source* start lies in [start, end), in readable order."""
        index = self.__dict__.get("_by_source")
        if index is None or len(index[1]) != len(self.mentions):
            order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].mention.start)
            index = self.__dict__["_by_source"] = ([self.mentions[i].mention.start for i in order], order)
        starts, order = index
        picked = sorted(order[bisect_left(starts, start) : bisect_left(starts, end)])
        return [self.mentions[i] for i in picked]


@cache
def vocabulary(lang: str) -> dict:
    path = DATA / f"events-{lang}.json"
    if not path.exists():
        path = DATA / "events-en.json"
    return json.loads(path.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """The matching form (as in Document.match_text) of a vocabulary word."""
    return match_form(text)[0]


_GAP = re.compile(r"[\s\u200c]+")
_LOOSE_CHARS = {"ء": "ء?", "آ": "[آا]"}


def loose(word: str) -> str:
    """A vocabulary word as a regex over folded text that forgives how writers join and spell it:
    a space or ZWNJ inside the word may be a space or nothing (آتش‌بس, آتش بس, آتشبس), a hamza
    may be missing or added after a final alef (امضاء, امضا), and آ may lose its madda."""
    pieces = []
    for piece in _GAP.split(word.strip()):
        folded = fold(piece)
        body = "".join(_LOOSE_CHARS.get(c, re.escape(c)) for c in folded)
        if folded.endswith("ا"):
            body += "ء?"
        pieces.append(body)
    return " ?".join(p for p in pieces if p)


def loose_key(text: str) -> str:
    """The key ``loose`` forgives: folded, without spaces, hamza or madda (امضا شد = امضاء شد)."""
    return _GAP.sub("", fold(text)).replace("ء", "").replace("آ", "ا")


def base_lang(lang: str) -> str:
    return lang.split("-")[0].lower()


def source_ref(view: DocView, sentence: Sentence) -> SourceRef:
    """The sentence as a SourceRef: source span and readable text, surrounding blanks trimmed."""
    text = view.doc.text
    start, end = sentence.start, sentence.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    source_start, source_end = view.doc.source_span(start, end)
    return SourceRef(view.doc.name, source_start, source_end, text[start:end])


def surface(view: DocView, mention: ResolvedMention) -> str:
    """A place as the reader sees it written (no markup)."""
    if mention.mention.evidence == "gloss" and mention.place is not None:
        # "پوسان (Pusan)": a title in the text's language names the place as the text writes it.
        start = mention.mention.readable_start
        for other in view.mentions_in(max(0, start - 40), start):
            if other.mention.evidence != "gloss" and other.place is not None:
                if other.place.place_id == mention.place.place_id and start - other.mention.readable_end <= 3:
                    mention = other
    shown = view.doc.text[mention.mention.readable_start : mention.mention.readable_end].strip()
    return shown or mention.mention.key


def rank(place: Place, kind: str | None = None) -> int:
    """Lower is a better main place: a point before a line before a region before a country."""
    value = FEATURE_RANK.get(place.feature, 2)
    if kind == "crossing":  # one crosses a river or a line
        value = 0 if place.feature in ("river", "line") else value + 1
    elif kind == "air" and place.feature != "country":  # air battles happen over rivers and regions too
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


def clause_spans(text: str, start: int, end: int, breaks: str) -> list[tuple[int, int]]:
    """The clauses of a sentence (readable spans), split at the language's clause punctuation."""
    spans, at = [], start
    for i in range(start, end):
        if text[i] in breaks:
            if i > at:
                spans.append((at, i))
            at = i + 1
    if at < end:
        spans.append((at, end))
    return spans or [(start, end)]


ADJACENT = 6  # a country or a broad region is an event's place only when the action word stands this close
BROAD_DEGREES = 3.0  # a region wider or taller than this is broad (a peninsula, Manchuria), not a battlefield


def broad(place: Place) -> bool:
    """Countries, and regions whose shape spans more than BROAD_DEGREES: too wide to mark one event."""
    if place.feature == "country":
        return True
    if place.feature not in ("region", "sea"):
        return False
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
    if not lons:
        return False
    return max(max(lons) - min(lons), max(lats) - min(lats)) > BROAD_DEGREES


def _broad_in(view: DocView, place: Place) -> bool:
    """``broad`` once per place of a document (a region's shape is walked once, not per sentence)."""
    known = view.__dict__.setdefault("_broad_cache", {})
    if id(place) not in known:  # the place stays alive: the view's mentions hold it
        known[id(place)] = broad(place)
    return known[id(place)]


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

    def clause_of(position: int) -> int:
        for i, (_, b) in enumerate(clauses):
            if position < b:
                return i
        return len(clauses) - 1

    home = clause_of(anchor[0])
    mentions = [
        m
        for m in view.mentions_in(sentence.start, sentence.end)
        if m.place is not None
        and in_theatre(m.place, center)
        and (
            not _broad_in(view, m.place)
            or (gap(m) <= ADJACENT and clause_of(m.mention.readable_start) == home)
        )
        and not (
            avoid
            and clause_of(m.mention.readable_start) != home
            and any(a <= m.mention.readable_start < b for a, b in avoid)
        )
    ]
    grammar = _Grammar.of(base_lang(view.doc.lang))
    text = view.doc.text

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
    if vocabulary(base_lang(view.doc.lang)).get("verb_final"):
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
    """What a language's ``governing`` vocabulary says about the words between an action and a place."""

    governed: re.Pattern[str] | None
    reference: re.Pattern[str] | None
    event_nouns: frozenset[str] = frozenset()
    coordinated: re.Pattern[str] | None = None  # ", and on the": a second place of the same action

    @staticmethod
    @cache
    def of(lang: str) -> _Grammar:
        vocab = vocabulary(lang)
        rules = vocab.get("governing")
        if not rules:
            return _Grammar(None, None)
        words = r"[^\W\d_][\w-]*"
        governed = re.compile(
            rf"\s*(?:(?:{words}\s+){{0,{rules['max_words']}}}"
            rf"(?:{'|'.join(map(re.escape, rules['prepositions']))})\s+)?"
            rf"(?:(?:{'|'.join(map(re.escape, rules['articles']))})\s+)?",
        )
        directions = "|".join(map(re.escape, rules["directions"]))
        units = "|".join(map(re.escape, rules["distance_units"]))
        reference = re.compile(
            rf"(?:(?<![\w-])(?:{directions})\s+of|\d\s*(?:{units})\s+(?:(?:{directions})\s+)?(?:of|from))"
            r"\s+(?:the\s+)?$"
        )
        nouns = frozenset(p["prefix"].split()[0].lower() for p in vocab.get("battle_prefixes", []))
        coordinated = (
            re.compile(
                rf"\s*,?\s*(?:{'|'.join(map(re.escape, rules.get('conjunctions', [])))})\s+"
                rf"(?:(?:{'|'.join(map(re.escape, rules['prepositions']))})\s+)?"
                rf"(?:(?:{'|'.join(map(re.escape, rules['articles']))})\s+)?"
            )
            if rules.get("conjunctions")
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
    separators = set(vocabulary(base_lang(view.doc.lang)).get("list_separators", "、,"))
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


def nearest_date(
    view: DocView, sentence: Sentence, at: int, breaks: str, stop: int | None = None
) -> DateMention | None:
    """The date of the action at ``at``: a date of its own clause first (after the landing at Inchon
    on 15 September, X Corps recaptured Seoul on 28 September; 9月15日登陸，28日收復漢城), the
    nearest before it; else of the sentence — the nearest before ``at``, else the first after it in
    the same clause. In a language whose dates follow the
    action (``dates_follow_action``: took Seoul three days later), a date after the action and
    before the next one (``stop``) is its own, and a date past the next action is that action's."""
    dates = view.dates_in(sentence.start, sentence.end)
    follows = bool(vocabulary(base_lang(view.doc.lang)).get("dates_follow_action"))
    if follows and stop is not None:
        dates = [d for d in dates if d.readable_start < stop]
    clause = next(
        (c for c in clause_spans(view.doc.text, sentence.start, sentence.end, breaks) if c[0] <= at < c[1]),
        (sentence.start, sentence.end),
    )
    own = [d for d in dates if clause[0] <= d.readable_start < clause[1] and not until_date(view, d)]
    if follows and (after := [d for d in own if d.readable_start >= at]):
        return after[0]
    if before := [d for d in own if d.readable_start <= at and d.first.month is not None]:
        return before[-1]  # where dates precede the verb (zh, fa), one after it is the next action's
    return _nearest(dates, at, clause)


def _nearest(dates: list[DateMention], at: int, clause: tuple[int, int]) -> DateMention | None:
    """The date nearest before ``at``, else the first after it in ``clause``."""
    before = [d for d in dates if d.readable_start <= at]
    after = [d for d in dates if at < d.readable_start < clause[1]]
    if before and (before[-1].first.month is not None or not after or after[0].first.month is None):
        return before[-1]  # a year alone before ("the winter of 1950–51 …, which … took on January 4")
    return after[0] if after else (before[-1] if before else None)  # yields to a day in the clause


def bounding_dates(
    view: DocView, sentence: Sentence, at: int, stop: int | None
) -> tuple[DateValue, DateValue] | None:
    """For an action with no date of its own whose sentence dates a later action (fought along the
    Kum River and lost Taejon on 20 July; fought its way out … to Hungnam, which was evacuated on
    24 December), the span it lies in: from the month of the last date told before the sentence
    (else the later date's month) to the later action's date. Only in ``dates_follow_action`` languages."""
    if stop is None or not vocabulary(base_lang(view.doc.lang)).get("dates_follow_action"):
        return None
    later = [
        d for d in view.dates_in(stop, sentence.end) if d.first.day is not None and not until_date(view, d)
    ]
    if not later:
        return None
    end = later[0].first
    told = [d for d in view.dates_in(0, sentence.start) if d.first.month is not None]
    since = told[-1].first if told else end
    first = DateValue(since.year, since.month)
    if (first.year, first.month) > (end.year, end.month or 0) or (end.year - first.year) * 12 + (
        (end.month or 0) - (first.month or 0)
    ) > BOUNDING_MONTHS:
        first = DateValue(end.year, end.month)
    return first, end


BOUNDING_MONTHS = 2  # an undated action lies between the last date told and a later one this close


@cache
def _until(lang: str) -> re.Pattern[str] | None:
    words = vocabulary(lang).get("until_words")
    if not words:
        return None
    edge = r"(?<![^\W\d_])" if lang != "zh" else ""
    return re.compile(rf"{edge}(?:{compile_words(words)})\s*$")


def until_date(view: DocView, date: DateMention) -> bool:
    """Whether a single date is written as the end of an action: 持續至七月十一日, lasted until
    2 December, تا ۲۹ فروردین. (A range, 4月23日至25日, is one date with its own end.)"""
    pattern = _until(base_lang(view.doc.lang))
    if pattern is None or date.last is not None:
        return False
    return bool(pattern.search(fold(view.doc.text[max(0, date.readable_start - 12) : date.readable_start])))


def dating(
    view: DocView, sentence: Sentence, at: int, date: DateMention, breaks: str
) -> tuple[DateValue, DateValue | None, bool]:
    """(start, end, closing) of the action at ``at`` dated by ``date``. A date that ends the action's
    own clause (金城戰役至27日結束) tells when it ended, not when it began: closing. Else the first
    until-date after the action in its clause is its end (…, and the battle lasted until 2 December)."""
    clause = next(
        (c for c in clause_spans(view.doc.text, sentence.start, sentence.end, breaks) if c[0] <= at < c[1]),
        (sentence.start, sentence.end),
    )
    if until_date(view, date) and (date.readable_start >= at or clause[0] <= date.readable_start < clause[1]):
        return date.first, None, True
    if date.last is not None and date.readable_end <= at and _at_the_end(view, date.readable_end, at):
        return (
            date.last,
            None,
            False,
        )  # …از ۲۳ تیر تا ۳۰ تیر ادامه یافت و در پایان آن … افتاد: on the last day
    end = date.last
    if end is None:
        for later in view.dates_in(at, clause[1]):
            if until_date(view, later) and _day_key(later.first) > _day_key(date.first):
                end = later.first
                break
    return date.first, end, False


@cache
def _end_words(lang: str) -> re.Pattern[str] | None:
    words = vocabulary(lang).get("end_words")
    if not words:
        return None
    edge = r"(?<![^\W\d_])" if lang != "zh" else ""
    return re.compile(rf"{edge}(?:{compile_words(words)})")


def _at_the_end(view: DocView, start: int, at: int) -> bool:
    """Whether the words between a range and an action say the action came at its end (در پایان آن,
    at the end of it, 最终): then it happened on the range's last day, not over the range."""
    pattern = _end_words(base_lang(view.doc.lang))
    return bool(pattern and pattern.search(fold(view.doc.text[start:at])))


def _day_key(value: DateValue) -> tuple[int, int, int]:
    return value.year, value.month or 0, value.day or 0


def title_for(lang: str, kind: str, place_name: str) -> str:
    return vocabulary(lang)["titles"][kind].format(place=place_name)


def compile_words(words: list[str]) -> str:
    """Regex alternation of folded words, longest first."""
    folded = sorted({fold(w) for w in words if fold(w)}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in folded)

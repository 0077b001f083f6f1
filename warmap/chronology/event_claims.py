"""What one sentence of one text says happened: claims, before texts are merged into events.

A claim joins an action (a trigger word or a battle's name), a date and the
places it happened at, and keeps the sentence it rests on. ``events`` merges
claims told by several sentences and several texts into Events. Claims are
read off a DocView — a document indexed by readable offset — one sentence and
one clause at a time; the view and the clause splitting live here because
every finder and picker reads through them.

A sentence is read whole when it is of a normal length. A longer one (a text
with no sentence breaks, a list run on for pages) is read, for each action, in
a window of whole clauses around it (``DocView.reading_span``): what an action
rests on is near it, and reading the whole sentence for each of its actions
would make the cost grow with the square of its length.

What a claim is made of lives next door: ``event_places`` picks the places an
action happened at, ``event_dates`` the date it took, and ``event_vocabulary``
reads from the language packs (events.csv) the words both finders (``event_triggers``,
``event_named``) match against.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from warmap.chronology.catalogue import Catalogue, war_catalogue
from warmap.chronology.event_types import families
from warmap.model import DateMention, DateValue, Document, Place, ResolvedMention, Sentence, SourceRef

FAMILIES = families()  # type → family, from the registry of event types


LONG_SENTENCE = 1_000  # characters: a sentence up to this long is read whole
WINDOW_CHARS = LONG_SENTENCE // 2  # a longer one: the whole clauses this close to the action, on each side


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
    origin: str = "trigger"  # trigger, battle (a named battle), infobox, catalogue (a linked name)
    closing: bool = False  # the sentence tells only when the happening ended (持續至七月十一日)
    catalogue: str | None = None  # the event catalogue row the sentence names
    dated_by_catalogue: bool = False  # the sentence gives no date of its own: the catalogue's is kept

    @property
    def main(self) -> Place:
        return self.places[0]


@dataclass
class DocView:
    """A document with its dates and resolved places, indexed by readable offset."""

    doc: Document
    mentions: list[ResolvedMention]  # resolved only, by readable_start
    dates: list[DateMention]  # by readable_start
    catalogue: Catalogue = field(default_factory=lambda: war_catalogue())  # the war's named events

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.mention.readable_start, m.mention.readable_end))
        self.dates.sort(key=lambda d: (d.readable_start, d.readable_end))
        self._mention_starts = [m.mention.readable_start for m in self.mentions]
        self._date_starts = [d.readable_start for d in self.dates]

    def mentions_in(self, start: int, end: int) -> list[ResolvedMention]:
        return self.mentions[
            bisect_left(self._mention_starts, start) : bisect_left(self._mention_starts, end)
        ]

    def folded(self, start: int, end: int) -> str:
        """The matching form of readable [start, end): a slice of ``doc.match_text``, which folds
        each character on its own, so no slice needs folding again."""
        offsets = self.doc.match_offsets
        return self.doc.match_text[bisect_left(offsets, start) : bisect_left(offsets, max(start, end))]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return self.dates[bisect_left(self._date_starts, start) : bisect_left(self._date_starts, end)]

    def has_dates(self, start: int, end: int) -> bool:
        """Whether a date starts in readable [start, end), without copying them out."""
        return bisect_left(self._date_starts, start) < bisect_left(self._date_starts, end)

    def last_month_date_before(self, at: int) -> DateMention | None:
        """The last date that names a month (or a day) and starts before ``at``: by bisection over the
        dates that do, so asking it for every action of a long text stays cheap."""
        index = self.__dict__.get("_month_dates")
        if index is None or index[2] != len(self.dates):
            dated = [d for d in self.dates if d.first.month is not None]
            starts = [d.readable_start for d in dated]
            index = self.__dict__["_month_dates"] = (dated, starts, len(self.dates))
        dated, starts, _ = index
        i = bisect_left(starts, at)
        return dated[i - 1] if i else None

    def reading_span(self, sentence: Sentence, at: int, end: int, breaks: str) -> Sentence:
        """The part of ``sentence`` an action at readable [at, end) is read in: the sentence itself up to
        LONG_SENTENCE characters; in a longer one the whole clauses within WINDOW_CHARS of the action
        (a clause longer than that is cut at the window's edge). The window is found by looking at
        at most WINDOW_CHARS characters on each side, never at the whole sentence."""
        if sentence.end - sentence.start <= LONG_SENTENCE:
            return sentence
        text = self.doc.text
        low = max(sentence.start, at - WINDOW_CHARS)
        high = min(sentence.end, max(at, end) + WINDOW_CHARS)
        start = low
        if low > sentence.start and text[low - 1] not in breaks:
            start = next((i + 1 for i in range(low, at) if text[i] in breaks), low)
        stop = high
        if high < sentence.end and text[high] not in breaks:
            stop = next((i for i in range(high - 1, max(at, end) - 1, -1) if text[i] in breaks), high)
        return Sentence(start, stop)

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

    def first_sentence_in(self, start: int, end: int) -> Sentence | None:
        """The first of ``sentences_in(start, end)``, by bisection alone when the sentences are in order."""
        starts, in_order = self._sentence_starts()
        if not in_order:
            return next(iter(self.sentences_in(start, end)), None)
        i = bisect_left(starts, start)
        return self.doc.sentences[i] if i < len(starts) and starts[i] < end else None

    def mentions_at_source(self, start: int, end: int) -> list[ResolvedMention]:
        """The mentions whose *source* start lies in [start, end), in readable order."""
        index = self.__dict__.get("_by_source")
        if index is None or len(index[1]) != len(self.mentions):
            order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].mention.start)
            index = self.__dict__["_by_source"] = ([self.mentions[i].mention.start for i in order], order)
        starts, order = index
        picked = sorted(order[bisect_left(starts, start) : bisect_left(starts, end)])
        return [self.mentions[i] for i in picked]


class ClauseIndex:
    """Clauses per sentence index, each with a tag (an action's family), found again by the span
    being read: only those that overlap it, by bisection over their starts, so a sentence of a
    thousand actions is not walked for each of them."""

    def __init__(self) -> None:
        self._found: dict[int, set[tuple[int, int, str]]] = {}
        self._sorted: dict[int, tuple[list[tuple[int, int, str]], list[int], int]] = {}

    def add(self, index: int, clause: tuple[int, int], tag: str = "") -> None:
        self._found.setdefault(index, set()).add((*clause, tag))
        self._sorted.pop(index, None)

    def overlapping(self, index: int, span: Sentence) -> list[tuple[int, int, str]]:
        """The clauses of sentence ``index`` that overlap ``span`` (all of them when it is the whole
        sentence), in order."""
        if index not in self._found:
            return []
        if index not in self._sorted:
            clauses = sorted(self._found[index])
            longest = max(b - a for a, b, _ in clauses)
            self._sorted[index] = (clauses, [a for a, _, _ in clauses], longest)
        clauses, starts, longest = self._sorted[index]
        low, high = bisect_left(starts, span.start - longest), bisect_left(starts, span.end)
        return [c for c in clauses[low:high] if c[1] > span.start]


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


def clause_at(text: str, start: int, end: int, at: int, breaks: str) -> tuple[int, int] | None:
    """The clause of readable [start, end) that holds ``at`` — the one of ``clause_spans`` with
    ``c[0] <= at < c[1]``, or None — found by looking only at that clause's characters."""
    if not start <= at < end:
        return None
    if text[at] in breaks:  # a break holds no clause, unless the span is made of breaks alone
        return next((c for c in clause_spans(text, start, end, breaks) if c[0] <= at < c[1]), None)
    first = at
    while first > start and text[first - 1] not in breaks:
        first -= 1
    last = at + 1
    while last < end and text[last] not in breaks:
        last += 1
    return first, last


def clause_spans(text: str, start: int, end: int, breaks: str) -> list[tuple[int, int]]:
    """The clauses of a sentence (readable spans), split at the language's clause punctuation."""
    spans = [m.span() for m in _clause_pattern(breaks).finditer(text, start, end)]
    return spans or [(start, end)]


@cache
def _clause_pattern(breaks: str) -> re.Pattern[str]:
    """A run of characters that are not clause breaks: one clause (the regex engine walks the
    characters, not a Python loop)."""
    return re.compile("[^" + "".join(re.escape(c) for c in breaks) + "]+")

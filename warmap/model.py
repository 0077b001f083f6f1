"""The plain data classes that pass between the pipeline's stages.

sources → reading → spotting → resolution → chronology (dates, events, phases)
→ fronts (lines, territory) → render / export.

Every stage takes and returns these classes and nothing else, so a newcomer can
follow one place name from the text to the map by reading this file once.
Offsets are always Python ``str`` indices into ``Source.text`` (the file as
decoded) unless a field says "readable".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Geometry = dict[str, Any]
"""A GeoJSON geometry object (RFC 7946 order: lon, lat)."""

FEATURES = ("city", "town", "village", "river", "lake", "mountain", "island", "line", "region", "country", "site", "sea")
"""The feature classes of a place (INTERFACE.md); the first three are settlements."""
SETTLEMENTS = FEATURES[:3]


# ---------------------------------------------------------------- sources
@dataclass
class Source:
    """One input text as decoded from its file, before any reading."""

    name: str  # file name, reported as ``doc``
    text: str  # the whole file, decoded (BOM stripped)
    lang: str  # "zh", "fa", "en", …
    format: str  # "wikitext" or "text"
    path: str | None = None  # None for standard input


# ---------------------------------------------------------------- reading
@dataclass
class Section:
    """A heading and the part of the source it governs."""

    title: str
    level: int
    start: int  # source offset of the heading's first "="
    end: int  # source offset where the next section of this level or higher starts
    heading_end: int = 0  # source offset just past the heading line


@dataclass
class Link:
    """A wikilink or link-carrying template."""

    target: str  # page title, disambiguator removed: "九州"
    shown: str  # text shown to the reader
    start: int  # source span of the whole markup
    end: int
    hint: str | None = None  # disambiguator of "九州_(日本)" → "日本"
    kind: str = "wikilink"  # "wikilink" or the template name ("main", "le", …)
    readable_start: int | None = None  # span of the shown text in Document.text
    readable_end: int | None = None
    foreign: str | None = None  # page on another wiki: {{le|晋州市|Jinju}} → "Jinju"


@dataclass
class Sentence:
    """A sentence, in readable offsets (Document.text)."""

    start: int
    end: int


@dataclass
class Document:
    """What a reader makes of a Source: readable text with a map back to the source.

    ``offsets[i]`` is the source offset of readable character ``i``; it has one
    extra final entry (the source offset just past the last readable character),
    so a readable span [a, b) maps to the source span [offsets[a], offsets[b-1]+1).
    ``match_text`` is the normalised form used for matching (Persian letter forms
    folded, digits ASCII, case folded…); ``match_offsets[j]`` is the *readable*
    index of matching character ``j`` (also with one extra final entry).
    """

    source: Source
    text: str
    offsets: list[int]
    match_text: str
    match_offsets: list[int]
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    infobox: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # variant → other variants

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def lang(self) -> str:
        return self.source.lang

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Readable span [start, end) → source span."""
        if end <= start:
            at = self.offsets[start] if start < len(self.offsets) else len(self.source.text)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def match_to_readable(self, start: int, end: int) -> tuple[int, int]:
        """Matching-form span [start, end) → readable span."""
        if end <= start:
            at = self.match_offsets[start]
            return at, at
        return self.match_offsets[start], self.match_offsets[end - 1] + 1

    def sentence_at(self, readable_offset: int) -> Sentence | None:
        """The sentence holding a readable offset (binary search)."""
        from bisect import bisect_right

        starts = self.__dict__.get("_sentence_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.__dict__["_sentence_starts"] = [s.start for s in self.sentences]
        i = bisect_right(starts, readable_offset) - 1
        if i >= 0 and self.sentences[i].start <= readable_offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def section_at(self, source_offset: int) -> Section | None:
        """The innermost section holding a source offset (bisection over precomputed segments)."""
        from bisect import bisect_right

        segments = self.__dict__.get("_section_segments")
        if segments is None or self.__dict__.get("_section_count") != len(self.sections):
            segments = self.__dict__["_section_segments"] = _innermost_segments(self.sections)
            self.__dict__["_section_count"] = len(self.sections)
        index = bisect_right(segments[0], source_offset) - 1
        if index < 0:
            return None
        section = segments[1][index]
        return section if section is not None and section.start <= source_offset < section.end else None


def _innermost_segments(sections: list[Section]) -> tuple[list[int], list[Section | None]]:
    """Cut the source at every section start and end; each piece knows its innermost section.

    One sweep with a stack of open sections (sections nest: a subsection ends before its
    parent does), instead of a scan of every section per query.
    """
    opening = sorted(sections, key=lambda s: (s.start, s.level))
    points = sorted({p for s in sections for p in (s.start, s.end)})
    starts: list[int] = []
    owners: list[Section | None] = []
    stack: list[Section] = []
    next_open = 0
    for point in points:
        while next_open < len(opening) and opening[next_open].start <= point:
            stack.append(opening[next_open])
            next_open += 1
        while stack and stack[-1].end <= point:
            stack.pop()
        starts.append(point)
        owners.append(stack[-1] if stack else None)
    return starts, owners


# ---------------------------------------------------------------- gazetteer
@dataclass
class Place:
    """A gazetteer entry."""

    place_id: str  # "geonames:1835848", "curated:imjin-river", "ne:KOR"
    name: str  # English display name
    names: dict[str, list[str]]  # {"en": [...], "zh-Hans": [...], "ko": [...], ...}
    feature: str  # city town village river lake mountain island line region country site sea
    lat: float
    lon: float
    geometry: Geometry
    country: str | None = None  # ISO 3166-1 alpha-2
    population: int = 0
    source: str = ""  # where the row comes from


@dataclass
class Candidate:
    """A gazetteer answer for one name, with its rank score in [0, 1]."""

    place: Place
    score: float
    matched: str = ""  # the name that matched
    how: str = "exact"  # exact, normalised, bridge, fuzzy


# ---------------------------------------------------------------- spotting
@dataclass
class Mention:
    """A place name found in a document, before resolution."""

    doc: str
    lang: str
    start: int  # source offsets: source.text[start:end] == surface
    end: int
    surface: str
    key: str  # the name to resolve (link target, gloss or matched name)
    readable_start: int = 0
    readable_end: int = 0
    link_target: str | None = None
    link_hint: str | None = None
    gloss: str | None = None  # Latin gloss in parentheses: "Pusan"
    qualifier: str | None = None  # south_of north_of along near border
    candidates: list[Candidate] = field(default_factory=list)
    evidence: str = "gazetteer"  # link, gloss, gazetteer, battle-link


# ---------------------------------------------------------------- resolution
@dataclass
class ResolvedMention:
    """A mention with the place chosen for it (place None when unresolved)."""

    mention: Mention
    place: Place | None
    confidence: float
    resolver: str  # gazetteer, geocoder, cache, unresolved


# ---------------------------------------------------------------- chronology
@dataclass(frozen=True)
class DateValue:
    """A calendar date with its precision: month and day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None  # early / mid / late (上旬 中旬 下旬), start / end (初 底)
    time: str | None = None  # time of day as written: "凌晨", "15:00"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass
class DateMention:
    """A date or date range found in a document."""

    doc: str
    start: int  # source offsets
    end: int
    surface: str
    first: DateValue
    last: DateValue | None = None  # inclusive end of a range
    readable_start: int = 0
    readable_end: int = 0
    calendar: str = "gregorian"  # or "solar-hijri"


@dataclass
class SourceRef:
    """A sentence that an event, front or place rests on."""

    doc: str
    start: int  # source offsets
    end: int
    text: str  # the readable sentence
    origin: str | None = None  # "catalogue": the date (or place) comes from the event catalogue, not this sentence

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}
        if self.origin is not None:
            record["from"] = self.origin
        return record


@dataclass
class Event:
    id: str
    type: str  # a name of the event-type registry (chronology/data/event_types.toml): battle, landing, …
    title: dict[str, str]
    start: str | None  # ISO date, possibly reduced
    end: str | None
    places: list[str]  # place ids
    geometry: Geometry | None
    sources: list[SourceRef] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    catalogue: str | None = None  # the id of the war's event catalogue row it is linked to

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "title": dict(self.title),
            "start": self.start,
            "end": self.end,
            "places": list(self.places),
            "geometry": self.geometry,
            "sources": [s.to_json() for s in self.sources],
            "conflicts": list(self.conflicts),
            "catalogue": self.catalogue,
        }


@dataclass
class Front:
    """A front line valid between two dates."""

    id: str
    start: str  # ISO date
    end: str | None
    geometry: Geometry  # LineString or MultiLineString
    names: dict[str, str]
    origin: str = "curated"  # "curated" or "text"
    phase: str | None = None
    anchors: list[str] = field(default_factory=list)  # place ids or names it was drawn through
    sources: list[SourceRef] = field(default_factory=list)
    source_note: str = ""  # for curated lines: the reference they come from
    # Points each side is known to hold while the line is valid, as [lon, lat]: {"un": [[129.04, 35.1]]}.
    # They decide which side of the line is whose (never "the southern part").
    held: dict[str, list[list[float]]] = field(default_factory=dict)


@dataclass
class Territory:
    """The land one side held between two dates."""

    side: str  # un, communist, contested
    start: str
    end: str | None
    geometry: Geometry
    phase: str | None = None
    front_id: str | None = None


@dataclass
class Phase:
    id: str
    title: dict[str, str]
    start: str
    end: str | None
    scheme: str = "text"  # "text", "us-army", "cpv-offensives"
    front: Geometry | None = None
    territory: list[Territory] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    fronts: list[str] = field(default_factory=list)  # front ids valid within the phase
    section: str | None = None  # the source section it was taken from

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": dict(self.title),
            "start": self.start,
            "end": self.end,
            "scheme": self.scheme,
            "front": self.front,
            "territory": [{"side": t.side, "geometry": t.geometry} for t in self.territory],
            "events": list(self.events),
        }

"""Front lines the texts draw themselves.

"退至三七线南北之平泽、安城、堤川、宁越、三陟一线" names a line town by town;
"全面撤退至清川江以南" puts it on a river; "مدار ۳۸ درجه" on a parallel. Each
such sentence becomes a Front (origin "text") through its places sorted west to
east, or along the river's shape, or along the parallel, dated by the
sentence's date (or the last date before it in its section) and carrying the
sentence as its source. What counts as a list, a line or a parallel is data:
the ``fronts`` table of the text's language pack.
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left, insort
from functools import cache
from typing import Any

from warmap import languages
from warmap.fronts.geometry import line_geojson, line_parts, round_coords
from warmap.model import DateMention, Document, Front, Place, ResolvedMention, SourceRef
from warmap.wars import War, load_war

LINEAR = ("river", "line")
QUALIFIERS = ("along", "south_of", "north_of", "border")
LOOKAHEAD = 8  # characters after a place in which a line marker may follow


@cache
def _rules(lang: str) -> dict[str, Any]:
    """The line words of a language's pack (a language without one reads with its fallback pack, logged)."""
    pack = languages.pack(lang)
    parallels = [
        {"regex": row.text, "lat": int(row.value) if row.kind == "named_parallel" else None}
        for row in pack.rows("fronts")
        if row.kind in ("parallel", "named_parallel")
    ]
    return {
        "separators": pack.words("fronts", "separator"),
        "line_markers": pack.words("fronts", "line_marker"),
        "river_markers": pack.words("fronts", "river_marker"),
        "parallels": parallels,
    }


def _match_slice(doc: Document, start: int, end: int) -> str:
    """The matching form of readable text [start, end)."""
    a = bisect_left(doc.match_offsets, start)
    b = bisect_left(doc.match_offsets, end)
    return doc.match_text[a:b]


def _only_separators(text: str, separators: list[str]) -> bool:
    rest = text
    for separator in sorted(separators, key=len, reverse=True):
        rest = rest.replace(separator, "")
    return not rest.strip()


@cache
def _particles() -> str:
    """Space and every pack's particles that may stand between a place and its marker (的, 之)."""
    return " " + "".join(word for pack in languages.all_packs() for word in pack.words("fronts", "marker_particle"))


def _followed_by(text: str, markers: list[str]) -> str | None:
    stripped = text.lstrip(_particles())
    return next((m for m in sorted(markers, key=len, reverse=True) if stripped.startswith(m)), None)


def _linear_parts(place: Place) -> list[list[tuple[float, float]]] | None:
    geometry = place.geometry or {}
    if geometry.get("type") in ("LineString", "MultiLineString"):
        return line_parts(geometry)
    return None


# ------------------------------------------------------------------ dating
class _DateIndex:
    """A document's dates sorted by readable start, searched by bisection (one sort per document)."""

    def __init__(self, dates: list[DateMention]):
        self.dates = dates  # sorted by readable_start
        self.starts = [d.readable_start for d in dates]
        # Source starts that never go back let the backward walk stop at the section's start.
        self.monotone = all(a.start <= b.start for a, b in zip(dates, dates[1:], strict=False))


def _sentence_date(doc: Document, start: int, end: int, index: _DateIndex) -> DateMention | None:
    """The first date inside the sentence, else the last one before it in the same section."""
    dates, first_at = index.dates, bisect_left(index.starts, start)
    if first_at < len(dates) and dates[first_at].readable_start < end:
        return dates[first_at]
    source_start = doc.source_span(start, end)[0]
    section = doc.section_at(source_start)
    if section is None:  # the latest date before the sentence; the first of equals, as max() would
        return dates[bisect_left(index.starts, index.starts[first_at - 1])] if first_at else None
    if not index.monotone:
        before = [d for d in dates[:first_at] if section.start <= d.start < section.end]
        return max(before, key=lambda d: d.readable_start) if before else None
    best: DateMention | None = None
    for at in range(first_at - 1, -1, -1):
        date = dates[at]
        if best is not None and date.readable_start != best.readable_start:
            break
        if date.start < section.start:
            break
        if date.start < section.end:
            best = date  # walking back through equal starts keeps the earliest, as max() would
    return best


def _in_war(mention: DateMention, war: War) -> bool:
    """Whether any part of the (possibly month- or year-precise) date falls within the war."""
    first, last = mention.first, mention.last or mention.first
    latest = (first.year if last is None else last.year, last.month or 12, last.day or 31)
    earliest = (first.year, first.month or 1, first.day or 1)
    war_start, war_end = (war.start.year, war.start.month, war.start.day), (war.end.year, war.end.month, war.end.day)
    return earliest <= war_end and latest >= war_start


# ------------------------------------------------------------------ finding lines
def _place_runs(doc: Document, placed: list[ResolvedMention], rules: dict[str, Any]) -> list[list[ResolvedMention]]:
    """Places in a row joined only by separators (平泽、安城、堤川)."""
    runs: list[list[ResolvedMention]] = []
    for mention in placed:
        if runs:
            gap = doc.text[runs[-1][-1].mention.readable_end : mention.mention.readable_start]
            if _only_separators(gap, rules["separators"]):
                runs[-1].append(mention)
                continue
        runs.append([mention])
    return runs


def _lines_in_sentence(
    doc: Document, start: int, end: int, placed: list[ResolvedMention], rules: dict[str, Any], war: War
) -> list[tuple[list[list[tuple[float, float]]], list[str], int, int]]:
    """(parts, anchors, readable start, readable end) of every line the sentence draws."""
    found = []
    for run in _place_runs(doc, placed, rules):
        tail_start = run[-1].mention.readable_end
        tail = _match_slice(doc, tail_start, min(end, tail_start + LOOKAHEAD))
        qualifier = run[-1].mention.qualifier
        marker = _followed_by(tail, rules["line_markers"])
        river_marker = _followed_by(tail, rules["river_markers"])
        span_end = tail_start + len(tail) - len(tail.lstrip(_particles())) + len(marker or river_marker or "")
        points = [(r.place.lon, r.place.lat) for r in run if r.place is not None and war.in_theatre(r.place.lon, r.place.lat)]
        if marker and len(points) >= 2:
            ordered = sorted(dict.fromkeys(points))
            found.append(([ordered], [r.place.place_id for r in run], run[0].mention.readable_start, span_end))
            continue
        last = run[-1].place
        if last is not None and last.feature in LINEAR and (river_marker or qualifier in QUALIFIERS):
            parts = _linear_parts(last)
            if parts and war.in_theatre(last.lon, last.lat):
                found.append((parts, [last.place_id], run[-1].mention.readable_start, span_end))
    taken = _Taken([(a, b) for _, _, a, b in found])
    for parallel in _parallels(doc, start, end, rules, war):
        if not taken.overlaps(parallel[2], parallel[3]):
            found.append(parallel)  # unless the gazetteer already gave this parallel its own shape
            taken.add(parallel[2], parallel[3])
    return found


class _Taken:
    """The spans already drawn in a sentence, asked whether a new span overlaps any (``a < end and
    start < b``) by bisection: a sentence of a thousand lines and parallels is not scanned for each.
    The lines come first and never change (sorted, with the furthest end so far); the parallels added
    after them overlap nothing taken, so in start order their ends are in order too."""

    def __init__(self, lines: list[tuple[int, int]]) -> None:
        lines = sorted(lines)
        self.line_starts = [a for a, _ in lines]
        self.line_reach = list(itertools.accumulate((b for _, b in lines), max))
        self.added: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.line_starts, end)  # the lines that start before ``end``
        if i and self.line_reach[i - 1] > start:
            return True
        j = bisect_left(self.added, (end, -1))  # the added spans that start before ``end``
        return bool(j) and self.added[j - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self.added, (start, end))


def _parallels(doc: Document, start: int, end: int, rules: dict[str, Any], war: War):
    """Parallels the sentence names, drawn across the theatre (the profile's parallel span), sea to sea."""
    west, east = war.parallel_span
    text = _match_slice(doc, start, end)
    offset = bisect_left(doc.match_offsets, start)
    for rule in rules.get("parallels", []):
        for match in re.finditer(rule["regex"], text):
            lat = float(rule["lat"] or match.group(1))
            if not war.bounds[1] <= lat <= war.bounds[3]:
                continue
            a, b = doc.match_to_readable(offset + match.start(), offset + match.end())
            parts = [[(west, lat), (east, lat)]]
            yield parts, [f"parallel:{lat:g}"], a, b


# ------------------------------------------------------------------ public
def fronts_from_text(
    doc: Document, mentions: list[ResolvedMention], dates: list[DateMention], war: War | str | None = None
) -> list[Front]:
    """Fronts drawn by the document's sentences, dated within the war, merged when identical."""
    war = load_war(war)
    rules = _rules(doc.lang)
    placed = sorted(
        (m for m in mentions if m.place is not None and m.mention.doc == doc.name),
        key=lambda m: (m.mention.readable_start, m.mention.readable_end),
    )
    placed_starts = [m.mention.readable_start for m in placed]
    doc_dates = _DateIndex(sorted((d for d in dates if d.doc == doc.name), key=lambda d: d.readable_start))
    fronts: dict[tuple[str, str], Front] = {}
    for sentence in doc.sentences:
        inside = placed[
            bisect_left(placed_starts, sentence.start) : bisect_left(placed_starts, sentence.end)
        ]
        lines = _lines_in_sentence(doc, sentence.start, sentence.end, inside, rules, war)
        if not lines:
            continue
        when = _sentence_date(doc, sentence.start, sentence.end, doc_dates)
        if when is None or when.first.month is None or not _in_war(when, war):
            continue  # undated, dated to a bare year (no map date to show it on), or not in the war
        source_start, source_end = doc.source_span(sentence.start, sentence.end)
        ref = SourceRef(doc.name, source_start, source_end, doc.text[sentence.start : sentence.end].strip())
        for parts, anchors, a, b in lines:
            geometry = line_geojson(parts)
            key = (json.dumps(round_coords(geometry["coordinates"])), when.first.iso())
            if key in fronts:
                fronts[key].sources.append(ref)
                continue
            span_source = doc.source_span(a, b)[0]
            fronts[key] = Front(
                id=f"text:{doc.name}:{span_source}",
                start=when.first.iso(),
                end=(when.last or when.first).iso(),
                geometry=geometry,
                names={doc.lang: doc.text[a:b].strip()},
                origin="text",
                anchors=anchors,
                sources=[ref],
            )
    return sorted(fronts.values(), key=lambda f: (f.start, f.id))

"""Phases of the war: the texts' own divisions, aligned with reference catalogues.

A text phase is a section of a document whose dated content lies within the war
(战争爆发, 仁川登陸, 第一次戰役 …). A section is replaced by its subsections when
these follow one another in time (the five offensives under 中国人民志愿军参战),
and kept whole when they overlap (the sub-topics of 相持与谈判). Thematic
sections spanning most of their parent (the air war) and sections whose titles
name no phase (背景, 参考文献…: the language packs' phases tables) are left out. Dates are
taken robustly (quantiles, never the stray min/max) and snapped to the
catalogue's boundaries (the war profile's phase schemes: for Korea the ten U.S.
Army campaigns and the five Chinese offensives) when close. Phases leave this stage
as spans of time (``phase_spans``); the join step after the fronts (``warmap.join``)
fills in their events, fronts, the front at their end and the territory on that day.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from warmap import languages
from warmap.chronology.phase_titles import distinct_titles
from warmap.languages import LanguagePack
from warmap.languages.tags import every_language_rows
from warmap.model import DateMention, DateValue, Document, Phase, Section
from warmap.wars import War, load_war

DATA = Path(__file__).resolve().parent / "data"
SNAP_DAYS = 10  # a section start this close to a catalogue boundary is that boundary
SNAP_WIDEN_DAYS = 30  # …or up to this much earlier, if the section's own dates reach back there
MIN_POINTS = 2  # dated mentions a section needs to be a phase
IN_WAR_SHARE = 1 / 3  # …and this share of its dates must fall within the war (not background, not aftermath)
LOW, HIGH = 0.15, 0.85  # quantiles that stand for a section's start and end
THEMATIC_SIBLINGS = 2  # a subsection whose dates span this many siblings' medians is a theme
MIN_STEP_DAYS = 7  # consecutive subsections must move on by at least this much
SAME_START_SHARE = 0.3  # a catalogue phase starting the same day must share this much (Jaccard)
PART_DAY = {"early": 5, "start": 1, "mid": 15, "late": 25, "end": 28}


# ------------------------------------------------------------------ data
def catalogue(war: War | None = None) -> tuple[Phase, ...]:
    """The war's reference phases (for Korea the schemes "us-army" and "cpv-offensives"), content not yet filled."""
    return load_war(war).catalogue


@lru_cache(maxsize=1)
def _title_packs() -> tuple[LanguagePack, ...]:
    """The packs that title phases in their language (they have ``phase_title`` rows), in pack order."""
    return tuple(p for p in languages.all_packs() if p.rows("phases", "phase_title"))


@lru_cache(maxsize=1)
def _section_titles() -> dict[str, dict[str, str]]:
    """Titles, by language, of section titles no catalogue campaign covers (停战: the armistice)."""
    named = {_fold(row.text): row.value for row in every_language_rows("phases", "section_title")}
    titles = {p.code: p.mapping("phases", "phase_title") for p in _title_packs()}
    return {
        key: {code: titles[code][concept] for code in titles if concept in titles[code]}
        for key, concept in named.items()
    }


@lru_cache(maxsize=1)
def _skip_words() -> tuple[str, ...]:
    return tuple(_fold(row.text) for row in every_language_rows("phases", "skip_section"))


def _fold(text: str) -> str:
    from warmap.reading.normalize import normalize_name

    return normalize_name(unicodedata.normalize("NFKC", text))


def is_skipped(title: str) -> bool:
    """True for sections that are never phases (background, references…), in any language."""
    folded = _fold(title)
    return any(word in folded for word in _skip_words())


# ------------------------------------------------------------------ dates
def day_of(value: DateValue) -> date | None:
    """A DateValue as one day (month-only dates fall on their part of the month); None for bare years."""
    if value.month is None:
        return None
    day = value.day or PART_DAY.get(value.part or "", 1)
    try:
        return date(value.year, value.month, day)
    except ValueError:
        return None


def _quantile(days: list[date], q: float) -> date:
    ordered = sorted(days)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class _Span:
    """A section with the dates inside it, summarised robustly."""

    section: Section
    doc: Document
    start: date
    end: date
    median: date
    points: int
    first: date  # earliest dated day (never used alone: only to widen the snapping window)


def _span(section: Section, doc: Document, mentions: list[DateMention], war: War) -> _Span | None:
    """The section's dates within the war, day-precise ones preferred; None if it is not about the war."""
    precise, rough, outside = [], [], 0
    for mention in mentions:
        if not section.start <= mention.start < section.end:
            continue
        for value in (mention.first, mention.last):
            day = day_of(value) if value is not None else None
            if day is None:
                continue
            if not war.start <= day <= war.end:
                outside += 1
            elif value.day is not None:
                precise.append(day)
            else:
                rough.append(day)
    days = precise if len(precise) >= MIN_POINTS else precise + rough
    if len(days) < MIN_POINTS or len(precise) + len(rough) < IN_WAR_SHARE * (
        len(precise) + len(rough) + outside
    ):
        return None
    return _Span(
        section, doc, _quantile(days, LOW), _quantile(days, HIGH), _quantile(days, 0.5), len(days), min(days)
    )


# ------------------------------------------------------------------ sections → phases
def _children(doc: Document, section: Section) -> list[Section]:
    inside = [s for s in doc.sections if s is not section and section.start <= s.start < section.end]
    inside = [s for s in inside if s.level > section.level]
    if not inside:
        return []
    top = min(s.level for s in inside)
    return sorted((s for s in inside if s.level == top), key=lambda s: s.start)


def _in_order(spans: list[_Span]) -> bool:
    """Subsections that follow one another in time (each median clearly after the one before)."""
    return all((b.median - a.median).days >= MIN_STEP_DAYS for a, b in zip(spans, spans[1:], strict=False))


def _heaviest_order(spans: list[_Span]) -> list[_Span]:
    """The chronologically increasing subsequence carrying the most dates (drops flashback sections)."""
    best: list[tuple[int, int]] = []  # (total points, previous index)
    for i, span in enumerate(spans):
        choice = (span.points, -1)
        for j in range(i):
            if spans[j].median < span.median and best[j][0] + span.points > choice[0]:
                choice = (best[j][0] + span.points, j)
        best.append(choice)
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: (best[k][0], -k))
    chain = []
    while i >= 0:
        chain.append(spans[i])
        i = best[i][1]
    return chain[::-1]


def _drop_themes(spans: list[_Span]) -> list[_Span]:
    """Leave out themes running across their siblings' times (the air war, the nuclear threat).

    The widest theme goes first, so that two themes do not make a stage of the
    story (相持与谈判) look like a theme by spanning each other's middle.
    """
    kept = list(spans)
    while True:
        crossing = [
            (
                sum(1 for o in kept if o is not s and s.start <= o.median <= s.end),
                (s.end - s.start).days,
                -i,
                s,
            )
            for i, s in enumerate(kept)
        ]
        worst = max(crossing, default=None, key=lambda item: item[:3])
        if worst is None or worst[0] < THEMATIC_SIBLINGS:
            return kept
        kept.remove(worst[3])


def _expand(section: Section, doc: Document, mentions: list[DateMention], war: War) -> list[_Span]:
    own = _span(section, doc, mentions, war)
    if own is None or is_skipped(section.title):
        return []
    kids = []
    for child in _children(doc, section):
        child_span = _span(child, doc, mentions, war)
        if child_span is not None and not is_skipped(child.title):
            kids.append(child_span)
    kids = _drop_themes(kids)
    if len(kids) >= 2 and _in_order(kids):
        return _heaviest_order([span for kid in kids for span in _expand(kid.section, doc, mentions, war)])
    return [own]


def _doc_spans(doc: Document, mentions: list[DateMention], war: War) -> list[_Span]:
    if not doc.sections:
        return []
    top = min(s.level for s in doc.sections)
    roots = sorted((s for s in doc.sections if s.level == top), key=lambda s: s.start)
    return _heaviest_order([span for root in roots for span in _expand(root, doc, mentions, war)])


def _boundaries(war: War) -> list[date]:
    """Where catalogue phases begin, plus the war's first and last day."""
    return sorted({war.start, war.end} | {date.fromisoformat(p.start) for p in war.catalogue})


def _snap(war: War, start: date, median: date | None = None, first: date | None = None) -> date:
    """The catalogue boundary nearest ``start``, looked for from the section's first dates to just after its median."""
    early = start - timedelta(days=SNAP_DAYS)
    if first is not None:
        early = min(early, max(first, start - timedelta(days=SNAP_WIDEN_DAYS)))
    late = (median or start) + timedelta(days=SNAP_DAYS)
    window = [b for b in _boundaries(war) if early <= b <= late]
    return min(window, key=lambda b: (abs((b - start).days), b)) if window else start


def _overlap(a_start: date, a_end: date, b_start: date, b_end: date) -> int:
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


def _catalogue_titles(war: War, start: date, end: date, section_title: str = "") -> dict[str, str]:
    """Titles (in the title packs' languages) of the catalogue phase the text phase matches, a range, or none.

    A catalogue phase matches when it carries the section's own title (第五次战役),
    or begins the same day and shares enough of it, or simply shares most of it.
    """
    length = (end - start).days + 1
    scored = []
    for phase in war.catalogue:
        p_start, p_end = date.fromisoformat(phase.start), date.fromisoformat(phase.end)
        shared = _overlap(start, end, p_start, p_end)
        if shared:
            scored.append((shared / (length + (p_end - p_start).days + 1 - shared), phase))
    if not scored:
        return {}
    own = _fold(section_title)
    named = [(score, p) for score, p in scored if own and any(_fold(t) == own for t in p.title.values())]
    same_start = [
        (score, p) for score, p in scored if p.start == start.isoformat() and score >= SAME_START_SHARE
    ]
    for choice in (named, same_start, [(score, p) for score, p in scored if score >= 0.5]):
        if choice:
            best = max(choice, key=lambda item: (item[0], item[1].scheme == war.preferred_scheme))[1]
            return {p.code: best.title[p.code] for p in _title_packs() if best.title.get(p.code)}
    army = sorted((p for _, p in scored if p.scheme == war.standin_scheme), key=lambda p: p.start)
    if len(army) >= 2:
        return {
            p.code: form.format(first=army[0].title[p.code], last=army[-1].title[p.code])
            for p in _title_packs()
            for form in p.words("phases", "phase_range")[:1]
        }
    return {}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")


def _slug_of(title: dict[str, str]) -> str:
    """An id's words: the slug of the phase's title in the first title language written in Latin letters."""
    latin = (p.code for p in _title_packs() if "Latin" in p.scripts and title.get(p.code))
    return next((slug(title[code]) for code in latin), "")


def _text_phases(spans: list[_Span], others: list[list[_Span]], war: War) -> list[tuple[Phase, _Span]]:
    starts: list[date] = []
    kept: list[_Span] = []
    for span in spans:
        start = _snap(war, span.start, span.median, span.first)
        if kept and start <= starts[-1]:
            continue  # starts inside the phase before it: not a phase of its own
        kept.append(span)
        starts.append(start)
    phases = []
    for i, span in enumerate(kept):
        start = starts[i]
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(kept) else max(span.end, start)
        title = {span.doc.lang: span.section.title}
        extra = _catalogue_titles(war, start, end, span.section.title)
        if not extra:
            extra = _section_titles().get(_fold(span.section.title), {})
        for lang, text in extra.items():
            if text and lang not in title:
                title[lang] = text
        for other in others:
            for candidate in other:
                if (
                    _snap(war, candidate.start, candidate.median, candidate.first) == start
                    and candidate.doc.lang not in title
                ):
                    title[candidate.doc.lang] = candidate.section.title
        name = _slug_of(title) or slug(span.section.title) or start.isoformat()
        phases.append(
            (
                Phase(
                    id=f"{i + 1:02d}-{name}",
                    title=title,
                    start=start.isoformat(),
                    end=end.isoformat(),
                    scheme="text",
                    section=span.section.title,
                ),
                span,
            )
        )
    return phases


# ------------------------------------------------------------------ days and spans
def first_day(value: str | None) -> str | None:
    """The first day of a possibly reduced ISO date: "1950-10" → "1950-10-01"."""
    if not value:
        return None
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def last_day(value: str) -> str:
    """The last day of a possibly reduced ISO date: "1950-10" → "1950-10-31"."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        following = date(int(parts[0]) + int(parts[1]) // 12, int(parts[1]) % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return value


@dataclass(frozen=True)
class PhaseSpans:
    """Phases as spans of time, before the join fills in their events, fronts and territory.

    ``told_in`` gives, for each text phase taken from a section, where that section lies
    (document name, source start, source end): events told there belong to it.
    """

    text: list[Phase]
    listed: list[Phase]  # the war's catalogue phases, every scheme
    told_in: dict[str, tuple[str, int, int]]


def phase_spans(docs: list[Document], dates: list[DateMention], war: War | None = None) -> PhaseSpans:
    """The texts' phases (from their sections) and the war's catalogue phases, all still empty.

    With no document whose sections make phases (plain prose), the war's stand-in
    scheme (for Korea the U.S. Army campaigns) stands in as the text phases.
    """
    war = load_war(war)
    per_doc = []
    for doc in docs:
        mentions = [d for d in dates if d.doc == doc.name]
        per_doc.append(_doc_spans(doc, mentions, war))
    per_doc.sort(key=lambda spans: -len(spans))
    told_in: dict[str, tuple[str, int, int]] = {}
    if per_doc and len(per_doc[0]) >= 2:
        sectioned = _text_phases(per_doc[0], per_doc[1:], war)
        text = distinct_titles([phase for phase, _ in sectioned])
        told_in = {phase.id: (span.doc.name, span.section.start, span.section.end) for phase, span in sectioned}
    else:
        text = [
            replace(p, scheme="text", title=dict(p.title), events=[], fronts=[], territory=[])
            for p in war.catalogue
            if p.scheme == war.standin_scheme
        ]
    listed = [replace(p, title=dict(p.title), events=[], fronts=[], territory=[]) for p in war.catalogue]
    return PhaseSpans(text, listed, told_in)


def phase_at(day: str | None, phases: list[Phase]) -> str | None:
    """The id of the phase a (possibly reduced) ISO date falls in, or None."""
    day = first_day(day)
    if not day:
        return None
    holder = next((p for p in phases if p.start <= day <= (p.end or p.start)), None)
    return holder.id if holder is not None else None


"""Dates in the texts: every written date, its precision, and the year it belongs to.

Narratives name the year once and then write ``6月25日`` or ``۱۶ اکتبر`` for
pages on end. A partial date takes its year (and month) from the nearest date
before it in the same section; a section that has none inherits from a year in
its own title or its ``{{main|…}}`` link (``朝鲜战争1951年夏秋季战役``), and only
then from the sections before it — never blindly from the document's first
year. A month that falls far behind the context (``至1月2日`` after
``1950年12月31日``) belongs to the next year. Solar Hijri dates convert exactly;
a Solar Hijri month or year becomes the Gregorian span it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from warmap.chronology import solar_hijri
from warmap.chronology.date_forms import scan
from warmap.chronology.date_points import Point, RawDate, with_full_years
from warmap.model import DateMention, DateValue, Document, Section

ROLLOVER_MONTHS = 8  # a partial month this far behind the context month belongs to the next year
# The years a two-digit year (11/27/50) is read in when the caller names none; the pipeline
# passes the war profile's span instead (``years=``).
TWO_DIGIT_YEARS = (1900, 1999)
HEADING_LINK_KINDS = {"main", "see also", "seealso", "see", "further", "details", "main article"}


@dataclass
class ParsedDate:
    """A date in a plain string: its span there and its resolved values."""

    start: int
    end: int
    surface: str
    first: DateValue
    last: DateValue | None = None
    calendar: str = "gregorian"

    def iso(self) -> tuple[str, str | None]:
        return self.first.iso(), self.last.iso() if self.last else None


@dataclass
class _Context:
    """The date the text is at: what a partial date is completed from."""

    year: int
    month: int | None = None
    value: DateValue | None = None  # the last date named, for 同日 / همان روز


def parse_dates(
    text: str, lang: str, context_year: int | None = None, years: tuple[int, int] = TWO_DIGIT_YEARS
) -> list[ParsedDate]:
    """Every date in a plain string, completed from ``context_year`` and from each other in order (before
    any year, from the next date that states one); ``years``: the span a two-digit year is read in."""
    context = _Context(context_year) if context_year else None
    parsed = []
    raws = scan(text, lang)
    later = _later_years(raws, [None] * len(raws), years)
    for index, raw in enumerate(raws):
        if context is None and later[index] is not None:
            context = _Context(_year_before(raw.first, *later[index]))  # type: ignore[misc]
        resolved = resolve(raw, context, years)
        if resolved is None:
            continue
        first, last, calendar_name = resolved
        parsed.append(ParsedDate(raw.start, raw.end, text[raw.start : raw.end], first, last, calendar_name))
        context = _advance(first, last)
    return parsed


def find_dates(doc: Document, years: tuple[int, int] = TWO_DIGIT_YEARS) -> list[DateMention]:
    """Every date in a document, with source and readable spans, completed from its section's context;
    a partial date before any year in force takes the year of the next date of its section that states
    one (16–18 April / 6–11 July 1953). ``years``: the span a two-digit year is read in (the war's)."""
    raws = scan(doc.text, doc.lang)
    headings = _heading_years(doc)
    chains = _chains(doc)
    sections = [doc.section_at(doc.source_span(raw.start, raw.end)[0]) for raw in raws]
    later = _later_years(raws, sections, years)
    mentions: list[DateMention] = []
    last_in: dict[int, _Context] = {}  # id(section) → the last date seen in it
    running: _Context | None = None  # the last date seen anywhere before
    for index, raw in enumerate(raws):
        start, end = doc.source_span(raw.start, raw.end)
        section = sections[index]
        context = last_in.get(id(section)) if section is not None else running
        if context is None and section is not None:
            context = _section_context(chains[id(section)], headings, running)
        if context is None and later[index] is not None:
            context = _Context(_year_before(raw.first, *later[index]))  # type: ignore[misc]
        resolved = resolve(raw, context, years)
        if resolved is None:
            continue
        first, last, calendar_name = resolved
        mentions.append(
            DateMention(
                doc=doc.name,
                start=start,
                end=end,
                surface=doc.source.text[start:end],
                first=first,
                last=last,
                readable_start=raw.start,
                readable_end=raw.end,
                calendar=calendar_name,
            )
        )
        running = _advance(first, last)
        if section is not None:
            for holder in chains[id(section)]:
                last_in[id(holder)] = running
    return mentions


def _later_years(
    raws: list[RawDate], sections: list[Section | None], years: tuple[int, int]
) -> list[tuple[int, int | None] | None]:
    """For each date, the (year, month) of the next date in its section that states a Gregorian year."""
    found: list[tuple[int, int | None] | None] = [None] * len(raws)
    ahead: dict[int, tuple[int, int | None]] = {}  # id(section) → the nearest such date after
    for index in range(len(raws) - 1, -1, -1):
        key = id(sections[index])
        found[index] = ahead.get(key)
        first = with_full_years(raws[index], years)[0]
        if first.year is not None and first.calendar == "gregorian" and raws[index].year_offset is None:
            ahead[key] = (first.year, first.month)
    return found


def _year_before(point: Point, year: int, month: int | None) -> int:
    """The year of a partial date told before a date of ``year``/``month``: that year, or the one
    before when its month lies far ahead of that month (December told before January 1951)."""
    if point.month is not None and month is not None and point.month - month >= ROLLOVER_MONTHS:
        return year - 1
    return year


def resolve(
    raw: RawDate, context: _Context | None, years: tuple[int, int] = TWO_DIGIT_YEARS
) -> tuple[DateValue, DateValue | None, str] | None:
    """A scanned date made whole: (first, last, calendar), or None when no year can be found."""
    if raw.same_day:
        return (context.value, None, "gregorian") if context and context.value else None
    if raw.days_after:  # 次日, 三天后: days after the day just named (not after a month or a year)
        if context is None or context.value is None or context.value.day is None:
            return None
        value = context.value
        following = dt.date(value.year, value.month, value.day) + dt.timedelta(days=raw.days_after)  # type: ignore[arg-type]
        return (
            DateValue(following.year, following.month, following.day, time=raw.first.time),
            None,
            "gregorian",
        )
    if raw.same_month:  # 同月二十日, 同月中旬: the month just named
        if context is None or context.month is None:
            return None
        point = replace(raw.first, year=context.year, month=context.month)
        value = _value(point)
        return (value, None, "gregorian") if value is not None else None
    first, last = with_full_years(raw, years)
    if raw.year_offset is not None:  # 同年冬, 次年1月: the year in force, moved as the text says
        if context is None:
            return None
        year = _year_in_force(first, context) + raw.year_offset
        first = first if first.year is not None else replace(first, year=year)
        last = last if last is None or last.year is not None else replace(last, year=year)
    elif first.year is None and "fallback_year" in raw.extra and context is None:
        first = replace(first, year=int(raw.extra["fallback_year"]))  # a later date's year, when none is in force
    if first.year is None and last is not None and last.year is not None:
        back = first.month is not None and last.month is not None and first.month > last.month
        first = replace(first, year=last.year - 1 if back else last.year)
    first = _complete(first, context)
    if first is None:
        return None
    if last is not None:
        last = _complete(last, _Context(first.year, first.month))
        if last is None:
            return None
    if first.calendar == "solar-hijri" or (last is not None and last.calendar == "solar-hijri"):
        return _solar_to_gregorian(first, last)
    start_value = _value(first)
    end_value = _value(last) if last is not None else None
    if start_value is None or (last is not None and end_value is None):
        return None
    if end_value is not None and _sort_key(end_value) < _sort_key(start_value):
        return None
    return start_value, end_value, "gregorian"


def _complete(point: Point, context: _Context | None) -> Point | None:
    """Fill a point's missing year (and month, for a bare day) from the context."""
    if point.year is not None:
        return point
    if context is None:
        return None
    if point.calendar == "solar-hijri":
        return _complete_solar(point, context)
    month = point.month
    if month is None:
        if context.month is None:
            return None
        return replace(point, year=context.year, month=context.month)
    year = context.year
    if context.month is not None and context.month - month >= ROLLOVER_MONTHS:
        year += 1
    return replace(point, year=year)


def _year_in_force(point: Point, context: _Context) -> int:
    """The context's year in the point's calendar (the Solar Hijri year of the date just named)."""
    if point.calendar != "solar-hijri":
        return context.year
    value = context.value
    if value is not None and value.month is not None:
        anchor = dt.date(value.year, value.month, value.day or 1)
    else:
        anchor = dt.date(context.year, context.month or 7, 1)
    return solar_hijri.from_gregorian(anchor)[0]


def _complete_solar(point: Point, context: _Context) -> Point:
    anchor = dt.date(context.year, context.month or 7, 1)
    year, month, _ = solar_hijri.from_gregorian(anchor)
    if point.month is not None and month - point.month >= ROLLOVER_MONTHS:
        year += 1
    return replace(point, year=year)


def _value(point: Point) -> DateValue | None:
    """A Gregorian point as a DateValue; None when the day does not exist."""
    if point.year is None:
        return None
    if point.day is not None:
        if point.month is None or point.day > calendar.monthrange(point.year, point.month)[1]:
            return None
    return DateValue(point.year, point.month, point.day, point.part, point.time)


def _solar_to_gregorian(first: Point, last: Point | None) -> tuple[DateValue, DateValue | None, str] | None:
    """Solar Hijri points → the Gregorian span they cover (a single day stays a single day)."""
    try:
        start, span_end = _solar_span(first)
        end = _solar_span(last)[1] if last is not None else span_end
    except ValueError:
        return None
    first_value = DateValue(start.year, start.month, start.day, time=first.time)
    last_value = None if end == start else DateValue(end.year, end.month, end.day)
    return first_value, last_value, "solar-hijri"


def _solar_span(point: Point) -> tuple[dt.date, dt.date]:
    assert point.year is not None
    if point.month is None:
        return solar_hijri.year_span(point.year)
    if point.day is None:
        return solar_hijri.month_span(point.year, point.month)
    day = solar_hijri.to_gregorian(point.year, point.month, point.day)
    return day, day


def _advance(first: DateValue, last: DateValue | None) -> _Context:
    """The context after a date: its start (a range's end would pull later dates forward)."""
    return _Context(first.year, first.month, first)


def _sort_key(value: DateValue) -> tuple[int, int, int]:
    return value.year, value.month or 0, value.day or 0


# ---------------------------------------------------------------- section context
def _chain(doc: Document, section: Section) -> list[Section]:
    """The section and its ancestors (sections of lower level that contain it)."""
    return [
        s
        for s in doc.sections
        if s.start <= section.start and section.end <= s.end and s.level <= section.level
    ]


def _chains(doc: Document) -> dict[int, list[Section]]:
    """id(section) → ``_chain`` of it, for every section in one sweep by start: only the sections still
    open where a section starts can hold it, so each is checked against those, not against all."""
    sections = doc.sections
    order = sorted(range(len(sections)), key=lambda i: sections[i].start)
    chains: dict[int, list[Section]] = {}
    open_: list[int] = []
    at = 0
    while at < len(order):
        start = sections[order[at]].start
        same_start = at
        while same_start < len(order) and sections[order[same_start]].start == start:
            same_start += 1
        opening = order[at:same_start]
        open_ = sorted([i for i in open_ if sections[i].end >= start] + opening)  # document order
        for i in opening:
            section = sections[i]
            if section.end < section.start:  # not a span: nothing to sweep, ask every section
                chains[id(section)] = _chain(doc, section)
                continue
            chains[id(section)] = [
                sections[j]
                for j in open_
                if section.end <= sections[j].end and sections[j].level <= section.level
            ]
        at = same_start
    return chains


def _heading_years(doc: Document) -> dict[int, int]:
    """id(section) → a year its title or its {{main|…}}/{{see also|…}} link states, when exactly one."""
    heading_links: dict[int, list] = {}  # id(section) → its {{main|…}}-like links, each link looked at once
    for link in doc.links:
        if link.kind.lower() in HEADING_LINK_KINDS and (inner := doc.section_at(link.start)) is not None:
            heading_links.setdefault(id(inner), []).append(link)
    years: dict[int, int] = {}
    for section in doc.sections:
        texts = [section.title]
        body_start = section.heading_end or section.start
        for link in heading_links.get(id(section), []):
            if body_start <= link.start < section.end:
                texts.append(link.target)
        found = {p.first.year for text in texts for p in parse_dates(text, doc.lang) if p.last is None}
        if len(found) == 1:
            years[id(section)] = found.pop()
    return years


def _section_context(
    chain: list[Section], headings: dict[int, int], running: _Context | None
) -> _Context | None:
    """The context a section starts from (``chain``: it and its ancestors): a year its heading states,
    else the dates before it."""
    for holder in sorted(chain, key=lambda s: -s.level):
        if id(holder) in headings:
            year = headings[id(holder)]
            if running is not None and running.year == year:
                return running
            return _Context(year)
    return running

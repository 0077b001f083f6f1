"""The Persian date grammar: two calendars, days as digits or ordinal words, numeric dates.

Persian writes days as digits or ordinal words (بیست و پنجم), names the months
of two calendars (ژوئن, خرداد) and marks years as Gregorian or Solar Hijri
(م., ه.ش); a month or year of the Solar Hijri calendar is converted later, by
``dates``. Every word — both calendars' month names, ordinals, markers, range
and list words, relative days and years — comes from the pack's ``dates.csv``;
the pack's ``date_letters`` setting says what a letter is. The patterns are
compiled from the pack in ``date_grammar_persian_patterns``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from warmap.chronology.date_grammar_persian_patterns import NEEDS, squeeze
from warmap.chronology.date_grammar_persian_patterns import tables as compile_tables
from warmap.chronology.date_points import (
    Point,
    RawDate,
    consecutive,
    narrower_or_equal,
)
from warmap.languages import LanguagePack

MAX_YEAR_GAP = 60  # characters between a yearless date and the later date of its sentence that gives the year
# ۲۹ اسفند … ۱ فروردین ۱۳۳۰: a month this far ahead of the year-giving one is in the year before
ROLLOVER_MONTHS = 8
SOLAR_YEARS = range(1300, 1421)  # the Solar Hijri years a bare four-digit year is read as (1921–2041)
GREGORIAN_YEARS = range(1800, 2101)

__all__ = ["NEEDS", "scan"]


def _day(tables: dict, token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        return int(token)
    return tables["ordinals"].get(squeeze(token))


def _point(tables: dict, m: re.Match[str], in_range: bool = False, relative: bool = False) -> Point | None:
    """A point from a match of the point pattern, or None when it says too little;
    ``relative``: همان سال or سال بعد follows, so a bare month name is a month."""
    month_name, year_text, day = m.group("month"), m.group("year"), _day(tables, m.group("day"))
    year = int(year_text) if year_text else None
    marker = m.group("marker")
    if month_name is None:
        if year is None or day is not None:
            return None
        solar = (marker in tables["solar_markers"]) if marker else year in SOLAR_YEARS
        if not (year in SOLAR_YEARS if solar else year in GREGORIAN_YEARS):
            return None
        if solar and not marker and not m.group("yearword") and not in_range:
            return None  # a bare ۱۳۲۰ is as likely a count as a year
        calendar = "solar-hijri" if solar else "gregorian"
        return Point(year=year, calendar=calendar, time=m.group("time"))
    calendar, month = tables["months"][month_name]
    named_month = m.group("monthword") is not None or m.group("monthsuffix") is not None
    if (
        day is None
        and year is None
        and not relative
        and (not named_month or month_name in tables["ambiguous"])
    ):
        return None
    if year is None and not relative and month_name in tables["need_year"]:
        return None  # می is far more often the verb prefix than May
    if day is not None and not 1 <= day <= 31:
        return None
    part = tables["parts"].get(m.group("part") or "")
    return Point(year, month, day, part if day is None else None, m.group("time"), calendar)


def _numeric_point(tables: dict, m: re.Match[str]) -> Point | None:
    """۱۳۲۹/۰۴/۰۴ or ۲۵/۶/۱۹۵۰: a year of 1300–1420 is Solar Hijri, of 1800–2100 Gregorian, unless marked."""
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4 and len(c) <= 2:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        year, month, day = int(c), int(b), int(a)
    else:
        return None
    marker = m.group("marker")
    solar = (marker in tables["solar_markers"]) if marker else year in SOLAR_YEARS
    if not (year in SOLAR_YEARS if solar else year in GREGORIAN_YEARS):
        return None
    if not solar and month > 12 and day <= 12:
        month, day = day, month  # 6/25/1950, written the American way
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Point(year, month, day, calendar="solar-hijri" if solar else "gregorian")


def _scan_numeric(tables: dict, folded: str) -> list[RawDate]:
    """Numeric dates, and ranges of two of them (۱۳۲۹/۴/۴ تا ۱۳۲۹/۴/۷)."""
    found: list[RawDate] = []
    pos = 0
    while (m := tables["numeric"].search(folded, pos)) is not None:
        first = _numeric_point(tables, m)
        if first is None:
            pos = m.start() + 1
            continue
        raw = RawDate(m.start(), m.end(), first)
        if sep := tables["sep"].match(folded, m.end()):
            m2 = tables["numeric_body"].match(folded, sep.end())
            second = _numeric_point(tables, m2) if m2 else None
            if m2 and second is not None and second.calendar == first.calendar:
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    return found


def _fill_lists(tables: dict, folded: str, found: list[RawDate]) -> list[RawDate]:
    """۴ و ۵ تیر ۱۳۲۹: each listed day takes the month, year and calendar of the day that closes the list;
    a listed day whose list closes with no date read (۴ و ۵ می, May without a year) is dropped."""
    kept = []
    for i, raw in enumerate(found):
        if "listed_day" in raw.extra:
            closing = next((r for r in found[i + 1 :] if "listed_day" not in r.extra), None)
            if closing is None or closing.first.month is None:
                continue
            if not tables["list_gap"].fullmatch(folded, raw.end, closing.start):
                continue
            raw.first = replace(closing.first, day=raw.first.day, part=None, time=None)
            raw.extra["closing"] = str(closing.start)
        kept.append(raw)
    return _join_consecutive(kept)


def _join_consecutive(found: list[RawDate]) -> list[RawDate]:
    """۲۴، ۲۵ و ۲۶ بهمن: listed days that follow one another are one stretch, first to last day;
    ۴ و ۹ تیر stay two dates."""
    joined: list[RawDate] = []
    i = 0
    while i < len(found):
        raw = found[i]
        if "closing" not in raw.extra:
            joined.append(raw)
            i += 1
            continue
        run = [raw]
        while i + len(run) < len(found) and "closing" in found[i + len(run)].extra:
            run.append(found[i + len(run)])
        closing = found[i + len(run)] if i + len(run) < len(found) else None
        i += len(run)
        if closing is None or str(closing.start) != raw.extra["closing"] or closing.last is not None:
            joined.extend(run)
            continue
        days = [r.first.day for r in run] + [closing.first.day]
        if consecutive(days):
            joined.append(RawDate(raw.start, closing.end, raw.first, closing.first))
        else:
            joined.extend(run + [closing])
        i += 1
    return joined


def _borrow_years(tables: dict, folded: str, found: list[RawDate]) -> None:
    """۴ تیر و ۷ تیر ۱۳۲۹: a date without a year takes the year a later date of the same sentence gives.

    When only list words (و ، ,) and other yearless dates stand between them, the year is the list's;
    when other words do (۴ تیر از مرز گذشتند و در ۷ تیر ۱۳۲۹ …), the later year is only a fallback
    (``extra["fallback_year"]``), taken when no year is in force from the text before."""
    for i, raw in enumerate(found):
        point = raw.first
        if (
            point.year is not None
            or point.month is None
            or raw.same_day
            or raw.days_after
            or raw.same_month
            or raw.year_offset is not None
        ):
            continue
        if raw.last is not None and raw.last.year is not None:
            continue  # ۲۵ ژوئن تا ۲ ژوئیه ۱۹۵۰: the range's own end gives the year
        previous_end = raw.end
        for later in found[i + 1 :]:
            gap = folded[previous_end : later.start]
            if tables["sentence_end"].search(gap) or len(gap) > MAX_YEAR_GAP:
                break
            previous_end = max(previous_end, later.end)
            donor = later.first if later.first.year is not None else later.last
            if donor is None or donor.year is None:
                continue
            if donor.calendar != point.calendar or donor.month is None:
                break
            year = donor.year
            if point.month > donor.month:
                if point.month - donor.month < ROLLOVER_MONTHS:
                    break  # ۷ مهر … ۴ تیر ۱۳۲۹ is not one stretch of days
                year -= 1  # ۲۹ اسفند و ۱ فروردین ۱۳۳۰
            if tables["only_list"].fullmatch(_without(folded, raw.end, later.start, found[i + 1 :])):
                raw.first = replace(point, year=year)
            else:
                raw.extra["fallback_year"] = str(year)
            break


def _without(folded: str, start: int, end: int, dates: list[RawDate]) -> str:
    """The text between ``start`` and ``end`` with the dates found in it taken out."""
    pieces, at = [], start
    for raw in dates:
        if raw.start >= end:
            break
        if raw.start >= at:
            pieces.append(folded[at : raw.start])
            at = raw.end
    pieces.append(folded[at:end])
    return "".join(pieces)


def scan(folded: str, original: str, pack: LanguagePack) -> list[RawDate]:
    """Every date in ``folded`` in the pack's words: digits, ordinal words, both calendars' months, ranges."""
    tables = compile_tables(pack)
    found: list[RawDate] = []
    pos = 0
    for sd in tables["same_day"].finditer(folded):
        found.append(RawDate(sd.start(), sd.end(), Point(), same_day=True))
    for nd in tables["next_day"].finditer(folded):  # روز بعد, سه روز بعد
        count = nd.group("count")
        days = 1 if count is None else int(count) if count.isdigit() else tables["day_counts"][count]
        found.append(RawDate(nd.start(), nd.end(), Point(), days_after=days))
    numeric = _scan_numeric(tables, folded)
    found.extend(numeric)
    for listed in tables["day_list"].finditer(folded):
        day = _day(tables, listed.group("day"))
        if day is not None and 1 <= day <= 31:
            found.append(
                RawDate(listed.start(), listed.end("day"), Point(day=day), extra={"listed_day": "1"})
            )
    while pos < len(folded):
        m = tables["point"].search(folded, pos)
        if m is None:
            break
        if inside := next(
            (n for n in numeric if n.start <= m.start() < n.end or m.start() <= n.start < m.end()), None
        ):
            pos = max(inside.end, m.start() + 1)
            continue
        if m.end() == m.start():
            pos = m.start() + 1
            continue
        rel = (
            tables["relative_year"].match(folded, m.end())
            if m.group("month") and not m.group("year")
            else None
        )
        first = _point(tables, m, relative=rel is not None)
        if first is None:
            pos = m.start() + 1
            continue
        raw = RawDate(m.start(), m.end(), first)
        if rel is not None:  # ۲۵ ژوئن سال بعد
            raw.end = rel.end()
            raw.year_offset = tables["relative_years"][re.sub(r"[\s\u200c]+", " ", rel.group("word"))]
        elif m.group("day0"):
            raw.first = replace(first, day=_day(tables, m.group("day0")))
            raw.last = first
        elif sep := tables["sep"].match(folded, m.end()):
            m2 = tables["point"].match(folded, sep.end())
            second = _point(tables, m2, in_range=True) if m2 and m2.end() > m2.start() else None
            if second is not None and (second.year is not None or narrower_or_equal(first, second)):
                if first.month is None and second.calendar != first.calendar and m2.group("marker"):
                    raw.first = replace(first, calendar=second.calendar)  # (۱۹۵۰ - ۱۹۵۳م.)
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    found.sort(key=lambda r: r.start)
    found = _fill_lists(tables, folded, found)
    _borrow_years(tables, folded, found)
    return found

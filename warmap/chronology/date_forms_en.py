"""English date forms: 25 June 1950, June 25, 1950, 13–15 February, early October, three days later.

English names months by word, writes days before or after them, and tells
relative days in words (the next day, a week later); its patterns are its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from warmap.chronology.date_points import (
    Point,
    RawDate,
    alternation,
    consecutive,
    fold_1to1,
    narrower_or_equal,
    vocabulary,
)


@cache
def _en_tables() -> dict:
    vocab = vocabulary("en")
    months = {name: int(n) for n, names in vocab["months"].items() for name in names}
    names = alternation(list(months))
    seps = alternation(vocab["range_separators"])
    ordinal = r"(?:st|nd|rd|th)?"
    parts = alternation(list(vocab["parts"]))
    point = (
        r"(?<![\w])(?=\w)"
        r"(?:(?P<part>" + parts + r")\s*(?=[a-z]))?"  # early October, mid-January
        r"(?:(?P<day0>\d{1,2})" + ordinal + r"\s*(?P<sep0>" + seps + r"|and)\s*(?=\d))?"  # 13–15 February
        r"(?:(?P<day>\d{1,2})" + ordinal + r"\s+(?:of\s+)?)?"
        r"(?:(?P<month>" + names + r")\.?(?![a-z])"
        r"(?:\s+(?P<day2>\d{1,2})" + ordinal + r"(?!\d)"
        r"(?:\s*(?:" + seps + r")\s*(?P<day3>\d{1,2})" + ordinal + r"(?![\d:]))?)?)?"  # February 13–15
        r"(?:,?\s*(?P<year>\d{4})(?!\d))?"
    )
    return {
        "months": months,
        "parts": {fold_1to1(w): p for w, p in vocab["parts"].items()},
        "point": re.compile(point),
        "sep": re.compile(r"\s*(?:" + seps + r")\s*"),
        "between": re.compile(r"between\s*$"),
        "month_alone": re.compile(
            r"(?<![a-z])(?:" + alternation(vocab.get("month_alone_after", [])) + r")\s+$"
        ),
        "sep_between": re.compile(r"\s*(?:" + seps + r"|and(?![a-z]))\s*"),
        "same_day": re.compile(r"(?<![a-z])(?:" + alternation(vocab["same_day_words"]) + r")(?![a-z])"),
        "next_day": re.compile(r"(?<![a-z])(?:" + alternation(vocab["next_day_words"]) + r")(?![a-z])"),
        "later": re.compile(
            r"(?<![\w-])(?P<count>\d{1,2}|" + alternation(list(vocab["day_counts"])) + r")[\s-]+"
            r"(?P<unit>" + alternation(list(vocab["day_units"])) + r")\s+"
            r"(?:" + alternation(vocab["later_words"]) + r")(?![a-z])"
        ),
        "relative_year": re.compile(
            r",?\s*(?:of\s+|in\s+)?(?P<word>" + alternation(list(vocab["relative_year_words"])) + r")(?![a-z])"
        ),
        "relative_years": {re.sub(r"\s+", " ", fold_1to1(w)): n for w, n in vocab["relative_year_words"].items()},
        # 25, 26 and 27 November: the listed days before the last, which the point pattern reads
        "day_list": re.compile(
            r"(?<![\w,])(?P<days>\d{1,2}" + ordinal + r"(?:\s*,\s*\d{1,2}" + ordinal + r")*)\s*,?\s+and\s+"
            r"(?=\d{1,2}" + ordinal + r"\s+(?:of\s+)?(?:" + names + r")\.?(?![a-z]))"
        ),
        "day_counts": {fold_1to1(w): n for w, n in vocab["day_counts"].items()},
        "day_units": {fold_1to1(w): n for w, n in vocab["day_units"].items()},
    }


def _en_point(m: re.Match[str], alone: bool = False) -> Point | None:
    """A point from a match of the point pattern; ``alone``: a bare month may stand (in October)."""
    year = int(m.group("year")) if m.group("year") else None
    if m.group("month") is None:
        if year is None or m.group("day") or m.group("part") or not 1800 <= year <= 2100:
            return None
        return Point(year=year)
    day_text = m.group("day") or m.group("day2")
    day = int(day_text) if day_text else None
    part = _en_tables()["parts"].get(m.group("part") or "") if day is None else None
    if day is None and year is None and part is None and not alone or day is not None and not 1 <= day <= 31:
        return None
    return Point(year, _en_tables()["months"][m.group("month")], day, part)


def _en_relative(folded: str) -> list[RawDate]:
    """The same day, the next day, three days later, a week later: days after the day just named."""
    tables = _en_tables()
    found = [RawDate(m.start(), m.end(), Point(), same_day=True) for m in tables["same_day"].finditer(folded)]
    found += [RawDate(m.start(), m.end(), Point(), days_after=1) for m in tables["next_day"].finditer(folded)]
    for m in tables["later"].finditer(folded):
        count = m.group("count")
        number = int(count) if count.isdigit() else tables["day_counts"][count]
        days = number * tables["day_units"][m.group("unit")]
        if days > 0:
            found.append(RawDate(m.start(), m.end(), Point(), days_after=days))
    return found


def _join_lists(folded: str, found: list[RawDate]) -> list[RawDate]:
    """25, 26 and 27 November 1950: the month and year of the last day serve the listed ones; days that
    follow one another are one stretch (first to last), others separate dates. "2 and 3 March" alone is
    a stretch only when consecutive, since two numbers joined by "and" may be a count."""
    tables = _en_tables()
    joined = list(found)
    for m in tables["day_list"].finditer(folded):
        if tables["between"].search(folded, max(0, m.start() - 12), m.start()):
            continue
        closing = next((r for r in found if r.start == m.end()), None)
        if closing is None or closing.last is not None or closing.first.day is None:
            continue
        listed = [int(d) for d in re.findall(r"\d{1,2}", m.group("days"))]
        days = listed + [closing.first.day]
        if not all(1 <= d <= 31 for d in days):
            continue
        joined.remove(closing)
        if consecutive(days):
            joined.append(RawDate(m.start(), closing.end, replace(closing.first, day=days[0]), closing.first))
        elif len(listed) > 1:
            joined += [RawDate(m.start(), closing.end, replace(closing.first, day=d)) for d in listed]
            joined.append(closing)
        else:
            joined.append(closing)
    return sorted(joined, key=lambda r: r.start)


def scan_en(folded: str) -> list[RawDate]:
    """English dates: 25 June 1950, June 25, 1950, June 1950, 25–28 June 1950, February 13–15, 1951,
    from 13 to 15 February, between 13 and 15 February (``and`` is a range only after ``between``), 1950;
    and days told from the day just named (the next day, three days later, a week later)."""
    tables = _en_tables()
    relative = _en_relative(folded)
    found: list[RawDate] = []
    pos = 0
    while pos < len(folded) and (m := tables["point"].search(folded, pos)):
        between = bool(tables["between"].search(folded, max(0, m.start() - 12), m.start()))
        if m.group("sep0") == "and" and not between:  # "2 and 3 March": two days, or a count; not a range
            pos = m.start() + 1
            continue
        alone = bool(tables["month_alone"].search(folded, max(0, m.start() - 12), m.start()))
        if m.end() == m.start() or (first := _en_point(m, alone)) is None:
            pos = m.start() + 1
            continue
        raw = RawDate(m.start(), m.end(), first)
        separator = tables["sep_between" if between else "sep"]
        rel = tables["relative_year"].match(folded, m.end()) if first.year is None else None
        if rel is not None:  # June of the following year, 13–15 February the next year
            raw.end = rel.end()
            raw.year_offset = tables["relative_years"][re.sub(r"\s+", " ", rel.group("word"))]
        if m.group("day0"):
            raw.first, raw.last = replace(first, day=int(m.group("day0"))), first
        elif m.group("day3"):
            raw.last = replace(first, day=int(m.group("day3")))
        elif rel is not None:
            pass
        elif sep := separator.match(folded, m.end()):
            m2 = tables["point"].match(folded, sep.end())
            if (
                m2
                and m2.end() > m2.start()
                and (second := _en_point(m2))
                and narrower_or_equal(first, second)
            ):
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    found = _join_lists(folded, found)
    taken = [(r.start, r.end) for r in found]
    found += [r for r in relative if not any(a < r.end and r.start < b for a, b in taken)]
    return sorted(found, key=lambda r: r.start)

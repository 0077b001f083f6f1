"""The alphabetic date grammar: months by name, days as numbers, relative days in words.

25 June 1950, June 25, 1950, 13–15 February, early October, three days later,
11/27/50: languages that name months by word and write days before or after
them, and numeric dates in the order the pack's ``date_numeric_order`` says. Every
word — month names, ordinal suffixes, range and list words, relative days and
years — comes from the language pack's ``dates.csv``; the pack's
``date_letters`` setting says what a letter is, so that a word is matched whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache
from itertools import accumulate

from warmap.chronology.date_points import (
    Point,
    RawDate,
    alternation,
    consecutive,
    fold_1to1,
    labels,
    letters,
    narrower_or_equal,
    numbers,
    require,
    words,
)
from warmap.languages import LanguagePack, PackError

NEEDS = ("month",)  # the kinds of dates.csv this grammar cannot read without
SLACK = 5  # spaces allowed after a word that must stand just before a date (between, in)


def _before(pack_words: list[str]) -> int:
    """How far back to look for one of these words before a date."""
    return max((len(w) for w in pack_words), default=0) + SLACK


@cache
def _tables(pack: LanguagePack) -> dict:
    require(pack, NEEDS)
    letter = "[" + letters(pack) + "]"
    months = {fold_1to1(name): n for name, n in numbers(pack, "month").items()}
    names = alternation(list(months))
    seps = alternation(words(pack, "range_separator"))
    conjunction = alternation(words(pack, "conjunction"))
    ordinal = r"(?:" + alternation(words(pack, "ordinal_suffix")) + r")?"
    link = r"(?:(?:" + alternation(words(pack, "day_month_link")) + r")\s+)?"
    parts = alternation(list(labels(pack, "part")))
    listed = alternation(words(pack, "list_separator"))
    glued = "".join(  # Date4 August 1950: an infobox label a copied page glues to its value
        r"|(?<=(?<!" + letter + r")" + re.escape(fold_1to1(w)) + ")" for w in words(pack, "glued_label")
    )
    point = (
        r"(?:(?<![\w])" + glued + r")(?=\w)"
        r"(?:(?P<part>" + parts + r")\s*(?=" + letter + r"))?"  # early October, mid-January
        r"(?:(?P<day0>\d{1,2})" + ordinal + r"\s*(?P<sep0>" + seps + "|" + conjunction + r")\s*(?=\d))?"
        r"(?:(?P<day>\d{1,2})" + ordinal + r"\s+" + link + r")?"
        r"(?:(?P<month>" + names + r")\.?(?!" + letter + r")"
        r"(?:\s+(?P<day2>\d{1,2})" + ordinal + r"(?!\d)"
        r"(?:\s*(?:" + seps + r")\s*(?P<day3>\d{1,2})" + ordinal + r"(?![\d:]))?)?)?"  # February 13–15
        r"(?:,?\s*(?P<year>\d{4})(?!\d))?"
    )
    relative_years = numbers(pack, "relative_year")
    numeric_seps = alternation(words(pack, "numeric_separator"))
    numeric = (  # 11/27/50, 12/3/1950, 12/15: the order of day and month is the pack's date_numeric_order
        r"(?P<n1>\d{1,2})(?P<nsep>" + numeric_seps + r")(?P<n2>\d{1,2})"
        r"(?:(?P=nsep)(?P<ny>\d{4}|\d{2}))?(?![\w/%]|[.,:]\d)"
    )
    return {
        "months": months,
        "parts": {fold_1to1(w): p for w, p in labels(pack, "part").items()},
        "point": re.compile(point),
        "sep": re.compile(r"\s*(?:" + seps + r")\s*"),
        "conjunctions": {fold_1to1(w) for w in words(pack, "conjunction")},
        "between": re.compile(r"(?:" + alternation(words(pack, "range_opener")) + r")\s*$"),
        "between_reach": _before(words(pack, "range_opener")),
        "month_alone": re.compile(
            r"(?<!" + letter + r")(?:" + alternation(words(pack, "month_alone_after")) + r")\s+$"
        ),
        "alone_reach": _before(words(pack, "month_alone_after")),
        "sep_between": re.compile(r"\s*(?:" + seps + "|(?:" + conjunction + r")(?!" + letter + r"))\s*"),
        "same_day": re.compile(
            r"(?<!" + letter + r")(?:" + alternation(words(pack, "same_day")) + r")(?!" + letter + r")"
        ),
        "next_day": re.compile(
            r"(?<!" + letter + r")(?:" + alternation(words(pack, "next_day")) + r")(?!" + letter + r")"
        ),
        "later": re.compile(
            r"(?<![\w-])(?P<count>\d{1,2}|" + alternation(list(numbers(pack, "day_count"))) + r")[\s-]+"
            r"(?P<unit>" + alternation(list(numbers(pack, "day_unit"))) + r")\s+"
            r"(?:" + alternation(words(pack, "later")) + r")(?!" + letter + r")"
        ),
        "relative_year": re.compile(
            r",?\s*(?:(?:" + alternation(words(pack, "relative_year_link")) + r")\s+)?"
            r"(?P<word>" + alternation(list(relative_years)) + r")(?!" + letter + r")"
        ),
        "relative_years": {re.sub(r"\s+", " ", fold_1to1(w)): n for w, n in relative_years.items()},
        # 25, 26 and 27 November: the listed days before the last, which the point pattern reads
        "day_list": re.compile(
            r"(?<![\w,])(?P<days>\d{1,2}"
            + ordinal
            + r"(?:\s*(?:"
            + listed
            + r")\s*\d{1,2}"
            + ordinal
            + r")*)"
            r"\s*(?:" + listed + r")?\s+(?:" + conjunction + r")\s+"
            r"(?=\d{1,2}" + ordinal + r"\s+" + link + r"(?:" + names + r")\.?(?!" + letter + r"))"
        ),
        "numeric": re.compile(r"(?<![\w/.,:-])" + numeric),  # not inside T-34/85, a path or a number
        "numeric_end": re.compile(numeric),  # the end of a range: 11/27–12/11/50
        "numeric_order": _numeric_order(pack),
        "numeric_alone": re.compile(
            r"(?<!" + letter + r")(?:" + alternation(words(pack, "numeric_alone_after")) + r")\s+$"
        ),
        "numeric_alone_reach": _before(words(pack, "numeric_alone_after")),
        "day_counts": {fold_1to1(w): n for w, n in numbers(pack, "day_count").items()},
        "day_units": {fold_1to1(w): n for w, n in numbers(pack, "day_unit").items()},
    }


def _numeric_order(pack: LanguagePack) -> tuple[str, str]:
    """Which of a numeric date's first two numbers is the month: ``date_numeric_order`` "mdy" or "dmy"."""
    order = str(pack.setting("date_numeric_order", "mdy"))
    if order not in ("mdy", "dmy"):
        raise PackError(pack.folder / "pack.toml", f"date_numeric_order {order!r} is not mdy or dmy")
    return ("month", "day") if order == "mdy" else ("day", "month")


def _numeric_point(tables: dict, m: re.Match[str]) -> Point | None:
    """A point from a numeric match; a two-digit year stays as written (the caller marks it)."""
    first, second = tables["numeric_order"]
    values = {first: int(m.group("n1")), second: int(m.group("n2"))}
    if not (1 <= values["month"] <= 12 and 1 <= values["day"] <= 31):
        return None
    year = int(m.group("ny")) if m.group("ny") else None
    return Point(year, values["month"], values["day"])


def _numeric(tables: dict, folded: str) -> list[RawDate]:
    """11/27/50, 12/3/1950, 11/27–12/11/50, and a month and day alone after a word of time (by 12/15):
    a two-digit year is marked ``extra["two_digit_year"]`` for ``dates`` to place in its century."""
    found: list[RawDate] = []
    pos = 0
    while m := tables["numeric"].search(folded, pos):
        pos = m.end()
        first = _numeric_point(tables, m)
        if first is None:
            continue
        raw = RawDate(m.start(), m.end(), first)
        if (sep := tables["sep"].match(folded, m.end())) and (
            m2 := tables["numeric_end"].match(folded, sep.end())
        ):
            if (second := _numeric_point(tables, m2)) is not None and m2.group("nsep") == m.group("nsep"):
                raw.last, raw.end = second, m2.end()
        years = [p.year for p in (raw.first, raw.last) if p is not None and p.year is not None]
        if not years:
            before = max(0, m.start() - tables["numeric_alone_reach"])
            if not tables["numeric_alone"].search(folded, before, m.start()):
                continue  # 3/4 alone is as likely a fraction
        elif any(year < 100 for year in years):
            raw.extra["two_digit_year"] = "yes"
        found.append(raw)
        pos = raw.end
    return found


def _point(tables: dict, m: re.Match[str], alone: bool = False) -> Point | None:
    """A point from a match of the point pattern; ``alone``: a bare month may stand (in October)."""
    year = int(m.group("year")) if m.group("year") else None
    if m.group("month") is None:
        if year is None or m.group("day") or m.group("part") or not 1800 <= year <= 2100:
            return None
        return Point(year=year)
    day_text = m.group("day") or m.group("day2")
    day = int(day_text) if day_text else None
    part = tables["parts"].get(m.group("part") or "") if day is None else None
    if day is None and year is None and part is None and not alone or day is not None and not 1 <= day <= 31:
        return None
    return Point(year, tables["months"][m.group("month")], day, part)


def _alone(tables: dict, folded: str, start: int) -> bool:
    """Whether a word after which a month named alone is a date (in October) stands just before ``start``."""
    return bool(tables["month_alone"].search(folded, max(0, start - tables["alone_reach"]), start))


def _relative(tables: dict, folded: str) -> list[RawDate]:
    """The same day, the next day, three days later, a week later: days after the day just named."""
    found = [RawDate(m.start(), m.end(), Point(), same_day=True) for m in tables["same_day"].finditer(folded)]
    found += [RawDate(m.start(), m.end(), Point(), days_after=1) for m in tables["next_day"].finditer(folded)]
    for m in tables["later"].finditer(folded):
        count = m.group("count")
        number = int(count) if count.isdigit() else tables["day_counts"][count]
        days = number * tables["day_units"][m.group("unit")]
        if days > 0:
            found.append(RawDate(m.start(), m.end(), Point(), days_after=days))
    return found


def _join_lists(tables: dict, folded: str, found: list[RawDate]) -> list[RawDate]:
    """25, 26 and 27 November 1950: the month and year of the last day serve the listed ones; days that
    follow one another are one stretch (first to last), others separate dates. "2 and 3 March" alone is
    a stretch only when consecutive, since two numbers joined by "and" may be a count."""
    joined = list(found)
    for m in tables["day_list"].finditer(folded):
        if tables["between"].search(folded, max(0, m.start() - tables["between_reach"]), m.start()):
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


def scan(folded: str, original: str, pack: LanguagePack) -> list[RawDate]:
    """Every date in ``folded`` in the pack's words: 25 June 1950, June 25, 1950, June 1950, 25–28 June 1950,
    February 13–15, 1951, from 13 to 15 February, between 13 and 15 February (a conjunction is a range
    only after a range opener), 1950; and days told from the day just named (the next day, a week later)."""
    tables = _tables(pack)
    relative = _relative(tables, folded)
    numeric = _numeric(tables, folded)
    numeric_at = 0  # the first numeric date not yet passed (both lists run in text order)
    found: list[RawDate] = []
    pos = 0
    while pos < len(folded) and (m := tables["point"].search(folded, pos)):
        while numeric_at < len(numeric) and numeric[numeric_at].end <= m.start():
            numeric_at += 1
        if numeric_at < len(numeric) and numeric[numeric_at].start <= m.start():
            pos = numeric[numeric_at].end  # the year of 12/3/1950 is not a date of its own
            continue
        before = max(0, m.start() - tables["between_reach"])
        between = bool(tables["between"].search(folded, before, m.start()))
        if m.group("sep0") in tables["conjunctions"] and not between:  # "2 and 3 March": not a range
            pos = m.start() + 1
            continue
        alone = _alone(tables, folded, m.start())
        if m.end() == m.start() or (first := _point(tables, m, alone)) is None:
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
                and (second := _point(tables, m2))
                and narrower_or_equal(first, second)
            ):
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    found = _join_lists(tables, folded, found)
    found += _outside(numeric, found)
    found += _outside(relative, sorted(found, key=lambda r: r.start))
    return sorted(found, key=lambda r: r.start)


def _outside(extra: list[RawDate], found: list[RawDate]) -> list[RawDate]:
    """The dates of ``extra`` that overlap none of ``found`` (in text order): one search each, against
    the furthest end among the found dates that start before it ends."""
    starts = [r.start for r in found]
    furthest = list(accumulate((r.end for r in found), max))
    return [r for r in extra if not ((i := bisect_left(starts, r.end)) and furthest[i - 1] > r.start)]

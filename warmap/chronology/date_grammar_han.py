"""The Han-character date grammar: numbers followed by year, month and day words.

1950年6月25日, 6月25日凌晨, 6至7月, 同日, 次日, 同月二十日, 民國39年, 六月廿五日,
1950/6/25, 1950年夏 (a part of the year), 同年十月: a date is a run of numbers,
each closed by the word that says what it counts. The suffixes (年 月 日, or
another language's 년 월 일), the native digits and tens words, eras, seasons,
parts of months and years, times of day and the relative words (同日, 次日,
同年) all come from the pack's ``dates.csv``. In a pack whose words are spaced
(``spaced`` in pack.toml) the parts of a date may stand apart: 1950년 6월 25일.
Times of day are reported as written, so the unfolded text is read alongside.
The patterns are compiled from the pack in ``date_grammar_han_patterns``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from warmap.chronology.date_grammar_han_patterns import NEEDS, number
from warmap.chronology.date_grammar_han_patterns import tables as compile_tables
from warmap.chronology.date_points import (
    Point,
    RawDate,
    consecutive,
    fold_1to1,
    narrower_or_equal,
)
from warmap.languages import LanguagePack

__all__ = ["NEEDS", "scan"]


def _time(tables: dict, folded: str, pos: int, original: str) -> tuple[str | None, int]:
    """A time of day right after a date: 凌晨, 晚, 15时, 凌晨5时30分 → ("05:30")."""
    word = None
    if m := tables["time_word"].match(folded, pos):
        word, pos = original[m.start(1) : m.end(1)], m.end()
    if m := tables["clock"].match(folded, pos):
        hour = number(tables, m.group(1))
        minute = int(m.group(2)) if m.group(2) else 0
        if hour is not None and hour <= 24 and minute < 60:
            if word is not None and fold_1to1(word) in tables["afternoon"] and hour < 12:
                hour += 12
            return f"{hour:02d}:{minute:02d}", m.end()
    return word, pos


def _point(
    tables: dict, folded: str, pos: int, original: str, same_year: bool = False
) -> tuple[Point, int] | None:
    """The longest date point starting at ``pos``: 年 月 日, 月 日, 月, 日, with part and time; 1950/6/25.

    With ``same_year`` (after 同年, 次年, 前一年) the year is the context's, moved as the word says: a month
    (同年十月), a season (同年冬) or a part of the year (次年初) must follow.
    """
    if not same_year and (m := tables["numeric"].match(folded, pos)):
        point = Point(*(int(m.group(i)) for i in (1, 3, 4)))
        if _valid(point):
            time, end = _time(tables, folded, m.end(), original)
            return replace(point, time=time), end
    year = month = day = None
    if same_year:
        pass
    elif m := tables["era_year"].match(folded, pos):
        count = 1 if m.group(2) in tables["first_year"] else number(tables, m.group(2))
        if count is None or count < 1:
            return None
        year, pos = tables["eras"][m.group(1)] + count, m.end()
    elif m := tables["year"].match(folded, pos):
        year, pos = number(tables, m.group(1)), m.end()
    if m := tables["month"].match(folded, pos):
        month, pos = number(tables, m.group(1)), m.end()
    elif year is not None and (m := tables["season"].match(folded, pos)):  # 1950年夏, 1951年夏秋季
        point = Point(year, part=tables["seasons"][m.group(1)])  # a part of the year: see the data
        return (point, m.end()) if _valid(point) else None
    if same_year and month is None:
        if m := tables["season"].match(folded, pos):  # 同年冬, 次年夏
            return Point(part=tables["seasons"][m.group(1)]), m.end()
        if m := tables["year_part"].match(folded, pos):  # 同年底, 次年初, 翌年上半年
            return Point(part=tables["year_parts"][m.group(1)]), m.end()
        return None
    if month is not None or year is None:
        if m := tables["day"].match(folded, pos):
            day, pos = number(tables, m.group(1)), m.end()
    if year is None and month is None and day is None:
        return None
    if not _valid(Point(year, month, day)):
        return None
    part = time = None
    if m := tables["weekday"].match(folded, pos):
        pos = m.end()
    if day is None:
        parts = tables["month_parts" if month is not None else "year_parts"]
        if m := tables["month_part" if month is not None else "year_part"].match(folded, pos):
            part, pos = parts[m.group(1)], m.end()
    else:
        time, pos = _time(tables, folded, pos, original)
    return Point(year, month, day, part, time), pos


def _valid(point: Point) -> bool:
    """Month 1–12, day 1–31, year 1000–2100, where given."""
    return not (
        (point.month is not None and not 1 <= point.month <= 12)
        or (point.day is not None and not 1 <= point.day <= 31)
        or (point.year is not None and not 1000 <= point.year <= 2100)
    )


def _numeric_tail(tables: dict, folded: str, pos: int, first: Point) -> tuple[Point, int] | None:
    """The end of a numeric range after 1950/6/25–: 6/28 or 28."""
    m = tables["numeric_tail"].match(folded, pos)
    if m is None:
        return None
    month = int(m.group(1)) if m.group(1) else first.month
    point = Point(first.year, month, int(m.group(3)))
    return (point, m.end()) if _valid(point) else None


def scan(folded: str, original: str, pack: LanguagePack) -> list[RawDate]:
    """Every date in ``folded`` (``original`` passed through ``fold_1to1``) in the pack's words."""
    tables = compile_tables(pack)
    found: list[RawDate] = []
    pos = 0
    while m := tables["start"].search(folded, pos):
        start = m.start()
        previous = folded[start - 1] if start else ""
        if previous and (
            previous.isdigit()
            or previous in tables["number_chars"]
            or previous in tables["count_markers"]
            or previous.isascii()
            and previous.isalpha()
        ):
            pos = start + 1
            continue
        if sd := tables["same_day"].match(folded, start):
            found.append(RawDate(start, sd.end(), Point(), same_day=True))
            pos = sd.end()
            continue
        if nd := tables["next_day"].match(folded, start):
            time, end = _time(tables, folded, nd.end(), original)
            found.append(RawDate(start, end, Point(time=time), days_after=1))
            pos = end
            continue
        if sm := tables["same_month"].match(folded, start):  # 同月二十日, 同月中旬
            end, day, part, time = sm.end(), None, None, None
            if (m := tables["day"].match(folded, end)) and (day := number(tables, m.group(1))) and day <= 31:
                end = m.end()
                time, end = _time(tables, folded, end, original)
            elif m := tables["month_part"].match(folded, end):
                part, end = tables["month_parts"][m.group(1)], m.end()
            else:
                day = None
            if day is not None or part is not None:
                found.append(RawDate(start, end, Point(day=day, part=part, time=time), same_month=True))
            pos = end
            continue
        if (mr := tables["month_range"].match(folded, start)) and (pair := _month_pair(tables, mr)):  # 6至7月
            found.append(RawDate(start, mr.end(), Point(month=pair[0]), Point(month=pair[1])))
            pos = mr.end()
            continue
        if (yr := tables["year_range"].match(folded, start)) and (
            years := _year_pair(tables, yr)
        ):  # 1950-1953年
            found.append(RawDate(start, yr.end(), Point(years[0]), Point(years[1])))
            pos = yr.end()
            continue
        same_year = tables["same_year"].match(folded, start)  # 同年十月, 是年6月, 次年1月: the year in force
        parsed = _point(
            tables, folded, same_year.end() if same_year else start, original, same_year=bool(same_year)
        )
        if parsed is None:
            pos = start + 1
            continue
        first, end = parsed
        if not same_year and first.year is None and first.month is None and not folded[start].isdigit():
            pos = end  # a bare day in native numerals (一日) is too often "one day"
            continue
        offset = _relative_year(tables, same_year.group(0)) if same_year else None
        raw = RawDate(start, end, first, year_offset=offset)
        if first.month is not None and first.day is None and (days := _day_list(tables, folded, end)):
            listed, list_end = days  # 11月25、26、27日, 十一月二十五、六日
            if consecutive(list(listed)):
                raw.first, raw.last = replace(first, day=listed[0]), replace(first, day=listed[-1])
                raw.end = list_end
            else:
                found.extend(  # 4、9日: each day its own date in that month
                    RawDate(start, list_end, replace(first, day=day), year_offset=offset) for day in listed
                )
                pos = list_end
                continue
        if first.month is None and first.day is None and first.part is None:
            if (mr := tables["month_range"].match(folded, end)) and _month_pair(tables, mr):  # 1950年6至7月
                low, high = _month_pair(tables, mr)
                found.append(RawDate(start, mr.end(), Point(first.year, low), Point(first.year, high)))
                pos = mr.end()
                continue
        if first.month is not None and first.day is None and first.part is None and (
            span := _shared_month(tables, folded, end, original, first)
        ):  # 1951年4月22至25日: the first day written bare, the month once
            raw.first, raw.last, raw.end = span
        elif sep := tables["sep"].match(folded, end):
            second = _point(tables, folded, sep.end(), original)
            if second is None and folded[start].isascii() and tables["numeric"].match(folded, start):
                second = _numeric_tail(tables, folded, sep.end(), first)  # 1950/6/25–6/28, 1950/6/25–28
            if second is not None and narrower_or_equal(first, second[0]):
                raw.last, raw.end = second
        found.append(raw)
        pos = raw.end
    return found


def _shared_month(
    tables: dict, folded: str, pos: int, original: str, month: Point
) -> tuple[Point, Point, int] | None:
    """A range whose first day stands bare after the month it shares with the last (4月22至25日,
    22—25日) or whose last day names its own month (4月22至5月3日): (first, last, end)."""
    m = tables["open_day"].match(folded, pos)
    if m is None or (day := number(tables, m.group(1))) is None or not 1 <= day <= 31:
        return None
    sep = tables["sep"].match(folded, m.end())
    second = _point(tables, folded, sep.end(), original) if sep else None
    if second is None or second[0].day is None:
        return None
    last, end = second
    if last.month is None:
        if last.day <= day:  # type: ignore[operator]
            return None
        last = replace(month, day=last.day, time=last.time)
    elif not narrower_or_equal(month, last):
        return None
    return replace(month, day=day), last, end


def _relative_year(tables: dict, word: str) -> int:
    """How many years from the year in force a 同年 / 次年 / 前一年 word moves (0 for 同年)."""
    return tables["relative_years"].get(word, 0)


def _year_pair(tables: dict, m: re.Match[str]) -> tuple[int, int] | None:
    low, high = number(tables, m.group(1)), number(tables, m.group(2))
    return (low, high) if low and high and 1000 <= low < high <= 2100 and high - low <= 100 else None


def _day_list(tables: dict, folded: str, pos: int) -> tuple[list[int], int] | None:
    """Days listed before one 日: 25、26、27日, or 二十五、六日 (the later days keep the first's tens)."""
    m = tables["day_list"].match(folded, pos)
    if m is None:
        return None
    tokens = tables["list_split"].split(m.group(1))
    days = []
    for token in tokens:
        day = number(tables, token)
        if day is None:
            return None
        if days and not token.isdigit() and len(token) == 1 and day < 10 and days[0] >= 10:
            day += days[0] // 10 * 10  # 二十五、六日 = 25, 26
        days.append(day)
    if len(days) < 2 or not all(1 <= d <= 31 for d in days):
        return None
    return days, m.end()


def _month_pair(tables: dict, m: re.Match[str]) -> tuple[int, int] | None:
    low, high = number(tables, m.group(1)), number(tables, m.group(2))
    return (low, high) if low and high and 1 <= low < high <= 12 else None

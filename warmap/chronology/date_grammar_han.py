"""Chinese date forms: 1950年6月25日, 6月25日凌晨, 6至7月, 同日, 次日, 同月二十日, 民國39年,
六月廿五日, 1950/6/25, 1950年夏 (a part of the year), 同年十月.

Chinese writes dates with its own numerals, suffixes and relative words
(同日, 次日) and needs the unfolded text to report times of day as written;
it shares no pattern with the alphabetic scanners, hence its own module.
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

NEEDS = ("year_suffix", "month_suffix", "day_suffix")  # the kinds of dates.csv this grammar needs
_CN_DIGITS = "〇零○一二三四五六七八九两兩廿卅卌"
_NUM = r"(\d{1,2}|[〇零○一二三四五六七八九十廿卅卌]{1,3})"


def chinese_number(token: str) -> int | None:
    """ASCII digits, positional Chinese digits (一九五〇, 一九五○), tens (二十七, 十二) or 廿五, 卅九."""
    if token.isdigit() and token.isascii():
        return int(token)
    vocab = vocabulary("zh")
    digits = vocab["numerals"]
    if token and token[0] in vocab["tens_words"]:  # 廿五 = 25, 卅 = 30
        rest = token[1:]
        if len(rest) > 1 or (rest and rest not in digits) or rest == "十":
            return None
        return vocab["tens_words"][token[0]] + (digits[rest] if rest else 0)
    if "十" not in token:
        value = 0
        for char in token:
            if char not in digits:
                return None
            value = value * 10 + digits[char]
        return value
    tens, _, units = token.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units or not all(c in digits for c in tens + units):
        return None
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


@cache
def _zh_patterns() -> dict[str, re.Pattern[str]]:
    vocab = vocabulary("zh")
    num = _NUM
    times = alternation(vocab["times_of_day"])
    not_after_year = "(?!" + "|".join(vocab["not_after_year"]) + ")"
    seps = "".join(re.escape(c) for c in vocab["numeric_date_separators"])
    seasons = "[" + "".join(vocab["seasons"]) + "]"
    return {
        "start": re.compile(
            r"[0-9〇零○一二三四五六七八九十廿卅卌]|"
            + alternation(
                vocab["same_day_words"]
                + vocab["next_day_words"]
                + vocab["same_month_words"]
                + vocab["same_year_words"]
                + list(vocab["relative_year_words"])
                + list(vocab["eras"])
            )
        ),
        "year": re.compile(r"(\d{4}|[〇零○o一二三四五六七八九]{4})\s?年" + not_after_year),
        "era_year": re.compile(
            "("
            + alternation(list(vocab["eras"]))
            + r")\s?(\d{1,3}|[〇零○一二三四五六七八九十廿卅卌]{1,4}|"
            + alternation(vocab["first_year_words"])
            + r")\s?年"
            + not_after_year
        ),
        # 1950/6/25, 1950.6.25, 1950-06-25: the same separator twice, no digit or path after
        "numeric": re.compile(r"(\d{4})\s?([" + seps + r"])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d/]|\.\d)"),
        "numeric_tail": re.compile(r"(?:(\d{1,2})\s?([" + seps + r"])\s?)?(\d{1,2})(?![\d/]|\.\d)日?"),
        "season": re.compile("(" + seasons + ")(" + seasons + ")?" + re.escape(vocab["season_suffix"]) + "?"),
        "same_year": re.compile(alternation(vocab["same_year_words"] + list(vocab["relative_year_words"]))),
        # 1950-1953年, 一九五〇至一九五三年: a span of years, 年 written once
        "year_range": re.compile(
            r"(\d{4}|[〇零○o一二三四五六七八九]{4})\s?(?:至|到|－|-|—|–|~|～)\s?(\d{4}|[〇零○o一二三四五六七八九]{4})\s?年"
            + not_after_year
        ),
        "month": re.compile(num + r"\s?月份?"),
        "day": re.compile(
            num + r"\s?[" + "".join(vocab["day_suffixes"]) + "](?!" + "|".join(vocab["not_after_day"]) + ")"
        ),
        "day_list": re.compile(
            "(" + num + r"(?:\s?[、，,]\s?" + num + r")+)\s?[" + "".join(vocab["day_suffixes"]) + "]"
        ),
        "month_range": re.compile(num + r"\s?(?:至|到|－|-|~)\s?" + num + r"\s?月"),
        "weekday": re.compile(r"\s?[（(]\s?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]\s?[）)]"),
        "month_part": re.compile(alternation(list(vocab["month_parts"]))),
        "year_part": re.compile(alternation(list(vocab["year_parts"]))),
        "time_word": re.compile(times),
        "clock": re.compile(
            r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s?[时時点點](?:\s?(\d{1,2})\s?分)?(?:整|钟|鐘)?"
        ),
        "sep": re.compile(r"\s?(?:" + alternation(vocab["range_separators"]) + r")\s?"),
        "same_day": re.compile(alternation(vocab["same_day_words"])),
        "next_day": re.compile(alternation(vocab["next_day_words"])),
        "same_month": re.compile(alternation(vocab["same_month_words"])),
    }


@cache
def _zh_afternoon() -> frozenset[str]:
    return frozenset(fold_1to1(w) for w in vocabulary("zh")["afternoon_words"])


def _zh_time(folded: str, pos: int, original: str) -> tuple[str | None, int]:
    """A time of day right after a date: 凌晨, 晚, 15时, 凌晨5时30分 → ("05:30")."""
    pats = _zh_patterns()
    word = None
    if m := pats["time_word"].match(folded, pos):
        word, pos = original[m.start() : m.end()], m.end()
    if m := pats["clock"].match(folded, pos):
        hour = chinese_number(m.group(1))
        minute = int(m.group(2)) if m.group(2) else 0
        if hour is not None and hour <= 24 and minute < 60:
            if word is not None and fold_1to1(word) in _zh_afternoon() and hour < 12:
                hour += 12
            return f"{hour:02d}:{minute:02d}", m.end()
    return word, pos


def _zh_point(folded: str, pos: int, original: str, same_year: bool = False) -> tuple[Point, int] | None:
    """The longest date point starting at ``pos``: 年 月 日, 月 日, 月, 日, with part and time; 1950/6/25.

    With ``same_year`` (after 同年, 次年, 前一年) the year is the context's, moved as the word says: a month
    (同年十月), a season (同年冬) or a part of the year (次年初) must follow.
    """
    pats = _zh_patterns()
    if not same_year and (m := pats["numeric"].match(folded, pos)):
        point = Point(*(int(m.group(i)) for i in (1, 3, 4)))
        if _valid(point):
            time, end = _zh_time(folded, m.end(), original)
            return replace(point, time=time), end
    year = month = day = None
    if same_year:
        pass
    elif m := pats["era_year"].match(folded, pos):
        vocab = vocabulary("zh")
        number = 1 if m.group(2) in vocab["first_year_words"] else chinese_number(m.group(2))
        if number is None or number < 1:
            return None
        year, pos = vocab["eras"][_original_word(m.group(1), vocab["eras"])] + number, m.end()
    elif m := pats["year"].match(folded, pos):
        year, pos = chinese_number(m.group(1)), m.end()
    if m := pats["month"].match(folded, pos):
        month, pos = chinese_number(m.group(1)), m.end()
    elif year is not None and (m := pats["season"].match(folded, pos)):  # 1950年夏, 1951年夏秋季
        point = Point(year, part=vocabulary("zh")["seasons"][m.group(1)])  # a part of the year: see the data
        return (point, m.end()) if _valid(point) else None
    if same_year and month is None:
        if m := pats["season"].match(folded, pos):  # 同年冬, 次年夏
            return Point(part=vocabulary("zh")["seasons"][m.group(1)]), m.end()
        if m := pats["year_part"].match(folded, pos):  # 同年底, 次年初, 翌年上半年
            return Point(part=vocabulary("zh")["year_parts"][m.group(0)]), m.end()
        return None
    if month is not None or year is None:
        if m := pats["day"].match(folded, pos):
            day, pos = chinese_number(m.group(1)), m.end()
    if year is None and month is None and day is None:
        return None
    if not _valid(Point(year, month, day)):
        return None
    part = time = None
    if m := pats["weekday"].match(folded, pos):
        pos = m.end()
    if day is None:
        parts = vocabulary("zh")["month_parts" if month is not None else "year_parts"]
        if m := pats["month_part" if month is not None else "year_part"].match(folded, pos):
            part, pos = parts[m.group(0)], m.end()
    else:
        time, pos = _zh_time(folded, pos, original)
    return Point(year, month, day, part, time), pos


def _valid(point: Point) -> bool:
    """Month 1–12, day 1–31, year 1000–2100, where given."""
    return not (
        (point.month is not None and not 1 <= point.month <= 12)
        or (point.day is not None and not 1 <= point.day <= 31)
        or (point.year is not None and not 1000 <= point.year <= 2100)
    )


def _original_word(folded_word: str, words: dict) -> str:
    """The vocabulary key whose fold is ``folded_word`` (民国 folds like 民國)."""
    return next((w for w in words if fold_1to1(w) == folded_word), folded_word)


def _numeric_tail(folded: str, pos: int, first: Point) -> tuple[Point, int] | None:
    """The end of a numeric range after 1950/6/25–: 6/28 or 28."""
    m = _zh_patterns()["numeric_tail"].match(folded, pos)
    if m is None:
        return None
    month = int(m.group(1)) if m.group(1) else first.month
    point = Point(first.year, month, int(m.group(3)))
    return (point, m.end()) if _valid(point) else None


def scan(folded: str, original: str, pack: object = None) -> list[RawDate]:
    """Every Chinese date form in ``folded`` (``original`` passed through ``fold_1to1``)."""
    pats = _zh_patterns()
    found: list[RawDate] = []
    pos = 0
    while m := pats["start"].search(folded, pos):
        start = m.start()
        previous = folded[start - 1] if start else ""
        if previous and (
            previous.isdigit()
            or previous in _CN_DIGITS + "十第每数數几幾前"
            or previous.isascii()
            and previous.isalpha()
        ):
            pos = start + 1
            continue
        if sd := pats["same_day"].match(folded, start):
            found.append(RawDate(start, sd.end(), Point(), same_day=True))
            pos = sd.end()
            continue
        if nd := pats["next_day"].match(folded, start):
            time, end = _zh_time(folded, nd.end(), original)
            found.append(RawDate(start, end, Point(time=time), days_after=1))
            pos = end
            continue
        if sm := pats["same_month"].match(folded, start):  # 同月二十日, 同月中旬
            end, day, part, time = sm.end(), None, None, None
            if (m := pats["day"].match(folded, end)) and (day := chinese_number(m.group(1))) and day <= 31:
                end = m.end()
                time, end = _zh_time(folded, end, original)
            elif m := pats["month_part"].match(folded, end):
                part, end = vocabulary("zh")["month_parts"][m.group(0)], m.end()
            else:
                day = None
            if day is not None or part is not None:
                found.append(RawDate(start, end, Point(day=day, part=part, time=time), same_month=True))
            pos = end
            continue
        if (mr := pats["month_range"].match(folded, start)) and (pair := _month_pair(mr)):  # 6至7月
            found.append(RawDate(start, mr.end(), Point(month=pair[0]), Point(month=pair[1])))
            pos = mr.end()
            continue
        if (yr := pats["year_range"].match(folded, start)) and (years := _year_pair(yr)):  # 1950-1953年
            found.append(RawDate(start, yr.end(), Point(years[0]), Point(years[1])))
            pos = yr.end()
            continue
        same_year = pats["same_year"].match(folded, start)  # 同年十月, 是年6月, 次年1月: the year in force
        parsed = _zh_point(
            folded, same_year.end() if same_year else start, original, same_year=bool(same_year)
        )
        if parsed is None:
            pos = start + 1
            continue
        first, end = parsed
        if not same_year and first.year is None and first.month is None and not folded[start].isdigit():
            pos = end  # a bare day in Chinese numerals (一日) is too often "one day"
            continue
        offset = _relative_year(same_year.group(0)) if same_year else None
        raw = RawDate(start, end, first, year_offset=offset)
        if first.month is not None and first.day is None and (days := _day_list(folded, end)):
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
            if (mr := pats["month_range"].match(folded, end)) and _month_pair(mr):  # 1950年6至7月
                low, high = _month_pair(mr)
                found.append(RawDate(start, mr.end(), Point(first.year, low), Point(first.year, high)))
                pos = mr.end()
                continue
        if sep := pats["sep"].match(folded, end):
            second = _zh_point(folded, sep.end(), original)
            if second is None and folded[start].isascii() and pats["numeric"].match(folded, start):
                second = _numeric_tail(folded, sep.end(), first)  # 1950/6/25–6/28, 1950/6/25–28
            if second is not None and narrower_or_equal(first, second[0]):
                raw.last, raw.end = second
        found.append(raw)
        pos = raw.end
    return found


def _relative_year(word: str) -> int:
    """How many years from the year in force a 同年 / 次年 / 前一年 word moves (0 for 同年)."""
    vocab = vocabulary("zh")
    offsets = {fold_1to1(w): n for w, n in vocab["relative_year_words"].items()}
    return offsets.get(word, 0)


def _year_pair(m: re.Match[str]) -> tuple[int, int] | None:
    low, high = chinese_number(m.group(1)), chinese_number(m.group(2))
    return (low, high) if low and high and 1000 <= low < high <= 2100 and high - low <= 100 else None


def _day_list(folded: str, pos: int) -> tuple[list[int], int] | None:
    """Days listed before one 日: 25、26、27日, or 二十五、六日 (the later days keep the first's tens)."""
    m = _zh_patterns()["day_list"].match(folded, pos)
    if m is None:
        return None
    tokens = re.split(r"\s?[、，,]\s?", m.group(1))
    days = []
    for token in tokens:
        day = chinese_number(token)
        if day is None:
            return None
        if days and not token.isdigit() and len(token) == 1 and day < 10 and days[0] >= 10:
            day += days[0] // 10 * 10  # 二十五、六日 = 25, 26
        days.append(day)
    if len(days) < 2 or not all(1 <= d <= 31 for d in days):
        return None
    return days, m.end()


def _month_pair(m: re.Match[str]) -> tuple[int, int] | None:
    low, high = chinese_number(m.group(1)), chinese_number(m.group(2))
    return (low, high) if low and high and 1 <= low < high <= 12 else None

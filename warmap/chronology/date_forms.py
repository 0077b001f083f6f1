"""The written forms of dates, per language: scanners that find them, unresolved.

A scanner reports what the text says and nothing more: ``6月25日`` is a point
with a month and a day but no year. Filling the year from the context is the
job of ``dates``; keeping the two apart lets a test check each on its own.
Scanners work on ``fold_1to1(text)`` — the shared matching fold restricted to
one-character-for-one replacements, so that indices stay those of the text.
The vocabularies live in ``data/dates-*.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from warmap.reading.normalize import match_form

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Point:
    """One end of a written date; None where the text is silent."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    time: str | None = None
    calendar: str = "gregorian"  # or "solar-hijri"


@dataclass
class RawDate:
    """A date found in a text: span in the scanned text, one point or a range."""

    start: int
    end: int
    first: Point
    last: Point | None = None
    same_day: bool = False  # 同日 / همان روز: "the day just named"
    days_after: int = 0  # 次日, 三天后, سه روز بعد: so many days after the day just named
    same_month: bool = False  # 同月二十日, 同月中旬: a day or part of "the month just named"
    extra: dict[str, str] = field(default_factory=dict)


_FOLD_TABLE: dict[int, str] = {}  # code point → its one-character fold, filled as characters are met


def fold_1to1(text: str) -> str:
    """The matching fold, keeping length: characters it would delete stay as they are."""
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            one = match_form(char)[0]
            _FOLD_TABLE[ord(char)] = one if len(one) == 1 else char
    return text.translate(_FOLD_TABLE)


@cache
def vocabulary(lang: str) -> dict:
    return json.loads((DATA / f"dates-{lang}.json").read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest first; a space or ZWNJ in a word matches any run of them, or none."""
    unique = sorted({re.sub(r"[\s\u200c]+", " ", fold_1to1(w)) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"[\s\u200c]*") for w in unique)


# ---------------------------------------------------------------- Chinese
_CN_DIGITS = "〇零一二三四五六七八九两兩"


def chinese_number(token: str) -> int | None:
    """ASCII digits, positional Chinese digits (一九五〇) or tens (二十七, 十二)."""
    if token.isascii():
        return int(token) if token.isdigit() else None
    digits = vocabulary("zh")["numerals"]
    if "十" not in token:
        value = 0
        for char in token:
            if char not in digits:
                return None
            value = value * 10 + digits[char]
        return value
    tens, _, units = token.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


@cache
def _zh_patterns() -> dict[str, re.Pattern[str]]:
    vocab = vocabulary("zh")
    num = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
    times = _alternation(vocab["times_of_day"])
    return {
        "start": re.compile(
            r"[0-9〇零一二三四五六七八九十]|"
            + _alternation(vocab["same_day_words"] + vocab["next_day_words"] + vocab["same_month_words"])
        ),
        "year": re.compile(
            r"(\d{4}|[〇零一二三四五六七八九]{4})\s?年(?!" + "|".join(vocab["not_after_year"]) + ")"
        ),
        "month": re.compile(num + r"\s?月份?"),
        "day": re.compile(
            num + r"\s?[" + "".join(vocab["day_suffixes"]) + "](?!" + "|".join(vocab["not_after_day"]) + ")"
        ),
        "month_range": re.compile(num + r"\s?(?:至|到|－|-|~)\s?" + num + r"\s?月"),
        "weekday": re.compile(r"\s?[（(]\s?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]\s?[）)]"),
        "month_part": re.compile(_alternation(list(vocab["month_parts"]))),
        "year_part": re.compile(_alternation(list(vocab["year_parts"]))),
        "time_word": re.compile(times),
        "clock": re.compile(
            r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s?[时時点點](?:\s?(\d{1,2})\s?分)?(?:整|钟|鐘)?"
        ),
        "sep": re.compile(r"\s?(?:" + _alternation(vocab["range_separators"]) + r")\s?"),
        "same_day": re.compile(_alternation(vocab["same_day_words"])),
        "next_day": re.compile(_alternation(vocab["next_day_words"])),
        "same_month": re.compile(_alternation(vocab["same_month_words"])),
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


def _zh_point(folded: str, pos: int, original: str) -> tuple[Point, int] | None:
    """The longest date point starting at ``pos``: 年 月 日, 月 日, 月, 日, with part and time."""
    pats = _zh_patterns()
    year = month = day = None
    if m := pats["year"].match(folded, pos):
        year, pos = chinese_number(m.group(1)), m.end()
    if m := pats["month"].match(folded, pos):
        month, pos = chinese_number(m.group(1)), m.end()
    if month is not None or year is None:
        if m := pats["day"].match(folded, pos):
            day, pos = chinese_number(m.group(1)), m.end()
    if year is None and month is None and day is None:
        return None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if year is not None and not 1000 <= year <= 2100:
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


def scan_zh(folded: str, original: str | None = None) -> list[RawDate]:
    """Every Chinese date form in ``folded`` (``original`` passed through ``fold_1to1``)."""
    original = folded if original is None else original
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
        parsed = _zh_point(folded, start, original)
        if parsed is None:
            pos = start + 1
            continue
        first, end = parsed
        if first.year is None and first.month is None and not folded[start].isdigit():
            pos = end  # a bare day in Chinese numerals (一日) is too often "one day"
            continue
        raw = RawDate(start, end, first)
        if first.month is None and first.day is None and first.part is None:
            if (mr := pats["month_range"].match(folded, end)) and _month_pair(mr):  # 1950年6至7月
                low, high = _month_pair(mr)
                found.append(RawDate(start, mr.end(), Point(first.year, low), Point(first.year, high)))
                pos = mr.end()
                continue
        if sep := pats["sep"].match(folded, end):
            if (second := _zh_point(folded, sep.end(), original)) is not None and _narrower_or_equal(
                first, second[0]
            ):
                raw.last, raw.end = second[0], second[1]
        found.append(raw)
        pos = raw.end
    return found


def _month_pair(m: re.Match[str]) -> tuple[int, int] | None:
    low, high = chinese_number(m.group(1)), chinese_number(m.group(2))
    return (low, high) if low and high and 1 <= low < high <= 12 else None


def _narrower_or_equal(first: Point, second: Point) -> bool:
    """Whether ``second`` can end a range opened by ``first`` (至1月2日 after 12月31日, not 至1950年 after 日)."""
    if second.year is not None:
        return True
    if second.month is not None:
        return first.month is not None
    return first.day is not None


# ---------------------------------------------------------------- Persian
_FA_LETTER = r"\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"


@cache
def _fa_tables() -> dict:
    vocab = vocabulary("fa")
    months: dict[str, tuple[str, int]] = {}
    for number, names in vocab["gregorian_months"].items():
        for name in names:
            months[fold_1to1(name)] = ("gregorian", int(number))
    for number, names in vocab["solar_months"].items():
        for name in names:
            months[fold_1to1(name)] = ("solar-hijri", int(number))
    ordinals = {_squeeze(w): n for w, n in {**vocab["ordinal_units"], **vocab["ordinal_teens"]}.items()}
    ordinal_words = list(vocab["ordinal_units"]) + list(vocab["ordinal_teens"])
    for tens_word, tens in vocab["ordinal_tens"].items():
        for unit_word, unit in vocab["ordinal_units"].items():
            if unit_word not in vocab["compound_unit_exclude"] and tens + unit <= 31:
                ordinals[_squeeze(f"{tens_word} و {unit_word}")] = tens + unit
                ordinal_words.append(f"{tens_word} و {unit_word}")
    ordinal_re = _alternation(ordinal_words)
    day = rf"(?:\d{{1,2}}(?!\d)|(?:{ordinal_re})(?![{_FA_LETTER}]))"
    markers = _alternation(vocab["gregorian_markers"] + vocab["solar_markers"])
    seps = _alternation(vocab["range_separators"])
    months_re = _alternation(list(months))
    starts = "|".join(
        [
            r"\d",
            ordinal_re,
            _alternation(list(vocab["parts"])),
            months_re,
            _alternation(vocab["month_words"]),
            _alternation(vocab["year_words"]),
        ]
    )
    point = (
        rf"(?<![{_FA_LETTER}\d])(?={starts})"
        rf"(?:(?P<part>{_alternation(list(vocab['parts']))})\s+)?"
        rf"(?:(?P<day0>{day})\s*(?:{seps})\s*(?={day}))?"
        rf"(?:(?P<day>{day})\s*)?"
        rf"(?:(?P<monthword>{_alternation(vocab['month_words'])})\s+)?"
        rf"(?:(?P<month>{months_re})(?![{_FA_LETTER}\u200c]))?"
        rf"(?:\s*(?P<yearword>{_alternation(vocab['year_words'])}\s*)?(?P<year>\d{{4}})(?![\d،,]\d)(?!\d)"
        rf"(?:\s*(?P<marker>{markers})(?![{_FA_LETTER}]))?)?"
        rf"(?:\s*(?P<time>{_alternation(vocab['times_of_day'])})(?![{_FA_LETTER}]))?"
    )
    return {
        "months": months,
        "ordinals": ordinals,
        "point": re.compile(point),
        "sep": re.compile(rf"\s*(?:{seps})\s*"),
        "same_day": re.compile(_alternation(vocab["same_day_words"])),
        "next_day": re.compile(
            rf"(?:(?P<count>\d{{1,2}}|{_alternation(list(vocab['day_counts']))})[\s\u200c]+)?"
            rf"(?:{_alternation(vocab['next_day_words'])})(?![{_FA_LETTER}])"
        ),
        "day_counts": {fold_1to1(w): n for w, n in vocab["day_counts"].items()},
        "solar_markers": {fold_1to1(w) for w in vocab["solar_markers"]},
        "ambiguous": {fold_1to1(w) for w in vocab["ambiguous_months"]},
        "need_year": {fold_1to1(w) for w in vocab["months_needing_a_year"]},
        "parts": {fold_1to1(w): p for w, p in vocab["parts"].items()},
    }


def _squeeze(word: str) -> str:
    """A Persian word with its spaces and ZWNJs removed: the key ordinals are looked up by."""
    return re.sub(r"[\s\u200c]+", "", fold_1to1(word))


def _fa_day(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        return int(token)
    return _fa_tables()["ordinals"].get(_squeeze(token))


def _fa_point(m: re.Match[str], in_range: bool = False) -> Point | None:
    """A Persian point from a match of the point pattern, or None when it says too little."""
    tables = _fa_tables()
    month_name, year_text, day = m.group("month"), m.group("year"), _fa_day(m.group("day"))
    year = int(year_text) if year_text else None
    marker = m.group("marker")
    if month_name is None:
        if year is None or day is not None:
            return None
        solar = (marker in tables["solar_markers"]) if marker else 1300 <= year <= 1420
        if not (1300 <= year <= 1420 if solar else 1800 <= year <= 2100):
            return None
        if solar and not marker and not m.group("yearword") and not in_range:
            return None  # a bare ۱۳۲۰ is as likely a count as a year
        calendar = "solar-hijri" if solar else "gregorian"
        return Point(year=year, calendar=calendar, time=m.group("time"))
    calendar, month = tables["months"][month_name]
    if day is None and year is None and (m.group("monthword") is None or month_name in tables["ambiguous"]):
        return None
    if year is None and month_name in tables["need_year"]:
        return None  # می is far more often the verb prefix than May
    if day is not None and not 1 <= day <= 31:
        return None
    part = tables["parts"].get(m.group("part") or "")
    return Point(year, month, day, part if day is None else None, m.group("time"), calendar)


def scan_fa(folded: str) -> list[RawDate]:
    """Every Persian date form: digits, ordinal words, Gregorian and Solar Hijri months, ranges."""
    tables = _fa_tables()
    found: list[RawDate] = []
    pos = 0
    for sd in tables["same_day"].finditer(folded):
        found.append(RawDate(sd.start(), sd.end(), Point(), same_day=True))
    for nd in tables["next_day"].finditer(folded):  # روز بعد, سه روز بعد
        count = nd.group("count")
        days = 1 if count is None else int(count) if count.isdigit() else tables["day_counts"][count]
        found.append(RawDate(nd.start(), nd.end(), Point(), days_after=days))
    while pos < len(folded):
        m = tables["point"].search(folded, pos)
        if m is None:
            break
        if m.end() == m.start():
            pos = m.start() + 1
            continue
        first = _fa_point(m)
        if first is None:
            pos = m.start() + 1
            continue
        raw = RawDate(m.start(), m.end(), first)
        if m.group("day0"):
            raw.first = replace(first, day=_fa_day(m.group("day0")))
            raw.last = first
        elif sep := tables["sep"].match(folded, m.end()):
            m2 = tables["point"].match(folded, sep.end())
            second = _fa_point(m2, in_range=True) if m2 and m2.end() > m2.start() else None
            if second is not None and (second.year is not None or _narrower_or_equal(first, second)):
                if first.month is None and second.calendar != first.calendar and m2.group("marker"):
                    raw.first = replace(first, calendar=second.calendar)  # (۱۹۵۰ - ۱۹۵۳م.)
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    return sorted(found, key=lambda r: r.start)


# ---------------------------------------------------------------- English
@cache
def _en_tables() -> dict:
    vocab = vocabulary("en")
    months = {name: int(n) for n, names in vocab["months"].items() for name in names}
    names = _alternation(list(months))
    seps = _alternation(vocab["range_separators"])
    ordinal = r"(?:st|nd|rd|th)?"
    parts = _alternation(list(vocab["parts"]))
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
            r"(?<![a-z])(?:" + _alternation(vocab.get("month_alone_after", [])) + r")\s+$"
        ),
        "sep_between": re.compile(r"\s*(?:" + seps + r"|and(?![a-z]))\s*"),
        "same_day": re.compile(r"(?<![a-z])(?:" + _alternation(vocab["same_day_words"]) + r")(?![a-z])"),
        "next_day": re.compile(r"(?<![a-z])(?:" + _alternation(vocab["next_day_words"]) + r")(?![a-z])"),
        "later": re.compile(
            r"(?<![\w-])(?P<count>\d{1,2}|" + _alternation(list(vocab["day_counts"])) + r")[\s-]+"
            r"(?P<unit>" + _alternation(list(vocab["day_units"])) + r")\s+"
            r"(?:" + _alternation(vocab["later_words"]) + r")(?![a-z])"
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
        if m.group("day0"):
            raw.first, raw.last = replace(first, day=int(m.group("day0"))), first
        elif m.group("day3"):
            raw.last = replace(first, day=int(m.group("day3")))
        elif sep := separator.match(folded, m.end()):
            m2 = tables["point"].match(folded, sep.end())
            if (
                m2
                and m2.end() > m2.start()
                and (second := _en_point(m2))
                and _narrower_or_equal(first, second)
            ):
                raw.last, raw.end = second, m2.end()
        found.append(raw)
        pos = raw.end
    taken = [(r.start, r.end) for r in found]
    found += [r for r in relative if not any(a < r.end and r.start < b for a, b in taken)]
    return sorted(found, key=lambda r: r.start)


SCANNERS = {"zh": scan_zh, "fa": scan_fa, "en": scan_en}


def scan(text: str, lang: str) -> list[RawDate]:
    """All dates written in ``text`` (indices into ``text``); unknown languages use Chinese + English forms."""
    folded = fold_1to1(text)
    base = lang.split("-")[0].lower()
    if base == "zh":
        return scan_zh(folded, text)
    if base in SCANNERS:
        return SCANNERS[base](folded)
    merged = scan_zh(folded, text) + scan_en(folded)
    return sorted(merged, key=lambda r: r.start)

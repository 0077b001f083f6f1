"""The han date grammar's patterns, compiled once per pack from its ``dates.csv``.

Every form the grammar reads (``date_grammar_han``) is a pattern here, built
from the pack's words: the suffixes that close a year, a month and a day, the
native digits, eras, seasons, parts, times of day and relative words. A kind
the pack leaves out matches nothing, so a pack carries only the forms its
language writes.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.chronology.date_points import NOTHING, alternation, fold_1to1, labels, numbers, require, words
from warmap.languages import LanguagePack

NEEDS = (
    "year_suffix",
    "month_suffix",
    "day_suffix",
)  # the kinds of dates.csv the grammar cannot read without
NUMERIC_END = r"(?![\d/]|\.\d)"  # no digit, path or decimal after a numeric date


def number(tables: dict, token: str) -> int | None:
    """ASCII digits, positional native digits (一九五〇), tens with the ten word (二十七, 十二), or a
    contracted tens word (廿五, 卅): the value, or None when the token is not a number."""
    if token.isdigit() and token.isascii():
        return int(token)
    digits, tens_words = tables["digits"], tables["tens"]
    if token and token[0] in tens_words:  # 廿五 = 25, 卅 = 30
        rest = token[1:]
        if len(rest) > 1 or (rest and rest not in digits):
            return None
        return tens_words[token[0]] + (digits[rest] if rest else 0)
    ten = next((w for w in tables["ten"] if w in token), None)
    if ten is None:
        value = 0
        for char in token:
            if char not in digits:
                return None
            value = value * 10 + digits[char]
        return value
    high, _, units = token.partition(ten)
    if len(high) > 1 or len(units) > 1 or ten in units or not all(c in digits for c in high + units):
        return None
    return (digits.get(high, 0) if high else 1) * tables["ten"][ten] + (digits.get(units, 0) if units else 0)


def _chars(chars: list[str]) -> str:
    """The inside of a character class of single characters, escaped; empty when there are none."""
    return "".join(re.escape(c) for c in chars)


def _either(*patterns: str) -> str:
    """A group of the alternatives that are not empty."""
    return "(" + "|".join(p for p in patterns if p) + ")"


@cache
def tables(pack: LanguagePack) -> dict:
    """Every pattern and lookup of the han grammar for one pack."""
    require(pack, NEEDS)

    def alt(*kinds: str) -> str:
        return "(?:" + alternation([w for kind in kinds for w in words(pack, kind)]) + ")"

    def folded(kind: str) -> dict[str, str]:
        return {fold_1to1(w): value for w, value in labels(pack, kind).items()}

    gap = r"\s*" if pack.spaced else ""  # between the parts of one date: 1950년 6월 25일
    digits, ten, tens = numbers(pack, "digit"), numbers(pack, "ten"), numbers(pack, "tens")
    number_chars = _chars(list(digits) + list(ten) + list(tens))
    year_chars = _chars(list(digits) + list(numbers(pack, "year_digit")))
    clock_chars = _chars([w for w, n in digits.items() if n > 0] + list(ten))
    num = _either(r"\d{1,2}", number_chars and f"[{number_chars}]{{1,3}}")
    year_num = _either(r"\d{4}", year_chars and f"[{year_chars}]{{4}}")
    year_word = r"\s?" + alt("year_suffix") + "(?!" + alternation(words(pack, "not_after_year")) + ")"
    month_word = r"\s?" + alt("month_suffix")
    seps = _chars(words(pack, "numeric_separator"))
    numeric_sep = f"([{seps}])" if seps else f"({NOTHING})"
    season = "(" + alternation(list(labels(pack, "season"))) + ")"
    listed = r"\s?" + alt("list_separator") + r"\s?"
    relative_years = numbers(pack, "relative_year")
    eras = numbers(pack, "era")
    return {
        "digits": {**digits, **numbers(pack, "year_digit")},
        "ten": ten,
        "tens": tens,
        "count_markers": {w for c in words(pack, "count_marker") for w in (c, fold_1to1(c))},
        "number_chars": set(digits) | set(ten) | set(tens),
        "eras": {fold_1to1(w): n for w, n in eras.items()},
        "first_year": {fold_1to1(w) for w in words(pack, "first_year")},
        "seasons": folded("season"),
        "month_parts": folded("month_part"),
        "year_parts": folded("year_part"),
        "afternoon": frozenset(fold_1to1(w) for w in words(pack, "afternoon")),
        "relative_years": {fold_1to1(w): n for w, n in relative_years.items()},
        "list_split": re.compile(listed),
        "start": re.compile(
            "[0-9"
            + number_chars
            + "]|"
            + alternation(
                [*words(pack, "same_day"), *words(pack, "next_day"), *words(pack, "same_month")]
                + [*words(pack, "same_year"), *relative_years, *eras]
            )
        ),
        "year": re.compile(year_num + year_word),
        "era_year": re.compile(
            "("
            + alternation(list(eras))
            + r")\s?"
            + _either(
                r"\d{1,3}",
                number_chars and f"[{number_chars}]{{1,4}}",
                alternation(words(pack, "first_year")),
            )
            + year_word
        ),
        # 1951/1/4, 1951.1.4, 1951-01-04: the same separator twice, no digit or path after
        "numeric": re.compile(r"(\d{4})\s?" + numeric_sep + r"\s?(\d{1,2})\s?\2\s?(\d{1,2})" + NUMERIC_END),
        "numeric_tail": re.compile(
            r"(?:(\d{1,2})\s?" + numeric_sep + r"\s?)?(\d{1,2})" + NUMERIC_END + alt("day_suffix") + "?"
        ),
        "season": re.compile(gap + season + season + "?" + alt("season_suffix") + "?"),
        "same_year": re.compile(alternation(words(pack, "same_year") + list(relative_years))),
        # 1950-1953年, 一九五〇至一九五三年: a span of years, the year suffix written once
        "year_range": re.compile(
            year_num + r"\s?" + alt("year_range_separator") + r"\s?" + year_num + year_word
        ),
        "month": re.compile(gap + num + month_word),
        "day": re.compile(
            gap + num + r"\s?" + alt("day_suffix") + "(?!" + alternation(words(pack, "not_after_day")) + ")"
        ),
        # the first day of a range whose last day carries the month: 22至25日, 22—25日, 22至5月3日
        "open_day": re.compile(gap + num + r"(?=\s?" + alt("range_separator") + ")"),
        "day_list": re.compile("(" + num + "(?:" + listed + num + r")+)\s?" + alt("day_suffix")),
        "month_range": re.compile(num + r"\s?" + alt("month_range_separator") + r"\s?" + num + month_word),
        "weekday": re.compile("|".join(words(pack, "weekday")) or NOTHING),
        "month_part": re.compile(gap + "(" + alternation(list(labels(pack, "month_part"))) + ")"),
        "year_part": re.compile(gap + "(" + alternation(list(labels(pack, "year_part"))) + ")"),
        "time_word": re.compile(gap + "(" + alternation(words(pack, "time_of_day")) + ")"),
        "clock": re.compile(
            gap
            + _either(r"\d{1,2}", clock_chars and f"[{clock_chars}]{{1,3}}")
            + r"\s?"
            + alt("hour_suffix")
            + r"(?:\s?(\d{1,2})\s?"
            + alt("minute_suffix")
            + ")?"
            + alt("clock_closer")
            + "?"
        ),
        "sep": re.compile(r"\s?" + alt("range_separator") + r"\s?"),
        "same_day": re.compile(alternation(words(pack, "same_day"))),
        "next_day": re.compile(alternation(words(pack, "next_day"))),
        "same_month": re.compile(alternation(words(pack, "same_month"))),
    }

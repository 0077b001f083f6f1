"""The persian date grammar's patterns, compiled once per pack from its ``dates.csv``.

Every form the grammar reads (``date_grammar_persian``) is a pattern here, built
from the pack's words: both calendars' month names, ordinal day words and their
compounds, year markers, range and list words, relative days and years. A kind
the pack leaves out matches nothing.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.chronology.date_points import (
    NOTHING,
    alternation,
    fold_1to1,
    labels,
    letters,
    numbers,
    require,
    words,
)
from warmap.languages import LanguagePack

NEEDS = ("month", "solar_month")  # the kinds of dates.csv this grammar cannot read without
BIDI = r"[\u200e\u200f\u061c]*"  # direction marks (LRM, RLM, ALM) that web texts put around the slashes


def _ordinals(pack: LanguagePack) -> dict[str, int]:
    """Ordinal day words, the compounds (بیست و پنجم) built from tens, joiner and unit: squeezed word → day."""
    ordinals = {w: n for w, n in numbers(pack, "ordinal").items()}
    for tens_word, tens in numbers(pack, "ordinal_tens").items():
        for unit_word, unit in numbers(pack, "ordinal_unit").items():
            for joiner in words(pack, "ordinal_joiner"):
                if tens + unit <= 31:
                    ordinals[f"{tens_word} {joiner} {unit_word}"] = tens + unit
    return ordinals


@cache
def tables(pack: LanguagePack) -> dict:
    """Every pattern and lookup of the persian grammar for one pack."""
    require(pack, NEEDS)
    letter = letters(pack)
    months: dict[str, tuple[str, int]] = {}
    for name, number in numbers(pack, "month").items():
        months[fold_1to1(name)] = ("gregorian", number)
    for name, number in numbers(pack, "solar_month").items():
        months[fold_1to1(name)] = ("solar-hijri", number)
    ordinal_words = _ordinals(pack)
    ordinals = {squeeze(w): n for w, n in ordinal_words.items()}
    ordinal_re = alternation(list(ordinal_words))
    day = rf"(?:\d{{1,2}}(?!\d)|(?:{ordinal_re})(?![{letter}]))"
    day_suffix = alternation(words(pack, "day_suffix"))  # ۲۵ ام جون, ۲۵ام (a day written as an ordinal)
    markers = alternation(words(pack, "gregorian_marker") + words(pack, "solar_marker"))
    seps = alternation(words(pack, "range_separator"))
    months_re = alternation(list(months))
    month_words = alternation(words(pack, "month_word"))
    year_words = alternation(words(pack, "year_word"))
    parts = labels(pack, "part")
    relative_years = numbers(pack, "relative_year")
    num_seps = "".join(re.escape(c) for c in words(pack, "numeric_separator"))
    sep_class = f"[{num_seps}]" if num_seps else NOTHING
    grouped = "".join(re.escape(c) for c in words(pack, "digit_group_separator"))
    year_tail = rf"(?:\s*(?P<marker>{markers})(?![{letter}]))?"
    numeric = (  # ۱۳۲۹/۰۴/۰۴, ۱۳۲۹-۴-۴, ۲۵/۶/۱۹۵۰ (digits are folded to ASCII)
        rf"(?:(?P<yearword>{year_words})\s*)?"
        rf"(?P<a>\d{{1,4}}){BIDI}(?P<sep>{sep_class}){BIDI}(?P<b>\d{{1,2}}){BIDI}(?P=sep){BIDI}(?P<c>\d{{1,4}})"
        rf"(?!\d)(?!(?P=sep)\d)" + year_tail
    )
    list_sep = rf"\s*(?:{alternation(words(pack, 'list_separator'))})\s*"
    starts = "|".join([r"\d", ordinal_re, alternation(list(parts)), months_re, month_words, year_words])
    point = (
        rf"(?<![{letter}\d])(?={starts})"
        rf"(?:(?P<part>{alternation(list(parts))})\s+)?"
        rf"(?:(?P<day0>{day})\s*(?:{seps})\s*(?={day}))?"
        rf"(?:(?P<day>{day})(?:[\s\u200c]*(?:{day_suffix})(?![{letter}]))?\s*)?"
        rf"(?:(?P<monthword>{month_words})\s+)?"
        rf"(?:(?P<month>{months_re})(?:[\s\u200c]*(?P<monthsuffix>{month_words}))?(?![{letter}\u200c]))?"
        rf"(?:\s*(?P<yearword>{year_words}\s*)?(?P<year>\d{{4}})(?![\d{grouped}]\d)(?!\d)"
        rf"(?:\s*(?P<marker>{markers})(?![{letter}]))?)?"
        rf"(?:\s*(?P<time>{alternation(words(pack, 'time_of_day'))})(?![{letter}]))?"
    )
    return {
        "months": months,
        "ordinals": ordinals,
        "point": re.compile(point),
        "sep": re.compile(rf"\s*(?:{seps})\s*"),
        "numeric": re.compile(rf"(?<![\d{num_seps}])" + numeric),
        "numeric_body": re.compile(numeric),
        # ۴ و ۵ تیر, ۴، ۵ و ۶ تیر: each listed day but the last, which the point pattern reads
        "day_list": re.compile(
            rf"(?<![{letter}\d])(?P<day>{day}){list_sep}(?=(?:{day}{list_sep})*{day}\s*(?:{months_re}))"
        ),
        "list_gap": re.compile(
            rf"(?:{list_sep}|{day})*"
        ),  # what may stand between a listed day and the list's end
        "sentence_end": re.compile("|".join(words(pack, "sentence_end")) or r"\n"),
        # ژوئن همان سال, مهر سال بعد: the month of the year in force, or of the year after or before it
        "relative_year": re.compile(
            rf"[\s\u200c]*(?P<word>{alternation(list(relative_years))})(?![{letter}\u200c])"
        ),
        "relative_years": {re.sub(r"[\s\u200c]+", " ", fold_1to1(w)): n for w, n in relative_years.items()},
        "only_list": re.compile(rf"(?:{list_sep}|\s)*"),
        "same_day": re.compile(alternation(words(pack, "same_day"))),
        "next_day": re.compile(
            rf"(?:(?P<count>\d{{1,2}}|{alternation(list(numbers(pack, 'day_count')))})[\s\u200c]+)?"
            rf"(?:{alternation(words(pack, 'next_day'))})(?![{letter}])"
        ),
        "day_counts": {fold_1to1(w): n for w, n in numbers(pack, "day_count").items()},
        "solar_markers": {fold_1to1(w) for w in words(pack, "solar_marker")},
        "ambiguous": {fold_1to1(w) for w in words(pack, "ambiguous_month")},
        "need_year": {fold_1to1(w) for w in words(pack, "month_needs_year")},
        "parts": {fold_1to1(w): p for w, p in parts.items()},
    }


def squeeze(word: str) -> str:
    """A word with its spaces and ZWNJs removed: the key ordinals are looked up by."""
    return re.sub(r"[\s\u200c]+", "", fold_1to1(word))

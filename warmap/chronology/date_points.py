"""What a date grammar reports, and the folding and word lists every grammar shares.

A grammar reports what the text says and nothing more: ``6月25日`` is a Point
with a month and a day but no year; filling the year is the job of ``dates``.
These types and helpers sit apart from the grammars (``date_grammar_han``,
``date_grammar_alphabetic``, ``date_grammar_persian``) so that each can be read
on its own, and so that ``dates`` can use the types without the grammars. A
grammar's words come from its language pack's ``dates.csv`` (see ``words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from warmap.languages import LanguagePack, PackError
from warmap.reading.normalize import match_form

TABLE = "dates"  # the pack table the date grammars read


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
    # 同年冬 (0), 次年1月 (+1), 前一年6月 (−1), ژوئن سال بعد, June of the following year: the year in force
    # plus this many years; no rollover, since the text says which year it means
    year_offset: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


_FOLD_TABLE: dict[int, str] = {}  # code point → its one-character fold, filled as characters are met


def fold_1to1(text: str) -> str:
    """The matching fold, keeping length: characters it would delete stay as they are."""
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            one = match_form(char)[0]
            _FOLD_TABLE[ord(char)] = one if len(one) == 1 else char
    return text.translate(_FOLD_TABLE)


def alternation(words: list[str]) -> str:
    """Regex alternation, longest first; a space or ZWNJ in a word matches any run of them, or none.
    No words match nothing (a pack may leave out an optional kind)."""
    unique = sorted({re.sub(r"[\s\u200c]+", " ", fold_1to1(w)) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"[\s\u200c]*") for w in unique) or NOTHING


NOTHING = "(?!)"  # a pattern that matches nowhere


def words(pack: LanguagePack, kind: str) -> list[str]:
    """A kind's words from the pack's ``dates.csv``, in file order."""
    return pack.words(TABLE, kind)


def numbers(pack: LanguagePack, kind: str) -> dict[str, int]:
    """A kind's words → their whole-number values (later rows win)."""
    return {word: int(value) for word, value in pack.mapping(TABLE, kind).items()}


def labels(pack: LanguagePack, kind: str) -> dict[str, str]:
    """A kind's words → their values (a part of a month, a season)."""
    return pack.mapping(TABLE, kind)


def require(pack: LanguagePack, kinds: tuple[str, ...]) -> None:
    """A grammar's kinds that the pack must have rows of; PackError naming ``dates.csv`` when it has not."""
    missing = [kind for kind in kinds if not pack.rows(TABLE, kind)]
    if missing:
        grammar = pack.date_grammar
        raise PackError(
            pack.folder / f"{TABLE}.csv",
            f"the {grammar} date grammar needs rows of kind {', '.join(missing)}",
        )


def letters(pack: LanguagePack) -> str:
    """The pack's letters as the inside of a regex character class (``date_letters`` in pack.toml)."""
    return str(pack.setting("date_letters", r"^\W\d_"))


def consecutive(days: list[int | None]) -> bool:
    """Whether listed days follow one another (24, 25, 26): a list that is one stretch of days."""
    return len(days) > 1 and all(
        a is not None and b is not None and b == a + 1 for a, b in zip(days, days[1:], strict=False)
    )


def narrower_or_equal(first: Point, second: Point) -> bool:
    """Whether ``second`` can end a range opened by ``first`` (至1月2日 after 12月31日, not 至1950年 after 日)."""
    if second.year is not None:
        return True
    if second.month is not None:
        return first.month is not None
    return first.day is not None


def full_year(year: int, years: tuple[int, int]) -> int:
    """A two-digit year in the century that brings it nearest ``years`` (50 → 1950 for 1950–1953)."""
    low, high = years
    candidates = [century + year for century in range(low // 100 * 100 - 100, high // 100 * 100 + 200, 100)]
    return min(candidates, key=lambda y: (max(low - y, y - high, 0), y))


def with_full_years(raw: RawDate, years: tuple[int, int]) -> tuple[Point, Point | None]:
    """The raw date's points, a two-digit year (11/27/50) placed in its century."""
    first, last = raw.first, raw.last
    if "two_digit_year" not in raw.extra:
        return first, last
    if first.year is not None and first.year < 100:
        first = replace(first, year=full_year(first.year, years))
    if last is not None and last.year is not None and last.year < 100:
        last = replace(last, year=full_year(last.year, years))
    return first, last

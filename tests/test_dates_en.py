"""English date forms: single days, months, years and the ways English writes a range of days."""

from __future__ import annotations

import pytest

from warmap.chronology.dates import parse_dates


def _iso(text: str, context_year: int | None = None) -> list[tuple[str, str | None]]:
    return [found.iso() for found in parse_dates(text, "en", context_year)]


@pytest.mark.parametrize(
    "text",
    [
        "from 13 to 15 February 1951",
        "13–15 February 1951",
        "13-15 February 1951",
        "13th–15th February 1951",
        "February 13–15, 1951",
        "February 13 to 15, 1951",
        "between 13 and 15 February 1951",
        "from February 13 to February 15, 1951",
        "13 February 1951 to 15 February 1951",
    ],
)
def test_ranges_of_days(text: str) -> None:
    assert _iso(f"The battle lasted {text}, and the Chinese withdrew.") == [("1951-02-13", "1951-02-15")]


def test_a_range_across_months_and_between_full_dates() -> None:
    assert _iso("between 25 January and 21 April 1951") == [("1951-01-25", "1951-04-21")]
    assert _iso("from 13 February to 15 March 1951") == [("1951-02-13", "1951-03-15")]


def test_and_joins_a_range_only_after_between() -> None:
    """On 2 and 4 March names two days (a count is as likely: only the dated one is kept); on 2 and
    3 March, two days that follow one another, is one stretch; between 2 and 3 March, one span."""
    assert _iso("on 2 and 4 March 1951") == [("1951-03-04", None)]
    assert _iso("on 2 and 3 March 1951") == [("1951-03-02", "1951-03-03")]
    assert _iso("between 2 and 3 March 1951") == [("1951-03-02", "1951-03-03")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 15 September 1950 the corps landed.", [("1950-09-15", None)]),
        ("On September 15, 1950, the corps landed.", [("1950-09-15", None)]),
        ("In June 1950 the war began.", [("1950-06", None)]),
        ("In 1951 the war went on.", [("1951", None)]),
        ("reached the perimeter on 15 February", [("1951-02-15", None)]),
    ],
)
def test_single_dates(text: str, expected: list) -> None:
    assert _iso(text, 1951) == expected


def test_a_range_keeps_its_span_in_the_string() -> None:
    text = "Five months later, from 13 to 15 February 1951, the regiment held."
    (found,) = parse_dates(text, "en")
    assert text[found.start : found.end] == found.surface == "13 to 15 February 1951"


def test_impossible_days_are_not_dates() -> None:
    assert _iso("February 30–31, 1951") == []


@pytest.mark.parametrize(
    ("text", "iso", "part"),
    [
        ("In early October, UN forces crossed", "1950-10", "early"),
        ("in mid-October the front", "1950-10", "mid"),
        ("by late November 1950 the", "1950-11", "late"),
    ],
)
def test_a_part_of_a_month_is_a_month_date(text: str, iso: str, part: str) -> None:
    found = parse_dates(text, "en", 1950)
    assert [(f.first.iso(), f.first.part) for f in found] == [(iso, part)]


def test_part_words_alone_are_no_date() -> None:
    assert _iso("an early attack in the late afternoon", 1950) == []


def test_a_month_of_the_same_or_the_following_year() -> None:
    assert _iso("On 25 December 1950 they attacked; on February 13–15 the following year they held.") == [
        ("1950-12-25", None),
        ("1951-02-13", "1951-02-15"),
    ]
    text = "On 25 December 1950 they attacked. In June of the same year the war had begun; on 10 July the following year talks opened."
    assert _iso(text) == [("1950-12-25", None), ("1950-06", None), ("1951-07-10", None)]
    assert _iso("On 10 July 1951 talks opened. In June of the previous year the war began.") == [
        ("1951-07-10", None),
        ("1950-06", None),
    ]


def test_listed_days_before_one_month() -> None:
    assert _iso("On 25, 26 and 27 November 1950 the Chinese attacked.") == [("1950-11-25", "1950-11-27")]
    assert _iso("On 4, 9 and 12 July 1950 they fell back.") == [
        ("1950-07-04", None),
        ("1950-07-09", None),
        ("1950-07-12", None),
    ]


def test_a_span_of_years() -> None:
    assert _iso("The Korean War (1950–1953)") == [("1950", "1953")]

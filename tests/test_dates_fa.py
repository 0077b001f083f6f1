"""Persian date forms: Persian and Arabic-Indic digits, month-name variants, ordinals, Solar Hijri."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest

from warmap.chronology.dates import parse_dates

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SOLAR_MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]


def _spans(text: str, context_year: int | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (p.surface, p.first.iso(), p.last.iso() if p.last else None)
        for p in parse_dates(text, "fa", context_year)
    ]


@pytest.mark.parametrize(
    ("text", "surface", "first", "last"),
    [
        ("در ۲۵ ژوئن ۱۹۵۰م. به خاک", "۲۵ ژوئن ۱۹۵۰م.", "1950-06-25", None),
        ("در ٢٥ ژوئن ١٩٥٠ م. به خاک", "٢٥ ژوئن ١٩٥٠ م.", "1950-06-25", None),
        ("در 25 ژوئن 1950 میلادی", "25 ژوئن 1950 میلادی", "1950-06-25", None),
        ("در ۲۷ ژوئيه ۱۹۵۳ پيمان", "۲۷ ژوئيه ۱۹۵۳", "1953-07-27", None),
        ("در ۲۷ ژوئیه ۱۹۵۳ پیمان", "۲۷ ژوئیه ۱۹۵۳", "1953-07-27", None),
        ("در ۱۰ جولای ۱۹۵۱ گفتگو", "۱۰ جولای ۱۹۵۱", "1951-07-10", None),
        ("در ۱۵ اوت ۱۹۵۰", "۱۵ اوت ۱۹۵۰", "1950-08-15", None),
        ("در ۱۵ آگوست ۱۹۵۰", "۱۵ آگوست ۱۹۵۰", "1950-08-15", None),
        ("در ۱۶ مه ۱۹۵۱ سئول", "۱۶ مه ۱۹۵۱", "1951-05-16", None),
        ("در ۱۶ مى ۱۹۵۱ سئول", "۱۶ مى ۱۹۵۱", "1951-05-16", None),
        ("در بيست و هفتم آوريل ۱۹۵۱ بار ديگر", "بيست و هفتم آوريل ۱۹۵۱", "1951-04-27", None),
        ("در بیست‌وهفتم آوریل ۱۹۵۱", "بیست‌وهفتم آوریل ۱۹۵۱", "1951-04-27", None),
        ("يكم ژانويه ۱۹۵۱", "يكم ژانويه ۱۹۵۱", "1951-01-01", None),
        ("اول ژانویه ۱۹۵۱", "اول ژانویه ۱۹۵۱", "1951-01-01", None),
        ("سى و يكم دسامبر ۱۹۵۰", "سى و يكم دسامبر ۱۹۵۰", "1950-12-31", None),
        ("در ماه نوامبر ۱۹۵۰ ضربات", "ماه نوامبر ۱۹۵۰", "1950-11", None),
        ("از ژوئن ۱۹۵۱ کوشش", "ژوئن ۱۹۵۱", "1951-06", None),
        ("سالهاى (۱۹۵۰ - ۱۹۵۳م.) ميان", "۱۹۵۰ - ۱۹۵۳م.", "1950", "1953"),
        ("از ۲۵ تا ۲۸ ژوئن ۱۹۵۰", "۲۵ تا ۲۸ ژوئن ۱۹۵۰", "1950-06-25", "1950-06-28"),
        ("از ۱۵ سپتامبر تا ۲۸ سپتامبر ۱۹۵۰", "۱۵ سپتامبر تا ۲۸ سپتامبر ۱۹۵۰", "1950-09-15", "1950-09-28"),
        ("اواخر نوامبر ۱۹۵۰", "اواخر نوامبر ۱۹۵۰", "1950-11", None),
    ],
)
def test_gregorian_dates_in_persian(text: str, surface: str, first: str, last: str | None) -> None:
    assert _spans(text) == [(surface, first, last)]


def test_partial_dates_take_the_context_year() -> None:
    text = "در ۲۵ ژوئن ۱۹۵۰م. يورش بردند. در همان روز قطعنامه صادر شد. در ۲۷ ژوئن نيرو فرستادند. در ۱۶ اکتبر رسيدند."
    assert [first for _, first, _ in _spans(text)] == ["1950-06-25", "1950-06-25", "1950-06-27", "1950-10-16"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("۶ آذر ۱۳۲۹", "1950-11-27", None),
        ("٥ تير ١٣٢٩", "1950-06-26", None),
        ("۴ تیر ۱۳۲۹ ه.ش.", "1950-06-25", None),
        ("۵ مرداد ۱۳۳۲ هجری شمسی", "1953-07-27", None),
        ("آذر ۱۳۲۹", "1950-11-22", "1950-12-21"),
        ("سال ۱۳۲۹", "1950-03-21", "1951-03-21"),
        ("۱۳۳۰ ه.ش", "1951-03-22", "1952-03-20"),
        ("از مهر ۱۳۲۹ تا دی ۱۳۲۹", "1950-09-23", "1951-01-20"),
    ],
)
def test_solar_hijri_dates_convert_exactly(text: str, first: str, last: str | None) -> None:
    (found,) = parse_dates(text, "fa")
    assert found.calendar == "solar-hijri"
    assert (found.first.iso(), found.last.iso() if found.last else None) == (first, last)


def test_every_day_of_the_war_years_in_solar_hijri() -> None:
    """Each day of 1329–1332 SH, written with Persian digits, converts like jdatetime says."""
    day = jdatetime.date(1329, 1, 1)
    while day.year <= 1332:
        text = f"در {day.day} {SOLAR_MONTHS[day.month - 1]} {day.year}".translate(PERSIAN_DIGITS)
        (found,) = parse_dates(text, "fa")
        expected = day.togregorian()
        assert dt.date(found.first.year, found.first.month, found.first.day) == expected, text
        day += jdatetime.timedelta(days=1)


def test_a_partial_solar_date_takes_the_solar_year_of_the_context() -> None:
    text = "در ۶ آذر ۱۳۲۹ حمله شد و در ۱۴ دی عقب نشستند."
    assert [first for _, first, _ in _spans(text)] == ["1950-11-27", "1951-01-04"]


@pytest.mark.parametrize(
    "text",
    ["۷۴۰۰۰ کشته", "(۵۴،۲۴۶ آمريکايي)", "۲۵۰،۰۰۰ زخمى", "۳ می‌شود", "مه غلیظی بود", "۱۳۲۰ نفر", "تیر خورد"],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert parse_dates(text, "fa", 1950) == []


def test_english_dates() -> None:
    text = "On 25 June 1950 and June 27, 1950; by September 1950; 15–19 September 1950; in 1953."
    found = [(p.first.iso(), p.last.iso() if p.last else None) for p in parse_dates(text, "en")]
    assert found == [
        ("1950-06-25", None),
        ("1950-06-27", None),
        ("1950-09", None),
        ("1950-09-15", "1950-09-19"),
        ("1953", None),
    ]


def test_days_after_count_from_the_day_just_named() -> None:
    """روز بعد, سه روز بعد: so many days after the last date (Solar Hijri converted first)."""
    found = parse_dates("در ۴ تیر ۱۳۲۹ یورش بردند. سه روز بعد سئول سقوط کرد و روز بعد …", "fa")
    assert [f.first.iso() for f in found] == ["1950-06-25", "1950-06-28", "1950-06-29"]
    assert [f.surface for f in found][1:] == ["سه روز بعد", "روز بعد"]

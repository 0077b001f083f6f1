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


def _sh(year: int, month: int, day: int) -> str:
    """A Solar Hijri day as jdatetime converts it."""
    return jdatetime.date(year, month, day).togregorian().isoformat()


def _sh_month(year: int, month: int) -> tuple[str, str]:
    """The first and last Gregorian day of a Solar Hijri month, as jdatetime converts them."""
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return first.togregorian().isoformat(), (
        following - jdatetime.timedelta(days=1)
    ).togregorian().isoformat()


def _sh_year(year: int) -> tuple[str, str]:
    first, following = jdatetime.date(year, 1, 1), jdatetime.date(year + 1, 1, 1)
    return first.togregorian().isoformat(), (
        following - jdatetime.timedelta(days=1)
    ).togregorian().isoformat()


def _one(text: str, context_year: int | None = None) -> tuple[str, str, str | None, str]:
    (found,) = parse_dates(text, "fa", context_year)
    return found.surface, found.first.iso(), found.last.iso() if found.last else None, found.calendar


@pytest.mark.parametrize(
    ("text", "surface", "month"),
    [
        ("نیروهای چین در دی‌ماه ۱۳۲۹ سئول را تصرف کردند", "دی‌ماه ۱۳۲۹", (1329, 10)),
        ("در دی ماه ۱۳۲۹ سئول", "دی ماه ۱۳۲۹", (1329, 10)),
        ("در دیماه ۱۳۲۹ سئول", "دیماه ۱۳۲۹", (1329, 10)),
        ("در تیرماه ۱۳۲۹ جنگ", "تیرماه ۱۳۲۹", (1329, 4)),
        ("در تیر ماه ۱۳۲۹ جنگ", "تیر ماه ۱۳۲۹", (1329, 4)),
        ("در اسفندماه ۱۳۲۹", "اسفندماه ۱۳۲۹", (1329, 12)),
        ("در دي ماه ١٣٢٩", "دي ماه ١٣٢٩", (1329, 10)),
        ("در ماه دی ۱۳۲۹", "ماه دی ۱۳۲۹", (1329, 10)),
    ],
)
def test_a_solar_month_with_the_word_mah_is_its_gregorian_span(text: str, surface: str, month: tuple) -> None:
    assert _one(text) == (surface, *_sh_month(*month), "solar-hijri")


def test_a_solar_month_with_mah_and_no_year_takes_the_context_year() -> None:
    assert _one("در دی‌ماه سئول سقوط کرد", 1950)[1:3] == _sh_month(1329, 10)
    assert _one("در تیرماه جنگ آغاز شد", 1950)[1:3] == _sh_month(1329, 4)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("در ۴ تیرماه ۱۳۲۹ حمله", "۴ تیرماه ۱۳۲۹"),
        ("در ۴ تیر ماه ۱۳۲۹ حمله", "۴ تیر ماه ۱۳۲۹"),
        ("در چهارم تیرماه ۱۳۲۹ حمله", "چهارم تیرماه ۱۳۲۹"),
        ("در چهارم تیر ۱۳۲۹ حمله", "چهارم تیر ۱۳۲۹"),
        ("در تاریخ ۱۳۲۹/۰۴/۰۴ ارتش", "۱۳۲۹/۰۴/۰۴"),
        ("در ۱۳۲۹/۴/۴ ارتش", "۱۳۲۹/۴/۴"),
        ("در ۱۳۲۹-۰۴-۰۴ ارتش", "۱۳۲۹-۰۴-۰۴"),
        ("در ۱۳۲۹.۴.۴ ارتش", "۱۳۲۹.۴.۴"),
        ("در ٤/٤/١٣٢٩ ارتش", "٤/٤/١٣٢٩"),
        ("در 1329/4/4 ارتش", "1329/4/4"),
        ("در ۱۳۲۹/\u200f۴/\u200f۴ ارتش", "۱۳۲۹/\u200f۴/\u200f۴"),  # with right-to-left marks
        ("در ۴/۴/۱۳۲۹ ه.ش ارتش", "۴/۴/۱۳۲۹ ه.ش"),
    ],
)
def test_solar_days_in_words_and_digits(text: str, surface: str) -> None:
    assert _one(text) == (surface, _sh(1329, 4, 4), None, "solar-hijri")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("در ۲۵/۶/۱۹۵۰ ارتش", "۲۵/۶/۱۹۵۰"),
        ("در ٢٥/٦/١٩٥٠ ارتش", "٢٥/٦/١٩٥٠"),
        ("در ۱۹۵۰/۰۶/۲۵ ارتش", "۱۹۵۰/۰۶/۲۵"),
        ("در 1950-06-25 ارتش", "1950-06-25"),
        ("در ۲۵/۰۶/۱۹۵۰ م. ارتش", "۲۵/۰۶/۱۹۵۰ م."),
        ("در بیست و پنجم ژوئن ۱۹۵۰ ارتش", "بیست و پنجم ژوئن ۱۹۵۰"),
    ],
)
def test_gregorian_days_in_digits(text: str, surface: str) -> None:
    assert _one(text) == (surface, "1950-06-25", None, "gregorian")


def test_numeric_dates_in_a_range() -> None:
    assert _one("از ۱۳۲۹/۴/۴ تا ۱۳۲۹/۴/۷ جنگ") == (
        "۱۳۲۹/۴/۴ تا ۱۳۲۹/۴/۷",
        _sh(1329, 4, 4),
        _sh(1329, 4, 7),
        "solar-hijri",
    )


@pytest.mark.parametrize(
    ("text", "solar_year"),
    [
        ("در ۱۳۲۹ هـ.ش. جنگ", 1329),
        ("در ۱۳۲۹ ه‍.ش جنگ", 1329),
        ("در ۱۳۲۹ ش جنگ", 1329),
        ("در سال ۱۳۳۰ جنگ", 1330),
    ],
)
def test_solar_year_markers(text: str, solar_year: int) -> None:
    assert _one(text)[1:] == (*_sh_year(solar_year), "solar-hijri")


@pytest.mark.parametrize("text", ["در ۱۹۵۰ م. جنگ", "در ۱۹۵۰ میلادی جنگ", "در سال ۱۹۵۰ جنگ"])
def test_gregorian_year_markers(text: str) -> None:
    assert _one(text)[1:] == ("1950", None, "gregorian")


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("در دي ۱۳۲۹", (1329, 10)),
        ("در ارديبهشت ۱۳۳۰", (1330, 2)),
        ("در شهريور ۱۳۲۹", (1329, 6)),
        ("در امرداد ۱۳۲۹", (1329, 5)),
        ("در مرداد ۱۳۲۹", (1329, 5)),
        ("در اسفند ۱۳۲۹", (1329, 12)),
        ("در اسپند ۱۳۲۹", (1329, 12)),
    ],
)
def test_solar_month_spellings(text: str, month: tuple[int, int]) -> None:
    assert _one(text)[1:] == (*_sh_month(*month), "solar-hijri")


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("ژانویه", 1),
        ("فوریه", 2),
        ("مارس", 3),
        ("آوریل", 4),
        ("مه", 5),
        ("مای", 5),
        ("ژوئن", 6),
        ("جون", 6),
        ("ژوئیه", 7),
        ("جولای", 7),
        ("اوت", 8),
        ("آگوست", 8),
        ("سپتامبر", 9),
        ("اکتبر", 10),
        ("نوامبر", 11),
        ("دسامبر", 12),
    ],
)
def test_gregorian_month_names_in_persian(name: str, month: int) -> None:
    assert _one(f"در ۱۰ {name} ۱۹۵۱ جنگ")[1:] == (f"1951-{month:02d}-10", None, "gregorian")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("از ۴ تا ۷ تیر ۱۳۲۹ جنگیدند", (4, 7)),
        ("در ۴–۷ تیر ۱۳۲۹ جنگیدند", (4, 7)),
        ("از ۴ تیر تا ۷ تیرماه ۱۳۲۹ جنگیدند", (4, 7)),
        ("از چهارم تا هفتم تیر ۱۳۲۹ جنگیدند", (4, 7)),
    ],
)
def test_solar_day_ranges(text: str, days: tuple[int, int]) -> None:
    assert _one(text)[1:] == (_sh(1329, 4, days[0]), _sh(1329, 4, days[1]), "solar-hijri")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("در ۴ و ۹ تیر ۱۳۲۹ جنگیدند", [4, 9]),
        ("در روزهای ۴، ۹ و ۱۲ تیر ۱۳۲۹ جنگیدند", [4, 9, 12]),
        ("در چهارم و نهم تیر ۱۳۲۹ جنگیدند", [4, 9]),
    ],
)
def test_listed_days_share_the_month_and_year_named_once(text: str, days: list[int]) -> None:
    """Days that do not follow one another stay separate dates, each of the month and year named once."""
    assert [(p.first.iso(), p.last) for p in parse_dates(text, "fa")] == [(_sh(1329, 4, d), None) for d in days]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("در ۲۴، ۲۵ و ۲۶ بهمن ۱۳۲۹ جنگیدند", 24, 26),
        ("در ۴ و ۵ تیر ۱۳۲۹ جنگیدند", 4, 5),
        ("در روزهای ۴، ۵ و ۶ تیر ۱۳۲۹ جنگیدند", 4, 6),
        ("در چهارم و پنجم تیر ۱۳۲۹ جنگیدند", 4, 5),
    ],
)
def test_consecutive_listed_days_are_one_stretch(text: str, first: int, last: int) -> None:
    month = 11 if "بهمن" in text else 4
    assert [p.iso() for p in parse_dates(text, "fa")] == [(_sh(1329, month, first), _sh(1329, month, last))]


def test_a_month_of_the_same_or_the_next_year() -> None:
    """ژوئن همان سال after 25 December 1950 is June 1950 (no rollover); ژوئیه سال بعد is July 1951."""
    text = "در ۲۵ دسامبر ۱۹۵۰ حمله شد. در ژوئن همان سال جنگ آغاز شده بود و در ۱۰ ژوئیه سال بعد مذاکره شد."
    assert [p.first.iso() for p in parse_dates(text, "fa")] == ["1950-12-25", "1950-06", "1951-07-10"]
    text = "در ۲۵ تیر ۱۳۳۰ حمله شد. در ۵ مهر سال قبل سئول گرفته شد."
    assert [p.first.iso() for p in parse_dates(text, "fa")] == [_sh(1330, 4, 25), _sh(1329, 7, 5)]
    text = "در ۲۵ دسامبر ۱۹۵۰ حمله شد و در مه سال بعدی آتش‌بس شد."  # مه (fog) is a month before سال بعدی
    assert [p.first.iso() for p in parse_dates(text, "fa")] == ["1950-12-25", "1951-05"]


def test_a_later_year_of_the_sentence_is_only_a_fallback_across_other_words() -> None:
    """With 1950 in force, ۲۷ ژوئن … و در ۱۶ اکتبر ۱۹۵۱ keeps 1950 for June; with none in force it
    takes 1951. A range ۲۷ ژوئن تا ۱۶ اکتبر ۱۹۵۱ shares its end's year, or the year before when its
    start's month comes after the end's."""
    text = "در ۲۷ ژوئن حمله شد و در ۱۶ اکتبر ۱۹۵۱ پایان یافت."
    assert [p.first.iso() for p in parse_dates(text, "fa", 1950)] == ["1950-06-27", "1951-10-16"]
    assert [p.first.iso() for p in parse_dates(text, "fa")] == ["1951-06-27", "1951-10-16"]
    assert [p.iso() for p in parse_dates("از ۲۷ ژوئن تا ۱۶ اکتبر ۱۹۵۱", "fa", 1950)] == [
        ("1951-06-27", "1951-10-16")
    ]
    assert [p.iso() for p in parse_dates("از ۲۷ نوامبر تا ۱۶ ژانویه ۱۹۵۱", "fa", 1950)] == [
        ("1950-11-27", "1951-01-16")
    ]
    text = "در ۲۷ ژوئن ۱۹۵۰ حمله شد و در ۱۶ اکتبر به پیونگ‌یانگ رسیدند."
    assert [p.first.iso() for p in parse_dates(text, "fa")] == ["1950-06-27", "1950-10-16"]


def test_a_persian_year_span() -> None:
    assert [p.iso() for p in parse_dates("جنگ کره (۱۹۵۰–۱۹۵۳)", "fa")] == [("1950", "1953")]


def test_a_year_named_once_in_a_sentence_serves_its_earlier_dates() -> None:
    text = "نیروها در ۴ تیر از مرز گذشتند و در ۷ تیر ۱۳۲۹ سئول را گرفتند."
    assert [p.first.iso() for p in parse_dates(text, "fa")] == [_sh(1329, 4, 4), _sh(1329, 4, 7)]
    text = "نبرد از ۲۹ اسفند و ۱ فروردین ۱۳۳۰ ادامه یافت."  # the month before Farvardin is last year's
    assert [p.first.iso() for p in parse_dates(text, "fa")] == [_sh(1329, 12, 29), _sh(1330, 1, 1)]
    text = "در ۲۵ ژوئن و ۲۸ ژوئن ۱۹۵۰ جنگیدند."
    assert [p.first.iso() for p in parse_dates(text, "fa")] == ["1950-06-25", "1950-06-28"]


def test_a_range_with_its_own_year_keeps_it() -> None:
    text = "از ۲۵ ژوئن تا ۲ ژوئیه ۱۹۵۰ و ۳ ژوئیه ۱۹۵۱ جنگیدند."
    assert [(p.first.iso(), p.last.iso() if p.last else None) for p in parse_dates(text, "fa")] == [
        ("1950-06-25", "1950-07-02"),
        ("1951-07-03", None),
    ]


def test_a_year_does_not_cross_a_sentence_end() -> None:
    """۴ تیر in a sentence of its own has no year; the next sentence's ۱۳۲۹ does not lend it one."""
    assert [p.surface for p in parse_dates("در ۴ تیر حمله شد. در ۷ تیر ۱۳۲۹ سئول سقوط کرد.", "fa")] == [
        "۷ تیر ۱۳۲۹"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "۲/۵ میلیون",
        "ساعت ۱۰.۳۰",
        "۳/۴/۵",
        "۱۲/۱۲/۱۲",
        "شماره ۱۲۳۴/۵/۶",
        "لشکر ۲۴ و ۲۵ آمریکا",
        "تیر ماه‌ها",
        "۱۳۲۹/۱۲/۳۱",
        "گروه ۴ و ۵ می جنگیدند",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert parse_dates(text, "fa", 1950) == []

"""Chinese date forms: full, partial, ranges, parts of months, times, Chinese numerals."""

from __future__ import annotations

import pytest

from warmap.chronology.dates import parse_dates


def _one(text: str, context_year: int | None = None):
    found = parse_dates(text, "zh", context_year)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1950年6月25日", "1950-06-25", None),
        ("１９５０年６月２５日", "1950-06-25", None),
        ("一九五〇年十月二十五日", "1950-10-25", None),
        ("一九五三年七月二十七日", "1953-07-27", None),
        ("1951年4月", "1951-04", None),
        ("1950年", "1950", None),
        ("1950年11月25日－12月24日", "1950-11-25", "1950-12-24"),
        ("1950年6月25日－1953年7月27日", "1950-06-25", "1953-07-27"),
        ("1951年7月10日至15日", "1951-07-10", "1951-07-15"),
        ("1950年6至7月間", "1950-06", "1950-07"),
        ("1949年7月至1950年8月", "1949-07", "1950-08"),
        ("1950年12月31日－1月2日", "1950-12-31", "1951-01-02"),
    ],
)
def test_explicit_dates_and_ranges(text: str, first: str, last: str | None) -> None:
    found = _one(text)
    assert found.first.iso() == first
    assert (found.last.iso() if found.last else None) == last
    assert found.surface == text.rstrip("間")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("6月25日", "1951-06-25", None),
        ("3月7日－4月4日", "1951-03-07", "1951-04-04"),
        ("8月18日－9月18日", "1951-08-18", "1951-09-18"),
        ("十二月", "1951-12", None),
        ("二十七日", None, None),  # a bare day in Chinese numerals is "twenty-seven days" too often
    ],
)
def test_partial_dates_take_the_context_year(text: str, first: str | None, last: str | None) -> None:
    found = parse_dates(text, "zh", 1951)
    if first is None:
        assert found == []
        return
    assert [(f.first.iso(), f.last.iso() if f.last else None) for f in found] == [(first, last)]


def test_a_bare_day_takes_the_month_and_a_small_month_rolls_the_year() -> None:
    text = (
        "1950年12月31日，中朝兩軍发起第三次战役；至1月2日，志愿军突入。1月3日15时开始撤离。28日，会议召开。"
    )
    found = parse_dates(text, "zh")
    assert [f.first.iso() for f in found] == ["1950-12-31", "1951-01-02", "1951-01-03", "1951-01-28"]
    assert found[2].first.time == "15:00"


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("1951年4月上旬", "early"),
        ("5月中旬", "mid"),
        ("11月下旬", "late"),
        ("10月初", "start"),
        ("1953年11月底", "end"),
        ("1948年底", "end"),
        ("1950年春", "spring"),
        ("1950年下半年", "second-half"),
    ],
)
def test_parts_of_months_and_years_keep_the_reduced_precision(text: str, part: str) -> None:
    found = _one(text, 1951)
    assert found.first.part == part
    assert found.first.day is None
    assert len(found.first.iso()) in (4, 7)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("6月25日（星期日）凌晨", "凌晨"),
        ("6月25日晚", "晚"),
        ("1月3日15时", "15:00"),
        ("5月16日黃昏", "黃昏"),
        ("9月13日凌晨5时30分", "05:30"),
        ("6月30日早8点整", "08:00"),
        ("7月10日11時", "11:00"),
        ("1953年7月27日上午10時", "10:00"),
        ("7月27日22点整", "22:00"),
        ("2010年6月26日下午3时", "15:00"),
    ],
)
def test_times_of_day_are_kept(text: str, time: str) -> None:
    found = _one(text, 1950)
    assert found.first.time == time
    assert found.first.day is not None
    assert found.surface == text


def test_same_day_words_repeat_the_last_date() -> None:
    found = parse_dates("10月1日，韩国部队进入朝鲜。同日，金日成致信。", "zh", 1950)
    assert [(f.surface, f.first.iso()) for f in found] == [("10月1日", "1950-10-01"), ("同日", "1950-10-01")]


@pytest.mark.parametrize(
    "text",
    [
        "1950年代",
        "90年代",
        "3个月",
        "2-3個月",
        "第一次战役",
        "24小時",
        "共8个师",
        "有一日",
        "五六个师",
        "第39、第50军",
        "B-29轰炸机",
        "1.2万余平方千米",
        "30天",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert parse_dates(text, "zh", 1950) == []


def test_without_any_year_a_partial_date_is_dropped() -> None:
    assert parse_dates("6月25日凌晨", "zh") == []


def test_spans_point_into_the_string() -> None:
    text = "在苏联和中国支持下，金日成在1950年6月25日发动战争，在三天之内攻下汉城。"
    (found,) = parse_dates(text, "zh")
    assert text[found.start : found.end] == "1950年6月25日"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("從1950年11月27日持續至12月24日", "1950年11月27日持續至12月24日"),
        ("从1950年11月27日持续到12月24日", "1950年11月27日持续到12月24日"),
        ("自1950年11月27日至12月24日", "1950年11月27日至12月24日"),
        ("戰鬥自1950年11月27日一直持續到12月24日", "1950年11月27日一直持續到12月24日"),
        ("1950年11月27日延续至12月24日", "1950年11月27日延续至12月24日"),
        ("1950年11月27日直至12月24日", "1950年11月27日直至12月24日"),
    ],
)
def test_from_until_words_make_a_range(text: str, surface: str) -> None:
    """從…持續至…, 从…持续到…, 自…至…: a battle's span, not its first day alone."""
    found = _one(text)
    assert (found.first.iso(), found.last.iso() if found.last else None) == ("1950-11-27", "1950-12-24")
    assert found.surface == surface


def test_next_day_words_count_from_the_day_just_named() -> None:
    """次日, 翌日: the day after the last date, across a month's end; a time of day stays with it."""
    found = parse_dates("11月28日，穿插至三所里，次日又占领龙源里。11月30日夜；翌日凌晨撤出。", "zh", 1950)
    assert [(f.surface, f.first.iso(), f.first.time) for f in found] == [
        ("11月28日", "1950-11-28", None),
        ("次日", "1950-11-29", None),
        ("11月30日夜", "1950-11-30", "夜"),
        ("翌日凌晨", "1950-12-01", "凌晨"),
    ]


def test_next_day_needs_a_day_to_count_from() -> None:
    assert parse_dates("1950年11月，次日", "zh")[1:] == []


def test_same_month_takes_the_month_just_named() -> None:
    """同月二十日, 同月中旬: a day or part of the month last named, in its year."""
    found = parse_dates("1953年7月13日晚。同月二十七日上午十時簽字。1950年12月6日。同月中旬撤退。", "zh")
    assert [(f.surface, f.first.iso(), f.first.part) for f in found] == [
        ("1953年7月13日晚", "1953-07-13", None),
        ("同月二十七日上午十時", "1953-07-27", None),
        ("1950年12月6日", "1950-12-06", None),
        ("同月中旬", "1950-12", "mid"),
    ]
    assert parse_dates("同月的战斗", "zh", 1950) == []  # 同月 with no day or part names no date


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("民國39年6月25日", "1950-06-25"),
        ("民国三十九年六月二十五日", "1950-06-25"),
        ("民國卅九年十月廿五日", "1950-10-25"),
        ("中華民國四十二年七月二十七日", "1953-07-27"),
        ("民國40年1月", "1951-01"),
        ("民國元年", "1912"),
    ],
)
def test_republic_of_china_years_count_from_1912(text: str, first: str) -> None:
    """民國39年 = 1950 (year + 1911): Taiwanese texts date the war by the Minguo calendar."""
    found = _one(text)
    assert (found.first.iso(), found.last) == (first, None)
    assert found.surface == text.removeprefix("中華")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("一九五〇年六月廿五日", "1950-06-25"),
        ("一九五○年十一月廿七日", "1950-11-27"),
        ("一九五三年七月廿七日", "1953-07-27"),
        ("一九五〇年十二月卅一日", "1950-12-31"),
        ("一九五一年一月卅日", "1951-01-30"),
    ],
)
def test_contracted_tens_and_circle_zero_keep_the_day(text: str, first: str) -> None:
    """廿 = 20, 卅 = 30, ○ for 〇: 六月廿五日 is 25 June, not June alone."""
    found = _one(text)
    assert found.first.iso() == first
    assert found.surface == text


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1950/6/25", "1950-06-25", None),
        ("1950.6.25", "1950-06-25", None),
        ("1950-06-25", "1950-06-25", None),
        ("1950/6/25–6/28", "1950-06-25", "1950-06-28"),
        ("1950/6/25-28", "1950-06-25", "1950-06-28"),
        ("1950.6.25—1953.7.27", "1950-06-25", "1953-07-27"),
        ("1950-11-27至12-24", "1950-11-27", "1950-12-24"),
    ],
)
def test_numeric_dates_in_chinese_text(text: str, first: str, last: str | None) -> None:
    (found,) = parse_dates(f"北韓軍隊於{text}越過三八線。", "zh")
    assert (found.first.iso(), found.last.iso() if found.last else None) == (first, last)
    assert found.surface == text


@pytest.mark.parametrize(
    "text",
    ["1950/13/25", "1950.6.25.1", "http://example.org/2010/06/25/a", "1950-6-25/a"],
)
def test_numeric_strings_that_are_not_dates(text: str) -> None:
    assert [f.surface for f in parse_dates(text, "zh")] == []


@pytest.mark.parametrize(
    ("text", "first", "last", "part"),
    [
        ("1952年秋季", "1952", None, "autumn"),
        ("一九五三年夏季", "1953", None, "summer"),
        ("1951年夏秋季", "1951", None, "summer"),
        ("民國39年冬", "1950", None, "winter"),
        ("1950年冬至1951年春", "1950", "1951", "winter"),
    ],
)
def test_a_season_is_a_part_of_its_year(text: str, first: str, last: str | None, part: str) -> None:
    """1953年夏季 stays 1953 (part summer), its whole written form taken: Chinese accounts use seasons
    loosely (the 1953 summer campaign began 13 May), so no span of months is made up (the season rows of the zh pack's dates.csv)."""
    found = _one(text)
    assert (found.first.iso(), found.last.iso() if found.last else None) == (first, last)
    assert found.first.part == part
    assert found.surface == text


def test_a_season_keeps_the_heading_year_of_a_section() -> None:
    """A season in a {{main|…}} title still gives the section its year: a one-point date, not a range."""
    (found,) = parse_dates("朝鲜战争1951年夏秋季战役", "zh")
    assert (found.first.iso(), found.last) == ("1951", None)


def test_same_year_takes_the_year_in_force() -> None:
    """同年十月, 是年6月, 當年6月下旬: a month of the year last named; 當年 alone is no date."""
    text = "1950年6月25日，戰爭爆發。同年十月，志願軍入朝。1951年1月4日。是年6月下旬，談判。當年的事。"
    found = parse_dates(text, "zh")
    assert [(f.surface, f.first.iso(), f.first.part) for f in found] == [
        ("1950年6月25日", "1950-06-25", None),
        ("同年十月", "1950-10", None),
        ("1951年1月4日", "1951-01-04", None),
        ("是年6月下旬", "1951-06", "late"),
    ]
    assert parse_dates("同年十月", "zh") == []  # no year in force, no date


@pytest.mark.parametrize(
    "text",
    ["六·二五战争", "6·25战争", "六二五战争", "6.25战争", "韓國稱之為「六·二五事變」", "6・25戰爭"],
)
def test_the_korean_name_of_the_war_is_not_a_date(text: str) -> None:
    """六·二五 names the war (the Korean 6.25 war); it dates no event."""
    assert parse_dates(text, "zh", 1951) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1950年12月25日，志愿军攻击。同年冬，美军撤退", ("1950", "winter")),
        ("1950年10月25日，志愿军入朝。是年夏，美军登陆", ("1950", "summer")),
        ("1950年12月25日，志愿军攻击。同年2月，美军撤退", ("1950-02", None)),  # no rollover after 同年
        ("1950年10月25日，志愿军入朝。次年1月4日，攻占汉城", ("1951-01-04", None)),
        ("1950年10月25日，志愿军入朝。翌年春，美军反攻", ("1951", "spring")),
        ("1950年10月25日，志愿军入朝。第二年7月，停战谈判开始", ("1951-07", None)),
        ("1951年7月10日，谈判开始。前一年6月，战争爆发", ("1950-06", None)),
        ("1951年7月10日，谈判开始。上年10月，志愿军入朝", ("1950-10", None)),
        ("1950年10月25日，志愿军入朝。次年初，志愿军攻占汉城", ("1951", "start")),
        ("1950年6月25日，战争爆发。同年底，志愿军推进至三八线", ("1950", "end")),
    ],
)
def test_relative_years_take_the_year_in_force(text: str, expected: tuple[str, str | None]) -> None:
    found = parse_dates(text, "zh")
    assert (found[-1].first.iso(), found[-1].first.part) == expected


def test_relative_years_need_a_year_in_force() -> None:
    assert parse_dates("同年冬，美军撤退", "zh") == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1950年11月25、26、27日，志愿军发起攻击", "1950-11-25", "1950-11-27"),
        ("1950年11月二十五、六日，志愿军发起攻击", "1950-11-25", "1950-11-26"),
    ],
)
def test_consecutive_listed_days_are_one_stretch(text: str, first: str, last: str) -> None:
    assert _one(text).iso() == (first, last)


def test_listed_days_apart_are_separate_dates() -> None:
    assert [p.iso() for p in parse_dates("1950年11月4、9日，志愿军发起攻击", "zh")] == [
        ("1950-11-04", None),
        ("1950-11-09", None),
    ]


@pytest.mark.parametrize("text", ["1950-1953年", "1950—1953年", "一九五〇至一九五三年", "1950～1953年"])
def test_a_span_of_years_with_one_year_sign(text: str) -> None:
    assert _one(text).iso() == ("1950", "1953")

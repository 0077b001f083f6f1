"""Date forms that real accounts of the war write and warmap once missed (issue 12, "Dates that real
texts use"): US numeric dates, abbreviated months, Chinese ranges written with the month once, and
years carried from the nearest dated context. Each sentence says where it was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from warmap.chronology import date_forms
from warmap.chronology.date_points import full_year
from warmap.chronology.dates import find_dates, parse_dates
from warmap.model import Document, Section, Source
from warmap.reading.normalize import match_form

DEVSET = Path(__file__).resolve().parent / "devset" / "texts"


def _iso(text: str, lang: str, context_year: int | None = None, years=None) -> list[tuple[str, str | None]]:
    if years is None:
        return [found.iso() for found in parse_dates(text, lang, context_year)]
    return [found.iso() for found in parse_dates(text, lang, context_year, years=years)]


def _plain(text: str, lang: str, sections=()) -> Document:
    match_text, match_offsets = match_form(text)
    return Document(
        source=Source(name="t.txt", text=text, lang=lang, format="plain"),
        text=text,
        offsets=list(range(len(text) + 1)),
        match_text=match_text,
        match_offsets=match_offsets,
        sections=list(sections),
    )


# ------------------------------------------------------------------ US numeric dates
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms issue 12 quotes from the held-out check of third-party English accounts
        ("the Chinese struck on 11/27/50 at the reservoir", [("1950-11-27", None)]),
        ("Hagaru-ri was held on 12/3/1950 by the Marines", [("1950-12-03", None)]),
        ("the division was to reach Hungnam by 12/15.", [("1950-12-15", None)]),
        ("the breakout, 11/27–12/11/50, cost", [("1950-11-27", "1950-12-11")]),
        ("from 11/27 to 12/11/50 the Marines fought", [("1950-11-27", "1950-12-11")]),
    ],
)
def test_us_numeric_dates_read_month_first(text: str, expected: list) -> None:
    """The en pack says month/day/year (``date_numeric_order``); a numeric date keeps its precision."""
    assert _iso(text, "en", 1950) == expected


def test_a_two_digit_year_falls_in_the_span_given() -> None:
    """A two-digit year is read in the century nearest the war's span, whatever the span."""
    assert full_year(50, (1950, 1953)) == 1950
    assert full_year(95, (1894, 1895)) == 1895
    assert full_year(3, (1999, 2003)) == 2003
    assert _iso("wounded on 8/4/95 near the coast", "en", years=(1894, 1895)) == [("1895-08-04", None)]


@pytest.mark.parametrize(
    "text",
    [
        # real text that is not a date: pin numbers, a URL path, a fraction, a tank's name
        "**Power-pin summary:** VDD ×5 (11/27/50/75/100), VSS ×4 (10/26/49/74)",  # an MCU pin table
        "MCU power pins 11/27/50/75/100 + various decap pads + IMU LDO.",  # a PCB work list
        "https://www.npr.org/sections/thetwo-way/2016/11/27/503502142/people-donated",
        "North Korean T-34/85 tanks crossed the parallel",  # en-wiki-osan (devset)
        "about 3/4 of the battalion was lost",
        "a month and day with nothing before it: 12/15 was cold",
    ],
)
def test_numbers_with_slashes_that_are_not_numeric_dates(text: str) -> None:
    assert [p for p in parse_dates(text, "en", 1950) if "/" in p.surface] == []


# ------------------------------------------------------------------ abbreviated months
@pytest.mark.parametrize(
    ("text", "context_year", "expected"),
    [
        # news items on the Chosin dead, quoted in https://cyhsjz2024.top/news/search?q=Chosin+Reservoir+MSR
        (
            "Clifton was a 17-year-old private first class when he went missing Dec. 11, 1950, on the arduous "
            "journey out of the Chosin Reservoir in North Korea.",
            None,
            [("1950-12-11", None)],
        ),
        (
            "U.S. Navy pilot Jesse Brown was shot down over North Korea on Dec. 4, 1950.",
            None,
            [("1950-12-04", None)],
        ),
        # a soldier's letter of 20 January 1951 (Carroll, War Letters; https://trantor.is/content/939iQtSh86KmWRq3)
        ("I got a letter from you that you wrote Jan. 8.", 1951, [("1951-01-08", None)]),
        # tests/fixtures/unseen/en-mr-1950.txt
        ("X Corps landed at Inch'on on Sept. 15, 1950.", None, [("1950-09-15", None)]),
        # the abbreviation without its point, as the Chicago Manual's list writes it (10.41)
        ("the 24th Division fell back to the Kum by Aug 5 and", 1950, [("1950-08-05", None)]),
    ],
)
def test_abbreviated_months(text: str, context_year: int | None, expected: list) -> None:
    assert _iso(text, "en", context_year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Battle of the Pusan Perimeter's infobox as copied by Wikipedia mirrors: the Date label glued to
        # its value (https://wikiclassic.com/wiki/Battle_of_the_Pusan_Perimeter; an old revision,
        # https://en.wikipedia.org/?title=Battle_of_the_Pusan_Perimeter&oldid=451764222; an IPFS copy
        # that lost the dash, https://cloudflare-ipfs.com/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/Pusan_Perimeter.html)
        ("Date4 August – 18 September 1950", [("1950-08-04", "1950-09-18")]),
        ("DateAugust 4 – September 18, 1950", [("1950-08-04", "1950-09-18")]),
        ("DateAugust 4  September 18, 1950", [("1950-08-04", None), ("1950-09-18", None)]),
        # English Wikipedia, Battle of Pork Chop Hill (devset en-wiki-pork-chop-hill)
        ("Date16–18 April / 6–11 July 1953", [("1953-04-16", "1953-04-18"), ("1953-07-06", "1953-07-11")]),
    ],
)
def test_an_infobox_label_glued_to_its_date(text: str, expected: list) -> None:
    """The glued label is a pack row (glued_label); a word that merely ends in it is no label."""
    assert _iso(text, "en") == expected
    assert _iso("Update4 August 1950", "en") == [("1950-08", None)]  # no day 4


# ------------------------------------------------------------------ Chinese ranges sharing a month
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1951年4月22至25日", "1951-04-22", "1951-04-25"),
        ("1951年4月22日至25日", "1951-04-22", "1951-04-25"),
        ("1951年4月22—25日", "1951-04-22", "1951-04-25"),
        ("1951年4月22-25日", "1951-04-22", "1951-04-25"),
        # a reference title of the bundled zh article (中國共產黨新聞): 中央政治局擴大會議(1950年10月4-5日)
        ("中央政治局擴大會議(1950年10月4-5日)", "1950-10-04", "1950-10-05"),
        ("1950年11月27至12月24日", "1950-11-27", "1950-12-24"),
    ],
)
def test_a_chinese_range_may_write_its_month_once(text: str, first: str, last: str) -> None:
    assert _iso(text, "zh") == [(first, last)]


def test_a_shared_month_range_in_running_text() -> None:
    """From a public event note: "9月22至25日美国利率与9月23至28日A股日线" — two ranges, year in force."""
    assert _iso("9月22至25日美国利率与9月23至28日A股日线", "zh", 1951) == [
        ("1951-09-22", "1951-09-25"),
        ("1951-09-23", "1951-09-28"),
    ]


def test_a_bare_number_after_a_month_without_a_day_word_is_no_range() -> None:
    assert _iso("6月1-2次", "zh", 1951) == [("1951-06", None)]


# ------------------------------------------------------------------ years from the nearest dated context
def test_a_partial_date_before_any_year_takes_the_next_stated_year() -> None:
    """The infobox line of English Wikipedia's Battle of Pork Chop Hill (devset): the April battle's
    days carry no year but the July battle's do, and so does DPMO release 587-08 (11 July 2008)."""
    text = (DEVSET / "en-wiki-pork-chop-hill.txt").read_text(encoding="utf-8")
    dates = {
        (m.surface, m.first.iso(), m.last.iso() if m.last else None) for m in find_dates(_plain(text, "en"))
    }
    assert ("16–18 April", "1953-04-16", "1953-04-18") in dates
    release = (
        "On Nov. 1, elements of two Chinese Communist divisions struck the 1st Cavalry Division's lines, "
        "collapsing the perimeter and forcing a withdrawal. White was reported missing on Nov. 2, 1950."
    )
    assert [m.first.iso() for m in find_dates(_plain(release, "en"))] == ["1950-11-01", "1950-11-02"]


def test_a_range_whose_year_follows_after_a_dash() -> None:
    """http://txdevildog.com/chosin-reservoir/: "the battle of the Chosin Reservoir in Korea – during the
    dates of November 27 – December 11 – 1950": the range takes the year written after it."""
    text = (
        "the battle of the Chosin Reservoir in Korea – during the dates of November 27 – December 11 – 1950"
    )
    assert _iso(text, "en")[0] == ("1950-11-27", "1950-12-11")


def test_a_chinese_caption_before_the_dated_infobox_line() -> None:
    """zh.wikipedia 釜山環形防禦圈戰役 (devset): the caption's 9月4日 comes before 日期1950年8月4日至9月18日."""
    text = (DEVSET / "zh-hant-wiki-pusan-perimeter.txt").read_text(encoding="utf-8")
    dates = [(m.surface, m.first.iso()) for m in find_dates(_plain(text, "zh"))]
    assert dates[0] == ("9月4日", "1950-09-04")


def test_december_told_before_a_january_date_is_the_year_before() -> None:
    assert _iso("12月14日，美国决定扩大征兵计划。1951年1月4日，志愿军占领汉城。", "zh") == [
        ("1950-12-14", None),
        ("1951-01-04", None),
    ]


def test_the_next_stated_year_is_only_that_of_the_same_section() -> None:
    text = "On September 26 the Marines entered the city.\n== Later ==\nThe war ended on 27 July 1953.\n"
    sections = [Section("Later", 2, text.index("== Later"), len(text), heading_end=text.index("The war"))]
    assert [m.first.iso() for m in find_dates(_plain(text, "en", sections))] == ["1953-07-27"]


def test_a_month_only_title_line_leaves_the_body_range_day_precise() -> None:
    """A title line naming only a month and a body range (made from en-wiki-kapyong's title and dates):
    each keeps its own precision, and the body's days come from the body, not the title."""
    text = "Battle of Kapyong, April 1951\n\nThe battle was fought on 22–25 April between UN and Chinese forces.\n"
    found = [(m.first.iso(), m.last.iso() if m.last else None) for m in find_dates(_plain(text, "en"))]
    assert found == [("1951-04", None), ("1951-04-22", "1951-04-25")]


def test_numeric_dates_are_pack_data() -> None:
    """The numeric reading is the pack's: a pack without numeric separators reads no 11/27/50."""
    pack = date_forms.languages.pack("en")
    assert pack.setting("date_numeric_order") == "mdy"
    assert "/" in pack.words("dates", "numeric_separator")


def test_a_month_only_title_never_overrides_the_body_range_of_an_event() -> None:
    """End to end: a title line naming only the month and a body range that writes its month once (the
    forms above, put together for this test). The battle keeps the body's days, 22–25 April, where the
    range once broke into 1951年4月 and 25日 and the event started on the 23rd."""
    from warmap.campaign import Campaign
    from warmap.sources import source_from_text

    text = "加平戰鬥（1951年4月）\n\n加平戰鬥於1951年4月22至25日在加平以北的峽谷展開。志願軍於4月23日攻擊加平。\n"
    campaign = Campaign.from_sources([source_from_text("kapyong.txt", text)], offline=True, stages="events")
    battles = [e.to_json() for e in campaign.events if e.type == "battle"]
    assert [(b["start"], b["end"]) for b in battles] == [("1951-04-22", "1951-04-25")]

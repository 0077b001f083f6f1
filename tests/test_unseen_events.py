"""``warmap events`` on unseen accounts: the right kind of event, at the right place, on the right day.

Each row is what a historian reads in the text: a battle over a span of days, a
landing, a capture, a withdrawal, the armistice. The Persian account gives only
Solar Hijri dates; the Gregorian day expected is computed here with jdatetime,
never by hand. A row is met by one event of an accepted type whose start (and
end, when the text gives it) is that day and whose geometry passes within
``km`` of the true spot.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import jdatetime
import pytest
from test_unseen_common import UNSEEN, json_output, km_from, run_many, source_text

DOCS = (
    "zh-hant-chipyongni.txt",
    "zh-hant-changjin.txt",
    "zh-hant-1952-hills.txt",
    "zh-hant-imjin.txt",
    "zh-hans-changjin.wikitext",
    "zh-hans-fourth-campaign.wikitext",
    "fa-solar-hijri.txt",
    "en-chipyongni-inchon.txt",
    "zh-hant-fifth-campaign.txt",
    "zh-hant-1953-summer.txt",
    "zh-hans-1950-campaigns.txt",
    "fa-solar-1329.txt",
    "fa-both-calendars.txt",
    "en-mr-1950.txt",
    "en-1950-summer-winter.txt",
    "fa-numeric-mah.txt",
    "zh-hant-minguo.txt",
)
TYPES = {"battle", "operation", "offensive", "landing", "capture", "withdrawal", "crossing", "air"}
TYPES |= {"massacre", "negotiation", "armistice", "other"}
FIGHT = frozenset({"battle", "offensive", "operation"})
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SOLAR_MONTHS = {6: "شهريور", 7: "مهر", 9: "آذر", 10: "دي", 5: "مرداد"}  # as the fixture spells them

# True spots (lat, lon), as in test_unseen_places.py.
SEOUL, INCHEON, PYONGYANG = (37.566, 126.978), (37.456, 126.705), (39.019, 125.738)
WONSAN, HUNGNAM, CHOSIN, SINHUNG_NI = (39.153, 127.443), (39.832, 127.618), (40.498, 127.202), (40.44, 127.29)
CHIPYONG_NI, HOENGSEONG, PANMUNJOM = (37.475, 127.637), (37.49, 127.985), (37.956, 126.677)
TRIANGLE_HILL, WHITE_HORSE_HILL, GLOSTER_HILL = (38.317, 127.467), (38.28, 127.18), (37.935, 126.941)
# GeoNames towns (geonames.org): Gapyeong 1843082, Osan 1839652, Daejeon 1835235, Kaesong 1876373,
# Tokchon 1868144, Kaechon (Kunu-ri, the town at the road junction) 1876401, Manpo 2039301 (the
# 38th and 42nd Armies crossed the Yalu at Ji'an/Manpo on 19 Oct 1950), Pyeongtaek 1838343, Wonju 1833105,
# Daegu 1835329, Cheorwon 1845388 (the wartime town stood a few km north of it).
GAPYEONG, OSAN, DAEJEON, KAESONG = (37.831, 127.510), (37.152, 127.070), (36.349, 127.385), (37.971, 126.554)
TOKCHON, KUNU_RI, MANPO = (39.753, 126.258), (39.701, 125.893), (41.146, 126.290)
PYEONGTAEK, WONJU, DAEGU, CHEORWON = (
    (36.995, 127.089),
    (37.351, 127.945),
    (35.870, 128.591),
    (38.209, 127.217),
)
# From the U.S. Army campaign volumes' maps (Appleman, South to the Naktong; Mossman, Ebb and Flow;
# Hermes, Truce Tent and Fighting Front) and Korean topographic maps: Hyeon-ri (Inje), Unsan, Kimpo
# airfield (today's Gimpo airport), Hagaru-ri at the south end of the Chosin Reservoir, Kumsong town,
# Heartbreak Ridge and Bloody Ridge north of the Punchbowl road at Yanggu, Pork Chop Hill west of Chorwon.
HYEON_RI, UNSAN, KIMPO = (37.95, 128.32), (39.96, 125.80), (37.558, 126.791)
HAGARU_RI, KUMSONG = (40.38, 127.25), (38.43, 127.58)
HEARTBREAK_RIDGE, BLOODY_RIDGE, PORK_CHOP_HILL = (38.30, 128.05), (38.25, 127.98), (38.18, 127.04)


@dataclass(frozen=True)
class Expected:
    doc: str
    what: str  # for the test id and the failure message
    types: frozenset[str]
    start: str  # ISO date, or a Solar Hijri "1329-06-24" when solar is True
    end: str | None
    at: tuple[float, float]
    km: float = 30
    solar: bool = False

    def gregorian(self) -> tuple[str, str | None]:
        if not self.solar:
            return self.start, self.end
        return _solar(self.start), _solar(self.end) if self.end else None


def _solar(value: str) -> str:
    year, month, day = map(int, value.split("-"))
    return jdatetime.date(year, month, day).togregorian().isoformat()


def _e(
    doc: str, what: str, types: set[str] | frozenset[str], start: str, end: str | None, at, **kw
) -> Expected:
    return Expected(doc, what, frozenset(types), start, end, at, **kw)


EXPECTED = [
    _e("zh-hant-chipyongni.txt", "chipyong-ni", {"battle"}, "1951-02-13", "1951-02-15", CHIPYONG_NI, km=15),
    _e("zh-hant-chipyongni.txt", "hoengseong", FIGHT, "1951-02-11", None, HOENGSEONG, km=15),
    _e("zh-hant-chipyongni.txt", "seoul-retaken", {"capture"}, "1951-03-15", None, SEOUL, km=15),
    _e("zh-hant-changjin.txt", "chosin", FIGHT, "1950-11-27", "1950-12-24", CHOSIN),
    _e("zh-hant-changjin.txt", "sinhung-ni", {"battle"}, "1950-12-01", None, SINHUNG_NI),
    _e("zh-hant-changjin.txt", "hungnam", {"withdrawal"}, "1950-12-24", None, HUNGNAM, km=15),
    _e("zh-hant-1952-hills.txt", "triangle-hill", FIGHT, "1952-10-14", "1952-11-25", TRIANGLE_HILL),
    _e("zh-hant-1952-hills.txt", "white-horse", {"battle"}, "1952-10-06", "1952-10-15", WHITE_HORSE_HILL),
    _e("zh-hant-imjin.txt", "imjin", {"battle"}, "1951-04-22", "1951-04-25", GLOSTER_HILL),
    _e("zh-hant-imjin.txt", "imjin-crossing", {"crossing"}, "1951-04-22", None, GLOSTER_HILL),
    _e("zh-hans-changjin.wikitext", "chosin", FIGHT, "1950-11-27", "1950-12-24", CHOSIN),
    _e("zh-hans-changjin.wikitext", "wonsan", {"landing"}, "1950-10-26", None, WONSAN, km=15),
    _e("zh-hans-changjin.wikitext", "hungnam", {"withdrawal"}, "1950-12-24", None, HUNGNAM, km=15),
    _e("zh-hans-fourth-campaign.wikitext", "hoengseong", FIGHT, "1951-02-11", None, HOENGSEONG, km=15),
    _e(
        "zh-hans-fourth-campaign.wikitext", "chipyong-ni", {"battle"}, "1951-02-13", "1951-02-15", CHIPYONG_NI
    ),
    _e("zh-hans-fourth-campaign.wikitext", "seoul-left", {"withdrawal"}, "1951-03-14", None, SEOUL, km=15),
    _e("zh-hans-fourth-campaign.wikitext", "seoul-retaken", {"capture"}, "1951-03-15", None, SEOUL, km=15),
    _e("fa-solar-hijri.txt", "inchon", {"landing"}, "1329-06-24", None, INCHEON, km=15, solar=True),
    _e("fa-solar-hijri.txt", "seoul-retaken", {"capture"}, "1329-07-06", None, SEOUL, km=15, solar=True),
    _e("fa-solar-hijri.txt", "pyongyang", {"capture"}, "1329-07-27", None, PYONGYANG, km=15, solar=True),
    _e("fa-solar-hijri.txt", "chosin", FIGHT, "1329-09-06", None, CHOSIN, solar=True),
    _e("fa-solar-hijri.txt", "seoul-lost", {"capture"}, "1329-10-14", None, SEOUL, km=15, solar=True),
    _e("fa-solar-hijri.txt", "armistice", {"armistice"}, "1332-05-05", None, PANMUNJOM, km=15, solar=True),
    _e("en-chipyongni-inchon.txt", "inchon", {"landing"}, "1950-09-15", None, INCHEON, km=15),
    _e("en-chipyongni-inchon.txt", "seoul-retaken", {"capture"}, "1950-09-28", None, SEOUL, km=15),
    _e("en-chipyongni-inchon.txt", "chipyong-ni", {"battle"}, "1951-02-13", "1951-02-15", CHIPYONG_NI, km=15),
    # the fifth campaign, 1951: 同日, 次日, 同月二十日 after a year written out in Chinese numerals
    _e("zh-hant-fifth-campaign.txt", "imjin-offensive", FIGHT, "1951-04-22", None, GLOSTER_HILL),
    _e("zh-hant-fifth-campaign.txt", "imjin-crossing", {"crossing"}, "1951-04-22", None, GLOSTER_HILL),
    _e("zh-hant-fifth-campaign.txt", "kapyong", {"battle"}, "1951-04-23", "1951-04-25", GAPYEONG, km=15),
    _e("zh-hant-fifth-campaign.txt", "hyeon-ri", FIGHT, "1951-05-16", None, HYEON_RI, km=15),
    _e("zh-hant-fifth-campaign.txt", "hyeon-ri-taken", {"capture"}, "1951-05-17", None, HYEON_RI, km=15),
    _e("zh-hant-fifth-campaign.txt", "cheorwon-retaken", {"capture"}, "1951-06-11", None, CHEORWON, km=15),
    # summer 1953: a battle whose end is told in a later sentence (金城戰役至27日結束), the armistice
    _e("zh-hant-1953-summer.txt", "pork-chop", {"battle"}, "1953-07-06", "1953-07-11", PORK_CHOP_HILL, km=25),
    _e(
        "zh-hant-1953-summer.txt", "pork-chop-left", {"withdrawal"}, "1953-07-11", None, PORK_CHOP_HILL, km=25
    ),
    _e("zh-hant-1953-summer.txt", "kumsong", FIGHT, "1953-07-13", "1953-07-27", KUMSONG, km=20),
    _e("zh-hant-1953-summer.txt", "kumsong-river", {"capture"}, "1953-07-14", None, KUMSONG, km=20),
    _e("zh-hant-1953-summer.txt", "armistice", {"armistice"}, "1953-07-27", None, PANMUNJOM, km=15),
    # 1950 in Simplified Chinese: 次日 twice, a Chinese-numeral range (一九五〇年十一月一日至二日)
    _e("zh-hans-1950-campaigns.txt", "yalu", {"crossing"}, "1950-10-19", None, MANPO),
    _e("zh-hans-1950-campaigns.txt", "unsan", {"battle"}, "1950-11-01", "1950-11-02", UNSAN, km=20),
    _e("zh-hans-1950-campaigns.txt", "tokchon", {"capture"}, "1950-11-26", None, TOKCHON, km=15),
    _e("zh-hans-1950-campaigns.txt", "yongwon-ri", {"capture"}, "1950-11-29", None, KUNU_RI, km=25),
    _e("zh-hans-1950-campaigns.txt", "songgol-bong", {"battle"}, "1950-11-30", None, KUNU_RI, km=25),
    _e("zh-hans-1950-campaigns.txt", "pyongyang", {"capture"}, "1950-12-06", None, PYONGYANG, km=15),
    # Persian, Solar Hijri only: سه روز بعد, a range (۲۳ تیر تا ۳۰ تیر), تير with Arabic ي
    _e("fa-solar-1329.txt", "seoul-fell", {"capture"}, "1329-04-07", None, SEOUL, km=15, solar=True),
    _e("fa-solar-1329.txt", "osan", {"battle"}, "1329-04-14", None, OSAN, km=15, solar=True),
    _e("fa-solar-1329.txt", "taejon", {"battle"}, "1329-04-23", "1329-04-30", DAEJEON, km=15, solar=True),
    _e("fa-solar-1329.txt", "taejon-fell", {"capture"}, "1329-04-30", None, DAEJEON, km=15, solar=True),
    _e(
        "fa-solar-1329.txt",
        "heartbreak",
        {"battle"},
        "1330-06-21",
        "1330-07-22",
        HEARTBREAK_RIDGE,
        km=20,
        solar=True,
    ),
    # Persian with both calendars: ۲۶ مرداد ۱۳۳۰ (۱۸ اوت ۱۹۵۱) تا ۱۳ شهریور ۱۳۳۰ (۵ سپتامبر ۱۹۵۱); نبرد تا … ادامه یافت
    _e("fa-both-calendars.txt", "kaesong-talks", {"negotiation"}, "1951-07-10", None, KAESONG, km=15),
    _e("fa-both-calendars.txt", "bloody-ridge", {"battle"}, "1951-08-18", "1951-09-05", BLOODY_RIDGE, km=20),
    _e("fa-both-calendars.txt", "panmunjom-talks", {"negotiation"}, "1951-10-25", None, PANMUNJOM, km=15),
    _e("fa-both-calendars.txt", "pork-chop", FIGHT, "1953-04-16", "1953-04-18", PORK_CHOP_HILL, km=25),
    _e("fa-both-calendars.txt", "pork-chop-left", {"withdrawal"}, "1953-07-11", None, PORK_CHOP_HILL, km=25),
    _e("fa-both-calendars.txt", "armistice", {"armistice"}, "1953-07-27", None, PANMUNJOM, km=15),
    # Persian, numeric dates and ماه: ۱۳۲۹/۰۴/۰۴, ۱۵/۹/۱۹۵۰, ۱۳۲۹-۰۷-۲۷, ۲۷/۱/۱۳۳۲ ه.ش, مهرماه, دی‌ماه (a month's
    # span), امردادماه, listed days (۲۴، ۲۵ و ۲۶ بهمن), a year named once for two days (۲۳ اسفند … ۲۴ اسفند ۱۳۲۹)
    # the invasion is "an attack on South Korea": the country, drawn at its centre ~170 km south-east of Seoul
    _e("fa-numeric-mah.txt", "invasion", {"offensive"}, "1329-04-04", None, SEOUL, km=200, solar=True),
    _e("fa-numeric-mah.txt", "seoul-fell", {"capture"}, "1329-04-07", None, SEOUL, km=15, solar=True),
    _e("fa-numeric-mah.txt", "inchon", {"landing"}, "1950-09-15", None, INCHEON, km=15),
    _e("fa-numeric-mah.txt", "seoul-retaken", {"capture"}, "1329-07-06", None, SEOUL, km=15, solar=True),
    _e("fa-numeric-mah.txt", "pyongyang", {"capture"}, "1329-07-27", None, PYONGYANG, km=15, solar=True),
    _e("fa-numeric-mah.txt", "chosin", {"battle"}, "1329-09-06", "1329-09-22", CHOSIN, solar=True),
    _e("fa-numeric-mah.txt", "seoul-lost", {"capture"}, "1329-10-01", "1329-10-30", SEOUL, km=15, solar=True),
    # ۲۴، ۲۵ و ۲۶ بهمن ۱۳۲۹: three days in a row, one stretch (13–15 February 1951)
    _e("fa-numeric-mah.txt", "chipyong-ni", {"battle"}, "1329-11-24", "1329-11-26", CHIPYONG_NI, km=15, solar=True),
    _e("fa-numeric-mah.txt", "han", {"crossing"}, "1329-12-23", None, SEOUL, km=25, solar=True),
    _e("fa-numeric-mah.txt", "seoul-again", {"capture"}, "1329-12-24", None, SEOUL, km=15, solar=True),
    _e("fa-numeric-mah.txt", "kaesong-talks", {"negotiation"}, "1951-07-10", None, KAESONG, km=15),
    _e("fa-numeric-mah.txt", "pork-chop", FIGHT, "1332-01-27", None, PORK_CHOP_HILL, km=25, solar=True),
    _e("fa-numeric-mah.txt", "armistice", {"armistice"}, "1332-05-05", None, PANMUNJOM, km=15, solar=True),
    # English with McCune-Reischauer spellings, "Sept. 15, 1950", "15–19 September", "early October"
    _e("en-mr-1950.txt", "inchon", {"landing"}, "1950-09-15", None, INCHEON, km=15),
    _e("en-mr-1950.txt", "kimpo", FIGHT, "1950-09-15", "1950-09-19", KIMPO, km=15),
    _e("en-mr-1950.txt", "han", {"crossing"}, "1950-09-20", None, SEOUL, km=25),
    _e("en-mr-1950.txt", "pusan-breakout", {"offensive"}, "1950-09-16", None, DAEGU, km=120),
    _e("en-mr-1950.txt", "parallel", {"crossing"}, "1950-10", None, KAESONG, km=50),
    _e("en-mr-1950.txt", "pyongyang", {"capture"}, "1950-10-19", None, PYONGYANG, km=15),
    _e("en-mr-1950.txt", "chongchon", {"battle"}, "1950-11-25", "1950-12-02", KUNU_RI, km=30),
    _e("en-mr-1950.txt", "kunu-ri", {"withdrawal"}, "1950-11-30", None, KUNU_RI, km=15),
    _e("en-mr-1950.txt", "hagaru-ri", {"withdrawal"}, "1950-12-06", None, HAGARU_RI, km=20),
    _e("en-mr-1950.txt", "hungnam", {"withdrawal"}, "1950-12-24", None, HUNGNAM, km=15),
    _e("en-mr-1950.txt", "seoul-lost", {"capture"}, "1951-01-04", None, SEOUL, km=15),
    # English, summer to winter 1950: a date after the verb, "three days later", a landing clause before
    # the capture's own ("After the landing at Inchon on 15 September 1950, X Corps recaptured Seoul on
    # 28 September"), "lost Taejon", "the parallel" again, a relative clause ("Hungnam, which was evacuated")
    _e("en-1950-summer-winter.txt", "parallel-june", {"crossing"}, "1950-06-25", None, KAESONG, km=50),
    _e("en-1950-summer-winter.txt", "seoul-fell", {"capture"}, "1950-06-28", None, SEOUL, km=15),
    _e("en-1950-summer-winter.txt", "osan", FIGHT, "1950-07-05", None, OSAN, km=15),
    _e("en-1950-summer-winter.txt", "taejon-lost", {"capture"}, "1950-07-20", None, DAEJEON, km=15),
    _e("en-1950-summer-winter.txt", "inchon", {"landing"}, "1950-09-15", None, INCHEON, km=15),
    _e("en-1950-summer-winter.txt", "seoul-retaken", {"capture"}, "1950-09-28", None, SEOUL, km=15),
    _e("en-1950-summer-winter.txt", "parallel-october", {"crossing"}, "1950-10", None, KAESONG, km=50),
    _e("en-1950-summer-winter.txt", "pyongyang", {"capture"}, "1950-10-19", None, PYONGYANG, km=15),
    _e("en-1950-summer-winter.txt", "unsan", FIGHT, "1950-11", None, UNSAN, km=20),
    _e("en-1950-summer-winter.txt", "chongchon", FIGHT, "1950-11", None, KUNU_RI, km=30),
    _e("en-1950-summer-winter.txt", "kunu-ri", {"withdrawal"}, "1950-11-30", None, KUNU_RI, km=15),
    _e("en-1950-summer-winter.txt", "chosin", {"withdrawal"} | FIGHT, "1950-11", "1950-12-24", CHOSIN),
    _e("en-1950-summer-winter.txt", "hungnam", {"withdrawal"}, "1950-12-24", None, HUNGNAM, km=15),
    # Traditional Chinese as Taiwan writes it: 民國39年 = 1950, 民國卅九年九月十五日, 十一月廿七日至十二月廿四日,
    # 同年9月28日, numeric 1950/10/19 and 1951.2.13—2.15, 民國四十二年七月廿七日; 「六·二五戰爭」 names the war
    _e("zh-hant-minguo.txt", "parallel", {"crossing"}, "1950-06-25", None, KAESONG, km=50),
    _e("zh-hant-minguo.txt", "seoul-fell", {"capture"}, "1950-06-28", None, SEOUL, km=15),
    _e("zh-hant-minguo.txt", "inchon", {"landing"}, "1950-09-15", None, INCHEON, km=15),
    _e("zh-hant-minguo.txt", "seoul-retaken", {"capture"}, "1950-09-28", None, SEOUL, km=15),
    _e("zh-hant-minguo.txt", "pyongyang", {"capture"}, "1950-10-19", None, PYONGYANG, km=15),
    _e("zh-hant-minguo.txt", "unsan", FIGHT, "1950-10-25", None, UNSAN, km=20),
    _e("zh-hant-minguo.txt", "chosin", FIGHT, "1950-11-27", "1950-12-24", CHOSIN),
    _e("zh-hant-minguo.txt", "hungnam", {"withdrawal"}, "1950-12-24", None, HUNGNAM, km=15),
    _e("zh-hant-minguo.txt", "chipyong-ni", {"battle"}, "1951-02-13", "1951-02-15", CHIPYONG_NI, km=15),
    _e("zh-hant-minguo.txt", "armistice", {"armistice"}, "1953-07-27", None, PANMUNJOM, km=15),
]


@dataclass(frozen=True)
class Absent:
    """What the text does not tell happened: an action it negates or says was stopped, or a day that
    belongs to another clause (the day a battle ended is not a day it began)."""

    doc: str
    what: str
    types: frozenset[str] | None = None
    start: str | None = None
    at: tuple[float, float] | None = None
    km: float = 15


ABSENT = [
    # 阻止了志願軍向漢城推進 (24 Apr); 志願軍未能攻佔漢城 (29 Apr): nothing happened at Seoul
    Absent("zh-hant-fifth-campaign.txt", "seoul-not-reached", at=SEOUL),
    Absent("zh-hant-fifth-campaign.txt", "stopped-offensive", frozenset({"offensive"}), "1951-05-21"),
    Absent("zh-hant-1953-summer.txt", "not-retaken", frozenset({"capture"}), "1953-07-16"),
    Absent("zh-hant-1953-summer.txt", "end-is-no-start", FIGHT, "1953-07-11"),
    Absent("zh-hans-1950-campaigns.txt", "campaign-end-is-no-start", FIGHT, "1950-11-05"),
    Absent("zh-hans-1950-campaigns.txt", "after-entering-korea", frozenset({"other"}), "1950-10-25"),
    Absent("fa-solar-1329.txt", "taegu-not-taken", at=DAEGU),
    Absent("en-mr-1950.txt", "stopped-short-of", at=PYEONGTAEK),
    Absent("en-mr-1950.txt", "failed-to-take", at=WONJU),
    # the day of the landing clause is not the capture's; the day of the crossing is not Seoul's fall
    Absent("en-1950-summer-winter.txt", "landing-day", frozenset({"capture"}), "1950-09-15", SEOUL),
    Absent("en-1950-summer-winter.txt", "crossing-day", frozenset({"capture"}), "1950-06-25", SEOUL),
    Absent("en-1950-summer-winter.txt", "taejon-day-is-no-kum-battle-day", FIGHT, "1950-07-20"),
    Absent("en-1950-summer-winter.txt", "yalu-reached-not-crossed", frozenset({"crossing"}), at=MANPO, km=60),
    # 將戰線向南推進了十五公里: ground gained, no new offensive; 跨过鸭绿江，进入朝鲜: one crossing, no "other"
    Absent("zh-hant-1953-summer.txt", "ground-gained", frozenset({"offensive"}), "1953-07-27"),
    Absent("zh-hans-1950-campaigns.txt", "entry-with-the-crossing", frozenset({"other"}), "1950-10-19"),
    # در پایان آن شهر ... افتاد: the city fell at the range's end (۳۰ تیر), not over it from ۲۳ تیر
    Absent("fa-solar-1329.txt", "taejon-fell-at-the-end", frozenset({"capture"}), "1950-07-14", DAEJEON),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``warmap events --json --offline FILE`` for every unseen file, run once for the module."""
    runs = run_many(
        [("events", "--json", "--offline", UNSEEN / doc) for doc in DOCS], tmp_path_factory.mktemp("c")
    )
    return dict(zip(DOCS, runs, strict=True))


def _events(events: dict[str, Any], doc: str) -> list[dict[str, Any]]:
    printed = json_output(events[doc])
    assert isinstance(printed, list), f"{doc}: events --json must print a list"
    return printed


def _describe(found: list[dict[str, Any]], at: tuple[float, float]) -> str:
    return (
        "; ".join(
            f"{e['type']} {e['start']}–{e['end']} {e['title']} {km_from(*at, e['geometry']):.0f} km"
            for e in found
        )
        or "no events"
    )


@pytest.mark.parametrize("row", EXPECTED, ids=[f"{r.doc.split('.')[0]}-{r.what}" for r in EXPECTED])
def test_event_of_the_right_type_place_and_day(events: dict[str, Any], row: Expected) -> None:
    start, end = row.gregorian()
    found = _events(events, row.doc)
    matching = [
        e
        for e in found
        if e["type"] in row.types
        and e["start"] == start
        and (end is None or e["end"] == end)
        and km_from(*row.at, e["geometry"]) <= row.km
    ]
    assert matching, (
        f"{row.doc}: no {'/'.join(sorted(row.types))} event on {start}{'–' + end if end else ''} within {row.km} km "
        f"of {row.at}; events found: {_describe(found, row.at)}"
    )
    assert any(s["doc"] == row.doc for e in matching for s in e["sources"]), (
        "the event must cite its sentence"
    )


@pytest.mark.parametrize("row", ABSENT, ids=[f"{r.doc.split('.')[0]}-{r.what}" for r in ABSENT])
def test_no_event_from_a_negated_action_or_another_clauses_day(events: dict[str, Any], row: Absent) -> None:
    found = [
        e
        for e in _events(events, row.doc)
        if (row.types is None or e["type"] in row.types)
        and (row.start is None or e["start"] == row.start)
        and (row.at is None or km_from(*row.at, e["geometry"]) <= row.km)
        # a catalogued campaign (the Fifth Phase Offensive) stands on the catalogue's reviewed places,
        # Seoul among them: its point there is no claim of the negated sentence
        and not (row.types is None and row.start is None and e.get("catalogue"))
    ]
    assert not found, (
        f"{row.doc}: {row.what}: the text tells no such event, found {_describe(found, row.at or SEOUL)}"
    )


@pytest.mark.parametrize("doc", DOCS)
def test_events_are_well_formed_and_cite_the_file(events: dict[str, Any], doc: str) -> None:
    """Types from the interface; ISO dates with end ≥ start; sources that point into the file."""
    text = source_text(UNSEEN / doc)
    found = _events(events, doc)
    assert found, f"{doc}: no event at all"
    for event in found:
        assert event["type"] in TYPES, event
        assert event["title"] and all(isinstance(v, str) and v for v in event["title"].values()), event
        for key in ("start", "end"):
            if event[key] is not None:
                _parse_iso(event[key])
        if event["start"] and event["end"]:
            assert event["end"] >= event["start"], event
        assert event["sources"], f"an event with no sentence to rest on: {event}"
        for source in event["sources"]:
            assert source["doc"] == doc and 0 <= source["start"] < source["end"] <= len(text), source
            if doc.endswith(".txt"):  # plain text: the readable sentence is the file's own characters
                assert text[source["start"] : source["end"]].strip() == source["text"].strip(), source


def test_the_persian_fixture_spells_the_solar_dates_the_table_expects() -> None:
    """Guards the table against the file: every Solar Hijri row is written in the text in Persian digits."""
    text = source_text(UNSEEN / "fa-solar-hijri.txt")
    for row in (r for r in EXPECTED if r.solar and r.doc == "fa-solar-hijri.txt"):
        year, month, day = map(int, row.start.split("-"))
        written = f"{str(day).translate(PERSIAN_DIGITS)} {SOLAR_MONTHS[month]} {str(year).translate(PERSIAN_DIGITS)}"
        assert written in text, f"{written!r} not in the Persian account"
    assert jdatetime.date(1329, 9, 6).togregorian() == datetime.date(1950, 11, 27)


def _parse_iso(value: str) -> None:
    parts = value.split("-")
    assert len(parts) in (1, 2, 3) and len(parts[0]) == 4, value
    datetime.date(
        int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    )

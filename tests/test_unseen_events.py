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
        year, month, day = map(int, self.start.split("-"))
        return jdatetime.date(year, month, day).togregorian().isoformat(), None


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
    for row in (r for r in EXPECTED if r.solar):
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

"""Reduced ISO dates ("1950", "1950-09", "1950-09-15") as inclusive day intervals.

The texts often give only a month or a year; an interval keeps that honesty while
still letting a date slider or a phase filter compare them.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from functools import lru_cache

Interval = tuple[date, date]


@lru_cache(maxsize=8192)  # a build asks for the same few hundred dates thousands of times
def first_day(iso: str) -> date:
    """The first day a reduced ISO date can mean."""
    parts = [int(p) for p in iso.split("-")[:3]]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return date(year, month, day)


@lru_cache(maxsize=8192)
def last_day(iso: str) -> date:
    """The last day a reduced ISO date can mean."""
    parts = [int(p) for p in iso.split("-")[:3]]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, parts[2])


@lru_cache(maxsize=8192)
def parse_iso(iso: str | None) -> bool:
    """True when ``iso`` is a usable reduced ISO date."""
    if not iso:
        return False
    try:
        first_day(iso)
        last_day(iso)
    except (ValueError, IndexError):
        return False
    return True


def interval(start: str | None, end: str | None) -> Interval | None:
    """The inclusive days [first, last] covered by start..end; None when undated.

    A missing end means the start's own span (an event of one day, month or year).
    """
    if not parse_iso(start):
        if parse_iso(end):
            return first_day(end), last_day(end)  # type: ignore[arg-type]
        return None
    first = first_day(start)  # type: ignore[arg-type]
    last = last_day(end) if parse_iso(end) else last_day(start)  # type: ignore[arg-type]
    if last < first:
        last = last_day(start)  # type: ignore[arg-type]
    return first, last


def open_interval(start: str | None, end: str | None, until: date) -> Interval | None:
    """Like :func:`interval`, but a missing end runs on to ``until`` (fronts, territory)."""
    if not parse_iso(start):
        return interval(start, end)
    first = first_day(start)  # type: ignore[arg-type]
    last = last_day(end) if parse_iso(end) else max(until, first)  # type: ignore[arg-type]
    return first, max(first, last)


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def contains(span: Interval | None, day: date) -> bool:
    return span is not None and span[0] <= day <= span[1]


def epoch_ms(day: date) -> int:
    """Milliseconds since 1970-01-01 UTC at the start of ``day`` (what Leaflet.timeline compares)."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


DAY_MS = 86_400_000

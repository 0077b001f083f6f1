"""Solar Hijri (Persian) calendar → Gregorian, exactly, through jdatetime.

Persian texts date the war by the Iranian civil calendar as often as by the
Gregorian one (۶ آذر ۱۳۲۹ is 27 November 1950). A month or a year of that
calendar straddles two Gregorian months or years, so they convert to a span.
"""

from __future__ import annotations

import datetime as dt

import jdatetime


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """One Solar Hijri day → its Gregorian date; ValueError when the day does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Solar Hijri month."""
    return to_gregorian(year, month, 1), to_gregorian(year, month, month_length(year, month))


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Solar Hijri year (Nowruz to the eve of the next)."""
    return to_gregorian(year, 1, 1), to_gregorian(year, 12, month_length(year, 12))


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """A Gregorian day → (year, month, day) in the Solar Hijri calendar."""
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day

"""Calendar arithmetic for date values: inclusive day intervals, month spans, half-up rounding."""
from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Value", "last_day", "make_date", "month_span", "round_half_up", "season_in", "shift_month"]


@dataclass(frozen=True)
class Value:
    """An inclusive interval of days with the granularity the text states.

    Attributes:
        start: First day.
        end: Last day.
        granularity: One of ``pipeline.records.GRANULARITIES``.
    """

    start: datetime.date
    end: datetime.date
    granularity: str


def last_day(year: int, month: int) -> int:
    """Number of days in a month."""
    return calendar.monthrange(year, month)[1]


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist ("31 April")."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a month."""
    return datetime.date(year, month, 1), datetime.date(year, month, last_day(year, month))


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) moved by offset months."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def round_half_up(x: Fraction) -> int:
    """Half-up rounding (Python's round() rounds half to even)."""
    return math.floor(x + Fraction(1, 2))


def season_in(season: tuple[int, int, int], year: int) -> Value:
    """The season named by a year: "winter 2014" is December 2014 to February 2015.

    Args:
        season: (first month, last month, year offset of the last month), as seasons.tsv gives it.
        year: The year that names it.
    """
    first, last, offset = season
    return Value(datetime.date(year, first, 1), month_span(year + offset, last)[1], "season")

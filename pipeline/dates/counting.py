"""Counting from a day: relative phrases ("three years later", "the following spring") and weekdays ("last
Friday") given the day they count from."""
from __future__ import annotations

import datetime

from pipeline.dates.arithmetic import Value, last_day, month_span, season_in, shift_month
from pipeline.dates.vocabulary import Relative

__all__ = ["resolve", "resolve_season", "weekday_value"]


def _offset(raw: str, n: int) -> int:
    """An offset from relative.tsv: a whole number, or n / -n / 10n / -10n for (a multiple of) the phrase's number."""
    if not raw.endswith("n"):
        return int(raw)
    factor = raw[:-1]
    if factor in ("", "-"):
        return -n if factor == "-" else n
    return int(factor) * n


def resolve_season(rel: Relative, season: tuple[int, int, int], reference: Value | None) -> Value | None:
    """"the following spring", "last summer", "that winter" counted from a reference period.

    Offset k > 0 is the k-th such season beginning after the reference ends; k < 0 the |k|-th ending before it
    begins; 0 the one overlapping it (the one named by its first year when two do), else the one named by its year.

    Args:
        rel: The relative.tsv entry (unit season).
        season: The season's (first month, last month, year offset of the last month).
        reference: The period counted from, or None.

    Returns:
        The season, or None without a reference or beyond the calendar.
    """
    if reference is None:
        return None
    k = _offset(rel.lo, 0)
    try:
        if k > 0:
            year = reference.end.year - 1
            while season_in(season, year).start <= reference.end:
                year += 1
            return season_in(season, year + k - 1)
        if k < 0:
            year = reference.start.year
            while season_in(season, year).end >= reference.start:
                year -= 1
            return season_in(season, year + k + 1)
        first = reference.start.year
        overlapping = [y for y in (first, first - 1, *range(first + 1, reference.end.year + 1))
                       if season_in(season, y).start <= reference.end and reference.start <= season_in(season, y).end]
        return season_in(season, overlapping[0] if overlapping else first)
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None


def resolve(rel: Relative, n: int, base: datetime.date | None) -> Value | None:
    """The value of a relative phrase counted from base.

    Args:
        rel: The relative.tsv entry.
        n: The number the phrase names (``{n}``), or 0.
        base: The day counted from, or None.

    Returns:
        The value; None without a base or beyond the calendar.
    """
    if base is None:
        return None
    lo, hi = _offset(rel.lo, n), _offset(rel.hi, n)
    try:
        if rel.granularity == "range":
            # "the past three years": counted from the anchor's day, not in whole calendar units
            first, last = _shift_day(base, rel.unit, lo), _shift_day(base, rel.unit, hi)
            return Value(first, last, "range") if first and last else None
        if rel.unit == "year":
            return Value(datetime.date(base.year + lo, 1, 1), datetime.date(base.year + hi, 12, 31), rel.granularity)
        if rel.unit == "quarter":
            first_month = 3 * ((base.month - 1) // 3) + 1
            y1, m1 = shift_month(base.year, first_month, 3 * lo)
            y2, m2 = shift_month(base.year, first_month, 3 * hi + 2)
            return Value(datetime.date(y1, m1, 1), month_span(y2, m2)[1], rel.granularity)
        if rel.unit == "month":
            y1, m1 = shift_month(base.year, base.month, lo)
            y2, m2 = shift_month(base.year, base.month, hi)
            return Value(datetime.date(y1, m1, 1), month_span(y2, m2)[1], rel.granularity)
        if rel.unit == "week":
            monday = base - datetime.timedelta(days=base.weekday())
            return Value(monday + datetime.timedelta(weeks=lo), monday + datetime.timedelta(weeks=hi, days=6),
                         rel.granularity)
        return Value(base + datetime.timedelta(days=lo), base + datetime.timedelta(days=hi), rel.granularity)
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None


def weekday_value(rule: str, weekday: int, anchor: datetime.date | None) -> Value | None:
    """The day a weekday phrase names, counted from the publication date; None without one.

    on_or_before: the most recent such day on or before the anchor (the anchor's own day counts); before: the most
    recent strictly before it; after: the first strictly after it; on_or_after (a bare weekday in a sentence about
    what is to come): the first on or after it; same_week: the one in the anchor's ISO week.

    Args:
        rule: How the phrase counts (weekday_phrases.tsv).
        weekday: The weekday named (0 = Monday).
        anchor: The publication date, or None.

    Returns:
        The day, or None without an anchor or beyond the calendar.
    """
    if anchor is None:
        return None
    if rule == "on_or_before":
        days = -((anchor.weekday() - weekday) % 7)
    elif rule == "before":
        days = -((anchor.weekday() - weekday - 1) % 7 + 1)
    elif rule == "after":
        days = (weekday - anchor.weekday() - 1) % 7 + 1
    elif rule == "on_or_after":
        days = (weekday - anchor.weekday()) % 7
    else:
        days = weekday - anchor.weekday()
    try:
        day = anchor + datetime.timedelta(days=days)
    except OverflowError:  # before year 1 or after 9999
        return None
    return Value(day, day, "day")


def _shift_day(base: datetime.date, unit: str, k: int) -> datetime.date | None:
    """The anchor day moved by k units (a month-end day is clamped: 31 March - 1 month = 28/29 February)."""
    try:
        if unit == "day":
            return base + datetime.timedelta(days=k)
        if unit == "week":
            return base + datetime.timedelta(weeks=k)
        months = 12 * k if unit == "year" else k
        year, month = shift_month(base.year, base.month, months)
        return datetime.date(year, month, min(base.day, last_day(year, month)))
    except (OverflowError, ValueError):
        return None

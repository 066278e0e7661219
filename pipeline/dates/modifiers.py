"""Step 3 of reading a text: prefixes narrow or widen an atom.

"early 1990" and "the later half of 2011" (``modifiers.tsv``), "summer 2014" and "the winter of 2015-16"
(``seasons.tsv``), "the first week of May 2011", "the third quarter of 2015", "the 1950s". A prefix never
reaches back over the atom before it.
"""
from __future__ import annotations

import datetime
import re

from pipeline.dates.arithmetic import Value, last_day, month_span, round_half_up
from pipeline.dates.reading import Atom, Reading
from pipeline.dates.vocabulary import Modifier, key

__all__ = ["apply_prefix", "mod_label", "modified", "narrow", "nth", "widen"]

# how many parts of each unit a year holds, for "the n-th <unit> of <year>"
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "week": 52, "day": 366}


def widen(r: Reading, atoms: list[Atom]) -> list[Atom]:
    """Every atom with its prefix read, in text order.

    Args:
        r: The reading.
        atoms: Atoms in text order.

    Returns:
        The atoms, each widened over its prefix where one applies.
    """
    widened: list[Atom] = []
    for atom in atoms:
        widened.append(apply_prefix(r, atom, widened[-1].end if widened else 0))
    return widened


def apply_prefix(r: Reading, atom: Atom, floor: int) -> Atom:
    """Widen an atom over "early", "summer", "the first week of", "the" (decades and centuries).

    Args:
        r: The reading.
        atom: The atom.
        floor: Where the prefix may start at the earliest (the end of the atom before).

    Returns:
        The widened atom with its narrowed value, or the atom unchanged.
    """
    if atom.kind == "relative":
        return relative_prefix(r, atom, floor)
    if atom.kind == "yearless" and atom.needs_year is not None and atom.needs_year[1] == 0:
        return _modified_yearless_month(r, atom, floor)
    if atom.value is None or atom.kind in ("yearless", "invalid"):
        return atom
    pm = r.prefix_match(atom.start, floor)
    if pm is None or pm.start() == pm.end():
        return atom
    if pm.group("mod"):
        return _modified(r, atom, pm)
    if pm.group("season"):
        return _in_season(r, atom, pm)
    if pm.group("ord"):
        new = nth(r, atom.value, pm.group("ord"), pm.group("unit").lower())
        if new is False:
            return atom
        return Atom(pm.start(), atom.end, "invalid" if new is None else atom.kind, new)
    if pm.group("the") and atom.value.granularity in ("decade", "century"):
        return Atom(pm.start(), atom.end, atom.kind, atom.value, number=atom.number)
    return atom


def _modified(r: Reading, atom: Atom, pm: re.Match[str]) -> Atom:
    """"early 1990", "the later half of 2011", "late March 2014", "the mid-1950s"."""
    mod = _prefix_mod(r, pm)
    new = modified(r, atom.value, mod) if mod is not None else None
    if new is None:
        return atom
    return Atom(pm.start(), atom.end, atom.kind, new, number=atom.number, mod=mod)


def modified(r: Reading, value: Value, mod: Modifier) -> Value | None:
    """The value a modifier gives a period: the whole period under the ``modifier_value: whole`` convention
    (TimeML's: "early 1917" is 1917 with mod START), except a half ("the first half of 2011"), which is a period
    of its own; the part :func:`narrow` keeps under ``part``."""
    if r.v.conventions.get("modifier_value", "whole") == "whole" and not mod.half:
        return value if value.granularity in ("year", "month", "decade", "century") else None
    return narrow(value, mod)


def mod_label(mod: Modifier | None) -> str:
    """TimeML's mod for a modifier: START ("early"), END ("late", "the end of"), MID ("mid"); "" for none or a half."""
    if mod is None or mod.half:
        return ""
    if mod.lo == 0:
        return "START"
    return "END" if mod.hi == 1 else "MID"


def _in_season(r: Reading, atom: Atom, pm: re.Match[str]) -> Atom:
    """"summer 2014", "the winter of 2015-16" (a season straddling the new year, named by both its years)."""
    season = r.v.seasons.get(key(pm.group("season")))
    if season is None:
        return atom
    first, last, offset = season
    value = atom.value
    two_years = atom.kind == "yrange" and offset == 1 and value.end.year == value.start.year + 1
    if value.granularity != "year" and not two_years:
        return atom
    year = value.start.year
    new = Value(datetime.date(year, first, 1), month_span(year + offset, last)[1], "season")
    return Atom(pm.start(), atom.end, atom.kind, new)


def _modified_yearless_month(r: Reading, atom: Atom, floor: int) -> Atom:
    """"late November": the modifier joins a month named alone, applied once its year is known."""
    pm = r.prefix_match(atom.start, floor)
    mod = _prefix_mod(r, pm)
    if mod is None or mod.half:
        return atom
    return Atom(pm.start(), atom.end, atom.kind, None, needs_year=atom.needs_year, mod=mod)


def relative_prefix(r: Reading, atom: Atom, floor: int) -> Atom:
    """"late last year", "early next month": keep the modifier for when the phrase has a value."""
    rel = atom.relative
    if rel is None or rel.granularity not in ("year", "month") or rel.unit != rel.granularity:
        return atom
    pm = r.prefix_match(atom.start, floor)
    mod = _prefix_mod(r, pm)
    if mod is None:
        return atom
    return Atom(pm.start(), atom.end, atom.kind, None, relative=rel, number=atom.number, mod=mod)


def _prefix_mod(r: Reading, pm: re.Match[str] | None) -> Modifier | None:
    """The modifier a prefix match names ("early", "the end of"), or None."""
    if pm is None or not pm.group("mod"):
        return None
    return r.v.modifiers.get(key(pm.group("mod")))


def narrow(value: Value, mod: Modifier) -> Value | None:
    """The part of a year, month, decade or century that a modifier keeps ("early" = the first third).

    Args:
        value: The whole period.
        mod: The modifier.

    Returns:
        The part, in whole months of a year, days of a month, years of a decade or century; None for a
        period of another granularity.
    """
    start, gran = value.start, value.granularity
    if gran == "year":
        a, b = round_half_up(mod.lo * 12), round_half_up(mod.hi * 12) - 1
        first = datetime.date(start.year, a + 1, 1)
        last = month_span(start.year, b + 1)[1]
        return Value(first, last, "half" if mod.half else "year")
    if gran == "month":
        n = last_day(start.year, start.month)
        a, b = round_half_up(mod.lo * n), round_half_up(mod.hi * n) - 1
        return Value(start.replace(day=a + 1), start.replace(day=b + 1), "month")
    if gran in ("decade", "century"):
        n = 10 if gran == "decade" else 100
        a, b = round_half_up(mod.lo * n), round_half_up(mod.hi * n) - 1
        return Value(datetime.date(start.year + a, 1, 1), datetime.date(start.year + b, 12, 31), gran)
    return None


def nth(r: Reading, value: Value, raw: str, unit: str) -> Value | None | bool:
    """The n-th week/month/quarter/half/day of a period, or decade of a century.

    Args:
        r: The reading (for its ordinal words).
        value: The period.
        raw: The ordinal as written ("third", "3rd", "last").
        unit: week, month, quarter, half, day or decade.

    Returns:
        The narrowed value; None when n is out of range ("the 13th month"); False for a combination this
        does not read (the prefix is then left out of the expression).
    """
    low = key(raw)
    n = r.v.ordinals.get(low)
    if n is None:
        digits = re.match(r"[0-9]+", low)
        if digits is None:
            return False
        n = int(digits.group(0))
    gran = value.granularity
    if gran == "month":
        return _nth_of_month(value.start, n, unit)
    if gran == "century":
        return _nth_decade(value.start, n, unit)
    if unit == "decade":
        return False
    if gran == "year":
        return _nth_of_year(value.start.year, n, unit)
    return False


def _nth_of_month(start: datetime.date, n: int, unit: str) -> Value | None:
    """"the first week of May 2011" (days 1-7; the last week is the last seven days), "the 3rd day of"."""
    days = last_day(start.year, start.month)
    if unit == "week":
        if n == -1:
            return Value(start.replace(day=days - 6), start.replace(day=days), "week")
        if not 1 <= n <= 5 or 7 * (n - 1) + 1 > days:
            return None
        return Value(start.replace(day=7 * (n - 1) + 1), start.replace(day=min(7 * n, days)), "week")
    if unit == "day":
        n = days if n == -1 else n
        if not 1 <= n <= days:
            return None
        return Value(start.replace(day=n), start.replace(day=n), "day")
    return None


def _nth_decade(start: datetime.date, n: int, unit: str) -> Value | None | bool:
    """"the last decade of the 20th century"; False for any other unit of a century."""
    if unit != "decade":
        return False
    n = 10 if n == -1 else n
    if not 1 <= n <= 10:
        return None
    first = start.year + 10 * (n - 1)
    return Value(datetime.date(first, 1, 1), datetime.date(first + 9, 12, 31), "decade")


def _nth_of_year(year: int, n: int, unit: str) -> Value | None:
    """"the third quarter of 2015", "the second half of 2011", "the last week of 2014" (ends 31 December)."""
    if n == -1 and unit in ("week", "day"):  # the last week (day) ends on 31 December
        last = datetime.date(year, 12, 31)
        return Value(last - datetime.timedelta(days=6 if unit == "week" else 0), last, unit)
    count = _PER_YEAR[unit]
    n = count if n == -1 else n
    if not 1 <= n <= count:
        return None
    if unit == "month":
        return Value(*month_span(year, n), "month")
    if unit == "quarter":
        return Value(datetime.date(year, 3 * n - 2, 1), month_span(year, 3 * n)[1], "quarter")
    if unit == "half":
        return Value(datetime.date(year, 6 * n - 5, 1), month_span(year, 6 * n)[1], "half")
    if unit == "week":
        first = datetime.date(year, 1, 1) + datetime.timedelta(days=7 * (n - 1))
        return Value(first, first + datetime.timedelta(days=6), "week")
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=n - 1)
    return Value(day, day, "day") if day.year == year else None

"""Dates written in other languages ("13 دسمبر، 2012"), read by dateparser.

dateparser is asked only about a day-month-year or month-year group whose month word is not English, with
settings that never fill a missing part from today's date.
"""
from __future__ import annotations

import datetime
import functools
import re

from pipeline.dates.arithmetic import Value, month_span
from pipeline.dates.reading import Atom, Reading

__all__ = ["foreign_atoms"]


def foreign_atoms(r: Reading) -> list[Atom]:
    """Day-month-year groups in any language, then month-year groups in a non-Latin script outside them.

    Args:
        r: The reading; its text is not ASCII (an ASCII text has no foreign month word).

    Returns:
        The atoms found, in text order of each kind.
    """
    found: list[Atom] = []
    days = []
    for m in r.p["foreign_dmy"].finditer(r.text):
        atom = _foreign(r, m, "foreign_dmy")
        if atom is not None:
            found.append(atom)
            days.append(atom)
    for m in r.p["foreign_my"].finditer(r.text):
        if not any(a.start <= m.start() and m.end() <= a.end for a in days):
            atom = _foreign(r, m, "foreign_my")
            if atom is not None:
                found.append(atom)
    return found


def _foreign(r: Reading, m: re.Match[str], name: str) -> Atom | None:
    raw = m.group("w").rstrip(".")
    word = raw.lower()
    # English months are read above; a month-year pair is only tried in a non-Latin script
    if word in r.v.months or (raw.isascii() and name == "foreign_my"):
        return None
    parts = ("day", "month", "year") if name == "foreign_dmy" else ("month", "year")
    got = _dateparser_date(m.group(0), tuple(r.v.conventions["dateparser_languages"]), parts)
    if got is None:
        return None
    if name == "foreign_dmy":
        if got.day != int(m.group("d")) or got.year != int(m.group("y")):
            return None
        return Atom(m.start(), m.end(), "date", Value(got, got, "day"))
    if got.year != int(m.group("y")):
        return None
    return Atom(m.start(), m.end(), "month", Value(*month_span(got.year, got.month), "month"))


@functools.lru_cache(maxsize=1024)
def _dateparser_date(text: str, languages: tuple[str, ...], parts: tuple[str, ...]) -> datetime.date | None:
    """dateparser's reading of a non-English date, requiring every part so nothing comes from today."""
    import dateparser  # slow to import; only lines in other languages need it

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": list(parts),
        "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        got = dateparser.parse(text, languages=list(languages), settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is the safe answer
        return None
    return got.date() if got is not None else None

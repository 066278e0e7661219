"""Step 1 of reading a text: every candidate expression (atom), then the non-overlapping ones, longest first."""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable

from pipeline.dates import calendar_atoms as cal
from pipeline.dates import phrases
from pipeline.dates.foreign import foreign_atoms
from pipeline.dates.reading import Atom, Reading

__all__ = ["find_atoms", "select"]

Reader = Callable[[Reading, re.Match[str]], "Atom | list[Atom] | None"]

# pattern name -> reader of its matches; the order is kept so that atoms of equal length and start are
# chosen as they always were (``select`` sorts stably)
_READERS: tuple[tuple[str, Reader], ...] = (
    ("mdy", cal.full_date),
    ("dmy", cal.full_date),
    ("dm_md_range", cal.cross_month_range),
    ("my", cal.month_year),
    ("mm_range", cal.month_range),
    ("dm", cal.yearless),
    ("md", cal.yearless),
    ("iso", cal.iso_date),
    ("numeric", cal.numeric),
    ("yrange", cal.year_range),
    ("decade", functools.partial(cal.decade, name="decade")),
    ("decade_short", functools.partial(cal.decade, name="decade_short")),
    ("decade_word", functools.partial(cal.decade, name="decade_word")),
    ("year_short", cal.short_year),
    ("century", cal.century),
    ("quarter", cal.quarter),
    ("quarter_alone", cal.quarter_alone),
    ("half", cal.half_year),
    ("fiscal", cal.fiscal_year),
    ("named", phrases.named),
    ("holiday", phrases.holiday),
    ("relative_tail", phrases.relative),
    ("weekday", phrases.weekday),
    ("year", cal.bare_year),
    ("year_words", cal.spelled_year),
    ("day_of_month", cal.day_of_month),
    ("bad_year", cal.bad_year),
)


# pattern name -> strings one of which every match holds (lower case): a text without any is not scanned
_NEEDS: dict[str, tuple[str, ...]] = {
    "decade": ("0s", "0's", "0’s"),
    "decade_short": ("0s",),
    "year_short": ("'", "’", "‘"),
    "century": ("century",),
    "quarter": ("q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"),
    "half": ("h1", "h2", "1h", "2h"),
    "quarter_alone": ("quarter",),
    "fiscal": ("fy", "fiscal", "financial"),
    "bad_year": ("year",),
    "year_words": ("teen ", "thousand", "twenty "),
}


def find_atoms(r: Reading) -> list[Atom]:
    """Every candidate expression in the text, overlapping ones included.

    Args:
        r: The reading.

    Returns:
        The atoms, by pattern in the order of ``_READERS`` (dates in other languages last).
    """
    found: list[Atom] = []
    low = r.text.lower()
    for name, read in _READERS:
        needs = _NEEDS.get(name)
        if needs is not None and not any(n in low for n in needs):
            continue
        for m in r.p[name].finditer(r.text):
            got = read(r, m)
            if isinstance(got, list):
                found.extend(got)
            elif got is not None:
                found.append(got)
    if not r.text.isascii():
        found.extend(foreign_atoms(r))
    return found


def select(r: Reading, atoms: list[Atom]) -> list[Atom]:
    """Non-overlapping atoms, longest first, then leftmost; outside URLs.

    Args:
        r: The reading.
        atoms: Candidates; an empty one (end <= start) is dropped.

    Returns:
        The chosen atoms in text order.
    """
    # one byte per character: 1 where a URL or an accepted atom lies
    used = bytearray(len(r.text))
    if "/" in r.text:
        for m in r.p["url"].finditer(r.text):
            used[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    atoms = _events_before_dates(r, atoms)
    taken: list[Atom] = []
    for atom in sorted(atoms, key=lambda a: (-(a.end - a.start), a.start)):
        if atom.end <= atom.start or used.find(1, atom.start, atom.end) >= 0:
            continue
        taken.append(atom)
        used[atom.start:atom.end] = b"\x01" * (atom.end - atom.start)
    return sorted(taken, key=lambda a: a.start)


def _events_before_dates(r: Reading, atoms: list[Atom]) -> list[Atom]:
    """The event a phrase counts from ends before any other expression in it: "two days after the bombing
    Friday" keeps "Friday" for itself."""
    if not any(a.kind == "event_relative" for a in atoms):
        return atoms
    starts = sorted(a.start for a in atoms if a.kind != "event_relative")
    out = []
    for a in atoms:
        if a.kind == "event_relative":
            i = bisect.bisect_right(starts, a.phrase_end)
            if i < len(starts) and starts[i] < a.end:
                end = a.phrase_end + len(r.text[a.phrase_end: starts[i]].rstrip())
                a = dataclasses.replace(a, end=end)
        out.append(a)
    return out

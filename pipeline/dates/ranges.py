"""Step 4 of reading a text: two atoms joined by "to", "-" or "between ... and" make one range.

"from 1979 to 1989", "between 24 September and 10 October 2016" ("24 September" takes its year from the end);
coordinated years ("in 1954 and 1955") stay two values.
"""
from __future__ import annotations

from pipeline.dates.arithmetic import Value, make_date, shift_month
from pipeline.dates.reading import Atom, Reading

__all__ = ["join_ranges"]


def join_ranges(r: Reading, atoms: list[Atom]) -> list[Atom]:
    """The atoms with every joined pair made one range atom.

    Args:
        r: The reading.
        atoms: Atoms in text order, prefixes read.

    Returns:
        The atoms in text order.
    """
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        joined = _range(r, a, atoms[i + 1]) if i + 1 < len(atoms) else None
        if joined is not None:
            out.append(joined)
            i += 2
            continue
        out.append(_with_from(r, a))
        i += 1
    return out


def _range(r: Reading, a: Atom, b: Atom) -> Atom | None:
    """The range from a to b, or None when they are not joined ("and" joins only after "between")."""
    if not (a.value is not None or a.kind in ("yearless", "day_of_month")) or b.value is None \
            or b.kind in ("relative", "yearless", "day_of_month"):
        return None
    jm = r.p["range_join"].match(r.text, a.end, b.start)
    fm = r.p["range_from"].search(r.text, max(0, a.start - 12), a.start)
    between = fm is not None and fm.group("kw").lower() == "between"
    if jm is None or (jm.group("word") == "and" and not between):
        return None
    first = _first_end(a, b)
    if first is None or first.start > b.value.end:
        return None
    start = fm.start("kw") if fm is not None else a.start
    return Atom(start, b.end, "range", Value(first.start, b.value.end, "range"))


def _first_end(a: Atom, b: Atom) -> Value | None:
    """The value of a range's first end; a yearless day takes the year of the end, or the year before it; a day of
    the month ("from the 13th to the 19th of October") the end's month, or the month before it."""
    if a.kind == "day_of_month":
        d = make_date(b.value.start.year, b.value.start.month, a.number)
        if d is not None and d > b.value.end:
            y, mo = shift_month(b.value.start.year, b.value.start.month, -1)
            d = make_date(y, mo, a.number)
        return Value(d, d, "day") if d else None
    if a.kind != "yearless" or not a.needs_year:
        return a.value
    d = a.day_in(b.value.start.year)
    if d is not None and d > b.value.end:
        d = a.day_in(b.value.start.year - 1)
    return Value(d, d, "day") if d else None


def _with_from(r: Reading, a: Atom) -> Atom:
    """"from 24 September to 10 October 2016" is one atom; its "from" belongs to it."""
    if a.kind == "date" and a.value is not None and a.value.granularity == "range":
        fm = r.p["range_from"].search(r.text, max(0, a.start - 12), a.start)
        if fm is not None:
            return Atom(fm.start("kw"), a.end, a.kind, a.value)
    return a

"""Step 2 of reading a text: a bare number ("1948") is kept as a year only in year-like context.

Each licence below is one rule of thumb for English text that lets a bare number be a year; a number any of
them licenses is kept unless a veto says it is a quantity ("page 127", "1000 MW", "at 1600 hours").
The words come from ``year_context.tsv``.
"""
from __future__ import annotations

from collections.abc import Callable

from pipeline.dates.reading import Atom, Reading

__all__ = [
    "LICENCES", "after_narrowing_prefix", "after_year_word", "alone_in_expression", "before_year_word",
    "chained_after_date", "closing_apposition", "coordinated_before_year_word", "determiner_before_word", "keep_years",
    "line_heading",
    "range_partner_vouches", "vetoed",
]

Licence = Callable[[Reading, Atom, "Atom | None", "Atom | None"], bool]


def alone_in_expression(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """``parse_expression("2003")``: a number that is the whole expression is a year."""
    return r.whole and not r.text[: atom.start].strip() and not r.text[atom.end:].strip()


def after_year_word(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"in 1948", "since 1971", "(1999": a year word (``before``) or an opening bracket comes first."""
    return bool(r.p["lic_before"].search(r.text, max(0, atom.start - 40), atom.start))


def chained_after_date(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"in May 2011 and 2012", "1954, 1955": a list or range that a date opens goes on with years."""
    return previous is not None and previous.value is not None \
        and bool(r.p["chain"].match(r.text[previous.end: atom.start]))


def before_year_word(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"1971 war", "2013 general elections": a year word (``after``) follows, one word in between at most."""
    return bool(r.p["lic_after"].match(r.text[atom.end: atom.end + 40]))


def determiner_before_word(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"the 1996 Olympic bombing", "a 1998 interview", "The 1916 Battle of Jutland": a determiner before the number
    and a word after it that is no plural noun (a count would be: "the 2000 soldiers")."""
    if not r.p["lic_det"].search(r.text, max(0, atom.start - 40), atom.start):
        return False
    after = r.p["lic_det_after"].match(r.text, atom.end)
    return after is not None and not after.group("w").lower().endswith("s")


def range_partner_vouches(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"1948 to the late 1950s": the range's other end, a date in its own right, vouches for the year."""
    return following is not None and following.value is not None and not following.needs_license \
        and following.start - atom.end < 40 and bool(r.p["range_head"].match(r.text, atom.end, following.start))


def coordinated_before_year_word(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"the 1965 and 1971 wars": the year word after the last of coordinated numbers covers them all."""
    return following is not None and following.needs_license \
        and bool(r.p["chain"].match(r.text, atom.end, following.start)) \
        and bool(r.p["lic_after"].match(r.text[following.end: following.end + 40]))


def closing_apposition(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"signed in Moscow, 1999." : a number between a comma and the end of the clause or a bracket."""
    return bool(r.p["lic_comma"].search(r.text, max(0, atom.start - 40), atom.start)) \
        and bool(r.p["lic_close"].match(r.text[atom.end: atom.end + 40]))


def line_heading(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"1971: war with India": a number opening a line (after list marks) and followed by a colon or dash."""
    return bool(r.p["lic_line"].search(r.text, max(0, atom.start - 40), atom.start)) \
        and bool(r.p["lic_line_after"].match(r.text[atom.end: atom.end + 40]))


def after_narrowing_prefix(r: Reading, atom: Atom, previous: Atom | None, following: Atom | None) -> bool:
    """"early 1948", "summer 1999", "the first quarter of 2015": a prefix that narrows a year."""
    pm = r.prefix_match(atom.start, 0)
    return bool(pm and (pm.group("mod") or pm.group("season") or pm.group("ord")))


#: Every licence, tried in this order.
LICENCES: tuple[Licence, ...] = (
    alone_in_expression, after_year_word, chained_after_date, before_year_word, determiner_before_word,
    range_partner_vouches,
    coordinated_before_year_word, closing_apposition, line_heading, after_narrowing_prefix,
)


def vetoed(r: Reading, atom: Atom) -> bool:
    """True when a bare number is never a year ("page 127", "1000 MW", "at 1600 hours").

    Args:
        r: The reading.
        atom: A bare number.

    Returns:
        Whether a word or sign before it, or a unit after it (or after the other end of its range), vetoes it.
    """
    after = r.text[atom.end: atom.end + 40]
    return bool(r.p["veto_before"].search(r.text, max(0, atom.start - 40), atom.start)
                or r.p["veto_after"].match(after) or r.p["veto_range"].match(after))


def keep_years(r: Reading, atoms: list[Atom]) -> list[Atom]:
    """The atoms without the bare numbers that no licence makes years, or that a veto makes quantities.

    Args:
        r: The reading.
        atoms: Chosen atoms in text order.

    Returns:
        The atoms kept, in text order.
    """
    kept: list[Atom] = []
    last_vetoed: Atom | None = None
    for i, atom in enumerate(atoms):
        following = atoms[i + 1] if i + 1 < len(atoms) else None
        if atom.needs_license:
            # "at between 1500 and 2000": a number whose range partner is vetoed is no year either
            if vetoed(r, atom) or (last_vetoed is not None and last_vetoed is atoms[i - 1]
                                   and r.p["range_join"].match(r.text, last_vetoed.end, atom.start)):
                last_vetoed = atom
                continue
            previous = kept[-1] if kept else None
            if not any(licence(r, atom, previous, following) for licence in LICENCES):
                continue
        kept.append(atom)
    return kept

"""One pass over one text: the five steps of reading, in order (the package docstring tells them)."""
from __future__ import annotations

import datetime

from pipeline.dates.anchoring import resolve_all
from pipeline.dates.atoms import find_atoms, select
from pipeline.dates.licence import keep_years
from pipeline.dates.modifiers import widen
from pipeline.dates.ranges import join_ranges
from pipeline.dates.reading import Reading
from pipeline.dates.vocabulary import Vocabulary
from pipeline.records import TimeValue

__all__ = ["read"]


def read(vocab: Vocabulary, text: str, anchor: datetime.date | None, *, whole: bool = False) -> list[TimeValue]:
    """Every temporal expression in a text with its value.

    Args:
        vocab: The loaded vocabulary.
        text: The text (not empty).
        anchor: The publication date, or None.
        whole: The text is known to be one expression: a bare number is a year, a relative phrase
            without a date before it counts from the anchor.

    Returns:
        TimeValues in text order, non-overlapping.
    """
    r = Reading(vocab, text, whole)
    # "476 BC", "the 5th century BC": the calendar here has no years before Christ; such a date gets no value
    atoms = [a for a in select(r, find_atoms(r)) if not r.p["bc_after"].match(text, a.end)]
    atoms = keep_years(r, atoms)
    atoms = widen(r, atoms)
    atoms = join_ranges(r, atoms)
    return resolve_all(r, atoms, anchor)

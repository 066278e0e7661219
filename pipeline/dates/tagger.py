"""The entry points: ``tag_dates`` for a text, ``parse_expression`` for one expression."""
from __future__ import annotations

import datetime
import pathlib

from pipeline.dates.anchoring import anchor_date
from pipeline.dates.loader import load_vocabulary
from pipeline.dates.reader import read
from pipeline.records import TimeValue
from pipeline.ruleset import RuleSet

__all__ = ["parse_expression", "tag_dates"]

# words that may stand around one expression given to parse_expression ("in the 1950s") besides year_context's
_AROUND = ("the", "during the", "in the", "since the")


def tag_dates(text: str, *, anchor: datetime.date | TimeValue | None = None,
              rules: RuleSet | pathlib.Path | None = None) -> list[TimeValue]:
    """Every temporal expression in text, in order of char_start, non-overlapping (longest match wins).

    Relative expressions ("the same year", "the next year", "later that year") take the last explicit date
    before them in the text; deictic ones ("last year", "recently", "in recent times") and weekdays ("on Monday",
    the most recent Monday on or before the anchor; "last Monday", "next Friday", "this Wednesday") take ``anchor``. A
    relative expression with nothing to count from is skipped: no value ever comes from today's date.
    Coordinated years ("in 1954 and 1955") give one value per year. "9/11" and the other names in
    the English pack's ``dates/named.tsv`` are tagged as their day wherever they appear.

    Args:
        text: Any text; offsets of the values point into it.
        anchor: The article's publication date (a date or a TimeValue), or None.
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Returns:
        TimeValues with ``text[tv.char_start:tv.char_end] == tv.text`` and ``start <= end``.

    Raises:
        RuleError: The rule files are malformed.
    """
    if not text:
        return []
    return read(load_vocabulary(rules), text, anchor_date(anchor))


def parse_expression(text: str, *, anchor: datetime.date | TimeValue | None = None,
                     rules: RuleSet | pathlib.Path | None = None) -> TimeValue | None:
    """Normalise one whole expression ("the late 1950s", "FY2015-16", "2003").

    A bare number counts as a year here; a relative phrase counts from ``anchor``. A leading preposition
    ("in 1999") and surrounding punctuation may stay outside the expression found.

    Args:
        text: The expression.
        anchor: Publication date, also the reference of "the same year" here, or None.
        rules: The rule set; None for the shipped packs.

    Returns:
        A TimeValue with char_start=0 and char_end=len(text), or None when the text is not one valid
        expression (two dates, an impossible date, a relative phrase without anchor).

    Raises:
        RuleError: The rule files are malformed.
    """
    if not text or not text.strip():
        return None
    vocab = load_vocabulary(rules)
    values = read(vocab, text, anchor_date(anchor), whole=True)
    if len(values) != 1:
        return None
    tv = values[0]
    rest = (text[: tv.char_start] + " " + text[tv.char_end:]).strip(" \t\n,.;:()[]\"'“”‘’").lower()
    if rest and rest not in vocab.year_before and rest not in _AROUND:
        return None
    return TimeValue(text, 0, len(text), tv.start, tv.end, tv.granularity, tv.relative, tv.mod)

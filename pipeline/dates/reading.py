"""What every step of reading one text shares: the text with its vocabulary, and the candidate expressions."""
from __future__ import annotations

import re
from dataclasses import dataclass

import datetime

from pipeline.dates.arithmetic import Value, make_date
from pipeline.dates.vocabulary import Holiday, Modifier, Relative, Vocabulary, key

__all__ = ["Atom", "Reading"]


@dataclass(frozen=True)
class Atom:
    """A candidate expression: its span and value (None = an invalid reading that swallows its span).

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character.
        kind: What was read: date, month, year, yrange, decade, century, quarter, half, fiscal, named,
            yearless, relative, weekday, year_short, range, invalid, none.
        value: The interval, None until resolved (relative, weekday, yearless) or for an invalid reading.
        needs_license: A bare number, kept only in year-like context.
        needs_year: (month, day) of a yearless date.
        relative: The relative phrase read.
        number: The number a relative phrase names, the weekday of a weekday phrase, a bare year, or the two
            digits of a short year ("'96").
        season: The season a relative phrase names ("the following spring").
        mod: A modifier before a relative phrase ("late last year"), applied once resolved.
        rule: How a weekday phrase counts from the publication date.
        phrase_end: Where the counted phrase of an event_relative atom ends ("two days after"), its event after it.
        holiday: The holiday a yearless day is (its day moves from year to year: Thanksgiving, Easter).
    """

    start: int
    end: int
    kind: str
    value: Value | None
    needs_license: bool = False
    needs_year: tuple[int, int] | None = None
    relative: Relative | None = None
    number: int = 0
    season: str = ""
    mod: Modifier | None = None
    rule: str = ""
    holiday: Holiday | None = None
    phrase_end: int = 0

    def day_in(self, year: int) -> datetime.date | None:
        """The day a yearless atom names in a year: a holiday's own day there, else its month and day (None when
        that day does not exist)."""
        if self.holiday is not None:
            return self.holiday.on(year)
        month, day = self.needs_year
        return make_date(year, month, day)


class Reading:
    """One text being read, with the vocabulary and patterns it is read with."""

    def __init__(self, vocab: Vocabulary, text: str, whole: bool = False) -> None:
        """Start reading a text.

        Args:
            vocab: The loaded vocabulary.
            text: The text.
            whole: The text is known to be one expression (``parse_expression``).
        """
        self.v = vocab
        self.p = vocab.patterns
        self.text = text
        self.whole = whole
        self.ymin = vocab.conventions["year_min"]
        self.ymax = vocab.conventions["year_max"]

    def year(self, raw: str) -> int | None:
        """The year a four-digit token names ("2oo6" read as 2006); None outside the conventions' years."""
        number = int(raw.replace("o", "0").replace("O", "0"))
        return number if self.ymin <= number <= self.ymax else None

    def month(self, m: re.Match[str], group: str = "m") -> int | None:
        """Month number of a month token; None for a lower-case ambiguous word ("may")."""
        word = m.group(group).rstrip(".")
        low = key(word)
        if low in self.v.ambiguous_months and word[0].islower():
            return None
        return self.v.months.get(low)

    def in_name(self, start: int, end: int) -> bool:
        """A month or season named alone is part of a name: a capitalised word right before it (other than a
        ``bare_before`` word: "In June", "The summer") or right after it ("June Carter")."""
        before = self.p["wd_word_before"].search(self.text, max(0, start - 40), start)
        if before is not None and before.group("w")[0].isupper() and key(before.group("w")) not in self.v.bare_before:
            return True
        after = self.p["wd_word_after"].match(self.text, end)
        return after is not None and after.group("w").isupper()

    def names_event(self, end: int) -> bool:
        """A season named alone that names an event after it ("the Spring Offensive", "the summer KPA invasion"):
        a year word of ``year_context.tsv`` follows, one word between at most. Such a name is a date, whatever
        capitals stand around it. (A month in a name is not: "the October Revolution" names 1917 whatever the
        story's year.)"""
        return bool(self.p["lic_after"].match(self.text[end: end + 40]))

    def prefix_match(self, pos: int, floor: int) -> re.Match[str] | None:
        """The prefix ("early", "the first week of", "summer", "the") ending at pos, not reaching before floor."""
        window_start = max(floor, pos - 60)
        return self.p["prefix"].search(self.text, window_start, pos)

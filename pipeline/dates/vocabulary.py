"""The date vocabulary: what ``rules/dates/`` says, as typed records, and how its tables spell a word."""
from __future__ import annotations

import datetime
import pathlib
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from dateutil.easter import EASTER_WESTERN, easter

__all__ = ["Example", "Holiday", "Modifier", "Relative", "Vocabulary", "WeekdayPhrase", "key"]

# letters that re.IGNORECASE matches to ASCII ones ("ſept" matches "sept"): fold them before a table look-up
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k", "Å": "å"})


def key(raw: str) -> str:
    """A matched word or phrase as the tables spell it: lower case, single spaces, folded letters.

    Args:
        raw: The words as the text writes them ("Sept.", "the  LATER half of").

    Returns:
        The look-up key ("ſept" → "sept").
    """
    return " ".join(raw.translate(_FOLD).lower().split())


@dataclass(frozen=True)
class Modifier:
    """A phrase that keeps part of a period ("early", "the later half of").

    Attributes:
        phrase: The phrase as written in modifiers.tsv, lower case.
        lo: Fraction of the period where the kept part starts.
        hi: Fraction where it ends.
        half: True when a year so narrowed has granularity "half".
    """

    phrase: str
    lo: Fraction
    hi: Fraction
    half: bool


@dataclass(frozen=True)
class Relative:
    """A relative or deictic phrase from relative.tsv.

    Attributes:
        expression: The phrase, lower case, with ``{n}`` for a number and ``{season}`` for a season name.
        anchor: "previous" (last explicit date in the text) or "publication".
        unit: day, week, month, year or season.
        lo: Offset (in units) of the first unit; may name ``n`` with a whole-number factor (``-10n``).
        hi: Offset of the last unit.
        granularity: Granularity of the value.
        pattern: Compiled full-match pattern of the phrase.
    """

    expression: str
    anchor: str
    unit: str
    lo: str
    hi: str
    granularity: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class WeekdayPhrase:
    """A phrase naming a day by its weekday, from weekday_phrases.tsv ("last {weekday}").

    Attributes:
        expression: The phrase, lower case, ending in ``{weekday}``.
        rule: on_or_before, before, after or same_week (which such day, counted from the publication date).
    """

    expression: str
    rule: str


@dataclass(frozen=True)
class Example:
    """One line of examples.tsv: an expression and the value it must get.

    Attributes:
        expression: Text given to ``parse_expression``.
        anchor: Publication date, or None.
        start: Expected first day, or None for "no value".
        end: Expected last day.
        granularity: Expected granularity ("" when no value).
        line: Line number in examples.tsv.
    """

    expression: str
    anchor: datetime.date | None
    start: datetime.date | None
    end: datetime.date | None
    granularity: str
    line: int


@dataclass(frozen=True)
class Holiday:
    """A holiday's day in any year: a fixed day (month 12, day 25), the first weekday on or after a day (month 11,
    Thursday on or after the 22nd: the fourth Thursday of November), or a number of days from Easter (Good
    Friday: two before Western Easter).

    Attributes:
        month: 1-12, or 0 for a day counted from Easter.
        day: The fixed day, the first day a weekday may fall on, or the days from Easter.
        weekday: 0 (Monday) to 6 (Sunday) for a weekday rule, else None.
        easter: For a day counted from Easter, dateutil's method (Western or Orthodox).
        alone: It counts without a year, taking the year from the text ("Christmas Day"; not "Christmas").
    """

    month: int
    day: int
    weekday: int | None = None
    easter: int = EASTER_WESTERN
    alone: bool = True

    def on(self, year: int) -> datetime.date | None:
        """Its day in a year (None outside the calendar)."""
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            return None
        if self.month == 0:
            return easter(year, self.easter) + datetime.timedelta(days=self.day)
        first = datetime.date(year, self.month, self.day)
        if self.weekday is None:
            return first
        return first + datetime.timedelta(days=(self.weekday - first.weekday()) % 7)

    @property
    def about(self) -> tuple[int, int]:
        """(month, day) near which it falls every year, for choosing the year a yearless mention is in."""
        if self.month == 0:
            return (4, 10) if self.easter == EASTER_WESTERN else (4, 20)
        return self.month, min(self.day + (3 if self.weekday is not None else 0), 28)


@dataclass(frozen=True)
class Vocabulary:
    """Everything read from ``rules/dates/``, with the patterns built from it.

    Attributes:
        rules_dir: Folder the files came from.
        months: Month name or abbreviation → month number.
        ambiguous_months: Month words that count only when capitalised ("may", "march").
        weekdays: Weekday names and abbreviations.
        weekday_numbers: Full weekday name (the longest of each number) → weekday (0 = Monday).
        weekday_phrases: Phrases naming a day by its weekday ("on {weekday}"), by their words before {weekday}.
        weekday_words: Single words of weekday_phrases.tsv by kind: "part" (times of day that may follow a
            weekday phrase: "night"), "veto_before" (before a phrase, it is no date: "every"),
            "veto_before_bare" (the same before a bare weekday only: "that"), "name_before" (capitalised
            before a bare weekday, makes a name: "Good Friday"), "future" (a word in the sentence
            that puts an on_or_before weekday in the future: "will", "tomorrow"), "said" (a verb of saying next
            to a weekday keeps it in the past: "predicted Wednesday"), "attributive_before" (an article before a
            weekday that modifies a noun: "the Friday explosions").
        ordinals: Ordinal word → number ("third" → 3, "last" → -1).
        cardinals: Number word → number.
        decades: Decade word → decade within the default century ("eighties" → 80).
        modifiers: Phrase → Modifier.
        seasons: Season → (first month, last month, year offset of the last month).
        relative_seasons: Seasons that may follow "last", "that", "the following" ("fall" may not).
        relatives: Relative phrases, longest first.
        named: Date-like names ("9/11") → (start, end, granularity).
        holidays: Holiday name → its Holiday.
        holiday_periods: Words for what lasts days or weeks and may be named after a holiday ("the Christmas
            Offensive"): the holiday stands for its month.
        holiday_spans: Words for a stretch around a holiday ("Easter week", "the Christmas holidays"): no one day.
        year_before: Words after which a bare number is a year.
        bare_before: Words that may stand capitalised just before a month or season named alone ("In June",
            "Last summer") without making it part of a name; the year words of ``year_before`` included.
        period_words: What ``{season}`` in a relative phrase may be: a season, or a month by its full name.
        full_months: Month names that are no abbreviation of another ("june", not "jun"): only these may stand
            alone as a month.
        year_after: Words before which a bare number is a year.
        veto_before: Words after which a number is never a year.
        veto_after: Words before which a number is never a year.
        year_determiners: Determiners that make a number a year when a word that is no plural noun follows it
            ("the 1996 bombing", "a 1998 interview"; not "the 2000 soldiers").
        open_before: Words before a year that opens a stretch to now ("since 1990"): the story's time stays.
        fiscal: The fiscal.yaml mapping.
        conventions: The conventions.yaml mapping.
        examples: Checked examples.
        patterns: Compiled patterns, by name.
    """

    rules_dir: pathlib.Path
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: frozenset[str]
    weekday_numbers: dict[str, int]
    weekday_phrases: dict[str, WeekdayPhrase]
    weekday_words: dict[str, frozenset[str]]
    ordinals: dict[str, int]
    cardinals: dict[str, int]
    decades: dict[str, int]
    modifiers: dict[str, Modifier]
    seasons: dict[str, tuple[int, int, int]]
    relative_seasons: frozenset[str]
    relatives: tuple[Relative, ...]
    named: dict[str, tuple[datetime.date, datetime.date, str]]
    holidays: dict[str, Holiday]
    holiday_periods: frozenset[str]
    holiday_spans: frozenset[str]
    year_before: frozenset[str]
    bare_before: frozenset[str]
    full_months: frozenset[str]
    period_words: frozenset[str]
    year_after: frozenset[str]
    veto_before: frozenset[str]
    veto_after: frozenset[str]
    year_determiners: frozenset[str]
    open_before: frozenset[str]
    fiscal: dict[str, Any]
    conventions: dict[str, Any]
    examples: tuple[Example, ...]
    patterns: dict[str, re.Pattern[str]]

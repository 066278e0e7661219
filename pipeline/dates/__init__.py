"""Temporal tagger for historical narrative: finds date expressions and normalises them to intervals.

Every value is an inclusive interval with the precision the text states (``TimeValue``). The English
expressions are read by precompiled regular expressions built from the vocabularies in ``rules/dates/``;
dateparser is only asked about day-month-year groups written in other languages ("13 دسمبر، 2012"), with
settings that never fill a missing part from today's date.

How a text is read, in order:

1. atoms: full dates, months, bare years, decades, centuries, quarters, fiscal years, named dates ("9/11"),
   fixed holidays ("Christmas Eve 1979"), relative phrases ("the same year", "the following spring"), weekday
   phrases ("on Monday", "last Friday", ``weekday_phrases.tsv``), year ranges ("2010-2012"); overlapping atoms
   keep the longest, and an invalid longest reading ("32 May 2011", "year 20111") swallows its span so no
   shorter wrong value survives;
2. bare years are kept only in year-like context (``year_context.tsv``);
3. prefixes narrow an atom: "early"/"the later half of" (``modifiers.tsv``), "summer" (``seasons.tsv``; also
   "the winter of 2015-16"), "the first week of", "the third quarter of"; a modifier before a relative phrase
   ("late last year") narrows its value once it is resolved;
4. ranges join two atoms ("from 1979 to 1989", "between 24 September and 10 October 2016");
   coordinated years ("in 1954 and 1955") stay two values;
5. relative phrases take the last explicit date before them, deictic ones and weekdays the publication date
   (``anchor``); without one they are skipped, never resolved against today.

The package, in the order a text is read (imports run from the top of this list down):

- ``tagger``: ``tag_dates`` and ``parse_expression``, the entry points;
- ``reader``: the five steps above for one text;
- ``atoms`` (step 1) over ``calendar_atoms``, ``phrases`` and ``foreign`` (dateparser, other languages);
  ``licence`` (2), ``modifiers`` (3), ``ranges`` (4), ``anchoring`` (5);
- ``reading``: the text being read and its candidate expressions (``Atom``);
- ``loader``: ``load_vocabulary``, the one reader of ``rules/dates/``, over ``tables`` (file formats) and
  ``patterns`` (the regular expressions built from the words);
- ``vocabulary``: the typed records the rules become; ``arithmetic``: calendar arithmetic.
"""
from __future__ import annotations

from pipeline.dates.loader import load_vocabulary
from pipeline.dates.tagger import parse_expression, tag_dates
from pipeline.dates.vocabulary import Vocabulary

__all__ = ["Vocabulary", "load_vocabulary", "parse_expression", "tag_dates"]

"""Atoms that are phrases: named dates ("9/11"), holidays, relative phrases ("the following year"), weekdays.

Relative phrases and weekdays get their value later, once every atom is chosen (``anchoring``).
"""
from __future__ import annotations

import re

from pipeline.dates.arithmetic import Value, season_in
from pipeline.dates.reading import Atom, Reading
from pipeline.dates.vocabulary import Relative, key

__all__ = ["holiday", "named", "number_in", "relative", "season_alone", "weekday"]

Match = re.Match[str]


def named(r: Reading, m: Match) -> Atom:
    """A date-like name from named.tsv ("9/11"), wherever it appears."""
    first, last, gran = r.v.named[m.group(0)]
    return Atom(m.start(), m.end(), "named", Value(first, last, gran))


def holiday(r: Reading, m: Match) -> Atom | None:
    """"Christmas Eve 1979", "Easter 1916" (a day); "Thanksgiving Day" alone takes its year from the text, like
    "24 March"; a holiday that names an event ("the Christmas Offensive") stands for its month; none in another
    name ("Easter Island")."""
    h = r.v.holidays[key(m.group("h")).replace("’", "'")]
    if m.group("y") is None:
        month, day = h.about
        if r.p["holiday_period_after"].match(r.text[m.end("h"): m.end("h") + 40]):
            return Atom(m.start(), m.end("h"), "yearless", None, needs_year=(month, 0))
        after = r.p["wd_word_after"].match(r.text, m.end("h"))
        if not h.alone or (after is not None and after.group("w").isupper()) \
                or r.p["holiday_span_after"].match(r.text[m.end("h"): m.end("h") + 40]):
            return None  # "Easter Island"; "Easter week", "the Christmas holidays" are no one day
        return Atom(m.start(), m.end("h"), "yearless", None, needs_year=(month, day), holiday=h)
    year = r.year(m.group("y"))
    d = h.on(year) if year else None
    return Atom(m.start(), m.end(), "date", Value(d, d, "day") if d else None)


def relative(r: Reading, tail: Match) -> Atom | None:
    """A relative phrase ending in the word ``tail`` found ("the following year", "three years later").

    None for "the last year of his term" (a phrase followed by "of") and for a phrase right after a "the"
    that relative.tsv does not list with it ("in the last year" is not "last year").
    """
    m = r.p["relative_end"].search(r.text, max(0, tail.start() - 60), tail.end())
    if m is None:
        return season_alone(r, tail)
    phrase = m.group(0)
    # "the last year of his term" is not "last year"
    if r.text.startswith(" of", m.end()):
        return None
    # "six months before the Soviet deployment" counts from an event, not from the last date: it has a value only
    # as an apposition to a date ("On 27 June 1950, two days after the KPA invaded"), given once atoms are chosen
    if phrase.lower().endswith((" before", " after")) and r.p["event_after"].match(r.text, m.end()):
        clause = r.p["event_clause"].match(r.text, m.end())
        return Atom(m.start(), clause.end() if clause else m.end(), "event_relative", None, phrase_end=m.end())
    if not phrase.lower().startswith("the") and r.p["the_only"].search(r.text, max(0, m.start() - 8), m.start()):
        return None
    for rel in r.v.relatives:
        fm = rel.pattern.fullmatch(phrase)
        if fm is None:
            continue
        number = 0
        if "{n}" in rel.expression:
            number = number_in(r, phrase, rel)
            if number is None:
                return None
        season = key(phrase.split()[-1]) if rel.unit == "season" else ""
        if season in r.v.ambiguous_months and phrase.split()[-1][0].islower():
            return None  # "that may happen"
        atom = Atom(m.start(), m.end(), "relative", None, relative=rel, number=number, season=season)
        if rel.expression.startswith("{n} "):
            return _coordinated_numbers(r, atom) + [atom]
        return atom
    return None


def _coordinated_numbers(r: Reading, atom: Atom) -> list[Atom]:
    """"ten, fifteen, and twenty years earlier": each number coordinated before a counted phrase is the same
    phrase with its own number."""
    m = r.p["numbers_before"].search(r.text, max(0, atom.start - 80), atom.start)
    if m is None:
        return []
    atoms = []
    for w in re.finditer(r"[\w-]+", m.group(0)):
        word = key(w.group(0))
        if word in ("and", "or"):
            continue
        number = int(word) if word.isdigit() and int(word) <= 200 else r.v.cardinals.get(word)
        if number is None:
            return []
        atoms.append(Atom(m.start() + w.start(), m.start() + w.end(), "relative", None, relative=atom.relative,
                          number=number))
    return atoms


def season_alone(r: Reading, tail: Match) -> Atom | None:
    """"the summer", "Winter": a season named alone, its year from the story or the publication date; not one
    a year follows ("summer 1944", read with the year) nor one in a name ("Summer Palace")."""
    word = key(tail.group(0))
    if word not in r.v.relative_seasons:
        return None
    if (r.p["season_not_after"].match(r.text, tail.end()) or r.in_name(tail.start(), tail.end())) \
            and not r.names_event(tail.end()):
        return None
    named = r.p["event_of_year"].match(r.text[tail.end(): tail.end() + 60])
    if named is not None and r.names_event(tail.end()) and word in r.v.seasons:
        # "the Spring Offensive of 1918": the event's year is the season's
        year = r.year(named.group("y"))
        if year:
            return Atom(tail.start(), tail.end(), "date", season_in(r.v.seasons[word], year))
    return Atom(tail.start(), tail.end(), "yearless", None, season=word)


def number_in(r: Reading, phrase: str, rel: Relative) -> int | None:
    """The number that stands for ``{n}`` in a relative phrase: digits up to 200, or a number word.

    Args:
        r: The reading (for its number words).
        phrase: The phrase as written ("a couple of years later").
        rel: The relative.tsv entry it matched.

    Returns:
        The number, or None when it is too large or not a known word.
    """
    words = key(phrase).split()
    template = rel.expression.split()
    i = template.index("{n}")
    # the number may span several words ("a couple of"): take what the fixed words leave
    tail = len(template) - i - 1
    token = " ".join(words[i: len(words) - tail])
    if token.isdigit():
        return int(token) if int(token) <= 200 else None
    return r.v.cardinals.get(token)


def weekday(r: Reading, m: Match) -> Atom | None:
    """"on Monday", "last Friday", "Tuesday night" (valued from the publication date once all atoms are
    chosen); None for a weekday in a name ("Good Friday Agreement", "Black Monday") or in another use
    ("every Monday", "the last Monday of March")."""
    text, p, words = r.text, r.p, r.v.weekday_words
    name = m.group("wd")
    if not name[0].isupper():
        return None
    head = key(m.group("head") or "")
    phrase = r.v.weekday_phrases.get(head)
    if phrase is None or p["wd_of_after"].match(text, m.end()):
        return None
    before = p["wd_word_before"].search(text, max(0, m.start() - 40), m.start())
    if before is not None:
        word = key(before.group("w"))
        if word in words["veto_before"] or (not head and word in words["veto_before_bare"]):
            return None
        # "the Friday explosions", "a Sunday night memorial service"; not "the Monday after"
        if word in words["attributive_before"] and (head or not p["wd_noun_after"].match(text, m.end())):
            return None
        # "Good Friday", "Black Monday", "Super Tuesday"; not "President Clinton Saturday vowed"
        if not head and before.group("w")[0].isupper() and word in words["name_before"]:
            return None
    after = p["wd_word_after"].match(text, m.end())
    if not head and after is not None and after.group("w").isupper():
        return None  # "Good Friday Agreement", "Sunday Times", "Monday Night Football"
    return Atom(m.start(), m.end(), "weekday", None, number=r.v.weekday_numbers[key(name)], rule=phrase.rule)

"""Step 5 of reading a text: values for what counts from another date.

Relative phrases ("the same year", "the following spring") take the last explicit date before them;
deictic ones ("last year") and weekdays ("on Monday") the publication date (the anchor); a yearless day
("24 March") the year of the last explicit date. Without a date to count from they are skipped, never
resolved against today.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable

from pipeline.dates.arithmetic import Value, make_date, month_span, season_in
from pipeline.dates.counting import resolve, resolve_season, weekday_value
from pipeline.dates.modifiers import mod_label, modified
from pipeline.dates.reading import Atom, Reading
from pipeline.dates.vocabulary import key
from pipeline.records import TimeValue

__all__ = ["anchor_date", "resolve_all"]


def anchor_date(anchor: datetime.date | TimeValue | None) -> datetime.date | None:
    """The publication date as a day: a TimeValue's start, a datetime's date.

    Args:
        anchor: A date, datetime, TimeValue or None.

    Returns:
        The day, or None.
    """
    if isinstance(anchor, TimeValue):
        return anchor.start
    if isinstance(anchor, datetime.datetime):
        return anchor.date()
    return anchor


def resolve_all(r: Reading, atoms: list[Atom], anchor: datetime.date | None) -> list[TimeValue]:
    """The TimeValues of the atoms, relative ones counted in text order.

    Args:
        r: The reading.
        atoms: Atoms in text order, ranges joined.
        anchor: The publication date, or None.

    Returns:
        A TimeValue per atom with a valid value, in text order.
    """
    out: list[TimeValue] = []
    last_explicit: Value | None = None
    now = False
    for i, atom in enumerate(atoms):
        if atom.kind == "invalid":
            continue
        if atom.kind == "event_relative":
            value = _apposition(r, atoms[i - 1] if i else None, atom, out[-1] if out else None)
            if value is not None:
                out.append(TimeValue(r.text[atom.start: atom.end], atom.start, atom.end, value.start, value.end,
                                     value.granularity, True))
            continue
        following = atoms[i + 1] if i + 1 < len(atoms) else None
        if atom.kind == "weekday" and _dated_by_next(r, atom, following):
            continue
        counted = _COUNTED.get(atom.kind)
        if counted is not None:
            story = None if (now and atom.kind == "yearless") else last_explicit
            value, relative = _season_before(r, atom, following) or counted(r, atom, anchor, story), True
            if atom.kind == "yearless" and value is not None and story is not None and not atom.season:
                last_explicit = value  # the story moves on with "3 May" once its year is known
            now = now or (value is not None and _back_to_now(r, atom))
        else:
            value, relative = atom.value, False
            if value is not None and _sets_story_time(r, atom) and not _aside_back(r, atom, value, last_explicit):
                last_explicit, now = value, False
        if value is None or value.start > value.end:
            continue
        out.append(TimeValue(r.text[atom.start: atom.end], atom.start, atom.end,
                             value.start, value.end, value.granularity, relative, mod_label(atom.mod)))
    return out


def _apposition(r: Reading, before: Atom | None, atom: Atom, last: TimeValue | None) -> Value | None:
    """"On 27 June 1950, two days after the KPA invaded and three months before the October intervention": a
    phrase counted from an event, set off right after a date (or after such a phrase, by "and"), restates that
    date; anywhere else it has no value."""
    if before is None or last is None or last.char_end != before.end:
        return None
    between = r.text[before.end: atom.start]
    if not (r.p["apposition"].fullmatch(between)
            or (before.kind == "event_relative" and between.strip().lower() == "and")):
        return None
    return Value(last.start, last.end, last.granularity)


def _back_to_now(r: Reading, atom: Atom) -> bool:
    """"But this year", "on Monday", "last week": a phrase counted from the publication date, outside quotation
    marks, brings a news story back to its present after a flashback ("fought for independence in 1898. But this
    year ... who was rescued Nov. 25" is the last 25 November before the publication date)."""
    if atom.kind != "weekday" and not (atom.kind == "relative" and atom.relative.anchor == "publication"
                                       and atom.relative.granularity != "range"):
        return False
    line = r.text[max(r.text.rfind("\n", 0, atom.start) + 1, atom.start - _QUOTE_REACH): atom.start]
    straight = line.count('"') % 2 == 1
    return not straight and line.count("``") + line.count("\u201c") <= line.count("''") + line.count("\u201d")


def _aside_back(r: Reading, atom: Atom, value: Value, story: Value | None) -> bool:
    """"... commands on 28 March. A council was created at the conference on 5 November 1917. Operation Marne was
    launched on 15 July": a full date more than a month before the story's time, inside a sentence rather than
    opening it, is an aside into the past; the story stays where it was."""
    point = _point(story)
    if point is None or atom.kind != "date" or (point - value.end).days <= _ASIDE_DAYS:
        return False
    return len(r.text[_sentence_start(r.text, atom.start): atom.start].split()) > _OPENING_WORDS


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts: after the last full stop and space, or line break, before it."""
    return max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1


# how far back of the story's time a full date inside a sentence is an aside, and how many words open a sentence
_ASIDE_DAYS = 31
_OPENING_WORDS = 3
# how far back a quotation around a deictic phrase is looked for
_QUOTE_REACH = 1000


def _sets_story_time(r: Reading, atom: Atom) -> bool:
    """A date moves the story's time, except a bare year that opens a stretch to now ("since 1990", an
    ``open_before`` word), names a thing ("the 1996 bombing", "a 1998 law") or stands in brackets as an aside or a
    citation ("(2003)"): "In December" after any of them is not in that year."""
    if atom.kind in ("decade", "century"):
        return False
    if atom.kind != "year":
        return True
    window = max(0, atom.start - 40)
    return not (r.p["lic_det"].search(r.text, window, atom.start) or r.p["open_before"].search(r.text, window, atom.start)
                or r.p["in_brackets"].search(r.text, window, atom.start))


def _season_before(r: Reading, atom: Atom, following: Atom | None) -> Value | None:
    """"the spring and summer of 1979": a season named alone, coordinated with a season that has its year, is in
    that year."""
    if not atom.season or atom.season not in r.v.seasons or following is None or following.value is None \
            or following.value.granularity != "season" or not r.p["season_and"].fullmatch(r.text, atom.end, following.start):
        return None
    return season_in(r.v.seasons[atom.season], following.value.start.year)


def _dated_by_next(r: Reading, atom: Atom, following: Atom | None) -> bool:
    """"Monday, 24 March": the explicit date that follows a weekday has the value."""
    return following is not None and following.kind in ("date", "yearless") \
        and bool(r.p["wd_date_gap"].match(r.text, atom.end, following.start))


def _weekday(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    rule = atom.rule
    if rule == "on_or_before" and _future_near(r, atom) and not _said(r, atom):
        rule = "on_or_after"
    return weekday_value(rule, atom.number, anchor)


def _future_near(r: Reading, atom: Atom) -> bool:
    """"The talks will resume on Monday", "as soon as Tuesday", "on Saturday and were planning to": a future word
    (weekday_phrases.tsv) in the weekday's clause: at most 60 characters either side, not beyond the sentence or a
    quotation mark (what a quoted speaker says of the future does not move "said Navarro, who spent Sunday night
    there")."""
    text = r.text
    opening = _sentence_start(text, atom.start)
    start = max(opening, atom.start - 60)
    ends = [i for i in (text.find(". ", atom.end), text.find("\n", atom.end)) if i >= 0]
    reach = _clause_end(text, atom.end) if _opens_sentence(text[opening: atom.start]) else atom.end + 60
    before = _quoted_cut(text[start: atom.start], last=True)
    after = _quoted_cut(text[atom.end: min(ends + [reach, len(text)])], last=False)
    return _speaks_of_future(r, before + " " + after) or _speaks_of_future(r, before, "future_before")


def _clause_end(text: str, pos: int) -> int:
    """Where the clause after pos ends: before a coordinated clause (", and", ", but", ";") or the text's end."""
    ends = [i for i in (text.find(", and ", pos), text.find(", but ", pos), text.find(";", pos)) if i >= 0]
    return min(ends, default=len(text))


def _opens_sentence(head: str) -> bool:
    """"On Tuesday, the league plans to hold a news conference": a weekday that opens its sentence (nothing before
    it but "On") sets the time of the whole sentence, so its tense is read to the sentence's end."""
    return not head.strip(" \t\"'`(") or head.strip().lower() in ("on", "by")


def _speaks_of_future(r: Reading, text: str, kind: str = "future") -> bool:
    """Whether a future word or two-word phrase of weekday_phrases.tsv ("will", "plans to") is in the text; kind
    future_before: one that says so only before the weekday ("planned to leave on Thursday")."""
    words = r.p["word"].findall(text.lower())
    future = r.v.weekday_words[kind]
    return any(w in future for w in words) or any(f"{a} {b}" in future for a, b in zip(words, words[1:]))


def _quoted_cut(window: str, last: bool) -> str:
    """The part of a window on the weekday's side of the nearest quotation mark."""
    marks = [i for i in (window.rfind(q) if last else window.find(q) for q in ('"', "''", "“", "”", "``")) if i >= 0]
    if not marks:
        return window
    return window[max(marks) + 1:] if last else window[: min(marks)]


def _future_sentence(r: Reading, atom: Atom) -> bool:
    """"The talks will resume on Monday": a future word (weekday_phrases.tsv) in the weekday's sentence."""
    ends = [i for i in (r.text.find(". ", atom.end), r.text.find("\n", atom.end)) if i >= 0]
    sentence = r.text[_sentence_start(r.text, atom.start): min(ends) if ends else len(r.text)]
    return _speaks_of_future(r, sentence)


def _said(r: Reading, atom: Atom) -> bool:
    """"Cuba predicted Wednesday", "Clinton Saturday vowed": a verb of saying next to the weekday dates the saying."""
    before = r.p["wd_word_before"].search(r.text, max(0, atom.start - 40), atom.start)
    after = r.p["word"].match(r.text, atom.end + 1) if r.text[atom.end: atom.end + 1] == " " else None
    said = r.v.weekday_words["said"]
    return (before is not None and key(before.group("w")) in said) or (after is not None and key(after.group(0)) in said)


def _relative(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    """A relative phrase from its anchor (``parse_expression`` counts "the same year" from the publication date)."""
    rel = atom.relative
    if rel.unit == "season":
        reference = last_explicit if rel.anchor == "previous" else None
        if reference is None and (rel.anchor == "publication" or r.whole) and anchor:
            reference = Value(anchor, anchor, "day")
        if atom.season in r.v.seasons:
            return resolve_season(rel, r.v.seasons[atom.season], reference)
        month = r.v.months[atom.season]  # "last November": a month is a season of one month
        value = resolve_season(rel, (month, month, 0), reference)
        return None if value is None else Value(value.start, value.end, "month")
    base = anchor if rel.anchor == "publication" else _point(last_explicit)
    if base is None and r.whole:
        base = anchor
    value = resolve(rel, atom.number, base)
    if value is not None and atom.mod is not None:
        value = modified(r, value, atom.mod)
    return value


def _yearless(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    """"24 March", "in June", "the summer" in the year the story is in, else near the publication date.

    The story's year is the last explicit date's (a day it has moved past by more than nine months is in the next
    year: "14 January" after "December 1916"); without one, the year that puts the day nearest the publication date
    ("Nov. 25" in a story of 15 January 2000 is 1999); what is to come in recent news is counted from the
    publication date (:func:`_future_of_anchor`)."""
    base, story = _point(last_explicit), True
    if base is None:
        base, story = anchor, False
    if base is None:
        return None
    if atom.season:
        return season_in(r.v.seasons[atom.season], base.year)
    if atom.needs_year is None:
        return None
    month, day = atom.needs_year
    year = _story_year(base, month, day) if story else _nearest_year(base, month, day)
    year += _tense_shift(r, atom, anchor, year, month, day)
    if story:
        year = _future_of_anchor(r, atom, anchor, year, month, day)
        year = _days_before_publication(anchor, year, month, day)
    if day == 0:
        first, last = month_span(year, month)
        value = Value(first, last, "month")
        return modified(r, value, atom.mod) if atom.mod is not None else value
    d = atom.day_in(year)
    if d is not None and atom.number:
        last = make_date(year, month, atom.number)
        return Value(d, last, "range") if last else None
    return Value(d, d, "day") if d else None


def _tense_shift(r: Reading, atom: Atom, anchor: datetime.date | None, year: int, month: int, day: int) -> int:
    """-1 when a day would fall more than four months after the publication date, or a month more than two, in a
    sentence that does not speak of what is to come ("He was last seen Nov. 3" in a story of May 1999 is November 1998; a hearing
    "on Jan. 14" in a story of 6 January stays ahead); 0 otherwise."""
    if anchor is None:
        return 0
    first = make_date(year, month, max(day, 1)) or datetime.date(year, month, 28)
    reach = _FUTURE_REACH_DAYS if day else _FUTURE_REACH_DAYS_MONTH
    return -1 if (first - anchor).days > reach and not _future_sentence(r, atom) else 0


def _future_of_anchor(r: Reading, atom: Atom, anchor: datetime.date | None, year: int, month: int, day: int) -> int:
    """The year of a day the story's past year would put before the publication date in a sentence that speaks of
    what is to come: the first such day on or after the publication date ("who were invited in July 1997, will
    join on March 12" in a story of February 1999 is 12 March 1999), when that year is the news's own (within
    two years of the publication date); else ``year`` unchanged."""
    if anchor is None:
        return year
    first = make_date(year, month, max(day, 1)) or datetime.date(year, month, 28)
    if first >= anchor or (anchor - first).days > _FUTURE_OF_ANCHOR_DAYS or not _future_sentence(r, atom):
        return year  # a history's "will" speaks of its own future, years before the publication date
    here = make_date(anchor.year, month, max(day, 1)) or datetime.date(anchor.year, month, 28)
    return anchor.year if here >= anchor or anchor.year >= datetime.MAXYEAR else anchor.year + 1


def _days_before_publication(anchor: datetime.date | None, year: int, month: int, day: int) -> int:
    """"met in Bali in 2022 ... announced on October 21" in a story of 23 October 2024: a day that falls in the
    weeks just before the publication date is that recent day, when the story's year is one of the few years
    before it (a news story's flashback), not years away (a history's)."""
    if anchor is None or year == anchor.year or not 0 < anchor.year - year <= _RECENT_YEARS:
        return year
    if not day:
        for recent in (anchor.year, anchor.year - 1):
            first, last = month_span(recent, month)
            if first <= anchor and (anchor - last).days <= _RECENT_DAYS_MONTH:
                return max(recent, year)
        return year
    here = make_date(anchor.year, month, day)
    return anchor.year if here is not None and 0 <= (anchor - here).days <= _RECENT_DAYS else year


# how many years back a news story's flashback may lie, and how many days before publication a day is recent
_RECENT_YEARS = 3
_RECENT_DAYS = 21
_RECENT_DAYS_MONTH = 62


def _story_year(base: datetime.date, month: int, day: int) -> int:
    """The base's year, or the next one when the day lies more than nine months before the base."""
    here = make_date(base.year, month, max(day, 1)) or datetime.date(base.year, month, 28)
    return base.year + 1 if (base - here).days > 270 and base.year < datetime.MAXYEAR else base.year


def _nearest_year(base: datetime.date, month: int, day: int) -> int:
    """The year, of the base's and the two around it, that puts the day (a month: its middle) nearest the base."""
    def distance(year: int) -> int:
        here = make_date(year, month, day or 15) or datetime.date(year, month, 28)
        return abs((here - base).days)

    # the calendar ends at year 9999 and starts at year 1: an anchor at its edge has one neighbour
    years = [y for y in (base.year, base.year - 1, base.year + 1) if datetime.MINYEAR <= y <= datetime.MAXYEAR]
    return min(years, key=distance)


# how far before the publication date a story's year still is the news's own, for a future sentence
_FUTURE_OF_ANCHOR_DAYS = 731
# how far ahead of the publication date a day or month without a year may lie in a sentence with no future word
_FUTURE_REACH_DAYS = 120
# the same for a month named alone, from its first day ("In January" in a story of late October is last January)
_FUTURE_REACH_DAYS_MONTH = 60

def _quarter_alone(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    """"the third quarter": in the story's year, else the publication date's (the last year's when it would begin
    more than two months after the publication date in a sentence about the past)."""
    base = _point(last_explicit) or anchor
    if base is None:
        return None
    year = base.year
    if last_explicit is None and anchor is not None:
        year += _tense_shift(r, atom, anchor, year, 3 * atom.number - 2, 0)
    return Value(month_span(year, 3 * atom.number - 2)[0], month_span(year, 3 * atom.number)[1], "quarter")


def _short_year(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    """"the '96 campaign": the latest year with those two last digits not after the story's year, else the
    publication date's ("'99" in a story of 1917 is 1899; in a story of 2001, 1999)."""
    base = _point(last_explicit) or anchor
    if base is None:
        return None
    year = base.year - (base.year - atom.number) % 100
    return Value(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year") if year >= 1 else None


def _day_of_month(r: Reading, atom: Atom, anchor: datetime.date | None, last_explicit: Value | None) -> Value | None:
    """"on the 20th": that day of the month the story is in (its last explicit date names a day or a month); none
    when the story has only a year or no date yet."""
    if last_explicit is None or last_explicit.granularity not in ("day", "month"):
        return None
    d = make_date(last_explicit.start.year, last_explicit.start.month, atom.number)
    return Value(d, d, "day") if d else None


# atom kinds whose value counts from another date
_COUNTED: dict[str, Callable[[Reading, Atom, "datetime.date | None", "Value | None"], "Value | None"]] = {
    "weekday": _weekday, "relative": _relative, "yearless": _yearless, "quarter_alone": _quarter_alone,
    "year_short": _short_year, "day_of_month": _day_of_month,
}


def _point(value: Value | None) -> datetime.date | None:
    """The day a relative phrase counts from: a range's end, otherwise the value's start."""
    if value is None:
        return None
    return value.end if value.granularity == "range" else value.start

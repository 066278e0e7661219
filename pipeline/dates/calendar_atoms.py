"""Atoms written with calendar words and digits: full dates, months, years, ranges of them, longer periods.

Each reader takes one match of the pattern it is named for and gives an ``Atom`` (an invalid reading gets value
None and still swallows its span: "32 May 2011" leaves no "May 2011" behind), a list of atoms, or None.
"""
from __future__ import annotations

import datetime
import re

from pipeline.dates.arithmetic import Value, last_day, make_date, month_span
from pipeline.dates.reading import Atom, Reading
from pipeline.dates.vocabulary import key

__all__ = [
    "bad_year", "bare_year", "century", "cross_month_range", "decade", "fiscal_year", "full_date", "half_year",
    "iso_date", "month_range", "month_year", "numeric", "quarter", "year_range", "yearless",
]

Match = re.Match[str]


def full_date(r: Reading, m: Match) -> Atom:
    """"May 1, 1948", "13th of December, 2012", "24-26 March 2013" (a range of days)."""
    month, year = r.month(m), r.year(m.group("y"))
    if month is None:
        # "may 2011" in lower case is not a date; keep only the year reading
        return Atom(m.start(), m.start(), "none", None)
    d1 = make_date(year, month, int(m.group("d"))) if year else None
    d2 = make_date(year, month, int(m.group("d2"))) if year and m.group("d2") else d1
    if d1 is None or d2 is None or d2 < d1:
        return Atom(m.start(), m.end(), "date", None)
    return Atom(m.start(), m.end(), "date", Value(d1, d2, "day" if d1 == d2 else "range"))


def cross_month_range(r: Reading, m: Match) -> Atom:
    """"24 September to 10 October 2016"; "20 December - 5 January 2015" starts the year before."""
    m1, m2, year = r.month(m), r.month(m, "m2"), r.year(m.group("y"))
    if m1 is None or m2 is None:
        return Atom(m.start(), m.start(), "none", None)
    d1 = make_date(year, m1, int(m.group("d"))) if year else None
    d2 = make_date(year, m2, int(m.group("d2"))) if year else None
    if d1 and d2 and d1 > d2:
        d1 = make_date(year - 1, m1, int(m.group("d")))
    ok = d1 is not None and d2 is not None and d1 <= d2
    return Atom(m.start(), m.end(), "date", Value(d1, d2, "range") if ok else None)


def month_year(r: Reading, m: Match) -> Atom | None:
    """"September 2011", "Dec. 2016"; None for a lower-case ambiguous month ("may 2011")."""
    month, year = r.month(m), r.year(m.group("y"))
    if month is None:
        return None
    return Atom(m.start(), m.end(), "month", Value(*month_span(year, month), "month") if year else None)


def month_range(r: Reading, m: Match) -> list[Atom]:
    """"January to March 2015", "between May and July 2014" (ranges); "January and March 2015" (two months)."""
    m1, m2, year = r.month(m), r.month(m, "m2"), r.year(m.group("y"))
    if m1 is None or m2 is None:
        return []
    if not year:
        return [Atom(m.start(), m.end(), "invalid", None)]
    if m.group("conn").lower() == "and" and not m.group("kw"):
        # coordination: the first month is a value of its own, in the year written once
        return [Atom(m.start("m"), m.end("m"), "month", Value(*month_span(year, m1), "month")),
                Atom(m.start("m2"), m.end(), "month", Value(*month_span(year, m2), "month"))]
    first_year = year if m1 <= m2 else year - 1  # "December to February 2015" starts in 2014
    return [Atom(m.start(), m.end(), "date",
                 Value(datetime.date(first_year, m1, 1), month_span(year, m2)[1], "range"))]


def yearless(r: Reading, m: Match) -> Atom | None:
    """"24 March", "March 24", "2-5 March": a day (or days) whose year comes from the story or the publication date."""
    month = r.month(m)
    if month is None:
        return None
    if m.group("d") is None:
        return _month_alone(r, m, month)
    day = int(m.group("d"))
    last = int(m.group("d2")) if m.group("d2") else 0  # "2-5 March", "March 16–18": a range of days
    ok = 1 <= day <= last_day(2000, month) and (not last or day < last <= last_day(2000, month))
    return Atom(m.start(), m.end(), "yearless", None, needs_year=(month, day) if ok else None, number=last)


def _month_alone(r: Reading, m: Match, month: int) -> Atom | None:
    """"in January", "late November": a month whose year comes from the story or the publication date; a full
    name written with a capital, not part of a name ("Theresa May", "June Carter")."""
    word = m.group("m")
    # a month in a name stays none even before an event noun: "the October Revolution" is 1917, not the story's year
    if not word[0].isupper() or key(word) not in r.v.full_months or r.in_name(m.start(), m.end()):
        return None
    return Atom(m.start(), m.end(), "yearless", None, needs_year=(month, 0))


def iso_date(r: Reading, m: Match) -> Atom:
    """"2021-05-28"."""
    d = make_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return Atom(m.start(), m.end(), "date", Value(d, d, "day") if d else None)


def numeric(r: Reading, m: Match) -> Atom:
    """"16.10.2015", "10/16/2015": day and month in the conventions' order unless one exceeds 12."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = (a, b) if r.v.conventions["numeric_date_order"] == "dmy" else (b, a)
    if month > 12 and day <= 12:  # the order is unambiguous when one part exceeds 12
        day, month = month, day
    d = make_date(year, month, day) if r.ymin <= year <= r.ymax else None
    return Atom(m.start(), m.end(), "date", Value(d, d, "day") if d else None)


def year_range(r: Reading, m: Match) -> Atom:
    """"2010-2012", "1979-89", "2012/13"."""
    first = r.year(m.group("y"))
    raw = m.group("y2")
    if len(raw) == 2:
        if not first:
            return Atom(m.start(), m.end(), "invalid", None)
        last = first - first % 100 + int(raw)
        if last < first:
            last += 100
        # "1979-89" is a range; "2012-13" too, but "1998-2" or "2011-06" (a month) are not years
        if last - first > 30 or last > r.ymax:
            return Atom(m.start(), m.start(), "none", None)
    else:
        last = r.year(raw)
    if not first or not last or last <= first:
        return Atom(m.start(), m.end(), "invalid", None)
    return Atom(m.start(), m.end(), "yrange", Value(datetime.date(first, 1, 1), datetime.date(last, 12, 31), "range"))


def decade(r: Reading, m: Match, name: str) -> Atom | None:
    """"the 1950s", "the '80s", "the eighties" (pattern ``name``); None for "in his eighties" (an age)."""
    if name == "decade":
        year = r.year(m.group("dec"))
    elif name == "decade_short":
        year = r.v.conventions["two_digit_decade_century"] + 10 * int(m.group("dd"))
    else:
        # "the eighties" but not "in his eighties" (an age)
        pm = r.prefix_match(m.start(), 0)
        if pm is None or not pm.group("the"):
            return None
        number = r.v.decades.get(key(m.group("w")))
        if number is None:
            return None
        year = r.v.conventions["two_digit_decade_century"] + number
    if not year:
        return Atom(m.start(), m.end(), "invalid", None)
    value = Value(datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31), "decade")
    return Atom(m.start(), m.end(), "decade", value)


def short_year(r: Reading, m: Match) -> Atom:
    """"the '96 campaign": a year written with two digits, whose century comes from the story or the publication date
    (valued once every atom is chosen)."""
    return Atom(m.start(), m.end(), "year_short", None, number=int(m.group("yy")))


def century(r: Reading, m: Match) -> Atom:
    """"the 19th century", "the twentieth century" (its first year from the conventions)."""
    n = int(m.group("n")) if m.group("n") else r.v.ordinals.get(key(m.group("w")), 0)
    first = (n - 1) * 100 + r.v.conventions["century_first_year"]
    if not 1 <= n <= r.ymax // 100 + 1:
        return Atom(m.start(), m.end(), "invalid", None)
    return Atom(m.start(), m.end(), "century",
                Value(datetime.date(max(first, 1), 1, 1), datetime.date(first + 99, 12, 31), "century"))


def quarter(r: Reading, m: Match) -> Atom:
    """"Q3 2014", "3Q 2014", "2014 Q3"."""
    year = r.year(m.group("y") or m.group("y2"))
    q = int(m.group("q") or m.group("q2") or m.group("q3"))
    value = None
    if year:
        value = Value(month_span(year, 3 * q - 2)[0], month_span(year, 3 * q)[1], "quarter")
    return Atom(m.start(), m.end(), "quarter", value)


def quarter_alone(r: Reading, m: Match) -> Atom | None:
    """"the third quarter", "third-quarter": valued once the story's year is known (``anchoring``)."""
    raw = key(m.group("ord"))
    q = r.v.ordinals.get(raw) or int(raw[0])
    return Atom(m.start(), m.end(), "quarter_alone", None, number=q) if 1 <= q <= 4 else None


def half_year(r: Reading, m: Match) -> Atom:
    """"H1 2015", "2H 2015"."""
    year, h = r.year(m.group("y")), int(m.group("h") or m.group("h2"))
    value = Value(datetime.date(year, 6 * h - 5, 1), month_span(year, 6 * h)[1], "half") if year else None
    return Atom(m.start(), m.end(), "half", value)


def fiscal_year(r: Reading, m: Match) -> Atom:
    """"FY2015-16", "fiscal 2016" (fiscal.yaml says when the year starts and which year names it)."""
    fiscal = r.v.fiscal
    raw1, raw2 = m.group("y"), m.group("y2")
    y1 = fiscal["two_digit_century"] + int(raw1) if len(raw1) == 2 else r.year(raw1)
    bad = Atom(m.start(), m.end(), "invalid", None)
    if not y1:
        return bad
    if raw2:
        y2 = y1 - y1 % 100 + int(raw2) if len(raw2) == 2 else r.year(raw2)
        if y2 != y1 + 1:
            return bad
        first = y1
    else:
        first = y1 - 1 if fiscal["single_year_names"] == "end" else y1
    if fiscal["start_month"] == 1:
        start, end = datetime.date(first, 1, 1), datetime.date(first, 12, 31)
    else:
        start = datetime.date(first, fiscal["start_month"], 1)
        end = datetime.date(first + 1, fiscal["start_month"], 1) - datetime.timedelta(days=1)
    return Atom(m.start(), m.end(), "fiscal", Value(start, end, fiscal["granularity"]))


def bare_year(r: Reading, m: Match) -> Atom | None:
    """"1948" alone: a year only in year-like context (``needs_license``)."""
    year = r.year(m.group("y"))
    if not year:
        return None
    return Atom(m.start(), m.end(), "year", Value(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"),
                needs_license=True, number=year)


def spelled_year(r: Reading, m: Match) -> Atom | None:
    """"nineteen ninety-six", "two thousand and three": a year spelled out, kept in year-like context as "1996" is
    ("in nineteen ninety-six", not "nineteen twenty-year-olds")."""
    if m.group("c"):
        year = 100 * r.v.cardinals[key(m.group("c"))] + _words_number(r, m.group("r"))
    else:
        year = 2000 + (_words_number(r, m.group("t")) if m.group("t") else 0)
    year = r.year(str(year))
    if not year:
        return None
    return Atom(m.start(), m.end(), "year", Value(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"),
                needs_license=True, number=year)


def _words_number(r: Reading, words: str) -> int:
    """"ninety-six" = 96, "oh five" = 5, "hundred" = 0, "twelve" = 12."""
    parts = [w for w in words.lower().replace("-", " ").split() if w not in ("oh", "o", "hundred")]
    return sum(r.v.cardinals[w] for w in parts)


def day_of_month(r: Reading, m: Match) -> Atom | None:
    """"on the 20th", "from the 13th": a day whose month and year come from the story (valued once every atom is
    chosen), after a preposition; None after any other word ("the 20th Division" is never read)."""
    n = int(m.group("n"))
    if not 1 <= n <= 31 or not r.p["dom_before"].search(r.text, max(0, m.start() - 12), m.start()):
        return None
    return Atom(m.start(), m.end(), "day_of_month", None, number=n)


def bad_year(r: Reading, m: Match) -> Atom:
    """"year 20111": swallows the span so that no shorter reading of it survives."""
    return Atom(m.start(), m.end(), "invalid", None)

"""Tests for pipeline/dates/: the temporal tagger."""
from __future__ import annotations

import datetime
import importlib.util
import pathlib
import shutil
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.dates import load_vocabulary, parse_expression, tag_dates
from pipeline.dates import licence
from pipeline.errors import RuleError
from pipeline.records import GRANULARITIES, TimeValue
from pipeline.ruleset import Pack, load_rules, load_rules_from_packs

ROOT = pathlib.Path(__file__).resolve().parent.parent
D = datetime.date


def _spec(tv: TimeValue | None) -> tuple | None:
    return None if tv is None else (tv.start.isoformat(), tv.end.isoformat(), tv.granularity)


# ------------------------------------------------------------------------------------- one expression

EXPRESSIONS = [
    ("May 1, 1948", ("1948-05-01", "1948-05-01", "day")),
    ("24 September 2016", ("2016-09-24", "2016-09-24", "day")),
    ("September 11th 2018", ("2018-09-11", "2018-09-11", "day")),
    ("NOVEMBER 7, 2016", ("2016-11-07", "2016-11-07", "day")),
    ("October 4, 2012", ("2012-10-04", "2012-10-04", "day")),
    ("4 October 2012", ("2012-10-04", "2012-10-04", "day")),
    ("13th of December, 2012", ("2012-12-13", "2012-12-13", "day")),
    ("Sept. 11, 2001", ("2001-09-11", "2001-09-11", "day")),
    ("Thursday, 13 December 2012", ("2012-12-13", "2012-12-13", "day")),
    ("29 February 2012", ("2012-02-29", "2012-02-29", "day")),
    ("2021-05-28", ("2021-05-28", "2021-05-28", "day")),
    ("16.10.2015", ("2015-10-16", "2015-10-16", "day")),
    ("05/04/2013", ("2013-04-05", "2013-04-05", "day")),
    ("12/25/2013", ("2013-12-25", "2013-12-25", "day")),
    ("Dec. 2016", ("2016-12-01", "2016-12-31", "month")),
    ("September 2011", ("2011-09-01", "2011-09-30", "month")),
    ("April 1965", ("1965-04-01", "1965-04-30", "month")),
    ("February, 2003", ("2003-02-01", "2003-02-28", "month")),
    ("in 1999", ("1999-01-01", "1999-12-31", "year")),
    ("2003", ("2003-01-01", "2003-12-31", "year")),
    ("2oo6", ("2006-01-01", "2006-12-31", "year")),
    ("1980s", ("1980-01-01", "1989-12-31", "decade")),
    ("the 1990s", ("1990-01-01", "1999-12-31", "decade")),
    ("the eighties", ("1980-01-01", "1989-12-31", "decade")),
    ("the '80s", ("1980-01-01", "1989-12-31", "decade")),
    ("the late 1950s", ("1950-01-01", "1959-12-31", "decade")),
    ("mid-1970s", ("1970-01-01", "1979-12-31", "decade")),
    ("the early 1980s", ("1980-01-01", "1989-12-31", "decade")),
    ("early 2002", ("2002-01-01", "2002-12-31", "year")),
    ("mid-2015", ("2015-01-01", "2015-12-31", "year")),
    ("late 2011", ("2011-01-01", "2011-12-31", "year")),
    ("the end of 2015", ("2015-01-01", "2015-12-31", "year")),
    ("the later half of 1990s", ("1995-01-01", "1999-12-31", "decade")),
    ("the later part of 1990s", ("1995-01-01", "1999-12-31", "decade")),
    ("the first half of 2011", ("2011-01-01", "2011-06-30", "half")),
    ("the second half of 2011", ("2011-07-01", "2011-12-31", "half")),
    ("early October 2012", ("2012-10-01", "2012-10-31", "month")),
    ("first week of October 2012", ("2012-10-01", "2012-10-07", "week")),
    ("the last week of February 2012", ("2012-02-23", "2012-02-29", "week")),
    ("the third month of 2011", ("2011-03-01", "2011-03-31", "month")),
    ("summer 2014", ("2014-06-01", "2014-08-31", "season")),
    ("the summer of 2014", ("2014-06-01", "2014-08-31", "season")),
    ("winter 2015", ("2015-12-01", "2016-02-29", "season")),
    ("Q3 2015", ("2015-07-01", "2015-09-30", "quarter")),
    ("the third quarter of 2015", ("2015-07-01", "2015-09-30", "quarter")),
    ("FY2015-16", ("2015-07-01", "2016-06-30", "range")),
    ("fiscal year 2015-16", ("2015-07-01", "2016-06-30", "range")),
    ("FY2016", ("2015-07-01", "2016-06-30", "range")),
    ("FY16", ("2015-07-01", "2016-06-30", "range")),
    ("from 1979 to 1989", ("1979-01-01", "1989-12-31", "range")),
    ("between 1979 and 1989", ("1979-01-01", "1989-12-31", "range")),
    ("2010-2012", ("2010-01-01", "2012-12-31", "range")),
    ("1979-89", ("1979-01-01", "1989-12-31", "range")),
    ("1948 to the late 1950s", ("1948-01-01", "1959-12-31", "range")),
    ("23-24 February 2022", ("2022-02-23", "2022-02-24", "range")),
    ("February 23-24, 2022", ("2022-02-23", "2022-02-24", "range")),
    ("between 24 September and 10 October 2016", ("2016-09-24", "2016-10-10", "range")),
    ("from 24 September to 10 October 2016", ("2016-09-24", "2016-10-10", "range")),
    ("from March 2012 to June 2013", ("2012-03-01", "2013-06-30", "range")),
    ("the 21st century", ("2001-01-01", "2100-12-31", "century")),
    ("the twentieth century", ("1901-01-01", "2000-12-31", "century")),
    ("9/11", ("2001-09-11", "2001-09-11", "day")),
    ("13 دسمبر، 2012", ("2012-12-13", "2012-12-13", "day")),
    ("23 февраля 2022", ("2022-02-23", "2022-02-23", "day")),
]


@pytest.mark.parametrize("text,expected", EXPRESSIONS)
def test_dates_parse_expression_values(text, expected):
    tv = parse_expression(text)
    assert _spec(tv) == expected
    assert (tv.text, tv.char_start, tv.char_end, tv.relative) == (text, 0, len(text), False)


RELATIVE = [
    ("last year", D(2018, 9, 11), ("2017-01-01", "2017-12-31", "year")),
    ("this year", D(2018, 9, 11), ("2018-01-01", "2018-12-31", "year")),
    ("next month", D(2018, 12, 11), ("2019-01-01", "2019-01-31", "month")),
    ("this month", D(2016, 11, 9), ("2016-11-01", "2016-11-30", "month")),
    ("last week", D(2019, 11, 20), ("2019-11-11", "2019-11-17", "week")),
    ("yesterday", D(2020, 3, 1), ("2020-02-29", "2020-02-29", "day")),
    ("recently", D(2018, 9, 11), ("2017-09-11", "2018-09-11", "range")),
    ("in recent times", D(2018, 9, 11), ("2017-09-11", "2018-09-11", "range")),
    ("the past three years", D(2013, 6, 1), ("2010-06-01", "2013-06-01", "range")),
    ("the last couple of years", D(2013, 6, 1), ("2011-06-01", "2013-06-01", "range")),
    ("two years ago", D(2013, 6, 1), ("2011-01-01", "2011-12-31", "year")),
    ("the same year", D(2004, 7, 1), ("2004-01-01", "2004-12-31", "year")),
    ("late last year", D(2019, 3, 10), ("2018-01-01", "2018-12-31", "year")),
    ("early next year", D(2023, 10, 2), ("2024-01-01", "2024-12-31", "year")),
    ("two decades ago", D(2021, 8, 15), ("2001-01-01", "2001-12-31", "year")),
    ("last summer", D(2018, 4, 12), ("2017-06-01", "2017-08-31", "season")),
    ("last summer", D(2018, 10, 1), ("2018-06-01", "2018-08-31", "season")),
    ("this winter", D(2018, 1, 10), ("2017-12-01", "2018-02-28", "season")),
]


@pytest.mark.parametrize("text,anchor,expected", RELATIVE)
def test_dates_relative_take_the_anchor(text, anchor, expected):
    tv = parse_expression(text, anchor=anchor)
    assert _spec(tv) == expected
    assert tv.relative


@pytest.mark.parametrize("anchor", [datetime.date.min, datetime.date.max])
def test_dates_relative_at_calendar_edges_have_no_value(anchor):
    text = "last year, next month, last week, yesterday, tomorrow, recently, the past 200 years, 3 years ago"
    for tv in tag_dates(text, anchor=anchor):
        assert tv.start <= tv.end


# 2019-11-20 is a Wednesday; 2019-11-18 a Monday; 2019-11-22 a Friday
WEEKDAYS = [
    ("on Monday", D(2019, 11, 20), ("2019-11-18", "2019-11-18", "day")),
    ("On Monday", D(2019, 11, 20), ("2019-11-18", "2019-11-18", "day")),
    ("Monday", D(2019, 11, 20), ("2019-11-18", "2019-11-18", "day")),
    ("on Monday", D(2019, 11, 18), ("2019-11-18", "2019-11-18", "day")),  # the anchor's own day counts
    ("on Thursday", D(2019, 11, 20), ("2019-11-14", "2019-11-14", "day")),  # a bare weekday is in the past
    ("last Monday", D(2019, 11, 20), ("2019-11-18", "2019-11-18", "day")),
    ("last Monday", D(2019, 11, 18), ("2019-11-11", "2019-11-11", "day")),  # strictly before the anchor
    ("on Tuesday night", D(2019, 11, 20), ("2019-11-19", "2019-11-19", "day")),
    ("Sunday morning", D(2019, 11, 20), ("2019-11-17", "2019-11-17", "day")),
    ("this Wednesday", D(2019, 11, 18), ("2019-11-20", "2019-11-20", "day")),
    ("this Monday", D(2019, 11, 24), ("2019-11-18", "2019-11-18", "day")),  # ISO week: Monday to Sunday
    ("this Sunday", D(2019, 11, 18), ("2019-11-24", "2019-11-24", "day")),
    ("next Friday", D(2019, 11, 20), ("2019-11-22", "2019-11-22", "day")),
    ("next Friday", D(2019, 11, 22), ("2019-11-29", "2019-11-29", "day")),  # strictly after the anchor
    ("next Monday", D(2019, 12, 31), ("2020-01-06", "2020-01-06", "day")),
    ("this past Friday", D(2019, 11, 22), ("2019-11-15", "2019-11-15", "day")),
    ("this coming Monday", D(2019, 11, 20), ("2019-11-25", "2019-11-25", "day")),
    ("earlier this week", D(2019, 11, 20), ("2019-11-18", "2019-11-24", "week")),
    ("later this week", D(2019, 11, 20), ("2019-11-18", "2019-11-24", "week")),
    ("this week", D(2020, 1, 1), ("2019-12-30", "2020-01-05", "week")),
    ("last week", D(2020, 1, 1), ("2019-12-23", "2019-12-29", "week")),
    ("next week", D(2019, 12, 31), ("2020-01-06", "2020-01-12", "week")),
    ("yesterday", D(2020, 1, 1), ("2019-12-31", "2019-12-31", "day")),
    ("today", D(2019, 11, 20), ("2019-11-20", "2019-11-20", "day")),
    ("tomorrow", D(2020, 2, 28), ("2020-02-29", "2020-02-29", "day")),
]


@pytest.mark.parametrize("text,anchor,expected", WEEKDAYS)
def test_dates_weekday_phrases_take_the_anchor(text, anchor, expected):
    tv = parse_expression(text, anchor=anchor)
    assert _spec(tv) == expected
    assert tv.relative and (tv.char_start, tv.char_end) == (0, len(text))


@pytest.mark.parametrize("text", sorted({text for text, _, _ in WEEKDAYS}))
def test_dates_weekday_phrases_without_anchor_have_no_value(text):
    # never today's date
    assert parse_expression(text) is None
    assert tag_dates(f"Officials met {text} in Islamabad.") == []


@pytest.mark.parametrize("anchor", [D(2019, 11, 18) + datetime.timedelta(days=k) for k in range(7)])
@pytest.mark.parametrize("weekday,name", list(enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                         "Saturday", "Sunday"])))
def test_dates_weekday_rules_for_every_anchor_and_weekday(anchor, weekday, name):
    def day(text):
        tv = parse_expression(text, anchor=anchor)
        assert tv is not None and tv.start == tv.end and tv.granularity == "day" and tv.start.weekday() == weekday
        return (tv.start - anchor).days

    assert -6 <= day(f"on {name}") <= 0 and day(name) == day(f"on {name}")
    assert -7 <= day(f"last {name}") <= -1
    assert 1 <= day(f"next {name}") <= 7
    this = anchor + datetime.timedelta(days=day(f"this {name}"))
    assert this.isocalendar()[:2] == anchor.isocalendar()[:2]


WEEKDAY_IN_TEXT = [
    ("Prime Minister Imran Khan on Monday said the talks on Tuesday night had failed.",
     [("on Monday", "2019-11-18"), ("on Tuesday night", "2019-11-19")]),
    ("NEW DELHI: Putin's visit on Monday was brief. Monday's meeting made up for it.",
     [("on Monday", "2019-11-18"), ("Monday", "2019-11-18")]),
    ("He said that last Monday's attack was planned; the envoy arrives next Friday.",
     [("last Monday", "2019-11-18"), ("next Friday", "2019-11-22")]),
    ("Talks opened earlier this week and resume tomorrow.",
     [("earlier this week", "2019-11-18/2019-11-24"), ("tomorrow", "2019-11-21")]),
    ("Until Friday, nothing moved.", [("Friday", "2019-11-15")]),
    # an article before a weekday that modifies a noun: a date
    ("The Friday explosions killed 80; a Sunday night vigil followed.",
     [("Friday", "2019-11-15"), ("Sunday night", "2019-11-17")]),
    # a capitalised word before a bare weekday makes a name only when it is a name_before word
    ("Minister Tariq Saturday vowed to resign.", [("Saturday", "2019-11-16")]),
    ("The team is planning to leave Kabul on Thursday.", [("on Thursday", "2019-11-21")]),
    ("A vigil planned for Saturday was cancelled after security plans leaked.", [("Saturday", "2019-11-16")]),
    ("''Agents might pull him out,'' said Navarro, who spent Sunday night there.", [("Sunday night", "2019-11-17")]),
    # a verb of saying next to the weekday dates the saying, whatever its sentence says of the future
    ("The appeal will fail, the ministry predicted Wednesday.", [("Wednesday", "2019-11-20")]),
    # two-word future phrases in the weekday's clause; "of" after a weekday vetoes it only before a month or week
    ("The league plans to hold a news conference on Friday.", [("on Friday", "2019-11-22")]),
    ("There was no word in Washington on Tuesday of any leads.", [("on Tuesday", "2019-11-19")]),
    ("They met on Monday of last week.", [("last week", "2019-11-11/2019-11-17")]),
    ("On Friday, 9 June 2017, India and Pakistan joined the SCO.", [("Friday, 9 June 2017", "2017-06-09")]),
    ("Talks opened in March 2014 and closed on Monday, 24 March.",
     [("March 2014", "2014-03"), ("24 March", "2014-03-24")]),
]


@pytest.mark.parametrize("text,expected", WEEKDAY_IN_TEXT)
def test_dates_weekday_in_context(text, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text, anchor=D(2019, 11, 20))] == expected


@pytest.mark.parametrize("text,anchor,expected", [
    # a year that names a thing or opens a stretch to now does not move the story's time; a day without a year
    # in a sentence about the past is not months after the publication date, one close ahead of it may be
    ("Kopp, sought since 1990 and charged in the 1996 bombing, was last seen Nov. 3.", D(1999, 5, 7),
     [("1990", "1990"), ("1996", "1996"), ("Nov. 3", "1998-11-03")]),
    ("In 1999 the case went cold. He was last seen Nov. 3.", D(1999, 5, 7), [("1999", "1999"), ("Nov. 3", "1998-11-03")]),
    ("In 1999 the case went cold. Talks will resume Nov. 3.", D(1999, 5, 7), [("1999", "1999"), ("Nov. 3", "1999-11-03")]),
    ("A hearing is set for Jan. 14.", D(2000, 1, 6), [("Jan. 14", "2000-01-14")]),
    # a future sentence in a story whose year is a recent past one: the day is ahead of the publication date
    ("Invited in July 1997, they will join on March 12.", D(1999, 2, 27),
     [("July 1997", "1997-07"), ("March 12", "1999-03-12")]),
    # a history's own future stays in its years
    ("In June 1941 the army was ready. It will attack on June 22.", D(2009, 5, 1),
     [("June 1941", "1941-06"), ("June 22", "1941-06-22")]),
    ("Since 1990 they met every year. In December, talks broke down.", D(1999, 5, 7),
     [("1990", "1990"), ("December", "1998-12")]),
])
def test_dates_story_time_and_tense(text, anchor, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text, anchor=anchor)] == expected


@pytest.mark.parametrize("text,expected", [
    # a season that names an event is a date, whatever capitals stand around it; a month in a name is not
    ("In 1918 the German Spring Offensive failed.", [("1918", "1918"), ("Spring", "1918-03-01/1918-05-31")]),
    ("In 2017 they marked the October Revolution.", [("2017", "2017")]),
    ("In 1950 they foresaw the summer KPA invasion.", [("1950", "1950"), ("summer", "1950-06-01/1950-08-31")]),
    ("In 1950 they toured the Summer Palace with June Carter.", [("1950", "1950")]),
    # a season coordinated with a season that has its year is in that year; not across a comma
    ("In 1975 aid began; troops were requested in the spring and summer of 1979.",
     [("1975", "1975"), ("spring", "1979-03-01/1979-05-31"), ("summer of 1979", "1979-06-01/1979-08-31")]),
    ("In 1975 it rained in spring, and summer 1979 was dry.",
     [("1975", "1975"), ("spring", "1975-03-01/1975-05-31"), ("summer 1979", "1979-06-01/1979-08-31")]),
    # a year written with two digits takes its century from the story: the latest such year not after it
    ("In 1917 Italy called up the so-called '99 Boys (Ragazzi del '99).",
     [("1917", "1917"), ("'99", "1899"), ("'99", "1899")]),
    ("In 2001 he recalled the '96 campaign and the ’98 vote.", [("2001", "2001"), ("'96", "1996"), ("’98", "1998")]),
    # a year spelled out is a year in year-like context; a count is not
    ("It passed in nineteen ninety-six and changed in two thousand and three.",
     [("nineteen ninety-six", "1996"), ("two thousand and three", "2003")]),
    ("There were nineteen twenty-year-olds in two thousand three hundred cases.", []),
    # "the 20th" after a preposition is a day of the story's month (none when the story has only a year); "the 20th
    # Division" and "the 20th anniversary" are never days
    ("Guns fired on 20 September 1917. The onslaught on the 20th was successful.",
     [("20 September 1917", "1917-09-20"), ("the 20th", "1917-09-20")]),
    ("In September 1950 Mao moved the attack from the 13th to the 19th of October 1950.",
     [("September 1950", "1950-09"), ("from the 13th to the 19th of October 1950", "1950-10-13/1950-10-19")]),
    ("In 1917 the 20th Division attacked on the 20th, on the 20th anniversary.", [("1917", "1917")]),
    # a dash joins two days ("17 August-2 September"), but not after a digit
    ("In 1914 the battle (17 August-2 September) ended.",
     [("1914", "1914"), ("17 August", "1914-08-17"), ("2 September", "1914-09-02")]),
    ("On 19 October 1950 they took it. At month's end they held it. Late in the year they left.",
     [("19 October 1950", "1950-10-19"), ("month's end", "1950-10"), ("Late in the year", "1950")]),
    # "before" or "after" with an event after it counts from the event: no value
    ("In July 1979 aid began, six months before the Soviet deployment.", [("July 1979", "1979-07")]),
    ("In July 1979 aid began. Two years before, it had failed.", [("July 1979", "1979-07"), ("Two years before", "1977")]),
    # a year in brackets is an aside or a citation: the story stays where it was
    ("In 1950 the war began (Smith, 2003). In late November, the PVA attacked.",
     [("1950", "1950"), ("2003", "2003"), ("late November", "1950-11")]),
])
def test_dates_story_phrases(text, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text)] == expected


@pytest.mark.parametrize("text,anchor,expected", [
    # before Christ: no value, rather than a wrong one after Christ
    ("Athens fell in the 5th century BC, Rome in 1200 B.C. and the 5th century AD.", None,
     [("the 5th century", "0401-01-01/0500-12-31")]),
    # a quarter without a year: the story's, else the publication date's (the last one reported in the past)
    ("Third-quarter profits rose; the fiscal first quarter is the company's own.", D(1998, 10, 20),
     [("Third-quarter", "1998-07-01/1998-09-30")]),
    ("In 2014 sales fell in the 2nd quarter.", D(1998, 10, 20), [("2014", "2014"), ("the 2nd quarter", "2014-04-01/2014-06-30")]),
])
def test_dates_bc_and_quarters(text, anchor, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text, anchor=anchor)] == expected




def test_dates_determiner_before_a_plural_noun_is_a_count():
    assert [tv.text for tv in tag_dates("The 2000 soldiers left; a 1998 interview stayed.")] == ["1998"]


WEEKDAY_NOT_DATES = [
    "The Good Friday Agreement ended the Troubles.",
    "Markets crashed on Black Monday.",
    "Bloody Sunday was remembered.",
    "The Sunday Times reported the deal.",
    "The results of Super Tuesday surprised them.",
    "The committee meets every Monday.",
    "They met on a Monday.",
    "The vote fell on the last Monday of March.",
    "Troops moved that Monday.",
    "the Monday after the vote",
    "A Monday in May was chosen.",
    "Shops close on monday.",
    "Sat in the sun on Wed evening.",
    "Monday of last week",
]


@pytest.mark.parametrize("text", WEEKDAY_NOT_DATES)
def test_dates_weekday_names_and_habits_untagged(text):
    values = tag_dates(text, anchor=D(2019, 11, 20))
    assert all("day" not in tv.text.lower() for tv in values), values


@pytest.mark.parametrize("anchor", [datetime.date.min, datetime.date.max])
def test_dates_weekday_at_calendar_edges_have_no_value_beyond_it(anchor):
    values = tag_dates("last Monday, on Sunday, next Friday, this Monday, this Sunday", anchor=anchor)
    assert values  # the phrases inside the calendar keep their value
    for tv in values:
        assert tv.start <= tv.end and tv.start.isoformat() in tv.label


def test_dates_anchor_may_be_a_timevalue():
    anchor = TimeValue("9 November 2016", 0, 15, D(2016, 11, 9), D(2016, 11, 9), "day")
    assert _spec(parse_expression("last year", anchor=anchor)) == ("2015-01-01", "2015-12-31", "year")


# ------------------------------------------------------------------------------------------ in a text

IN_TEXT = [
    ("because in 1954 and 1955 Pakistan had joined", [("1954", "1954"), ("1955", "1955")]),
    ("general elections in 1970, 1977 and 1985.", [("1970", "1970"), ("1977", "1977"), ("1985", "1985")]),
    ("the Soviet occupation from 1979 to 1989 (when", [("from 1979 to 1989", "1979-01-01/1989-12-31")]),
    ("From the early years (1948 to the late 1950s), relations",
     [("1948 to the late 1950s", "1948-01-01/1959-12-31")]),
    ("quick progress during the period 2010-2012 highlighting", [("2010-2012", "2010-01-01/2012-12-31")]),
    ("Kayani visited Russia in the First Week of October 2012 and",
     [("the First Week of October 2012", "2012-10-01/2012-10-07")]),
    ("the event of 9/11 and Pakistan's decision", [("9/11", "2001-09-11")]),
    ("ended the 1965 war impasse", [("1965", "1965")]),
    ("the materialization of the 2003 visit to Moscow", [("2003", "2003")]),
    ("Moscow that till 2000 had had concerns", [("2000", "2000")]),
    ("the post- 2014 Afghanistan", [("2014", "2014")]),
    ("(Lahore: Ariana Publications, 2004), 306.", [("2004", "2004")]),
    ("*Journal of Political Studies* 19, no.1 (2002), ", [("2002", "2002")]),
    ("Hans Morgenthau (1891-1976) and George Kennan (1904-2205)", [("1891-1976", "1891-01-01/1976-12-31")]),
    ("in Dec. 2016, the Russian representative", [("Dec. 2016", "2016-12")]),
    ("joint exercises in 2016-17 and", [("2016-17", "2016-01-01/2017-12-31")]),
    ("Putin's visit in 2012 was called off; two years later Shoigu came", [("2012", "2012"), ("two years later", "2014")]),
    ("In the eighties, during the height", [("the eighties", "1980-01-01/1989-12-31")]),
    ("oriented into the 21<sup>st</sup> century.", [("the 21<sup>st</sup> century", "2001-01-01/2100-12-31")]),
    ("Ayub seized power in October 1958 and signed the pact the following spring.",
     [("October 1958", "1958-10"), ("the following spring", "1959-03-01/1959-05-31")]),
    ("In January 1980 Carter reacted; that winter the grain embargo began.",
     [("January 1980", "1980-01"), ("that winter", "1979-12-01/1980-02-29")]),
    ("officials met quietly in the winter of 2015-16.", [("the winter of 2015-16", "2015-12-01/2016-02-29")]),
    ("troops landed at Bagram on Christmas Eve 1979.", [("Christmas Eve 1979", "1979-12-24")]),
    ("talks opened in March 1999 and resumed on Christmas Day.",
     [("March 1999", "1999-03"), ("Christmas Day", "1999-12-25")]),
    ("the war began in 1979 and a decade later the Soviets left", [("1979", "1979"), ("a decade later", "1989")]),
    ("In November 1999 a boy was found at sea on Thanksgiving Day.",
     [("November 1999", "1999-11"), ("Thanksgiving Day", "1999-11-25")]),
    ("In 1916 the rebels held out through Easter Monday.", [("1916", "1916"), ("Easter Monday", "1916-04-24")]),
    ("By December 1935 the Ethiopian Christmas Offensive had begun.",
     [("December 1935", "1935-12"), ("Christmas", "1935-12")]),
    ("In 1998 the Good Friday Agreement was signed on Good Friday.", [("1998", "1998"), ("Good Friday", "1998-04-10")]),
    ("In 1950 Truman recalled the 1930s: they had done so ten, fifteen, and twenty years earlier.",
     [("1950", "1950"), ("the 1930s", "1930-01-01/1939-12-31"), ("ten", "1940"), ("fifteen", "1935"),
      ("twenty years earlier", "1930")]),
    ("In 1990 he wrote letters and five years later he left.", [("1990", "1990"), ("five years later", "1995")]),
    ("On 27 June 1950, two days after the KPA invaded, Truman sent the fleet.",
     [("27 June 1950", "1950-06-27"), ("two days after the KPA invaded", "1950-06-27")]),
    ("Aid was approved in July 1979, six months before the Soviet Invasion.",
     [("July 1979", "1979-07"), ("six months before the Soviet Invasion", "1979-07")]),
    ("In 1936 the battle began. Ten days after the battle began, the army fled.", [("1936", "1936")]),
    ("On 5 May 1950 they came; the day after, they left.", [("5 May 1950", "1950-05-05"), ("the day after", "1950-05-06")]),
    ("Canadians breached the line on the 28 and 29 August 1918.", [("the 28 and 29 August 1918", "1918-08-28/1918-08-29")]),
    ("In 1917 Charles sought peace. The German Spring Offensive of 1918 followed.",
     [("1917", "1917"), ("Spring", "1918-03-01/1918-05-31"), ("1918", "1918")]),
]


@pytest.mark.parametrize("text,expected", IN_TEXT)
def test_dates_tag_dates_in_context(text, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text)] == expected


NOT_DATES = [
    "first visit of a Russian Prime Minister in 38 years",
    "Russia has also agreed to invest $1.7 billion in the pipeline.",
    "lease of Soviet military equipment included 1000 T-90 tanks, two Akula-11 nuclear submarines",
    "it shares its frontiers with 16 sovereign states",
    "*Pakistan Horizon*, vol.60, no. 2 : 127.",
    "provision of two units of 1000 MW nuclear power plants",
    "It is also ready to spend in CASA 1000 and TAPI projects.",
    "UN Security Council Resolution 1172 condemned the tests.",
    "The contract covers 2000 tonnes of steel.",
    "Trade volume reached 1,200 tonnes in the pilot phase.",
    "Moscow may 2014 be different",
    "the late President Zia met the Soviet envoy",
    "a man in his eighties",
    "Ibid., 130-131",
    "the recent high level visits of Pakistan and Russia",
    "The UN Security Council's 1267 sanctions committee lists the Haqqani leaders.",
    "The 1540 Committee reported on export controls.",
    "Estimates put the number of foreign fighters at between 1500 and 2000.",
    "The attack on the check post began at 1600 hours.",
    "a sharp fall in prices the following fall in output",
    "They hoped to be home by Christmas.",
    "Easter Island lies in the Pacific.",
    "Protesters prayed as Easter week began.",
    "Police came six days after the bombing.",
    "They left over the Christmas holidays.",
    "Christmas Island is an Australian territory.",
    "<http://www.thenews.com.pk/2012/10/04/news-2012-135657> and https://rt.com/2013/05/05/",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_no_false_positives(text):
    assert tag_dates(text) == []


# one example per licence of a bare year (pipeline/dates/licence.py): found with it, lost without it
LICENCE_EXAMPLES = [
    ("alone_in_expression", "2003", [("2003", "2003")]),
    ("after_year_word", "Talks resumed in 1948 after the war.", [("1948", "1948")]),
    ("chained_after_date", "They met in May 2011 and 2012.", [("May 2011", "2011-05"), ("2012", "2012")]),
    ("before_year_word", "Pakistan ended 1965 war talks", [("1965", "1965")]),
    ("determiner_before_word", "He was charged in the 1996 Olympic bombing.", [("1996", "1996")]),
    ("range_partner_vouches", "relations 1948 to the late 1950s were warm",
     [("1948 to the late 1950s", "1948-01-01/1959-12-31")]),
    ("coordinated_before_year_word", "the 1965 and 1971 wars", [("1965", "1965"), ("1971", "1971")]),
    ("closing_apposition", "The treaty was signed in Moscow, 1999.", [("1999", "1999")]),
    ("line_heading", "Talks.\n1971 – war with India", [("1971", "1971")]),
    ("after_narrowing_prefix", "Prices rose by summer 1990.", [("summer 1990", "1990-06-01/1990-08-31")]),
]


def _labels(name: str, text: str) -> list[tuple[str, str]]:
    if name == "alone_in_expression":
        tv = parse_expression(text)
        return [] if tv is None else [(tv.text, tv.label)]
    return [(tv.text, tv.label) for tv in tag_dates(text)]


def test_dates_every_licence_has_an_example():
    assert [name for name, _, _ in LICENCE_EXAMPLES] == [f.__name__ for f in licence.LICENCES]


@pytest.mark.parametrize("name,text,expected", LICENCE_EXAMPLES)
def test_dates_licence_keeps_its_year(monkeypatch, name, text, expected):
    assert _labels(name, text) == expected
    monkeypatch.setattr(licence, "LICENCES", tuple(f for f in licence.LICENCES if f.__name__ != name))
    assert _labels(name, text) != expected


def test_dates_relative_use_last_explicit_date():
    text = ("Igor Ivanov visited Pakistan in July 2004. Also, a delegation of Russian Duma visited Pakistan the same "
            "year. In 2011 Putin endorsed the bid; the following year he planned a visit.")
    got = [(tv.text, tv.label, tv.relative) for tv in tag_dates(text, anchor=D(2013, 1, 1))]
    assert got == [("July 2004", "2004-07", False), ("the same year", "2004", True), ("2011", "2011", False),
                   ("the following year", "2012", True)]


def test_dates_relative_without_reference_have_no_value():
    # never today's date: no anchor means no value
    assert tag_dates("Russia has recently signed a deal; talks resumed last month and this year.") == []
    assert tag_dates("Also, a delegation visited Pakistan the same year.") == []
    assert parse_expression("last year") is None
    assert parse_expression("the same year") is None


def test_dates_yearless_day_takes_year_from_context():
    got = tag_dates("The talks opened in March 2014 and closed on 24 March.")
    assert [(tv.text, tv.label, tv.relative) for tv in got] == [("March 2014", "2014-03", False),
                                                               ("24 March", "2014-03-24", True)]
    assert tag_dates("The talks closed on 24 March.") == []


def test_dates_sorted_and_non_overlapping():
    text = open(ROOT / "corpus" / "001_d2656cac8990173e.txt", encoding="utf-8").read()
    values = tag_dates(text, anchor=D(2013, 6, 1))
    assert len(values) > 120
    for a, b in zip(values, values[1:]):
        assert a.char_end <= b.char_start
    for tv in values:
        assert text[tv.char_start:tv.char_end] == tv.text
        assert tv.start <= tv.end and tv.granularity in GRANULARITIES


# --------------------------------------------------------------------------------------------- bad input

BAD = ["the 13th month of 2011", "32 May 2011", "year 20111", "1" * 10_000, "31 February 2011", "2012-13-45",
       "Q5 2015", "FY2015-19", "the 6th week of February 2011", "1904-2205", "", "   ", "2100", "0999",
       "the 13th of Smarch 2011", "9//11", "ſept 2o1x"]


@pytest.mark.parametrize("text", BAD)
def test_dates_bad_input_has_no_value(text):
    assert parse_expression(text) is None
    assert tag_dates(text) == []


def test_dates_bad_day_does_not_leave_a_shorter_wrong_value():
    # "32 May 2011" must not come out as May 2011, nor "the 13th month of 2011" as 2011
    assert tag_dates("It happened on 32 May 2011 or in the 13th month of 2011.") == []


def test_dates_long_digit_run_has_no_value():
    # its speed (no backtracking on long digit runs) is measured by bench/bench_dates.py, not by a timed test
    assert tag_dates("in " + "2" * 100_000 + " and 1" * 2000) == []


# -------------------------------------------------------------------------------------------- rule files


def test_dates_rule_examples():
    vocab = load_vocabulary()
    assert len(vocab.examples) >= 30
    for ex in vocab.examples:
        tv = parse_expression(ex.expression, anchor=ex.anchor)
        got = (tv.start, tv.end, tv.granularity) if tv else (None, None, "")
        assert got == (ex.start, ex.end, ex.granularity), f"examples.tsv:{ex.line}: {ex.expression}"


def test_dates_rule_files_have_format_headers():
    folder = load_vocabulary().rules_dir
    for path in sorted(folder.iterdir()):
        if path.suffix in (".tsv", ".yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith("# format:"), path.name


@pytest.mark.parametrize("name,line,content", [
    ("months.tsv", 2, "# format: x\njanuary\t13\tno\n"),
    ("months.tsv", 2, "# format: x\njanuary\t1\n"),
    ("months.tsv", 1, "january\t1\tno\n"),
    ("modifiers.tsv", 2, "# format: x\nearly\t2/3\t1/3\tsame\n"),
    ("relative.tsv", 3, "# format: x\nlast year\tpublication\tyear\t-1\t-1\tyear\nthat day\tprevious\tfortnight\t0\t0\tday\n"),
    ("year_context.tsv", 2, "# format: x\nin\tmaybe\n"),
    ("relative.tsv", 2, "# format: x\nlast {season}\tpublication\tyear\t-1\t-1\tyear\n"),
    ("relative.tsv", 2, "# format: x\nlast {season}\tpublication\tseason\t-1\t0\tseason\n"),
    ("relative.tsv", 2, "# format: x\n{n} decades ago\tpublication\tyear\t-1.5n\t-1.5n\tyear\n"),
    ("seasons.tsv", 2, "# format: x\nspring\t3\t5\t0\tmaybe\n"),
    ("seasons.tsv", 2, "# format: x\nspring\t3\t5\t0\n"),
    ("holidays.tsv", 2, "# format: x\nchristmas\t12\t32\tno\n"),
    ("holidays.tsv", 2, "# format: x\nfebruary thirty\t2\t30\tno\n"),
    ("holidays.tsv", 2, "# format: x\nchristmas\t12\t25\tsometimes\n"),
    ("holidays.tsv", 2, "# format: x\nthanksgiving\t11\tfunday>=22\tyes\n"),
    ("holidays.tsv", 2, "# format: x\nthanksgiving\t2\tthursday>=28\tyes\n"),
    ("holidays.tsv", 2, "# format: x\ngood friday\teaster\tfriday\tyes\n"),
    ("weekday_phrases.tsv", 2, "# format: x\n{weekday} last\tbefore\n"),
    ("weekday_phrases.tsv", 2, "# format: x\nlast {weekday}\tsometime\n"),
    ("weekday_phrases.tsv", 3, "# format: x\non {weekday}\ton_or_before\nlate night\tpart\n"),
    ("weekdays.tsv", 2, "# format: x\nmonday\t7\n"),
    ("fiscal.yaml", 2, "# format: x\nstart_month: 7: 8\n"),
    ("fiscal.yaml", 0, "# format: x\nstart_month: 13\n"),
])
def test_dates_malformed_rules_raise_rule_error(tmp_path, name, line, content):
    (tmp_path / "dates").mkdir()
    (tmp_path / "dates" / name).write_text(content, encoding="utf-8")
    with pytest.raises(RuleError, match=rf"{name}:{line}: "):
        load_vocabulary(load_rules([tmp_path]))


@pytest.mark.parametrize("text,anchor,whole,mod,part", [
    ("early 2002", None, ("2002-01-01", "2002-12-31"), "START", ("2002-01-01", "2002-04-30")),
    ("the mid-1980s", None, ("1980-01-01", "1989-12-31"), "MID", ("1983-01-01", "1986-12-31")),
    ("late September 2012", None, ("2012-09-01", "2012-09-30"), "END", ("2012-09-21", "2012-09-30")),
    ("the end of 2015", None, ("2015-01-01", "2015-12-31"), "END", ("2015-10-01", "2015-12-31")),
    ("late last year", D(2019, 3, 10), ("2018-01-01", "2018-12-31"), "END", ("2018-09-01", "2018-12-31")),
    ("the first half of 2011", None, ("2011-01-01", "2011-06-30"), "", ("2011-01-01", "2011-06-30")),
])
def test_dates_modifier_keeps_the_period_and_says_which_part(tmp_path, text, anchor, whole, mod, part):
    # TimeML and TIMEX2 convention: "early 2002" is 2002 with mod START; a pack may narrow instead
    (tv,) = tag_dates(f"It happened in {text}.", anchor=anchor)
    assert ((tv.start.isoformat(), tv.end.isoformat()), tv.mod) == (whole, mod)
    (tmp_path / "dates").mkdir()
    (tmp_path / "dates" / "conventions.yaml").write_text("# format: YAML\nmodifier_value: part\n", encoding="utf-8")
    (tv,) = tag_dates(f"It happened in {text}.", anchor=anchor, rules=load_rules([tmp_path]))
    assert (tv.start.isoformat(), tv.end.isoformat()) == part


def test_dates_pack_inherits_the_files_it_lacks(tmp_path):
    (tmp_path / "dates").mkdir()
    (tmp_path / "dates" / "named.tsv").write_text("# format: TSV name start end granularity\nBlue Day\t1999-05-01\t"
                                                 "1999-05-01\tday\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    assert [(tv.text, str(tv.start)) for tv in tag_dates("On Blue Day and in May 2001.", rules=rules)] == [
        ("Blue Day", "1999-05-01"), ("May 2001", "2001-05-01")]


def test_dates_rule_file_in_no_pack_raises(tmp_path):
    folder = tmp_path / "dates"
    shutil.copytree(load_vocabulary().rules_dir, folder)
    (folder / "seasons.tsv").unlink()
    with pytest.raises(RuleError, match="seasons.tsv"):
        load_vocabulary(load_rules_from_packs([Pack("mine", tmp_path)]))


def test_dates_vocabulary_is_cached():
    assert load_vocabulary() is load_vocabulary()


# -------------------------------------------------------------------------------------------------- gold


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_dates", ROOT / "scripts" / "eval_dates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_dates"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_dates_gold_accuracy():
    ev = _eval_module()
    items = ev.load_gold()
    assert sum(1 for i in items if i.text) >= 160
    assert sum(1 for i in items if i.text is None) >= 5
    right, misses = ev.score_ours(items)
    assert right / len(items) >= 0.95, [m[0].text for m in misses]


def test_dates_blind_gold_accuracy():
    # tests/gold/dates_blind.jsonl was written without looking at the tagger or its rules
    ev = _eval_module()
    items = ev.load_gold(ROOT / "tests" / "gold" / "dates_blind.jsonl")
    assert len(items) >= 120
    assert sum(1 for i in items if i.text is None) >= 10
    right, misses = ev.score_ours(items)
    assert right / len(items) >= 0.95, [(m[0].line, m[0].text) for m in misses]


# -------------------------------------------------------------------------------------------- properties

_DATEISH = st.sampled_from([
    " ", ", ", " and ", " to ", "-", "in ", "the ", "early ", "late ", "mid-", "first week of ", "summer ",
    "May ", "march ", "Dec. ", "24 ", "32 ", "11th ", "1954", "2oo6", "1980s", "99", "FY", "Q3 ", "9/11",
    "the same year", "last year", "recently", "between ", "from ", "century", "21st ", "دسمبر", "،", "\n",
    "ſept ", "the eıghties", "ſummer ", "twentieth ", "FIRST WEEK OF ", "the 13th month of ", "Q", "H2 ",
    "on Monday", "Friday ", "last ", "next ", "this ", "Good ", "night", "earlier this week", "SUNDAY",
])


def _check(text: str, anchor: D | None) -> None:
    values = tag_dates(text, anchor=anchor)
    previous_end = 0
    for tv in values:
        assert 0 <= tv.char_start < tv.char_end <= len(text)
        assert text[tv.char_start:tv.char_end] == tv.text
        assert tv.char_start >= previous_end
        previous_end = tv.char_end
        assert tv.start is not None and tv.start <= tv.end
        assert tv.granularity in GRANULARITIES


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_dates_never_raise_on_any_text(text):
    _check(text, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEISH, max_size=12).map("".join), st.one_of(st.none(), st.dates()))
def test_dates_never_raise_on_date_like_text(text, anchor):
    _check(text, anchor)


@pytest.mark.parametrize("text,anchor,expected", [
    # a yearless day follows the story: its year is the last explicit date's, then the story moves with it
    ("On 3 May 1950 they left. On 20 June the army came. A day later it ended.", None,
     [("3 May 1950", "1950-05-03"), ("20 June", "1950-06-20"), ("A day later", "1950-06-21")]),
    # a day the story has moved past by more than nine months is in the next year
    ("The offensive began in December 1916. On 14 January the lines broke.", None,
     [("December 1916", "1916-12-01"), ("14 January", "1917-01-14")]),
    # without a date before it, the year that puts it nearest the publication date
    ("The talks of Nov. 25 failed.", "2000-01-15", [("Nov. 25", "1999-11-25")]),
    # a phrase counted from the publication date brings the story back from a flashback
    ("Marti fought for independence in 1898. But this year, children marched. He was rescued Nov. 25.", "2000-01-28",
     [("1898", "1898-01-01"), ("this year", "2000-01-01"), ("Nov. 25", "1999-11-25")]),
    # not from inside a quotation: a history's heading 'It will be you "tomorrow"' leaves it in its year
    ('In 1936 the war ended. A cry: "It will be you tomorrow". On May 4 he sailed.', "2009-12-19",
     [("1936", "1936-01-01"), ("tomorrow", "2009-12-20"), ("May 4", "1936-05-04")]),
    # a full date more than a month back, inside a sentence, is an aside: the story stays in its year
    ("On 21 March 1918 the offensive began. A council had been created at a conference on 5 November 1917. "
     "The next attack came on 15 July.", None,
     [("21 March 1918", "1918-03-21"), ("5 November 1917", "1917-11-05"), ("15 July", "1918-07-15")]),
    # opening the sentence, it moves the story back
    ("On 21 March 1918 the offensive began. On 5 November 1917 a council met. On 15 December it met again.", None,
     [("21 March 1918", "1918-03-21"), ("5 November 1917", "1917-11-05"), ("15 December", "1917-12-15")]),
    # a season named alone takes the story's year but does not move it ("Winter" is December to February)
    ("In January 1951 the Winter offensive went on. In late January the lines held.", None,
     [("January 1951", "1951-01-01"), ("Winter", "1951-12-01"), ("late January", "1951-01-01")]),
    # a day in the weeks before the publication date is that recent day after a news story's flashback
    ("The leaders met in Bali in 2022. On October 21 an agreement was announced.", "2024-10-23",
     [("2022", "2022-01-01"), ("October 21", "2024-10-21")]),
    # not weeks away from it: the flashback's year stands
    ("The leaders met in Bali in 2022. On September 1 the talks resumed.", "2024-10-23",
     [("2022", "2022-01-01"), ("September 1", "2022-09-01")]),
    # so is a month that ended in the two months before it
    ("She fled in June 1998 and returned later that year. She made the late-November trip.", "2000-01-28",
     [("June 1998", "1998-06-01"), ("later that year", "1998-01-01"), ("the late-November", "1999-11-01")]),
    ("She fled in June 1998. In September she returned.", "2000-01-28",
     [("June 1998", "1998-06-01"), ("September", "1998-09-01")]),
    # a season and a month named alone take the story's year
    ("In 1950 the war began. In the summer the lines held; in January they broke.", None,
     [("1950", "1950-01-01"), ("summer", "1950-06-01"), ("January", "1950-01-01")]),
])
def test_dates_yearless_follow_the_story(text, anchor, expected):
    got = [(tv.text, tv.start.isoformat()) for tv in tag_dates(text, anchor=datetime.date.fromisoformat(anchor) if anchor else None)]
    assert got == expected


def test_dates_weekday_with_a_part_of_the_day_before_a_date_is_that_date():
    got = [(tv.text, tv.start.isoformat()) for tv in tag_dates("They crossed at Sunday dawn of 25 June 1950.",
                                                               anchor=datetime.date(2009, 12, 19))]
    assert got == [("25 June 1950", "1950-06-25")]


@pytest.mark.parametrize("text,expected", [
    ("He left on Thursday.", "1998-09-24"),            # past tense: the most recent Thursday
    ("He will leave on Thursday.", "1998-10-01"),      # a future word in the sentence: the next one
    ("The vote is scheduled for Wednesday.", "1998-09-30"),  # the anchor's own day counts
    ("The team planned to leave on Thursday.", "1998-10-01"),  # a plan in the past for a day after it
    ("On Friday, the government planned to pay.", "1998-09-25"),  # the plan was made that day
    # a weekday opening its sentence takes the tense of its clause, however far the verb
    ("On Thursday, the National Association of Home Builders and Realtors plans to meet.", "1998-10-01"),
    ("On Thursday, the National Association of Home Builders and Realtors met, and it will meet again.", "1998-09-24"),
])
def test_dates_weekday_tense_from_sentence(text, expected):
    got = [tv.start.isoformat() for tv in tag_dates(text, anchor=datetime.date(1998, 9, 30)) if tv.granularity == "day"]
    assert got == [expected]


@pytest.mark.parametrize("text", ["Theresa May spoke.", "The Summer Palace burned.", "June Carter sang."])
def test_dates_month_or_season_in_a_name_is_no_date(text):
    assert tag_dates(text, anchor=datetime.date(2000, 1, 1)) == []


@pytest.mark.parametrize("text,anchor,expected", [
    # what is to come is counted from the publication date in a story near it, not from the story's last date
    ("Invited to join in July 1997, they will join on March 12.", D(1999, 2, 27),
     [("July 1997", "1997-07"), ("March 12", "1999-03-12")]),
    # a history's future in the past stays in its story's year
    ("In 1917 Ludendorff planned that the army will attack on 21 March.", D(2009, 12, 19),
     [("1917", "1917"), ("21 March", "1917-03-21")]),
])
def test_dates_future_sentence_counts_from_publication_in_news(text, anchor, expected):
    assert [(tv.text, tv.label) for tv in tag_dates(text, anchor=anchor)] == expected

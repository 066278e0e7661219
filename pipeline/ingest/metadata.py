"""An article's title, author and publication date: read from its clean text (:func:`detect_metadata`) and,
for a page, from what its markup declares (:func:`html_metadata`).

Dates are parsed by the dates stage (:func:`pipeline.dates.parse_expression`), else by dateparser; a part the
text does not state is never filled in from today.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from pipeline.dates import parse_expression
from pipeline.ingest.html import markup_metadata
from pipeline.ingest.layout import load_layout
from pipeline.ingest.rules import LineRule, publication_cues
from pipeline.ingest.script import mostly_latin
from pipeline.records import TimeValue

DATE_LANGUAGES = ("en", "ur", "ru")
"""Languages a date line may be written in, tried in this order (explicit: no language guessing)."""

_DATE_SETTINGS = {
    "REQUIRE_PARTS": ["year"],
    "PREFER_DATES_FROM": "past",
    # A fixed base so that no missing part is ever filled in from today's date.
    "RELATIVE_BASE": datetime(1900, 1, 1),
}
_HEAD_LINES = 5  # a stand-alone date line counts as the publication date only this near the top
_TITLE_LINES = 6
_TAIL_LINES = 4
_YEAR = re.compile(r"(?<!\d)(?:1[6-9]\d\d|20\d\d)(?!\d)")


def detect_metadata(text: str, *, rules: Path | None = None) -> tuple[str, str, TimeValue | None]:
    """Read an article's title, author and publication date from its clean text.

    Title: the first line near the top that is not a date line or byline, has 3 to 25 words and does
    not end like a sentence; "" when the article opens straight into its body. Author: a byline
    ("By Abdul Basit") near the top or bottom, else a bare name line right under the title, else a
    closing note about the writer ("Sabah Aslam is running ..."); "" when none is found. Published: a
    date line standing alone in the first lines ("9 November 2016", "جمعرات، 13 دسمبر، 2012"), else a
    "Published in Daily Times, September 11th 2018." style line anywhere; None when the article states
    none. A part the text does not state is never filled in from today.

    Args:
        text: Clean text from :func:`pipeline.ingest.clean.clean_text`.
        rules: Folder with ``publication.tsv``; the shipped rules by default.

    Returns:
        ``(title, author, published)``; ``published`` has offsets into ``text``.

    Raises:
        RuleError: The publication cue file is malformed.
    """
    cues = publication_cues(rules)
    lines = _lines_with_offsets(text)
    date_lines = _date_lines(lines, cues)
    published, _ = _published(lines, date_lines, cues)
    bylines = {i: _cue_author(line, cues, "byline") for i, (_, line) in enumerate(lines[: _TITLE_LINES + 2])}
    title, title_index = _title(lines, date_lines, bylines)
    author = _author(lines, bylines, title_index, cues)
    return title, author, published


def detect_published(text: str, *, rules: Path | None = None) -> tuple[TimeValue | None, str]:
    """The publication date the clean text states and where it stands.

    Args:
        text: Clean text from :func:`pipeline.ingest.clean.clean_text`.
        rules: Folder with ``publication.tsv``; the shipped rules by default.

    Returns:
        ``(published, source)``: source "header" (a date line or a "Published ..." line; the first publication
        wins over an "Updated ..." one), "dateline" (a news dateline with its year) or "" with None.
    """
    cues = publication_cues(rules)
    lines = _lines_with_offsets(text)
    return _published(lines, _date_lines(lines, cues), cues)


def _date_lines(lines: list[tuple[int, str]], cues: tuple[LineRule, ...] = ()) -> dict[int, TimeValue]:
    """The lines among the first few that are nothing but a date, by line index ("Updated May 1, 2020" is no
    publication date: an ``updated`` cue of publication.tsv says so)."""
    date_lines = {}
    updated = [cue for cue in cues if cue.kind == "updated"]
    for index, (start, line) in enumerate(lines[:_TITLE_LINES]):
        if any(cue.regex.fullmatch(line) for cue in updated):
            continue
        value = _date_line(line, start)
        if value is not None:
            date_lines[index] = value
    return date_lines


def _published(lines: list[tuple[int, str]], date_lines: dict[int, TimeValue],
               cues: tuple[LineRule, ...]) -> tuple[TimeValue | None, str]:
    """The publication date and its source: a date line near the top, else the first "Published in ..." line
    anywhere ("header"), else a dateline among the first lines ("dateline"); one that does not look like a
    publication date (``_plausible``) is none, except a date line next to a byline and a line that says
    "Published" or "Posted"."""
    head = next((i for i in sorted(date_lines) if i < _HEAD_LINES), None)
    published = date_lines[head] if head is not None else None
    if published is not None and _next_to_byline(lines, head, cues):
        return published, "header"  # "By AFP / January 14, 2012": the byline vouches for the date under it
    if published is not None and _opens_chronology(lines, head):
        published = None
    explicit = False  # a line that says "Published" or "Posted" is believed whatever years the page names
    if published is None:
        for start, line in lines:
            published = _published_cue(line, start, cues)
            if published is not None:
                explicit = bool(_SAYS_PUBLISHED.search(line))
                break
    source = "header" if published is not None else ""
    if published is None:
        for start, line in lines[:_TITLE_LINES + 2]:
            published = _published_cue(line, start, cues, kind="dateline")
            if published is not None:
                source = "dateline"
                break
    if published is None or not (explicit or _plausible(published, lines)):
        return None, ""
    return published, source


_SAYS_PUBLISHED = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)


def _opens_chronology(lines: list[tuple[int, str]], index: int) -> bool:
    """Whether a date line near the top is the first entry of a chronology ("4 Dec 1947" / "Congress leader ...
    tells Parliament ..." and more date lines below), not the page's date: ``block_lines`` of ``layout.yaml``
    more lines further down are dates alone too."""
    needed = load_layout().block_lines
    found = 0
    for start, line in lines[index + 1:]:
        if _date_line(line, start) is not None:
            found += 1
            if found >= needed:
                return True
    return False


def _next_to_byline(lines: list[tuple[int, str]], index: int, cues: tuple[LineRule, ...]) -> bool:
    """Whether the line just above or below a date line is a byline ("By AFP", "By Anwar Iqbal")."""
    return any(0 <= i < len(lines) and _cue_author(lines[i][1], cues, "byline") for i in (index - 1, index + 1))


def _plausible(published: TimeValue, lines: list[tuple[int, str]]) -> bool:
    """A page date looks like the publication date unless it is more than a year later than every year the rest
    of the page names: "Thursday, March 30, 2023" over a story whose latest year is 2018 is the day the page
    was shown, not the day it was written (judged from the page alone, never from today's date)."""
    years = [int(m.group()) for start, line in lines if not start <= published.char_start < start + len(line)
             for m in _YEAR.finditer(line)]
    return not years or published.start.year <= max(years) + 1


def _title(lines: list[tuple[int, str]], date_lines: dict[int, TimeValue],
           bylines: dict[int, str]) -> tuple[str, int]:
    """The title and its line index, or ("", -1): the first line near the top that is not a date line, a
    byline or mostly non-Latin and has 3 words or more, when it has at most 25 and does not end like a sentence."""
    for index, (_, line) in enumerate(lines[:_TITLE_LINES]):
        if index in date_lines or bylines.get(index) or not mostly_latin(line):
            continue
        words = len(line.split())
        if words < 3:
            continue
        if words <= 25 and not re.search(r"[.,;:]$", line):
            return line, index
        break
    return "", -1


def _author(lines: list[tuple[int, str]], bylines: dict[int, str], title_index: int,
            cues: tuple[LineRule, ...]) -> str:
    """The author, from the first of: a byline near the top, a byline near the bottom (the last one), a name
    line under the title, a note about the writer near the bottom; "" when none is found."""
    tail = lines[-_TAIL_LINES:]
    author = next((name for name in bylines.values() if name), "")
    if not author:
        author = next((name for _, line in reversed(tail) if (name := _cue_author(line, cues, "byline"))), "")
    if not author:
        author = _name_under_title(lines, title_index)
    if not author:
        author = next((name for _, line in tail if (name := _cue_author(line, cues, "author_note"))), "")
    return author


def _name_under_title(lines: list[tuple[int, str]], title_index: int) -> str:
    """A bare byline: the line right under the title when it is a name of 2 to 4 words ("Abdul Basit")."""
    if not 0 <= title_index < len(lines) - 1:
        return ""
    candidate = lines[title_index + 1][1]
    if 2 <= len(candidate.split()) <= 4 and _looks_like_name(candidate):
        return candidate.rstrip(".,")
    return ""


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            lines.append((match.start() + match.group().index(stripped), stripped))
    return lines


def _date_line(line: str, start: int) -> TimeValue | None:
    """The date a line states when the line is nothing but a date ("Thursday, 13 December 2012")."""
    if len(line) > 60 or not _YEAR.search(line):
        return None
    words = [word for word in re.findall(r"[^\W\d_]+", line)]
    if len(words) > 3:
        return None
    return _date_value(line, start, grains=("day", "month"))


def _published_cue(line: str, start: int, cues: tuple[LineRule, ...], *, kind: str = "published") -> TimeValue | None:
    if len(line) > 200 and kind == "published" or not (_YEAR.search(line[:200]) or kind == "published"
                                                       and _TWO_DIGIT_YEAR.search(line)):
        return None
    for cue in cues:
        if cue.kind != kind:
            continue
        match = cue.regex.fullmatch(line)
        if not match or match.group("date") is None:
            continue
        body_start = match.start("date")
        body = match.group("date")
        # "Daily Times, September 11th 2018": try the whole, then what follows each comma.
        offsets = [0] + [m.end() for m in re.finditer(r",\s*", body)]
        for offset in offsets:
            candidate = body[offset:].strip().rstrip(".")
            if not _YEAR.search(candidate) or len(re.findall(r"[^\W\d_]+", candidate)) > 4:
                continue
            value = _date_value(candidate, start + body_start + offset, grains=("day", "month", "year"))
            if value is not None:
                return value
        if kind == "published" and (value := _two_digit_year_date(body, start + body_start)) is not None:
            return value
    return None


# "10 March 23", "Mar 10, '23": a day, a month name and a year written with two digits, ending a published line
_TWO_DIGIT_YEAR = re.compile(r"(?<!\w)(?:(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?P<m>[^\W\d_]{3,9})\.?"
                             r"|(?P<m2>[^\W\d_]{3,9})\.?\s+(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?,?)\s+['’]?(?P<y>[0-9]{2})\s*$")


def _two_digit_year_date(body: str, start: int) -> TimeValue | None:
    """The date a published line ends with when its year has two digits: 00-68 are 2000-2068 and 69-99 are
    1969-1999, as C's and Python's ``%y`` read them (the page alone decides; today's date never does)."""
    match = _TWO_DIGIT_YEAR.search(body)
    if match is None:
        return None
    month = _MONTHS.get((match.group("m") or match.group("m2")).lower())
    if month is None:
        return None
    yy = int(match.group("y"))
    try:
        day = date(2000 + yy if yy < 69 else 1900 + yy, month, int(match.group("d") or match.group("d2")))
    except ValueError:
        return None
    return _time_value(match.group(), start + match.start(), day, "day")


# month names and abbreviations (the C locale's, as the calendar module gives them), and "sept"
_MONTHS = {name.lower(): n for n in range(1, 13) for name in (calendar.month_name[n], calendar.month_abbr[n])} \
    | {"sept": 9}


def _cue_author(line: str, cues: tuple[LineRule, ...], kind: str) -> str:
    for cue in cues:
        if cue.kind != kind:
            continue
        match = cue.regex.fullmatch(line)
        if match and match.group("author"):
            name = match.group("author").strip().rstrip(".,;")
            if _looks_like_name(name):
                return name
    return ""


_NAME_PARTICLES = frozenset("and bin bint ibn ul ur al el ud de da di du la le van von der den dos del y".split())


def _looks_like_name(text: str) -> bool:
    """True for "Abdul Basit", "Colonel (R) Muhammad Hanif", "S. Iftikhar Murshed"; False for prose."""
    text = text.strip().rstrip(".,;")
    tokens = text.split()
    if not 1 <= len(tokens) <= 8 or len(text) > 80 or re.search(r"[\d:;!?@/\\|\"“”=<>]", text):
        return False
    capitalised = 0
    for token in tokens:
        if re.fullmatch(r"\([^\W\d_]{1,6}\.?\)", token):
            continue
        if token.casefold() in _NAME_PARTICLES:
            continue
        letters = re.sub(r"[^\w]", "", token)
        if not letters or not letters[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 1


def html_metadata(raw: str) -> tuple[str, str, TimeValue | None]:
    """Title, author and publication date a page declares in its markup (trafilatura, else meta tags).

    Args:
        raw: The page's decoded markup.

    Returns:
        ``(title, author, published)``; "" or None for what the page does not declare. ``published`` has no
        span in the clean text (``char_start == char_end == 0``).
    """
    title, author, date_text = markup_metadata(raw)
    published = None
    if date_text:
        published = _iso_value(date_text) or _date_value(date_text, 0, grains=("day", "month", "year"))
    if published is not None:
        # The date comes from the page's markup, not from the clean text: it has no span in the text.
        published = replace(published, char_start=0, char_end=0)
    return title, author, published


def _iso_value(text: str) -> TimeValue | None:
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    written = match.group().strip().rstrip("T")
    try:
        if day is not None:
            return _time_value(written, 0, date(year, month, day), "day")
        if month is not None:
            return _time_value(written, 0, date(year, month, 1), "month")
        return _time_value(written, 0, date(year, 1, 1), "year")
    except ValueError:
        return None


def _date_value(text: str, start: int, *, grains: tuple[str, ...]) -> TimeValue | None:
    """Parse a date expression: the dates stage first, else dateparser (a date it reads as relative or cannot take)."""
    value = _dates_stage(text)
    if value is not None and value.start is not None and not value.relative and value.granularity in grains:
        return _time_value(text, start, value.start, value.granularity, end=value.end)
    parsed = _dateparser(text)
    if parsed is None:
        return None
    day, grain = parsed
    if grain not in grains:
        return None
    return _time_value(text, start, day, grain)


def _dates_stage(text: str) -> TimeValue | None:
    try:
        value = parse_expression(text)
    except Exception:  # noqa: BLE001 - a date the dates stage cannot take must not cost the article
        return None
    return value if isinstance(value, TimeValue) else None


@lru_cache(maxsize=1)
def _date_parser():
    # deferred: dateparser is slow to import and only reached for a date the dates stage cannot read
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(DATE_LANGUAGES), settings=_DATE_SETTINGS, use_given_order=True)


def _dateparser(text: str) -> tuple[date, str] | None:
    try:
        data = _date_parser().get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; no date then
        return None
    if data is None or data.date_obj is None:
        return None
    grain = data.period if data.period in ("day", "month", "year") else "day"
    return data.date_obj.date(), grain


def _time_value(text: str, start: int, day: date, grain: str, *, end: date | None = None) -> TimeValue:
    if end is None:
        if grain == "year":
            day, end = date(day.year, 1, 1), date(day.year, 12, 31)
        elif grain == "month":
            day = date(day.year, day.month, 1)
            end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        else:
            end = day
    return TimeValue(text=text, char_start=start, char_end=start + len(text), start=day, end=end, granularity=grain)

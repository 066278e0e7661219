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
"""
from __future__ import annotations

import calendar
import datetime
import functools
import importlib
import math
import pathlib
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import yaml

from pipeline.errors import RuleError
from pipeline.rules_dir import SAFE_LOADER
from pipeline.records import GRANULARITIES, TimeValue

__all__ = ["Vocabulary", "load_vocabulary", "parse_expression", "tag_dates"]

_RULE_FILES = (
    "months.tsv", "weekdays.tsv", "weekday_phrases.tsv", "numbers.tsv", "modifiers.tsv", "seasons.tsv",
    "relative.tsv", "named.tsv", "holidays.tsv", "year_context.tsv", "fiscal.yaml", "conventions.yaml", "examples.tsv",
)
_UNITS = ("day", "week", "month", "year", "season")
# how a weekday phrase counts from the publication date (weekday_phrases.tsv)
_WEEKDAY_RULES = ("on_or_before", "before", "after", "same_week")
# letters that re.IGNORECASE matches to ASCII ones ("ſept" matches "sept"): fold them before a table look-up
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k", "Å": "å"})


def _key(raw: str) -> str:
    """A matched word or phrase as the tables spell it: lower case, single spaces, folded letters."""
    return " ".join(raw.translate(_FOLD).lower().split())


# ----------------------------------------------------------------------------------------------- rules


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
            "veto_before_bare" (the same before a bare weekday only: "that"), "allow_before" (may stand
            capitalised before a bare weekday without making a name: "Until").
        ordinals: Ordinal word → number ("third" → 3, "last" → -1).
        cardinals: Number word → number.
        decades: Decade word → decade within the default century ("eighties" → 80).
        modifiers: Phrase → Modifier.
        seasons: Season → (first month, last month, year offset of the last month).
        relative_seasons: Seasons that may follow "last", "that", "the following" ("fall" may not).
        relatives: Relative phrases, longest first.
        named: Date-like names ("9/11") → (start, end, granularity).
        holidays: Fixed-date holiday name → (month, day, whether it counts without a year).
        year_before: Words after which a bare number is a year.
        year_after: Words before which a bare number is a year.
        veto_before: Words after which a number is never a year.
        veto_after: Words before which a number is never a year.
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
    holidays: dict[str, tuple[int, int, bool]]
    year_before: frozenset[str]
    year_after: frozenset[str]
    veto_before: frozenset[str]
    veto_after: frozenset[str]
    fiscal: dict[str, Any]
    conventions: dict[str, Any]
    examples: tuple[Example, ...]
    patterns: dict[str, re.Pattern[str]]


def _default_rules_dir() -> pathlib.Path:
    rules_pkg = importlib.import_module("pipeline.rules")
    return pathlib.Path(rules_pkg.__file__).resolve().parent / "dates"


def _check_header(path: pathlib.Path, first: str) -> None:
    if not (first.startswith("#") and "format" in first.lower()):
        raise RuleError(f"{path}:1: first line must be a '# format: ...' comment stating the file's format")


def _read_tsv(path: pathlib.Path, columns: int) -> list[tuple[int, list[str]]]:
    """Rows of a rule table: (line number, fields); blank and comment lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:0: cannot read ({exc})") from exc
    if not lines:
        raise RuleError(f"{path}:1: empty file (a '# format: ...' header is required)")
    _check_header(path, lines[0])
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns:
            raise RuleError(f"{path}:{number}: expected {columns} tab-separated columns, got {len(fields)}")
        if not fields[0]:
            raise RuleError(f"{path}:{number}: empty first column")
        rows.append((number, fields))
    return rows


def _read_yaml(path: pathlib.Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:0: cannot read ({exc})") from exc
    _check_header(path, text.splitlines()[0] if text else "")
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise RuleError(f"{path}:{line}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: expected a YAML mapping")
    return data


def _int(path: pathlib.Path, line: int, value: str, lo: int, hi: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise RuleError(f"{path}:{line}: {what} {value!r} is not a whole number") from None
    if not lo <= number <= hi:
        raise RuleError(f"{path}:{line}: {what} {number} is outside {lo}..{hi}")
    return number


def _iso(path: pathlib.Path, line: int, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RuleError(f"{path}:{line}: {value!r} is not a YYYY-MM-DD date") from None


def _fraction(path: pathlib.Path, line: int, value: str) -> Fraction:
    try:
        frac = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise RuleError(f"{path}:{line}: {value!r} is not a fraction like 1/3") from None
    if not 0 <= frac <= 1:
        raise RuleError(f"{path}:{line}: fraction {value} is outside 0..1")
    return frac


def _alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """Regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


@functools.lru_cache(maxsize=8)
def _load(rules_dir: str) -> Vocabulary:
    folder = pathlib.Path(rules_dir)
    if not folder.is_dir():
        raise RuleError(f"{folder}:0: rules folder not found")
    for name in _RULE_FILES:
        if not (folder / name).is_file():
            raise RuleError(f"{folder / name}:0: rule file missing")

    path = folder / "months.tsv"
    months, ambiguous = {}, set()
    for line, (name, number, amb) in _read_tsv(path, 3):
        months[name.lower()] = _int(path, line, number, 1, 12, "month")
        if amb not in ("yes", "no"):
            raise RuleError(f"{path}:{line}: ambiguous must be yes or no, got {amb!r}")
        if amb == "yes":
            ambiguous.add(name.lower())

    path = folder / "weekdays.tsv"
    weekdays = set()
    longest: dict[int, str] = {}
    for line, (name, number) in _read_tsv(path, 2):
        n = _int(path, line, number, 0, 6, "weekday")
        weekdays.add(name.lower())
        if len(name) > len(longest.get(n, "")):
            longest[n] = name.lower()
    weekday_numbers = {name: n for n, name in longest.items()}

    path = folder / "weekday_phrases.tsv"
    weekday_phrases: dict[str, WeekdayPhrase] = {}
    weekday_words: dict[str, set[str]] = {"part": set(), "veto_before": set(), "veto_before_bare": set(),
                                          "allow_before": set()}
    for line, (entry, kind) in _read_tsv(path, 2):
        words = _key(entry).split()
        if kind in _WEEKDAY_RULES:
            if words[-1] != "{weekday}" or "{weekday}" in words[:-1]:
                raise RuleError(f"{path}:{line}: a phrase must end in {{weekday}} and name it once")
            head = " ".join(words[:-1])
            if head in weekday_phrases:
                raise RuleError(f"{path}:{line}: phrase {entry!r} given twice")
            weekday_phrases[head] = WeekdayPhrase(" ".join(words), kind)
        elif kind in weekday_words:
            if len(words) != 1 or "{" in entry:
                raise RuleError(f"{path}:{line}: a {kind} entry is one word, got {entry!r}")
            weekday_words[kind].add(words[0])
        else:
            raise RuleError(f"{path}:{line}: kind must be one of {', '.join(_WEEKDAY_RULES + tuple(weekday_words))}, "
                            f"got {kind!r}")

    path = folder / "numbers.tsv"
    ordinals, cardinals, decades = {}, {}, {}
    for line, (word, kind, value) in _read_tsv(path, 3):
        table = {"ordinal": ordinals, "cardinal": cardinals, "decade": decades}.get(kind)
        if table is None:
            raise RuleError(f"{path}:{line}: kind must be ordinal, cardinal or decade, got {kind!r}")
        table[word.lower()] = _int(path, line, value, -1, 99, "value")

    path = folder / "modifiers.tsv"
    modifiers = {}
    for line, (phrase, lo, hi, gran) in _read_tsv(path, 4):
        lo_f, hi_f = _fraction(path, line, lo), _fraction(path, line, hi)
        if lo_f >= hi_f:
            raise RuleError(f"{path}:{line}: from {lo} must be below to {hi}")
        if gran not in ("same", "half"):
            raise RuleError(f"{path}:{line}: granularity must be same or half, got {gran!r}")
        modifiers[phrase.lower()] = Modifier(phrase.lower(), lo_f, hi_f, gran == "half")

    path = folder / "seasons.tsv"
    seasons, relative_seasons = {}, set()
    for line, (name, first, last, offset, relative) in _read_tsv(path, 5):
        seasons[name.lower()] = (
            _int(path, line, first, 1, 12, "month"),
            _int(path, line, last, 1, 12, "month"),
            _int(path, line, offset, 0, 1, "year offset"),
        )
        if relative not in ("yes", "no"):
            raise RuleError(f"{path}:{line}: relative must be yes or no, got {relative!r}")
        if relative == "yes":
            relative_seasons.add(name.lower())
    season_re = "(?:" + _alternation(relative_seasons) + ")" if relative_seasons else "(?!x)x"

    cardinal_re = r"(?:[0-9]{1,3}|" + _alternation(cardinals) + ")"
    path = folder / "relative.tsv"
    relatives = []
    for line, (expr, anchor, unit, lo, hi, gran) in _read_tsv(path, 6):
        if anchor not in ("previous", "publication"):
            raise RuleError(f"{path}:{line}: anchor must be previous or publication, got {anchor!r}")
        if unit not in _UNITS:
            raise RuleError(f"{path}:{line}: unit must be one of {', '.join(_UNITS)}, got {unit!r}")
        if gran not in GRANULARITIES:
            raise RuleError(f"{path}:{line}: unknown granularity {gran!r}")
        for offset in (lo, hi):
            if not re.fullmatch(r"-?(?:[0-9]*n|[0-9]+)", offset):
                raise RuleError(f"{path}:{line}: offset {offset!r} must be an integer, n, -n or a multiple (10n)")
        if ("n" in lo + hi) != ("{n}" in expr):
            raise RuleError(f"{path}:{line}: offsets use n exactly when the expression has {{n}}")
        if (unit == "season") != ("{season}" in expr) or (unit == "season" and (gran != "season" or lo != hi)):
            raise RuleError(f"{path}:{line}: unit season goes with {{season}} in the expression, "
                            "granularity season and from = to")
        if "{season}" in expr and expr.split()[-1] != "{season}":
            raise RuleError(f"{path}:{line}: {{season}} must be the last word of the expression")
        body = r"\s+".join(
            cardinal_re if part == "{n}" else season_re if part == "{season}" else re.escape(part)
            for part in expr.lower().split()
        )
        relatives.append(Relative(expr.lower(), anchor, unit, lo, hi, gran, re.compile(body, re.I)))
    relatives.sort(key=lambda r: (-len(r.expression), r.expression))

    path = folder / "named.tsv"
    named = {}
    for line, (name, start, end, gran) in _read_tsv(path, 4):
        first, last = _iso(path, line, start), _iso(path, line, end)
        if first > last or gran not in GRANULARITIES:
            raise RuleError(f"{path}:{line}: needs start <= end and a known granularity")
        named[name] = (first, last, gran)

    path = folder / "holidays.tsv"
    holidays = {}
    for line, (name, month, day, alone) in _read_tsv(path, 4):
        m = _int(path, line, month, 1, 12, "month")
        d = _int(path, line, day, 1, 31, "day")
        if d > _last_day(2000, m):
            raise RuleError(f"{path}:{line}: day {d} does not exist in month {m}")
        if alone not in ("yes", "no"):
            raise RuleError(f"{path}:{line}: alone must be yes or no, got {alone!r}")
        holidays[_key(name).replace("’", "'")] = (m, d, alone == "yes")

    path = folder / "year_context.tsv"
    context: dict[str, set[str]] = {"before": set(), "after": set(), "veto_before": set(), "veto_after": set()}
    for line, (word, kind) in _read_tsv(path, 2):
        if kind not in context:
            raise RuleError(f"{path}:{line}: kind must be one of {', '.join(context)}, got {kind!r}")
        context[kind].add(word.lower())

    fiscal = _read_yaml(folder / "fiscal.yaml")
    for key, check in (
        ("start_month", lambda v: isinstance(v, int) and 1 <= v <= 12),
        ("single_year_names", lambda v: v in ("start", "end")),
        ("two_digit_century", lambda v: isinstance(v, int) and v % 100 == 0),
        ("granularity", lambda v: v in GRANULARITIES),
    ):
        if not check(fiscal.get(key)):
            raise RuleError(f"{folder / 'fiscal.yaml'}:0: bad or missing {key!r}: {fiscal.get(key)!r}")

    conventions = _read_yaml(folder / "conventions.yaml")
    for key, check in (
        ("numeric_date_order", lambda v: v in ("dmy", "mdy")),
        ("two_digit_decade_century", lambda v: isinstance(v, int) and v % 100 == 0),
        ("century_first_year", lambda v: v in (0, 1)),
        ("year_min", lambda v: isinstance(v, int)),
        ("year_max", lambda v: isinstance(v, int) and v <= 9999),
        ("dateparser_languages", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
    ):
        if not check(conventions.get(key)):
            raise RuleError(f"{folder / 'conventions.yaml'}:0: bad or missing {key!r}: {conventions.get(key)!r}")

    path = folder / "examples.tsv"
    examples = []
    for line, (expr, anchor, start, end, gran) in _read_tsv(path, 5):
        if gran not in GRANULARITIES + ("-",):
            raise RuleError(f"{path}:{line}: unknown granularity {gran!r}")
        examples.append(Example(
            expr,
            None if anchor == "-" else _iso(path, line, anchor),
            None if start == "-" else _iso(path, line, start),
            None if end == "-" else _iso(path, line, end),
            "" if gran == "-" else gran,
            line,
        ))

    vocab_parts = dict(
        months=months, ambiguous_months=frozenset(ambiguous), weekdays=frozenset(weekdays),
        weekday_numbers=weekday_numbers, weekday_phrases=weekday_phrases,
        weekday_words={kind: frozenset(words) for kind, words in weekday_words.items()},
        ordinals=ordinals, cardinals=cardinals, decades=decades, modifiers=modifiers, seasons=seasons,
        relative_seasons=frozenset(relative_seasons), relatives=tuple(relatives), named=named, holidays=holidays,
        year_before=frozenset(context["before"]), year_after=frozenset(context["after"]),
        veto_before=frozenset(context["veto_before"]), veto_after=frozenset(context["veto_after"]),
        fiscal=fiscal, conventions=conventions, examples=tuple(examples),
    )
    return Vocabulary(rules_dir=folder, patterns=_build_patterns(vocab_parts, cardinal_re), **vocab_parts)


def load_vocabulary(rules_dir: pathlib.Path | None = None) -> Vocabulary:
    """Load and check the date vocabularies in ``rules/dates/`` (cached per folder).

    Args:
        rules_dir: Folder holding the rule files; the packaged ``rules/dates/`` when None.

    Returns:
        The vocabularies with the regular expressions compiled from them.

    Raises:
        RuleError: A file is missing or malformed; the message reads ``file:line: problem``.
    """
    folder = pathlib.Path(rules_dir) if rules_dir is not None else _default_rules_dir()
    return _load(str(folder.resolve()))


# -------------------------------------------------------------------------------------------- patterns

_SUF = r"(?:st|nd|rd|th|<sup>(?:st|nd|rd|th)</sup>)"
_YEAR = r"[12][0-9oO]{3}"  # OCR often reads 0 as o: "2oo6"
_NUM_START = r"(?<![\w$£€¥])(?<![0-9][.,:/])"


def _first_chars(*groups: Any, digits: bool = False) -> str:
    """A lookahead on the possible first letters: lets the regex engine skip most positions quickly."""
    chars = {w[0].lower() for words in groups for w in words if w and w[0] != "{"}
    chars |= {c.upper() for c in chars}
    if digits:
        chars |= set("0123456789")
    return "(?=[" + re.escape("".join(sorted(chars))) + "])"


def _last_words(v: dict[str, Any]) -> set[str]:
    """The words a relative phrase can end with ("{season}" stands for each season it may name)."""
    words = set()
    for r in v["relatives"]:
        last = r.expression.split()[-1]
        words |= set(v["relative_seasons"]) if last == "{season}" else {last}
    return words


def _weekday_pattern(v: dict[str, Any]) -> str:
    """"on Monday", "last Friday", "Tuesday night": an optional phrase head, a full weekday name, a time of day."""
    phrases, names = v["weekday_phrases"], v["weekday_numbers"]
    heads = [h for h in phrases if h]
    if not names or not phrases:
        return r"(?!x)x"
    head = ""
    if heads:
        head = r"(?:(?P<head>" + _alternation(heads) + r")\s+)" + ("?" if "" in phrases else "")
    parts = v["weekday_words"]["part"]
    part = r"(?:[ \t]+(?P<part>" + _alternation(parts) + r")(?!\w))?" if parts else ""
    return (r"(?<!\w)" + _first_chars(heads, names) + head + r"(?P<wd>" + _alternation(names) + r")(?!\w)"
            + part)


def _build_patterns(v: dict[str, Any], cardinal_re: str) -> dict[str, re.Pattern[str]]:
    first_mon = _first_chars(v["months"])
    first_wd_mon = _first_chars(v["months"], v["weekdays"])
    first_rel = _first_chars([r.expression for r in v["relatives"]], v["cardinals"],
                             digits=any(r.expression.startswith("{n}") for r in v["relatives"]))
    first_ord = _first_chars([w for w in v["ordinals"] if v["ordinals"][w] > 0], digits=True)
    # only abbreviations take a full stop: "Dec. 2016", but "24 March." ends a sentence
    abbrev = {w for w in v["months"] if any(o != w and o.startswith(w) for o in v["months"])}
    mon = (r"(?P<m>(?:(?:" + _alternation(abbrev) + r")(?![a-z])\.?|(?:"
           + _alternation(set(v["months"]) - abbrev) + r")(?![a-z])))")
    mon2 = mon.replace("?P<m>", "?P<m2>")
    wd = r"(?:(?:" + _alternation(v["weekdays"]) + r")(?![a-z])\.?,?\s+)?"
    day = r"(?P<d>[0-9]{1,2})" + _SUF + r"?"
    day2 = r"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-9]{1,2})" + _SUF + r"?)?"
    year = rf"(?P<y>{_YEAR})(?![\w%])(?!\.[0-9])"
    ordinal_words = _alternation([w for w in v["ordinals"] if v["ordinals"][w] > 0])
    flags = re.I
    p = {
        "mdy": rf"(?<!\w){first_wd_mon}{wd}{mon}\s+{day}{day2}(?![0-9]),?\s+{year}",
        "dmy": rf"(?<![\w./-]){wd}{day}{day2}\s+(?:of\s+)?{mon},?\s+{year}",
        "dm_md_range": rf"(?<![\w./-]){day}\s+{mon}\s*(?:-|–|to)\s*(?P<d2>[0-9]{{1,2}})\s+{mon2},?\s+{year}",
        "my": rf"(?<!\w){first_mon}{mon},?\s+{year}",
        "mm_range": rf"(?<!\w)(?:(?P<kw>between)\s+)?{mon}\s*(?P<conn>-|–|to|till|until|through|and)\s*{mon2},?\s+{year}",
        "dm": rf"(?<![\w./-]){day}\s+(?:of\s+)?{mon}",
        "md": rf"(?<!\w){first_mon}{mon}\s+{day}(?![0-9]|,?\s*[0-9])",
        "iso": r"(?<![\w/.-])(?P<y>[12][0-9]{3})-(?P<mo>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![\w/-])",
        "numeric": r"(?<![\w/.-])(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[12][0-9]{3})(?![\w/-])",
        "yrange": rf"{_NUM_START}(?P<y>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|[0-9]{{2}})(?![\w%/])(?!\.[0-9])",
        "decade": r"(?<![\w$])(?P<dec>[12][0-9oO]{2}0)['’]?s(?!\w)",
        "decade_short": r"(?<!\w)['’‘](?P<dd>[0-9])0s(?!\w)",
        "decade_word": r"(?<!\w)" + _first_chars(v["decades"]) + r"(?P<w>" + _alternation(v["decades"]) + r")(?!\w)",
        "century": rf"(?<!\w){first_ord}(?:(?P<n>[0-9]{{1,2}}){_SUF}|(?P<w>{ordinal_words}))[\s-]+century(?!\w)",
        "quarter": rf"(?<!\w)(?:(?:Q(?P<q>[1-4])|(?P<q3>[1-4])Q)\s*[,'’]?\s*(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4]))(?!\w)",
        "half": rf"(?<!\w)(?:H(?P<h>[12])|(?P<h2>[12])H)\s*[,'’]?\s*(?P<y>{_YEAR})(?!\w)",
        "fiscal": rf"(?<!\w)(?:FY|fiscal\s+year|financial\s+year|fiscal)\s*['’]?\s*"
                  rf"(?P<y>{_YEAR}|[0-9]{{2}})(?:\s*[-–/]\s*(?P<y2>{_YEAR}|[0-9]{{2}}))?(?!\w)",
        "holiday": (r"(?<!\w)" + _first_chars(v["holidays"]) + r"(?P<h>"
                    + _alternation(v["holidays"]).replace("'", "['’]") + r")(?!\w)"
                    + rf"(?:,?\s+(?:of\s+)?{year})?") if v["holidays"] else r"(?!x)x",
        "named": r"(?<![\w/])(?:" + "|".join(re.escape(n) for n in sorted(v["named"], key=len, reverse=True))
                 + r")(?![\w/])" if v["named"] else r"(?!x)x",
        # a relative phrase is found from its last word, then read backwards (one big alternation tried at
        # every position of the text would be the slowest pattern here)
        "relative_tail": r"(?<!\w)(?:" + _alternation(_last_words(v)) + r")(?!\w)",
        "relative_end": r"(?<!\w)" + first_rel + r"(?:" + "|".join(r.pattern.pattern for r in v["relatives"]) + r")\Z",
        "weekday": _weekday_pattern(v),
        "wd_word_before": r"(?<![\w'’-])(?P<w>[^\W\d_][\w'’-]*)[ \t]+\Z",
        "wd_word_after": r"[ \t]+(?P<w>[^\W\d_])",
        "wd_of_after": r"\s+of(?!\w)",
        "wd_date_gap": r"[\s,(]*\Z",
        "year": rf"{_NUM_START}{year}(?!,[0-9]{{3}})",
        "bad_year": r"(?<!\w)year\s+[0-9]{5,}(?!\w)",
        "foreign_dmy": r"(?<![\w.])(?P<d>[0-9]{1,2})\.?\s*[,،]?\s+(?P<w>[^\W\d_]+)\.?\s*[,،]?\s*(?P<y>[12][0-9]{3})(?![\w])",
        "foreign_my": r"(?<![\w.])(?P<w>[^\W\d_]*[^\x00-\x7f][^\W\d_]*)\s*[,،]?\s+(?P<y>[12][0-9]{3})(?!\w)",
        "url": r"<?(?:https?://|www\.)[^\s<>]+",
        "prefix": (
            r"(?:(?P<the>\bthe)\s+)?"
            r"(?:(?P<mod>\b(?:" + _alternation(v["modifiers"]) + r"))(?:\s*-\s*|\s+)(?:the\s+)?"
            r"|(?P<ord>\b(?:" + _alternation(v["ordinals"]) + r")|\b[0-9]{1,2}" + _SUF + r")\s+"
            r"(?P<unit>week|month|quarter|half|day|decade)\s+of\s+(?:the\s+)?"
            r"|(?P<season>\b(?:" + _alternation(v["seasons"]) + r"))(?:\s+of)?\s+(?:the\s+)?)?\Z"
        ),
        "range_from": r"\b(?P<kw>from|between)\s+\Z",
        "range_join": r"\s*(?:(?P<dash>-|–|—)|(?P<word>to|till|until|through|and))\s*\Z",
        "range_head": r"\s*(?:-|–|—|to|till|until|through)(?!\w)",
        "chain": r"\s*(?:,|,?\s*and|,?\s*or|&|to|till|until|through|-|–|—)\s*\Z",
        "lic_before": r"(?:\b(?:" + _alternation(v["year_before"]) + r")\s*-?\s*|[(\[]\s*)\Z",
        "lic_after": r"\A\s*(?:[\w-]+\s+)?(?:" + _alternation(v["year_after"]) + r")(?!\w)",
        "lic_comma": r",\s*\Z",
        "lic_close": r"\A\s*(?:[)\]]|[.;]\s|[.;]?\Z)",
        "lic_line": r"(?:\A|\n)[ \t#*>-]*\Z",
        "lic_line_after": r"\A\s*[:–—]",
        "veto_before": r"(?:\b(?:" + _alternation(v["veto_before"]) + r")|\$|£|€)\s*\Z",
        # "from 1000 to 1500 troops": the unit after the second number vetoes both
        "veto_range": r"\A\s*(?:-|–|—|to|and|or)\s*[0-9][0-9,.]*\s*(?:(?:" + _alternation(v["veto_after"]) + r")(?!\w)|%)",
        "veto_after": r"\A\s*(?:(?:" + _alternation(v["veto_after"]) + r")(?!\w)|%|-year)",
        "the_only": r"\bthe\s+\Z",
    }
    return {name: re.compile(text, flags) for name, text in p.items()}


# ------------------------------------------------------------------------------------ value arithmetic


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, _last_day(year, month))


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _round(x: Fraction) -> int:
    """Half-up rounding (Python's round() rounds half to even)."""
    return math.floor(x + Fraction(1, 2))


@dataclass(frozen=True)
class _Value:
    start: datetime.date
    end: datetime.date
    granularity: str


@dataclass(frozen=True)
class _Atom:
    """A candidate expression: its span and value (None = an invalid reading that swallows its span)."""

    start: int
    end: int
    kind: str
    value: _Value | None
    needs_license: bool = False
    needs_year: tuple[int, int] | None = None  # (month, day) of a yearless date
    relative: Relative | None = None
    number: int = 0
    season: str = ""  # the season a relative phrase names ("the following spring")
    mod: Modifier | None = None  # a modifier before a relative phrase ("late last year"), applied once resolved
    rule: str = ""  # how a weekday phrase counts from the publication date (number holds the weekday)


class _Reader:
    """One pass over one text; holds the vocabulary and the text."""

    def __init__(self, vocab: Vocabulary, text: str, whole: bool = False) -> None:
        self.v = vocab
        self.p = vocab.patterns
        self.text = text
        self.whole = whole  # parse_expression: the text is known to be one expression
        self.ymin = vocab.conventions["year_min"]
        self.ymax = vocab.conventions["year_max"]

    # -- atoms ---------------------------------------------------------------------------------------

    def year(self, raw: str) -> int | None:
        number = int(raw.replace("o", "0").replace("O", "0"))
        return number if self.ymin <= number <= self.ymax else None

    def month(self, m: re.Match[str], group: str = "m") -> int | None:
        """Month number of a month token; None for a lower-case ambiguous word ("may")."""
        word = m.group(group).rstrip(".")
        low = _key(word)
        if low in self.v.ambiguous_months and word[0].islower():
            return None
        return self.v.months.get(low)

    def atoms(self) -> list[_Atom]:
        text, p = self.text, self.p
        found: list[_Atom] = []
        add = found.append

        for m in p["mdy"].finditer(text):
            add(self.full_date(m))
        for m in p["dmy"].finditer(text):
            add(self.full_date(m))
        for m in p["dm_md_range"].finditer(text):
            add(self.cross_month_range(m))
        for m in p["my"].finditer(text):
            month, year = self.month(m), self.year(m.group("y"))
            if month is None:
                continue
            add(_Atom(m.start(), m.end(), "month", _Value(*_month_span(year, month), "month") if year else None))
        for m in p["mm_range"].finditer(text):
            found.extend(self.month_range(m))
        for name in ("dm", "md"):
            for m in p[name].finditer(text):
                month = self.month(m)
                if month is None:
                    continue
                day = int(m.group("d"))
                ok = 1 <= day <= _last_day(2000, month)  # 2000 is a leap year: 29 February is possible
                add(_Atom(m.start(), m.end(), "yearless", None, needs_year=(month, day) if ok else None))
        for m in p["iso"].finditer(text):
            d = _date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
            add(_Atom(m.start(), m.end(), "date", _Value(d, d, "day") if d else None))
        for m in p["numeric"].finditer(text):
            add(self.numeric(m))
        for m in p["yrange"].finditer(text):
            add(self.year_range(m))
        for name in ("decade", "decade_short", "decade_word"):
            for m in p[name].finditer(text):
                atom = self.decade(m, name)
                if atom is not None:
                    add(atom)
        for m in p["century"].finditer(text):
            add(self.century(m))
        for m in p["quarter"].finditer(text):
            year = self.year(m.group("y") or m.group("y2"))
            q = int(m.group("q") or m.group("q2") or m.group("q3"))
            value = None
            if year:
                value = _Value(_month_span(year, 3 * q - 2)[0], _month_span(year, 3 * q)[1], "quarter")
            add(_Atom(m.start(), m.end(), "quarter", value))
        for m in p["half"].finditer(text):
            year, h = self.year(m.group("y")), int(m.group("h") or m.group("h2"))
            value = _Value(datetime.date(year, 6 * h - 5, 1), _month_span(year, 6 * h)[1], "half") if year else None
            add(_Atom(m.start(), m.end(), "half", value))
        for m in p["fiscal"].finditer(text):
            add(self.fiscal_year(m))
        for m in p["named"].finditer(text):
            first, last, gran = self.v.named[m.group(0)]
            add(_Atom(m.start(), m.end(), "named", _Value(first, last, gran)))
        for m in p["holiday"].finditer(text):
            atom = self.holiday(m)
            if atom is not None:
                add(atom)
        for tail in p["relative_tail"].finditer(text):
            m = p["relative_end"].search(text, max(0, tail.start() - 60), tail.end())
            if m is not None:
                atom = self.relative_atom(m)
                if atom is not None:
                    add(atom)
        for m in p["weekday"].finditer(text):
            atom = self.weekday(m)
            if atom is not None:
                add(atom)
        for m in p["year"].finditer(text):
            year = self.year(m.group("y"))
            if year:
                add(_Atom(m.start(), m.end(), "year", _Value(datetime.date(year, 1, 1), datetime.date(year, 12, 31),
                                                             "year"), needs_license=True, number=year))
        for m in p["bad_year"].finditer(text):
            add(_Atom(m.start(), m.end(), "invalid", None))
        if not text.isascii():
            days = []
            for m in p["foreign_dmy"].finditer(text):
                atom = self.foreign(m, "foreign_dmy")
                if atom is not None:
                    add(atom)
                    days.append(atom)
            for m in p["foreign_my"].finditer(text):
                if not any(a.start <= m.start() and m.end() <= a.end for a in days):
                    atom = self.foreign(m, "foreign_my")
                    if atom is not None:
                        add(atom)
        return found

    def full_date(self, m: re.Match[str]) -> _Atom:
        month, year = self.month(m), self.year(m.group("y"))
        if month is None:
            # "may 2011" in lower case is not a date; keep only the year reading
            return _Atom(m.start(), m.start(), "none", None)
        d1 = _date(year, month, int(m.group("d"))) if year else None
        d2 = _date(year, month, int(m.group("d2"))) if year and m.group("d2") else d1
        if d1 is None or d2 is None or d2 < d1:
            return _Atom(m.start(), m.end(), "date", None)
        return _Atom(m.start(), m.end(), "date", _Value(d1, d2, "day" if d1 == d2 else "range"))

    def holiday(self, m: re.Match[str]) -> _Atom | None:
        """"Christmas Eve 1979" (a day); "Christmas Day" alone takes its year from the text, like "24 March"."""
        month, day, alone = self.v.holidays[_key(m.group("h")).replace("’", "'")]
        if m.group("y") is None:
            if not alone:
                return None
            return _Atom(m.start(), m.end("h"), "yearless", None, needs_year=(month, day))
        year = self.year(m.group("y"))
        d = _date(year, month, day) if year else None
        return _Atom(m.start(), m.end(), "date", _Value(d, d, "day") if d else None)

    def cross_month_range(self, m: re.Match[str]) -> _Atom:
        m1, m2, year = self.month(m), self.month(m, "m2"), self.year(m.group("y"))
        if m1 is None or m2 is None:
            return _Atom(m.start(), m.start(), "none", None)
        d1 = _date(year, m1, int(m.group("d"))) if year else None
        d2 = _date(year, m2, int(m.group("d2"))) if year else None
        if d1 and d2 and d1 > d2:
            d1 = _date(year - 1, m1, int(m.group("d")))
        ok = d1 is not None and d2 is not None and d1 <= d2
        return _Atom(m.start(), m.end(), "date", _Value(d1, d2, "range") if ok else None)

    def month_range(self, m: re.Match[str]) -> list[_Atom]:
        """"January to March 2015", "between May and July 2014" (ranges); "January and March 2015" (two months)."""
        m1, m2, year = self.month(m), self.month(m, "m2"), self.year(m.group("y"))
        if m1 is None or m2 is None:
            return []
        if not year:
            return [_Atom(m.start(), m.end(), "invalid", None)]
        if m.group("conn").lower() == "and" and not m.group("kw"):
            # coordination: the first month is a value of its own, in the year written once
            return [_Atom(m.start("m"), m.end("m"), "month", _Value(*_month_span(year, m1), "month")),
                    _Atom(m.start("m2"), m.end(), "month", _Value(*_month_span(year, m2), "month"))]
        first_year = year if m1 <= m2 else year - 1  # "December to February 2015" starts in 2014
        return [_Atom(m.start(), m.end(), "date",
                      _Value(datetime.date(first_year, m1, 1), _month_span(year, m2)[1], "range"))]

    def numeric(self, m: re.Match[str]) -> _Atom:
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day, month = (a, b) if self.v.conventions["numeric_date_order"] == "dmy" else (b, a)
        if month > 12 and day <= 12:  # the order is unambiguous when one part exceeds 12
            day, month = month, day
        d = _date(year, month, day) if self.ymin <= year <= self.ymax else None
        return _Atom(m.start(), m.end(), "date", _Value(d, d, "day") if d else None)

    def year_range(self, m: re.Match[str]) -> _Atom:
        first = self.year(m.group("y"))
        raw = m.group("y2")
        if len(raw) == 2:
            if not first:
                return _Atom(m.start(), m.end(), "invalid", None)
            last = first - first % 100 + int(raw)
            if last < first:
                last += 100
            # "1979-89" is a range; "2012-13" too, but "1998-2" or "2011-06" (a month) are not years
            if last - first > 30 or last > self.ymax:
                return _Atom(m.start(), m.start(), "none", None)
        else:
            last = self.year(raw)
        if not first or not last or last <= first:
            return _Atom(m.start(), m.end(), "invalid", None)
        return _Atom(m.start(), m.end(), "yrange",
                     _Value(datetime.date(first, 1, 1), datetime.date(last, 12, 31), "range"))

    def decade(self, m: re.Match[str], name: str) -> _Atom | None:
        if name == "decade":
            year = self.year(m.group("dec"))
        elif name == "decade_short":
            year = self.v.conventions["two_digit_decade_century"] + 10 * int(m.group("dd"))
        else:
            # "the eighties" but not "in his eighties" (an age)
            pm = self.prefix_match(m.start(), 0)
            if pm is None or not pm.group("the"):
                return None
            decade = self.v.decades.get(_key(m.group("w")))
            if decade is None:
                return None
            year = self.v.conventions["two_digit_decade_century"] + decade
        if not year:
            return _Atom(m.start(), m.end(), "invalid", None)
        value = _Value(datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31), "decade")
        return _Atom(m.start(), m.end(), "decade", value)

    def century(self, m: re.Match[str]) -> _Atom:
        n = int(m.group("n")) if m.group("n") else self.v.ordinals.get(_key(m.group("w")), 0)
        first = (n - 1) * 100 + self.v.conventions["century_first_year"]
        if not 1 <= n <= self.ymax // 100 + 1:
            return _Atom(m.start(), m.end(), "invalid", None)
        return _Atom(m.start(), m.end(), "century",
                     _Value(datetime.date(max(first, 1), 1, 1), datetime.date(first + 99, 12, 31), "century"))

    def fiscal_year(self, m: re.Match[str]) -> _Atom:
        fiscal = self.v.fiscal
        century = fiscal["two_digit_century"]
        raw1, raw2 = m.group("y"), m.group("y2")
        y1 = century + int(raw1) if len(raw1) == 2 else self.year(raw1)
        bad = _Atom(m.start(), m.end(), "invalid", None)
        if not y1:
            return bad
        if raw2:
            y2 = y1 - y1 % 100 + int(raw2) if len(raw2) == 2 else self.year(raw2)
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
        return _Atom(m.start(), m.end(), "fiscal", _Value(start, end, fiscal["granularity"]))

    def relative_atom(self, m: re.Match[str]) -> _Atom | None:
        phrase = m.group(0)
        # "the last year of his term" is not "last year"
        if self.text.startswith(" of", m.end()):
            return None
        if not phrase.lower().startswith("the") and self.p["the_only"].search(self.text, max(0, m.start() - 8), m.start()):
            return None
        for rel in self.v.relatives:
            fm = rel.pattern.fullmatch(phrase)
            if fm is None:
                continue
            number = 0
            if "{n}" in rel.expression:
                number = self.number_in(phrase, rel)
                if number is None:
                    return None
            season = _key(phrase.split()[-1]) if rel.unit == "season" else ""
            return _Atom(m.start(), m.end(), "relative", None, relative=rel, number=number, season=season)
        return None

    def weekday(self, m: re.Match[str]) -> _Atom | None:
        """"on Monday", "last Friday", "Tuesday night" (valued from the publication date once all atoms are
        chosen); None for a weekday in a name ("Good Friday Agreement", "Black Monday") or in another use
        ("every Monday", "the last Monday of March")."""
        text, p, words = self.text, self.p, self.v.weekday_words
        name = m.group("wd")
        if not name[0].isupper():
            return None
        head = _key(m.group("head") or "")
        phrase = self.v.weekday_phrases.get(head)
        if phrase is None or p["wd_of_after"].match(text, m.end()):
            return None
        before = p["wd_word_before"].search(text, max(0, m.start() - 40), m.start())
        if before is not None:
            word = _key(before.group("w"))
            if word in words["veto_before"] or (not head and word in words["veto_before_bare"]):
                return None
            # "Good Friday", "Black Monday", "Super Tuesday": a capitalised word right before a bare weekday
            if not head and before.group("w")[0].isupper() and word not in words["allow_before"]:
                return None
        after = p["wd_word_after"].match(text, m.end())
        if not head and after is not None and after.group("w").isupper():
            return None  # "Good Friday Agreement", "Sunday Times", "Monday Night Football"
        return _Atom(m.start(), m.end(), "weekday", None, number=self.v.weekday_numbers[_key(name)],
                     rule=phrase.rule)

    def number_in(self, phrase: str, rel: Relative) -> int | None:
        words = _key(phrase).split()
        template = rel.expression.split()
        i = template.index("{n}")
        # the number may span several words ("a couple of"): take what the fixed words leave
        tail = len(template) - i - 1
        token = " ".join(words[i: len(words) - tail])
        if token.isdigit():
            return int(token) if int(token) <= 200 else None
        return self.v.cardinals.get(token)

    def foreign(self, m: re.Match[str], name: str) -> _Atom | None:
        raw = m.group("w").rstrip(".")
        word = raw.lower()
        # English months are read above; a month-year pair is only tried in a non-Latin script
        if word in self.v.months or (raw.isascii() and name == "foreign_my"):
            return None
        parts = ("day", "month", "year") if name == "foreign_dmy" else ("month", "year")
        got = _dateparser_date(m.group(0), tuple(self.v.conventions["dateparser_languages"]), parts)
        if got is None:
            return None
        if name == "foreign_dmy":
            if got.day != int(m.group("d")) or got.year != int(m.group("y")):
                return None
            return _Atom(m.start(), m.end(), "date", _Value(got, got, "day"))
        if got.year != int(m.group("y")):
            return None
        return _Atom(m.start(), m.end(), "month", _Value(*_month_span(got.year, got.month), "month"))

    # -- selection and context -----------------------------------------------------------------------

    def select(self, atoms: list[_Atom]) -> list[_Atom]:
        """Non-overlapping atoms, longest first, then leftmost; outside URLs."""
        # one byte per character: 1 where a URL or an accepted atom lies
        used = bytearray(len(self.text))
        if "/" in self.text:
            for m in self.p["url"].finditer(self.text):
                used[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        taken: list[_Atom] = []
        for atom in sorted(atoms, key=lambda a: (-(a.end - a.start), a.start)):
            if atom.end <= atom.start or used.find(1, atom.start, atom.end) >= 0:
                continue
            taken.append(atom)
            used[atom.start:atom.end] = b"\x01" * (atom.end - atom.start)
        return sorted(taken, key=lambda a: a.start)

    def licensed(self, atom: _Atom, previous: _Atom | None, following: _Atom | None) -> bool:
        """True when a bare number stands in year-like context."""
        text, p = self.text, self.p
        lo = max(0, atom.start - 40)
        after = text[atom.end: atom.end + 40]
        if self.vetoed(atom):
            return False
        if self.whole and not text[: atom.start].strip() and not text[atom.end:].strip():
            return True
        if p["lic_before"].search(text, lo, atom.start):
            return True
        if previous is not None and previous.value is not None and p["chain"].match(text[previous.end: atom.start]):
            return True
        if p["lic_after"].match(after):
            return True
        if following is not None and following.value is not None and not following.needs_license:
            # "1948 to the late 1950s": the range's other end vouches for the year
            if following.start - atom.end < 40 and p["range_head"].match(text, atom.end, following.start):
                return True
        if following is not None and following.needs_license and p["chain"].match(text, atom.end, following.start) \
                and p["lic_after"].match(text[following.end: following.end + 40]):
            return True  # "the 1965 and 1971 wars"
        if p["lic_comma"].search(text, lo, atom.start) and p["lic_close"].match(after):
            return True
        if p["lic_line"].search(text, lo, atom.start) and p["lic_line_after"].match(after):
            return True
        pm = self.prefix_match(atom.start, 0)
        return bool(pm and (pm.group("mod") or pm.group("season") or pm.group("ord")))

    def vetoed(self, atom: _Atom) -> bool:
        """True when a bare number is never a year ("page 127", "1000 MW", "at 1600 hours")."""
        text, p = self.text, self.p
        after = text[atom.end: atom.end + 40]
        return bool(p["veto_before"].search(text, max(0, atom.start - 40), atom.start) or p["veto_after"].match(after)
                    or p["veto_range"].match(after))

    def prefix_match(self, pos: int, floor: int) -> re.Match[str] | None:
        window_start = max(floor, pos - 60)
        return self.p["prefix"].search(self.text, window_start, pos)

    def apply_prefix(self, atom: _Atom, floor: int) -> _Atom:
        """Widen an atom over "early", "summer", "the first week of", "the" (decades and centuries)."""
        if atom.kind == "relative":
            return self.relative_prefix(atom, floor)
        if atom.value is None or atom.kind in ("yearless", "invalid"):
            return atom
        pm = self.prefix_match(atom.start, floor)
        if pm is None or pm.start() == pm.end():
            return atom
        value = atom.value
        gran = value.granularity
        if pm.group("mod"):
            mod = self.v.modifiers.get(_key(pm.group("mod")))
            new = self.narrow(value, mod) if mod is not None else None
            if new is None:
                return atom
            return _Atom(pm.start(), atom.end, atom.kind, new, number=atom.number)
        if pm.group("season"):
            season = self.v.seasons.get(_key(pm.group("season")))
            if season is None:
                return atom
            first, last, offset = season
            # "the winter of 2015-16": a season straddling the new year, named by both its years
            two_years = atom.kind == "yrange" and offset == 1 and value.end.year == value.start.year + 1
            if gran != "year" and not two_years:
                return atom
            year = value.start.year
            new = _Value(datetime.date(year, first, 1), _month_span(year + offset, last)[1], "season")
            return _Atom(pm.start(), atom.end, atom.kind, new)
        if pm.group("ord"):
            new = self.nth(value, pm.group("ord"), pm.group("unit").lower())
            if new is False:
                return atom
            return _Atom(pm.start(), atom.end, "invalid" if new is None else atom.kind, new)
        if pm.group("the") and gran in ("decade", "century"):
            return _Atom(pm.start(), atom.end, atom.kind, value, number=atom.number)
        return atom

    def relative_prefix(self, atom: _Atom, floor: int) -> _Atom:
        """"late last year", "early next month": keep the modifier for when the phrase has a value."""
        rel = atom.relative
        if rel is None or rel.granularity not in ("year", "month") or rel.unit != rel.granularity:
            return atom
        pm = self.prefix_match(atom.start, floor)
        if pm is None or not pm.group("mod"):
            return atom
        mod = self.v.modifiers.get(_key(pm.group("mod")))
        if mod is None:
            return atom
        return _Atom(pm.start(), atom.end, atom.kind, None, relative=rel, number=atom.number, mod=mod)

    def narrow(self, value: _Value, mod: Modifier) -> _Value | None:
        start, gran = value.start, value.granularity
        if gran == "year":
            n = 12
            a, b = _round(mod.lo * n), _round(mod.hi * n) - 1
            first = datetime.date(start.year, a + 1, 1)
            last = _month_span(start.year, b + 1)[1]
            return _Value(first, last, "half" if mod.half else "year")
        if gran == "month":
            n = _last_day(start.year, start.month)
            a, b = _round(mod.lo * n), _round(mod.hi * n) - 1
            return _Value(start.replace(day=a + 1), start.replace(day=b + 1), "month")
        if gran in ("decade", "century"):
            n = 10 if gran == "decade" else 100
            a, b = _round(mod.lo * n), _round(mod.hi * n) - 1
            return _Value(datetime.date(start.year + a, 1, 1), datetime.date(start.year + b, 12, 31), gran)
        return None

    def nth(self, value: _Value, raw: str, unit: str) -> _Value | None | bool:
        """The n-th week/month/quarter/half/day of a period, or decade of a century.

        Returns:
            The narrowed value; None when n is out of range ("the 13th month"); False for a combination this
            does not read (the prefix is then left out of the expression).
        """
        low = _key(raw)
        n = self.v.ordinals.get(low)
        if n is None:
            digits = re.match(r"[0-9]+", low)
            if digits is None:
                return False
            n = int(digits.group(0))
        start, gran = value.start, value.granularity
        if gran == "month":
            days = _last_day(start.year, start.month)
            if unit == "week":
                if n == -1:
                    return _Value(start.replace(day=days - 6), start.replace(day=days), "week")
                if not 1 <= n <= 5 or 7 * (n - 1) + 1 > days:
                    return None
                return _Value(start.replace(day=7 * (n - 1) + 1), start.replace(day=min(7 * n, days)), "week")
            if unit == "day":
                n = days if n == -1 else n
                if not 1 <= n <= days:
                    return None
                return _Value(start.replace(day=n), start.replace(day=n), "day")
            return None
        if gran == "century":
            if unit != "decade":
                return False
            n = 10 if n == -1 else n
            if not 1 <= n <= 10:
                return None
            first = start.year + 10 * (n - 1)
            return _Value(datetime.date(first, 1, 1), datetime.date(first + 9, 12, 31), "decade")
        if unit == "decade":
            return False
        if gran == "year":
            year = start.year
            count = {"month": 12, "quarter": 4, "half": 2, "week": 52, "day": 366}[unit]
            if n == -1 and unit in ("week", "day"):  # the last week (day) ends on 31 December
                last = datetime.date(year, 12, 31)
                return _Value(last - datetime.timedelta(days=6 if unit == "week" else 0), last, unit)
            n = count if n == -1 else n
            if not 1 <= n <= count:
                return None
            if unit == "month":
                return _Value(*_month_span(year, n), "month")
            if unit == "quarter":
                return _Value(datetime.date(year, 3 * n - 2, 1), _month_span(year, 3 * n)[1], "quarter")
            if unit == "half":
                return _Value(datetime.date(year, 6 * n - 5, 1), _month_span(year, 6 * n)[1], "half")
            if unit == "week":
                first = datetime.date(year, 1, 1) + datetime.timedelta(days=7 * (n - 1))
                return _Value(first, first + datetime.timedelta(days=6), "week")
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=n - 1)
            return _Value(day, day, "day") if day.year == year else None
        return False

    # -- the whole pass ------------------------------------------------------------------------------

    def run(self, anchor: datetime.date | None) -> list[TimeValue]:
        atoms = self.select(self.atoms())

        # 2. bare years in year-like context only
        kept: list[_Atom] = []
        vetoed: _Atom | None = None
        for i, atom in enumerate(atoms):
            following = atoms[i + 1] if i + 1 < len(atoms) else None
            if atom.needs_license:
                # "at between 1500 and 2000": a number whose range partner is vetoed is no year either
                if self.vetoed(atom) or (vetoed is not None and vetoed is atoms[i - 1]
                                         and self.p["range_join"].match(self.text, vetoed.end, atom.start)):
                    vetoed = atom
                    continue
                if not self.licensed(atom, kept[-1] if kept else None, following):
                    continue
            kept.append(atom)

        # 3. prefixes, never reaching back over the previous atom
        widened: list[_Atom] = []
        for atom in kept:
            widened.append(self.apply_prefix(atom, widened[-1].end if widened else 0))

        # 4. ranges
        joined = self.join_ranges(widened)

        # 5. relative values, in text order
        out: list[TimeValue] = []
        last_explicit: _Value | None = None
        for i, atom in enumerate(joined):
            value, relative = atom.value, False
            if atom.kind == "invalid":
                continue
            if atom.kind == "weekday":
                # "Monday, 24 March": the explicit date that follows has the value
                following = joined[i + 1] if i + 1 < len(joined) else None
                if following is not None and following.kind in ("date", "yearless") \
                        and self.p["wd_date_gap"].match(self.text, atom.end, following.start):
                    continue
                value, relative = _weekday_value(atom.rule, atom.number, anchor), True
            elif atom.kind == "relative" and atom.relative.unit == "season":
                reference = last_explicit if atom.relative.anchor == "previous" else None
                if reference is None and (atom.relative.anchor == "publication" or self.whole) and anchor:
                    reference = _Value(anchor, anchor, "day")
                value, relative = _resolve_season(atom.relative, self.v.seasons[atom.season], reference), True
            elif atom.kind == "relative":
                base = anchor if atom.relative.anchor == "publication" else _point(last_explicit)
                if base is None and self.whole:
                    base = anchor
                value, relative = _resolve(atom.relative, atom.number, base), True
                if value is not None and atom.mod is not None:
                    value = self.narrow(value, atom.mod)
            elif atom.kind == "yearless":
                value, relative = _yearless(atom.needs_year, _point(last_explicit)), True
            elif value is not None:
                last_explicit = value
            if value is None or value.start > value.end:
                continue
            out.append(TimeValue(self.text[atom.start: atom.end], atom.start, atom.end,
                                 value.start, value.end, value.granularity, relative))
        return out

    def join_ranges(self, atoms: list[_Atom]) -> list[_Atom]:
        p, text = self.p, self.text
        out: list[_Atom] = []
        i = 0
        while i < len(atoms):
            a = atoms[i]
            b = atoms[i + 1] if i + 1 < len(atoms) else None
            if b is not None and (a.value is not None or a.kind == "yearless") and b.value is not None \
                    and b.kind not in ("relative", "yearless"):
                jm = p["range_join"].match(text, a.end, b.start)
                fm = p["range_from"].search(text, max(0, a.start - 12), a.start)
                between = fm is not None and fm.group("kw").lower() == "between"
                ok = jm is not None and (jm.group("word") != "and" or between)
                if ok:
                    first = a.value
                    if a.kind == "yearless" and a.needs_year:
                        month, day = a.needs_year
                        d = _date(b.value.start.year, month, day)
                        if d is not None and d > b.value.end:
                            d = _date(b.value.start.year - 1, month, day)
                        first = _Value(d, d, "day") if d else None
                    if first is not None and first.start <= b.value.end:
                        start = fm.start("kw") if fm is not None else a.start
                        out.append(_Atom(start, b.end, "range", _Value(first.start, b.value.end, "range")))
                        i += 2
                        continue
            if a.kind == "date" and a.value is not None and a.value.granularity == "range":
                # "from 24 September to 10 October 2016" is one atom; its "from" belongs to it
                fm = p["range_from"].search(text, max(0, a.start - 12), a.start)
                if fm is not None:
                    a = _Atom(fm.start("kw"), a.end, a.kind, a.value)
            out.append(a)
            i += 1
        return out


def _point(value: _Value | None) -> datetime.date | None:
    """The day a relative phrase counts from: a range's end, otherwise the value's start."""
    if value is None:
        return None
    return value.end if value.granularity == "range" else value.start


def _offset(raw: str, n: int) -> int:
    """An offset from relative.tsv: a whole number, or n / -n / 10n / -10n for (a multiple of) the phrase's number."""
    if not raw.endswith("n"):
        return int(raw)
    factor = raw[:-1]
    if factor in ("", "-"):
        return -n if factor == "-" else n
    return int(factor) * n


def _season_in(season: tuple[int, int, int], year: int) -> _Value:
    """The season named by a year: "winter 2014" is December 2014 to February 2015."""
    first, last, offset = season
    return _Value(datetime.date(year, first, 1), _month_span(year + offset, last)[1], "season")


def _resolve_season(rel: Relative, season: tuple[int, int, int], reference: _Value | None) -> _Value | None:
    """"the following spring", "last summer", "that winter" counted from a reference period.

    Offset k > 0 is the k-th such season beginning after the reference ends; k < 0 the |k|-th ending before it
    begins; 0 the one overlapping it (the one named by its first year when two do), else the one named by its year.
    """
    if reference is None:
        return None
    k = _offset(rel.lo, 0)
    try:
        if k > 0:
            year = reference.end.year - 1
            while _season_in(season, year).start <= reference.end:
                year += 1
            return _season_in(season, year + k - 1)
        if k < 0:
            year = reference.start.year
            while _season_in(season, year).end >= reference.start:
                year -= 1
            return _season_in(season, year + k + 1)
        first = reference.start.year
        overlapping = [y for y in (first, first - 1, *range(first + 1, reference.end.year + 1))
                       if _season_in(season, y).start <= reference.end and reference.start <= _season_in(season, y).end]
        return _season_in(season, overlapping[0] if overlapping else first)
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None


def _resolve(rel: Relative, n: int, base: datetime.date | None) -> _Value | None:
    """The value of a relative phrase counted from base; None without a base or beyond the calendar."""
    if base is None:
        return None
    lo, hi = _offset(rel.lo, n), _offset(rel.hi, n)
    try:
        if rel.granularity == "range":
            # "the past three years": counted from the anchor's day, not in whole calendar units
            first, last = _shift_day(base, rel.unit, lo), _shift_day(base, rel.unit, hi)
            return _Value(first, last, "range") if first and last else None
        if rel.unit == "year":
            return _Value(datetime.date(base.year + lo, 1, 1), datetime.date(base.year + hi, 12, 31), rel.granularity)
        if rel.unit == "month":
            y1, m1 = _shift_month(base.year, base.month, lo)
            y2, m2 = _shift_month(base.year, base.month, hi)
            return _Value(datetime.date(y1, m1, 1), _month_span(y2, m2)[1], rel.granularity)
        if rel.unit == "week":
            monday = base - datetime.timedelta(days=base.weekday())
            return _Value(monday + datetime.timedelta(weeks=lo), monday + datetime.timedelta(weeks=hi, days=6),
                          rel.granularity)
        return _Value(base + datetime.timedelta(days=lo), base + datetime.timedelta(days=hi), rel.granularity)
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None


def _weekday_value(rule: str, weekday: int, anchor: datetime.date | None) -> _Value | None:
    """The day a weekday phrase names, counted from the publication date; None without one.

    on_or_before: the most recent such day on or before the anchor (the anchor's own day counts); before: the most
    recent strictly before it; after: the first strictly after it; same_week: the one in the anchor's ISO week.
    """
    if anchor is None:
        return None
    if rule == "on_or_before":
        days = -((anchor.weekday() - weekday) % 7)
    elif rule == "before":
        days = -((anchor.weekday() - weekday - 1) % 7 + 1)
    elif rule == "after":
        days = (weekday - anchor.weekday() - 1) % 7 + 1
    else:
        days = weekday - anchor.weekday()
    try:
        day = anchor + datetime.timedelta(days=days)
    except OverflowError:  # before year 1 or after 9999
        return None
    return _Value(day, day, "day")


def _shift_day(base: datetime.date, unit: str, k: int) -> datetime.date | None:
    """The anchor day moved by k units (a month-end day is clamped: 31 March - 1 month = 28/29 February)."""
    try:
        if unit == "day":
            return base + datetime.timedelta(days=k)
        if unit == "week":
            return base + datetime.timedelta(weeks=k)
        months = 12 * k if unit == "year" else k
        year, month = _shift_month(base.year, base.month, months)
        return datetime.date(year, month, min(base.day, _last_day(year, month)))
    except (OverflowError, ValueError):
        return None


def _yearless(month_day: tuple[int, int] | None, base: datetime.date | None) -> _Value | None:
    if month_day is None or base is None:
        return None
    d = _date(base.year, *month_day)
    return _Value(d, d, "day") if d else None


@functools.lru_cache(maxsize=1024)
def _dateparser_date(text: str, languages: tuple[str, ...], parts: tuple[str, ...]) -> datetime.date | None:
    """dateparser's reading of a non-English date, requiring every part so nothing comes from today."""
    import dateparser  # slow to import; only lines in other languages need it

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": list(parts),
        "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        got = dateparser.parse(text, languages=list(languages), settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is the safe answer
        return None
    return got.date() if got is not None else None


def _anchor_date(anchor: datetime.date | TimeValue | None) -> datetime.date | None:
    if isinstance(anchor, TimeValue):
        return anchor.start
    if isinstance(anchor, datetime.datetime):
        return anchor.date()
    return anchor


# ---------------------------------------------------------------------------------------------- public


def tag_dates(text: str, *, anchor: datetime.date | TimeValue | None = None,
              rules_dir: pathlib.Path | None = None) -> list[TimeValue]:
    """Every temporal expression in text, in order of char_start, non-overlapping (longest match wins).

    Relative expressions ("the same year", "the next year", "later that year") take the last explicit date
    before them in the text; deictic ones ("last year", "recently", "in recent times") and weekdays ("on Monday",
    the most recent Monday on or before the anchor; "last Monday", "next Friday", "this Wednesday") take ``anchor``. A
    relative expression with nothing to count from is skipped: no value ever comes from today's date.
    Coordinated years ("in 1954 and 1955") give one value per year. "9/11" and the other names in
    ``rules/dates/named.tsv`` are tagged as their day wherever they appear.

    Args:
        text: Any text; offsets of the values point into it.
        anchor: The article's publication date (a date or a TimeValue), or None.
        rules_dir: A ``dates`` rules folder given by the user; the shipped vocabulary when None.

    Returns:
        TimeValues with ``text[tv.char_start:tv.char_end] == tv.text`` and ``start <= end``.

    Raises:
        RuleError: The rule files are malformed.
    """
    if not text:
        return []
    return _Reader(load_vocabulary(rules_dir), text).run(_anchor_date(anchor))


def parse_expression(text: str, *, anchor: datetime.date | TimeValue | None = None) -> TimeValue | None:
    """Normalise one whole expression ("the late 1950s", "FY2015-16", "2003").

    A bare number counts as a year here; a relative phrase counts from ``anchor``. A leading preposition
    ("in 1999") and surrounding punctuation may stay outside the expression found.

    Args:
        text: The expression.
        anchor: Publication date, also the reference of "the same year" here, or None.

    Returns:
        A TimeValue with char_start=0 and char_end=len(text), or None when the text is not one valid
        expression (two dates, an impossible date, a relative phrase without anchor).

    Raises:
        RuleError: The rule files are malformed.
    """
    if not text or not text.strip():
        return None
    vocab = load_vocabulary()
    values = _Reader(vocab, text, whole=True).run(_anchor_date(anchor))
    if len(values) != 1:
        return None
    tv = values[0]
    rest = (text[: tv.char_start] + " " + text[tv.char_end:]).strip(" \t\n,.;:()[]\"'“”‘’").lower()
    if rest and rest not in vocab.year_before and rest not in ("the", "during the", "in the", "since the"):
        return None
    return TimeValue(text, 0, len(text), tv.start, tv.end, tv.granularity, tv.relative)

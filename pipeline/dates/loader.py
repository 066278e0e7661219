"""The loader of ``rules/dates/``: ``load_vocabulary`` reads and checks every file once per folder.

``_load`` is the one function that reads the rule files (one small reader per file below it); a rule set
loaded elsewhere can take its place by handing the same tables to ``Vocabulary``.
"""
from __future__ import annotations

import datetime
import functools
import importlib
import pathlib
import re
from typing import Any

from pipeline.dates.arithmetic import last_day
from pipeline.dates.patterns import build_patterns, relative_pattern
from pipeline.dates.tables import fraction, iso_date, read_tsv, read_yaml, whole_number
from pipeline.dates.vocabulary import Example, Modifier, Relative, Vocabulary, WeekdayPhrase, key
from pipeline.errors import RuleError
from pipeline.records import GRANULARITIES

__all__ = ["load_vocabulary"]

_RULE_FILES = (
    "months.tsv", "weekdays.tsv", "weekday_phrases.tsv", "numbers.tsv", "modifiers.tsv", "seasons.tsv",
    "relative.tsv", "named.tsv", "holidays.tsv", "year_context.tsv", "fiscal.yaml", "conventions.yaml", "examples.tsv",
)
_UNITS = ("day", "week", "month", "year", "season")
# how a weekday phrase counts from the publication date (weekday_phrases.tsv)
_WEEKDAY_RULES = ("on_or_before", "before", "after", "same_week")
_YES_NO = ("yes", "no")


def _default_rules_dir() -> pathlib.Path:
    rules_pkg = importlib.import_module("pipeline.rules")
    return pathlib.Path(rules_pkg.__file__).resolve().parent / "dates"


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


@functools.lru_cache(maxsize=8)
def _load(rules_dir: str) -> Vocabulary:
    folder = pathlib.Path(rules_dir)
    if not folder.is_dir():
        raise RuleError(f"{folder}:0: rules folder not found")
    for name in _RULE_FILES:
        if not (folder / name).is_file():
            raise RuleError(f"{folder / name}:0: rule file missing")
    months, ambiguous = _months(folder / "months.tsv")
    weekdays, weekday_numbers = _weekdays(folder / "weekdays.tsv")
    weekday_phrases, weekday_words = _weekday_phrases(folder / "weekday_phrases.tsv")
    ordinals, cardinals, decades = _numbers(folder / "numbers.tsv")
    modifiers = _modifiers(folder / "modifiers.tsv")
    seasons, relative_seasons = _seasons(folder / "seasons.tsv")
    relatives = _relatives(folder / "relative.tsv", cardinals, relative_seasons)
    named = _named(folder / "named.tsv")
    holidays = _holidays(folder / "holidays.tsv")
    context = _year_context(folder / "year_context.tsv")
    fiscal = _fiscal(folder / "fiscal.yaml")
    conventions = _conventions(folder / "conventions.yaml")
    examples = _examples(folder / "examples.tsv")
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
    return Vocabulary(rules_dir=folder, patterns=build_patterns(vocab_parts), **vocab_parts)


def _yes(path: pathlib.Path, line: int, value: str, what: str) -> bool:
    if value not in _YES_NO:
        raise RuleError(f"{path}:{line}: {what} must be yes or no, got {value!r}")
    return value == "yes"


def _months(path: pathlib.Path) -> tuple[dict[str, int], set[str]]:
    months, ambiguous = {}, set()
    for line, (name, number, amb) in read_tsv(path, 3):
        months[name.lower()] = whole_number(path, line, number, 1, 12, "month")
        if _yes(path, line, amb, "ambiguous"):
            ambiguous.add(name.lower())
    return months, ambiguous


def _weekdays(path: pathlib.Path) -> tuple[set[str], dict[str, int]]:
    """Every weekday word, and the longest name of each weekday → its number."""
    weekdays = set()
    longest: dict[int, str] = {}
    for line, (name, number) in read_tsv(path, 2):
        n = whole_number(path, line, number, 0, 6, "weekday")
        weekdays.add(name.lower())
        if len(name) > len(longest.get(n, "")):
            longest[n] = name.lower()
    return weekdays, {name: n for n, name in longest.items()}


def _weekday_phrases(path: pathlib.Path) -> tuple[dict[str, WeekdayPhrase], dict[str, set[str]]]:
    weekday_phrases: dict[str, WeekdayPhrase] = {}
    weekday_words: dict[str, set[str]] = {"part": set(), "veto_before": set(), "veto_before_bare": set(),
                                          "allow_before": set()}
    for line, (entry, kind) in read_tsv(path, 2):
        words = key(entry).split()
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
    return weekday_phrases, weekday_words


def _numbers(path: pathlib.Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Ordinal, cardinal and decade words."""
    ordinals, cardinals, decades = {}, {}, {}
    for line, (word, kind, value) in read_tsv(path, 3):
        table = {"ordinal": ordinals, "cardinal": cardinals, "decade": decades}.get(kind)
        if table is None:
            raise RuleError(f"{path}:{line}: kind must be ordinal, cardinal or decade, got {kind!r}")
        table[word.lower()] = whole_number(path, line, value, -1, 99, "value")
    return ordinals, cardinals, decades


def _modifiers(path: pathlib.Path) -> dict[str, Modifier]:
    modifiers = {}
    for line, (phrase, lo, hi, gran) in read_tsv(path, 4):
        lo_f, hi_f = fraction(path, line, lo), fraction(path, line, hi)
        if lo_f >= hi_f:
            raise RuleError(f"{path}:{line}: from {lo} must be below to {hi}")
        if gran not in ("same", "half"):
            raise RuleError(f"{path}:{line}: granularity must be same or half, got {gran!r}")
        modifiers[phrase.lower()] = Modifier(phrase.lower(), lo_f, hi_f, gran == "half")
    return modifiers


def _seasons(path: pathlib.Path) -> tuple[dict[str, tuple[int, int, int]], set[str]]:
    """Seasons (first month, last month, year offset), and those that may follow "last", "that"."""
    seasons, relative_seasons = {}, set()
    for line, (name, first, last, offset, relative) in read_tsv(path, 5):
        seasons[name.lower()] = (
            whole_number(path, line, first, 1, 12, "month"),
            whole_number(path, line, last, 1, 12, "month"),
            whole_number(path, line, offset, 0, 1, "year offset"),
        )
        if _yes(path, line, relative, "relative"):
            relative_seasons.add(name.lower())
    return seasons, relative_seasons


def _check_relative(path: pathlib.Path, line: int, fields: list[str]) -> None:
    """One row of relative.tsv: its anchor, unit, granularity, offsets and placeholders agree."""
    expr, anchor, unit, lo, hi, gran = fields
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


def _relatives(path: pathlib.Path, cardinals: dict[str, int], relative_seasons: set[str]) -> list[Relative]:
    """Relative phrases, longest first, each with its compiled pattern."""
    relatives = []
    for line, fields in read_tsv(path, 6):
        _check_relative(path, line, fields)
        expr, anchor, unit, lo, hi, gran = fields
        pattern = relative_pattern(expr.lower(), cardinals, relative_seasons)
        relatives.append(Relative(expr.lower(), anchor, unit, lo, hi, gran, pattern))
    relatives.sort(key=lambda r: (-len(r.expression), r.expression))
    return relatives


def _named(path: pathlib.Path) -> dict[str, tuple[datetime.date, datetime.date, str]]:
    named = {}
    for line, (name, start, end, gran) in read_tsv(path, 4):
        first, last = iso_date(path, line, start), iso_date(path, line, end)
        if first > last or gran not in GRANULARITIES:
            raise RuleError(f"{path}:{line}: needs start <= end and a known granularity")
        named[name] = (first, last, gran)
    return named


def _holidays(path: pathlib.Path) -> dict[str, tuple[int, int, bool]]:
    holidays = {}
    for line, (name, month, day, alone) in read_tsv(path, 4):
        m = whole_number(path, line, month, 1, 12, "month")
        d = whole_number(path, line, day, 1, 31, "day")
        if d > last_day(2000, m):
            raise RuleError(f"{path}:{line}: day {d} does not exist in month {m}")
        holidays[key(name).replace("’", "'")] = (m, d, _yes(path, line, alone, "alone"))
    return holidays


def _year_context(path: pathlib.Path) -> dict[str, set[str]]:
    context: dict[str, set[str]] = {"before": set(), "after": set(), "veto_before": set(), "veto_after": set()}
    for line, (word, kind) in read_tsv(path, 2):
        if kind not in context:
            raise RuleError(f"{path}:{line}: kind must be one of {', '.join(context)}, got {kind!r}")
        context[kind].add(word.lower())
    return context


def _checked_mapping(path: pathlib.Path, checks: dict[str, Any]) -> dict[str, Any]:
    data = read_yaml(path)
    for name, check in checks.items():
        if not check(data.get(name)):
            raise RuleError(f"{path}:0: bad or missing {name!r}: {data.get(name)!r}")
    return data


def _fiscal(path: pathlib.Path) -> dict[str, Any]:
    return _checked_mapping(path, {
        "start_month": lambda v: isinstance(v, int) and 1 <= v <= 12,
        "single_year_names": lambda v: v in ("start", "end"),
        "two_digit_century": lambda v: isinstance(v, int) and v % 100 == 0,
        "granularity": lambda v: v in GRANULARITIES,
    })


def _conventions(path: pathlib.Path) -> dict[str, Any]:
    return _checked_mapping(path, {
        "numeric_date_order": lambda v: v in ("dmy", "mdy"),
        "two_digit_decade_century": lambda v: isinstance(v, int) and v % 100 == 0,
        "century_first_year": lambda v: v in (0, 1),
        "year_min": lambda v: isinstance(v, int),
        "year_max": lambda v: isinstance(v, int) and v <= 9999,
        "dateparser_languages": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    })


def _examples(path: pathlib.Path) -> list[Example]:
    examples = []
    for line, (expr, anchor, start, end, gran) in read_tsv(path, 5):
        if gran not in GRANULARITIES + ("-",):
            raise RuleError(f"{path}:{line}: unknown granularity {gran!r}")
        examples.append(Example(
            expr,
            None if anchor == "-" else iso_date(path, line, anchor),
            None if start == "-" else iso_date(path, line, start),
            None if end == "-" else iso_date(path, line, end),
            "" if gran == "-" else gran,
            line,
        ))
    return examples

"""The loader of the date vocabularies (the English pack's ``dates/``): ``load_vocabulary`` builds and checks every
file once per rule set.

``_load`` is the one function that reads the rule files (one small reader per file below it), through the rule set:
a pack above the English one may add rows to any file or hold a file of its own.
"""
from __future__ import annotations

import datetime
import pathlib
import re
from typing import Any

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN

from pipeline.dates.arithmetic import last_day
from pipeline.dates.patterns import build_patterns, relative_pattern
from pipeline.dates.tables import RuleFile, fraction, iso_date, read_tsv, read_yaml, whole_number
from pipeline.dates.vocabulary import Example, Holiday, Modifier, Relative, Vocabulary, WeekdayPhrase, key
from pipeline.errors import RuleError
from pipeline.records import GRANULARITIES
from pipeline.ruleset import RuleSet, resolve

__all__ = ["load_vocabulary"]

_RULE_FILES = (
    "months.tsv", "weekdays.tsv", "weekday_phrases.tsv", "numbers.tsv", "modifiers.tsv", "seasons.tsv",
    "relative.tsv", "named.tsv", "holidays.tsv", "year_context.tsv", "fiscal.yaml", "conventions.yaml", "examples.tsv",
)
_UNITS = ("day", "week", "month", "quarter", "year", "season")
# how a weekday phrase counts from the publication date (weekday_phrases.tsv)
_WEEKDAY_RULES = ("on_or_before", "before", "after", "same_week")
_YES_NO = ("yes", "no")


def load_vocabulary(rules: RuleSet | pathlib.Path | None = None) -> Vocabulary:
    """The date vocabularies: every pack's ``dates/`` files, built and checked once per rule set.

    Args:
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Returns:
        The vocabularies with the regular expressions compiled from them.

    Raises:
        RuleError: A file is missing from every pack or malformed; the message reads ``file:line: problem``.
    """
    return resolve(rules).built("dates", _load)


def _load(rules: RuleSet) -> Vocabulary:
    # the top pack's dates folder, where a user looks for the files (examples name their lines there)
    folder = RuleFile(rules, "dates/months.tsv").paths()[-1].parent
    files = {name.split(".")[0]: RuleFile(rules, f"dates/{name}") for name in _RULE_FILES}
    months, ambiguous = _months(files["months"])
    weekdays, weekday_numbers = _weekdays(files["weekdays"])
    weekday_phrases, weekday_words = _weekday_phrases(files["weekday_phrases"])
    ordinals, cardinals, decades = _numbers(files["numbers"])
    modifiers = _modifiers(files["modifiers"])
    seasons, relative_seasons = _seasons(files["seasons"])
    full_months = frozenset(w for w in months if not any(o != w and o.startswith(w) for o in months))
    # {season} in relative.tsv: a season, or a month by its full name ("last November", "the previous April");
    # a season that is also a common word ("fall") only after a word that counts from the publication date
    slot_previous = relative_seasons | full_months
    relatives = _relatives(files["relative"], cardinals, slot_previous, slot_previous | set(seasons))
    named = _named(files["named"])
    holidays = _holidays(files["holidays"], weekday_numbers)
    context = _year_context(files["year_context"])
    fiscal = _fiscal(files["fiscal"])
    conventions = _conventions(files["conventions"])
    examples = _examples(files["examples"])
    vocab_parts = dict(
        months=months, ambiguous_months=frozenset(ambiguous), weekdays=frozenset(weekdays),
        weekday_numbers=weekday_numbers, weekday_phrases=weekday_phrases,
        weekday_words={kind: frozenset(words) for kind, words in weekday_words.items()},
        ordinals=ordinals, cardinals=cardinals, decades=decades, modifiers=modifiers, seasons=seasons,
        relative_seasons=frozenset(relative_seasons), relatives=tuple(relatives), named=named, holidays=holidays,
        year_before=frozenset(context["before"]), year_after=frozenset(context["after"]),
        veto_before=frozenset(context["veto_before"]), veto_after=frozenset(context["veto_after"]),
        year_determiners=frozenset(context["determiner"]), open_before=frozenset(context["open_before"]),
        holiday_periods=frozenset(context["period"]), holiday_spans=frozenset(context["span"]),
        bare_before=frozenset(context["bare_before"] | context["before"]),
        full_months=full_months, period_words=frozenset(slot_previous | set(seasons)),
        fiscal=fiscal, conventions=conventions, examples=tuple(examples),
    )
    return Vocabulary(rules_dir=folder, patterns=build_patterns(vocab_parts), **vocab_parts)


def _yes(path: pathlib.Path, line: int, value: str, what: str) -> bool:
    if value not in _YES_NO:
        raise RuleError(f"{path}:{line}: {what} must be yes or no, got {value!r}")
    return value == "yes"


def _months(path: RuleFile) -> tuple[dict[str, int], set[str]]:
    months, ambiguous = {}, set()
    for path, line, (name, number, amb) in read_tsv(path, 3):
        months[name.lower()] = whole_number(path, line, number, 1, 12, "month")
        if _yes(path, line, amb, "ambiguous"):
            ambiguous.add(name.lower())
    return months, ambiguous


def _weekdays(path: RuleFile) -> tuple[set[str], dict[str, int]]:
    """Every weekday word, and the longest name of each weekday → its number."""
    weekdays = set()
    longest: dict[int, str] = {}
    for path, line, (name, number) in read_tsv(path, 2):
        n = whole_number(path, line, number, 0, 6, "weekday")
        weekdays.add(name.lower())
        if len(name) > len(longest.get(n, "")):
            longest[n] = name.lower()
    return weekdays, {name: n for n, name in longest.items()}


def _weekday_phrases(path: RuleFile) -> tuple[dict[str, WeekdayPhrase], dict[str, set[str]]]:
    weekday_phrases: dict[str, WeekdayPhrase] = {}
    weekday_words: dict[str, set[str]] = {"part": set(), "veto_before": set(), "veto_before_bare": set(),
                                          "name_before": set(), "future": set(), "future_before": set(),
                                          "said": set(), "attributive_before": set()}
    seen: dict[str, pathlib.Path] = {}
    for path, line, (entry, kind) in read_tsv(path, 2):
        words = key(entry).split()
        if kind in _WEEKDAY_RULES:
            if words[-1] != "{weekday}" or "{weekday}" in words[:-1]:
                raise RuleError(f"{path}:{line}: a phrase must end in {{weekday}} and name it once")
            head = " ".join(words[:-1])
            if seen.get(head) == path:  # a pack above may redefine a phrase; one file may not say it twice
                raise RuleError(f"{path}:{line}: phrase {entry!r} given twice")
            seen[head] = path
            weekday_phrases[head] = WeekdayPhrase(" ".join(words), kind)
        elif kind in weekday_words:
            if not 1 <= len(words) <= (2 if kind.startswith("future") else 1) or "{" in entry:
                raise RuleError(f"{path}:{line}: a {kind} entry is one word (a future or future_before entry one or two), got {entry!r}")
            weekday_words[kind].add(" ".join(words))
        else:
            raise RuleError(f"{path}:{line}: kind must be one of {', '.join(_WEEKDAY_RULES + tuple(weekday_words))}, "
                            f"got {kind!r}")
    return weekday_phrases, weekday_words


def _numbers(path: RuleFile) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Ordinal, cardinal and decade words."""
    ordinals, cardinals, decades = {}, {}, {}
    for path, line, (word, kind, value) in read_tsv(path, 3):
        table = {"ordinal": ordinals, "cardinal": cardinals, "decade": decades}.get(kind)
        if table is None:
            raise RuleError(f"{path}:{line}: kind must be ordinal, cardinal or decade, got {kind!r}")
        table[word.lower()] = whole_number(path, line, value, -1, 99, "value")
    return ordinals, cardinals, decades


def _modifiers(path: RuleFile) -> dict[str, Modifier]:
    modifiers = {}
    for path, line, (phrase, lo, hi, gran) in read_tsv(path, 4):
        lo_f, hi_f = fraction(path, line, lo), fraction(path, line, hi)
        if lo_f >= hi_f:
            raise RuleError(f"{path}:{line}: from {lo} must be below to {hi}")
        if gran not in ("same", "half"):
            raise RuleError(f"{path}:{line}: granularity must be same or half, got {gran!r}")
        modifiers[phrase.lower()] = Modifier(phrase.lower(), lo_f, hi_f, gran == "half")
    return modifiers


def _seasons(path: RuleFile) -> tuple[dict[str, tuple[int, int, int]], set[str]]:
    """Seasons (first month, last month, year offset), and those that may follow "last", "that"."""
    seasons, relative_seasons = {}, set()
    for path, line, (name, first, last, offset, relative) in read_tsv(path, 5):
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


def _relatives(path: RuleFile, cardinals: dict[str, int], slot_previous: set[str],
               slot_publication: set[str]) -> list[Relative]:
    """Relative phrases, longest first, each with its compiled pattern ({season} may be a word of the slot set of
    its anchor)."""
    relatives = []
    for path, line, fields in read_tsv(path, 6):
        _check_relative(path, line, fields)
        expr, anchor, unit, lo, hi, gran = fields
        slot = slot_publication if anchor == "publication" else slot_previous
        pattern = relative_pattern(expr.lower(), cardinals, slot)
        relatives.append(Relative(expr.lower(), anchor, unit, lo, hi, gran, pattern))
    relatives.sort(key=lambda r: (-len(r.expression), r.expression))
    return relatives


def _named(path: RuleFile) -> dict[str, tuple[datetime.date, datetime.date, str]]:
    named = {}
    for path, line, (name, start, end, gran) in read_tsv(path, 4):
        first, last = iso_date(path, line, start), iso_date(path, line, end)
        if first > last or gran not in GRANULARITIES:
            raise RuleError(f"{path}:{line}: needs start <= end and a known granularity")
        named[name] = (first, last, gran)
    return named


def _holidays(path: RuleFile, weekday_numbers: dict[str, int]) -> dict[str, Holiday]:
    """holidays.tsv: a fixed day ("12", "25"), the first weekday on or after a day ("11", "thursday>=22"), or days from
    Easter ("easter" or "orthodox easter", "-2")."""
    holidays = {}
    for path, line, (name, month, day, alone) in read_tsv(path, 4):
        is_alone = _yes(path, line, alone, "alone")
        if month in _EASTERS:
            offset = whole_number(path, line, day, -70, 70, "days from Easter")
            holiday = Holiday(0, offset, easter=_EASTERS[month], alone=is_alone)
        else:
            m = whole_number(path, line, month, 1, 12, "month")
            weekday, _, first = day.rpartition(">=")
            d = whole_number(path, line, first, 1, 31, "day")
            if d > last_day(2000, m) or (weekday and d + 6 > last_day(2001, m)):
                raise RuleError(f"{path}:{line}: day {d} does not exist in month {m}")
            if weekday and key(weekday) not in weekday_numbers:
                raise RuleError(f"{path}:{line}: {weekday!r} is no weekday of weekdays.tsv")
            holiday = Holiday(m, d, weekday_numbers[key(weekday)] if weekday else None, alone=is_alone)
        holidays[key(name).replace("’", "'")] = holiday
    return holidays


_EASTERS = {"easter": EASTER_WESTERN, "orthodox easter": EASTER_ORTHODOX}


def _year_context(path: RuleFile) -> dict[str, set[str]]:
    context: dict[str, set[str]] = {"before": set(), "after": set(), "veto_before": set(), "veto_after": set(),
                                    "bare_before": set(), "determiner": set(), "open_before": set(),
                                    "period": set(), "span": set()}
    for path, line, (word, kind) in read_tsv(path, 2):
        if kind not in context:
            raise RuleError(f"{path}:{line}: kind must be one of {', '.join(context)}, got {kind!r}")
        context[kind].add(word.lower())
    return context


def _checked_mapping(path: RuleFile, checks: dict[str, Any]) -> dict[str, Any]:
    data = read_yaml(path)
    for name, check in checks.items():
        if not check(data.get(name)):
            raise RuleError(f"{path}:0: bad or missing {name!r}: {data.get(name)!r}")
    return data


def _fiscal(path: RuleFile) -> dict[str, Any]:
    return _checked_mapping(path, {
        "start_month": lambda v: isinstance(v, int) and 1 <= v <= 12,
        "single_year_names": lambda v: v in ("start", "end"),
        "two_digit_century": lambda v: isinstance(v, int) and v % 100 == 0,
        "granularity": lambda v: v in GRANULARITIES,
    })


def _conventions(path: RuleFile) -> dict[str, Any]:
    return _checked_mapping(path, {
        "numeric_date_order": lambda v: v in ("dmy", "mdy"),
        "two_digit_decade_century": lambda v: isinstance(v, int) and v % 100 == 0,
        "century_first_year": lambda v: v in (0, 1),
        "year_min": lambda v: isinstance(v, int),
        "year_max": lambda v: isinstance(v, int) and v <= 9999,
        "dateparser_languages": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "modifier_value": lambda v: v in ("whole", "part"),
    })


def _examples(path: RuleFile) -> list[Example]:
    examples = []
    for path, line, (expr, anchor, start, end, gran) in read_tsv(path, 5):
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

"""Reading the date rule files: a format header, tab-separated rows or a YAML mapping, typed fields.

Every problem is a ``RuleError`` whose message reads ``file:line: problem``.
"""
from __future__ import annotations

import datetime
import pathlib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pipeline.errors import RuleError
from pipeline.ruleset import RuleSet

__all__ = ["RuleFile", "fraction", "iso_date", "read_tsv", "read_yaml", "whole_number"]


@dataclass(frozen=True)
class RuleFile:
    """A date rule file as the rule set holds it: every pack's copy, lower packs first.

    Attributes:
        rules: The rule set.
        name: The file's path inside a pack (``dates/months.tsv``).
    """

    rules: RuleSet
    name: str

    def paths(self) -> tuple[pathlib.Path, ...]:
        """The packs' copies; a file no pack has is an error.

        Raises:
            RuleError: no pack holds the file.
        """
        found = self.rules.paths(self.name)
        if not found:
            raise RuleError(f"{self.name}:0: rule file missing from every pack ({self.rules.describe()})")
        return found

    def __str__(self) -> str:
        return self.rules.where(self.name)


def read_tsv(source: RuleFile, columns: int) -> list[tuple[pathlib.Path, int, list[str]]]:
    """Rows of a rule table across packs, blank and comment lines skipped.

    Args:
        source: The file in the rule set (each pack's copy starts with a ``# format: ...`` comment).
        columns: How many tab-separated fields each row has.

    Returns:
        (the pack's file, line number, fields) per row, fields stripped of spaces.

    Raises:
        RuleError: a row has another number of fields, or no pack has the file.
    """
    source.paths()
    return [(row.path, row.line, list(row.fields)) for row in source.rules.tsv(source.name, columns)]


def read_yaml(source: RuleFile) -> dict[str, Any]:
    """The mapping in a YAML rule file, the packs' copies merged.

    Raises:
        RuleError: a copy is not valid YAML, the result is not a mapping, or no pack has the file.
    """
    source.paths()
    data = source.rules.yaml(source.name)
    if not isinstance(data, dict):
        raise RuleError(f"{source}:1: expected a YAML mapping")
    return data


def whole_number(path: pathlib.Path, line: int, value: str, lo: int, hi: int, what: str) -> int:
    """A field that must be a whole number in lo..hi; ``what`` names it in the error."""
    try:
        number = int(value)
    except ValueError:
        raise RuleError(f"{path}:{line}: {what} {value!r} is not a whole number") from None
    if not lo <= number <= hi:
        raise RuleError(f"{path}:{line}: {what} {number} is outside {lo}..{hi}")
    return number


def iso_date(path: pathlib.Path, line: int, value: str) -> datetime.date:
    """A field that must be a YYYY-MM-DD date."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RuleError(f"{path}:{line}: {value!r} is not a YYYY-MM-DD date") from None


def fraction(path: pathlib.Path, line: int, value: str) -> Fraction:
    """A field that must be a fraction in 0..1 ("1/3")."""
    try:
        frac = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise RuleError(f"{path}:{line}: {value!r} is not a fraction like 1/3") from None
    if not 0 <= frac <= 1:
        raise RuleError(f"{path}:{line}: fraction {value} is outside 0..1")
    return frac

"""Reading the date rule files: a format header, tab-separated rows or a YAML mapping, typed fields.

Every problem is a ``RuleError`` whose message reads ``file:line: problem``.
"""
from __future__ import annotations

import datetime
import pathlib
from fractions import Fraction
from typing import Any

import yaml

from pipeline.errors import RuleError
from pipeline.rules_dir import SAFE_LOADER

__all__ = ["fraction", "iso_date", "read_tsv", "read_yaml", "whole_number"]


def _check_header(path: pathlib.Path, first: str) -> None:
    if not (first.startswith("#") and "format" in first.lower()):
        raise RuleError(f"{path}:1: first line must be a '# format: ...' comment stating the file's format")


def read_tsv(path: pathlib.Path, columns: int) -> list[tuple[int, list[str]]]:
    """Rows of a rule table, blank and comment lines skipped.

    Args:
        path: The ``.tsv`` file; its first line is a ``# format: ...`` comment.
        columns: How many tab-separated fields each row has.

    Returns:
        (line number, fields) per row, fields stripped of spaces.

    Raises:
        RuleError: The file cannot be read, has no header, or a row has another number of fields.
    """
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


def read_yaml(path: pathlib.Path) -> dict[str, Any]:
    """The mapping in a YAML rule file.

    Args:
        path: The ``.yaml`` file; its first line is a ``# format: ...`` comment.

    Returns:
        The mapping.

    Raises:
        RuleError: The file cannot be read, has no header, is not valid YAML or not a mapping.
    """
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

"""The line rules of ingest: ``boilerplate.tsv`` (lines dropped as blog furniture) and ``publication.tsv``
(bylines, author notes and "Published in ..." lines).

Each rule file is read by one loader (:func:`boilerplate_rules`, :func:`publication_cues`), cached per file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import RuleError
from pipeline.rules_dir import rules_path


@dataclass(frozen=True)
class LineRule:
    """One row of ``boilerplate.tsv`` or ``publication.tsv``.

    Attributes:
        kind: exact, prefix or regex (boilerplate); byline, author_note or published (publication).
        pattern: The phrase or regular expression as written.
        example: A line the rule applies to, checked by the tests, or "".
        expected: For publication cues, what the example yields; else "".
        source: "file:line" of the rule, for error messages.
    """

    kind: str
    pattern: str
    example: str = ""
    expected: str = ""
    source: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (case-insensitive; exact and prefix rules escaped)."""
        return _compile(self.kind, self.pattern)


@lru_cache(maxsize=None)
def _compile(kind: str, pattern: str) -> re.Pattern[str]:
    if kind == "exact":
        return re.compile(re.escape(fold_line(pattern)))
    if kind == "prefix":
        return re.compile(re.escape(fold_line(pattern)) + ".*")
    return re.compile(pattern, re.I)


def fold_line(line: str) -> str:
    """A line as exact and prefix rules compare it: spaces collapsed, trimmed, case-folded."""
    return re.sub(r"\s+", " ", line).strip().casefold()


def _rules_file(rules: Path | None, name: str) -> Path:
    path = rules_path(rules) / name
    if not path.is_file():
        # A rules folder given by the user that lacks this file uses the shipped one.
        path = rules_path(None) / name
    return path


def boilerplate_rules(rules: Path | None = None) -> tuple[LineRule, ...]:
    """The boilerplate rules from ``boilerplate.tsv``.

    Args:
        rules: Folder holding ``boilerplate.tsv``; the shipped file when None or when the folder lacks it.

    Returns:
        The rules in file order (loaded once per file).

    Raises:
        RuleError: The rules folder does not exist, or a row is malformed (the message names file and line).
    """
    return _load_rules(str(_rules_file(rules, "boilerplate.tsv")), ("exact", "prefix", "regex"), 2)


def publication_cues(rules: Path | None = None) -> tuple[LineRule, ...]:
    """The byline, author-note and publication-date cues from ``publication.tsv``.

    Args:
        rules: Folder holding ``publication.tsv``; the shipped file when None or when the folder lacks it.

    Returns:
        The cues in file order (loaded once per file).

    Raises:
        RuleError: The rules folder does not exist, or a row is malformed (the message names file and line).
    """
    cues = _load_rules(str(_rules_file(rules, "publication.tsv")), ("byline", "author_note", "published"), 2)
    for cue in cues:
        group = "date" if cue.kind == "published" else "author"
        if group not in cue.regex.groupindex:
            raise RuleError(f"{cue.source}: a {cue.kind} regex needs a group named {group!r}")
    return cues


@lru_cache(maxsize=None)
def _load_rules(path: str, kinds: tuple[str, ...], min_columns: int) -> tuple[LineRule, ...]:
    try:
        content = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: cannot read rule file ({error})") from error
    loaded = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        source = f"{path}:{number}"
        if len(columns) < min_columns or not columns[1].strip():
            raise RuleError(f"{source}: expected {'<TAB>'.join(('kind', 'pattern', 'example'))}, got {line!r}")
        kind = columns[0].strip()
        if kind not in kinds:
            raise RuleError(f"{source}: unknown kind {kind!r} (expected {', '.join(kinds)})")
        rule = LineRule(
            kind=kind,
            pattern=columns[1].strip(),
            example=columns[2].strip() if len(columns) > 2 else "",
            expected=columns[3].strip() if len(columns) > 3 else "",
            source=source,
        )
        try:
            rule.regex  # noqa: B018 - compile now so a bad pattern is reported with its line
        except re.error as error:
            raise RuleError(f"{source}: bad regular expression {rule.pattern!r}: {error}") from error
        loaded.append(rule)
    return tuple(loaded)

"""The line rules of ingest: ``boilerplate.tsv`` (lines dropped as blog furniture) and ``publication.tsv``
(bylines, author notes and "Published in ..." lines).

Each is read from the rule set by one loader (:func:`boilerplate_rules`, :func:`publication_cues`), built once per
rule set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import RuleError
from pipeline.ruleset import RuleSet, resolve


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


def boilerplate_rules(rules: RuleSet | Path | None = None) -> tuple[LineRule, ...]:
    """The boilerplate rules: every pack's ``boilerplate.tsv``, lower packs first.

    Args:
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Returns:
        The rules in pack and file order (built once per rule set).

    Raises:
        RuleError: a row is malformed (the message names file and line).
    """
    return resolve(rules).built("boilerplate", lambda r: _line_rules(r, "boilerplate.tsv", ("exact", "prefix", "regex")))


def publication_cues(rules: RuleSet | Path | None = None) -> tuple[LineRule, ...]:
    """The byline, author-note and publication-date cues: every pack's ``publication.tsv``, lower packs first.

    Args:
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Returns:
        The cues in pack and file order (built once per rule set).

    Raises:
        RuleError: a row is malformed, or a regex lacks the group its kind needs (the message names file and line).
    """
    return resolve(rules).built("publication", _publication_cues)


def _publication_cues(rules: RuleSet) -> tuple[LineRule, ...]:
    cues = _line_rules(rules, "publication.tsv", ("byline", "author_note", "published", "dateline", "updated"))
    for cue in cues:
        group = {"published": "date", "dateline": "date", "updated": None}.get(cue.kind, "author")
        if group is None:
            continue
        if group not in cue.regex.groupindex:
            raise RuleError(f"{cue.source}: a {cue.kind} regex needs a group named {group!r}")
    return cues


def _line_rules(rules: RuleSet, name: str, kinds: tuple[str, ...]) -> tuple[LineRule, ...]:
    loaded = []
    for row in rules.tsv(name, 4, optional=2):
        kind, pattern, example, expected = row.fields
        if not pattern:
            raise RuleError(f"{row.where()}: expected kind<TAB>pattern<TAB>example, got an empty pattern")
        if kind not in kinds:
            raise RuleError(f"{row.where()}: unknown kind {kind!r} (expected {', '.join(kinds)})")
        rule = LineRule(kind=kind, pattern=pattern, example=example, expected=expected, source=row.where())
        try:
            rule.regex  # noqa: B018 - compile now so a bad pattern is reported with its line
        except re.error as error:
            raise RuleError(f"{row.where()}: bad regular expression {rule.pattern!r}: {error}") from error
        loaded.append(rule)
    return tuple(loaded)

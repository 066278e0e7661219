"""Errors that reach the user as one line on stderr."""
from __future__ import annotations


class ClaimlineError(Exception):
    """An error the command line reports as one line and a non-zero exit code (2)."""


class RuleError(ClaimlineError):
    """A rule file is malformed: the message names the file, the entry or line, and the problem."""


class CorpusError(ClaimlineError):
    """The corpus folder is missing, empty or not a folder."""


class InputError(ClaimlineError):
    """One input file cannot be used; the run goes on without it."""

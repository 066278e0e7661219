"""How severe a conflict is, from why its two claims were taken as one event: one table, one function.

A conflict is only as sure as the identity behind it. A one-time event (a country leaves an alliance once), a
named deal, or two sources both calling it "the first" visit identify the event, so two dates for it are a real
disagreement (high). Overlapping dates, the same visitor and host in one year, or a title the dated offices rule
out only suggest it (medium): a reviewer should look before believing either side.
"""
from __future__ import annotations

from enum import Enum

from ..records import Severity


class Reason(Enum):
    """Why two claims are taken as the same event (or, for a role, as the same person at the same time)."""

    ONE_TIME = "the event type happens once for these parties"
    SAME_ITEM = "both name the same deal, project or instrument"
    CUE = 'both call it "first" or a "landmark"'
    SAME_YEAR = "same visitor and host in the same year, dated to the month or day"
    OVERLAP = "their dates overlap"
    ROLE_RULED_OUT = "one of two titles for the same time is ruled out by the dated offices"


SEVERITY: dict[Reason, Severity] = {
    Reason.ONE_TIME: Severity.HIGH,
    Reason.SAME_ITEM: Severity.HIGH,
    Reason.CUE: Severity.HIGH,
    Reason.SAME_YEAR: Severity.MEDIUM,
    Reason.OVERLAP: Severity.MEDIUM,
    Reason.ROLE_RULED_OUT: Severity.MEDIUM,
}


def severity(reason: Reason) -> Severity:
    """The severity of a conflict between two claims taken as one event for ``reason``.

    Args:
        reason: Why the claims are one event.

    Returns:
        The severity from :data:`SEVERITY`.
    """
    return SEVERITY[reason]


def severity_rank(value: str) -> int:
    """0 for the most severe: the order conflicts are listed in."""
    return Severity(value).rank

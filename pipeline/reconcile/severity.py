"""How severe a conflict is, from why its two claims were taken as one event: one table, one function.

A conflict is only as sure as the identity behind it. A one-time event (a country leaves an alliance once), a
named deal, or two sources both calling it "the first" visit identify the event, so two dates for it are a real
disagreement (high). Overlapping dates, the same visitor and host in one year, or a title the dated offices rule
out only suggest it (medium): a reviewer should look before believing either side.
"""
from __future__ import annotations

from enum import Enum

from ..records import Claim, Modality, Severity


class Reason(Enum):
    """Why two claims are taken as the same event (or, for a role, as the same person at the same time)."""

    ONE_TIME = "the event type happens once for these parties"
    SAME_ITEM = "both name the same deal, project or instrument"
    CUE = 'both call it "first" or a "landmark"'
    SAME_YEAR = "same visitor and host in the same year, dated to the month or day"
    OVERLAP = "their dates overlap"
    ROLE_RULED_OUT = "one of two titles for the same time is ruled out by the dated offices"
    ESTIMATE = "one side only estimates the figure (a hedged claim) where the other states it"
    YEARS_APART = "the figures are given for dates years apart: a cost or size that changed over time"


SEVERITY: dict[Reason, Severity] = {
    Reason.ONE_TIME: Severity.HIGH,
    Reason.SAME_ITEM: Severity.HIGH,
    Reason.CUE: Severity.HIGH,
    Reason.SAME_YEAR: Severity.MEDIUM,
    Reason.OVERLAP: Severity.MEDIUM,
    Reason.ROLE_RULED_OUT: Severity.MEDIUM,
    Reason.ESTIMATE: Severity.LOW,
    Reason.YEARS_APART: Severity.LOW,
}
#: Reasons from the surest identity to the least sure: the strongest of several ties decides.
SEVERITY_ORDER = (Reason.ONE_TIME, Reason.SAME_ITEM, Reason.CUE, Reason.SAME_YEAR, Reason.OVERLAP,
                  Reason.ROLE_RULED_OUT, Reason.ESTIMATE, Reason.YEARS_APART)
#: Figures for one item dated this many years apart are a value that changed, not a disagreement.
YEARS_APART = 2


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


def evidence_reason(attribute: str, side_a: list[Claim], side_b: list[Claim]) -> Reason | None:
    """A reason the evidence makes a disagreement on a figure weak, or None.

    An estimate against a figure (every claim on one side hedged, none on the other) and figures for dates at
    least :data:`YEARS_APART` years apart (a project whose cost changed) are low, whatever tied the claims.

    Args:
        attribute: The disputed attribute; only amounts and counts are figures.
        side_a: The claims giving one value.
        side_b: The claims giving the other.
    """
    if attribute not in ("amount", "quantity"):
        return None
    hedged_a = all(c.modality == Modality.HEDGED for c in side_a)
    hedged_b = all(c.modality == Modality.HEDGED for c in side_b)
    if hedged_a != hedged_b:
        return Reason.ESTIMATE
    years_a = {c.date_start.year for c in side_a if c.date_start is not None}
    years_b = {c.date_start.year for c in side_b if c.date_start is not None}
    if years_a and years_b and (min(years_b) - max(years_a) >= YEARS_APART
                                or min(years_a) - max(years_b) >= YEARS_APART):
        return Reason.YEARS_APART
    return None

"""Claims a reviewer rejected as wrong extractions, found again by what they say, not where they stand.

A claim's content key hashes its event type, actor, target, item, date, amount, count and sentence (spaces and
case aside): editing another part of the article, moving or re-encoding it keeps the key, so a rejection holds on
every later run. Rejected claims are left out before reconciliation: they are in no event, conflict, report or
export.
"""
from __future__ import annotations

import hashlib

from ..records import Claim


def claim_key(claim: Claim) -> str:
    """The content key a rejection is recorded by (16 hex digits)."""
    parts = (claim.event_type, claim.actor, claim.target, claim.item, claim.date_text,
             "" if claim.amount is None else f"{claim.amount:.0f} {claim.currency}",
             "" if claim.quantity is None else str(claim.quantity), " ".join(claim.evidence.lower().split()))
    return hashlib.sha256("|".join(("claim", *parts)).encode()).hexdigest()[:16]


def without_rejected(claims: list[Claim], rejected: set[str]) -> list[Claim]:
    """The claims no reviewer rejected, in order."""
    if not rejected:
        return list(claims)
    return [c for c in claims if claim_key(c) not in rejected]

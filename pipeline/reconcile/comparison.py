"""Comparison: where the claims of one event disagree, each at its stated precision ("2011" and "September 2011"
agree), one conflict row per attribute, pair of values and pair of articles."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from ..records import Claim, Conflict, Decision
from .clustering import Tie
from .severity import Reason, severity

ATTRIBUTES = ("date", "amount", "quantity", "role")


def short_hash(*parts: str) -> str:
    """A 16-hex-digit id from what a thing is about."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def date_label(c: Claim) -> str:
    """The claim's date at its stated precision, for the report."""
    tv = c.time
    return tv.label if tv else ""


def values(claim: Claim) -> dict[str, str]:
    """The claim's compared attributes as the conflicts file writes them ("" for none)."""
    amount = f"{claim.amount:.0f} {claim.currency}" if claim.amount is not None else ""
    return {
        "date": date_label(claim),
        "amount": amount,
        "quantity": str(claim.quantity) if claim.quantity is not None else "",
        "role": claim.actor_role if claim.actor_role else "",
    }


def disagree(attribute: str, a: Claim, b: Claim) -> bool:
    """Whether two claims of one event give incompatible values of ``attribute``: dates that do not overlap,
    amounts in one currency more than half a percent apart, different counts, or two titles for one person."""
    if attribute == "date":
        return (a.date_start is not None and b.date_start is not None
                and (a.date_start > b.date_end or b.date_start > a.date_end))
    if attribute == "amount":
        return (a.amount is not None and b.amount is not None and a.currency == b.currency
                and abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount))
    if attribute == "quantity":
        return a.quantity is not None and b.quantity is not None and a.quantity != b.quantity
    if attribute == "role":
        return bool(a.actor_kind == "person" and a.actor_role and b.actor_role and a.actor_role != b.actor_role
                    and a.actor == b.actor)
    return False


def _conflict(cid: str, event_id: str, subject: str, attribute: str, a: Claim, b: Claim, value_a: str,
              value_b: str, reason: Reason, rationale: str, decisions: dict[str, Decision],
              event_type: str) -> Conflict:
    """One conflict row, carrying the reviewer's decision on it."""
    d = decisions.get(cid)
    return Conflict(
        conflict_id=cid, event_id=event_id, event_type=event_type, subject=subject,
        attribute=attribute, value_a=value_a, value_b=value_b, claim_a=a.claim_id, claim_b=b.claim_id,
        doc_a=a.doc_id, doc_b=b.doc_id, evidence_a=a.evidence, evidence_b=b.evidence,
        severity=severity(reason), rationale=rationale,
        status=d.status if d else "open", resolution=d.resolution if d else "",
    )


def _representatives(members: list[Claim]) -> list[Claim]:
    """One claim per article and set of values: repeating a value adds no comparison."""
    reps: dict[tuple, Claim] = {}
    for c in members:
        v = values(c)
        reps.setdefault((c.doc_id, c.date_start, c.date_end, v["amount"], v["quantity"], v["role"], c.actor), c)
    return list(reps.values())


def _disagreeing_pairs(members: list[Claim]) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(i, j, attributes)`` for each pair of positions ``i < j`` in ``members`` that disagree, in order.

    Claims with the same compared values never disagree: each pair of value sets is compared once, then the
    pairs of claims behind a disagreement are listed in the order a pairwise walk over ``members`` meets them.
    """
    by_values: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(members):
        by_values[(c.date_start, c.date_end, c.amount, c.currency, c.quantity, c.actor_kind, c.actor_role,
                   c.actor)].append(i)
    sets = list(by_values.values())
    pairs: list[tuple[int, int, tuple[str, ...]]] = []
    for x, first in enumerate(sets):
        for second in sets[x + 1:]:
            a, b = members[first[0]], members[second[0]]
            attributes = tuple(name for name in ATTRIBUTES if disagree(name, a, b))
            if attributes:
                pairs.extend((min(i, j), max(i, j), attributes) for i in first for j in second)
    pairs.sort()
    return pairs


def _why(one_time: bool, found: Tie | None) -> Reason:
    """Why the two claims of a conflict are one event."""
    if one_time:
        return Reason.ONE_TIME
    return found.reason if found else Reason.OVERLAP


def _rationale(reason: Reason, found: Tie | None, subject: str, attribute: str, event_type: str) -> str:
    if reason is Reason.ONE_TIME:
        return f"{subject} can happen only once, but the sources give different {attribute}s."
    if found:
        return f"Taken as one event ({found.text}), yet the sources give different {attribute}s."
    return f"The claims describe one {event_type.lower()} but give different {attribute}s."


def conflicts(members: list[Claim], event_id: str, subject: str, one_time: bool,
              ties: dict[tuple[str, str], Tie], decisions: dict[str, Decision]) -> list[Conflict]:
    """The conflicts between the claims of one event.

    Args:
        members: The event's claims, in output order.
        event_id: The event's id.
        subject: The event's readable line.
        one_time: The event can happen only once.
        ties: Why tied claim pairs (sorted claim ids) were taken as one event.
        decisions: Review decisions by conflict_id.

    Returns:
        One row per attribute, pair of values and pair of articles: an article repeating a value adds no row.
    """
    out = []
    seen: set[tuple] = set()
    members = _representatives(members)
    for i, j, attributes in _disagreeing_pairs(members):
        a, b = members[i], members[j]
        if not a.actor:
            continue
        va_all, vb_all = values(a), values(b)
        found = ties.get((a.claim_id, b.claim_id) if a.claim_id < b.claim_id else (b.claim_id, a.claim_id))
        reason = _why(one_time, found)
        for attribute in attributes:
            side_a, side_b = (a.doc_id, va_all[attribute]), (b.doc_id, vb_all[attribute])
            key = (attribute, side_a, side_b) if side_a <= side_b else (attribute, side_b, side_a)
            if key in seen:
                continue
            seen.add(key)
            out.append(_conflict(short_hash(attribute, a.claim_id, b.claim_id), event_id, subject, attribute, a, b,
                                 va_all[attribute], vb_all[attribute], reason,
                                 _rationale(reason, found, subject, attribute, a.event_type), decisions,
                                 a.event_type))
    return out


def _overlapping_titles(a: Claim, b: Claim) -> bool:
    """Two different titles for the same time, exactly one of which the dated offices rule out."""
    if a.actor_role == b.actor_role or a.date_start > b.date_end or b.date_start > a.date_end:
        return False
    return bool(a.role_check) != bool(b.role_check)


def role_conflicts(claims: list[Claim], event_of: dict[str, str], decisions: dict[str, Decision]) -> list[Conflict]:
    """A person given two titles for the same time, one of which the gazetteer's offices contradict.

    People hold several offices at once (a president who is also army chief), so two titles alone are no
    conflict; one the gazetteer rules out at that date is. Claims are blocked by person.

    Args:
        claims: Every claim, with its event_id.
        event_of: Each claim's event_id.
        decisions: Review decisions by conflict_id.
    """
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.actor_kind == "person" and c.actor_role and c.date_start is not None:
            by_person[c.actor].append(c)
    out = []
    seen = set()
    for person in sorted(by_person):
        group = sorted(by_person[person], key=lambda c: (c.doc_id, c.char_start, c.claim_id))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                key = (a.doc_id, b.doc_id, a.actor_role, b.actor_role, a.event_type)
                if not _overlapping_titles(a, b) or key in seen:
                    continue
                seen.add(key)
                flagged = a if a.role_check else b
                out.append(_conflict(
                    short_hash("role", a.claim_id, b.claim_id), event_of.get(flagged.claim_id, ""),
                    f"{person}'s title ({date_label(flagged)})", "role", a, b, a.actor_role, b.actor_role,
                    Reason.ROLE_RULED_OUT,
                    f"The sources give {person} two titles for the same time, and {flagged.role_check}.",
                    decisions, flagged.event_type))
    return out

"""Events: one row per real-world event, from its claims, its sources and the reviewers' resolutions."""
from __future__ import annotations

import calendar
import re
from datetime import date

from ..dates import parse_expression
from ..records import Claim, Conflict, Event, Granularity, TimeValue
from .sources import support


def subject_of(event_type: str, actor: str, target: str, item: str = "", *, templates: dict[str, str] | None = None) -> str:
    """A readable line naming the event ("Pakistan exits CENTO"), from the type's ``subject`` in the rules."""
    template = (templates or {}).get(event_type) or (event_type.replace("_", " ").lower() + ": {actor} / {target}")
    text = template.format(actor=actor or "someone", target=target or "someone")
    if item and item != target:
        text += f" ({item})"
    for filler in (" with someone", " and someone", " on someone", " in someone", " someone"):
        text = text.replace(filler, "")
    return text.strip()


#: The status each modality gives an event; hedged claims ("reportedly", "ready to") confirm nothing alone.
STATUS_OF_MODALITY = {"": "happened", "asserted": "happened", "hedged": "disputed", "planned": "planned",
                      "target": "planned", "cancelled": "cancelled", "negated": "denied"}
#: How the subject line says an event that may not have happened ("planned visit": "Planned: Putin visits ...").
STATUS_PREFIX = {"planned": "Planned", "cancelled": "Cancelled", "denied": "Denied", "disputed": "Unconfirmed"}


def event_status(members: list[Claim]) -> str:
    """Whether the event happened, from its claims' modality.

    A claim that it happened settles it (hedged ones aside); else a cancellation beats a plan (a plan called
    off), a denial beats a plan; sources saying it happened while others deny it make it ``disputed``.

    Args:
        members: The event's claims.

    Returns:
        happened, planned, cancelled, denied or disputed.
    """
    found = {STATUS_OF_MODALITY.get(str(c.modality), "happened") for c in members}
    if "happened" in found:
        return "disputed" if found & {"denied", "cancelled"} else "happened"
    for status in ("cancelled", "denied", "planned"):
        if status in found:
            return status
    return "disputed"


def status_subject(subject: str, status: str) -> str:
    """The subject line saying the event's status when it is not ``happened`` ("Cancelled: Putin visits ...")."""
    prefix = STATUS_PREFIX.get(status)
    return f"{prefix}: {subject}" if prefix else subject


def parse_date_value(text: str) -> TimeValue | None:
    """A date as the report writes it (``1979``, ``2011-09``, ``2011-09-24``, ``start/end``) or as an article would.

    Returns:
        A TimeValue, or None when the text holds no date.
    """
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 1:
        y, mo = int(m.group(1)), int(m.group(2))
        return TimeValue(text, 0, len(text), date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]),
                         Granularity.MONTH)
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", text)
    if m:
        try:
            a, b = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError:
            return None
        return TimeValue(text, 0, len(text), a, b, Granularity.RANGE) if a <= b else None
    try:
        tv = parse_expression(text)
    except ValueError:  # a date that does not exist (year 0): no date, never a crash
        return None
    return tv if tv is not None and tv.start is not None else None


def _number(text: str) -> float | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    return float(m.group(0).replace(",", "")) if m else None


def _resolved(conflicts: list[Conflict]) -> dict[str, str]:
    """The value a reviewer settled on, by attribute, for the event's resolved conflicts (each conflict carries
    its decision)."""
    return {c.attribute: c.resolution for c in conflicts if c.status == "resolved" and c.resolution}


def _dates(members: list[Claim], disputed: tuple[str, ...], resolved: dict[str, str]) -> tuple:
    """The event's ``(start, end, granularity)``: a reviewer's date, else the span of disputed dates, else the
    narrowest date (all dates overlap: the narrowest is the most precise statement of the same date)."""
    if "date" in resolved:
        tv = parse_date_value(resolved["date"])
        if tv is not None:
            return tv.start, tv.end, tv.granularity
    dated = [c for c in members if c.date_start is not None]
    if not dated:
        return None, None, ""
    if "date" in disputed:
        return min(c.date_start for c in dated), max(c.date_end for c in dated), Granularity.RANGE
    best = min(dated, key=lambda c: ((c.date_end - c.date_start).days, c.claim_id))
    return best.date_start, best.date_end, best.date_granularity


def _amount_quantity(members: list[Claim], resolved: dict[str, str]) -> tuple[float | None, int | None]:
    """The event's amount and count: the one value its claims give, a reviewer's, or None."""
    amounts = sorted({c.amount for c in members if c.amount is not None})
    quantities = sorted({c.quantity for c in members if c.quantity is not None})
    amount = amounts[0] if len(amounts) == 1 else None
    quantity = quantities[0] if len(quantities) == 1 else None
    if "amount" in resolved:
        amount = _number(resolved["amount"])
    if "quantity" in resolved:
        q = _number(resolved["quantity"])
        quantity = int(q) if q is not None else None
    return amount, quantity


def make_event(event_id: str, key: tuple, members: list[Claim], groups: list[list[str]], disputed: tuple[str, ...],
               subject: str, conflicts: list[Conflict]) -> Event:
    """One event from its block key, claims, source groups and conflicts.

    Args:
        event_id: The event's id.
        key: The block key ``(event_type, actor, target, item, happened)``.
        members: The event's claims.
        groups: Its documents by independent source.
        disputed: The attributes its sources disagree on (dismissed conflicts aside).
        subject: Its readable line.
        conflicts: Its conflicts, whose resolved values it takes.
    """
    event_type, actor, target, item, _ = key
    resolved = _resolved(conflicts)
    start, end, gran = _dates(members, disputed, resolved)
    amount, quantity = _amount_quantity(members, resolved)
    items = sorted({c.item for c in members if c.item})
    status = event_status(members)
    return Event(
        event_id=event_id, event_type=event_type, actor=actor, target=target,
        item=item or (items[0] if items else ""), date_start=start, date_end=end, date_granularity=gran,
        amount=amount, quantity=quantity, n_sources=len(groups),
        doc_ids=tuple(sorted({c.doc_id for c in members})), claim_ids=tuple(sorted(c.claim_id for c in members)),
        disputed=disputed, support="; ".join(support(a, members, groups) for a in disputed),
        subject=status_subject(subject, status), status=status,
    )

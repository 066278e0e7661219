"""Comparison: where the claims of one event disagree, each at its stated precision ("2011" and "September 2011"
agree): one conflict row per attribute and pair of values, with every article on each side."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from typing import Mapping

from ..actors.titles import compatible
from ..records import Claim, Conflict, Modality
from .blocking import HAPPENED
from .carry import DecisionBook, conflict_id
from .clustering import Tie
from .people import people_keys, person_of, same_name
from .severity import SEVERITY_ORDER, Reason, evidence_reason, severity

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


def roles_disagree(a: Claim, b: Claim, spellings: Mapping[str, str] | None = None) -> bool:
    """Whether two claims give one person (the same name, or spellings of it) two titles that cannot both be true
    at one event: two posts, not one title written with and without its portfolio ("Petroleum Secretary" and
    "Petroleum Minister" disagree; "Foreign Minister" and "Minister", "Prime Minister" and "PM" do not).

    Args:
        a: One claim.
        b: The other.
        spellings: The rules' spellings of names (:func:`.people.spelling_index`).
    """
    if not (a.actor_role and b.actor_role and a.actor_role != b.actor_role):
        return False
    if not same_name(person_of(a), person_of(b), spellings):
        return False
    return not compatible(a.role_parts or (a.actor_role,), b.role_parts or (b.actor_role,))


def disagree(attribute: str, a: Claim, b: Claim, spellings: Mapping[str, str] | None = None) -> bool:
    """Whether two claims of one event give incompatible values of ``attribute``: dates that do not overlap,
    amounts in one currency more than half a percent apart, different counts, or two posts for one person
    (:func:`roles_disagree`)."""
    if attribute == "date":
        return (a.date_start is not None and b.date_start is not None
                and (a.date_start > b.date_end or b.date_start > a.date_end))
    if attribute == "amount":
        return (a.amount is not None and b.amount is not None and a.currency == b.currency
                and abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount))
    if attribute == "quantity":
        return a.quantity is not None and b.quantity is not None and a.quantity != b.quantity
    if attribute == "role":
        return roles_disagree(a, b, spellings)
    return False


#: Above this many values of one attribute in one event, each value is set against the best-supported one only:
#: rows grow with the values, not their square (a recurring meeting told with hundreds of dates).
MAX_PAIRWISE = 6


def _about(event_key: tuple[str, ...], attribute: str, value_a: str, value_b: str) -> tuple[str, ...]:
    low, high = sorted((value_a, value_b))
    return (*event_key, attribute, low, high)


def _side_order(c: Claim) -> tuple:
    return (c.doc_id, c.char_start, c.claim_id)


def _conflict(about: tuple[str, ...], event_id: str, subject: str, side_a: list[Claim], side_b: list[Claim],
              value_a: str, value_b: str, reason: Reason, rationale: str, decisions: DecisionBook) -> Conflict:
    """One conflict row, carrying the reviewer's decision on it; each side's claims sorted, the first one shown."""
    cid = conflict_id(about)
    d = decisions.find(about) if decisions else None
    a, b = side_a[0], side_b[0]
    return Conflict(
        conflict_id=cid, event_id=event_id, event_type=a.event_type, subject=subject,
        attribute=about[-3], value_a=value_a, value_b=value_b, claim_a=a.claim_id, claim_b=b.claim_id,
        doc_a=a.doc_id, doc_b=b.doc_id, evidence_a=a.evidence, evidence_b=b.evidence,
        severity=severity(reason), rationale=rationale,
        status=d.status if d else "open", resolution=d.resolution if d else "", note=d.note if d else "",
        docs_a=tuple(sorted({c.doc_id for c in side_a})), docs_b=tuple(sorted({c.doc_id for c in side_b})),
        claims_a=tuple(c.claim_id for c in side_a), claims_b=tuple(c.claim_id for c in side_b), about=about,
    )


def _sides(members: list[Claim], attribute: str) -> dict[str, list[Claim]]:
    """The event's claims by their value of ``attribute`` (claims with no actor or no value aside), sorted."""
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in sorted(members, key=_side_order):
        v = values(c)[attribute]
        if v and c.actor:
            by_value[v].append(c)
    return dict(sorted(by_value.items()))


def _sentence(c: Claim) -> str:
    return " ".join(c.evidence.lower().split())


def _one_sentence(side_a: list[Claim], side_b: list[Claim]) -> bool:
    """Whether the two sides share a sentence: one sentence giving two values speaks of two things ("invited in
    July 1997, will join on March 12"), and one sentence repeated by two articles (a quote) differs only in what
    each article's context made of it; neither is a disagreement between sources."""
    return not {_sentence(c) for c in side_a}.isdisjoint(_sentence(c) for c in side_b)


def _value_pairs(sides: dict[str, list[Claim]]) -> list[tuple[str, str]]:
    """The pairs of values to compare: all of them for a few values, else each against the one given by most
    articles (ties: the first in value order)."""
    names = list(sides)
    if len(names) <= MAX_PAIRWISE:
        return [(x, y) for n, x in enumerate(names) for y in names[n + 1:]]
    leader = min(names, key=lambda v: (-len({c.doc_id for c in sides[v]}), v))
    return [(leader, v) if leader < v else (v, leader) for v in names if v != leader]


def _ties_by_claim(members: list[Claim], ties: dict[tuple[str, str], Tie]) -> dict[str, list[tuple[str, Tie]]]:
    """Each member's ties to other members: ``claim_id → [(other claim_id, tie)]``."""
    ids = {c.claim_id for c in members}
    out: dict[str, list[tuple[str, Tie]]] = defaultdict(list)
    for (x, y), t in ties.items():
        if x in ids and y in ids:
            out[x].append((y, t))
            out[y].append((x, t))
    return out


def _strongest_tie(side_a: list[Claim], side_b: list[Claim], ties_of: dict[str, list[tuple[str, Tie]]]) -> Tie | None:
    """The tie between a claim of each side that says most surely they are one event, or None (walks the ties of
    the smaller side)."""
    small, large = (side_a, side_b) if len(side_a) <= len(side_b) else (side_b, side_a)
    other = {c.claim_id for c in large}
    found = [t for c in small for y, t in ties_of.get(c.claim_id, ()) if y in other]
    return min(found, key=lambda t: (SEVERITY_ORDER.index(t.reason), t.text)) if found else None


def _why(one_time: bool, found: Tie | None) -> Reason:
    """Why the two sides of a conflict are one event."""
    if one_time:
        return Reason.ONE_TIME
    return found.reason if found else Reason.OVERLAP


def _rationale(reason: Reason, found: Tie | None, subject: str, attribute: str, event_type: str,
               person: str = "") -> str:
    if attribute == "role" and person:
        why = f" ({found.text})" if found else ""
        return (f"The sources give {person} two posts at one {event_type.lower()}{why}, and one person cannot "
                f"hold both there.")
    if reason is Reason.ONE_TIME:
        return f"{subject} can happen only once, but the sources give different {attribute}s."
    if found:
        return f"Taken as one event ({found.text}), yet the sources give different {attribute}s."
    return f"The claims describe one {event_type.lower()} but give different {attribute}s."


def event_key(members: list[Claim], one_time: bool, ties: dict[tuple[str, str], Tie], block: tuple) -> tuple[str, ...]:
    """What identifies an event whatever its articles: type, actor, target, item, and what tied its claims."""
    event_type, actor, target, item, happened = block
    if one_time:
        tied = "one-time"
    else:
        texts = sorted({t.text for pairs in _ties_by_claim(members, ties).values() for _, t in pairs})
        tied = texts[0] if texts else "overlap"
    return (str(event_type), str(actor), str(target), str(item), "happened" if happened else "not", tied)


def _groups(members: list[Claim], attribute: str, spellings: Mapping[str, str] | None) -> list[list[Claim]]:
    """The claims whose values of ``attribute`` are compared with each other: all of them, except for titles,
    which are compared per person (their spellings taken as one), so two people's titles never meet."""
    if attribute != "role":
        return [members]
    keys = people_keys(members, spellings)
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        if c.claim_id in keys:
            by_person[keys[c.claim_id]].append(c)
    return [by_person[k] for k in sorted(by_person)]


def _comparable(members: list[Claim], attribute: str) -> list[Claim]:
    """The claims whose ``attribute`` can contradict another's: for the date, only claims that the event took
    place (a plan's or an invitation's date is when it was made or hoped for: "invited in July 1997 to join",
    "expected to join in April" and "joined on 12 March 1999" do not disagree), not hedged where another claim
    asserts it, and that name its other side when any does."""
    if attribute != "date":
        return members
    happened = [c for c in members if c.modality in HAPPENED]
    if any(c.modality == Modality.ASSERTED for c in happened):
        # a hedged date ("could come as early as Tuesday", "offered to travel today") is no firmer than its word:
        # it does not contradict the date a report of the event itself gives
        happened = [c for c in happened if c.modality != Modality.HEDGED]
    if any(c.target for c in happened):
        # a claim naming no other side joined this event because its date fits one of them: its date cannot then
        # contradict the others ("the Justice Department said last year" is not the White House's statement)
        happened = [c for c in happened if c.target]
    return happened


def conflicts(members: list[Claim], event_id: str, subject: str, one_time: bool,
              ties: dict[tuple[str, str], Tie], decisions: DecisionBook, *,
              key: tuple[str, ...] = (), spellings: Mapping[str, str] | None = None) -> list[Conflict]:
    """The disagreements between the claims of one event: one row per attribute and pair of values.

    Args:
        members: The event's claims.
        event_id: The event's id.
        subject: The event's readable line.
        one_time: The event can happen only once.
        ties: Why tied claim pairs (sorted claim ids) were taken as one event.
        decisions: Review decisions.
        key: The event's content key (:func:`event_key`), hashed into each conflict_id.
        spellings: The rules' spellings of names: one person's titles are compared across spellings.

    Returns:
        One row per attribute and pair of disagreeing values, every claim giving each value on its side. The work
        grows with the claims (grouped by value) and the values, not with pairs of claims.
    """
    out = []
    ties_of = _ties_by_claim(members, ties) if ties else {}
    for attribute in ATTRIBUTES:
        for group in _groups(_comparable(members, attribute), attribute, spellings):
            sides = _sides(group, attribute)
            if len(sides) < 2:
                continue
            for value_a, value_b in _value_pairs(sides):
                side_a, side_b = sides[value_a], sides[value_b]
                if not disagree(attribute, side_a[0], side_b[0], spellings) or _one_sentence(side_a, side_b):
                    continue
                found = _strongest_tie(side_a, side_b, ties_of) if ties_of else None
                reason = evidence_reason(attribute, side_a, side_b) or _why(one_time, found)
                out.append(_conflict(_about(key, attribute, value_a, value_b), event_id, subject, side_a, side_b,
                                     value_a, value_b, reason,
                                     _rationale(reason, found, subject, attribute, side_a[0].event_type,
                                                person_of(side_a[0])), decisions))
    return out


def _ruled_out_pairs(x: list[Claim], y: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The claims of two titles of one person that overlap in time a claim of the other title, where exactly one
    of the two is ruled out by the dated offices; compared once per distinct date and flag."""
    def distinct(side):
        seen: dict[tuple, Claim] = {}
        for c in side:
            seen.setdefault((c.date_start, c.date_end, bool(c.role_check)), c)
        return seen
    dx, dy = distinct(x), distinct(y)
    keys_x, keys_y = set(), set()
    for kx, a in dx.items():
        for ky, b in dy.items():
            if kx[2] != ky[2] and not (a.date_start > b.date_end or b.date_start > a.date_end):
                keys_x.add(kx)
                keys_y.add(ky)
    return ([c for c in x if (c.date_start, c.date_end, bool(c.role_check)) in keys_x],
            [c for c in y if (c.date_start, c.date_end, bool(c.role_check)) in keys_y])


def role_conflicts(claims: list[Claim], event_of: dict[str, str], decisions: DecisionBook,
                   reported: set[tuple[str, str, str]] = frozenset()) -> list[Conflict]:
    """A person given two titles for the same time, one of which the gazetteer's offices contradict.

    People hold several offices at once (a president who is also army chief), so two titles alone are no
    conflict; one the gazetteer rules out at that date is. Claims are blocked by person, then by title.

    Args:
        claims: Every claim, with its event_id.
        event_of: Each claim's event_id.
        decisions: Review decisions.
        reported: ``(person, title, title)`` (titles sorted) already reported as an event's conflict.
    """
    by_person: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in sorted(claims, key=_side_order):
        if c.actor_kind == "person" and c.actor_role and c.date_start is not None:
            by_person[c.actor][c.actor_role].append(c)
    out = []
    for person in sorted(by_person):
        titles = by_person[person]
        names = sorted(titles)
        for n, title_a in enumerate(names):
            for title_b in names[n + 1:]:
                if (person, title_a, title_b) in reported or compatible(
                        titles[title_a][0].role_parts or (title_a,), titles[title_b][0].role_parts or (title_b,)):
                    continue
                side_a, side_b = _ruled_out_pairs(titles[title_a], titles[title_b])
                if not side_a:
                    continue
                flagged = next(c for c in side_a + side_b if c.role_check)
                about = ("ROLE", person, "", "", "", "title", "role", title_a, title_b)
                out.append(_conflict(
                    about, event_of.get(flagged.claim_id, ""), f"{person}'s title ({date_label(flagged)})",
                    side_a, side_b, title_a, title_b, Reason.ROLE_RULED_OUT,
                    f"The sources give {person} two titles for the same time, and {flagged.role_check}.", decisions))
    return out

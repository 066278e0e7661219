"""Review decisions found by what a disagreement is about, and carried when the event's identity changes.

A conflict's id hashes its :attr:`~pipeline.records.Conflict.about`: the event's content key (type, actor, target,
item, whether it happened, what tied its claims), the attribute and the two values in canonical order. When a new
article changes what ties an event (two events merge), the id changes but the disagreement may be the same one:
the decision is then found by the disagreement without the tie (type, actor, target, item, attribute, values).
Decisions found neither way are listed by :func:`uncarried`, never dropped silently.
"""
from __future__ import annotations

import hashlib

from ..records import Conflict, Decision


def conflict_id(about: tuple[str, ...]) -> str:
    """The id of a disagreement: a hash of what it is about, never of claim ids, paths or offsets."""
    return hashlib.sha256("|".join(("conflict", *about)).encode()).hexdigest()[:16]


def signature(about: tuple[str, ...]) -> tuple[str, ...]:
    """The disagreement without what tied its event: type, actor, target, item, attribute and the two values."""
    return (*about[:4], *about[-3:]) if len(about) >= 7 else ()


class DecisionBook:
    """Review decisions, found by conflict_id or, failing that, by the same disagreement (:func:`signature`)."""

    def __init__(self, decisions: dict[str, Decision] | None = None):
        self.by_id = dict(decisions or {})
        self.by_signature: dict[tuple[str, ...], Decision] = {}
        for cid in sorted(self.by_id):
            sig = signature(self.by_id[cid].about)
            if sig:
                self.by_signature.setdefault(sig, self.by_id[cid])

    def find(self, about: tuple[str, ...]) -> Decision | None:
        """The decision on the disagreement ``about`` is, or None."""
        found = self.by_id.get(conflict_id(about))
        return found if found is not None else self.by_signature.get(signature(about))

    def __bool__(self) -> bool:
        return bool(self.by_id)


def uncarried(conflicts: list[Conflict], decisions: dict[str, Decision]) -> list[tuple[str, Decision]]:
    """The recorded decisions (other than ``open``) that no conflict of this run carries: their disagreement is
    gone (an article changed or left) or its event changed beyond recognition. By conflict_id.

    Args:
        conflicts: The run's conflicts.
        decisions: Every recorded decision by conflict_id.
    """
    ids = {c.conflict_id for c in conflicts}
    signatures = {signature(c.about) for c in conflicts}
    return [(cid, d) for cid, d in sorted(decisions.items())
            if d.status != "open" and cid not in ids and (not signature(d.about) or signature(d.about) not in signatures)]

"""Blocking: claims that could be one event share a key; claims in different blocks are never compared.

A block is (event type, actor, target, item, happened): the item only for types a named item tells apart (deals,
investments, membership grades), happened for asserted and hedged claims as against planned, cancelled, negated
or target ones.
"""
from __future__ import annotations

from ..records import Claim, Modality

#: Modalities of a claim saying the event took place ("" for claims that predate modality).
HAPPENED = frozenset({Modality.ASSERTED, Modality.HEDGED, ""})


def block_key(claim: Claim, symmetric: frozenset[str] = frozenset(), itemised: frozenset[str] = frozenset()) -> tuple:
    """The key claims are blocked by; claims in different blocks are never the same event.

    Args:
        claim: The claim.
        symmetric: Event types whose two sides play the same part: actor and target are put in name order.
        itemised: Event types whose item tells events apart (two arms deals for different equipment).
    """
    happened = claim.modality in HAPPENED
    item = claim.item if claim.event_type in itemised else ""
    actor, target = claim.actor, claim.target
    if claim.event_type in symmetric and target and target < actor:
        actor, target = target, actor
    return (claim.event_type, actor, target, item, happened)


def attach_targetless(blocks: dict[tuple, list[Claim]]) -> dict[tuple, list[Claim]]:
    """A claim that names no target ("Musharraf's visit in 2003") joins the one block of the same actor and type
    whose dates overlap its own; with none or several candidates it stays an event of its own."""
    out = {k: list(v) for k, v in blocks.items() if k[2]}
    for key, members in blocks.items():
        if key[2]:
            continue
        for c in members:
            fits = {k for k, v in out.items() if _same_block_but_target(k, key) and _overlaps_any(c, v)}
            if len(fits) == 1:
                out[fits.pop()].append(c)
            else:
                out.setdefault(key, []).append(c)
    return out


def _same_block_but_target(key: tuple, targetless_key: tuple) -> bool:
    return key[0] == targetless_key[0] and key[1] == targetless_key[1] and key[4] == targetless_key[4]


def _overlaps_any(claim: Claim, members: list[Claim]) -> bool:
    return claim.date_start is not None and any(m.time and m.time.overlaps(claim.time) for m in members)

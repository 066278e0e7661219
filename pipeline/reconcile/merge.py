"""The driver: claims of all articles blocked, clustered into events, compared, and their sources counted."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import partial
from typing import Callable
from datetime import date

from ..records import Claim, Conflict, Decision, Event
from .blocking import attach_targetless, block_key
from .clustering import cluster
from .carry import DecisionBook
from .comparison import conflicts as event_conflicts, event_key, role_conflicts, short_hash
from .events import make_event, subject_of
from .people import merge_spellings
from .severity import severity_rank
from .sources import dependent_documents, independent_sources


def _claim_order(c: Claim) -> tuple:
    return (c.doc_id, c.char_start, c.claim_id)


def reconcile(claims: list[Claim], *, cardinality: dict[str, str], targetless: frozenset[str] = frozenset(),
              symmetric: frozenset[str] = frozenset(), templates: dict[str, str] | None = None,
              itemised: frozenset[str] = frozenset(), named_items: frozenset[str] = frozenset(),
              year_identity: frozenset[str] | None = None,
              spellings: dict[str, str] | None = None,
              decisions: dict[str, Decision] | None = None,
              memo: dict | None = None,
              map_groups: Callable[[list, Callable, Callable], list] | None = None,
              ) -> tuple[list[Claim], list[Event], list[Conflict]]:
    """Merge claims into events and list the conflicts between them.

    Args:
        claims: Claims of every article.
        cardinality: ``one-time`` or ``repeatable`` per event type (from ``rules/events.yaml``).
        targetless: Event types that have no target (a state dissolves).
        symmetric: Event types whose two sides play the same part (a meeting of A and B is one of B and A).
        templates: The ``subject`` line per event type.
        itemised: Event types whose item tells events apart (blocked by item).
        named_items: Event types whose named item ties claims with different dates into one event.
        year_identity: Event types whose claims by one person about one other side in one year are one event
            (see :func:`pipeline.reconcile.clustering.tie`); None for every type.
        spellings: Spellings of one word of a name (:func:`.people.spelling_index`): a person written two ways
            is one person where the evidence agrees (:func:`.people.merge_spellings`).
        decisions: Review decisions by conflict_id, carried into the conflicts and used for resolved values.
        memo: A dict kept between calls with the same settings and decisions: blocks whose claims are unchanged
            since an earlier call are not compared again (a run reconciles the stored claims while it parses the
            new articles, then again with them). The result is the same with or without it.
        map_groups: Blocks and compares the claims elsewhere (a Dask cluster, see :mod:`pipeline.cluster`): called
            with the claims, a function giving each claim's group (:func:`group_of`, a string: claims of different
            groups never share a block) and a function from the claims of whole groups, in any order, to their
            blocks' events (:func:`group_events`), it returns the concatenated results of the groups, in any order;
            ``memo`` is then not used. Default here, one block after another.

    Returns:
        The claims with their ``event_id`` set, the events and the conflicts, each sorted deterministically.
        :mod:`pipeline.reconcile.settings` derives the type settings from the event rules.
    """
    book = DecisionBook(decisions)
    source_group = dependent_documents(claims, memo=memo)
    claims, written = merge_spellings(claims, spellings)
    events, conflicts, out_claims = [], [], []
    compare = partial(_block_events, templates=templates, named_items=named_items, decisions=book,
                      year_identity=year_identity, spellings=spellings)
    if map_groups is None:
        blocks = blocks_of(claims, symmetric, itemised)
        found_in = _compare_blocks(blocks, sorted(blocks, key=_key_order), compare, cardinality, targetless, memo)
    else:
        found_in = dict(map_groups(claims, partial(group_of, symmetric=symmetric, itemised=itemised),
                                   partial(group_events, symmetric=symmetric, itemised=itemised, compare=compare,
                                           cardinality=cardinality, targetless=targetless)))
    for key in sorted(found_in, key=_key_order):
        done = found_in[key]
        for event_id, subject, members, found, event_claims in done:
            groups = independent_sources(members, source_group)
            found = [_with_sources(c, source_group) for c in found]
            conflicts.extend(found)
            disputed = tuple(sorted({c.attribute for c in found if c.status != "dismissed"}))
            events.append(make_event(event_id, key, members, groups, disputed, subject, found))
            out_claims.extend(event_claims)
    event_of = {c.claim_id: c.event_id for c in out_claims}
    # one event's own role conflict is already a row
    reported = {(c.about[1], c.value_a, c.value_b) for c in conflicts if c.attribute == "role"}
    conflicts.extend(_with_sources(c, source_group) for c in role_conflicts(out_claims, event_of, book, reported))
    # a claim keeps the name its article writes; its event has the name the merged spellings share
    out_claims = [replace(c, actor=written[c.claim_id]) if c.claim_id in written else c for c in out_claims]
    out_claims.sort(key=_claim_order)
    events.sort(key=lambda e: (e.date_start or date.max, e.event_type, e.actor, e.target, e.event_id))
    conflicts.sort(key=lambda c: (severity_rank(c.severity), c.subject, c.conflict_id))
    return out_claims, events, conflicts


def _key_order(key: tuple) -> tuple:
    return tuple(str(x) for x in key)


def blocks_of(claims: list[Claim], symmetric: frozenset[str], itemised: frozenset[str]) -> dict[tuple, list[Claim]]:
    """The claims by block (:mod:`.blocking`), each block in claim order, targetless claims attached."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=_claim_order):
        blocks[block_key(c, symmetric, itemised)].append(c)
    return attach_targetless(blocks)


def group_of(claim: Claim, *, symmetric: frozenset[str], itemised: frozenset[str]) -> str:
    """The claim's group: its block key's type, actor and whether it happened. A targetless claim joins only a block
    of its own group (:func:`.blocking.attach_targetless`), so groups can be blocked and compared apart."""
    key = block_key(claim, symmetric, itemised)
    return "\x1f".join((str(key[0]), str(key[1]), str(key[4])))


def group_events(claims, *, symmetric: frozenset[str], itemised: frozenset[str], compare: Callable,
                 cardinality: dict[str, str], targetless: frozenset[str]) -> list[tuple[tuple, list]]:
    """``(block key, its events)`` of every block of these claims, which hold whole groups (:func:`group_of`), in
    any order: what the in-process path finds for those blocks, since blocking sorts the claims first."""
    blocks = blocks_of(list(claims), symmetric, itemised)
    return [(key, compare(key, blocks[key], _one_time(key, cardinality, targetless)))
            for key in sorted(blocks, key=_key_order)]


def _one_time(key: tuple, cardinality: dict[str, str], targetless: frozenset[str]) -> bool:
    return cardinality.get(key[0]) == "one-time" and bool(key[1]) and (bool(key[2]) or key[0] in targetless)


def _compare_blocks(blocks: dict[tuple, list[Claim]], keys: list[tuple], compare: Callable, cardinality: dict[str, str],
                    targetless: frozenset[str], memo: dict | None) -> dict[tuple, list]:
    """Each block's events (:func:`_block_events`), from ``memo`` where it holds them, the others compared here and
    added to it."""
    found_in = {}
    pending = []
    for key in keys:
        done = memo.get((key, tuple(c.claim_id for c in blocks[key]))) if memo is not None else None
        if done is None:
            pending.append((key, blocks[key], _one_time(key, cardinality, targetless)))
        else:
            found_in[key] = done
    compared = [compare(*item) for item in pending]
    for (key, block, _), done in zip(pending, compared):
        found_in[key] = done
        if memo is not None:
            memo[(key, tuple(c.claim_id for c in block))] = done
    return found_in


def _block_events(key: tuple, block: list[Claim], one_time: bool, templates: dict[str, str] | None,
                  named_items: frozenset[str], decisions: DecisionBook,
                  year_identity: frozenset[str] | None = None, spellings: dict[str, str] | None = None) -> list[tuple]:
    """One block's events, before their sources are counted: ``(event_id, subject, members, conflicts, claims with
    their event_id)`` each. They depend on the block's claims alone, so a run may reuse them (``memo``)."""
    event_type, actor, target, item, _ = key
    out = []
    for members, ties in cluster(list(block), one_time, named_items, year_identity):
        members.sort(key=_claim_order)
        event_id = short_hash(event_type, min(c.claim_id for c in members))
        subject = subject_of(event_type, actor, target, item, templates=templates)
        found = event_conflicts(members, event_id, subject, one_time, ties, decisions,
                                key=event_key(members, one_time, ties, key), spellings=spellings)
        out.append((event_id, subject, members, found, [replace(c, event_id=event_id) for c in members]))
    return out


def _with_sources(conflict: Conflict, source_group: dict[str, str]) -> Conflict:
    """The conflict with each side's count of independent sources (dependent articles count once)."""
    return replace(conflict, sources_a=len({source_group.get(d, d) for d in conflict.docs_a}),
                   sources_b=len({source_group.get(d, d) for d in conflict.docs_b}))

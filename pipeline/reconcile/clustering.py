"""Identity inside a block: which claims are one event.

- One-time events (a country joins or leaves an alliance once): every claim of the block is the same event.
- Repeatable events (visits, meetings, deals): claims whose dates overlap are the same event ("2011" and
  "September 2011" agree). Claims whose dates do not overlap are different events unless evidence ties them
  (:func:`tie`): the same named item, both calling it the "first" or a "landmark", or the same visitor and host
  in the same year at month precision or finer.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..records import Claim, Granularity
from .severity import Reason

#: Granularities fine enough that two dates in one year are taken as one visit told two ways.
FINE = frozenset({Granularity.DAY, Granularity.WEEK, Granularity.MONTH})


@dataclass(frozen=True)
class Tie:
    """Why two claims whose dates do not overlap are still one event.

    Attributes:
        reason: The kind of evidence (it decides the severity of their conflicts).
        text: The evidence in words, for the conflict's rationale ("both name Mi-35").
    """

    reason: Reason
    text: str


class UnionFind:
    """Disjoint sets over ``0..n-1``; the smaller index is each set's root."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of ``i``'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Merge the sets of ``i`` and ``j``."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _tie_keys(c: Claim) -> set[tuple]:
    """What a claim could be tied by: two claims share a key whenever :func:`tie` may tie them."""
    keys: set[tuple] = {("cue", cue) for cue in c.identity_cues}
    if c.item:
        keys.add(("item", c.item))
    if c.date_granularity in FINE:
        keys.add(("year", c.date_start.year))
    return keys


#: Each claim sharing a tie key is tried against this many earlier holders of the key from different articles:
#: ties join sets, so a few anchors per key connect what all pairs would, at a cost that grows with the claims.
ANCHORS = 3


def _tie_candidates(claims: list[Claim]) -> list[tuple[int, int]]:
    """The pairs ``(x, y)``, ``x < y``, of positions in ``claims`` to try tying: each holder of a tie key against
    the key's first holders from up to :data:`ANCHORS` different articles, in order."""
    holders: dict[tuple, list[int]] = defaultdict(list)
    for x, c in enumerate(claims):
        for key in _tie_keys(c):
            holders[key].append(x)
    pairs = set()
    for group in holders.values():
        anchors: list[int] = []
        for y in group:
            pairs.update((a, y) for a in anchors)
            if len(anchors) < ANCHORS and all(claims[a].doc_id != claims[y].doc_id for a in anchors):
                anchors.append(y)
    return sorted(pairs)


def tie(a: Claim, b: Claim, named_items: frozenset[str] = frozenset(),
        year_identity: frozenset[str] | None = None) -> Tie | None:
    """Why two non-overlapping claims of one block are still one event, or None when nothing ties them.

    Two dates in one sentence are two events ("visited twice, first in March 1972 and then in October 1974"),
    and one article is not taken to contradict itself on a repeatable event without a named item.

    Args:
        a: One claim.
        b: The other, of the same block.
        named_items: Event types whose named item identifies the event (a deal for Mi-35 helicopters).
        year_identity: Event types where one person and one other side in one year are one event (a visit; a
            leader's statements or meetings recur within a year); None for every type.
    """
    if a.doc_id == b.doc_id and a.char_start == b.char_start:
        return None
    if a.item and a.item == b.item and a.event_type in named_items:
        return Tie(Reason.SAME_ITEM, f"both name {a.item}")
    if a.doc_id == b.doc_id:
        return None
    cues = set(a.identity_cues) & set(b.identity_cues)
    if cues and a.actor and a.target:
        return Tie(Reason.CUE, f"both call it {'/'.join(sorted(cues))}")
    if (a.date_granularity in FINE and b.date_granularity in FINE and a.date_start.year == b.date_start.year
            and a.actor_kind == "person" and a.target
            and (year_identity is None or a.event_type in year_identity)):
        return Tie(Reason.SAME_YEAR, f"same visitor and host in the same year ({a.date_start.year})")
    return None


def _sweep_overlaps(dated: list[Claim], order: list[int], uf: UnionFind) -> None:
    """Join claims whose dates overlap: sweep by start date; an interval that starts before the run so far ends
    overlaps one of its intervals."""
    first, end = -1, None
    for i in order:
        if end is not None and dated[i].date_start <= end:
            uf.union(first, i)
            end = max(end, dated[i].date_end)
        else:
            first, end = i, dated[i].date_end


def _join_ties(dated: list[Claim], order: list[int], uf: UnionFind, named_items: frozenset[str],
               year_identity: frozenset[str] | None = None) -> dict[tuple[str, str], Tie]:
    """Join claims that evidence ties; returns each tied pair of claim ids (sorted) with its tie.

    Ties are checked in date order, only between claims that share what a tie needs (a named item, a cue, a year
    stated to the month or day), each against a few anchors of the key (:func:`_tie_candidates`).
    """
    ties: dict[tuple[str, str], Tie] = {}
    for x, y in _tie_candidates([dated[i] for i in order]):
        i, j = order[x], order[y]
        if uf.find(i) != uf.find(j):
            found = tie(dated[i], dated[j], named_items, year_identity)
            if found:
                uf.union(i, j)
                ties[tuple(sorted((dated[i].claim_id, dated[j].claim_id)))] = found
    return ties


def cluster(claims: list[Claim], one_time: bool, named_items: frozenset[str] = frozenset(),
            year_identity: frozenset[str] | None = None) -> list[tuple[list[Claim], dict[tuple[str, str], Tie]]]:
    """Split one block into events.

    Args:
        claims: The block's claims.
        one_time: The block is one event whatever its dates.
        named_items: Event types whose named item identifies the event (see :func:`tie`).
        year_identity: Event types tied by person, other side and year (see :func:`tie`); None for every type.

    Returns:
        Each event's claims and, per tied claim pair, why they were tied. Undated claims join the block's one
        event; when it has several, the one event their own article dates (:func:`_join_own_article`), else
        they make an event of their own.
    """
    if one_time:
        return [(claims, {})]
    dated = [c for c in claims if c.date_start is not None]
    undated = [c for c in claims if c.date_start is None]
    uf = UnionFind(len(dated))
    order = sorted(range(len(dated)), key=lambda i: (dated[i].date_start, dated[i].date_end))
    _sweep_overlaps(dated, order, uf)
    ties = _join_ties(dated, order, uf, named_items, year_identity)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, c in enumerate(dated):
        groups[uf.find(i)].append(c)
    out = [(g, ties) for g in groups.values()]
    if len(out) == 1:
        out[0][0].extend(undated)
        return out
    rest = [c for c in undated if not _join_own_article(c, out)]
    if rest:
        out.append((rest, {}))
    return out


def _join_own_article(c: Claim, events: list[tuple[list[Claim], dict]]) -> bool:
    """An undated claim joins the one event of its block its own article dates ("India, Japan sign $2 billion rail
    deal" over a body that dates the signing): a headline and its story are one event, and one source. With no
    such event, or several, it stays with the undated claims."""
    own = [members for members, _ in events if any(m.doc_id == c.doc_id for m in members)]
    if len(own) != 1:
        return False
    own[0].append(c)
    return True

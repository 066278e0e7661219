"""Sources: which articles are one source (a blog post reusing a paper's sentences), and which value more
independent sources give."""
from __future__ import annotations

import re
from collections import defaultdict

from ..records import Claim
from .clustering import UnionFind
from .comparison import values

#: A five-word sequence in more articles than this is boilerplate, not reuse.
MAX_HOLDERS = 50


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _document_shingles(claims: list[Claim], memo: dict | None) -> dict[str, set]:
    """Each article's five-word sequences of its claims' sentences (kept in ``memo`` by article and claims)."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    shingles: dict[str, set] = {}
    for doc_id, doc_claims in by_doc.items():
        key = ("shingles", doc_id, tuple(c.claim_id for c in doc_claims))
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = set().union(*(_shingles(c.evidence) for c in doc_claims))
            if memo is not None:
                memo[key] = found
        shingles[doc_id] = found
    return shingles


def _shared_counts(shingles: dict[str, set], docs: list[str]) -> dict[tuple[str, str], int]:
    """How many sequences each pair of articles shares, from an index of sequences to the articles holding them."""
    index: dict[tuple, list[str]] = defaultdict(list)
    for d in docs:
        for sh in shingles[d]:
            index[sh].append(d)
    # the sequences of one reused passage all have the same holders: count each set of holders once
    sets: dict[tuple[str, ...], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= MAX_HOLDERS:
            sets[tuple(holders)] += 1
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders, n in sets.items():
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                shared[(a, b)] += n
    return shared


def dependent_documents(claims: list[Claim], *, threshold: float = 0.3, memo: dict | None = None) -> dict[str, str]:
    """Each article's source group: articles whose claim sentences largely repeat another's (a blog post
    reusing a paper's sentences) are one source. Returns doc_id → the group's first doc_id.

    Two articles are dependent when at least ``threshold`` of the smaller one's five-word sequences recur in the
    other. Candidate pairs come from an index of shared sequences, so unrelated articles are never compared.
    ``memo`` keeps each article's sequences between calls (see :func:`pipeline.reconcile.reconcile`).
    """
    shingles = _document_shingles(claims, memo)
    docs = sorted(shingles)
    pos = {d: i for i, d in enumerate(docs)}
    uf = UnionFind(len(docs))
    for (a, b), n in sorted(_shared_counts(shingles, docs).items()):
        if n / max(1, min(len(shingles[a]), len(shingles[b]))) >= threshold:
            uf.union(pos[a], pos[b])
    return {d: docs[uf.find(pos[d])] for d in docs}


def independent_sources(claims: list[Claim], source_group: dict[str, str]) -> list[list[str]]:
    """The event's documents grouped by source: dependent articles count once."""
    groups: dict[str, list[str]] = defaultdict(list)
    for d in sorted({c.doc_id for c in claims}):
        groups[source_group.get(d, d)].append(d)
    return sorted(groups.values())


def support(attribute: str, claims: list[Claim], groups: list[list[str]]) -> str:
    """Which value more independent sources give, e.g. ``date: September 2011 (2 sources) vs 2011-05 (1)``.

    Args:
        attribute: The disputed attribute.
        claims: The event's claims.
        groups: The event's documents by source (:func:`independent_sources`).
    """
    source_of = {d: n for n, g in enumerate(groups) for d in g}
    by_value: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        v = values(c)[attribute]
        if v:
            by_value[v].add(source_of[c.doc_id])
    ranked = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    parts = [f"{v} ({len(s)} source{'s' if len(s) != 1 else ''})" for v, s in ranked]
    if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
        return f"{attribute}: no majority: " + " vs ".join(parts)
    return f"{attribute}: {ranked[0][0]} has more support: " + " vs ".join(parts)

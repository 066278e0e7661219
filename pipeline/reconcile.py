"""Claims from all articles merged into events, and the attributes on which the sources disagree.

Identity rules (README, "How claims become events"):
- Claims are blocked by event key: (event type, actor, target, and for deals and investments the item), and by
  whether the event is said to have happened (asserted, hedged) or not (planned, cancelled, negated, target).
  Claims are never compared across blocks, so the work grows with the block sizes, not the corpus squared.
- One-time events (a country joins or leaves an alliance once; relations are established once; a state
  dissolves once): every claim in the block is the same event, so any two dates that do not overlap conflict.
- Repeatable events (visits, meetings, deals): claims whose dates overlap are the same event ("2011" and
  "September 2011" agree). Claims whose dates do not overlap are different events, unless evidence ties them:
  the same named item; both calling it the "first" or a "landmark"; or the same year at month precision or finer
  (May 2011 and September 2011 for the same visitor and host). Tied claims that disagree are conflicts with a
  lower severity, because the identity is inferred.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from .records import Claim, Conflict, Event

HAPPENED = {"asserted", "hedged", ""}


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one conflict."""

    status: str
    resolution: str = ""


def _hash(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def subject_of(event_type: str, actor: str, target: str, item: str = "", *, templates: dict[str, str] | None = None) -> str:
    """A readable line naming the event ("Pakistan exits CENTO"), from the type's ``subject`` in the rules."""
    template = (templates or {}).get(event_type) or (event_type.replace("_", " ").lower() + ": {actor} / {target}")
    text = template.format(actor=actor or "someone", target=target or "someone")
    if item and item != target:
        text += f" ({item})"
    for filler in (" with someone", " and someone", " on someone", " in someone", " someone"):
        text = text.replace(filler, "")
    return text.strip()


def block_key(claim: Claim, symmetric: frozenset[str] = frozenset()) -> tuple:
    """The key claims are blocked by; claims in different blocks are never the same event."""
    happened = claim.modality in HAPPENED
    # deals and investments are told apart by what they are for; memberships by their grade (observer, full member)
    item = claim.item if claim.event_type in ("ARMS_DEAL", "INVESTMENT", "ALLIANCE_JOIN", "ALLIANCE_EXIT") else ""
    actor, target = claim.actor, claim.target
    if claim.event_type in symmetric and target and target < actor:
        actor, target = target, actor
    return (claim.event_type, actor, target, item, happened)


def _attach_targetless(blocks: dict[tuple, list[Claim]]) -> dict[tuple, list[Claim]]:
    """A claim that names no target ("Musharraf's visit in 2003") joins the one block of the same actor and type
    whose dates overlap its own; with none or several candidates it stays an event of its own."""
    out = {k: list(v) for k, v in blocks.items() if k[2]}
    for key, members in blocks.items():
        if key[2]:
            continue
        for c in members:
            fits = {k for k, v in out.items() if k[0] == key[0] and k[1] == key[1] and k[4] == key[4]
                    and c.date_start is not None and any(m.time and m.time.overlaps(c.time) for m in v)}
            if len(fits) == 1:
                out[fits.pop()].append(c)
            else:
                out.setdefault(key, []).append(c)
    return out


def date_label(c: Claim) -> str:
    """The claim's date at its stated precision, for the report."""
    tv = c.time
    return tv.label if tv else ""


def _tie_keys(c: Claim) -> set[tuple]:
    """What a claim could be tied by: two claims share a key whenever :func:`_tied` may tie them."""
    keys: set[tuple] = {("cue", cue) for cue in c.identity_cues}
    if c.item:
        keys.add(("item", c.item))
    if c.date_granularity in ("day", "week", "month"):
        keys.add(("year", c.date_start.year))
    return keys


def _tie_candidates(claims: list[Claim]) -> list[tuple[int, int]]:
    """The pairs ``(x, y)``, ``x < y``, of positions in ``claims`` that share a tie key, in order."""
    holders: dict[tuple, list[int]] = defaultdict(list)
    for x, c in enumerate(claims):
        for key in _tie_keys(c):
            holders[key].append(x)
    pairs = {(a, b) for group in holders.values() for n, a in enumerate(group) for b in group[n + 1:]}
    return sorted(pairs)


def _tied(a: Claim, b: Claim) -> str:
    """Why two non-overlapping claims of one block are still one event, or "" when nothing ties them.

    Two dates in one sentence are two events ("visited twice, first in March 1972 and then in October 1974"),
    and one article is not taken to contradict itself on a repeatable event without a named item.
    """
    if a.doc_id == b.doc_id and a.char_start == b.char_start:
        return ""
    if a.item and a.item == b.item and a.event_type in ("ARMS_DEAL", "INVESTMENT", "AGREEMENT"):
        return f"both name {a.item}"
    if a.doc_id == b.doc_id:
        return ""
    cues = set(a.identity_cues) & set(b.identity_cues)
    if cues and a.actor and a.target:
        return f"both call it {'/'.join(sorted(cues))}"
    fine = {"day", "week", "month"}
    if (a.date_granularity in fine and b.date_granularity in fine and a.date_start.year == b.date_start.year
            and a.actor_kind == "person" and a.target):
        return f"same visitor and host in the same year ({a.date_start.year})"
    return ""


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _cluster(claims: list[Claim], one_time: bool) -> list[tuple[list[Claim], dict[tuple[str, str], str]]]:
    """Split one block into events; returns each event's claims and, per tied claim pair, why they were tied."""
    if one_time:
        return [(claims, {})]
    dated = [c for c in claims if c.date_start is not None]
    undated = [c for c in claims if c.date_start is None]
    uf = _UnionFind(len(dated))
    ties: dict[tuple[str, str], str] = {}
    order = sorted(range(len(dated)), key=lambda i: (dated[i].date_start, dated[i].date_end))
    # sweep by start date: an interval that starts before the run so far ends overlaps one of its intervals
    first, end = -1, None
    for i in order:
        if end is not None and dated[i].date_start <= end:
            uf.union(first, i)
            end = max(end, dated[i].date_end)
        else:
            first, end = i, dated[i].date_end
    # ties are checked pairwise, in date order, but only between claims that share what a tie needs (a named
    # item, a cue, a year stated to the month or day); ``root`` is refreshed after each tie: ties are few
    root = [uf.find(i) for i in range(len(dated))]
    for x, y in _tie_candidates([dated[i] for i in order]):
        i, j = order[x], order[y]
        if root[i] != root[j]:
            why = _tied(dated[i], dated[j])
            if why:
                uf.union(i, j)
                root = [uf.find(k) for k in range(len(dated))]
                ties[tuple(sorted((dated[i].claim_id, dated[j].claim_id)))] = why
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, c in enumerate(dated):
        groups[uf.find(i)].append(c)
    out = [(g, ties) for g in groups.values()]
    if undated:
        if len(out) == 1:
            out[0][0].extend(undated)
        else:
            out.append((undated, {}))
    return out


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def dependent_documents(claims: list[Claim], *, threshold: float = 0.3, memo: dict | None = None) -> dict[str, str]:
    """Each article's source group: articles whose claim sentences largely repeat another's (a blog post
    reusing a paper's sentences) are one source. Returns doc_id → the group's first doc_id.

    Two articles are dependent when at least ``threshold`` of the smaller one's five-word sequences recur in the
    other. Candidate pairs come from an index of shared sequences, so unrelated articles are never compared.
    ``memo`` keeps each article's sequences between calls (see :func:`reconcile`).
    """
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
    docs = sorted(shingles)
    index: dict[tuple, list[str]] = defaultdict(list)
    for d in docs:
        for sh in shingles[d]:
            index[sh].append(d)
    # the sequences of one reused passage all have the same holders: count each set of holders once
    sets: dict[tuple[str, ...], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= 50:  # a sequence in very many articles is boilerplate, not reuse
            sets[tuple(holders)] += 1
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders, n in sets.items():
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                shared[(a, b)] += n
    pos = {d: i for i, d in enumerate(docs)}
    uf = _UnionFind(len(docs))
    for (a, b), n in sorted(shared.items()):
        if n / max(1, min(len(shingles[a]), len(shingles[b]))) >= threshold:
            uf.union(pos[a], pos[b])
    return {d: docs[uf.find(pos[d])] for d in docs}


def _independent_sources(claims: list[Claim], source_group: dict[str, str]) -> list[list[str]]:
    """The event's documents grouped by source: dependent articles count once."""
    groups: dict[str, list[str]] = defaultdict(list)
    for d in sorted({c.doc_id for c in claims}):
        groups[source_group.get(d, d)].append(d)
    return sorted(groups.values())


def _values(claim: Claim) -> dict[str, str]:
    amount = f"{claim.amount:.0f} {claim.currency}" if claim.amount is not None else ""
    return {
        "date": date_label(claim),
        "amount": amount,
        "quantity": str(claim.quantity) if claim.quantity is not None else "",
        "role": claim.actor_role if claim.actor_role else "",
    }


def _disagree(attribute: str, a: Claim, b: Claim) -> bool:
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


def _support(attribute: str, claims: list[Claim], groups: list[list[str]]) -> str:
    """Which value more independent sources give, e.g. ``date: September 2011 (2 sources) vs 2011-05 (1)``."""
    source_of = {d: n for n, g in enumerate(groups) for d in g}
    by_value: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        v = _values(c)[attribute]
        if v:
            by_value[v].add(source_of[c.doc_id])
    ranked = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    parts = [f"{v} ({len(s)} source{'s' if len(s) != 1 else ''})" for v, s in ranked]
    if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
        return f"{attribute}: no majority: " + " vs ".join(parts)
    return f"{attribute}: {ranked[0][0]} has more support: " + " vs ".join(parts)


def reconcile(claims: list[Claim], *, cardinality: dict[str, str], targetless: frozenset[str] = frozenset(),
              symmetric: frozenset[str] = frozenset(), templates: dict[str, str] | None = None,
              decisions: dict[str, Decision] | None = None,
              memo: dict | None = None) -> tuple[list[Claim], list[Event], list[Conflict]]:
    """Merge claims into events and list the conflicts between them.

    Args:
        claims: Claims of every article.
        cardinality: ``one-time`` or ``repeatable`` per event type (from ``rules/events.yaml``).
        targetless: Event types that have no target (a state dissolves).
        symmetric: Event types whose two sides play the same part (a meeting of A and B is one of B and A).
        templates: The ``subject`` line per event type.
        decisions: Review decisions by conflict_id, carried into the conflicts and used for resolved values.
        memo: A dict kept between calls with the same settings and decisions: blocks whose claims are unchanged
            since an earlier call are not compared again (a run reconciles the stored claims while it parses the
            new articles, then again with them). The result is the same with or without it.

    Returns:
        The claims with their ``event_id`` set, the events and the conflicts, each sorted deterministically.
    """
    decisions = decisions or {}
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.doc_id, c.char_start, c.claim_id)):
        blocks[block_key(c, symmetric)].append(c)
    blocks = _attach_targetless(blocks)
    source_group = dependent_documents(claims, memo=memo)
    events, conflicts, out_claims = [], [], []
    for key in sorted(blocks, key=lambda k: tuple(str(x) for x in k)):
        block = blocks[key]
        memo_key = (key, tuple(c.claim_id for c in block))
        done = memo.get(memo_key) if memo is not None else None
        if done is None:
            done = _block_events(key, block, cardinality, targetless, templates, decisions)
            if memo is not None:
                memo[memo_key] = done
        for event_id, subject, members, event_conflicts, event_claims in done:
            groups = _independent_sources(members, source_group)
            conflicts.extend(event_conflicts)
            disputed = tuple(sorted({c.attribute for c in event_conflicts if c.status != "dismissed"}))
            events.append(_event(event_id, key, members, groups, disputed, subject, event_conflicts, decisions))
            out_claims.extend(event_claims)
    event_of = {c.claim_id: c.event_id for c in out_claims}
    subjects = {e.event_id: e.subject for e in events}
    reported = {c.conflict_id for c in conflicts}
    conflicts.extend(c for c in _role_conflicts(out_claims, event_of, subjects, decisions)
                     if c.conflict_id not in reported)  # one event's own role conflict is already a row
    out_claims.sort(key=lambda c: (c.doc_id, c.char_start, c.claim_id))
    events.sort(key=lambda e: (e.date_start or date.max, e.event_type, e.actor, e.target, e.event_id))
    conflicts.sort(key=lambda c: ({"high": 0, "medium": 1, "low": 2}[c.severity], c.subject, c.conflict_id))
    return out_claims, events, conflicts


def _block_events(key: tuple, block: list[Claim], cardinality: dict[str, str], targetless: frozenset[str],
                  templates: dict[str, str] | None, decisions: dict[str, Decision]) -> list[tuple]:
    """One block's events, before their sources are counted: ``(event_id, subject, members, conflicts, claims with
    their event_id)`` each. They depend on the block's claims alone, so a run may reuse them (``memo``)."""
    event_type, actor, target, item, _ = key
    one_time = cardinality.get(event_type) == "one-time" and bool(actor) and (bool(target) or event_type in targetless)
    out = []
    for members, ties in _cluster(list(block), one_time):
        members.sort(key=lambda c: (c.doc_id, c.char_start, c.claim_id))
        event_id = _hash(event_type, min(c.claim_id for c in members))
        subject = subject_of(event_type, actor, target, item, templates=templates)
        event_conflicts = _conflicts(members, event_id, subject, one_time, ties, decisions)
        out.append((event_id, subject, members, event_conflicts, [replace(c, event_id=event_id) for c in members]))
    return out


def _conflicts(members: list[Claim], event_id: str, subject: str, one_time: bool,
               ties: dict[tuple[str, str], str], decisions: dict[str, Decision]) -> list[Conflict]:
    """One row per attribute, pair of values and pair of articles: an article repeating a value adds no row."""
    out = []
    seen: set[tuple] = set()
    # one representative per article and set of values: repeating a value adds no comparison
    reps: dict[tuple, Claim] = {}
    values: dict[str, dict[str, str]] = {}
    for c in members:
        v = values[c.claim_id] = _values(c)
        reps.setdefault((c.doc_id, c.date_start, c.date_end, v["amount"], v["quantity"], v["role"], c.actor), c)
    members = list(reps.values())
    # claims with the same compared values never disagree: compare each pair of value sets once, then list the
    # pairs of claims behind a disagreement in the order a pairwise walk over ``members`` would meet them
    by_values: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(members):
        by_values[(c.date_start, c.date_end, c.amount, c.currency, c.quantity, c.actor_kind, c.actor_role,
                   c.actor)].append(i)
    sets = list(by_values.values())
    pairs: list[tuple[int, int, tuple[str, ...]]] = []
    for x, first in enumerate(sets):
        for second in sets[x + 1:]:
            a, b = members[first[0]], members[second[0]]
            attributes = tuple(name for name in ("date", "amount", "quantity", "role") if _disagree(name, a, b))
            if attributes:
                pairs.extend((min(i, j), max(i, j), attributes) for i in first for j in second)
    pairs.sort()
    for i, j, attributes in pairs:
        a, b = members[i], members[j]
        if not a.actor:
            continue
        pair = (a.claim_id, b.claim_id) if a.claim_id < b.claim_id else (b.claim_id, a.claim_id)
        why = ties.get(pair, "") if ties else ""
        for attribute in attributes:
            side_a, side_b = (a.doc_id, values[a.claim_id][attribute]), (b.doc_id, values[b.claim_id][attribute])
            key = (attribute, side_a, side_b) if side_a <= side_b else (attribute, side_b, side_a)
            if key in seen:
                continue
            seen.add(key)
            if one_time:
                severity = "high"
                rationale = f"{subject} can happen only once, but the sources give different {attribute}s."
            elif why:
                # a named item or "first"/"landmark" identifies the event; the same year only suggests it
                severity = "medium" if "same year" in why else "high"
                rationale = f"Taken as one event ({why}), yet the sources give different {attribute}s."
            else:
                severity = "medium"
                rationale = f"The claims describe one {a.event_type.lower()} but give different {attribute}s."
            va, vb = values[a.claim_id][attribute], values[b.claim_id][attribute]
            cid = _hash(attribute, a.claim_id, b.claim_id)
            d = decisions.get(cid)
            out.append(Conflict(
                conflict_id=cid, event_id=event_id, event_type=a.event_type, subject=subject,
                attribute=attribute, value_a=va, value_b=vb, claim_a=a.claim_id, claim_b=b.claim_id,
                doc_a=a.doc_id, doc_b=b.doc_id, evidence_a=a.evidence, evidence_b=b.evidence,
                severity=severity, rationale=rationale,
                status=d.status if d else "open", resolution=d.resolution if d else "",
            ))
    return out


def _role_conflicts(claims: list[Claim], event_of: dict[str, str], subjects: dict[str, str],
                    decisions: dict[str, Decision]) -> list[Conflict]:
    """A person given two titles for the same time, one of which the gazetteer's offices contradict.

    People hold several offices at once (a president who is also army chief), so two titles alone are no
    conflict; one the gazetteer rules out at that date is. Claims are blocked by person.
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
                if a.actor_role == b.actor_role or a.date_start > b.date_end or b.date_start > a.date_end:
                    continue
                if bool(a.role_check) == bool(b.role_check):
                    continue
                key = (a.doc_id, b.doc_id, a.actor_role, b.actor_role, a.event_type)
                if key in seen:
                    continue
                seen.add(key)
                cid = _hash("role", a.claim_id, b.claim_id)
                d = decisions.get(cid)
                flagged = a if a.role_check else b
                out.append(Conflict(
                    conflict_id=cid, event_id=event_of.get(flagged.claim_id, ""), event_type=flagged.event_type,
                    subject=f"{person}'s title ({date_label(flagged)})", attribute="role",
                    value_a=a.actor_role, value_b=b.actor_role, claim_a=a.claim_id, claim_b=b.claim_id,
                    doc_a=a.doc_id, doc_b=b.doc_id, evidence_a=a.evidence, evidence_b=b.evidence, severity="medium",
                    rationale=f"The sources give {person} two titles for the same time, and {flagged.role_check}.",
                    status=d.status if d else "open", resolution=d.resolution if d else "",
                ))
    return out


def _event(event_id: str, key: tuple, members: list[Claim], groups: list[list[str]], disputed: tuple[str, ...],
           subject: str, conflicts: list[Conflict], decisions: dict[str, Decision]) -> Event:
    event_type, actor, target, item, _ = key
    dated = [c for c in members if c.date_start is not None]
    resolved = {c.attribute: decisions[c.conflict_id].resolution for c in conflicts
                if c.conflict_id in decisions and decisions[c.conflict_id].status == "resolved"
                and decisions[c.conflict_id].resolution}
    start = end = None
    gran = ""
    if "date" in resolved:
        tv = parse_date_value(resolved["date"])
        if tv is not None:
            start, end, gran = tv.start, tv.end, tv.granularity
    if start is None and dated:
        if "date" in disputed:
            start, end, gran = min(c.date_start for c in dated), max(c.date_end for c in dated), "range"
        else:
            # all dates overlap: the narrowest one is the most precise statement of the same date
            best = min(dated, key=lambda c: ((c.date_end - c.date_start).days, c.claim_id))
            start, end, gran = best.date_start, best.date_end, best.date_granularity
    amounts = sorted({c.amount for c in members if c.amount is not None})
    quantities = sorted({c.quantity for c in members if c.quantity is not None})
    amount = amounts[0] if len(amounts) == 1 else None
    quantity = quantities[0] if len(quantities) == 1 else None
    if "amount" in resolved:
        amount = _number(resolved["amount"])
    if "quantity" in resolved:
        q = _number(resolved["quantity"])
        quantity = int(q) if q is not None else None
    support = "; ".join(_support(a, members, groups) for a in disputed)
    items = sorted({c.item for c in members if c.item})
    return Event(
        event_id=event_id, event_type=event_type, actor=actor, target=target,
        item=item or (items[0] if items else ""), date_start=start, date_end=end, date_granularity=gran,
        amount=amount, quantity=quantity, n_sources=len(groups),
        doc_ids=tuple(sorted({c.doc_id for c in members})), claim_ids=tuple(sorted(c.claim_id for c in members)),
        disputed=disputed, support=support, subject=subject,
    )


def parse_date_value(text: str):
    """A date as the report writes it (``1979``, ``2011-09``, ``2011-09-24``, ``start/end``) or as an article would.

    Returns:
        A TimeValue, or None when the text holds no date.
    """
    import calendar

    from .dates import parse_expression
    from .records import TimeValue

    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return TimeValue(text, 0, len(text), date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month")
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", text)
    if m:
        try:
            a, b = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError:
            return None
        return TimeValue(text, 0, len(text), a, b, "range") if a <= b else None
    tv = parse_expression(text)
    return tv if tv is not None and tv.start is not None else None


def _number(text: str) -> float | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    return float(m.group(0).replace(",", "")) if m else None

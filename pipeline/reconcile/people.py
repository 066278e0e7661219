"""People across spellings: "Imran Qadir" and "Imran Qadri", "Shafqat Mahmood" and "Shafqat Mehmood".

A person the gazetteer does not know keeps the name as written, so two articles spelling it two ways would give
two people, two blocks and two events. Names are compared word by word (:func:`same_name`): equal, spellings of
one name in ``rules/en/names.yaml``, or near spellings (:func:`similar_word`, difflib's ratio). A name match alone
proves nothing (two people may have near names), so claims are renamed (:func:`merge_spellings`) only where the
rest of the evidence agrees: same event type, same other side, same modality and overlapping dates.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any, Mapping

from ..records import Claim
from .blocking import HAPPENED

#: Near spellings: words at least this long, with the same first letter and at least this similar (difflib's
#: ratio: "qadir"/"qadri" 0.8, "mahmood"/"mehmood" 0.86, "khan"/"khar" too short, "asif"/"asim" too short).
MIN_WORD = 5
MIN_RATIO = 0.8


def spelling_index(spellings: Any) -> dict[str, str]:
    """Each listed spelling of a name's word → the word its spellings are compared under, lower-case.

    Args:
        spellings: ``{word: [other spellings]}`` from ``names.yaml``.

    Raises:
        ValueError: a spelling is listed under two words.
    """
    index: dict[str, str] = {}
    for word, others in (spellings or {}).items():
        for spelling in (word, *(others or ())):
            key = _word(str(spelling))
            if index.get(key, _word(word)) != _word(word):
                raise ValueError(f"spelling {spelling!r} is listed under {index[key]!r} and {word!r}")
            index[key] = _word(word)
    return index


def _word(text: str) -> str:
    return text.replace(".", "").casefold()


def similar_word(a: str, b: str) -> bool:
    """Whether two words of a name are near spellings of one word ("qadir", "qadri"): same first letter, both at
    least :data:`MIN_WORD` letters, difflib ratio at least :data:`MIN_RATIO`."""
    return (len(a) >= MIN_WORD and len(b) >= MIN_WORD and a[0] == b[0]
            and SequenceMatcher(None, a, b).ratio() >= MIN_RATIO)


def same_name(a: str, b: str, spellings: Mapping[str, str] | None = None) -> bool:
    """Whether two names may be one person's: as many words, each pair equal, spellings of one name, or near
    spellings, and at least one pair not merely near ("Imran Qadir" and "Imran Qadri"; not "Imran Khan" and
    "Imran Khar", nor "Imran Qadir" and "Qadir").

    Args:
        a: One name as a claim gives it.
        b: The other.
        spellings: :func:`spelling_index` of the rules.
    """
    if a == b:
        return bool(a)
    index = spellings or {}
    wa, wb = [_word(w) for w in a.split()], [_word(w) for w in b.split()]
    if not wa or len(wa) != len(wb):
        return False
    firm = False
    for x, y in zip(wa, wb):
        if x == y or index.get(x, x) == index.get(y, y):
            firm = True
        elif not similar_word(x, y):
            return False
    return firm


def initials(name: str, spellings: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The first letter of each word of a name, spellings of one word under one letter: names that
    :func:`same_name` may match share it, so only names with the same initials are compared."""
    index = spellings or {}
    return tuple(index.get(w, w)[:1] for w in (_word(x) for x in name.split()))


def person_of(c: Claim) -> str:
    """The person a claim names as acting: its actor when a person, else the person acting for the actor state."""
    return c.actor if c.actor_kind == "person" else c.agent


def people_keys(claims: list[Claim], spellings: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each claim's person under one name for all its spellings, for claims already known to be one event:
    ``claim_id → name`` (the spelling most claims give, ties the first in order); claims naming no person left
    out."""
    names = Counter(person_of(c) for c in claims if person_of(c))
    order = sorted(names, key=lambda n: (-names[n], n))
    chosen: dict[str, str] = {}
    for name in order:
        chosen[name] = next((k for k in order if k in chosen.values() and same_name(k, name, spellings)), name)
    return {c.claim_id: chosen[person_of(c)] for c in claims if person_of(c)}


def _context(c: Claim) -> tuple:
    return (c.event_type, c.target, c.modality in HAPPENED)


def _overlap(xs: list[Claim], ys: list[Claim]) -> bool:
    return any(x.date_start is not None and y.date_start is not None
               and x.date_start <= y.date_end and y.date_start <= x.date_end for x in xs for y in ys)


def merge_spellings(claims: list[Claim], spellings: Mapping[str, str] | None = None) -> tuple[list[Claim], dict[str, str]]:
    """Claims whose person actor is another spelling of a person of the same event context, under one name.

    Two spellings are one person when :func:`same_name` says they may be and some claim of each has the same
    event type, the same other side and the same modality (happened or not) with overlapping dates; the name
    more claims give (ties: the first in order) is kept. A claim is renamed only within such a context, so a
    near namesake elsewhere keeps their own name.

    Args:
        claims: Every claim.
        spellings: :func:`spelling_index` of the rules.

    Returns:
        The claims, renamed where merged (same order), and each renamed claim's name as written
        (``claim_id → actor``).
    """
    by_context: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c.actor_kind == "person" and c.actor and c.target:
            by_context[_context(c)][c.actor].append(c)
    rename: dict[str, str] = {}
    for context in sorted(by_context, key=lambda k: tuple(str(x) for x in k)):
        names = by_context[context]
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for name in sorted(names, key=lambda n: (-len(names[n]), n)):
            buckets[initials(name, spellings)].append(name)
        for order in buckets.values():
            for n, name in enumerate(order):
                keep = next((k for k in order[:n] if same_name(k, name, spellings)
                             and _overlap(names[k], names[name])), None)
                if keep is not None:
                    target = rename.get(names[keep][0].claim_id, keep)
                    rename.update({c.claim_id: target for c in names[name]})
    if not rename:
        return claims, {}
    originals = {c.claim_id: c.actor for c in claims if c.claim_id in rename}
    return [replace(c, actor=rename[c.claim_id]) if c.claim_id in rename else c for c in claims], originals

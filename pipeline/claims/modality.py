"""Modality: whether a claim is asserted, or cancelled, negated, planned, a target or hedged."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .rules import EventRules

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The first of these whose cues occur around the trigger wins ("was planned but postponed" is cancelled).
MODALITY_ORDER = ("cancelled", "negated", "planned", "target", "hedged")


def neighbourhood(token: Token) -> list[Token]:
    """The trigger, its children, its ancestors and their auxiliaries and conjuncts: where modality cues count."""
    out = [token, *token.children]
    for anc in token.ancestors:
        out.append(anc)
        out.extend(c for c in anc.children if c.dep_ in {"conj", "aux", "auxpass", "neg", "advmod", "xcomp", "prep"})
        if anc.dep_ in {"ROOT"}:
            break
    return out


def modality(trig: Token, rules: EventRules) -> str:
    """The modality the cue words of ``events.yaml`` give the trigger ("postponed" → ``cancelled``,
    "scheduled" → ``planned``), else ``asserted``."""
    near = neighbourhood(trig)
    lemmas = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    for mod in MODALITY_ORDER:
        if lemmas & rules.modality.get(mod, frozenset()):
            return mod
    return "asserted"

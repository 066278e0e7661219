"""Modality: whether a claim is asserted, or cancelled, negated, planned, a target or hedged."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .rules import EventRules, EventType

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The first of these whose cues occur around the trigger wins ("was planned but postponed" is cancelled).
MODALITY_ORDER = ("cancelled", "negated", "planned", "target", "hedged")


# a relative clause: the cues of the clause it hangs from do not reach into it ("Why not have another
# meeting, which ended the 1965 war?": the war is not denied)
_OWN_CLAUSE = frozenset({"relcl", "acl"})


def neighbourhood(token: Token, rules: EventRules) -> list[Token]:
    """The trigger, its children, its ancestors up to its own clause's head, and their auxiliaries and conjuncts:
    where modality cues count."""
    out = [token, *token.children]
    node = token
    while node.dep_ not in _OWN_CLAUSE and not _marked_clause(node, rules) and node.head is not node:
        anc = node.head
        out.append(anc)
        out.extend(c for c in anc.children if c.dep_ in {"conj", "aux", "auxpass", "neg", "advmod", "xcomp", "prep"})
        if anc.dep_ == "ROOT":
            break
        node = anc
    return out


def _marked_clause(node: Token, rules: EventRules) -> bool:
    """An adverbial clause its conjunction sets apart ("... agreed to revive ties when Yoon met Kishida in
    Tokyo", "though he met President Putin in Bishkek"; not "easier for Pakistan to develop"): the cues of the
    clause above do not reach into it; a condition's do ("would not sign if he came": ``condition_words``)."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ != "for" and c.lower_ not in rules.condition_words
                                        for c in node.children)


def modality(trig: Token, rules: EventRules, et: EventType | None = None) -> str:
    """The modality the cue words of ``events.yaml`` give the trigger ("postponed" → ``cancelled``,
    "scheduled" → ``planned``; the type's own ``modality_words`` too: a ratified expansion is a join to come),
    else ``asserted``."""
    near = [t for t in neighbourhood(trig, rules)
            if not _suggestion(t) and not _what_is_done_to(trig, t) and not _demanded(t, rules)
            and not _reported(trig, t)]
    lemmas = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    # two-word cues: a verb and its particle or adverb ("call off", "look forward")
    lemmas |= {f"{t.lemma_.lower()} {c.lower_}" for t in near for c in t.children if c.dep_ in ("prt", "advmod")}
    own = dict(et.modality_words) if et is not None else {}
    if trig.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children):
        # "Poland's bid to join NATO", "an agreement to restore ties": a noun of aim, or one of the type's own
        # cues, says how sure what it heads is; a decision or plan to do something, which articles write of
        # what was done too ("Russia's decision to supply helicopters in 2017"), says nothing
        noun = trig.head.lemma_.lower()
        for mod, words in (("target", rules.modality.get("target", frozenset())), *own.items()):
            if noun in words:
                return mod
    # the type's own cues only from above the trigger: "agreed to restore ties" is planned, "met and agreed to
    # follow up" is a meeting held
    above = {t.lemma_.lower() for t in near if t.is_ancestor(trig)} if own else set()
    for mod in MODALITY_ORDER:
        if lemmas & rules.modality.get(mod, frozenset()) or above & own.get(mod, frozenset()):
            return mod
    return "asserted"


def _what_is_done_to(trig: Token, token: Token) -> bool:
    """The trigger verb's object names what the event is done to, not how sure it is ("missiles struck targets":
    the strike happened)."""
    return token.head.i == trig.i and token.dep_ == "dobj" and trig.pos_ in ("VERB", "AUX")


def _reported(trig: Token, token: Token) -> bool:
    """What a statement reports is not how sure the statement is ("Erdogan said he believed that ...": he said it)."""
    return token.head.i == trig.i and token.dep_ == "ccomp" and token.i != trig.i


def _demanded(token: Token, rules: EventRules) -> bool:
    """"Washington urged Ankara to scrap the deal": what one party urges another to do has not been done; the
    deal stands."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in rules.object_control


def _suggestion(token: Token) -> bool:
    """The "not" of "Why not have another summit?": a suggestion, which negates nothing."""
    return token.dep_ == "neg" and any(c.lower_ == "why" for c in token.head.children)

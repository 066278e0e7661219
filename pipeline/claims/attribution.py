"""Who says so: the source a sentence gives for its claim ("officials said", "according to TASS", "Islamabad
denied"), so that a disagreement between parties is told apart from one between outlets.

Language only: the reporting verbs and phrases are the rules' ``attribution_verbs`` and ``attribution_phrases``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .context import PRONOUNS_PERSON, Sentence, subtree_range

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = ("nsubj", "nsubjpass")


def attributed_to(s: Sentence, trig: Token) -> str:
    """The source the sentence names for the trigger's claim, or "".

    Handles "according to X" (and the rules' other phrases) anywhere in the sentence, a reporting verb whose
    complement holds the trigger ("Officials said Russia would supply ..."), and a reporting clause hung on the
    trigger's clause ("Russia will supply helicopters, officials said").

    Args:
        s: The sentence.
        trig: The claim's trigger.

    Returns:
        The source's canonical name when it is an entity the gazetteer or the libraries know, else its words
        without a leading article ("Pakistani officials").
    """
    source = _phrase_source(s) or _reporting_source(s, trig)
    return _name(s, source) if source is not None else ""


def _phrase_source(s: Sentence) -> Token | None:
    """The object of "according to" (or another of the rules' phrases): "according to TASS"."""
    words = [t.lower_ for t in s.sent]
    for phrase in s.rules.attribution_phrases:
        parts = phrase.split()
        for k in range(len(words) - len(parts) + 1):
            if words[k:k + len(parts)] == parts:
                last = s.sent[k + len(parts) - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _reporting_source(s: Sentence, trig: Token) -> Token | None:
    """The subject of a reporting verb above the trigger's clause, or of one hung on it ("..., officials said")."""
    verbs = s.rules.attribution_verbs
    tok = trig
    while tok.head.i != tok.i:
        for c in tok.children:
            if c.dep_ == "parataxis" and c.lemma_.lower() in verbs:
                subj = _subject(c)
                if subj is not None:
                    return subj
        if tok.dep_ in ("ccomp", "xcomp", "parataxis") and tok.head.lemma_.lower() in verbs:
            return _subject(tok.head)
        tok = tok.head
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _name(s: Sentence, head: Token) -> str:
    """An entity's canonical name, a pronoun's person, else the phrase's words ("Pakistani officials")."""
    named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named:
        head = named[0]  # "the leader of the delegation, Alexander Vengerovsky": the person named
    lo, hi = subtree_range(head)
    refs = s.resolver.refs(lo, hi, s.anchor)
    if refs and head.pos_ == "PROPN":
        return refs[0].name
    if head.lower_ in PRONOUNS_PERSON:
        ref = s.resolver.last_before(head.i, {"person"}, s.anchor)
        return ref.name if ref is not None else ""
    if head.pos_ == "PRON":
        return ""
    words = [t for t in s.doc[lo:hi] if not (t.i == lo and t.dep_ == "det")]
    return " ".join(t.text for t in words).strip(" ,")

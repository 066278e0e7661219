"""Repairs for claims on lines that are not prose: headlines and chronology lines (see
:mod:`pipeline.ingest.layout` for how a line is told apart, and ``rules/en/layout.yaml`` for its typography).

Each docstring says what language it handles; ``tests/test_claims_layout.py`` holds its examples.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..ingest.layout import load_layout
from ..records import Claim
from .context import VERBAL, Draft, Sentence
from .resolver import Ref

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Words that join the parties of a headline's subject ("India, Japan sign", "India and Japan sign").
JOINERS = frozenset({",", "and", "&"})
#: The kinds of line written in headline grammar (see :class:`pipeline.ingest.layout.Place`).
LINES = frozenset({"headline", "chronology"})
#: The kinds of party a headline lists.
PARTIES = frozenset({"country", "person"})


def listed_parties(s: Sentence, trig: Token) -> list[Ref]:
    """The countries, or the people, a line lists at its head before the trigger, joined by commas ("India, Japan
    sign ...", "Poland, Hungary and the Czech Republic join ...", "Modi, Xi Jinping hold talks"); empty unless
    there are two or more of one kind and nothing but joiners (and articles) stands between them."""
    refs = [r for r in s.resolver.refs(s.sent.start, trig.i, s.anchor) if r.kind in PARTIES and not r.pronoun]
    if len(refs) < 2 or not all(t.is_space or t.is_punct or _in_date(s, t)
                                for t in s.doc[s.sent.start:refs[0].span.start]):
        return []
    listed = [refs[0]]
    for prev, ref in zip(refs, refs[1:]):
        between = [t for t in s.doc[prev.span.end:ref.span.start] if not t.is_space]
        if not between or not all(t.lower_ in JOINERS or t.lower_ == "the" for t in between):
            break
        listed.append(ref)
    names = {r.name for r in listed}
    one_kind = len({r.kind for r in listed}) == 1
    return listed if one_kind and len(names) == len(listed) and len(listed) >= 2 else []


def _in_date(s: Sentence, tok: Token) -> bool:
    """The token is part of one of the sentence's dates (a chronology line's head: "12 March 1999 - ...")."""
    return any(tv.char_start <= tok.idx < tv.char_end for _, tv in s.dates)


def headline_parties(s: Sentence, d: Draft) -> Draft:
    """A headline joins its subject's parties with a comma ("India, Japan sign $2 billion rail deal" is India and
    Japan signing; "Modi, Xi Jinping hold talks"; "Poland, Hungary join NATO" is both joining; so too on a
    chronology line): the listed parties are a symmetric event's two sides, else each an actor of its own claim."""
    if s.line not in LINES or d.pair is not None or (d.actor is not None and d.actor.kind not in PARTIES):
        return d
    sides = listed_parties(s, d.trig)
    if not sides or (d.actor is not None and d.actor.name not in {r.name for r in sides}):
        return d
    if d.et.symmetric:
        return replace(d, pair=(sides[0], sides[1]), actor=sides[0])
    return replace(d, actor=sides[0], co_actors=tuple(sides[1:]))


def chronology_pair(s: Sentence, d: Draft) -> Draft:
    """A symmetric event without parties on a chronology line or a list item is between the article's two main
    countries ("March 1985: Resumption of ambassador-level ties", "1972 – Simla Agreement signed" in a chronology
    of India and Pakistan; "• Diplomatic relations established in 1948" in a list about Pakistan and Russia),
    unless the line names another country."""
    if s.line not in LINES or d.actor is not None or d.pair is not None or not d.et.symmetric:
        return d
    main = s.resolver.main_pair(d.on)
    if main is None:
        return d
    named = {r.name for r in s.resolver.refs(s.sent.start, s.sent.end, d.on) if r.kind == "country"}
    return replace(d, pair=main, actor=main[0]) if named <= {main[0].name, main[1].name} else d


def headline_tense(s: Sentence, trig: Token, claims: list[Claim]) -> list[Claim]:
    """A headline's claims are planned after "to", "set to", "plans to" or "will" (:func:`headline_planned`); a
    headline's bare present ("India, Japan sign ...") keeps them asserted: it reports a past event."""
    if not claims or not headline_planned(s, trig):
        return claims
    return [c if c.modality != "asserted" else replace(c, modality="planned") for c in claims]


def headline_planned(s: Sentence, trig: Token) -> bool:
    """A headline's verb after "to", "set to", "plans to" or "will" tells a planned event ("India, Russia to sign
    defence pact"); its bare present tells one that happened ("India, Japan sign $2 billion rail deal"), and so
    does "to" after a verb of decision ("April 1976: India and China opt to restore diplomatic representation")."""
    if s.line not in LINES:
        return False
    words = [t for t in s.doc[s.sent.start:trig.i] if not t.is_space]
    before = tuple(t.lower_ for t in words)
    for p in load_layout(s.rules.ruleset).headline_planned:
        if len(p) <= len(before) and before[-len(p):] == p:
            # the phrase stands where the headline's verb would ("India, Russia to sign"), not after a verb
            # that tells a decision taken ("India and China opt to restore ties")
            return len(p) == len(before) or words[-len(p) - 1].pos_ not in VERBAL
    return False

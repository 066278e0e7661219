"""Triggers: the verbs and nouns of ``events.yaml`` that start a claim, and the gates that decide which count."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .targets import destination
from .context import (PRONOUNS_GROUP, PRONOUNS_PERSON, VERBAL, Part, Sentence, governing_words, has_possessor,
                      subtree_range)
from .rules import EventRules, EventType

if TYPE_CHECKING:
    from spacy.tokens import Token

Found = list[tuple["Token", EventType]]


def event_type_of(rules: EventRules, tok: Token) -> EventType | None:
    """The first event type whose verbs or nouns the token says, or None ("re-establish", which the tokenizer
    splits, is said by its last word with the prefix before it when the rules list it so; "air-strikes" by
    "strike")."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text in _HYPHENS and not doc[tok.i - 2].whitespace_ \
            and not doc[tok.i - 1].whitespace_ and f"{doc[tok.i - 2].lower_}-{lemma}" in rules.trigger_heads:
        lemma = f"{doc[tok.i - 2].lower_}-{lemma}"
    if lemma not in rules.trigger_heads:
        return None
    forms = {lemma}
    if tok.pos_ in VERBAL:
        # "break up", "hold talks", "leave for": the verb and a particle, object or preposition of it
        forms |= {f"{lemma} {c.lemma_.lower()}" for c in tok.children if c.dep_ in ("prt", "dobj", "prep")}
    for et in rules.types:
        if (tok.pos_ in VERBAL and forms & et.verbs) or (tok.pos_ in ("NOUN", "PROPN") and lemma in et.nouns):
            return et
        if tok.pos_ == "NOUN" and lemma in et.joint_nouns and joint(tok):
            return et
    return None


_HYPHENS = frozenset({"-", "‐", "–"})


def joint(tok: Token) -> bool:
    """A noun written "joint" ("a joint news conference with Albright"): the event of the type's ``joint_nouns``."""
    return any(c.dep_ == "amod" and c.lower_ == "joint" for c in tok.children)


def venue_occasion(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A trigger noun that names the occasion of another event does not count ("on the sidelines of the
    SCO summit": the meeting is the event, the summit its venue)."""
    return not (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in s.rules.venue_words)


def topic_of_event(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A trigger noun that is the topic of a trigger noun before it does not count ("agreements on
    trade": an agreement, not a trade event of its own)."""
    return not (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("on", "of", "for", "about")
                and tok.head.head.pos_ in ("NOUN", "PROPN") and any(t.i == tok.head.head.i for t, _ in found))


def compound_noun(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A trigger noun modifying another noun does not count ("trade agreement", "visit programme": the
    head noun names the event), unless it is a noun dated on its own ("the 1965 war stalemate")."""
    lemma = tok.lemma_.lower()
    return not (tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN")
                and not any(lemma in t.dated_nouns for t in s.rules.types))


def owned_noun(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A noun the rules count only with an owner needs a possessor ("with the Russian support" names no
    act of supporting; "Russia's support" does)."""
    return not (tok.lemma_.lower() in et.owned_nouns and tok.pos_ not in VERBAL and not has_possessor(tok))


def agent_noun(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A noun the rules count only with its doer named in its own phrase: a possessor ("NATO's bombing"), a
    state, people or organisation written before it ("U.S. strikes", "American missile attacks", "NATO air
    strikes"), a "by" phrase ("raids by Serb forces"), or a light verb it is the object of, with a subject
    ("NATO launched air strikes"). "The victims of the bombing" names nobody who bombed: no claim."""
    if tok.lemma_.lower() not in et.agent_nouns or tok.pos_ in VERBAL or has_possessor(tok):
        return True
    # only the noun's own modifiers: in "the Kenya embassy bombing" Kenya says where, not who
    if any(c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in _DOER_LABELS for c in tok.children):
        return True
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
        return True
    # "NATO launched air strikes": a light verb's subject does it; "Sudan condemned the attack" names nobody
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in s.rules.light_verbs \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children)


def false_object(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A trigger verb whose object gives it another sense does not count ("struck a deal", "the partnership
    they have struck", "attacked the decision", "clashed over trade policy", "joined the SCO summit"; a noun's "of"
    object: "a clash of economic interests"): the type's ``false_objects``; nor one joined by an act in "in"
    ("joined the United Nations in condemning the attack")."""
    if not et.false_objects:
        return True
    if tok.pos_ not in VERBAL:
        # "a clash of economic interests": what the noun is of
        return not any(g.lemma_.lower() in et.false_objects for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj")
    # "joined the United Nations in condemning the attack": joined others in an act
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
           for c in tok.children):
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    # "fighting the war on terror", "fought the Cold War", "a trade war": what the object is waged on, or a word
    # that makes it another kind of thing
    objects += [g for o in list(objects) for c in o.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                for g in c.children if g.dep_ == "pobj"]
    objects += [c for o in list(objects) for c in o.children if c.dep_ in ("compound", "amod")]
    # "clashed over trade policy": what a quarrel is over
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "over" for g in c.children
                if g.dep_ == "pobj"]
    if tok.dep_ in ("relcl", "acl"):
        objects.append(tok.head)  # "the partnership India and the US have struck", "the deal, struck in Beijing"
    return not any(o.lemma_.lower() in et.false_objects for o in objects)


# entity labels of those who can do an event named by a noun before it: states, their peoples, organisations
_DOER_LABELS = frozenset({"GPE", "NORP", "ORG"})


def governed_verb(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A trigger the type counts only under certain words needs one as its head ("NATO expansion to include
    Poland", "BRICS expanded to include Iran": the alliance admits them; "NATO's members include Turkey" is
    no joining): the type's ``governed_verbs``."""
    return governing_words(tok, et) != []


def clause_object(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A host verb whose object is a clause hosts nobody: it reports ("He added that the accession would be held
    in April", "Russia admitted that it had erred")."""
    return not (tok.pos_ in VERBAL and tok.lemma_.lower() in et.host_verbs
                and any(c.dep_ == "ccomp" for c in tok.children))


def undated_noun(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """A noun the rules count only with a date of its own needs one in its phrase ("the 1965 war", "the
    1965 war stalemate", "the war of 1962" are dated events; "the war on terror", "the Cold War" are not)."""
    if tok.lemma_.lower() not in et.dated_nouns:
        return True
    span_of = tok.head if tok.dep_ == "compound" else tok
    own = [(span_of.left_edge.i, tok.i)] + [subtree_range(c) for c in span_of.children
                                            if c.dep_ == "prep" and c.lower_ == "of"]
    return any(a <= i <= b for i, _ in s.dates for a, b in own)


def specialised_type(s: Sentence, tok: Token, et: EventType) -> EventType:
    """A modifier of the trigger noun names a narrower type ("arms sales agreements" is an arms deal,
    "free trade agreement" a trade event; "trade and industry related agreements" stay agreements)."""
    modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")
                 and not any(g.dep_ == "conj" for g in c.children)}
    modifiers |= {g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children
                  if g.dep_ in ("compound", "amod")}
    for other in s.rules.types:
        if et.name in other.specialises and modifiers & (other.nouns | other.needs_words):
            return other
    return et


def same_type_inside(s: Sentence, tok: Token, et: EventType, found: Found) -> bool:
    """After all triggers are found: a noun inside a verb trigger of its own type adds nothing ("The
    agreement was signed", "met on the sidelines of the SCO meeting": it names the occasion, not another
    event)."""
    if tok.pos_ in VERBAL:
        return True
    # a weak verb without a place reached is no event to absorb it ("His visit comes days after Wang Yi's trip")
    same = {t.i for t, e in found if e.name == et.name
            and not (t.lemma_.lower() in e.weak_verbs and destination(s, t, s.anchor) is None)}
    return not any(a.i in same for a in tok.ancestors)


#: Gates each trigger token must pass, in order.
TRIGGER_GATES = (
    Part("venue_occasion", "gate", venue_occasion),
    Part("topic_of_event", "gate", topic_of_event),
    Part("compound_noun", "gate", compound_noun),
    Part("owned_noun", "gate", owned_noun),
    Part("agent_noun", "gate", agent_noun),
    Part("false_object", "gate", false_object),
    Part("undated_noun", "gate", undated_noun),
    Part("clause_object", "gate", clause_object),
    Part("governed_verb", "gate", governed_verb),
)
#: Parts applied once a trigger has passed its gates, and once the sentence's triggers are all found.
TRIGGER_PARTS = (*TRIGGER_GATES, Part("specialised_type", "repair", specialised_type),
                 Part("same_type_inside", "gate", same_type_inside))


def find_triggers(s: Sentence) -> Found:
    """Trigger tokens of the sentence and their event type, in text order."""
    found: Found = []
    for tok in s.sent:
        et = event_type_of(s.rules, tok)
        if et is None or not all(p.fn(s, tok, et, found) for p in TRIGGER_GATES if s.on(p.name)):
            continue
        found.append((tok, specialised_type(s, tok, et) if s.on("specialised_type") else et))
    if not s.on("same_type_inside"):
        return found
    return [(t, e) for t, e in found if same_type_inside(s, t, e, found)]


def is_anaphoric(s: Sentence, tok: Token) -> bool:
    """A trigger noun that points back at an event already told ("this visit", "during the visit")."""
    if tok.pos_ in VERBAL:
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    dets |= {g.lower_ for c in tok.children if c.dep_ == "poss" for g in c.children if g.dep_ in ("det", "amod")}
    return bool(dets & (s.rules.anaphora - PRONOUNS_PERSON - PRONOUNS_GROUP))


def continues_previous(s: Sentence) -> bool:
    """The sentence goes on about the event the sentence before told: it opens "During this visit", "During
    their press conference", "Firstly," (it lists the events the sentence before announced) or "The visit"."""
    first = next((t for t in s.sent if not t.is_space), None)
    if first is not None and first.lower_ in s.rules.continuation:
        return True
    if first is not None and first.lower_ == "the" and first.head.dep_ in ("nsubj", "nsubjpass") and any(
            first.head.lemma_.lower() in et.nouns for et in s.rules.types):
        return True  # "The visit helped ...": the sentence goes on about the event just told
    return any(_points_back(s, obj) for tok in s.sent if tok.dep_ == "prep" and tok.lower_ == "during"
               for obj in tok.children if obj.dep_ == "pobj")


def _points_back(s: Sentence, noun: Token) -> bool:
    """The noun's determiner or its possessor's points back ("this visit", "their press conference")."""
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    dets |= {g.lower_ for c in noun.children if c.dep_ == "poss" for g in c.children}
    return bool(dets & s.rules.anaphora)

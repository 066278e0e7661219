"""Repairs: fixes to a claim in the making's actor, target or dates, each for one way articles write.

Each takes the sentence and the draft and returns the draft, changed or not. Each docstring says what language
it handles; ``tests/test_claims_parts.py`` holds its examples.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..quantities import load_vocabulary, to_number
from ..records import Claim, TimeValue
from .arguments import actor_candidates, as_country, clause_subject, coordinated, group_anaphor, phrase_ref
from .roles import role_near
from .targets import between_pair, people_with_dates
from .context import (PRONOUNS_PERSON, VERBAL, Draft, Sentence, has_possessor, in_clause_phrase, subtree_range,
                      told_noun)
from .resolver import Ref
from .rules import EventType
from .timing import dates_inside, repeated
from .triggers import continues_previous

if TYPE_CHECKING:
    from spacy.tokens import Token

SPEECH_ACTS = {"STATEMENT", "SUPPORT"}


def actor_as_state(s: Sentence, d: Draft) -> Draft:
    """An actor of a kind the type does not take becomes the country it serves, for a state's act ("Pakistan's
    Foreign Minister ... joined" is Pakistan joining), else is dropped."""
    et, actor = d.et, d.actor
    if actor is not None and actor.kind == "alliance" and actor.pronoun and "country" in et.actor_kinds:
        return replace(d, actor=None)  # a state's act is an alliance's only where the sentence names it
    if actor is None or not et.actor_kinds or actor.kind in et.actor_kinds:
        return d
    if actor.kind == "person" and not actor.country and "country" in et.actor_kinds:
        return d  # whom they serve is read once the other side is known (unplaced_person_side)
    return replace(d, actor=as_country(s, actor, d.on) if "country" in et.actor_kinds else None)


def joined_modifier(s: Sentence, d: Draft) -> Draft:
    """An organisation written as a modifier of the trigger noun ("NATO membership", "EU accession") is what is
    joined, not who joins, when the type's actor is of another kind: the actor is the subject of the clause
    ("Estonia is applying for NATO membership"), or in an inverted clause the complement of its "be" ("Also
    applying for NATO membership are Romania, Slovenia and Bulgaria")."""
    actor, et, trig = d.actor, d.et, d.trig
    if (actor is None or trig.pos_ in VERBAL or not et.actor_kinds or actor.kind in et.actor_kinds
            or actor.kind not in et.target_kinds or actor.span.root.head.i != trig.i
            or actor.span.root.dep_ not in ("compound", "amod")):
        return d
    subject = clause_subject(trig) or inverted_subject(trig)
    found = phrase_ref(s, subject, d.on)[0] if subject is not None else None
    return replace(d, actor=found if found is not None and found.kind in et.actor_kinds else None)


def inverted_subject(tok: Token) -> Token | None:
    """The subject placed after "be" in an inverted clause whose verb comes first ("Also applying ... are Romania
    and Slovenia"): the parser makes it the complement (``attr``) of the verb or of its "be"."""
    verb = next((a for a in tok.ancestors if a.pos_ in VERBAL), None)
    if verb is None:
        return None
    heads = [verb, *(c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "be")]
    return next((c for h in heads for c in h.children if c.dep_ == "attr"), None)


def told_event(s: Sentence, d: Draft) -> Draft:
    """A one-time event noun without actor or target (:func:`told_noun`) is the event the sentences before told:
    their actors and, when the sentence names none, their target ("NATO will admit Estonia, Latvia and Lithuania in
    May. A spokesman said the accession was set for early May": three claims)."""
    if d.pair or not told_noun(s, d.trig, d.et) or (d.actor is not None and d.targets):
        return d  # "President Goencz described the entry as historic": no target found, so not his entry
    span = s.doc[d.trig.i:d.trig.i + 1]
    pairs = s.told[d.et.name]
    actors = [Ref(span, a, "country", a) for a in dict.fromkeys(a for a, _ in pairs) if a]
    kind = d.et.target_kinds[0] if d.et.target_kinds else ""
    targets = d.targets or tuple(Ref(span, t, kind, "") for t in dict.fromkeys(t for _, t in pairs) if t)
    if not actors:
        return d
    return replace(d, actor=actors[0], co_actors=tuple(actors[1:]), targets=tuple(targets))


def among_subject(s: Sentence, d: Draft) -> Draft:
    """An event told of the noun of a fronted "among" phrase is done by the subject placed after "be" ("Among the
    first countries to accede to NATO in 2004 were Latvia and Estonia")."""
    trig = d.trig
    if d.actor is not None:
        return d
    if trig.dep_ in ("relcl", "acl") and trig.head.dep_ == "pobj" and trig.head.head.lower_ == "among":
        be = trig.head.head.head
    elif trig.dep_ == "csubj" and any(c.lower_ == "among" for c in trig.children):
        be = trig.head  # the parser makes the fronted phrase the clause's subject, "among" its marker
    else:
        return d
    if be.lemma_ != "be":
        return d
    subject = next((c for c in be.children if c.dep_ in ("attr", "nsubj")), None)
    found = phrase_ref(s, subject, d.on)[0] if subject is not None else None
    return replace(d, actor=found) if found is not None and found.kind in d.et.actor_kinds else d


def unplaced_person_side(s: Sentence, d: Draft) -> Draft:
    """A person neither the gazetteer nor their title's phrase places, doing a state's act with one of the
    article's two main countries, acts for the other one ("Oil Minister Imran Qadri signed an agreement with
    Russia" in an article on Pakistan and Russia); only as the subject of the verb that states the act, not of a
    clause that mentions it ("visited Moscow for consultations on trade"). Otherwise the act has no actor yet."""
    actor, et = d.actor, d.et
    if actor is None or actor.kind != "person" or actor.kind in et.actor_kinds or not et.actor_kinds:
        return d
    if d.trig.pos_ not in VERBAL:
        return replace(d, actor=None)
    pair = s.resolver.main_pair(d.on)
    target = d.targets[0].name if d.targets else ""
    sides = [r for r in pair or () if r.name != target]
    if pair and len(sides) == 1 and target:
        return replace(d, actor=replace(sides[0], span=actor.span))
    return replace(d, actor=None)


def _they(d: Draft) -> bool:
    """The actor of a symmetric event is a plural pronoun standing for countries ("they signed")."""
    return d.actor is not None and d.et.symmetric and d.actor.pronoun and d.actor.kind == "country"


def _with_pair(d: Draft, pair: tuple[Ref, Ref] | None) -> Draft:
    return replace(d, pair=pair, actor=pair[0] if pair else None)


def between_pair_sides(s: Sentence, d: Draft) -> Draft:
    """A symmetric event without a named actor (or told of "they") takes both sides from a "between" phrase
    ("exercises between Pakistan and Russia") or the article's two countries when it says "both countries"."""
    if not d.et.symmetric or d.pair is not None or not (d.actor is None or _they(d)):
        return d
    pair = between_pair(s, d.trig)
    return _with_pair(d, pair) if pair else d


def they_both_sides(s: Sentence, d: Draft) -> Draft:
    """"They" as the actor of a symmetric event are both sides: the article's two main countries ("they signed
    an agreement")."""
    return _with_pair(d, s.resolver.main_pair(d.on)) if _they(d) else d


def article_pair(s: Sentence, d: Draft) -> Draft:
    """A symmetric event without actor in a sentence that goes on about the event before, naming no other
    country, is between the article's two countries ("During the latter's visit a protocol was signed")."""
    if d.actor is not None or not d.et.symmetric or d.pair is not None or _organisation_event(s, d):
        return d
    main = s.resolver.main_pair(s.anchor)
    named = {r.name for r in s.resolver.refs(s.sent.start, s.sent.end, d.on) if r.kind == "country"}
    if main and named <= {main[0].name, main[1].name} and continues_previous(s):
        return _with_pair(d, main)
    return d


def _organisation_event(s: Sentence, d: Draft) -> bool:
    """A trigger noun named for an organisation ("the NATO summit") is the organisation's event, not one between
    the article's two countries."""
    return any(r.kind in ("alliance", "organisation") for c in d.trig.children if c.dep_ in ("compound", "poss")
               for r in s.resolver.refs(*_ent_range(s, c), d.on))


def pronoun_traveller(s: Sentence, d: Draft) -> Draft:
    """A "he" or "she" who travels right after a sentence that told one person's trip is that traveller ("Albright
    has invited Geremek to visit the United States. He will then travel to Washington": Geremek, though Albright
    is the subject before)."""
    subj = [c for c in d.trig.children if c.dep_ in ("nsubj", "nsubjpass")]
    if (not d.et.movement or d.actor is None or not d.actor.pronoun or len(s.travellers) != 1
            or not subj or subj[0].lower_ not in PRONOUNS_PERSON or d.actor.name == s.travellers[0]):
        return d
    return replace(d, actor=replace(d.actor, name=s.travellers[0], country=""), role="")


def earlier_destination(s: Sentence, d: Draft) -> Draft:
    """A person's trip that names no place goes where their last visit in the article went ("Gonzalez will travel
    to the United States on Thursday. ... Gonzalez's arrival should help"; "Castro said Gonzalez would travel with
    his wife"). Weak verbs ("arrives", "came forward") are left alone: without a place they may be no trip."""
    actor, lemma = d.actor, d.trig.lemma_.lower()
    if (d.targets or not d.et.movement or actor is None or actor.kind != "person"
            or actor.name not in s.destinations or lemma in d.et.weak_verbs | d.et.host_verbs
            or any(c.dep_ == "prep" and c.lower_ == "to" for c in d.trig.children)):
        return d  # "his visit to this country": a place is written, only not one the resolver knows
    name = s.destinations[actor.name]
    here = s.doc[d.trig.i:d.trig.i + 1]
    return replace(d, targets=(Ref(here, name, "country", name, pronoun=True),))


def own_state(s: Sentence, d: Draft) -> Draft:
    """A type without targets and without an owner takes the state in its phrase as actor ("the disintegration of
    the USSR": the state that dissolves)."""
    if d.pair or d.et.target_kinds or d.actor is not None or has_possessor(d.trig):
        return d
    states = [r for r in s.resolver.refs(*subtree_range(d.trig), d.on) if r.kind == "country"]
    return replace(d, actor=states[0] if states else None)


def coordinated_partner(s: Sentence, d: Draft) -> Draft:
    """The second party of a coordinated subject is a symmetric event's target ("Pakistan and Russia held
    talks")."""
    if not d.et.symmetric or d.actor is None or d.pair:
        return d
    partner = coordinated(s, d.actor, d.on)
    if partner is not None and d.et.target_kinds and partner.kind not in d.et.target_kinds:
        # "signed by Swaran Singh and Andrei Gromyko": a treaty binds the state the second signer serves
        partner = as_country(s, partner, d.on) if "country" in d.et.target_kinds else None
    if partner is None:
        return d
    other = _object_state(s, d, {d.actor.name, partner.name})
    if other is not None:
        # "American and British warplanes attacked Iraqi sites": both act on the state their object names
        return replace(d, targets=(other,), co_actors=(*d.co_actors, partner))
    return replace(d, targets=(partner,))


def _object_state(s: Sentence, d: Draft, names: set[str]) -> Ref | None:
    """A state the trigger verb's object or "on"/"against" phrase names, other than the given parties."""
    if d.trig.pos_ not in ("VERB", "AUX"):
        return None
    for c in d.trig.children:
        if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("on", "against")):
            refs = [r for r in s.resolver.refs(*subtree_range(c), d.on) if r.kind == "country" and r.name not in names]
            if refs:
                return refs[0]
    return None


def coordinated_actors(s: Sentence, d: Draft) -> Draft:
    """Every party of a coordinated subject acts ("Poland, Hungary and the Czech Republic joined NATO": three
    claims), when the event is not symmetric (there the second party is the target)."""
    if d.et.symmetric or d.actor is None or d.pair or d.actor.pronoun:
        return d
    names = {d.actor.name, *(t.name for t in d.targets)}
    more = []
    for conj in d.actor.span.root.conjuncts:
        for r in s.resolver.refs(conj.i, conj.i + 1, d.on) or s.resolver.refs(*_ent_range(s, conj), d.on):
            if r.kind == d.actor.kind and r.name not in names:
                names.add(r.name)
                more.append(r)
    return replace(d, co_actors=tuple(more)) if more else d


def coordinated_targets(s: Sentence, d: Draft) -> Draft:
    """Every party of a coordinated object is a target ("Albright will visit Kenya and Tanzania": two visits;
    "Clinton met Havel and Walesa": two meetings), except the two sides of a coordinated subject ("Pakistan and
    Russia held talks") and a "between" pair."""
    # a pronoun's ref is its antecedent, written elsewhere; a surname's ("President Havel") stands here
    elsewhere = d.targets[0].pronoun and not s.sent.start <= d.targets[0].span.start < s.sent.end if d.targets else True
    if d.pair or len(d.targets) != 1 or elsewhere \
            or any(t.lower_ == "between" for t in d.targets[0].span.root.ancestors):
        return d  # "mediated between Pakistan and India": a pair, not two targets
    target = d.targets[0]
    if d.et.symmetric and (d.actor is None or target.span.root in d.actor.span.root.conjuncts):
        return d  # "Pakistan and Russia held talks": the coordinated names are the event's two sides
    names = {target.name, *((d.actor.name, d.actor.country) if d.actor else ())}
    more = []
    for conj in target.span.root.conjuncts:
        for r in s.resolver.refs(*_ent_range(s, conj), d.on):
            if r.kind == target.kind and r.name not in names:
                names.add(r.name)
                more.append(r)
    return replace(d, targets=(*d.targets, *more)) if more else d


def group_actors(s: Sentence, d: Draft) -> Draft:
    """A numbered back-reference acts for every country of the list it points at ("The three countries joined
    NATO" after "Poland, Hungary and the Czech Republic": three claims)."""
    if d.actor is not None or d.pair or d.et.symmetric:
        return d  # in a symmetric event "the two countries" are its two sides (``article_pair``)
    for cand in actor_candidates(s, d.trig):
        if cand.dep_ in ("agent", "prep"):
            cand = next((c for c in cand.children if c.dep_ == "pobj"), cand)
        group = group_anaphor(s, cand, d.on)
        if group:
            return replace(d, actor=group[0], co_actors=tuple(group[1:]))
    return d


def given_to(s: Sentence, d: Draft) -> Draft:
    """A trigger noun given by a ``giving_verbs`` verb is had by the one in the verb's "to" phrase ("extending
    membership to Poland, Hungary and the Czech Republic", "NATO offered membership to these three democracies":
    each joins; the giver is not)."""
    if d.trig.pos_ in VERBAL or d.trig.dep_ != "dobj" \
            or d.trig.head.lemma_.lower() not in d.et.giving_verbs:
        return d
    for prep in (c for t in (d.trig.head, d.trig) for c in t.children if c.dep_ == "prep" and c.lower_ == "to"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            group = group_anaphor(s, obj, d.on)
            if not group:
                group = [r for r in s.resolver.refs(*subtree_range(obj), d.on) if r.kind in d.et.actor_kinds]
            if group:
                return replace(d, actor=group[0], co_actors=tuple(group[1:]))
    return d


def subject_group(s: Sentence, d: Draft) -> Draft:
    """A state's act named by a noun in a verb's object is done by the countries whose people are the verb's subject
    ("the envoys of the two states signed the accession protocols": each of the two accedes)."""
    if d.actor is not None or d.pair or d.trig.pos_ in VERBAL or "person" in d.et.actor_kinds:
        return d
    subject = clause_subject(d.trig)
    if subject is None:
        return d
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            group = group_anaphor(s, obj, d.on)
            if group:
                return replace(d, actor=group[0], co_actors=tuple(group[1:]))
    return d


def counted_guests(s: Sentence, d: Draft) -> Draft:
    """A host verb's object that only counts its guests is the list of as many countries right after it ("NATO
    embraced three of its old adversaries, Estonia, Latvia and Lithuania, on Monday": three claims); the list
    ends at the next preposition or verb and must hold exactly that many countries."""
    if d.actor is not None or d.trig.lemma_.lower() not in d.et.host_verbs:
        return d
    for obj in (c for c in d.trig.children if c.dep_ == "dobj"):
        number = obj if obj.like_num else next((c for c in obj.children if c.dep_ == "nummod"), None)
        n = to_number(number.text, load_vocabulary(s.rules.ruleset)) if number is not None else None
        # the parser hangs the list in the object's phrase or, after a comma, on the verb
        end = subtree_range(obj)[1]
        stop = next((t.i for t in s.doc[end:d.hi] if t.pos_ in ("ADP", "VERB", "AUX")), d.hi)
        listed = [r for r in s.resolver.refs(obj.i + 1, stop, d.on) if r.kind == "country"]
        if n is not None and len(listed) == n >= 2:
            return replace(d, actor=listed[0], co_actors=tuple(listed[1:]))
    return d


def _ent_range(s: Sentence, tok) -> tuple[int, int]:
    """The entity a token lies in ("the Czech Republic": its root "Republic" is not the entity's first token)."""
    ent = next((e for e in s.resolver.ents if e.start <= tok.i < e.end), None)
    return (ent.start, ent.start + 1) if ent is not None else (tok.i, tok.i + 1)


def located_doer(s: Sentence, d: Draft) -> Draft:
    """Where the doers of an attack are is not who they are ("protesters in Iran attacked the Saudi embassy",
    "US troops in Iraq fired"): a state named in a place phrase of the subject's noun is no attacker (for a type
    whose doer must be named, ``agent_nouns``); the state the noun itself names is ("US troops"), else none is."""
    actor = d.actor
    if actor is None or actor.kind != "country" or not d.et.agent_nouns:
        return d
    prep = actor.span.root.head
    if not (prep.dep_ == "prep" and prep.lower_ in s.rules.locative_words and prep.head.pos_ == "NOUN"
            and prep.head.dep_ in ("nsubj", "nsubjpass", "agent", "pobj")):
        return d
    # "US troops in Iraq": the state the noun itself names is theirs
    own = [r for c in prep.head.children if c.dep_ in ("amod", "compound", "poss")
           for r in s.resolver.refs(*subtree_range(c), d.on) if r.kind == "country"]
    return replace(d, actor=own[0] if own else None, co_actors=())


def nearest_state(s: Sentence, d: Draft) -> Draft:
    """A state's act without actor is done by the state named nearest the trigger other than the target ("an
    agreement was concluded for the sale of helicopters to Pakistan" by Russia); not when the doer of a type whose
    doer must be named (``agent_nouns``) is named and is no state ("the embassy was attacked by protesters")."""
    et = d.et
    if d.actor is not None or not d.targets or et.actor_kinds[:1] != ("country",) or d.targets[0].kind != "country":
        return d
    if et.agent_nouns and any(c.dep_ in ("nsubj", "agent") for c in d.trig.children):
        return d
    others = [r for r in s.resolver.refs(s.sent.start, s.sent.end, d.on)
              if r.kind == "country" and r.name != d.targets[0].name]
    if not others:
        return d
    return replace(d, actor=min(others, key=lambda r: abs(r.span.start - d.trig.i)))


def other_side_acts(s: Sentence, d: Draft) -> Draft:
    """A state's act whose actor is its own target is done by the other state of the sentence ("a deal for
    provision of helicopters to Pakistan", told of Pakistan's president)."""
    if d.actor is None or not d.targets or d.targets[0].name != d.actor.name or "country" not in d.et.actor_kinds:
        return d
    others = [r for r in s.resolver.refs(s.sent.start, s.sent.end, d.on)
              if r.kind == "country" and r.name != d.actor.name]
    return replace(d, actor=others[0]) if others else d


def receiver_side(s: Sentence, d: Draft) -> Draft:
    """An event told from the receiving side goes from the giver to the receiver ("Turkey bought the S-400 from
    Russia", "India signed a contract with Russia to buy five squadrons", "Pakistan's purchase of Russian
    helicopters": Russia sells): the trigger, or a verb of its clause, is a ``receiver_words`` word whose subject or
    possessor is the actor, so the actor and the one target swap (with no target, the buyer becomes it and the
    seller is looked for among the sentence's other states)."""
    if not d.et.receiver_words or d.actor is None or len(d.targets) > 1 or d.pair or d.co_actors:
        return d
    words = d.et.receiver_words
    told = d.trig.lemma_.lower() in words or any(
        c.lemma_.lower() in words and c.pos_ in VERBAL for c in (*d.trig.children, *d.trig.head.children)
        if c.dep_ in ("xcomp", "acl", "advcl", "relcl"))
    if not told or d.actor.kind not in d.et.target_kinds or in_clause_phrase(d.actor.span.root, d.trig, _FROM):
        return d  # "to buy the systems from Moscow": the one bought from is the giver already
    if not d.targets:
        # "India ordered five squadrons": the buyer is known, the seller is whoever else the sentence names
        return nearest_state(s, replace(d, actor=None, targets=(d.actor,)))
    if d.targets[0].kind not in d.et.actor_kinds:
        return d
    return replace(d, actor=d.targets[0], targets=(d.actor,))


_FROM = frozenset({"from"})


def repeated_event(s: Sentence, d: Draft) -> Draft:
    """An event said to happen more than once gives one claim per date ("visited twice, first in March 1972 and
    then in October 1974"; "two exercises, held in Pakistan in 2016, and Russia in 2017": the dates that
    follow)."""
    if len(d.rows) != 1 or not repeated(s, d.trig):
        return d
    inside = dates_inside(s, d.trig)
    if len(inside) < 2:
        inside = [tv for i, tv in s.dates if i > d.trig.i and tv.start is not None]
    if len(inside) < 2:
        return d
    actor, role, target, _ = d.rows[0]
    return replace(d, rows=tuple((actor, role, target, tv) for tv in inside))


def people_dates(s: Sentence, d: Draft) -> Draft:
    """Several people after the trigger, each with a date, are several claims ("visits by Rutskoy in December
    1992, Kozyrev in April 1993 and Adamishin in May 1994")."""
    people = people_with_dates(s, d.trig, d.hi, d.on)
    if not people:
        return d
    target = d.targets[0] if d.targets else None
    return replace(d, rows=tuple((p, role_near(s, p), target, tv) for p, tv in people))


def guest_dates(s: Sentence, d: Draft) -> Draft:
    """A host verb's guests listed each with a date of its own are as many events, each on its date ("the
    bloc grew, adding Albania and Croatia in 2009 and Montenegro in 2017"): a guest takes the
    first date after it; it takes effect only when the list holds two dates at least."""
    if d.trig.lemma_.lower() not in d.et.host_verbs or "person" in d.et.actor_kinds:
        return d
    guests = [r for r in s.resolver.refs(d.trig.i + 1, d.hi, d.on) if r.kind == "country"]
    dated = [(g, next((tv for i, tv in s.dates if g.span.end <= i < d.hi and tv.start is not None), None))
             for g in guests]
    if len(guests) < 2 or any(tv is None for _, tv in dated) or len({tv.char_start for _, tv in dated}) < 2:
        return d
    target = d.targets[0] if d.targets else None
    return replace(d, rows=tuple((g, "", target, tv) for g, tv in dated))


def narrative_date(s: Sentence, et: EventType, actor: Ref | None, tv: TimeValue | None) -> TimeValue | None:
    """An undated claim about someone the sentence before dated continues that narrative and takes its date
    ("He further stated ...", "Lavrov declared ..."): for pronoun actors and speech acts."""
    if tv is None and actor is not None and (actor.pronoun or et.name in SPEECH_ACTS):
        return s.previous.get(actor.name)
    return None


def backreference_date(claims: list[Claim], inherited: TimeValue, skip: frozenset[str] | set[str] = frozenset()
                        ) -> list[Claim]:
    """Undated claims of a sentence that points back at an event ("During this visit ...") take the date of the
    last dated claim before it, except those whose trigger (its "index:" prefix) is in ``skip``."""
    return [c if c.date_start is not None or c.trigger.split(":")[0] + ":" in skip else replace(
        c, date_text=inherited.text, date_start=inherited.start, date_end=inherited.end,
        date_granularity=inherited.granularity, confidence=round(c.confidence - 0.1, 2)) for c in claims]

"""Gates: whether a claim in the making counts. Each takes the sentence and the draft and returns False to drop it.

Each gate's docstring says what language it handles; ``tests/test_claims_parts.py`` holds its examples.
"""
from __future__ import annotations

from ..quantities import mentions_money
from ..records import Claim
from .arguments import organisation_anaphors, phrase_ref
from .roles import home_country, role_near
from .targets import dateline_here, destination, relative_where
from .context import PRONOUNS_GROUP, PRONOUNS_PERSON, VERBAL, Draft, Sentence, subtree_range, told_noun
from .timing import dates_inside
from dataclasses import replace

RELATIVE_ORDER = {"earlier", "previous", "prior"}


def source_attribution(s: Sentence, d: Draft) -> bool:
    """A trigger introduced by "as" names the source of a passage, not an event ("as stated by an analyst")."""
    return not any(c.dep_ == "mark" and c.lower_ == "as" for c in d.trig.children)


def needs_company(s: Sentence, d: Draft) -> bool:
    """A type the rules give ``needs`` counts only in a sentence with the entity kinds or words it lists ("sold
    helicopters" is an arms deal only with equipment named; with both listed, either will do)."""
    et = d.et
    if not (et.needs_kinds or et.needs_words) or (s.on("told_event") and told_noun(s, d.trig, et)):
        return True  # "the accession" after sentences that told accessions: their company is its own
    kinds = {r.kind for r in s.resolver.refs(s.sent.start, s.sent.end, s.anchor)}
    if {"alliance", "organisation"} & et.needs_kinds - kinds:
        # "joined the alliance" after NATO was named
        kinds |= {r.kind for r in organisation_anaphors(s, s.sent.start, s.sent.end, s.anchor)}
    has_kinds = bool(et.needs_kinds & kinds) or (
        "money" in et.needs_kinds and mentions_money(s.sent.text, rules=s.rules.ruleset))
    # "a deal on weapons inspections": what a noun is about is not what it is made of
    topic = {t.i for p in d.trig.children if d.trig.pos_ not in VERBAL and p.dep_ == "prep"
             and p.lower_ in _TOPIC_PREPS for t in p.subtree}
    sent_words = {w for t in s.sent if t.i not in topic for w in (t.lemma_.lower(), t.lower_)}
    has_words = bool(et.needs_words & sent_words)
    if et.needs_kinds and et.needs_words:
        return has_kinds or has_words
    return has_kinds if et.needs_kinds else has_words


_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding"})


def copula_complement(s: Sentence, d: Draft) -> bool:
    """A copular trigger ("become") states the event only with a complement the type lists ("became a member of
    NATO", "became part of the alliance"; not "became the last country to ratify")."""
    if not d.et.complements or d.trig.lemma_.lower() != "become":
        return True
    return any(c.dep_ in ("attr", "acomp", "oprd", "dobj") and c.lemma_.lower() in d.et.complements
               for c in d.trig.children)


def relative_order(s: Sentence, d: Draft) -> bool:
    """An event dated only relative to another one is not dated ("earlier meetings", "previous visits"), unless
    a date of its own is written in its phrase."""
    return not (any(c.lower_ in RELATIVE_ORDER for c in d.trig.children) and not dates_inside(s, d.trig))


def backreference(s: Sentence, d: Draft) -> bool:
    """A trigger noun pointing back at an event already told ("this visit", "the visit") makes no claim of its
    own, unless it names its actor and has a date of its own."""
    return not (d.anaphoric and (d.actor is None or not dates_inside(s, d.trig)))


def possessive_pronoun(s: Sentence, d: Draft) -> bool:
    """An undated trigger noun owned by a pronoun was told before ("during his visit he made statements")."""
    return not (d.trig.pos_ not in VERBAL and not d.dates
                and any(c.dep_ == "poss" and c.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP for c in d.trig.children))


def listed_targets(s: Sentence, d: Draft) -> bool:
    """A type with ``many_targets`` (joining alliances) needs a target of its kinds ("joined SEATO and CENTO")."""
    return not d.et.many_targets or any(t.kind in d.et.target_kinds for t in d.targets)


def weak_verb_destination(s: Sentence, d: Draft) -> bool:
    """A weak movement verb is a visit only with a country or city reached ("came to Pakistan"; "came forward",
    "went on" are none)."""
    return d.trig.lemma_.lower() not in d.et.weak_verbs or destination(s, d.trig, d.on) is not None or (
        s.on("dateline_here") and dateline_here(s, d.trig, d.on) is not None) or (
        s.on("relative_where") and relative_where(s, d.trig, d.on) is not None)


def met_no_party(s: Sentence, d: Draft) -> bool:
    """A verb of a symmetric event between people (a meeting) whose objects are all things met or one's own staff
    (``no_party_objects``) and name no party is no such event: "tried hard to meet the standards", "in order to
    meet NATO's standards" (NATO owns the standards, it is not met), "met with his top aides"."""
    trig = d.trig
    if trig.pos_ not in VERBAL or not d.et.symmetric or "person" not in d.et.target_kinds:
        return True
    objs = [c for c in trig.children if c.dep_ == "dobj"]
    objs += [o for c in trig.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
             if o.dep_ == "pobj"]
    return not objs or not all(o.lemma_.lower() in s.rules.no_party_objects and _names_no_party(s, o, d) for o in objs)


def _names_no_party(s: Sentence, obj, d: Draft) -> bool:
    """Whether an object phrase names no party but, at most, the owner of the thing met ("NATO's standards")."""
    ref = phrase_ref(s, obj, d.on)[0]
    return ref is None or (ref.span.root.dep_ == "poss" and ref.span.root.head.i == obj.i)


def undated_targetless(s: Sentence, claims: list[Claim]) -> list[Claim]:
    """Claims with neither a target nor a date, once every date a back-reference or a narrative gives them is in,
    say only that someone did something somewhere, sometime ("Castro said the father would travel with his wife",
    "after Gonzalez's arrival"): nothing a reader can place or reconcile, so they are dropped; so are claims of a
    two-sided event with one side only and no place, dated or not ("Hungary signed the accession document on
    February 10": signed with whom?; "held a joint exercise at Kunming in 2007" stays); types that take no target
    (a dissolution) keep theirs."""
    takes_target = {t.name for t in s.rules.types if t.target_kinds}
    two_sided = {t.name for t in s.rules.types if t.symmetric}
    return [c for c in claims if c.target or (c.date_start is not None and (c.event_type not in two_sided or c.location))
            or c.event_type not in takes_target]


def conditional_clause(s: Sentence, d: Draft) -> bool:
    """An event told only inside a condition is no claim ("would not turn the boy over if he came to the United
    States", "if he went to Miami"): the trigger's clause, or a clause it hangs from, opens with a
    ``condition_words`` word; a main clause under a condition ("he will come if invited") still counts."""
    node = d.trig
    while True:
        if any(c.dep_ == "mark" and c.lower_ in s.rules.condition_words for c in node.children):
            return False
        if node.head is node or node.dep_ == "ROOT":
            return True
        node = node.head


def between_sides(s: Sentence, d: Draft) -> bool:
    """A symmetric event's trigger with its own "between" phrase names both sides there ("the meeting between
    Elian and his grandmothers"): a side found outside that phrase (Cuba, elsewhere in the sentence) is a third
    party, and the claim is dropped rather than given to it."""
    own = [c for c in d.trig.children if c.dep_ == "prep" and c.lower_ == "between"]
    if not own or not d.et.symmetric or d.pair:
        return True  # "exercises between both the countries": the pair words named the sides
    lo, hi = subtree_range(own[0])
    return all(lo <= r.span.start < hi for r in (d.actor, *d.targets) if r is not None and not r.pronoun)


def needs_other_side(s: Sentence, d: Draft) -> bool:
    """An act the rules say needs its other side (``needs_target``: help goes to someone) is no claim without it
    ("she would produce new aid": for whom?). A state meets someone too: a state's meeting whose other side the
    sentence does not name is a misread phrase ("he wants diplomats based in Washington to meet with his son" is
    no meeting of the United States); a named person's meeting with someone unnamed ("Xi met his visitor in
    Xian") and a visit without its place reached still say who did what, when, and are kept."""
    if d.targets or d.actor is None:
        return True
    if d.et.needs_target:
        return False
    return not (d.et.symmetric and "person" in d.et.target_kinds) or d.actor.kind == "person"


def home_trip(s: Sentence, d: Draft) -> bool:
    """A person who goes to a place in their own country pays no visit ("Miami Mayor Joe Carollo flew to
    Washington"): a movement trigger left without a target once the traveller's own country is set aside
    (:func:`pipeline.claims.roles.home_country`) is dropped when its written place reached lies in that country."""
    if not d.et.movement or d.targets or d.actor is None or d.actor.kind != "person":
        return True
    reached = destination(s, d.trig, d.on)
    return reached is None or reached.name != home_country(s, d.actor, d.on)


def official_side(s: Sentence, d: Draft) -> bool:
    """A meeting between people counts when one side is official: a person with a title here or known to the
    gazetteer or by a nationality in their title ("Sister Jeanne O'Laughlin said after the meeting that Elian
    should stay": a nun and a child, no meeting between states)."""
    if not (d.et.symmetric and "person" in d.et.target_kinds) or d.actor is None or not d.targets:
        return True
    sides = (d.actor, *d.targets)
    return not all(r.kind == "person" and not role_near(s, r) and not home_country(s, r, d.on) for r in sides)


def needs_actor(s: Sentence, d: Draft) -> bool:
    """An event without its doer is not a claim an analyst can use ("an agreement was signed")."""
    return d.actor is not None


def distinct_sides(s: Sentence, d: Draft) -> bool:
    """A state's act with the same state on both sides is a misreading left unrepaired (see
    :func:`pipeline.claims.repairs.other_side_acts`)."""
    return not (d.actor is not None and d.targets and d.targets[0].name == d.actor.name
                and "country" in d.et.actor_kinds)


def opponent_not_party(s: Sentence, d: Draft) -> Draft:
    """One who opposes, presses against or would talk another out of an act is no party to it ("defying pressure
    from Washington to scrap the arms deal", "Washington, which strongly opposes the deal", "trying to dissuade
    India from purchasing S-400s": the United States neither sells nor buys): such an actor or target is dropped
    (``opposition_words``), and the act keeps only the parties its own phrases name."""
    words = s.rules.opposition_words
    if not words or d.et.actor_kinds[:1] != ("country",):
        return d  # a state's act only: what a speaker says or does in person is theirs, opposed or not
    actor = None if d.actor is not None and _opposes(d.actor, d.trig, words) else d.actor
    targets = tuple(t for t in d.targets if not _opposes(t, d.trig, words))
    return d if actor is d.actor and targets == d.targets else replace(d, actor=actor, targets=targets)


def _opposes(ref, trig, words: frozenset[str]) -> bool:
    """The entity stands in a phrase of an opposition word ("pressure from X", "calls from X") or is the subject
    of an opposition verb the trigger hangs from ("X opposes the deal")."""
    root = ref.span.root
    for anc in root.ancestors:
        if anc.i == trig.i:
            break
        if anc.lemma_.lower() in words:
            return True
    verbs = [root.head] if root.dep_ in ("nsubj", "nsubjpass") else []
    verbs += [c for c in root.children if c.dep_ == "relcl"]  # "Washington, which opposes the deal"
    verbs += [x for v in verbs for x in v.children if x.dep_ == "xcomp"]  # "tried to dissuade India"
    return any(v.lemma_.lower() in words and any(a.i == v.i for a in trig.ancestors) for v in verbs)

"""A trigger's other side: whom or what the act is directed at (a `to` phrase, the object, where a visitor goes, a
host's country, the two sides of a "between" phrase), and the places that are where, not who."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..actors import world_places
from ..ingest.layout import dateline_place, load_layout
from ..records import TimeValue
from .arguments import (announced_visit, antecedent, as_country, definite_person, governing_subject,
                        organisation_anaphor, organisation_anaphors, phrase_country, phrase_ref, subject_up,
                        title_holder, with_counterpart, written_owner)
from .context import VERBAL, Part, Sentence, governing_words, in_clause_phrase, subtree_range
from .resolver import Ref
from .roles import home_country
from .rules import EventType

if TYPE_CHECKING:
    from spacy.tokens import Token

def destination(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """The country reached by a movement verb: "arrived in Islamabad", "came to Pakistan", "flown to Beijing",
    "left for Moscow"."""
    for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at", "for")):
        for r in _states(s.resolver.refs(*subtree_range(prep), on), ("country",)):
            if r.kind == "country":
                return r
    return None


def between_pair(s: Sentence, trig: Token) -> tuple[Ref, Ref] | None:
    """Both sides of a symmetric event: the countries of a "between" phrase ("exercises between Pakistan and
    Russia"), or the article's two main countries when the sentence says "both countries"."""
    own = [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "between"]
    anywhere = [t for t in s.sent if t.dep_ == "prep" and t.lower_ == "between"]
    for prep in own or anywhere:
        sides = [r for r in s.resolver.refs(*subtree_range(prep), s.anchor) if r.kind == "country"]
        if len(sides) >= 2:
            return sides[0], sides[1]
    text = s.sent.text.lower().replace("’", "'")
    said = [w for w in s.rules.pair_words if w in text]
    if not said:
        return None
    if s.on("pair_people") and any(w in s.rules.pair_people for w in said):
        people = last_two_people(s, trig)
        if people is not None:
            return people
    return s.resolver.main_pair(s.anchor)


def last_two_people(s: Sentence, trig: Token) -> tuple[Ref, Ref] | None:
    """"The two leaders discussed trade" after "President A met Premier B": the last two people named whose
    countries are known and differ, before the trigger and not far back; None without."""
    found: list[Ref] = []
    for ent in reversed([e for e in s.resolver.ents if e.end <= trig.i and e.label_ == "PERSON"]):
        if ent.start < trig.i - _PEOPLE_REACH:
            break
        r = s.resolver.ref(ent, s.anchor)
        if r is None or r.kind != "person" or not r.country or any(f.name == r.name for f in found):
            continue  # only people whose country is known: the two leaders are two sides
        if found and r.country == found[0].country:
            continue  # "the two leaders" are the two sides, not two people of one side
        found.append(r)
        if len(found) == 2:
            return found[1], found[0]
    return None


# how far back (in tokens) the two people "the two leaders" stand for may have been named
_PEOPLE_REACH = 80


def people_with_dates(s: Sentence, trig: Token, hi: int, on: date | None) -> list[tuple[Ref, TimeValue]]:
    """Persons after the trigger each followed closely by their own date (two at least)."""
    out = []
    refs = [r for r in s.resolver.refs(trig.i + 1, hi, on) if r.kind == "person"]
    for n, r in enumerate(refs):
        stop = refs[n + 1].span.start if n + 1 < len(refs) else hi
        for i, tv in s.dates:
            if r.span.end <= i < min(stop, r.span.end + 4) and tv.start is not None:
                out.append((r, tv))
                break
    return out if len(out) >= 2 else []


def find_targets(s: Sentence, trig: Token, et: EventType, lo: int, hi: int, actor: Ref | None,
                 on: date | None) -> list[Ref]:
    """Targets in the trigger's subtree, then in its scope after it; several for coordinated objects; for a type
    joining or leaving organisations, a noun's when none is found there: the one alliance the sentence names."""
    kinds = et.target_kinds or ("country", "alliance", "organisation", "person")
    # "NATO expansion to include Poland", "BRICS expanded to include Iran": the one that grows, in the phrase of
    # the word the trigger counts under
    grown = [r for h in governing_words(trig, et) or () for r in s.resolver.refs(*subtree_range(h), on)
             if r.kind in kinds and r.kind != "country"]
    if grown:
        return grown[:1]
    if trig.lemma_.lower() in et.host_verbs:
        return _host(s, trig, kinds, on)
    actor_names = {actor.name, actor.country} if actor else set()
    # a person's visit never goes to the country they serve (a state's act on itself is repaired later)
    home = {home_country(s, actor, on)} if et.movement and actor and s.on("visitor_not_host") else set()

    def usable(refs: list[Ref]) -> list[Ref]:
        refs = _states(refs, kinds) if et.movement or et.seat_is_party or not s.on("located_places") else refs
        return [r for r in refs if r.kind in kinds and r.name not in home
                and not (et.movement and r.span.label_ == "NORP")
                and (et.movement or not s.on("located_places") or not located(s, trig, r)
                     or (et.seat_is_party and own_seat(trig, r)))]

    owner = object_owner(s, trig, on) if et.owner_is_target and s.on("object_owner") else None
    if owner is not None and owner.kind in kinds and owner.name not in actor_names:
        return [owner]
    # "During her visit to Kenya, Albright met Moi", "spent five hours in Tanzania before heading to Nairobi": a
    # "to" phrase of another event's noun or verb is that event's
    to_objects = [c for t in trig.subtree if t.dep_ == "prep" and t.lower_ == "to"
                  and not (s.on("own_to_phrase") and _other_event(s, trig, t.head))
                  for c in t.children if c.dep_ == "pobj"]
    for obj in to_objects:
        # "supply of helicopters to Pakistan", "visit to Russia": the recipient or destination
        refs = usable(s.resolver.refs(*subtree_range(obj), on))
        if refs and not et.many_targets:
            return refs[:1]
    reached = left_for(s, trig, on) if et.movement and s.on("reached_first") else None
    if reached is not None and reached.name not in home:
        return [reached]
    where = relative_where(s, trig, on) if et.movement and s.on("relative_where") else None
    if where is not None and where.name not in home:
        return [where]
    here = dateline_here(s, trig, on) if et.movement and s.on("dateline_here") else None
    if here is not None and here.name not in home:
        return [here]  # "ready to come here" in a story datelined WASHINGTON: to the United States
    if et.movement and s.on("written_destination") and destination_phrases(trig):
        # "paid a visit to the temple ... from India": the place reached is written and is no state
        return [r for p in destination_phrases(trig) for r in usable(s.resolver.refs(*subtree_range(p), on))][:1]
    own = s.on("own_phrase_target") and trig.pos_ not in VERBAL and trig.lemma_.lower() in et.agent_nouns
    for start, end in _own_phrase_windows(s, trig) if own else _target_windows(trig, lo, hi):
        found = s.resolver.refs(start, end, on)
        if "person" in kinds and s.on("definite_person"):
            found = [title_holder(s, r, on) or r for r in found]
        refs = [r for r in usable(found) if r.name not in actor_names
                and not (et.movement and s.on("visit_not_other_verbs") and other_verbs_argument(s, trig, r))]
        picked = [r for r in refs if r.kind in kinds] if et.many_targets else _first_of_kinds(refs, kinds)
        if picked:
            return picked
    wanted = {"alliance", "organisation"} & set(kinds)
    if not wanted:
        return []
    joined = [r for r in joined_phrase(s, trig, on) if r.name not in actor_names] if s.on("joined_phrase") else []
    if joined:
        return joined[:1]
    named = {r.name: r for r in s.resolver.refs(s.sent.start, s.sent.end, on) if r.kind in wanted}
    if not named:
        # "Poland joined the alliance": the alliance named before, unless the sentence names one itself ("was
        # joining the Western alliance ... when Pakistan joined SEATO")
        return [r for r in organisation_anaphors(s, *subtree_range(trig), on) if r.name not in actor_names][:1]
    alliances = [r for r in named.values() if r.kind == "alliance" and r.name not in actor_names]
    if s.on("sentence_alliance") and et.many_targets and trig.pos_ not in VERBAL and len(alliances) == 1:
        # "NATO's chief said the accession of the three countries ...": the one alliance the sentence names (an
        # organisation may be only where it happens: "at the United Nations"); a verb writes what is joined
        # ("joining by video link" joins no alliance)
        return alliances
    return []


def joined_phrase(s: Sentence, trig: Token, on: date | None) -> list[Ref]:
    """A "to"/"into" phrase that points back at an organisation, on the trigger or on the phrases and the verb it
    hangs from, is the one joined ("their entry into the bloc", "the envoys signed the accession protocols to the bloc",
    where the parser hangs "to" on "sign"), whatever else the sentence names."""
    chain = [trig]
    for anc in trig.ancestors if trig.pos_ not in VERBAL else ():
        chain.append(anc)
        if anc.pos_ in VERBAL:
            break
    return [r for node in chain for p in node.children if p.dep_ == "prep" and p.lower_ in ("to", "into")
            for r in organisation_anaphors(s, *subtree_range(p), on)]


def dateline_here(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """The country of the story's dateline when a movement trigger's place reached is a ``here_words`` word ("will
    come here" under "WASHINGTON, August 11 --", "is here on a visit"); None without such a word, with a place
    written in a "to" or "for" phrase, or without a dateline naming a known place."""
    layout = load_layout(s.rules.ruleset)
    # "is here on a three-day visit": the word may stand on the verb a visit noun hangs on
    holder = trig.head.head if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.dep_ == "prep" else trig
    here = next((c for c in holder.children if c.dep_ == "advmod" and c.lower_ in layout.here_words), None)
    if here is None or any(c.dep_ == "prep" and c.lower_ in ("to", "for") for c in trig.children):
        return None  # "left here for Dar es Salaam": the place written is the one reached
    place = world_places().lookup(dateline_place(s.document.text, layout)) if s.document.text else None
    if place is None:
        return None
    actor = s.gaz.lookup(place.country, on=on)
    country = actor.name if actor is not None else place.country
    return Ref(s.doc[here.i: here.i + 1], country, "country", country, place=True)


def left_for(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """The country of a "for" phrase of a movement verb with an object: "left Dar es Salaam for Nairobi" goes to
    Kenya; the object is where the trip starts."""
    if trig.pos_ not in VERBAL or not any(c.dep_ == "dobj" for c in trig.children):
        return None
    for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ == "for"):
        found = [r for r in _states(s.resolver.refs(*subtree_range(prep), on), ("country",)) if r.kind == "country"]
        if found:
            return found[0]
    return None


def _other_event(s: Sentence, trig: Token, tok: Token) -> bool:
    """Whether a token is another trigger of the sentence than ``trig`` (a noun the trigger gates absorbed into
    its own event, "visits ... after cancellation of the President's visit to Pakistan", is none)."""
    return tok.i != trig.i and tok in s.trigger_tokens


def relative_where(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """The place a relative "where" stands for, as the place a movement verb reaches ("Officials in Tanzania and
    Kenya, where she arrived next": Kenya): the country or city named right before ", where" (the parser often
    hangs the clause elsewhere). The ref stands at "where", so that no conjunct of the place is taken too."""
    where = next((c for c in trig.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
    if where is None or where.i < 2 or s.doc[where.i - 1].text != ",":
        return None
    before = [e for e in s.resolver.ents if e.end == where.i - 1]
    found = _states([r for e in before if (r := s.resolver.ref(e, on)) is not None], ("country",))
    if not found or found[0].kind != "country":
        return None
    return Ref(s.doc[where.i:where.i + 1], found[0].name, "country", found[0].country, place=True, pronoun=True)


def located(s: Sentence, trig: Token, ref: Ref) -> bool:
    """A city (or a capital named as a place) in a locative phrase of the trigger's clause is where the event
    happens, never a party to it ("met his visitor in Xian", "an exercise at Umroi", "in the Chinese city of
    Tianjin", "through the port of Odessa")."""
    return bool(ref.place) and in_clause_phrase(ref.span.root, trig, s.rules.locative_words)


def object_owner(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """"defended NATO's involvement in Kosovo", "endorsed Pakistan's bid": backing an act backs the one whose act
    it is, the possessor of the verb's object, not a place the act concerns."""
    if trig.pos_ not in VERBAL:
        return None
    for obj in (c for c in trig.children if c.dep_ == "dobj"):
        for poss in (c for c in obj.children if c.dep_ == "poss"):
            refs = s.resolver.refs(*subtree_range(poss), on)
            if refs:
                return refs[0]
    return None


def own_seat(trig: Token, ref: Ref) -> bool:
    """A city in a locative phrase is a party to an event whose seat stands for its government only where the
    phrase belongs to the trigger's own clause ("the treaty was signed in New Delhi", "bombed a plant in
    Khartoum"), not to another verb's ("diplomats based in Washington to meet his son")."""
    verb = trig if trig.pos_ in VERBAL else next((a for a in trig.ancestors if a.pos_ in VERBAL), None)
    first = next((a for a in ref.span.root.ancestors if a.pos_ in VERBAL), None)
    return verb is not None and first is not None and first.i == verb.i


def other_verbs_argument(s: Sentence, trig: Token, ref: Ref) -> bool:
    """A subject or object of another verb is no destination of a visit noun ("Erdogan, following his state visit
    in March 2004, praised Russia": Russia is praised, not visited); the verb a visit noun is the object of is the
    visit's own ("paid a visit", "Moscow welcomed the visit": the host)."""
    root = ref.span.root
    if root.dep_ not in ("nsubj", "nsubjpass", "dobj") or root.head.i == trig.i:
        return False
    own = trig.head.i if trig.dep_ in ("dobj", "nsubjpass") else None
    return root.head.pos_ in VERBAL and root.head.i != own


def destination_phrases(trig: Token) -> list[Token]:
    """Where a movement trigger writes the place reached: the object of "visit", a "to" phrase ("a visit to",
    "travelled to"), an "in"/"at" phrase of a verb ("arrived in"), a "for" phrase ("departed for Kenya")."""
    if trig.pos_ in VERBAL:
        found = [c for c in trig.children if c.dep_ == "dobj"]
        preps = [c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at", "for")]
        preps = [p for p in preps if p.lower_ == "to"] or (preps if trig.lemma_.lower() != "visit" else [])
    else:
        found, preps = [], [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "to"]
    return found + [o for p in preps for o in p.children if o.dep_ == "pobj"]


def _host(s: Sentence, trig: Token, kinds: tuple[str, ...], on: date | None) -> list[Ref]:
    """The host of "Xi hosted Modi in Wuhan": the subject (of the verb it hangs from: "NATO decided to admit"), as
    the country it serves or stands for, else the country of the place it hosts in ("Putin hosted Erdogan in
    Sochi")."""
    for subj in (c for c in subject_up(trig) if c.dep_ == "nsubj"):
        ref, _ = phrase_ref(s, subj, on)
        if ref is not None:
            ref = as_country(s, ref, on) or ref
            found = [r for r in _states([ref], kinds) if r.kind in kinds]
            if found or not s.on("host_place"):
                return found
            places = [p for p in trig.subtree if p.dep_ == "prep" and p.lower_ in s.rules.locative_words]
            return [r for p in places for r in _states(s.resolver.refs(*subtree_range(p), on), kinds)
                    if r.kind in kinds and r.kind == "country"][:1]
    return []


def _states(refs: list[Ref], kinds: tuple[str, ...]) -> list[Ref]:
    """A city where a country is wanted stands for its country as a place ("came to Miami": the United States,
    at Miami)."""
    if "country" not in kinds:
        return refs
    return [Ref(r.span, r.country, "country", r.country, place=True) if r.kind == "city" and r.country else r
            for r in refs]


def _target_windows(trig: Token, lo: int, hi: int) -> list[tuple[int, int]]:
    """Token ranges to look for targets in, in order: the subtree after the trigger, the scope after it."""
    sub_lo, sub_hi = subtree_range(trig)
    windows = [(max(sub_lo, trig.i), sub_hi), (trig.i + 1, hi)]
    if trig.pos_ not in VERBAL:
        windows.append((lo, trig.i))
    elif trig.dep_ == "conj" and trig.head.pos_ in VERBAL:
        # "visited Moscow and signed an MoU": the second verb shares the first one's counterpart
        head_lo, _ = subtree_range(trig.head)
        windows.append((max(head_lo, trig.head.i), sub_lo))
    return windows


def _own_phrase_windows(s: Sentence, trig: Token) -> list[tuple[int, int]]:
    """Where a noun whose doer is named in its own phrase names what it hits: in that phrase too ("U.S. strikes on
    Sudan"), or in the clause of the light verb it is the object of ("launched strikes against Iraq"); never in a
    clause around it ("Russia's President criticized the American raids": Russia was not raided)."""
    windows = [subtree_range(trig)]
    if trig.dep_ == "dobj" and trig.head.lemma_.lower() in s.rules.light_verbs:
        windows.append(subtree_range(trig.head))
    return windows


def _first_of_kinds(refs: list[Ref], kinds: tuple[str, ...]) -> list[Ref]:
    """The first ref of the first kind (in the rules' order) that has one."""
    for kind in kinds:
        picked = [r for r in refs if r.kind == kind]
        if picked:
            return picked[:1]
    return []


#: The argument heuristics an evaluation can switch off (``ablate``), each with its examples in
#: ``tests/test_claims_parts.py``.
ARGUMENT_PARTS = (Part("definite_person", "repair", definite_person), Part("announcer_not_visitor", "gate", announced_visit),
                  Part("with_counterpart", "gate", with_counterpart), Part("phrase_country", "repair", phrase_country),
                  Part("host_place", "repair", _host), Part("visitor_not_host", "gate", find_targets),
                  Part("located_places", "gate", located), Part("written_destination", "gate", destination_phrases),
                  Part("visit_not_other_verbs", "gate", other_verbs_argument),
                  Part("dateline_here", "repair", dateline_here), Part("own_phrase_target", "gate", _own_phrase_windows),
                  Part("said_not_doer", "gate", governing_subject),
                  Part("antecedent_only", "gate", phrase_ref), Part("relative_where", "repair", relative_where),
                  Part("pronoun_chain", "repair", antecedent), Part("own_to_phrase", "gate", find_targets),
                  Part("relative_not_self", "gate", phrase_ref), Part("kin_apposition", "repair", phrase_ref),
                  Part("object_owner", "repair", object_owner), Part("pair_people", "repair", last_two_people),
                  Part("organisation_antecedent", "repair", organisation_anaphor),
                  Part("joined_phrase", "repair", joined_phrase), Part("sentence_alliance", "repair", find_targets),
                  Part("written_owner", "gate", written_owner), Part("reached_first", "repair", left_for))

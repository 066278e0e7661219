"""A trigger's arguments: who acts (subject, possessor, ``of``/``by`` phrase), the title given to them, and whom
or what the act is directed at."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..records import TimeValue
from .context import PRONOUNS_GROUP, PRONOUNS_PERSON, VERBAL, Part, Sentence, has_possessor, subtree_range
from .resolver import Ref
from .rules import EventType

if TYPE_CHECKING:
    from spacy.tokens import Token

Found = tuple[Ref | None, str]


def find_actor(s: Sentence, trig: Token, on: date | None) -> Found:
    """The actor and the title the article gives it, from subject, possessor, ``of``/``by`` phrase."""
    verbal = trig.pos_ in VERBAL
    candidates = _verb_candidates(s, trig) if verbal else _noun_candidates(s, trig)
    for cand in candidates:
        if cand.dep_ in ("agent", "prep"):
            objs = [c for c in cand.children if c.dep_ == "pobj"]
            if not objs:
                continue
            cand = objs[0]
        ref, role = phrase_ref(s, cand, on)
        if ref is None or ref.kind == "city":
            continue  # a city is where, never who ("Miami welcomed" is not a state's act)
        if trig.lemma_.lower() in s.host_verbs and not _guest(s, cand, ref):
            continue
        if cand.dep_ in ("compound", "amod") and cand.head.i == trig.i and ref.place:
            continue  # "the Moscow visit": the place visited, not the visitor
        return ref, role
    return (None, "") if verbal else _noun_actor_fallback(s, trig, on)


def _guest(s: Sentence, obj: Token, ref: Ref) -> bool:
    """The object of a host verb is one who comes: a person or a state, not an event ("hosted the SCO summit")."""
    return ref.kind in ("person", "country") and obj.lemma_.lower() not in _event_nouns(s)


def _event_nouns(s: Sentence) -> frozenset[str]:
    """Every type's trigger nouns."""
    return frozenset().union(*(t.nouns for t in s.rules.types))


def _verb_candidates(s: Sentence, trig: Token) -> list[Token]:
    """Where a verb trigger's actor may be written, best first."""
    if trig.dep_ == "amod":
        return [trig.head]  # "the visiting Russian Prime Minister"
    if trig.lemma_.lower() in s.host_verbs:
        guests = [c for c in trig.children if c.dep_ == "dobj"]  # "Xi hosted Modi": Modi came
        # "hosted the visit of the Chinese Foreign Minister": the one whose visit it is came
        owners = [c for g in guests if g.lemma_.lower() in _event_nouns(s) for c in g.children
                  if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by"))]
        return owners + guests
    to_invitee = [c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "to"]
    if trig.dep_ in ("acl", "relcl") and to_invitee:
        # "an invitation to Prime Minister Liaquat Ali Khan to visit Moscow": the invitee would travel
        return to_invitee
    candidates = []
    if trig.lemma_.lower() in s.weak_verbs and any(c.dep_ == "auxpass" for c in trig.children):
        candidates.extend(c for c in trig.children if c.dep_ == "nsubjpass")  # "X was received in Beijing"
    candidates.extend(_subject_up(trig))
    if not candidates and trig.dep_ == "relcl":
        candidates.append(trig.head)  # "the USSR which broke up in 1992"
    if not candidates or trig.dep_ == "conj":
        # the parser sometimes swallows the subject into a fronted phrase ("In 2007 Pakistan's Minister
        # visited") or a list before it; the noun right before the verb is then its subject
        prev = s.doc[trig.i - 1] if trig.i > s.sent.start else None
        while prev is not None and prev.dep_ in ("aux", "auxpass", "advmod", "neg") and prev.i > s.sent.start:
            prev = s.doc[prev.i - 1]
        if prev is not None and prev.pos_ in ("NOUN", "PROPN"):
            candidates.append(prev)
    return candidates


def _subject_up(trig: Token) -> list[Token]:
    """The subject of the verb, or of the verbs it hangs from ("agreed to visit", "met and signed"), up to four
    levels."""
    head = trig
    for _ in range(4):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "agent")
                or (c.dep_ == "nsubjpass" and head.i != trig.i)
                or (c.dep_ == "poss" and head.pos_ in ("NOUN", "PROPN"))]
        if subj:
            return subj
        if head.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "dobj") or head.head.i == head.i:
            break
        head = head.head
    return []


def _noun_candidates(s: Sentence, trig: Token) -> list[Token]:
    """Where a noun trigger's actor may be written, best first: possessor, ``of``/``by`` phrase, modifier."""
    candidates = []
    for c in trig.children:
        if c.dep_ in ("poss", "compound", "amod") or (c.dep_ == "prep" and c.lower_ in ("of", "by")):
            candidates.append(c)
        if c.dep_ == "acl":
            # "agreements signed between Russia and India", "a visit made by ..."
            candidates.extend(p for p in c.children if p.dep_ in ("prep", "agent") and p.lower_ in ("between", "by"))
    if trig.dep_ == "nsubj" and trig.head.lemma_ == "be":
        # "another visit ... was by Russian Defence Minister Sergei Shoigu"
        candidates.extend(c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "by")
    if (trig.dep_ in ("dobj", "nsubjpass") and trig.head.pos_ in VERBAL
            and trig.head.lemma_.lower() in s.rules.light_verbs and not has_possessor(trig)):
        # "X paid a visit", "X was scheduled to have a visit": the light verb's subject; one who announces or
        # hosts a visit is its source or host, not the visitor ("Russian officials announced the visit")
        if s.on("announcer_not_visitor") and _announced_visit(s, trig):
            return candidates
        light = [c for c in trig.head.children if c.dep_ == "nsubj"]
        light = light or [c for h in trig.head.ancestors for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        candidates.extend(light)
    return candidates


def with_counterpart(trig: Token, ref: Ref) -> bool:
    """One named in a "with" phrase of a trigger noun is the other side, never its actor ("regional issues will be
    discussed during the meeting with Russian President Vladimir Putin": Putin is met)."""
    for anc in ref.span.root.ancestors:
        if anc.i == trig.i:
            return False
        if anc.dep_ == "prep" and anc.lower_ == "with" and anc.head.i == trig.i:
            return True
    return False


def _announced_visit(s: Sentence, trig: Token) -> bool:
    """A visit noun that is the object of a verb of saying or hosting ("announced the visit", "hosted the
    visit"): the verb's subject is not the one who travels."""
    verb = trig.head.lemma_.lower()
    return (verb in s.rules.attribution_verbs or verb in s.host_verbs) and any(
        t.movement and trig.lemma_.lower() in t.nouns for t in s.rules.types)


def _noun_actor_fallback(s: Sentence, trig: Token, on: date | None) -> Found:
    """A noun trigger's actor when no phrase of it names one: a person in its phrase, else the subject of the
    clause it is in."""
    # "the 2003 visit to Moscow of Pervez Musharraf": the parser hangs "of" on the city
    people = [r for r in s.resolver.refs(*subtree_range(trig), on) if r.kind == "person"
              and not (s.on("with_counterpart") and with_counterpart(trig, r))]
    if people:
        return people[0], role_near(s, people[0])
    # "visits" alone are generic; "the country's disintegration" names its own (unresolved) owner
    subject = clause_subject(trig) if trig.tag_ != "NNS" and not has_possessor(trig) else None
    if subject is not None and not (s.on("announcer_not_visitor") and _announced_visit(s, trig)):
        return phrase_ref(s, subject, on)
    return None, ""


def clause_subject(tok: Token) -> Token | None:
    """The subject of the verb that governs a noun ("Pakistan and Russia held talks on a trade agreement")."""
    for anc in tok.ancestors:
        if anc.pos_ in VERBAL:
            subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subj[0] if subj else None
    return None


def phrase_ref(s: Sentence, tok: Token, on: date | None) -> Found:
    """The actor a noun phrase names: a person wins over a country; pronouns take the last such entity."""
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if tok.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
        return _pronoun_ref(s, tok, on), ""
    lo, hi = subtree_range(tok)
    refs = s.resolver.refs(lo, hi, on)
    role = title_in(s, lo, hi)
    people = [r for r in refs if r.kind == "person"]
    if people:
        return people[0], role or role_near(s, people[0])
    countries = [r for r in refs if r.kind == "country"]
    if role and on is not None:
        holder = s.gaz.holder(role, countries[0].name if countries else "", on)
        if holder is not None:
            return Ref(s.doc[lo:hi], holder.name, "person", holder.country), role
    # "the army chief", "the Indian premier": a title whose only name is its nationality
    own = [r for r in refs if r.kind == "country" and r.span.root.head.i == tok.i
           and r.span.root.dep_ in ("amod", "compound", "poss")]
    if len(own) == len(refs) <= 1 and s.on("definite_person"):
        named = definite_person(s, tok, role, on, own[0].name if own else "")
        if named is not None:
            return named, role
    others = [r for r in refs if r.kind in ("country", "organisation", "alliance")]
    return (others[0] if others else None), role


def definite_person(s: Sentence, tok: Token, role: str, on: date | None, country: str = "") -> Ref | None:
    """A definite title or rank without a name ("the army chief", "the general", "the Indian premier") is the
    person last named with that title or rank (an abbreviation keeps the word's start: "Gen Raheel Sharif ... the
    general"), else the last person named, in this sentence or the two before; a nationality in the phrase must be
    the person's.

    Args:
        s: The sentence.
        tok: The head of the noun phrase ("chief" of "the army chief").
        role: The title the phrase gives ("Chief of Army Staff"), or "".
        on: The date names are resolved at.
        country: The country the phrase names as the title's ("Indian"), or "".

    Returns:
        The person, marked as standing for a pronoun, or None when the phrase is no definite title or rank.
    """
    rank = tok.pos_ in ("NOUN", "PROPN") and s.gaz.is_prefix(tok.text)
    if not (role or rank) or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    start = s.sent.start
    for _ in range(2):
        start = s.doc[start - 1].sent.start if start > 0 else start
    people = [r for r in s.resolver.refs(start, tok.left_edge.i, on) if r.kind == "person"
              and (not country or r.country == country)]
    for person in reversed(people):
        before = s.doc[max(0, person.span.start - 3):person.span.start]
        if (role and title_in(s, max(0, person.span.start - 5), person.span.end + 5) == role) or (
                rank and any(t.lower_[:3] == tok.lower_[:3] and s.gaz.is_prefix(t.text) for t in before)):
            return replace(person, pronoun=True)
    return replace(people[-1], pronoun=True) if people else None


def _title_holder(s: Sentence, ref: Ref, on: date | None) -> Ref | None:
    """The person a nationality's title stands for ("to meet the Indian premier": the Indian Prime Minister last
    named), or None when the nationality modifies no definite title."""
    head = ref.span.root.head
    if ref.kind != "country" or ref.span.root.dep_ not in ("amod", "compound") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    role = title_in(s, *subtree_range(head))
    return definite_person(s, head, role, on, ref.name) if role else None


def _pronoun_ref(s: Sentence, tok: Token, on: date | None) -> Ref | None:
    """What a pronoun stands for, marked as a pronoun ("they" and "their" also mark a continuation; for a
    symmetric event they stand for both sides)."""
    kinds = {"person"} if tok.lower_ in PRONOUNS_PERSON else {"country", "organisation", "alliance"}
    if tok.dep_ == "poss" and tok.head.dep_ != "dobj":
        # "supported India in its aggression": a possessive points at the nearest fitting name, except
        # on the verb's own object ("Russia ... expressed its desire"), where it is the subject's
        ref = s.resolver.last_before(tok.i, kinds, on, min_i=s.sent.start)
        ref = ref or antecedent(s, tok, kinds, on)
    else:
        ref = antecedent(s, tok, kinds, on)
    return replace(ref, pronoun=True) if ref else None


def antecedent(s: Sentence, pronoun: Token, kinds: set[str], on: date | None) -> Ref | None:
    """What a pronoun stands for: the subject of the clause before it, else the last entity of its kind."""
    start = max(0, s.sent.start - 60)
    subjects = [t for t in s.doc[start:pronoun.i] if t.dep_ in ("nsubj", "nsubjpass") and t.i != pronoun.i
                and t.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP]
    for subj in reversed(subjects):
        refs = [r for r in s.resolver.refs(*subtree_range(subj), on) if r.kind in kinds]
        if refs:
            people = [r for r in refs if r.kind == "person"]
            return people[0] if people else refs[0]
    return s.resolver.last_before(pronoun.i, kinds, on, min_i=start)


def title_in(s: Sentence, lo: int, hi: int) -> str:
    """The longest title in a token range ("Russian Deputy Prime Minister" → "Deputy Prime Minister")."""
    words = [t.text for t in s.doc[lo:hi]]
    for size in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - size + 1):
            title = s.gaz.normalise_title(" ".join(words[k:k + size]))
            if title:
                return title
    return ""


def role_near(s: Sentence, ref: Ref) -> str:
    """A title written just before a person's name ("Russian Prime Minister, Mikhail Fradkov")."""
    lo = max(s.sent.start, ref.span.start - 5)
    return title_in(s, lo, ref.span.start) or title_in(s, ref.span.start, ref.span.end)


def as_country(s: Sentence, ref: Ref, on: date | None) -> Ref | None:
    """The country a person serves, as the actor of a state's act: the gazetteer's, else the one written before
    the name in its phrase ("Russian President Vladimir Putin")."""
    if ref.kind != "person":
        return None
    country = ref.country or (phrase_country(s, ref, on) if s.on("phrase_country") else "")
    if not country:
        return None
    actor = s.gaz.lookup(country, on=on)
    name = actor.name if actor else country
    return Ref(ref.span, name, "country", name)


def phrase_country(s: Sentence, ref: Ref, on: date | None) -> str:
    """The country a person's own phrase names before the name ("Russian President Vladimir Putin",
    "Turkey's President Erdogan"), or ""."""
    start = min(ref.span.root.left_edge.i, ref.span.start)
    countries = [r for r in s.resolver.refs(start, ref.span.start, on) if r.kind == "country" and not r.place]
    return countries[-1].name if countries else ""


def coordinated(s: Sentence, actor: Ref, on: date | None) -> Ref | None:
    """The second party of a coordinated subject ("Pakistan and Russia held ...")."""
    for conj in actor.span.root.conjuncts:
        for r in s.resolver.refs(conj.i, conj.i + 1, on):
            if r.name != actor.name:
                return r
    return None


def destination(s: Sentence, trig: Token, on: date | None) -> Ref | None:
    """The country reached by a movement verb: "arrived in Islamabad", "came to Pakistan", "flown to Beijing"."""
    for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")):
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
    if not any(w in text for w in s.rules.pair_words):
        return None
    return s.resolver.main_pair(s.anchor)


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
    """Targets in the trigger's subtree, then in its scope after it; several for coordinated objects."""
    kinds = et.target_kinds or ("country", "alliance", "organisation", "person")
    if trig.lemma_.lower() in et.host_verbs:
        return _host(s, trig, kinds, on)
    actor_names = {actor.name, actor.country} if actor else set()
    # a person's visit never goes to the country they serve (a state's act on itself is repaired later)
    home = {actor.country} if et.movement and actor and actor.kind == "person" and s.on("visitor_not_host") else set()

    def usable(refs: list[Ref]) -> list[Ref]:
        refs = _states(refs, kinds) if et.movement or not s.on("located_places") else refs
        return [r for r in refs if r.kind in kinds and r.name not in home
                and (et.movement or et.seat_is_party or not s.on("located_places") or not located(s, trig, r))]

    to_objects = [c for t in trig.subtree if t.dep_ == "prep" and t.lower_ == "to" for c in t.children
                  if c.dep_ == "pobj"]
    for obj in to_objects:
        # "supply of helicopters to Pakistan", "visit to Russia": the recipient or destination
        refs = usable(s.resolver.refs(*subtree_range(obj), on))
        if refs and not et.many_targets:
            return refs[:1]
    if et.movement and s.on("written_destination") and destination_phrases(trig):
        # "paid a visit to the temple ... from India": the place reached is written and is no state
        return [r for p in destination_phrases(trig) for r in usable(s.resolver.refs(*subtree_range(p), on))][:1]
    for start, end in _target_windows(trig, lo, hi):
        found = s.resolver.refs(start, end, on)
        if "person" in kinds and s.on("definite_person"):
            found = [_title_holder(s, r, on) or r for r in found]
        refs = [r for r in usable(found) if r.name not in actor_names
                and not (et.movement and s.on("visit_not_other_verbs") and other_verbs_argument(s, trig, r))]
        picked = [r for r in refs if r.kind in kinds] if et.many_targets else _first_of_kinds(refs, kinds)
        if picked:
            return picked
    return []


def located(s: Sentence, trig: Token, ref: Ref) -> bool:
    """A city (or a capital named as a place) in a locative phrase of the trigger's clause is where the event
    happens, never a party to it ("met his visitor in Xian", "an exercise at Umroi", "in the Chinese city of
    Tianjin", "through the port of Odessa")."""
    if not ref.place:
        return False
    for anc in ref.span.root.ancestors:
        if anc.i == trig.i or anc.pos_ in VERBAL:
            return False
        if anc.dep_ == "prep" and anc.lower_ in s.rules.locative_words:
            return True
    return False


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
    "travelled to"), an "in"/"at" phrase of a verb ("arrived in")."""
    if trig.pos_ in VERBAL:
        found = [c for c in trig.children if c.dep_ == "dobj"]
        preps = [c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")]
        preps = [p for p in preps if p.lower_ == "to"] or (preps if trig.lemma_.lower() != "visit" else [])
    else:
        found, preps = [], [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "to"]
    return found + [o for p in preps for o in p.children if o.dep_ == "pobj"]


def _host(s: Sentence, trig: Token, kinds: tuple[str, ...], on: date | None) -> list[Ref]:
    """The host of "Xi hosted Modi in Wuhan": the subject, as the country it serves or stands for, else the
    country of the place it hosts in ("Putin hosted Erdogan in Sochi")."""
    for subj in (c for c in trig.children if c.dep_ == "nsubj"):
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


def _first_of_kinds(refs: list[Ref], kinds: tuple[str, ...]) -> list[Ref]:
    """The first ref of the first kind (in the rules' order) that has one."""
    for kind in kinds:
        picked = [r for r in refs if r.kind == kind]
        if picked:
            return picked[:1]
    return []


#: The argument heuristics an evaluation can switch off (``ablate``), each with its examples in
#: ``tests/test_claims_parts.py``.
ARGUMENT_PARTS = (Part("definite_person", "repair", definite_person), Part("announcer_not_visitor", "gate", _announced_visit),
                  Part("with_counterpart", "gate", with_counterpart), Part("phrase_country", "repair", phrase_country),
                  Part("host_place", "repair", _host), Part("visitor_not_host", "gate", find_targets),
                  Part("located_places", "gate", located), Part("written_destination", "gate", destination_phrases),
                  Part("visit_not_other_verbs", "gate", other_verbs_argument))

"""A trigger's arguments: who acts (subject, possessor, ``of``/``by`` phrase), the title given to them, and whom
or what the act is directed at."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..quantities import load_vocabulary, to_number
from ..records import TimeValue
from .context import PRONOUNS_GROUP, PRONOUNS_PERSON, VERBAL, Sentence, has_possessor, subtree_range
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
        if not verbal and _recipient(ref.span.root, trig):
            continue  # "a gift of supplies to Kenya": Kenya receives
        return ref, role
    return (None, "") if verbal else _noun_actor_fallback(s, trig, on)


def _names_an_event(s: Sentence, ref: Ref) -> bool:
    """A "person" whose name ends in an event noun names the event ("Simla Agreement", tagged PERSON by the
    model), not someone who acts."""
    return ref.kind == "person" and ref.span[-1].lemma_.lower() in s.event_nouns


def _recipient(tok: Token, trig: Token) -> bool:
    """Whether a token lies in a "to" or "for" phrase between it and the trigger (the recipient's side)."""
    for anc in tok.ancestors:
        if anc.i == trig.i:
            return False
        if anc.dep_ == "prep" and anc.lower_ in ("to", "for"):
            return True
    return False


def _guest(s: Sentence, obj: Token, ref: Ref) -> bool:
    """The object of a host verb is one who comes: a person or a state, not an event ("hosted the SCO summit")."""
    return ref.kind in ("person", "country") and obj.lemma_.lower() not in s.event_nouns


def _verb_candidates(s: Sentence, trig: Token) -> list[Token]:
    """Where a verb trigger's actor may be written, best first."""
    if trig.dep_ == "amod":
        return [trig.head]  # "the visiting Russian Prime Minister"
    if trig.lemma_.lower() in s.host_verbs:
        return [c for c in trig.children if c.dep_ == "dobj"]  # "Xi hosted Modi": Modi came
    controller = [c for c in trig.head.children if c.dep_ == "dobj"] if trig.dep_ == "xcomp" \
        and trig.head.lemma_.lower() in s.rules.object_control else []
    if controller:
        return controller  # "invited Geremek to visit Washington": Geremek would travel
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
        # "X paid a visit", "X was scheduled to have a visit": the light verb's subject
        light = [c for c in trig.head.children if c.dep_ == "nsubj"]
        light = light or [c for h in trig.head.ancestors for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        candidates.extend(light)
    return candidates


def _noun_actor_fallback(s: Sentence, trig: Token, on: date | None) -> Found:
    """A noun trigger's actor when no phrase of it names one: a person in its phrase, else the subject of the
    clause it is in."""
    # "the 2003 visit to Moscow of Pervez Musharraf": the parser hangs "of" on the city
    people = [r for r in s.resolver.refs(*subtree_range(trig), on) if r.kind == "person"]
    if people:
        return people[0], role_near(s, people[0])
    # "visits" alone are generic; "the country's disintegration" names its own (unresolved) owner
    subject = clause_subject(trig) if trig.tag_ != "NNS" and not has_possessor(trig) else None
    if subject is not None:
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
    refs = [r for r in s.resolver.refs(lo, hi, on) if not _names_an_event(s, r)]
    role = title_in(s, lo, hi)
    people = [r for r in refs if r.kind == "person"]
    countries = [r for r in refs if r.kind == "country"]
    if people:
        # "McKinnon's spokesman said": the phrase's title is the spokesman's, not the possessor's
        person_role = role_near(s, people[0]) or ("" if people[0].span.root.dep_ == "poss" else role)
        return (served_state(people[0], countries) if person_role else people[0]), person_role
    if role and on is not None:
        holder = s.gaz.holder(role, countries[0].name if countries else "", on)
        if holder is not None:
            return Ref(s.doc[lo:hi], holder.name, "person", holder.country), role
    others = [r for r in refs if r.kind in ("country", "organisation", "alliance")]
    if not others and not people:
        return organisation_anaphor(s, tok, on), role
    return (others[0] if others else None), role


def organisation_anaphor(s: Sentence, tok: Token, on: date | None) -> Ref | None:
    """"The alliance invited ...", "join the 16-nation bloc": a definite organisation noun (``organisation_nouns``)
    stands for the last alliance (for "the organisation": alliance or organisation) named before it."""
    lemma = tok.lemma_.lower()
    if lemma not in s.rules.organisation_nouns \
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    kinds = {"alliance", "organisation"} if lemma.startswith("organi") else {"alliance"}
    ref = s.resolver.last_before(tok.i, kinds, on)
    return replace(ref, pronoun=True) if ref else None


def organisation_anaphors(s: Sentence, start: int, end: int, on: date | None) -> list[Ref]:
    """The organisations that definite organisation nouns in tokens ``[start, end)`` stand for ("joined the
    alliance")."""
    out = []
    for tok in s.doc[start:end]:
        ref = organisation_anaphor(s, tok, on) if tok.lemma_.lower() in s.rules.organisation_nouns else None
        if ref is not None:
            out.append(ref)
    return out


def group_anaphor(s: Sentence, tok: Token, on: date | None) -> list[Ref]:
    """"the three countries", "these three democracies", "all three": the countries of the last list of that many
    named before (``group_nouns``); [] for any other phrase."""
    if tok.like_num:
        number, marked = tok, any(c.lower_ in ("the", "these", "those", "all") for c in tok.children)
    elif tok.lemma_.lower() in s.rules.group_nouns and tok.tag_ in ("NNS", "NNPS"):
        nums = [c for c in tok.children if c.dep_ == "nummod"]
        number = nums[0] if nums else None
        marked = any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "these", "those", "all") for c in tok.children)
    else:
        return []
    n = to_number(number.text, load_vocabulary(s.rules.ruleset)) if number is not None and marked else None
    if n is None or not 2 <= n <= 12 or n != int(n):
        return []
    return s.resolver.last_list(tok.i, int(n), on)


def actor_candidates(s: Sentence, trig: Token) -> list[Token]:
    """Where a trigger's actor may be written, best first (subject, possessor, ``of``/``by`` phrase...)."""
    return _verb_candidates(s, trig) if trig.pos_ in VERBAL else _noun_candidates(s, trig)


#: How far from a name its title's phrase reaches ("Pakistan's petroleum secretary, Dr. Imran Qadir").
TITLE_REACH = 6


def served_state(person: Ref, countries: list[Ref]) -> Ref:
    """A person the gazetteer does not place serves the state named in their own phrase ("Russian Deputy Foreign
    Minister Igor Morgulov", "X, Pakistan's ambassador to Russia"): the first one within :data:`TITLE_REACH`
    tokens of the name not governed by a preposition ("to Russia" is where the ambassador is sent). Called only
    for a person written with a title."""
    if person.country:
        return person
    lo, hi = person.span.start - TITLE_REACH, person.span.end + TITLE_REACH
    for c in countries:
        if (lo <= c.span.start < hi and not c.place and c.span.root.head.dep_ != "prep"
                and c.span.root.dep_ != "pobj"):
            return replace(person, country=c.name)
    return person


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


def titles_at(s: Sentence, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Every title in a token range, as ``(first token, end token, canonical title)``: the title grammar's
    (``rules/en/titles.yaml``: "Oil Minister", "the petroleum secretary", "Secretary Petroleum") under the
    gazetteer's canonical name when it lists the title ("Minister for Foreign Affairs" → "Foreign Minister"),
    and the gazetteer's own titles the grammar does not spell ("Governor-General"). A rank counts only right
    before a name ("Gen. Bajwa", not "the UN General Assembly")."""
    words = [t.text for t in s.doc[lo:hi]]
    found = []
    for start, end, title in s.resolver.titles.spans(words):
        if title.kind == "rank" and not _before_name(s, lo + end):
            continue
        text = " ".join(words[start:end])
        found.append((lo + start, lo + end, s.gaz.normalise_title(text) or s.gaz.normalise_title(title.label)
                      or title.label))
    for size in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - size + 1):
            title = s.gaz.normalise_title(" ".join(words[k:k + size]))
            if title and not any(a <= lo + k and lo + k + size <= b for a, b, _ in found):
                found.append((lo + k, lo + k + size, title))
    return sorted(found)


def _before_name(s: Sentence, i: int) -> bool:
    """Whether token ``i`` starts a name: a proper noun or a person entity."""
    return i < len(s.doc) and (s.doc[i].ent_type_ == "PERSON" or s.doc[i].pos_ == "PROPN")


def title_in(s: Sentence, lo: int, hi: int) -> str:
    """The longest title in a token range ("Russian Deputy Prime Minister" → "Deputy Prime Minister")."""
    found = titles_at(s, lo, hi)
    return max(found, key=lambda f: (f[1] - f[0], -f[0]))[2] if found else ""


#: Words that may stand between a name and the title in apposition after it ("Imran Qadir, the Defence
#: Minister", "X, Pakistan's ambassador to Russia", "X, then Foreign Minister").
APPOSITION_GAP = 3


def role_near(s: Sentence, ref: Ref) -> str:
    """The title written with a person's name: just before it ("Russian Prime Minister, Mikhail Fradkov", "the
    petroleum secretary, Dr. Imran Qadir"), inside the name's span, or in apposition after it ("Imran Qadir, the
    Defence Minister,")."""
    lo = max(s.sent.start, ref.span.start - 6)
    before = [f for f in titles_at(s, lo, ref.span.start) if _only_honorifics(s, f[1], ref.span.start)]
    if before:
        # "Chief of Army Staff, General Kayani": the office, not the rank
        offices = [f for f in before if s.resolver.titles.read(f[2]) is None
                   or s.resolver.titles.read(f[2]).kind != "rank"]
        return (offices or before)[-1][2]
    inside = title_in(s, ref.span.start, ref.span.end)
    return inside or apposition_title(s, ref.span.end)


def _only_honorifics(s: Sentence, start: int, end: int) -> bool:
    """Whether the tokens between a title and a name are only punctuation, honorifics and a title's article."""
    return all(t.is_punct or s.resolver.titles.is_title_word(t.text) for t in s.doc[start:end])


def apposition_title(s: Sentence, end: int) -> str:
    """The title of an apposition right after a name: a comma, at most :data:`APPOSITION_GAP` words (an
    article, a country and its possessive), then the title ("Imran Qadir, the Defence Minister")."""
    if end >= s.sent.end or s.doc[end].text != ",":
        return ""
    stop = min(s.sent.end, end + 1 + APPOSITION_GAP + 5)
    for t in s.doc[end + 1:stop]:
        if t.text in (",", ";", "(", ")") or t.pos_ in ("VERB", "AUX"):
            stop = t.i
            break
    found = [f for f in titles_at(s, end + 1, stop) if f[0] - (end + 1) <= APPOSITION_GAP]
    return found[0][2] if found else ""


def as_country(s: Sentence, ref: Ref, on: date | None) -> Ref | None:
    """The country a person serves, as the actor of a state's act."""
    if ref.kind == "person" and ref.country:
        actor = s.gaz.lookup(ref.country, on=on)
        name = actor.name if actor else ref.country
        return Ref(ref.span, name, "country", name)
    return None


def coordinated(s: Sentence, actor: Ref, on: date | None) -> Ref | None:
    """The second party of a coordinated subject ("Pakistan and Russia held ...")."""
    for conj in actor.span.root.conjuncts:
        for r in s.resolver.refs(conj.i, conj.i + 1, on):
            if r.name != actor.name:
                return r
    return None


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
    to_objects = [c for t in trig.subtree if t.dep_ == "prep" and t.lower_ == "to" for c in t.children
                  if c.dep_ == "pobj"]
    for obj in to_objects:
        # "supply of helicopters to Pakistan", "visit to Russia": the recipient or destination
        refs = [r for r in _states(s.resolver.refs(*subtree_range(obj), on), kinds) if r.kind in kinds]
        if refs and not et.many_targets:
            return refs[:1]
    actor_names = {actor.name, actor.country} if actor else set()
    for start, end in _target_windows(trig, lo, hi):
        refs = [r for r in _states(s.resolver.refs(start, end, on), kinds) if r.name not in actor_names]
        picked = [r for r in refs if r.kind in kinds] if et.many_targets else _first_of_kinds(refs, kinds)
        if picked:
            return picked
    wanted = {"alliance", "organisation"} & set(kinds)
    if wanted and not any(r.kind in wanted for r in s.resolver.refs(s.sent.start, s.sent.end, on)):
        # "Poland joined the alliance": the alliance named before, unless the sentence names one itself ("was
        # joining the Western alliance ... when Pakistan joined SEATO")
        return [r for r in organisation_anaphors(s, *subtree_range(trig), on) if r.name not in actor_names][:1]
    return []


def _host(s: Sentence, trig: Token, kinds: tuple[str, ...], on: date | None) -> list[Ref]:
    """The host of "Xi hosted Modi in Wuhan": the subject (of the verb it hangs from: "NATO decided to admit"), as
    the country it serves or stands for."""
    for subj in (c for c in _subject_up(trig) if c.dep_ == "nsubj"):
        ref, _ = phrase_ref(s, subj, on)
        if ref is not None:
            ref = as_country(s, ref, on) or ref
            return [r for r in _states([ref], kinds) if r.kind in kinds]
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

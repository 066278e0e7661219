"""A trigger's arguments: who acts (subject, possessor, ``of``/``by`` phrase), the title given to them, and whom
or what the act is directed at."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..quantities import load_vocabulary, to_number
from .context import PRONOUNS_GROUP, PRONOUNS_PERSON, VERBAL, Sentence, has_possessor, subtree_range
from .resolver import Ref
from .roles import role_near, served_state, title_in

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
        guests = [c for c in trig.children if c.dep_ == "dobj"]  # "Xi hosted Modi": Modi came
        # "hosted the visit of the Chinese Foreign Minister": the one whose visit it is came
        owners = [c for g in guests if g.lemma_.lower() in s.event_nouns for c in g.children
                  if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by"))]
        return owners + guests
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
    candidates.extend(subject_up(trig))
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


def subject_up(trig: Token) -> list[Token]:
    """The subject of the verb, or of the verbs it hangs from ("agreed to visit", "met and signed"), up to four
    levels."""
    head = trig
    for _ in range(4):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "agent")
                or (c.dep_ == "nsubjpass" and head.i != trig.i)
                or (c.dep_ == "poss" and head.pos_ in ("NOUN", "PROPN") and not _indefinite(c))]
        if subj:
            return subj
        if head.dep_ in ("pcomp", "pobj") and head.head.dep_ == "prep" and head.head.head.pos_ in VERBAL:
            # "spent five hours in Tanzania before heading to Nairobi": who spent, heads on; "is ready at a moment's
            # notice to come": who is ready, comes
            head = head.head.head
            continue
        if head.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "dobj", "acomp") or head.head.i == head.i:
            break
        head = head.head
    return []


def _indefinite(tok: Token) -> bool:
    """An indefinite possessor ("at a moment's notice", "a day's drive") owns nothing: it measures."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


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
        if s.on("announcer_not_visitor") and announced_visit(s, trig):
            return candidates
        light = [c for c in trig.head.children if c.dep_ == "nsubj"]
        candidates.extend(light or governing_subject(s, trig.head))
    return candidates


def governing_subject(s: Sentence, verb: Token) -> list[Token]:
    """The subject of the nearest clause above a subjectless verb ("X was scheduled to have a visit"), never
    past a verb of saying, whose subject is the source ("the mother was taken along to make the trip, Castro
    said": Castro made no trip)."""
    for head in verb.ancestors:
        if s.on("said_not_doer") and head.lemma_.lower() in s.rules.attribution_verbs:
            return []
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj
    return []


def with_counterpart(trig: Token, ref: Ref) -> bool:
    """One named in a "with" phrase of a trigger noun is the other side, never its actor ("regional issues will be
    discussed during the meeting with Russian President Vladimir Putin": Putin is met)."""
    for anc in ref.span.root.ancestors:
        if anc.i == trig.i:
            return False
        if anc.dep_ == "prep" and anc.lower_ == "with" and anc.head.i == trig.i:
            return True
    return False


def announced_visit(s: Sentence, trig: Token) -> bool:
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
    if subject is not None and s.on("written_owner") and written_owner(trig):
        return None, ""
    if subject is not None and not (s.on("announcer_not_visitor") and announced_visit(s, trig)):
        return phrase_ref(s, subject, on)
    return None, ""


def written_owner(trig: Token) -> bool:
    """A trigger noun whose "of" phrase names its owner ("the accession of the three countries") is not the act
    of its clause's subject ("the envoy said the accession of the two states ..." is not the envoy's), even
    when that owner is no name the resolver knows); a name's "of" phrase is part of the name ("the Treaty of
    Friendship")."""
    return trig.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ in ("NOUN", "PRON") for o in c.children)
        for c in trig.children)


def clause_subject(tok: Token) -> Token | None:
    """The subject of the verb that governs a noun ("Pakistan and Russia held talks on a trade agreement")."""
    for anc in tok.ancestors:
        if anc.pos_ in VERBAL:
            subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and anc.dep_ == "acl" and anc.tag_ == "VBG" and anc.head.pos_ == "PROPN":
                return anc.head  # "Kikwete, speaking at a joint news conference": the one speaking
            if not subj and anc.dep_ == "pcomp":
                subj = subject_up(anc)  # "paid tribute to bombing victims on a visit": the verb "to" hangs from
            return subj[0] if subj else None
    return None


def phrase_ref(s: Sentence, tok: Token, on: date | None) -> Found:
    """The actor a noun phrase names: a person wins over a country; pronouns take the last such entity."""
    clause = None
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        clause, tok = tok.head, tok.head.head
    if tok.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
        return _pronoun_ref(s, tok, on), ""
    lo, hi = subtree_range(tok)
    if clause is not None and s.on("antecedent_only"):
        hi = min(hi, clause.left_edge.i)  # "his father, who could come from Cuba": the father, not Cuba
    if s.on("antecedent_only"):
        # "protesters demonstrating over (angry over) the execution of a cleric": the protesters, not the cleric
        hi = min([hi, *(c.left_edge.i for c in tok.children if c.dep_ in ("acl", "relcl", "amod") and c.i > tok.i)])
    refs = [r for r in s.resolver.refs(lo, hi, on) if not _names_an_event(s, r)]
    role = title_in(s, lo, hi)
    people = [r for r in refs if r.kind == "person" and not (s.on("relative_not_self") and _relative_of(s, r, tok))]
    countries = [r for r in refs if r.kind == "country"]
    if people:
        # "McKinnon's spokesman said": the phrase's title is the spokesman's, not the possessor's
        person_role = role_near(s, people[0]) or ("" if people[0].span.root.dep_ == "poss" else role)
        return (served_state(people[0], countries) if person_role else people[0]), person_role
    if not people and s.on("kin_apposition"):
        kin = kin_referent(s, tok, on)
        if kin is not None:
            return kin, ""
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
    if not others and not people:
        return organisation_anaphor(s, tok, on), role
    return (others[0] if others else None), role


def _relative_of(s: Sentence, person: Ref, head: Token) -> bool:
    """A person named as the possessor of a kin noun (``kin_nouns``) is not that relative ("Elian's father, Juan
    Miguel Gonzalez, arrived": the father, named in apposition, arrived, not Elian)."""
    root = person.span.root
    return root.dep_ == "poss" and root.head.i == head.i and head.lemma_.lower() in s.rules.kin_nouns


def kin_referent(s: Sentence, tok: Token, on: date | None) -> Ref | None:
    """A relative named by a possessed kin noun ("the boy's father", "his father") is the one person the article
    names in apposition with that noun anywhere ("his father, Juan Miguel Gonzalez"; "Gonzalez, the boy's
    father"); None when it names none or several."""
    lemma = tok.lemma_.lower()
    if lemma not in s.rules.kin_nouns or not any(c.dep_ == "poss" for c in tok.children):
        return None
    names: dict[str, Ref] = {}
    for other in s.doc:
        if other.lemma_.lower() != lemma or not any(c.dep_ == "poss" for c in other.children):
            continue
        named = [c for c in other.children if c.dep_ == "appos"]
        named += [other.head] if other.dep_ == "appos" else []
        for n in named:
            refs = [r for r in s.resolver.refs(n.left_edge.i, n.right_edge.i + 1, on)
                    if r.kind == "person" and n.left_edge.i <= r.span.root.i <= n.right_edge.i
                    and r.span.root.i in (n.i, *(c.i for c in n.children if c.dep_ == "compound"))]
            for r in refs[:1]:
                names.setdefault(r.name, r)
    if len(names) != 1:
        return None
    person = next(iter(names.values()))
    return Ref(tok.doc[tok.i:tok.i + 1], person.name, "person", person.country, pronoun=True)


def organisation_anaphor(s: Sentence, tok: Token, on: date | None) -> Ref | None:
    """"The alliance invited ...", "join the 16-nation bloc": a definite organisation noun (``organisation_nouns``)
    stands for the last alliance (for "the organisation": alliance or organisation) named before it."""
    lemma = tok.lemma_.lower()
    if lemma not in s.rules.organisation_nouns \
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    if tok.text[:1].isupper() and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return None  # "the Tashkent Pact", "the Warsaw Pact": a name of its own, not the alliance named before
    kinds = {"alliance", "organisation"} if lemma.startswith("organi") else {"alliance"}
    ref = s.resolver.last_before(tok.i, kinds, on)
    return replace(ref, pronoun=True) if ref else None


def organisation_anaphors(s: Sentence, start: int, end: int, on: date | None) -> list[Ref]:
    """The organisations that definite organisation nouns in tokens ``[start, end)`` stand for ("joined the
    alliance")."""
    return [ref for tok in s.doc[start:end] if (ref := organisation_anaphor(s, tok, on)) is not None]


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


def title_holder(s: Sentence, ref: Ref, on: date | None) -> Ref | None:
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
        ref = _passive_subject(s, ref, kinds, on) or ref or antecedent(s, tok, kinds, on)
    else:
        ref = antecedent(s, tok, kinds, on)
    return replace(ref, pronoun=True) if ref else None


def _passive_subject(s: Sentence, ref: Ref | None, kinds: set[str], on: date | None) -> Ref | None:
    """"Isaias is welcomed by Abiy upon his arrival": the name nearest a possessive is in the "by" phrase of a
    passive verb; the possessive is its subject's, not the doer's. None when that is not so."""
    if ref is None:
        return None
    agent = next((a for a in ref.span.root.ancestors if a.dep_ == "agent"), None)
    if agent is None:
        return None
    for subj in (c for c in agent.head.children if c.dep_ == "nsubjpass"):
        found = [r for r in s.resolver.refs(*subtree_range(subj), on) if r.kind in kinds]
        if found:
            return found[0]
    return None


def antecedent(s: Sentence, pronoun: Token, kinds: set[str], on: date | None, *, depth: int = 2) -> Ref | None:
    """What a pronoun stands for: the subject of the clause before it (a definite organisation noun there, "the
    alliance", stands for the organisation it points back at), else the last entity of its kind. A subject that
    is itself such a pronoun stands for what it stands for ("Albright paid tribute ... she told the workers ...
    Kenya, where she arrived next"), a few pronouns back at most."""
    start = max(0, pronoun.sent.start - 60)
    same = PRONOUNS_PERSON if pronoun.lower_ in PRONOUNS_PERSON else PRONOUNS_GROUP
    chain = depth > 0 and s.on("pronoun_chain")
    subjects = [t for t in s.doc[start:pronoun.i] if t.dep_ in ("nsubj", "nsubjpass") and t.i != pronoun.i
                and (t.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP or (chain and t.lower_ in same))]
    for subj in reversed(subjects):
        if subj.lower_ in same:
            return antecedent(s, subj, kinds, on, depth=depth - 1)
        refs = [r for r in s.resolver.refs(*subtree_range(subj), on) if r.kind in kinds]
        if refs:
            people = [r for r in refs if r.kind == "person"]
            return people[0] if people else refs[0]
        if "alliance" in kinds and s.on("organisation_antecedent"):
            org = organisation_anaphor(s, subj, on)
            if org is not None:
                return org  # "the alliance announced it would accept ...": it is the alliance
    return s.resolver.last_before(pronoun.i, kinds, on, min_i=start)


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
        # "Pakistan and the Soviet Union": the conjunct is the entity's last word, not its first; "and his
        # Iranian counterpart, Hossein Amirabdollahian": the name in apposition to it
        for tok in (conj, *(c for c in conj.children if c.dep_ == "appos")):
            ent = next((e for e in s.resolver.ents if e.start <= tok.i < e.end), None)
            start = ent.start if ent is not None else tok.i
            for r in s.resolver.refs(start, start + 1, on):
                if r.name != actor.name:
                    return r
    return None

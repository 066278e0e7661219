"""A claim's record from its trigger and arguments: item, quantity, money, location, modality, confidence, id."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from ..actors import Gazetteer
from ..actors.titles import TitleGrammar
from ..quantities import find_money, load_vocabulary, to_number
from ..records import Claim, TimeValue
from .targets import located, own_seat
from .attribution import attributed_to
from .context import VERBAL, Sentence, subtree_range
from .modality import modality
from .resolver import Ref
from .rules import EventType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def build_claim(s: Sentence, trig: Token, et: EventType, actor: Ref | None, role: str, target: Ref | None,
                tv: TimeValue | None, lo: int, hi: int, *, inherited: bool = False, agent: str = "") -> Claim:
    """The claim record of one trigger with its arguments (``inherited``: its date came from the sentence before;
    ``agent``: the person named as the actor, when the actor is the state they act for).
    """
    on = tv.start if tv else s.anchor
    item, qty = _item(s, trig, et, lo, hi, on)
    money = (find_money(s.doc[lo:hi].text, rules=s.rules.ruleset)
             if et.name in ("INVESTMENT", "ARMS_DEAL", "TRADE", "AGREEMENT") else [])
    actor_name = actor.name if actor else ""
    target_name = ""
    if target is not None:
        target_name = target.country if target.kind == "country" and target.country else target.name
    role_check = ""
    if actor and actor.kind == "person" and role and tv is not None:
        role_check = s.gaz.role_check(actor.name, role, tv.start, tv.end)
    confidence = 0.4 + 0.2 * bool(actor) + 0.2 * bool(target) + 0.2 * bool(tv) - 0.1 * inherited
    key = "|".join([s.document.doc_id, str(s.offset + s.sent.start_char), str(s.offset + trig.idx), et.name, actor_name,
                    target_name, tv.text if tv else ""])
    return Claim(
        claim_id=hashlib.sha256(key.encode()).hexdigest()[:16],
        doc_id=s.document.doc_id,
        sentence_id=s.sent_id,
        char_start=s.offset + s.sent.start_char,
        char_end=s.offset + s.sent.end_char,
        event_type=et.name,
        actor=actor_name,
        actor_role=role,
        actor_kind=actor.kind if actor else "",
        target=target_name,
        location=_location(target) or _located_place(s, trig, et),
        item=item,
        quantity=qty,
        amount=money[0].amount if money else None,
        currency=money[0].currency if money else "",
        date_text=tv.text if tv else "",
        date_start=tv.start if tv else None,
        date_end=tv.end if tv else None,
        date_granularity=tv.granularity if tv else "",
        modality=modality(trig, s.rules, et),
        attributed_to=attributed_to(s, trig),
        evidence=s.sent.text.strip(),
        confidence=round(confidence, 2),
        participants=tuple(sorted({n for n in (actor_name, target_name) if n})),
        identity_cues=identity_cues(s.doc[lo:hi]),
        role_check=role_check,
        agent=agent or (actor_name if actor and actor.kind == "person" else ""),
        role_parts=title_parts(s.resolver.titles, s.gaz, role),
        trigger=f"{trig.i - s.sent.start}:{trig.pos_}" + (
            ":specialised" if trig.lemma_.lower() not in et.nouns | et.verbs | et.joint_nouns else ""),
    )


def title_parts(titles: TitleGrammar, gaz: Gazetteer, role: str) -> tuple[str, ...]:
    """What a canonical title is made of (:attr:`pipeline.actors.titles.Title.parts`), for comparing it with
    another; a gazetteer title the grammar does not spell ("Governor-General") is an office of its own."""
    if not role:
        return ()
    title = titles.read(role)
    if title is not None and (title.label == role or gaz.normalise_title(title.label) == role):
        return title.parts
    return ("office", role, "", "")


def _location(target: Ref | None) -> str:
    """The place written for a country target when it is not the country's name ("Moscow", "the Kremlin",
    "Miami"); a demonym ("Indian") is no place."""
    if target is None or target.kind != "country" or not target.place or target.span.root.pos_ in ("ADV", "SCONJ"):
        return ""  # "came here", "where she arrived": a word standing for the place names none
    return target.span.text if target.span.text.strip() not in (target.name, target.country) else ""


def _located_place(s: Sentence, trig: Token, et: EventType) -> str:
    """The city a locative phrase of the trigger's clause names ("held an exercise at Umroi", "met in Xian"):
    where the event happened, as written; a visit's place is the one it reaches (its target's)."""
    if et.movement or not s.on("located_places"):
        return ""
    # "held an exercise at Umroi": the place hangs on the verb the trigger noun is the object of
    lo, hi = subtree_range(trig.head) if trig.dep_ in ("dobj", "nsubjpass") and trig.head.pos_ in VERBAL \
        else subtree_range(trig)
    places = [r for r in s.resolver.refs(lo, hi, s.anchor) if located(s, trig, r) and own_seat(trig, r)]
    return places[0].span.text if places else ""


def _item(s: Sentence, trig: Token, et: EventType, lo: int, hi: int, on: date | None) -> tuple[str, int | None]:
    """The claim's item and quantity: equipment or project in scope, a level the rules list ("ministerial"), or
    the name of the treaty an agreement is."""
    item, qty = item_quantity(s, et, lo, hi, on)
    if et.levels:
        text = s.sent.text.lower()
        item = next((level for level in et.levels if level in text), item)
    if not item and et.name in ("AGREEMENT", "MEDIATION"):
        item = named_instrument(s, trig)
    return item, qty


def item_quantity(s: Sentence, et: EventType, lo: int, hi: int, on: date | None) -> tuple[str, int | None]:
    """The equipment or project named in the scope, and the count written before it."""
    wanted = "project" if et.name in ("INVESTMENT", "AGREEMENT") else "equipment"
    for r in s.resolver.refs(lo, hi, on):
        if r.kind == wanted:
            qty = None
            for tok in ([] if wanted == "project" else reversed(s.doc[max(lo, r.span.start - 4):r.span.start])):
                value = to_number(tok.text, load_vocabulary(s.rules.ruleset))
                if value is not None and tok.like_num:
                    qty = int(value)
                    break
            return r.name, qty
    return "", None


def named_instrument(s: Sentence, trig: Token) -> str:
    """The name of a treaty or declaration the trigger is or signs ("the Treaty of Peace, Friendship and
    Cooperation", "the Tashkent Declaration"), so that two articles naming it speak of one event."""
    noun = trig
    if trig.pos_ in VERBAL:
        objs = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objs:
            return ""
        noun = objs[0]
    if not noun.text[:1].isupper() or noun.pos_ not in ("NOUN", "PROPN"):
        return ""
    # "the Indo-Soviet Treaty of ...": the parties' names are not part of the instrument's name
    words = [c for c in noun.lefts if c.dep_ == "compound" and c.text[:1].isupper()
             and s.gaz.lookup(c.text) is None] + [noun]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        words += [t for t in prep.subtree]
    if len(words) == 1 and (noun.lower_ in s.event_nouns or noun.lemma_.lower() in s.event_nouns):
        return ""  # "signed MoUs", "Agreement was reached": a capitalised trigger noun alone names no instrument
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i)).replace(" ,", ",")


def identity_cues(span: Span) -> tuple[str, ...]:
    """Words that single an event out ("first", "landmark"): evidence that two dates describe one event."""
    cues = set()
    text = span.text.lower()
    for cue in ("first", "landmark", "land mark", "maiden", "historic"):
        if cue in text:
            cues.add(cue.replace(" ", ""))
    return tuple(sorted(cues))

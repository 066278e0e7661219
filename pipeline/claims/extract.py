"""The driver: every claim of an article, sentence by sentence, trigger by trigger, through the named parts.

:data:`CLAIM_PARTS` is the order a claim in the making goes through: steps every claim needs, gates that may
drop it and repairs that fix it. :data:`PARTS` names every gate and repair (of triggers, dates and claims), so
that an evaluation can switch any one off (``ablate``).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from ..actors import Gazetteer
from ..actors.titles import TitleGrammar
from ..ingest.layout import PageLayout, dateline_span, load_layout
from ..records import Claim, Document, TimeValue
from . import gates, layout, repairs
from .arguments import find_actor
from .targets import ARGUMENT_PARTS, find_targets
from .context import Draft, Part, Sentence
from .fields import build_claim
from .resolver import Resolver
from .rules import EventRules, EventType
from .timing import TIMING_PARTS, dates_for, invitation_date, pair_dates
from .triggers import TRIGGER_PARTS, continues_previous, find_triggers, is_anaphoric

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


#: How many sentences back a bare "the accession" reaches for the event it names (:func:`repairs.told_event`).
TOLD_REACH = 3


def _dates(s: Sentence, d: Draft) -> Draft:
    """Step: the trigger's dates; actors are resolved at the middle of the first (else at the publication date):
    "in 1993" names whoever held an office for most of that year, not on its first day."""
    dates = tuple(dates_for(s, d.trig, d.lo, d.hi))
    on = _middle(dates[0]) if dates else s.anchor
    if s.on("invitation_date") and invitation_date(s, d.trig, d.et):
        dates = ()
    return replace(d, dates=dates, on=on)


def _middle(tv: TimeValue):
    """The middle day of a date's interval (its start when it has no end)."""
    if tv.start is None or tv.end is None:
        return tv.start
    return tv.start + (tv.end - tv.start) // 2


def _actor(s: Sentence, d: Draft) -> Draft:
    """Step: the actor and its title (:func:`pipeline.claims.arguments.find_actor`)."""
    actor, role = find_actor(s, d.trig, d.on)
    return replace(d, actor=actor, role=role, agent=actor.name if actor is not None and actor.kind == "person" else "")


def _targets(s: Sentence, d: Draft) -> Draft:
    """Step: the other side of a pair, else the targets of the type's kinds."""
    if d.pair:
        return replace(d, targets=(d.pair[1],))
    if d.et.target_kinds:
        return replace(d, targets=tuple(find_targets(s, d.trig, d.et, d.lo, d.hi, d.actor, d.on)))
    return d


def _fit_targets(s: Sentence, d: Draft) -> Draft:
    """Step: a type with ``many_targets`` keeps only targets of its kinds."""
    if not d.et.many_targets:
        return d
    return replace(d, targets=tuple(t for t in d.targets if t.kind in d.et.target_kinds))


def _rows(s: Sentence, d: Draft) -> Draft:
    """Step: one claim per (actor, target, date), none of a party with itself ("the two countries confirmed the
    agreement" between Iran and Saudi Arabia: Iran with Saudi Arabia, not Saudi Arabia with itself)."""
    pairs = pair_dates(s, list(d.targets), list(d.dates))
    return replace(d, rows=tuple((actor, d.role if actor is d.actor else "", target, tv)
                                 for actor in (d.actor, *d.co_actors) for target, tv in pairs
                                 if not (target is not None and actor is not None and actor is not d.actor
                                         and actor.name == target.name)))


def _is_verb(c: Claim) -> bool:
    return c.trigger.endswith(("VERB", "AUX"))


def _same_event(k: Claim, c: Claim, one_time: frozenset[str] = frozenset()) -> bool:
    """Two claims of one sentence tell one event: same type and actor, and targets and dates that agree or are
    missing on one side; two verbs stay two events, unless the type happens once to a pair ("invited Poland
    to join NATO": one join)."""
    return (k.event_type == c.event_type and k.actor == c.actor
            and (k.target == c.target or not k.target or not c.target)
            and (k.date_text == c.date_text or not k.date_text or not c.date_text)
            and not (_is_verb(k) and _is_verb(c) and k.trigger != c.trigger and c.event_type not in one_time))


def dedupe(claims: list[Claim], one_time: frozenset[str] = frozenset()) -> list[Claim]:
    """One claim per (type, actor, target, date) in a sentence: two triggers of one event ("signed a deal ... to
    sell") merge, keeping the fuller arguments; an undated duplicate of a dated claim goes. Two verbs stay two
    events ("presidents met in New York and heads of government met in Moscow"), except of the ``one_time``
    types ("invited to join in 2002, will join on 29 March 2004": one join)."""
    kept: list[Claim] = []
    for c in claims:
        same = [n for n, k in enumerate(kept) if _same_event(k, c, one_time)]
        if not same:
            kept.append(c)
            continue
        prev = kept.pop(same[0])
        best = c if (c.date_start is not None, bool(c.item), c.quantity is not None) > \
            (prev.date_start is not None, bool(prev.item), prev.quantity is not None) else prev
        other = prev if best is c else c
        kept.append(replace(best, target=best.target or other.target, item=best.item or other.item,
                            quantity=best.quantity if best.quantity is not None else other.quantity,
                            amount=best.amount if best.amount is not None else other.amount,
                            currency=best.currency or other.currency,
                            modality=best.modality if best.modality != "asserted" else other.modality))
    return sorted(kept, key=lambda c: (c.char_start, c.claim_id))


def _step(fn) -> Part:
    return Part(fn.__name__.lstrip("_"), "step", fn)


def _gate(fn) -> Part:
    return Part(fn.__name__, "gate", fn)


def _repair(fn, name: str = "") -> Part:
    return Part(name or fn.__name__, "repair", fn)


#: What a claim in the making goes through, in order.
CLAIM_PARTS: tuple[Part, ...] = (
    _gate(gates.source_attribution),
    _gate(gates.conditional_clause),
    _gate(gates.needs_company),
    _gate(gates.copula_complement),
    _step(_dates),
    _gate(gates.relative_order),
    _step(_actor),
    _repair(repairs.joined_modifier),
    _gate(gates.met_no_party),
    _repair(repairs.group_actors),
    _repair(repairs.given_to),
    _repair(repairs.counted_guests),
    _repair(repairs.subject_group),
    _repair(repairs.actor_as_state),
    _repair(repairs.among_subject),
    _repair(layout.headline_parties),
    _repair(repairs.between_pair_sides),
    _repair(repairs.they_both_sides),
    _repair(repairs.article_pair),
    _repair(layout.chronology_pair),
    _gate(gates.backreference),
    _gate(gates.possessive_pronoun),
    _step(_targets),
    _repair(repairs.told_event),
    _repair(repairs.coordinated_targets),
    _repair(repairs.own_state),
    _repair(repairs.coordinated_partner),
    _repair(repairs.coordinated_actors),
    _gate(gates.listed_targets),
    _step(_fit_targets),
    _repair(repairs.unplaced_person_side),
    _repair(repairs.pronoun_traveller),
    _repair(repairs.earlier_destination),
    _gate(gates.weak_verb_destination),
    _repair(repairs.nearest_state),
    _repair(repairs.receiver_side),
    _repair(repairs.located_doer),
    _repair(gates.opponent_not_party),
    _gate(gates.needs_actor),
    _gate(gates.home_trip),
    _gate(gates.official_side),
    _gate(gates.needs_other_side),
    _gate(gates.between_sides),
    _repair(repairs.other_side_acts),
    _gate(gates.distinct_sides),
    _step(_rows),
    _repair(repairs.repeated_event),
    _repair(repairs.people_dates),
    _repair(repairs.guest_dates),
)
#: Every part that can be switched off, by name: trigger gates, date fallbacks, claim gates and repairs, and
#: the two repairs that date a claim from the sentence before, and the gate on a sentence's finished claims.
PARTS: dict[str, Part] = {p.name: p for p in (
    *TRIGGER_PARTS, *TIMING_PARTS, *ARGUMENT_PARTS, *(p for p in CLAIM_PARTS if p.kind != "step"),
    _repair(repairs.narrative_date), _repair(repairs.backreference_date), _repair(layout.headline_tense),
    _repair(dedupe, "one_time_merge"),
    _gate(gates.undated_targetless))}


def draft_claims(s: Sentence, trig: Token, et: EventType, lo: int, hi: int, *, anaphoric: bool = False) -> Draft | None:
    """The trigger's claim in the making after every part that is switched on, or None when a gate drops it."""
    d = Draft(trig, et, lo, hi, anaphoric=anaphoric)
    for part in CLAIM_PARTS:
        if part.kind == "step":
            d = part.fn(s, d)
        elif part.name in s.ablate:
            continue
        elif part.kind == "gate":
            if not part.fn(s, d):
                return None
        else:
            d = part.fn(s, d)
    return d


def _claims_for(s: Sentence, trig: Token, et: EventType, lo: int, hi: int, *, anaphoric: bool) -> list[Claim]:
    d = draft_claims(s, trig, et, lo, hi, anaphoric=anaphoric)
    if d is None:
        return []
    out = []
    for actor, role, target, tv in d.rows:
        earlier = repairs.narrative_date(s, et, actor, tv) if s.on("narrative_date") else None
        agent = actor.name if actor is not None and actor.kind == "person" else d.agent if actor is d.actor else ""
        out.append(build_claim(s, trig, et, actor, role, target, tv if earlier is None else earlier, lo, hi,
                               inherited=earlier is not None, agent=agent))
    return layout.headline_tense(s, trig, out) if s.on("headline_tense") else out


def _ordered_before_or_after(tok) -> bool:
    """A trigger told as what another event followed, preceded or came after ("followed an agreement", "after the
    talks")."""
    return (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _ORDER_VERBS) or (
        tok.dep_ == "pobj" and tok.head.lower_ in _ORDER_PREPS)


_ORDER_VERBS = frozenset({"follow", "precede"})
_ORDER_PREPS = frozenset({"after", "before", "since", "following"})


def sentence_claims(s: Sentence, *, inherited: TimeValue | None = None) -> list[Claim]:
    """All claims of one sentence (duplicates of one event in one sentence merged).

    Args:
        s: The sentence (its ``trigger_tokens`` are found here).
        inherited: The date of the last dated claim before this sentence; claims in a sentence that points
            back at an event ("During this visit ...") and have no date of their own take it.
    """
    triggers = find_triggers(s)
    s = replace(s, trigger_tokens=tuple(t for t, _ in triggers))
    anaphoric = [t for t, _ in triggers if is_anaphoric(s, t)]
    claims: list[Claim] = []
    for n, (tok, et) in enumerate(triggers):
        lo = triggers[n - 1][0].i + 1 if n > 0 else s.sent.start
        hi = triggers[n + 1][0].i if n + 1 < len(triggers) else s.sent.end
        claims.extend(_claims_for(s, tok, et, lo, hi, anaphoric=tok in anaphoric))
    if (anaphoric or continues_previous(s)) and inherited is not None and s.on("backreference_date"):
        # "The meeting followed an agreement earlier in the week": what the event followed or preceded is of
        # another time
        other_time = {f"{t.i - s.sent.start}:" for t, _ in triggers if _ordered_before_or_after(t)}
        claims = repairs.backreference_date(claims, inherited, skip=other_time)
    if s.on("undated_targetless"):
        claims = gates.undated_targetless(s, claims)
    one_time = frozenset(t.name for t in s.rules.types if t.cardinality == "one-time")
    return subsume(dedupe(claims, one_time if s.on("one_time_merge") else frozenset()), s.rules)


def subsume(claims: list[Claim], rules: EventRules) -> list[Claim]:
    """Drop claims a bigger claim of the same sentence absorbs (the meetings of a visit, the agreement of a deal)."""
    absorbers = {t.name: t.subsumes for t in rules.types if t.subsumes}
    # a noun the rules specialised ("free trade agreement" → TRADE) absorbs the general claims of its sentence
    narrower = {t.name: t.specialises for t in rules.types}
    out = []
    for c in claims:
        # what is only intended ("indicated its interest in providing assistance") absorbs no statement made
        absorbed = any(
            (c.event_type in absorbers.get(o.event_type, ()) and (o.modality == "asserted" or c.modality != "asserted")
             or (o.trigger.endswith(":specialised") and c.event_type in narrower.get(o.event_type, ())))
            and o.sentence_id == c.sentence_id
            and (not c.actor or not o.actor or c.actor == o.actor or c.actor_kind == "country")
            for o in claims if o is not c)
        if not absorbed:
            out.append(c)
    return out


def _sentence(doc: Doc, sent: Span, sent_id: int, document: Document, gazetteer: Gazetteer, rules: EventRules,
              resolver: Resolver, dates: list[TimeValue], **options) -> Sentence:
    """One sentence's shared state; each date with the index of its first token."""
    def token_of(tv: TimeValue) -> int:
        span = doc.char_span(tv.char_start, tv.char_end, alignment_mode="expand")
        return span.start if span is not None else sent.start

    anchor = document.published.start if document.published else None
    return Sentence(doc, sent, sent_id, document, gazetteer, rules, resolver,
                    tuple((token_of(tv), tv) for tv in dates), anchor, **options)


def extract_claims(doc: Doc, document: Document, *, gazetteer: Gazetteer, rules: EventRules,
                   ablate: frozenset[str] = frozenset(), offset: int = 0, context: int = 0,
                   first_sentence: int = 0) -> list[Claim]:
    """Every event claim of one parsed article, or of one parsed piece of it.

    Args:
        doc: The article parsed by :func:`pipeline.nlp.load` (dates in ``doc.user_data["dates"]``).
        document: The article's record (doc_id, publication date).
        gazetteer: Canonical actors and offices.
        rules: Triggers and modality cues.
        ablate: Names of parts (:data:`PARTS`) to switch off, to measure what each is worth.
        offset: Where the Doc's text starts in the article's text.
        context: Characters at the Doc's start that are context only: their sentences are read (a pronoun or a
            back-reference after them finds them) but make no claims.
        first_sentence: The article's sentence id of the first sentence after the context.

    Returns:
        Claims sorted by (char_start, claim_id).

    Raises:
        ValueError: ``ablate`` names a part that does not exist.
    """
    unknown = sorted(set(ablate) - set(PARTS))
    if unknown:
        raise ValueError(f"no claim part named {unknown[0]!r} (known: {', '.join(sorted(PARTS))})")
    layout = load_layout(rules.ruleset)
    resolver = Resolver(doc, gazetteer, TitleGrammar.from_rules(rules.ruleset),
                        dateline=dateline_span(doc.text, layout))
    all_dates: list[TimeValue] = doc.user_data.get("dates", [])
    published_at = document.published.char_start - offset if document.published is not None else None
    page = PageLayout(doc.text, all_dates, layout, published_at=published_at)
    sents = list(doc.sents)
    sent_id = first_sentence - sum(1 for sent in sents if sent.start_char < context)
    claims: list[Claim] = []
    inherited: TimeValue | None = None
    inherited_at: int | None = None
    participants: dict[str, TimeValue] = {}
    one_time = {t.name for t in rules.types if t.cardinality == "one-time"}
    told: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {}
    destinations: dict[str, str] = {}
    travellers: tuple[str, ...] = ()
    movement = {t.name for t in rules.types if t.movement}
    for sent_id, sent in enumerate(sents, sent_id):
        dates = [tv for tv in all_dates if sent.start_char <= tv.char_start < sent.end_char]
        line, heading = page.at(sent.start_char)
        recent = {name: pairs for name, (at, pairs) in told.items() if sent_id - at <= TOLD_REACH}
        s = _sentence(doc, sent, sent_id, document, gazetteer, rules, resolver, dates, previous=participants,
                      destinations=dict(destinations), travellers=travellers, ablate=frozenset(ablate),
                      offset=offset, line=line, heading=heading, told=recent)
        found = sentence_claims(s, inherited=inherited)
        for name in one_time:
            pairs = tuple((c.actor, c.target) for c in found if c.event_type == name and c.actor)
            if pairs:
                told[name] = (sent_id, pairs)
        destinations.update((c.actor, c.target) for c in found if c.event_type in movement and c.target
                            and c.actor_kind == "person" and c.modality != "negated" and gazetteer.lookup(c.target))
        travellers = tuple(dict.fromkeys(c.actor for c in found if c.event_type in movement and c.actor_kind == "person"))
        if sent.start_char >= context:
            claims.extend(found)
        dated = [c for c in found if c.date_start is not None]
        if dated or (inherited_at is not None and sent_id - inherited_at >= 2):
            inherited = inherited_at = None  # a back-reference reaches one sentence past the event, no further
        participants = {name: c.time for c in dated for name in (c.actor, c.target) if name}
        if dated:
            inherited, inherited_at = dated[-1].time, sent_id
    return claims


def claims_of_pieces(pieces: Iterable, document: Document, *, gazetteer: Gazetteer, rules: EventRules,
                     ablate: frozenset[str] = frozenset()) -> tuple[int, list[Claim]]:
    """Every event claim of an article parsed in pieces (:func:`pipeline.nlp.parse_pieces`), each piece read and
    let go of before the next, so that memory grows with a piece, not with the article.

    Each piece's Doc starts with some text of the piece before, read again for context: its sentences give the
    first sentences of the piece their pronouns' antecedents and back-references their dates, and make no claims
    a second time. Claims locate their sentences in the whole article (offsets and sentence ids).

    Args:
        pieces: The article's pieces in order, each with ``doc``, ``offset`` and ``context``
            (:class:`pipeline.nlp.Piece`); one piece for an article that was parsed whole.
        document: The article's record.
        gazetteer: Canonical actors and offices.
        rules: Triggers and modality cues.
        ablate: Names of parts (:data:`PARTS`) to switch off.

    Returns:
        The article's number of sentences, and its claims sorted by (char_start, claim_id).
    """
    sentences = 0
    claims: list[Claim] = []
    for piece in pieces:
        claims.extend(extract_claims(piece.doc, document, gazetteer=gazetteer, rules=rules, ablate=ablate,
                                     offset=piece.offset, context=piece.context, first_sentence=sentences))
        sentences += sum(1 for sent in piece.doc.sents if sent.start_char >= piece.context)
        del piece
    return sentences, claims

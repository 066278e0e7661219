"""Which of a sentence's dates belong to a trigger, and how several dates pair with several targets.

(The dates themselves are found by :mod:`pipeline.dates`; this module only chooses among them.)
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..dates.loader import load_vocabulary as load_date_vocabulary
from ..ingest.layout import load_layout
from ..quantities import load_vocabulary, to_number
from ..records import TimeValue
from .context import VERBAL, Part, Sentence, has_possessor, light_verb_range, subtree_range
from .resolver import Ref
from .rules import EventType

if TYPE_CHECKING:
    from spacy.tokens import Token

SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}$")
Dated = list[tuple[int, TimeValue]]
#: Where a clause's subject hangs: an event told in the subject of a verb of saying is not what it reports.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def governs(s: Sentence, trig: Token, i: int) -> bool:
    """The date at token ``i`` belongs to the trigger's own clause: walking up from it, the trigger (or the light
    verb it is the object of) comes before any other verb."""
    light = trig.head if trig.pos_ not in VERBAL and trig.dep_ in ("dobj", "nsubjpass", "nsubj",
                                                                     "pobj", "attr") else None
    for anc in s.doc[i].ancestors:
        if anc.i == trig.i or (light is not None and anc.i == light.i):
            return True
        if anc.pos_ in VERBAL:
            return False
    return False


def dates_inside(s: Sentence, trig: Token) -> list[TimeValue]:
    """Dates in the trigger's subtree (and its light verb's), in text order."""
    sub_lo, sub_hi = light_verb_range(trig)
    return [tv for i, tv in s.dates if sub_lo <= i < sub_hi and tv.start is not None]


def dates_for(s: Sentence, trig: Token, lo: int, hi: int) -> list[TimeValue]:
    """Dates that belong to the trigger: in its subtree first, else in its scope after it, else before it."""
    found = date_candidates(s, trig, lo, hi)
    if s.heading is not None and s.on("heading_date") and _other_time(s, trig):
        # "February 2015: Less than a week after Obama's visit, ...": the line's date is not the visit's
        found = [tv for tv in found if tv.char_start != s.heading.char_start]
    # a bare day/month ("9/11") names another event; a year next to it dates this one
    plain = [tv for tv in found if not SLASH_DATE.match(tv.text)]
    found = plain or found
    return anniversary_date(s, trig, found) if s.on("anniversary_date") else found


def anniversary_date(s: Sentence, trig: Token, found: list[TimeValue]) -> list[TimeValue]:
    """"today, the 39th anniversary of the Bay of Pigs invasion": the event named after "anniversary of" was that
    many years before the date the anniversary has; without a number its year is unknown, so it has no date."""
    head = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ == "of" else None
    if head is None or head.lemma_.lower() != "anniversary" or not found:
        return found
    years = next((n for c in head.children if c.dep_ in ("amod", "nummod") and (n := _ordinal(s, c)) is not None), None)
    if years is None:
        return []
    out = []
    for tv in found:
        start, end = _years_before(tv.start, years), _years_before(tv.end, years)
        if start is not None and end is not None:
            out.append(TimeValue(tv.text, tv.char_start, tv.char_end, start, end, tv.granularity, True, tv.mod))
    return out


def _ordinal(s: Sentence, tok: Token) -> int | None:
    """The number an ordinal says ("39th", "fiftieth"), from the date rules' ordinal words; None otherwise."""
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", tok.lower_)
    if m:
        return int(m.group(1))
    n = load_date_vocabulary(s.rules.ruleset).ordinals.get(tok.lower_)
    return n if n is not None and n > 0 else None


def _years_before(day, years: int):
    """The same day the given number of years earlier (29 February falls on the 28th); None before year 1."""
    if day is None or day.year - years < 1:
        return None
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def date_candidates(s: Sentence, trig: Token, lo: int, hi: int) -> list[TimeValue]:
    """The trigger's dates, from the nearest source that has any: its own clause and subtree, its scope after
    it, its scope before it, then the fallbacks (:func:`noun_nearest_date`, :func:`opening_date`)."""
    owned = _owned_numbers(s, trig) | (stretch_dates(s, trig) if s.on("stretch_dates") else set())
    if s.on("reported_dates"):
        owned |= reported_dates(s, trig)
    inside = _subtree_dates(s, trig, owned)
    if inside:
        return inside
    passive = passive_subject_dates(s, trig, owned) if s.on("passive_subject_date") else []
    if passive:
        return passive
    in_scope = [(i, tv) for i, tv in s.dates if lo <= i < hi and tv.start is not None]
    if any(not SLASH_DATE.match(tv.text) for _, tv in in_scope):
        in_scope = [(i, tv) for i, tv in in_scope if not SLASH_DATE.match(tv.text)]
    in_scope = [(i, tv) for i, tv in in_scope if i not in owned]
    if s.on("statement_date"):
        in_scope = [(i, tv) for i, tv in in_scope if not statement_date(s, trig, i)]
    after = [tv for i, tv in in_scope if i > trig.i]
    if after:
        return after[:1]
    before = [tv for i, tv in in_scope if i < trig.i]
    if before:
        return before[-1:]
    starts = {tv.char_start for i, tv in s.dates if i in owned}
    nearest = [tv for tv in noun_nearest_date(s, trig) if tv.char_start not in starts] if s.on("noun_nearest_date") else []
    if nearest:
        return nearest
    opening = opening_date(s, trig) if s.on("opening_date") else []
    if opening:
        return opening
    return heading_date(s, trig) if s.on("heading_date") else []


def passive_subject_dates(s: Sentence, trig: Token, owned: set[int]) -> list[TimeValue]:
    """A trigger noun that is the passive subject of a verb is dated by that verb's own dates ("a ceremonial
    accession will be celebrated at the summit on 4 and 5 May", past another trigger that would end its
    scope), unless the date belongs to another event that is the passive's doer ("was followed by the visit of
    Lavrov in July 2004")."""
    if trig.pos_ in VERBAL or trig.dep_ != "nsubjpass":
        return []
    verb = trig.head
    others = {t.i for t in s.trigger_tokens if t.i != trig.i}
    own = []
    for i, tv in s.dates:
        if i in owned or tv.start is None:
            continue
        ancestors = list(s.doc[i].ancestors)
        first_verb = next((a for a in ancestors if a.pos_ in VERBAL), None)
        # "the visit was followed by the visit of Lavrov in July 2004": the passive's doer, another event, keeps its
        # date; a venue's date is the event's ("celebrated at the summit on 4 May")
        other = any(a.i in others and a.head.dep_ == "agent" for a in ancestors)
        if first_verb is not None and first_verb.i == verb.i and not other:
            own.append(tv)
    return own


def reported_dates(s: Sentence, trig: Token) -> set[int]:
    """Dates in the clause a trigger verb reports or takes as its content ("Wang Yi announced that Modi and Xi will
    hold a summit on April 27 to 28", "the spokesman said Monday evening's face-off took place"): the reported
    event's, not the announcement's."""
    if trig.pos_ not in VERBAL:
        return set()
    spans = [subtree_range(c) for c in trig.children if c.dep_ == "ccomp"]
    return {i for i, _ in s.dates if any(a <= i < b for a, b in spans)}


def stretch_dates(s: Sentence, trig: Token) -> set[int]:
    """Dates that open or close a stretch of time (``stretch_words`` of events.yaml: "his first visit since 2018",
    "since he was elected in May", "until 2020"): the limit of a stretch, not when the trigger's event was."""
    words = s.rules.stretch_words
    out = set()
    for i, _ in s.dates:
        for anc in (s.doc[i], *s.doc[i].ancestors):
            if anc.i == trig.i:
                break
            if (anc.dep_ == "prep" and anc.lower_ in words) or (
                    anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words for c in anc.children)):
                out.add(i)
                break
    return out


def statement_date(s: Sentence, trig: Token, i: int) -> bool:
    """The date at token ``i`` is the day a report was made, not the reported event's: it follows a verb of
    saying (``attribution_verbs``) as its adverbial, after the verb's subject, and the trigger lies in what the
    verb reports, not in its subject ("Castro announced Wednesday that the father is ready to travel", "Castro on Wednesday said ...":
    Wednesday is the announcement's). A date before the subject ("In 2015, Pakistan said ...") sets the scene for
    every clause and is kept."""
    tok = s.doc[i]
    path = [tok, *tok.ancestors]
    at = next((n for n, a in enumerate(path) if a.pos_ in VERBAL), None)
    if at is None or at == 0:
        return False
    verb, adverbial = path[at], path[at - 1]
    subject_at = min((c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), default=verb.i)
    if (verb.lemma_.lower() not in s.rules.attribution_verbs or tok.i < subject_at
            or adverbial.dep_ not in ("prep", "npadvmod", "advmod")):
        return False
    return any(a.head.i == verb.i and a.dep_ not in SUBJECTS for a in (trig, *trig.ancestors))


def invitation_date(s: Sentence, trig: Token, et: EventType) -> bool:
    """A one-time event one is invited to ("invited to join the bloc in November 2002", "the invitation to join in
    1997") comes after the invitation: the sentence's date there is the invitation's, wherever the parser hangs
    it, and the event is undated. An inviting verb is one that plans its object's act (``object_control`` words
    that are also ``planned`` cues); a repeatable event (a visit) is dated with its invitation as before."""
    if et.cardinality != "one-time" or trig.dep_ not in ("xcomp", "acl"):
        return False
    inviting = s.rules.object_control & s.rules.modality.get("planned", frozenset())
    return trig.head.lemma_.lower() in inviting


def _owned_numbers(s: Sentence, trig: Token) -> set[int]:
    """Tokens of numbers that modify another trigger: "the 1965 war" keeps its year to itself."""
    return {c.i for t in s.trigger_tokens if t.i != trig.i
            for c in (*t.children, *t.head.children) if c.dep_ in ("nummod", "compound") and c.like_num}


def _subtree_dates(s: Sentence, trig: Token, owned: set[int]) -> list[TimeValue]:
    """Dates of the trigger's own clause first; a parse that hangs them elsewhere still leaves the subtree."""
    sub_lo, sub_hi = light_verb_range(trig)
    # another mention of the same event, or another clause's verb, inside this trigger's subtree keeps its
    # own dates; a noun phrase inside it ("supported India in its aggression in 1971") shares them
    nested = [subtree_range(t) for t in s.trigger_tokens if t.i != trig.i and trig.is_ancestor(t)
              and (t.lemma_ == trig.lemma_ or t.pos_ in VERBAL)]
    plain = [(i, tv) for i, tv in s.dates if tv.start is not None and not SLASH_DATE.match(tv.text)]
    inside = [(i, tv) for i, tv in (plain or s.dates) if sub_lo <= i < sub_hi and tv.start is not None
              and i not in owned and not any(a <= i < b for a, b in nested)]
    own = [tv for i, tv in inside if governs(s, trig, i)]
    return own or [tv for _, tv in inside]


def noun_nearest_date(s: Sentence, trig: Token) -> list[TimeValue]:
    """An undated event noun without a possessor takes the nearest date before it in its sentence,
    within 40 tokens ("from 1979 to 1989 when ... the occupation"); a date beyond another mention of the same
    noun belongs to that one."""
    if trig.pos_ in VERBAL or has_possessor(trig):
        return []
    rivals = [t.i for t in s.trigger_tokens if t.i != trig.i and t.lemma_ == trig.lemma_]
    near = sorted((bool(SLASH_DATE.match(tv.text)), abs(i - trig.i), n, tv)
                  for n, (i, tv) in enumerate(s.dates) if tv.start is not None and i < trig.i
                  and not any(min(i, trig.i) < r < max(i, trig.i) for r in rivals))
    return [near[0][3]] if near and near[0][1] <= 40 else []


def opening_date(s: Sentence, trig: Token) -> list[TimeValue]:
    """A date in the first four tokens of the sentence governs every clause after it ("In 2015, Russia
    signed a deal ... to sell ...")."""
    return [tv for i, tv in s.dates if i < trig.i and i - s.sent.start <= 3 and tv.start is not None
            and not (s.on("statement_date") and statement_date(s, trig, i))][:1]


def heading_date(s: Sentence, trig: Token) -> list[TimeValue]:
    """An undated claim on a chronology line takes the line's head date ("May 2015: Modi leaves for China. He
    meets Xi Jinping."), and one in a listicle block the block's date line ("Vladimir Putin's visit to India" /
    "December 2002" / "The Russian president signed ..."); never one set apart from that time ("February 2015:
    Less than a week after Obama's departure visit, ...": :func:`dates_for` keeps the head date from it too)."""
    if s.heading is None or s.heading.start is None or _other_time(s, trig):
        return []
    return [s.heading]


def _other_time(s: Sentence, trig: Token) -> bool:
    """The trigger lies in a phrase that sets its event apart from the line's time ("Less than a week after
    Obama's departure visit", ``other_time`` of ``layout.yaml``)."""
    words = load_layout(s.rules.ruleset).other_time
    return any(a.lower_ in words or any(c.lower_ in words and c.dep_ in ("advmod", "npadvmod", "amod")
                                        for c in a.children)
               for a in (trig, *trig.ancestors) if a.i >= s.sent.start)


def repeated(s: Sentence, trig: Token) -> bool:
    """The trigger is said to have happened more than once ("visited twice", "two joint exercises")."""
    for c in trig.children:
        if c.dep_ == "nummod":
            value = to_number(c.text, load_vocabulary(s.rules.ruleset))
            if value is not None and value > 1:
                return True
    words = {t.lower_ for t in s.sent}
    return bool(words & s.rules.repetition - {"first"}) or ("first" in words and "then" in words)


def pair_dates(s: Sentence, targets: list[Ref | None], dates: list[TimeValue]) -> list[tuple]:
    """Pair targets with dates: in order when the counts match (respectively), else all share the nearest."""
    if not targets:
        targets = [None]
    if len(targets) > 1 and len(dates) < len(targets):
        first, last = targets[0].span.start, targets[-1].span.end
        near = [tv for i, tv in s.dates if first <= i <= last + 3 and tv.start is not None]
        if len(near) == len(targets):
            dates = near
    if len(targets) > 1 and len(dates) == len(targets):
        return list(zip(targets, dates))
    # an explicit date beats one counted from another ("Five years later, on 9 August 1971")
    tv = next((d for d in dates if not d.relative), dates[0]) if dates else None
    return [(t, tv) for t in targets]


#: The date fallbacks that can be switched off.
TIMING_PARTS = (Part("noun_nearest_date", "repair", noun_nearest_date), Part("opening_date", "repair", opening_date),
                Part("heading_date", "repair", heading_date), Part("stretch_dates", "gate", stretch_dates),
                Part("statement_date", "gate", statement_date), Part("anniversary_date", "repair", anniversary_date),
                Part("reported_dates", "gate", reported_dates),
                Part("invitation_date", "gate", invitation_date),
                Part("passive_subject_date", "repair", passive_subject_dates))

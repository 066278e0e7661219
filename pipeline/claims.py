"""Structured claims from parsed sentences: who did what to whom, when, where, how much.

A claim starts at a trigger (a verb or noun of ``rules/events.yaml``), takes its actor from the trigger's
subject, possessor or ``of``/``by`` phrase, its target from its object or ``to``/``from`` phrase, its date from the
temporal expressions of its clause (several targets and several dates pair up in order: the respectively
reading), and its modality from cue words in the clause.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .actors import Actor, Gazetteer
from .errors import RuleError
from .quantities import find_money, load_vocabulary, to_number
from .records import Claim, Document, TimeValue
from .rules_dir import SAFE_LOADER, rules_path

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

COUNTRY_KINDS = {"country", "state"}
PRONOUNS_PERSON = {"he", "his", "him", "she", "her"}
PRONOUNS_GROUP = {"it", "its", "they", "their", "them"}
MODALITY_ORDER = ("cancelled", "negated", "planned", "target", "hedged")
SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}$")
RELATIVE_ORDER = {"earlier", "previous", "prior"}
SPEECH_ACTS = {"STATEMENT", "SUPPORT"}
EVENT_TYPE_KEYS = {"cardinality", "verbs", "nouns", "needs", "target_kinds", "actor_kinds", "subsumes", "symmetric",
                   "specialises", "dated_nouns", "owned_nouns", "subject", "many_targets", "levels",
                   "weak_verbs", "examples"}


@dataclass(frozen=True)
class EventType:
    """How one event type is said: trigger lemmas, what must accompany them, and examples."""

    name: str
    cardinality: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    needs_kinds: frozenset[str]
    needs_words: frozenset[str]
    target_kinds: tuple[str, ...]
    actor_kinds: tuple[str, ...]
    subsumes: frozenset[str]
    symmetric: bool
    specialises: frozenset[str]
    dated_nouns: frozenset[str]
    owned_nouns: frozenset[str]
    subject: str
    many_targets: bool
    levels: tuple[str, ...]
    weak_verbs: frozenset[str]
    examples: tuple[dict, ...]


@dataclass(frozen=True)
class EventRules:
    """All event types and the modality cues, from ``rules/events.yaml``."""

    types: tuple[EventType, ...]
    modality: dict[str, frozenset[str]]
    repetition: frozenset[str] = frozenset()
    pair_words: tuple[str, ...] = ()
    anaphora: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    folder: Path | None = None

    @property
    def trigger_heads(self) -> frozenset[str]:
        """Every lemma that starts a trigger ("hold" of "hold talks"): a cheap first test for each token."""
        heads = self.__dict__.get("_heads")
        if heads is None:
            heads = frozenset(w.split()[0] for t in self.types for w in t.verbs | t.nouns)
            object.__setattr__(self, "_heads", heads)
        return heads
    continuation: frozenset[str] = frozenset()
    venue_words: frozenset[str] = frozenset()

    def cardinality(self, event_type: str) -> str:
        """``one-time`` or ``repeatable`` (repeatable for types the rules do not describe)."""
        for t in self.types:
            if t.name == event_type:
                return t.cardinality
        return "repeatable"


@lru_cache(maxsize=4)
def load_event_rules(rules: Path | None = None) -> EventRules:
    """Read ``events.yaml``.

    Raises:
        RuleError: YAML syntax error (with line), an unknown key, or a bad cardinality.
    """
    path = rules_path(rules) / "events.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise RuleError(f"{path}:{line}: YAML syntax error ({exc.problem})") from None
    known = {"event_types", "modality", "repetition", "pair_words", "anaphora", "light_verbs", "continuation",
             "venue_words"}
    if not isinstance(data, dict) or set(data) - known:
        unknown = sorted(set(data) - known) if isinstance(data, dict) else ["(not a mapping)"]
        raise RuleError(f"{path}: unknown section {unknown[0]!r}")
    types = []
    for name, spec in (data.get("event_types") or {}).items():
        unknown = set(spec) - EVENT_TYPE_KEYS
        if unknown:
            raise RuleError(f"{path}: {name}: unknown key {sorted(unknown)[0]!r}")
        if spec.get("cardinality") not in ("one-time", "repeatable"):
            raise RuleError(f"{path}: {name}: cardinality must be one-time or repeatable")
        needs = spec.get("needs") or {}
        types.append(EventType(
            name=name,
            cardinality=spec["cardinality"],
            verbs=frozenset(spec.get("verbs") or ()),
            nouns=frozenset(spec.get("nouns") or ()),
            needs_kinds=frozenset(needs.get("kinds") or ()),
            needs_words=frozenset(needs.get("words") or ()),
            target_kinds=tuple(spec.get("target_kinds") or ()),
            actor_kinds=tuple(spec.get("actor_kinds") or ()),
            subsumes=frozenset(spec.get("subsumes") or ()),
            symmetric=bool(spec.get("symmetric")),
            specialises=frozenset(spec.get("specialises") or ()),
            dated_nouns=frozenset(spec.get("dated_nouns") or ()),
            owned_nouns=frozenset(spec.get("owned_nouns") or ()),
            subject=spec.get("subject") or "",
            many_targets=bool(spec.get("many_targets")),
            levels=tuple(spec.get("levels") or ()),
            weak_verbs=frozenset(spec.get("weak_verbs") or ()),
            examples=tuple(spec.get("examples") or ()),
        ))
    modality = {k: frozenset(v) for k, v in (data.get("modality") or {}).items()}
    words = {key: frozenset(data.get(key) or ()) for key in
             ("repetition", "anaphora", "light_verbs", "continuation", "venue_words")}
    return EventRules(tuple(types), modality, pair_words=tuple(sorted(data.get("pair_words") or (), key=len,
                                                                      reverse=True)), folder=rules, **words)


@dataclass(frozen=True)
class Ref:
    """An entity span resolved at a date: what a claim's argument points to."""

    span: Span
    name: str
    kind: str
    country: str
    place: bool = False
    pronoun: bool = False


class Resolver:
    """Resolves entity spans to canonical actors at a date, with a memory of the last person and group."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer):
        self.doc = doc
        self.gaz = gazetteer
        self.ents = tuple(doc.ents)  # doc.ents builds new spans on every access
        self.starts = [e.start for e in self.ents]
        self._refs: dict[tuple, Ref | None] = {}

    def ref(self, span: Span, on: date | None) -> Ref | None:
        """The actor a span names at date ``on``, or None when it names nothing the claims can use."""
        key = (span.start, span.end, span.label_, on)
        if key not in self._refs:
            self._refs[key] = self._resolve(span, on)
        return self._refs[key]

    def _resolve(self, span: Span, on: date | None) -> Ref | None:
        label = span.label_
        text = span.ent_id_ or span.text
        actor: Actor | None = self.gaz.lookup(text, on=on) or self.gaz.lookup(span.text, on=on)
        if actor is not None:
            kind = "country" if actor.kind in COUNTRY_KINDS else actor.kind
            country = actor.name if kind == "country" else actor.country
            surface = span.text.lower().removeprefix("the ").strip()
            place = surface in {m.lower().removeprefix("the ") for m in (*actor.metonyms, actor.capital) if m}
            return Ref(span, actor.name, kind, country, place)
        if label == "PERSON":
            name = strip_title(span.text, self.gaz)
            if not name or len(name.split()) > 5:
                return None
            if len(name.split()) == 1:
                # "Khan opted ...": a surname alone is the person last named in full with it
                for ent in reversed([e for e in self.ents if e.end <= span.start and e.label_ == "PERSON"]):
                    if ent.start < span.start - 400:
                        break
                    full = self.ref(ent, on)
                    if full is not None and full.kind == "person" and full.name.split()[-1] == name:
                        return Ref(span, full.name, "person", full.country, pronoun=True)
            return Ref(span, name, "person", "")
        if label == "GPE":
            return Ref(span, span.text.removeprefix("the ").strip(), "country", span.text)
        return None

    def refs(self, start: int, end: int, on: date | None) -> list[Ref]:
        """Resolved entities whose first token lies in ``[start, end)``, in text order."""
        out = []
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        for ent in self.ents[lo:hi]:
            if start <= ent.start < end:
                r = self.ref(ent, on)
                if r is None:
                    continue
                if r.place and ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.i >= ent.end:
                    continue  # "the Tashkent Declaration": a place naming something, not a party to it
                out.append(r)
        return out

    def main_pair(self, on: date | None) -> tuple[Ref, Ref] | None:
        """The two countries the article names most (first-mentioned first): who "both countries" are."""
        if not hasattr(self, "_pair"):
            counts: dict[str, list] = {}
            for ent in self.ents:
                if ent.label_ not in ("GPE", "NORP"):
                    continue
                r = self.ref(ent, on)
                if r is not None and r.kind == "country" and not r.place:
                    counts.setdefault(r.name, [0, ent.start, r])[0] += 1
            top = sorted(counts.values(), key=lambda v: (-v[0], v[1]))[:2]
            self._pair = tuple(v[2] for v in sorted(top, key=lambda v: v[1])) if len(top) == 2 else None
        if self._pair is None or on is None:
            return self._pair
        # the same two countries under the names they had then ("Russia" in 1965 is the Soviet Union)
        out = []
        for r in self._pair:
            actor = self.gaz.lookup(r.name, on=on)
            out.append(replace(r, name=actor.name, country=actor.name) if actor else r)
        return out[0], out[1]

    def last_before(self, token_i: int, kinds: set[str], on: date | None, *, min_i: int = 0) -> Ref | None:
        """The last entity of one of ``kinds`` before token ``token_i`` (pronoun resolution)."""
        best = None
        for ent in self.ents:
            if ent.end > token_i:
                break
            if ent.start < min_i:
                continue
            r = self.ref(ent, on)
            if r is not None and r.kind in kinds:
                best = r
        return best


def strip_title(text: str, gaz: Gazetteer) -> str:
    """A person's name without honorifics and titles ("Mr. Rogozin" → "Rogozin")."""
    words = text.replace("’s", "").replace("'s", "").split()
    while words and (words[0].rstrip(".").lower() in {"mr", "mrs", "ms", "dr", "the", "then", "general", "gen"}
                     or gaz.normalise_title(words[0])):
        words = words[1:]
    return " ".join(words).strip(" ,.")


def subtree_range(token: Token) -> tuple[int, int]:
    """Token index range ``[start, end)`` of a token's subtree."""
    return token.left_edge.i, token.right_edge.i + 1


def neighbourhood(token: Token) -> list[Token]:
    """The trigger, its children, its ancestors and their auxiliaries and conjuncts: where modality cues count."""
    out = [token, *token.children]
    for anc in token.ancestors:
        out.append(anc)
        out.extend(c for c in anc.children if c.dep_ in {"conj", "aux", "auxpass", "neg", "advmod", "xcomp", "prep"})
        if anc.dep_ in {"ROOT"}:
            break
    return out


class SentenceExtractor:
    """Extracts the claims of one sentence; holds what the sentence's triggers share."""

    def __init__(self, doc: Doc, sent: Span, sent_id: int, document: Document, gaz: Gazetteer,
                 rules: EventRules, resolver: Resolver, dates: list[TimeValue]):
        self.doc, self.sent, self.sent_id, self.document = doc, sent, sent_id, document
        self.gaz, self.rules, self.resolver = gaz, rules, resolver
        self.dates = [(self._token_of(tv), tv) for tv in dates]
        self.anchor = document.published.start if document.published else None
        self.trigger_tokens: list[Token] = []
        self.rules_weak = frozenset().union(*(t.weak_verbs for t in rules.types))
        self.previous: dict[str, TimeValue] = {}

    def _token_of(self, tv: TimeValue) -> int:
        span = self.doc.char_span(tv.char_start, tv.char_end, alignment_mode="expand")
        return span.start if span is not None else self.sent.start

    def triggers(self) -> list[tuple[Token, EventType]]:
        """Trigger tokens of the sentence and their event type, in text order."""
        found = []
        for tok in self.sent:
            lemma = tok.lemma_.lower()
            if lemma not in self.rules.trigger_heads:
                continue
            if tok.pos_ in ("VERB", "AUX"):
                # "break up", "hold talks": the verb and a particle or object of it
                forms = {lemma} | {f"{lemma} {c.lemma_.lower()}" for c in tok.children if c.dep_ in ("prt", "dobj")}
            else:
                forms = {lemma}
            if (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "of"
                    and tok.head.head.lemma_.lower() in self.rules.venue_words):
                continue  # "on the sidelines of the SCO summit": the occasion of another event
            if (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("on", "of", "for", "about")
                    and tok.head.head.pos_ in ("NOUN", "PROPN") and any(t.i == tok.head.head.i for t, _ in found)):
                continue  # "agreements on trade": the topic of another event, not an event of its own
            if tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and not any(
                    lemma in et.dated_nouns for et in self.rules.types):
                continue  # "trade agreement", "visit programme": the head noun names the event
            for et in self.rules.types:
                if (tok.pos_ in ("VERB", "AUX") and forms & et.verbs) or (tok.pos_ in ("NOUN", "PROPN") and lemma in et.nouns):
                    if lemma in et.owned_nouns and tok.pos_ not in ("VERB", "AUX") and not any(
                            c.dep_ == "poss" for c in tok.children):
                        break  # "with the Russian support" names no act of supporting
                    # "the 1965 war", "the 1965 war stalemate", "the war of 1962": a date of its own
                    span_of = tok.head if tok.dep_ == "compound" else tok
                    own = [(span_of.left_edge.i, tok.i)] + [subtree_range(c) for c in span_of.children
                                                            if c.dep_ == "prep" and c.lower_ == "of"]
                    if lemma in et.dated_nouns and not any(a <= i <= b for i, _ in self.dates for a, b in own):
                        break  # "the war on terror", "the Cold War" are no dated events; "the 1965 war" is
                    found.append((tok, self._specialised(tok, et)))
                    break
        # a noun inside a trigger of its own type adds nothing ("The agreement was signed", "met at the summit")
        return [(t, e) for t, e in found if t.pos_ in ("VERB", "AUX") or not self._inside_same_type_verb(t, e, found)]

    def _specialised(self, tok: Token, et: EventType) -> EventType:
        """A narrower type named by a modifier of the trigger noun ("arms sales agreements" is an arms deal)."""
        # "free trade agreement" is a trade event; "trade and industry related agreements" are agreements
        modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")
                     and not any(g.dep_ == "conj" for g in c.children)}
        modifiers |= {g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children
                      if g.dep_ in ("compound", "amod")}
        for other in self.rules.types:
            if et.name in other.specialises and modifiers & (other.nouns | other.needs_words):
                return other
        return et

    @staticmethod
    def _inside_same_type_verb(tok: Token, et: EventType, found: list[tuple[Token, EventType]]) -> bool:
        """A noun inside a trigger of its own type ("met on the sidelines of the SCO meeting", "meetings ... on the
        sidelines of the SCO Summit") adds nothing: it names the occasion, not another event."""
        same = {t.i for t, e in found if e.name == et.name}
        return any(a.i in same for a in tok.ancestors)

    def is_anaphoric(self, tok: Token) -> bool:
        """A trigger noun that points back at an event already told ("this visit", "during the visit")."""
        if tok.pos_ in ("VERB", "AUX"):
            return False
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        dets |= {g.lower_ for c in tok.children if c.dep_ == "poss" for g in c.children if g.dep_ in ("det", "amod")}
        return bool(dets & (self.rules.anaphora - PRONOUNS_PERSON - PRONOUNS_GROUP))

    def continues_previous(self) -> bool:
        """The sentence opens "During this visit", "During their press conference", or "Firstly," (it lists the
        events the sentence before announced): it continues an event."""
        first = next((t for t in self.sent if not t.is_space), None)
        if first is not None and first.lower_ in self.rules.continuation:
            return True
        if first is not None and first.lower_ == "the" and first.head.dep_ in ("nsubj", "nsubjpass") and any(
                first.head.lemma_.lower() in et.nouns for et in self.rules.types):
            return True  # "The visit helped ...": the sentence goes on about the event just told
        for tok in self.sent:
            if tok.dep_ == "prep" and tok.lower_ == "during":
                for obj in (c for c in tok.children if c.dep_ == "pobj"):
                    dets = {c.lower_ for c in obj.children if c.dep_ in ("det", "poss")}
                    dets |= {g.lower_ for c in obj.children if c.dep_ == "poss" for g in c.children}
                    if dets & self.rules.anaphora:
                        return True
        return False

    def extract(self, *, inherited: TimeValue | None = None) -> list[Claim]:
        """All claims of the sentence (duplicates of one event in one sentence merged).

        Args:
            inherited: The date of the last dated claim before this sentence; claims in a sentence that points
                back at an event ("During this visit ...") and have no date of their own take it.
        """
        triggers = self.triggers()
        self.trigger_tokens = [t for t, _ in triggers]
        anaphoric = [t for t, _ in triggers if self.is_anaphoric(t)]
        claims: list[Claim] = []
        for n, (tok, et) in enumerate(triggers):
            lo = triggers[n - 1][0].i + 1 if n > 0 else self.sent.start
            hi = triggers[n + 1][0].i if n + 1 < len(triggers) else self.sent.end
            claims.extend(self._claims_for(tok, et, lo, hi, anaphoric=tok in anaphoric))
        if (anaphoric or self.continues_previous()) and inherited is not None:
            claims = [c if c.date_start is not None else _with_date(c, inherited) for c in claims]

        return subsume(dedupe(claims), self.rules)

    # -- arguments -------------------------------------------------------------------------------------------
    def _claims_for(self, trig: Token, et: EventType, lo: int, hi: int, *, anaphoric: bool = False) -> list[Claim]:
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in trig.children):
            return []  # "as stated by an analyst": the source of a passage, not an event
        kinds = {r.kind for r in self.resolver.refs(self.sent.start, self.sent.end, self.anchor)}
        has_kinds = bool(et.needs_kinds & kinds) or (
            "money" in et.needs_kinds and bool(find_money(self.sent.text, rules=self.rules.folder)))
        sent_lemmas = {t.lemma_.lower() for t in self.sent} | {t.lower_ for t in self.sent}
        has_words = bool(et.needs_words & sent_lemmas)
        if et.needs_kinds and et.needs_words:
            if not (has_kinds or has_words):
                return []
        elif (et.needs_kinds and not has_kinds) or (et.needs_words and not has_words):
            return []
        date_options = self._dates_for(trig, lo, hi)
        if any(c.lower_ in RELATIVE_ORDER for c in trig.children) and not self._dates_inside(trig):
            return []  # "earlier meetings": dated only relative to another event
        first_date = date_options[0] if date_options else None
        on = first_date.start if first_date else self.anchor
        actor, role = self._actor(trig, on)
        if actor is not None and et.actor_kinds and actor.kind not in et.actor_kinds:
            actor = self._as_country(actor, on) if "country" in et.actor_kinds else None
        plural = actor is not None and et.symmetric and actor.pronoun and actor.kind == "country"
        if plural:
            actor = None  # "they signed an agreement": both sides
        pair = self._pair_words(trig, et, lo, hi) if (actor is None and et.symmetric) else None
        if plural and pair is None:
            pair = self.resolver.main_pair(on)
        if actor is None and et.symmetric and pair is None:
            main = self.resolver.main_pair(self.anchor)
            named = {r.name for r in self.resolver.refs(self.sent.start, self.sent.end, on) if r.kind == "country"}
            if main and named <= {main[0].name, main[1].name} and self.continues_previous():
                pair = main  # "During the latter's visit a protocol was signed": the article's two countries
        if pair:
            actor = pair[0]
        if anaphoric and (actor is None or not self._dates_inside(trig)):
            # "this visit", "the visit": a back-reference to an event already told
            return []
        if (trig.pos_ not in ("VERB", "AUX") and not date_options
                and any(c.dep_ == "poss" and c.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP for c in trig.children)):
            return []  # "during his visit he made statements": the visit was told before
        if pair:
            targets = [pair[1]]
        elif et.target_kinds:
            targets = self._targets(trig, et, lo, hi, actor, on)
        else:
            targets = []
            if actor is None and not any(c.dep_ == "poss" for c in trig.children):
                # "the disintegration of the USSR": the state that dissolves is the actor
                states = [r for r in self.resolver.refs(*subtree_range(trig), on) if r.kind == "country"]
                actor = states[0] if states else None
        if et.symmetric and actor is not None and not pair:
            partner = self._coordinated(actor, on)
            if partner is not None:
                targets = [partner]
        if et.many_targets:
            targets = [t for t in targets if t.kind in et.target_kinds]
            if not targets:
                return []
        if trig.lemma_.lower() in et.weak_verbs and not self._destination(trig, on):
            return []  # "came forward", "went on": no place reached, no visit
        if actor is None and targets and et.actor_kinds == ("country",) and targets[0].kind == "country":
            # "an agreement was concluded for the sale of helicopters to Pakistan": the nearest other state acts
            others = [r for r in self.resolver.refs(self.sent.start, self.sent.end, on)
                      if r.kind == "country" and r.name != targets[0].name]
            if others:
                actor = min(others, key=lambda r: abs(r.span.start - trig.i))
        if actor is None:
            # an event without its doer is not a claim an analyst can use
            return []
        if targets and targets[0].name == actor.name and "country" in et.actor_kinds:
            # "a deal for provision of helicopters to Pakistan", told of Pakistan's president: the other side acts
            others = [r for r in self.resolver.refs(self.sent.start, self.sent.end, on)
                      if r.kind == "country" and r.name != actor.name]
            if not others:
                return []
            actor = others[0]
        people = self._people_with_dates(trig, hi, on)
        if people:
            # "visits by Rutskoy in December 1992, Kozyrev in April 1993 and Adamishin in May 1994"
            target = targets[0] if targets else None
            return [self._claim(trig, et, p, self._role_near(p), target, tv, lo, hi) for p, tv in people]
        pairs = self._pair(targets, date_options, trig, lo, hi)
        if len(pairs) == 1 and self._repeated(trig):
            inside = self._dates_inside(trig)
            if len(inside) < 2:
                # "two exercises, held in Pakistan in 2016, and Russia in 2017": the dates that follow
                inside = [tv for i, tv in self.dates if i > trig.i and tv.start is not None]
            if len(inside) >= 2:
                pairs = [(pairs[0][0], tv) for tv in inside]
        return [self._claim(trig, et, actor, role, target, tv, lo, hi) for target, tv in pairs]

    def _governs(self, trig: Token, i: int) -> bool:
        """The date at token ``i`` belongs to the trigger's own clause: walking up from it, the trigger (or the light
        verb it is the object of) comes before any other verb."""
        light = trig.head if trig.pos_ not in ("VERB", "AUX") and trig.dep_ in ("dobj", "nsubjpass", "nsubj",
                                                                                   "pobj", "attr") else None
        for anc in self.doc[i].ancestors:
            if anc.i == trig.i or (light is not None and anc.i == light.i):
                return True
            if anc.pos_ in ("VERB", "AUX"):
                return False
        return False

    def _destination(self, trig: Token, on: date | None) -> Ref | None:
        """The country reached by a movement verb: "arrived in Islamabad", "came to Pakistan", "flown to Beijing"."""
        for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")):
            for r in self.resolver.refs(*subtree_range(prep), on):
                if r.kind == "country":
                    return r
        return None

    def _dates_inside(self, trig: Token) -> list[TimeValue]:
        """Dates in the trigger's subtree (and its light verb's), in text order."""
        sub_lo, sub_hi = subtree_range(trig)
        if trig.dep_ in {"dobj", "pobj", "xcomp"} and trig.head.pos_ in ("VERB", "AUX"):
            sub_lo, sub_hi = min(sub_lo, trig.head.i), max(sub_hi, trig.head.i + 1)
        return [tv for i, tv in self.dates if sub_lo <= i < sub_hi and tv.start is not None]

    def _repeated(self, trig: Token) -> bool:
        """The trigger is said to have happened more than once ("visited twice", "two joint exercises")."""
        for c in trig.children:
            if c.dep_ == "nummod":
                value = to_number(c.text, load_vocabulary(self.rules.folder))
                if value is not None and value > 1:
                    return True
        words = {t.lower_ for t in self.sent}
        return bool(words & self.rules.repetition - {"first"}) or (
            "first" in words and "then" in words)

    def _people_with_dates(self, trig: Token, hi: int, on: date | None) -> list[tuple[Ref, TimeValue]]:
        """Persons after the trigger each followed closely by their own date."""
        out = []
        refs = [r for r in self.resolver.refs(trig.i + 1, hi, on) if r.kind == "person"]
        for n, r in enumerate(refs):
            stop = refs[n + 1].span.start if n + 1 < len(refs) else hi
            for i, tv in self.dates:
                if r.span.end <= i < min(stop, r.span.end + 4) and tv.start is not None:
                    out.append((r, tv))
                    break
        return out if len(out) >= 2 else []

    def _pair_words(self, trig: Token, et: EventType, lo: int, hi: int) -> tuple[Ref, Ref] | None:
        """The article's two main countries, when a symmetric event is told of "both countries"."""
        own = [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "between"]
        anywhere = [t for t in self.sent if t.dep_ == "prep" and t.lower_ == "between"]
        for prep in own or anywhere:
            # "exercises between Pakistan and Russia"
            sides = [r for r in self.resolver.refs(*subtree_range(prep), self.anchor) if r.kind == "country"]
            if len(sides) >= 2:
                return sides[0], sides[1]
        text = self.sent.text.lower().replace("’", "'")
        if not any(w in text for w in self.rules.pair_words):
            return None
        return self.resolver.main_pair(self.anchor)

    def _as_country(self, ref: Ref, on: date | None) -> Ref | None:
        """The country a person serves, as the actor of a state's act."""
        if ref.kind == "person" and ref.country:
            actor = self.gaz.lookup(ref.country, on=on)
            name = actor.name if actor else ref.country
            return Ref(ref.span, name, "country", name)
        return None

    def _dates_for(self, trig: Token, lo: int, hi: int) -> list[TimeValue]:
        """Dates that belong to the trigger: in its subtree first, else in its scope after it, else before it."""
        found = self._date_candidates(trig, lo, hi)
        # a bare day/month ("9/11") names another event; a year next to it dates this one
        plain = [tv for tv in found if not SLASH_DATE.match(tv.text)]
        return plain or found

    def _date_candidates(self, trig: Token, lo: int, hi: int) -> list[TimeValue]:
        sub_lo, sub_hi = subtree_range(trig)
        if trig.dep_ in {"dobj", "pobj", "xcomp"} and trig.head.pos_ in ("VERB", "AUX"):
            # "made a visit ... in 2003": the date hangs on the light verb
            sub_lo, sub_hi = min(sub_lo, trig.head.i), max(sub_hi, trig.head.i + 1)
        in_scope = [(i, tv) for i, tv in self.dates if lo <= i < hi and tv.start is not None]
        if any(not SLASH_DATE.match(tv.text) for _, tv in in_scope):
            in_scope = [(i, tv) for i, tv in in_scope if not SLASH_DATE.match(tv.text)]
        # another mention of the same event, or another clause's verb, inside this trigger's subtree keeps its
        # own dates; a noun phrase inside it ("supported India in its aggression in 1971") shares them
        nested = [subtree_range(t) for t in self.trigger_tokens if t.i != trig.i and trig.is_ancestor(t)
                  and (t.lemma_ == trig.lemma_ or t.pos_ in ("VERB", "AUX"))]
        # "the 1965 war": a number modifying another event noun is that event's date
        owned = {c.i for t in self.trigger_tokens if t.i != trig.i
                 for c in (*t.children, *t.head.children) if c.dep_ in ("nummod", "compound") and c.like_num}
        in_scope = [(i, tv) for i, tv in in_scope if i not in owned]
        plain = [(i, tv) for i, tv in self.dates if tv.start is not None and not SLASH_DATE.match(tv.text)]
        inside = [(i, tv) for i, tv in (plain or self.dates) if sub_lo <= i < sub_hi and tv.start is not None
                  and i not in owned and not any(a <= i < b for a, b in nested)]
        own = [tv for i, tv in inside if self._governs(trig, i)]
        if own or inside:
            # dates of the trigger's own clause first; a parse that hangs them elsewhere still leaves the subtree
            return own or [tv for _, tv in inside]
        after = [tv for i, tv in in_scope if i > trig.i]
        if after:
            return after[:1]
        before = [tv for i, tv in in_scope if i < trig.i]
        if before:
            return before[-1:]
        if trig.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "poss" for c in trig.children):
            # a noun event takes the nearest date of its sentence ("from 1979 to 1989 when ... the occupation")
            rivals = [t.i for t in self.trigger_tokens if t.i != trig.i and t.lemma_ == trig.lemma_]
            near = sorted((bool(SLASH_DATE.match(tv.text)), abs(i - trig.i), n, tv)
                          for n, (i, tv) in enumerate(self.dates) if tv.start is not None and i < trig.i
                          # a date beyond another mention of the same event noun belongs to that one
                          and not any(min(i, trig.i) < r < max(i, trig.i) for r in rivals))
            if near and near[0][1] <= 40:
                return [near[0][3]]
        # "In 2015, Russia signed a deal ... to sell ...": a sentence-initial date governs every clause
        opening = [tv for i, tv in self.dates if i < trig.i and i - self.sent.start <= 3 and tv.start is not None]
        return opening[:1]

    def _pair(self, targets: list[Ref | None], dates: list[TimeValue], trig: Token, lo: int, hi: int):
        """Pair targets with dates: in order when the counts match (respectively), else all share the nearest."""
        if not targets:
            targets = [None]
        if len(targets) > 1 and len(dates) < len(targets):
            first, last = targets[0].span.start, targets[-1].span.end
            near = [tv for i, tv in self.dates if first <= i <= last + 3 and tv.start is not None]
            if len(near) == len(targets):
                dates = near
        if len(targets) > 1 and len(dates) == len(targets):
            return list(zip(targets, dates))
        # an explicit date beats one counted from another ("Five years later, on 9 August 1971")
        tv = next((d for d in dates if not d.relative), dates[0]) if dates else None
        return [(t, tv) for t in targets]

    def _actor(self, trig: Token, on: date | None) -> tuple[Ref | None, str]:
        """The actor and the title the article gives it, from subject, possessor, ``of``/``by`` phrase."""
        candidates: list[Token] = []
        if trig.pos_ in ("VERB", "AUX") and trig.dep_ == "amod":
            candidates.append(trig.head)  # "the visiting Russian Prime Minister"
        elif trig.pos_ in ("VERB", "AUX") and trig.dep_ in ("acl", "relcl") and any(
                c.dep_ == "prep" and c.lower_ == "to" for c in trig.head.children):
            # "an invitation to Prime Minister Liaquat Ali Khan to visit Moscow": the invitee would travel
            candidates.extend(c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "to")
        elif trig.pos_ in ("VERB", "AUX"):
            if trig.lemma_.lower() in self.rules_weak and any(c.dep_ == "auxpass" for c in trig.children):
                candidates.extend(c for c in trig.children if c.dep_ == "nsubjpass")  # "X was received in Beijing"
            head = trig
            for _ in range(4):
                subj = [c for c in head.children if c.dep_ in ("nsubj", "agent")
                        or (c.dep_ == "nsubjpass" and head.i != trig.i)
                        or (c.dep_ == "poss" and head.pos_ in ("NOUN", "PROPN"))]
                if subj:
                    candidates.extend(subj)
                    break
                if head.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "dobj") and head.head.i != head.i:
                    head = head.head
                else:
                    break
            if not candidates and trig.dep_ == "relcl":
                candidates.append(trig.head)  # "the USSR which broke up in 1992"
            if not candidates or trig.dep_ == "conj":
                # the parser sometimes swallows the subject into a fronted phrase ("In 2007 Pakistan's Minister
                # visited") or a list before it; the noun right before the verb is then its subject
                prev = self.doc[trig.i - 1] if trig.i > self.sent.start else None
                while prev is not None and prev.dep_ in ("aux", "auxpass", "advmod", "neg") and prev.i > self.sent.start:
                    prev = self.doc[prev.i - 1]
                if prev is not None and prev.pos_ in ("NOUN", "PROPN"):
                    candidates.append(prev)
        else:
            for c in trig.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) or c.dep_ in ("compound", "amod"):
                    candidates.append(c)
                if c.dep_ == "acl":
                    # "agreements signed between Russia and India", "a visit made by ..."
                    candidates.extend(p for p in c.children if p.dep_ in ("prep", "agent")
                                      and p.lower_ in ("between", "by"))
            if trig.dep_ == "nsubj" and trig.head.lemma_ == "be":
                # "another visit ... was by Russian Defence Minister Sergei Shoigu"
                candidates.extend(c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "by")
            if (trig.dep_ in ("dobj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX")
                    and trig.head.lemma_.lower() in self.rules.light_verbs
                    and not any(c.dep_ == "poss" for c in trig.children)):
                # "X paid a visit", "X was scheduled to have a visit": the light verb's subject
                light = [c for c in trig.head.children if c.dep_ == "nsubj"]
                light = light or [c for h in trig.head.ancestors for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
                candidates.extend(light)
        for cand in candidates:
            if cand.dep_ == "agent" or (cand.dep_ == "prep"):
                objs = [c for c in cand.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                cand = objs[0]
            if cand.dep_ in ("compound", "amod") and cand.head.i == trig.i:
                ref, role = self._phrase_ref(cand, on)
                if ref is not None and not ref.place:
                    return ref, role
                continue
            ref, role = self._phrase_ref(cand, on)
            if ref is not None:
                return ref, role
        if trig.pos_ not in ("VERB", "AUX"):
            # "the 2003 visit to Moscow of Pervez Musharraf": the parser hangs "of" on the city
            lo, hi = subtree_range(trig)
            people = [r for r in self.resolver.refs(lo, hi, on) if r.kind == "person"]
            if people:
                return people[0], self._role_near(people[0])
            # "visits" alone are generic; "the country's disintegration" names its own (unresolved) owner
            owned = any(c.dep_ == "poss" for c in trig.children)
            subject = self._clause_subject(trig) if trig.tag_ != "NNS" and not owned else None
            if subject is not None:
                return self._phrase_ref(subject, on)
        return None, ""

    @staticmethod
    def _clause_subject(tok: Token) -> Token | None:
        """The subject of the verb that governs a noun ("Pakistan and Russia held talks on a trade agreement")."""
        for anc in tok.ancestors:
            if anc.pos_ in ("VERB", "AUX"):
                subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
                return subj[0] if subj else None
        return None

    def _coordinated(self, actor: Ref, on: date | None) -> Ref | None:
        """The second party of a coordinated subject ("Pakistan and Russia held ...")."""
        for conj in actor.span.root.conjuncts:
            for r in self.resolver.refs(conj.i, conj.i + 1, on):
                if r.name != actor.name:
                    return r
        return None

    def _phrase_ref(self, tok: Token, on: date | None) -> tuple[Ref | None, str]:
        """The actor a noun phrase names: a person wins over a country; pronouns take the last such entity."""
        low = tok.lower_
        if low in ("which", "that", "who") and tok.head.dep_ == "relcl":
            tok = tok.head.head
            low = tok.lower_
        if low in PRONOUNS_PERSON | PRONOUNS_GROUP:
            kinds = {"person"} if low in PRONOUNS_PERSON else {"country", "organisation", "alliance"}
            if tok.dep_ == "poss" and tok.head.dep_ != "dobj":
                # "supported India in its aggression": a possessive points at the nearest fitting name, except
                # on the verb's own object ("Russia ... expressed its desire"), where it is the subject's
                ref = self.resolver.last_before(tok.i, kinds, on, min_i=self.sent.start)
                ref = ref or self._antecedent(tok, kinds, on)
            else:
                ref = self._antecedent(tok, kinds, on)
            # "they" and "their" too mark a continuation; for a symmetric event they stand for both sides
            return (replace(ref, pronoun=True) if ref else None), ""
        lo, hi = subtree_range(tok)
        refs = self.resolver.refs(lo, hi, on)
        role = self._role(lo, hi)
        people = [r for r in refs if r.kind == "person"]
        if people:
            return people[0], role or self._role_near(people[0])
        countries = [r for r in refs if r.kind == "country"]
        if role and on is not None:
            holder = self.gaz.holder(role, countries[0].name if countries else "", on)
            if holder is not None:
                return Ref(self.doc[lo:hi], holder.name, "person", holder.country), role
        others = [r for r in refs if r.kind in ("country", "organisation", "alliance")]
        if others:
            return others[0], role
        return None, role

    def _antecedent(self, pronoun: Token, kinds: set[str], on: date | None) -> Ref | None:
        """What a pronoun stands for: the subject of the clause before it, else the last entity of its kind."""
        start = max(0, self.sent.start - 60)
        subjects = [t for t in self.doc[start:pronoun.i] if t.dep_ in ("nsubj", "nsubjpass") and t.i != pronoun.i
                    and t.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP]
        for subj in reversed(subjects):
            refs = [r for r in self.resolver.refs(*subtree_range(subj), on) if r.kind in kinds]
            if refs:
                people = [r for r in refs if r.kind == "person"]
                return people[0] if people else refs[0]
        return self.resolver.last_before(pronoun.i, kinds, on, min_i=start)

    def _role(self, lo: int, hi: int) -> str:
        """The longest title in a token range ("Russian Deputy Prime Minister" → "Deputy Prime Minister")."""
        words = [t.text for t in self.doc[lo:hi]]
        for size in range(min(4, len(words)), 0, -1):
            for k in range(len(words) - size + 1):
                title = self.gaz.normalise_title(" ".join(words[k:k + size]))
                if title:
                    return title
        return ""

    def _role_near(self, ref: Ref) -> str:
        """A title written just before a person's name ("Russian Prime Minister, Mikhail Fradkov")."""
        lo = max(self.sent.start, ref.span.start - 5)
        return self._role(lo, ref.span.start) or self._role(ref.span.start, ref.span.end)

    def _targets(self, trig: Token, et: EventType, lo: int, hi: int, actor: Ref | None, on: date | None) -> list[Ref]:
        """Targets in the trigger's subtree, then in its scope after it; several for coordinated objects."""
        sub_lo, sub_hi = subtree_range(trig)
        kinds = et.target_kinds or ("country", "alliance", "organisation", "person")
        actor_names = {actor.name, actor.country} if actor else set()
        to_objects = [c for t in trig.subtree if t.dep_ == "prep" and t.lower_ == "to" for c in t.children
                      if c.dep_ == "pobj"]
        for obj in to_objects:
            # "supply of helicopters to Pakistan", "visit to Russia": the recipient or destination
            refs = [r for r in self.resolver.refs(*subtree_range(obj), on) if r.kind in kinds]
            if refs and not et.many_targets:
                return refs[:1]
        windows = [(max(sub_lo, trig.i), sub_hi), (trig.i + 1, hi)]
        if trig.pos_ not in ("VERB", "AUX"):
            windows.append((lo, trig.i))
        elif trig.dep_ == "conj" and trig.head.pos_ in ("VERB", "AUX"):
            # "visited Moscow and signed an MoU": the second verb shares the first one's counterpart
            head_lo, _ = subtree_range(trig.head)
            windows.append((max(head_lo, trig.head.i), sub_lo))
        for start, end in windows:
            refs = [r for r in self.resolver.refs(start, end, on) if r.name not in actor_names]
            if et.many_targets:
                picked = [r for r in refs if r.kind in kinds]
            else:
                picked = []
                for kind in kinds:
                    picked = [r for r in refs if r.kind == kind]
                    if picked:
                        picked = picked[:1]
                        break
            if picked:
                return picked
        return []

    def _named_instrument(self, trig: Token) -> str:
        """The name of a treaty or declaration the trigger is or signs ("the Treaty of Peace, Friendship and
        Cooperation", "the Tashkent Declaration"), so that two articles naming it speak of one event."""
        noun = trig
        if trig.pos_ in ("VERB", "AUX"):
            objs = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
            if not objs:
                return ""
            noun = objs[0]
        if not noun.text[:1].isupper() or noun.pos_ not in ("NOUN", "PROPN"):
            return ""
        # "the Indo-Soviet Treaty of ...": the parties' names are not part of the instrument's name
        words = [c for c in noun.lefts if c.dep_ == "compound" and c.text[:1].isupper()
                 and self.gaz.lookup(c.text) is None] + [noun]
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            words += [t for t in prep.subtree]
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i)).replace(" ,", ",")

    def _item_quantity(self, et: EventType, lo: int, hi: int, on: date | None) -> tuple[str, int | None]:
        """The equipment or project named in the scope, and the count written before it."""
        for r in self.resolver.refs(lo, hi, on):
            wanted = "project" if et.name in ("INVESTMENT", "AGREEMENT") else "equipment"
            if r.kind == wanted:
                qty = None
                for tok in ([] if wanted == "project" else reversed(self.doc[max(lo, r.span.start - 4):r.span.start])):
                    value = to_number(tok.text, load_vocabulary(self.rules.folder))
                    if value is not None and tok.like_num:
                        qty = int(value)
                        break
                return r.name, qty
        return "", None

    def _modality(self, trig: Token, lo: int, hi: int) -> str:
        lemmas = {t.lemma_.lower() for t in neighbourhood(trig)}
        lemmas |= {t.lower_ for t in neighbourhood(trig)}
        for mod in MODALITY_ORDER:
            if lemmas & self.rules.modality.get(mod, frozenset()):
                return mod
        return "asserted"

    def _claim(self, trig: Token, et: EventType, actor: Ref | None, role: str, target: Ref | None,
               tv: TimeValue | None, lo: int, hi: int) -> Claim:
        inherited = False
        if tv is None and actor is not None and (actor.pronoun or et.name in SPEECH_ACTS):
            # "He further stated ...", "Lavrov declared ...": an undated claim about someone the sentence before
            # dated continues that narrative, and takes its date
            tv = self.previous.get(actor.name)
            inherited = tv is not None
        on = tv.start if tv else self.anchor
        item, qty = self._item_quantity(et, lo, hi, on)
        if et.levels:
            text = self.sent.text.lower()
            item = next((level for level in et.levels if level in text), item)
        if not item and et.name in ("AGREEMENT", "MEDIATION"):
            item = self._named_instrument(trig)
        money = (find_money(self.doc[lo:hi].text, rules=self.rules.folder)
                 if et.name in ("INVESTMENT", "ARMS_DEAL", "TRADE", "AGREEMENT") else [])
        location = ""
        if target is not None and target.kind == "country" and target.span.text.strip() not in (target.name, target.country):
            location = target.span.text
        actor_name = actor.name if actor else ""
        target_name = (target.country if target and target.kind == "country" and target.country else target.name) if target else ""
        role_check = ""
        if actor and actor.kind == "person" and role and tv is not None:
            role_check = self.gaz.role_check(actor.name, role, tv.start, tv.end)
        modality = self._modality(trig, lo, hi)
        confidence = 0.4 + 0.2 * bool(actor) + 0.2 * bool(target) + 0.2 * bool(tv) - 0.1 * inherited
        key = "|".join([self.document.doc_id, str(self.sent.start_char), str(trig.idx), et.name, actor_name,
                        target_name, tv.text if tv else ""])
        return Claim(
            claim_id=hashlib.sha256(key.encode()).hexdigest()[:16],
            doc_id=self.document.doc_id,
            sentence_id=self.sent_id,
            char_start=self.sent.start_char,
            char_end=self.sent.end_char,
            event_type=et.name,
            actor=actor_name,
            actor_role=role,
            actor_kind=actor.kind if actor else "",
            target=target_name,
            location=location,
            item=item,
            quantity=qty,
            amount=money[0].amount if money else None,
            currency=money[0].currency if money else "",
            date_text=tv.text if tv else "",
            date_start=tv.start if tv else None,
            date_end=tv.end if tv else None,
            date_granularity=tv.granularity if tv else "",
            modality=modality,
            evidence=self.sent.text.strip(),
            confidence=round(confidence, 2),
            participants=tuple(sorted({n for n in (actor_name, target_name) if n})),
            identity_cues=identity_cues(self.doc[lo:hi]),
            role_check=role_check,
            trigger=f"{trig.i - self.sent.start}:{trig.pos_}" + (
                ":specialised" if trig.lemma_.lower() not in et.nouns | et.verbs else ""),
        )


def identity_cues(span: Span) -> tuple[str, ...]:
    """Words that single an event out ("first", "landmark"): evidence that two dates describe one event."""
    cues = set()
    text = span.text.lower()
    for cue in ("first", "landmark", "land mark", "maiden", "historic"):
        if cue in text:
            cues.add(cue.replace(" ", ""))
    return tuple(sorted(cues))


def _with_date(claim: Claim, tv: TimeValue) -> Claim:
    """A claim that takes the date of the event its sentence points back to."""
    return replace(claim, date_text=tv.text, date_start=tv.start, date_end=tv.end, date_granularity=tv.granularity,
                   confidence=round(claim.confidence - 0.1, 2))


def subsume(claims: list[Claim], rules: EventRules) -> list[Claim]:
    """Drop claims a bigger claim of the same sentence absorbs (the meetings of a visit, the agreement of a deal)."""
    absorbers = {t.name: t.subsumes for t in rules.types if t.subsumes}
    # a noun the rules specialised ("free trade agreement" → TRADE) absorbs the general claims of its sentence
    narrower = {t.name: t.specialises for t in rules.types}
    out = []
    for c in claims:
        absorbed = any(
            (c.event_type in absorbers.get(o.event_type, ())
             or (o.trigger.endswith(":specialised") and c.event_type in narrower.get(o.event_type, ())))
            and o.sentence_id == c.sentence_id
            and (not c.actor or not o.actor or c.actor == o.actor or c.actor_kind == "country")
            for o in claims if o is not c)
        if not absorbed:
            out.append(c)
    return out


def _is_verb(c: Claim) -> bool:
    return c.trigger.endswith(("VERB", "AUX"))


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (type, actor, target, date) in a sentence: two triggers of one event ("signed a deal ... to
    sell") merge, keeping the fuller arguments; an undated duplicate of a dated claim goes. Two verbs stay two
    events ("presidents met in New York and heads of government met in Moscow")."""
    kept: list[Claim] = []
    for c in claims:
        same = [n for n, k in enumerate(kept) if k.event_type == c.event_type and k.actor == c.actor
                and (k.target == c.target or not k.target or not c.target)
                and (k.date_text == c.date_text or not k.date_text or not c.date_text)
                and not (_is_verb(k) and _is_verb(c) and k.trigger != c.trigger)]
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


def extract_claims(doc: Doc, document: Document, *, gazetteer: Gazetteer, rules: EventRules) -> list[Claim]:
    """Every event claim of one parsed article.

    Args:
        doc: The article parsed by :func:`pipeline.nlp.load` (dates in ``doc.user_data["dates"]``).
        document: The article's record (doc_id, publication date).
        gazetteer: Canonical actors and offices.
        rules: Triggers and modality cues.

    Returns:
        Claims sorted by (char_start, claim_id).
    """
    resolver = Resolver(doc, gazetteer)
    all_dates: list[TimeValue] = doc.user_data.get("dates", [])
    claims: list[Claim] = []
    inherited: TimeValue | None = None
    inherited_at: int | None = None
    participants: dict[str, TimeValue] = {}
    for sent_id, sent in enumerate(doc.sents):
        dates = [tv for tv in all_dates if sent.start_char <= tv.char_start < sent.end_char]
        ex = SentenceExtractor(doc, sent, sent_id, document, gazetteer, rules, resolver, dates)
        ex.previous = participants
        found = ex.extract(inherited=inherited)
        claims.extend(found)
        dated = [c for c in found if c.date_start is not None]
        if dated or (inherited_at is not None and sent_id - inherited_at >= 2):
            inherited = inherited_at = None  # a back-reference reaches one sentence past the event, no further
        participants = {name: c.time for c in dated for name in (c.actor, c.target) if name}
        if dated:
            inherited, inherited_at = dated[-1].time, sent_id
    return claims

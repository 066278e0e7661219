"""What the parts of claim extraction share: the sentence at hand, a claim in the making, and a named part.

A *gate* decides whether a trigger or a claim in the making counts; a *repair* fixes one of its roles, dates or
fields. Each is a small named function (see :mod:`pipeline.claims.extract` for the registry), so that an
evaluation can switch any one off (``ablate``) and see what it is worth.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable

from ..actors import Gazetteer
from ..records import Document, TimeValue
from .resolver import Ref, Resolver
from .rules import EventRules, EventType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRONOUNS_PERSON = {"he", "his", "him", "she", "her"}
PRONOUNS_GROUP = {"it", "its", "they", "their", "them"}
VERBAL = ("VERB", "AUX")


@dataclass(frozen=True)
class Sentence:
    """One sentence being read for claims, and what its triggers share."""

    doc: Doc
    """The parsed article."""
    sent: Span
    """The sentence."""
    sent_id: int
    """The sentence's index in the article."""
    document: Document
    """The article's record."""
    gaz: Gazetteer
    """Canonical actors and offices."""
    rules: EventRules
    """Triggers and cues of ``events.yaml``."""
    resolver: Resolver
    """The article's entity resolver (shared by its sentences)."""
    dates: tuple[tuple[int, TimeValue], ...]
    """The sentence's dates, each with the index of its first token."""
    anchor: date | None
    """The article's publication date."""
    previous: dict[str, TimeValue] = field(default_factory=dict)
    """The date of each participant of the sentence before's dated claims."""
    destinations: dict[str, str] = field(default_factory=dict)
    """The country each traveller's last visit in the article reached (person → country), for a later trip of
    theirs that names no place."""
    travellers: tuple[str, ...] = ()
    """The people whose trips the sentence before told (a "he" who travels next is most likely one of them)."""
    trigger_tokens: tuple[Token, ...] = ()
    """The sentence's triggers (set once they are found)."""
    ablate: frozenset[str] = frozenset()
    """Names of the parts switched off."""
    offset: int = 0
    """Where the Doc's text starts in the article's text (a piece of a long article, see
    :func:`pipeline.claims.claims_of_pieces`): claims locate their sentence in the article."""
    line: str = ""
    """The kind of line the sentence stands on (:class:`pipeline.ingest.layout.PageLayout`): ``headline`` (a line
    that does not end as a sentence), ``chronology`` (a line that opens with a date and a separator) or ``""``."""
    heading: TimeValue | None = None
    """The date the page's layout gives the sentence: its chronology line's head date, or the date line of the
    listicle block it stands in."""
    told: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """For each one-time event type, the (actor, target) pairs of the last sentence, among the few before, that told
    such events ("NATO decided to admit Poland, Hungary and the Czech Republic": "the accession" after it is theirs)."""

    def on(self, name: str) -> bool:
        """Whether the part ``name`` is switched on."""
        return name not in self.ablate

    @property
    def weak_verbs(self) -> frozenset[str]:
        """Every type's weak verbs ("come", "go"): verbs that make a visit only with a place reached."""
        return frozenset().union(*(t.weak_verbs for t in self.rules.types))

    @property
    def event_nouns(self) -> frozenset[str]:
        """Every trigger noun of every event type ("visit", "agreement")."""
        return frozenset().union(*(t.nouns for t in self.rules.types))

    @property
    def host_verbs(self) -> frozenset[str]:
        """Every type's host verbs ("host"): their object is the one who comes, their subject the host."""
        return frozenset().union(*(t.host_verbs for t in self.rules.types))


@dataclass(frozen=True)
class Draft:
    """A claim in the making: one trigger, and the arguments the parts have found for it so far."""

    trig: Token
    """The trigger token."""
    et: EventType
    """Its event type."""
    lo: int
    """Start of the trigger's scope (after the trigger before it)."""
    hi: int
    """End of the trigger's scope (at the trigger after it)."""
    anaphoric: bool = False
    """The trigger points back at an event already told ("this visit")."""
    dates: tuple[TimeValue, ...] = ()
    """Dates that belong to the trigger, best first."""
    on: date | None = None
    """The date actors are resolved at: the first date, else the publication date."""
    actor: Ref | None = None
    """Who acts."""
    role: str = ""
    """The title the article gives the actor."""
    agent: str = ""
    """The person named as the actor, kept when a state's act makes the state the actor."""
    co_actors: tuple[Ref, ...] = ()
    """Further actors of a coordinated subject ("Poland, Hungary and the Czech Republic joined"), each its own
    claim."""
    plural: bool = False
    """The actor was a plural pronoun standing for both sides ("they signed")."""
    pair: tuple[Ref, Ref] | None = None
    """Both sides of a symmetric event, when the sentence names them as a pair."""
    targets: tuple[Ref, ...] = ()
    """Who or what the act is directed at."""
    rows: tuple[tuple[Ref | None, str, Ref | None, TimeValue | None], ...] = ()
    """The claims to write: (actor, role, target, date) each."""


@dataclass(frozen=True)
class Part:
    """A named heuristic: a gate (``fn(sentence, draft) -> bool``, False drops the draft), a repair
    (``fn(sentence, draft) -> Draft``) or a step every claim needs (not switchable)."""

    name: str
    kind: str
    fn: Callable


def subtree_range(token: Token) -> tuple[int, int]:
    """Token index range ``[start, end)`` of a token's subtree."""
    return token.left_edge.i, token.right_edge.i + 1


def light_verb_range(trig: Token) -> tuple[int, int]:
    """The trigger's subtree, stretched over the verb a trigger noun is the object of ("made a visit ... in
    2003": the date hangs on the light verb)."""
    lo, hi = subtree_range(trig)
    if trig.dep_ in {"dobj", "pobj", "xcomp"} and trig.head.pos_ in VERBAL:
        lo, hi = min(lo, trig.head.i), max(hi, trig.head.i + 1)
    return lo, hi


def governing_words(tok: Token, et: EventType) -> list[Token] | None:
    """For a ``governed_verbs`` trigger, the words it counts under around it: its head, a word hanging from the
    head ("NATO expansion to include": the parser may hang "to include" on the verb "expansion" is the object of,
    "ratify NATO expansion to include"; "NATO's enlargement includes Poland"), or the object of one of its own
    phrases ("welcomed Poland as a member"); None for any other trigger."""
    governors = et.governors(tok.lemma_.lower()) if tok.pos_ in VERBAL else None
    if governors is None:
        return None
    own = [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [h for h in (tok.head, *tok.head.children, *own) if h.i != tok.i and h.lemma_.lower() in governors]


def has_possessor(tok: Token) -> bool:
    """The token has a possessive child ("his visit", "Russia's support")."""
    return any(c.dep_ == "poss" for c in tok.children)


def told_noun(s: Sentence, trig: Token, et: EventType) -> bool:
    """A noun of a one-time event that names no owner, definite or indefinite ("the accession", "The March
    accession", "a ceremonial accession") or bare after "of"/"for" ("signed the documents of accession", "the
    formalities for accession"), after sentences that told such events: it is theirs."""
    if et.name not in s.told or trig.pos_ != "NOUN" or has_possessor(trig):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "by") for c in trig.children):
        return False
    dets = [c.lower_ for c in trig.children if c.dep_ == "det"]
    bare = not dets and trig.dep_ == "pobj" and trig.head.lower_ in ("of", "for") and not any(
        c.dep_ in ("compound", "amod", "nmod") for c in trig.children)
    return bare or any(d in ("the", "a", "an") for d in dets)


def in_clause_phrase(tok: Token, trig: Token, preps: frozenset[str] | set[str]) -> bool:
    """The token stands in a phrase of one of ``preps`` within the trigger's clause: walking up from it, such a
    preposition comes before the trigger or any verb ("met in Xian", "bought ... from Russia")."""
    for anc in tok.ancestors:
        if anc.i == trig.i or anc.pos_ in VERBAL:
            return False
        if anc.dep_ == "prep" and anc.lower_ in preps:
            return True
    return False

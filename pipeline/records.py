"""Typed records passed between the stages: ingest → nlp → dates → actors → claims → reconcile.

Every record is a frozen dataclass; a stage builds new records and never mutates its input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Granularity(StrEnum):
    """The precision a date is stated to; ``range`` is an interval given by its two ends."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"


class Modality(StrEnum):
    """Whether a claim says the event happened, or was planned, cancelled, denied, hedged or a stated goal."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    CANCELLED = "cancelled"
    NEGATED = "negated"
    HEDGED = "hedged"
    TARGET = "target"


class Severity(StrEnum):
    """How sure a conflict is, most severe first (the order conflicts.csv is sorted in)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return list(Severity).index(self)


GRANULARITIES = tuple(g.value for g in Granularity)
MODALITIES = tuple(m.value for m in Modality)


@dataclass(frozen=True)
class TimeValue:
    """A temporal expression and the inclusive interval it denotes.

    Attributes:
        text: The expression as written ("September 2011", "the same year").
        char_start: Offset of the expression's first character in the text it was found in.
        char_end: Offset one past its last character.
        start: First day of the interval, or None when the expression has no value.
        end: Last day of the interval (inclusive).
        granularity: One of GRANULARITIES: the precision the text states.
        relative: True when the value came from an anchor ("the same year", "last year").
        mod: What a modifier says of the part of the period meant, as TimeML's mod: START ("early 1917"),
            MID ("mid-1980s"), END ("late March"); "" when none. The interval stays the whole period.
    """

    text: str
    char_start: int
    char_end: int
    start: date | None
    end: date | None
    granularity: str
    relative: bool = False
    mod: str = ""

    @property
    def label(self) -> str:
        """The value at its stated precision: ``2011``, ``2011-09``, ``2011-09-24`` or ``1979/1989``."""
        if self.start is None or self.end is None:
            return ""
        if self.granularity == "day":
            return self.start.isoformat()
        if self.granularity == "month":
            return self.start.isoformat()[:7]
        if self.granularity == "year":
            return str(self.start.year)
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def overlaps(self, other: TimeValue) -> bool:
        """True when the two intervals share at least one day (values at two precisions agree)."""
        if None in (self.start, self.end, other.start, other.end):
            return True
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class Document:
    """One article as ingested.

    Attributes:
        doc_id: File name without extension, relative path kept for sub-folders.
        path: Path of the file relative to the corpus folder.
        text: Clean text; every offset in claims points into it.
        title: Detected title, or "".
        author: Detected author, or "".
        published: Publication date the article states, or None.
        published_from: Where ``published`` came from: "metadata" (a metadata file the user gave), "meta" (the
            page's markup), "header" (a date line, a "Published ..." line near the top), "dateline" (a news
            dateline with its year), or "" when there is none.
        source: The outlet, as a user's metadata file gives it, or "".
        url: The page's address, as a user's metadata file gives it, or "".
        content_hash: sha256 of the raw bytes (first 16 hex digits).
        status: "ok" or "skipped".
        reason: Why the article was skipped ("empty", "undecodable", ...), else "".
        words: Number of whitespace-separated words in the clean text; counted from ``text`` unless given (an
            article whose claims come from the store is not read again, so its text is "").
    """

    doc_id: str
    path: str
    text: str
    title: str = ""
    author: str = ""
    published: TimeValue | None = None
    content_hash: str = ""
    status: str = "ok"
    published_from: str = ""
    source: str = ""
    url: str = ""
    reason: str = ""
    words: int = -1

    def __post_init__(self) -> None:
        if self.words < 0:
            object.__setattr__(self, "words", len(self.text.split()))


@dataclass(frozen=True)
class Mention:
    """A reference to an actor in the text, resolved to its canonical name.

    Attributes:
        text: Surface text ("the Kremlin", "Mr. Putin").
        char_start: Offset in the document text.
        char_end: Offset one past the end.
        canonical: Canonical name from the gazetteer, or the surface name for unknown people.
        kind: country, state, organisation, alliance, person, project, equipment or office.
        role: The title the article gives a person here ("Prime Minister"), or "".
    """

    text: str
    char_start: int
    char_end: int
    canonical: str
    kind: str
    role: str = ""


@dataclass(frozen=True)
class Claim:
    """One event claim made by one article; the fields are the columns of claims.csv."""

    claim_id: str
    doc_id: str
    sentence_id: int
    char_start: int
    char_end: int
    event_type: str
    actor: str
    actor_role: str
    target: str
    location: str
    item: str
    quantity: int | None
    amount: float | None
    currency: str
    date_text: str
    date_start: date | None
    date_end: date | None
    date_granularity: str
    modality: str
    evidence: str
    confidence: float
    actor_kind: str = ""
    participants: tuple[str, ...] = ()
    identity_cues: tuple[str, ...] = ()
    role_check: str = ""
    trigger: str = ""
    attributed_to: str = ""
    """Who the article says the claim comes from ("Pakistani officials", "TASS"), or ""."""
    event_id: str = ""
    agent: str = ""
    """The person who acts: the actor itself, or the person acting for the actor state
    ("Oil Minister Imran Qadri signed": Imran Qadri for Pakistan), else ""."""
    role_parts: tuple[str, ...] = ()
    """``actor_role`` read by the title grammar (:attr:`pipeline.actors.titles.Title.parts`): what tells
    compatible titles from two posts."""

    @property
    def time(self) -> TimeValue | None:
        """The claim's date as a TimeValue, or None when the claim is undated."""
        if self.date_start is None:
            return None
        return TimeValue(self.date_text, 0, 0, self.date_start, self.date_end, self.date_granularity)


@dataclass(frozen=True)
class Event:
    """A real-world event: claims from all articles merged; the fields are the columns of events.csv."""

    event_id: str
    event_type: str
    actor: str
    target: str
    item: str
    date_start: date | None
    date_end: date | None
    date_granularity: str
    amount: float | None
    quantity: int | None
    n_sources: int
    doc_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    disputed: tuple[str, ...] = ()
    support: str = ""
    subject: str = ""
    status: str = "happened"
    """What the claims say of it: happened, planned, cancelled, denied or disputed (see
    :func:`pipeline.reconcile.events.event_status`)."""


@dataclass(frozen=True)
class Conflict:
    """One disagreement: an event, an attribute and a pair of values, with every claim on each side.

    ``claim_a``/``doc_a``/``evidence_a`` (and ``_b``) are one representative claim per side; ``docs_a``/``docs_b``
    every article on each side, ``sources_a``/``sources_b`` how many independent sources they are, ``claims_a``/
    ``claims_b`` every claim (for the report). ``about`` is what the disagreement is about (event type, actor,
    target, item, tie key, attribute, the two values in canonical order): ``conflict_id`` is its hash, and a
    decision is carried by it when the event's identity changes. The other fields are the columns of
    conflicts.csv.
    """

    conflict_id: str
    event_id: str
    event_type: str
    subject: str
    attribute: str
    value_a: str
    value_b: str
    claim_a: str
    claim_b: str
    doc_a: str
    doc_b: str
    evidence_a: str
    evidence_b: str
    severity: str
    rationale: str
    status: str = "open"
    resolution: str = ""
    docs_a: tuple[str, ...] = ()
    docs_b: tuple[str, ...] = ()
    sources_a: int = 0
    sources_b: int = 0
    note: str = ""
    claims_a: tuple[str, ...] = ()
    claims_b: tuple[str, ...] = ()
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one conflict.

    Attributes:
        status: open, confirmed, dismissed or resolved.
        resolution: The value the reviewer settled on (for ``resolved``), else "".
        note: The reviewer's free text.
        about: What the disagreement decided is about (:attr:`Conflict.about`), to carry the decision to the same
            disagreement when its id changes; empty for decisions recorded before it was kept.
    """

    status: str
    resolution: str = ""
    note: str = ""
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunResult:
    """What one run produced, in output order."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...]
    sentences: dict[str, int] = field(default_factory=dict)
    reused: int = 0
    rejected: frozenset[str] = frozenset()
    uncarried: tuple[tuple[str, Decision], ...] = ()

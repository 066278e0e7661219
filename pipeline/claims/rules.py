"""The event rules of ``events.yaml``: event types, how each is said, and the modality cues.

:func:`load_event_rules` builds them once per rule set from every pack's copy of the file, merged.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from ..ruleset import RuleSet, resolve

EVENT_TYPE_KEYS = {"cardinality", "verbs", "nouns", "needs", "target_kinds", "actor_kinds", "subsumes", "symmetric",
                   "specialises", "dated_nouns", "owned_nouns", "subject", "many_targets", "levels",
                   "weak_verbs", "host_verbs", "examples", "same_year_identity", "complements", "seat_is_party",
                   "joint_nouns", "needs_target", "agent_nouns", "false_objects", "owner_is_target", "receiver_words",
                   "giving_verbs", "governed_verbs", "modality_words"}


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
    same_year_identity: bool = False
    complements: frozenset[str] = frozenset()
    host_verbs: frozenset[str] = frozenset()
    seat_is_party: bool = False
    joint_nouns: frozenset[str] = frozenset()
    needs_target: bool = False
    agent_nouns: frozenset[str] = frozenset()
    false_objects: frozenset[str] = frozenset()
    owner_is_target: bool = False
    receiver_words: frozenset[str] = frozenset()
    giving_verbs: frozenset[str] = frozenset()
    governed_verbs: tuple[tuple[str, frozenset[str]], ...] = ()
    modality_words: tuple[tuple[str, frozenset[str]], ...] = ()

    def governors(self, lemma: str) -> frozenset[str] | None:
        """The words a ``governed_verbs`` trigger counts under, or None for any other trigger."""
        return next((words for verb, words in self.governed_verbs if verb == lemma), None)

    @property
    def movement(self) -> bool:
        """Whether the type tells someone going somewhere (a visit: it has movement verbs): its target is the place
        reached. An alliance admitting a state hosts it too, but nobody travels."""
        return bool(self.weak_verbs)


@dataclass(frozen=True)
class EventRules:
    """All event types and the modality cues, from the packs' ``events.yaml``."""

    types: tuple[EventType, ...]
    modality: dict[str, frozenset[str]]
    repetition: frozenset[str] = frozenset()
    pair_words: tuple[str, ...] = ()
    anaphora: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    ruleset: RuleSet | None = None

    @property
    def trigger_heads(self) -> frozenset[str]:
        """Every lemma that starts a trigger ("hold" of "hold talks"): a cheap first test for each token."""
        heads = self.__dict__.get("_heads")
        if heads is None:
            heads = frozenset(w.split()[0] for t in self.types for w in t.verbs | t.nouns | t.joint_nouns)
            object.__setattr__(self, "_heads", heads)
        return heads
    continuation: frozenset[str] = frozenset()
    venue_words: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    attribution_phrases: tuple[str, ...] = ()
    group_nouns: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    organisation_nouns: frozenset[str] = frozenset()
    locative_words: frozenset[str] = frozenset()
    stretch_words: frozenset[str] = frozenset()
    no_party_objects: frozenset[str] = frozenset()
    condition_words: frozenset[str] = frozenset()
    kin_nouns: frozenset[str] = frozenset()
    pair_people: frozenset[str] = frozenset()
    opposition_words: frozenset[str] = frozenset()

    def cardinality(self, event_type: str) -> str:
        """``one-time`` or ``repeatable`` (repeatable for types the rules do not describe)."""
        for t in self.types:
            if t.name == event_type:
                return t.cardinality
        return "repeatable"


def load_event_rules(rules: RuleSet | Path | None = None) -> EventRules:
    """The event rules: every pack's ``events.yaml`` merged, built once per rule set.

    Args:
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Raises:
        RuleError: YAML syntax error (with line), an unknown key, or a bad cardinality.
    """
    return resolve(rules).built("events", _build)


def _build(rules: RuleSet) -> EventRules:
    path = rules.where("events.yaml")
    data = rules.yaml("events.yaml")
    known = {"event_types", "modality", "repetition", "pair_words", "anaphora", "light_verbs", "continuation",
             "venue_words", "attribution_verbs", "attribution_phrases", "group_nouns", "organisation_nouns",
             "object_control", "locative_words", "stretch_words",
             "no_party_objects", "condition_words", "kin_nouns", "pair_people", "opposition_words"}
    if not isinstance(data, dict) or set(data) - known:
        unknown = sorted(set(data) - known) if isinstance(data, dict) else ["(not a mapping)"]
        raise RuleError(f"{path}: unknown section {unknown[0]!r}")
    types = [_event_type(path, name, spec) for name, spec in (data.get("event_types") or {}).items()]
    modality = {k: frozenset(_words(path, f"modality.{k}", v)) for k, v in (data.get("modality") or {}).items()}
    words = {key: frozenset(_words(path, key, data.get(key))) for key in
             ("repetition", "anaphora", "light_verbs", "continuation", "venue_words", "attribution_verbs",
              "group_nouns", "organisation_nouns", "object_control", "locative_words", "stretch_words",
              "no_party_objects", "condition_words", "kin_nouns", "pair_people", "opposition_words")}
    phrases = tuple(sorted(_words(path, "attribution_phrases", data.get("attribution_phrases")), key=len, reverse=True))
    return EventRules(tuple(types), modality, pair_words=tuple(sorted(_words(path, "pair_words", data.get("pair_words")),
                                                                      key=len, reverse=True)), ruleset=rules, attribution_phrases=phrases,
                      **words)


def _words(path: str, section: str, value) -> list[str]:
    """A list of cue words; anything but words is an error (YAML would have read ``no`` as a boolean)."""
    value = value or []
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise RuleError(f"{path}: {section}: expected a list of words, got {value!r}")
    return value


def _governed(path: str, name: str, data, key: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A mapping of a word to a list of words (``governed_verbs``: a trigger verb to the words it counts under;
    ``modality_words``: a modality to the cue words it has for this type only), as sorted pairs."""
    if data is None:
        return ()
    if not isinstance(data, dict) or not all(isinstance(v, list) and v for v in data.values()):
        raise RuleError(f"{path}: {name}: {key} must map each word to a list of words")
    return tuple(sorted((key_word, frozenset(words)) for key_word, words in data.items()))


def _event_type(path: str, name: str, spec: dict) -> EventType:
    """One entry of ``event_types``.

    Raises:
        RuleError: an unknown key or a bad cardinality, naming the file and the type.
    """
    unknown = set(spec) - EVENT_TYPE_KEYS
    if unknown:
        raise RuleError(f"{path}: {name}: unknown key {sorted(unknown)[0]!r}")
    if spec.get("cardinality") not in ("one-time", "repeatable"):
        raise RuleError(f"{path}: {name}: cardinality must be one-time or repeatable")
    needs = spec.get("needs") or {}
    return EventType(
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
        agent_nouns=frozenset(spec.get("agent_nouns") or ()),
        false_objects=frozenset(spec.get("false_objects") or ()),
        owner_is_target=spec.get("owner_is_target") is True,
        receiver_words=frozenset(spec.get("receiver_words") or ()),
        giving_verbs=frozenset(spec.get("giving_verbs") or ()),
        governed_verbs=_governed(path, name, spec.get("governed_verbs"), "governed_verbs"),
        modality_words=_governed(path, name, spec.get("modality_words"), "modality_words"),
        subject=spec.get("subject") or "",
        many_targets=bool(spec.get("many_targets")),
        levels=tuple(spec.get("levels") or ()),
        weak_verbs=frozenset(spec.get("weak_verbs") or ()),
        host_verbs=frozenset(spec.get("host_verbs") or ()),
        same_year_identity=spec.get("same_year_identity") is True,
        complements=frozenset(spec.get("complements") or ()),
        seat_is_party=spec.get("seat_is_party") is True,
        joint_nouns=frozenset(spec.get("joint_nouns") or ()),
        needs_target=spec.get("needs_target") is True,
        examples=tuple(spec.get("examples") or ()),
    )

"""Structured claims from parsed sentences: who did what to whom, when, where, how much.

A claim starts at a trigger (a verb or noun of ``rules/events.yaml``, :mod:`.triggers`), takes its actor from the
trigger's subject, possessor or ``of``/``by`` phrase and its target from its object or ``to``/``from`` phrase
(:mod:`.arguments`, over the entities :mod:`.resolver` resolves), its date from the temporal expressions of its
clause (several targets and several dates pair up in order: the respectively reading, :mod:`.timing`), and its
modality from cue words in the clause (:mod:`.modality`). :mod:`.extract` drives a claim in the making through
named gates (:mod:`.gates`) and repairs (:mod:`.repairs`); :mod:`.fields` writes the record.
"""
from .extract import PARTS, claims_of_pieces, dedupe, extract_claims, subsume
from .rules import EventRules, EventType, load_event_rules

__all__ = ["PARTS", "EventRules", "EventType", "claims_of_pieces", "dedupe", "extract_claims", "load_event_rules", "subsume"]

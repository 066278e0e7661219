"""Claims from all articles merged into events, and the attributes on which the sources disagree.

The stages, in order (README, "How claims become events"):

- :mod:`.blocking`: claims are blocked by event key (type, actor, target, and for types a named item tells apart
  the item) and by whether the event is said to have happened; blocks are never compared with each other, so the
  work grows with the block sizes, not the corpus squared.
- :mod:`.clustering`: inside a block, which claims are one event (one-time events; overlapping dates; ties).
- :mod:`.comparison`: where one event's claims disagree, as conflict rows.
- :mod:`.severity`: how severe a conflict is, from why its claims are one event.
- :mod:`.sources`: articles reusing another's sentences count as one source; which value more sources give.
- :mod:`.carry`: review decisions found by what a disagreement is about; :mod:`.rejection`: claims reviewers
  rejected, left out.
- :mod:`.events`: the event rows; :mod:`.merge` drives the stages; :mod:`.settings` takes the event-type
  properties from the event rules.
"""
from ..records import Decision
from .blocking import HAPPENED, block_key
from .comparison import date_label
from .events import parse_date_value, subject_of
from .carry import DecisionBook, conflict_id, uncarried
from .merge import reconcile
from .rejection import claim_key, without_rejected
from .settings import reconcile_options, settings_from_rules
from .severity import SEVERITY, Reason, severity
from .sources import dependent_documents

__all__ = ["HAPPENED", "SEVERITY", "Decision", "DecisionBook", "Reason", "block_key", "claim_key", "conflict_id",
           "date_label", "dependent_documents", "parse_date_value", "reconcile", "reconcile_options",
           "settings_from_rules", "severity", "subject_of", "uncarried", "without_rejected"]

"""What reconciliation takes from the event rules (``rules/events.yaml``): one place for event-type properties.

The settings are JSON-ready, so a run keeps them in the store and ``claimline export`` reconciles the stored
claims exactly as the run did.
"""
from __future__ import annotations

from typing import Any

from ..errors import RuleError
from ..ruleset import resolve
from .people import spelling_index

#: Entity kinds that are what an event is about (the equipment of an arms deal, the project of an investment):
#: a type whose trigger needs one of them is told apart by its item.
ITEM_KINDS = frozenset({"equipment", "project"})
#: The keys of :func:`settings_from_rules`; a store without one of them was written by an earlier claimline.
SETTINGS_KEYS = ("cardinality", "targetless", "symmetric", "templates", "itemised", "named_items", "year_identity",
                 "spellings")


def settings_from_rules(event_rules: Any) -> dict:
    """The reconciliation settings that the event rules imply.

    - ``cardinality``: ``one-time`` or ``repeatable`` per type;
    - ``targetless``: types with no target kinds (a state dissolves);
    - ``symmetric``: types whose two sides play the same part;
    - ``templates``: the ``subject`` line per type;
    - ``itemised``: types whose item tells events apart: those whose trigger needs equipment or a project (two
      arms deals for different equipment), and those with membership ``levels`` (joining as an observer and as a
      full member);
    - ``named_items``: types whose named item identifies one event whatever the dates: the deal and investment
      types, and the types they absorb (an agreement naming the same project);
    - ``year_identity``: types whose claims by one named person about one other side in one year (dated to the
      month or day) are one event told differently (a visit), from ``same_year_identity`` in ``events.yaml``;
    - ``spellings``: each listed spelling of a word of a person's name → the word it is compared under, from
      ``names.yaml`` in the rules (:func:`pipeline.reconcile.people.spelling_index`).

    Args:
        event_rules: The loaded event rules (``claims.EventRules``): each type's ``name``, ``cardinality``,
            ``target_kinds``, ``symmetric``, ``subject``, ``needs_kinds``, ``levels`` and ``subsumes``.

    Returns:
        The settings as JSON-ready data (lists sorted).
    """
    types = event_rules.types
    deals = {t.name for t in types if t.needs_kinds & ITEM_KINDS}
    return {
        "cardinality": {t.name: t.cardinality for t in types},
        "targetless": sorted(t.name for t in types if not t.target_kinds),
        "symmetric": sorted(t.name for t in types if t.symmetric),
        "templates": {t.name: t.subject for t in types if t.subject},
        "itemised": sorted(deals | {t.name for t in types if t.levels}),
        "named_items": sorted(deals | {s for t in types if t.name in deals for s in t.subsumes}),
        "year_identity": sorted(t.name for t in types if t.same_year_identity),
        "spellings": dict(sorted(_spellings(event_rules).items())),
    }


def _spellings(event_rules: Any) -> dict[str, str]:
    """The spellings of names in the event rules' rule set (``names.yaml``), or none when no pack has the file.

    Raises:
        RuleError: the file is malformed (a spelling listed under two words).
    """
    rules = resolve(getattr(event_rules, "ruleset", None))
    if not rules.has("names.yaml"):
        return {}
    data = rules.yaml("names.yaml") or {}
    try:
        return spelling_index(data.get("spellings"))
    except ValueError as exc:
        raise RuleError(f"{rules.where('names.yaml')}: spellings: {exc}") from None


def reconcile_options(settings: dict) -> dict:
    """The keyword arguments of :func:`pipeline.reconcile.reconcile` for settings from :func:`settings_from_rules`."""
    return {
        "cardinality": settings["cardinality"],
        "targetless": frozenset(settings["targetless"]),
        "symmetric": frozenset(settings["symmetric"]),
        "templates": settings["templates"],
        "itemised": frozenset(settings["itemised"]),
        "named_items": frozenset(settings["named_items"]),
        "year_identity": frozenset(settings["year_identity"]),
        "spellings": dict(settings.get("spellings") or {}),
    }

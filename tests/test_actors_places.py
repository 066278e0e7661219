"""World knowledge from the libraries (pipeline.actors.places) and how claims use it: countries under their other
names, cities typed as places of a country, never actors."""
from __future__ import annotations

import pytest

from pipeline.actors import world_places


@pytest.mark.parametrize("surface, name, kind, country", [
    ("Hungary", "Hungary", "country", "Hungary"),
    ("the Czech Republic", "Czechia", "country", "Czechia"),
    ("United Republic of Tanzania", "Tanzania", "country", "Tanzania"),
    ("Yugoslavia", "Yugoslavia", "country", "Yugoslavia"),
    ("Dar es Salaam", "Dar es Salaam", "city", "Tanzania"),
    ("Miami", "Miami", "city", "United States"),
    ("Madrid", "Madrid", "city", "Spain"),
])
def test_actors_places_lookup(surface, name, kind, country):
    place = world_places().lookup(surface)
    assert (place.name, place.kind, place.country) == (name, kind, country)


def test_actors_places_currency_and_unknown():
    assert world_places().lookup("Kenya").currency == "KES"
    assert world_places().lookup("Yalta") is None  # below the population floor and no capital


def _summary(claims):
    return {(c.event_type, c.actor, c.target, c.location) for c in claims}


@pytest.mark.parametrize("text, expected", [
    # a city reached is its country, written as the claim's location
    ("Madeleine Albright arrived in Nairobi on August 18, 1998.",
     ("VISIT", "Madeleine Albright", "Kenya", "Nairobi")),
    ("Foreign Minister Bronislaw Geremek will travel to Miami in March 1999.",
     ("VISIT", "Bronislaw Geremek", "United States", "Miami")),
])
def test_actors_places_city_target_is_its_country(extract, text, expected):
    assert expected in _summary(extract(text))


def test_actors_places_city_never_acts(extract):
    claims = extract("Madrid signed an agreement with Morocco in 2005.")
    assert all(c.actor != "Madrid" for c in claims)


@pytest.mark.parametrize("word, country", [("Serbian", "Serbia"), ("Serbians", "Serbia"), ("Kenyan", "Kenya"),
                                           ("Iraqis", "Iraq"), ("Dominican", None), ("Serbianness", None)])
def test_actors_places_demonyms_from_the_library(word, country):
    # a word two countries share (the Dominican Republic's and Dominica's people) names neither
    place = world_places().people_of(word)
    assert (place.country if place else None) == country


def test_actors_places_demonym_acts_for_its_country(extract):
    claims = extract("In 1991 Serbian forces attacked Croatia.")
    assert [(c.event_type, c.actor, c.target) for c in claims] == [("CONFLICT", "Serbia", "Croatia")]


@pytest.mark.parametrize("surface,region", [
    ("East Africa", "East Africa"), ("Southeast Asia", "Southeast Asia"), ("Europe", "Europe"),
    ("the South America", "South America"), ("Kenya", ""), ("African Union", ""), ("east Africa", ""),
])
def test_actors_places_continents_name_regions(surface, region):
    assert world_places().region(surface) == region

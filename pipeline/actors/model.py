"""The actors' records: ``Actor`` and ``Office``, the kinds of actor and their spaCy labels, and the comparison
key of a name (:func:`normalise`)."""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

KINDS = ("country", "state", "region", "organisation", "alliance", "person", "project", "equipment")
# spaCy-standard labels: projects are facilities, equipment are products.
LABELS = {
    "country": "GPE", "state": "GPE", "region": "LOC", "organisation": "ORG", "alliance": "ORG",
    "person": "PERSON", "project": "FAC", "equipment": "PRODUCT",
}
DEMONYM_LABEL = "NORP"
METONYM_LABEL = "GPE"
# When one surface names actors of several kinds and the caller does not say which kind it wants.
KIND_PRIORITY = {kind: i for i, kind in enumerate(
    ("country", "state", "person", "organisation", "alliance", "project", "equipment", "region"))}
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""The hyphens and dashes a name may be written with ("North-South", "North–South")."""


@dataclass(frozen=True)
class Office:
    """One term in one office, as the public record gives it.

    Attributes:
        title: Canonical title from the gazetteer's ``titles`` ("Prime Minister").
        country: Canonical name of the country the office belongs to.
        start: First day in office.
        end: Last day in office (inclusive), or None while in office.
        acting: True for an acting term.
    """

    title: str
    country: str
    start: date
    end: date | None
    acting: bool = False

    def covers(self, day: date) -> bool:
        """True when the term includes ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, start: date, end: date) -> bool:
        """True when the term shares at least one day with the inclusive interval ``start``..``end``."""
        return self.start <= end and (self.end is None or start <= self.end)

    @property
    def label(self) -> str:
        """``Prime Minister of Russia 2008-05-08–2012-05-07``; an open term ends with ``–``."""
        end = self.end.isoformat() if self.end else ""
        return f"{'acting ' if self.acting else ''}{self.title} of {self.country} {self.start.isoformat()}–{end}"


@dataclass(frozen=True)
class Actor:
    """A country, organisation, person, project or piece of equipment the gazetteer knows.

    Attributes:
        name: Canonical name ("Vladimir Putin", "Soviet Union", "Mi-35").
        kind: One of KINDS.
        aliases: Other names and misspellings that name only this actor (shared aliases included last).
        country: For people, organisations and projects their country; for equipment the maker's country.
        offices: For people, their terms in office, in the gazetteer's order.
        successor: For a state that ceased to exist, the state that continues it.
        valid_from: First day the state existed, or None.
        valid_to: Last day the state existed, or None.
        category: For equipment, what it is ("helicopter", "air defence system").
        demonyms: Adjectives and nouns for its people ("Russian", "Soviets").
        metonyms: Names of its capital or seat of government that stand for it ("Moscow", "the Kremlin").
        capital: Its capital, or "".
        shared_aliases: Names it shares with other people ("Bhutto"), resolved by date and office.
    """

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    offices: tuple[Office, ...] = ()
    successor: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    category: str = ""
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str = ""
    shared_aliases: tuple[str, ...] = ()

    def valid_on(self, day: date) -> bool:
        """True when the actor existed on ``day`` (always, for actors without a valid range)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def offices_on(self, day: date) -> tuple[Office, ...]:
        """The terms that include ``day``."""
        return tuple(o for o in self.offices if o.covers(day))


@dataclass(frozen=True)
class IndexEntry:
    """One surface form in the gazetteer's index: which actor it names and how strongly.

    Attributes:
        actor: Canonical name of the actor.
        strength: 3 for a name or alias, 2 for a demonym, 1 for a metonym: a name beats a demonym.
        shared: A shared alias ("Bhutto"), resolved by date and office.
        metonym: A capital or seat of government standing for a state ("Moscow").
    """

    actor: str
    strength: int
    shared: bool = False
    metonym: bool = False


def normalise(text: str) -> str:
    """The comparison key of a name: case, accents, dots, dashes, quotes, a leading "the" and possessives ignored.

    Args:
        text: A surface name ("the Kremlin's", "U.S.", "North–South").

    Returns:
        The key ("kremlin", "us", "north south"), words separated by one space.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").casefold()
    text = re.sub(r"(\w)'s\b", r"\1", text)
    text = re.sub(r"(\w)s'(?=\s|$)", r"\1s", text)
    text = re.sub(f"[{DASHES}/]", " ", text)
    text = re.sub(r"[.'\"\u201c\u201d\u00ab\u00bb()\[\]{},;:!?*]", "", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def period_label(start: date, end: date) -> str:
    """An inclusive interval at its natural precision: ``2012-07-01``, ``2012-07``, ``2012`` or ``start/end``."""
    if start == end:
        return start.isoformat()
    if (start.year, start.month, start.day) == (end.year, 1, 1) and (end.month, end.day) == (12, 31):
        return str(start.year)
    last = calendar.monthrange(end.year, end.month)[1]
    if (start.year, start.month, start.day) == (end.year, end.month, 1) and end.day == last:
        return start.isoformat()[:7]
    return f"{start.isoformat()}/{end.isoformat()}"

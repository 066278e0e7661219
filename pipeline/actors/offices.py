"""Offices: who held an office on a date, which offices a person held, and whether the title an article gives a
person fits the offices the gazetteer records."""
from __future__ import annotations

from datetime import date

from pipeline.actors.model import Actor, Office, period_label
from pipeline.actors.resolve import NameResolver


class OfficeQueries(NameResolver):
    """The gazetteer's office queries: ``holder``, ``offices_on`` and ``role_check``."""

    def holder(self, title: str, country: str, on: date) -> Actor | None:
        """Who held an office on a date (the incoming holder on a hand-over day).

        Args:
            title: A title as written or canonical ("PM", "Prime Minister").
            country: A country name, alias, demonym or metonym; resolved on ``on``.
            on: The date.

        Returns:
            The person, or None when the gazetteer records no holder.
        """
        canonical_title = self.normalise_title(title) or title
        state = self.lookup(country, on=on, kinds={"country", "state"})
        if state is None:
            return None
        terms = [(o, name) for o, name in self._holders.get((canonical_title, state.name), ()) if o.covers(on)]
        if not terms:
            return None
        terms.sort(key=lambda t: (t[0].start, not t[0].acting))
        return self._actors[terms[-1][1]]

    def _person_named(self, name: str, on: date | None) -> Actor | None:
        actor = self._actors.get(name)
        if actor is not None and actor.kind == "person":
            return actor
        return self.lookup(name, on=on, kinds={"person"})

    def offices_on(self, name: str, on: date) -> tuple[Office, ...]:
        """The offices a person held on a date; () for unknown people."""
        person = self._person_named(name, on)
        return person.offices_on(on) if person else ()

    def role_check(self, name: str, title: str, on_start: date, on_end: date | None = None) -> str:
        """Compare the title an article gives a person with the offices the gazetteer records.

        Args:
            name: The person (canonical or surface name).
            title: The title the article gives ("Prime Minister", "Russian PM").
            on_start: First day of the period the claim is about.
            on_end: Last day (inclusive); default ``on_start``.

        Returns:
            "" when the person held the title at some day of the period, or when the person, the title or
            their offices are unknown; else one line such as "gazetteer: Dmitry Rogozin was Deputy Prime
            Minister of Russia in 2012-07, not Prime Minister".
        """
        on_end = on_end or on_start
        canonical_title = self.normalise_title(title)
        person = self._person_named(name, on_start)
        if not canonical_title or person is None or not person.offices:
            return ""
        during = [o for o in person.offices if o.overlaps(on_start, on_end)]
        if any(o.title == canonical_title for o in during):
            return ""
        period = period_label(on_start, on_end)
        if during:
            held = " and ".join(f"{'acting ' if o.acting else ''}{o.title} of {self._the(o.country)}" for o in during)
            return f"gazetteer: {person.name} was {held} in {period}, not {canonical_title}"
        terms = [o for o in person.offices if o.title == canonical_title]
        if terms:
            listed = ", ".join(o.label.replace(f" of {o.country} ", f" of {self._the(o.country)} ") for o in terms)
            return f"gazetteer: {person.name} was not {canonical_title} in {period} ({listed})"
        return ""

    def _the(self, country: str) -> str:
        """``the Soviet Union`` where the gazetteer lists "the <name>" among the country's aliases."""
        actor = self._actors.get(country)
        if actor and any(alias.casefold() == f"the {country}".casefold() for alias in actor.aliases):
            return f"the {country}"
        return country

"""Name resolution: which actor a name as written stands for, on a date and given a title.

``lookup`` first tries the whole name, then the name after prefixes, titles and country words ("Russian
President Mr. Putin"), then without a trailing "project", then equipment without its category, plural or maker.
Several candidates are narrowed in named steps (:meth:`NameResolver._resolve`).
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from pipeline.actors.model import KIND_PRIORITY, KINDS, Actor, IndexEntry, normalise
from pipeline.actors.tables import GazetteerTables

_TRAILING_PROJECT = ("project", "projects")


class NameResolver(GazetteerTables):
    """The gazetteer's name queries: ``lookup``, ``country_of``, ``normalise_title`` and ``project``."""

    def lookup(self, surface: str, *, on: date | None = None, role: str = "",
               kinds: Iterable[str] | None = None) -> Actor | None:
        """Resolve a surface name to one actor.

        Ignores case, accents, a leading "the", possessives, dots and dashes. Prefixes ("Mr.", "General",
        "former") and titles ("President", "Russian Prime Minister") before a known person's name are
        dropped, and a title so dropped helps choose between people sharing a name; a demonym before an
        organisation, project or equipment is dropped too ("Russian Gazprom"). A trailing equipment category
        or plural ("Mi-35 helicopters", "Mi-35s") and a trailing "project" are tolerated.

        Args:
            surface: The name as written.
            on: The date the text refers to: picks between actors that share a name over time ("Moscow" is
                the Soviet Union until 1991-12-26, Russia after) and between people by office. A successor's
                name used before it existed denotes its predecessor ("Russia" in 1979 is the Soviet Union).
            role: A title the text gives the person ("Prime Minister"), used to choose between namesakes.
            kinds: Accept only these kinds (e.g. {"person"}).

        Returns:
            The actor, or None when the name is unknown or stays ambiguous.
        """
        wanted = set(kinds) if kinds is not None else set(KINDS)
        key = normalise(surface)
        if not key:
            return None
        found = self._candidates(key, wanted)
        if found:
            return self._resolve(found, on, role)
        words = key.split()
        found, role_found = self._after_qualifiers(words, wanted, role)
        if found:
            return self._resolve(found, on, role_found)
        found = self._without_project_word(words, wanted) or self._equipment_stem(words, wanted)
        return self._resolve(found, on, role) if found else None

    def _after_qualifiers(self, words: list[str], wanted: set[str], role: str) -> tuple[list[IndexEntry], str]:
        """The candidates for the name after prefixes ("Mr.", "General", "former"), titles ("President") and
        country words or demonyms ("Russian Gazprom"), with the title so dropped (else ``role``).

        After a prefix or title only people are accepted; after a country word also organisations, alliances,
        projects and equipment. The shortest strip that names a known actor wins.
        """
        role_found, titled, i = role, False, 0
        while i < len(words):
            step = self._prefix_at(words, i)
            if step:
                i += step
                titled = True
            else:
                title_len, title = self._title_at(words, i)
                if title_len:
                    i += title_len
                    role_found, titled = title, True
                else:
                    country_len = self._country_word_at(words, i)
                    if not country_len:
                        break
                    i += country_len
            if i >= len(words):
                break
            allowed = wanted & ({"person"} if titled else {"person", "organisation", "alliance", "project",
                                                            "equipment"})
            found = self._candidates(" ".join(words[i:]), allowed)
            if found:
                return found, role_found
        return [], role

    def _without_project_word(self, words: list[str], wanted: set[str]) -> list[IndexEntry]:
        """The projects named once a trailing "project" or "projects" is dropped ("Thar coal project")."""
        if len(words) > 1 and words[-1] in _TRAILING_PROJECT and "project" in wanted:
            return self._candidates(" ".join(words[:-1]), {"project"})
        return []

    def _equipment_stem(self, words: list[str], wanted: set[str]) -> list[IndexEntry]:
        """The equipment named once a trailing category ("S-400 air defense systems"), a plural s ("Mi-35s") or
        a maker's name before the designation ("Sukhoi Su-30MK1") is dropped."""
        if "equipment" not in wanted:
            return []
        base = list(words)
        while len(base) > 1 and base[-1] in self._category_words:
            base.pop()
        stems = [base] if base != words else []
        if len(base[-1]) > 1 and base[-1].endswith("s"):
            stems.append(base[:-1] + [base[-1][:-1]])
        # Designations are distinctive enough to be found without their maker.
        stems += [stem[1:] for stem in [words, *stems] if len(stem) > 1]
        for stem in stems:
            found = self._candidates(" ".join(stem), {"equipment"})
            if found:
                return found
        return []

    def _candidates(self, key: str, kinds: set[str]) -> list[IndexEntry]:
        return [e for e in self._index.get(key, ()) if self._actors[e.actor].kind in kinds]

    def is_prefix(self, word: str) -> bool:
        """Whether a word may precede a person's name without being part of it ("General", "Mr")."""
        return normalise(word) in self._prefixes

    def _prefix_at(self, words: list[str], i: int) -> int:
        for n in range(min(3, len(words) - i), 0, -1):
            if " ".join(words[i:i + n]) in self._prefixes:
                return n
        return 0

    def _title_at(self, words: list[str], i: int) -> tuple[int, str]:
        for n in range(min(8, len(words) - i), 0, -1):
            title = self._titles.get(" ".join(words[i:i + n]))
            if title:
                return n, title
        return 0, ""

    def _country_word_at(self, words: list[str], i: int) -> int:
        for n in range(min(4, len(words) - i), 0, -1):
            entries = self._index.get(" ".join(words[i:i + n]), ())
            if any(self._actors[e.actor].kind in ("country", "state") for e in entries):
                return n
        return 0

    def _resolve(self, entries: list[IndexEntry], on: date | None, role: str) -> Actor | None:
        """One actor for the candidates of a name: the actors of the date (a successor's name before it existed
        meaning its predecessor), then the strongest surface form, then the kind that comes first; namesakes are
        told apart by office, states by which is newer."""
        strengths = self._strengths(entries, on)
        actors = _current([self._actors[name] for name in strengths], on)
        top = max(strengths[actor.name] for actor in actors)
        actors = _of_first_kind([actor for actor in actors if strengths[actor.name] == top])
        if len(actors) == 1:
            return actors[0]
        if all(actor.kind == "person" for actor in actors):
            return self._person(actors, on, role)
        return _newest_state(actors)

    def _strengths(self, entries: list[IndexEntry], on: date | None) -> dict[str, int]:
        """The strongest surface form naming each candidate, by canonical name; a state's name used on a date
        before it existed stands for its one predecessor then ("Russia" in 1979 is the Soviet Union)."""
        best: dict[str, int] = {}
        for entry in entries:
            actor = self._actors[entry.actor]
            if on is not None and not actor.valid_on(on):
                earlier = [p for p in self._predecessors.get(actor.name, ()) if self._actors[p].valid_on(on)]
                if len(earlier) == 1:
                    actor = self._actors[earlier[0]]
            best[actor.name] = max(best.get(actor.name, 0), entry.strength)
        return best

    def _person(self, people: list[Actor], on: date | None, role: str) -> Actor | None:
        title = self.normalise_title(role) if role else ""
        if title:
            holding = [p for p in people if any(o.title == title and (on is None or o.covers(on)) for o in p.offices)]
            if len(holding) == 1:
                return holding[0]
        if on is not None:
            holding = [p for p in people if p.offices_on(on)]
            if len(holding) == 1:
                return holding[0]
        return None

    def country_of(self, surface_or_name: str, *, on: date | None = None) -> str:
        """The country a name stands for or belongs to.

        Args:
            surface_or_name: A country, demonym, metonym, person, organisation, project or equipment name.
            on: The date the text refers to ("Moscow" in 1972 gives "Soviet Union").

        Returns:
            A canonical country name ("Russia"), or "" when unknown or not tied to a country.
        """
        actor = self.lookup(surface_or_name, on=on)
        if actor is None:
            return ""
        if actor.kind in ("country", "state"):
            return actor.name
        return actor.country

    def normalise_title(self, text: str) -> str:
        """The canonical title for a title as written.

        A leading country, demonym or prefix ("Russian Premier", "former PM", "Pakistan's Foreign Minister")
        is ignored; anything else before the title is not ("Additional Foreign Secretary" is unknown).

        Returns:
            The canonical title ("Prime Minister"), or "" when the text is not a known title.
        """
        words = normalise(text).split()
        i = 0
        while i < len(words):
            title_len, title = self._title_at(words, i)
            if title_len == len(words) - i:
                return title
            step = self._prefix_at(words, i) or self._country_word_at(words, i)
            if not step:
                return ""
            i += step
        return ""

    def project(self, surface: str) -> str:
        """The canonical name of a project ("North-South gas pipeline" → "Karachi-Lahore gas pipeline"), or ""."""
        actor = self.lookup(surface, kinds={"project"})
        return actor.name if actor else ""


def _current(actors: list[Actor], on: date | None) -> list[Actor]:
    """The actors that existed on the date (without a date: those that still exist); all when none did."""
    if on is not None:
        return [actor for actor in actors if actor.valid_on(on)] or actors
    return [actor for actor in actors if actor.valid_to is None] or actors


def _of_first_kind(actors: list[Actor]) -> list[Actor]:
    """The actors of the kind that comes first when a name means several kinds ("Georgia": the country)."""
    first_kind = min(KIND_PRIORITY[actor.kind] for actor in actors)
    return [actor for actor in actors if KIND_PRIORITY[actor.kind] == first_kind]


def _newest_state(actors: list[Actor]) -> Actor | None:
    """The state founded last when every actor has a founding day and no two share the latest; else None.

    On a hand-over day the newer state wins, as ``holder()`` lets the incoming office-holder win.
    """
    dated = sorted((actor for actor in actors if actor.valid_from), key=lambda actor: actor.valid_from)
    if len(dated) == len(actors) and dated[-1].valid_from != dated[-2].valid_from:
        return dated[-1]
    return None

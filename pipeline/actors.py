"""Actors: the gazetteer of countries, organisations, projects, equipment and people, and name resolution.

The gazetteer (``rules/gazetteer.yaml``) holds domain knowledge only: names, other names, misspellings,
capitals and metonyms, and who held which office when. ``Gazetteer.lookup`` turns a surface name into a
canonical ``Actor``, by date where a name means different actors at different times ("Moscow" in 1972 is the
Soviet Union). ``entity_patterns`` derives spaCy ``entity_ruler``/``span_ruler`` patterns from the same data so
names live in one place; ``rules/entities.jsonl`` (read by ``load_patterns``) adds only language patterns that
no name spells out. ``python -m pipeline.actors --patterns`` prints the derived patterns.
"""
from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from pipeline.errors import RuleError
from pipeline.rules_dir import SAFE_LOADER

KINDS = ("country", "state", "region", "organisation", "alliance", "person", "project", "equipment")
# spaCy-standard labels: projects are facilities, equipment are products.
LABELS = {
    "country": "GPE", "state": "GPE", "region": "LOC", "organisation": "ORG", "alliance": "ORG",
    "person": "PERSON", "project": "FAC", "equipment": "PRODUCT",
}
DEMONYM_LABEL = "NORP"
METONYM_LABEL = "GPE"
# When one surface names actors of several kinds and the caller does not say which kind it wants.
_KIND_PRIORITY = {kind: i for i, kind in enumerate(
    ("country", "state", "person", "organisation", "alliance", "project", "equipment", "region"))}

_NAME, _DEMONYM, _METONYM = 3, 2, 1  # strength of a surface form
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_PATTERN_DASHES = ["-", "\u2013", "\u2014"]
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRAILING_PROJECT = ("project", "projects")

_SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "titles": ({"name"}, {"aliases"}),
    "countries": ({"name"}, {"kind", "aliases", "demonyms", "capital", "metonyms", "valid_from", "valid_to",
                             "successor"}),
    "regions": ({"name"}, {"aliases"}),
    "organisations": ({"name", "kind"}, {"aliases", "country"}),
    "projects": ({"name"}, {"aliases", "country"}),
    "equipment": ({"name", "category"}, {"aliases", "country"}),
    "people": ({"name", "country"}, {"aliases", "shared_aliases", "offices"}),
}
_TOP_LEVEL = ("prefixes", *_SECTIONS, "examples")
_OFFICE_KEYS = ({"title", "country", "start", "end"}, {"acting"})
_EXAMPLE_QUERIES = ("lookup", "title", "holder", "project", "country_of")
_SECTION_KINDS = {
    "countries": ("country", "state"), "regions": ("region",), "organisations": ("organisation", "alliance"),
    "projects": ("project",), "equipment": ("equipment",), "people": ("person",),
}


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
class _Entry:
    """One surface form in the index: which actor it names and how strongly."""

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
    text = re.sub(f"[{_DASHES}/]", " ", text)
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


class _Loader(SAFE_LOADER):
    """SafeLoader that keeps dates as strings (checked with the entry's name), reads only true/false as
    booleans (so a key ``on`` or an alias ``NO`` stays a string) and rejects duplicate keys."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_CACHE: dict[tuple[str, int, int], "Gazetteer"] = {}


def default_path() -> Path:
    """The gazetteer shipped with the package (``rules/gazetteer.yaml``, installed as ``pipeline.rules``)."""
    return Path(str(resources.files("pipeline.rules").joinpath("gazetteer.yaml")))


def default_patterns_path() -> Path:
    """The entity patterns shipped with the package (``rules/entities.jsonl``)."""
    return Path(str(resources.files("pipeline.rules").joinpath("entities.jsonl")))


class Gazetteer:
    """Actors, titles and offices read from one gazetteer file; immutable once loaded."""

    def __init__(self, path: Path, data: Any) -> None:
        """Build and validate from parsed YAML; use ``Gazetteer.load`` instead.

        Raises:
            RuleError: an entry is malformed; the message names the file, the entry and the problem.
        """
        self.path = path
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, list[_Entry]] = {}
        self._titles: dict[str, str] = {}
        self._title_names: tuple[str, ...] = ()
        self._prefixes: set[str] = set()
        self._predecessors: dict[str, list[str]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Office, str]]] = {}
        self._category_words: set[str] = set()
        self.examples: tuple[dict[str, Any], ...] = ()
        self._build(data)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Gazetteer":
        """Read and validate a gazetteer; cached per path until the file changes.

        Args:
            path: A gazetteer YAML file, or a rules folder holding ``gazetteer.yaml``; default the package's.

        Returns:
            The gazetteer.

        Raises:
            RuleError: the file is missing, is not valid YAML (message gives the line) or has a bad entry.
        """
        path = Path(path) if path is not None else default_path()
        if path.is_dir():
            path = path / "gazetteer.yaml"
        try:
            stat = path.stat()
        except OSError as exc:
            raise RuleError(f"{path}: cannot read gazetteer: {exc.strerror or exc}") from None
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if key not in _CACHE:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(f"{path}: cannot read gazetteer: {exc}") from None
            try:
                data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
                raise RuleError(f"{path}: {where}: {exc.problem or exc.context}") from None
            except yaml.YAMLError as exc:
                raise RuleError(f"{path}: YAML: {exc}") from None
            _CACHE[key] = cls(path, data)
        return _CACHE[key]

    def _fail(self, entry: str, problem: str) -> RuleError:
        return RuleError(f"{self.path}: {entry}: {problem}")

    def _build(self, data: Any) -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise self._fail("file", "expected a mapping of sections at the top level")
        for key in data:
            if key not in _TOP_LEVEL:
                raise self._fail(str(key), f"unknown section (expected one of {', '.join(_TOP_LEVEL)})")
        self._prefixes = {normalise(p) for p in self._strings(data.get("prefixes", []), "prefixes") if normalise(p)}
        for i, raw in enumerate(self._section(data, "titles")):
            entry = self._entry_name("titles", i, raw)
            fields = self._fields(raw, "titles", entry)
            name = fields["name"]
            for surface in (name, *fields.get("aliases", ())):
                key = normalise(surface)
                if not key:
                    raise self._fail(entry, f"title alias {surface!r} is empty once normalised")
                if self._titles.get(key, name) != name:
                    raise self._fail(entry, f"title alias {surface!r} already means {self._titles[key]}")
                self._titles[key] = name
            self._title_names += (name,)
        pending: list[tuple[str, dict[str, Any], str]] = []
        for section in _SECTION_KINDS:
            for i, raw in enumerate(self._section(data, section)):
                entry = self._entry_name(section, i, raw)
                fields = self._fields(raw, section, entry)
                actor = self._actor(section, fields, entry)
                if actor.name in self._actors:
                    raise self._fail(entry, f"name {actor.name!r} is already used by another entry")
                self._actors[actor.name] = actor
                pending.append((entry, fields, section))
        for entry, fields, section in pending:
            self._check_references(self._actors[fields["name"]], entry)
            self._index_actor(self._actors[fields["name"]], entry)
        for actor in self._actors.values():
            if actor.successor:
                self._predecessors.setdefault(actor.successor, []).append(actor.name)
            for office in actor.offices:
                self._holders.setdefault((office.title, office.country), []).append((office, actor.name))
            for word in normalise(actor.category).replace("defence", "defence defense").split():
                self._category_words |= {word, word + "s"}
        self.examples = tuple(self._example(i, raw) for i, raw in enumerate(self._section(data, "examples")))

    def _section(self, data: dict, section: str) -> list:
        value = data.get(section) or []
        if not isinstance(value, list):
            raise self._fail(section, "expected a list of entries")
        return value

    @staticmethod
    def _entry_name(section: str, i: int, raw: Any) -> str:
        if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip():
            return f"{section}[{raw['name'].strip()}]"
        return f"{section}[{i}]"

    def _strings(self, value: Any, entry: str, key: str = "") -> tuple[str, ...]:
        where = f"{key}: " if key else ""
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._fail(entry, f"{where}expected a list of names")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self._fail(entry, f"{where}expected a non-empty name, got {item!r}")
        return tuple(item.strip() for item in value)

    def _date(self, value: Any, entry: str, key: str, *, nullable: bool = True) -> date | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
            raise self._fail(entry, f"{key}: malformed date {value!r} (expected YYYY-MM-DD)")
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise self._fail(entry, f"{key}: malformed date {value!r} ({exc})") from None

    def _fields(self, raw: Any, section: str, entry: str) -> dict[str, Any]:
        required, optional = _SECTIONS[section]
        if not isinstance(raw, dict):
            raise self._fail(entry, "expected a mapping")
        for key in raw:
            if key not in required | optional:
                raise self._fail(entry, f"unknown key {key!r} (expected {', '.join(sorted(required | optional))})")
        for key in sorted(required):
            if key not in raw:
                raise self._fail(entry, f"missing required key {key!r}")
        fields: dict[str, Any] = {}
        for key, value in raw.items():
            if key in ("aliases", "demonyms", "metonyms", "shared_aliases"):
                fields[key] = self._strings(value, entry, key)
            elif key in ("valid_from", "valid_to"):
                fields[key] = self._date(value, entry, key)
            elif key == "offices":
                fields[key] = value
            elif not isinstance(value, str) or not value.strip():
                raise self._fail(entry, f"{key}: expected a non-empty string, got {value!r}")
            else:
                fields[key] = value.strip()
        return fields

    def _actor(self, section: str, fields: dict[str, Any], entry: str) -> Actor:
        kind = fields.get("kind", _SECTION_KINDS[section][0])
        if kind not in _SECTION_KINDS[section]:
            raise self._fail(entry, f"kind {kind!r} is not one of {', '.join(_SECTION_KINDS[section])}")
        valid_from, valid_to = fields.get("valid_from"), fields.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            raise self._fail(entry, f"valid_to {valid_to} is before valid_from {valid_from}")
        offices = self._offices(fields.get("offices"), entry) if section == "people" else ()
        return Actor(
            name=fields["name"], kind=kind,
            aliases=tuple(dict.fromkeys(fields.get("aliases", ()) + fields.get("shared_aliases", ()))),
            country=fields.get("country", ""), offices=offices, successor=fields.get("successor", ""),
            valid_from=valid_from, valid_to=valid_to, category=fields.get("category", ""),
            demonyms=fields.get("demonyms", ()), metonyms=fields.get("metonyms", ()),
            capital=fields.get("capital", ""), shared_aliases=fields.get("shared_aliases", ()),
        )

    def _offices(self, value: Any, entry: str) -> tuple[Office, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._fail(entry, "offices: expected a list of {title, country, start, end}")
        required, optional = _OFFICE_KEYS
        offices = []
        for i, raw in enumerate(value):
            where = f"{entry}.offices[{i}]"
            if not isinstance(raw, dict):
                raise self._fail(where, "expected a mapping {title, country, start, end}")
            for key in raw:
                if key not in required | optional:
                    raise self._fail(where, f"unknown key {key!r} (expected {', '.join(sorted(required | optional))})")
            for key in sorted(required):
                if key not in raw:
                    raise self._fail(where, f"missing required key {key!r} (use end: null while in office)")
            title = raw["title"]
            if not isinstance(title, str) or title not in self._title_names:
                raise self._fail(where, f"title {title!r} is not in the titles section")
            if not isinstance(raw["country"], str):
                raise self._fail(where, f"country: expected a name, got {raw['country']!r}")
            acting = raw.get("acting", False)
            if not isinstance(acting, bool):
                raise self._fail(where, f"acting: expected true or false, got {acting!r}")
            start = self._date(raw["start"], where, "start", nullable=False)
            end = self._date(raw["end"], where, "end")
            assert start is not None
            if end is not None and end < start:
                raise self._fail(where, f"end {end} is before start {start}")
            offices.append(Office(title, raw["country"].strip(), start, end, acting))
        by_title: dict[tuple[str, str], list[Office]] = {}
        for office in offices:
            by_title.setdefault((office.title, office.country), []).append(office)
        for (title, country), terms in by_title.items():
            terms.sort(key=lambda o: o.start)
            for a, b in zip(terms, terms[1:]):
                if a.end is None or b.start <= a.end:
                    raise self._fail(entry, f"offices overlap: {a.label} and {b.label}")
        return tuple(offices)

    def _check_references(self, actor: Actor, entry: str) -> None:
        def is_country(name: str) -> bool:
            return name in self._actors and self._actors[name].kind in ("country", "state")

        if actor.country and not is_country(actor.country):
            raise self._fail(entry, f"country {actor.country!r} is not in the countries section")
        if actor.successor and not is_country(actor.successor):
            raise self._fail(entry, f"successor {actor.successor!r} is not in the countries section")
        for i, office in enumerate(actor.offices):
            if not is_country(office.country):
                raise self._fail(f"{entry}.offices[{i}]", f"country {office.country!r} is not in the countries section")

    def _index_actor(self, actor: Actor, entry: str) -> None:
        surfaces = [(actor.name, _NAME, False, False)]
        surfaces += [(s, _NAME, False, False) for s in actor.aliases if s not in actor.shared_aliases]
        surfaces += [(s, _NAME, True, False) for s in actor.shared_aliases]
        surfaces += [(s, _DEMONYM, False, False) for s in actor.demonyms]
        surfaces += [(s, _METONYM, False, True) for s in actor.metonyms]
        for surface, strength, shared, metonym in surfaces:
            key = normalise(surface)
            if not key:
                raise self._fail(entry, f"name {surface!r} is empty once normalised")
            entries = self._index.setdefault(key, [])
            if any(e.actor == actor.name for e in entries):
                continue
            for other in entries:
                other_actor = self._actors[other.actor]
                if other_actor.kind != actor.kind:
                    continue
                if shared and other.shared:
                    continue
                if metonym and other.metonym:
                    if _ranges_overlap(actor, other_actor):
                        raise self._fail(entry, f"metonym {surface!r} is also a metonym of {other.actor} "
                                                f"and their valid ranges overlap")
                    continue
                raise self._fail(entry, f"alias {surface!r} already names {other.actor} ({actor.kind}); "
                                        f"list it under shared_aliases on both if it is ambiguous")
            entries.append(_Entry(actor.name, strength, shared, metonym))

    def _example(self, i: int, raw: Any) -> dict[str, Any]:
        entry = f"examples[{i}]"
        if not isinstance(raw, dict):
            raise self._fail(entry, "expected a mapping")
        queries = [k for k in raw if k in _EXAMPLE_QUERIES]
        for key in raw:
            if key not in (*_EXAMPLE_QUERIES, "date", "expect"):
                raise self._fail(entry, f"unknown key {key!r}")
        if len(queries) != 1:
            raise self._fail(entry, f"expected exactly one of {', '.join(_EXAMPLE_QUERIES)}")
        if "expect" not in raw:
            raise self._fail(entry, "missing required key 'expect'")
        query = queries[0]
        value = raw[query]
        if query == "holder":
            if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
                raise self._fail(entry, "holder: expected [title, country]")
            if "date" not in raw:
                raise self._fail(entry, "holder needs a date")
        elif not isinstance(value, str):
            raise self._fail(entry, f"{query}: expected a string")
        expect = raw["expect"]
        if expect is not None and not isinstance(expect, str):
            raise self._fail(entry, f"expect: expected a name or null, got {expect!r}")
        return {"query": query, "value": value, "date": self._date(raw.get("date"), entry, "date"),
                "expect": expect}

    # ------------------------------------------------------------------ queries

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name, or None."""
        return self._actors.get(name)

    def actors(self, kind: str | None = None) -> tuple[Actor, ...]:
        """All actors, or those of one kind, in gazetteer order."""
        return tuple(a for a in self._actors.values() if kind is None or a.kind == kind)

    @property
    def titles(self) -> tuple[str, ...]:
        """The canonical office titles."""
        return self._title_names

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
                return self._resolve(found, on, role_found)
        if len(words) > 1 and words[-1] in _TRAILING_PROJECT and "project" in wanted:
            found = self._candidates(" ".join(words[:-1]), {"project"})
            if found:
                return self._resolve(found, on, role)
        if "equipment" in wanted:
            base = list(words)
            while len(base) > 1 and base[-1] in self._category_words:
                base.pop()  # "S-400 air defense systems"
            stems = [base] if base != words else []
            if len(base[-1]) > 1 and base[-1].endswith("s"):
                stems.append(base[:-1] + [base[-1][:-1]])  # "Mi-35s"
            # A maker's name before a designation ("Sukhoi Su-30MK1"); designations are distinctive enough.
            stems += [stem[1:] for stem in [words, *stems] if len(stem) > 1]
            for stem in stems:
                found = self._candidates(" ".join(stem), {"equipment"})
                if found:
                    return self._resolve(found, on, role)
        return None

    def _candidates(self, key: str, kinds: set[str]) -> list[_Entry]:
        return [e for e in self._index.get(key, ()) if self._actors[e.actor].kind in kinds]

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

    def _resolve(self, entries: list[_Entry], on: date | None, role: str) -> Actor | None:
        best: dict[str, int] = {}
        for entry in entries:
            actor = self._actors[entry.actor]
            if on is not None and not actor.valid_on(on):
                earlier = [p for p in self._predecessors.get(actor.name, ()) if self._actors[p].valid_on(on)]
                if len(earlier) == 1:
                    actor = self._actors[earlier[0]]
            best[actor.name] = max(best.get(actor.name, 0), entry.strength)
        names = list(best)
        if on is not None:
            names = [n for n in names if self._actors[n].valid_on(on)] or names
        else:
            names = [n for n in names if self._actors[n].valid_to is None] or names
        top = max(best[n] for n in names)
        names = [n for n in names if best[n] == top]
        first_kind = min(_KIND_PRIORITY[self._actors[n].kind] for n in names)
        names = [n for n in names if _KIND_PRIORITY[self._actors[n].kind] == first_kind]
        if len(names) == 1:
            return self._actors[names[0]]
        actors = [self._actors[n] for n in names]
        if all(a.kind == "person" for a in actors):
            return self._person(actors, on, role)
        # On a hand-over day the newer state wins, as holder() lets the incoming office-holder win.
        dated = sorted((a for a in actors if a.valid_from), key=lambda a: a.valid_from)
        if len(dated) == len(actors) and dated[-1].valid_from != dated[-2].valid_from:
            return dated[-1]
        return None

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

    def project(self, surface: str) -> str:
        """The canonical name of a project ("North-South gas pipeline" → "Karachi-Lahore gas pipeline"), or ""."""
        actor = self.lookup(surface, kinds={"project"})
        return actor.name if actor else ""


def _ranges_overlap(a: Actor, b: Actor) -> bool:
    return ((a.valid_from is None or b.valid_to is None or a.valid_from <= b.valid_to)
            and (b.valid_from is None or a.valid_to is None or b.valid_from <= a.valid_to))


# ---------------------------------------------------------------------- entity patterns

_TOKENIZER: Any = None


def _tokenize(text: str) -> list[str]:
    global _TOKENIZER
    if _TOKENIZER is None:
        import spacy  # deferred: only pattern generation needs spaCy

        _TOKENIZER = spacy.blank("en").tokenizer
    return [t.text for t in _TOKENIZER(text)]


def _token_pattern(token: str, *, plural: bool) -> dict[str, Any]:
    if token in _PATTERN_DASHES or (len(token) == 1 and token in _DASHES):
        return {"ORTH": {"IN": list(_PATTERN_DASHES)}}
    variants = [token]
    if any(d in token for d in _DASHES):
        for dash in _PATTERN_DASHES:
            variants.append(re.sub(f"[{_DASHES}]", dash, token))
    if "'" in token or "\u2019" in token:
        variants += [token.replace("'", "\u2019"), token.replace("\u2019", "'")]
    if plural:
        variants += [v + "s" for v in variants]
    variants = list(dict.fromkeys(variants))
    letters = [c for c in token if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1 or token.endswith("."):
        # Acronyms keep their case: "US" must not match the pronoun "us".
        return {"ORTH": variants[0] if len(variants) == 1 else {"IN": variants}}
    lowered = list(dict.fromkeys(v.lower() for v in variants))
    pattern: dict[str, Any] = {"LOWER": lowered[0] if len(lowered) == 1 else {"IN": lowered}}
    if token[:1].isupper():
        pattern["IS_LOWER"] = False  # "Turkey", not "turkey"
    return pattern


def entity_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """spaCy entity_ruler/span_ruler token patterns for every name, alias, demonym and metonym.

    Args:
        gazetteer: The gazetteer whose names to pattern.

    Returns:
        Pattern dicts ``{"label", "pattern", "id"}`` sorted by id, label and pattern; labels are GPE
        (countries, metonyms), NORP (demonyms), LOC (regions), ORG (organisations, alliances), PERSON, FAC
        (projects) and PRODUCT (equipment). A surface shared by several actors gets their names joined by "|".
    """
    merged: dict[str, tuple[str, int, set[str], list[dict[str, Any]]]] = {}
    for actor in gazetteer.actors():
        surfaces = [(s, LABELS[actor.kind]) for s in (actor.name, *actor.aliases)]
        surfaces += [(s, DEMONYM_LABEL) for s in actor.demonyms]
        surfaces += [(s, METONYM_LABEL) for s in actor.metonyms]
        for surface, label in surfaces:
            text = re.sub(r"^the\s+", "", surface.strip(), flags=re.IGNORECASE)
            tokens = _tokenize(text)
            if not tokens:
                continue
            pattern = [_token_pattern(t, plural=False) for t in tokens]
            if actor.kind == "equipment" and re.search(r"[\dA-Z]$", tokens[-1]):
                pattern[-1] = _token_pattern(tokens[-1], plural=True)
            key = json.dumps(pattern, sort_keys=True, ensure_ascii=False)
            rank = _KIND_PRIORITY[actor.kind]
            if key in merged:
                old_label, old_rank, ids, _ = merged[key]
                ids.add(actor.name)
                if rank < old_rank:
                    merged[key] = (label, rank, ids, pattern)
            else:
                merged[key] = (label, rank, {actor.name}, pattern)
    patterns = [{"label": label, "pattern": pattern, "id": "|".join(sorted(ids))}
                for label, _, ids, pattern in merged.values()]
    patterns.sort(key=lambda p: (p["id"], p["label"], json.dumps(p["pattern"], sort_keys=True, ensure_ascii=False)))
    return patterns


def load_patterns(path: Path | str | None = None) -> list[dict[str, Any]]:
    """Read entity patterns from JSONL, skipping comment objects and keys that start with "_".

    Args:
        path: A JSONL file; default the package's ``rules/entities.jsonl``.

    Returns:
        Pattern dicts ready for ``entity_ruler.add_patterns`` / ``span_ruler.add_patterns``.

    Raises:
        RuleError: a line is not JSON or lacks ``label``/``pattern``; the message names file and line.
    """
    path = Path(path) if path is not None else default_patterns_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read patterns: {exc}") from None
    patterns = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}: line {n}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise RuleError(f"{path}: line {n}: expected a JSON object")
        obj = {k: v for k, v in obj.items() if not str(k).startswith("_")}
        if not obj:
            continue
        if "label" not in obj or "pattern" not in obj:
            raise RuleError(f"{path}: line {n}: a pattern needs 'label' and 'pattern'")
        patterns.append(obj)
    return patterns


def read_jsonl_patterns(path: Path) -> list[dict]:
    """Entity-ruler patterns from a JSONL file (``{"_comment": ...}`` header lines skipped); each needs an id.

    Raises:
        RuleError: a line is not a JSON object or a pattern lacks ``label``, ``pattern`` or ``id``.
    """
    patterns = load_patterns(path)
    for p in patterns:
        if "id" not in p:
            raise RuleError(f"{path}: pattern {p['pattern']!r} has no id (the canonical name it tags)")
    return patterns


def main(argv: list[str] | None = None) -> int:
    """Print the entity patterns derived from a gazetteer as JSON lines (a maintenance aid, not part of the CLI).

    Example: ``python -m pipeline.actors --patterns > /tmp/derived.jsonl``.
    """
    parser = argparse.ArgumentParser(prog="python -m pipeline.actors", description=main.__doc__)
    parser.add_argument("--patterns", action="store_true", required=True, help="print the derived patterns")
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer YAML (default: the package's)")
    args = parser.parse_args(argv)
    try:
        gazetteer = Gazetteer.load(args.gazetteer)
    except RuleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for pattern in entity_patterns(gazetteer):
        print(json.dumps(pattern, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

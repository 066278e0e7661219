"""The gazetteer's tables, built and validated from its parsed YAML: actors, the index of their surface forms,
titles, prefixes, office holders and the checked examples.

Every problem raises a ``RuleError`` that names the file, the entry and what is wrong.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.actors.model import Actor, IndexEntry, Office, normalise
from pipeline.errors import RuleError

_NAME, _DEMONYM, _METONYM = 3, 2, 1  # strength of a surface form
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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


class GazetteerTables:
    """The validated tables of one gazetteer file and the plain look-ups on them; ``Gazetteer`` adds the queries."""

    def __init__(self, path: Path, data: Any) -> None:
        """Build and validate from parsed YAML; use ``Gazetteer.load`` instead.

        Raises:
            RuleError: an entry is malformed; the message names the file, the entry and the problem.
        """
        self.path = path
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, list[IndexEntry]] = {}
        self._titles: dict[str, str] = {}
        self._title_names: tuple[str, ...] = ()
        self._prefixes: set[str] = set()
        self._predecessors: dict[str, list[str]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Office, str]]] = {}
        self._category_words: set[str] = set()
        self.examples: tuple[dict[str, Any], ...] = ()
        self._build(data)

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

    def _check_keys(self, raw: Any, keys: tuple[set[str], set[str]], where: str, *, shape: str = "",
                    missing_hint: str = "") -> None:
        """Raise unless ``raw`` is a mapping with every required key of ``keys`` and only known keys."""
        required, optional = keys
        if not isinstance(raw, dict):
            raise self._fail(where, f"expected a mapping{shape}")
        for key in raw:
            if key not in required | optional:
                raise self._fail(where, f"unknown key {key!r} (expected {', '.join(sorted(required | optional))})")
        for key in sorted(required):
            if key not in raw:
                raise self._fail(where, f"missing required key {key!r}{missing_hint}")

    def _fields(self, raw: Any, section: str, entry: str) -> dict[str, Any]:
        self._check_keys(raw, _SECTIONS[section], entry)
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
        offices = [self._office(raw, f"{entry}.offices[{i}]") for i, raw in enumerate(value)]
        by_title: dict[tuple[str, str], list[Office]] = {}
        for office in offices:
            by_title.setdefault((office.title, office.country), []).append(office)
        for (title, country), terms in by_title.items():
            terms.sort(key=lambda o: o.start)
            for a, b in zip(terms, terms[1:]):
                if a.end is None or b.start <= a.end:
                    raise self._fail(entry, f"offices overlap: {a.label} and {b.label}")
        return tuple(offices)

    def _office(self, raw: Any, where: str) -> Office:
        self._check_keys(raw, _OFFICE_KEYS, where, shape=" {title, country, start, end}",
                         missing_hint=" (use end: null while in office)")
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
        return Office(title, raw["country"].strip(), start, end, acting)

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
            entries.append(IndexEntry(actor.name, strength, shared, metonym))

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


def _ranges_overlap(a: Actor, b: Actor) -> bool:
    return ((a.valid_from is None or b.valid_to is None or a.valid_from <= b.valid_to)
            and (b.valid_from is None or a.valid_to is None or b.valid_from <= a.valid_to))

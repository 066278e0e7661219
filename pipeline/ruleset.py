"""The rule set: rule packs layered into one view, read and checked once per run, handed to every stage.

A **pack** is a folder of rule files. The shipped packs are ``en/`` (the English language), ``world/`` (knowledge
true everywhere) and ``domains/<name>/`` (one relationship's people, projects and equipment); ``--rules DIR`` adds
packs on top. A file a pack does not have is inherited from the packs below it; a file several packs have is
merged, lower packs first:

- YAML: mappings merge key by key; lists of entries with a ``name`` merge by name (a later entry replaces the
  earlier one of that name, new names are appended); other lists are extended; any other value is replaced.
- TSV and JSONL: the rows of every pack, lower packs first (a loader that keys rows by their first field lets a
  later row override an earlier one).

Every YAML file is read by one loader (:data:`YAML_LOADER`): strings stay strings (``no``, ``on``, ``yes``,
``off`` and dates are words; only ``true``/``false`` are booleans) and a duplicate key is an error naming the file
and line. A malformed file, or a file name no loader knows, is a :class:`RuleError` naming it, raised when the set
is loaded, before any article is read.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import yaml

from .errors import RuleError

T = TypeVar("T")

#: Every rule file a loader reads, by its path inside a pack, and its format.
RULE_FILES: dict[str, str] = {
    "events.yaml": "yaml",
    "gazetteer.yaml": "yaml",
    "titles.yaml": "yaml",
    "names.yaml": "yaml",
    "entities.jsonl": "jsonl",
    "quantities.tsv": "tsv",
    "boilerplate.tsv": "tsv",
    "publication.tsv": "tsv",
    "layout.yaml": "yaml",
    **{f"dates/{name}.tsv": "tsv" for name in (
        "months", "weekdays", "weekday_phrases", "numbers", "modifiers", "seasons", "relative", "named",
        "holidays", "year_context", "examples")},
    "dates/fiscal.yaml": "yaml",
    "dates/conventions.yaml": "yaml",
}
#: Files a pack may hold that are not rules: its description.
IGNORED_FILES = frozenset({"README.md", "__init__.py"})

SHIPPED_BASE = ("en", "world")
DOMAINS_FOLDER = "domains"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (on libyaml's parser when available) where only true/false are booleans, dates stay
    strings, and a mapping may not repeat a key."""


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
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

#: The one YAML loader for rule files.
YAML_LOADER = _Loader


def read_yaml(path: Path, text: str | None = None) -> Any:
    """One YAML rule file, parsed with :data:`YAML_LOADER`.

    Args:
        path: The file (named in errors).
        text: Its text when already read.

    Raises:
        RuleError: the file cannot be read or is not valid YAML; the message names the file and line.
    """
    if text is None:
        text = _read_text(path)
    try:
        return yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}" if mark else "0"
        raise RuleError(f"{path}:{where}: invalid YAML ({exc.problem or exc.context})") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}:0: invalid YAML ({exc})") from None


def read_jsonl(path: Path, text: str | None = None) -> list[tuple[Path, int, dict[str, Any]]]:
    """The objects of one JSON-lines rule file with their line numbers; objects whose keys all start with ``_``
    are comments and skipped.

    Raises:
        RuleError: the file cannot be read, or a line is not a JSON object (naming file and line).
    """
    out = []
    for number, line in enumerate((_read_text(path) if text is None else text).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise RuleError(f"{path}:{number}: expected a JSON object")
        if obj and all(str(k).startswith("_") for k in obj):
            continue
        out.append((path, number, obj))
    return out


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:0: cannot read rule file ({exc})") from None


@dataclass(frozen=True)
class Row:
    """One line of a rule table.

    Attributes:
        path: The pack's file it comes from.
        line: Its line number there (1-based).
        fields: Its tab-separated fields, trimmed.
    """

    path: Path
    line: int
    fields: tuple[str, ...]

    def where(self) -> str:
        """``file:line``, for error messages."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Pack:
    """A folder of rule files.

    Attributes:
        name: How the pack is named in listings (``en``, ``world``, ``domains/pakistan-russia``, or the folder
            given by the user).
        path: The folder.
    """

    name: str
    path: Path


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Rule packs, lowest first, read once; stages build their rules from it with :meth:`built`.

    Attributes:
        packs: The packs in order; later ones extend or override earlier ones.
    """

    packs: tuple[Pack, ...]
    _texts: dict[str, str] = field(default_factory=dict, repr=False)
    _built: dict[str, Any] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ files

    def paths(self, name: str) -> tuple[Path, ...]:
        """The packs' files called ``name`` (a path inside a pack, such as ``dates/months.tsv``), lowest first."""
        return tuple(pack.path / name for pack in self.packs if (pack.path / name).is_file())

    def has(self, name: str) -> bool:
        """Whether any pack holds the file."""
        return bool(self.paths(name))

    def where(self, name: str) -> str:
        """The files called ``name``, for error messages: one path, or several joined with `` + ``."""
        return " + ".join(str(p) for p in self.paths(name)) or f"{name} (in no rule pack)"

    def text(self, path: Path) -> str:
        """A rule file's text (read once)."""
        key = str(path)
        if key not in self._texts:
            self._texts[key] = _read_text(path)
        return self._texts[key]

    def _required(self, name: str) -> tuple[Path, ...]:
        found = self.paths(name)
        if not found:
            raise RuleError(f"{name}: rule file missing from every pack ({', '.join(p.name for p in self.packs)})")
        return found

    # ------------------------------------------------------------------ formats

    def yaml(self, name: str) -> Any:
        """A YAML rule file, the packs' copies merged (see the module's docstring).

        Raises:
            RuleError: no pack has it, or one copy is malformed.
        """
        merged: Any = None
        for path in self._required(name):
            data = read_yaml(path, self.text(path))
            merged = data if merged is None else merge(merged, data)
        return merged

    def yaml_each(self, name: str) -> list[tuple[Path, Any]]:
        """Each pack's copy of a YAML rule file, parsed, lowest first (for examples checked per pack)."""
        return [(path, read_yaml(path, self.text(path))) for path in self.paths(name)]

    def tsv(self, name: str, columns: int, *, optional: int = 0) -> list[Row]:
        """The rows of a TSV rule file across packs, lowest first; blank and ``#`` lines skipped.

        Args:
            name: The file's path inside a pack.
            columns: How many tab-separated fields a row has.
            optional: How many of the last fields may be missing (they read as empty).

        Raises:
            RuleError: no pack has it, or a row has the wrong number of fields or an empty first one.
        """
        rows = []
        for path in self._required(name):
            for number, line in enumerate(self.text(path).splitlines(), start=1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                fields = [f.strip() for f in line.split("\t")]
                if not columns - optional <= len(fields) <= columns:
                    expected = f"{columns - optional} to {columns}" if optional else f"{columns}"
                    raise RuleError(f"{path}:{number}: expected {expected} tab-separated columns, got {len(fields)}")
                if not fields[0]:
                    raise RuleError(f"{path}:{number}: empty first column")
                rows.append(Row(path, number, tuple(fields + [""] * (columns - len(fields)))))
        return rows

    def jsonl(self, name: str) -> list[tuple[Path, int, dict[str, Any]]]:
        """The objects of a JSON-lines rule file across packs, lowest first; objects whose keys all start with
        ``_`` are comments and skipped.

        Raises:
            RuleError: a line is not a JSON object.
        """
        return [row for path in self.paths(name) for row in read_jsonl(path, self.text(path))]

    # ------------------------------------------------------------------ what stages build

    def built(self, key: str, build: Callable[["RuleSet"], T]) -> T:
        """What a stage builds from these rules (its vocabulary, its gazetteer), built once per rule set.

        Args:
            key: The stage's name for what it builds.
            build: Builds it from the rule set; raises RuleError on a bad rule.
        """
        if key not in self._built:
            self._built[key] = build(self)
        return self._built[key]

    def digest(self) -> str:
        """A hash of every rule file of every pack in use, with the pack order: the cache key's share of rules."""
        h = hashlib.sha256()
        for pack in self.packs:
            h.update(f"pack {pack.name}\n".encode())
            for path in _rule_files(pack.path):
                h.update(path.relative_to(pack.path).as_posix().encode() + b"\n")
                h.update(path.read_bytes())
        return h.hexdigest()

    def describe(self) -> str:
        """The packs in use, lowest first (``en + world + domains/pakistan-russia``)."""
        return " + ".join(pack.name for pack in self.packs)


def merge(lower: Any, upper: Any) -> Any:
    """Two copies of a YAML rule file merged: ``upper`` extends or overrides ``lower`` (module docstring)."""
    if isinstance(lower, dict) and isinstance(upper, dict):
        out = dict(lower)
        for key, value in upper.items():
            out[key] = merge(out[key], value) if key in out else value
        return out
    if isinstance(lower, list) and isinstance(upper, list):
        if _named(lower) and _named(upper):
            out_list = list(lower)
            index = {entry["name"]: i for i, entry in enumerate(out_list)}
            for entry in upper:
                if entry["name"] in index:
                    out_list[index[entry["name"]]] = entry
                else:
                    index[entry["name"]] = len(out_list)
                    out_list.append(entry)
            return out_list
        return lower + upper
    return upper


def _named(entries: list) -> bool:
    return bool(entries) and all(isinstance(e, dict) and "name" in e for e in entries)


def _rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.name not in IGNORED_FILES)


def shipped_root() -> Path:
    """The folder of the shipped packs (``rules/``, installed as ``pipeline.rules``)."""
    return Path(str(files("pipeline.rules")))


def shipped_packs(*, domains: bool = True) -> list[Pack]:
    """The packs shipped with claimline: ``en``, ``world`` and, unless ``domains`` is False, every domain pack."""
    root = shipped_root()
    packs = [Pack(name, root / name) for name in SHIPPED_BASE]
    if domains and (root / DOMAINS_FOLDER).is_dir():
        packs += [Pack(f"{DOMAINS_FOLDER}/{p.name}", p) for p in sorted((root / DOMAINS_FOLDER).iterdir())
                  if p.is_dir() and p.name != "__pycache__"]
    return packs


def check_pack(pack: Pack) -> None:
    """Every file of a pack is one a loader knows and is well formed in its format (YAML parses without duplicate
    keys, JSON lines are objects, every file starts with a header naming its format).

    Raises:
        RuleError: the first problem, naming the file (and line).
    """
    if not pack.path.is_dir():
        raise RuleError(f"{pack.path}: rules folder not found")
    for path in _rule_files(pack.path):
        name = path.relative_to(pack.path).as_posix()
        kind = RULE_FILES.get(name)
        if kind is None:
            raise RuleError(f"{path}: no loader reads a rule file called {name!r} "
                            f"(known: {', '.join(sorted(RULE_FILES))})")
        text = _read_text(path)
        _check_header(path, text, kind)
        if kind == "yaml":
            read_yaml(path, text)


def _check_header(path: Path, text: str, kind: str) -> None:
    head = text.lstrip("\ufeff").splitlines()[:4]
    if kind == "jsonl":
        ok = bool(head) and head[0].startswith('{"_') and "format" in head[0].lower()
    else:
        lines = [line for line in head if line.startswith("#")]
        ok = bool(head) and head[0].startswith("#") and any("format" in line.lower() for line in lines)
    if not ok:
        raise RuleError(f"{path}:1: a rule file starts with a header comment stating its format")


@lru_cache(maxsize=16)
def _load(packs: tuple[Pack, ...], stamp: tuple) -> RuleSet:
    for pack in packs:
        check_pack(pack)
    return RuleSet(packs)


def _stamp(packs: tuple[Pack, ...]) -> tuple:
    """What tells that a pack's files changed since they were read (a test or a user editing a rule)."""
    out = []
    for pack in packs:
        if pack.path.is_dir():
            for path in _rule_files(pack.path):
                stat = path.stat()
                out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def load_rules(extra: Iterable[Path | str] = (), *, domains: bool = True) -> RuleSet:
    """The shipped packs with the user's packs on top, checked; one RuleSet per distinct list of packs.

    Args:
        extra: Folders given by ``--rules``, lowest first.
        domains: False leaves out the shipped domain packs (only ``en`` and ``world``).

    Raises:
        RuleError: a folder is missing, or a pack holds a malformed file or one no loader knows.
    """
    extra = tuple(extra)
    if not extra:
        return _shipped(domains)
    packs = shipped_packs(domains=domains)
    for folder in extra:
        path = Path(folder)
        if not path.is_dir():
            raise RuleError(f"{path}: rules folder not found")
        packs.append(Pack(str(path), path.resolve()))
    return _load(tuple(packs), _stamp(tuple(packs)))


def load_rules_from_packs(packs: Iterable[Pack]) -> RuleSet:
    """A rule set from an explicit list of packs, lowest first (as a spaCy component's config stores it).

    Raises:
        RuleError: as :func:`load_rules`.
    """
    packs = tuple(packs)
    for domains in (True, False):
        if packs == tuple(shipped_packs(domains=domains)):
            return _shipped(domains)
    return _load(packs, _stamp(packs))


def resolve(rules: "RuleSet | Path | str | None") -> RuleSet:
    """A rule set from what a caller gives: a RuleSet as it is, a folder as a pack on top of the shipped ones,
    None for the shipped packs."""
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        return _shipped(True)
    return load_rules((rules,))


@lru_cache(maxsize=2)
def _shipped(domains: bool) -> RuleSet:
    # the shipped packs do not change while a process runs: checked and read once, one RuleSet however asked for
    return _load(tuple(shipped_packs(domains=domains)), ())

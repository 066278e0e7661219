"""The gazetteer: reading ``rules/gazetteer.yaml`` and the ``Gazetteer`` that answers every query on it.

The YAML is read by one loader (:func:`read_gazetteer`) with a strict YAML dialect of its own (:class:`_Loader`);
the validated tables are built in :mod:`pipeline.actors.tables`, the queries in :mod:`pipeline.actors.resolve`
and :mod:`pipeline.actors.offices`.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pipeline.actors.offices import OfficeQueries
from pipeline.errors import RuleError
from pipeline.rules_dir import SAFE_LOADER


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


def read_gazetteer(path: Path) -> Any:
    """Read a gazetteer file's YAML: dates stay strings, only true/false are booleans, duplicate keys are errors.

    Args:
        path: The gazetteer YAML file.

    Returns:
        The parsed YAML (validated by :class:`Gazetteer`).

    Raises:
        RuleError: the file cannot be read or is not valid YAML (the message gives the line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read gazetteer: {exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        raise RuleError(f"{path}: {where}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: YAML: {exc}") from None


class Gazetteer(OfficeQueries):
    """Actors, titles and offices read from one gazetteer file; immutable once loaded.

    Build one with :meth:`Gazetteer.load`. Its queries: ``get``, ``actors`` and ``titles`` (the tables),
    ``lookup``, ``country_of``, ``normalise_title`` and ``project`` (names), ``holder``, ``offices_on`` and
    ``role_check`` (offices).
    """

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
            _CACHE[key] = cls(path, read_gazetteer(path))
        return _CACHE[key]

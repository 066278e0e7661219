"""The gazetteer: the packs' ``gazetteer.yaml`` merged, and the ``Gazetteer`` that answers every query on it.

The YAML is read by the rule set's one loader (:data:`pipeline.ruleset.YAML_LOADER`); the validated tables are built in :mod:`pipeline.actors.tables`, the queries in :mod:`pipeline.actors.resolve`
and :mod:`pipeline.actors.offices`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.actors.offices import OfficeQueries
from pipeline.errors import RuleError
from pipeline.ruleset import RuleSet, read_yaml, resolve

_CACHE: dict[tuple[str, int, int], "Gazetteer"] = {}


def read_gazetteer(path: Path) -> Any:
    """Read one gazetteer file's YAML with the rule set's one loader (dates stay strings, only true/false are
    booleans, duplicate keys are errors).

    Args:
        path: The gazetteer YAML file.

    Returns:
        The parsed YAML (validated by :class:`Gazetteer`).

    Raises:
        RuleError: the file cannot be read or is not valid YAML (the message gives the line).
    """
    return read_yaml(path)


class Gazetteer(OfficeQueries):
    """Actors, titles and offices read from one gazetteer file; immutable once loaded.

    Build one with :meth:`Gazetteer.load`. Its queries: ``get``, ``actors`` and ``titles`` (the tables),
    ``lookup``, ``country_of``, ``normalise_title`` and ``project`` (names), ``holder``, ``offices_on`` and
    ``role_check`` (offices).
    """

    @classmethod
    def from_rules(cls, rules: RuleSet | Path | None = None) -> "Gazetteer":
        """The gazetteer of a rule set: every pack's ``gazetteer.yaml`` merged, built once per rule set.

        Args:
            rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

        Raises:
            RuleError: a file is not valid YAML (message gives the line) or the merged entries have a bad one.
        """
        return resolve(rules).built("gazetteer", lambda r: cls(Path(r.where("gazetteer.yaml")),
                                                               r.yaml("gazetteer.yaml")))

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Gazetteer":
        """Read and validate a gazetteer; cached per path until the file changes.

        Args:
            path: One gazetteer YAML file on its own; a rules folder is a pack on top of the shipped ones; None
                for the shipped packs (see :meth:`from_rules`).

        Returns:
            The gazetteer.

        Raises:
            RuleError: the file is missing, is not valid YAML (message gives the line) or has a bad entry.
        """
        if path is None or Path(path).is_dir():
            return cls.from_rules(None if path is None else Path(path))
        path = Path(path)
        try:
            stat = path.stat()
        except OSError as exc:
            raise RuleError(f"{path}: cannot read gazetteer: {exc.strerror or exc}") from None
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if key not in _CACHE:
            _CACHE[key] = cls(path, read_gazetteer(path))
        return _CACHE[key]

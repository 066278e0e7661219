"""Where the rule files are: the package's own (``pipeline.rules``) unless the user gives a folder."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import yaml

from .errors import RuleError

#: PyYAML's safe loader on libyaml's parser when PyYAML was built with it (ten times faster), else the pure one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_path(rules: Path | None = None) -> Path:
    """The rules folder to use.

    Args:
        rules: A folder given by ``--rules``; None for the rules shipped with the package.

    Raises:
        RuleError: the folder given does not exist.
    """
    if rules is None:
        return Path(str(files("pipeline.rules")))
    rules = Path(rules)
    if not rules.is_dir():
        raise RuleError(f"{rules}: rules folder not found")
    return rules

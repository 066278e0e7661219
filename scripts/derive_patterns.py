"""Print the entity-ruler patterns derived from a gazetteer as JSON lines (a maintenance aid, not part of the CLI).

The pipeline derives these patterns at run time (``pipeline.actors.entity_patterns``); printing them shows what a
gazetteer entry turns into, e.g. before adding a language pattern to ``rules/entities.jsonl``.

Usage:
    python scripts/derive_patterns.py > /tmp/derived.jsonl
    python scripts/derive_patterns.py --gazetteer my_rules/gazetteer.yaml
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.actors import Gazetteer, entity_patterns
from pipeline.errors import RuleError


def main(argv: list[str] | None = None) -> int:
    """Print the derived patterns, one JSON object a line; 2 with one line on stderr for a bad gazetteer.

    Example: ``python scripts/derive_patterns.py > /tmp/derived.jsonl``.
    """
    parser = argparse.ArgumentParser(prog="scripts/derive_patterns.py", description=main.__doc__)
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

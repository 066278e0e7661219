"""The shape of the code: imports run one way, from the command line down to the records, and every event type
the code names is one the rules define."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline.claims import load_event_rules
from pipeline.identity import CLAIM_CODE

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"

#: The stages and helpers of ``pipeline/``, top to bottom: a module may import only modules of its own layer or
#: of the layers below it (a module ``NAME.py`` and a sub-package ``NAME/`` are one entry).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli",),                                           # argument parsing, one library call per command
    ("export", "review"),                               # the commands that work on a finished run
    ("run",),                                           # one run: ingest -> nlp -> claims -> reconcile -> outputs
    ("cluster",),                                       # the per-article stage and large reconciliations on Dask
    ("outputs", "workspace"),                           # tables, CSV, report.html, TimelineJS; the output folder
    ("reconcile",),                                     # claims -> events and conflicts
    ("store",),                                         # the SQLite store of documents, claims and decisions
    ("article",),                                       # the per-article stage: bytes -> Document, claims
    ("claims", "nlp"),                                  # parsed sentences -> claims; the spaCy pipeline
    ("actors", "dates", "ingest", "quantities", "identity", "procs", "resolutions"),  # the stages' building blocks
    ("ruleset",),                                       # the rule packs, read and checked once, and how YAML is read
    ("records", "errors", "__init__"),                  # typed records and errors: import nothing of pipeline
)
LAYER_OF = {name: n for n, layer in enumerate(LAYERS) for name in layer}
EVENT_TYPE_LIKE = re.compile(r"^[A-Z]+(_[A-Z]+)*$")


def _modules() -> list[Path]:
    return sorted(p for p in PIPELINE.rglob("*.py"))


def _top(path: Path) -> str:
    """The stage a file belongs to: ``pipeline/reconcile/merge.py`` -> ``reconcile``."""
    parts = path.relative_to(PIPELINE).with_suffix("").parts
    return parts[0]


def _exists(name: str) -> bool:
    return (PIPELINE / f"{name}.py").is_file() or (PIPELINE / name / "__init__.py").is_file()


def _imported_stages(path: Path) -> set[str]:
    """The stages of ``pipeline`` a file imports, at its top or inside functions."""
    rel = path.relative_to(PIPELINE).with_suffix("").parts
    package = list(rel[:-1])  # the package a relative import starts from (for __init__ too)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[list[str]] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
            elif node.module and node.module.split(".")[0] == "pipeline":
                base = []
                node = ast.ImportFrom(module=".".join(node.module.split(".")[1:]) or None, names=node.names, level=1)
            else:
                continue
            if node.module:
                targets.append(base + node.module.split("."))
            else:
                targets += [base + [alias.name] for alias in node.names]
        elif isinstance(node, ast.Import):
            targets += [a.name.split(".")[1:] for a in node.names if a.name.startswith("pipeline.")]
        for target in targets:
            if target and _exists(target[0]):
                found.add(target[0])
    return found - {_top(path)}


def test_architecture_every_module_has_a_layer():
    missing = sorted({_top(p) for p in _modules()} - set(LAYER_OF))
    assert not missing, f"add these to LAYERS in tests/test_architecture.py: {missing}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PIPELINE)))
def test_architecture_imports_run_down_the_layers(path):
    here = LAYER_OF.get(_top(path))
    if here is None:
        pytest.skip("no layer (see test_architecture_every_module_has_a_layer)")
    upward = sorted(name for name in _imported_stages(path) if LAYER_OF.get(name, len(LAYERS)) < here)
    assert not upward, f"{path.relative_to(PIPELINE)} imports {upward}, which are above it"


def _strings(node: ast.AST, names: dict[str, set[str]]) -> set[str]:
    """The string constants an expression is or holds (a tuple, set or list of them, or a module constant)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
        return set().union(*(_strings(e, names) for e in node.elts)) if node.elts else set()
    if isinstance(node, ast.Call) and node.args:  # frozenset({...})
        return _strings(node.args[0], names)
    if isinstance(node, ast.Name):
        return names.get(node.id, set())
    return set()


def _names_event_type(node: ast.AST) -> bool:
    """Whether an expression stands for an event type (``claim.event_type``, ``et.name``, ``key[0]`` aside)."""
    text = ast.unparse(node)
    return "event_type" in text or bool(re.search(r"\b(et|t|etype)\.name\b", text))


def event_type_literals(path: Path) -> set[str]:
    """Upper-case string literals that code compares with an event type, or keeps in a constant named for them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names[node.targets[0].id] = _strings(node.value, {})
    # a constant named for event types (a lane order) names them too
    found = {s for name, held in names.items() if "EVENT_TYPE" in name for s in held if EVENT_TYPE_LIKE.match(s)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_event_type(o) for o in operands):
                for o in operands:
                    found |= {s for s in _strings(o, names) if EVENT_TYPE_LIKE.match(s)}
    return found


def test_architecture_every_event_type_in_code_is_in_the_rules():
    defined = {t.name for t in load_event_rules().types}
    named = {(str(p.relative_to(PIPELINE)), s) for p in _modules() for s in event_type_literals(p)}
    unknown = sorted((where, s) for where, s in named if s not in defined)
    assert not unknown, f"event types named in code but not in the packs' events.yaml: {unknown}"


def test_architecture_event_type_literals_are_found(tmp_path):
    """The check above sees literals in comparisons, tuples and module constants, and only those."""
    path = tmp_path / "sample.py"
    path.write_text('KINDS = {"VISIT", "CANCELLATION"}\nEVENT_TYPES = ("TRADE",)\n'
                    'def f(c, et):\n    return c.event_type == "MEETING" or et.name in KINDS or c.pos_ in ("VERB",)\n',
                    encoding="utf-8")
    assert event_type_literals(path) == {"VISIT", "CANCELLATION", "MEETING", "TRADE"}


#: A module that passes this many lines holds more than one concern (STYLE.md); a function this long, more than one step.
MODULE_LINES, FUNCTION_LINES = 500, 80


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PIPELINE)))
def test_architecture_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MODULE_LINES, f"{path.name}: {text.count(chr(10))} lines; split it along its seams"
    long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(ast.parse(text))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > FUNCTION_LINES]
    assert not long, f"{path.name}: functions over {FUNCTION_LINES} lines: {long}"


def test_architecture_cache_key_covers_the_code_that_makes_claims():
    """Every stage the claim-making stages import (at any depth) is hashed into the run's fingerprint, so an upgrade
    of any of them re-processes stored articles."""
    by_stage: dict[str, set[str]] = {}
    for path in _modules():
        by_stage.setdefault(_top(path), set()).update(_imported_stages(path))
    todo, seen = ["ingest", "nlp", "claims"], set()
    while todo:
        stage = todo.pop()
        if stage not in seen:
            seen.add(stage)
            todo += sorted(by_stage.get(stage, ()))
    missing = sorted(seen - set(CLAIM_CODE) - {"errors", "__init__", "procs", "identity"})
    assert not missing, f"add {missing} to identity.CLAIM_CODE"

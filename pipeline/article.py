"""The per-article stage as one pure function: an article's bytes and identity to its records.

:func:`article_records` reads (decodes, cleans, finds the metadata), parses and extracts the claims of one article.
It depends on nothing but its arguments and the loaded :class:`Context` (model and rule set), so the same bytes give
the same records in this process, in a forked worker or on a Dask worker of another machine. A run without a
cluster parses its articles in batches over processes (:func:`pipeline.nlp.parse_pieces`) and hands each article's
pieces to :func:`claims_of_pieces`, as :func:`records_of` (the second half of this function) does.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .actors import Gazetteer
from .claims import EventRules, claims_of_pieces, load_event_rules
from .ingest.read import document_from_bytes
from .ingest.sources import Source, fetch
from .records import Claim, Document
from .ruleset import Pack, RuleSet, load_rules_from_packs, shipped_root


@dataclass(frozen=True)
class Context:
    """What every article needs, loaded once per process (per Dask worker, by its plugin).

    Attributes:
        nlp: The spaCy pipeline from :func:`pipeline.nlp.load`.
        rules: The run's rule set.
        gazetteer: Built from the rules.
        event_rules: Built from the rules.
    """

    nlp: object
    rules: RuleSet
    gazetteer: Gazetteer
    event_rules: EventRules

    @classmethod
    def load(cls, model: str | None, rules: RuleSet) -> "Context":
        """Load the model and build the rules' gazetteer and event rules."""
        from . import nlp as nlp_stage  # spaCy is imported only where articles are parsed

        return cls(nlp_stage.load(model, rules), rules, Gazetteer.from_rules(rules), load_event_rules(rules))


@dataclass(frozen=True)
class Records:
    """One article's records: the Document (its text included), its sentence count and its claims."""

    document: Document
    sentences: int
    claims: tuple[Claim, ...]


def article_records(source: Source, context: Context) -> Records:
    """Read, parse and mine one article.

    Args:
        source: The article's bytes and identity (``raw`` set: files skipped unread never get here).
        context: The loaded model and rules.

    Returns:
        Its records; a file that turns out unusable (undecodable, not English, no text) comes back as a skipped
        Document with no sentences and no claims.
    """
    document = document_from_bytes(source.raw or b"", doc_id=source.doc_id, path=source.path,
                                   content_hash=source.content_hash, kind=source.kind, rules=context.rules)
    if document.status != "ok":
        return Records(document, 0, ())
    from . import nlp as nlp_stage  # spaCy is imported only where articles are parsed

    # a long article is parsed and mined piece by piece, as on one machine: memory grows with a piece, not the text
    pieces = (piece for _, piece in nlp_stage.parse_pieces([(document.text, document.published)], context.nlp))
    return records_of(pieces, document, context.gazetteer, context.event_rules)


def fetched_records(source: Source, context: Context, *, size_limit: int) -> Records:
    """:func:`article_records` of a source that may still be to read from its URL (:func:`pipeline.ingest.fetch`),
    as a worker gets it: a file that cannot be read, or is empty or too large, comes back as a skipped Document."""
    source = fetch(source, size_limit=size_limit)
    if source.raw is None:
        return Records(Document(doc_id=source.doc_id, path=source.path, text="", content_hash=source.content_hash,
                                status="skipped", reason=source.reason), 0, ())
    return article_records(source, context)


def records_of(pieces, document: Document, gazetteer: Gazetteer, event_rules: EventRules) -> Records:
    """One parsed article's records from its pieces (:func:`pipeline.nlp.parse_pieces`): the stage after parsing,
    shared by every way of parsing."""
    sentences, claims = claims_of_pieces(pieces, document, gazetteer=gazetteer, rules=event_rules)
    return Records(document, sentences, tuple(claims))


def portable_packs(rules: RuleSet) -> tuple[tuple[str, str, bool], ...]:
    """The rule set's packs as another machine can find them: ``(name, path, shipped)``, a shipped pack's path
    relative to the shipped rules (installed elsewhere there), a user's pack as given (it must be at the same path,
    on shared storage)."""
    root = shipped_root().resolve()
    out = []
    for pack in rules.packs:
        path = Path(pack.path).resolve()
        if path.is_relative_to(root):
            out.append((pack.name, path.relative_to(root).as_posix(), True))
        else:
            out.append((pack.name, str(path), False))
    return tuple(out)


def rules_from_portable(packs: tuple[tuple[str, str, bool], ...]) -> RuleSet:
    """The rule set :func:`portable_packs` describes, on this machine."""
    root = shipped_root()
    return load_rules_from_packs(Pack(name, root / path if shipped else Path(path)) for name, path, shipped in packs)


__all__ = ["Context", "Records", "article_records", "fetched_records", "portable_packs", "records_of", "rules_from_portable"]

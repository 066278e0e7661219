"""The output tables: the rows of documents.csv, claims.csv, events.csv and conflicts.csv, built from records."""
from __future__ import annotations

from ..records import Claim, Conflict, Document, Event, RunResult

COLUMNS = {
    "documents": ["doc_id", "path", "title", "author", "published", "words", "sentences", "claims", "status",
                  "reason", "content_hash", "published_from", "source", "url"],
    "claims": ["claim_id", "doc_id", "sentence_id", "char_start", "char_end", "event_type", "actor", "actor_role",
               "agent", "target", "location", "item", "quantity", "amount", "currency", "date_text", "date_start", "date_end",
               "date_granularity", "modality", "attributed_to", "evidence", "confidence", "event_id", "role_check",
               "status"],
    "events": ["event_id", "event_type", "subject", "actor", "target", "item", "date_start", "date_end",
               "date_granularity", "amount", "quantity", "n_sources", "doc_ids", "claim_ids", "disputed", "support",
               "status"],
    "conflicts": ["conflict_id", "event_id", "event_type", "subject", "attribute", "value_a", "value_b", "docs_a",
                  "docs_b", "sources_a", "sources_b", "claim_a", "claim_b", "doc_a", "doc_b", "evidence_a",
                  "evidence_b", "severity", "rationale", "status", "resolution", "note"],
}

def document_row(d: Document, sentences: int, claims: int) -> dict:
    """One row of documents.csv."""
    return {
        "doc_id": d.doc_id, "path": d.path, "title": d.title, "author": d.author,
        "published": d.published.label if d.published else "", "words": d.words if d.status == "ok" else 0,
        "sentences": sentences, "claims": claims, "status": d.status, "reason": d.reason,
        "content_hash": d.content_hash, "published_from": d.published_from if d.published else "",
        "source": d.source, "url": d.url,
    }


def claim_row(c: Claim, rejected: frozenset[str] = frozenset()) -> dict:
    """One row of claims.csv; ``status`` is ``rejected`` for a claim a reviewer rejected, else empty."""
    row = {k: getattr(c, k) for k in COLUMNS["claims"][:-1]}
    row["status"] = "rejected" if c.claim_id in rejected else ""
    return row


def event_row(e: Event) -> dict:
    """One row of events.csv."""
    return {k: getattr(e, k) for k in COLUMNS["events"]}


def conflict_row(c: Conflict) -> dict:
    """One row of conflicts.csv, with every claim on each side (``claims_a``, ``claims_b``: for the report, not
    written to the file)."""
    row = {k: getattr(c, k) for k in COLUMNS["conflicts"]}
    row["claims_a"], row["claims_b"] = c.claims_a, c.claims_b
    return row


def output_tables(result: RunResult) -> dict[str, list[dict]]:
    """The rows of documents.csv, claims.csv, events.csv and conflicts.csv, raw values."""
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    docs = sorted(result.documents, key=lambda d: d.doc_id)
    return {
        "documents": [document_row(d, result.sentences.get(d.doc_id, 0), counts.get(d.doc_id, 0)) for d in docs],
        "claims": [claim_row(c, result.rejected) for c in result.claims],
        "events": [event_row(e) for e in result.events],
        "conflicts": [conflict_row(c) for c in result.conflicts],
    }

"""The output tables: the rows of documents.csv, claims.csv, events.csv and conflicts.csv, built from records."""
from __future__ import annotations

from ..records import Claim, Conflict, Document, Event, RunResult

COLUMNS = {
    "documents": ["doc_id", "path", "title", "author", "published", "words", "sentences", "claims", "status",
                  "reason", "content_hash"],
    "claims": ["claim_id", "doc_id", "sentence_id", "char_start", "char_end", "event_type", "actor", "actor_role",
               "target", "location", "item", "quantity", "amount", "currency", "date_text", "date_start", "date_end",
               "date_granularity", "modality", "attributed_to", "evidence", "confidence", "event_id", "role_check"],
    "events": ["event_id", "event_type", "subject", "actor", "target", "item", "date_start", "date_end",
               "date_granularity", "amount", "quantity", "n_sources", "doc_ids", "claim_ids", "disputed", "support", "status"],
    "conflicts": ["conflict_id", "event_id", "event_type", "subject", "attribute", "value_a", "value_b", "claim_a",
                  "claim_b", "doc_a", "doc_b", "evidence_a", "evidence_b", "severity", "rationale", "status",
                  "resolution"],
}

def document_row(d: Document, sentences: int, claims: int) -> dict:
    """One row of documents.csv."""
    return {
        "doc_id": d.doc_id, "path": d.path, "title": d.title, "author": d.author,
        "published": d.published.label if d.published else "", "words": d.words if d.status == "ok" else 0,
        "sentences": sentences, "claims": claims, "status": d.status, "reason": d.reason,
        "content_hash": d.content_hash,
    }


def claim_row(c: Claim) -> dict:
    """One row of claims.csv."""
    return {k: getattr(c, k) for k in COLUMNS["claims"]}


def event_row(e: Event) -> dict:
    """One row of events.csv."""
    return {k: getattr(e, k) for k in COLUMNS["events"]}


def conflict_row(c: Conflict) -> dict:
    """One row of conflicts.csv."""
    return {k: getattr(c, k) for k in COLUMNS["conflicts"]}


def output_tables(result: RunResult) -> dict[str, list[dict]]:
    """The rows of documents.csv, claims.csv, events.csv and conflicts.csv, raw values."""
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    docs = sorted(result.documents, key=lambda d: d.doc_id)
    return {
        "documents": [document_row(d, result.sentences.get(d.doc_id, 0), counts.get(d.doc_id, 0)) for d in docs],
        "claims": [claim_row(c) for c in result.claims],
        "events": [event_row(e) for e in result.events],
        "conflicts": [conflict_row(c) for c in result.conflicts],
    }

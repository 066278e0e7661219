"""SQLite store in the output folder: documents, their claims, and reviewers' decisions.

Work is keyed by the article's content hash and the pipeline fingerprint (model, rules, version): a re-run on
an unchanged corpus parses nothing; a grown corpus parses only its new or changed articles. Every write is one
transaction, so a run killed at any moment leaves the store as it was before or after one whole article.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields
from datetime import date, datetime, timezone
from pathlib import Path

from .records import Claim, Conflict, Decision, Document, TimeValue
from .resolutions import STATUSES, check_resolution

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT, content_hash TEXT, fingerprint TEXT, title TEXT, author TEXT,
    published TEXT, words INTEGER, sentences INTEGER, status TEXT, reason TEXT
);
CREATE TABLE IF NOT EXISTS claims (
    claim_id TEXT, doc_id TEXT REFERENCES documents(doc_id) ON DELETE CASCADE, ordinal INTEGER, data TEXT,
    PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY, value TEXT
);
CREATE TABLE IF NOT EXISTS reviews (
    conflict_id TEXT PRIMARY KEY, status TEXT NOT NULL, resolution TEXT, decided_at TEXT
);
CREATE TABLE IF NOT EXISTS conflicts (
    conflict_id TEXT PRIMARY KEY, attribute TEXT, value_a TEXT, value_b TEXT, about TEXT
);
CREATE TABLE IF NOT EXISTS stamps (
    path TEXT PRIMARY KEY, stamp TEXT, content_hash TEXT
);
CREATE TABLE IF NOT EXISTS rejected_claims (
    claim_key TEXT PRIMARY KEY, decided_at TEXT
);
"""
#: Columns added to ``reviews`` since the first stores: added in place when missing.
REVIEW_COLUMNS = {"note": "TEXT", "about": "TEXT"}
DATE_FIELDS = {"date_start", "date_end"}


def _claim_to_json(c: Claim) -> str:
    d = asdict(c)
    for k in DATE_FIELDS:
        d[k] = d[k].isoformat() if d[k] else None
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def _claim_from_json(text: str) -> Claim:
    d = json.loads(text)
    names = {f.name for f in fields(Claim)}
    d = {k: v for k, v in d.items() if k in names}
    for k in DATE_FIELDS:
        d[k] = date.fromisoformat(d[k]) if d[k] else None
    d["participants"] = tuple(d.get("participants") or ())
    d["identity_cues"] = tuple(d.get("identity_cues") or ())
    d["role_parts"] = tuple(d.get("role_parts") or ())
    return Claim(**d)


def _tv_to_json(tv: TimeValue | None, source: str = "") -> str | None:
    if tv is None or tv.start is None:
        return None
    d = {"text": tv.text, "start": tv.start.isoformat(), "end": tv.end.isoformat(), "granularity": tv.granularity}
    if source:  # where a document's publication date came from travels with it (no schema change)
        d["from"] = source
    return json.dumps(d)


def _tv_from_json(text: str | None) -> TimeValue | None:
    if not text:
        return None
    d = json.loads(text)
    return TimeValue(d["text"], 0, len(d["text"]), date.fromisoformat(d["start"]), date.fromisoformat(d["end"]),
                     d["granularity"])


_DOCUMENT_FIELDS = ("doc_id", "path", "content_hash", "title", "author", "published", "words", "status", "reason")


def _document(row: tuple) -> Document:
    d = dict(zip(_DOCUMENT_FIELDS, row))
    d["published_from"] = json.loads(d["published"]).get("from", "") if d["published"] else ""
    d["published"] = _tv_from_json(d["published"])
    d["words"] = d["words"] if d["status"] == "ok" and d["words"] is not None else 0
    return Document(text="", **d)


class Store:
    """The output folder's ``claimline.sqlite``."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL still survives a killed process whole (a commit is in the log before it returns); only a
        # power cut may lose the last commits, never corrupt the file. FULL would sync the disk once per article.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.executescript(SCHEMA)
        have = {row[1] for row in self.db.execute("PRAGMA table_info(reviews)")}
        for name, kind in REVIEW_COLUMNS.items():
            if name not in have:
                self.db.execute(f"ALTER TABLE reviews ADD COLUMN {name} {kind}")
        #: What was read back from the store and skipped as invalid, one line each (a run prints them).
        self.problems: list[str] = []

    def older_version(self) -> bool:
        """Whether an earlier claimline wrote this store (it kept a copy of every output table, and no settings)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tables'").fetchone() is not None

    def upgrade(self) -> None:
        """Drop what an earlier claimline kept here and no longer needed (a run does this), and shrink the file."""
        if self.older_version():
            self.db.execute("DROP TABLE tables")
            self.db.execute("VACUUM")

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def known(self, doc_id: str, path: str, content_hash: str, fingerprint: str) -> Document | None:
        """The stored article (without its text) read from this file's exact bytes by this pipeline, or None; lets
        a run skip decoding and cleaning an article it will not parse again."""
        return self._stored(doc_id, path, content_hash, fingerprint, "ok")

    def known_skipped(self, doc_id: str, path: str, content_hash: str, fingerprint: str) -> Document | None:
        """The stored skipped article read from this file's exact bytes by this pipeline, or None: a run on a cluster
        does not send the bytes of a file it already found unusable."""
        return self._stored(doc_id, path, content_hash, fingerprint, "skipped")

    def _stored(self, doc_id: str, path: str, content_hash: str, fingerprint: str, status: str) -> Document | None:
        row = self.db.execute(
            f"SELECT {', '.join(_DOCUMENT_FIELDS)} FROM documents "
            "WHERE doc_id = ? AND path = ? AND content_hash = ? AND fingerprint = ? AND status = ?",
            (doc_id, path, content_hash, fingerprint, status)).fetchone()
        return _document(row) if row else None

    def stamped_hash(self, path: str, stamp: str) -> str | None:
        """The content hash of the file at ``path`` (of a corpus URL) when it was last read with this listing
        stamp (size, time, ETag: :func:`pipeline.ingest.sources.stamp_of`), or None: a run whose workers read the
        files tells a changed one from its listing, without reading it."""
        row = self.db.execute("SELECT content_hash FROM stamps WHERE path = ? AND stamp = ?", (path, stamp)).fetchone()
        return row[0] if row else None

    def remember_stamps(self, stamps: dict[str, tuple[str, str]], keep: set[str] | None = None) -> None:
        """Record ``path: (stamp, content_hash)`` in one transaction, and forget the paths not in ``keep``."""
        with self._transaction():
            self.db.executemany("INSERT OR REPLACE INTO stamps VALUES (?,?,?)",
                                [(path, stamp, h) for path, (stamp, h) in sorted(stamps.items())])
            if keep is not None:
                gone = [r[0] for r in self.db.execute("SELECT path FROM stamps") if r[0] not in keep]
                self.db.executemany("DELETE FROM stamps WHERE path = ?", [(path,) for path in gone])

    def documents(self) -> list[tuple[Document, int]]:
        """Every stored article (without its text) with its sentence count, by doc_id."""
        rows = self.db.execute(f"SELECT {', '.join(_DOCUMENT_FIELDS)}, sentences FROM documents ORDER BY doc_id")
        return [(_document(r[:-1]), r[-1]) for r in rows]

    def sentences(self, document: Document, fingerprint: str) -> int | None:
        """The sentence count stored for this exact text and pipeline (its claims are then stored too), or None."""
        row = self.db.execute(
            "SELECT sentences FROM documents WHERE doc_id = ? AND path = ? AND content_hash = ? AND fingerprint = ? "
            "AND status = 'ok'", (document.doc_id, document.path, document.content_hash, fingerprint)).fetchone()
        return row[0] if row else None

    def claims(self, doc_ids: set[str] | None = None) -> dict[str, list[Claim]]:
        """The stored claims of these articles (default all), by doc_id, in the order they were extracted; a
        stored claim that cannot be read back is reported in :attr:`problems` and skipped."""
        out: dict[str, list[Claim]] = {}
        for doc_id, data in self.db.execute("SELECT doc_id, data FROM claims ORDER BY doc_id, ordinal"):
            if doc_ids is None or doc_id in doc_ids:
                try:
                    out.setdefault(doc_id, []).append(_claim_from_json(data))
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    self.problems.append(f"{self.path}: a stored claim of {doc_id!r} is unreadable "
                                         f"({exc.__class__.__name__}); skipped")
        return out

    def save(self, document: Document, sentences: int, claims: list[Claim], fingerprint: str) -> None:
        """Replace one article's row and claims in one transaction."""
        with self._transaction():
            self.db.execute("DELETE FROM claims WHERE doc_id = ?", (document.doc_id,))
            self.db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (document.doc_id, document.path, document.content_hash, fingerprint, document.title,
                 document.author, _tv_to_json(document.published, document.published_from), document.words, sentences, document.status,
                 document.reason))
            self.db.executemany("INSERT INTO claims VALUES (?,?,?,?)",
                                [(c.claim_id, document.doc_id, n, _claim_to_json(c)) for n, c in enumerate(claims)])

    def prune(self, keep: set[str]) -> int:
        """Forget articles no longer in the corpus; returns how many were removed."""
        gone = [r[0] for r in self.db.execute("SELECT doc_id FROM documents") if r[0] not in keep]
        with self._transaction():
            for doc_id in gone:
                self.db.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
                self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return len(gone)

    def decisions(self) -> dict[str, Decision]:
        """Review decisions by conflict_id, each checked as the review command checks it; a bad one (an unknown
        status, a resolution that is no value of its attribute, unreadable text) is reported in :attr:`problems`
        and skipped."""
        rows = self.db.execute("SELECT conflict_id, status, resolution, note, about FROM reviews ORDER BY conflict_id")
        known = self.conflicts()
        out = {}
        for cid, status, resolution, note, about in rows:
            if not _about(about) and cid in known:  # recorded before decisions kept what they are about
                about = json.dumps(list(known[cid][3]))
            decision, problem = _decision(cid, status, resolution, note, about)
            if problem:
                self.problems.append(f"{self.path}: stored decision on {cid!r} skipped: {problem}")
            else:
                out[cid] = decision
        return out

    def record_decisions(self, decisions: dict[str, Decision]) -> None:
        """Store decisions, all or none."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO reviews (conflict_id, status, resolution, decided_at, note, about) "
                "VALUES (?,?,?,?,?,?)",
                [(cid, d.status, d.resolution, now, d.note, json.dumps(list(d.about)))
                 for cid, d in sorted(decisions.items())])

    def save_conflicts(self, conflicts: list[Conflict]) -> None:
        """Keep what each conflict of the run is about, so a review is checked against the run's own conflicts
        (not the conflicts.csv a reviewer edits), all or none."""
        with self._transaction():
            self.db.execute("DELETE FROM conflicts")
            self.db.executemany("INSERT OR REPLACE INTO conflicts VALUES (?,?,?,?,?)",
                                [(c.conflict_id, c.attribute, c.value_a, c.value_b, json.dumps(list(c.about)))
                                 for c in conflicts])

    def conflicts(self) -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
        """The last run's conflicts: ``(attribute, value_a, value_b, about)`` by conflict_id."""
        out = {}
        for cid, attribute, value_a, value_b, about in self.db.execute("SELECT * FROM conflicts ORDER BY conflict_id"):
            out[cid] = (attribute or "", value_a or "", value_b or "", _about(about) or ())
        return out

    def rejected_claims(self) -> set[str]:
        """The content keys of claims reviewers rejected as wrong extractions."""
        return {key for (key,) in self.db.execute("SELECT claim_key FROM rejected_claims")
                if isinstance(key, str) and key}

    def reject_claims(self, keys: set[str], restore: set[str] = frozenset()) -> None:
        """Record claims as rejected (``keys``) or take rejections back (``restore``), all or none."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self.db.executemany("INSERT OR REPLACE INTO rejected_claims VALUES (?,?)", [(k, now) for k in sorted(keys)])
            self.db.executemany("DELETE FROM rejected_claims WHERE claim_key = ?", [(k,) for k in sorted(restore)])

    def set_meta(self, **values: dict | None) -> None:
        """Keep small JSON values (the state and settings of the last run) by key, in one transaction; None
        forgets a key."""
        with self._transaction():
            for key, value in sorted(values.items()):
                if value is None:
                    self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value, sort_keys=True)))

    def meta(self, key: str) -> dict | None:
        """The value kept under ``key``, or None (also when what is kept cannot be read: reported in
        :attr:`problems`)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if not row:
            return None
        try:
            return json.loads(row[0])
        except (TypeError, ValueError):
            self.problems.append(f"{self.path}: stored {key!r} is unreadable; ignored")
            return None

    def _transaction(self):
        db = self.db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, exc, tb):
                db.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()



def _about(text) -> tuple[str, ...] | None:
    """A stored ``about`` (JSON list of strings), () for none, None when it is not one."""
    if text in (None, ""):
        return ()
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(value)


def _decision(cid, status, resolution, note, about) -> tuple[Decision | None, str]:
    """One stored decision checked: ``(decision, "")`` or ``(None, why it is bad)``."""
    if not isinstance(cid, str) or not cid:
        return None, "no conflict_id"
    if status not in STATUSES:
        return None, f"status {status!r} is not one of {', '.join(STATUSES)}"
    if resolution is not None and not isinstance(resolution, str) or note is not None and not isinstance(note, str):
        return None, "resolution or note is not text"
    parsed = _about(about)
    if parsed is None:
        return None, "what it is about is unreadable"
    resolution = resolution or ""
    if resolution:
        attribute = parsed[-3] if len(parsed) >= 7 else ""
        checked = check_resolution(attribute, resolution, parsed[-2:] if len(parsed) >= 7 else ())
        if checked.problem:
            return None, checked.problem
        resolution = checked.value
    return Decision(status, resolution, note or "", parsed), ""

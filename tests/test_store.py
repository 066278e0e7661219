"""The SQLite store: claims round-trip, reuse by content hash, decisions all-or-nothing."""
from __future__ import annotations

from datetime import date

from pipeline.records import Decision
from pipeline.records import Claim, Document
from pipeline.store import Store


def make_claim(cid="c1") -> Claim:
    return Claim(claim_id=cid, doc_id="d", sentence_id=1, char_start=0, char_end=5, event_type="VISIT",
                 actor="A", actor_role="President", target="B", location="", item="", quantity=None,
                 amount=1.5e9, currency="USD", date_text="2011", date_start=date(2011, 1, 1),
                 date_end=date(2011, 12, 31), date_granularity="year", modality="asserted", evidence="A visited B.",
                 confidence=0.8, participants=("A", "B"), identity_cues=("first",))


def test_store_claims_round_trip_and_reuse(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    doc = Document(doc_id="d", path="d.txt", text="A visited B.", content_hash="h1")
    store.save(doc, 1, [make_claim()], "fp")
    assert store.sentences(doc, "fp") == 1 and store.claims() == {"d": [make_claim()]}
    assert store.sentences(doc, "other-fingerprint") is None
    changed = Document(doc_id="d", path="d.txt", text="changed", content_hash="h2")
    assert store.sentences(changed, "fp") is None
    moved = Document(doc_id="d", path="d.md", text="A visited B.", content_hash="h1")
    assert store.sentences(moved, "fp") is None
    # the stored article stands in for the file without its text, its word count kept
    known = store.known("d", "d.txt", "h1", "fp")
    assert (known.doc_id, known.text, known.words, known.status) == ("d", "", 3, "ok")
    assert store.known("d", "d.md", "h1", "fp") is None and store.known("d", "d.txt", "h1", "other") is None
    assert store.claims({"elsewhere"}) == {}
    store.close()


def test_store_prune_forgets_removed_articles(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save(Document(doc_id="d", path="d.txt", text="x", content_hash="h"), 1, [make_claim()], "fp")
    assert store.prune(set()) == 1
    assert store.db.execute("SELECT COUNT(*) FROM claims").fetchone() == (0,)


def test_store_decisions_persist(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.record_decisions({"x": Decision("dismissed", "two visits")})
    store.close()
    assert Store(tmp_path / "s.sqlite").decisions() == {"x": Decision("dismissed", "two visits")}


def test_store_upgrade_drops_the_old_copy_of_the_output_tables(tmp_path):
    import sqlite3

    path = tmp_path / "claimline.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE tables (name TEXT, ordinal INTEGER, data TEXT, PRIMARY KEY (name, ordinal))")
    db.executemany("INSERT INTO tables VALUES ('conflicts', ?, ?)", [(n, "x" * 2000) for n in range(2000)])
    db.commit()
    db.close()
    big = path.stat().st_size
    store = Store(path)  # a read-only command (export, review) leaves it as it is
    assert store.older_version()
    assert store.db.execute("SELECT count(*) FROM tables").fetchone() == (2000,)
    store.close()
    store = Store(path)
    store.upgrade()  # a run drops it
    assert not store.older_version()
    store.close()
    db = sqlite3.connect(path)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert "tables" not in names and {"documents", "claims", "reviews", "meta"} <= names
    assert path.stat().st_size < big / 10

"""The per-article stage: one pure function from bytes to records, equal to the batch path's records."""
from __future__ import annotations

from pathlib import Path

from pipeline import ingest, nlp as nlp_stage
from pipeline.article import Context, article_records, portable_packs, records_of, rules_from_portable
from pipeline.ruleset import load_rules, resolve

DEV = Path(__file__).parent / "data" / "dev_corpus"


def test_article_records_match_the_batch_path():
    context = Context.load(None, resolve(None))
    sources = list(ingest.read_sources(DEV, size_limit=ingest.SIZE_LIMIT_BYTES))
    documents = [ingest.read_document(DEV / s.path, DEV, rules=context.rules) for s in sources]
    parsed = nlp_stage.parse([(d.text, d.published) for d in documents], context.nlp, workers=1)
    for source, document, doc in zip(sources, documents, parsed):
        alone = article_records(source, context)
        batched = records_of(doc, document, context.gazetteer, context.event_rules)
        assert alone == batched
        assert alone.claims and alone.sentences > 0


def test_article_unusable_bytes_give_a_skipped_document():
    context = Context.load(None, resolve(None))
    source = ingest.Source("bin", "bin.txt", "txt", b"\x00\x01\x02\xff" * 50, "", "0" * 16)
    records = article_records(source, context)
    assert records.document.status == "skipped" and records.sentences == 0 and records.claims == ()


def test_article_portable_packs_round_trip(tmp_path):
    extra = tmp_path / "mine"
    extra.mkdir()
    rules = load_rules([extra])
    packs = portable_packs(rules)
    assert [shipped for _, _, shipped in packs] == [True] * (len(packs) - 1) + [False]
    again = rules_from_portable(packs)
    assert [(p.name, p.path.resolve()) for p in again.packs] == [(p.name, p.path.resolve()) for p in rules.packs]

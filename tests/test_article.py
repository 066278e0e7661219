"""The per-article stage: one pure function from bytes to records, equal to the batch path's records."""
from __future__ import annotations

import itertools
from pathlib import Path

from pipeline import ingest, nlp as nlp_stage
from pipeline.article import Context, article_records, portable_packs, records_of, rules_from_portable
from pipeline.ruleset import load_rules, resolve

DEV = Path(__file__).parent / "data" / "dev_corpus"


def test_article_records_match_the_batch_path():
    context = Context.load(None, resolve(None))
    sources = list(ingest.read_sources(DEV, size_limit=ingest.SIZE_LIMIT_BYTES))
    documents = [ingest.read_document(DEV / s.path, DEV, rules=context.rules) for s in sources]
    pieces = nlp_stage.parse_pieces([(d.text, d.published) for d in documents], context.nlp, workers=1)
    by_article = itertools.groupby(pieces, key=lambda item: item[0])
    for source, document, (_, group) in zip(sources, documents, by_article):
        alone = article_records(source, context)
        batched = records_of((piece for _, piece in group), document, context.gazetteer, context.event_rules)
        assert alone == batched
        assert alone.claims and alone.sentences > 0


def test_article_long_text_is_mined_in_pieces_like_the_batch_path():
    """A text long enough to be cut gives the same records alone (as on a cluster) as in the batch path."""
    context = Context.load(None, resolve(None))
    sentence = "In May 2011 President Asif Ali Zardari visited Russia and met Dmitry Medvedev. "
    text = ("Zardari in Moscow\n\n" + sentence * (nlp_stage.CHUNK_CHARS // len(sentence) + 50)).encode("utf-8")
    source = ingest.Source("long", "long.txt", "txt", text, "", "0" * 16)
    records = article_records(source, context)
    assert len(records.document.text) > nlp_stage.CHUNK_CHARS
    assert records.document.status == "ok" and records.sentences > 1000
    assert len({c.char_start for c in records.claims if c.event_type == "VISIT"}) > 1000
    # the batch path (a run without a cluster): the same pieces, the same records
    document = records.document
    pieces = nlp_stage.parse_pieces([(document.text, document.published)], context.nlp, workers=1)
    assert len(nlp_stage.cut_points(document.text, nlp_stage.PIECE_CHARS)) > 10
    batched = records_of((piece for _, piece in pieces), document, context.gazetteer, context.event_rules)
    assert batched == records


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

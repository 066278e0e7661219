"""The spaCy stage: the rulers' patterns, case sensitivity, paragraph sentences, a disk round trip."""
from __future__ import annotations

import pytest

from pipeline import nlp as nlp_stage
from pipeline.nlp import as_phrases


@pytest.mark.parametrize("text,expected", [
    ("The US said it would reconsider.", [("US", "United States")]),
    ("Let us reconsider.", []),
    ("Pakistan left SEATO and CENTO.", [("Pakistan", "Pakistan"), ("SEATO", "SEATO"), ("CENTO", "CENTO")]),
    ("Russia agreed to sell four Mi-35 helicopters.", [("Russia", "Russia"), ("Mi-35", "Mi-35")]),
    ("Validimir Putin met the Islamic Republic of Afghanistan's envoy.",
     [("Validimir Putin", "Vladimir Putin"), ("Islamic Republic of Afghanistan", "Afghanistan")]),
])
def test_nlp_entity_ruler_tags_gazetteer_names_with_their_case(nlp, text, expected):
    doc = nlp(text)
    got = [(e.text, e.ent_id_.split("|")[0]) for e in doc.ents if e.ent_id_]
    assert got == expected


def test_nlp_as_phrases_keeps_lowercase_names_as_token_patterns():
    lower_ok = {"label": "ORG", "id": "x", "pattern": [{"LOWER": "duma"}]}
    assert as_phrases(lower_ok) == [lower_ok]
    cased = {"label": "GPE", "id": "United States", "pattern": [{"LOWER": "us", "IS_LOWER": False}]}
    assert sorted(p["pattern"] for p in as_phrases(cased)) == ["US", "Us"]


@pytest.mark.parametrize("tokens,candidate", [
    ([{"ORTH": "SEATO"}], True),
    ([{"LOWER": "us", "IS_LOWER": False}], True),
    ([{"LOWER": "of"}, {"LOWER": "pakistan", "IS_LOWER": False}], True),
    ([{"LOWER": "duma"}], False),  # allowed wholly in lower case
    ([{"ORTH": "Mi"}, {"IS_DIGIT": True}], False),  # tests more than the text
    ({"ORTH": "SEATO"}, False),  # not a list of tokens
])
def test_nlp_phrase_candidate(tokens, candidate):
    assert nlp_stage._phrase_candidate(tokens) is candidate


@pytest.mark.parametrize("token,forms", [
    ({"ORTH": "US"}, ["US"]),
    ({"TEXT": {"IN": ["Mi-35", "Mi–35"]}}, ["Mi-35", "Mi–35"]),
    ({"LOWER": "us", "IS_LOWER": False}, ["US", "Us"]),
    ({"LOWER": "mcdonald", "IS_LOWER": False}, ["MCDONALD", "Mcdonald"]),
    ({"LOWER": {"IN": ["of", "for"]}}, ["FOR", "OF", "for", "of"]),
    ({"LOWER": {"IN": ["of"], "NOT_IN": ["off"]}}, None),  # more than a list of words
    ({"LOWER": {"REGEX": "^of$"}}, None),
])
def test_nlp_token_forms(token, forms):
    assert nlp_stage._token_forms(token) == forms


def test_nlp_line_breaks_end_sentences(nlp):
    doc = nlp("New initiatives towards Pak-Russia relationship\n\nBy Abdul Basit\n\nI accompanied the President.")
    assert [s.text.strip() for s in doc.sents] == ["New initiatives towards Pak-Russia relationship", "By Abdul Basit",
                                                   "I accompanied the President."]


@pytest.mark.parametrize("text,sentences", [
    ("India, Japan sign $2 billion rail deal\n", ["India, Japan sign $2 billion rail deal"]),
    ("Pakistan, Russia sign gas pipeline agreement\n", ["Pakistan, Russia sign gas pipeline agreement"]),
    ("1972 – Simla Agreement signed\n", ["1972 – Simla Agreement signed"]),
    ("March 1985: Resumption of ambassador-level ties\n", ["March 1985: Resumption of ambassador-level ties"]),
    ('May 2015: Modi leaves for China. "He visits Xian." And then Beijing\n',
     ["May 2015: Modi leaves for China.", '"He visits Xian."', "And then Beijing"]),
])
def test_nlp_line_that_does_not_end_as_a_sentence_splits_only_at_sentence_ends(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


def test_nlp_pipeline_round_trips_through_disk(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert again.pipe_names == nlp.pipe_names
    assert len(again.get_pipe("entity_ruler").patterns) == len(nlp.get_pipe("entity_ruler").patterns)
    text = "President Asif Ali Zardari visited Russia in September 2011."
    assert [(e.text, e.label_) for e in again(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]


def test_nlp_load_is_one_pipeline_however_the_arguments_are_spelled():
    from pipeline import nlp as nlp_stage

    from pipeline.ruleset import load_rules, resolve

    assert nlp_stage.load() is nlp_stage.load(None, None) is nlp_stage.load(nlp_stage.default_model(), resolve(None))
    assert nlp_stage.load(None, load_rules()) is nlp_stage.load()  # the same packs, checked again, are one rule set


# ---------------------------------------------------------------------------------------------- long texts

ONE_LINE = " ".join(f"Pakistan and Russia held talks number {n} in Moscow." for n in range(40))


@pytest.mark.parametrize("text,limit", [
    (ONE_LINE, 300),                                                       # one line: cut at sentence ends
    ("First paragraph here.\n\nSecond one, a little longer.\nA line.\n\n" + "x" * 120 + " end", 50),
    ("x" * 1000, 64),                                                      # no place to cut: the size cap
])
def test_nlp_cut_points_cover_the_text_within_the_limit(text, limit):
    cuts = nlp_stage.cut_points(text, limit)
    assert "".join(text[start:end] for _, start, end in cuts) == text
    assert all(0 < end - start <= limit for _, start, end in cuts)
    assert all(start - nlp_stage.CONTEXT_CHARS <= ctx <= start for ctx, start, _ in cuts)


def test_nlp_cut_points_one_line_cut_at_sentence_ends_with_a_sentence_of_context():
    cuts = nlp_stage.cut_points(ONE_LINE, 300)
    assert len(cuts) > 5
    for ctx, start, end in cuts[1:]:
        assert ONE_LINE[start:].startswith("Pakistan and Russia held talks number")
        assert ONE_LINE[ctx:].startswith("Pakistan and Russia held talks number") and ctx < start


def test_nlp_parse_pieces_gives_each_piece_its_place(nlp, monkeypatch):
    monkeypatch.setattr(nlp_stage, "CHUNK_CHARS", 300)
    texts = [("Short one about Pakistan in 1999.", None), (ONE_LINE, None)]
    pieces = list(nlp_stage.parse_pieces(texts, nlp))
    assert [n for n, _ in pieces][:2] == [0, 1] and len(pieces) > 5
    long = [p for n, p in pieces if n == 1]
    assert "".join(p.doc.text[p.context:] for p in long) == ONE_LINE
    for p in long:
        assert ONE_LINE[p.offset:p.offset + len(p.doc.text)] == p.doc.text
        for tv in p.doc.user_data["dates"]:
            assert p.doc.text[tv.char_start:tv.char_end] == tv.text
    with pytest.raises(ValueError, match="parse_pieces"):
        list(nlp_stage.parse(texts, nlp))

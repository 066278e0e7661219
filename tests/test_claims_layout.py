"""Claims on lines that are not prose (pipeline.claims.layout): the examples of rules/en/layout.yaml, headlines,
chronology lines and listicle blocks."""
from __future__ import annotations

import pytest

from pipeline.ingest.layout import load_layout

EXAMPLES = load_layout().examples


def _row(c) -> dict:
    return {"event_type": c.event_type, "actor": c.actor, "target": c.target,
            "date": c.date_start.isoformat() if c.date_start else "", "modality": c.modality, "amount": c.amount}


def _matches(want: dict, got: dict) -> bool:
    return all(str(got[k] or "").startswith(str(v)) if k == "date" and v else got[k] == v for k, v in want.items())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"].splitlines()[0][:40] for e in EXAMPLES])
def test_claims_layout_rule_examples(extract, example):
    rows = [_row(c) for c in extract(example["text"])]
    for want in example["expect"]:
        assert any(_matches(want, got) for got in rows), (want, rows)


def test_claims_layout_examples_exist():
    assert len(EXAMPLES) >= 5
    assert all(e["expect"] for e in EXAMPLES)


@pytest.mark.parametrize("text,evidence", [
    ("India, Japan sign $2 billion rail deal\n\nIndia and Japan signed the deal on Monday.\n",
     "India, Japan sign $2 billion rail deal"),
    ("Pakistan, Russia sign gas pipeline agreement\n", "Pakistan, Russia sign gas pipeline agreement"),
])
def test_claims_layout_headline_is_its_own_evidence(extract, text, evidence):
    headline = [c for c in extract(text) if c.sentence_id == 0]
    assert headline and all(c.evidence == evidence for c in headline)
    assert {(c.actor, c.target) for c in headline} == {(evidence.split(",")[0], evidence.split(", ")[1].split()[0])}


@pytest.mark.parametrize("text,expected", [
    ("In 2015, Russia signed an agreement with Pakistan.\n", {("Russia", "Pakistan", "asserted")}),
    ("By 2015, Russia had agreed to sign an agreement with Pakistan.\n", {("Russia", "Pakistan", "asserted")}),
])
def test_claims_layout_prose_is_no_headline(extract, text, expected):
    """A comma after a date is no list of parties, and "to sign" in prose is not a headline's future."""
    assert {(c.actor, c.target, c.modality) for c in extract(text)} == expected


@pytest.mark.parametrize("text,modality", [
    ("India, Russia sign defence pact\n", "asserted"),
    ("India, Russia to sign defence pact\n", "planned"),
    ("India, Russia set to sign defence pact\n", "planned"),
    ("India, Russia will sign defence pact\n", "planned"),
    ("Putin to visit India in December\n", "planned"),
    ("Putin visits India\n", "asserted"),
    ("April 1976: After a 15-year hiatus, India and China opt to restore diplomatic representation\n", "asserted"),
    ("Pakistan plans to sign gas pipeline agreement with Russia\n", "planned"),
])
def test_claims_layout_headline_tense(extract, text, modality):
    claims = extract(text)
    assert claims and {c.modality for c in claims} == {modality}


def test_claims_layout_date_line_under_a_title_dates_nothing(extract):
    """One date line under the title is the page's date, not a block's: the body's undated claims stay undated."""
    text = "Putin's visit to India\n12 March 2018\nThe Russian president signed an agreement with India.\n"
    assert all(c.date_start is None for c in extract(text))


def test_claims_layout_block_own_date_wins(extract):
    """A description with a date of its own keeps it; the block's date line dates only what has none."""
    text = ("Putin's visit to India\nDecember 2002\nPutin signed an agreement with India in 2003.\n\n"
            "Medvedev's visit to India\nDecember 2010\nMedvedev signed an agreement with India.\n")
    dates = {(c.evidence.split()[0], c.event_type): c.date_text for c in extract(text)}
    assert dates[("Putin", "AGREEMENT")] == "2003"
    assert dates[("Medvedev", "AGREEMENT")] == "December 2010"
    assert dates[("Putin's", "VISIT")] == "December 2002"

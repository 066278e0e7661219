"""Shared fixtures: one spaCy pipeline and one run over the seed corpus per test session."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def read_csv(path: Path) -> list[dict]:
    """Rows of a CSV file as dicts."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def nlp():
    """The pipeline with claimline's rulers and date tagger."""
    from pipeline import nlp as nlp_stage

    return nlp_stage.load()


@pytest.fixture(scope="session")
def gazetteer():
    from pipeline.actors import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def event_rules():
    from pipeline.claims import load_event_rules

    return load_event_rules()


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One run of the pipeline over a copy of the seed corpus: (corpus, out, result)."""
    from pipeline.run import run_corpus

    base = tmp_path_factory.mktemp("seed")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = base / "out"
    result = run_corpus(corpus, out)
    return corpus, out, result


@pytest.fixture
def extract(nlp, gazetteer, event_rules):
    """Claims of one text, as a function: extract(text, published=None, ablate=frozenset())."""
    from pipeline.claims import extract_claims
    from pipeline.records import Document

    def run(text: str, published=None, ablate=frozenset()):
        document = Document(doc_id="t", path="t.txt", text=text, published=published)
        doc = nlp.make_doc(text)
        doc.user_data["anchor"] = published
        doc = nlp(doc)
        return extract_claims(doc, document, gazetteer=gazetteer, rules=event_rules, ablate=frozenset(ablate))

    return run

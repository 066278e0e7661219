"""The blind AQUAINT claim gold (tests/gold/aquaint_claims.jsonl) is well formed and points into the stories.

The stories live outside the repository (../shared/data/timeml-aquaint, rendered as
../shared/checks/public_dates.py renders them); without that folder the offset checks are skipped, saying so.
The field checks need only the gold file.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "aquaint_claims.jsonl"
SPLIT = ROOT / "tests" / "gold" / "aquaint_split.json"
DATA = ROOT.parent / "shared" / "data" / "timeml-aquaint"
LOADER = ROOT.parent / "shared" / "checks" / "public_dates.py"
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"

# The contract's event_type vocabulary (CONTRACT.md, "event_type — a fixed vocabulary"); read from the contract
# when it is present so that an added type is accepted, else this copy.
EVENT_TYPES = {"VISIT", "MEETING", "AGREEMENT", "ALLIANCE_JOIN", "ALLIANCE_EXIT", "ARMS_DEAL", "INVESTMENT", "TRADE",
               "MILITARY_EXERCISE", "SUPPORT", "CANCELLATION", "DIPLOMATIC_RELATIONS", "MEDIATION", "STATEMENT",
               "CONFLICT", "DISSOLUTION"}
NOT_ANNOTATED = {"STATEMENT", "CANCELLATION"}  # ANNOTATION.md: too open / expressed as modality
MODALITIES = {"asserted", "planned", "cancelled", "negated", "hedged", "target"}
GRANULARITIES = {"day", "week", "month", "quarter", "season", "half", "year", "decade", "century", "range"}
FIELDS = ["doc_id", "char_start", "char_end", "trigger_start", "trigger_end", "event_type", "actor", "target",
          "location", "item", "quantity", "amount", "currency", "role", "date_start", "date_end", "granularity",
          "modality", "attributed_to", "note"]


def contract_types() -> set[str]:
    if not CONTRACT.exists():
        return EVENT_TYPES
    text = CONTRACT.read_text(encoding="utf-8")
    section = text.split("## event_type", 1)[-1].split("\n## ", 1)[0]
    found = set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", section))
    return found | EVENT_TYPES if found else EVENT_TYPES


def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def stories() -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("public_dates", LOADER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {d["id"]: d for d in module.load(DATA)}


def test_fields_are_valid():
    types = contract_types()
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    ids = set(split["dev"]) | set(split["test"])
    assert not set(split["dev"]) & set(split["test"])
    records = gold()
    assert len(records) > 200
    for r in records:
        where = f"{r.get('doc_id')}@{r.get('trigger_start')}"
        assert list(r) == FIELDS, where
        assert r["doc_id"] in ids, where
        assert r["event_type"] in types and r["event_type"] not in NOT_ANNOTATED, where
        assert r["modality"] in MODALITIES, where
        assert isinstance(r["actor"], str) and r["actor"].strip() == r["actor"] and r["actor"], where
        assert isinstance(r["target"], str) and (r["target"] or r["event_type"] == "DISSOLUTION"), where
        assert r["actor"] != r["target"], where
        assert 0 <= r["char_start"] <= r["trigger_start"] < r["trigger_end"] <= r["char_end"], where
        if r["date_start"] is None:
            assert r["date_end"] is None and r["granularity"] is None, where
        else:
            start, end = dt.date.fromisoformat(r["date_start"]), dt.date.fromisoformat(r["date_end"])
            assert start <= end and r["granularity"] in GRANULARITIES, where
        for key in ("quantity", "amount"):
            assert r[key] is None or isinstance(r[key], (int, float)) and r[key] > 0, where
        assert (r["amount"] is None) == (r["currency"] is None), where
        assert r["currency"] is None or re.fullmatch(r"[A-Z]{3}", r["currency"]), where
        assert len(r["note"]) <= 120, where  # a few words of our own, never article text


def test_offsets_point_into_the_stories():
    if not DATA.is_dir() or not LOADER.exists():
        pytest.skip(f"public data absent ({DATA} or {LOADER} missing): offsets not checked")
    docs = stories()
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    assert set(split["dev"]) | set(split["test"]) <= set(docs)
    for r in gold():
        text = docs[r["doc_id"]]["text"]
        where = f"{r['doc_id']}@{r['trigger_start']}"
        assert r["char_end"] <= len(text), where
        sentence = text[r["char_start"]:r["char_end"]]
        assert sentence == sentence.strip() and sentence, where
        trigger = text[r["trigger_start"]:r["trigger_end"]]
        assert trigger.strip() == trigger and re.search(r"\w", trigger), where
        # a trigger is whole words
        assert not text[r["trigger_start"] - 1:r["trigger_start"]].isalnum(), where
        assert not text[r["trigger_end"]:r["trigger_end"] + 1].isalnum(), where


def test_no_article_text_in_the_gold():
    """Notes are our own words: no sentence of a story appears in them (checked when the stories are present)."""
    if not DATA.is_dir() or not LOADER.exists():
        pytest.skip(f"public data absent ({DATA} missing): note text not compared with the stories")
    docs = stories()
    for r in gold():
        text = docs[r["doc_id"]]["text"]
        words = r["note"].split()
        for i in range(len(words) - 5):
            assert " ".join(words[i:i + 6]) not in text, f"{r['doc_id']}: note quotes the story"

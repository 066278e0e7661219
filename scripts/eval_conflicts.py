"""The seed corpus's conflict report against the hand-made gold: real conflicts and pairs that are not conflicts.

A report row matches a gold conflict when it has the same attribute and each gold article is on one side of the
row with a claim whose sentence holds its gold evidence string (a row lists every article on each side). A row that matches a gold non-conflict is a
false alarm by definition. Prints recall (gold conflicts found), the share of rows that are true, and each row.

Usage: python scripts/eval_conflicts.py [--corpus corpus]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.records import Conflict  # noqa: E402
from pipeline.run import run_corpus  # noqa: E402

GOLD = ROOT / "tests" / "gold"


@dataclass(frozen=True)
class ConflictScore:
    found: int
    gold: int
    true_rows: int
    rows: int
    false_alarms: tuple[dict, ...]

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.true_rows / self.rows if self.rows else 1.0


def load(name: str) -> list[dict]:
    return [json.loads(l) for l in (GOLD / name).read_text(encoding="utf-8").splitlines() if l.strip()]


def matches(row: Conflict, g: dict, claims: dict | None = None) -> bool:
    """A row matches a gold pair when it has the attribute and one side holds a claim of each gold article whose
    sentence holds that article's gold evidence (a row lists every article on each side)."""
    if row.attribute != g["attribute"]:
        return False
    claims = claims or {}

    def holds(ids: tuple[str, ...], doc: str, text: str, rep: tuple[str, str, str]) -> bool:
        sides = [(claims[c].doc_id, claims[c].evidence) for c in ids if c in claims] or [rep[1:]]
        return any(d == doc and text in e for d, e in sides)

    rep_a, rep_b = (row.claim_a, row.doc_a, row.evidence_a), (row.claim_b, row.doc_b, row.evidence_b)
    ids_a, ids_b = row.claims_a or (row.claim_a,), row.claims_b or (row.claim_b,)
    da, ea, db, eb = g["doc_a"], g["evidence_a"], g["doc_b"], g["evidence_b"]
    return ((holds(ids_a, da, ea, rep_a) and holds(ids_b, db, eb, rep_b))
            or (holds(ids_a, db, eb, rep_a) and holds(ids_b, da, ea, rep_b)))


def score(conflicts: list[Conflict], claims: dict | None = None) -> ConflictScore:
    gold, non = load("conflicts.jsonl"), load("non_conflicts.jsonl")
    found = sum(1 for g in gold if any(matches(r, g, claims) for r in conflicts))
    true_rows = sum(1 for r in conflicts if any(matches(r, g, claims) for g in gold))
    false_alarms = tuple(g for g in non if any(matches(r, g, claims) for r in conflicts))
    return ConflictScore(found, len(gold), true_rows, len(conflicts), false_alarms)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run_corpus(args.corpus, Path(tmp))
    s = score(list(result.conflicts), {c.claim_id: c for c in result.claims})
    for r in result.conflicts:
        print(f"{r.severity:<6} {r.subject} | {r.attribute}: {r.value_a} vs {r.value_b} | "
              f"{'+'.join(d[:3] for d in r.docs_a)} vs {'+'.join(d[:3] for d in r.docs_b)}")
    for g in s.false_alarms:
        print(f"FALSE ALARM (gold non-conflict): {g['subject']} | {g['value_a']} vs {g['value_b']}")
    print(f"conflicts: recall {s.found}/{s.gold} = {s.recall:.0%}   rows true {s.true_rows}/{s.rows} = {s.precision:.0%}   "
          f"gold non-conflicts reported: {len(s.false_alarms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

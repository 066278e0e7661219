"""The seed corpus's conflict report against the hand-made gold: real conflicts and pairs that are not conflicts.

A report row matches a gold conflict when it has the same attribute, the same two articles, and each gold
evidence string lies in one of the row's two evidence sentences. A row that matches a gold non-conflict is a
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


def matches(row: Conflict, g: dict) -> bool:
    if row.attribute != g["attribute"] or {row.doc_a, row.doc_b} != {g["doc_a"], g["doc_b"]}:
        return False
    a, b = g["evidence_a"], g["evidence_b"]
    ea, eb = row.evidence_a, row.evidence_b
    return (a in ea and b in eb) or (a in eb and b in ea)


def score(conflicts: list[Conflict]) -> ConflictScore:
    gold, non = load("conflicts.jsonl"), load("non_conflicts.jsonl")
    found = sum(1 for g in gold if any(matches(r, g) for r in conflicts))
    true_rows = sum(1 for r in conflicts if any(matches(r, g) for g in gold))
    false_alarms = tuple(g for g in non if any(matches(r, g) for r in conflicts))
    return ConflictScore(found, len(gold), true_rows, len(conflicts), false_alarms)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run_corpus(args.corpus, Path(tmp))
    s = score(list(result.conflicts))
    for r in result.conflicts:
        print(f"{r.severity:<6} {r.subject} | {r.attribute}: {r.value_a} vs {r.value_b} | {r.doc_a[:3]} vs {r.doc_b[:3]}")
    for g in s.false_alarms:
        print(f"FALSE ALARM (gold non-conflict): {g['subject']} | {g['value_a']} vs {g['value_b']}")
    print(f"conflicts: recall {s.found}/{s.gold} = {s.recall:.0%}   rows true {s.true_rows}/{s.rows} = {s.precision:.0%}   "
          f"gold non-conflicts reported: {len(s.false_alarms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

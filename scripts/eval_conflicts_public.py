"""Precision and recall of the conflict report on real wire clusters: AQUAINT stories told over days.

The 73 AQUAINT stories (../shared/data/timeml-aquaint; AP, NYT, Xinhua, 1998-2000) include several stories on the
same events (the August 1998 embassy bombings and their aftermath, NATO's enlargement, Elian Gonzalez). claimline
runs over all of them; its conflicts.csv is scored against tests/gold/aquaint_conflicts.jsonl, which holds, for
each real disagreement between stories that the annotator found (``kind`` conflict) and for each look-alike that is
not one (``non_conflict``), only ids and values: the attribute, the two values and one story id per side.

A report row matches a gold entry when it has the entry's attribute and its two values (in either order), with the
entry's story on the side of its value. Precision: rows that match a gold conflict, over all rows (a row that
matches no gold entry counts as false: the annotator judged every row the report gave). Recall: gold conflicts
matched. Without the data folder the script says so and measures nothing.

``--rows`` prints the rows whose stories are none of the claim gold's held-out test half
(tests/gold/aquaint_split.json), and says how many it holds back; ``--all-rows`` prints them all (it shows
claims of the test half: not for tuning).

Usage: python scripts/eval_conflicts_public.py [--rows | --all-rows] [--evidence]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_claims_public import DATA, LOADER, load_stories, published_line  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "aquaint_conflicts.jsonl"


def report_rows() -> list[dict]:
    """The conflict rows of one run over every story, with the story ids on each side."""
    from pipeline.run import run_corpus

    stories = load_stories()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        for sid, story in stories.items():
            (corpus / f"{sid.removesuffix('.tml')}.txt").write_text(
                story["text"] + "\n\n" + published_line(story["anchor"]) + "\n", encoding="utf-8")
        result = run_corpus(corpus, out)
    return [{"attribute": c.attribute, "value_a": c.value_a, "value_b": c.value_b, "subject": c.subject,
             "docs_a": [d + ".tml" for d in c.docs_a], "docs_b": [d + ".tml" for d in c.docs_b],
             "severity": str(c.severity), "conflict_id": c.conflict_id,
             "evidence": [c.evidence_a, c.evidence_b]} for c in result.conflicts]


def matches(row: dict, g: dict) -> bool:
    """Whether a report row is the gold entry's disagreement (values in either order, each story on its side)."""
    if row["attribute"] != g["attribute"]:
        return False
    if (row["value_a"], row["value_b"]) == (g["value_a"], g["value_b"]):
        return g["doc_a"] in row["docs_a"] and g["doc_b"] in row["docs_b"]
    if (row["value_a"], row["value_b"]) == (g["value_b"], g["value_a"]):
        return g["doc_a"] in row["docs_b"] and g["doc_b"] in row["docs_a"]
    return False


def score(rows: list[dict], gold: list[dict]) -> dict:
    """Precision, recall and false alarms of the report's rows against the gold entries."""
    real = [g for g in gold if g["kind"] == "conflict"]
    looks = [g for g in gold if g["kind"] == "non_conflict"]
    true_rows = sum(1 for r in rows if any(matches(r, g) for g in real))
    found = sum(1 for g in real if any(matches(r, g) for r in rows))
    alarms = sum(1 for g in looks if any(matches(r, g) for r in rows))
    return {"rows": len(rows), "true_rows": true_rows, "gold_conflicts": len(real), "found": found,
            "look_alikes": len(looks), "look_alikes_reported": alarms,
            "precision": round(true_rows / len(rows), 3) if rows else None,
            "recall": round(found / len(real), 3) if real else None}


def held_out() -> set[str]:
    """The story ids of the claim gold's test half (tests/gold/aquaint_split.json), never read."""
    split = ROOT / "tests" / "gold" / "aquaint_split.json"
    return set(json.loads(split.read_text(encoding="utf-8")).get("test", [])) if split.exists() else set()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", action="store_true",
                    help="print the report rows (ids and values) that touch no story of the held-out test half")
    ap.add_argument("--all-rows", action="store_true", help="print every report row, test-half stories included")
    ap.add_argument("--evidence", action="store_true",
                    help="with --rows, print each side's sentence too (for the annotator's eyes: never commit them)")
    a = ap.parse_args()
    if not DATA.is_dir() or not LOADER.exists():
        print(f"skipped: public data absent ({DATA} or {LOADER} not found); nothing measured")
        return 0
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = report_rows()
    if a.rows or a.all_rows:
        held = set() if a.all_rows else held_out()
        shown = [r for r in rows if not held & {*r["docs_a"], *r["docs_b"]}]
        for r in shown:
            print(json.dumps(r if a.evidence else {k: v for k, v in r.items() if k != "evidence"}))
        if len(shown) < len(rows):
            print(f"({len(rows) - len(shown)} rows touch stories of the held-out test half: not shown)")
    s = score(rows, gold)
    print(f"conflict report on AQUAINT: {s['rows']} rows, {s['true_rows']} true (precision {s['precision']}); "
          f"{s['found']}/{s['gold_conflicts']} annotated disagreements found (recall {s['recall']}); "
          f"{s['look_alikes_reported']}/{s['look_alikes']} look-alikes reported")
    return 0


if __name__ == "__main__":
    sys.exit(main())

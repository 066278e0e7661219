"""Precision and recall of event claims against the blind AQUAINT gold (tests/gold/aquaint_claims.jsonl).

The 44 wire stories stay outside the repository, in ../shared/data/timeml-aquaint; without that folder this script
says so and exits 0. Each story is rendered as ../shared/checks/public_dates.py renders it (the gold's offsets
are into that text), written as `<id>.txt` into a temporary corpus with one line appended at its end,
`Published: <DCT>` (main has no --metadata; a "Published:" line anywhere in an article is the documented way,
rules/publication.tsv, to give the publication date that relative dates resolve against; appended last, it moves
no offset of the story), and the corpus goes through `run_corpus` as `claimline run` does. Claims are mapped back
to the story by aligning the ingested text with the rendered one.

A predicted claim matches a gold claim when its sentence overlaps the gold sentence, the event type is the same,
actor and target agree (case-insensitive canonical names; either order for the symmetric types MEETING,
MILITARY_EXERCISE, DIPLOMATIC_RELATIONS, TRADE, AGREEMENT and CONFLICT) and, when the gold has a date, the date
interval is equal. Matching is one to one. Predictions of types the gold does not annotate (STATEMENT,
CANCELLATION; tests/gold/ANNOTATION.md) are left out of precision. Also printed: the same without the date
("args") and type + sentence overlap only ("loose"). Dev and test halves (tests/gold/aquaint_split.json) are
scored apart; --errors lists misses and false positives for the DEV half only: the test half is never read.

Usage: python scripts/eval_claims_public.py [--errors] [--rules DIR] [--json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import importlib.util
import json
import sys
import tempfile
from bisect import bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.actors import normalise, world_places  # noqa: E402
from pipeline.ruleset import load_rules  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "aquaint_claims.jsonl"
SPLIT = ROOT / "tests" / "gold" / "aquaint_split.json"
DATA = ROOT.parent / "shared" / "data" / "timeml-aquaint"
LOADER = ROOT.parent / "shared" / "checks" / "public_dates.py"
SYMMETRIC = {"MEETING", "MILITARY_EXERCISE", "DIPLOMATIC_RELATIONS", "TRADE", "AGREEMENT", "CONFLICT"}
NOT_ANNOTATED = {"STATEMENT", "CANCELLATION"}


def load_stories() -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("public_dates", LOADER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {d["id"]: d for d in module.load(DATA)}


def published_line(anchor: str) -> str:
    day = dt.date.fromisoformat(anchor)
    return f"Published: {day.day} {day:%B} {day.year}"


class OffsetMap:
    """Maps offsets in the ingested text back to the rendered story (None where the texts differ)."""

    def __init__(self, story: str, ingested: str):
        blocks = difflib.SequenceMatcher(None, ingested, story, autojunk=False).get_matching_blocks()
        self.blocks = [(a, b, n) for a, b, n in blocks if n]
        self.starts = [a for a, _, _ in self.blocks]

    def __call__(self, i: int) -> int | None:
        k = bisect_right(self.starts, i) - 1
        if k < 0:
            return None
        a, b, n = self.blocks[k]
        return b + (i - a) if i < a + n else b + n  # a gap (changed text) maps to the end of the block before


def norm(name: str) -> str:
    """A name's key: one country under any of its names (the gold's "Czech Republic" is the libraries'
    "Czechia"), else the name itself, case-folded."""
    place = world_places().countries.get(normalise(name or ""))
    return (place.name if place is not None else " ".join((name or "").split())).casefold()


def args_agree(g: dict, p: dict) -> bool:
    ga, gt, pa, pt = norm(g["actor"]), norm(g["target"]), norm(p["actor"]), norm(p["target"])
    if (ga, gt) == (pa, pt):
        return True
    return g["event_type"] in SYMMETRIC and (ga, gt) == (pt, pa)


def date_agrees(g: dict, p: dict) -> bool:
    return g["date_start"] is None or (p["date_start"] == g["date_start"] and p["date_end"] == g["date_end"])


def match(gold: list[dict], pred: list[dict], level: str) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, prediction index); level: strict, args or loose."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p["doc_id"] != g["doc_id"] or p["event_type"] != g["event_type"]:
                continue
            if p["start"] is None or not (p["start"] < g["char_end"] and g["char_start"] < p["end"]):
                continue
            a, d = args_agree(g, p), date_agrees(g, p)
            if level == "strict" and not (a and d) or level == "args" and not a:
                continue
            rank = (not a, not d, abs(p["start"] - g["char_start"]), gi, pi)  # best candidates first
            pairs.append((rank, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def predict(stories: dict[str, dict], rules: Path | None) -> list[dict]:
    from pipeline.run import run_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        stem = {}
        for sid, story in stories.items():
            name = sid.removesuffix(".tml")
            stem[name] = sid
            (corpus / f"{name}.txt").write_text(story["text"] + "\n\n" + published_line(story["anchor"]) + "\n",
                                                encoding="utf-8")
        result = run_corpus(corpus, out, rules=rules)
        texts = {d.doc_id: d.text for d in result.documents}
    maps = {doc_id: OffsetMap(stories[stem[doc_id]]["text"], text) for doc_id, text in texts.items()}
    preds = []
    for c in result.claims:
        if c.event_type in NOT_ANNOTATED or c.doc_id not in stem:
            continue
        m = maps[c.doc_id]
        preds.append({"doc_id": stem[c.doc_id], "start": m(c.char_start), "end": m(c.char_end),
                      "event_type": c.event_type, "actor": c.actor, "target": c.target,
                      "date_start": c.date_start.isoformat() if c.date_start else None,
                      "date_end": c.date_end.isoformat() if c.date_end else None,
                      "date_text": c.date_text, "modality": c.modality, "evidence": c.evidence})
    return preds


def figures(gold: list[dict], pred: list[dict]) -> dict:
    out = {"gold": len(gold), "predicted": len(pred)}
    for level in ("strict", "args", "loose"):
        n = len(match(gold, pred, level))
        out[level] = {"matched": n, "precision": round(n / len(pred), 3) if pred else 0.0,
                      "recall": round(n / len(gold), 3) if gold else 0.0}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list misses and false positives of the DEV half")
    ap.add_argument("--rules", type=Path, action="append", default=[],
                    help="a rule pack on top of the shipped ones (repeatable)")
    ap.add_argument("--no-domain", action="store_true", help="leave out the shipped domain packs")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args()
    if not DATA.is_dir() or not LOADER.exists():
        print(f"skipped: public data absent ({DATA} or {LOADER} not found); nothing measured")
        return 0
    rules = load_rules(a.rules, domains=not a.no_domain)
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    all_stories = load_stories()
    stories = {sid: all_stories[sid] for sid in split["dev"] + split["test"]}
    pred = predict(stories, rules)
    result = {}
    for half in ("dev", "test"):
        ids = set(split[half])
        g = [x for x in gold if x["doc_id"] in ids]
        p = [x for x in pred if x["doc_id"] in ids]
        result[half] = figures(g, p)
        if a.errors and half == "dev":
            text = {sid: stories[sid]["text"] for sid in ids}
            strict = match(g, p, "strict")
            hit_g, hit_p = {gi for gi, _ in strict}, {pi for _, pi in strict}
            for gi, x in enumerate(g):
                if gi not in hit_g:
                    date = f"{x['date_start']}..{x['date_end']}" if x["date_start"] else "-"
                    print(f"MISSED {x['doc_id'][:16]} {x['event_type']:<14} {x['actor']} -> {x['target']} {date} "
                          f"{x['modality']} | {text[x['doc_id']][x['char_start']:x['char_end']][:100]!r}")
            for pi, x in enumerate(p):
                if pi not in hit_p:
                    date = f"{x['date_start']}..{x['date_end']}" if x["date_start"] else "-"
                    print(f"FALSE  {x['doc_id'][:16]} {x['event_type']:<14} {x['actor']} -> {x['target']} {date} "
                          f"{x['modality']} | {x['evidence'][:100]!r}")
    if a.json:
        print(json.dumps(result))
        return 0
    for half, r in result.items():
        s, g, lo = r["strict"], r["args"], r["loose"]
        print(f"{half:4s} ({r['gold']} gold, {r['predicted']} predicted): "
              f"strict P {s['precision']:.1%} R {s['recall']:.1%} ({s['matched']})   "
              f"type+actor+target P {g['precision']:.1%} R {g['recall']:.1%} ({g['matched']})   "
              f"type+overlap P {lo['precision']:.1%} R {lo['recall']:.1%} ({lo['matched']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

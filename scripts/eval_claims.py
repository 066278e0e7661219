"""Precision and recall of dated event claims against the hand-annotated gold of the seed corpus.

A predicted claim matches a gold claim when they come from the same article and sentence (the gold evidence
lies inside the predicted claim's sentence), have the same event type, their date intervals overlap, and the
actor or the target agrees. Only dated predictions count towards precision: the gold lists dated events.
Matching is one-to-one, best candidates first.

With ``--ablate NAME`` (repeatable) the corpus is parsed once and its claims extracted again with the named part
of claim extraction switched off (``pipeline.claims.PARTS``; several names joined by commas switch several off
together); each prints its figures next to the full run's. ``--ablate list`` lists the parts, ``--ablate each``
switches each off in turn.

Usage: python scripts/eval_claims.py [--gold tests/gold/claims.jsonl] [--corpus corpus] [--errors]
       python scripts/eval_claims.py --ablate list
       python scripts/eval_claims.py --ablate each [--gold tests/gold/dev_claims.jsonl --corpus tests/data/dev_corpus]
       python scripts/eval_claims.py --ablate needs_actor --ablate opening_date,noun_nearest_date
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import ingest  # noqa: E402
from pipeline.actors import Gazetteer  # noqa: E402
from pipeline.claims import PARTS, extract_claims, load_event_rules  # noqa: E402
from pipeline.records import Claim  # noqa: E402
from pipeline.run import run_corpus  # noqa: E402


@dataclass(frozen=True)
class Score:
    matched: int
    predicted: int
    gold: int
    args_exact: int
    dates_exact: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


SYMMETRIC = {t.name for t in load_event_rules().types if t.symmetric}


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def locate(gold: list[dict], corpus: Path) -> list[tuple[dict, int, int]]:
    """Each gold claim with the offsets of its evidence in the ingested text (-1 when not found)."""
    texts = {}
    for p in ingest.discover(corpus):
        d = ingest.read_document(p, corpus)
        texts[d.doc_id] = d.text
    out = []
    for g in gold:
        text = texts.get(g["doc_id"], "")
        i = text.find(g["evidence"])
        out.append((g, i, i + len(g["evidence"]) if i >= 0 else -1))
    return out


def candidate_score(g: dict, c: Claim) -> int:
    gs, ge = date.fromisoformat(g["date_start"]), date.fromisoformat(g["date_end"])
    if c.date_start is None or not (c.date_start <= ge and gs <= c.date_end):
        return 0
    actor, target = c.actor, c.target
    if c.event_type in SYMMETRIC and (c.actor == g["target"] or c.target == g["actor"]):
        actor, target = target, actor  # a meeting of A and B is a meeting of B and A
    actor_ok = bool(actor) and actor == g["actor"]
    target_ok = bool(target) and target == g["target"]
    if not (actor_ok or target_ok):
        return 0
    return 1 + actor_ok + target_ok + (c.date_start == gs and c.date_end == ge)


def evaluate(claims: list[Claim], located: list[tuple[dict, int, int]]) -> tuple[Score, list, list]:
    predicted = [c for c in claims if c.date_start is not None]
    pairs = []
    for gi, (g, s, e) in enumerate(located):
        for ci, c in enumerate(predicted):
            if c.doc_id != g["doc_id"] or c.event_type != g["event_type"]:
                continue
            if s < 0 or not (c.char_start <= s < c.char_end or s <= c.char_start < e):
                continue
            score = candidate_score(g, c)
            if score:
                pairs.append((-score, gi, ci))
    pairs.sort()
    used_g, used_c, matches = set(), set(), []
    for _, gi, ci in pairs:
        if gi in used_g or ci in used_c:
            continue
        used_g.add(gi)
        used_c.add(ci)
        matches.append((located[gi][0], predicted[ci]))
    args_exact = sum(1 for g, c in matches if {c.actor, c.target} == {g["actor"], g["target"]})
    dates_exact = sum(1 for g, c in matches if c.date_start.isoformat() == g["date_start"]
                      and c.date_end.isoformat() == g["date_end"])
    missed = [located[i][0] for i in range(len(located)) if i not in used_g]
    spurious = [predicted[i] for i in range(len(predicted)) if i not in used_c]
    return Score(len(matches), len(predicted), len(located), args_exact, dates_exact), missed, spurious


def claims_without(corpus: Path, ablations: list[frozenset[str]]) -> list[list[Claim]]:
    """The corpus's claims once per set of switched-off parts, parsing each article once (as a run would)."""
    from pipeline import nlp as nlp_stage  # spaCy is slow to import; only ablation runs need it here

    documents, seen = [], set()
    for path in ingest.discover(corpus):
        d = ingest.read_document(path, corpus)
        if d.status == "ok" and d.doc_id not in seen:
            seen.add(d.doc_id)
            documents.append(d)
    gazetteer, rules = Gazetteer.load(), load_event_rules()
    parsed = list(nlp_stage.parse([(d.text, d.published) for d in documents], nlp_stage.load()))
    return [[c for doc, d in zip(parsed, documents)
             for c in extract_claims(doc, d, gazetteer=gazetteer, rules=rules, ablate=off)] for off in ablations]


def figures(score: Score) -> str:
    """One line of precision and recall."""
    return (f"precision {score.matched}/{score.predicted} = {score.precision:.1%}   "
            f"recall {score.matched}/{score.gold} = {score.recall:.1%}")


def ablation_table(args: argparse.Namespace) -> int:
    """Print the full run's figures and each ablation's next to them."""
    if args.ablate == ["list"]:
        for name, part in sorted(PARTS.items()):
            print(f"{name:<24} {part.kind:<7} {(part.fn.__doc__ or '').split(chr(10))[0]}")
        return 0
    names = sorted(PARTS) if args.ablate == ["each"] else args.ablate
    offs = [frozenset(n.strip() for n in name.split(",")) for name in names]
    unknown = sorted(set().union(*offs) - set(PARTS))
    if unknown:
        print(f"error: no claim part named {unknown[0]!r} (--ablate list lists them)", file=sys.stderr)
        return 2
    located = locate(load_gold(args.gold), args.corpus)
    runs = claims_without(args.corpus, [frozenset(), *offs])
    full, _, _ = evaluate(runs[0], located)
    print(f"{'ablated':<40} {'precision':>16} {'recall':>16} {'d prec':>7} {'d rec':>7}")
    print(f"{'(none)':<40} {full.matched:>4}/{full.predicted:<4} {full.precision:6.1%} "
          f"{full.matched:>4}/{full.gold:<4} {full.recall:6.1%}")
    for name, claims in zip(names, runs[1:]):
        score, _, _ = evaluate(claims, located)
        print(f"{name:<40} {score.matched:>4}/{score.predicted:<4} {score.precision:6.1%} "
              f"{score.matched:>4}/{score.gold:<4} {score.recall:6.1%} "
              f"{(score.precision - full.precision) * 100:+6.1f} {(score.recall - full.recall) * 100:+6.1f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "claims.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--errors", action="store_true", help="list missed gold claims and spurious predictions")
    ap.add_argument("--ablate", action="append", metavar="NAME",
                    help="switch off the claim part NAME (repeatable; 'list' lists them, 'each' tries each)")
    args = ap.parse_args()
    if args.ablate:
        return ablation_table(args)
    with tempfile.TemporaryDirectory() as tmp:
        result = run_corpus(args.corpus, Path(tmp))
    score, missed, spurious = evaluate(list(result.claims), locate(load_gold(args.gold), args.corpus))
    if args.errors:
        for g in missed:
            print(f"MISSED   {g['doc_id'][:3]} {g['event_type']:<18} {g['actor']} -> {g['target']} "
                  f"{g['date_start']}..{g['date_end']} | {g['evidence'][:90]}")
        for c in spurious:
            print(f"SPURIOUS {c.doc_id[:3]} {c.event_type:<18} {c.actor} -> {c.target} {c.date_text} "
                  f"| {c.evidence[:90]!r}")
    print(f"claims: {figures(score)}   "
          f"(of matches: actor+target exact {score.args_exact}, date exact {score.dates_exact})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

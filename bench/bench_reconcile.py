"""Reconcile N synthetic claims (default 100,000) and print the time: blocking keeps it far from N².

The claims are drawn (fixed seed) from realistic shapes: 60 countries, 400 people, 16 event types, dates at
day, month and year precision between 1947 and 2024, amounts for deals; about a third of claims repeat an
existing event with the same or a conflicting value, so merging and conflicts are exercised.

Usage: python bench/bench_reconcile.py [--claims 100000]
"""
from __future__ import annotations

import argparse
import calendar
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.claims import load_event_rules  # noqa: E402
from pipeline.reconcile import reconcile, reconcile_options, settings_from_rules  # noqa: E402
from pipeline.records import Claim  # noqa: E402


def synthetic(n: int, seed: int = 7) -> list[Claim]:
    rng = random.Random(seed)
    rules = load_event_rules()
    types = [t.name for t in rules.types]
    countries = [f"Country {i}" for i in range(60)]
    people = [f"Person {i}" for i in range(400)]
    claims: list[Claim] = []
    for i in range(n):
        if claims and rng.random() < 0.33:
            base = rng.choice(claims)
            etype, actor, target, kind = base.event_type, base.actor, base.target, base.actor_kind
            y = base.date_start.year + (rng.choice([0, 0, 0, 1]) if rng.random() < 0.5 else 0)
        else:
            etype = rng.choice(types)
            kind = rng.choice(["person", "country"])
            actor = rng.choice(people if kind == "person" else countries)
            target = rng.choice(countries)
            y = rng.randint(1947, 2024)
        gran = rng.choice(["year", "month", "day"])
        m = rng.randint(1, 12)
        d = rng.randint(1, calendar.monthrange(y, m)[1])
        if gran == "year":
            start, end = date(y, 1, 1), date(y, 12, 31)
        elif gran == "month":
            start, end = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        else:
            start = end = date(y, m, d)
        amount = rng.choice([None, 1e9, 1.7e9, 2e9]) if etype in ("INVESTMENT", "ARMS_DEAL") else None
        claims.append(Claim(
            claim_id=f"{i:016x}", doc_id=f"doc{rng.randint(0, 2999):04d}", sentence_id=i % 50, char_start=i,
            char_end=i + 80, event_type=etype, actor=actor, actor_role="", target=target, location="", item="",
            quantity=None, amount=amount, currency="USD" if amount else "", date_text=str(y), date_start=start,
            date_end=end, date_granularity=gran, modality="asserted",
            evidence=f"{actor} {etype.lower()} {target} in {y} number {i}", confidence=0.8, actor_kind=kind))
    return claims


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    args = ap.parse_args()
    claims = synthetic(args.claims)
    options = reconcile_options(settings_from_rules(load_event_rules()))
    started = time.perf_counter()
    out_claims, events, conflicts = reconcile(claims, **options)
    elapsed = time.perf_counter() - started
    print(f"reconciled {len(claims):,} claims into {len(events):,} events and {len(conflicts):,} conflicts "
          f"in {elapsed:.2f} s ({len(claims) / elapsed:,.0f} claims/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

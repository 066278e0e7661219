"""Reconcile N synthetic claims (default 100,000) and print the time: blocking keeps it far from N².

The claims are drawn (fixed seed) from realistic shapes: 60 countries, 400 people, 16 event types, dates at
day, month and year precision between 1947 and 2024, amounts for deals; about a third of claims repeat an
existing event with the same or a conflicting value, so merging and conflicts are exercised.

With ``--recurring N`` it reconciles instead N short notes about one recurring visit (one visitor, one host, a
date to the day in one of twenty years): one block of N claims, the case that once made reconciliation quadratic.
It prints the time, the process's peak memory and the number of conflict rows.

Usage: python bench/bench_reconcile.py [--claims 100000] [--recurring 10000]
"""
from __future__ import annotations

import argparse
import calendar
import random
import resource
import sys
import time
from datetime import date, timedelta
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


def recurring(n: int, seed: int = 11) -> list[Claim]:
    """``n`` short notes, each from its own article, about one visitor's recurring visit to one host."""
    rng = random.Random(seed)
    claims = []
    for i in range(n):
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(20 * 365))
        claims.append(Claim(
            claim_id=f"{i:016x}", doc_id=f"note{i:05d}", sentence_id=0, char_start=0, char_end=60,
            event_type="VISIT", actor="Person 1", actor_role="", target="Country 1", location="", item="",
            quantity=None, amount=None, currency="", date_text=day.isoformat(), date_start=day, date_end=day,
            date_granularity="day", modality="asserted", evidence=f"Person 1 arrived in Country 1 on {day} (note {i}).",
            confidence=0.8, actor_kind="person"))
    return claims


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--recurring", type=int, default=0, help="N notes about one recurring visit instead")
    args = ap.parse_args()
    claims = recurring(args.recurring) if args.recurring else synthetic(args.claims)
    options = reconcile_options(settings_from_rules(load_event_rules()))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    out_claims, events, conflicts = reconcile(claims, **options)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident memory of the process: {peak / 1024:,.0f} MiB ({(peak - before) / 1024:,.0f} MiB more "
          "than before reconciliation)")
    print(f"reconciled {len(claims):,} claims into {len(events):,} events and {len(conflicts):,} conflicts "
          f"in {elapsed:.2f} s ({len(claims) / elapsed:,.0f} claims/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Words per second of `claimline run` on a local Dask cluster of 1 and 2 workers against `--workers 1` and `2`,
and reconciliation of N synthetic claims in process against on a local cluster.

The corpus is the bundled seed articles and the dev articles (tests/data/dev_corpus), each copy made distinct by a
last line naming it, replicated --copies times. Every run starts from an empty output folder in a fresh process, so
each figure includes loading the model (and, for the cluster, starting it).

Usage: python bench/bench_cluster.py [--copies 3 | --articles 300] [--claims 1000000] [--skip-run] [--skip-reconcile]
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def build_corpus(folder: Path, copies: int) -> None:
    sources = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "dev_corpus").glob("*.txt"))
    folder.mkdir(parents=True)
    for n in range(copies):
        for path in sources:
            text = path.read_text(encoding="utf-8")
            (folder / f"{n:02d}_{path.name}").write_text(f"{text.rstrip()}\n\nCopy {n} of {path.stem}.\n",
                                                         encoding="utf-8")


def time_run(corpus: Path, out: Path, args: list[str]) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from pipeline.cli import app; app()", "run", str(corpus), "--out", str(out), "-q", *args],
                   check=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        words = sum(int(row["words"] or 0) for row in csv.DictReader(handle))
    return elapsed, words


def bench_runs(copies: int, articles: int = 0) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        if articles:
            import bench_run  # the benchmark corpus of bench/bench_run.py: recombined seed paragraphs, seed 7

            bench_run.build_corpus(corpus, articles, 7, ROOT / "corpus")
        else:
            build_corpus(corpus, copies)
        reference = None
        for label, args in [("--workers 1", ["--workers", "1"]), ("--workers 2", ["--workers", "2"]),
                            ("--scheduler local:1", ["--scheduler", "local:1"]),
                            ("--scheduler local:2", ["--scheduler", "local:2"])]:
            out = Path(tmp) / label.replace(" ", "_").replace(":", "")
            elapsed, words = time_run(corpus, out, args)
            files = tuple((out / f"{t}.csv").read_bytes() for t in ("documents", "claims", "events", "conflicts"))
            same = "reference" if reference is None else ("same files" if files == reference else "FILES DIFFER")
            reference = reference or files
            print(f"{label:<22} {len(list(corpus.iterdir()))} articles, {words:,} words: {elapsed:6.1f} s, "
                  f"{words / elapsed:7,.0f} words/s ({same})", flush=True)


def bench_reconcile(n: int, workers: int) -> None:
    from bench_reconcile import synthetic
    from pipeline.claims import load_event_rules
    from pipeline.cluster import Session
    from pipeline.reconcile import reconcile, reconcile_options, settings_from_rules
    from pipeline.ruleset import load_rules

    claims = synthetic(n)
    options = reconcile_options(settings_from_rules(load_event_rules()))
    started = time.perf_counter()
    here = reconcile(claims, **options)
    print(f"reconcile {n:,} claims in process: {time.perf_counter() - started:.1f} s "
          f"({len(here[1]):,} events, {len(here[2]):,} conflicts)", flush=True)
    with Session(f"local:{workers}", model=None, rules=load_rules()) as session:
        started = time.perf_counter()
        session.client.wait_for_workers(workers)
        ready = time.perf_counter() - started
        started = time.perf_counter()
        there = reconcile(claims, map_groups=session.map_groups, **options)
        elapsed = time.perf_counter() - started
    print(f"reconcile {n:,} claims, blocks grouped and compared on a local cluster of {workers}: {elapsed:.1f} s "
          f"(+{ready:.1f} s to start it; {'same result' if there == here else 'RESULT DIFFERS'})", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--articles", type=int, default=0,
                    help="use bench_run.py's generated corpus of this many articles (300 is the benchmark corpus) "
                         "instead of --copies of the seed and dev articles")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2, help="cluster workers for reconciliation")
    ap.add_argument("--skip-run", action="store_true")
    ap.add_argument("--skip-reconcile", action="store_true")
    args = ap.parse_args()
    if not args.skip_run:
        bench_runs(args.copies, args.articles)
    if not args.skip_reconcile:
        bench_reconcile(args.claims, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

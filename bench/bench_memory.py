"""Peak memory of ``claimline run --workers 1`` on one long article: 1 and 5 MB, one line and paragraphed.

Usage:
    python bench/bench_memory.py [--sizes 1 5] [--shapes line paragraphs] [--code DIR] [--keep DIR]

For each size (in MB) and shape, writes one article built by repeating the body paragraphs of the bundled corpus
(``paragraphs``: joined by blank lines, as an article is; ``line``: joined by spaces into a single line, with no
line break at all), then runs ``claimline run CORPUS --out OUT --workers 1 --max-bytes <larger than the
article>`` in a fresh process and samples the resident memory of its whole process tree (the command, its
parsing child and workers, report writer) from /proc every 50 ms. Prints one line per article: its size, shape,
wall time, peak memory of the tree, and the claims found.

``--code DIR`` runs the claimline found in another checkout (its folder first on ``PYTHONPATH``), to compare
with an earlier version of the code under the same interpreter.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_run import ROOT, TreeMemory, paragraph_pool  # noqa: E402

GOAL_MB = 1024


def make_text(pool: list[str], size: int, shape: str) -> str:
    """About ``size`` bytes of article: paragraphs of ``pool`` in turn, each tagged with its number so that no
    two are the same, joined by blank lines (``paragraphs``) or by spaces into one line (``line``)."""
    sep = "\n\n" if shape == "paragraphs" else " "
    parts, total, n = ["Pakistan and Russia: a long record"], 0, 0
    while total < size:
        para = f"{pool[n % len(pool)]} (Note {n}.)"
        parts.append(para)
        total += len(para.encode("utf-8")) + len(sep)
        n += 1
    return sep.join(parts) + "\n"


def measure(text: str, folder: Path, code: Path) -> dict:
    """Run claimline on a corpus of ``text`` alone; its wall time, peak tree memory and claim count."""
    corpus, out = folder / "corpus", folder / "out"
    corpus.mkdir(parents=True)
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(corpus), "--out", str(out),
           "--workers", "1", "--quiet", "--max-bytes", str(len(text.encode("utf-8")) * 2)]
    sampler = TreeMemory()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=code, env=env, stderr=subprocess.PIPE, text=True)
    sampler.start(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"claimline failed ({proc.returncode}): {err.strip()[-500:]}")
    with open(out / "claims.csv", encoding="utf-8", newline="") as fh:
        claims = sum(1 for _ in csv.DictReader(fh))
    return {"wall": wall, "peak_mb": sampler.peak_kb / 1024, "claims": claims}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 5], help="article sizes in MB")
    ap.add_argument("--shapes", nargs="+", default=["line", "paragraphs"], choices=["line", "paragraphs"])
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose claimline is run")
    ap.add_argument("--keep", type=Path, help="keep the corpora and outputs in this folder")
    args = ap.parse_args(argv)
    pool = paragraph_pool(ROOT / "corpus")
    print(f"code: {args.code.resolve()}  goal: peak under {GOAL_MB} MB")
    print(f"{'size':>8} {'shape':<11} {'wall':>8} {'peak tree':>10} {'claims':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for size in args.sizes:
            for shape in args.shapes:
                text = make_text(pool, int(size * 1_000_000), shape)
                fig = measure(text, base / f"{size:g}mb_{shape}", args.code.resolve())
                mb = len(text.encode("utf-8")) / 1_000_000
                print(f"{mb:>6.2f}MB {shape:<11} {fig['wall']:>7.1f}s {fig['peak_mb']:>7.0f} MB {fig['claims']:>7}",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

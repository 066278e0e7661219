"""A whole ``claimline run`` against bare spaCy on the same articles, the cost of adding one article, peak memory.

Usage:
    python bench/bench_run.py [--articles 300] [--workers N] [--keep DIR] [--seed 7] [--profile]

Builds a corpus of N articles by recombining paragraphs of the bundled corpus (a fixed seed; every article has
its own title line and paragraph mix, so no two share a content hash), then times, each in a fresh process:

1. bare spaCy: ``spacy.load`` of the model claimline uses and ``nlp.pipe`` over the article files with
   ``n_process=--workers`` and the batch size ``pipeline.nlp.parse`` uses;
2. ``claimline run``: ``run_corpus(corpus, out, workers=--workers)`` into a fresh output folder;
3. the same run after one new article is added (what a user pays to grow the corpus by one: the whole
   command, from its start);
4. the same run again with nothing changed.

Each claimline step also prints its counts: articles, claims, events, the rows of conflicts.csv and the most rows
for one subject (the report's load on a reviewer).

Prints words per second for 1 and 2 (whitespace-separated words of the files, the same count for both) and
their ratio, the time of 3 as a share of 2, and the peak memory of each step: the resident memory of the step's
whole process tree (the process and its parsing workers, sampled from /proc every 50 ms) and the largest single
process (``getrusage`` ``ru_maxrss``). Goals: ratio at least 0.8; adding one article at most 5% of the full run;
peak memory under 2 GB.

``--profile`` adds where claimline's time goes, in one process (no workers) so that every CPU second is counted:
the run's stages timed by wrapping them (ingest, claim extraction, reconciliation, the store, the CSV files: the
page report.html is written by a child process whose time is not counted; parsing is the rest), and the parse split into spaCy's own components and claimline's (entity ruler, date tagger,
paragraph breaks) by parsing a sample of the articles with each of claimline's components switched off.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 0.8
GOAL_ADD_ONE = 0.05
GOAL_MEMORY_MB = 2048


# ------------------------------------------------------------------------------------------------ corpus


def paragraph_pool(corpus: Path) -> list[str]:
    """Body paragraphs (25 words or more) of the bundled articles, as claimline ingests them."""
    from pipeline.ingest import discover, read_document

    pool = []
    for path in discover(corpus):
        doc = read_document(path, corpus)
        if doc.status != "ok":
            continue
        for line in doc.text.split("\n"):
            if len(line.split()) >= 25:
                pool.append(line.strip())
    return pool


def make_article(pool: list[str], index: int, seed: int) -> str:
    """Article ``index``: a title line naming it, then 12 to 20 paragraphs drawn from ``pool``."""
    rng = random.Random(seed * 1_000_003 + index)
    paragraphs = rng.sample(pool, min(len(pool), rng.randint(12, 20)))
    title = f"Pakistan and Russia: notes from the archive, number {index}"
    return "\n\n".join([title] + paragraphs) + "\n"


def build_corpus(folder: Path, articles: int, seed: int, source: Path) -> int:
    """Write ``articles`` distinct articles into ``folder``; returns their total word count."""
    pool = paragraph_pool(source)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(articles):
        text = make_article(pool, i, seed)
        (folder / f"bench_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


# ------------------------------------------------------------------------------------------------ steps
# Each step runs in its own process (``--step``), so its imports, model load and memory are its own.


def step_spacy(corpus: Path, workers: int) -> dict:
    """Bare spaCy over the article files: the model claimline uses, all workers, parse's batch size."""
    started = time.perf_counter()
    import spacy

    from pipeline.nlp import default_model, parse

    batch_size = inspect.signature(parse).parameters["batch_size"].default
    nlp = spacy.load(default_model())
    loaded = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        tokens += len(doc)
    done = time.perf_counter()
    return {"load": loaded - started, "work": done - loaded, "tokens": tokens, "docs": len(texts),
            "batch_size": batch_size}


def step_claimline(corpus: Path, out: Path, workers: int, preload: bool) -> dict:
    """``claimline run`` in-process: ``run_corpus(corpus, out, workers=workers)``.

    With ``preload`` the model is loaded first (run_corpus reuses it), so that "load" covers the same ground as
    the spaCy step's. The re-runs are timed as a user runs them, without it: a run with nothing to parse never
    loads the model, and a run that adds articles to a processed corpus loads it in the child process that parses
    them while this one reconciles the stored claims (loading it first would serialise what the run overlaps).
    Either way the step's wall time is the whole command's.
    """
    started = time.perf_counter()
    from pipeline.run import run_corpus

    if preload:
        from pipeline import nlp as nlp_stage

        nlp_stage.load()
    imported = time.perf_counter()
    result = run_corpus(corpus, out, workers=workers)
    done = time.perf_counter()
    by_subject = Counter(c.subject for c in result.conflicts)
    top = min(by_subject.items(), key=lambda item: (-item[1], item[0]), default=("", 0))
    return {"load": imported - started, "work": done - imported, "docs": len(result.documents),
            "reused": result.reused, "claims": len(result.claims), "events": len(result.events),
            "conflicts": len(result.conflicts), "top_subject": list(top)}


def step_profile(corpus: Path, out: Path, sample: int) -> dict:
    """CPU seconds per stage of one single-process run, and the parse split by component on a sample."""
    import spacy

    from pipeline import ingest, nlp as nlp_stage, run
    from pipeline.store import Store

    spent: dict[str, float] = {}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return wrapper

    nlp = nlp_stage.load()
    patches = [(ingest, "read_document", "ingest"), (run, "extract_claims", "claims extraction"),
               (run, "reconcile", "reconciliation"), (run, "write_outputs", "CSV files (report: a child)"),
               (Store, "save", "store"), (Store, "sentences", "store"), (Store, "claims", "store"),
               (Store, "prune", "store")]
    for owner, attr, name in patches:
        setattr(owner, attr, timed(name, getattr(owner, attr)))
    started = time.process_time()
    run.run_corpus(corpus, out, workers=1)
    total = time.process_time() - started
    spent["parsing"] = total - sum(spent.values())  # and the little else: discovery, rule loading

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))][:sample]
    batch_size = inspect.signature(nlp_stage.parse).parameters["batch_size"].default

    def parse_time(pipeline, disable=()) -> float:
        with pipeline.select_pipes(disable=list(disable)):
            list(pipeline.pipe(texts[:2]))  # warm up
            started = time.process_time()
            list(pipeline.pipe(texts, batch_size=batch_size))
            return time.process_time() - started

    ours = [name for name in nlp.pipe_names if name.startswith("claimline") or name == "entity_ruler"]
    full = parse_time(nlp)
    parts = {f"{name} (parse share)": full - parse_time(nlp, [name]) for name in ours}
    parts["bare spaCy (parse share)"] = parse_time(spacy.load(nlp_stage.default_model()))
    return {"total": total, "stages": spent, "parse_sample": sample, "parse_full": full, "parse_parts": parts}


def run_step(args: list[str]) -> dict:
    """Run one step in a child process; adds its wall time and peak memory to the step's own figures."""
    sampler = TreeMemory()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    sampler.start(proc.pid)
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"step {args[1]} failed with exit code {proc.returncode}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["wall"] = wall
    figures["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    figures["tree_peak_mb"] = sampler.peak_kb / 1024
    return figures


class TreeMemory:
    """Samples the summed resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        """Start sampling ``pid``'s process tree in a thread."""
        if not Path("/proc/self/status").exists():
            return
        self._thread = threading.Thread(target=self._loop, args=(pid,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling."""
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _loop(self, pid: int) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(pid)))
            time.sleep(self.interval)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def step_main(args: argparse.Namespace) -> int:
    """Entry of a child step: run it and print its figures as one JSON line."""
    sys.path.insert(0, str(ROOT))
    if args.step == "spacy":
        figures = step_spacy(args.corpus, args.workers)
    elif args.step == "profile":
        figures = step_profile(args.corpus, args.out, args.sample)
    else:
        figures = step_claimline(args.corpus, args.out, args.workers, args.preload)
    figures["self_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["workers_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))
    return 0


# ------------------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run the four steps and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles in the generated corpus (default 300)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help=f"parsing processes for both spaCy and claimline (default all cores: {os.cpu_count()})")
    parser.add_argument("--keep", type=Path, help="build corpus and outputs in this folder and keep them")
    parser.add_argument("--seed", type=int, default=7, help="seed of the paragraph mix (default 7)")
    parser.add_argument("--source", type=Path, default=ROOT / "corpus", help="corpus whose paragraphs are mixed")
    parser.add_argument("--profile", action="store_true",
                        help="also show where claimline's time goes (one more run, in one process)")
    parser.add_argument("--sample", type=int, default=60,
                        help="articles parsed per component switched off with --profile (default 60)")
    parser.add_argument("--step", choices=("spacy", "claimline", "profile"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        return step_main(args)
    sys.path.insert(0, str(ROOT))

    base = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="claimline-bench-"))
    corpus, out = base / "corpus", base / "outputs"
    for folder in (corpus, out, base / "profile"):
        if folder.exists():
            shutil.rmtree(folder)
    try:
        words = build_corpus(corpus, args.articles, args.seed, args.source)
        workers = ["--workers", str(args.workers), "--corpus", str(corpus)]
        print(f"corpus: {args.articles} articles, {words} words in {corpus}; workers: {args.workers}", flush=True)

        bare = run_step(["--step", "spacy", *workers])
        report("bare spaCy (load + nlp.pipe)", bare, words)
        full = run_step(["--step", "claimline", *workers, "--out", str(out), "--preload"])
        report("claimline run (fresh output folder)", full, words)

        extra = make_article(paragraph_pool(args.source), args.articles, args.seed)
        (corpus / f"bench_{args.articles:05d}.txt").write_text(extra, encoding="utf-8")
        add_one = run_step(["--step", "claimline", *workers, "--out", str(out)])
        report("claimline run, one article added", add_one, len(extra.split()))
        unchanged = run_step(["--step", "claimline", *workers, "--out", str(out)])
        report("claimline run, nothing changed", unchanged, 0)

        ratio = bare["wall"] / full["wall"]
        work_ratio = bare["work"] / full["work"]
        cpu_ratio = bare["cpu"] / full["cpu"]
        share = add_one["wall"] / full["wall"]
        peak = max(step["tree_peak_mb"] for step in (full, add_one, unchanged))
        print()
        print(f"words/s: spaCy {words / bare['wall']:,.0f}, claimline {words / full['wall']:,.0f} "
              f"(whole commands, start-up and model load included)")
        print(f"ratio claimline/spaCy: {ratio:.2f} (goal >= {GOAL_RATIO}: {verdict(ratio >= GOAL_RATIO)}); "
              f"after start-up and load: spaCy {words / bare['work']:,.0f} words/s, "
              f"claimline {words / full['work']:,.0f} words/s, ratio {work_ratio:.2f}; "
              f"CPU seconds: spaCy {bare['cpu']:.1f}, claimline {full['cpu']:.1f}, ratio {cpu_ratio:.2f}")
        print(f"adding one article to {args.articles}: {add_one['wall']:.2f}s = {100 * share:.1f}% of the full run "
              f"(goal <= {100 * GOAL_ADD_ONE:.0f}%: {verdict(share <= GOAL_ADD_ONE)}); "
              f"nothing changed: {unchanged['wall']:.2f}s")
        print(f"peak memory of claimline's process tree: {peak:,.0f} MB "
              f"(goal < {GOAL_MEMORY_MB} MB: {verdict(peak < GOAL_MEMORY_MB)}); bare spaCy: {bare['tree_peak_mb']:,.0f} MB")
        print(f"load average (1, 5, 15 min) at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores (other work on the machine slows both sides)")
        if args.profile:
            profile = run_step(["--step", "profile", "--corpus", str(corpus), "--out", str(base / "profile"),
                                "--sample", str(args.sample)])
            print_profile(profile)
        if args.keep:
            print(f"kept: {base}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


def report(name: str, step: dict, words: int) -> None:
    """One line per step."""
    rate = f", {words / step['wall']:,.0f} words/s" if words else ""
    counts = ""
    if "claims" in step:
        subject, most = step["top_subject"]
        counts = (f"; {step['docs']} articles ({step['reused']} reused), {step['claims']} claims, "
                  f"{step['events']} events, {step['conflicts']} conflict rows (most for one subject: {most}, "
                  f"{subject!r})")
    print(f"{name}: {step['wall']:.2f}s wall (imports and model load {step['load']:.2f}s, "
          f"work {step['work']:.2f}s), {step['cpu']:.1f} CPU s{rate}; memory: tree peak {step['tree_peak_mb']:,.0f} MB, "
          f"largest process {max(step['self_maxrss_mb'], step['workers_maxrss_mb']):,.0f} MB{counts}", flush=True)


def print_profile(profile: dict) -> None:
    """Where the CPU time of a single-process run goes."""
    total = profile["total"]
    print(f"\nwhere the time goes (one process, no workers): {total:.1f} CPU s")
    for name, seconds in sorted(profile["stages"].items(), key=lambda item: -item[1]):
        print(f"  {name:<28} {seconds:8.1f} s  {100 * seconds / total:5.1f}%")
    parse = profile["stages"]["parsing"]
    parts = profile["parse_parts"]
    print(f"parsing split by component (shares measured on {profile['parse_sample']} articles, scaled to the run's "
          f"{parse:.1f} s of parsing, model load included):")
    for name, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        share = max(0.0, seconds) / sum(max(0.0, s) for s in parts.values())
        print(f"  {name:<38} {share * parse:8.1f} s  {100 * share * parse / total:5.1f}% of the run")


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


if __name__ == "__main__":
    sys.exit(main())

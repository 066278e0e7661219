"""Publication dates claimline reads from real article pages, against tests/gold/published_pages.jsonl.

Each gold line names a page file (the page texts are not kept in the repo: they are third-party text), its URL,
its outlet and the publication date a reader finds on it ("YYYY-MM-DD", "YYYY-MM", or "unknown" when the page does
not say). Each page is read with :func:`pipeline.ingest.read_document` and the shipped rule set, the same call
``claimline run`` makes, so ``published`` and ``published_from`` are those documents.csv would give.

Verdicts: RIGHT (the detected date equals the expected one at the detected precision: "2023-03" for an expected
"2023-03-17" is right), EMPTY (nothing detected), WRONG (a different date, a day where only the month is known, or
any date where the expected one is "unknown"). The aim is no WRONG at all.

Usage:
    python scripts/eval_published.py                     # pages in /tmp/pubpages/corpus
    python scripts/eval_published.py FOLDER              # pages elsewhere
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "published_pages.jsonl"
DEFAULT_FOLDER = pathlib.Path("/tmp/pubpages/corpus")


def load_gold(path: pathlib.Path = GOLD) -> list[dict]:
    """The gold lines in file order: file, url, outlet, expected."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def verdict(expected: str, detected: str) -> str:
    """RIGHT, EMPTY or WRONG for one page (``detected`` "" when nothing was read)."""
    if not detected:
        return "EMPTY"
    if expected == "unknown":
        return "WRONG"
    return "RIGHT" if expected[: len(detected)] == detected and len(expected) >= len(detected) else "WRONG"


def detect(folder: pathlib.Path, name: str) -> tuple[str, str]:
    """``(published, published_from)`` as documents.csv gives them for one page file."""
    from pipeline import ingest, ruleset

    doc = ingest.read_document(folder / name, folder, rules=ruleset.resolve(None))
    if doc.status != "ok":
        return "", f"skipped: {doc.reason}"
    return (doc.published.label, doc.published_from) if doc.published else ("", "")


def main(argv: list[str] | None = None) -> int:
    """Print each page's expected and detected date with its verdict, then the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=DEFAULT_FOLDER, help="folder of page files")
    parser.add_argument("--gold", type=pathlib.Path, default=GOLD, help="gold JSONL file")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"skipped: {args.folder} absent (the page texts are not kept in the repo)")
        return 0
    sys.path.insert(0, str(ROOT))
    counts: Counter[str] = Counter()
    print(f"{'file':42} {'expected':10} {'detected':10} {'source':9} verdict")
    for row in load_gold(args.gold):
        if not (args.folder / row["file"]).is_file():
            print(f"{row['file']:42} {row['expected']:10} (page file absent)")
            counts["MISSING"] += 1
            continue
        detected, source = detect(args.folder, row["file"])
        result = verdict(row["expected"], detected)
        counts[result] += 1
        print(f"{row['file']:42} {row['expected']:10} {detected or '-':10} {source or '-':9} {result}")
    shown = ("RIGHT", "EMPTY", "WRONG") + (("MISSING",) if counts["MISSING"] else ())
    print("  ".join(f"{k} {counts[k]}" for k in shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

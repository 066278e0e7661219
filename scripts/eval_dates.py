"""Accuracy of the date tagger on tests/gold/dates.jsonl, beside dateparser's own search on the same sentences.

A gold expression counts as found when a value's span equals or contains the expression's span in the sentence
and start, end and granularity are all equal. A gold line with ``"text": null`` is a sentence with no date: it
counts when nothing with a value is returned. dateparser alone is scored the same way: each substring
``dateparser.search.search_dates(sentence, languages=["en"])`` returns is turned into an interval from the
period dateparser reports (day, week, month or year), with the gold anchor as its RELATIVE_BASE when there is one.

Public gold (when ``../shared/data`` exists; skipped with a message when it does not): each folder's documents are
split BY DOCUMENT into two halves with a rule fixed before any miss was read: files sorted by name, even index
(0, 2, 4...) = ``dev`` (misses may be read and worked from), odd index = ``test`` (only scored, never read).
Both halves are scored with ``../shared/checks/public_dates.py``'s own loader and scorer (imported from that
path): found/right per granularity for claimline and for dateparser's ``search_dates`` (anchor as
RELATIVE_BASE, period from ``DateDataParser``) scored the same way.

Usage:
    python scripts/eval_dates.py            # the accuracy figures (own gold, public gold halves)
    python scripts/eval_dates.py --errors   # and every miss of ours on our own gold
    python scripts/eval_dates.py --dev-misses 50   # and up to 50 misses of the public dev halves
    python scripts/eval_dates.py --no-dateparser   # skip the (slow) dateparser baseline on public gold
"""
from __future__ import annotations

import argparse
import calendar
import datetime
import json
import pathlib
import sys
import warnings
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dates.jsonl"
SHARED = ROOT.parent / "shared"
PUBLIC_FOLDERS = ("timeml-aquaint", "wikiwars-dev")


@dataclass(frozen=True)
class GoldItem:
    """One gold line: an expression in a sentence and its expected value (text None: no date at all)."""

    sentence: str
    text: str | None
    anchor: datetime.date | None
    start: datetime.date | None
    end: datetime.date | None
    granularity: str | None
    line: int


def load_gold(path: pathlib.Path = GOLD) -> list[GoldItem]:
    """Read the gold file.

    Args:
        path: A JSONL file with sentence, text, anchor, start, end, granularity on each line.

    Returns:
        The gold items in file order.

    Raises:
        ValueError: A line is malformed or its expression is not in its sentence.
    """
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["text"] is not None and row["text"] not in row["sentence"]:
            raise ValueError(f"{path}:{number}: expression {row['text']!r} is not in its sentence")

        def day(key: str) -> datetime.date | None:
            return datetime.date.fromisoformat(row[key]) if row.get(key) else None

        items.append(GoldItem(row["sentence"], row["text"], day("anchor"), day("start"), day("end"),
                              row.get("granularity"), number))
    return items


def _found(item: GoldItem, values: list[tuple[int, int, datetime.date | None, datetime.date | None, str]]) -> bool:
    """True when one (char_start, char_end, start, end, granularity) covers the gold expression with its value."""
    if item.text is None:
        return not any(v[2] is not None for v in values)
    lo = item.sentence.find(item.text)
    hi = lo + len(item.text)
    return any(s <= lo and hi <= e and (a, b, g) == (item.start, item.end, item.granularity)
               for s, e, a, b, g in values)


def score_ours(items: list[GoldItem]) -> tuple[int, list[tuple[GoldItem, list]]]:
    """Number of gold items our tagger gets right, and the misses with what it returned."""
    from pipeline.dates import tag_dates

    right, misses = 0, []
    for item in items:
        values = [(tv.char_start, tv.char_end, tv.start, tv.end, tv.granularity)
                  for tv in tag_dates(item.sentence, anchor=item.anchor)]
        if _found(item, values):
            right += 1
        else:
            misses.append((item, values))
    return right, misses


def _interval(day: datetime.date, period: str) -> tuple[datetime.date, datetime.date, str]:
    if period == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), "year"
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last), "month"
    if period == "week":
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, monday + datetime.timedelta(days=6), "week"
    return day, day, "day"


def score_dateparser(items: list[GoldItem]) -> int:
    """Number of gold items dateparser's search_dates gets right on its own."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    parser = DateDataParser(languages=["en"])
    right = 0
    for item in items:
        settings = {"RELATIVE_BASE": datetime.datetime.combine(item.anchor, datetime.time())} if item.anchor else None
        try:
            found = search_dates(item.sentence, languages=["en"], settings=settings) or []
        except Exception:  # dateparser fails on some inputs; that is a miss, not a crash of the evaluation
            found = []
        values, cursor = [], 0
        for substring, when in found:
            lo = item.sentence.find(substring, cursor)
            if lo < 0:
                lo = item.sentence.find(substring)
            cursor = max(cursor, lo + len(substring))
            data = parser.get_date_data(substring)
            start, end, gran = _interval(when.date(), getattr(data, "period", None) or "day")
            values.append((lo, lo + len(substring), start, end, gran))
        right += _found(item, values)
    return right


def _public_scorer():
    """The module ../shared/checks/public_dates.py, or None when it is not there."""
    import importlib.util

    path = SHARED / "checks" / "public_dates.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("public_dates", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_halves(docs: list[dict]) -> dict[str, list[dict]]:
    """Dev and test halves of one folder: sorted by file name, even index dev, odd index test."""
    docs = sorted(docs, key=lambda d: d["id"])
    return {"dev": docs[0::2], "test": docs[1::2]}


def _ours_public(docs: list[dict]) -> dict[str, list[dict]]:
    from pipeline.dates import tag_dates

    got = {}
    for d in docs:
        anchor = datetime.date.fromisoformat(d["anchor"]) if d["anchor"] else None
        got[d["id"]] = [{"text": tv.text, "char_start": tv.char_start, "char_end": tv.char_end,
                         "start": tv.start.isoformat() if tv.start else None,
                         "end": tv.end.isoformat() if tv.end else None} for tv in tag_dates(d["text"], anchor=anchor)]
    return got


def _dateparser_public(docs: list[dict]) -> dict[str, list[dict]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    parser = DateDataParser(languages=["en"])
    got = {}
    for d in docs:
        base = datetime.datetime.fromisoformat(d["anchor"]) if d["anchor"] else None
        settings = {"RELATIVE_BASE": base} if base else None
        try:
            found = search_dates(d["text"], languages=["en"], settings=settings) or []
        except Exception:  # dateparser fails on some inputs; that is a miss, not a crash of the evaluation
            found = []
        rows, cursor = [], 0
        for substring, when in found:
            lo = d["text"].find(substring, cursor)
            lo = lo if lo >= 0 else d["text"].find(substring)
            cursor = max(cursor, lo + len(substring))
            start, end, _ = _interval(when.date(), getattr(parser.get_date_data(substring), "period", None) or "day")
            rows.append({"text": substring, "char_start": lo, "char_end": lo + len(substring),
                         "start": start.isoformat(), "end": end.isoformat()})
        got[d["id"]] = rows
    return got


def _print_public(label: str, per: dict) -> None:
    n, f, r = (sum(v[i] for v in per.values()) for i in range(3))
    if not n:
        print(f"  {label}: no calendar-date expressions")
        return
    grains = ", ".join(f"{k} {v[0]}: {v[1] / v[0]:.0%}/{v[2] / v[0]:.0%}" for k, v in sorted(per.items()))
    print(f"  {label}: {n} expressions, found {f / n:.1%} right {r / n:.1%}  ({grains})")


def report_public(*, dev_misses: int = 0, dateparser: bool = True) -> None:
    """Print found/right per granularity on both halves of both public folders (or why they are skipped)."""
    scorer = _public_scorer()
    data = SHARED / "data"
    if scorer is None or not data.is_dir():
        print(f"public gold skipped: {data} or {SHARED / 'checks' / 'public_dates.py'} is absent")
        return
    for name in PUBLIC_FOLDERS:
        folder = data / name
        if not folder.is_dir():
            print(f"public gold {name} skipped: {folder} is absent")
            continue
        for half, docs in split_halves(scorer.load(folder)).items():
            print(f"{name} {half} half ({len(docs)} documents):")
            per, _, misses = scorer.score(docs, _ours_public(docs))
            _print_public("claimline ", per)
            if dateparser:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    _print_public("dateparser", scorer.score(docs, _dateparser_public(docs))[0])
            if half == "dev":
                for miss in misses[:dev_misses]:
                    print("    miss:", miss)


def main(argv: list[str] | None = None) -> int:
    """Print both accuracy figures (and our misses with --errors)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every gold item we miss")
    parser.add_argument("--gold", type=pathlib.Path, default=GOLD, help="gold JSONL file")
    parser.add_argument("--dev-misses", type=int, default=0, help="list up to N misses of the public dev halves")
    parser.add_argument("--no-dateparser", action="store_true", help="skip dateparser on the public gold")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    items = load_gold(args.gold)
    ours, misses = score_ours(items)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = score_dateparser(items)
    n = len(items)
    print(f"claimline dates: {ours}/{n} = {100 * ours / n:.1f}%   dateparser alone: {theirs}/{n} = {100 * theirs / n:.1f}%")
    if args.errors:
        for item, values in misses:
            got = [f"{s}:{e} {a}..{b} {g}" for s, e, a, b, g in values]
            print(f"line {item.line}: {item.text!r} want {item.start}..{item.end} {item.granularity}; got {got}")
    report_public(dev_misses=args.dev_misses, dateparser=not args.no_dateparser)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

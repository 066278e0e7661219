"""Accuracy of the date tagger on tests/gold/dates.jsonl, beside dateparser's own search on the same sentences.

A gold expression counts as found when a value's span equals or contains the expression's span in the sentence
and start, end and granularity are all equal. A gold line with ``"text": null`` is a sentence with no date: it
counts when nothing with a value is returned. dateparser alone is scored the same way: each substring
``dateparser.search.search_dates(sentence, languages=["en"])`` returns is turned into an interval from the
period dateparser reports (day, week, month or year), with the gold anchor as its RELATIVE_BASE when there is one.

Usage:
    python scripts/eval_dates.py            # the two accuracy figures
    python scripts/eval_dates.py --errors   # and every miss of ours
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


def main(argv: list[str] | None = None) -> int:
    """Print both accuracy figures (and our misses with --errors)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every gold item we miss")
    parser.add_argument("--gold", type=pathlib.Path, default=GOLD, help="gold JSONL file")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

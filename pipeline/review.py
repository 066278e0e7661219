"""Reviewers' decisions: read an edited conflicts.csv and record its statuses by conflict_id."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import ClaimlineError
from .reconcile import Decision, parse_date_value
from .run import STORE_NAME
from .store import Store

STATUSES = ("open", "confirmed", "dismissed", "resolved")


@dataclass(frozen=True)
class ReviewReport:
    """What a review file did: decisions recorded, rows unchanged, and each problem with its line number."""

    applied: int
    unchanged: int
    problems: tuple[str, ...]


def read_decisions(path: Path, known: set[str]) -> tuple[dict[str, Decision], int, list[str]]:
    """Decisions from an edited conflicts.csv; rows still ``open`` with no resolution are unchanged.

    Args:
        path: The edited file.
        known: conflict_ids of the last run.

    Returns:
        The valid decisions, the number of unchanged rows, and one message per bad row ("line 7: ...").

    Raises:
        ClaimlineError: the file cannot be read or lacks the conflict_id or status column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimlineError(f"{path}: cannot read review file ({exc.__class__.__name__})") from None
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "conflict_id" not in reader.fieldnames or "status" not in reader.fieldnames:
        raise ClaimlineError(f"{path}: not a conflicts file (needs conflict_id and status columns)")
    decisions: dict[str, Decision] = {}
    problems: list[str] = []
    unchanged = 0
    for line, row in enumerate(reader, 2):
        if None in row or any(v is None for v in row.values()):
            problems.append(f"{path}: line {line}: wrong number of cells")
            continue
        cid = row["conflict_id"].strip().lstrip("'")
        status = row["status"].strip().lower()
        resolution = (row.get("resolution") or "").strip()
        if resolution.startswith("'"):
            resolution = resolution[1:]
        if cid not in known:
            problems.append(f"{path}: line {line}: unknown conflict_id {cid!r}")
            continue
        if status not in STATUSES:
            problems.append(f"{path}: line {line}: status {status!r} is not one of {', '.join(STATUSES)}")
            continue
        if status == "resolved" and not resolution:
            problems.append(f"{path}: line {line}: status resolved needs a resolution (the value settled on)")
            continue
        if status == "resolved" and row.get("attribute") == "date" and parse_date_value(resolution) is None:
            problems.append(f"{path}: line {line}: resolution {resolution!r} is not a date (e.g. 1979, 2011-09)")
            continue
        if status == "resolved" and row.get("attribute") in ("amount", "quantity") and not any(
                ch.isdigit() for ch in resolution):
            problems.append(f"{path}: line {line}: resolution {resolution!r} is not a number")
            continue
        if status == "open" and not resolution:
            unchanged += 1
            continue
        decisions[cid] = Decision(status, resolution)
    return decisions, unchanged, problems


def apply_review(path: Path, out: Path) -> ReviewReport:
    """Record the decisions of an edited conflicts.csv in the store of output folder ``out``.

    Valid rows are recorded in one transaction; bad rows are reported and skipped. The next ``claimline run``
    carries the decisions into conflicts.csv and uses resolved values in events.csv.

    Raises:
        ClaimlineError: there is no run in ``out`` or the review file is unreadable.
    """
    conflicts_csv = out / "conflicts.csv"
    if not (out / STORE_NAME).exists() or not conflicts_csv.exists():
        raise ClaimlineError(f"{out}: no run found here (run `claimline run --out {out}` first)")
    with open(conflicts_csv, encoding="utf-8", newline="") as f:
        known = {r["conflict_id"] for r in csv.DictReader(f)}
    decisions, unchanged, problems = read_decisions(path, known)
    store = Store(out / STORE_NAME)
    try:
        store.record_decisions(decisions)
    finally:
        store.close()
    return ReviewReport(len(decisions), unchanged, tuple(problems))

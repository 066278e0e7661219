"""Reviewers' decisions: read an edited conflicts.csv and record its statuses by conflict_id."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import ClaimlineError
from .reconcile import parse_date_value
from .records import Decision
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
        cid, decision, problem = _row_decision(row, known)
        if problem:
            problems.append(f"{path}: line {line}: {problem}")
        elif decision is None:
            unchanged += 1
        else:
            decisions[cid] = decision
    return decisions, unchanged, problems


def _row_decision(row: dict, known: set[str]) -> tuple[str, Decision | None, str]:
    """One row's ``(conflict_id, decision, problem)``: no decision for a row still open, a problem for a bad row."""
    if None in row or any(v is None for v in row.values()):
        return "", None, "wrong number of cells"
    cid = row["conflict_id"].strip().lstrip("'")
    status = row["status"].strip().lower()
    resolution = (row.get("resolution") or "").strip()
    if resolution.startswith("'"):
        resolution = resolution[1:]
    if cid not in known:
        return cid, None, f"unknown conflict_id {cid!r}"
    if status not in STATUSES:
        return cid, None, f"status {status!r} is not one of {', '.join(STATUSES)}"
    if status == "resolved":
        problem = _resolution_problem(row.get("attribute"), resolution)
        if problem:
            return cid, None, problem
    if status == "open" and not resolution:
        return cid, None, ""
    return cid, Decision(status, resolution), ""


def _resolution_problem(attribute: str | None, resolution: str) -> str:
    """Why a resolution cannot settle a conflict on ``attribute``, or "" when it can."""
    if not resolution:
        return "status resolved needs a resolution (the value settled on)"
    if attribute == "date" and parse_date_value(resolution) is None:
        return f"resolution {resolution!r} is not a date (e.g. 1979, 2011-09)"
    if attribute in ("amount", "quantity") and not any(ch.isdigit() for ch in resolution):
        return f"resolution {resolution!r} is not a number"
    return ""


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

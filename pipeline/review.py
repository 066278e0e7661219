"""Reviewers' decisions: read an edited conflicts.csv (or a decisions file), check every row, then record.

Every row is checked before anything is recorded: the conflict must be one of the last run's, the status one of
``open, confirmed, dismissed, resolved`` (any may be set again, ``open`` included), a resolution one of the
disputed values or a value of the attribute's type (:mod:`pipeline.resolutions`). Two rows on one conflict that say
different things are a contradiction. A file with any error records nothing unless ``partial`` is asked for.
Spreadsheet saves are read: a BOM, cp1252, CRLF, and ``;`` or tab separators. Free text goes in ``note``.

A claims.csv whose ``status`` column says ``rejected`` on a row rejects that claim (by its content key): it then
leaves events, conflicts, the report and exports, on every later run, until restored.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ClaimlineError
from .outputs import write_csv
from .reconcile import claim_key
from .reconcile.carry import signature
from .records import Decision
from .resolutions import STATUSES, check_resolution
from .workspace import conflicts_file_hash, run_store

#: The columns of a decisions file (``claimline review --export``).
DECISION_COLUMNS = ["conflict_id", "status", "resolution", "note", "attribute", "value_a", "value_b", "about"]
#: Statuses of a claims.csv row: rejected takes the claim out; ok (or empty) keeps or restores it.
CLAIM_STATUSES = ("", "ok", "rejected")


@dataclass(frozen=True)
class ReviewReport:
    """What a review file did: decisions recorded, rows unchanged, errors and warnings with their line numbers."""

    applied: int
    unchanged: int
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and ``(line, row)`` of a CSV file as a spreadsheet may have saved it.

    Raises:
        ClaimlineError: the file cannot be read or has no header.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ClaimlineError(f"{path}: cannot read review file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(rows[0]):
        raise ClaimlineError(f"{path}: empty review file")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    out = []
    for n, cells in enumerate(rows[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, (c.strip().replace("\r\n", "\n") for c in cells)))
        if len(cells) != len(header):
            row[None] = "wrong number of cells"
        out.append((n, row))
    return header, out


def _cell(row: dict, name: str) -> str:
    value = row.get(name) or ""
    return value[1:] if value.startswith("'") else value  # the spreadsheet-safe prefix conflicts.csv writes


def _row_decision(row: dict, known: dict, stored: dict[str, Decision]) -> tuple[str, Decision | None, str]:
    """One row's ``(conflict_id, decision, problem)``; no decision for a row that changes nothing."""
    if None in row:
        return "", None, "wrong number of cells"
    cid = _cell(row, "conflict_id")
    if cid not in known and _cell(row, "about"):  # a shared decision whose event changed: the same disagreement
        cid = _same_disagreement(tuple(_cell(row, "about").split("|")), known) or cid
    status = _cell(row, "status").lower() or "open"
    resolution, note = _cell(row, "resolution"), _cell(row, "note")
    if cid not in known:
        return cid, None, f"unknown conflict_id {cid!r} (not a conflict of the last run)"
    if status not in STATUSES:
        return cid, None, f"status {status!r} is not one of {', '.join(STATUSES)}"
    attribute, value_a, value_b, about = known[cid]
    if resolution:
        checked = check_resolution(attribute, resolution, (value_a, value_b))
        if checked.problem:
            return cid, None, checked.problem + (" (free text goes in the note column)" if attribute else "")
        resolution = checked.value
    elif status == "resolved":
        return cid, None, "status resolved needs a resolution (the value settled on)"
    decision = Decision(status, resolution, note, about)
    before = stored.get(cid, Decision("open", "", "", about))
    if (before.status, before.resolution, before.note) == (status, resolution, note):
        return cid, None, ""
    return cid, decision, ""


def _same_disagreement(about: tuple[str, ...], known: dict) -> str | None:
    """The conflict of the last run that is the same disagreement as ``about`` (:func:`signature`), or None."""
    wanted = signature(about)
    found = sorted(cid for cid, (_, _, _, other) in known.items() if wanted and signature(other) == wanted)
    return found[0] if found else None


def read_decisions(path: Path, known: dict, stored: dict[str, Decision]) -> tuple[dict[str, Decision], int, list[str], list[str]]:
    """Decisions from an edited conflicts.csv or decisions file, every row checked.

    Args:
        path: The file.
        known: The last run's conflicts, ``(attribute, value_a, value_b, about)`` by conflict_id.
        stored: The decisions recorded so far: a row equal to its conflict's decision changes nothing.

    Returns:
        The decisions to record, the number of rows that change nothing, errors and warnings ("line 7: ...").

    Raises:
        ClaimlineError: the file cannot be read or lacks the conflict_id or status column.
    """
    header, rows = read_rows(path)
    if "conflict_id" not in header or "status" not in header:
        raise ClaimlineError(f"{path}: not a conflicts file (needs conflict_id and status columns)")
    decisions: dict[str, Decision] = {}
    first_line: dict[str, tuple[int, tuple]] = {}
    problems, warnings = [], []
    unchanged = 0
    for line, row in rows:
        cid, decision, problem = _row_decision(row, known, stored)
        said = (decision.status, decision.resolution, decision.note) if decision else None
        if problem:
            problems.append(f"{path}: line {line}: {problem}")
            continue
        if cid in first_line:
            earlier, earlier_said = first_line[cid]
            if earlier_said != said:
                problems.append(f"{path}: line {line}: contradicts line {earlier} on conflict {cid}")
                decisions.pop(cid, None)
            else:
                warnings.append(f"{path}: line {line}: repeats line {earlier} on conflict {cid}")
            continue
        first_line[cid] = (line, said)
        if decision is None:
            unchanged += 1
        else:
            decisions[cid] = decision
    return decisions, unchanged, problems, warnings


def apply_review(path: Path, out: Path, *, partial: bool = False) -> ReviewReport:
    """Record the decisions of an edited conflicts.csv (or a decisions file, or a claims.csv with rejected claims)
    in the store of output folder ``out``.

    Args:
        path: The reviewed file.
        out: The output folder of the run reviewed.
        partial: Record the valid rows of a file that has errors (otherwise such a file records nothing).

    Raises:
        ClaimlineError: there is no run in ``out`` or the review file is unreadable.
    """
    header, _ = read_rows(path)
    if "claim_id" in header and "conflict_id" not in header:
        return apply_claim_review(path, out, partial=partial)
    with run_store(out) as store:
        known, stored = store.conflicts(), store.decisions()
        decisions, unchanged, problems, warnings = read_decisions(path, known, stored)
        if partial or not problems:
            store.record_decisions(decisions)
            if path.resolve() == (out / "conflicts.csv").resolve():
                store.set_meta(conflicts_csv={"sha256": conflicts_file_hash(out)})
        applied = len(decisions) if (partial or not problems) else 0
    return ReviewReport(applied, unchanged, tuple(problems), tuple(warnings))


def apply_claim_review(path: Path, out: Path, *, partial: bool = False) -> ReviewReport:
    """Reject (``status`` = rejected) or restore (ok) the claims of a reviewed claims.csv, by content key."""
    header, rows = read_rows(path)
    if "status" not in header:
        raise ClaimlineError(f"{path}: a claims file to review needs a status column (rejected or ok)")
    with run_store(out) as store:
        keys = {c.claim_id: claim_key(c) for claims in store.claims().values() for c in claims}
        reject, restore, problems = set(), set(), []
        for line, row in rows:
            cid, status = _cell(row, "claim_id"), _cell(row, "status").lower()
            if status not in CLAIM_STATUSES:
                problems.append(f"{path}: line {line}: status {status!r} is not one of rejected, ok")
            elif cid not in keys:
                problems.append(f"{path}: line {line}: unknown claim_id {cid!r}")
            elif status == "rejected":
                reject.add(keys[cid])
            elif status == "ok":
                restore.add(keys[cid])
        if partial or not problems:
            store.reject_claims(reject, restore - reject)
        applied = len(reject | restore) if (partial or not problems) else 0
    return ReviewReport(applied, len(rows) - len(reject | restore) - len(problems), tuple(problems))


def export_decisions(out: Path, path: Path) -> int:
    """Write the decisions recorded in ``out`` as a decisions file another reviewer can import with
    ``claimline review FILE``; returns how many."""
    with run_store(out) as store:
        decisions, known = store.decisions(), store.conflicts()
    rows = []
    for cid, d in sorted(decisions.items()):
        attribute, value_a, value_b, _ = known.get(cid, ("", "", "", ()))
        rows.append({"conflict_id": cid, "status": d.status, "resolution": d.resolution, "note": d.note,
                     "attribute": attribute, "value_a": value_a, "value_b": value_b, "about": "|".join(d.about)})
    write_csv(path, rows, DECISION_COLUMNS)
    return len(rows)


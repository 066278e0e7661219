"""``claimline export``: one table of the last run, rebuilt from the store, in another format.

The command layer above :mod:`pipeline.run` (which rebuilds the run's result) and :mod:`pipeline.outputs` (which
writes it).
"""
from __future__ import annotations

from pathlib import Path

from .errors import ClaimlineError
from .outputs import FORMATS, TABLES, output_tables, write_table
from .run import stored_result


def export_table(out: Path, *, what: str, fmt: str, path: Path) -> int:
    """Write one table of the last run in ``out`` as csv, jsonl, parquet or timelinejs.

    The table is rebuilt from the store: the run's articles and claims, reconciled with the run's settings and
    with the review decisions recorded since the run (so a review needs no new run before an export).

    CSV cells are neutralised against formula injection; JSONL and Parquet keep the raw text.

    Returns:
        The number of rows (events for timelinejs) written.

    Raises:
        ClaimlineError: unknown table or format, or no run in ``out``.
    """
    if what not in TABLES:
        raise ClaimlineError(f"--what {what!r}: choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ClaimlineError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "timelinejs" and what != "events":
        raise ClaimlineError("--format timelinejs exports events only (--what events)")
    return write_table(output_tables(stored_result(out)), what=what, fmt=fmt, path=path)

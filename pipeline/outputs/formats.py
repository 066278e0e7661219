"""One output table written as csv, jsonl, parquet or TimelineJS JSON (``claimline export``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from .csv import write_atomic, write_csv
from .tables import COLUMNS
from .timelinejs import timelinejs

FORMATS = ("csv", "jsonl", "parquet", "timelinejs")
TABLES = ("claims", "events", "conflicts", "documents")


def write_table(tables: dict[str, list[dict]], *, what: str, fmt: str, path: Path) -> int:
    """Write table ``what`` of ``tables`` (:func:`pipeline.outputs.tables.output_tables`) to ``path``.

    CSV cells are neutralised against formula injection; JSONL and Parquet keep the raw text; timelinejs takes
    the events, with the claims' sentences and the documents' titles.

    Returns:
        The number of rows (events for timelinejs) written.
    """
    # plain JSON values (dates as ISO text, lists), as every format writes them
    rows, claims, documents = (json.loads(json.dumps(tables[name], ensure_ascii=False, default=str))
                               for name in (what, "claims", "documents"))
    columns = COLUMNS[what]
    if fmt == "csv":
        write_csv(path, rows, columns)
    elif fmt == "jsonl":
        write_atomic(path, "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n" for r in rows))
    elif fmt == "parquet":
        write_atomic(path, _parquet(rows, columns))
    else:
        write_atomic(path, json.dumps(timelinejs(rows, claims, documents), ensure_ascii=False, indent=1) + "\n")
    return len(rows)


def _parquet(rows: list[dict], columns: list[str]) -> bytes:
    import pandas as pd  # deferred: slow to import, and only this format needs it

    frame = pd.DataFrame([{c: _plain(r.get(c)) for c in columns} for r in rows], columns=columns)
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()


def _plain(value):
    """Lists as ``;``-joined text so a Parquet column keeps one type."""
    return ";".join(map(str, value)) if isinstance(value, list) else value

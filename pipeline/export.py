"""The output tables: rows built from records, written as CSV that opens safely in a spreadsheet.

Files are written to a temporary file beside the target and renamed over it, so a reader (or a killed run)
never sees half a file.
"""
from __future__ import annotations

import json
import io
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

from .records import Claim, Conflict, Document, Event

COLUMNS = {
    "documents": ["doc_id", "path", "title", "author", "published", "words", "sentences", "claims", "status",
                  "reason", "content_hash"],
    "claims": ["claim_id", "doc_id", "sentence_id", "char_start", "char_end", "event_type", "actor", "actor_role",
               "target", "location", "item", "quantity", "amount", "currency", "date_text", "date_start", "date_end",
               "date_granularity", "modality", "evidence", "confidence", "event_id", "role_check"],
    "events": ["event_id", "event_type", "subject", "actor", "target", "item", "date_start", "date_end",
               "date_granularity", "amount", "quantity", "n_sources", "doc_ids", "claim_ids", "disputed", "support"],
    "conflicts": ["conflict_id", "event_id", "event_type", "subject", "attribute", "value_a", "value_b", "claim_a",
                  "claim_b", "doc_a", "doc_b", "evidence_a", "evidence_b", "severity", "rationale", "status",
                  "resolution"],
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value as CSV text: dates ISO, whole floats without ``.0``, lists joined by ``;``, None empty."""
    if value.__class__ is str:  # most values, and this is called for every cell of every table
        return value
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else repr(value)
    if isinstance(value, (tuple, list)):
        return ";".join(str(v) for v in value)
    return str(value)


def safe(text: str) -> str:
    """Neutralise a cell a spreadsheet would read as a formula (OWASP CSV injection): prefix ``'``.

    Negative numbers stay numbers.
    """
    if text.startswith(FORMULA_PREFIXES):
        if text.startswith("-") and text[1:2].isdigit() and _is_number(text):
            return text
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def document_row(d: Document, sentences: int, claims: int) -> dict:
    """One row of documents.csv."""
    return {
        "doc_id": d.doc_id, "path": d.path, "title": d.title, "author": d.author,
        "published": d.published.label if d.published else "", "words": d.words if d.status == "ok" else 0,
        "sentences": sentences, "claims": claims, "status": d.status, "reason": d.reason,
        "content_hash": d.content_hash,
    }


def claim_row(c: Claim) -> dict:
    """One row of claims.csv."""
    return {k: getattr(c, k) for k in COLUMNS["claims"]}


def event_row(e: Event) -> dict:
    """One row of events.csv."""
    return {k: getattr(e, k) for k in COLUMNS["events"]}


def conflict_row(c: Conflict) -> dict:
    """One row of conflicts.csv."""
    return {k: getattr(c, k) for k in COLUMNS["conflicts"]}


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV text with every cell spreadsheet-safe; a cell holding a comma, a quote or a line break is
    quoted, as Python's ``csv`` module does (which leaves a lone carriage return bare: this quotes it too). Written
    directly because that is faster on long texts."""
    starts = frozenset(p[0] for p in FORMULA_PREFIXES)
    lines = [",".join(_quoted(c) for c in columns)]
    for row in rows:
        values = []
        for c in columns:
            v = row.get(c)
            text = v if v.__class__ is str else cell(v)  # most cells are text already
            if text:
                if text[0] in starts:
                    text = safe(text)
                if "," in text or '"' in text or "\n" in text or "\r" in text:
                    text = '"' + text.replace('"', '""') + '"'
            values.append(text)
        lines.append(",".join(values))
    lines.append("")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text or "\n" in text or "\r" in text) else text


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file by temporary file and rename: readers see the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    """Write one spreadsheet-safe CSV atomically."""
    write_atomic(path, csv_text(rows, columns))


FORMATS = ("csv", "jsonl", "parquet", "timelinejs")
TABLES = ("claims", "events", "conflicts", "documents")


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
    from .errors import ClaimlineError
    from .run import output_tables, stored_result

    if what not in TABLES:
        raise ClaimlineError(f"--what {what!r}: choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ClaimlineError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "timelinejs" and what != "events":
        raise ClaimlineError("--format timelinejs exports events only (--what events)")
    tables = output_tables(stored_result(out))
    # plain JSON values (dates as ISO text, lists), as every format writes them
    rows, claims, documents = (json.loads(json.dumps(tables[name], ensure_ascii=False, default=str))
                               for name in (what, "claims", "documents"))
    columns = COLUMNS[what]
    if fmt == "csv":
        write_csv(path, rows, columns)
    elif fmt == "jsonl":
        write_atomic(path, "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n" for r in rows))
    elif fmt == "parquet":
        import pandas as pd

        frame = pd.DataFrame([{c: _plain(r.get(c)) for c in columns} for r in rows], columns=columns)
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False, engine="pyarrow")
        write_atomic(path, buf.getvalue())
    else:
        write_atomic(path, json.dumps(timelinejs(rows, claims, documents), ensure_ascii=False, indent=1) + "\n")
    return len(rows)


def _plain(value):
    """Lists as ``;``-joined text so a Parquet column keeps one type."""
    return ";".join(map(str, value)) if isinstance(value, list) else value


UNIT_OF = {"day": "day", "week": "day", "month": "month", "quarter": "month", "season": "month", "half": "month",
           "year": "year", "decade": "year", "century": "year"}


def precision(start: date, end: date, granularity: str) -> str:
    """The unit an interval is known to: ``day``, ``month`` or ``year``.

    The granularity says it, except for a range (or no granularity), whose bounds say it: whole years
    (1974–1979) are years, whole months are months, anything else is days.
    """
    if granularity in UNIT_OF:
        return UNIT_OF[granularity]
    after = end + timedelta(days=1)
    if start.month == 1 and start.day == 1 and after.month == 1 and after.day == 1:
        return "year"
    if start.day == 1 and after.day == 1:
        return "month"
    return "day"


def _tl_date(day: date, unit: str) -> dict:
    """A TimelineJS date object holding only the fields the unit knows (a year stays a year)."""
    out = {"year": day.year}
    if unit in ("month", "day"):
        out["month"] = day.month
    if unit == "day":
        out["day"] = day.day
    return out


def _iso(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def sources_phrase(n_sources, names: list[str]) -> str:
    """``2 sources: A; B``, or ``2 articles (1 independent source): A; B`` when one reuses the other's text."""
    n = int(n_sources) if str(n_sources or "").isdigit() else len(names)
    if n == len(names):
        return f"{n} source{'' if n == 1 else 's'}: " + "; ".join(names)
    return f"{len(names)} articles ({n} independent source{'' if n == 1 else 's'}): " + "; ".join(names)


def timelinejs(events: list[dict], claims: list[dict], documents: list[dict] | None = None) -> dict:
    """Events as the JSON that Knight Lab's TimelineJS reads.

    Each dated event is a slide: ``start_date`` (and ``end_date`` when the interval spans more than one unit)
    given only to the event's precision, so a year-only event carries only its year and a decade its first and
    last years; the headline is the event's subject; the text names the sources and quotes each claim's
    sentence. Disputed events are in the group "disputed". Article text is HTML-escaped (TimelineJS renders
    the text as HTML).

    Args:
        events: Rows of events (raw or as kept in the store).
        claims: Rows of claims, for the sentences.
        documents: Rows of documents, for the sources' titles.

    Returns:
        The timeline as a JSON-ready dict: ``{"title": …, "events": [slide, …]}``.
    """
    evidence = {c["claim_id"]: c for c in claims}
    titles = {d["doc_id"]: d.get("title") or "" for d in documents or []}
    slides = []
    for e in events:
        start = _iso(e.get("date_start"))
        if start is None:
            continue
        end = _iso(e.get("date_end")) or start
        unit = precision(start, end, e.get("date_granularity") or "")
        slide = {"start_date": _tl_date(start, unit)}
        if _tl_date(end, unit) != slide["start_date"]:
            slide["end_date"] = _tl_date(end, unit)
        doc_ids = list(e.get("doc_ids") or [])
        names = [f"{titles[d]} ({d})" if titles.get(d) else d for d in doc_ids]
        text = [f"<p>{html_escape(sources_phrase(e.get('n_sources'), names))}</p>"]
        disputed = list(e.get("disputed") or [])
        if disputed:
            text.insert(0, f"<p><i>Disputed: {html_escape(', '.join(disputed))}. "
                           f"{html_escape(e.get('support') or '')}</i></p>")
        for cid in e.get("claim_ids") or []:
            c = evidence.get(cid)
            if c:
                text.append(f"<p><b>{html_escape(c['doc_id'])}</b>: {html_escape(c['evidence'])}</p>")
        slide["text"] = {"headline": html_escape(e.get("subject") or e["event_type"]), "text": "".join(text)}
        slide["unique_id"] = e["event_id"]
        if disputed:
            slide["group"] = "disputed"
        slides.append(slide)
    return {"title": {"text": {"headline": "claimline events", "text": f"{len(slides)} dated events"}},
            "events": slides}


def html_escape(text: str) -> str:
    """Text from an article made safe inside HTML."""
    import html

    return html.escape(str(text), quote=True)

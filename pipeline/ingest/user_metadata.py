"""Metadata a user already has about the articles: a CSV file (``corpus/metadata.csv`` or ``--metadata FILE``)
whose rows override what ingest detects.

Columns: ``path`` (the article's path relative to the corpus folder, as documents.csv gives it) and ``published``
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty keeps the detected date) are required; ``title``, ``source`` and
``url`` may be given (empty keeps what was detected). A bad row is reported with its line and left out; the run
goes on.
"""
from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipeline.errors import CorpusError
from pipeline.records import Document, TimeValue

__all__ = ["DEFAULT_NAME", "MetadataRow", "apply_metadata", "read_metadata_file"]

DEFAULT_NAME = "metadata.csv"
"""The file read from the corpus folder when no ``--metadata`` is given (never read as an article)."""

REQUIRED = ("path", "published")
OPTIONAL = ("title", "source", "url")
MetadataRow = dict[str, "str | TimeValue | None"]


def read_metadata_file(path: Path, *, warn: Callable[[str], None]) -> dict[str, MetadataRow]:
    """The rows of a metadata file by article path.

    Args:
        path: The CSV file.
        warn: Called with one line for each bad row ("FILE:LINE: ...").

    Returns:
        Good rows by ``path``: ``published`` as a TimeValue (None when empty), the other columns as text.

    Raises:
        CorpusError: The file cannot be read or lacks a required column.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip().lower() for name in reader.fieldnames or []]
            missing = [name for name in REQUIRED if name not in header]
            if missing:
                raise CorpusError(f"{path}: metadata file lacks the column(s) {', '.join(missing)}")
            reader.fieldnames = header
            rows: dict[str, MetadataRow] = {}
            for row in reader:
                line = reader.line_num
                problem, parsed = _row(row)
                if problem is None and parsed["path"] in rows:
                    problem = f"path {parsed['path']!r} given twice"
                if problem is not None:
                    warn(f"{path}:{line}: {problem}; row left out")
                    continue
                rows[str(parsed["path"])] = parsed
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read metadata file ({exc.strerror or type(exc).__name__})") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: metadata file is not readable CSV ({exc})") from exc
    return rows


def _row(row: dict) -> tuple[str | None, MetadataRow]:
    """(problem or None, the parsed row)."""
    values = {name: (row.get(name) or "").strip() for name in REQUIRED + OPTIONAL}
    if not values["path"]:
        return "empty path", {}
    published = None
    if values["published"]:
        published = _published(values["published"])
        if published is None:
            return f"published {values['published']!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD", {}
    return None, {**values, "path": values["path"].replace("\\", "/"), "published": published}


def _published(text: str) -> TimeValue | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            first = last = date(year, month, day)
            grain = "day"
        elif month is not None:
            first, last, grain = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
        else:
            first, last, grain = date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:
        return None
    return TimeValue(text, 0, 0, first, last, grain)


def apply_metadata(document: Document, rows: dict[str, MetadataRow]) -> Document:
    """The document with what its metadata row gives (``published_from`` "metadata" for a given date).

    Args:
        document: The document as read.
        rows: Rows by path from :func:`read_metadata_file`.

    Returns:
        A new Document, or the same one when no row names it.
    """
    row = rows.get(document.path)
    if row is None:
        return document
    changes: dict = {name: row[name] for name in ("title", "source", "url") if row[name]}
    if row["published"] is not None:
        changes.update(published=row["published"], published_from="metadata")
    return replace(document, **changes) if changes else document

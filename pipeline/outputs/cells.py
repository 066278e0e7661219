"""A row's cells read for the page: rows come raw (tuples, dates) from a run or as plain JSON from the store."""
from __future__ import annotations

import html
from datetime import date

from .csv import cell
from .labels import precision, sources_phrase


def esc(value) -> str:
    """Any value as text safe inside HTML element content and quoted attributes."""
    return html.escape(cell(value), quote=True)


def ids(value) -> list[str]:
    """A list column (a tuple in memory, a list in the store, ``;``-joined in a CSV) as a list."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in cell(value).split(";") if v]


def day(value) -> date | None:
    """A date cell (a date, or ISO text) as a date; None when empty or not a date."""
    if isinstance(value, date):
        return value
    text = cell(value)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def date_label(start: date | None, end: date | None, granularity: str) -> str:
    """An interval at the precision it was given: ``2011``, ``2011-09``, ``2011-09-24``, ``1974–1979``."""
    if start is None:
        return "undated"
    end = end or start
    unit = precision(start, end, granularity)
    width = {"year": 4, "month": 7, "day": 10}[unit]
    a, b = start.isoformat()[:width], end.isoformat()[:width]
    return a if a == b else f"{a}–{b}"


def type_label(event_type: str) -> str:
    """An event type as a reader would write it: ``ARMS_DEAL`` -> ``Arms deal``."""
    return event_type.replace("_", " ").capitalize()


def sources_line(e: dict, documents: dict[str, dict]) -> str:
    """An event's sources by title (:func:`pipeline.outputs.labels.sources_phrase`)."""
    return sources_phrase(cell(e.get("n_sources")), [doc_name(documents.get(d), d) for d in ids(e.get("doc_ids"))])


def doc_name(doc: dict | None, doc_id: str) -> str:
    """An article's title with its doc_id, or the doc_id alone."""
    title = cell((doc or {}).get("title"))
    return f"{title} ({doc_id})" if title else doc_id

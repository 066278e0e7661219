"""Events as the JSON that Knight Lab's TimelineJS reads."""
from __future__ import annotations

import html
from datetime import date

from .labels import precision, sources_phrase


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


def timelinejs(events: list[dict], claims: list[dict], documents: list[dict] | None = None) -> dict:
    """Events as the JSON that Knight Lab's TimelineJS reads.

    Each dated event is a slide: ``start_date`` (and ``end_date`` when the interval spans more than one unit)
    given only to the event's precision, so a year-only event carries only its year and a decade its first and
    last years; the headline is the event's subject; the text names the sources and quotes each claim's
    sentence. Events that did not (or may not) take place are in the group "not happened: <status>", other
    disputed events in the group "disputed". Article text is HTML-escaped (TimelineJS renders
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
    slides = [slide for e in events if (slide := _slide(e, evidence, titles)) is not None]
    return {"title": {"text": {"headline": "claimline events", "text": f"{len(slides)} dated events"}},
            "events": slides}


def html_escape(text: str) -> str:
    """Text from an article made safe inside HTML."""
    return html.escape(str(text), quote=True)


def _slide(e: dict, evidence: dict[str, dict], titles: dict[str, str]) -> dict | None:
    """One event's slide, or None for an undated event."""
    start = _iso(e.get("date_start"))
    if start is None:
        return None
    end = _iso(e.get("date_end")) or start
    unit = precision(start, end, e.get("date_granularity") or "")
    slide = {"start_date": _tl_date(start, unit)}
    if _tl_date(end, unit) != slide["start_date"]:
        slide["end_date"] = _tl_date(end, unit)
    names = [f"{titles[d]} ({d})" if titles.get(d) else d for d in list(e.get("doc_ids") or [])]
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
    status = e.get("status") or "happened"
    if status != "happened":
        slide["group"] = f"not happened: {status}"  # a plan, a cancellation or a denial is not a past event
    elif disputed:
        slide["group"] = "disputed"
    return slide

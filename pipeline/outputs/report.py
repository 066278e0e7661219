"""The reviewer's report: one self-contained ``report.html`` with a timeline, the conflicts, events and articles.

The page is built from the rows of the output tables (:func:`pipeline.outputs.tables.output_tables`, of a run
or rebuilt from the store), so every run writes it beside the CSV files. It needs no network: CSS, the SVG timeline and a few lines of script
are inline, and a Content-Security-Policy admits only that script and style (by hash), so text injected by an
article could neither load anything nor run. Every text that comes from an article is HTML-escaped. The page is
deterministic: the same tables give byte-identical HTML (no timestamps, everything sorted).
"""
from __future__ import annotations

from pathlib import Path

from ..records import Modality, Severity
from .cells import date_label, day, doc_name, esc, ids, sources_line, type_label
from .csv import cell, write_atomic
from .evidence import disputed_spans, highlight, spans
from .page import LEGEND, page
from .timeline import timeline_svg

REPORT_NAME = "report.html"
#: Rank of each severity, most severe first; a value no severity has comes last.
SEVERITY_RANK = {s.value: s.rank for s in Severity}


def _event_details(e: dict, claims: dict[str, dict], documents: dict[str, dict]) -> str:
    """The sources of one event and each claim's sentence; the timeline's click shows a copy of this."""
    label = date_label(day(e.get("date_start")), day(e.get("date_end")), cell(e.get("date_granularity")))
    rows = []
    for cid in ids(e.get("claim_ids")):
        c = claims.get(cid)
        if not c:
            continue
        when = cell(c.get("date_text"))
        modality = cell(c.get("modality"))
        meta = ", ".join(v for v in (when, modality if modality not in ("", Modality.ASSERTED) else "") if v)
        rows.append(f'<li><span class="src">{esc(doc_name(documents.get(cell(c.get("doc_id"))), cell(c.get("doc_id"))))}'
                    f'</span>{" · " + esc(meta) if meta else ""}<br>'
                    f'<q>{highlight(cell(c.get("evidence")), spans(cell(c.get("evidence")), when))}</q></li>')
    disputed = ids(e.get("disputed"))
    head = (f'<p class="evd-head"><b>{esc(e.get("subject") or type_label(cell(e.get("event_type"))))}</b> · '
            f'{esc(label)} · {esc(type_label(cell(e.get("event_type"))))} · {esc(sources_line(e, documents))}</p>')
    note = f'<p class="support">Disputed: {esc(e.get("support") or ", ".join(disputed))}</p>' if disputed else ""
    return (f'<div class="evd" id="evd-{esc(e.get("event_id"))}">{head}{note}'
            f'<ul class="evidence">{"".join(rows)}</ul></div>')


MAX_CONFLICT_ROWS = 2000
"""The page shows the most severe conflicts up to this many; conflicts.csv always has every row."""


def _source(documents: dict[str, dict], doc_id: str) -> str:
    """An article's name with its outlet, publication date and URL when known."""
    doc = documents.get(doc_id) or {}
    extra = [cell(doc.get(k)) for k in ("source", "published", "url") if cell(doc.get(k))]
    return doc_name(doc, doc_id) + (f" · {' · '.join(extra)}" if extra else "")


def _other_claims(c: dict, side: str, claims: dict[str, dict], documents: dict[str, dict]) -> str:
    """The sentences of the side's other claims (the first one is shown above), each with its source."""
    shown = cell(c.get(f"claim_{side}"))
    others = [claims[cid] for cid in c.get(f"claims_{side}") or () if cid != shown and cid in claims]
    if not others:
        return ""
    items = "".join(f'<li><span class="src">{esc(_source(documents, cell(o.get("doc_id"))))}</span> '
                    f'{esc(o.get("evidence"))}</li>' for o in others)
    n = cell(c.get(f"sources_{side}"))
    return f'<details class="side"><summary>{len(others)} more ({n} independent source(s) on this side)</summary><ul>{items}</ul></details>'


def _both_sides(c: dict, documents: dict[str, dict]) -> str:
    """A line naming the articles that give both values of a conflict (on both sides: ``docs_a`` 001;002,
    ``docs_b`` 001): each contradicts itself, or speaks of two things the rules took for one; empty otherwise."""
    both = sorted(set(ids(c.get("docs_a"))) & set(ids(c.get("docs_b"))))
    if not both:
        return ""
    names = "; ".join(doc_name(documents.get(d), d) for d in both)
    values = f"{cell(c.get('value_a'))} and {cell(c.get('value_b'))}"
    who = "This article gives" if len(both) == 1 else f"These {len(both)} articles each give"
    return (f'<p class="both"><b>Within one article:</b> {esc(who)} both values ({esc(values)}): {esc(names)}. '
            'It contradicts itself, or its sentences speak of two different things.</p>')


def _conflicts_table(conflicts: list[dict], claims: dict[str, dict], documents: dict[str, dict]) -> str:
    if not conflicts:
        return '<p class="empty">No conflicts: the sources agree wherever they describe the same event.</p>'
    rows = []
    ordered = sorted(conflicts, key=lambda c: (SEVERITY_RANK.get(cell(c.get("severity")), len(SEVERITY_RANK)), cell(c.get("subject")),
                                               cell(c.get("conflict_id"))))
    more = len(ordered) - MAX_CONFLICT_ROWS
    for c in ordered[:MAX_CONFLICT_ROWS]:
        attribute = cell(c.get("attribute"))
        ev_a, ev_b = cell(c.get("evidence_a")), cell(c.get("evidence_b"))
        spans_a = disputed_spans(ev_a, attribute, cell(c.get("value_a")), claims.get(cell(c.get("claim_a"))), ev_b)
        spans_b = disputed_spans(ev_b, attribute, cell(c.get("value_b")), claims.get(cell(c.get("claim_b"))), ev_a)
        severity = cell(c.get("severity"))
        status = cell(c.get("status")) or "open"
        resolution = cell(c.get("resolution"))
        both = _both_sides(c, documents)
        klass = ' class="both-sides"' if both else ""
        rows.append(
            f'<tr id="conflict-{esc(c.get("conflict_id"))}"{klass}>'
            f'<td><span class="sev sev-{esc(severity)}">{esc(severity)}</span></td>'
            f'<td class="subject"><a class="evlink" href="#evrow-{esc(c.get("event_id"))}">{esc(c.get("subject"))}</a></td>'
            f'<td>{esc(attribute)}</td>'
            f'<td class="values"><span class="va">{esc(c.get("value_a"))}</span> <span class="vs">vs</span> '
            f'<span class="vb">{esc(c.get("value_b"))}</span></td>'
            f'<td class="ev"><div class="src">{esc(_source(documents, cell(c.get("doc_a"))))}</div>'
            f'{highlight(ev_a, spans_a)}{_other_claims(c, "a", claims, documents)}</td>'
            f'<td class="ev"><div class="src">{esc(_source(documents, cell(c.get("doc_b"))))}</div>'
            f'{highlight(ev_b, spans_b)}{_other_claims(c, "b", claims, documents)}</td>'
            f'<td class="why">{both}{esc(c.get("rationale"))}</td>'
            f'<td><span class="status status-{esc(status)}">{esc(status)}</span>'
            f'{"<br>" + esc(resolution) if resolution else ""}</td></tr>')
    note = (f'<p class="more">{more} less severe conflicts are not shown here; conflicts.csv has every row.</p>'
            if more > 0 else "")
    return ('<table class="conflicts"><thead><tr><th>Severity</th><th>Event</th><th>Attribute</th><th>Value A vs B</th>'
            '<th>Evidence A</th><th>Evidence B</th><th>Rationale</th><th>Status</th></tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table>" + note)


def _events_table(events: list[dict], claims: dict[str, dict], documents: dict[str, dict]) -> str:
    if not events:
        return '<p class="empty">No events.</p>'
    rows = []
    for e in events:
        label = date_label(day(e.get("date_start")), day(e.get("date_end")), cell(e.get("date_granularity")))
        disputed = ids(e.get("disputed"))
        n = len([cid for cid in ids(e.get("claim_ids")) if cid in claims])
        klass = ' class="disputed"' if disputed else ""
        rows.append(
            f'<tr id="evrow-{esc(e.get("event_id"))}"{klass}>'
            f'<td class="nowrap">{esc(label)}</td><td>{esc(type_label(cell(e.get("event_type"))))}</td>'
            f'<td>{esc(e.get("subject"))}</td><td class="num">{esc(e.get("n_sources"))}</td>'
            f'<td>{esc(", ".join(disputed))}</td>'
            f'<td><details><summary>{n} claim{"" if n == 1 else "s"}</summary>'
            f'{_event_details(e, claims, documents)}</details></td></tr>')
    return ('<table class="events"><thead><tr><th>Date</th><th>Type</th><th>Event</th><th>Sources</th>'
            '<th>Disputed</th><th>Evidence</th></tr></thead><tbody>' + "\n".join(rows) + "</tbody></table>")


def _documents_table(documents: list[dict]) -> str:
    if not documents:
        return '<p class="empty">No articles.</p>'
    rows = []
    for d in documents:
        status = cell(d.get("status"))
        reason = cell(d.get("reason"))
        klass = ' class="skipped"' if status != "ok" else ""
        rows.append(
            f'<tr{klass}><td class="nowrap">{esc(d.get("doc_id"))}</td>'
            f'<td>{esc(d.get("title"))}</td><td>{esc(d.get("author"))}</td>'
            f'<td class="nowrap">{esc(d.get("published"))}</td>'
            f'<td class="num">{_number(d.get("words"))}</td><td class="num">{_number(d.get("sentences"))}</td>'
            f'<td class="num">{_number(d.get("claims"))}</td>'
            f'<td>{esc(status)}{": " + esc(reason) if reason else ""}</td></tr>')
    return ('<table class="documents"><thead><tr><th>Article</th><th>Title</th><th>Author</th><th>Published</th>'
            '<th>Words</th><th>Sentences</th><th>Claims</th><th>Status</th></tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table>")


def _number(value) -> str:
    text = cell(value)
    return f"{int(text):,}" if text.isdigit() else esc(text)


def _counts(documents: list[dict], claims: list[dict], events: list[dict], conflicts: list[dict], drawn: int) -> str:
    """The figures at the top of the page: articles, claims, events, disputed events, conflicts."""
    ok = sum(1 for d in documents if cell(d.get("status")) == "ok")
    disputed = sum(1 for e in events if ids(e.get("disputed")))
    open_conflicts = sum(1 for c in conflicts if (cell(c.get("status")) or "open") == "open")
    by_severity = [f"{n} {s}" for s in Severity if (n := sum(1 for c in conflicts if cell(c.get("severity")) == s))]
    counts = [
        ("", f"{ok}", f"articles ({len(documents) - ok} skipped)"),
        ("", f"{len(claims)}", "claims"),
        ("", f"{len(events)}", f"events ({drawn} dated)"),
        ("hot" if disputed else "", f"{disputed}", "disputed events"),
        ("hot" if open_conflicts else "", f"{len(conflicts)}", f"conflicts ({', '.join(by_severity + [f'{open_conflicts} open'])})"),
    ]
    return "".join(f'<li class="{k}"><b>{v}</b>{esc(label)}</li>' if k else f"<li><b>{v}</b>{esc(label)}</li>"
                   for k, v, label in counts)


def _timeline(svg: str, undated: int) -> str:
    """The timeline section: legend, figure and the panel a click fills."""
    if not svg:
        return '<p class="empty">No dated events.</p>'
    legend = (LEGEND + (f" {undated} undated event{'s are' if undated != 1 else ' is'} in the events table only."
                        if undated else "") + "</span></p>")
    return (legend + svg + '<div id="detail" aria-live="polite"><p class="hint">Click a mark on the timeline to '
            'see its sources and their sentences.</p></div>')


def render_report(tables: dict[str, list[dict]], *, lane_order: tuple[str, ...] = ()) -> str:
    """The report page for one run's output tables.

    Args:
        tables: Rows of ``documents``, ``claims``, ``events`` and ``conflicts``, raw values (as from
            ``outputs.output_tables``) or as kept in the store.
        lane_order: Event types in the order the timeline shows their lanes (the order of the event rules);
            other types follow alphabetically.

    Returns:
        The HTML page, byte-identical for identical tables.
    """
    documents = tables.get("documents", [])
    claims_rows = tables.get("claims", [])
    events = tables.get("events", [])
    conflicts = tables.get("conflicts", [])
    docs_by_id = {cell(d.get("doc_id")): d for d in documents}
    claims = {cell(c.get("claim_id")): c for c in claims_rows}
    svg, drawn = timeline_svg(events, claims, docs_by_id, lane_order=lane_order)
    body = f"""<header>
<h1>claimline report</h1>
<nav><a href="#timeline">Timeline</a><a href="#conflicts">Conflicts</a><a href="#events">Events</a><a href="#articles">Articles</a></nav>
<ul class="counts">{_counts(documents, claims_rows, events, conflicts, drawn)}</ul>
</header>
<main>
<section id="timeline"><h2>Timeline</h2>
{_timeline(svg, len(events) - drawn)}
</section>
<section id="conflicts"><h2>Conflicts between sources</h2>
{_conflicts_table(conflicts, claims, docs_by_id)}
</section>
<section id="events"><h2>Events</h2>
{_events_table(events, claims, docs_by_id)}
</section>
<section id="articles"><h2>Articles</h2>
{_documents_table(documents)}
</section>
</main>
<footer>Written by claimline from documents.csv, claims.csv, events.csv and conflicts.csv of the same run.</footer>"""
    return page(body)


def write_report(out: Path, tables: dict[str, list[dict]], *, lane_order: tuple[str, ...] = ()) -> Path:
    """Write ``report.html`` into the output folder (atomically).

    Args:
        out: The output folder.
        tables: The run's output tables.
        lane_order: Event types in the order of the timeline's lanes (see :func:`render_report`).

    Returns:
        The path written.
    """
    path = out / REPORT_NAME
    write_atomic(path, render_report(tables, lane_order=lane_order))
    return path

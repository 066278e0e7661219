"""The reviewer's report: one self-contained ``report.html`` with a timeline, the conflicts, events and articles.

The page is built from the rows of the output tables (``run.output_tables`` or the copy kept in the store), so
every run writes it beside the CSV files. It needs no network: CSS, the SVG timeline and a few lines of script
are inline, and a Content-Security-Policy admits only that script and style (by hash), so text injected by an
article could neither load anything nor run. Every text that comes from an article is HTML-escaped. The page is
deterministic: the same tables give byte-identical HTML (no timestamps, everything sorted).
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import html
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .export import cell, precision, sources_phrase, write_atomic

REPORT_NAME = "report.html"

# The contract's vocabulary, in the order the timeline shows its lanes; other types follow alphabetically.
EVENT_TYPES = ("VISIT", "MEETING", "AGREEMENT", "ALLIANCE_JOIN", "ALLIANCE_EXIT", "ARMS_DEAL", "INVESTMENT",
               "TRADE", "MILITARY_EXERCISE", "SUPPORT", "CANCELLATION", "DIPLOMATIC_RELATIONS", "MEDIATION",
               "STATEMENT", "CONFLICT", "DISSOLUTION")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

# Timeline geometry, in SVG user units (the figure scales to the page width).
WIDTH, LEFT, RIGHT, TOP, BOTTOM = 1200, 170, 24, 30, 26
ROW, LANE_PAD = 14, 7
MULTI_YEAR_DAYS = 400  # an interval longer than this is drawn as a bar, shorter ones as a dot


def esc(value) -> str:
    """Any value as text safe inside HTML element content and quoted attributes."""
    return html.escape(cell(value), quote=True)


def _ids(value) -> list[str]:
    """A list column (a tuple in memory, a list in the store, ``;``-joined in a CSV) as a list."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in cell(value).split(";") if v]


def _day(value) -> date | None:
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


def _type_label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


# ---------------------------------------------------------------------------------------------------------
# Disputed words: the text of each evidence sentence that carries the value the sources disagree on.


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of needle in text, whole words only, case-insensitive."""
    if not needle.strip():
        return []
    pattern = rf"(?<!\w){re.escape(needle.strip())}(?!\w)"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def disputed_spans(evidence: str, attribute: str, value: str, claim: dict | None,
                   other_evidence: str = "") -> list[tuple[int, int]]:
    """Where in one evidence sentence the disputed value is written, as sorted, non-overlapping spans.

    Args:
        evidence: The sentence.
        attribute: The conflict's attribute (date, amount, quantity, role, ...).
        value: This side's value as conflicts.csv gives it (``2011-09``, ``1700000000 USD``).
        claim: This side's claims.csv row, whose ``date_text`` or ``actor_role`` is the written form.
        other_evidence: The other side's sentence; when no written form is found, the words that differ
            between two similar sentences are marked instead.

    Returns:
        ``(start, end)`` character offsets into evidence.
    """
    claim = claim or {}
    found: list[tuple[int, int]] = []
    if attribute == "date":
        found += _spans(evidence, cell(claim.get("date_text")))
    elif attribute == "role":
        found += _spans(evidence, cell(claim.get("actor_role")))
    elif attribute == "amount" and claim.get("amount") not in (None, ""):
        from .quantities import find_money

        amount = float(cell(claim.get("amount")))
        found += [(m.char_start, m.char_end) for m in find_money(evidence)
                  if abs(m.amount - amount) <= 0.005 * max(abs(amount), 1.0)]
    elif attribute == "quantity" and claim.get("quantity") not in (None, ""):
        from .quantities import to_number

        count = float(cell(claim.get("quantity")))
        found += [m.span() for m in re.finditer(r"[\w,.]+", evidence) if to_number(m.group(0).rstrip(",.")) == count]
    if not found:
        found += _spans(evidence, value)
    if not found and other_evidence:
        found += _word_diff(evidence, other_evidence)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(found)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _word_diff(text: str, other: str) -> list[tuple[int, int]]:
    """Words of text that the other sentence lacks, when the two are mostly the same sentence."""
    words = list(re.finditer(r"\w+", text))
    others = [m.group(0).lower() for m in re.finditer(r"\w+", other)]
    matcher = difflib.SequenceMatcher(None, [w.group(0).lower() for w in words], others, autojunk=False)
    if matcher.ratio() < 0.5:
        return []
    spans = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            spans.append((words[i1].start(), words[i2 - 1].end()))
    return spans


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Text escaped for HTML, each span wrapped in ``<mark>``."""
    out, pos = [], 0
    for start, end in spans:
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# The timeline figure.


@dataclass(frozen=True)
class _Mark:
    """One event on the timeline: its lane, horizontal extent, and the claim dates when it is disputed."""

    event: dict
    lane: str
    x0: float
    x1: float
    bar: bool
    alternatives: tuple[float, ...]
    radius: float


def _fraction(d: date) -> float:
    """A day as a fractional year (1 Jan 2011 → 2011.0)."""
    first = date(d.year, 1, 1)
    days = (date(d.year + 1, 1, 1) - first).days
    return d.year + (d - first).days / days


def _mid(start: date, end: date) -> float:
    return (_fraction(start) + _fraction(end + timedelta(days=1))) / 2


def _tick_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= 16:
            return step
    return 1000


def timeline_svg(events: list[dict], claims: dict[str, dict], documents: dict[str, dict]) -> tuple[str, int]:
    """The events as an SVG figure: one lane per event type, x axis in years.

    Agreed events are blue dots (bigger for more sources) or bars for multi-year intervals; a disputed event is
    red, with a dashed line joining the dates its sources give. Each mark has a ``<title>`` tooltip naming its
    sources and a ``data-ev`` attribute the page's script uses to show the evidence on click.

    Returns:
        The SVG markup and the number of events drawn.
    """
    dated = [e for e in events if _day(e.get("date_start"))]
    if not dated:
        return "", 0
    points: list[tuple[dict, float, float, tuple[float, ...]]] = []
    for e in dated:
        start, end = _day(e["date_start"]), _day(e.get("date_end")) or _day(e["date_start"])
        alternatives: tuple[float, ...] = ()
        if _ids(e.get("disputed")):
            mids = set()
            for cid in _ids(e.get("claim_ids")):
                c = claims.get(cid, {})
                cs = _day(c.get("date_start"))
                if cs:
                    mids.add(_mid(cs, _day(c.get("date_end")) or cs))
            alternatives = tuple(sorted(mids))
        points.append((e, _fraction(start), _fraction(end + timedelta(days=1)), alternatives))
    lo = math.floor(min(p[1] for p in points))
    hi = math.ceil(max(p[2] for p in points))
    step = _tick_step(max(hi - lo, 1))
    lo, hi = lo - lo % step, hi + (-hi) % step
    if hi == lo:
        hi = lo + step
    scale = (WIDTH - LEFT - RIGHT) / (hi - lo)

    def x(t: float) -> float:
        return LEFT + (t - lo) * scale

    lanes: dict[str, list[_Mark]] = {}
    for e, t0, t1, alternatives in points:
        n = int(cell(e.get("n_sources")) or 1)
        radius = 3.5 if n <= 1 else 4.5 if n == 2 else 5.5
        bar = not alternatives and (t1 - t0) * 365 > MULTI_YEAR_DAYS
        lane = cell(e.get("event_type")) or "OTHER"
        lanes.setdefault(lane, []).append(_Mark(e, lane, x(t0), x(t1), bar, tuple(x(a) for a in alternatives), radius))
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    lane_names = sorted(lanes, key=lambda t: (order.get(t, len(order)), t))

    # Pack each lane's marks into rows so that none overlaps another (greedy, in order of position).
    def extent(m: _Mark) -> tuple[float, float]:
        if m.alternatives:
            return min(m.alternatives) - m.radius - 2, max(m.alternatives) + m.radius + 2
        if m.bar:
            return m.x0 - 1, m.x1 + 1
        c = (m.x0 + m.x1) / 2
        return c - m.radius - 1, c + m.radius + 1

    layout: list[tuple[str, float, float, list[tuple[_Mark, int]]]] = []
    y = TOP
    for name in lane_names:
        rows_end: list[float] = []
        placed = []
        for m in sorted(lanes[name], key=lambda m: (extent(m), cell(m.event.get("event_id")))):
            a, b = extent(m)
            row = next((i for i, end in enumerate(rows_end) if end < a), len(rows_end))
            if row == len(rows_end):
                rows_end.append(b)
            rows_end[row] = b
            placed.append((m, row))
        height = max(len(rows_end), 1) * ROW + 2 * LANE_PAD
        layout.append((name, y, height, placed))
        y += height
    total_height = y + BOTTOM

    out = [f'<svg id="timeline-svg" viewBox="0 0 {WIDTH} {total_height:.0f}" width="100%" role="img" '
           f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
           '<title id="timeline-title">Timeline of the events, one lane per event type</title>']
    for i, (name, top, height, _) in enumerate(layout):
        if i % 2 == 0:
            out.append(f'<rect class="lane" x="0" y="{top:.1f}" width="{WIDTH}" height="{height:.1f}"/>')
        out.append(f'<text class="lane-label" x="{LEFT - 10}" y="{top + height / 2 + 4:.1f}" '
                   f'text-anchor="end">{esc(_type_label(name))}</text>')
    for year in range(lo, hi + 1, step):
        gx = x(year)
        out.append(f'<line class="grid" x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{gx:.1f}" y="{TOP - 10}" text-anchor="middle">{year}</text>')
        out.append(f'<text class="tick" x="{gx:.1f}" y="{y + 17:.1f}" text-anchor="middle">{year}</text>')
    for name, top, height, placed in layout:
        for m, row in placed:
            cy = top + LANE_PAD + row * ROW + ROW / 2
            out.append(_mark_svg(m, cy, claims, documents))
    out.append("</svg>")
    return "\n".join(out), len(dated)


def _sources_line(e: dict, documents: dict[str, dict]) -> str:
    return sources_phrase(cell(e.get("n_sources")), [_doc_name(documents.get(d), d) for d in _ids(e.get("doc_ids"))])


def _doc_name(doc: dict | None, doc_id: str) -> str:
    title = cell((doc or {}).get("title"))
    return f"{title} ({doc_id})" if title else doc_id


def _mark_svg(m: _Mark, cy: float, claims: dict[str, dict], documents: dict[str, dict]) -> str:
    e = m.event
    label = date_label(_day(e.get("date_start")), _day(e.get("date_end")), cell(e.get("date_granularity")))
    disputed = _ids(e.get("disputed"))
    tip = [f"{cell(e.get('subject')) or _type_label(cell(e.get('event_type')))}, {label}",
           _sources_line(e, documents)]
    if disputed:
        tip.append(f"Disputed: {cell(e.get('support')) or ', '.join(disputed)}")
    tip.append("Click for the evidence.")
    klass = "mark disputed" if disputed else "mark"
    parts = [f'<g class="{klass}" data-ev="{esc(e.get("event_id"))}" tabindex="0" role="button">',
             f"<title>{esc(chr(10).join(tip))}</title>"]
    if m.alternatives:
        a, b = min(m.alternatives), max(m.alternatives)
        if b > a:
            parts.append(f'<line class="span" x1="{a:.1f}" y1="{cy:.1f}" x2="{b:.1f}" y2="{cy:.1f}"/>')
        parts += [f'<circle class="dot" cx="{ax:.1f}" cy="{cy:.1f}" r="{m.radius}"/>' for ax in m.alternatives]
    elif m.bar:
        parts.append(f'<rect class="bar" x="{m.x0:.1f}" y="{cy - 4:.1f}" width="{max(m.x1 - m.x0, 2):.1f}" '
                     f'height="8" rx="3"/>')
    else:
        parts.append(f'<circle class="dot" cx="{(m.x0 + m.x1) / 2:.1f}" cy="{cy:.1f}" r="{m.radius}"/>')
    parts.append("</g>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Tables.


def _event_details(e: dict, claims: dict[str, dict], documents: dict[str, dict]) -> str:
    """The sources of one event and each claim's sentence; the timeline's click shows a copy of this."""
    label = date_label(_day(e.get("date_start")), _day(e.get("date_end")), cell(e.get("date_granularity")))
    rows = []
    for cid in _ids(e.get("claim_ids")):
        c = claims.get(cid)
        if not c:
            continue
        when = cell(c.get("date_text"))
        modality = cell(c.get("modality"))
        meta = ", ".join(v for v in (when, modality if modality not in ("", "asserted") else "") if v)
        rows.append(f'<li><span class="src">{esc(_doc_name(documents.get(cell(c.get("doc_id"))), cell(c.get("doc_id"))))}'
                    f'</span>{" · " + esc(meta) if meta else ""}<br>'
                    f'<q>{highlight(cell(c.get("evidence")), _spans(cell(c.get("evidence")), when))}</q></li>')
    disputed = _ids(e.get("disputed"))
    head = (f'<p class="evd-head"><b>{esc(e.get("subject") or _type_label(cell(e.get("event_type"))))}</b> · '
            f'{esc(label)} · {esc(_type_label(cell(e.get("event_type"))))} · {esc(_sources_line(e, documents))}</p>')
    note = f'<p class="support">Disputed: {esc(e.get("support") or ", ".join(disputed))}</p>' if disputed else ""
    return (f'<div class="evd" id="evd-{esc(e.get("event_id"))}">{head}{note}'
            f'<ul class="evidence">{"".join(rows)}</ul></div>')


MAX_CONFLICT_ROWS = 2000
"""The page shows the most severe conflicts up to this many; conflicts.csv always has every row."""


def _conflicts_table(conflicts: list[dict], claims: dict[str, dict], documents: dict[str, dict]) -> str:
    if not conflicts:
        return '<p class="empty">No conflicts: the sources agree wherever they describe the same event.</p>'
    rows = []
    ordered = sorted(conflicts, key=lambda c: (SEVERITY_ORDER.get(cell(c.get("severity")), 9), cell(c.get("subject")),
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
        rows.append(
            f'<tr id="conflict-{esc(c.get("conflict_id"))}">'
            f'<td><span class="sev sev-{esc(severity)}">{esc(severity)}</span></td>'
            f'<td class="subject"><a class="evlink" href="#evrow-{esc(c.get("event_id"))}">{esc(c.get("subject"))}</a></td>'
            f'<td>{esc(attribute)}</td>'
            f'<td class="values"><span class="va">{esc(c.get("value_a"))}</span> <span class="vs">vs</span> '
            f'<span class="vb">{esc(c.get("value_b"))}</span></td>'
            f'<td class="ev"><div class="src">{esc(_doc_name(documents.get(cell(c.get("doc_a"))), cell(c.get("doc_a"))))}</div>'
            f'{highlight(ev_a, spans_a)}</td>'
            f'<td class="ev"><div class="src">{esc(_doc_name(documents.get(cell(c.get("doc_b"))), cell(c.get("doc_b"))))}</div>'
            f'{highlight(ev_b, spans_b)}</td>'
            f'<td class="why">{esc(c.get("rationale"))}</td>'
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
        label = date_label(_day(e.get("date_start")), _day(e.get("date_end")), cell(e.get("date_granularity")))
        disputed = _ids(e.get("disputed"))
        n = len([cid for cid in _ids(e.get("claim_ids")) if cid in claims])
        klass = ' class="disputed"' if disputed else ""
        rows.append(
            f'<tr id="evrow-{esc(e.get("event_id"))}"{klass}>'
            f'<td class="nowrap">{esc(label)}</td><td>{esc(_type_label(cell(e.get("event_type"))))}</td>'
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


# ---------------------------------------------------------------------------------------------------------
# The page.

CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9dee3; --agreed:#2f6db5; --disputed:#c8372d; --bg:#ffffff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
nav a { margin-right: 14px; color: var(--agreed); text-decoration: none; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 4px; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: #f7f9fa; }
.counts b { font-size: 18px; display: block; }
.counts .hot b { color: var(--disputed); }
.legend { color: var(--muted); margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.legend svg { vertical-align: middle; }
.lg-agreed { fill: var(--agreed); fill-opacity: .75; }
.lg-bar { fill: var(--agreed); fill-opacity: .45; stroke: var(--agreed); }
.lg-disputed { fill: var(--disputed); }
.lg-span { stroke: var(--disputed); stroke-width: 2; stroke-dasharray: 4 3; }
#timeline-svg { display: block; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
#timeline-svg .lane { fill: #f4f6f8; }
#timeline-svg .lane-label { font-size: 12px; fill: var(--ink); }
#timeline-svg .tick { font-size: 11px; fill: var(--muted); }
#timeline-svg .grid { stroke: #e3e7eb; stroke-width: 1; }
.mark { cursor: pointer; outline: none; }
.mark .dot { fill: var(--agreed); fill-opacity: .75; stroke: #fff; stroke-width: 1; }
.mark .bar { fill: var(--agreed); fill-opacity: .45; stroke: var(--agreed); stroke-width: 1; }
.mark.disputed .dot { fill: var(--disputed); fill-opacity: .9; }
.mark .span { stroke: var(--disputed); stroke-width: 2; stroke-dasharray: 4 3; }
.mark:hover .dot, .mark:focus .dot, .mark.selected .dot { stroke: #111; stroke-width: 2; }
.mark:hover .bar, .mark:focus .bar, .mark.selected .bar { stroke: #111; stroke-width: 2; }
#detail { border: 1px solid var(--line); border-left: 4px solid var(--agreed); border-radius: 6px; padding: 8px 14px;
  margin-top: 10px; min-height: 44px; background: #fbfcfd; }
#detail.is-disputed { border-left-color: var(--disputed); }
#detail .hint { color: var(--muted); margin: 4px 0; }
.evd-head { margin: 2px 0 6px; }
td .evd-head { display: none; }
.support { color: var(--disputed); margin: 2px 0 6px; }
ul.evidence { margin: 0; padding-left: 18px; }
ul.evidence li { margin: 4px 0; }
.src { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f1f4f6; font-weight: 600; position: sticky; top: 0; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
table.conflicts td.ev { width: 27%; }
table.conflicts td.subject { width: 11%; }
table.conflicts td.why { width: 14%; }
.values { white-space: nowrap; font-variant-numeric: tabular-nums; }
.va, .vb { font-weight: 600; }
.vs { color: var(--muted); }
mark { background: #ffe36e; padding: 0 2px; border-radius: 2px; }
.sev { border-radius: 10px; padding: 1px 8px; font-size: 12px; color: #fff; background: var(--muted); }
.sev-high { background: var(--disputed); }
.sev-medium { background: #d9822b; }
.sev-low { background: #8a9ba8; }
.status { font-size: 12px; }
tr.disputed td:first-child { border-left: 3px solid var(--disputed); }
tr.skipped { color: var(--muted); }
.empty { color: var(--muted); }
details summary { cursor: pointer; color: var(--agreed); }
footer { color: var(--muted); font-size: 12px; max-width: 1400px; margin: 24px auto; padding: 0 20px; }
""".strip()

# Shows an event's evidence (a copy of its block in the events table) when a timeline mark is clicked, or on
# load for a link ending in #event-<event_id>; the copy is made with cloneNode, so no text is parsed as HTML.
SCRIPT = """
(function () {
  "use strict";
  var panel = document.getElementById("detail");
  function show(id) {
    var source = document.getElementById("evd-" + id);
    if (!source || !panel) { return; }
    var marks = document.querySelectorAll(".mark.selected");
    for (var i = 0; i < marks.length; i++) { marks[i].classList.remove("selected"); }
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    panel.replaceChildren(copy);
    var all = document.querySelectorAll(".mark");
    var disputed = false;
    for (var j = 0; j < all.length; j++) {
      if (all[j].getAttribute("data-ev") === id) {
        all[j].classList.add("selected");
        disputed = all[j].classList.contains("disputed");
      }
    }
    panel.classList.toggle("is-disputed", disputed);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest(".mark") : null;
    if (target) { show(target.getAttribute("data-ev")); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.classList && target.classList.contains("mark")) {
      event.preventDefault();
      show(target.getAttribute("data-ev"));
    }
  });
  if (location.hash.indexOf("#event-") === 0) { show(decodeURIComponent(location.hash.slice(7))); }
  document.body.dataset.marks = String(document.querySelectorAll("#timeline-svg .mark").length);
  document.body.dataset.ready = "1";
})();
""".strip()


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_report(tables: dict[str, list[dict]]) -> str:
    """The report page for one run's output tables.

    Args:
        tables: Rows of ``documents``, ``claims``, ``events`` and ``conflicts``, raw values (as from
            ``run.output_tables``) or as kept in the store.

    Returns:
        The HTML page, byte-identical for identical tables.
    """
    documents = tables.get("documents", [])
    claims_rows = tables.get("claims", [])
    events = tables.get("events", [])
    conflicts = tables.get("conflicts", [])
    docs_by_id = {cell(d.get("doc_id")): d for d in documents}
    claims = {cell(c.get("claim_id")): c for c in claims_rows}

    svg, drawn = timeline_svg(events, claims, docs_by_id)
    ok = sum(1 for d in documents if cell(d.get("status")) == "ok")
    disputed = sum(1 for e in events if _ids(e.get("disputed")))
    undated = len(events) - drawn
    open_conflicts = sum(1 for c in conflicts if (cell(c.get("status")) or "open") == "open")
    by_severity = [f"{n} {s}" for s in SEVERITY_ORDER if (n := sum(1 for c in conflicts if cell(c.get("severity")) == s))]
    counts = [
        ("", f"{ok}", f"articles ({len(documents) - ok} skipped)"),
        ("", f"{len(claims_rows)}", "claims"),
        ("", f"{len(events)}", f"events ({drawn} dated)"),
        ("hot" if disputed else "", f"{disputed}", "disputed events"),
        ("hot" if open_conflicts else "", f"{len(conflicts)}", f"conflicts ({', '.join(by_severity + [f'{open_conflicts} open'])})"),
    ]
    counts_html = "".join(f'<li class="{k}"><b>{v}</b>{esc(label)}</li>' if k else f"<li><b>{v}</b>{esc(label)}</li>"
                          for k, v, label in counts)
    legend = ('<p class="legend">'
              '<span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="4.5" class="lg-agreed"/>'
              '</svg> agreed event (a bigger dot: more sources)</span>'
              '<span><svg width="30" height="14" aria-hidden="true"><rect x="2" y="3" width="26" height="8" rx="3" '
              'class="lg-bar"/></svg> an interval of several years</span>'
              '<span><svg width="44" height="14" aria-hidden="true"><line x1="7" y1="7" x2="37" y2="7" class="lg-span"/>'
              '<circle cx="7" cy="7" r="4.5" class="lg-disputed"/><circle cx="37" cy="7" r="4.5" class="lg-disputed"/>'
              '</svg> disputed: a dot for each date the sources give</span>'
              '<span>Hover a mark for its sources; click it for the evidence.'
              + (f" {undated} undated event{'s are' if undated != 1 else ' is'} in the events table only."
                 if undated else "") + "</span></p>")
    timeline = (legend + svg + '<div id="detail" aria-live="polite"><p class="hint">Click a mark on the timeline to '
                'see its sources and their sentences.</p></div>') if svg else '<p class="empty">No dated events.</p>'
    body = f"""<header>
<h1>claimline report</h1>
<nav><a href="#timeline">Timeline</a><a href="#conflicts">Conflicts</a><a href="#events">Events</a><a href="#articles">Articles</a></nav>
<ul class="counts">{counts_html}</ul>
</header>
<main>
<section id="timeline"><h2>Timeline</h2>
{timeline}
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
    csp = (f"default-src 'none'; script-src {_csp_hash(SCRIPT)}; style-src {_csp_hash(CSS)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimline report</title>
<link rel="icon" href="data:,">
<style>{CSS}</style>
</head>
<body>
{body}
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_report(out: Path, tables: dict[str, list[dict]]) -> Path:
    """Write ``report.html`` into the output folder (atomically).

    Returns:
        The path written.
    """
    path = out / REPORT_NAME
    write_atomic(path, render_report(tables))
    return path

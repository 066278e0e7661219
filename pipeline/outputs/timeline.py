"""The report's timeline figure: one lane per event type, years across, each event a dot or a bar."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from .cells import date_label, day, esc, ids, sources_line, type_label
from .csv import cell

# Timeline geometry, in SVG user units (the figure scales to the page width).
WIDTH, LEFT, RIGHT, TOP, BOTTOM = 1200, 170, 24, 30, 26
ROW, LANE_PAD = 14, 7
MULTI_YEAR_DAYS = 400  # an interval longer than this is drawn as a bar, shorter ones as a dot


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


@dataclass(frozen=True)
class _Axis:
    """The years the figure spans, its tick step, and the horizontal scale."""

    lo: int
    hi: int
    step: int

    @property
    def scale(self) -> float:
        return (WIDTH - LEFT - RIGHT) / (self.hi - self.lo)

    def x(self, t: float) -> float:
        """A fractional year's horizontal position."""
        return LEFT + (t - self.lo) * self.scale


def _point(e: dict, claims: dict[str, dict]) -> tuple[dict, float, float, tuple[float, ...]]:
    """An event's start and end as fractional years, and for a disputed event the middle of each claim's date."""
    start, end = day(e["date_start"]), day(e.get("date_end")) or day(e["date_start"])
    alternatives: tuple[float, ...] = ()
    if ids(e.get("disputed")):
        mids = set()
        for cid in ids(e.get("claim_ids")):
            c = claims.get(cid, {})
            cs = day(c.get("date_start"))
            if cs:
                mids.add(_mid(cs, day(c.get("date_end")) or cs))
        alternatives = tuple(sorted(mids))
    return e, _fraction(start), _fraction(end + timedelta(days=1)), alternatives


def _axis(points: list[tuple[dict, float, float, tuple[float, ...]]]) -> _Axis:
    """Whole years around every point, rounded out to the tick step."""
    lo = math.floor(min(p[1] for p in points))
    hi = math.ceil(max(p[2] for p in points))
    step = _tick_step(max(hi - lo, 1))
    lo, hi = lo - lo % step, hi + (-hi) % step
    if hi == lo:
        hi = lo + step
    return _Axis(lo, hi, step)


def _mark(e: dict, t0: float, t1: float, alternatives: tuple[float, ...], axis: _Axis) -> _Mark:
    n = int(cell(e.get("n_sources")) or 1)
    radius = 3.5 if n <= 1 else 4.5 if n == 2 else 5.5
    bar = not alternatives and (t1 - t0) * 365 > MULTI_YEAR_DAYS
    lane = cell(e.get("event_type")) or "OTHER"
    return _Mark(e, lane, axis.x(t0), axis.x(t1), bar, tuple(axis.x(a) for a in alternatives), radius)


def _extent(m: _Mark) -> tuple[float, float]:
    """The horizontal room a mark takes, with a little space around it."""
    if m.alternatives:
        return min(m.alternatives) - m.radius - 2, max(m.alternatives) + m.radius + 2
    if m.bar:
        return m.x0 - 1, m.x1 + 1
    c = (m.x0 + m.x1) / 2
    return c - m.radius - 1, c + m.radius + 1


def _pack(marks: list[_Mark]) -> tuple[list[tuple[_Mark, int]], int]:
    """A lane's marks placed in rows so that none overlaps another (greedy, in order of position); returns each
    mark with its row, and the number of rows."""
    rows_end: list[float] = []
    placed = []
    for m in sorted(marks, key=lambda m: (_extent(m), cell(m.event.get("event_id")))):
        a, b = _extent(m)
        row = next((i for i, end in enumerate(rows_end) if end < a), len(rows_end))
        if row == len(rows_end):
            rows_end.append(b)
        rows_end[row] = b
        placed.append((m, row))
    return placed, len(rows_end)


def timeline_svg(events: list[dict], claims: dict[str, dict], documents: dict[str, dict], *,
                 lane_order: tuple[str, ...] = ()) -> tuple[str, int]:
    """The events as an SVG figure: one lane per event type, x axis in years.

    Agreed events are blue dots (bigger for more sources) or bars for multi-year intervals; a disputed event is
    red, with a dashed line joining the dates its sources give. Each mark has a ``<title>`` tooltip naming its
    sources and a ``data-ev`` attribute the page's script uses to show the evidence on click.

    Args:
        events: Rows of events.
        claims: Rows of claims by claim_id.
        documents: Rows of documents by doc_id.
        lane_order: Event types in the order of their lanes (the rules' order); other types follow
            alphabetically.

    Returns:
        The SVG markup and the number of events drawn.
    """
    points = [_point(e, claims) for e in events if day(e.get("date_start"))]
    if not points:
        return "", 0
    axis = _axis(points)
    lanes: dict[str, list[_Mark]] = {}
    for point in points:
        m = _mark(*point, axis)
        lanes.setdefault(m.lane, []).append(m)
    order = {t: i for i, t in enumerate(lane_order)}
    layout: list[tuple[str, float, float, list[tuple[_Mark, int]]]] = []
    y = TOP
    for name in sorted(lanes, key=lambda t: (order.get(t, len(order)), t)):
        placed, rows = _pack(lanes[name])
        height = max(rows, 1) * ROW + 2 * LANE_PAD
        layout.append((name, y, height, placed))
        y += height
    return _svg(layout, axis, y, claims, documents), len(points)


def _svg(layout: list[tuple[str, float, float, list[tuple[_Mark, int]]]], axis: _Axis, y: float,
         claims: dict[str, dict], documents: dict[str, dict]) -> str:
    """The figure's markup: lanes, year grid, marks; ``y`` is where the last lane ends."""
    out = [f'<svg id="timeline-svg" viewBox="0 0 {WIDTH} {y + BOTTOM:.0f}" width="100%" role="img" '
           f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
           '<title id="timeline-title">Timeline of the events, one lane per event type</title>']
    for i, (name, top, height, _) in enumerate(layout):
        if i % 2 == 0:
            out.append(f'<rect class="lane" x="0" y="{top:.1f}" width="{WIDTH}" height="{height:.1f}"/>')
        out.append(f'<text class="lane-label" x="{LEFT - 10}" y="{top + height / 2 + 4:.1f}" '
                   f'text-anchor="end">{esc(type_label(name))}</text>')
    for year in range(axis.lo, axis.hi + 1, axis.step):
        gx = axis.x(year)
        out.append(f'<line class="grid" x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{gx:.1f}" y="{TOP - 10}" text-anchor="middle">{year}</text>')
        out.append(f'<text class="tick" x="{gx:.1f}" y="{y + 17:.1f}" text-anchor="middle">{year}</text>')
    for _, top, _, placed in layout:
        for m, row in placed:
            out.append(_mark_svg(m, top + LANE_PAD + row * ROW + ROW / 2, claims, documents))
    out.append("</svg>")
    return "\n".join(out)


def _mark_svg(m: _Mark, cy: float, claims: dict[str, dict], documents: dict[str, dict]) -> str:
    """One event's mark, with its tooltip."""
    e = m.event
    label = date_label(day(e.get("date_start")), day(e.get("date_end")), cell(e.get("date_granularity")))
    disputed = ids(e.get("disputed"))
    tip = [f"{cell(e.get('subject')) or type_label(cell(e.get('event_type')))}, {label}",
           sources_line(e, documents)]
    if disputed:
        tip.append(f"Disputed: {cell(e.get('support')) or ', '.join(disputed)}")
    tip.append("Click for the evidence.")
    status = cell(e.get("status")) or "happened"
    if status not in ("happened", "disputed"):
        tip.insert(1, f"Status: {status} (did not take place as told)")
    klass = "mark" + (" disputed" if disputed else "") + (" unhappened" if status not in ("happened", "disputed")
                                                          else "")
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


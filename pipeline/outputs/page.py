"""The report page's frame: inline CSS and script, admitted by hash by the Content-Security-Policy."""
from __future__ import annotations

import base64
import hashlib


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
.mark.unhappened .dot, .mark.unhappened .bar, .lg-unhappened { fill: #fff; fill-opacity: 1; stroke: var(--muted);
  stroke-width: 1.5; stroke-dasharray: 2 2; }
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
tr.both-sides td:first-child { border-left: 3px dashed var(--disputed); }
.both { margin: 0 0 6px; padding: 4px 6px; background: #fdf0ee; border-radius: 4px; }
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


#: The timeline's legend, up to the end of its last sentence (the report adds how many events are undated).
LEGEND = ('<p class="legend">'
          '<span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="4.5" class="lg-agreed"/>'
          '</svg> agreed event (a bigger dot: more sources)</span>'
          '<span><svg width="30" height="14" aria-hidden="true"><rect x="2" y="3" width="26" height="8" rx="3" '
          'class="lg-bar"/></svg> an interval of several years</span>'
          '<span><svg width="44" height="14" aria-hidden="true"><line x1="7" y1="7" x2="37" y2="7" class="lg-span"/>'
          '<circle cx="7" cy="7" r="4.5" class="lg-disputed"/><circle cx="37" cy="7" r="4.5" class="lg-disputed"/>'
          '</svg> disputed: a dot for each date the sources give</span>'
          '<span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="4.5" class="lg-unhappened"/>'
          '</svg> planned, cancelled or denied: not an event that took place</span>'
          '<span>Hover a mark for its sources; click it for the evidence.')


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(body: str) -> str:
    """The whole HTML document around ``body``, with the style and script its policy admits."""
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

"""report.html: self-contained, deterministic, escaped, conflicts marked, and a timeline a real browser draws."""
from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest
from conftest import read_csv

from pipeline.claims import load_event_rules
from pipeline.export import export_table
from pipeline.outputs.report import REPORT_NAME, date_label, disputed_spans, highlight, render_report
from pipeline.run import output_tables, run_corpus, stored_result

HOSTILE = ('=HYPERLINK("http://evil","x") President Asif Ali Zardari visited Russia in September 2011 '
           '<script>alert(1)</script>.\n')


def stored_tables(out: Path) -> dict[str, list[dict]]:
    return output_tables(stored_result(out))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """A two-article corpus whose first article carries a formula and a script tag in a claim's sentence."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "b.txt").write_text("President Asif Ali Zardari visited Russia in May 2011.\n", encoding="utf-8")
    out = base / "out"
    run_corpus(corpus, out)
    return base, out


# --- the page from the seed run ------------------------------------------------------------------------------


def test_report_is_written_by_every_run(seed_run):
    _, out, _ = seed_run
    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for section in ("timeline", "conflicts", "events", "articles"):
        assert f'<section id="{section}">' in page


def test_report_is_deterministic_and_the_same_from_the_store(seed_run, tmp_path):
    corpus, out, _ = seed_run
    page = (out / REPORT_NAME).read_bytes()
    lanes = tuple(t.name for t in load_event_rules().types)
    assert render_report(stored_tables(out), lane_order=lanes).encode("utf-8") == page
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    run_corpus(corpus, out2)
    assert (out2 / REPORT_NAME).read_bytes() == page
    assert not re.search(rb"\d{4}-\d\d-\d\dT\d\d:\d\d", page), "no timestamps"


def test_report_needs_no_network(seed_run):
    page = (seed_run[1] / REPORT_NAME).read_text(encoding="utf-8")
    assert not re.search(r"""\s(src|href|action)\s*=\s*["'](?!#|data:)""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page
    assert "<link" not in page.replace('<link rel="icon" href="data:,">', "")
    assert "default-src 'none'" in page


def test_report_header_counts_match_the_csv_files(seed_run):
    _, out, _ = seed_run
    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    assert f"<b>{len(read_csv(out / 'claims.csv'))}</b>claims" in page
    assert f"<b>{len(read_csv(out / 'conflicts.csv'))}</b>conflicts" in page


def test_report_timeline_has_one_mark_per_dated_event_and_marks_disputed_ones(seed_run):
    _, out, _ = seed_run
    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    events = read_csv(out / "events.csv")
    dated = [e for e in events if e["date_start"]]
    disputed = [e for e in dated if e["disputed"]]
    assert disputed, "the seed corpus has disputed events"
    assert page.count('<g class="mark') == len(dated)
    assert page.count('<g class="mark disputed"') == len(disputed)
    cento = next(e for e in disputed if "CENTO" in e["subject"])
    mark = re.search(rf'<g class="mark disputed" data-ev="{cento["event_id"]}".*?</g>', page, re.S).group(0)
    tooltip = re.search(r"<title>(.*?)</title>", mark, re.S).group(1)
    assert "2 articles (1 independent source)" in tooltip and "000_a99e2305c91fe4e6" in tooltip and "001_d2656cac8990173e" in tooltip
    assert mark.count("<circle") == 2, "one dot for each date the sources give (1974, 1979)"


@pytest.mark.parametrize("subject,marked", [
    ("Pakistan exits CENTO", {"1974", "1979"}),
    ("Asif Ali Zardari visits Russia", {"September 2011", "May 2011"}),
])
def test_report_conflict_rows_mark_the_disputed_words(seed_run, subject, marked):
    page = (seed_run[1] / REPORT_NAME).read_text(encoding="utf-8")
    rows = [r for r in re.findall(r'<tr id="conflict-.*?</tr>', page, re.S) if f">{subject}</a>" in r]
    assert rows
    for row in rows:
        evidence = re.findall(r'<td class="ev">(.*?)</td>', row, re.S)
        assert len(evidence) == 2, "evidence a and b side by side"
        assert {m for cell in evidence for m in re.findall(r"<mark>(.*?)</mark>", cell)} == marked



def test_report_row_with_one_article_on_both_sides_says_the_article_gives_both_values(seed_run):
    """Seed 001 dates the Soviet break-up to 1991 and to 1992 (docs_a 000;001, docs_b 001): its row says that this
    article gives both values and names it; a row whose sides share no article says nothing of the kind."""
    _, out, _ = seed_run
    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    titles = {d["doc_id"]: d["title"] for d in read_csv(out / "documents.csv")}
    marked = 0
    for c in read_csv(out / "conflicts.csv"):
        row = re.search(rf'<tr id="conflict-{c["conflict_id"]}"[^>]*>.*?</tr>', page, re.S).group(0)
        both = sorted(set(c["docs_a"].split(";")) & set(c["docs_b"].split(";")))
        assert ('class="both-sides"' in row) == bool(both) and ("gives both values" in row) == bool(both)
        if both:
            marked += 1
            (doc,) = both
            assert f'({c["value_a"]} and {c["value_b"]})' in row and f"({doc})" in row
            assert html.escape(titles[doc]) in row
    soviet = next(c for c in read_csv(out / "conflicts.csv") if c["subject"] == "Soviet Union dissolves")
    assert "001_d2656cac8990173e" in soviet["docs_a"].split(";") and soviet["docs_b"] == "001_d2656cac8990173e"
    assert marked >= 1


@pytest.mark.parametrize("docs_a,docs_b,expected", [
    ("d1;d2", "d1", ["This article gives both values (1991 and 1992): Title one (d1)."]),
    (("d1", "d2"), ("d1", "d2"), ["These 2 articles each give both values (1991 and 1992): Title one (d1); d2."]),
    ("d1", "d2", []),
])
def test_report_both_sides_marker_reads_store_and_run_rows(docs_a, docs_b, expected):
    """docs_a/docs_b come as ``;``-joined text (the store, a CSV) or as tuples (a run)."""
    tables = {"documents": [{"doc_id": "d1", "title": "Title one", "status": "ok"}],
              "conflicts": [{"conflict_id": "k1", "event_id": "e1", "subject": "Soviet Union dissolves",
                             "attribute": "date", "value_a": "1991", "value_b": "1992", "docs_a": docs_a,
                             "docs_b": docs_b, "doc_a": "d1", "doc_b": "d1", "severity": "high"}]}
    page = render_report(tables)
    found = re.findall(r'<p class="both"><b>Within one article:</b> (.*?\.) It contradicts itself', page)
    assert found == expected


def test_report_timeline_lanes_follow_the_event_rules(seed_run):
    """The lanes are in the order events.yaml lists the event types; a type the rules lack comes last."""
    _, out, _ = seed_run
    tables = stored_tables(out)
    page = render_report(tables, lane_order=("VISIT", "DISSOLUTION"))
    labels = re.findall(r'class="lane-label"[^>]*>([^<]*)<', page)
    assert labels[:2] == ["Visit", "Dissolution"] and labels[2:] == sorted(labels[2:])
    rules_order = [t.name.replace("_", " ").capitalize() for t in load_event_rules().types]
    written = re.findall(r'class="lane-label"[^>]*>([^<]*)<', (out / REPORT_NAME).read_text(encoding="utf-8"))
    assert written == [name for name in rules_order if name in written]


def test_report_lists_every_article(seed_run):
    _, out, _ = seed_run
    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    table = re.search(r'<table class="documents">.*?</table>', page, re.S).group(0)
    for d in read_csv(out / "documents.csv"):
        assert d["doc_id"] in table and f"{int(d['words']):,}" in table


# --- escaping and spreadsheet safety -------------------------------------------------------------------------


def test_report_escapes_article_text_and_csv_neutralises_formulas(hostile_run, tmp_path):
    _, out = hostile_run
    claims = read_csv(out / "claims.csv")
    hostile = next(c for c in claims if c["doc_id"] == "a")
    assert hostile["evidence"].startswith("'=HYPERLINK(")
    conflict = read_csv(out / "conflicts.csv")[0]
    assert "'=HYPERLINK(" in (conflict["evidence_a"] + conflict["evidence_b"])

    target = tmp_path / "claims.jsonl"
    export_table(out, what="claims", fmt="jsonl", path=target)
    raw = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert next(r for r in raw if r["doc_id"] == "a")["evidence"].startswith('=HYPERLINK("http://evil","x")')

    pd = pytest.importorskip("pandas")
    export_table(out, what="claims", fmt="parquet", path=tmp_path / "claims.parquet")
    frame = pd.read_parquet(tmp_path / "claims.parquet")
    assert frame[frame.doc_id == "a"].evidence.iloc[0].startswith("=HYPERLINK(")

    page = (out / REPORT_NAME).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert page.count("<script") == 1, "only the report's own script"
    assert "<mark>September 2011</mark>" in page and "<mark>May 2011</mark>" in page


def test_report_escapes_every_field_it_shows():
    evil = '<img src=x onerror="alert(1)">'
    tables = {
        "documents": [{"doc_id": "d<1>", "title": evil, "author": evil, "published": "2012", "words": 3,
                       "sentences": 1, "claims": 1, "status": "skipped", "reason": evil}],
        "claims": [{"claim_id": "c1", "doc_id": "d<1>", "date_text": "2011", "evidence": evil + " in 2011",
                    "modality": evil}],
        "events": [{"event_id": "e1", "event_type": evil, "subject": evil, "date_start": "2011-01-01",
                    "date_end": "2011-12-31", "date_granularity": "year", "n_sources": 1, "doc_ids": ["d<1>"],
                    "claim_ids": ["c1"], "disputed": ["date"], "support": evil}],
        "conflicts": [{"conflict_id": "k1", "event_id": "e1", "subject": evil, "attribute": evil, "value_a": evil,
                       "value_b": "2011", "claim_a": "c1", "claim_b": "c1", "doc_a": "d<1>", "doc_b": "d<1>",
                       "evidence_a": evil, "evidence_b": evil + " in 2011", "severity": evil, "rationale": evil,
                       "status": evil, "resolution": evil}],
    }
    page = render_report(tables)
    assert "<img" not in page and "d<1>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


# --- disputed words, labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize("evidence,attribute,value,claim,other,expected", [
    ("Pakistan had left SEATO and CENTO in 1974, in 1980s it again", "date", "1974", {"date_text": "1974"}, "",
     ["1974"]),
    ("Zardari visited Russia in September 2011, the first visit in 37 years.", "date", "2011-09",
     {"date_text": "September 2011"}, "", ["September 2011"]),
    ("Russia agreed to sell four Mi-35 helicopters to Pakistan.", "quantity", "4", {"quantity": 4}, "", ["four"]),
    ("Russia will invest $1.7 billion in the pipeline.", "amount", "1700000000 USD",
     {"amount": 1700000000.0, "currency": "USD"}, "", ["$1.7 billion"]),
    ("Deputy Prime Minister Ishaq Dar met Putin.", "role", "Deputy Prime Minister",
     {"actor_role": "Deputy Prime Minister"}, "", ["Deputy Prime Minister"]),
    ("The two sides met in Moscow and Sochi.", "location", "Sochi", {}, "", ["Sochi"]),
    ("The talks were held in Moscow last week.", "location", "x", {}, "The talks were held in Sochi last week.",
     ["Moscow"]),
    ("Nothing in common here at all.", "location", "x", {}, "Entirely different words in this sentence.", []),
])
def test_report_disputed_spans(evidence, attribute, value, claim, other, expected):
    spans = disputed_spans(evidence, attribute, value, claim, other)
    assert [evidence[a:b] for a, b in spans] == expected


def test_report_highlight_escapes_inside_and_outside_marks():
    text = "a <b> 1974 & c"
    assert highlight(text, [(6, 10)]) == "a &lt;b&gt; <mark>1974</mark> &amp; c"


@pytest.mark.parametrize("start,end,granularity,expected", [
    (date(2011, 1, 1), date(2011, 12, 31), "year", "2011"),
    (date(2011, 9, 1), date(2011, 9, 30), "month", "2011-09"),
    (date(2011, 9, 24), date(2011, 9, 24), "day", "2011-09-24"),
    (date(1970, 1, 1), date(1979, 12, 31), "decade", "1970–1979"),
    (date(1974, 1, 1), date(1979, 12, 31), "range", "1974–1979"),
    (date(2011, 5, 1), date(2011, 9, 30), "range", "2011-05–2011-09"),
    (date(2012, 10, 1), date(2012, 10, 7), "week", "2012-10-01–2012-10-07"),
    (None, None, "", "undated"),
])
def test_report_date_label_keeps_precision(start, end, granularity, expected):
    assert date_label(start, end, granularity) == expected


# --- a real browser --------------------------------------------------------------------------------------------


def chromium(args: list[str], page: Path, profile: Path, fragment: str = "") -> subprocess.CompletedProcess:
    """Run headless Debian chromium on a local file; skip the test when chromium is not installed."""
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get install -y chromium)")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--window-size=1400,1000", *args, page.resolve().as_uri() + fragment]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_report_loads_in_chromium_without_console_errors(seed_run, tmp_path):
    _, out, _ = seed_run
    proc = chromium(["--enable-logging=stderr", "--v=0", "--dump-dom"], out / REPORT_NAME, tmp_path / "profile")
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == [], "\n".join(console)
    body = re.search(r"<body[^>]*>", proc.stdout).group(0)
    assert 'data-ready="1"' in body, "the report's script ran"
    dated = sum(1 for e in read_csv(out / "events.csv") if e["date_start"])
    assert f'data-marks="{dated}"' in body


def test_report_script_shows_an_events_evidence_in_the_panel(seed_run, tmp_path):
    _, out, _ = seed_run
    cento = next(e for e in read_csv(out / "events.csv") if e["subject"] == "Pakistan exits CENTO")
    proc = chromium(["--dump-dom"], out / REPORT_NAME, tmp_path / "profile", f"#event-{cento['event_id']}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    panel = re.search(r'<div id="detail".*?</ul></div></div>', proc.stdout, re.S).group(0)
    assert "is-disputed" in panel and "Pakistan exits CENTO" in panel
    assert "<mark>1974</mark>" in panel and "<mark>1979</mark>" in panel
    assert re.search(rf'<g class="mark disputed selected" data-ev="{cento["event_id"]}"', proc.stdout)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes) into rows of RGB bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line if bpp == 3 else b"".join(line[i:i + 3] for i in range(0, stride, 4))))
        prev = line
    return width, height, rows


def test_report_screenshot_shows_the_timeline(seed_run, tmp_path):
    _, out, _ = seed_run
    shot = tmp_path / "report.png"
    proc = chromium([f"--screenshot={shot}"], out / REPORT_NAME, tmp_path / "profile")
    assert proc.returncode == 0 and shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000
    width, height, rows = png_pixels(data)
    assert (width, height) == (1400, 1000)
    colours = {row[i:i + 3] for row in rows[::4] for i in range(0, len(row), 12)}
    assert len(colours) > 50, "not a blank page"
    pixels = [row[i:i + 3] for row in rows for i in range(0, len(row), 3)]
    red = sum(1 for r, g, b in pixels if r > 170 and g < 90 and b < 90)
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 120 and b - r > 60)
    assert red > 50, "disputed events drawn in red"
    assert blue > 200, "agreed events drawn in blue"

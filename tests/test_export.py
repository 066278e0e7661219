"""Output files: spreadsheet-safe cells, atomic writes, the TimelineJS export."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.outputs import csv_text, precision, safe, timelinejs, write_atomic


@pytest.mark.parametrize("text,expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+2", "'+1+2"),
    ("-A1", "'-A1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-5", "-5"),
    ("-1.5", "-1.5"),
    ("Pakistan", "Pakistan"),
    ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),   # full-width =
    ("\uff0b1", "'\uff0b1"),               # full-width +
    ("\uff0d1", "'\uff0d1"),               # full-width -
    ("\uff20SUM(A1)", "'\uff20SUM(A1)"),   # full-width @
    ("\ufe66HYPERLINK(1)", "'\ufe66HYPERLINK(1)"),  # small =
])
def test_export_cells_are_neutralised(text, expected):
    assert safe(text) == expected


def test_export_csv_text_is_safe_and_stable():
    rows = [{"a": "=1+1", "b": 2.0, "c": None}]
    assert csv_text(rows, ["a", "b", "c"]) == "a,b,c\n'=1+1,2,\n"
    assert csv_text([{"a": "\uff1d1+1"}], ["a"]) == "a\n'\uff1d1+1\n"


_CELLS = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(alphabet=st.sampled_from('ab ,"\n\r=+-@\t\'1.'), max_size=12))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_CELLS, _CELLS, _CELLS), max_size=6))
def test_export_csv_text_writes_what_the_csv_module_writes(cells):
    """csv_text quotes by hand for speed; it must read back as written, and write the bytes csv.writer writes."""
    import csv
    import io

    from pipeline.outputs import cell

    columns = ["a", "b,c", 'd"']
    rows = [dict(zip(columns, values)) for values in cells]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    expected_cells = [[safe(cell(v)) if cell(v) else "" for v in values] for values in cells]
    writer.writerows(expected_cells)
    text = csv_text(rows, columns)
    assert list(csv.reader(io.StringIO(text, newline=""))) == [columns, *expected_cells]
    if not any("\r" in c for r in expected_cells for c in r):  # csv.writer leaves a lone \r unquoted; we quote it
        assert text == buf.getvalue()


def test_export_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "x.csv"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def tl_event(start, end, granularity, **extra) -> dict:
    """An events row as the store keeps it."""
    row = {"event_id": "e1", "event_type": "VISIT", "subject": "Asif Ali Zardari visits Russia", "date_start": start,
           "date_end": end, "date_granularity": granularity, "n_sources": 1, "doc_ids": ["d1"], "claim_ids": ["c1"],
           "disputed": [], "support": ""}
    return {**row, **extra}


@pytest.mark.parametrize("start,end,granularity,start_date,end_date", [
    ("2011-01-01", "2011-12-31", "year", {"year": 2011}, None),
    ("2011-09-01", "2011-09-30", "month", {"year": 2011, "month": 9}, None),
    ("2011-09-24", "2011-09-24", "day", {"year": 2011, "month": 9, "day": 24}, None),
    ("2012-10-01", "2012-10-07", "week", {"year": 2012, "month": 10, "day": 1}, {"year": 2012, "month": 10, "day": 7}),
    ("2011-01-01", "2011-03-31", "quarter", {"year": 2011, "month": 1}, {"year": 2011, "month": 3}),
    ("2011-12-01", "2012-02-29", "season", {"year": 2011, "month": 12}, {"year": 2012, "month": 2}),
    ("1970-01-01", "1979-12-31", "decade", {"year": 1970}, {"year": 1979}),
    ("1901-01-01", "2000-12-31", "century", {"year": 1901}, {"year": 2000}),
    ("1974-01-01", "1979-12-31", "range", {"year": 1974}, {"year": 1979}),
    ("2011-05-01", "2011-09-30", "range", {"year": 2011, "month": 5}, {"year": 2011, "month": 9}),
    ("2014-03-10", "2014-03-12", "range", {"year": 2014, "month": 3, "day": 10}, {"year": 2014, "month": 3, "day": 12}),
    ("2011-01-01", "2012-12-31", "year", {"year": 2011}, {"year": 2012}),
])
def test_export_timelinejs_dates_keep_their_precision(start, end, granularity, start_date, end_date):
    (slide,) = timelinejs([tl_event(start, end, granularity)], [])["events"]
    assert slide["start_date"] == start_date
    assert slide.get("end_date") == end_date


def test_export_timelinejs_accepts_raw_rows_and_skips_undated_events():
    raw = tl_event(date(2011, 9, 1), date(2011, 9, 30), "month", event_id="e2", claim_ids=("c1",), doc_ids=("d1",))
    data = timelinejs([tl_event(None, None, "", event_id="e0"), raw], [])
    assert [s["unique_id"] for s in data["events"]] == ["e2"]
    assert data["events"][0]["start_date"] == {"year": 2011, "month": 9}
    assert data["title"]["text"]["text"] == "1 dated events"


def test_export_timelinejs_text_names_the_sources_escaped():
    events = [tl_event("2011-05-01", "2011-09-30", "range", n_sources=1, doc_ids=["d1", "d2"], claim_ids=["c1", "c2"],
                       disputed=["date"], support="date: no majority: 2011-05 (1 source) vs 2011-09 (1 source)",
                       subject="Zardari <visits> Russia")]
    claims = [{"claim_id": "c1", "doc_id": "d1", "evidence": "Zardari visited Russia in May 2011 <script>x</script>."},
              {"claim_id": "c2", "doc_id": "d2", "evidence": "Zardari visited Russia in September 2011."}]
    documents = [{"doc_id": "d1", "title": "New initiatives & more"}, {"doc_id": "d2", "title": ""}]
    (slide,) = timelinejs(events, claims, documents)["events"]
    assert slide["text"]["headline"] == "Zardari &lt;visits&gt; Russia"
    text = slide["text"]["text"]
    assert "2 articles (1 independent source): New initiatives &amp; more (d1); d2" in text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "September 2011" in text and "no majority" in text
    assert slide["group"] == "disputed"


@pytest.mark.parametrize("start,end,granularity,unit", [
    (date(2011, 1, 1), date(2011, 12, 31), "year", "year"),
    (date(2011, 1, 1), date(2011, 3, 31), "quarter", "month"),
    (date(2012, 10, 1), date(2012, 10, 7), "week", "day"),
    (date(1974, 1, 1), date(1979, 12, 31), "range", "year"),
    (date(2011, 5, 1), date(2011, 9, 30), "range", "month"),
    (date(2011, 5, 3), date(2011, 9, 30), "range", "day"),
    (date(2011, 5, 1), date(2011, 5, 31), "", "month"),
])
def test_export_precision_of_an_interval(start, end, granularity, unit):
    assert precision(start, end, granularity) == unit


@pytest.mark.parametrize("status, group", [("happened", None), ("cancelled", "not happened: cancelled"),
                                           ("planned", "not happened: planned")])
def test_export_timelinejs_events_that_did_not_happen_are_apart(status, group):
    (slide,) = timelinejs([tl_event("2012-10-01", "2012-10-31", "month", status=status)], [])["events"]
    assert slide.get("group") == group

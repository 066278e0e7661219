"""Output files: spreadsheet-safe cells, atomic writes."""
from __future__ import annotations

import pytest

from pipeline.export import csv_text, safe, write_atomic


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
])
def test_export_cells_are_neutralised(text, expected):
    assert safe(text) == expected


def test_export_csv_text_is_safe_and_stable():
    rows = [{"a": "=1+1", "b": 2.0, "c": None}]
    assert csv_text(rows, ["a", "b", "c"]) == "a,b,c\n'=1+1,2,\n"


def test_export_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "x.csv"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]

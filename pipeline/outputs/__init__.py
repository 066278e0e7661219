"""The run's outputs: the tables' rows, spreadsheet-safe CSV, report.html, and the export formats.

- :mod:`.tables`: the rows of documents.csv, claims.csv, events.csv and conflicts.csv, from records;
- :mod:`.csv`: spreadsheet-safe CSV text, and files written atomically;
- :mod:`.report` (with :mod:`.timeline`, :mod:`.evidence`, :mod:`.cells`, :mod:`.page`): report.html;
- :mod:`.timelinejs`: events as the JSON Knight Lab's TimelineJS reads;
- :mod:`.formats`: one table written as csv, jsonl, parquet or timelinejs (``claimline export``).
"""
from .csv import cell, csv_text, safe, write_atomic, write_csv
from .formats import FORMATS, TABLES, write_table
from .labels import precision, sources_phrase
from .report import REPORT_NAME, render_report, write_report
from .tables import COLUMNS, claim_row, conflict_row, document_row, event_row, output_tables
from .timelinejs import timelinejs

__all__ = ["COLUMNS", "FORMATS", "REPORT_NAME", "TABLES", "cell", "claim_row", "conflict_row", "csv_text",
           "document_row", "event_row", "output_tables", "precision", "render_report", "safe", "sources_phrase",
           "timelinejs", "write_atomic", "write_csv", "write_report", "write_table"]

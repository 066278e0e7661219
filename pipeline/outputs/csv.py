"""CSV that opens safely in a spreadsheet, and files written atomically.

Files are written to a temporary file beside the target and renamed over it, so a reader (or a killed run)
never sees half a file.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r",
                    # their full-width and small forms, which spreadsheets in CJK locales also read as formulas
                    "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b")


def cell(value) -> str:
    """A value as CSV text: dates ISO, whole floats without ``.0``, lists joined by ``;``, None empty."""
    if value.__class__ is str:  # most values, and this is called for every cell of every table
        return value
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else repr(value)
    if isinstance(value, (tuple, list)):
        return ";".join(str(v) for v in value)
    return str(value)


def safe(text: str) -> str:
    """Neutralise a cell a spreadsheet would read as a formula (OWASP CSV injection): prefix ``'``.

    Negative numbers stay numbers.
    """
    if text.startswith(FORMULA_PREFIXES):
        if text.startswith("-") and text[1:2].isdigit() and _is_number(text):
            return text
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV text with every cell spreadsheet-safe; a cell holding a comma, a quote or a line break is
    quoted, as Python's ``csv`` module does (which leaves a lone carriage return bare: this quotes it too). Written
    directly because that is faster on long texts."""
    starts = frozenset(p[0] for p in FORMULA_PREFIXES)
    lines = [",".join(_quoted(c) for c in columns)]
    for row in rows:
        values = []
        for c in columns:
            v = row.get(c)
            text = v if v.__class__ is str else cell(v)  # most cells are text already
            if text:
                if text[0] in starts:
                    text = safe(text)
                if "," in text or '"' in text or "\n" in text or "\r" in text:
                    text = '"' + text.replace('"', '""') + '"'
            values.append(text)
        lines.append(",".join(values))
    lines.append("")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text or "\n" in text or "\r" in text) else text


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file by temporary file and rename: readers see the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    """Write one spreadsheet-safe CSV atomically."""
    write_atomic(path, csv_text(rows, columns))


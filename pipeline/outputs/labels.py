"""Words for the outputs that people read: a date's precision and an event's sources."""
from __future__ import annotations

from datetime import date, timedelta

UNIT_OF = {"day": "day", "week": "day", "month": "month", "quarter": "month", "season": "month", "half": "month",
           "year": "year", "decade": "year", "century": "year"}


def precision(start: date, end: date, granularity: str) -> str:
    """The unit an interval is known to: ``day``, ``month`` or ``year``.

    The granularity says it, except for a range (or no granularity), whose bounds say it: whole years
    (1974–1979) are years, whole months are months, anything else is days.
    """
    if granularity in UNIT_OF:
        return UNIT_OF[granularity]
    after = end + timedelta(days=1)
    if start.month == 1 and start.day == 1 and after.month == 1 and after.day == 1:
        return "year"
    if start.day == 1 and after.day == 1:
        return "month"
    return "day"


def sources_phrase(n_sources, names: list[str]) -> str:
    """``2 sources: A; B``, or ``2 articles (1 independent source): A; B`` when one reuses the other's text."""
    n = int(n_sources) if str(n_sources or "").isdigit() else len(names)
    if n == len(names):
        return f"{n} source{'' if n == 1 else 's'}: " + "; ".join(names)
    return f"{len(names)} articles ({n} independent source{'' if n == 1 else 's'}): " + "; ".join(names)


"""A reviewer's resolution read as a value of the disputed attribute, or refused with the reason.

A resolution is the value a reviewer settled on, written as conflicts.csv writes values: a date at its precision
(``1979``, ``2011-09``, ``2011-09-01``, ``start/end``, or words such as ``September 2011``), an amount with its
currency (``1700000000 USD``; ``$1.7 billion``, ``1.7 bn`` and ``1.7E+09`` read as the same), a count, or a title.
Numeric dates such as ``9/1/2011`` are refused: day or month first cannot be told; ISO order can. The review
command and the store both check resolutions here, so a bad value is refused when it is recorded and skipped if
it is ever read back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import parse_expression
from .quantities import find_money, load_vocabulary, to_number

#: The statuses a reviewer may set (any of them again, ``open`` included).
STATUSES = ("open", "confirmed", "dismissed", "resolved")

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NUMERIC_DATE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}")
_NUMBER = re.compile(r"(?P<num>[+-]?\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(?P<scale>[A-Za-z]+)?\s*(?P<cur>[A-Z]{3})?")


@dataclass(frozen=True)
class Checked:
    """A resolution checked against its attribute.

    Attributes:
        value: The resolution as conflicts.csv writes values of the attribute ("" when refused).
        problem: Why it was refused, or "".
    """

    value: str
    problem: str = ""


def _iso(text: str) -> str | None:
    """The ISO date (year, month or day precision) text holds, or None; raises ValueError for an impossible one."""
    m = _ISO.fullmatch(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} is out of range")
    if day is not None:
        date(year, int(month), int(day))
    return text


def check_date(text: str) -> Checked:
    """A date resolution: ISO at a precision, an ISO range ``start/end``, or words a date parser reads."""
    try:
        if "/" in text and _ISO.fullmatch(text.split("/")[0].strip() or "x"):
            start, _, end = (part.strip() for part in text.partition("/"))
            if _iso(start) and _iso(end) and len(start) == len(end) == 10 and start <= end:
                return Checked(f"{start}/{end}")
        found = _iso(text)
        if found:
            return Checked(found)
    except ValueError as exc:
        return Checked("", f"resolution {text!r} is not a date ({exc})")
    if _NUMERIC_DATE.fullmatch(text):
        return Checked("", f"resolution {text!r} is ambiguous (day or month first?): write it as ISO, e.g. "
                           "2011-09-01")
    tv = parse_expression(text)
    if tv is None or tv.start is None or tv.text.strip() != text.strip():
        return Checked("", f"resolution {text!r} is not a date (e.g. 1979, 2011-09, 2011-09-24)")
    return Checked(tv.label)


def _amount_number(text: str) -> tuple[float, str] | None:
    """``(value, currency)`` of a plain written amount (``1.7 bn``, ``1.7E+09``, ``1700000000 USD``), or None."""
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return None
    try:
        value = float(m.group("num").replace(",", ""))
    except ValueError:
        return None
    scale = (m.group("scale") or "").lower()
    if scale:
        factor = load_vocabulary().scales.get(scale)
        if factor is None:
            return None
        value *= factor
    return value, m.group("cur") or ""


def check_amount(text: str, currency: str = "") -> Checked:
    """An amount resolution, written as conflicts.csv writes amounts (``1700000000 USD``).

    Args:
        text: The resolution (``$1.7 billion``, ``1.7 bn``, ``1.7E+09``, ``1700000000 USD``).
        currency: The disputed values' currency, taken when the resolution names none.
    """
    money = find_money(text)
    if len(money) == 1 and money[0].text.strip() == text.strip():
        value, code = money[0].amount, money[0].currency
    else:
        found = _amount_number(text)
        if found is None:
            return Checked("", f"resolution {text!r} is not an amount (e.g. 1700000000 USD, $1.7 billion)")
        value, code = found
    code = code or currency
    if value < 0 or value != value or value in (float("inf"),):
        return Checked("", f"resolution {text!r} is not an amount")
    if currency and code != currency:
        return Checked("", f"resolution {text!r} is in {code}, the sources give {currency}")
    return Checked(f"{value:.0f} {code}".strip())


def check_count(text: str) -> Checked:
    """A count resolution: a whole number, in digits or words."""
    value = to_number(text)
    if value is None:
        found = _amount_number(text)
        value = found[0] if found and not found[1] else None
    if value is None or value < 0 or not float(value).is_integer():
        return Checked("", f"resolution {text!r} is not a count (a whole number)")
    return Checked(str(int(value)))


def check_title(text: str) -> Checked:
    """A title resolution: words, not a number or a date."""
    if not re.search(r"[^\W\d_]", text):
        return Checked("", f"resolution {text!r} is not a title")
    return Checked(" ".join(text.split()))


def check_resolution(attribute: str, text: str, values: tuple[str, ...] = ()) -> Checked:
    """A resolution for a conflict on ``attribute``: one of the disputed ``values`` as written, or a value of the
    attribute's type in the form conflicts.csv writes it.

    Args:
        attribute: date, amount, quantity, role or another attribute (any non-empty text then).
        text: The reviewer's resolution.
        values: The disputed values (``value_a``, ``value_b``).
    """
    text = text.strip()
    if not text:
        return Checked("", "status resolved needs a resolution (the value settled on)")
    if text in values:
        return Checked(text)
    if attribute == "date":
        return check_date(text)
    if attribute == "amount":
        currencies = {v.rsplit(" ", 1)[-1] for v in values if " " in v}
        return check_amount(text, currencies.pop() if len(currencies) == 1 else "")
    if attribute == "quantity":
        return check_count(text)
    if attribute == "role":
        return check_title(text)
    return Checked(text)


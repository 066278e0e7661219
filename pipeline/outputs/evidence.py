"""Disputed words: the text of each evidence sentence that carries the value the sources disagree on."""
from __future__ import annotations

import difflib
import html
import re

from ..quantities import find_money, to_number
from .csv import cell


def spans(text: str, needle: str) -> list[tuple[int, int]]:
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
        found += spans(evidence, cell(claim.get("date_text")))
    elif attribute == "role":
        found += spans(evidence, cell(claim.get("actor_role")))
    elif attribute == "amount" and claim.get("amount") not in (None, ""):
        amount = float(cell(claim.get("amount")))
        found += [(m.char_start, m.char_end) for m in find_money(evidence)
                  if abs(m.amount - amount) <= 0.005 * max(abs(amount), 1.0)]
    elif attribute == "quantity" and claim.get("quantity") not in (None, ""):
        count = float(cell(claim.get("quantity")))
        found += [m.span() for m in re.finditer(r"[\w,.]+", evidence) if to_number(m.group(0).rstrip(",.")) == count]
    if not found:
        found += spans(evidence, value)
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

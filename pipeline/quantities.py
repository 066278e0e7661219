"""Counts and sums of money as the articles write them ("four", "sixteen", "$1.7 billion", "one billion dollars").

The count and scale words are in the English pack's ``quantities.tsv``, currency names in the world pack's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RuleError
from .ruleset import RuleSet, resolve


@dataclass(frozen=True)
class Money:
    """A sum of money found in text.

    Attributes:
        text: The expression as written.
        char_start: Offset in the text searched.
        char_end: Offset one past the end.
        amount: The plain number (1.7 billion → 1700000000.0).
        currency: ISO 4217 code.
    """

    text: str
    char_start: int
    char_end: int
    amount: float
    currency: str


@dataclass(frozen=True)
class Vocabulary:
    numbers: dict[str, int]
    scales: dict[str, int]
    currencies: dict[str, str]
    money: re.Pattern


def load_vocabulary(rules: RuleSet | Path | None = None) -> Vocabulary:
    """The words of ``quantities.tsv`` from every pack, built once per rule set.

    Args:
        rules: The run's rule set; a folder is a pack on top of the shipped ones; None for the shipped packs.

    Raises:
        RuleError: a line has the wrong number of columns, an unknown kind or a bad value.
    """
    return resolve(rules).built("quantities", _build)


def _build(rules: RuleSet) -> Vocabulary:
    numbers: dict[str, int] = {}
    scales: dict[str, int] = {}
    currencies: dict[str, str] = {}
    for row in rules.tsv("quantities.tsv", 3):
        path, n = row.path, row.line
        kind, word, value = row.fields
        try:
            if kind == "number":
                numbers[word] = int(value)
            elif kind == "scale":
                scales[word] = int(value)
            elif kind == "currency":
                currencies[word] = value
            else:
                raise RuleError(f"{path}:{n}: unknown kind {kind!r} (number, scale or currency)")
        except ValueError:
            raise RuleError(f"{path}:{n}: value {value!r} is not a whole number") from None
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    symbols = [c for c in currencies if not c[-1].isalpha()]
    names = [c for c in currencies if c[-1].isalpha()]
    number = rf"(?:\d[\d,]*(?:\.\d+)?|{alt(numbers)})"
    scale = alt(scales)
    money = re.compile(
        rf"(?P<sym>{alt(symbols + [n for n in names if len(n) <= 3])})\s?(?P<num1>{number})(?:\s*(?P<sc1>{scale})\b)?"
        rf"|(?P<num2>{number})(?:\s*(?P<sc2>{scale})\b)?\s+(?P<name>{alt(names)})\b",
        re.IGNORECASE,
    )
    return Vocabulary(numbers, scales, currencies, money)


def to_number(text: str, vocab: Vocabulary | None = None) -> float | None:
    """A count or a number written in digits or words ("sixteen", "1,000", "1.7") as a float, else None."""
    vocab = vocab or load_vocabulary()
    word = text.strip().lower()
    if word in vocab.numbers:
        return float(vocab.numbers[word])
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def find_money(text: str, *, rules: RuleSet | Path | None = None) -> list[Money]:
    """Every sum of money in text, in order ("$1.7 billion", "US $900 million", "one billion dollars").

    Currency symbols count only before a number; currency names only after one.
    """
    vocab = load_vocabulary(rules)
    found = []
    for m in vocab.money.finditer(text):
        num = m.group("num1") or m.group("num2")
        scale_text = (m.group("sc1") or m.group("sc2") or "").strip().lower()
        currency_text = (m.group("sym") or m.group("name") or "").lower()
        value = to_number(num, vocab)
        if value is None:
            continue
        value *= vocab.scales.get(scale_text, 1)
        code = vocab.currencies.get(currency_text) or vocab.currencies.get(currency_text.replace(" ", ""))
        if code is None:
            continue
        found.append(Money(m.group(0), m.start(), m.end(), value, code))
    return found

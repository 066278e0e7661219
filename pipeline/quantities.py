"""Counts and sums of money as the articles write them ("four", "sixteen", "$1.7 billion", "one billion dollars").

The count and scale words are in the English pack's ``quantities.tsv``, currency names in the world pack's. One
parser reads every amount, in decimal arithmetic (no float noise): :func:`find_money` in articles, where a number
in scientific notation ("$1e308"), a power ("10^1000 roubles") or above :data:`MAX_AMOUNT` is refused rather than
read as another number, and :func:`parse_amount` for a value a reviewer types ("$1.7 billion", "1.7 bn",
"1.7E+09"), which says why it refuses one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
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
        amount: The plain number (1.7 billion → 1700000000), whole numbers as ``int`` (exact).
        currency: ISO 4217 code.
    """

    text: str
    char_start: int
    char_end: int
    amount: int | float
    currency: str


MAX_AMOUNT = Decimal(10) ** 18
"""Larger sums are refused as absurd (no budget, debt or deal comes near a quintillion in any currency); it also
keeps every amount a 64-bit integer in the Parquet export."""

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_SCIENTIFIC = re.compile(r"(?:\d[\d,]*(?:\.\d*)?|\.\d+)e[+-]?\d+")
# what may not touch a number written in an article: more digits, a decimal point, an exponent or a power sign
_GLUED_BEFORE = re.compile(r"(?:[\d.]|(?:\^|\*\*)\s*)\Z")
_GLUED_AFTER = re.compile(r"\.?\d|[eE][+-]?\d|\s*(?:\^|\*\*|[x×]\s*10\b)")


class AmountError(ValueError):
    """A value that cannot be read as an amount of money; the message says why."""


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
    """A count or a number written in digits or words ("sixteen", "1,000", "1.7") as a float, else None (also
    for "nan", "inf", "1e5" and numbers above :data:`MAX_AMOUNT`)."""
    value = to_decimal(text, vocab or load_vocabulary())
    return float(value) if value is not None else None


def to_decimal(text: str, vocab: Vocabulary, *, scientific: bool = False) -> Decimal | None:
    """A number written in digits (with thousands commas) or as a count word, exactly; None for anything else and
    for numbers above :data:`MAX_AMOUNT`. ``scientific`` also reads "1.7E+09" (what a spreadsheet makes of a big
    number)."""
    word = text.strip().lower()
    if word in vocab.numbers:
        return Decimal(vocab.numbers[word])
    if not (_DIGITS.fullmatch(word) or (scientific and _SCIENTIFIC.fullmatch(word))):
        return None
    try:
        value = Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value <= MAX_AMOUNT else None


def plain(value: Decimal) -> int | float:
    """An amount as a plain number: a whole number as an exact ``int``, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def find_money(text: str, *, rules: RuleSet | Path | None = None) -> list[Money]:
    """Every sum of money in text, in order ("$1.7 billion", "US $900 million", "one billion dollars").

    Currency symbols count only before a number; currency names only after one. A number glued to an exponent
    or a power ("$1e308", "10^1000 roubles"), or a sum above :data:`MAX_AMOUNT`, is no sum: it is left out, never
    read as another number.
    """
    vocab = load_vocabulary(rules)
    found = []
    for m in vocab.money.finditer(text):
        group = "num1" if m.group("num1") else "num2"
        if _GLUED_BEFORE.search(text, 0, m.start(group)) or _GLUED_AFTER.match(text, m.end(group)):
            continue
        value = _scaled(m.group(group), (m.group("sc1") or m.group("sc2") or ""), vocab)
        currency_text = (m.group("sym") or m.group("name") or "").lower()
        code = vocab.currencies.get(currency_text) or vocab.currencies.get(currency_text.replace(" ", ""))
        if value is None or code is None:
            continue
        found.append(Money(m.group(0), m.start(), m.end(), plain(value), code))
    return found


def mentions_money(text: str, *, rules: RuleSet | Path | None = None) -> bool:
    """Whether text writes a sum of money, one :func:`find_money` refuses included ("$1e308"): a claim that needs
    money keeps its sentence when the amount cannot be read."""
    vocab = load_vocabulary(rules)
    return any(vocab.currencies.get(t) or vocab.currencies.get(t.replace(" ", ""))
               for t in ((m.group("sym") or m.group("name") or "").lower() for m in vocab.money.finditer(text)))


def _scaled(number: str, scale: str, vocab: Vocabulary, *, scientific: bool = False) -> Decimal | None:
    value = to_decimal(number, vocab, scientific=scientific)
    if value is None:
        return None
    value *= vocab.scales.get(scale.strip().lower(), 1)
    return value if value <= MAX_AMOUNT else None


@dataclass(frozen=True)
class Amount:
    """An amount of money a person typed: the exact number and its ISO 4217 currency ("" when none is given)."""

    value: Decimal
    currency: str

    @property
    def plain(self) -> int | float:
        """The number as it is written in the output files (``1700000000``)."""
        return plain(self.value)


def parse_amount(text: str, *, currency: str = "", rules: RuleSet | Path | None = None) -> Amount:
    """An amount of money as a reviewer writes it: "$1.7 billion", "1.7 bn", "USD 1,700,000,000", "1.7E+09"
    (a spreadsheet's way with a big number), "1700000000".

    Args:
        text: The value typed.
        currency: The currency when the text names none (the currency of the values in dispute).
        rules: The rule set whose scale and currency words are known.

    Returns:
        The exact amount and its currency.

    Raises:
        AmountError: the text is not one amount (the message says why: not a number, an unknown word, negative,
            a power, or above :data:`MAX_AMOUNT`).
    """
    vocab = load_vocabulary(rules)
    words = text.strip()
    if not words:
        raise AmountError("no amount given")
    if re.search(r"\^|\*\*|[x×]\s*10\b", words):
        raise AmountError(f"{text!r}: a power is not an amount; write the number out ('1.7 billion')")
    if words.startswith("-"):
        raise AmountError(f"{text!r}: an amount cannot be negative")
    m = re.fullmatch(r"(?P<pre>[^\d.\s]*?)\s*(?P<num>(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
                     r"\s*(?P<scale>[^\W\d_]*)\s*(?P<post>[^\d]*?)", words)
    if m is None:
        raise AmountError(f"{text!r}: not an amount (write a number, a scale word and a currency: '$1.7 billion')")
    scale = m.group("scale").lower()
    post = m.group("post").strip()
    if scale and scale not in vocab.scales:  # "1.7 dollars": the word is the currency
        scale, post = "", " ".join(w for w in (m.group("scale"), post) if w)
    code = _currency(m.group("pre"), vocab) if m.group("pre") else ""
    if post:
        named = _currency(post, vocab)
        if named is None or (code and named != code):
            raise AmountError(f"{text!r}: unknown currency or word {post!r}")
        code = named
    if code is None:
        raise AmountError(f"{text!r}: unknown currency {m.group('pre')!r}")
    value = to_decimal(m.group("num"), vocab, scientific=True)
    if value is None or (value := value * vocab.scales.get(scale, 1)) > MAX_AMOUNT:
        raise AmountError(f"{text!r}: too large to be an amount (more than {MAX_AMOUNT:,})")
    return Amount(value, code or currency)


def _currency(text: str, vocab: Vocabulary) -> str | None:
    """The ISO code of a currency symbol, name or code as written, or None."""
    word = text.strip().lower()
    if re.fullmatch(r"[a-z]{3}", word) and word.upper() in set(vocab.currencies.values()):
        return word.upper()
    return vocab.currencies.get(word) or vocab.currencies.get(word.replace(" ", ""))

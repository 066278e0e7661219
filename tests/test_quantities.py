"""Counts and sums of money: one exact (decimal) parser for articles and for a reviewer's values."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.quantities import MAX_AMOUNT, AmountError, find_money, parse_amount, to_number


@pytest.mark.parametrize("text,expected", [
    ("Russia will invest $1.7 billion in the pipeline.", [(1_700_000_000, "USD")]),
    ("a deal worth one billion dollars", [(1_000_000_000, "USD")]),
    ("US$900 million and Rs 1,00,000", [(900_000_000, "USD"), (100_000, "PKR")]),
    # 18 digits: exact, where a float would print 123456789012345680
    ("a sum of $123,456,789,012,345,678 was named", [(123_456_789_012_345_678, "USD")]),
])
def test_quantities_find_money_exact(text, expected):
    got = [(m.amount, m.currency) for m in find_money(text)]
    assert got == expected
    assert all(isinstance(amount, int) for amount, _ in got)


@pytest.mark.parametrize("text", [
    "The budget was $1e308 that year.",                       # scientific notation: read as 1 USD before
    "an offer of 10^1000 roubles",                            # a power: read as 1000 RUB before
    "an offer of 10 ** 9 roubles",
    "some 1.5 x 10^9 dollars",
    "a claim of $123456789012345678901234567890123456 in damages",  # 36 digits: above MAX_AMOUNT
    "a debt of $5,000,000 trillion",                          # scaled above MAX_AMOUNT
])
def test_quantities_find_money_refuses_absurd_numbers(text):
    assert find_money(text) == []


def test_quantities_to_number_reads_no_float_words():
    assert [to_number(w) for w in ("sixteen", "1,000", "1.7")] == [16.0, 1000.0, 1.7]
    assert [to_number(w) for w in ("nan", "inf", "Infinity", "1e5", "10^3")] == [None] * 5


@pytest.mark.parametrize("text,expected", [
    ("$1.7 billion", (1_700_000_000, "USD")),
    ("1.7 bn", (1_700_000_000, "USD")),                       # currency of the values in dispute
    ("1.7E+09", (1_700_000_000, "USD")),                      # what a spreadsheet makes of 1700000000
    ("USD 1,700,000,000", (1_700_000_000, "USD")),
    ("1700000000", (1_700_000_000, "USD")),
    ("1.7 billion dollars", (1_700_000_000, "USD")),
    ("€3m", (3_000_000, "EUR")),
    ("Rs 5 crore", (50_000_000, "PKR")),
    ("123456789012345678", (123_456_789_012_345_678, "USD")),
    ("2.5", (2.5, "USD")),
])
def test_quantities_parse_amount_reads_a_reviewers_value(text, expected):
    amount = parse_amount(text, currency="USD")
    assert (amount.plain, amount.currency) == expected
    assert isinstance(amount.value, Decimal)


@pytest.mark.parametrize("text,why", [
    ("1e400", "too large"),
    ("$1e308", "too large"),
    ("10^1000", "a power"),
    ("-5", "negative"),
    ("abc", "not an amount"),
    ("1.7 zorks", "unknown currency"),
    ("", "no amount"),
])
def test_quantities_parse_amount_says_why_it_refuses(text, why):
    with pytest.raises(AmountError, match=why):
        parse_amount(text, currency="USD")


def test_quantities_max_amount_fits_a_64_bit_integer():
    assert int(MAX_AMOUNT) < 2 ** 63

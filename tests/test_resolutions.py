"""A reviewer's resolution read as a value of its attribute (issue 14, problem 5: values were misread)."""
from __future__ import annotations

import pytest

from pipeline.resolutions import check_resolution


@pytest.mark.parametrize("attribute,text,values,expected", [
    ("amount", "$1.7 billion", (), "1700000000 USD"),
    ("amount", "1.7 bn", ("1700000000 USD", "2000000000 USD"), "1700000000 USD"),
    ("amount", "1.7E+09", ("1700000000 USD", "2000000000 USD"), "1700000000 USD"),
    ("amount", "1,700,000,000 USD", (), "1700000000 USD"),
    ("amount", "2000000000 USD", ("1700000000 USD", "2000000000 USD"), "2000000000 USD"),
    ("date", "2011-09-01", (), "2011-09-01"),
    ("date", "2011-09", (), "2011-09"),
    ("date", "1979", (), "1979"),
    ("date", "September 2011", (), "2011-09"),
    ("date", "2011-09-01/2011-09-03", (), "2011-09-01/2011-09-03"),
    ("quantity", "12", (), "12"),
    ("quantity", "twelve", (), "12"),
    ("role", "Deputy Prime Minister", (), "Deputy Prime Minister"),
])
def test_resolutions_reads_values_of_the_attribute(attribute, text, values, expected):
    checked = check_resolution(attribute, text, values)
    assert (checked.value, checked.problem) == (expected, "")


@pytest.mark.parametrize("attribute,text,values,reason", [
    ("date", "9/1/2011", (), "day or month first"),
    ("date", "1.9.2011", (), "day or month first"),
    ("date", "0000-05", (), "not a date"),
    ("date", "2011-13", (), "not a date"),
    ("date", "2011-02-30", (), "not a date"),
    ("date", "sometime", (), "not a date"),
    ("amount", "a lot", (), "not an amount"),
    ("amount", "1.7 billion euros", ("1700000000 USD", "2000000000 USD"), "EUR"),
    ("quantity", "1.5", (), "not a count"),
    ("quantity", "-3", (), "not a count"),
    ("role", "1979", (), "not a title"),
    ("date", "", (), "needs a resolution"),
])
def test_resolutions_refuses_what_is_no_value_with_the_reason(attribute, text, values, reason):
    checked = check_resolution(attribute, text, values)
    assert checked.value == "" and reason in checked.problem

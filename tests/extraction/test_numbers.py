"""The number parser on its own: digits, words, multipliers, fractions, ratios, money, vague."""

import pytest

from claims.extraction.numbers import (
    parse_amount,
    parse_digits,
    parse_fraction,
    parse_number,
    parse_ratio,
    share_multiplier,
    vague_bounds,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("10,000", 10_000),
        ("1,000,000", 1_000_000),
        ("3.6", 3.6),
        ("3.6 million", 3_600_000),
        ("1.2m", 1_200_000),
        ("1.2 m", 1_200_000),
        ("300k", 300_000),
        ("2.5bn", 2_500_000_000),
        ("1.5 billion", 1_500_000_000),
        ("a million", 1_000_000),
        ("one million", 1_000_000),
        ("three million", 3_000_000),
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("twelve", 12),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("forty two", 42),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand five hundred", 3_500),
        ("1 trillion", 1_000_000_000_000),
        ("Ten", 10),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "a", "people", "five six", "m", "bn", "2020-03-02", "F-16"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10,000", 10_000), ("2.5bn", 2.5e9), ("100m", 1e8), ("+5", 5), ("5th", None), ("G20", None)],
)
def test_parse_digits(text, expected):
    assert parse_digits(text) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a third", 1 / 3),
        ("one third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("two thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a quarter", 0.25),
        ("half", 0.5),
        ("third", None),
        ("a million", None),
    ],
)
def test_parse_fraction(text, expected):
    got = parse_fraction(text)
    assert got == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 in 5", 0.2), ("one in five", 0.2), ("one in every four", 0.25), ("1 out of 10", 0.1)],
)
def test_parse_ratio(text, expected):
    assert parse_ratio(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("dozens", (24, 143)),
        ("hundreds", (200, 999)),
        ("thousands", (2_000, 9_999)),
        ("tens of thousands", (20_000, 99_999)),
        ("hundreds of thousands", (200_000, 999_999)),
        ("millions", (2_000_000, 9_999_999)),
        ("tens of millions", (20_000_000, 99_999_999)),
        ("billions", (2_000_000_000, 9_999_999_999)),
        ("scores", (40, 199)),
        ("people", None),
    ],
)
def test_vague_bounds(text, bounds):
    assert vague_bounds(text) == bounds


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit", "currency"),
    [
        ("$2.5bn", 2.5e9, 2.5e9, 2.5e9, "currency", "USD"),
        ("6 billion euros", 6e9, 6e9, 6e9, "currency", "EUR"),
        ("€6bn", 6e9, 6e9, 6e9, "currency", "EUR"),
        ("£100m", 1e8, 1e8, 1e8, "currency", "GBP"),
        ("5 million TL", 5e6, 5e6, 5e6, "currency", "TRY"),
        ("USD 5 million", 5e6, 5e6, 5e6, "currency", "USD"),
        ("billions of euros", None, 2e9, 9_999_999_999, "currency", "EUR"),
        ("millions of dollars", None, 2e6, 9_999_999, "currency", "USD"),
        ("40 percent", 40, 40, 40, "percent", None),
        ("40%", 40, 40, 40, "percent", None),
        ("40 per cent", 40, 40, 40, "percent", None),
        ("1 in 5", 0.2, 0.2, 0.2, "ratio", None),
        ("a third", 1 / 3, 1 / 3, 1 / 3, "ratio", None),
        ("thousands", None, 2000, 9999, "count", None),
        ("10,000-13,000", None, 10_000, 13_000, "count", None),
        ("between 10,000 and 13,000", None, 10_000, 13_000, "count", None),
        ("3 to 4 million", None, 3e6, 4e6, "count", None),
    ],
)
def test_parse_amount(text, value, low, high, unit, currency):
    got = parse_amount(text)
    assert got is not None
    assert got.value == (pytest.approx(value) if value is not None else None)
    assert got.low == pytest.approx(low)
    assert got.high == pytest.approx(high)
    assert (got.unit, got.currency) == (unit, currency)


def test_parse_amount_rejects_words():
    assert parse_amount("the refugees") is None


def test_share_multiplier():
    assert share_multiplier("3", 3, 4e6) == 3e6
    assert share_multiplier("3 million", 3e6, 4e6) == 3e6
    assert share_multiplier("10", 10, 15) == 10

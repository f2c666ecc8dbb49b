"""The seed article gives exactly the ten hand-checked claims of shared/gold/seed_article.json."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from claims.extraction import extract

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_640610e12b349fcf.txt"
GOLD_PATHS = [ROOT.parent / "shared" / "gold" / "seed_article.json"]

# The gold, as checked in by hand (kept here so the test runs where shared/ is absent).
GOLD = [
    ("thousands of troops", None, 2000, 9999, "vague", "military", None),
    ("nearly a million people", 1_000_000, None, 1_000_000, "nearly", "displacement", None),
    ("dozens of his soldiers", None, 24, 143, "vague", "casualties", None),
    ("12 military observation posts", 12, 12, 12, "exact", "other", None),
    ("more than three million people", 3_000_000, 3_000_000, None, "more_than", "population", None),
    ("more than one million people", 1_000_000, 1_000_000, None, "more_than", "displacement", None),
    (
        "more than 3.6 million Syrian refugees",
        3_600_000,
        3_600_000,
        None,
        "more_than",
        "displacement",
        None,
    ),
    ("billions of euros", None, 2_000_000_000, 9_999_999_999, "vague", "money", None),
    ("almost 10,000 Syrian refugees", 10_000, None, 10_000, "nearly", "displacement", "Greece"),
    (
        "Some 13,000 refugees",
        13_000,
        None,
        None,
        "approximate",
        "displacement",
        "International Organization for Migration",
    ),
]
NOT_CLAIMS = [
    "date 2020-03-02",
    "on Thursday",
    "March 5",
    "In 2018",
    "2016 agreement",
    "similar to 2015",
    "World War II",
    "one-day visit",
]


def _body() -> str:
    raw = SEED.read_text(encoding="utf-8")
    return re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", raw)


@pytest.fixture(scope="module")
def seed_claims():
    return extract(_body(), date(2020, 3, 2))


def test_gold_copy_matches_shared_gold():
    path = next((p for p in GOLD_PATHS if p.exists()), None)
    if path is None:
        pytest.skip("shared/gold is not beside the checkout")
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert [g["surface"] for g in gold["claims"]] == [g[0] for g in GOLD]
    for g, mine in zip(gold["claims"], GOLD, strict=True):
        assert (g["value"], g["low"], g["high"], g["qualifier"], g["category"]) == mine[1:6]
        assert g["who"] == mine[6]
    assert gold["not_claims"] == NOT_CLAIMS


def test_exactly_the_gold_claims(seed_claims):
    assert [c.surface for c in seed_claims] == [g[0] for g in GOLD]


@pytest.mark.parametrize("gold", GOLD, ids=[g[0] for g in GOLD])
def test_gold_fields(seed_claims, gold):
    surface, value, low, high, qualifier, category, who = gold
    c = next(c for c in seed_claims if c.surface == surface)
    body = _body()
    assert body[c.start : c.end] == surface
    assert c.value == value
    assert c.low == low
    assert c.high == high
    assert c.qualifier == qualifier
    assert c.category == category
    if who:
        assert who.lower() in (c.attributed_to or "").lower()
    if category == "money":
        assert c.currency == "EUR"


@pytest.mark.parametrize("phrase", NOT_CLAIMS)
def test_not_claims_are_not_reported(seed_claims, phrase):
    assert phrase in SEED.read_text(encoding="utf-8")
    body = _body()
    pos = body.find(phrase)  # the header is stripped from the body, so -1 for it
    for c in seed_claims:
        assert not (pos >= 0 and c.start < pos + len(phrase) and c.end > pos), c.surface


def test_header_left_in_the_text_is_not_a_claim():
    raw = SEED.read_text(encoding="utf-8")
    found = extract(raw, date(2020, 3, 2))
    assert [c.surface for c in found] == [g[0] for g in GOLD]


def test_seed_context(seed_claims):
    by = {c.surface: c for c in seed_claims}
    c = by["more than 3.6 million Syrian refugees"]
    assert c.location == "Turkey"
    assert c.counted == "Syrian refugees"
    c = by["almost 10,000 Syrian refugees"]
    assert (c.time_text, c.period_start, c.period_end) == (
        "Sunday",
        date(2020, 3, 1),
        date(2020, 3, 1),
    )
    c = by["thousands of troops"]
    assert c.period_start == date(2019, 12, 1) and c.period_end == date(2020, 3, 2)
    c = by["more than one million people"]
    assert c.location == "Europe"
    assert c.period_start == date(2015, 1, 1)
    assert by["12 military observation posts"].counted == "military observation posts"

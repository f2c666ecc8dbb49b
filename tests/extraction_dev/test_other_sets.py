"""Regression floors on the data sets written blind by people who never read the engine.

Each set was scored once before anyone tuned on it (the first scores are in its ``.md`` file
beside it); since then they are evidence of how the engine carries over to new text, and these
floors keep a change from quietly giving that back. A floor sits a little under today's figure:
raising one after an improvement is the expected move, lowering one needs a reason in the
commit. The dev set has its own, stricter test (test_devset.py).
"""

from __future__ import annotations

import pytest

from .test_devset import ROOT, scorer

DATA = ROOT / "tests" / "data"

# set: (F1 of finding figures, {field: floor})
FLOORS = {
    "extraction_blind_conflict.jsonl": (
        0.99,
        {"value": 0.99, "category": 0.89, "location": 0.86, "attributed_to": 0.96},
    ),
    "extraction_blind_money.jsonl": (
        0.98,
        {"value": 0.98, "currency": 0.98, "location": 0.82, "attributed_to": 0.93},
    ),
    "extraction_blind_final.jsonl": (
        0.98,
        {"value": 0.99, "category": 0.9, "location": 0.81, "attributed_to": 0.94},
    ),
    "extraction_blind_articles.jsonl": (
        0.98,
        {"value": 0.99, "category": 0.9, "location": 0.53, "attributed_to": 0.93},
    ),
    "extraction_blind_counts_money.jsonl": (
        0.98,
        {
            "value": 0.98,
            "category": 0.93,
            "currency": 0.97,
            "location": 0.83,
            "attributed_to": 0.95,
        },
    ),
    "extraction_blind_last.jsonl": (
        0.98,
        {"value": 0.99, "category": 0.9, "currency": 0.97, "location": 0.86, "attributed_to": 0.96},
    ),
    "extraction_heldout.jsonl": (
        0.99,
        {"value": 0.99, "category": 0.94, "location": 0.90, "attributed_to": 0.97},
    ),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    path = DATA / request.param
    items = scorer.load_items(path)
    assert not scorer.validate_items(items), f"{path.name} is inconsistent"
    return request.param, scorer.score(path)


def test_floors(scored):
    name, result = scored
    f1_floor, fields = FLOORS[name]
    assert result["f1"] >= f1_floor, f"{name}: F1 {result['f1']:.3f} < {f1_floor}"
    low = {
        field: round(result["accuracy"][field], 3)
        for field, floor in fields.items()
        if result["accuracy"][field] < floor
    }
    assert not low, f"{name}: under the floor: {low}"

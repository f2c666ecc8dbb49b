"""Categories that come from the sentence rather than the counted noun: totals that restate an
earlier figure, headings, post-modifiers and phrases of refuge. All sentences are new."""

import pytest

from .conftest import claims_in

CASES = [
    # the same quantity again
    (
        "Some 2,400 people crossed into Armenia on Monday, bringing the total to about 65,000.",
        "about 65,000",
        "displacement",
    ),
    (
        "Jordan hosts about 640,000 Syrian refugees, down from a peak of 680,000 in 2016.",
        "680,000",
        "displacement",
    ),
    (
        "Officials said 800,000 people had returned, a figure aid groups put at about 300,000.",
        "about 300,000",
        "displacement",
    ),
    # ...unless the words say what it is
    (
        "Floods displaced 40,000 people, and the death toll stands at 112.",
        "112",
        "casualties",
    ),
    # headings
    (
        "IDPs by province: Ituri: 1.7 million; North Kivu: 2.1 million.",
        "2.1 million",
        "displacement",
    ),
    ("Refugees from Sudan recorded in Chad: 570,000.", "570,000", "displacement"),
    # post-modifiers and refuge
    ("Flooding left 12,000 people newly displaced in the north.", "12,000 people", "displacement"),
    (
        "About 6,000 people have sought refuge in churches and schools, the diocese said.",
        "About 6,000 people",
        "displacement",
    ),
    (
        "Nearly 90,000 people were registered as displaced after the floods.",
        "Nearly 90,000 people",
        "displacement",
    ),
]


@pytest.mark.parametrize(("text", "surface", "category"), CASES)
def test_category_from_context(text, surface, category):
    found = {c.surface: c for c in claims_in(text)}
    assert surface in found, sorted(found)
    assert found[surface].category == category

"""Categories that come from the sentence rather than the counted noun: totals that restate an
earlier figure, headings, post-modifiers and phrases of refuge. All sentences are new."""

import pytest

from .conftest import claim_at, claims_in

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
    assert claim_at(text, surface).category == category


MORE = [
    (
        "Nearly 3.1 million internally displaced people live in camps.",
        "Nearly 3.1 million internally displaced people",
        "displacement",
    ),
    (
        "EU+ countries received 1,020,000 asylum applications in 2024.",
        "1,020,000 asylum applications",
        "displacement",
    ),
    (
        "IOM counted 900,000 Afghan returns from Pakistan this year.",
        "900,000 Afghan returns",
        "displacement",
    ),
    (
        "Jordan says about 650,000 Syrians remain under temporary protection.",
        "about 650,000 Syrians",
        "displacement",
    ),
    (
        "Chad says it has received more than 600,000 Sudanese since April.",
        "more than 600,000 Sudanese",
        "displacement",
    ),
    (
        "Iran deported or pressured into leaving more than 400,000 Afghans this year.",
        "more than 400,000 Afghans",
        "displacement",
    ),
    (
        "The storm prompted evacuation orders for about 2.5 million people.",
        "about 2.5 million people",
        "displacement",
    ),
    # verbs of separate clauses, and things, do not lend their category
    (
        "Militia raided the village, killing 15 people and burning dozens of homes.",
        "dozens of homes",
        "other",
    ),
    ("At least 60 people were injured, and 2,000 houses were flooded.", "2,000 houses", "other"),
]


@pytest.mark.parametrize(("text", "surface", "category"), MORE)
def test_more_context(text, surface, category):
    assert claim_at(text, surface).category == category


EVEN_MORE = [
    (
        "Russia has lost some 9,000 artillery systems, the general staff said.",
        "some 9,000 artillery systems",
        "military",
    ),
    ("Two soldiers killed, 14 hurt in ambush near the border", "14", "casualties"),
    (
        "ACLED counted 900 events and 2,100 reported fatalities in May.",
        "2,100 reported fatalities",
        "casualties",
    ),
    (
        "Strikes killed at least 30 people overnight, including 12 children, medics said.",
        "12 children",
        "casualties",
    ),
    (
        "About 600 people crossed in 12 small boats on Sunday, taking the total to 21,000.",
        "21,000",
        "displacement",
    ),
    (
        "IDPs by province, according to the survey:\nKassala: 90,000; Gedaref: 70,000.",
        "70,000",
        "displacement",
    ),
]


@pytest.mark.parametrize(("text", "surface", "category"), EVEN_MORE)
def test_even_more_context(text, surface, category):
    assert claim_at(text, surface).category == category


def test_an_article_about_one_thing_lends_its_category_to_bare_figures():
    text = (
        "More than 3,000 migrants crossed the Channel in small boats in May, and 1,200 asylum "
        "seekers reached Kent in a single week. Another 800 migrants were picked up on Sunday.\n\n"
        "The total for the year now stands at 12,900, officials said."
    )
    found = {c.surface: c.category for c in claims_in(text)}
    assert found["12,900"] == "displacement"


def test_a_short_text_keeps_other():
    found = {c.surface: c.category for c in claims_in("The total stands at 12,900.")}
    assert found == {"12,900": "other"}

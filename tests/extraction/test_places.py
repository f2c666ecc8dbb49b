"""Places the small model misses or mislabels, backed by the gazetteer (places.json), and
people counted by nationality. All sentences are new; none is in the dev or held-out sets."""

import pytest

from claims.extraction.figures import DEMONYMS, GAZETTEER, fold_name

from .conftest import claim_at


def _location(text: str, surface: str):
    return claim_at(text, surface).location


# text, surface, expected location
PLACES = [
    # the model tags these as PERSON or ORG, or not at all
    (
        "About 300 lorries crossed through Rafah last week, aid agencies said.",
        "About 300 lorries",
        "Rafah",
    ),
    (
        "Heavy rains left 45,000 people homeless in Malawi, officials said.",
        "45,000 people",
        "Malawi",
    ),
    (
        "Mali's army said 12 soldiers were killed in an ambush on Tuesday.",
        "12 soldiers",
        "Mali",
    ),
    (
        "Sri Lanka's central bank said inflation fell to 4.2 percent in March.",
        "4.2 percent",
        "Sri Lanka",
    ),
    (
        "Mykolaiv, a city of nearly 500,000 before the war, is shelled most nights.",
        "nearly 500,000",
        "Mykolaiv",
    ),
    # accents do not matter: GeoNames writes "Darién"
    (
        "Some 9,000 migrants entered the jungle in Darien last month, officials said.",
        "Some 9,000 migrants",
        "Darien",
    ),
    # a known place beats a name the model took for one
    (
        "Voters in Kenya gave Odinga 48.8% of the vote, the electoral commission said.",
        "48.8% of the vote",
        "Kenya",
    ),
    # counted by nationality, with no place in the sentence: their country, not the article's
    (
        "The port of Aden is busy again. Nearly 70 percent of Yemenis rely on imported food.",
        "Nearly 70 percent of Yemenis",
        "Yemen",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), PLACES)
def test_places(text, surface, expected):
    assert _location(text, surface) == expected


# a place in the sentence is used before a nationality; troops are not placed by nationality
NOT_BY_NATIONALITY = [
    (
        "Jordan hosts about 650,000 Syrian refugees, the UN says.",
        "about 650,000 Syrian refugees",
        "Jordan",
    ),
    ("Some 800 Kenyan troops will join the mission, the AU said.", "Some 800 Kenyan troops", None),
]


@pytest.mark.parametrize(("text", "surface", "expected"), NOT_BY_NATIONALITY)
def test_nationality_comes_last(text, surface, expected):
    assert _location(text, surface) == expected


def test_names_that_are_not_places_stay_out():
    # a city named like a person, inside a person's name; a region as the subject of "said"
    text = "Michael Jackson fans raised 2,000 dollars, organisers said."
    assert _location(text, "2,000 dollars") is None


@pytest.mark.parametrize(
    ("name", "present"),
    [
        ("Rafah", True),
        ("Kharkiv", True),
        ("Sri Lanka's", True),
        ("Darién", True),
        ("Nice", False),  # an ordinary word first: left to the model
        ("Split", False),
        ("Mobile", False),
    ],
)
def test_gazetteer_keys(name, present):
    assert (fold_name(name) in GAZETTEER) is present


def test_demonyms_go_to_the_most_populous_country():
    assert DEMONYMS["american"] == "United States"
    assert DEMONYMS["venezuelans"] == "Venezuela"
    assert DEMONYMS["afghans"] == "Afghanistan"


# the syntax says place even when the model does not: objects of "fled"/"crossed", facilities
# named by what they are, a label and its figure, a town the model called a nationality
SYNTAX_PLACES = [
    (
        "Hundreds of families fled Ras al-Ain on foot, witnesses said.",
        "Hundreds of families",
        "Ras al-Ain",
    ),
    (
        "About 900 people crossed the Channel in small boats on Sunday.",
        "About 900 people",
        "Channel",
    ),
    ("The population of Kakuma camp is about 200,000.", "about 200,000", "Kakuma camp"),
    (
        "UNHCR counted 2,140 new arrivals at the Gallabat border point on Friday.",
        "2,140 new arrivals",
        "Gallabat border point",
    ),
    ("Registered IDPs: Adamawa: 210,000; Yobe: 150,000.", "150,000", "Yobe"),
    ("Arrivals in Europe: 1.4 million (Germany 600,000, Poland 420,000).", "420,000", "Poland"),
    (
        "Up to 30,000 residents remain in besieged Vuhledar without power, officials said.",
        "Up to 30,000 residents",
        "Vuhledar",
    ),
    ("Mariupol: Some 100,000 civilians are still trapped.", "Some 100,000 civilians", "Mariupol"),
]


@pytest.mark.parametrize(("text", "surface", "expected"), SYNTAX_PLACES)
def test_places_from_syntax(text, surface, expected):
    assert _location(text, surface) == expected


# where the figure is, not where people came from, the reporter filed from, or when
WHERE = [
    (
        "Kakuma, which shelters more than 200,000 refugees mostly from South Sudan, is full.",
        "more than 200,000 refugees",
        "Kakuma",
    ),
    (
        "Fighting flared near Kharkiv on Monday. Officials said 14 people were hurt in the city.",
        "14 people",
        "Kharkiv",
    ),
    (
        "KYIV, March 3 (Reuters) - Russian strikes killed 12 people in Kherson on Sunday.",
        "12 people",
        "Kherson",
    ),
    (
        "Some 20,000 people fled in late September, the government said.",
        "Some 20,000 people",
        None,
    ),
    (
        "Nine soldiers were killed in North Waziristan on Sunday, Pakistan's military said.",
        "Nine soldiers",
        "North Waziristan",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), WHERE)
def test_where_the_figure_is(text, surface, expected):
    assert _location(text, surface) == expected


def test_a_sentence_without_a_place_goes_on_about_its_paragraph():
    text = (
        "Boats reached Lampedusa overnight, the coast guard said. About 400 people were taken "
        "to the reception centre.\n\nItaly's government said Italy would ask for help, and "
        "officials in Italy agreed."
    )
    assert _location(text, "About 400 people") == "Lampedusa"

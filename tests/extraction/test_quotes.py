"""Figures inside a quotation that runs over several sentences take the quote's speaker, named
after the closing quote or before the opening one. All sentences are new."""

import pytest

from .conftest import claim_at, claims_in

CASES = [
    (
        '"The situation is catastrophic. More than 4,000 people have been killed since Friday," '
        "the governor said.",
        "More than 4,000 people",
        "governor",
    ),
    (
        'The governor told reporters: "The roads are cut. Some 900 families have no water."',
        "Some 900 families",
        "governor",
    ),
    (
        "\u201cWe are overwhelmed. Some 12,000 people are sleeping outside,\u201d said Maria "
        "Lopez, a Red Cross official.",
        "Some 12,000 people",
        "Maria Lopez",
    ),
    # a quote closed in its own paragraph does not lend its speaker to the next paragraph
    (
        '"Nobody can say. Perhaps 500 died," the priest said.\n\n'
        "Thirty bodies were recovered from the river.",
        "Thirty bodies",
        None,
    ),
    # an unclosed straight quote stops at the end of its paragraph
    (
        '"We were told to leave.\n\nAround 2,000 people left the town, the mayor said.',
        "Around 2,000 people",
        "mayor",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), CASES)
def test_quoted_speaker(text, surface, expected):
    assert claim_at(text, surface).attributed_to == expected


# sources the parser hides: an ordinal in the speaker's title, a source cut off as a sentence
# of its own, a report that "found" hung on its noun
SOURCES = [
    (
        "The commander of the 3rd Brigade said his troops had repelled 9 assaults near Toretsk.",
        "9 assaults",
        "commander of the 3rd Brigade",
    ),
    (
        "More than 2,000 people a day crossed from Sudan into Chad at the Adre crossing in the "
        "first weeks of the fighting, border officials said.",
        "More than 2,000 people",
        "border officials",
    ),
    (
        "Almost 60 percent of displaced households in Hodeidah are headed by women, a REACH "
        "assessment found.",
        "Almost 60 percent of displaced households",
        "REACH assessment",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), SOURCES)
def test_hidden_sources(text, surface, expected):
    assert claim_at(text, surface).attributed_to == expected


# closing sources the parser tied into the clause before them, and headings over bullets
MORE_SOURCES = [
    (
        "Strikes on the city killed two people and wounded at least 41 others, regional "
        "governor Oleh Syniehubov said on Saturday.",
        "at least 41 others",
        "regional governor Oleh Syniehubov",
    ),
    (
        "Of those, 200 have been killed and 1,500 wounded, the military estimates.",
        "1,500",
        "military",
    ),
    (
        '"Nobody is safe here. At least 30 people drowned this month," said Ana Ruiz of the '
        "charity Sea Watch 3.",
        "At least 30 people",
        "Ana Ruiz of the charity Sea Watch 3",
    ),
    (
        "YEMEN - key figures reported by OCHA:\n\u2022 4.5 million internally displaced people\n"
        "\u2022 21.6 million people in need",
        "21.6 million people",
        "OCHA",
    ),
    (
        "UNHCR figures as of 31 May show:\n- 960,000 registered refugees\n- 52% of them children",
        "960,000 registered refugees",
        "UNHCR figures",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), MORE_SOURCES)
def test_closing_and_heading_sources(text, surface, expected):
    assert claim_at(text, surface).attributed_to == expected


def test_bullets_are_sentences_of_their_own():
    text = "Key figures:\n\u2022 4.5 million displaced in Marib\n\u2022 1,200 killed in Taiz"
    found = {c.surface: c for c in claims_in(text)}
    assert found["1,200"].location == "Taiz"
    assert found["1,200"].sentence == "1,200 killed in Taiz"


def test_datelines_and_headlines_are_not_sources():
    text = (
        "SkyJet posts record £310m profit\n\n"
        "LONDON, Nov 9 (Reuters) - British airline SkyJet reported a record annual profit of "
        "£310 million on Thursday."
    )
    found = {c.surface: c.attributed_to for c in claims_in(text)}
    assert found == {"£310m profit": None, "£310 million": "British airline SkyJet"}


def test_heading_sources_and_headlines():
    text = (
        "Kakuma, Kenya \u2013 UNHCR figures as of 30 April show:\n- 290,000 registered refugees\n"
        "- 55% of them children"
    )
    found = {c.surface: c.attributed_to for c in claims_in(text)}
    assert found["290,000 registered refugees"] == "UNHCR figures"
    assert found["55% of them"] == "UNHCR figures"
    text = (
        "Strikes on Odesa kill 9, wound dozens\nKYIV (Reuters) - Russian drones wounded at "
        "least 40 people, governor Oleh Kiper said on Sunday."
    )
    found = {c.surface: c.attributed_to for c in claims_in(text)}
    assert found["9"] is None and found["at least 40 people"] == "governor Oleh Kiper"


def test_a_participle_is_not_a_source():
    text = "Parliament passed the law, a move expected to add tens of thousands of men."
    assert [c.attributed_to for c in claims_in(text)] == [None]


LIST_SOURCES = [
    (
        "According to the Gaza health ministry, as of Monday:\n- Killed: 40,100\n- Wounded: 92,700",
        "92,700",
        "Gaza health ministry",
    ),
    ("Sea arrivals, January-May: Italy 21,300; Spain 14,900 (source: UNHCR).", "14,900", "UNHCR"),
    (
        "Military aid by donor: United States \u20ac60bn; Germany \u20ac11bn (Kiel Institute).",
        "\u20ac11bn",
        "Kiel Institute",
    ),
    (
        "The mission has verified 11,700 civilian deaths, including 620 children, it said.",
        "620 children",
        "mission",
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), LIST_SOURCES)
def test_sources_of_lists(text, surface, expected):
    assert claim_at(text, surface).attributed_to == expected

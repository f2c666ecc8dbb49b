"""Figures inside a quotation that runs over several sentences take the quote's speaker, named
after the closing quote or before the opening one. All sentences are new."""

import pytest

from .conftest import claims_in

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
    found = {c.surface: c for c in claims_in(text)}
    assert surface in found, sorted(found)
    assert found[surface].attributed_to == expected


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
    found = {c.surface: c for c in claims_in(text)}
    assert surface in found, sorted(found)
    assert found[surface].attributed_to == expected

"""Table-driven tests for the general context rules: list items, nouns before the figure,
compounds, location precedence, attribution placement and recall fixes. All sentences are new."""

import pytest

from .conftest import claims_in


def _by_surface(text: str) -> dict:
    return {c.surface: c for c in claims_in(text)}


# text, surface, field, expected
CONTEXT = [
    # list items take the counted noun of the figure they continue, and their own place
    (
        "Camps hold 2,000 asylum seekers in Kos, 1,500 in Leros and about 600 on Samos, "
        "the ministry said.",
        "1,500",
        "category",
        "displacement",
    ),
    (
        "Camps hold 2,000 asylum seekers in Kos, 1,500 in Leros and about 600 on Samos, "
        "the ministry said.",
        "about 600",
        "location",
        "Samos",
    ),
    (
        "A little over 2,000 troops of the 4,000 promised by the bloc have arrived in Bangui.",
        "4,000",
        "category",
        "military",
    ),
    (
        "The UN agency said 2,000,000 people had fled Sudan, of whom more than 900,000 had "
        "gone to Chad.",
        "more than 900,000",
        "category",
        "displacement",
    ),
    # nouns before the figure
    (
        "Rohingya refugees numbering 2,000 or more have crossed into India.",
        "2,000 or more",
        "category",
        "displacement",
    ),
    (
        "Some 9,000 migrants reached the island of Kos, population 5,000, within two days.",
        "5,000",
        "category",
        "population",
    ),
    # compounds and state words
    ("The 11,000-strong UN peacekeeping mission will leave.", None, "category", "military"),
    ("Divers recovered four bodies from the lake.", "four bodies", "category", "casualties"),
    ("The storm claimed 230 lives.", "230 lives", "category", "casualties"),
    ("Floods: at least 2,100 dead in Sylhet, officials say", None, "category", "casualties"),
    ("Clashes send 12,000 fleeing into Niger", "12,000", "category", "displacement"),
    (
        "Gunmen wounded three farmers near Jenin, the army said.",
        "three farmers",
        "category",
        "casualties",
    ),
    (
        "A fire swept a camp in Kutupalong, leaving some 30,000 Rohingya homeless.",
        None,
        "category",
        "displacement",
    ),
    ("About 300 Eritreans went home on Monday.", None, "category", "displacement"),
    (
        "Floods in the north killed roughly 2 million livestock, officials said.",
        None,
        "category",
        "other",
    ),
    # location precedence
    (
        "Gunmen wounded two guards near Hebron after an attack at 0300 GMT, the army said.",
        None,
        "location",
        "Hebron",
    ),
    (
        "Kuwait pledged $500m for the rebuilding of Mosul at a conference in Paris.",
        None,
        "location",
        "Mosul",
    ),
    # attribution
    ("Clashes send 12,000 fleeing into Niger -UNHCR", None, "attributed_to", "UNHCR"),
    ("Sudan: 30,000 displaced from Nyala in a week - IOM", None, "attributed_to", "IOM"),
    (
        "The council will have to cut £1.2bn more than planned, the Audit Office said, as "
        "costs climb.",
        None,
        "attributed_to",
        "Audit Office",
    ),
    (
        "Half of Chad's population of about 18 million lacks clean water, the World Bank said.",
        "about 18 million",
        "attributed_to",
        "World Bank",
    ),
    (
        "The charity has paid out $300,000 of the $1m raised for victims in Sylhet, its head, "
        "Rahim Khan, told Reuters.",
        "$300,000",
        "attributed_to",
        "Rahim Khan",
    ),
    (
        "Peru recorded more than 900 deaths from dengue on Friday, the health ministry said.",
        None,
        "attributed_to",
        "health ministry",
    ),
    (
        "The storm put some 40 villages at risk of flooding, according to Governor Ana Ruiz.",
        None,
        "attributed_to",
        "Ana Ruiz",
    ),
    (
        "Greece's islands received 4,100 migrants in May, a rise of 30 per cent on a year "
        "earlier, coastguard data show.",
        "4,100 migrants",
        "attributed_to",
        "coastguard data",
    ),
    (
        "The budget for 2024/25 forecasts total spending of £90bn, the minister told parliament.",
        None,
        "attributed_to",
        "minister",
    ),
    (
        "The World Bank puts the cost of rebuilding Gaza at $50 billion over a decade.",
        None,
        "attributed_to",
        "World Bank",
    ),
]


@pytest.mark.parametrize(("text", "surface", "field", "expected"), CONTEXT)
def test_context_rules(text, surface, field, expected):
    found = claims_in(text)
    if surface is None:
        assert len(found) == 1, [c.surface for c in found]
        claim = found[0]
    else:
        claim = next((c for c in found if c.surface.startswith(surface)), None)
        assert claim is not None, [c.surface for c in found]
    value = getattr(claim, field)
    if field == "attributed_to":
        assert value is not None and expected in value, (field, value)
    else:
        assert value == expected, (field, value)


# text, surfaces that must be found
RECALL = [
    ("Arrivals climbed from 41,000 in 2019 to 97,000 in 2020, data show.", ["41,000", "97,000"]),
    ("Egypt secures $5bn IMF standby loan as debts mount", ["$5bn"]),
]


@pytest.mark.parametrize(("text", "surfaces"), RECALL)
def test_recall(text, surfaces):
    found = [c.surface for c in claims_in(text)]
    for surface in surfaces:
        assert any(f.startswith(surface) for f in found), found


QUALIFIERS = [
    ("A little under 800 homes were damaged.", "less_than"),
    ("Slightly fewer than 800 homes were damaged.", "less_than"),
    ("Just below 800 homes were damaged.", "less_than"),
    ("Just short of 800 homes were damaged.", "nearly"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIERS)
def test_under_is_less_than(text, qualifier):
    (claim,) = claims_in(text)
    assert claim.qualifier == qualifier
    assert claim.high == 800 and claim.low is None


@pytest.mark.parametrize(
    "text",
    [
        "The operator said reactor No. 3 at the plant was shut.",
        "Inspectors visited unit No 2 of the station on Friday.",
    ],
)
def test_number_labels_are_names(text):
    assert claims_in(text) == []

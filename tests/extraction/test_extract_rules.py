"""Table-driven tests of every extraction rule and every exclusion in the spec."""

from datetime import date

import pytest

from .conftest import claims_in, only_claim

# text, surface, value, low, high, qualifier
FIGURES = [
    ("Officials counted 10,000 refugees.", "10,000 refugees", 10_000, 10_000, 10_000, "exact"),
    (
        "Some 3.6 million people live there.",
        "Some 3.6 million people",
        3.6e6,
        None,
        None,
        "approximate",
    ),
    ("Aid reached 1.2m people.", "1.2m people", 1.2e6, 1.2e6, 1.2e6, "exact"),
    ("A million people marched.", "A million people", 1e6, 1e6, 1e6, "exact"),
    ("One million people marched.", "One million people", 1e6, 1e6, 1e6, "exact"),
    ("Three million people marched.", "Three million people", 3e6, 3e6, 3e6, "exact"),
    ("Half a million people marched.", "Half a million people", 5e5, 5e5, 5e5, "exact"),
    ("Police arrested a dozen protesters.", "a dozen protesters", 12, 12, 12, "exact"),
    ("Police arrested twelve protesters.", "twelve protesters", 12, 12, 12, "exact"),
    ("Police arrested twenty-five protesters.", "twenty-five protesters", 25, 25, 25, "exact"),
    ("About 500 families returned.", "About 500 families", 500, None, None, "approximate"),
    ("Around 500 families returned.", "Around 500 families", 500, None, None, "approximate"),
    ("Roughly 500 families returned.", "Roughly 500 families", 500, None, None, "approximate"),
    (
        "An estimated 500 families returned.",
        "An estimated 500 families",
        500,
        None,
        None,
        "approximate",
    ),
    (
        "Approximately 500 families returned.",
        "Approximately 500 families",
        500,
        None,
        None,
        "approximate",
    ),
    ("More than 500 families returned.", "More than 500 families", 500, 500, None, "more_than"),
    ("Over 500 families returned.", "Over 500 families", 500, 500, None, "more_than"),
    ("At least 500 families returned.", "At least 500 families", 500, 500, None, "more_than"),
    ("Upwards of 500 families returned.", "Upwards of 500 families", 500, 500, None, "more_than"),
    ("Fewer than 500 families returned.", "Fewer than 500 families", 500, None, 500, "less_than"),
    ("Under 500 families returned.", "Under 500 families", 500, None, 500, "less_than"),
    ("Up to 500 families returned.", "Up to 500 families", 500, None, 500, "less_than"),
    ("Less than 500 families returned.", "Less than 500 families", 500, None, 500, "less_than"),
    ("Nearly 500 families returned.", "Nearly 500 families", 500, None, 500, "nearly"),
    ("Almost 500 families returned.", "Almost 500 families", 500, None, 500, "nearly"),
    ("Close to 500 families returned.", "Close to 500 families", 500, None, 500, "nearly"),
    ("Just under 500 families returned.", "Just under 500 families", 500, None, 500, "less_than"),
    (
        "Between 10,000 and 13,000 families returned.",
        "Between 10,000 and 13,000 families",
        None,
        10_000,
        13_000,
        "range",
    ),
    (
        "Officials said 10,000-13,000 families returned.",
        "10,000-13,000 families",
        None,
        10_000,
        13_000,
        "range",
    ),
    (
        "Officials said 10,000 to 13,000 families returned.",
        "10,000 to 13,000 families",
        None,
        10_000,
        13_000,
        "range",
    ),
    (
        "Officials said 3 to 4 million people voted.",
        "3 to 4 million people",
        None,
        3e6,
        4e6,
        "range",
    ),
    ("Dozens of families returned.", "Dozens of families", None, 24, 143, "vague"),
    ("Hundreds of families returned.", "Hundreds of families", None, 200, 999, "vague"),
    ("Thousands of families returned.", "Thousands of families", None, 2000, 9999, "vague"),
    (
        "Tens of thousands of families returned.",
        "Tens of thousands of families",
        None,
        20_000,
        99_999,
        "vague",
    ),
    (
        "Hundreds of thousands of families returned.",
        "Hundreds of thousands of families",
        None,
        200_000,
        999_999,
        "vague",
    ),
    ("Millions of families returned.", "Millions of families", None, 2e6, 9_999_999, "vague"),
    ("Several thousand families returned.", "Several thousand families", None, 2000, 9999, "vague"),
    ("Some 500 or so families returned.", "Some 500", 500, None, None, "approximate"),
    (
        "They said 500 or more families returned.",
        "500 or more families",
        500,
        500,
        None,
        "more_than",
    ),
]


@pytest.mark.parametrize(("text", "surface", "value", "low", "high", "qualifier"), FIGURES)
def test_figures_and_qualifiers(text, surface, value, low, high, qualifier):
    found = claims_in(text)
    match = [c for c in found if c.surface.startswith(surface)]
    assert match, [c.surface for c in found]
    c = match[0]
    assert text[c.start : c.end] == c.surface
    assert c.surface == surface or c.surface.startswith(surface + " ")
    assert c.value == (pytest.approx(value) if value is not None else None)
    assert c.low == (pytest.approx(low) if low is not None else None)
    assert c.high == (pytest.approx(high) if high is not None else None)
    assert c.qualifier == qualifier


UNITS = [
    ("The EU pledged $2.5bn in aid.", "$2.5bn", 2.5e9, "currency", "USD"),
    ("Germany gave 6 billion euros in aid.", "6 billion euros", 6e9, "currency", "EUR"),
    ("Brussels promised €6bn to Ankara.", "€6bn", 6e9, "currency", "EUR"),
    ("London offered £100m to the agency.", "£100m", 1e8, "currency", "GBP"),
    ("Ankara has spent 40 billion lira on the camps.", "40 billion lira", 4e10, "currency", "TRY"),
    (
        "About 40 percent of the refugees are children.",
        "About 40 percent of the refugees",
        40,
        "percent",
        None,
    ),
    ("About 40% of the refugees are children.", "About 40% of the refugees", 40, "percent", None),
    ("One in five children is malnourished.", "One in five children", 0.2, "ratio", None),
    ("1 in 5 children is malnourished.", "1 in 5 children", 0.2, "ratio", None),
    ("A third of the refugees are children.", "A third of the refugees", 1 / 3, "ratio", None),
    (
        "Two-thirds of the refugees are children.",
        "Two-thirds of the refugees",
        2 / 3,
        "ratio",
        None,
    ),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "currency"), UNITS)
def test_units_and_currencies(text, surface, value, unit, currency):
    c = only_claim(text)
    assert c.surface == surface
    assert c.value == pytest.approx(value)
    assert (c.unit, c.currency) == (unit, currency)
    if currency:
        assert c.category == "money"


def test_vague_money():
    c = only_claim("Turkey was promised billions of euros in financial aid.")
    assert (c.surface, c.qualifier, c.currency, c.category) == (
        "billions of euros",
        "vague",
        "EUR",
        "money",
    )
    assert (c.low, c.high, c.value) == (2e9, 9_999_999_999, None)
    assert c.counted == "financial aid"


CATEGORIES = [
    (
        "The general said they sent thousands of troops to the province.",
        "thousands of troops",
        "military",
        "troops",
    ),
    (
        "The offensive forced nearly a million people to flee.",
        "nearly a million people",
        "displacement",
        "people",
    ),
    (
        "After the murder of dozens of his soldiers, Ankara struck back.",
        "dozens of his soldiers",
        "casualties",
        "soldiers",
    ),
    (
        "Idlib is home to more than three million people.",
        "more than three million people",
        "population",
        "people",
    ),
    (
        "In 2015 more than one million people fled to Europe.",
        "more than one million people",
        "displacement",
        "people",
    ),
    (
        "Ankara set up 12 military observation posts in Idlib.",
        "12 military observation posts",
        "other",
        "military observation posts",
    ),
    (
        "Turkey hosts 3.6 million Syrian refugees.",
        "3.6 million Syrian refugees",
        "displacement",
        "Syrian refugees",
    ),
    ("At least 30 people were killed in the attack.", "At least 30 people", "casualties", "people"),
    ("The strike killed 30 civilians.", "30 civilians", "casualties", "civilians"),
    (
        "Some 200 people who fled the town are sleeping in tents.",
        "Some 200 people",
        "displacement",
        "people",
    ),
    ("Russia deployed 5,000 soldiers near the border.", "5,000 soldiers", "military", "soldiers"),
    ("The town has 40,000 residents.", "40,000 residents", "population", "residents"),
    ("About 2,000 people live in the village.", "About 2,000 people", "population", "people"),
    (
        "Rescuers found 40 wounded soldiers.",
        "40 wounded soldiers",
        "casualties",
        "wounded soldiers",
    ),
    ("The ministry opened 14 new schools.", "14 new schools", "other", "new schools"),
]


@pytest.mark.parametrize(("text", "surface", "category", "counted"), CATEGORIES)
def test_category_from_noun_and_syntax(text, surface, category, counted):
    c = only_claim(text)
    assert c.surface == surface
    assert c.category == category
    assert c.counted == counted


def test_category_from_measure_verb_subject():
    c = only_claim("The death toll rose to 54.")
    assert (c.surface, c.category, c.counted) == ("54", "casualties", "death toll")


ATTRIBUTIONS = [
    (
        "Some 13,000 refugees have gathered at the border, the International Organization for "
        "Migration said.",
        "International Organization for Migration",
    ),
    ("Greece said Sunday that it has blocked almost 10,000 refugees.", "Greece"),
    ("About 5,000 people have fled, according to UNHCR.", "UNHCR"),
    ("The mayor told reporters that 300 homes were destroyed.", "mayor"),
    ("The World Bank estimated that 2 million people had lost their jobs.", "World Bank"),
    ("Nearly 100 soldiers died, the ministry confirmed.", "ministry"),
    ("At least 20 people were killed, said Defense Minister Hulusi Akar.", "Hulusi Akar"),
]


@pytest.mark.parametrize(("text", "who"), ATTRIBUTIONS)
def test_attribution(text, who):
    c = only_claim(text)
    assert c.attributed_to is not None and who.lower() in c.attributed_to.lower()


def test_no_attribution_without_a_speaker():
    assert only_claim("Turkey hosts 3.6 million Syrian refugees.").attributed_to is None


LOCATIONS = [
    ("Turkey already hosts more than 3.6 million Syrian refugees.", "Turkey"),
    ("More than one million people fled to Europe.", "Europe"),
    ("Ankara set up 12 military observation posts in Idlib.", "Idlib"),
    ("About 2,000 people live in the village near Aleppo.", "Aleppo"),
]


@pytest.mark.parametrize(("text", "place"), LOCATIONS)
def test_location_in_clause(text, place):
    assert only_claim(text).location == place


def test_location_falls_back_to_the_articles_dominant_place():
    text = (
        "Fighting in Idlib intensified. Idlib is under siege. "
        "Aid groups said 300 families need shelter."
    )
    c = only_claim(text)
    assert c.location == "Idlib"


TIMES = [
    ("On Sunday, 300 refugees arrived.", "On Sunday", date(2020, 3, 1), date(2020, 3, 1)),
    (
        "Some 300 refugees have arrived since december.",
        "since december",
        date(2019, 12, 1),
        date(2020, 3, 2),
    ),
    ("In 2015, 300 refugees arrived.", "In 2015", date(2015, 1, 1), date(2015, 12, 31)),
    ("Last week 300 refugees arrived.", "Last week", date(2020, 2, 24), date(2020, 3, 1)),
    ("Last month 300 refugees arrived.", "Last month", date(2020, 2, 1), date(2020, 2, 29)),
    ("This year 300 refugees arrived.", "This year", date(2020, 1, 1), date(2020, 3, 2)),
    ("In recent days 300 refugees arrived.", "In recent days", date(2020, 2, 24), date(2020, 3, 2)),
    ("On March 5, 300 refugees arrived.", "On March 5", date(2020, 3, 5), date(2020, 3, 5)),
]


@pytest.mark.parametrize(("text", "time_text", "start", "end"), TIMES)
def test_time_resolution(text, time_text, start, end):
    c = only_claim(text)
    assert c.time_text == time_text
    assert (c.period_start, c.period_end) == (start, end)


def test_relative_time_needs_publication_date():
    c = only_claim("On Sunday, 300 refugees arrived.", published_on=None)
    assert c.time_text == "On Sunday"
    assert (c.period_start, c.period_end) == (None, None)
    c = only_claim("In 2015, 300 refugees arrived.", published_on=None)
    assert (c.period_start, c.period_end) == (date(2015, 1, 1), date(2015, 12, 31))


NOT_CLAIMS = [
    "The talks were held on 2020-03-02 in Geneva.",
    "In 2018, they reached an agreement.",
    "Erdogan referred to a 2016 agreement with Brussels.",
    "The crisis was similar to 2015.",
    "Erdogan will visit Russia on Thursday.",
    "The president will travel on March 5.",
    "The meeting starts at 10 a.m. local time.",
    "The meeting started at 10:30 in the capital.",
    "He was the third leader to resign.",
    "The 5th convoy arrived.",
    "The president will make a one-day visit to Russia.",
    "The war has lasted three years.",
    "The ceasefire expires in 48 hours.",
    "It was the worst crisis since World War II.",
    "The council passed Resolution 2254 unanimously.",
    "The COVID-19 pandemic slowed the talks.",
    "Leaders of the G20 met in Riyadh.",
    "NATO could invoke Article 5.",
    "Turkey bought F-16 jets.",
    "A 7-year-old boy was found alive.",
    "A man aged 45 was arrested.",
    "Call +90 212 555 1234 for details.",
    "Barcelona won 3-1 in the final.",
    "One of the officials resigned.",
    "No one was hurt, and the one who left returned.",
    "date 2020-03-02 The talks began.",
    "The talks lasted for decades.",
    "It was his second visit this year.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text):
    assert [c.surface for c in claims_in(text)] == []


def test_exclusions_keep_the_real_figure_in_the_sentence():
    text = "In 2018, after a one-day visit on March 5, 12 soldiers were killed in Idlib."
    assert [c.surface for c in claims_in(text)] == ["12 soldiers"]
